<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>BuiltinContent</name>
        <message>
            <source>Science</source>
            <translation>科学</translation>
        </message>
        <message>
            <source>Chemical elements</source>
            <translation>化学元素</translation>
        </message>
        <message>
            <source>The 118 chemical elements: symbol and English name (IUPAC spelling), studied both ways.</source>
            <translation>全部 118 种化学元素：元素符号与英文名称（IUPAC 拼写），双向学习。</translation>
        </message>
        <message>
            <source>period-1</source>
            <translation>第 1 周期</translation>
        </message>
        <message>
            <source>group-1</source>
            <translation>第 1 族</translation>
        </message>
        <message>
            <source>group-18</source>
            <translation>第 18 族</translation>
        </message>
        <message>
            <source>period-2</source>
            <translation>第 2 周期</translation>
        </message>
        <message>
            <source>group-2</source>
            <translation>第 2 族</translation>
        </message>
        <message>
            <source>group-17</source>
            <translation>第 17 族</translation>
        </message>
        <message>
            <source>period-3</source>
            <translation>第 3 周期</translation>
        </message>
        <message>
            <source>period-4</source>
            <translation>第 4 周期</translation>
        </message>
        <message>
            <source>period-5</source>
            <translation>第 5 周期</translation>
        </message>
        <message>
            <source>period-6</source>
            <translation>第 6 周期</translation>
        </message>
        <message>
            <source>lanthanide</source>
            <translation>镧系元素</translation>
        </message>
        <message>
            <source>period-7</source>
            <translation>第 7 周期</translation>
        </message>
        <message>
            <source>actinide</source>
            <translation>锕系元素</translation>
        </message>
        <message>
            <source>Languages</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>English–Chinese vocabulary</source>
            <translation>英汉词汇</translation>
        </message>
        <message>
            <source>Common everyday English words with their Simplified Chinese translation and pinyin (with tone marks; tones as in the dictionary, before any tone changes in speech).</source>
            <translation>日常常用英文单词及其简体中文翻译和拼音（标注声调；按词典标调，不含口语中的变调）。</translation>
        </message>
        <message>
            <source>greetings</source>
            <translation>问候</translation>
        </message>
        <message>
            <source>pronouns</source>
            <translation>代词</translation>
        </message>
        <message>
            <source>questions</source>
            <translation>疑问词</translation>
        </message>
        <message>
            <source>numbers</source>
            <translation>数字</translation>
        </message>
        <message>
            <source>family</source>
            <translation>家庭</translation>
        </message>
        <message>
            <source>food</source>
            <translation>食物</translation>
        </message>
        <message>
            <source>time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>colours</source>
            <translation>颜色</translation>
        </message>
        <message>
            <source>body</source>
            <translation>身体</translation>
        </message>
        <message>
            <source>animals</source>
            <translation>动物</translation>
        </message>
        <message>
            <source>school</source>
            <translation>学校</translation>
        </message>
        <message>
            <source>places</source>
            <translation>地点</translation>
        </message>
        <message>
            <source>transport</source>
            <translation>交通</translation>
        </message>
        <message>
            <source>nature</source>
            <translation>自然</translation>
        </message>
        <message>
            <source>objects</source>
            <translation>物品</translation>
        </message>
        <message>
            <source>jobs</source>
            <translation>职业</translation>
        </message>
        <message>
            <source>directions</source>
            <translation>方向</translation>
        </message>
        <message>
            <source>verbs</source>
            <translation>动词</translation>
        </message>
        <message>
            <source>adjectives</source>
            <translation>形容词</translation>
        </message>
        <message>
            <source>adverbs</source>
            <translation>副词</translation>
        </message>
        <message>
            <source>conjunctions</source>
            <translation>连词</translation>
        </message>
        <message>
            <source>Maths</source>
            <translation>数学</translation>
        </message>
        <message>
            <source>Fraction subtraction</source>
            <translation>分数减法</translation>
        </message>
        <message>
            <source>Tatsuoka's 20 fraction-subtraction items, the ones answered by 536 students in her classic study. Type the result in simplest form: a fraction like 3/4, a mixed number like 1 2/3, or a whole number.</source>
            <translation>Tatsuoka 经典研究中 536 名学生作答的 20 道分数减法题。请输入最简形式的结果：分数如 3/4，带分数如 1 2/3，或整数。</translation>
        </message>
        <message>
            <source>Find a common denominator</source>
            <translation>通分</translation>
        </message>
        <message>
            <source>common-denominator</source>
            <translation>通分</translation>
        </message>
        <message>
            <source>column-borrow</source>
            <translation>借位相减</translation>
        </message>
        <message>
            <source>subtract-numerators</source>
            <translation>分子相减</translation>
        </message>
        <message>
            <source>Separate a whole number from a fraction</source>
            <translation>把整数部分与分数分开</translation>
        </message>
        <message>
            <source>separate-whole-number</source>
            <translation>分离整数部分</translation>
        </message>
        <message>
            <source>simplify-first</source>
            <translation>先约分</translation>
        </message>
        <message>
            <source>borrow-from-whole</source>
            <translation>从整数借一</translation>
        </message>
        <message>
            <source>reduce-answer</source>
            <translation>约分结果</translation>
        </message>
        <message>
            <source>Subtract numerators</source>
            <translation>分子相减</translation>
        </message>
        <message>
            <source>Convert a whole number to a fraction</source>
            <translation>把整数化为分数</translation>
        </message>
        <message>
            <source>convert-whole-number</source>
            <translation>整数化为分数</translation>
        </message>
        <message>
            <source>Multiplication tables</source>
            <translation>乘法表</translation>
        </message>
        <message>
            <source>Every product from 2 × 2 to 12 × 12, as multiple choice among near misses.</source>
            <translation>从 2 × 2 到 12 × 12 的全部乘积，以选择题形式出现，干扰项与正确答案相近。</translation>
        </message>
        <message>
            <source>Table of 2</source>
            <translation>2 的乘法</translation>
        </message>
        <message>
            <source>table-2</source>
            <translation>2 的乘法</translation>
        </message>
        <message>
            <source>Table of 3</source>
            <translation>3 的乘法</translation>
        </message>
        <message>
            <source>table-3</source>
            <translation>3 的乘法</translation>
        </message>
        <message>
            <source>Table of 4</source>
            <translation>4 的乘法</translation>
        </message>
        <message>
            <source>table-4</source>
            <translation>4 的乘法</translation>
        </message>
        <message>
            <source>Table of 5</source>
            <translation>5 的乘法</translation>
        </message>
        <message>
            <source>table-5</source>
            <translation>5 的乘法</translation>
        </message>
        <message>
            <source>Table of 6</source>
            <translation>6 的乘法</translation>
        </message>
        <message>
            <source>table-6</source>
            <translation>6 的乘法</translation>
        </message>
        <message>
            <source>Table of 7</source>
            <translation>7 的乘法</translation>
        </message>
        <message>
            <source>table-7</source>
            <translation>7 的乘法</translation>
        </message>
        <message>
            <source>Table of 8</source>
            <translation>8 的乘法</translation>
        </message>
        <message>
            <source>table-8</source>
            <translation>8 的乘法</translation>
        </message>
        <message>
            <source>Table of 9</source>
            <translation>9 的乘法</translation>
        </message>
        <message>
            <source>table-9</source>
            <translation>9 的乘法</translation>
        </message>
        <message>
            <source>Table of 10</source>
            <translation>10 的乘法</translation>
        </message>
        <message>
            <source>table-10</source>
            <translation>10 的乘法</translation>
        </message>
        <message>
            <source>Table of 11</source>
            <translation>11 的乘法</translation>
        </message>
        <message>
            <source>table-11</source>
            <translation>11 的乘法</translation>
        </message>
        <message>
            <source>Table of 12</source>
            <translation>12 的乘法</translation>
        </message>
        <message>
            <source>table-12</source>
            <translation>12 的乘法</translation>
        </message>
        <message>
            <source>True or false</source>
            <translation>判断对错</translation>
        </message>
        <message>
            <source>Thirty science statements, half true and half false; common myths included.</source>
            <translation>三十条科学陈述，一半正确一半错误，包括常见的误解。</translation>
        </message>
        <message>
            <source>physics</source>
            <translation>物理</translation>
        </message>
        <message>
            <source>astronomy</source>
            <translation>天文</translation>
        </message>
        <message>
            <source>earth-science</source>
            <translation>地球科学</translation>
        </message>
        <message>
            <source>biology</source>
            <translation>生物</translation>
        </message>
        <message>
            <source>chemistry</source>
            <translation>化学</translation>
        </message>
        <message>
            <source>Geography</source>
            <translation>地理</translation>
        </message>
        <message>
            <source>World capitals</source>
            <translation>世界各国首都</translation>
        </message>
        <message>
            <source>The capital of each of the 193 member states of the United Nations. Tags give the continent: North-America includes Central America and the Caribbean, and the Caucasus, Turkey and Cyprus count as Asia.</source>
            <translation>联合国 193 个会员国各自的首都。标签表示所在大洲：北美洲包括中美洲和加勒比地区，高加索地区、土耳其和塞浦路斯算作亚洲。</translation>
        </message>
        <message>
            <source>Africa</source>
            <translation>非洲</translation>
        </message>
        <message>
            <source>Asia</source>
            <translation>亚洲</translation>
        </message>
        <message>
            <source>Europe</source>
            <translation>欧洲</translation>
        </message>
        <message>
            <source>North-America</source>
            <translation>北美洲</translation>
        </message>
        <message>
            <source>South-America</source>
            <translation>南美洲</translation>
        </message>
        <message>
            <source>Oceania</source>
            <translation>大洋洲</translation>
        </message>
    </context>
</TS>
