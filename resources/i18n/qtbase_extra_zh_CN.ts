<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that Qt's qtbase_zh_CN.qm (PySide6 6.12) lacks: Qt added the mnemonics after the
     translation was made, so the file dialog showed "Look in:" and "Files of type:" in English.
     Installed after qtbase_zh_CN.qm, so these win (studyapp/ui/i18n.py). -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
</TS>
