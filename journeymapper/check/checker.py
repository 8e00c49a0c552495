"""`check_map`: run every rule over a map and return its problems in a stable order.

The editor runs this on every edit, so the map is indexed once and the flow
graph built once, and every rule reads from those.
"""

from __future__ import annotations

import datetime

from ..i18n import Words, current_words, speaking
from ..model import Map
from .graph import GraphMemo, build_graph
from .index import MapIndex
from .plan_rules import PLAN_RULES
from .problem import SEVERITY_RANK, Problem
from .rules import ALL_RULES, CheckContext

SORT_BY_ELEMENTS = 4


def check_map(the_map: Map, today: datetime.date | None = None, memo: GraphMemo | None = None,
              tr: Words | None = None) -> list[Problem]:
    """Every problem of `the_map`, sorted by severity, then code, then map position of the elements.

    `today` (default: the local date) is what JM014 compares `review_by` with, JM018 the
    opportunities' due dates and JM020 the KPIs' latest readings. A `memo` kept
    between checks of one map being edited makes a re-check after most edits cheaper. The
    messages are in the words of `tr`: the interface language's by default, the print's for a PDF.
    """
    index = MapIndex.of(the_map)
    ctx = CheckContext(index, build_graph(index, memo), today or datetime.date.today(),
                       tr or current_words())
    with speaking(ctx.tr):  # (names quoted as the findings' language quotes them)
        problems = [p for rule in (*ALL_RULES, *PLAN_RULES) for p in rule(ctx)]
    if not problems:
        return problems
    position = _positions(the_map)
    last = len(position)
    return sorted(
        problems,
        key=lambda p: (
            SEVERITY_RANK[p.severity],
            p.code,
            # (the first few elements place a problem; a cycle or a group of same titles can
            # name thousands, and the message tells such problems apart)
            [position.get(e, last) for e in p.elements[:SORT_BY_ELEMENTS]],
            p.message,
        ),
    )


def _positions(the_map: Map) -> dict[str, int]:
    """Element id -> position in the map: the map, personas, stages, touchpoints, flows, in file order."""
    ids = [the_map.id]
    ids += [p.id for p in the_map.personas]
    ids += [s.id for s in the_map.stages]
    ids += [t.id for t in the_map.touchpoints]
    ids += [f.id for f in the_map.flows]
    return dict(zip(ids, range(len(ids))))
