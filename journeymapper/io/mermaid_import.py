"""A Mermaid `journey` diagram read into a new map (docs/mermaid.md).

Sections become stages, each task a card for each actor it names (an actor is a persona; a task
without actors is the "Customer"'s), scores 1..5 feelings -2..+2, and each persona's cards follow
one another (`next` flows) in the diagram's order. Mermaid refuses a whole diagram for one bad
line; this reads every line it can and reports each one it could not use, or used with a change,
with its line number. Only a text that holds no journey diagram at all is refused (ImportFailed).
"""

from __future__ import annotations

import math
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _, _n
from ..model.document import PERSONA_COLORS, new_id, utc_now
from ..model.schema import MAX_PERSONAS, MAX_STAGES, MAX_TOUCHPOINTS, Flow, Map, Persona, Stage, Touchpoint
from .importers import ImportFailed, ImportProblem, ImportResult
from .limits import MAX_FILE_BYTES, describe_sizes
from .mermaid_text import (
    EMOTION_OF_SCORE,
    NO_FEELING_MARK,
    NO_FEELING_SCORE,
    PERSONAS_COMMENT,
    SPACE,
    split_comment,
    strip_space,
    unescape,
)

DEFAULT_ACTOR = "Customer"
"""The persona of a task that names no actor."""
FIRST_STAGE = "Journey"
"""The stage of tasks written before the first `section`."""
DEFAULT_TITLE = "Imported journey"
"""The editor's persona colours, in its order (app/editor.py), so that imported lanes differ."""
TITLE_LIMIT, NAME_LIMIT, CARD_TITLE_LIMIT, DESCRIPTION_LIMIT = 200, 200, 500, 10_000

