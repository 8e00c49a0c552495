"""Marks on the canvas for a compare with another version of the map: what theirs has different.

A card, stage or lane that differs gets a frame and a small badge with a word ("changed", "moved", "not
in theirs"): the word and the frame's line (solid, dashed, dotted) say it, the colour only helps. Cards
only theirs has are not in this map: their cell gets a badge ("+2 new in theirs"), the list names them.

Nothing here changes the document, the layout or the map's items: the marks are items of their own,
placed from the scene's layout after every sync (so a big map's cards need no item to be marked), and
they let every click and hover through to the map under them (only the badge answers a tooltip).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget
from shiboken6 import isValid

from ..i18n import N_, _, _n
from ..layout.text import BOLD, text_width
from .items import Z_CARD
from .painting import draw_line, plain_tooltip
from .scene import MapScene

Z_MARK = Z_CARD + 0.6
"""Above the cards (a badge sits on a card's edge), under the flow labels and a dragged card."""
BADGE_SIZE = 6.5
"""The badge's words, in points (the card's small text is 7.5)."""
BADGE_HEIGHT = 10.0
FRAME_GAP = 3.0
"""How far outside the card its frame is drawn (cards are 8 points apart)."""

INKS = {"changed": "#B45309", "moved": "#1D4ED8", "removed": "#7C3AED", "added": "#2B8A3E"}
"""Dark enough for white words on them (contrast 4.5:1 or more); the badge's word and the frame's line
say the same without colour."""
LINES = {"changed": Qt.PenStyle.SolidLine, "moved": Qt.PenStyle.DotLine, "removed": Qt.PenStyle.DashLine}
# TRANSLATORS: a badge on the canvas: how an element differs in the other version of the map ("theirs").
WORDS = {"changed": N_("changed"), "moved": N_("moved"), "removed": N_("not in theirs"), "added": N_("new in theirs")}
"""The badges' words, marked with `N_`: shown through `_()`."""


@dataclass(frozen=True)
class Mark:
    """How one element differs: `kind` "changed", "moved" or "removed" (not in theirs); `tip` in words."""

    kind: str
    tip: str = ""


class MarkItem(QGraphicsItem):
    """A frame around an element (none for a cell) and a badge on its top edge, or inside a cell's foot."""

    def __init__(self, kind: str, word: str, tip: str) -> None:
        super().__init__()
        self.kind, self.word = kind, word
        self.frame = QRectF()
        self.badge = QRectF()
        self.setZValue(Z_MARK)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # clicks and drags go to the card under it
        self.setAcceptHoverEvents(False)
        self.setToolTip(plain_tooltip(tip))

    def place(self, frame: QRectF | None, badge_at: QPointF, right_aligned: bool = True) -> None:
        """Frame `frame` (None: no frame) and put the badge with its top right (or left) corner at `badge_at`."""
        width = text_width(self.word, BADGE_SIZE, BOLD) + 8.0
        x = badge_at.x() - width if right_aligned else badge_at.x()
        badge = QRectF(x, badge_at.y(), width, BADGE_HEIGHT)
        frame = QRectF() if frame is None else frame
        if badge == self.badge and frame == self.frame:
            return
        self.prepareGeometryChange()
        self.frame, self.badge = frame, badge

    def boundingRect(self) -> QRectF:
        return self.frame.adjusted(-2, -2, 2, 2).united(self.badge.adjusted(-1, -1, 1, 1))

    def shape(self) -> QPainterPath:
        # Only the badge is "there" (for its tooltip): the frame must not hide the card's own tooltip.
        path = QPainterPath()
        path.addRoundedRect(self.badge, BADGE_HEIGHT / 2, BADGE_HEIGHT / 2)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        ink = QColor(INKS.get(self.kind, INKS["changed"]))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.frame.isNull():
            line = QPen(ink, 1.6, LINES.get(self.kind, Qt.PenStyle.SolidLine))
            painter.setPen(line)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.frame, 5, 5)
        painter.setPen(QPen(QColor("#FFFFFF"), 0.8))
        painter.setBrush(QBrush(ink))
        painter.drawRoundedRect(self.badge, BADGE_HEIGHT / 2, BADGE_HEIGHT / 2)
        baseline = self.badge.top() + BADGE_HEIGHT / 2 + BADGE_SIZE * 0.36
        draw_line(painter, self.badge.left() + 4.0, baseline, self.word, BADGE_SIZE, True, QColor("#FFFFFF"))


