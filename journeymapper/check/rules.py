"""The rules of docs/checks.md (codes JM001..JM016): one small function per rule, or per
group of rules that share one pass over the flows or the cards.

Decisions where checks.md is silent:
- Elements, most relevant first. A flow rule names (flow, source, target);
  JM001 names (flow, touchpoint); JM002 names every flow of the duplicate group,
  then source and target; JM004 names the cycle's touchpoints in map order,
  then the non-loop flows inside it; JM007 names (persona, skipped stage);
  JM014 names the map id; JM015 names the same-titled touchpoints in map order;
  the other touchpoint, stage and persona rules name that one element. An id
  never appears twice in one problem.
- JM002 is one problem per (source, target) pair, however many flows repeat it.
- JM003 and JM013 compare stage indices (positions in map.stages); persona
  does not matter, so a cross-persona flow is judged like any other.
- JM004 takes the graph of non-loop flows, self-loops ignored (JM001 reports
  those). A pair of touchpoints counts as a non-loop edge when ANY flow between
  them is not a loop. Each strongly connected component of two or more
  touchpoints is one problem.
- JM005: the entry touchpoints are, for every persona with touchpoints, its
  touchpoints in its first occupied stage. One multi-source BFS over all flows
  (any kind, across personas) finds what they reach; every touchpoint of a
  persona that has flows and is not reached is reported.
- JM006: a self-loop is not a way out; a flow of any other kind (a loop
  included) is. Touchpoints of personas without flows are not dead ends.
- JM007 is one problem per (persona, skipped stage).
- JM010: an emotion of 0 (neutral) is an emotion; only null is missing.
- JM013 counts only kind "next"; "alternative" and "loop" may skip stages.
- JM014 fires when review_by is strictly before today; on the day itself it is
  still due, not overdue.
- JM015 compares titles with str.strip().casefold(); a cell is (persona, stage).
- Elements that dangle (a flow to a touchpoint that does not exist...) are
  load errors, not check problems: the checker skips them (see index.py).
- Messages are plain one-line text for a shop owner, in the language of `CheckContext.tr` (the
  interface's; the print passes the map's): they name cards by their
  titles and stages and personas by their names, in typographic quotes
  (whitespace runs collapsed, long titles shortened), say what to do where that
  is clear, and use no ids and no graph words (node, edge, path, entry...).
  Nothing in them is markup. Each problem also carries the names of its
  elements (`Problem.names`), so screens never need to show an id.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..i18n import Words, current_words
from ..model import Flow
from ..model.messages import listing, quoted, spoken_date
from .graph import FlowGraph
from .index import MapIndex
from .problem import Problem, problem


@dataclass(frozen=True)
class CheckContext:
    """Everything a rule may look at: the indexed map, its flow graph, today's date and the words
    to say the problems in."""

    index: MapIndex
    flow_graph: FlowGraph
    today: datetime.date
    tr: Words = field(default_factory=current_words)


Rule = Callable[[CheckContext], Iterable[Problem]]


q = quoted
"""A name or title in quotes, on one line and not too long to read."""


def _name(ix: MapIndex, element_id: str) -> str:
    """How a person knows a card, stage or persona: its title or name, quoted."""
    if element_id in ix.touchpoint:
        return q(ix.touchpoint[element_id].title)
    if element_id in ix.personas:
        return q(ix.personas[element_id].name)
    if element_id in ix.stage_index:
        return q(ix.stages[ix.stage_index[element_id]].name)
    return ""


def _flow_name(ix: MapIndex, f: Flow) -> str:
    return f"{q(ix.title(f.source))} → {q(ix.title(f.target))}"


def _report(ix: MapIndex, code: str, message: str, *elements: str | Flow) -> Problem:
    """A problem about these cards, stages, personas and flows, each named as a person knows it."""
    ids = [e.id if isinstance(e, Flow) else e for e in elements]
    names = [_flow_name(ix, e) if isinstance(e, Flow) else _name(ix, e) for e in elements]
    return problem(code, message, *ids, names=names)


def flow_rules(ctx: CheckContext) -> Iterator[Problem]:
    """JM001, JM003, JM013, JM016: what is wrong with one flow on its own, in one pass over the flows."""
    ix, tr = ctx.index, ctx.tr
    place = ix.place
    for f in ix.flows:
        source, target = f.source, f.target
        if source == target:
            message = tr("A flow goes from {card} back to the same card: delete it, or draw it to another "
                         "card").format(card=q(ix.title(source)))
            yield _report(ix, "JM001", message, f, source)
            continue
        (source_stage, source_persona), (target_stage, target_persona) = place[source], place[target]
        if target_stage < source_stage and f.kind != "loop":
            yield _backward(ix, f, tr)
        elif target_stage >= source_stage + 2 and f.kind == "next":
            yield _skipping(ix, f, target_stage - source_stage - 1, tr)
        if source_persona != target_persona:
            yield _handover(ix, f, tr)


def _backward(ix: MapIndex, f: Flow, tr: Words) -> Problem:
    """JM003: going back to an earlier stage is a loop, and should say so."""
    # TRANSLATORS: “Loop back” is the name of a flow's kind in the editor
    message = tr("The flow from {source} to {target} goes back to an earlier stage ({stage}) but is not "
                 "marked as a loop: if going back is meant, set its kind to “Loop back”").format(
        source=q(ix.title(f.source)), target=q(ix.title(f.target)),
        stage=q(ix.stages[ix.place[f.target][0]].name))
    return _report(ix, "JM003", message, f, f.source, f.target)


def _skipping(ix: MapIndex, f: Flow, skipped: int, tr: Words) -> Problem:
    """JM013: the usual path should not jump over a stage."""
    source, target = q(ix.title(f.source)), q(ix.title(f.target))
    # TRANSLATORS: “Alternative” is the name of a flow's kind in the editor
    if skipped == 1:
        message = tr("The flow from {source} to {target} skips stage {stage}: add the missing step, or set "
                     "the flow's kind to “Alternative” if it is a shortcut").format(
            source=source, target=target, stage=q(ix.stages[ix.place[f.source][0] + 1].name))
    else:
        message = tr.n("The flow from {source} to {target} skips {n} stages: add the missing step, or set "
                       "the flow's kind to “Alternative” if it is a shortcut",
                       "The flow from {source} to {target} skips {n} stages: add the missing step, or set "
                       "the flow's kind to “Alternative” if it is a shortcut", skipped).format(
            source=source, target=target, n=skipped)
    return _report(ix, "JM013", message, f, f.source, f.target)


def _handover(ix: MapIndex, f: Flow, tr: Words) -> Problem:
    """JM016: a handover between personas is worth a look, not necessarily wrong."""
    source, target = ix.touchpoint[f.source], ix.touchpoint[f.target]
    message = tr("The flow from {source} to {target} hands the customer over from {persona} to {other}")
    message = message.format(
        source=q(source.title), target=q(target.title), persona=q(ix.personas[source.persona].name),
        other=q(ix.personas[target.persona].name))
    return _report(ix, "JM016", message, f, f.source, f.target)


def duplicate_flows(ctx: CheckContext) -> Iterator[Problem]:
    """JM002: two arrows for the same step confuse the reader (and every count of flows)."""
    ix = ctx.index
    if sum(len(targets) for _, targets in ctx.flow_graph.graph.adjacency()) == len(ix.flows):
        return  # the graph has one edge per (source, target) pair: no pair repeats
    groups: dict[tuple[str, str], list[Flow]] = defaultdict(list)
    for f in ix.flows:
        groups[(f.source, f.target)].append(f)
    tr = ctx.tr
    for (source, target), repeated in groups.items():
        if len(repeated) > 1:
            if len(repeated) == 2:
                message = tr("{n} flows go from {source} to {target}: one is enough, so delete the other one")
            else:
                message = tr.n("{n} flows go from {source} to {target}: one is enough, so delete the other "
                               "{others}",
                               "{n} flows go from {source} to {target}: one is enough, so delete the other "
                               "{others}",
                               len(repeated) - 1)
            message = message.format(n=len(repeated), source=q(ix.title(source)), target=q(ix.title(target)),
                                     others=len(repeated) - 1)
            yield _report(ix, "JM002", message, *repeated, source, target)


def cycles(ctx: CheckContext) -> Iterator[Problem]:
    """JM004: a circle with no loop flow is a journey with no way forward."""
    ix = ctx.index
    components = ctx.flow_graph.cycles
    if not components:
        return
    member = {tp: n for n, component in enumerate(components) for tp in component}
    tps: list[list[str]] = [[] for _ in components]
    for t in ix.touchpoints:
        n = member.get(t.id)
        if n is not None:
            tps[n].append(t.id)
    flows: list[list[Flow]] = [[] for _ in components]
    for f in ix.flows:
        n = member.get(f.source)
        if n is not None and f.kind != "loop" and f.source != f.target and member.get(f.target) == n:
            flows[n].append(f)
    tr = ctx.tr
    for ids, inside in zip(tps, flows):
        message = tr("Cards {cards} go round in a circle, and no flow in it is marked as a loop: set the "
                     "kind of the flow that goes back to “Loop back”, or delete it").format(
            cards=listing([ix.title(t) for t in ids], tr=tr))
        yield _report(ix, "JM004", message, *ids, *inside)


def unreachable(ctx: CheckContext) -> Iterator[Problem]:
    """JM005: a touchpoint no journey leads to is never experienced."""
    ix, with_flows = ctx.index, ctx.flow_graph.with_flows
    if not with_flows:
        return
    first, place = ix.first_stage, ix.place
    entries = [t for t, (stage, persona) in place.items() if stage == first[persona]]
    for tp_id in ix.touchpoint.keys() - ctx.flow_graph.reachable(entries):
        t = ix.touchpoint[tp_id]
        if t.persona in with_flows:
            message = ctx.tr("Nothing leads to {card}: no flows reach it from the start of the journey. Draw "
                             "a flow to it from an earlier card").format(card=q(t.title))
            yield _report(ix, "JM005", message, t.id)


def dead_ends(ctx: CheckContext) -> Iterator[Problem]:
    """JM006: a journey that stops before its last stage loses the customer."""
    ix, with_flows = ctx.index, ctx.flow_graph.with_flows
    if not with_flows:
        return
    last, place = ix.last_stage, ix.place
    for tp_id, targets in ctx.flow_graph.graph.adjacency():
        if not targets or (len(targets) == 1 and tp_id in targets):  # a self-loop is no way out
            stage, persona = place[tp_id]
            if persona in with_flows and stage != last[persona]:
                message = ctx.tr("The journey stops at {card}: no flow leads on from it before the last "
                                 "stage (a dead end). Draw a flow to what happens next").format(
                                     card=q(ix.title(tp_id)))
                yield _report(ix, "JM006", message, tp_id)


def skipped_stages(ctx: CheckContext) -> Iterator[Problem]:
    """JM007: a gap in a persona's lane usually means a forgotten step."""
    ix = ctx.index
    for persona in ix.map.personas:
        used = ix.occupied.get(persona.id)
        if not used:
            continue
        for i in range(ix.first_stage[persona.id] + 1, ix.last_stage[persona.id]):
            if i not in used:
                stage = ix.stages[i]
                message = ctx.tr("The journey of {persona} skips stage {stage}: none of its cards are in "
                                 "that stage. Add one if something happens "
                                 "there").format(persona=q(persona.name),
                                                                                      stage=q(stage.name))
                yield _report(ix, "JM007", message, persona.id, stage.id)


