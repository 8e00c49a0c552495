"""A map as a Mermaid `journey` diagram (docs/mermaid.md): sections are stages, tasks are cards.

A diagram holds less than a map: one line per card (or one line for the same card in several
lanes), its feeling as a score, its persona as an actor. Channels, notes, pains, actions, KPIs
and flows other than the order of the cards stay behind; `MermaidExport.notes` says what a
reader of the diagram would miss beyond that (a persona without cards has no line to appear on).
The lanes are also listed in a `%% personas:` comment, which Mermaid skips and journeymapper reads
back: their order, and lanes without cards, survive the trip.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _, _n
from ..model.schema import Map, Touchpoint
from .mermaid_text import NO_FEELING_MARK, NO_FEELING_SCORE, PERSONAS_COMMENT, SCORE_OF_EMOTION, escape

MERMAID_SUFFIXES = (".mmd", ".mermaid")
"""The file names a Mermaid diagram goes by (the Mermaid CLI and editors use both)."""
_SECTION_INDENT, _TASK_INDENT = " " * 4, " " * 6  # (as Mermaid's own examples are laid out)


@dataclass
class _Task:
    title: str
    emotion: int | None
    actors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MermaidExport:
    text: str
    sections: int
    tasks: int
    actors: int
    notes: tuple[str, ...] = ()
    """What the diagram leaves out that its reader would look for, in words."""

    @property
    def summary(self) -> str:
        """One line: "a Mermaid journey diagram of 5 sections, 25 tasks and 2 actors"."""
        # TRANSLATORS: what an export to Mermaid wrote: "a Mermaid journey diagram of 5 sections, 25 tasks
        # and 2 actors"
        return _("a Mermaid journey diagram of {sections}, {tasks} and {actors}").format(
            sections=_n("{n} section", "{n} sections", self.sections).format(n=self.sections),
            tasks=_n("{n} task", "{n} tasks", self.tasks).format(n=self.tasks),
            actors=_n("{n} actor", "{n} actors", self.actors).format(n=self.actors))


def map_to_mermaid(the_map: Map) -> MermaidExport:
    """The diagram: the title, then per stage a `section` and a task line per card, in lane order
    and, within a lane, in the map's order. Cards of several personas with the same title and
    feeling in one stage share a line (`Do work: 1: Me, Cat`) when that keeps each lane's order."""
    actor_of = _actor_names(the_map)
    notes: list[str] = []
    renamed = [(p.name, actor_of[p.id]) for p in the_map.personas if actor_of[p.id] != p.name]
    if renamed:
        notes.append(_("personas of the same name are told apart: {names}").format(
            names=", ".join(f"“{new}”" for _old, new in renamed)))
    cards: dict[tuple[str, str], list[Touchpoint]] = {}
    for card in the_map.touchpoints:
        cards.setdefault((card.persona, card.stage), []).append(card)
    lines = ["journey", f"{_SECTION_INDENT}title {escape(the_map.title, 'title')}"]
    if the_map.personas:  # (a comment to Mermaid; it keeps the lanes' order, and lanes without cards)
        lines.append(f"{_SECTION_INDENT}{PERSONAS_COMMENT} "
                     + ", ".join(escape(actor_of[p.id], "actor") for p in the_map.personas))
    task_count = 0
    for stage in the_map.stages:
        lines.append(f"{_SECTION_INDENT}section {escape(stage.name, 'section')}")
        tasks: list[_Task] = []
        for persona in the_map.personas:
            last = -1  # the persona's last line in this section: its next card goes below it
            for card in cards.get((persona.id, stage.id), ()):
                index = next((i for i in range(last + 1, len(tasks))
                              if tasks[i].title == card.title and tasks[i].emotion == card.emotion
                              and actor_of[persona.id] not in tasks[i].actors), None)
                if index is None:
                    tasks.append(_Task(card.title, card.emotion))
                    index = len(tasks) - 1
                tasks[index].actors.append(actor_of[persona.id])
                last = index
        lines += [_task_line(task) for task in tasks]
        task_count += len(tasks)
    idle = [p.name for p in the_map.personas if not any(c.persona == p.id for c in the_map.touchpoints)]
    if idle:
        notes.append(_("Mermaid draws only personas with cards, not {names} (kept in a comment for "
                       "journeymapper)").format(names=", ".join(f"“{name}”" for name in idle)))
    used = {card.persona for card in the_map.touchpoints}
    return MermaidExport("\n".join(lines) + "\n", len(the_map.stages), task_count, len(used), tuple(notes))


def _task_line(task: _Task) -> str:
    score = NO_FEELING_SCORE if task.emotion is None else SCORE_OF_EMOTION[task.emotion]
    actors = ", ".join(escape(name, "actor") for name in task.actors)
    line = f"{_TASK_INDENT}{escape(task.title, 'task')}: {score}: {actors}"
    return line + f"  # {NO_FEELING_MARK}" if task.emotion is None else line


def _actor_names(the_map: Map) -> dict[str, str]:
    """Each persona's name as an actor; a name two personas share gets a number, "Guest (2)", so
    that the two stay two when the diagram is read back."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for persona in the_map.personas:
        base = persona.name
        name, number = base, 2
        while name in taken:
            name, number = f"{base} ({number})", number + 1
        taken.add(name)
        names[persona.id] = name
    return names


def save_mermaid(path: str | os.PathLike[str], the_map: Map) -> MermaidExport:
    """Write the diagram (UTF-8, atomically: the old file stays whole until the new one is in
    place); SaveError if it cannot be written."""
    from .writer import write_atomic

    exported = map_to_mermaid(the_map)
    write_atomic(Path(path), exported.text.encode("utf-8"), keep_backup=False, follow_links=False)
    return exported
