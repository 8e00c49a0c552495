"""Today's journey beside the planned one: each persona's feelings in both on one chart, and the cards
the plan adds, removes and changes.

The chart's geometry is `layout.emotion_compare`'s and the list is the diff by id of `model.diff`
(through `model.future_state.card_changes`); this module only paints and lists them. Clicking a card
asks the window whose map has it to select it (`select`, given by the window).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..canvas.painting import color, draw_text, plain_tooltip
from ..canvas.theme import system_style
from ..i18n import N_, _
from ..layout.emotion_compare import EmotionCompareChart, emotion_chart, persona_order
from ..layout.style import Palette
from ..model.diff import diff_maps
from ..model.future_state import CardChange, card_changes, compare_warnings, other_changes
from ..model.schema import Map

CHART_HEIGHT = 250
ZOOM = 1.25
"""Screen pixels per point of the chart (its words are measured in points, as in print)."""
LINE_LABELS = (N_("Today (current state)"), N_("Planned (future state)"))
"""The chart's legend, marked with `N_`: shown through `_()`."""
GROUPS = (("added", N_("Added in the plan")), ("removed", N_("Removed in the plan")),
          ("changed", N_("Changed in the plan")))
CARD_ROLE = Qt.ItemDataRole.UserRole


def _plain(text: str, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


class EmotionCompareWidget(QWidget):
    """One persona's chart: today's feelings dashed through rings, the plan's solid through discs."""

    def __init__(self, current: Map, future: Map, persona_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current, self.future, self.persona_id = current, future, persona_id
        self.setMinimumSize(360, CHART_HEIGHT)
        self.setToolTip(_("The persona's average feeling in each stage, over the cards that say one"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(560, CHART_HEIGHT)

    def chart(self) -> EmotionCompareChart:
        return emotion_chart(self.current, self.future, self.persona_id, self.width() / ZOOM, self.height() / ZOOM,
                             (_(LINE_LABELS[0]), _(LINE_LABELS[1])))

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = system_style().palette
        painter.fillRect(self.rect(), color(palette, "paper"))
        painter.scale(ZOOM, ZOOM)
        paint_chart(painter, self.chart(), palette)
        painter.end()


def _line_pen(palette: Palette, side: str, width: float = 0.0) -> QPen:
    if side == "current":
        pen = QPen(color(palette, "text"), width or 1.6)
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([4.0, 3.0])
    else:
        pen = QPen(color(palette, "curve"), width or 2.6)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _mark(painter: QPainter, palette: Palette, side: str, at: QPointF) -> None:
    if side == "current":  # a ring (hollow: a disc of the plan's at the same place shows through)
        painter.setPen(QPen(color(palette, "text"), 1.4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(at, 3.4, 3.4)
    else:  # a disc
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(color(palette, "curve")))
        painter.drawEllipse(at, 4.6, 4.6)


def paint_chart(painter: QPainter, chart: EmotionCompareChart, palette: Palette) -> None:
    """The chart with QPainter, in the widget's points (the plan under today's: its dashes stay visible)."""
    plot = chart.plot
    draw_text(painter, chart.heading, palette)
    for value, y, label in chart.levels:
        painter.setPen(QPen(color(palette, "zero_line" if value == 0 else "grid"), 1.2 if value == 0 else 0.6))
        painter.drawLine(QPointF(plot.x, y), QPointF(plot.right, y))
        draw_text(painter, label, palette)
    for column in chart.columns:
        if column.only_in:  # a stage of one map only: a faint band says so beside its name
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(color(palette, "chip")))
            half = plot.w / max(1, len(chart.columns)) / 2
            painter.drawRect(QRectF(column.x - half, plot.y, 2 * half, plot.h))
        for block in column.lines:
            draw_text(painter, block, palette)
    for line in reversed(chart.lines):
        if not line.points:
            continue
        path = QPainterPath(QPointF(*line.points[0][1]))
        for _place, point, _value in line.points[1:]:
            path.lineTo(QPointF(*point))
        painter.setPen(_line_pen(palette, line.side))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        for _place, point, _value in line.points:
            _mark(painter, palette, line.side, QPointF(*point))
    for entry in chart.legend:
        painter.setPen(_line_pen(palette, entry.side))
        painter.drawLine(QPointF(*entry.start), QPointF(*entry.end))
        _mark(painter, palette, entry.side, QPointF((entry.start.x + entry.end.x) / 2, entry.start.y))
        draw_text(painter, entry.text, palette)


class CompareView(QWidget):
    """A window of its own (owned by the map window that opened it). `sources()` gives (today's map,
    the plan) each time the view is filled; `select(side, card id)` shows a card in the window whose
    map has it ("current" or "future") and says whether it could."""

    cardActivated = Signal(str, str)
    """(side, card id) of the card clicked."""

    def __init__(self, sources: Callable[[], tuple[Map, Map]], select: Callable[[str, str], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.sources, self.select = sources, select
        self.current: Map | None = None
        self.future: Map | None = None
        self.changes: list[CardChange] = []
        outer = QVBoxLayout(self)
        self.heading = _plain("")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        outer.addWidget(self.heading)
        self.warning = _plain("")
        self.warning.setObjectName("compare-warning")
        self.warning.setFrameShape(QFrame.Shape.StyledPanel)
        self.warning.setStyleSheet("#compare-warning { background: palette(tooltip-base); padding: 6px; }")
        outer.addWidget(self.warning)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.charts_area = QScrollArea()
        self.charts_area.setWidgetResizable(True)
        split.addWidget(self.charts_area)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.cards = QTreeWidget()
        self.cards.setHeaderLabels([_("Card"), _("Where"), _("What changed")])
        self.cards.setRootIsDecorated(False)
        self.cards.setUniformRowHeights(True)
        self.cards.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.cards.itemClicked.connect(self._clicked)
        self.cards.itemActivated.connect(self._clicked)
        column.addWidget(self.cards, 1)
        self.also = _plain("")
        column.addWidget(self.also)
        self.note = _plain("")
        column.addWidget(self.note)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([600, 560])
        outer.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        refresh = QPushButton(_("&Refresh"))
        refresh.setToolTip(_("Compare the two maps again, as they are now"))
        refresh.clicked.connect(self.refresh)
        buttons.addButton(refresh, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        outer.addWidget(buttons)
        self.resize(1180, 720)
        self.refresh()

    # -- filling -----------------------------------------------------------------------
    def refresh(self) -> None:
        self.current, self.future = current, future = self.sources()
        self.setWindowTitle(_("Compare “{current}” with “{future}”").format(current=current.title,
                                                                             future=future.title))
        self.cards.setAccessibleName(self.windowTitle())  # (the cards that differ, for screen readers)
        # TRANSLATORS: the compare window's heading: today's map's title, then the plan's.
        self.heading.setText(_("Today: “{current}”    ·    Planned: “{future}”").format(current=current.title,
                                                                                      future=future.title))
        warnings = compare_warnings(current, future)
        self.warning.setText("\n".join(f"⚠ {line}" for line in warnings))
        self.warning.setVisible(bool(warnings))
        diff = diff_maps(current, future)
        self.changes = card_changes(current, future, diff)
        self._fill_charts(current, future)
        self._fill_cards()
        also = other_changes(diff)
        self.also.setText(_("Also different: {what}.").format(what=also) if also else "")
        self.also.setVisible(bool(also))
        self.note.setText("")

    def _fill_charts(self, current: Map, future: Map) -> None:
        holder = QWidget()
        column = QVBoxLayout(holder)
        self.charts: list[EmotionCompareWidget] = []
        for persona_id, _name, _colour in persona_order(current, future):
            chart = EmotionCompareWidget(current, future, persona_id)
            self.charts.append(chart)
            column.addWidget(chart)
        if not self.charts:
            column.addWidget(_plain(_("Neither map has a persona yet.")))
        column.addStretch(1)
        old = self.charts_area.takeWidget()
        self.charts_area.setWidget(holder)
        if old is not None:
            old.deleteLater()

    def _fill_cards(self) -> None:
        self.cards.clear()
        for kind, words in GROUPS:
            group = [c for c in self.changes if c.kind == kind]
            head = QTreeWidgetItem(self.cards, [_("{heading} ({count})").format(heading=_(words), count=len(group))])
            head.setFirstColumnSpanned(True)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for change in group:
                item = QTreeWidgetItem(self.cards, [change.title, change.where, change.what or "—"])
                item.setData(0, CARD_ROLE, (change.side, change.card_id))
                for column, text in enumerate((change.title, change.where, change.what)):
                    item.setToolTip(column, plain_tooltip(text))  # (the maps' words, never markup)
            if not group:
                # TRANSLATORS: under a heading of the compare window's list of cards: no card is in it.
                QTreeWidgetItem(self.cards, [_("none")]).setFlags(Qt.ItemFlag.NoItemFlags)
        for k, widest in enumerate((230, 170, 0)):
            self.cards.resizeColumnToContents(k)
            if widest:
                self.cards.setColumnWidth(k, min(self.cards.columnWidth(k), widest))

    # -- choosing ----------------------------------------------------------------------
    def item_for(self, card_id: str) -> QTreeWidgetItem | None:
        for k in range(self.cards.topLevelItemCount()):
            item = self.cards.topLevelItem(k)
            data = item.data(0, CARD_ROLE)
            if data and data[1] == card_id:
                return item
        return None

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, CARD_ROLE)
        if not data:
            return
        side, card_id = data
        self.cardActivated.emit(side, card_id)
        shown = self.select(side, card_id)
        if side == "current":
            missing = _("“{card}” is no longer on today's map: Refresh compares again.")
        else:
            missing = _("“{card}” is no longer on the planned map: Refresh compares again.")
        self.note.setText("" if shown else missing.format(card=item.text(0)))


__all__ = ["LINE_LABELS", "CompareView", "EmotionCompareWidget", "paint_chart"]
