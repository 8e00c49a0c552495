"""The PDF's action list: every action's text, owner and due date printed (read back with pdftotext), open
ones first, overdue ones said in words, a long list over several pages, a Japanese map in its own script,
no page for a map of bare ideas."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from journeymapper.export.action_pages import action_list
from journeymapper.i18n import words
from journeymapper.model.schema import Map

from .conftest import TODAY, export
from .pdftools import flat, page_count, page_text, run
from .test_fonts import DROID


def planned_map(cards: list[dict], title: str = "Shop", language: str = "") -> Map:
    return Map.model_validate({
        "id": "m", "title": title, "language": language,
        "created": "2026-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
        "personas": [{"id": "p1", "name": "Parent"}, {"id": "p2", "name": "Office"}],
        "stages": [{"id": "s1", "name": "Find"}, {"id": "s2", "name": "Buy"}],
        "touchpoints": cards,
    })


def card(card_id: str, stage: str, opportunities: list[dict], persona: str = "p1", **fields) -> dict:
    return {"id": card_id, "persona": persona, "stage": stage, "title": fields.pop("title", f"Card {card_id}"),
            "opportunities": opportunities, **fields}


def small_map() -> Map:
    return planned_map([
        card("a", "s1", [
            {"id": "a.o1", "text": "Answer every review within a day", "priority": "high", "status": "done",
             "owner": "Mia", "due": "2026-11-01", "effort": "low"},
            {"id": "a.o2", "text": "Put prices on the website", "priority": "high", "status": "planned",
             "owner": "Tom Baker", "due": "2026-11-20", "effort": "medium", "addresses": ["b.p1"]},
        ]),
        card("b", "s2", [
            {"id": "b.o1", "text": "Take card payments at the door", "priority": "medium", "status": "in_progress",
             "owner": "Sam", "due": "2027-02-01"},
            {"id": "b.o2", "text": "Try a loyalty card", "priority": "low"},
        ], pain_points=[{"id": "b.p1", "text": "Nobody knows the prices", "severity": "high"}],
            notes="A card with notes has a printed reference"),
    ])


def action_pages(exported, language: str | None = None) -> list[int]:
    """The pages of the action list (the heading on the first, 'continued' on the others)."""
    tr = words(language)
    pages = []
    for page in range(1, exported.report.pages + 1):
        lines = page_text(exported.path, page).splitlines()
        if lines and lines[0] in (tr("Actions"), tr("Actions (continued)")):
            pages.append(page)
    return pages


def test_every_actions_text_owner_and_due_date_is_printed(tmp_path: Path):
    the_map = small_map()
    exported = export(the_map, tmp_path / "actions.pdf")
    [page] = action_pages(exported)
    printed = flat(page_text(exported.path, page))
    for t in the_map.touchpoints:
        for o in t.opportunities:
            assert o.text in printed, o.text
            if o.owner:
                assert o.owner in printed
            if o.due:
                assert o.due.isoformat() in printed
    # Open ones first (overdue at the top), the done one in its own part at the end
    order = [printed.index(text) for text in ("Put prices on the website", "Take card payments at the door",
                                              "Try a loyalty card", "Done or dropped",
                                              "Answer every review within a day")]
    assert order == sorted(order)
    # Overdue in words, on the overdue action's row (not the done one's, though its date is past too)
    assert printed.count("Overdue") == 1
    assert printed.index("Overdue") < printed.index("Take card payments at the door")
    assert "3 open actions, 1 overdue, 1 done" in printed
    assert "Answers: Nobody knows the prices" in printed


def test_a_card_is_named_by_its_printed_reference(tmp_path: Path):
    exported = export(small_map(), tmp_path / "refs.pdf")
    [page] = action_pages(exported)
    printed = flat(page_text(exported.path, page))
    assert "B1 Card b" in printed  # b has notes: the details list it as B1, and the map prints B1 on it
    assert "A Find · Parent" in printed and "B Buy · Parent" in printed
    outline = json.loads(run("qpdf", "--json", "--json-key=outlines", exported.path).stdout)["outlines"]
    assert ("Actions", page) in [(entry["title"], entry["destpageposfrom1"]) for entry in outline]


def test_a_long_list_runs_over_several_pages_and_misses_nothing(tmp_path: Path):
    start = date(2027, 1, 1)
    cards = []
    for k in range(6):  # 6 cards x 40 actions
        opportunities = [{"id": f"c{k}.o{j}", "text": f"Action number {k * 40 + j} to try in the shop",
                          "owner": f"Person {k}-{j % 7}", "status": "planned",
                          "due": (start + timedelta(days=k * 40 + j)).isoformat()} for j in range(40)]
        cards.append(card(f"c{k}", "s1" if k % 2 else "s2", opportunities, persona="p1" if k < 3 else "p2"))
    the_map = planned_map(cards)
    exported = export(the_map, tmp_path / "long.pdf", paper="A4", appendix=False)
    pages = action_pages(exported)
    assert len(pages) >= 4 and pages == list(range(pages[0], pages[0] + len(pages)))
    assert exported.report.pages == page_count(exported.path) == pages[-1]
    printed = flat(" ".join(page_text(exported.path, page) for page in pages))
    for t in the_map.touchpoints:
        for o in t.opportunities:
            assert f"{o.text} " in printed + " " and o.owner in printed and o.due.isoformat() in printed, o.id
    dates = [o.due.isoformat() for t in the_map.touchpoints for o in t.opportunities]
    assert [printed.index(d) for d in sorted(dates)] == sorted(printed.index(d) for d in dates)  # by date
    for page in pages[1:]:
        assert "What Who By when Status Card" in flat(page_text(exported.path, page))  # the header again


@pytest.mark.skipif(not DROID.exists(), reason="needs fonts-droid-fallback")
def test_a_japanese_map_prints_its_actions_in_its_own_script(tmp_path: Path):
    texts = ["予約フォームに価格を表示する", "受け取り専用の棚を入口に置く"]
    owners = ["佐藤", "田中 花子"]
    the_map = planned_map([card("a", "s1", [
        {"id": f"a.o{k}", "text": text, "owner": owner, "status": "planned", "due": f"2027-0{k + 1}-15"}
        for k, (text, owner) in enumerate(zip(texts, owners))], title="店頭で受け取る")],
        title="ケーキの注文", language="ja")
    exported = export(the_map, tmp_path / "ja.pdf", language="ja")
    assert not exported.report.warnings
    [page] = action_pages(exported, "ja")
    printed = "".join(page_text(exported.path, page).split())  # (CJK wraps between letters)
    for text in texts + [owner.replace(" ", "") for owner in owners] + ["2027/01/15", "2027/02/15", "店頭で受け取る"]:  # (dates as Japanese write them)
        assert text in printed, text


def test_a_map_of_bare_ideas_gets_no_action_page(tmp_path: Path):
    bare = planned_map([card("a", "s1", [{"id": "a.o1", "text": "Try a loyalty card"}])])
    assert action_list(bare, TODAY, {}) is None
    exported = export(bare, tmp_path / "bare.pdf")
    assert action_pages(exported) == []
    assert "By when" not in flat(run("pdftotext", exported.path, "-").stdout)
    planned = action_list(small_map(), TODAY, {"b": "B1"})
    assert planned is not None and planned.rows[0].id == "a.o2"  # the overdue one first
