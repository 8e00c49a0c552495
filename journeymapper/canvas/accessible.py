"""The canvas for screen readers: the map's elements as children of the view's accessible interface.

Qt's accessibility bridge (AT-SPI on Linux, UI Automation, macOS's) sees widgets; the map's cards and
flows are scene items, and a big map has no item for most of them. So the view gets an interface of
its own (`CanvasAccessible`, made by a factory that Qt asks) whose children are the map's elements in
reading order -- stage headers, persona headers, then each persona's cards stage by stage, then the
flows -- each an `ElementAccessible` read from the document and the layout (accessible_items.py).

`ElementRegistry` keeps one interface per element, made when an assistive technology first asks for
it, and forgets the ones whose element went when the map changes. Nothing here runs until something
asks: with no screen reader, opening a map costs a few signal connections.

`CanvasAnnouncer` tells the bridge what changes: the focused card (arrow keys, a click), the
selection, a card renamed, elements added or removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRect, QRectF, QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QGraphicsItem, QGraphicsView, QWidget

from ..i18n import _, _n
from ..model.events import ElementChanged, MapFieldChanged
from .accessible_items import CARD, FLOW, PERSONA, STAGE, ElementAccessible
from .gestures import element_at

if TYPE_CHECKING:
    from .view import MapView

SELECTION_EVENTS = 32
"""A selection change of more elements than this is told as one "selection within" event on the canvas."""
_NAME, _DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description


class ElementRegistry:
    """The canvas's children: their reading order and one interface per element, made when asked.

    The order is worked out again only after the map changed (`invalidate`), from the layout (no item
    needed); an interface outlives edits while its element lives, and is handed back to Qt's cache
    (which owns the ones it gave an id) when its element goes."""

    def __init__(self, view: MapView) -> None:
        self.view = view
        self._order: list[tuple[str, str]] | None = None
        self._index: dict[str, int] = {}
        self._interfaces: dict[str, ElementAccessible] = {}
        self._ids: dict[str, int] = {}
        """Element id -> the id Qt's accessibility cache gave its interface."""
        self._dying: list[tuple[int, ElementAccessible]] = []
        self.canvas_interface: CanvasAccessible | None = None

    # -- the view and the map it shows --
    def alive(self) -> bool:
        return shiboken6.isValid(self.view) and self.view.scene() is not None

    def canvas(self) -> QAccessibleInterface:
        if self.canvas_interface is None:
            QAccessible.queryAccessibleInterface(self.view)  # (made by the factory, which sets it)
        return self.canvas_interface

    def document(self):
        return self.view.map_scene().doc

    def layout(self):
        scene = self.view.map_scene()
        scene.sync_if_dirty()
        return scene.layout

    def is_live(self, element_id: str) -> bool:
        """Whether the element is still on the map (and the view still there to show it)."""
        return self.alive() and element_id in self._index_now()

    # -- the children --
    def order(self) -> list[tuple[str, str]]:
        """(kind, id) of every element, in reading order."""
        self._index_now()
        return self._order or []

    def _index_now(self) -> dict[str, int]:
        self.view.map_scene().sync_if_dirty()  # (the map changed and the scene has not caught up yet)
        if self._order is None:
            layout = self.layout()
            order: list[tuple[str, str]] = []
            if layout is not None:
                order.extend((STAGE, stage_id) for stage_id in layout.stages)
                order.extend((PERSONA, persona_id) for persona_id in layout.lanes)
                for persona_id in layout.lanes:
                    order.extend((CARD, card.id) for card in layout.cards_in_lane(persona_id))
                order.extend((FLOW, flow_id) for flow_id in layout.flows)
            self._order = order
            self._index = {element_id: k for k, (_kind, element_id) in enumerate(order)}
        return self._index

    def index_of(self, element_id: str) -> int:
        return self._index_now().get(element_id, -1)

    def interface_at(self, index: int) -> ElementAccessible | None:
        order = self.order()
        if not 0 <= index < len(order):
            return None
        kind, element_id = order[index]
        return self.interface(element_id, kind)

    def interface(self, element_id: str, kind: str | None = None) -> ElementAccessible | None:
        """The element's interface (made and given to Qt's cache the first time)."""
        made = self._interfaces.get(element_id)
        if made is not None:
            return made
        index = self.index_of(element_id)
        if index < 0:
            return None
        if kind is None:
            kind = self._order[index][0]
        made = ElementAccessible(self, kind, element_id)
        self._interfaces[element_id] = made
        self._ids[element_id] = QAccessible.registerAccessibleInterface(made)
        return made

    def known(self, element_id: str) -> ElementAccessible | None:
        """The element's interface if one was made (an assistive technology has seen it)."""
        return self._interfaces.get(element_id)

    def invalidate(self) -> list[ElementAccessible]:
        """The map changed: work the order out again when next asked, and let go of the interfaces of
        elements that went (returned, to be told gone before they are deleted)."""
        self._order = None  # (worked out again when next asked)
        if not self._interfaces:
            return []
        doc = self.document() if self.alive() else ()
        return [made for element_id, made in self._interfaces.items() if element_id not in doc]

    def forget(self, gone: list[ElementAccessible]) -> None:
        """Let go of these interfaces: Qt's cache deletes them on the next turn of the event loop, not
        now, since the question that found them gone (an interface asking whether it is valid) may be
        running in one of them."""
        for made in gone:
            self._interfaces.pop(made.element_id, None)
            uid = self._ids.pop(made.element_id, None)
            if uid is not None:
                self._dying.append((uid, made))  # (kept alive until Qt's cache deletes it)
        if gone:
            QTimer.singleShot(0, self._delete_dying)

    def _delete_dying(self) -> None:
        dying, self._dying = self._dying, []
        for uid, _made in dying:
            if QAccessible.accessibleInterface(uid) is not None:
                QAccessible.deleteAccessibleInterface(uid)  # (Qt's cache deletes it)

    def clear(self) -> None:
        """The view goes: every interface goes with it, at once."""
        self.forget(list(self._interfaces.values()))
        self._delete_dying()
        self._order = None

    # -- what the elements ask --
    def item(self, element_id: str) -> QGraphicsItem | None:
        """The element's item, if it has one (no item is made for the asking)."""
        scene = self.view.map_scene()
        for table in (scene.card_items, scene.flow_items, scene.stage_items, scene.lane_items):
            item = table.get(element_id)
            if item is not None:
                return item
        return None

    def is_selected(self, element_id: str) -> bool:
        item = self.item(element_id)
        return item is not None and item.isSelected()

    def focused_card(self) -> str | None:
        """The card with the keyboard focus: the scene's focus item while the canvas has the focus."""
        if not self.view.hasFocus():
            return None
        item = self.view.map_scene().focusItem()
        return getattr(item, "element_id", None) if item is not None else None

    def to_screen(self, rect: QRectF) -> QRect:
        view = self.view
        on_view = view.mapFromScene(rect).boundingRect()
        return on_view.translated(view.viewport().mapToGlobal(QPoint(0, 0)))

    def on_screen(self, rect: QRect) -> bool:
        port = self.view.viewport()
        if not port.isVisible():
            return False
        shown = QRect(port.mapToGlobal(QPoint(0, 0)), port.size())
        return shown.intersects(rect)


