"""The chart of a persona's feelings today and in the plan: a column per stage of either map, each line
through the persona's average feeling per stage, told apart by dashes and marks and named in words."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from journeymapper.io import load_path
from journeymapper.layout.emotion_compare import emotion_chart, stage_feelings, stage_order
from journeymapper.layout.text import text_width
from journeymapper.model.document import Document
from journeymapper.model.future_state import make_future_state
from journeymapper.model.schema import Stage, Touchpoint
from journeymapper.resources import example_map_path

NOW = datetime(2026, 12, 7, tzinfo=timezone.utc)


@pytest.fixture
def pair():
    current = load_path(example_map_path()).map
    doc = Document(make_future_state(current, NOW))
    persona = doc.personas[0].id
    card = next(t for t in doc.touchpoints if t.persona == persona and t.emotion is not None and t.emotion < 2)
    doc.set_field(card.id, "emotion", 2)
    doc.remove_stage(doc.stages[-1].id, cascade=True)
    doc.add_stage(Stage(id="s-chat", name="Chat with us"), 1)
    doc.add_touchpoint(Touchpoint(id="c-chat", persona=persona, stage="s-chat", title="Asks in chat", emotion=-2))
    return current, doc.map, persona, card


def test_every_stage_of_either_map_has_a_column_in_the_plans_order(pair):
    current, future, persona, _card = pair
    order = stage_order(current, future)
    assert order == [future.stages[0].id, "s-chat", *[s.id for s in future.stages[2:]], current.stages[-1].id]
    chart = emotion_chart(current, future, persona, 600, 240)
    assert [c.stage_id for c in chart.columns] == order
    only = {c.stage_id: c.only_in for c in chart.columns}
    assert only["s-chat"] == "future" and only[current.stages[-1].id] == "current"
    assert list(only.values()).count("") == len(order) - 2
    xs = [c.x for c in chart.columns]
    assert xs == sorted(xs) and chart.plot.x < xs[0] and xs[-1] < chart.plot.right


def test_each_line_goes_through_the_average_feeling_of_its_map(pair):
    current, future, persona, card = pair
    chart = emotion_chart(current, future, persona, 600, 240)
    today, plan = chart.lines
    assert (today.side, today.dashed, today.filled) == ("current", True, False)
    assert (plan.side, plan.dashed, plan.filled) == ("future", False, True)
    assert {s: v for s, _, v in today.points} == stage_feelings(current, persona)
    assert {s: v for s, _, v in plan.points} == stage_feelings(future, persona)
    level_y = {value: y for value, y, _ in chart.levels}
    for stage_id, point, value in plan.points:
        assert point.y == pytest.approx(level_y[0] - value * (level_y[0] - level_y[1]))
    before, after = {s: p.y for s, p, _ in today.points}, {s: p.y for s, p, _ in plan.points}
    assert after[card.stage] < before[card.stage]  # (felt better in the plan: higher on the chart)
    assert after["s-chat"] == level_y[-2] and "s-chat" not in before
    assert current.stages[-1].id in before and current.stages[-1].id not in after


def test_the_legend_names_both_lines_in_words_and_every_word_fits(pair):
    current, future, persona, _card = pair
    chart = emotion_chart(current, future, persona, 420, 220, ("Today", "Planned"))
    assert [(e.side, e.text.lines) for e in chart.legend] == [("current", ("Today",)), ("future", ("Planned",))]
    assert chart.legend[0].text.x + text_width("Today", chart.legend[0].text.size) < chart.legend[1].start.x
    assert chart.heading.lines == (next(p.name for p in future.personas if p.id == persona),)
    width = chart.plot.w / len(chart.columns)
    for column in chart.columns:
        assert 1 <= len(column.lines) <= 2
        for block in column.lines:
            assert text_width(block.lines[0], block.size) <= width
            assert block.y >= chart.plot.bottom and block.y + block.line_height <= chart.height
    assert any(c.lines[-1].lines[0].endswith("(new)") for c in chart.columns)


def test_a_narrow_column_cuts_a_long_word_instead_of_breaking_it(pair):
    current, future, persona, _card = pair
    chart = emotion_chart(current, future, persona, 260, 220)
    names = {s.id: s.name for s in [*current.stages, *future.stages]}
    for column in chart.columns:
        shown = " ".join(block.lines[0] for block in column.lines).split()
        for word, typed in zip(shown, names[column.stage_id].split()):
            assert word == typed or word.endswith("…") and typed.startswith(word[:-1]), (word, typed)
