import numpy as np
import pytest

from studyapp.learner.lab.skills import shrink_to_skills, skill_index


def test_rarely_answered_items_move_towards_their_skill_and_steady_ones_stay():
    b = np.array([2.0, 0.0, 3.0, -1.0, 3.0])
    counts = np.array([1000, 1000, 1, 1000, 1])
    skill = np.array([0, 0, 0, 1, -1])
    shrunk = shrink_to_skills(b, counts, skill, 0.7)
    assert shrunk[0] == pytest.approx(2.0, abs=0.05) and shrunk[1] == pytest.approx(0.0, abs=0.05)
    assert 1.0 < shrunk[2] < 1.4  # answered once: most of the way from 3.0 to its skill's mean, 1.0
    assert shrunk[4] == 3.0  # no skill: unchanged


def test_unanswered_items_take_their_skills_mean_or_the_default():
    b = np.array([1.0, 2.0, -0.5, -0.5])
    counts = np.array([10, 30, 0, 0])
    skill = np.array([0, 0, 0, 1])
    shrunk = shrink_to_skills(b, counts, skill, 0.6, default=-0.5)
    assert shrunk[2] == pytest.approx((1.0 * 10 + 2.0 * 30) / 40)
    assert shrunk[3] == -0.5  # a skill with no answers at all: the default


def test_skill_index_maps_tags_and_leaves_untagged_and_excluded_items_out():
    index = skill_index(["a", "b", "c", "d"], {"a": "fractions", "b": "area", "d": "area"},
                        only=np.array([True, True, True, False]))
    assert index.tolist() == [1, 0, -1, -1]
