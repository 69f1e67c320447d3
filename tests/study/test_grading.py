import pytest

from studyapp.content.model import Item
from studyapp.study.grading import GradingError, answer_diff, answers_match, as_number, grade_response


@pytest.mark.parametrize("given, expected", [
    ("paris", "Paris"), ("  New   York ", "New York"), ("Bogota", "Bogotá"), ("Paris.", "Paris"),
    ("7/3", "2 1/3"), ("2 1/3", "7/3"), ("0.5", "1/2"), ("1,000", "1000"), ("−3/2", "-1 1/2"), ("4/2", "2"),
])
def test_equivalent_answers_match(given, expected):
    assert answers_match(given, expected)


@pytest.mark.parametrize("given, expected", [("Lyon", "Paris"), ("7/4", "2 1/3"), ("1,5", "15"), ("", "x")])
def test_different_answers_do_not_match(given, expected):
    assert not answers_match(given, expected)


def test_as_number_rejects_text_and_division_by_zero():
    assert as_number("abc") is None and as_number("1/0") is None


def test_flashcard_grades():
    card = Item("basic", "France", "Paris")
    assert grade_response(card, "1").correct == 0 and grade_response(card, "3").grade == 3
    with pytest.raises(GradingError):
        grade_response(card, "5")


def test_choice_by_number_or_text():
    item = Item("choice", "2 x 3", "6", options=["5", "6", "8", "9"])
    assert grade_response(item, "2").correct == 1 and grade_response(item, "2").given == "6"
    assert grade_response(item, "1").correct == 0
    assert grade_response(item, "6").correct == 1
    with pytest.raises(GradingError, match="1 to 4"):
        grade_response(item, "7")


def test_true_false_words():
    item = Item("truefalse", "The Sun is a star", "true")
    assert grade_response(item, "T").correct == 1 and grade_response(item, "false").correct == 0
    with pytest.raises(GradingError):
        grade_response(item, "maybe")


def test_typed_accepts_alternatives():
    item = Item("typed", "Al", "Aluminium", accepted=["Aluminum"])
    assert grade_response(item, "aluminum").correct == 1 and grade_response(item, "alu").correct == 0


def test_diff_marks_missing_and_extra_letters():
    assert answer_diff("Pariss", "Paris") == [("same", "Paris"), ("extra", "s")]
    assert answer_diff("Pari", "Paris") == [("same", "Pari"), ("missing", "s")]


ALGIERS = Item("typed", "Capital of Algeria", "Algiers", accepted=["El Djazaïr"],
               translations={"zh_CN": {"prompt": "阿尔及利亚的首都", "answer": "阿尔及尔"}})
CHOICE = Item("choice", "two times three", "six", options=["five", "six", "eight"],
              translations={"zh_CN": {"prompt": "二乘三", "answer": "六", "options": ["五", "六", "八"]}})


@pytest.mark.parametrize("typed", ["阿尔及尔", "Algiers", "algiers", "El Djazair"])
def test_a_typed_answer_in_chinese_is_right_in_the_translation_and_in_the_item_own_text(typed):
    from studyapp.content.model import in_language

    assert grade_response(in_language(ALGIERS, "zh_CN"), typed).correct == 1


def test_a_typed_answer_in_chinese_is_still_wrong_when_it_is_wrong():
    from studyapp.content.model import in_language

    assert grade_response(in_language(ALGIERS, "zh_CN"), "奥兰").correct == 0


def test_a_choice_in_chinese_is_graded_among_the_translated_options():
    from studyapp.content.model import in_language

    question = in_language(CHOICE, "zh_CN")
    assert grade_response(question, "2") == grade_response(question, "六")
    assert grade_response(question, "2").given == "六" and grade_response(question, "2").correct == 1
    assert grade_response(question, "1").correct == 0
