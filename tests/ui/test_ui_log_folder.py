"""Help > Open the log folder shows the diagnostics log's folder in the desktop's file manager."""

from PySide6.QtCore import QUrl


def test_help_opens_the_log_folder(qtbot, window, data_dir, monkeypatch):
    opened = []

    class Desktop:
        @staticmethod
        def openUrl(url):
            opened.append(url)
            return True

    monkeypatch.setattr("studyapp.ui.help_menu.QDesktopServices", Desktop)
    qtbot.waitUntil(lambda: window.backend.data_dir is not None)
    assert window.act_log_folder in window.help_menu.actions()
    window.act_log_folder.trigger()
    folder = data_dir.resolve() / "logs"
    assert opened == [QUrl.fromLocalFile(str(folder))] and folder.is_dir()
