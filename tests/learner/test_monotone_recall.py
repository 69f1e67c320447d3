"""An item's predicted recall never rises with the time since its last answer (the shipped model, adapted
students): within its study day, and from the next day on to a year."""

import random

import numpy as np
import pytest

from studyapp.learner import features as feat
from studyapp.learner.runtime import Answer, AnswerLog, ItemInfo, Learner

DAY = 86400.0
NOW = 1_800_000_000.0
TOLERANCE = 1e-6  # float32 terms


@pytest.fixture(scope="module")
def learner():
    return Learner.load()


def screenshot_history(seed=7, days=60):
    """The screenshot tool's student (packaging/tools/take_screenshots.py): two months of answers to 140
    capitals flashcards, 5-40 a day on 70% of days, right more often as the weeks go by."""
    rng = random.Random(seed)
    items = [ItemInfo(f"cap-{k}", "basic", 0) for k in range(140)]
    answers = []
    for day in range(days, 0, -1):
        if rng.random() < 0.3:
            continue
        for n, item in enumerate(rng.sample(items, rng.randint(5, 40))):
            correct = int(rng.random() < 0.55 + 0.4 * (days - day) / days)
            answers.append(Answer(item, NOW - day * DAY + n * 40, correct, 3 if correct else 1))
    return answers


def random_history(seed):
    """Flashcards and multiple choice, answered again the same day (learning steps) and after random gaps,
    by a student whose recall differs from the population's either way."""
    rng = np.random.default_rng(seed)
    skill = rng.uniform(0.35, 0.97)
    items = [ItemInfo(f"r{seed}-{k}", "basic" if k % 3 else "choice", 0 if k % 3 else 4) for k in range(30)]
    answers, t = [], NOW - 120 * DAY
    for _ in range(int(rng.integers(60, 400))):
        t += float(rng.choice([rng.uniform(60, 3600), rng.uniform(0.5, 20) * DAY]))
        correct = int(rng.random() < skill)
        item = items[int(rng.integers(len(items)))]
        answers.append(Answer(item, t, correct, (3 if correct else 1) if item.kind == "basic" else None))
    return answers


def adapted(learner, answers, refit):
    log = AnswerLog.of(answers)
    student = learner.student(log)
    student.adapt()
    if refit:
        student.refit_memory(log)
    return student


def last_answers(answers):
    """Each answered item's last answer time."""
    return {a.item: a.timestamp_s for a in answers}  # answers are in time order: the last one stays


def largest_rise(p):
    """How far recall climbs above its lowest value so far along the last axis (0 for a falling curve)."""
    return float(np.max(p[..., 1:] - np.minimum.accumulate(p, axis=-1)[..., :-1]))


def test_the_screenshot_students_recall_falls_from_an_hour_to_a_year(learner):
    answers = screenshot_history()
    student = adapted(learner, answers, refit=True)
    waits = np.geomspace(3600.0, 365 * DAY, 80)
    p = np.array([[student.predict([item], at + w)[0] for w in waits] for item, at in last_answers(answers).items()])
    assert largest_rise(p) <= TOLERANCE
    assert np.all(p[:, -1] < p[:, 0])  # and it does fall


@pytest.mark.parametrize("seed", range(6))
def test_recall_never_rises_within_the_day_or_from_the_next_day_on(learner, seed):
    answers = random_history(seed)
    student = adapted(learner, answers, refit=seed % 2 == 1)
    for item, at in last_answers(answers).items():
        rollover = (feat.day_number(at, student.day_start_s) + 1) * DAY + student.day_start_s
        for start, end in ((at + 60.0, rollover - 1.0), (rollover, at + 365 * DAY)):
            if end > start:
                p = np.array([student.predict([item], t)[0] for t in np.geomspace(start - at, end - at, 40) + at])
                assert largest_rise(p) <= TOLERANCE, (item, start - at)