class CanvasAccessible(QAccessibleWidget):
    """The view for assistive technologies: a canvas whose children are the map's elements (in reading
    order), then the view's own child widgets (scroll bars, the empty map's hint)."""

    def __init__(self, view: MapView) -> None:
        super().__init__(view, QAccessible.Role.Canvas)
        self.registry: ElementRegistry = view.accessibility.registry
        self.registry.canvas_interface = self

    def _elements(self) -> int:
        return len(self.registry.order()) if self.registry.alive() else 0

    def _widgets(self) -> list[QAccessibleInterface]:
        """The view's own children worth telling: the scroll bars, the empty map's hint (not the
        viewport, which is the canvas itself, nor the frozen headers, which repeat the map's)."""
        view = self.registry.view
        found = []
        for k in range(QAccessibleWidget.childCount(self)):
            child = QAccessibleWidget.child(self, k)
            widget = child.object() if child is not None else None
            if (isinstance(widget, QWidget) and widget.isVisible() and widget is not view.viewport()
                    and not isinstance(widget, QGraphicsView)):
                found.append(child)
        return found

    def childCount(self) -> int:  # noqa: N802
        return self._elements() + len(self._widgets())

    def child(self, index: int):
        elements = self._elements()
        if index < elements:
            return self.registry.interface_at(index)
        widgets = self._widgets()
        return widgets[index - elements] if index - elements < len(widgets) else None

    def indexOfChild(self, child) -> int:  # noqa: N802
        if isinstance(child, ElementAccessible):
            return self.registry.index_of(child.element_id)
        widget = child.object() if child is not None else None
        for k, own in enumerate(self._widgets()):
            if own.object() is widget:
                return self._elements() + k
        return -1

    def childAt(self, x: int, y: int):  # noqa: N802
        view = self.registry.view
        port = view.viewport()
        local = port.mapFromGlobal(QPoint(x, y))
        if port.rect().contains(local):
            element_id = element_at(view.map_scene(), view.mapToScene(local), view.zoom())
            found = self.registry.interface(element_id) if element_id is not None else None
            if found is not None:
                return found
        # (not Qt's own: it would ask every child for its place, making an interface for each element)
        return next((own for own in self._widgets() if own.rect().contains(x, y)), None)

    def focusChild(self):  # noqa: N802
        card = self.registry.focused_card() if self.registry.alive() else None
        if card is not None:
            return self.registry.interface(card)
        return QAccessibleWidget.focusChild(self)

    def state(self) -> QAccessible.State:
        state = QAccessibleWidget.state(self)
        state.multiSelectable = True
        state.extSelectable = True
        return state

    def text(self, which: QAccessible.Text) -> str:
        view = self.registry.view
        if which == _NAME:
            own = view.accessibleName()
            if own or not self.registry.alive():
                return own
            return _("Journey map: {title}").format(title=self.registry.document().map.title)
        if which == _DESCRIPTION:
            own = view.accessibleDescription()
            if own or not self.registry.alive():
                return own
            return map_summary(self.registry)
        return QAccessibleWidget.text(self, which)


