<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssignmentsPanel</name>
    <message>
        <location filename="../../studyapp/ui/assignments.py" line="68"/>
        <source>Assignments</source>
        <translation>作业</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/assignments.py" line="69"/>
        <source>Import an &amp;assignment…</source>
        <translation>导入作业(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/assignments.py" line="91"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/assignments.py" line="91"/>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/assignments.py" line="92"/>
        <source>%1 (%2): due %3, %4 of %5 answers</source>
        <translation>%1（%2）：截止 %3，已作答 %4 次，共 %5 次</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/assignments.py" line="113"/>
        <source>Import an assignment</source>
        <translation>导入作业</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/assignments.py" line="114"/>
        <source>Class assignments (*%1)</source>
        <translation>班级作业 (*%1)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/assignments.py" line="124"/>
        <source>It is signed by the key %1: check with your teacher that it is theirs. From now on this laptop takes only assignments and class models signed by it.</source>
        <translation>它由密钥 %1 签名：请向老师核对这是老师的密钥。从现在起，这台电脑只接受由该密钥签名的作业和班级模型。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/assignments.py" line="126"/>
        <source>It is signed by your teacher&apos;s key %1.</source>
        <translation>它由你老师的密钥 %1 签名。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/assignments.py" line="127"/>
        <source>The assignment “%1” is imported: %n answer(s) by %2.</source>
        <translation>
            <numerusform>作业“%1”已导入：请在 %2 前完成 %n 次作答。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/assignments.py" line="138"/>
        <source>Classroom</source>
        <translation>课堂</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <location filename="../../studyapp/ui/backups.py" line="164"/>
        <source>Finish studying first (Esc), then open the backups.</source>
        <translation>请先结束学习（Esc），再打开备份。</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <location filename="../../studyapp/ui/backups.py" line="70"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/backups.py" line="71"/>
        <source>StudyApp backs up your data when it closes, at most once a day. Restoring replaces everything with the backup; the current data is kept in the backups folder until you delete it.</source>
        <translation>StudyApp 在关闭时备份你的数据，每天最多一次。恢复会用备份替换全部数据；当前数据会保存在备份文件夹中，直到你删除它。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/backups.py" line="74"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/backups.py" line="75"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/backups.py" line="93"/>
        <source>No backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/backups.py" line="103"/>
        <source>Backup made.</source>
        <translation>备份已完成。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/backups.py" line="110"/>
        <location filename="../../studyapp/ui/backups.py" line="131"/>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/backups.py" line="111"/>
        <source>Replace all your data with the backup of %1?</source>
        <translation>用 %1 的备份替换你的全部数据吗？</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/backups.py" line="132"/>
        <source>The restore replaces the data of %1, which has a PIN. Type it:</source>
        <translation>恢复会替换 %1 的数据，该档案设有 PIN。请输入 PIN：</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/backups.py" line="143"/>
        <source>Restored the backup; your previous data is kept as %1 in the backups folder until you delete it.</source>
        <translation>备份已恢复；之前的数据保存为备份文件夹中的 %1，直到你删除它。</translation>
    </message>
</context>
<context>
    <name>BrowserPage</name>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="57"/>
        <source>Flashcard</source>
        <translation>卡片</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="58"/>
        <source>Two-way card</source>
        <translation>双向卡片</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="59"/>
        <source>Cloze</source>
        <translation>填空</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="60"/>
        <source>Multiple choice</source>
        <translation>选择题</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="61"/>
        <source>Typed answer</source>
        <translation>输入答案</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="62"/>
        <source>True/false</source>
        <translation>判断题</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="300"/>
        <source>Browse: %1</source>
        <translation>浏览：%1</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="301"/>
        <source>Browse all decks</source>
        <translation>浏览所有牌组</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="302"/>
        <source>Search prompts, answers, tags and skills  [Ctrl+F]</source>
        <translation>搜索题目、答案、标签和技能  [Ctrl+F]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="303"/>
        <source>Prompt</source>
        <translation>题目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="303"/>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="303"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="304"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="304"/>
        <source>Deck</source>
        <translation>牌组</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="304"/>
        <source>Interval</source>
        <translation>间隔</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="305"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="307"/>
        <source>&amp;Deck</source>
        <translation>牌组(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="309"/>
        <location filename="../../studyapp/ui/browser.py" line="339"/>
        <source>All decks</source>
        <translation>全部牌组</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="310"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="310"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="310"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="310"/>
        <source>Given</source>
        <translation>所答</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="311"/>
        <source>Add  [Ctrl+N]</source>
        <translation>添加  [Ctrl+N]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="311"/>
        <source>Edit  [Enter]</source>
        <translation>编辑  [回车]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="312"/>
        <source>Delete  [Del]</source>
        <translation>删除  [Del]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="312"/>
        <source>Move to deck…  [Ctrl+M]</source>
        <translation>移到牌组…  [Ctrl+M]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="313"/>
        <source>Undo  [Ctrl+Z]</source>
        <translation>撤销  [Ctrl+Z]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="313"/>
        <source>Back  [Esc]</source>
        <translation>返回  [Esc]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="361"/>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="362"/>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/browser.py" line="388"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 个条目</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="412"/>
        <source>Right</source>
        <translation>对</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="412"/>
        <source>Wrong</source>
        <translation>错</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="414"/>
        <source>%1 (taken back)</source>
        <translation>%1（已撤销）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="420"/>
        <source>Answers to the selected item</source>
        <translation>所选项目的作答记录</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="422"/>
        <source>Answers to this item: %1</source>
        <translation>此项目的作答：%1 次</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="424"/>
        <source>Not answered yet</source>
        <translation>尚未作答</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="487"/>
        <source>Move items</source>
        <translation>移动条目</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/browser.py" line="487"/>
        <source>Move %n item(s) to deck:</source>
        <translation>
            <numerusform>将 %n 个条目移到牌组：</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BundleExportDialog</name>
    <message>
        <location filename="../../studyapp/ui/classroom.py" line="121"/>
        <source>Answers for the teacher</source>
        <translation>交给老师的答题记录</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom.py" line="122"/>
        <source>Writes a file with your answers (which item, right or wrong, when) for your teacher. It holds no other data from this computer.</source>
        <translation>为老师生成一个包含你答题记录的文件（哪道题、对错、时间）。文件中没有这台电脑上的其他数据。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom.py" line="124"/>
        <source>Include my &amp;name (otherwise the teacher sees a code, not who you are)</source>
        <translation>包含我的姓名(&amp;N)（否则老师只看到一个代号，不知道你是谁）</translation>
    </message>
</context>
<context>
    <name>ClassDashboard</name>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="93"/>
        <source>Class dashboard</source>
        <translation>班级概况</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="94"/>
        <source>&amp;Open bundles…</source>
        <translation>打开答题包(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="96"/>
        <source>Open the bundles your students gave you (%1 files).</source>
        <translation>打开学生交给你的答题包（%1 文件）。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="98"/>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="103"/>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="98"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="98"/>
        <source>Mastery</source>
        <translation>掌握程度</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="98"/>
        <source>± 95%</source>
        <translation>± 95%</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="98"/>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="100"/>
        <source>By deck</source>
        <translation>按牌组</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="100"/>
        <source>By skill</source>
        <translation>按技能</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="101"/>
        <source>Hardest items</source>
        <translation>最难的条目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="102"/>
        <source>Right at first try</source>
        <translation>首次答对</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="102"/>
        <source>Students</source>
        <translation>学生数</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="102"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="102"/>
        <source>Deck</source>
        <translation>牌组</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="103"/>
        <source>Not studied this week</source>
        <translation>本周未学习</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="113"/>
        <source>Class bundles</source>
        <translation>班级答题包</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="114"/>
        <source>Class bundles (*%1)</source>
        <translation>班级答题包 (*%1)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="120"/>
        <source>Reading %n bundle(s)…</source>
        <translation>
            <numerusform>正在读取 %n 个答题包…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_dashboard.py" line="132"/>
        <source>%n student(s)</source>
        <translation>
            <numerusform>%n 名学生</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClassroomMenu</name>
    <message>
        <location filename="../../studyapp/ui/classroom_menu.py" line="35"/>
        <source>Open your profile first.</source>
        <translation>请先打开你的用户。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_menu.py" line="44"/>
        <source>Export my answers for the teacher</source>
        <translation>导出答题记录交给老师</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_menu.py" line="45"/>
        <source>Class bundles (*%1)</source>
        <translation>班级答题包 (*%1)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_menu.py" line="54"/>
        <source>Wrote %n answer(s) to %1. Give this file to your teacher.</source>
        <translation>
            <numerusform>已将 %n 条答题记录写入 %1。请把这个文件交给老师。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_menu.py" line="67"/>
        <source>Finish studying first (Esc).</source>
        <translation>请先结束学习（Esc）。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_menu.py" line="76"/>
        <source>Install the class model</source>
        <translation>安装班级模型</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_menu.py" line="77"/>
        <source>Class models (*.safetensors)</source>
        <translation>班级模型 (*.safetensors)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_menu.py" line="80"/>
        <source>Installing the class model and adapting every profile to it…</source>
        <translation>正在安装班级模型，并让每个用户适应它…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_menu.py" line="86"/>
        <source>It is signed by the key %1: check with your teacher that it is theirs. From now on this laptop installs only class models signed by it.</source>
        <translation>它由密钥 %1 签名：请向老师核对这是老师的密钥。从现在起，这台电脑只安装由该密钥签名的班级模型。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_menu.py" line="88"/>
        <source>It is signed by your teacher&apos;s key %1.</source>
        <translation>它由你老师的密钥 %1 签名。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_menu.py" line="89"/>
        <source>The class model is installed (it knows %n item(s)); %1.</source>
        <translation>
            <numerusform>班级模型已安装（包含 %n 个条目）；%1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_menu.py" line="90"/>
        <source>%n profile(s) adapted to it</source>
        <translation>
            <numerusform>%n 个用户已适应新模型</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_menu.py" line="101"/>
        <source>Back to the model StudyApp came with; %n profile(s) adapted to it.</source>
        <translation>
            <numerusform>已恢复 StudyApp 自带的模型；%n 个用户已适应它。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/classroom_menu.py" line="102"/>
        <source>Back to the previous class model; %n profile(s) adapted to it.</source>
        <translation>
            <numerusform>已恢复之前的班级模型；%n 个用户已适应它。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/classroom_menu.py" line="111"/>
        <source>Classroom</source>
        <translation>课堂</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="96"/>
        <source>Prompt</source>
        <translation>题目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="97"/>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="98"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="99"/>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="100"/>
        <source>Accepted answers</source>
        <translation>可接受的答案</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="101"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="102"/>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="103"/>
        <source>Explanation</source>
        <translation>解释</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="104"/>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="105"/>
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="110"/>
        <source>Comma ( , )</source>
        <translation>逗号（ , ）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="111"/>
        <source>Semicolon ( ; )</source>
        <translation>分号（ ; ）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="112"/>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="113"/>
        <source>Vertical bar ( | )</source>
        <translation>竖线（ | ）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="117"/>
        <source>Spreadsheet (columns as chosen below)</source>
        <translation>表格（按下面选择的列）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="118"/>
        <source>Quizlet export (term, definition)</source>
        <translation>Quizlet 导出（术语、定义）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="119"/>
        <source>Mnemosyne export</source>
        <translation>Mnemosyne 导出</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="203"/>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="204"/>
        <source>Choose what each column holds. A header row that names a prompt and an answer is skipped.</source>
        <translation>选择每一列的内容。写明题目和答案的标题行会被跳过。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="206"/>
        <source>&amp;Deck name</source>
        <translation>牌组名称(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="207"/>
        <source>&amp;Written by</source>
        <translation>来源程序(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="208"/>
        <source>Columns &amp;separated by</source>
        <translation>列分隔符(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="254"/>
        <source>Give the deck a name.</source>
        <translation>请给牌组起个名字。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="258"/>
        <source>The rows have one column only: choose the character that separates the columns.</source>
        <translation>每行只有一列：请选择分隔各列的字符。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="263"/>
        <source>Choose the column that holds the %1.</source>
        <translation>请选择包含%1的列。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/csv_mapping.py" line="266"/>
        <source>Only one column can be %1.</source>
        <translation>只能有一列是%1。</translation>
    </message>
</context>
<context>
    <name>ContentProblem</name>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="15"/>
        <source>the item %1 has a field (%2) longer than %3 MB</source>
        <translation>条目 %1 的一个字段（%2）超过 %3 MB</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="17"/>
        <source>unknown item kind %1 (expected one of %2)</source>
        <translation>未知的条目类型 %1（应为以下之一：%2）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="19"/>
        <source>an item has an empty prompt</source>
        <translation>有一个条目的题目为空</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="20"/>
        <source>the item %1 has an empty answer</source>
        <translation>条目 %1 的答案为空</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="21"/>
        <source>the multiple-choice item %1 needs at least 2 options</source>
        <translation>选择题 %1 至少需要 2 个选项</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="23"/>
        <source>the answer of %1 is not one of its options</source>
        <translation>%1 的答案不在它的选项之中</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="25"/>
        <source>the multiple-choice item %1 has more than 9 options</source>
        <translation>选择题 %1 的选项超过 9 个</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="27"/>
        <source>the true/false item %1 must have the answer true or false</source>
        <translation>判断题 %1 的答案必须是 true（对）或 false（错）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="29"/>
        <source>invalid deck name %1</source>
        <translation>无效的牌组名称 %1</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="30"/>
        <source>the cloze item %1 has no {{c1::...}} deletion</source>
        <translation>填空题 %1 没有 {{c1::...}} 形式的空格</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="32"/>
        <source>the item %1 has a translation for %2, which is not a language code such as zh_CN</source>
        <translation>条目 %1 有一个 %2 的翻译，但 %2 不是语言代码（例如 zh_CN）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="34"/>
        <source>the %2 translation of %1 must list as many options as the item (%4), not %3</source>
        <translation>%1 的 %2 翻译列出的选项数须与条目相同（%4 个），而不是 %3 个</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="36"/>
        <source>the answer of the %2 translation of %1 is not its option %3, which stands where the answer stands among the item&apos;s options</source>
        <translation>%1 的 %2 翻译的答案不是它的选项 %3（该选项在条目选项中的位置与答案相同）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="39"/>
        <source>the %2 translation of %1 has other gaps than the item: it has %3, the item %4</source>
        <translation>%1 的 %2 翻译的挖空与条目不同：翻译有 %3，条目有 %4</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="41"/>
        <source>in the %1 translation: %2</source>
        <translation>在 %1 翻译中：%2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="42"/>
        <source>%1 line %2</source>
        <translation>%1 第 %2 行</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="43"/>
        <source>item %1</source>
        <translation>第 %1 个条目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="44"/>
        <source>%1 field %2</source>
        <translation>%1 的字段 %2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="45"/>
        <source>the deck&apos;s tags</source>
        <translation>牌组的标签</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="46"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="47"/>
        <source>%1 does not exist</source>
        <translation>%1 不存在</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="48"/>
        <source>%1 does not exist or is not a file</source>
        <translation>%1 不存在或不是文件</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="49"/>
        <source>%1 is a folder, not a file</source>
        <translation>%1 是文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="50"/>
        <source>%1 cannot be read (%2)</source>
        <translation>无法读取 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="51"/>
        <source>%1 is larger than %2 MB; it was not imported</source>
        <translation>%1 大于 %2 MB，未导入</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="52"/>
        <source>%1 has a file type StudyApp cannot import (use .deck.toml, .csv, .tsv, .txt, .apkg or .colpkg)</source>
        <translation>StudyApp 无法导入 %1 这种类型的文件（请使用 .deck.toml、.csv、.tsv、.txt、.apkg 或 .colpkg）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="55"/>
        <source>unknown file format %1 (one of %2)</source>
        <translation>未知的文件格式 %1（可用：%2）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="56"/>
        <source>%1 is not UTF-8 text</source>
        <translation>%1 不是 UTF-8 文本</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="57"/>
        <source>%1 is empty</source>
        <translation>%1 是空的</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="58"/>
        <source>%1 is not a text file (it contains binary data)</source>
        <translation>%1 不是文本文件（含有二进制数据）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="60"/>
        <source>%1 is not UTF-8 text; save it as UTF-8 and import it again</source>
        <translation>%1 不是 UTF-8 文本；请另存为 UTF-8 后再导入</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="62"/>
        <source>%1 has unknown kind %2 (expected one of %3)</source>
        <translation>%1 的类型 %2 未知（应为以下之一：%3）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="64"/>
        <source>%1 has an empty prompt</source>
        <translation>%1 的题目为空</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="65"/>
        <source>%1 has an empty answer</source>
        <translation>%1 的答案为空</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="66"/>
        <source>%1 is not a readable CSV/TSV file (%2)</source>
        <translation>%1 不是可读取的 CSV/TSV 文件（%2）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="67"/>
        <source>%1 is empty (no cell has any text)</source>
        <translation>%1 是空的（没有任何单元格有文字）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="68"/>
        <source>%1: unknown column %2 in the header</source>
        <translation>%1：标题行中有未知的列 %2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="70"/>
        <source>unknown column name %1 (known: %2)</source>
        <translation>未知的列名 %1（可用：%2）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="71"/>
        <source>%1 has a header but no rows</source>
        <translation>%1 只有标题行，没有数据行</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="72"/>
        <source>%1 has 1 column; expected at least a prompt and an answer</source>
        <translation>%1 只有 1 列；至少需要题目和答案两列</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="74"/>
        <source>%1 has %2 columns but only %3 are named</source>
        <translation>%1 有 %2 列，但只有 %3 列指定了内容</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="76"/>
        <source>%1 has the prompt %2 twice</source>
        <translation>%1 中题目 %2 出现了两次</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="77"/>
        <source>line %1 of %2 has %3 tab-separated columns (expected question, answer and optional tags)</source>
        <translation>%2 第 %1 行有 %3 个以制表符分隔的列（应为问题、答案和可选的标签）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="80"/>
        <source>line %1 of %2 has an empty question</source>
        <translation>%2 第 %1 行的问题为空</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="82"/>
        <source>line %1 of %2 has an empty answer</source>
        <translation>%2 第 %1 行的答案为空</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="84"/>
        <source>%1 has no cards</source>
        <translation>%1 中没有卡片</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="85"/>
        <source>%1 must be a list of strings</source>
        <translation>%1 必须是字符串列表</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="86"/>
        <source>unknown fields in %1: %2</source>
        <translation>%1 中有未知的字段：%2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="87"/>
        <source>%1 has no prompt</source>
        <translation>%1 没有题目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="88"/>
        <source>%1 has an answer that is not text</source>
        <translation>%1 的答案不是文字</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="89"/>
        <source>%1 names the media file %2, which is not allowed (%3)</source>
        <translation>%1 使用的媒体文件名 %2 不被允许（%3）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="91"/>
        <source>%1 has an ord that is not a whole number</source>
        <translation>%1 的 ord 不是非负整数</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="92"/>
        <source>%1 is not a valid deck file: %2</source>
        <translation>%1 不是有效的牌组文件：语法错误</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="93"/>
        <source>%1 is not a valid deck file: %2 (at line %3, column %4)</source>
        <translation>%1 不是有效的牌组文件：第 %3 行第 %4 列有语法错误</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="95"/>
        <source>%1 is not a valid deck file: %2 (at end of document)</source>
        <translation>%1 不是有效的牌组文件：文件末尾有语法错误</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="97"/>
        <source>%1 is not a valid deck file: it nests tables or arrays too deeply</source>
        <translation>%1 不是有效的牌组文件：表或数组嵌套太深</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="99"/>
        <source>deck format %1 is not supported (this StudyApp reads format %2)</source>
        <translation>不支持牌组格式 %1（此版本的 StudyApp 读取格式 %2）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="101"/>
        <source>it has no [deck] table with a name</source>
        <translation>缺少带名称的 [deck] 表</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="102"/>
        <source>it has no [[items]]</source>
        <translation>缺少 [[items]]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="103"/>
        <source>item %1 is not a table</source>
        <translation>第 %1 个条目不是表</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="104"/>
        <source>%1: translations must be a table of languages, each a table of fields</source>
        <translation>%1：translations 必须是按语言分的表，每种语言一个字段表</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="106"/>
        <source>%1: unknown fields in the %2 translation: %3 (a translation may have %4)</source>
        <translation>%1：%2 翻译中有未知字段：%3（翻译可以有 %4）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="108"/>
        <source>%1: %3 of the %2 translation must be a string</source>
        <translation>%1：%2 翻译的 %3 必须是字符串</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="110"/>
        <source>%1: %3 of the %2 translation must be a list of strings</source>
        <translation>%1：%2 翻译的 %3 必须是字符串列表</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="112"/>
        <source>%1: two items share the same id</source>
        <translation>%1：有两个条目的编号相同</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="113"/>
        <source>the media file name %1 is not allowed (%2)</source>
        <translation>媒体文件名 %1 不被允许（%2）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="115"/>
        <source>it is empty</source>
        <translation>名称为空</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="116"/>
        <source>it names a folder</source>
        <translation>名称指向文件夹</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="117"/>
        <source>it contains a folder separator</source>
        <translation>名称含有文件夹分隔符</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="118"/>
        <source>it contains a colon (a drive, a stream or a web address)</source>
        <translation>名称含有冒号（驱动器、数据流或网址）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="120"/>
        <source>it contains a control character</source>
        <translation>名称含有控制字符</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="121"/>
        <source>it starts or ends with a space or ends with a dot</source>
        <translation>名称以空格开头或结尾，或以句点结尾</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="123"/>
        <source>it is longer than %1 bytes</source>
        <translation>名称长于 %1 字节</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="124"/>
        <source>it is a device name on Windows</source>
        <translation>名称是 Windows 的设备名</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="125"/>
        <source>is dated %1, outside 2000-01-01 to %2</source>
        <translation>日期为 %1，不在 2000-01-01 到 %2 之间</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="126"/>
        <source>%1 is not an Anki package (it is not a zip archive)</source>
        <translation>%1 不是 Anki 卡组包（不是有效的压缩文件）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="128"/>
        <source>%1 %2; it was not imported</source>
        <translation>%1 %2，未导入</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="129"/>
        <source>has a member with an unsafe name (%1)</source>
        <translation>含有名称不安全的成员（%1）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="130"/>
        <source>has a member larger than %1 MiB (%2)</source>
        <translation>含有大于 %1 MiB 的成员（%2）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="131"/>
        <source>expands to more than %1 MiB</source>
        <translation>解压后超过 %1 MiB</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="132"/>
        <source>looks like a zip bomb (member %1 expands more than %2 times)</source>
        <translation>疑似压缩炸弹（成员 %1 解压后膨胀超过 %2 倍）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="134"/>
        <source>is damaged (member %1 cannot be read: %2)</source>
        <translation>已损坏（无法读取成员 %1：%2）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="136"/>
        <source>has a damaged meta member</source>
        <translation>的元数据成员已损坏</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="137"/>
        <source>uses package version %1, which this StudyApp does not know (it reads versions 1 to %2; a newer StudyApp may read it)</source>
        <translation>使用卡组包版本 %1，此版本的 StudyApp 不认识（它读取版本 1 到 %2；更新的 StudyApp 也许能读取）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="140"/>
        <source>has a damaged media list</source>
        <translation>的媒体列表已损坏</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="141"/>
        <source>has a media file with an unsafe name (%1)</source>
        <translation>含有名称不安全的媒体文件（%1）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="143"/>
        <source>has no collection (the member %1 is missing)</source>
        <translation>缺少卡片集合（成员 %1 不存在）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="145"/>
        <source>has a collection that is not an SQLite database</source>
        <translation>中的卡片集合不是 SQLite 数据库</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="147"/>
        <source>has a damaged collection database</source>
        <translation>中的卡片集合数据库已损坏</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="148"/>
        <source>is not an Anki collection (its database lacks the notes, cards and revlog tables)</source>
        <translation>不是 Anki 卡片集合（数据库缺少笔记、卡片和复习记录表）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="150"/>
        <source>has a collection of schema %1, newer than this StudyApp reads (%2)</source>
        <translation>中的卡片集合结构版本为 %1，比此版本的 StudyApp 能读取的（%2）更新</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="152"/>
        <source>has damaged note type or deck settings</source>
        <translation>中的笔记类型或牌组设置已损坏</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="153"/>
        <source>has a review (revlog id %1) that %2</source>
        <translation>中有一条复习记录（编号 %1）的%2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="154"/>
        <source>has damaged notes, cards or card templates</source>
        <translation>中的笔记、卡片或卡片模板已损坏</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="156"/>
        <source>an answer to the item (%1, %2) %3</source>
        <translation>条目（%1，%2）的一条答题记录的%3</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="157"/>
        <source>a history row refers to an item (%1, %2) that is not in the file</source>
        <translation>一条历史记录指向的条目（%1，%2）不在文件中</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="159"/>
        <source>the file contains answer history, so it must be imported into a profile</source>
        <translation>文件含有答题历史，必须导入到某个用户中</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="161"/>
        <source>cannot export the media file %1: %2</source>
        <translation>无法导出媒体文件 %1：%2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="162"/>
        <source>cannot export deck %1: the item %2 has no id</source>
        <translation>无法导出牌组 %1：条目 %2 没有编号</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="164"/>
        <source>the deck and its sub-decks have no items to export</source>
        <translation>此牌组及其子牌组没有可导出的条目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="166"/>
        <source>the deck %1 has no items of its own; export one of its sub-decks</source>
        <translation>牌组 %1 本身没有条目；请导出它的某个子牌组</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="168"/>
        <source>%1 is not a StudyApp assignment file</source>
        <translation>%1 不是 StudyApp 作业文件</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="169"/>
        <source>%1 is larger than an assignment may be (%2 MB); it was not imported</source>
        <translation>%1 超过作业文件的大小上限（%2 MB），未导入</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="171"/>
        <source>%1 is not signed; only an assignment written by your teacher&apos;s StudyApp is imported</source>
        <translation>%1 没有签名；只导入由你老师的 StudyApp 生成的作业</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="173"/>
        <source>%1 is signed by another key (%2), not by your teacher&apos;s (%3); it was not imported</source>
        <translation>%1 由另一个密钥（%2）签名，而不是你老师的密钥（%3）；未导入</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="175"/>
        <source>%1 was changed after it was signed; it was not imported</source>
        <translation>%1 已在签名后被改动，未导入</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="177"/>
        <source>a deck in %1 cannot be read (%2)</source>
        <translation>%1 中的一个牌组无法读取（%2）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="178"/>
        <source>the due date %1 is not a date written YYYY-MM-DD</source>
        <translation>截止日期 %1 不是 YYYY-MM-DD 格式的日期</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="180"/>
        <source>the due date %1 has passed</source>
        <translation>截止日期 %1 已经过去</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="181"/>
        <source>the assignment&apos;s title must be 1 to %1 characters</source>
        <translation>作业标题须为 1 到 %1 个字符</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="183"/>
        <source>the number of answers asked for must be 1 to %1, not %2</source>
        <translation>要求的作答次数须为 1 到 %1，而不是 %2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="185"/>
        <source>the assignment file must end in %1, not %2</source>
        <translation>作业文件名须以 %1 结尾，而不是 %2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="187"/>
        <source>%1 already exists; choose a new name (nothing is overwritten)</source>
        <translation>%1 已存在；请另选一个名称（不会覆盖任何文件）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="189"/>
        <source>the assignment&apos;s decks have no items</source>
        <translation>作业的牌组中没有条目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/content_problems.py" line="190"/>
        <source>%1 is neither a deck file nor a deck here</source>
        <translation>%1 既不是牌组文件，也不是这里的牌组</translation>
    </message>
</context>
<context>
    <name>DataFolder</name>
    <message>
        <location filename="../../studyapp/ui/data_folder.py" line="31"/>
        <source>StudyApp cannot open its data: %1</source>
        <translation>StudyApp 无法打开数据：%1</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/data_folder.py" line="36"/>
        <location filename="../../studyapp/ui/data_folder.py" line="48"/>
        <location filename="../../studyapp/ui/data_folder.py" line="67"/>
        <source>StudyApp</source>
        <translation>StudyApp 学习</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/data_folder.py" line="37"/>
        <source>StudyApp is already open on this data folder. Use that window, or close it first.</source>
        <translation>StudyApp 已经在这个数据文件夹上打开。请使用那个窗口，或先关闭它。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/data_folder.py" line="49"/>
        <source>This data folder is marked as open in StudyApp on another computer.</source>
        <translation>此数据文件夹被标记为正在另一台电脑上的 StudyApp 中打开。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/data_folder.py" line="52"/>
        <source>If StudyApp still runs there, quit here: two programs writing one folder can lose answers. If it does not (it crashed, or the stick was pulled out), take the folder over.</source>
        <translation>如果 StudyApp 仍在那台电脑上运行，请在这里退出：两个程序同时写入一个文件夹可能会丢失答案。如果没有在运行（程序崩溃，或 U 盘被拔出），请接管此文件夹。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/data_folder.py" line="55"/>
        <source>&amp;Take over</source>
        <translation>接管(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/data_folder.py" line="56"/>
        <location filename="../../studyapp/ui/data_folder.py" line="78"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/data_folder.py" line="68"/>
        <source>Your study data cannot be read; the file is damaged or is not a StudyApp database.</source>
        <translation>无法读取你的学习数据：文件已损坏，或者不是 StudyApp 数据库。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/data_folder.py" line="73"/>
        <source>Restore the backup of %1</source>
        <translation>恢复 %1 的备份</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/data_folder.py" line="76"/>
        <source>Start with empty data (the damaged file is kept)</source>
        <translation>从空白数据开始（保留损坏的文件）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/data_folder.py" line="87"/>
        <source>Opening your study data…</source>
        <translation>正在打开你的学习数据…</translation>
    </message>
</context>
<context>
    <name>DecksPage</name>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="89"/>
        <source>Decks for %1</source>
        <translation>%1 的牌组</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="89"/>
        <source>Decks</source>
        <translation>牌组</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="90"/>
        <source>Deck</source>
        <translation>牌组</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="90"/>
        <source>Due</source>
        <translation>待复习</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="90"/>
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="90"/>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="91"/>
        <source>Answers</source>
        <translation>作答</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="91"/>
        <source>Mastery</source>
        <translation>掌握程度</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="92"/>
        <source>What you know of the items you have answered, as the learner model sees it, with its likely range (95%).</source>
        <translation>学习模型估计你对已答项目的掌握程度，以及其可能范围（95%）。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="95"/>
        <source>It is shown once a deck has %1 answers: fewer say too little.</source>
        <translation>牌组有 %1 次作答后才显示：更少的作答说明不了什么。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="99"/>
        <source>T&amp;est</source>
        <translation>测验(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="100"/>
        <source>St&amp;atistics</source>
        <translation>统计(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="165"/>
        <source>not enough answers yet</source>
        <translation>作答还不够多</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="166"/>
        <source>%1% (%2–%3%)</source>
        <translation>%1%（%2–%3%）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="175"/>
        <source>From %1 answers</source>
        <translation>根据 %1 次作答</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="99"/>
        <source>&amp;Study</source>
        <translation>学习(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="99"/>
        <source>&amp;Practise</source>
        <translation>练习(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="100"/>
        <source>&amp;Browse</source>
        <translation>浏览(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="100"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="101"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="107"/>
        <source>Study due and new items of the selected deck (Enter)</source>
        <translation>学习所选牌组中待复习和新的条目（回车）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="108"/>
        <source>Practise items at the right difficulty</source>
        <translation>练习难度合适的条目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="111"/>
        <source>A short adaptive test of what you know</source>
        <translation>一次简短的自适应测试，了解你掌握了什么</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/decks.py" line="112"/>
        <source>The adaptive test needs the learner model, which is not available</source>
        <translation>自适应测试需要学习模型，但模型不可用</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <location filename="../../studyapp/ui/help_menu.py" line="33"/>
        <source>About StudyApp</source>
        <translation>关于 StudyApp</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/help_menu.py" line="34"/>
        <source>StudyApp %1: offline flashcards, quizzes and adaptive tests.</source>
        <translation>StudyApp %1：离线卡片、测验和自适应测试。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../studyapp/ui/importing.py" line="42"/>
        <source>Decks and flashcards (*.deck.toml *.toml *.csv *.tsv *.txt *.apkg *.colpkg)</source>
        <translation>牌组和卡片 (*.deck.toml *.toml *.csv *.tsv *.txt *.apkg *.colpkg)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/importing.py" line="44"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/importing.py" line="49"/>
        <source>Import decks</source>
        <translation>导入牌组</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/importing.py" line="87"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/importing.py" line="102"/>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/importing.py" line="109"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/importing.py" line="109"/>
        <source>Saving %1 to the database…</source>
        <translation>正在将 %1 保存到数据库…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/importing.py" line="114"/>
        <source>%1: %2 and %3 in %4; %5.</source>
        <translation>%1：%4 中%2、%3；%5。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/importing.py" line="115"/>
        <source>%n new item(s)</source>
        <translation>
            <numerusform>新增 %n 个条目</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/importing.py" line="116"/>
        <source>%n updated</source>
        <translation>
            <numerusform>更新 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/importing.py" line="117"/>
        <source>%n answer(s) of history</source>
        <translation>
            <numerusform>历史作答 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/importing.py" line="123"/>
        <source>%1 was not imported: %2</source>
        <translation>%1 未导入：%2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/importing.py" line="136"/>
        <source>Nothing was imported.</source>
        <translation>没有导入任何内容。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/importing.py" line="139"/>
        <source>Import finished: %n file(s) imported, %1 failed.</source>
        <translation>
            <numerusform>导入完成：%n 个文件已导入，%1 个失败。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportExport</name>
    <message>
        <location filename="../../studyapp/ui/import_export.py" line="63"/>
        <source>StudyApp decks (*.deck.toml)</source>
        <translation>StudyApp 牌组 (*.deck.toml)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/import_export.py" line="63"/>
        <source>Anki packages (*.apkg)</source>
        <translation>Anki 卡组包 (*.apkg)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/import_export.py" line="64"/>
        <source>Anki packages with my answers (*.apkg)</source>
        <translation>含我的答题记录的 Anki 卡组包 (*.apkg)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/import_export.py" line="66"/>
        <source>Export deck</source>
        <translation>导出牌组</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/import_export.py" line="85"/>
        <source>Wrote %n item(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 个条目写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/import_export.py" line="89"/>
        <source>The deck was not exported: %1</source>
        <translation>牌组未导出：%1</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="148"/>
        <source>Add item</source>
        <translation>添加条目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="148"/>
        <source>Edit item</source>
        <translation>编辑条目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="149"/>
        <source>&amp;Deck</source>
        <translation>牌组(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="149"/>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="149"/>
        <source>&amp;Prompt</source>
        <translation>题目(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="149"/>
        <source>&amp;Answer</source>
        <translation>答案(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="150"/>
        <source>&amp;Options (one per line)</source>
        <translation>选项（每行一个）(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="150"/>
        <source>A&amp;lso accepted (separate with |)</source>
        <translation>也接受的答案（用 | 分隔）(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="150"/>
        <source>&amp;Hint</source>
        <translation>提示(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="151"/>
        <source>&amp;Explanation</source>
        <translation>解释(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="151"/>
        <source>&amp;Tags (separate with spaces)</source>
        <translation>标签（用空格分隔）(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="151"/>
        <source>&amp;Skill</source>
        <translation>技能(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="156"/>
        <source>For a cloze, mark the gaps: {{c1::Paris}} is the capital of France</source>
        <translation>填空题请标出空格：{{c1::巴黎}}是法国的首都</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/browser.py" line="157"/>
        <source>You are editing the %1 text of this item; the text the deck gives it stays as it is.</source>
        <translation>你正在编辑此条目的%1文本；牌组中条目本身的文本保持不变。</translation>
    </message>
</context>
<context>
    <name>LearnerLoading</name>
    <message>
        <location filename="../../studyapp/ui/learner_loading.py" line="81"/>
        <source>Loading the learner model…</source>
        <translation>正在加载学习模型…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/learner_loading.py" line="81"/>
        <source>Learner model ready</source>
        <translation>学习模型已就绪</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/learner_loading.py" line="82"/>
        <source>Using the classical schedule</source>
        <translation>使用经典复习计划</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="123"/>
        <source>StudyApp</source>
        <translation>StudyApp 学习</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="124"/>
        <source>Opening your study data…</source>
        <translation>正在打开你的学习数据…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="125"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="126"/>
        <source>Switch &amp;profile</source>
        <translation>切换用户(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="127"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="128"/>
        <source>&amp;Backups…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="130"/>
        <source>Remo&amp;ve PIN</source>
        <translation>删除 PIN(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="131"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="132"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="133"/>
        <source>&amp;Decks</source>
        <translation>牌组(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="134"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="135"/>
        <source>S&amp;tatistics</source>
        <translation>统计(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="136"/>
        <source>&amp;Browse</source>
        <translation>浏览(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="137"/>
        <source>&amp;Classroom</source>
        <translation>课堂(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="138"/>
        <source>&amp;Export my answers for the teacher…</source>
        <translation>导出答题记录交给老师(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="139"/>
        <source>&amp;Install the class model…</source>
        <translation>安装班级模型(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="140"/>
        <source>Go &amp;back to the previous model</source>
        <translation>恢复到之前的模型(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="141"/>
        <source>Class &amp;dashboard (for teachers)…</source>
        <translation>班级概况（教师用）(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="142"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="143"/>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="144"/>
        <source>&amp;About StudyApp</source>
        <translation>关于 StudyApp(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/mainwindow.py" line="129"/>
        <source>Set PI&amp;N…</source>
        <translation>设置 PIN(&amp;N)…</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="212"/>
        <source>Set PIN</source>
        <translation>设置 PIN</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="213"/>
        <source>%1 will need this PIN to open the profile (4 to 32 characters).</source>
        <translation>%1 打开此用户时需要输入这个 PIN（4 到 32 个字符）。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="215"/>
        <source>&amp;New PIN</source>
        <translation>新 PIN(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="216"/>
        <source>&amp;Repeat it</source>
        <translation>再输入一次(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="229"/>
        <source>A PIN needs 4 to 32 characters.</source>
        <translation>PIN 需要 4 到 32 个字符。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="231"/>
        <source>The two PINs differ; type the same PIN twice.</source>
        <translation>两次输入的 PIN 不同；请输入两次相同的 PIN。</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <location filename="../../studyapp/ui/preferences.py" line="31"/>
        <source>The translation files are missing; showing English.</source>
        <translation>缺少翻译文件，将显示英文。</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="80"/>
        <source>Who is studying?</source>
        <translation>谁在学习？</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="80"/>
        <source>Welcome to StudyApp</source>
        <translation>欢迎使用 StudyApp</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="81"/>
        <source>Type your name and press Enter to create your profile. It keeps your progress; others on this computer can add their own later.</source>
        <translation>输入你的名字并按回车，创建你的档案。档案会保存你的学习进度；这台电脑上的其他人以后可以添加自己的档案。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="83"/>
        <source>Pick your profile and press Enter. Each profile keeps its own progress.</source>
        <translation>选择你的用户并按回车。每个用户的进度各自保存。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="84"/>
        <source>Open profile</source>
        <translation>打开用户</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="85"/>
        <source>New profile name</source>
        <translation>新用户名</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="85"/>
        <source>Your name</source>
        <translation>你的名字</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="86"/>
        <source>Create profile</source>
        <translation>创建用户</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="86"/>
        <source>Create my profile</source>
        <translation>创建我的档案</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="87"/>
        <source>P&amp;IN:</source>
        <translation>PIN(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="88"/>
        <source>This profile has a PIN</source>
        <translation>此用户设置了 PIN</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="141"/>
        <source>Create a profile first: type a name and press Enter.</source>
        <translation>请先创建用户：输入名字并按回车。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="145"/>
        <source>Type the PIN of %1 and press Enter.</source>
        <translation>请输入 %1 的 PIN，然后按回车。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="154"/>
        <source>That is not the PIN of %1. Try again.</source>
        <translation>这不是 %1 的 PIN，请再试一次。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profiles.py" line="164"/>
        <source>Type a name for the new profile.</source>
        <translation>请输入新用户的名字。</translation>
    </message>
</context>
<context>
    <name>ProfilePin</name>
    <message>
        <location filename="../../studyapp/ui/profile_pin.py" line="42"/>
        <source>The profile now has a PIN.</source>
        <translation>此用户现在设置了 PIN。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/profile_pin.py" line="43"/>
        <source>The profile&apos;s PIN was removed.</source>
        <translation>此用户的 PIN 已删除。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="75"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="76"/>
        <source>Studying (this profile)</source>
        <translation>学习（当前用户）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="77"/>
        <source>Appearance (this computer)</source>
        <translation>外观（本机）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="78"/>
        <source>Target &amp;retention</source>
        <translation>目标记忆率(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="78"/>
        <source>&amp;New items per day</source>
        <translation>每日新条目(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="78"/>
        <source>Test &amp;length (items)</source>
        <translation>测试长度（条目）(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="79"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="79"/>
        <source>&amp;Font size</source>
        <translation>字号(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="79"/>
        <source>Lan&amp;guage</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="79"/>
        <source>&amp;Backups kept</source>
        <translation>保留备份数(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="82"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="83"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="84"/>
        <source>How many daily backups of the data to keep (File, Backups…)</source>
        <translation>保留多少份每日数据备份（文件 → 备份…）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/settings_dialog.py" line="85"/>
        <source>How likely you should be to remember an item when it comes back</source>
        <translation>条目再次出现时你应能记住它的概率</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="176"/>
        <source>Back  [Esc]</source>
        <translation>返回  [Esc]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="177"/>
        <source>&amp;Deck</source>
        <translation>牌组(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="178"/>
        <source>&amp;Period</source>
        <translation>时间段(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="179"/>
        <source>Last month</source>
        <translation>最近一个月</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="179"/>
        <source>Last 3 months</source>
        <translation>最近三个月</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="179"/>
        <source>Last year</source>
        <translation>最近一年</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="180"/>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="184"/>
        <location filename="../../studyapp/ui/statistics.py" line="210"/>
        <source>All decks</source>
        <translation>全部牌组</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="185"/>
        <source>Answers per day, last six months</source>
        <translation>最近六个月每天的作答</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="186"/>
        <source>Statistics: %1</source>
        <translation>统计：%1</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="187"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="188"/>
        <source>Mastery: the chance that you know an item of the deck or skill, guessing removed, over the items you have answered. The line is its likely range (95%).</source>
        <translation>掌握程度：在你已答过的条目中，你掌握该牌组或技能中某一条目的概率（已去除猜对的部分）。横线表示其可能范围 (95%)。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="311"/>
        <source>%1, %2% correct, %3; %4.</source>
        <translation>%1，正确率 %2%，%3；%4。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/statistics.py" line="312"/>
        <source>%n answer(s)</source>
        <translation>
            <numerusform>共作答 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/statistics.py" line="314"/>
        <source>on %n day(s)</source>
        <translation>
            <numerusform>学习 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/statistics.py" line="315"/>
        <source>%n item(s) seen</source>
        <translation>
            <numerusform>见过 %n 个条目</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="323"/>
        <source>Answers</source>
        <translation>作答</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="328"/>
        <source>Answers per day, %1 to %2</source>
        <translation>每天作答数（%1 至 %2）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="328"/>
        <source>Answers per week, %1 to %2</source>
        <translation>每周作答次数，%1 至 %2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="342"/>
        <source>Accuracy per week (%)</source>
        <translation>每周正确率（%）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="343"/>
        <source>Accuracy per day (%)</source>
        <translation>每天正确率 (%)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="356"/>
        <source>Due</source>
        <translation>待复习</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="363"/>
        <source>Due in the next two weeks (0 = today)</source>
        <translation>未来两周到期（0 = 今天）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="366"/>
        <source>Predicted vs actual recall</source>
        <translation>预测与实际记忆对比</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="387"/>
        <source>Predicted vs actual recall (no predictions yet)</source>
        <translation>预测与实际记忆对比（尚无预测）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="392"/>
        <source>Mastery per deck and skill appears once the learner model has loaded.</source>
        <translation>学习模型加载完成后，这里会显示各牌组和各技能的掌握程度。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="394"/>
        <source>Mastery per deck and skill needs the learner model, which is not available: the classical schedule is used.</source>
        <translation>各牌组和各技能的掌握程度需要学习模型，但模型不可用：正在使用经典复习计划。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="397"/>
        <source>Working out mastery per deck and skill…</source>
        <translation>正在计算各牌组和各技能的掌握程度…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="399"/>
        <source>Mastery per deck and skill appears once you have answered some items.</source>
        <translation>答过一些条目后，这里会显示各牌组和各技能的掌握程度。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="410"/>
        <source>Mastery per deck (%)</source>
        <translation>各牌组掌握程度 (%)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="411"/>
        <source>Mastery per skill (%)</source>
        <translation>各技能掌握程度 (%)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/statistics.py" line="412"/>
        <source>Mastery per skill (these items have no skills or tags)</source>
        <translation>各技能掌握程度（这些条目没有技能或标签）</translation>
    </message>
</context>
<context>
    <name>StudyPage</name>
    <message>
        <location filename="../../studyapp/ui/study.py" line="210"/>
        <source>Show answer  [Space]</source>
        <translation>显示答案  [空格]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="211"/>
        <source>Check  [Enter]</source>
        <translation>检查  [回车]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="212"/>
        <source>Type your answer and press Enter</source>
        <translation>输入答案并按回车</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="213"/>
        <source>Undo  [Ctrl+Z]</source>
        <translation>撤销  [Ctrl+Z]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="214"/>
        <source>End session  [Esc]</source>
        <translation>结束学习  [Esc]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="215"/>
        <source>Continue  [Enter]</source>
        <translation>继续  [回车]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="216"/>
        <source>Play sound  [R]</source>
        <translation>播放声音  [R]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="231"/>
        <source>Study</source>
        <translation>学习</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="231"/>
        <source>Practice</source>
        <translation>练习</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="231"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="58"/>
        <source>Again</source>
        <translation>重来</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="58"/>
        <source>Hard</source>
        <translation>困难</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="59"/>
        <source>Good</source>
        <translation>良好</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="59"/>
        <source>Easy</source>
        <translation>简单</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="46"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="48"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="51"/>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="52"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="240"/>
        <source>New %1 · Learning %2 · Due %3</source>
        <translation>新 %1 · 学习中 %2 · 到期 %3</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="248"/>
        <source>New item, %1 of %2 today</source>
        <translation>新条目，今天第 %1 个（共 %2 个）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="249"/>
        <source>Due for review (scheduled now)</source>
        <translation>到期复习（计划于现在）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="250"/>
        <source>Due for review (scheduled %1 ago)</source>
        <translation>到期复习（计划于 %1 前）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="251"/>
        <source>Due for review (FSRS-6)</source>
        <translation>到期复习（FSRS-6）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="252"/>
        <source>Random item</source>
        <translation>随机条目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="253"/>
        <source>Answer taken back: try it again</source>
        <translation>已撤销答案：请再试一次</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="254"/>
        <source>Recall fell to %1, your target is %2</source>
        <translation>记忆概率降到 %1，你的目标是 %2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="255"/>
        <source>Due review: recall fell to %1, your target is %2</source>
        <translation>到期复习：记忆概率降到 %1，你的目标是 %2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="256"/>
        <source>You missed this a few items ago: try it again</source>
        <translation>几题前你答错了这题：再试一次</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="257"/>
        <source>Practice at the right level: you get this right about %1 of the time</source>
        <translation>难度合适的练习：你大约 %1 的时间能答对</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="258"/>
        <source>Practice at the right level: you get this right about %1 of the time (new item, %2 of %3 today)</source>
        <translation>难度合适的练习：你大约 %1 的时间能答对（新条目，今天第 %2 个，共 %3 个）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="260"/>
        <source>Closest to the right level: you get this right about %1 of the time</source>
        <translation>最接近合适难度：你大约 %1 的时间能答对</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="261"/>
        <source>Closest to the right level: you get this right about %1 of the time (new item, %2 of %3 today)</source>
        <translation>最接近合适难度：你大约 %1 的时间能答对（新条目，今天第 %2 个，共 %3 个）</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="263"/>
        <source>Most informative question: students like you get this right about half the time</source>
        <translation>信息量最大的题目：和你相似的学生大约一半时间能答对</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="265"/>
        <source>Most informative question: students like you get this right about %1 of the time</source>
        <translation>信息量最大的题目：和你相似的学生大约 %1 的时间能答对</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="267"/>
        <source>Learning step: you had trouble with this %1 ago</source>
        <translation>学习步骤：你在 %1 前答这题有困难</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="268"/>
        <source>Learning step, shown early so your session can end: you had trouble with this %1 ago</source>
        <translation>学习步骤，提前出现以便结束本次学习：你在 %1 前答这题有困难</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="270"/>
        <source>Reviewed early while time is left: recall is %1, your target is %2</source>
        <translation>趁还有时间提前复习：记住的可能性为 %1，你的目标是 %2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="271"/>
        <source>New item, %1 of %2 today: it adds more per minute than the reviews left</source>
        <translation>新项目，今天第 %1 个（共 %2 个）：它每分钟带来的收获多于剩下的复习</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="282"/>
        <source>Choosing the first item…</source>
        <translation>正在选择第一个条目…</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="317"/>
        <source>Hint: %1</source>
        <translation>提示：%1</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="236"/>
        <source>Item %1</source>
        <translation>第 %1 题</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="326"/>
        <location filename="../../studyapp/ui/study.py" line="351"/>
        <location filename="../../studyapp/ui/study.py" line="486"/>
        <source>True</source>
        <translation>对</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="327"/>
        <location filename="../../studyapp/ui/study.py" line="351"/>
        <location filename="../../studyapp/ui/study.py" line="486"/>
        <source>False</source>
        <translation>错</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="343"/>
        <source>Missing media: %1</source>
        <translation>缺少媒体文件：%1</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="430"/>
        <source>Type an answer first (or press Esc to end the session).</source>
        <translation>请先输入答案（或按 Esc 结束学习）。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="453"/>
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="453"/>
        <source>Not quite</source>
        <translation>不太对</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="465"/>
        <location filename="../../studyapp/ui/study.py" line="469"/>
        <location filename="../../studyapp/ui/study.py" line="502"/>
        <source>Answer: %1</source>
        <translation>答案：%1</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="482"/>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/study.py" line="501"/>
        <source>Your answer, corrected:</source>
        <translation>你的答案（已标出差异）：</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="92"/>
        <source>answers</source>
        <translation>作答</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="92"/>
        <source>correct</source>
        <translation>正确率</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="92"/>
        <source>time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="93"/>
        <source>new items</source>
        <translation>新条目</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="93"/>
        <source>improved</source>
        <translation>进步</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="96"/>
        <source>Back to decks  [Enter]</source>
        <translation>返回牌组  [回车]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="97"/>
        <source>Undo last answer  [Ctrl+Z]</source>
        <translation>撤销上一次作答  [Ctrl+Z]</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="99"/>
        <source>Session finished</source>
        <translation>本次学习结束</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="99"/>
        <source>Test finished</source>
        <translation>测试结束</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="100"/>
        <source>What you know</source>
        <translation>你掌握了什么</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="101"/>
        <source>Deck or skill</source>
        <translation>牌组或技能</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="101"/>
        <source>Mastery</source>
        <translation>掌握程度</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="101"/>
        <source>Likely range (95%)</source>
        <translation>可能范围 (95%)</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="102"/>
        <source>Questions asked</source>
        <translation>已问题数</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="134"/>
        <source>%1 of %2 right.</source>
        <translation>答对 %1 题，共 %2 题。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="136"/>
        <source>Nothing to study right now: no item is due and today&apos;s new items are done. Come back later, or practise.</source>
        <translation>现在没有要学的内容：没有到期的条目，今天的新条目也已学完。稍后再来，或者去练习。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="139"/>
        <source>Well done: %1</source>
        <translation>做得好：%1</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="140"/>
        <source>Good work: %1 The ones you missed come back soon.</source>
        <translation>不错：%1 答错的题很快会再出现。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="141"/>
        <source>A mixed session: %1 The items you missed will come back sooner, until they stick.</source>
        <translation>有对有错：%1 答错的题会更早再出现，直到你记住为止。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="143"/>
        <source>A hard session: %1 That is how new material starts. The items you missed come back in a few minutes; shorter sessions more often help.</source>
        <translation>这次有点难：%1 学新内容一开始就是这样。答错的题几分钟后会再出现；每次少学一点、多学几次会有帮助。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studyapp/ui/summary.py" line="148"/>
        <source>%n item(s) you missed earlier in this session were right later.</source>
        <translation>
            <numerusform>本次学习中先前答错的 %n 个项目后来答对了。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="157"/>
        <source>Decks</source>
        <translation>牌组</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="157"/>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="163"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="165"/>
        <source>predicted %1, not asked</source>
        <translation>预测 %1，未提问</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="173"/>
        <source>Nothing stands out to study next.</source>
        <translation>没有特别需要接着学习的内容。</translation>
    </message>
    <message>
        <location filename="../../studyapp/ui/summary.py" line="180"/>
        <source>Study %1 next: mastery about %2 (between %3 and %4)</source>
        <translation>接下来学习 %1：掌握程度约 %2（在 %3 到 %4 之间）</translation>
    </message>
</context>
</TS>
