"""The PDF's insights: printed with the appendix, first of the notes and before the checker's findings,
bookmarked, each line followed by where to find what it is about on the printed map."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date

from journeymapper.export.insights_page import PRINTED_PER_KIND
from journeymapper.model.insights import insights
from tests.check.plan_builders import card, kpi, opp, pain, plan_map

from .conftest import export
from .pdftools import flat, page_count, page_text, text

TODAY = date(2026, 12, 7)


def _plan():
    """Two lanes, three stages: a late action, a serious pain nobody answers, a stage far off target."""
    stages = [{"id": "s1", "name": "Looking"},
              {"id": "s2", "name": "Buying", "kpis": [kpi("s2.k1", "Conversion", 3.5, ("2026-12-01", 1.5), unit="%")]},
              {"id": "s3", "name": "Coming back"}]
    return plan_map([
        card("a", "p1", "s1", "Sees <b>an</b> ad", emotion=1, evidence="assumed"),
        card("b", "p1", "s2", "Pays online", emotion=-2, notes="Card declined twice last week",
             pain_points=[pain("b.p1", "Card times out"), pain("b.p2", "No receipt", severity="low")],
             opportunities=[opp("b.o1", "Guest checkout", status="planned", due="2026-11-01", owner="Jo",
                                addresses=["b.p2"])]),
        card("c", "p2", "s3", "Comes back", emotion=0),
    ], stages=stages, personas=("p1", "p2"))


def _outline(path) -> list[tuple[str, int]]:
    outline = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", str(path)], capture_output=True,
                                        text=True, check=True).stdout)["outlines"]

    def titles(entries):
        for entry in entries:
            yield entry["title"], entry["destpageposfrom1"]
            yield from titles(entry["kids"])

    return list(titles(outline))


def test_the_insights_come_before_the_findings_with_where_to_find_them(tmp_path) -> None:
    the_map = _plan()
    exported = export(the_map, tmp_path / "plan.pdf", paper="A4", today=TODAY)
    pages = page_count(exported.path)
    marks = _outline(exported.path)
    names = [title for title, _ in marks]
    assert names.index("Insights") < names.index("Checker findings")
    page = dict(marks)["Insights"]
    printed = flat(text(exported.path, page, pages))
    start, findings = printed.index("Insights"), printed.index("Checker findings")
    assert start < findings
    said = printed[start:findings]
    lines = insights(the_map, TODAY)
    assert {line.kind for line in lines} >= {"low_point", "serious_pain", "overdue", "stage_kpis", "evidence"}
    at = [said.index(" ".join(line.text.split())) for line in lines]
    assert at == sorted(at), "in the order of their kinds"
    for heading in ("Lowest moments", "Serious pains nobody is working on", "Late actions", "Stage figures",
                    "Evidence"):
        assert heading in said
    # The card with a details entry is found by the reference printed on it; the others by stage and lane.
    ref = re.search(r"Late actions .*?On the map: ([A-Z]+\d+)", said).group(1)
    assert ref.startswith("B") and ref in page_text(exported.path, 1).split()
    assert "On the map: stage A, Persona p1" in said
    assert "On the map: stage B" in said  # the stage far off target


def test_a_title_prints_as_typed(tmp_path) -> None:
    exported = export(_plan(), tmp_path / "typed.pdf", paper="A4", today=TODAY)
    assert "Sees <b>an</b> ad" in flat(text(exported.path))


def test_without_the_appendix_there_are_no_insights(tmp_path) -> None:
    with_them = export(_plan(), tmp_path / "with.pdf", paper="A4", today=TODAY)
    without = export(_plan(), tmp_path / "without.pdf", paper="A4", today=TODAY, appendix=False)
    assert "Insights" in [title for title, _ in _outline(with_them.path)]
    assert "Insights" not in [title for title, _ in _outline(without.path)]
    assert "Lowest moment" not in flat(text(without.path))


def test_a_long_kind_is_cut_and_counted_and_the_pages_are_counted_right(tmp_path) -> None:
    many = PRINTED_PER_KIND + 5
    cards = [card(f"t{n}", "p1", f"s{n % 3 + 1}", f"Step {n}", pain_points=[pain(f"t{n}.p1", f"Pain number {n}")],
                  opportunities=[opp(f"t{n}.o1", status="dropped")]) for n in range(many)]
    exported = export(plan_map(cards), tmp_path / "long.pdf", paper="A4", today=TODAY)
    printed = flat(text(exported.path))
    said = printed[printed.index("Serious pains nobody is working on"):printed.index("Checker findings")]
    assert f"“Pain number {PRINTED_PER_KIND - 1}”" in said and f"“Pain number {PRINTED_PER_KIND}”" not in said
    assert "… and 5 more" in said
    total = page_count(exported.path)
    assert exported.report.pages == total
    assert f"page {total} of {total}" in flat(page_text(exported.path, total))
