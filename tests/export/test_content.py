"""What is on the paper: every name and title of the map, the title block, legend, persona pages, appendix."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date

import pytest

from journeymapper import __version__
from journeymapper.check import check_map
from tests.check.builders import fl, make_map, tp

from .conftest import TODAY, export
from .pdftools import flat, info, page_count, page_text, qdf, text, word_boxes


def words_in_order(needle: str, haystack: str) -> bool:
    """`needle` appears in `haystack` as the same words in the same order, wrapped or not."""
    return flat(needle) in flat(haystack)


def test_the_map_page_has_every_title_stage_and_persona(example_a3):
    the_map = example_a3.map
    page = page_text(example_a3.path, 1)
    assert words_in_order(the_map.title, page)
    for stage in the_map.stages:
        assert words_in_order(stage.name, page), stage.name
    for persona in the_map.personas:
        assert words_in_order(persona.name, page), persona.name
    missing = [t.title for t in the_map.touchpoints if not words_in_order(t.title, page)]
    assert missing == []


def test_the_title_block_has_owner_review_date_and_page_number(example_a3):
    page = flat(page_text(example_a3.path, 1))
    total = example_a3.report.pages
    assert f"Owner: {example_a3.map.owner}" in page
    assert f"Review by: {example_a3.map.review_by.isoformat()}" in page
    assert f"Printed {TODAY.isoformat()}" in page
    assert f"Page 1 of {total}" in page


def test_every_page_says_which_page_of_how_many(example_a3, example_poster):
    for exported in (example_a3, example_poster):
        total = page_count(exported.path)
        assert exported.report.pages == total
        for number in range(1, total + 1):
            assert f"page {number} of {total}" in flat(page_text(exported.path, number)).lower(), number


def test_the_legend_explains_evidence_and_flow_kinds(example_a3, example_poster):
    for page in (page_text(example_a3.path, 1), page_text(example_poster.path, 3)):
        for word in ("Emotion", "Evidence", "Assumed", "Anecdotal", "Validated", "Next", "Alternative",
                     "Loop back"):
            assert word in page, word


def test_each_persona_has_a_page_with_its_profile(example_a3):
    for number, persona in enumerate(example_a3.map.personas, start=2 + example_a3.report.detail_pages):
        page = page_text(example_a3.path, number)
        assert words_in_order(persona.name, page)
        assert words_in_order(persona.segment, page)
        for heading in ("Goals", "Needs", "Frustrations", "In this map"):
            assert heading in page
        for item in (*persona.goals, *persona.needs, *persona.frustrations):
            assert words_in_order(item, page), item
        cards = sum(t.persona == persona.id for t in example_a3.map.touchpoints)
        assert f"{cards} touchpoints across" in flat(page)


def test_the_appendix_of_a_clean_map_says_so(example_a3):
    last = page_text(example_a3.path, example_a3.report.pages)
    assert "Checker findings" in last
    assert "The checker found no problems in this map." in flat(last)


def test_the_appendix_lists_a_dead_end(tmp_path):
    flawed = make_map(
        [tp("a", "p1", "s1", "Sees an ad"), tp("b", "p1", "s2", "Opens the shop website"),
         tp("c", "p1", "s3", "Gives up at the address form"), tp("d", "p1", "s4", "Gets the parcel")],
        [fl("f1", "a", "b"), fl("f2", "b", "c")],
    )
    problems = check_map(flawed, TODAY)
    dead_ends = [p for p in problems if p.code == "JM006"]
    assert dead_ends, problems
    exported = export(flawed, tmp_path / "flawed.pdf")
    last = page_text(exported.path, exported.report.pages)
    assert "Checker findings" in last
    for problem in problems:
        assert f"{problem.severity.upper()} {problem.code}" in flat(last)
        assert words_in_order(problem.message, last), problem.message
    assert "dead end" in flat(last)
    assert "About: \u201cGives up at the address form\u201d (Stage s3 / Persona p1)" in flat(last)
    # Each finding's number is on its card: the dead end's on "Gives up at the address form".
    number = next(n for n, p in enumerate(problems, 1) if p.code == "JM006")
    boxes = word_boxes(exported.path, 1)
    gives = next(box for box in boxes if box[0] == "Gives")
    marks = [box for box in boxes if box[0] == str(number)]
    assert any(abs(x1 - gives[1]) < 20 and abs(y0 - gives[2]) < 20 for _, x0, y0, x1, y1 in marks), (gives, marks)


def test_no_appendix_leaves_the_findings_out(tmp_path, example_map):
    exported = export(example_map, tmp_path / "plain.pdf", appendix=False)
    report = exported.report
    assert report.pages == 1 + report.detail_pages + len(example_map.personas) + report.action_pages
    assert "Checker findings" not in text(exported.path) and "Insights" not in text(exported.path)


def test_the_document_properties_name_the_map(example_a3):
    fields = info(example_a3.path)
    assert fields["Title"] == example_a3.map.title
    assert fields["Author"] == example_a3.map.owner
    assert fields["Subject"] == "Customer journey map"
    assert fields["Creator"].startswith("journeymapper")
    assert __version__ in fields["Creator"]


def test_a_map_without_owner_or_review_date_still_has_a_title_block(tmp_path):
    bare = make_map([tp("a", "p1", "s1", "Only card")], title="Bare map")
    exported = export(bare, tmp_path / "bare.pdf")
    page = flat(page_text(exported.path, 1))
    assert "Bare map" in page and "Review by: —" in page and "Owner: —" in page
    assert info(exported.path)["Title"] == "Bare map"


def test_the_same_map_gives_the_same_bytes_with_source_date_epoch(tmp_path, example_map, monkeypatch):
    """SOURCE_DATE_EPOCH fixes the file's dates and ids, so a PDF can be rebuilt, compared or cached."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    first = export(example_map, tmp_path / "one.pdf", appendix=False)
    second = export(example_map, tmp_path / "two.pdf", appendix=False)
    assert first.path.read_bytes() == second.path.read_bytes()


