"""Every flow runs in free space: no flow's drawn path crosses a card that is not its source or
target, and no label covers a card; on random maps with every kind of flow, and on every map we ship.

The checks are on the drawn geometry (`layout.legibility`), the same that the canvas and the PDF
paint, so what holds here holds on screen and on paper.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymapper.io import load_path
from journeymapper.layout.flow_plan import AROUND, BAND, DOWN, NEXT, SELF
from journeymapper.layout.legibility import flows_over_cards, heads_overlapping, labels_over, misreadings
from journeymapper.layout.map_layout import layout_map
from journeymapper.model.schema import Map
from tests.check.builders import fl, make_map, tp

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted([*ROOT.glob("resources/examples/*.jmap"), *ROOT.glob("resources/templates/*.jmap"),
                  *ROOT.glob("tests/data/v*/*.jmap")])
LABELS = ("", "", "Taps the tag", "Would rather call", "Orders at home that evening", "x",
          "A label far too long to be shown whole in the little room a flow has between two columns",
          "友達に勧められて", "يتصل بالمتجر", "Ζητά προσφορά", "Звонит в магазин")
TITLES = ("Sees an ad", "Reads the reviews on a big review site before deciding anything at all",
          "Calls", "店に電話する", "يطلب عرض سعر", "Buys in the shop")


@st.composite
def journey_maps(draw: st.DrawFn) -> Map:
    """Maps of 1-3 personas and 1-5 stages, cells of up to 5 stacked cards, and flows of every
    kind: to the next column, skipping columns, back, within a column, to itself, between lanes."""
    personas = tuple(f"p{k}" for k in range(draw(st.integers(1, 3))))
    stages = tuple(f"s{k}" for k in range(draw(st.integers(1, 5))))
    count = draw(st.integers(1, 18))
    cards = [tp(f"t{n}", draw(st.sampled_from(personas)), draw(st.sampled_from(stages)),
                title=draw(st.sampled_from(TITLES))) for n in range(count)]
    pairs = draw(st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), max_size=30))
    flows = {}
    for n, (a, b) in enumerate(pairs):
        flows[(a, b)] = fl(f"f{n}", f"t{a}", f"t{b}", kind=draw(st.sampled_from(("next", "alternative", "loop"))),
                           label=draw(st.sampled_from(LABELS)))
    return make_map(cards, list(flows.values()), personas=personas, stages=stages)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey_maps())
def test_no_flow_crosses_a_card_that_is_not_its_own(the_map: Map) -> None:
    assert flows_over_cards(layout_map(the_map)) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey_maps())
def test_no_label_covers_a_card_or_another_label(the_map: Map) -> None:
    """Labels between lanes included: they are kept clear of the lanes' own labels."""
    assert labels_over(layout_map(the_map)) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey_maps())
def test_no_two_arrowheads_overlap(the_map: Map) -> None:
    """Loops to their own card included: their ends take their place on the card's side with the others."""
    assert heads_overlapping(layout_map(the_map)) == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
def test_nothing_on_the_maps_we_ship_can_be_misread(path: Path) -> None:
    assert misreadings(layout_map(load_path(path).map)) == []


def _map_with(flows: list[dict], cards: list[dict], stages=("s1", "s2", "s3", "s4"), personas=("p1",)) -> Map:
    return make_map(cards, flows, personas=personas, stages=stages)


def test_a_flow_that_skips_a_column_goes_around_its_cards_not_through_them() -> None:
    """'Friend recommends us -> Buys in the shop' must not read as passing 'Reads reviews'."""
    cards = [tp("friend", "p1", "s1"), tp("reviews", "p1", "s2"), tp("buys", "p1", "s3")]
    layout = layout_map(_map_with([fl("f", "friend", "buys")], cards))
    assert flows_over_cards(layout) == []
    path = layout.flows["f"].path
    assert max(max(c.y0, c.y3) for c in path) > layout.cards["reviews"].rect.bottom  # under the card


def test_each_kind_of_flow_gets_the_route_for_it() -> None:
    cards = [tp("a", "p1", "s1"), tp("b", "p1", "s1"), tp("c", "p1", "s1"), tp("d", "p1", "s2"),
             tp("e", "p1", "s3"), tp("x", "p2", "s2")]
    flows = [fl("next", "a", "d"), fl("down", "a", "b"), fl("around", "a", "c"), fl("self", "d", "d"),
             fl("skip", "a", "e"), fl("back", "e", "b", kind="loop"), fl("lanes", "c", "x")]
    layout = layout_map(_map_with(flows, cards, personas=("p1", "p2")))
    routes = layout.sources["plan"].routes
    assert {flow_id: routes[flow_id].how for flow_id in routes} == {
        "next": NEXT, "down": DOWN, "around": AROUND, "self": SELF, "skip": BAND, "back": BAND, "lanes": NEXT}
    assert misreadings(layout) == []


