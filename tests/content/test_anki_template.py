"""Rendering Anki card templates: fields, FrontSide, sections and filters."""

from __future__ import annotations

from studyapp.content.anki_template import CardContext, parse, referenced, render


def _render(template: str, fields: dict, number: int = 1, answer_side: bool = False, front: str = "") -> str:
    ctx = CardContext(fields, number, answer_side=answer_side, front_side=front, specials={"Tags": "a b"})
    return render(parse(template), ctx)


def test_fields_and_specials():
    assert _render("{{Front}} / {{ Tags }} / {{Missing}}", {"Front": "<b>x</b>"}) == "<b>x</b> / a b / "


def test_sections_shown_and_hidden():
    template = "{{#A}}has A{{#B}} and B{{/B}}{{/A}}{{^B}} no B{{/B}}"
    assert _render(template, {"A": "1", "B": ""}) == "has A no B"
    assert _render(template, {"A": "1", "B": "2"}) == "has A and B"
    assert _render(template, {"A": "<br>&nbsp;", "B": ""}) == " no B"  # only markup counts as empty
    assert _render("{{#A}}pic{{/A}}", {"A": '<img src="a.png">'}) == "pic"


def test_forgiving_with_broken_templates():
    assert _render("{{/Nope}}x{{#A}}y", {"A": "1"}) == "xy"
    assert _render("{{! a comment }}z", {}) == "z"


def test_filters():
    fields = {"Text": "{{c1::Paris::city}} and {{c2::Rome}}", "Word": "<i>Haus</i>"}
    assert _render("{{cloze:Text}}", fields, number=2) == "Paris and [...]"
    assert _render("{{cloze:Text}}", fields, number=1, answer_side=True) == "Paris and Rome"
    assert _render("{{type:Word}}", fields) == ""
    assert _render("{{type:Word}}", fields, answer_side=True) == "Haus"
    assert _render("{{text:Word}}", fields) == "Haus"
    assert _render("{{furigana:Word}}", fields) == "<i>Haus</i>"  # unknown filters show the field
    assert _render("{{text:type:Word}}", fields, answer_side=True) == "Haus"


def test_front_side():
    assert _render("{{FrontSide}}<hr id=answer>{{Back}}", {"Back": "b"}, answer_side=True, front="f") == \
        "f<hr id=answer>b"


def test_referenced_fields_by_filter():
    nodes = parse("{{#X}}{{cloze:Text}}{{/X}} {{type:Answer}} {{Plain}}")
    assert referenced(nodes, "cloze") == ["Text"]
    assert referenced(nodes, "type") == ["Answer"]