def empty_stages(ctx: CheckContext) -> Iterator[Problem]:
    """JM008: an empty column is unfinished work or a stage to remove."""
    ix = ctx.index
    used = set().union(*ix.occupied.values())
    for i, stage in enumerate(ix.stages):
        if i not in used:
            message = ctx.tr("Stage {stage} has no cards yet: add what happens there, or delete the "
                             "stage").format(stage=q(stage.name))
            yield _report(ix, "JM008", message, stage.id)


def card_rules(ctx: CheckContext) -> Iterator[Problem]:
    """JM009, JM010, JM011: what a card is missing, in one pass over the cards."""
    tr = ctx.tr
    no_plan = tr("{card} has pain points but no opportunity: note what could make it better")
    no_emotion = tr("{card} has no emotion set: choose how the customer feels at this point")
    no_channel = tr("{card} has no channel set: choose where it happens (website, phone, in store…)")
    for t in ctx.index.touchpoints:
        title = q(t.title)
        if t.pain_points and not t.opportunities:
            yield problem("JM009", no_plan.format(card=title), t.id, names=(title,))
        if t.emotion is None:
            yield problem("JM010", no_emotion.format(card=title), t.id, names=(title,))
        if t.channel is None:
            yield problem("JM011", no_channel.format(card=title), t.id, names=(title,))