def test_runs_in_one_band_never_share_a_track_where_they_overlap() -> None:
    cards = [tp(f"t{k}", "p1", f"s{k % 4 + 1}") for k in range(8)]
    flows = [fl(f"f{k}", f"t{a}", f"t{b}", kind="loop") for k, (a, b) in
             enumerate([(3, 0), (7, 4), (2, 0), (3, 1), (6, 5), (7, 0)])]
    layout = layout_map(_map_with(flows, cards))
    routes = layout.sources["plan"].routes
    runs = []
    for flow_id, plan in routes.items():
        low, high = sorted((plan.out_leg.gap, plan.in_leg.gap))
        runs.append((plan.track_y, low, high, flow_id))
    for k, (y, low, high, flow_id) in enumerate(runs):
        for other_y, other_low, other_high, other_id in runs[k + 1:]:
            if low <= other_high and other_low <= high:
                assert y != other_y, (flow_id, other_id)
    assert misreadings(layout) == []


def test_two_legs_in_one_gap_are_apart() -> None:
    cards = [tp("a", "p1", "s1"), tp("b", "p1", "s1"), tp("c", "p1", "s3"), tp("d", "p1", "s4")]
    flows = [fl("f1", "a", "c"), fl("f2", "b", "d"), fl("f3", "a", "d")]
    layout = layout_map(_map_with(flows, cards))
    routes = layout.sources["plan"].routes
    legs = [(plan.out_leg.gap, plan.out_leg.slot) for plan in routes.values()]
    assert len(set(legs)) == len(legs)
    assert heads_overlapping(layout) == []


def _vertical_runs(layout) -> list[tuple[str, float, float, float]]:
    """(flow id, x, top, bottom) of every straight vertical run of a routed flow, on the map."""
    runs = []
    for flow in layout.flows.values():
        top = layout.lanes[flow.lane].y if flow.lane is not None else 0.0
        for c in flow.path:
            if c.x0 == c.x1 == c.x2 == c.x3 and c.y0 != c.y3:
                runs.append((flow.id, c.x0, min(c.y0, c.y3) + top, max(c.y0, c.y3) + top))
    return runs


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey_maps())
def test_a_label_in_a_gap_leaves_the_gaps_vertical_runs_in_sight(the_map: Map) -> None:
    """A label sits right of its gap's runs, so it never hides where another flow turns up or down."""
    layout = layout_map(the_map)
    runs = _vertical_runs(layout)
    for flow in layout.flows.values():
        rect = flow.label_rect
        if rect is None or layout.sources["plan"].routes[flow.id].how == BAND:
            continue  # (a label under the cards sits on its own run, on a track of its own)
        rect = rect.moved(0.0, layout.lanes[flow.lane].y if flow.lane is not None else 0.0)
        hidden = [(flow_id, x) for flow_id, x, top, bottom in runs
                  if flow_id != flow.id and rect.x < x < rect.right and top < rect.bottom and rect.y < bottom]
        assert hidden == [], f"the label of {flow.id} hides runs {hidden}"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey_maps())
def test_a_loop_to_its_own_card_is_crossed_by_no_run_and_covered_by_no_label(the_map: Map) -> None:
    layout = layout_map(the_map)
    routes = layout.sources["plan"].routes
    runs = _vertical_runs(layout)
    labels = [(flow.id, flow.label_rect.moved(0.0, layout.lanes[flow.lane].y if flow.lane else 0.0))
              for flow in layout.flows.values() if flow.label_rect is not None]
    for flow in layout.flows.values():
        if routes[flow.id].how != SELF:
            continue
        top = layout.lanes[flow.lane].y
        (c,) = flow.path
        left, right = c.x0, max(c.x0, c.x1, c.x2, c.x3)
        low, high = min(c.y0, c.y3) + top, max(c.y0, c.y3) + top
        crossing = [f for f, x, y0, y1 in runs if left < x < right and y0 < high and low < y1]
        covering = [f for f, rect in labels if rect.x < right and left < rect.right and rect.y < high
                    and low < rect.bottom]
        assert crossing == [] and covering == [], (flow.id, crossing, covering)