class CompareMarks:
    """The marks of one compare on one scene: `show` them, `clear` them (closing the compare)."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.marks: dict[str, Mark] = {}
        self.new_in_cells: dict[tuple[str, str], list[str]] = {}
        self.items: dict[object, MarkItem] = {}
        """Element id, or (persona, stage) of a cell -> its mark item."""
        scene.synced.connect(self._place_all)

    def show(self, marks: dict[str, Mark], new_in_cells: dict[tuple[str, str], list[str]]) -> None:
        """Mark these elements (cards, stages, personas; others are ignored) and, per (persona, stage)
        cell, the titles of the cards only theirs has there."""
        self.marks = dict(marks)
        self.new_in_cells = {cell: list(titles) for cell, titles in new_in_cells.items() if titles}
        for key in list(self.items):
            self._drop(key)
        self._place_all()

    def clear(self) -> None:
        self.show({}, {})

    def close(self) -> None:
        """Clear the marks and stop following the scene."""
        if isValid(self.scene):
            self.clear()
            try:
                self.scene.synced.disconnect(self._place_all)
            except (RuntimeError, TypeError):
                pass

    def kind_of(self, key: object) -> str | None:
        """What the mark on an element (or cell) says, for tests and the list: None when unmarked."""
        item = self.items.get(key)
        return item.word if item is not None else None

    def _drop(self, key: object) -> None:
        item = self.items.pop(key)
        if isValid(item) and item.scene() is self.scene:
            self.scene.removeItem(item)

    def _item(self, key: object, kind: str, word: str, tip: str) -> MarkItem:
        item = self.items.get(key)
        if item is None or item.kind != kind or item.word != word:
            if item is not None:
                self._drop(key)
            item = self.items[key] = MarkItem(kind, word, tip)
            self.scene.addItem(item)
        else:
            item.setToolTip(plain_tooltip(tip))
        return item

    def _place_all(self) -> None:
        """Put every mark where its element is now (after an edit, an undo, a rebuild)."""
        if not isValid(self.scene):
            return
        layout = self.scene.layout
        if layout is None:
            return
        wanted: set[object] = set()
        for element_id, mark in self.marks.items():
            found = _frame_of(layout, element_id)
            if found is None:
                continue  # (not on this map now: taken back, or a flow)
            frame, is_card = found
            word = _(WORDS[mark.kind]) if mark.kind in WORDS else mark.kind
            item = self._item(element_id, mark.kind, word, mark.tip)
            if is_card:  # (around the card, its badge on the frame's top edge)
                outer = frame.adjusted(-FRAME_GAP, -FRAME_GAP, FRAME_GAP, FRAME_GAP)
                item.place(outer, QPointF(outer.right() - 8.0, outer.top() - BADGE_HEIGHT / 2 + 1.0))
            else:  # (headers touch their neighbours: inside the header, the badge in its top corner)
                inner = frame.adjusted(FRAME_GAP, FRAME_GAP, -FRAME_GAP, -FRAME_GAP)
                item.place(inner, QPointF(inner.right() - 4.0, inner.top() + 3.0))
            wanted.add(element_id)
        for (persona, stage), titles in self.new_in_cells.items():
            cell = layout.cells.get((persona, stage))
            lane = layout.lanes.get(persona)
            if cell is None or lane is None:
                continue  # (a lane or column this map does not have: the list names the card)
            count = len(titles)
            # TRANSLATORS: a badge in a cell of the canvas: how many cards only the other version has there.
            word = _n("+{n} new in theirs", "+{n} new in theirs", count).format(n=count)
            tip = _n("Only theirs has this card here: {titles}", "Only theirs has these cards here: {titles}",
                     count).format(titles="; ".join(f"“{t}”" for t in titles))
            item = self._item((persona, stage), "added", word, tip)
            rect = cell.rect
            item.place(None, QPointF(rect.x + 2.0, lane.y + rect.bottom - BADGE_HEIGHT - 1.0), right_aligned=False)
            wanted.add((persona, stage))
        for key in [k for k in self.items if k not in wanted]:
            self._drop(key)


def _frame_of(layout, element_id: str) -> tuple[QRectF, bool] | None:
    """Where an element is on the scene (a card, a stage's header, a lane's header), and whether it is a card."""
    card = layout.cards.get(element_id)
    if card is not None:
        lane = layout.lanes.get(card.persona)
        if lane is None:
            return None
        r = card.rect
        return QRectF(r.x, lane.y + r.y, r.w, r.h), True
    stage = layout.stages.get(element_id)
    if stage is not None:
        h = stage.header
        return QRectF(h.x, h.y, h.w, h.h), False
    lane = layout.lanes.get(element_id)
    if lane is not None:
        return QRectF(0.0, lane.y, lane.header.w, lane.height), False
    return None


__all__ = ["BADGE_HEIGHT", "INKS", "WORDS", "CompareMarks", "Mark", "MarkItem"]
