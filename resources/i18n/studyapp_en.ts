<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AssignmentsPanel</name>
    <message numerus="yes">
        <location filename="../../studyapp/ui/assignments.py" line="127"/>
        <source>The assignment “%1” is imported: %n answer(s) by %2.</source>
        <translation>
            <numerusform>The assignment “%1” is imported: %n answer by %2.</numerusform>
            <numerusform>The assignment “%1” is imported: %n answers by %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BrowserPage</name>
    <message numerus="yes">
        <location filename="../../studyapp/ui/browser.py" line="388"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/browser.py" line="487"/>
        <source>Move %n item(s) to deck:</source>
        <translation>
            <numerusform>Move %n item to deck:</numerusform>
            <numerusform>Move %n items to deck:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassDashboard</name>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="120"/>
        <source>Reading %n bundle(s)…</source>
        <translation>
            <numerusform>Reading %n bundle…</numerusform>
            <numerusform>Reading %n bundles…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="132"/>
        <source>%n student(s)</source>
        <translation>
            <numerusform>%n student</numerusform>
            <numerusform>%n students</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassroomMenu</name>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_menu.py" line="54"/>
        <source>Wrote %n answer(s) to %1. Give this file to your teacher.</source>
        <translation>
            <numerusform>Wrote %n answer to %1. Give this file to your teacher.</numerusform>
            <numerusform>Wrote %n answers to %1. Give this file to your teacher.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_menu.py" line="89"/>
        <source>The class model is installed (it knows %n item(s)); %1.</source>
        <translation>
            <numerusform>The class model is installed (it knows %n item); %1.</numerusform>
            <numerusform>The class model is installed (it knows %n items); %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_menu.py" line="90"/>
        <source>%n profile(s) adapted to it</source>
        <translation>
            <numerusform>%n profile adapted to it</numerusform>
            <numerusform>%n profiles adapted to it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_menu.py" line="101"/>
        <source>Back to the model StudyApp came with; %n profile(s) adapted to it.</source>
        <translation>
            <numerusform>Back to the model StudyApp came with; %n profile adapted to it.</numerusform>
            <numerusform>Back to the model StudyApp came with; %n profiles adapted to it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_menu.py" line="102"/>
        <source>Back to the previous class model; %n profile(s) adapted to it.</source>
        <translation>
            <numerusform>Back to the previous class model; %n profile adapted to it.</numerusform>
            <numerusform>Back to the previous class model; %n profiles adapted to it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <location filename="../../studyapp/ui/importing.py" line="115"/>
        <source>%n new item(s)</source>
        <translation>
            <numerusform>%n new item</numerusform>
            <numerusform>%n new items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/importing.py" line="116"/>
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/importing.py" line="117"/>
        <source>%n answer(s) of history</source>
        <translation>
            <numerusform>%n answer of history</numerusform>
            <numerusform>%n answers of history</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/importing.py" line="139"/>
        <source>Import finished: %n file(s) imported, %1 failed.</source>
        <translation>
            <numerusform>Import finished: %n file imported, %1 failed.</numerusform>
            <numerusform>Import finished: %n files imported, %1 failed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportExport</name>
    <message numerus="yes">
        <location filename="../../studyapp/ui/import_export.py" line="85"/>
        <source>Wrote %n item(s) to %1.</source>
        <translation>
            <numerusform>Wrote %n item to %1.</numerusform>
            <numerusform>Wrote %n items to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message numerus="yes">
        <location filename="../../studyapp/ui/statistics.py" line="312"/>
        <source>%n answer(s)</source>
        <translation>
            <numerusform>%n answer</numerusform>
            <numerusform>%n answers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/statistics.py" line="314"/>
        <source>on %n day(s)</source>
        <translation>
            <numerusform>on %n day</numerusform>
            <numerusform>on %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/statistics.py" line="315"/>
        <source>%n item(s) seen</source>
        <translation>
            <numerusform>%n item seen</numerusform>
            <numerusform>%n items seen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message numerus="yes">
        <location filename="../../studyapp/ui/summary.py" line="148"/>
        <source>%n item(s) you missed earlier in this session were right later.</source>
        <translation>
            <numerusform>%n item you missed earlier in this session was right later.</numerusform>
            <numerusform>%n items you missed earlier in this session were right later.</numerusform>
        </translation>
    </message>
</context>
</TS>
