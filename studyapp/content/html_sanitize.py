"""Reduce untrusted field HTML (from Anki packages) to a small, safe formatting subset.

Kept: formatting tags (b, i, u, br, div, span, p, lists, sub/sup, ruby, tables, ...), images
whose source is a local media file (or an inline data: image), and harmless attributes.
Dropped: scripts, styles, frames, objects, forms and links (their text stays for links and
unknown tags), event handlers, inline styles that load anything, and every remote reference
(http:, https:, protocol-relative //, other schemes). Text and entities pass through as
written, so sanitising already-clean HTML changes nothing.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset({
    "b", "i", "u", "s", "em", "strong", "small", "big", "mark", "code", "pre", "blockquote",
    "br", "hr", "div", "span", "p", "font", "ul", "ol", "li", "sub", "sup", "img",
    "ruby", "rb", "rt", "rp", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "h1", "h2", "h3", "h4", "h5", "h6",
})
VOID_TAGS = frozenset({"br", "hr", "img"})
# Tags whose content is code or a remote document, never text for the student (void ones
# such as embed or frame have no content and are simply not allowed).
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
# Anything in an inline style that can fetch or execute: url(), image-set(), @import,
# legacy IE expression(), behaviours, and escapes that could hide those words.
UNSAFE_STYLE = re.compile(r"url\s*\(|image-set|@import|expression|behavior|-moz-binding|javascript:|\\", re.I)
DATA_IMAGE = re.compile(r"data:image/(png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=\s]*$", re.I)
# A "<" in text that a browser could read as the start of markup.
MARKUP_START = re.compile(r"<(?=[A-Za-z/!?])")


def is_local_media_name(name: str) -> bool:
    """A plain file name in the media folder: no scheme, no directory, no traversal."""
    name = name.strip()
    return bool(name) and not (
        ":" in name or "/" in name or "\\" in name or name in (".", "..") or "\x00" in name
    )


def _safe_src(value: str) -> bool:
    return is_local_media_name(html.unescape(value)) or bool(DATA_IMAGE.match(value.strip()))


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.text: list[str] = []  # text since the last kept tag, escaped as one piece
        self.skip_depth = 0
        self.skip_tag = ""

    def _emit(self, markup: str) -> None:
        self.flush_text()
        self.out.append(markup)

    def flush_text(self) -> None:
        # Joined first: text around a dropped tag ("<" + <x> + "/script>") must not become markup.
        if self.text:
            self.out.append(MARKUP_START.sub("&lt;", "".join(self.text)))
            self.text = []

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> str | None:
        allowed = COMMON_ATTRS | TAG_ATTRS.get(tag, frozenset())
        kept = []
        for name, value in attrs:
            value = value or ""
            if name not in allowed:
                continue  # event handlers (on*), href, srcset, xmlns, ... never pass
            if name == "style" and UNSAFE_STYLE.search(value):
                continue
            if name == "src" and not _safe_src(value):
                return None  # an image from elsewhere: drop the whole tag
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        if tag == "img" and not any(a.startswith(" src=") for a in kept):
            return None
        return "".join(kept)

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.skip_depth:
            self.skip_depth += tag == self.skip_tag
            return
        if tag in DROP_WITH_CONTENT:
            self.skip_depth, self.skip_tag = 1, tag
            return
        if tag not in ALLOWED_TAGS:
            return
        rendered = self._attrs(tag, attrs)
        if rendered is not None:
            self._emit(f"<{tag}{rendered}>")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in VOID_TAGS or tag not in DROP_WITH_CONTENT:
            self.handle_starttag(tag, attrs)
        # a self-closed <script/> has no content to skip

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth:
            if tag == self.skip_tag:
                self.skip_depth -= 1
            return
        if tag in ALLOWED_TAGS and tag not in VOID_TAGS:
            self._emit(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        if not self.skip_depth:
            self.text.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self.skip_depth:
            self.text.append(f"&#{name};")

    # Comments, doctypes, processing instructions and CDATA are dropped.


def sanitize_html(text: str) -> str:
    parser = _Sanitizer()
    parser.feed(text)
    parser.close()
    parser.flush_text()
    return "".join(parser.out)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
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
