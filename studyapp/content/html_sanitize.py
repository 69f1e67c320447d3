"""Rich text from untrusted files reduced to a small, safe formatting subset (nh3, the maintained
successor of bleach, with our allow-list).

Kept: formatting tags (b, i, u, br, div, span, p, lists, sub/sup, ruby, tables, ...), images whose
source is a plain file name in the media folder, and harmless attributes and style properties.
Dropped: scripts, styles, frames, objects, forms and links (their text stays for links and unknown
tags), event handlers, any style value that could load or run something, every reference outside
the media folder. The output is well formed (unclosed tags are closed), so sanitising twice changes
nothing. `display_html` is the one entry point for everything the GUI shows as rich text.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

from studyapp.content.media_names import is_safe_media_name

ALLOWED_TAGS = frozenset({
    "b", "i", "u", "s", "em", "strong", "small", "big", "mark", "code", "pre", "blockquote",
    "br", "hr", "div", "span", "p", "font", "ul", "ol", "li", "sub", "sup", "img",
    "ruby", "rb", "rt", "rp", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "h1", "h2", "h3", "h4", "h5", "h6",
})
# Tags whose content is code or a remote document, never text for the student.
DROP_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "frameset", "object", "applet", "template",
    "noscript", "noembed", "title", "head", "svg", "math", "textarea", "select", "canvas",
    "audio", "video", "xml",
})
COMMON_ATTRS = frozenset({"class", "style", "title", "dir", "lang", "align"})
TAG_ATTRS = {
    "img": frozenset({"src", "alt", "width", "height"}),
    "font": frozenset({"color", "face", "size"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan"}),
    "ol": frozenset({"start", "type"}),
}
ATTRIBUTES = {tag: set(COMMON_ATTRS | TAG_ATTRS.get(tag, frozenset())) for tag in ALLOWED_TAGS}
# Style properties that only format text; nothing that positions, loads or animates.
STYLE_PROPERTIES = frozenset({
    "color", "background-color", "font-weight", "font-style", "font-size", "font-family", "text-decoration",
    "text-align", "vertical-align", "white-space", "margin", "margin-left", "margin-right", "margin-top",
    "margin-bottom", "padding", "padding-left", "padding-right", "padding-top", "padding-bottom",
    "line-height", "border", "border-collapse", "width", "height",
})
# Anything in a style value that can fetch or execute, looked for after CSS comments are removed
# (so "expr/**/ession" is found) and escapes refused outright (they could hide those words).
UNSAFE_STYLE = re.compile(r"url\s*\(|image-set|@import|expression|behavior|-moz-binding|javascript:|\\", re.I)
CSS_COMMENT = re.compile(r"/\*.*?(\*/|$)", re.S)
# An image whose source was refused shows a broken-image box: drop it (nh3's output is well formed).
IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
IMAGE_SOURCE = re.compile(r'<img\b[^>]*?\ssrc="([^"]*)"', re.I)
# Text that a browser could read as markup: worth sanitising rather than showing as typed.
LOOKS_LIKE_MARKUP = re.compile(r"<[A-Za-z/!?]|&(#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "src":
        return value if is_safe_media_name(html.unescape(value)) else None
    if name == "style" and UNSAFE_STYLE.search(CSS_COMMENT.sub("", value)):
        return None
    return value


def sanitize_html(text: str) -> str:
    """`text` reduced to the allow-list above, well formed."""
    cleaned = nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes=ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=set(),  # no scheme at all: only plain media file names survive as sources
        filter_style_properties=set(STYLE_PROPERTIES),
        strip_comments=True,
        link_rel=None,
    )
    return IMAGE_WITHOUT_SOURCE.sub("", cleaned)


def image_sources(text: str) -> list[str]:
    """The file names of the images `text` shows inline (entities decoded), in order."""
    return [html.unescape(name) for name in IMAGE_SOURCE.findall(text)]


def display_html(text: str) -> str:
    """What a rich-text widget shows for `text`: markup sanitised; plain text escaped, its line breaks kept."""
    if LOOKS_LIKE_MARKUP.search(text):
        return sanitize_html(text)
    return html.escape(text).replace("\n", "<br>")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_WITH_CONTENT:
            self.skip_depth += 1
        elif tag in ("br", "div", "p", "li") and self.out:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_WITH_CONTENT and self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.out.append(data)


def html_to_text(text: str) -> str:
    """The visible text of a field (tags removed, entities decoded), for typed answers."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "".join(parser.out).replace("\xa0", " ").strip()