def _long_findings_map():
    """80 cards in one cell and flows between every second pair: well over a page of findings."""
    cards = [tp(f"c{i}", "p1", "s1", f"Card {i}", channel=None, emotion=None) for i in range(80)]
    flows = [fl(f"f{i}", f"c{i}", f"c{i + 1}") for i in range(0, 79, 2)]
    return make_map(cards, flows)


def _long_persona_map():
    """A persona with 50 long goals: its profile needs more than one page."""
    goals = [f"Goal {n}: " + "get the order right the first time without calling the shop " * 7 for n in range(50)]
    base = make_map([tp("a", "p1", "s1", "Only card")])
    persona = base.personas[0].model_copy(update={"goals": goals})
    return base.model_copy(update={"personas": [persona]})


@pytest.mark.parametrize("which", ["appendix", "persona"])
def test_pages_that_overflow_are_counted_and_numbered(tmp_path, which):
    the_map = _long_findings_map() if which == "appendix" else _long_persona_map()
    exported = export(the_map, tmp_path / "long.pdf", tiles="1x1")
    total = page_count(exported.path)
    assert total > 3  # the case this test is about: more than one page of findings or profile
    assert exported.report.pages == total
    for number in range(1, total + 1):
        assert f"page {number} of {total}" in flat(page_text(exported.path, number)).lower(), number


def _colours(data: bytes) -> set[tuple[float, float, float]]:
    return {(float(r), float(g), float(b))
            for r, g, b in re.findall(rb"(?<![\d.])([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b", data)}


def test_grayscale_prints_in_shades_of_grey_only(tmp_path, example_map, example_poster):
    grey = export(example_map, tmp_path / "grey.pdf", paper="A4", tiles="2x2", grayscale=True)
    assert grey.report.pages == example_poster.report.pages
    colours = _colours(qdf(grey.path, tmp_path))
    assert len(colours) > 5
    assert all(r == g == b for r, g, b in colours), sorted(c for c in colours if len(set(c)) > 1)[:5]
    assert any(len(set(c)) > 1 for c in _colours(qdf(example_poster.path, tmp_path)))  # the colour one has colour
    # The same words, and in greys each point of the emotion curve says its value.
    grey_words, colour_words = flat(page_text(grey.path, 2)).split(), flat(page_text(example_poster.path, 2)).split()
    values = {"\u22122", "\u22121", "0", "+1", "+2"}
    assert [w for w in grey_words if w not in values] == [w for w in colour_words if w not in values]
    assert len([w for w in grey_words if w in values]) > len([w for w in colour_words if w in values])


