"""The editor: owns one Document, its undo stack and its scene, and turns intents into commands.

"Modified" is simply "the undo stack is not clean". The checker runs after
every change (coalesced into one run per event-loop turn) and its problems
go to whoever listens (the Problems panel, the status bar). On a big map it
runs in a thread, on the map as the edit left it (maps are immutable), so
that a check of seconds never holds up the next edit.
"""

from __future__ import annotations

import datetime
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ..canvas.scene import MapScene
from ..commands import AddElement, MoveCards, MoveElement, RemoveElements, ReplaceMap, SetField, SetMapField
from ..i18n import _
from ..io import LoadedMap
from ..io.disk_state import Change, DiskState, change_since, same_file
from ..io.errors import FileChangedOnDisk
from ..io.writer import check_replaceable, map_bytes, write_atomic_stat
from ..model.document import Document, DocumentError, new_id, next_persona_color, utc_now
from ..model.schema import MAX_FLOWS, MAX_TOUCHPOINTS, Flow, Map, Persona, Stage, Touchpoint
from .take_theirs import kept_copy

if TYPE_CHECKING:  # (the checker and networkx are loaded by the first check, after the window shows)
    from ..check import Problem
    from ..check.graph import GraphMemo

FRAGMENT_MIME = "application/vnd.journeymapper.fragment+json"
BIG_MAP = 10_000
"""Cards and flows from which the check waits for edits to pause (CHECK_PAUSE_MS)."""
CHECK_PAUSE_MS = 400


class _Checked(QObject):
    """Brings a check made in a thread back to the editor's thread (a queued signal)."""

    done = Signal(object, object)
    """(the map checked, its problems)"""