def empty_personas(ctx: CheckContext) -> Iterator[Problem]:
    """JM012: an empty lane is unfinished work or a persona to remove."""
    ix = ctx.index
    for persona in ix.map.personas:
        if persona.id not in ix.occupied:
            message = ctx.tr("Persona {persona} has no cards yet: add the moments of their journey, or "
                             "delete the persona").format(persona=q(persona.name))
            yield _report(ix, "JM012", message, persona.id)


def review_overdue(ctx: CheckContext) -> Iterator[Problem]:
    """JM014: maps are living documents; an overdue review means it may be stale."""
    the_map = ctx.index.map
    due = the_map.review_by
    if due is not None and due < ctx.today:
        message = ctx.tr("This map was due for review on {date}: check that it is still right, then set a "
                         "new review date").format(date=spoken_date(due, ctx.tr))
        yield problem("JM014", message, the_map.id, names=(q(the_map.title),))


def same_titles(ctx: CheckContext) -> Iterator[Problem]:
    """JM015: two cards with one title in one cell are usually a copy made by mistake."""
    ix = ctx.index
    keys = [(t.persona, t.stage, t.title.strip().casefold()) for t in ix.touchpoints]
    if len(set(keys)) == len(keys):
        return
    first: dict[tuple[str, str, str], str] = {}
    repeats: dict[tuple[str, str, str], list[str]] = {}
    for t, key in zip(ix.touchpoints, keys):
        seen = first.setdefault(key, t.id)
        if seen != t.id:
            repeats.setdefault(key, [seen]).append(t.id)
    tr = ctx.tr
    for (persona, stage, _title), ids in repeats.items():
        if len(ids) == 2:
            message = tr("{n} cards of {persona} in stage {stage} have the same title {title}: delete the "
                         "copy, or give each card its own title")
        else:
            message = tr.n("{n} cards of {persona} in stage {stage} have the same title {title}: delete the "
                           "copies, or give each card its own "
                           "title", "{n} cards of {persona} in stage {stage} have "
                                                              "the same title {title}: delete the copies, or "
                                                              "give each card its own title", len(ids))
        message = message.format(n=len(ids), persona=q(ix.personas[persona].name),
                                 stage=q(ix.stages[ix.stage_index[stage]].name), title=q(ix.title(ids[0])))
        yield _report(ix, "JM015", message, *ids)


ALL_RULES: tuple[Rule, ...] = (
    flow_rules,
    duplicate_flows,
    cycles,
    unreachable,
    dead_ends,
    skipped_stages,
    empty_stages,
    card_rules,
    empty_personas,
    review_overdue,
    same_titles,
)
