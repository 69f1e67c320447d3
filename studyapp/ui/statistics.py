"""The statistics screen: answers per day, a calendar heatmap, accuracy, calibration, the due forecast, and the
learner's mastery per deck and skill with its likely range."""

from __future__ import annotations

from datetime import timedelta

import shiboken6
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studyapp.ui import items_ops
from studyapp.ui.content_names import deck_leaf, deck_path
from studyapp.ui.stats_data import HEATMAP_WEEKS, PERIODS, Statistics, chart_periods, mastery, statistics
from studyapp.ui.theme import colours, current_theme

MASTERY_GROUPS = 12   # per chart: the groups with the most items answered


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * t), round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


class Heatmap(QWidget):
    """One square per day for the last half year, darker for more answers (weeks run left to right)."""

    CELL, GAP = 13, 3

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.stats: Statistics | None = None
        self.setMinimumHeight(7 * (self.CELL + self.GAP) + 8)

    def sizeHint(self) -> QSize:
        return QSize(HEATMAP_WEEKS * (self.CELL + self.GAP) + 8, 7 * (self.CELL + self.GAP) + 8)

    def set_stats(self, stats: Statistics) -> None:
        self.stats = stats
        self.update()

    def paintEvent(self, event) -> None:
        if self.stats is None:
            return
        c = colours(current_theme())
        empty, full = QColor(c["alt"]), QColor(c["accent"])
        today = self.stats.today
        start = today - timedelta(days=today.weekday() + 7 * (HEATMAP_WEEKS - 1))
        busiest = max((n for n, _ in self.stats.per_day.values()), default=0)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(Qt.NoPen)
        step = self.CELL + self.GAP
        left = max(4, (self.width() - HEATMAP_WEEKS * step) // 2)
        for week in range(HEATMAP_WEEKS):
            for weekday in range(7):
                day = start + timedelta(days=7 * week + weekday)
                if day > today:
                    continue
                n = self.stats.per_day.get(day, (0, 0))[0]
                colour = empty if n == 0 else _mix(empty, full, 0.25 + 0.75 * n / busiest)
                painter.setBrush(colour)
                painter.drawRoundedRect(QRectF(left + week * step, 4 + weekday * step, self.CELL, self.CELL), 3, 3)
        painter.end()


class StatisticsPage(QWidget):
    back = Signal()
    loaded = Signal(object)          # Statistics
    mastery_loaded = Signal(object)  # the mastery report (TestReport), or None when there is no learner model

    def __init__(self, backend, parent=None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.stats: Statistics | None = None
        self.deck_name = ""
        self.query: tuple[int, int | None] | None = None   # (profile id, deck id) shown
        self.period: int | None = PERIODS[0]                 # days, None for all
        self.learner = None
        self.learner_state = "loading"   # loading, model or classic (as the main window's)
        self.report = None
        self.setFocusPolicy(Qt.StrongFocus)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.totals = QLabel()
        self.totals.setObjectName("quiet")
        self.heatmap = Heatmap()
        self.heatmap_caption = QLabel()
        self.heatmap_caption.setObjectName("quiet")
        self.charts = {key: QChartView() for key in ("per_day", "accuracy", "forecast", "calibration",
                                                     "mastery_decks", "mastery_skills")}
        for view in self.charts.values():
            view.setRenderHint(QPainter.Antialiasing)
            view.setFixedHeight(240)   # spare height goes below the charts, not into them
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back)
        self.back_button.setFocusPolicy(Qt.NoFocus)
        # Which deck (all, or one with its sub-decks) and how far back: chosen here, not only on the deck tree.
        self.deck_box = QComboBox()
        self.deck_box.setMinimumContentsLength(18)
        self.deck_names: dict[int, str] = {}
        self.deck_box.activated.connect(lambda _index: self._choose_current_deck())
        self.period_box = QComboBox()
        for days in PERIODS:
            self.period_box.addItem("", days)
        self.period_box.activated.connect(lambda _index: self._choose_period(self.period_box.currentData()))
        self.deck_label, self.period_label = QLabel(), QLabel()
        self.deck_label.setBuddy(self.deck_box)
        self.period_label.setBuddy(self.period_box)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.mastery_note = QLabel()
        self.mastery_note.setObjectName("quiet")
        self.mastery_note.setWordWrap(True)
        self.mastery_caption = QLabel()
        self.mastery_caption.setObjectName("quiet")
        self.mastery_caption.setWordWrap(True)

        grid = QGridLayout()
        grid.addWidget(self.charts["per_day"], 0, 0)
        grid.addWidget(self.charts["accuracy"], 0, 1)
        grid.addWidget(self.charts["forecast"], 1, 0)
        grid.addWidget(self.charts["calibration"], 1, 1)
        grid.addWidget(self.mastery_note, 2, 0, 1, 2)
        # Full width: deck and skill names are long.
        grid.addWidget(self.charts["mastery_decks"], 3, 0, 1, 2)
        grid.addWidget(self.charts["mastery_skills"], 4, 0, 1, 2)
        grid.addWidget(self.mastery_caption, 5, 0, 1, 2)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.heatmap_caption)
        inner.addWidget(self.heatmap)
        inner.addLayout(grid)
        inner.addStretch(1)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.NoFrame)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.back_button)
        choices = QHBoxLayout()
        choices.addWidget(self.totals, 1)
        for widget in (self.deck_label, self.deck_box, self.period_label, self.period_box):
            choices.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(choices)
        layout.addWidget(self.error)
        layout.addWidget(scroll, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Back  [Esc]"))
        self.deck_label.setText(self.tr("&Deck"))
        self.period_label.setText(self.tr("&Period"))
        names = {30: self.tr("Last month"), 91: self.tr("Last 3 months"), 365: self.tr("Last year"),
                 None: self.tr("All time")}
        for index, days in enumerate(PERIODS):
            self.period_box.setItemText(index, names[days])
        if self.deck_box.count():
            self.deck_box.setItemText(0, self.tr("All decks"))
        self.heatmap_caption.setText(self.tr("Answers per day, last six months"))
        self.title.setText(self.tr("Statistics: %1").replace("%1", deck_path(self.deck_name)) if self.deck_name
                           else self.tr("Statistics"))
        self.mastery_caption.setText(self.tr("Mastery: the chance that you know an item of the deck or skill, "
                                             "guessing removed, over the items you have answered. The line is "
                                             "its likely range (95%)."))
        if self.stats is not None:
            self._fill()
        self._fill_mastery()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_for(self, profile_id: int, deck_id: int | None, deck_name: str) -> None:
        self.scroll.verticalScrollBar().setValue(0)   # each visit starts at the top
        self.backend.request(items_ops.deck_choices, done=lambda decks: self._fill_decks(decks, deck_id),
                             failed=self.error.setText)
        self.query = (profile_id, deck_id)
        self._choose(deck_id, deck_name)

    def _fill_decks(self, decks: list[dict], deck_id: int | None) -> None:
        """All decks first, then each deck indented under its parent."""
        self.deck_box.clear()
        self.deck_box.addItem(self.tr("All decks"), None)
        self.deck_names = {deck["id"]: deck["name"] for deck in decks}
        for deck in decks:
            depth = deck["name"].count("::")
            self.deck_box.addItem("    " * depth + deck_leaf(deck["name"]), deck["id"])
        self.deck_box.setCurrentIndex(max(0, self.deck_box.findData(deck_id)))

    def _choose_current_deck(self) -> None:
        deck_id = self.deck_box.currentData()
        self._choose(deck_id, self.deck_names.get(deck_id, ""))

    def _choose(self, deck_id: int | None, deck_name: str) -> None:
        self.deck_name = deck_name if deck_id is not None else ""
        self.query = (self.query[0], deck_id)
        self.report = None
        self.retranslate()
        self.error.clear()
        self._request_statistics()
        self._request_mastery()

    def _choose_period(self, days: int | None) -> None:
        self.period = days
        self._request_statistics()

    def _request_statistics(self) -> None:
        query, period = self.query, self.period
        self.backend.request(statistics, *query, period,
                             done=lambda stats: self._loaded(stats) if (query, period) == (self.query, self.period)
                             else None, failed=self.error.setText)

    def set_learner(self, learner, state: str) -> None:
        """The model has loaded (state "model") or will not ("classic"); a screen already open asks again."""
        self.learner, self.learner_state = learner, state
        if self.query is not None and self.isVisible():
            self._request_mastery()

    def _request_mastery(self) -> None:
        """Mastery needs the model and adapts the student first, so it comes after the charts, by itself."""
        self.report = None
        self._fill_mastery()
        if self.learner is None:
            self.mastery_loaded.emit(None)
            return
        query = self.query
        self.backend.request(mastery, *query, self.learner, done=lambda report: self._mastery_done(query, report),
                             failed=self.error.setText)

    def _mastery_done(self, query, report) -> None:
        if query != self.query:
            return   # the screen has moved on to another deck or profile
        self.report = report
        self._fill_mastery()
        self.mastery_loaded.emit(report)

    def _loaded(self, stats: Statistics) -> None:
        self.stats = stats
        self._fill()
        self.loaded.emit(stats)

    # ------------------------------------------------------------ charts

    def _chart(self, key: str, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        chart.setTheme(QChart.ChartThemeDark if current_theme() == "dark" else QChart.ChartThemeLight)
        chart.setBackgroundBrush(QColor(colours(current_theme())["base"]))
        chart.legend().setVisible(False)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.NoAnimation)
        old = self.charts[key].chart()
        self.charts[key].setChart(chart)
        if old is not None:
            shiboken6.delete(old)  # setChart hands the old chart back to us
        return chart

    def _axes(self, chart: QChart, series, categories: list[str] | None, top: float, label_every: int = 1,
              labels_visible: bool = True) -> None:
        chart.addSeries(series)
        if categories is not None:
            x = QBarCategoryAxis()
            x.setTruncateLabels(False)   # a label that does not fit is left out, never shown as "..."
            # Categories must be unique: the unlabelled ones are runs of zero-width spaces of different lengths
            # (plain spaces take room, and Qt then elides the real labels to "...").
            x.append([c if n % label_every == 0 else "\u200b" * n for n, c in enumerate(categories)])
            x.setLabelsVisible(labels_visible)
        else:
            x = QValueAxis()
            x.setRange(0, 1)
        y = QValueAxis()
        y.setRange(0, max(top, 1))
        y.applyNiceNumbers()
        if y.max() < y.tickCount() - 1:   # counts are whole: no tick between 0 and 1 (it read "0, 0, 1, 1, 2")
            y.setTickCount(int(y.max()) + 1)
        y.setLabelFormat("%d")
        chart.addAxis(x, Qt.AlignBottom)
        chart.addAxis(y, Qt.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)

    def _fill(self) -> None:
        s = self.stats
        self.totals.setText(self.tr("%1, %2% correct, %3; %4.")
                            .replace("%1", self.tr("%n answer(s)", "", s.answers))
                            .replace("%2", str(round(100 * s.accuracy)))
                            .replace("%3", self.tr("on %n day(s)", "", s.study_days))
                            .replace("%4", self.tr("%n item(s) seen", "", s.items_seen)))
        self.heatmap.set_stats(s)
        accent = QColor(colours(current_theme())["accent"])
        periods = chart_periods(s)
        weekly = len(periods) > 1 and (periods[1][0] - periods[0][0]).days == 7
        labels = [first.strftime("%m-%d") for first, _, _ in periods]
        last = s.today.strftime("%m-%d")

        answered = QBarSet(self.tr("Answers"))
        answered.setColor(accent)
        answered.append([n for _, n, _ in periods])
        bars = QBarSeries()
        bars.append(answered)
        title = (self.tr("Answers per week, %1 to %2") if weekly else self.tr("Answers per day, %1 to %2"))
        self._axes(self._chart("per_day", title.replace("%1", labels[0]).replace("%2", last)), bars, labels,
                   max((n for _, n, _ in periods), default=0), labels_visible=False)

        # A line joins the days with answers and a marker shows each of them: one day alone is a point.
        accuracy, markers = QLineSeries(), QScatterSeries()
        accuracy.setColor(accent)
        markers.setColor(accent)
        markers.setBorderColor(accent)
        markers.setMarkerSize(8)
        for n, (_, total, right) in enumerate(periods):
            if total:
                accuracy.append(QPointF(n, 100 * right / total))
                markers.append(QPointF(n, 100 * right / total))
        chart = self._chart("accuracy", self.tr("Accuracy per week (%)") if weekly
                            else self.tr("Accuracy per day (%)"))
        x, y = QValueAxis(), QValueAxis()
        x.setRange(-0.5, len(periods) - 0.5)
        x.setLabelsVisible(False)
        y.setRange(0, 100)
        y.setLabelFormat("%d")
        for axis, side in ((x, Qt.AlignBottom), (y, Qt.AlignLeft)):
            chart.addAxis(axis, side)
        for series in (accuracy, markers):
            chart.addSeries(series)
            series.attachAxis(x)
            series.attachAxis(y)

        due = QBarSet(self.tr("Due"))
        due.setColor(accent)
        due.append(s.forecast)
        due_bars = QBarSeries()
        due_bars.append(due)
        # Numbers only: a word like "today" is wider than a day's bar and Qt would leave it out.
        names = ["0"] + [f"+{n}" for n in range(1, len(s.forecast))]
        self._axes(self._chart("forecast", self.tr("Due in the next two weeks (0 = today)")), due_bars, names,
                   max(s.forecast, default=0), label_every=2)

        chart = self._chart("calibration", self.tr("Predicted vs actual recall"))
        diagonal = QLineSeries()
        diagonal.append(QPointF(0, 0))
        diagonal.append(QPointF(1, 1))
        diagonal.setColor(QColor(colours(current_theme())["muted"]))
        points = QScatterSeries()
        points.setColor(accent)
        points.setMarkerSize(10)
        for predicted, actual, _n in s.calibration:
            points.append(QPointF(predicted, actual))
        x, y = QValueAxis(), QValueAxis()
        for axis, side in ((x, Qt.AlignBottom), (y, Qt.AlignLeft)):
            axis.setRange(0, 1)
            axis.setTickCount(6)
            axis.setLabelFormat("%.1f")
            chart.addAxis(axis, side)
        for series in (diagonal, points):
            chart.addSeries(series)
            series.attachAxis(x)
            series.attachAxis(y)
        if not s.calibration:
            chart.setTitle(self.tr("Predicted vs actual recall (no predictions yet)"))

    def _mastery_text(self) -> str:
        """Why there is no mastery to show, or "" when the charts show it."""
        if self.learner is None:
            return (self.tr("Mastery per deck and skill appears once the learner model has loaded.")
                    if self.learner_state == "loading" else
                    self.tr("Mastery per deck and skill needs the learner model, which is not available: "
                            "the classical schedule is used."))
        if self.report is None:
            return self.tr("Working out mastery per deck and skill…")
        if not self.report.decks:
            return self.tr("Mastery per deck and skill appears once you have answered some items.")
        return ""

    def _fill_mastery(self) -> None:
        note = self._mastery_text()
        self.mastery_note.setText(note)
        self.mastery_note.setVisible(bool(note))
        for widget in (self.charts["mastery_decks"], self.charts["mastery_skills"], self.mastery_caption):
            widget.setVisible(not note)
        if note:
            return
        self._mastery_chart("mastery_decks", self.tr("Mastery per deck (%)"), self.report.decks)
        self._mastery_chart("mastery_skills", self.tr("Mastery per skill (%)") if self.report.skills
                            else self.tr("Mastery per skill (these items have no skills or tags)"),
                            self.report.skills)

    def _mastery_chart(self, key: str, title: str, groups) -> None:
        """One row per group, weakest at the top: a dot at the mastery and a line across its 95% band."""
        c = colours(current_theme())
        chart = self._chart(key, title)
        busiest = sorted(groups, key=lambda g: (-g.asked, g.name))[:MASTERY_GROUPS]
        shown = sorted(busiest, key=lambda g: (-g.mastery, g.name))
        y = QCategoryAxis()
        y.setLabelsPosition(QCategoryAxis.AxisLabelsPositionOnValue)
        y.setRange(-0.6, max(len(shown), 1) - 0.4)
        y.setGridLineVisible(False)
        x = QValueAxis()
        x.setRange(0, 100)
        x.setTickCount(6)
        x.setLabelFormat("%d")
        chart.addAxis(x, Qt.AlignBottom)
        chart.addAxis(y, Qt.AlignLeft)
        dots = QScatterSeries()
        dots.setColor(QColor(c["accent"]))
        dots.setBorderColor(QColor(c["accent"]))
        dots.setMarkerSize(11)
        dots.setPointLabelsVisible(True)
        dots.setPointLabelsFormat("@xPoint%")
        dots.setPointLabelsColor(QColor(c["text"]))
        dots.setPointLabelsClipping(False)
        band_pen = QPen(_mix(QColor(c["base"]), QColor(c["accent"]), 0.45), 4)
        band_pen.setCapStyle(Qt.RoundCap)
        for n, group in enumerate(shown):
            y.append(deck_path(group.name), n)
            band = QLineSeries()
            band.setPen(band_pen)
            band.append(QPointF(100 * group.low, n))
            band.append(QPointF(100 * group.high, n))
            chart.addSeries(band)
            band.attachAxis(x)
            band.attachAxis(y)
            dots.append(QPointF(round(100 * group.mastery), n))
        chart.addSeries(dots)
        dots.attachAxis(x)
        dots.attachAxis(y)
        self.charts[key].setFixedHeight(max(200, 90 + 34 * len(shown)))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Escape, Qt.Key_Backspace):
            self.back.emit()
        else:
            super().keyPressEvent(event)
