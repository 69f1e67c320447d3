"""The field HTML sanitiser keeps formatting and local media, and drops anything active or remote."""

from __future__ import annotations

import pytest

from studyapp.content.html_sanitize import html_to_text, is_local_media_name, sanitize_html

KEPT = [
    "<b>bold</b> <i>it</i> <u>u</u><br><div>d</div><span>s</span><p>p</p>",
    "<ul><li>one</li></ul><ol><li>two</li></ol>H<sub>2</sub>O x<sup>2</sup>",
    '<img src="pic.png">',
    "<ruby>漢<rt>kan</rt></ruby>",
    '<span style="color: red">red</span>',
    "a < b &amp; c & d &nbsp; &#233;",
    '<img src="data:image/png;base64,iVBORw0KGgo=">',
]


@pytest.mark.parametrize("text", KEPT)
def test_safe_html_passes_unchanged(text):
    assert sanitize_html(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>x", "x"),
        ('<img src="a.png" onerror="x()">', '<img src="a.png">'),
        ('<b onclick="x()">b</b>', "<b>b</b>"),
        ('<img src="http://e.com/x.png">', ""),
        ('<img src="https://e.com/x.png">', ""),
        ('<img src="//e.com/x.png">', ""),
        ('<img src="../../etc/passwd">', ""),
        ('<img src="data:text/html;base64,PHNjcmlwdD4=">', ""),
        ('<a href="javascript:alert(1)">link</a>', "link"),
        ('<a href="https://e.com">link</a>', "link"),
        ('<iframe src="https://e.com"><p>in</p></iframe>after', "after"),
        ('<div style="background:url(http://e.com/a)">y</div>', "<div>y</div>"),
        ('<div style="width: expression(alert(1))">y</div>', "<div>y</div>"),
        ("<style>@import url(http://e.com/a.css)</style>t", "t"),
        ('<object data="x.swf"></object><embed src="x.swf">z', "z"),
        ("<svg><script>1</script></svg>ok", "ok"),
        ("<!-- hidden -->c", "c"),
        ("<<script>script>alert(1)<</script>/script>", "&lt;/script>"),
        ('<link rel="stylesheet" href="http://e.com/a.css">t', "t"),
        ('<img srcset="http://e.com/x.png 2x" src="ok.png">', '<img src="ok.png">'),
    ],
)
def test_hostile_html_is_reduced(text, expected):
    assert sanitize_html(text) == expected


@pytest.mark.parametrize("text", KEPT + ["<script>x</script>y", "<p>unclosed <b", "a <", "<scr<script>ipt>"])
def test_sanitising_twice_changes_nothing(text):
    once = sanitize_html(text)
    assert sanitize_html(once) == once


def test_html_to_text():
    assert html_to_text("<b>Paris</b>&nbsp;is<br>big<script>x</script>") == "Paris is\nbig"


@pytest.mark.parametrize("name", ["a.png", "über café.mp3", "x (1).jpg"])
def test_local_media_names(name):
    assert is_local_media_name(name)


@pytest.mark.parametrize("name", ["", "../a.png", "/a.png", "a/b.png", "C:a.png", "http://x/a.png", "a\\b.png"])
def test_non_local_media_names(name):
    assert not is_local_media_name(name)
