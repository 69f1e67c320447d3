"""Items in other languages: the native format's `translations` tables (read, checked, written back), how a
two-way card and a cloze note hand them to their parts, and the item as a student in that language sees it."""

import pytest

from studyapp.content.model import ContentError, Item, edited_in_language, in_language
from studyapp.content.native import parse_deck, write_deck
from studyapp.content.problems import Code

DECK = '''
format = 1
[deck]
name = "Geography::World capitals"

[[items]]
id = "cap-benin"
prompt = "Benin"
answer = "Porto-Novo"
accepted = ["Porto Novo"]
explanation = "Porto-Novo is the official capital; the government sits in Cotonou."
tags = ["Africa"]

[items.translations.zh_CN]
prompt = "贝宁"
answer = "波多诺伏"
explanation = "波多诺伏是官方首都；政府设在科托努。"

[[items]]
id = "el-na"
kind = "reversed"
prompt = "Na"
answer = "Sodium"
hint = "a soft metal"
explanation = "Atomic number 11."

[items.translations.zh_CN]
answer = "钠"
hint = "一种软金属"
explanation = "原子序数 11。"

[[items]]
id = "mul-2x3"
kind = "choice"
prompt = "two times three"
answer = "six"
options = ["five", "six", "eight"]

[items.translations.zh_CN]
prompt = "二乘三"
answer = "六"
options = ["五", "六", "八"]

[[items]]
id = "capital-fr"
kind = "cloze"
prompt = "{{c1::Paris}} is the capital of {{c2::France}}"

[items.translations.zh_CN]
prompt = "{{c1::巴黎}}是{{c2::法国}}的首都"

[[items]]
id = "tf-sun"
kind = "truefalse"
prompt = "The Sun is a star."
answer = true

[items.translations.zh_CN]
prompt = "太阳是一颗恒星。"
'''


def items_by_key():
    return {(item.guid, item.ord): item for item in parse_deck(DECK).items}


def test_translations_are_read_with_each_item():
    benin = items_by_key()["cap-benin", 0]
    assert benin.translations == {"zh_CN": {"prompt": "贝宁", "answer": "波多诺伏",
                                            "explanation": "波多诺伏是官方首都；政府设在科托努。"}}
    assert benin.prompt == "Benin" and benin.accepted == ["Porto Novo"]  # the item's own text stays


def test_a_deck_with_translations_is_written_and_reads_back_the_same():
    deck = parse_deck(DECK)
    text = write_deck(deck)
    assert "[items.translations.zh_CN]" in text
    again = parse_deck(text)
    assert again.items == deck.items
    assert write_deck(again) == text


def test_in_language_replaces_the_translated_fields_and_keeps_the_others():
    benin = in_language(items_by_key()["cap-benin", 0], "zh_CN")
    assert (benin.prompt, benin.answer) == ("贝宁", "波多诺伏")
    assert benin.explanation == "波多诺伏是官方首都；政府设在科托努。"
    assert benin.tags == ["Africa"] and benin.guid == "cap-benin"
    # The item's own alternatives belong to its own answer: not shown in Chinese, still graded right.
    assert benin.accepted == [] and benin.graded_also == ["Porto-Novo", "Porto Novo"]
    assert benin.translations == {}


def test_an_item_without_that_language_is_shown_as_it_is():
    benin = items_by_key()["cap-benin", 0]
    assert in_language(benin, "fr") is benin
    assert in_language(benin, "en") is benin


def test_choice_options_are_translated_one_for_one():
    question = in_language(items_by_key()["mul-2x3", 0], "zh_CN")
    assert (question.prompt, question.answer, question.options) == ("二乘三", "六", ["五", "六", "八"])


def test_a_true_false_statement_keeps_its_answer():
    statement = in_language(items_by_key()["tf-sun", 0], "zh_CN")
    assert (statement.prompt, statement.answer) == ("太阳是一颗恒星。", "true")


def test_the_back_of_a_two_way_card_swaps_the_translated_prompt_and_answer():
    items = items_by_key()
    front, back = in_language(items["el-na", 0], "zh_CN"), in_language(items["el-na", 1], "zh_CN")
    assert (front.prompt, front.answer, front.hint) == ("Na", "钠", "一种软金属")
    # The back asks for the symbol of 钠; the front's hint is not of it, as in the card's own text.
    assert (back.prompt, back.answer, back.hint) == ("钠", "Na", "")
    assert back.explanation == "原子序数 11。"
    assert items["el-na", 1].translations == {"zh_CN": {"prompt": "钠", "explanation": "原子序数 11。"}}


def test_each_gap_of_a_cloze_note_gets_its_translated_gap():
    items = items_by_key()
    first, second = in_language(items["capital-fr", 0], "zh_CN"), in_language(items["capital-fr", 1], "zh_CN")
    assert (first.prompt, first.answer) == ("[...]是法国的首都", "巴黎")
    assert (second.prompt, second.answer) == ("巴黎是[...]的首都", "法国")
    assert first.explanation == "巴黎是法国的首都"


def test_editing_the_text_shown_in_a_language_changes_that_translation_only():
    benin = items_by_key()["cap-benin", 0]
    shown = in_language(benin, "zh_CN")
    shown.answer, shown.hint = "波多诺伏市", "在南部"
    stored = edited_in_language(benin, shown, "zh_CN")
    assert (stored.prompt, stored.answer, stored.hint, stored.accepted) == ("Benin", "Porto-Novo", "", ["Porto Novo"])
    assert stored.translations["zh_CN"]["answer"] == "波多诺伏市"
    assert stored.translations["zh_CN"]["hint"] == "在南部"
    assert stored.translations["zh_CN"]["prompt"] == "贝宁"
    assert in_language(stored, "zh_CN").answer == "波多诺伏市"


