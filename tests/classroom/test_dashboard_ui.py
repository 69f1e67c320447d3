import gc

import pytest

pytest.importorskip("PySide6.QtWidgets")

from studyapp.ui.classroom_dashboard import ClassDashboard  # noqa: E402
from studyapp.ui.i18n import Translations  # noqa: E402


@pytest.fixture(autouse=True)
def no_collection_in_worker_threads():
    gc.disable()
    yield
    gc.collect()
    gc.enable()


def test_dashboard_shows_the_class_report(qtbot, qapp, class_bundles):
    Translations(qapp).apply("en")  # the English plural forms, whatever ran before
    board = ClassDashboard()
    qtbot.addWidget(board)
    with qtbot.wait_signal(board.loaded, timeout=20000) as blocker:
        board.open_bundles([str(p) for p in class_bundles])
    report = blocker.args[0]
    assert board.by_deck.rowCount() == len(class_bundles) == len(report.by_deck)
    assert board.by_skill.rowCount() == len(class_bundles)
    assert board.hardest.rowCount() == 6
    hardest_first = board.hardest.item(0, 0).text()
    assert hardest_first == f"{report.hardest[0].first_try_correct:.0%}"
    assert board.status.text() == f"{len(class_bundles)} students"


def test_dashboard_names_a_bad_bundle(qtbot, tmp_path):
    bad = tmp_path / "bad.studybundle"
    bad.write_bytes(b"not a zip")
    board = ClassDashboard()
    qtbot.addWidget(board)
    with qtbot.wait_signal(board.failed, timeout=20000) as blocker:
        board.open_bundles([str(bad)])
    assert "bad.studybundle" in blocker.args[0] and board.open_button.isEnabled()
