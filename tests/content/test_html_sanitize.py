"""The rich-text sanitiser (nh3 with our allow-list) keeps formatting and media-folder images and drops
anything active, remote or outside the media folder; one media-name rule serves every module."""

from __future__ import annotations

import pytest

from studyapp.content.html_sanitize import display_html, html_to_text, sanitize_html
from studyapp.content.media_names import check_media_name, is_safe_media_name
from studyapp.content.model import ContentError

KEPT = [
    "<b>bold</b> <i>it</i> <u>u</u><br><div>d</div><span>s</span><p>p</p>",
    "<ul><li>one</li></ul><ol><li>two</li></ol>H<sub>2</sub>O x<sup>2</sup>",
    '<img src="pic.png">',
    "<ruby>漢<rt>kan</rt></ruby>",
    '<span style="color:red">red</span>',
    "a &lt; b &amp; c &nbsp; é",
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
        ('<img src="/dev/zero">', ""),
        ('<img src="/etc/passwd">', ""),
        ('<img src="file:///etc/passwd">', ""),
        ('<img src="C:evil.png">', ""),
        ('<img src="data:image/png;base64,iVBORw0KGgo=">', ""),
        ('<a href="javascript:alert(1)">link</a>', "link"),
        ('<a href="https://e.com">link</a>', "link"),
        ('<iframe src="https://e.com"><p>in</p></iframe>after', "after"),
        ('<div style="background:url(http://e.com/a)">y</div>', "<div>y</div>"),
        ('<div style="width: expression(alert(1))">y</div>', "<div>y</div>"),
        ('<div style="width: expr/**/ession(alert(1))">y</div>', "<div>y</div>"),
        ('<div style="color: expr/**/ession(alert(1))">y</div>', "<div>y</div>"),
        ('<div style="position: fixed; color: red">y</div>', '<div style="color:red">y</div>'),
        ("<style>@import url(http://e.com/a.css)</style>t", "t"),
        ('<object data="x.swf"></object><embed src="x.swf">z', "z"),
        ("<svg><script>1</script></svg>ok", "ok"),
        ("<!-- hidden -->c", "c"),
        ('<link rel="stylesheet" href="http://e.com/a.css">t', "t"),
        ('<img srcset="http://e.com/x.png 2x" src="ok.png">', '<img src="ok.png">'),
        ("<p>unclosed <b>bold", "<p>unclosed <b>bold</b></p>"),
    ],
)
def test_hostile_html_is_reduced(text, expected):
    assert sanitize_html(text) == expected


@pytest.mark.parametrize("text", KEPT + ["<script>x</script>y", "<p>unclosed <b", "a <", "<scr<script>ipt>",
                                         "<<script>script>alert(1)<</script>/script>"])
def test_sanitising_twice_changes_nothing(text):
    once = sanitize_html(text)
    assert sanitize_html(once) == once
    assert "<script" not in once


def test_display_html_escapes_plain_text_and_keeps_its_line_breaks():
    assert display_html("2 < 3\nand 5 > 4") == "2 &lt; 3<br>and 5 &gt; 4"
    assert display_html("<b>bold</b>") == "<b>bold</b>"
    assert display_html('<img src="/dev/zero">') == ""


def test_html_to_text():
    assert html_to_text("<b>Paris</b>&nbsp;is<br>big<script>x</script>") == "Paris is\nbig"


@pytest.mark.parametrize("name", ["a.png", "über café.mp3", "x (1).jpg", "paste-1a2b.jpg", "console.png"])
def test_safe_media_names(name):
    assert is_safe_media_name(name)
    assert check_media_name(name) == name


@pytest.mark.parametrize("name", [
    "", " ", ".", "..", "../a.png", "/a.png", "/dev/zero", "a/b.png", "C:a.png", "C:evil.png", "http://x/a.png",
    "a\\b.png", "a\x00.png", "a\nb.png", "con", "NUL.png", "com1.txt", "Lpt9.jpg", "aux .png", "trail.", " lead.png",
    "x" * 256,
])
def test_unsafe_media_names(name):
    assert not is_safe_media_name(name)
    with pytest.raises(ContentError, match="is not allowed"):
        check_media_name(name)