@pytest.mark.parametrize("personas, stages", [((), ()), (("p1",), ()), ((), ("s1", "s2"))])
@pytest.mark.parametrize("tiles", ["1x1", "auto", "2x2"])
def test_an_empty_map_still_exports(tmp_path, personas, stages, tiles):
    empty = make_map([], personas=personas, stages=stages, title="Nothing yet")
    exported = export(empty, tmp_path / "empty.pdf", tiles=tiles)
    assert exported.report.pages == page_count(exported.path)
    assert "Nothing yet" in page_text(exported.path, 1)
    assert "The checker found no problems" in flat(page_text(exported.path, exported.report.pages)) or \
        "Checker findings" in page_text(exported.path, exported.report.pages)


def test_the_file_is_dated_when_it_was_made(tmp_path, example_map, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    exported = export(example_map, tmp_path / "now.pdf", appendix=False)
    assert str(date.today().year) in info(exported.path)["CreationDate"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    exported = export(example_map, tmp_path / "then.pdf", appendix=False)
    assert "2026" in info(exported.path)["CreationDate"] and "Jan  1" in info(exported.path)["CreationDate"]


def test_every_page_names_its_map_file_and_page(tmp_path, example_map):
    exported = export(example_map, tmp_path / "traced.pdf", tiles="2x1", source_name="bakery.jmap")
    total = exported.report.pages
    modified = example_map.modified.date().isoformat()
    for page in range(1, total + 1):
        found = flat(page_text(exported.path, page))
        assert f"page {page} of {total}" in found, page
        assert example_map.title in found and "bakery.jmap" in found and f"modified {modified}" in found, page


def test_bookmarks_lead_to_the_map_its_sheets_and_the_pages_after_it(tmp_path, example_map):
    exported = export(example_map, tmp_path / "marked.pdf", tiles="2x1")
    outline = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", str(exported.path)],
                                        capture_output=True, text=True, check=True).stdout)["outlines"]

    def titles(entries):
        for entry in entries:
            yield entry["title"], entry["destpageposfrom1"]
            yield from titles(entry["kids"])

    marks = dict(titles(outline))
    assert marks["Map"] == 1 and marks["How the sheets go together"] == 1 and marks["Sheet: row 1, column 2"] == 3
    assert marks["Details"] == 4
    for persona in example_map.personas:
        assert marks[f"Persona: {persona.name}"] > 4
    assert marks["Checker findings"] == exported.report.pages


def test_a_persona_with_nothing_to_say_gets_no_page(tmp_path, example_map):
    from journeymapper.model.schema import Persona

    before = export(example_map, tmp_path / "before.pdf")
    quiet = Persona(id="nobody", name="Walk-in tourist")
    talkative = Persona(id="someone", name="Wedding planner", goals=["A cake for 120 guests"])
    the_map = example_map.model_copy(update={"personas": [*example_map.personas, quiet, talkative]})
    after = export(the_map, tmp_path / "after.pdf")
    assert after.report.pages == before.report.pages + 1
    pages = [flat(page_text(after.path, page)) for page in range(2, after.report.pages + 1)]
    assert any("A cake for 120 guests" in page for page in pages)
    assert not any(page.startswith("Walk-in tourist") for page in pages)


def test_the_flow_labels_in_full_and_the_findings_share_pages(tmp_path):
    """A short section after the map takes no page of its own: the findings follow the flow labels."""
    label = "Asks whether the roses can be delivered before the dinner on Friday evening"
    the_map = make_map([tp("a", "p1", "s1", "Sees roses"), tp("b", "p1", "s2", "Orders")],
                       [fl("f1", "a", "b", label=label)])
    exported = export(the_map, tmp_path / "short.pdf")
    last = flat(page_text(exported.path, exported.report.pages))
    assert "Flow labels in full" in last and "Checker findings" in last and label in last