_HEADER = re.compile(rf"journey(?:{SPACE}+(.*))?", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(rf"title(?:{SPACE}+(.*))?", re.IGNORECASE | re.DOTALL)
_SECTION = re.compile(rf"section(?:{SPACE}+(.*))?", re.IGNORECASE | re.DOTALL)
_ACC_TITLE = re.compile(rf"accTitle{SPACE}*:{SPACE}*(.*)", re.IGNORECASE)
_ACC_DESCR = re.compile(rf"accDescr{SPACE}*:{SPACE}*(.*)", re.IGNORECASE)
_ACC_DESCR_BLOCK = re.compile(rf"accDescr{SPACE}*\{{(.*)", re.IGNORECASE)
_FENCE = re.compile(r"(`{3,}|~{3,})\s*mermaid\s*", re.IGNORECASE)
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_PERSONAS = re.compile(re.escape(PERSONAS_COMMENT).replace(r"\ ", r"\s*") + r"(.*)", re.IGNORECASE)
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def read_mermaid(path: str | os.PathLike[str]) -> ImportResult:
    """Read a diagram file (`.mmd`, `.mermaid`, or Markdown with a ```mermaid block); its name
    titles a map whose diagram has no title. ImportFailed, naming the file, if there is none."""
    name = Path(path).name
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ImportFailed(_("{file} is a folder, a device or a pipe, not a diagram file").format(
                file=name))
        if info.st_size > MAX_FILE_BYTES:
            size, limit = describe_sizes(info.st_size)
            raise ImportFailed(_(
                "{file} is too big to import: {size}, over the {limit} journeymapper reads").format(
                file=name, size=size, limit=limit))
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportFailed(_("{file}: there is no such file").format(file=name)) from None
    except OSError as exc:
        raise ImportFailed(_("{file} cannot be read: {reason}").format(
            file=name, reason=exc.strerror or exc)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(_("{file} is not text in UTF-8, as Mermaid diagrams are (byte {number} is not "
                             "UTF-8)").format(file=name, number=exc.start + 1)) from None
    try:
        return import_mermaid(text, Path(path).stem or DEFAULT_TITLE)
    except ImportFailed as exc:
        raise ImportFailed(_("{file}: {problem}").format(file=name, problem=exc), exc.problems) from None


def import_mermaid(text: str, default_title: str = DEFAULT_TITLE) -> ImportResult:
    """A new map from the diagram in `text` (a bare diagram or Markdown holding one), and each line
    left out or read with a change; ImportFailed if `text` holds no journey diagram."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    reader = _Reader()
    numbered = _diagram_lines(lines)
    numbered = reader.front_matter(numbered)
    reader.header(numbered)
    return reader.result(default_title)


def _diagram_lines(lines: list[str]) -> list[tuple[int, str]]:
    """The lines of the diagram, numbered as in the file: all of them, or, in Markdown, those of
    the first ```mermaid block that holds a journey."""
    numbered = list(enumerate(lines, start=1))
    blocks: list[list[tuple[int, str]]] = []
    index = 0
    while index < len(numbered):
        opening = _FENCE.fullmatch(numbered[index][1].strip())
        if opening is None:
            index += 1
            continue
        fence, block = opening.group(1), []
        index += 1
        while index < len(numbered) and not _closes(numbered[index][1], fence):
            block.append(numbered[index])
            index += 1
        blocks.append(block)
        index += 1
    if not blocks:
        return numbered
    for block in blocks:
        first = _first_statement(block)
        if first is not None and _HEADER.fullmatch(first[1].strip()):
            return block
    raise ImportFailed(_n("none of its {n} Mermaid diagrams is a journey diagram (one that starts with the "
                          "word journey)", "none of its {n} Mermaid diagrams is a journey diagram (one that "
                                      "starts with the word journey)", len(blocks)).format(n=len(blocks)))


def _join_lines(lines: list[str]) -> str:
    """A description written over several lines, each without the indentation it was written with."""
    return "\n".join(line.strip() for line in lines).strip()


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(fence) and not stripped.strip(fence[0])


def _first_statement(lines: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The first line that is not blank, a comment, a `%%{...}%%` directive or front matter."""
    in_directive = in_front = seen = False
    for number, raw in lines:
        line = raw.strip()
        if in_front:
            in_front = line != "---"
        elif in_directive:
            in_directive = "}%%" not in line
        elif line == "---" and not seen:
            in_front = True
        elif line.startswith("%%{"):
            in_directive = "}%%" not in line
        elif line and not line.startswith("%%"):
            return number, raw
        seen = seen or bool(line)
    return None


@dataclass
class _Card:
    persona: str
    stage: str
    title: str
    emotion: int | None


@dataclass
class _Reader:
    title: str = ""
    front_title: str = ""
    acc_title: str = ""
    description: str = ""
    stages: list[Stage] = field(default_factory=list)
    stage: str | None = None
    """The id of the stage tasks go to now ("" when its section was left out)."""
    personas: dict[str, str] = field(default_factory=dict)
    """Actor name -> persona id, in the order the actors first appear."""
    cards: list[_Card] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    tasks: int = 0
    """Task lines read (each makes a card per actor)."""
    defaulted: bool = False
    """A task named no actor and went to DEFAULT_ACTOR."""
    first_stage_made: bool = False
    """Tasks came before the first section, and FIRST_STAGE was made for them."""

    def report(self, line: int, message: str, skipped: bool = True) -> None:
        self.problems.append(ImportProblem(message, row=line, skipped=skipped, unit="line"))

    # -- the parts of the text ---------------------------------------------
    def front_matter(self, lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """Mermaid's YAML front matter (`---` ... `---` first thing): its `title:` is kept."""
        start = next((i for i, (_number, raw) in enumerate(lines) if raw.strip()), None)
        if start is None or lines[start][1].strip() != "---":
            return lines
        for end in range(start + 1, len(lines)):
            number, raw = lines[end]
            if raw.strip() == "---":
                return lines[end + 1:]
            key, colon, value = raw.partition(":")
            if colon and key.strip().lower() == "title" and not raw[:1].isspace():
                self.front_title = self.text(value.strip().strip("'\""), TITLE_LIMIT, number, _("the title"))
        raise ImportFailed(_("the front matter that starts on line {number} (---) never ends with a line of "
                             "---, so the diagram after it cannot be found").format(number=lines[start][0]))

    def header(self, lines: list[tuple[int, str]]) -> None:
        first = _first_statement(lines)
        if first is None:
            raise ImportFailed(_("there is no Mermaid diagram here: the text is empty, or only comments"))
        number, raw = first
        match = _HEADER.fullmatch(split_comment(raw.strip())[0].strip())
        if match is None:
            shown = raw.strip()[:40]
            raise ImportFailed(_("this is not a Mermaid journey diagram: one starts with the word journey, "
                                 "and line {number} reads “{line}”").format(number=number, line=shown))
        if match.group(1):
            self.statement(number, match.group(1))
        self.body([(n, raw) for n, raw in lines if n > number])

    def body(self, lines: list[tuple[int, str]]) -> None:
        in_directive = False
        description: list[str] | None = None
        for number, raw in lines:
            line = strip_space(raw)
            if description is not None:  # accDescr { ... } over several lines
                head, closing, rest = raw.partition("}")
                description.append(head)
                if closing:
                    self.description = self.text(_join_lines(description), DESCRIPTION_LIMIT, number,
                                                 _("the description"))
                    description = None
                    self.statement(number, rest)  # (Mermaid reads on after the brace)
            elif in_directive or line.startswith("%%{"):  # a %%{init: ...}%% directive, over lines or not
                in_directive = "}%%" not in line
            elif (block := _ACC_DESCR_BLOCK.match(line)) is not None:
                head, closing, rest = block.group(1).partition("}")
                if closing:
                    self.description = self.text(head.strip(), DESCRIPTION_LIMIT, number,
                                                 _("the description"))
                    self.statement(number, rest)
                else:
                    description = [head]
            else:
                self.statement(number, line)
        if description is not None:
            self.report(lines[-1][0], _("the description (accDescr {) never ends with }: left out"))

    def statement(self, number: int, line: str) -> None:
        line = strip_space(line)
        if (listed := _PERSONAS.fullmatch(line)) is not None:
            self.declare_personas(number, listed.group(1))
            return
        if not line or line.startswith("%%"):
            return
        if (acc := _ACC_TITLE.fullmatch(line)) is not None:
            self.acc_title = self.text(unescape(acc.group(1)), TITLE_LIMIT, number, _("the title"))
            return
        if (acc := _ACC_DESCR.fullmatch(line)) is not None:
            self.description = self.text(unescape(acc.group(1)), DESCRIPTION_LIMIT, number,
                                         _("the description"))
            return
        content, comment = split_comment(line)
        content = strip_space(content)
        if not content:
            return
        if content.casefold() == "journey":  # ("Journey planning: 4: Me" is read as the task it means)
            self.report(number, _("a second “journey” line: left out"))
        elif (title := _TITLE.fullmatch(content)) is not None:
            self.title = self.text(unescape(title.group(1) or ""), TITLE_LIMIT, number,
                                   _("the title")) or self.title
            if not title.group(1):
                self.report(number, _("“title” without a title: left out"))
        elif (section := _SECTION.fullmatch(content)) is not None:
            self.section(number, unescape(section.group(1) or ""))
        else:
            self.task(number, content, comment)

    def declare_personas(self, number: int, names: str) -> None:
        """Our own comment listing the lanes in order, with those that have no cards."""
        for name in names.split(","):
            name = self.text(unescape(name), NAME_LIMIT, number, _("a persona's name"))
            if name and name not in self.personas:
                if len(self.personas) >= MAX_PERSONAS:
                    self.report(number,
                                _("a map holds at most {limit} personas: “{name}” is left out").format(
                        limit=MAX_PERSONAS, name=name))
                    continue
                self.personas[name] = new_id()

    def section(self, number: int, name: str) -> None:
        if len(self.stages) >= MAX_STAGES:
            self.report(number, _("a map holds at most {limit} stages: this section and its tasks are left "
                                  "out").format(limit=MAX_STAGES))
            self.stage = ""
            return
        name = self.text(name, NAME_LIMIT, number, _("the section's name"))
        if not name:
            name = f"Stage {len(self.stages) + 1}"
            self.report(number, _("a section without a name: called “{name}”").format(
                name=name), skipped=False)
        self.stages.append(Stage(id=new_id(), name=name))
        self.stage = self.stages[-1].id

    def task(self, number: int, content: str, comment: str) -> None:
        name, colon, data = content.partition(":")
        if not colon:
            self.report(number, _("“{line}” is not a title, a section or a task (a task reads “Make tea: 5: "
                                  "Me”): left out").format(line=content[:40]))
            return
        title = self.text(unescape(name), CARD_TITLE_LIMIT, number, _("the task's name"))
        if not title:
            self.report(number, _("a task without a name: left out"))
            return
        if self.stage == "":
            self.report(number, _("its section was left out, and so is this task"))
            return
        score, *rest = data.split(":")
        extra = ":".join(rest[1:]).strip()
        if extra:
            self.report(number, _("“{text}” after the actors is left out (a task reads “name: score: actor, "
                                  "actor”)").format(text=extra[:40]), skipped=False)
        emotion = self.emotion(number, score.strip(), comment)
        actors: list[str] = []
        for actor in (rest[0].split(",") if rest else ()):
            actor = self.text(unescape(actor), NAME_LIMIT, number, _("an actor's name"))
            if actor and actor not in actors:
                actors.append(actor)
        if self.stage is None:
            self.stages.append(Stage(id=new_id(), name=FIRST_STAGE))
            self.stage = self.stages[-1].id
            self.first_stage_made = True
        self.tasks += 1
        self.defaulted = self.defaulted or not actors
        for actor in actors or [DEFAULT_ACTOR]:
            persona = self.personas.get(actor)
            if persona is None:
                if len(self.personas) >= MAX_PERSONAS:
                    self.report(number,
                                _("a map holds at most {limit} personas: {actor}'s card is left out").format(
                        limit=MAX_PERSONAS, actor=actor))
                    continue
                persona = self.personas[actor] = new_id()
            if len(self.cards) >= MAX_TOUCHPOINTS:
                self.report(number, _("a map holds at most {limit} cards: {actor}'s card is left out").format(
                    limit=f"{MAX_TOUCHPOINTS:,}", actor=actor))
                continue
            self.cards.append(_Card(persona, self.stage, title, emotion))

    def emotion(self, number: int, score: str, comment: str) -> int | None:
        """The feeling a score stands for: 1..5 -> -2..+2 (the nearest whole score; out of range,
        the nearest end); none for no score, a score that is no number, or our own mark."""
        if not score:
            self.report(number, _("no score: the card has no feeling"), skipped=False)
            return None
        digits = unicodedata.normalize("NFKC", score)  # (full-width digits, as a Japanese keyboard types them)
        value = float(digits) if _NUMBER.fullmatch(digits) else math.nan
        if not math.isfinite(value):
            self.report(number,
                        _("the score “{score}” is not a number from 1 to 5: the card has no feeling").format(
                score=score[:20]), skipped=False)
            return None
        whole = max(1, min(5, math.floor(value + 0.5)))
        if whole != value or digits != score:  # (Mermaid itself reads only whole numbers in ASCII digits)
            self.report(number, _("score {score} read as {whole} (scores go from 1, very negative, to 5, "
                                  "very positive)").format(score=score, whole=whole), skipped=False)
        if whole == NO_FEELING_SCORE and comment.strip().lower() == NO_FEELING_MARK:
            return None
        return EMOTION_OF_SCORE[whole]

    def text(self, value: str, limit: int, number: int, what: str) -> str:
        """`value` as a map may hold it: without control characters, at most `limit` characters."""
        if _BAD_CHARS.search(value):
            value = _BAD_CHARS.sub("", value)
            # TRANSLATORS: {what} is a part of a Mermaid diagram: "the title", "an actor's name"...
            self.report(number, _("control characters removed from {what}").format(what=what), skipped=False)
        if len(value) > limit:
            value = value[:limit]
            self.report(number, _("{what} cut to its first {limit} characters").format(
                what=what, limit=limit),
                        skipped=False)
        return value

    # -- the map -------------------------------------------------------------
    def result(self, default_title: str) -> ImportResult:
        now = utc_now()
        personas = [Persona(id=persona, name=name, color=PERSONA_COLORS[index % len(PERSONA_COLORS)])
                    for index, (name, persona) in enumerate(self.personas.items())]
        touchpoints = [Touchpoint(id=new_id(), persona=c.persona, stage=c.stage, title=c.title, emotion=c.emotion)
                       for c in self.cards]
        flows: list[Flow] = []
        last_of: dict[str, str] = {}
        for card in touchpoints:
            if card.persona in last_of:
                flows.append(Flow(id=new_id(), source=last_of[card.persona], target=card.id))
            last_of[card.persona] = card.id
        title = self.title or self.front_title or self.acc_title or default_title[:TITLE_LIMIT].strip()
        the_map = Map(id=new_id(), title=title or DEFAULT_TITLE, description=self.description, created=now,
                      modified=now, personas=personas, stages=self.stages, touchpoints=touchpoints, flows=flows)
        notes = [_("scores read as feelings: 1 very negative, 2 negative, 3 neutral, 4 positive, 5 very "
                   "positive")]
        if self.defaulted:
            notes.append(_("tasks that name no actor are the cards of “{name}”").format(name=DEFAULT_ACTOR))
        if self.first_stage_made:
            notes.append(_("tasks before the first section are in the stage “{name}”").format(
                name=FIRST_STAGE))
        # TRANSLATORS: what a Mermaid import made: "12 touchpoints from 10 tasks, 2 personas, 4 stages"
        summary = _("{touchpoints} from {tasks}, {personas}, {stages}").format(
            touchpoints=_n("{n} touchpoint", "{n} touchpoints", len(touchpoints)).format(n=len(touchpoints)),
            tasks=_n("{n} task", "{n} tasks", self.tasks).format(n=self.tasks),
            personas=_n("{n} persona", "{n} personas", len(personas)).format(n=len(personas)),
            stages=_n("{n} stage", "{n} stages", len(self.stages)).format(n=len(self.stages)))
        problems = sorted(self.problems, key=lambda p: p.row or 0)
        return ImportResult(the_map, problems, notes, summary)
