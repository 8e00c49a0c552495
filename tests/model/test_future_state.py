"""A future-state map is a copy of today's that keeps every id, says what it was made from, and is
compared with today's card by card; the comparison warns when the two maps do not belong together."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from journeymapper.io import load_path, save
from journeymapper.model.diff import diff_maps
from journeymapper.model.document import Document
from journeymapper.model.future_state import (
    card_changes,
    compare_warnings,
    future_title,
    make_future_state,
    other_changes,
)
from journeymapper.model.schema import ITEM_LISTS, Map, Stage, Touchpoint
from journeymapper.resources import example_map_path

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=timezone.utc)


def _example() -> Map:
    return load_path(example_map_path()).map


def _ids(the_map: Map) -> dict[str, list[str]]:
    ids = {collection: [e.id for e in getattr(the_map, collection)]
           for collection in ("personas", "stages", "touchpoints", "flows")}
    for collection, fields in ITEM_LISTS.items():
        for field in fields:
            ids[f"{collection}.{field}"] = [item.id for e in getattr(the_map, collection) for item in getattr(e, field)]
    return ids


def test_the_copy_is_a_future_map_of_its_own_that_keeps_every_id():
    current = _example()
    future = make_future_state(current, NOW)
    assert future.state == "future" and future.id != current.id
    assert future.based_on is not None
    assert (future.based_on.id, future.based_on.title, future.based_on.modified) == (
        current.id, current.title, current.modified)
    assert future.title == f"{current.title} (future)"
    assert future.created == future.modified == NOW
    assert _ids(future) == _ids(current)
    assert any(_ids(current)[f"touchpoints.{field}"] for field in ITEM_LISTS["touchpoints"])
    diff = diff_maps(current, future)
    assert not diff.elements  # (compared with today's, nothing differs until the plan changes it)
    assert {f.field for f in diff.map_fields} == {"title", "state", "based_on"}


def test_the_copy_is_a_valid_map_that_saves_and_opens(tmp_path):
    future = make_future_state(_example(), NOW)
    path = tmp_path / "future.jmap"
    save(path, future)
    again = load_path(path).map
    assert again == Map.model_validate(future.model_dump(mode="json")) == future


def test_editing_the_copy_leaves_todays_map_alone():
    current = _example()
    before = current.model_dump()
    doc = Document(make_future_state(current, NOW))
    card = doc.touchpoints[0]
    doc.set_field(card.id, "emotion", 2 if card.emotion != 2 else -2)
    doc.remove_touchpoint(doc.touchpoints[-1].id, cascade=True)
    doc.add_stage(Stage(id="s-new", name="New"))
    assert current.model_dump() == before


def test_a_copy_of_a_plan_is_another_plan_for_the_same_today():
    current = _example()
    plan = make_future_state(current, NOW)
    other = make_future_state(plan, NOW + timedelta(days=1))
    assert other.based_on == plan.based_on and other.id not in (plan.id, current.id)
    assert other.title == plan.title == f"{current.title} (future)"


def test_a_long_title_keeps_within_the_formats_limit():
    title = "x" * 200
    assert len(future_title(title)) == 200 and future_title(title).endswith("… (future)")
    assert make_future_state(_example().model_copy(update={"title": title}), NOW).title == future_title(title)


def test_no_warning_when_the_plan_was_made_from_this_very_map():
    current = _example()
    assert compare_warnings(current, make_future_state(current, NOW)) == []


def test_a_plan_made_from_another_map_is_a_warning():
    current = _example()
    plan = make_future_state(current, NOW)
    stranger = current.model_copy(update={"id": "another-map", "title": "The flower shop"})
    [warning] = compare_warnings(stranger, plan)
    assert "was made from “Corner bakery: cakes and catering”, not from “The flower shop”" in warning


def test_todays_map_changed_since_the_plan_was_made_is_said():
    current = _example()
    plan = make_future_state(current, NOW)
    later = current.model_copy(update={"modified": current.modified + timedelta(days=3)})
    [warning] = compare_warnings(later, plan)
    assert "was changed after" in warning and current.modified.date().isoformat() in warning
    earlier = current.model_copy(update={"modified": current.modified - timedelta(days=3)})
    assert "older version" in compare_warnings(earlier, plan)[0]


def test_maps_that_are_not_a_today_and_a_plan_are_said():
    current = _example()
    plan = make_future_state(current, NOW)
    assert "Neither map" in compare_warnings(current, current)[0]
    assert "other way round" in compare_warnings(plan, current)[0]
    assert "Both maps" in compare_warnings(plan, make_future_state(current, NOW))[0]
    unsaid = plan.model_copy(update={"based_on": None})
    assert "does not say which map" in compare_warnings(current, unsaid)[0]


def test_the_cards_added_removed_and_changed_are_said_in_words():
    current = _example()
    doc = Document(make_future_state(current, NOW))
    felt = next(t for t in doc.touchpoints if t.emotion == -1)
    doc.set_field(felt.id, "emotion", 1)
    moved = next(t for t in doc.touchpoints if t.id != felt.id)
    target = next(s for s in doc.stages if s.id != moved.stage)
    doc.move_touchpoint(moved.id, moved.persona, target.id, 0)
    gone = doc.touchpoints[-1]
    doc.remove_touchpoint(gone.id, cascade=True)
    doc.add_touchpoint(Touchpoint(id="new-card", persona=doc.personas[0].id, stage=doc.stages[0].id, title="Chat"))
    changes = card_changes(current, doc.map)
    assert [c.kind for c in changes][:2] == ["added", "removed"]
    by_id = {c.card_id: c for c in changes}
    assert by_id["new-card"].side == "future" and by_id["new-card"].title == "Chat"
    assert by_id[gone.id].side == "current" and by_id[gone.id].title == gone.title
    persona = next(p.name for p in current.personas if p.id == gone.persona)
    assert by_id[gone.id].where.startswith(persona)
    assert by_id[felt.id].what == "emotion −1 → +1"
    assert by_id[moved.id].what == f"moved to “{target.name}”"
    assert len(changes) == 4
    flows_gone = len([f for f in current.flows if gone.id in (f.source, f.target)])
    assert other_changes(diff_maps(current, doc.map)) == (
        f"{flows_gone} flow{'' if flows_gone == 1 else 's'}" if flows_gone else "")


def test_two_maps_with_no_card_in_common_are_said_to_be_unrelated():
    from journeymapper.model.future_state import compare_warnings
    from tests.check.builders import make_map, tp

    ours = make_map([tp("a", "p1", "s1", "Orders online")], title="Bakery")
    theirs = make_map([tp("b", "p1", "s1", "Books a haircut")], title="Salon")
    warnings = compare_warnings(ours, theirs)
    assert any("no card in common" in w for w in warnings), warnings
    same = make_map([tp("a", "p1", "s1", "Orders by phone")], title="Bakery")
    assert not any("no card in common" in w for w in compare_warnings(ours, same))