def map_summary(registry: ElementRegistry) -> str:
    """What the canvas holds, and how to move in it."""
    doc = registry.document()
    stages, personas, cards, flows = len(doc.stages), len(doc.personas), len(doc.touchpoints), len(doc.flows)
    counts = ", ".join((
        _n("{n} stage", "{n} stages", stages).format(n=stages),
        _n("{n} persona", "{n} personas", personas).format(n=personas),
        _n("{n} card", "{n} cards", cards).format(n=cards),
        _n("{n} flow", "{n} flows", flows).format(n=flows),
    ))
    return _("{counts}. Arrow keys move between the cards.").format(counts=counts)


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    """Qt asks each installed factory for an object's interface by class name, from its own class up."""
    if key == "MapView" and getattr(obj, "accessibility", None) is not None:
        return CanvasAccessible(obj)  # type: ignore[arg-type]
    return None


_installed = False


def install_factory() -> None:
    """Let Qt make the canvas's interface (once per process)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


class CanvasAnnouncer(QObject):
    """Keeps the registry in step with the map, and tells assistive technologies what changed: the
    focused card, the selection, names, elements come and gone. Events are only made while an
    assistive technology listens (`QAccessible.isActive`)."""

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self.view = view
        self.registry = ElementRegistry(view)
        self._selected: set[str] = set()
        self._focus_pending = False
        scene = view.map_scene()
        scene.synced.connect(self._synced)
        scene.selectionChanged.connect(self._selection_changed)
        scene.focusItemChanged.connect(self._focus_item_changed)
        self.doc = scene.doc
        self.doc.changed.connect(self._document_changed)
        registry, doc, heard = self.registry, self.doc, self._document_changed

        def view_gone(*_args) -> None:  # (not a method: a widget's children go before its `destroyed`)
            registry.clear()
            doc.changed.disconnect(heard)

        view.destroyed.connect(view_gone)

    # -- the map changed --
    def _synced(self) -> None:
        gone = self.registry.invalidate()
        if not QAccessible.isActive() or self.registry.canvas_interface is None:
            self.registry.forget(gone)
            return
        for made in gone:
            _send(made, QAccessible.Event.ObjectDestroyed)
        self.registry.forget(gone)
        _send(self.view, QAccessible.Event.ObjectReorder)

    def _document_changed(self, event: object) -> None:
        if not QAccessible.isActive() or not self.registry.alive():
            return
        if isinstance(event, ElementChanged):
            made = self.registry.known(event.new.id)
            if made is not None:
                renamed = event.field in ("title", "name", "source", "target")
                kind = QAccessible.Event.NameChanged if renamed else QAccessible.Event.DescriptionChanged
                _send(made, kind)
        elif isinstance(event, MapFieldChanged) and event.field == "title" and self.registry.canvas_interface:
            _send(self.view, QAccessible.Event.NameChanged)

    # -- focus and selection --
    def _focus_item_changed(self, new: QGraphicsItem | None, old: QGraphicsItem | None, reason) -> None:
        if new is None or not QAccessible.isActive():
            return
        # After Qt's own focus event for the view (sent after the focus-in that brought us here), so
        # that the card, not the canvas, is what a screen reader says last.
        if not self._focus_pending:
            self._focus_pending = True
            QTimer.singleShot(0, self, self.announce_focus)

    def announce_focus(self) -> None:
        """Tell the bridge which card has the keyboard focus (a screen reader reads it out)."""
        self._focus_pending = False
        card = self.registry.focused_card() if self.registry.alive() else None
        made = self.registry.interface(card) if card is not None else None
        if made is not None:
            _send(made, QAccessible.Event.Focus)

    def _selection_changed(self) -> None:
        if not QAccessible.isActive() or not self.registry.alive():
            self._selected = set()  # (nothing listens: no need to read the selection)
            return
        selected = set(self.view.map_scene().selected_ids())
        before, self._selected = self._selected, selected
        added, removed = selected - before, before - selected
        if len(added) + len(removed) > SELECTION_EVENTS:
            _send(self.view, QAccessible.Event.SelectionWithin)
            return
        if len(selected) == 1 and added:
            (only,) = selected
            made = self.registry.interface(only)
            if made is not None:
                _send(made, QAccessible.Event.Selection)
            return
        for element_id, kind in ((e, QAccessible.Event.SelectionAdd) for e in added):
            made = self.registry.interface(element_id)
            if made is not None:
                _send(made, kind)
        for element_id in removed:
            made = self.registry.known(element_id)
            if made is not None and made.isValid():
                _send(made, QAccessible.Event.SelectionRemove)


def _send(target: QObject | QAccessibleInterface, kind: QAccessible.Event) -> None:
    QAccessible.updateAccessibility(QAccessibleEvent(target, kind))


def install(view: MapView) -> CanvasAnnouncer:
    """Give the view its accessible children (called once, by the view)."""
    install_factory()
    return CanvasAnnouncer(view)


__all__ = ["CanvasAccessible", "CanvasAnnouncer", "ElementRegistry", "install", "map_summary"]
