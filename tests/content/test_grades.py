"""The one rule between Anki's grades (1 Again, 2 Hard, 3 Good, 4 Easy) and right/wrong answers, pinned here; the
learner's features, the baselines, the SM-2 and FSRS schedulers and the Anki export all use it."""

import pytest

from studyapp.content.model import correct_of, grade_of
from studyapp.study.classic import replay


@pytest.mark.parametrize("grade", [1, 2, 3, 4])
@pytest.mark.parametrize("correct", [0, 1])
def test_an_answer_keeps_its_own_grade(correct, grade):
    assert grade_of(correct, grade) == grade


@pytest.mark.parametrize("grade", [None, 0, 5, -1])
def test_without_a_grade_in_range_right_is_good_and_wrong_is_again(grade):
    assert grade_of(1, grade) == 3
    assert grade_of(0, grade) == 1


def test_a_numpy_grade_comes_back_as_a_plain_int():
    np = pytest.importorskip("numpy")
    assert type(grade_of(1, np.int64(2))) is int


def test_every_grade_but_again_is_a_right_answer():
    assert [correct_of(g) for g in (1, 2, 3, 4)] == [0, 1, 1, 1]
    assert all(correct_of(grade_of(c, None)) == c for c in (0, 1))


def test_sm2_treats_a_grade_out_of_range_as_missing():
    # It passed any non-zero grade through, so a grade of 5 (kept in a database written by other software)
    # raised KeyError inside the scheduler instead of counting as Good like everywhere else.
    day = 86_400_000
    assert replay([(0, 1, 5), (day, 1, 5)]) == replay([(0, 1, None), (day, 1, None)])
