"""Anki card templates ({{Field}}, {{#Field}}..{{/Field}}, {{filter:Field}}) rendered to HTML.

Only what a card shows is needed here: field references, FrontSide, conditional sections,
and the filters that change text (cloze, type, text); other filters show the field as is.
The result is untrusted HTML; callers sanitise it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Union

from studyapp.content.cloze import CLOZE, render_cloze
from studyapp.content.html_sanitize import html_to_text

TAG = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


@dataclass
class Section:
    name: str
    inverted: bool
    children: list[Node] = field(default_factory=list)


# A parsed template: literal text, a ("ref", "filter:Field") reference, or a section holding more nodes.
Node = Union[str, tuple[str, str], Section]


@dataclass
class CardContext:
    fields: dict[str, str]
    card_number: int  # cloze number (card ord + 1)
    answer_side: bool = False
    front_side: str = ""
    specials: dict[str, str] = field(default_factory=dict)  # Tags, Deck, Type, Card, ...


def parse(template: str) -> list[Node]:
    """A tree of text, ("ref", spec) and Section nodes; unmatched closing tags are ignored
    and unclosed sections end with the template, as a forgiving renderer should."""
    root: list[Node] = []
    stack: list[tuple[str, list[Node]]] = [("", root)]
    pos = 0
    for match in TAG.finditer(template):
        stack[-1][1].append(template[pos:match.start()])
        pos = match.end()
        spec = match.group(1).strip()
        if spec[:1] in ("#", "^"):
            section = Section(spec[1:].strip(), spec[0] == "^")
            stack[-1][1].append(section)
            stack.append((section.name, section.children))
        elif spec[:1] == "/":
            name = spec[1:].strip()
            if any(open_name == name for open_name, _ in stack[1:]):
                while stack.pop()[0] != name:
                    pass
        elif spec and spec[0] not in ("!", "="):  # comments and delimiter changes show nothing
            stack[-1][1].append(("ref", spec))
    stack[-1][1].append(template[pos:])
    return root


def field_nonempty(value: str) -> bool:
    return bool(html_to_text(value)) or "<img" in value.lower()


def _lookup(name: str, ctx: CardContext) -> str:
    if name == "FrontSide":
        return ctx.front_side
    if name in ctx.fields:
        return ctx.fields[name]
    return ctx.specials.get(name, "")


def _apply(filter_name: str, value: str, ctx: CardContext) -> str:
    if filter_name == "cloze":
        if ctx.answer_side:
            return CLOZE.sub(lambda m: m.group(2), value)
        return render_cloze(value, ctx.card_number)[0]
    if filter_name == "type":
        # The typing box on the front; the expected answer on the back.
        return html.escape(html_to_text(value), quote=False) if ctx.answer_side else ""
    if filter_name == "text":
        return html.escape(html_to_text(value), quote=False)
    return value  # hint, furigana, tts, unknown filters: the field text itself


def _ref(spec: str, ctx: CardContext) -> str:
    *filters, name = [part.strip() for part in spec.split(":")]
    value = _lookup(name, ctx)
    for filter_name in reversed(filters):  # the filter nearest the field applies first
        value = _apply(filter_name, value, ctx)
    return value


def render(nodes: list[Node], ctx: CardContext) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, Section):
            if field_nonempty(_lookup(node.name, ctx)) != node.inverted:
                out.append(render(node.children, ctx))
        else:
            out.append(_ref(node[1], ctx))
    return "".join(out)


def referenced(nodes: list[Node], filter_name: str) -> list[str]:
    """Field names used with `filter_name` (for example the cloze or type field)."""
    names: list[str] = []
    for node in nodes:
        if isinstance(node, Section):
            names += referenced(node.children, filter_name)
        elif isinstance(node, tuple):
            parts = [p.strip() for p in node[1].split(":")]
            if len(parts) > 1 and filter_name in parts[:-1]:
                names.append(parts[-1])
    return names