class Editor(QObject):
    problemsChanged = Signal(list)
    pathChanged = Signal(object)
    error = Signal(str)
    """A user action that could not be done, in a sentence (shown in the status bar)."""

    def __init__(self, loaded: LoadedMap | Map | None = None, path: str | os.PathLike[str] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        if isinstance(loaded, LoadedMap):
            the_map, self.view_state = loaded.map, dict(loaded.view)
            self.disk: DiskState | None = loaded.disk
        else:
            the_map, self.view_state = loaded, {}
            self.disk = None
        """The file as this editor last read or wrote it (None: never read from its path)."""
        self.disk_map: Map | None = kept_copy(the_map) if self.disk is not None else None
        """The map that file held: the base when a change on disk is merged with this one (disk_merge)."""
        self.read_only = False
        """Opened read-only (someone else has it open, or a newer journeymapper wrote it): Save asks for
        another name."""
        newer = isinstance(loaded, LoadedMap) and loaded.newer
        self.newer_version: int | None = loaded.schema_version if newer else None  # type: ignore[union-attr]
        """The file format of a file a newer journeymapper wrote: it is never written back (see newer_files)."""
        self.dropped: tuple[str, ...] = loaded.dropped if newer else ()  # type: ignore[union-attr]
        """Where that file holds what this version does not know (left out of any copy saved)."""
        self.doc = Document(the_map)
        self.stack = QUndoStack(self)
        self.scene = MapScene(self.doc, parent=self)
        self.path: Path | None = Path(path) if path else None
        self.problems: list[Problem] = []
        self._check_memo: GraphMemo | None = None
        """The flow graph, kept between checks of this map (made by the first check)."""
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(0)
        self._check_timer.timeout.connect(self._check_when_due)
        self._checking: threading.Thread | None = None
        self._checked = _Checked(self)
        self._checked.done.connect(self._take_check)
        self.doc.changed.connect(lambda _event: self._schedule_check())
        self.scene.cardsMoveRequested.connect(self.move_cards)
        self.scene.flowRequested.connect(self.add_flow)
        self.scene.addCardRequested.connect(self.add_touchpoint)
        self.scene.stageMoveRequested.connect(self.move_element)
        self.scene.laneMoveRequested.connect(self.move_element)
        self.stack.indexChanged.connect(lambda _index: self.scene.sync_if_dirty())
        # The first check comes when the event loop next turns: a window opening on this map is painted
        # first, and the checker (with networkx) is loaded after it (the Problems panel fills a moment later).
        self._schedule_check()

    # -- state ---------------------------------------------------------------
    def is_modified(self) -> bool:
        return not self.stack.isClean()

    def today(self) -> datetime.date:
        """What "today" is for dated findings (late actions, old readings, reviews); tests fix it here."""
        return datetime.date.today()

    def title(self) -> str:
        return self.path.name if self.path else self.doc.map.title

    def _schedule_check(self) -> None:
        """Check after this edit. On a big map the check waits until edits pause (a second edit
        starts the wait again): the edit shows at once, and its problems a moment later."""
        big = len(self.doc.touchpoints) + len(self.doc.flows) > BIG_MAP
        self._check_timer.setInterval(CHECK_PAUSE_MS if big else 0)
        self._check_timer.start()

    def _memo(self) -> GraphMemo:
        if self._check_memo is None:
            from ..check.graph import GraphMemo

            self._check_memo = GraphMemo()
        return self._check_memo

    def check_after(self, signal) -> None:
        """Hold the first check until `signal` (a window's first paint): the checker and networkx are then
        loaded once the map is on the screen."""
        if self._check_timer.isActive() and not self.problems:
            self._check_timer.stop()
            signal.connect(self._schedule_check)

    def run_check(self) -> None:
        """Check the map now, in this thread."""
        from ..check import check_map

        # (A check still running in a thread keeps the memo: this one makes the graph afresh.)
        memo = self._memo() if self._checking is None else None
        self.problems = check_map(self.doc.map, self.today(), memo=memo)
        self.problemsChanged.emit(self.problems)

    def _check_when_due(self) -> None:
        if len(self.doc.touchpoints) + len(self.doc.flows) <= BIG_MAP:
            self.run_check()
        elif self._checking is None:  # (else the map is checked again when that check ends)
            from ..check import check_map

            the_map, memo, relay, today = self.doc.map, self._memo(), self._checked, self.today()

            def check() -> None:
                problems = check_map(the_map, today, memo=memo)
                try:
                    relay.done.emit(the_map, problems)
                except RuntimeError:  # the editor was closed meanwhile
                    pass

            self._checking = threading.Thread(target=check, name="check", daemon=True)
            self._checking.start()

    def _take_check(self, the_map: Map, problems: list[Problem]) -> None:
        self._checking = None
        if the_map is self.doc.map:
            self.problems = problems
            self.problemsChanged.emit(problems)
        elif not self._check_timer.isActive():  # edited while it ran: check what the map is now
            self._check_when_due()

    def wait_for_check(self, timeout: float | None = None) -> None:
        """Let a check running in a thread end (tests, and closing)."""
        thread = self._checking
        if thread is not None:
            thread.join(timeout)

    # -- pushing commands ------------------------------------------------------
    def push(self, command) -> None:
        self.stack.push(command)
        self.scene.sync_if_dirty()
        if self._check_timer.interval():  # (a big map: the pause counts from when the edit shows)
            self._check_timer.start()

    def _add(self, element, index: int | None = None) -> bool:
        """Push an AddElement, unless the Document would refuse it (a full map): then say why.

        Checked first because an exception inside QUndoCommand.redo() cannot stop Qt from
        keeping the (failed) step on the stack."""
        try:
            self.doc.check_add(element, index)
        except DocumentError as exc:
            self.error.emit(str(exc))
            return False
        self.push(AddElement(self.doc, element, index))
        return True

    def move_cards(self, moves: list[tuple[str, str, str, int]]) -> None:
        self.push(MoveCards(self.doc, moves))

    def move_element(self, element_id: str, new_index: int) -> None:
        self.push(MoveElement(self.doc, element_id, new_index))

    def add_flow(self, source: str, target: str, kind: str | None = None) -> str | None:
        if source == target:
            self.error.emit(_("A flow needs two different touchpoints."))
            return None
        if any(f.source == source and f.target == target for f in self.doc.flows):
            self.error.emit(_("These two touchpoints are already connected."))
            return None
        if kind is None:
            stage_index = {s.id: i for i, s in enumerate(self.doc.stages)}
            backward = stage_index[self.doc.get(target).stage] < stage_index[self.doc.get(source).stage]
            kind = "loop" if backward else "next"
        flow = Flow(id=new_id(), source=source, target=target, kind=kind)
        return flow.id if self._add(flow) else None

    def add_touchpoint(self, persona: str, stage: str, position: int | None = None,
                       title: str | None = None, edit: bool = True) -> str | None:
        """A card in the cell (at `position`, else last), titled `title` (else "New touchpoint", in the
        interface language) and opened for typing its title when `edit`."""
        # TRANSLATORS: the title of a card just added, until the user types one
        card = Touchpoint(id=new_id(), persona=persona, stage=stage,
                          title=_("New touchpoint") if title is None else title)
        cell = self.doc.touchpoints_in(persona, stage)
        position = len(cell) if position is None else position
        index = self.doc.cell_insert_index(persona, stage, position)
        if not self._add(card, index):
            return None
        self.scene.select_only([card.id])
        if edit:
            self.scene.editRequested.emit(card.id)
        return card.id

    def add_stage(self, index: int | None = None, name: str | None = None) -> str | None:
        # TRANSLATORS: the name of a stage just added, until the user types one ("Stage 3")
        stage = Stage(id=new_id(), name=name or _("Stage {n}").format(n=len(self.doc.stages) + 1))
        if not self._add(stage, index):
            return None
        self.scene.select_only([stage.id])
        return stage.id

    def add_persona(self, index: int | None = None, name: str | None = None) -> str | None:
        colour = next_persona_color(p.color for p in self.doc.personas)
        # TRANSLATORS: the name of a persona just added, until the user types one ("Persona 2")
        persona = Persona(id=new_id(), name=name or _("Persona {n}").format(n=len(self.doc.personas) + 1),
                          color=colour)
        if not self._add(persona, index):
            return None
        self.scene.select_only([persona.id])
        return persona.id

    def delete(self, ids: list[str]) -> None:
        ids = [i for i in ids if i in self.doc]
        if ids:
            self.push(RemoveElements(self.doc, ids))

    def set_field(self, element_id: str, field: str, value: Any, session: object = None) -> str | None:
        """Change a field through the undo stack; returns the reason if the value is refused."""
        try:
            value = self.doc.validate_field(element_id, field, value)
        except DocumentError as exc:
            return str(exc)
        if getattr(self.doc.get(element_id), field) != value:
            self.push(SetField(self.doc, element_id, field, value, session))
        return None

    def set_map_field(self, field: str, value: Any, session: object = None) -> str | None:
        try:
            value = self.doc.validate_map_field(field, value)
        except DocumentError as exc:
            return str(exc)
        if getattr(self.doc.map, field) != value:
            self.push(SetMapField(self.doc, field, value, session))
        return None

    # -- keyboard moves (the keyboard path of every drag) ------------------------
    def nudge(self, element_id: str, dx: int, dy: int) -> None:
        """Move a card one cell or place (Alt+arrows), or a stage/persona one step."""
        element = self.doc.get(element_id)
        if isinstance(element, Touchpoint):
            stages = [s.id for s in self.doc.stages]
            personas = [p.id for p in self.doc.personas]
            cell = [t.id for t in self.doc.touchpoints_in(element.persona, element.stage)]
            position = cell.index(element_id)
            if dx:
                k = stages.index(element.stage) + dx
                if 0 <= k < len(stages):
                    self.move_cards([(element_id, element.persona, stages[k], position)])
            elif 0 <= position + dy < len(cell):
                self.move_cards([(element_id, element.persona, element.stage, position + dy)])
            else:
                k = personas.index(element.persona) + dy
                if 0 <= k < len(personas):
                    self.move_cards([(element_id, personas[k], element.stage, 0 if dy > 0 else 10**6)])
        elif isinstance(element, Stage) and dx:
            k = self.doc.index_of(element_id) + dx
            if 0 <= k < len(self.doc.stages):
                self.move_element(element_id, k)
        elif isinstance(element, Persona) and dy:
            k = self.doc.index_of(element_id) + dy
            if 0 <= k < len(self.doc.personas):
                self.move_element(element_id, k)

    # -- clipboard ---------------------------------------------------------------
    def copy_fragment(self, ids: list[str]) -> str | None:
        """The selected cards (with the flows between them) as JSON for the clipboard."""
        cards = [self.doc.get(i) for i in ids if isinstance(self.doc.get(i), Touchpoint)]
        if not cards:
            return None
        chosen = {c.id for c in cards}
        flows = [f for f in self.doc.flows if f.source in chosen and f.target in chosen]
        personas = {c.persona: self.doc.get(c.persona) for c in cards}
        stages = {c.stage: self.doc.get(c.stage) for c in cards}
        fragment = {
            "format": "journeymapper-fragment",
            "touchpoints": [c.model_dump(mode="json") for c in cards],
            "flows": [f.model_dump(mode="json") for f in flows],
            "personas": {k: v.name for k, v in personas.items()},
            "stages": {k: v.name for k, v in stages.items()},
        }
        return json.dumps(fragment, ensure_ascii=False)

    def paste_fragment(self, text: str, persona: str | None = None, stage: str | None = None) -> list[str]:
        """Add pasted cards with fresh ids (their items keep theirs where this map does not use them, see
        _with_fresh_items): into the given cell, else into cells of the same ids or names."""
        try:
            fragment = json.loads(text)
            if not isinstance(fragment, dict) or fragment.get("format") != "journeymapper-fragment":
                return []
            raw_cards = list(fragment.get("touchpoints", []))
            raw_flows = list(fragment.get("flows", []))
            persona_names = dict(fragment.get("personas", {}))
            stage_names = dict(fragment.get("stages", {}))
        except (ValueError, TypeError, AttributeError):
            return []
        if not self.doc.personas or not self.doc.stages:
            self.error.emit(_("Add a persona and a stage before pasting touchpoints."))
            return []
        cards, flows = [], []
        for raw in raw_cards:
            try:
                cards.append(Touchpoint.model_validate(raw))
            except Exception:  # a clipboard from an older or broken source: skip that card
                continue
        for raw in raw_flows:
            try:
                flows.append(Flow.model_validate(raw))
            except Exception:
                continue
        room = MAX_TOUCHPOINTS - len(self.doc.touchpoints)
        if not cards or room <= 0:
            if cards:
                self.error.emit(_("The map is full: it holds at most {n} touchpoints.").format(
                    n=f"{MAX_TOUCHPOINTS:,}"))
            return []
        cards = _with_fresh_items(cards[:room], self.doc.uses_id)
        fresh = {card.id: new_id() for card in cards}
        added: list[str] = []
        # Child commands go straight on the stack; the scene follows once, after the macro.
        # TRANSLATORS: an undo step (Edit > Undo Paste Touchpoints)
        self.stack.beginMacro(_("Paste Touchpoints") if len(cards) != 1 else _("Paste Touchpoint"))
        try:
            for card in cards:
                target_persona = persona or self._match(card.persona, persona_names, self.doc.personas)
                target_stage = stage or self._match(card.stage, stage_names, self.doc.stages)
                new = card.model_copy(update={"id": fresh[card.id], "persona": target_persona, "stage": target_stage})
                self.stack.push(AddElement(self.doc, new, self.doc.cell_insert_index(target_persona, target_stage,
                                                                                       10**6)))
                added.append(new.id)
            for flow in flows:
                if flow.source in fresh and flow.target in fresh and len(self.doc.flows) < MAX_FLOWS:
                    self.stack.push(AddElement(self.doc, flow.model_copy(
                        update={"id": new_id(), "source": fresh[flow.source], "target": fresh[flow.target]})))
        finally:
            self.stack.endMacro()
        self.scene.sync_if_dirty()
        self.scene.select_only(added)
        return added

    def _match(self, old_id: str, names: dict[str, str], options: list) -> str:
        if any(o.id == old_id for o in options):
            return old_id
        name = str(names.get(old_id) or "").strip().casefold()
        for option in options:
            if option.name.strip().casefold() == name:
                return option.id
        return options[0].id

    # -- files -------------------------------------------------------------------
    def change_on_disk(self) -> Change | None:
        """Whether this map's file was changed ('changed') or removed ('deleted') by someone else
        since this editor read or wrote it."""
        return change_since(self.path, self.disk) if self.path is not None else None

    def reload(self, loaded: LoadedMap) -> None:
        """Take the map as it is on disk now, as one undoable step (undo brings back what was on
        screen); the map is then the file's: clean."""
        # TRANSLATORS: an undo step (Edit > Undo Reload from Disk)
        self.push(ReplaceMap(self.doc, loaded.map, _("Reload from Disk")))
        self.disk = loaded.disk
        self.disk_map = kept_copy(loaded.map)
        self.stack.setClean()

    def restore(self, the_map: Map, text: str | None = None) -> None:
        """Put an earlier version in place, as one undoable step named `text` (unsaved, until saved)."""
        # TRANSLATORS: an undo step (Edit > Undo Restore Version)
        self.push(ReplaceMap(self.doc, the_map, _("Restore Version") if text is None else text))

    def save(self, path: str | os.PathLike[str] | None = None, replace_changed: bool = False) -> Path:
        """Save atomically; raises SaveError. The stack becomes clean.

        Raises FileChangedOnDisk, and writes nothing, if the file is not the one this editor read
        (someone else saved it since), unless `replace_changed`; ReadOnlyFile if the file is
        marked read-only."""
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError(_("no file name: use Save As"))
        same_file_as_read = self.path is not None and (target == self.path or same_file(target, self.path))
        if same_file_as_read and not replace_changed and self.change_on_disk() == "changed":
            raise FileChangedOnDisk(_("{path}: someone else changed this file since it was opened").format(
                path=target))
        check_replaceable(target)  # (a read-only file, a folder...: refused before anything changes)
        if self.is_modified() or target != self.path:
            # Metadata, not an undoable edit. Saving an unchanged map again keeps the
            # file byte for byte (no diff in git for a save that changed nothing).
            self.doc.set_map_field("modified", utc_now())
        data = map_bytes(self.doc.map, self.view_state, target)
        written, info = write_atomic_stat(target, data)
        self.disk = DiskState.of(info, data)
        self.disk_map = kept_copy(self.doc.map)
        self.stack.setClean()
        if self.path != target:
            self.path = target
            self.pathChanged.emit(target)
        return written


def _with_fresh_items(cards: list[Touchpoint], in_use: Callable[[str], bool]) -> list[Touchpoint]:
    """The pasted cards with their pain points, opportunities and quotes renamed where the target map
    already uses the id (a copy pasted into its own map), kept where it does not (a card cut and pasted
    back: opportunities elsewhere that answer its pain points still find them). One rename table for the
    whole fragment, so an opportunity's `addresses` follow a pain point on any pasted card; an address
    outside the fragment is left as it is."""
    renamed: dict[str, str] = {}
    taken: set[str] = set()
    raws = [card.model_dump() for card in cards]
    for raw in raws:
        for key in ("pain_points", "opportunities", "quotes"):
            for item in raw[key]:
                old = item["id"]
                new = new_id() if old in taken or in_use(old) else old
                renamed.setdefault(old, new)
                taken.add(new)
                item["id"] = new
    for raw in raws:
        for opportunity in raw["opportunities"]:
            opportunity["addresses"] = [renamed.get(pain, pain) for pain in opportunity["addresses"]]
    return [Touchpoint.model_validate(raw) for raw in raws]