def test_editing_an_item_without_that_translation_changes_its_own_text_and_keeps_the_others():
    benin = items_by_key()["cap-benin", 0]
    shown = in_language(benin, "fr")
    shown.answer = "Porto-Novo (official)"
    stored = edited_in_language(benin, shown, "fr")
    assert stored.answer == "Porto-Novo (official)" and stored.translations == benin.translations


def with_translation(item_toml: str, translation_toml: str) -> str:
    return f'format = 1\n[deck]\nname = "T"\n[[items]]\n{item_toml}\n[items.translations.zh_CN]\n{translation_toml}\n'


def problem_of(text: str):
    with pytest.raises(ContentError) as caught:
        parse_deck(text)
    return caught.value.problem.args[1]  # parse_deck wraps the problem in Code.AT with the source


BASIC = 'prompt = "Benin"\nanswer = "Porto-Novo"'
CHOICE = 'kind = "choice"\nprompt = "2 x 3"\nanswer = "6"\noptions = ["5", "6", "8"]'


@pytest.mark.parametrize(("item", "translation", "code", "arguments"), [
    (BASIC, 'prompt = "贝宁"\nanwser = "波多诺伏"', Code.TRANSLATION_UNKNOWN_FIELDS, ["zh_CN", "anwser"]),
    (BASIC, 'answer = 42', Code.TRANSLATION_NOT_TEXT, ["zh_CN", "answer"]),
    (BASIC, 'explanation = ["一", "二"]', Code.TRANSLATION_NOT_TEXT, ["zh_CN", "explanation"]),
    (BASIC, 'accepted = "波多诺伏"', Code.TRANSLATION_NOT_A_LIST, ["zh_CN", "accepted"]),
    (CHOICE, 'options = ["五", "六", 8]', Code.TRANSLATION_NOT_A_LIST, ["zh_CN", "options"]),
    (CHOICE, 'options = ["五", "六"]\nanswer = "六"', Code.TRANSLATION_OPTIONS_COUNT, ["zh_CN", 2, 3]),
    (CHOICE, 'options = ["五", "六", "八"]\nanswer = "七"', Code.TRANSLATION_ANSWER_PLACE, ["zh_CN", "'六'"]),
    (CHOICE, 'options = ["五", "六", "八"]\nanswer = "八"', Code.TRANSLATION_ANSWER_PLACE, ["zh_CN", "'六'"]),
    (CHOICE, 'options = ["五", "陆", "八"]', Code.TRANSLATION_ANSWER_PLACE, ["zh_CN", "'陆'"]),
    ('kind = "cloze"\nprompt = "{{c1::Paris}} is in {{c2::France}}"', 'prompt = "{{c1::巴黎}}在法国"',
     Code.TRANSLATION_CLOZE_GAPS, ["zh_CN", "c1", "c1, c2"]),
    (BASIC, 'prompt = "  "', Code.IN_TRANSLATION, ["zh_CN"]),
    ('kind = "truefalse"\nprompt = "The Sun is a star."\nanswer = true', 'answer = "对"', Code.IN_TRANSLATION,
     ["zh_CN"]),
])
def test_a_translation_that_does_not_fit_its_item_is_refused_with_its_reason(item, translation, code, arguments):
    problem = problem_of(with_translation(item, translation))
    assert problem.code == code
    shown = [str(arg) for arg in problem.args]
    assert all(str(a) in " ".join(shown) for a in arguments), (problem.text, arguments)


@pytest.mark.parametrize("language", ["chinese", "zh-CN", "ZH", "zh_cn", "zh CN", ""])
def test_a_translation_must_be_named_by_a_language_code(language):
    text = (f'format = 1\n[deck]\nname = "T"\n[[items]]\n{BASIC}\n[items.translations]\n'
            f'"{language}" = {{ prompt = "贝宁" }}\n')
    problem = problem_of(text)
    assert problem.code == Code.TRANSLATION_LANGUAGE and repr(language) in problem.text


@pytest.mark.parametrize("translations", ['translations = "贝宁"', 'translations = { zh_CN = "贝宁" }'])
def test_translations_must_be_tables(translations):
    problem = problem_of(f'format = 1\n[deck]\nname = "T"\n[[items]]\n{BASIC}\n{translations}\n')
    assert problem.code == Code.TRANSLATIONS_NOT_A_TABLE


@pytest.mark.parametrize("language", ["zh_CN", "fr", "pt_BR", "sr_Latn", "es_419", "yue"])
def test_language_codes_of_every_usual_shape_are_taken(language):
    deck = parse_deck(f'format = 1\n[deck]\nname = "T"\n[[items]]\n{BASIC}\n[items.translations.{language}]\n'
                      'prompt = "B"\n')
    assert in_language(deck.items[0], language).prompt == "B"


def test_a_translated_field_is_held_to_the_same_size_limit_as_the_item_own():
    item = Item("basic", "Benin", "Porto-Novo", translations={"zh_CN": {"explanation": "长" * (1 << 20)}})
    with pytest.raises(ContentError) as caught:
        item.validate()
    assert caught.value.problem.code == Code.IN_TRANSLATION
    assert caught.value.problem.args[1].code == Code.FIELD_TOO_LONG
