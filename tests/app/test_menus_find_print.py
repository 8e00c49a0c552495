"""Right-click menus, Find, File > Print and Save as Template, used as a person uses them: a real
right-click on the canvas, keys in the find bar, a print to a PDF printer, a template offered again
on the start page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMenu

from journeymapper.model.search import find, found_elements
from journeymapper.resources import example_map_path

from .test_gestures import card_center, empty_spot, flow_point, settle, stage_header_center, vp
from .test_keyboard import activate


def right_click(window, scene_point: QPointF) -> QMenu:
    """A right-click at a scene point, as the mouse sends it; the menu it opens."""
    view = window.view()
    at = vp(window, scene_point)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, view.viewport().mapToGlobal(at))
    QApplication.sendEvent(view.viewport(), event)
    menu = window.last_context_menu
    assert menu is not None and menu.isVisible()
    return menu


def entries(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def submenu(menu: QMenu, title: str) -> QMenu:
    return next(a.menu() for a in menu.actions() if a.menu() is not None and a.text() == title)


@pytest.fixture
def bakery(open_window):
    window = open_window(example_map_path())
    window.view().zoom_fit()
    QApplication.processEvents()
    return window


# -- right-click menus ------------------------------------------------------------------------------------------
def test_a_cards_menu_sets_its_feeling_in_one_step(qtbot, bakery):
    window = bakery
    card = "t-parent-gallery"
    menu = right_click(window, card_center(window, card))
    assert window.selected_ids() == [card]
    assert {"Rename", "Add Touchpoint", "Delete", "Duplicate", "Feeling", "Evidence"} <= set(entries(menu))
    feelings = submenu(menu, "Feeling")
    before = window.undo_stack().count()
    next(a for a in feelings.actions() if a.text().startswith("−2")).trigger()
    menu.close()
    assert window.document().get(card).emotion == -2
    assert window.undo_stack().count() == before + 1
    window.undo_stack().undo()
    assert window.document().get(card).emotion != -2


def test_a_flows_menu_changes_its_kind(qtbot, bakery):
    window = bakery
    flow = next(f for f in window.document().flows if f.kind == "next")
    menu = right_click(window, flow_point(window, flow.id))
    assert window.selected_ids() == [flow.id]
    assert "Edit Label" in entries(menu) and "Delete" in entries(menu)
    kinds = submenu(menu, "Kind of Flow")
    next(a for a in kinds.actions() if a.text() == "Alternative").trigger()
    menu.close()
    assert window.document().get(flow.id).kind == "alternative"


def test_a_stage_headers_menu_moves_the_stage(qtbot, bakery):
    window = bakery
    stage = window.document().stages[1].id
    menu = right_click(window, stage_header_center(window, stage))
    assert {"Rename", "Add Stage", "Move Left", "Move Right", "Delete"} <= set(entries(menu))
    next(a for a in menu.actions() if a.text() == "Move Left").trigger()
    menu.close()
    assert window.document().stages[0].id == stage


def test_an_empty_cell_offers_a_new_card_there(qtbot, bakery):
    window = bakery
    doc = window.document()
    from journeymapper.canvas.gestures import element_at

    # An empty spot of a cell with nothing near it (no card, no flow within a few pixels).
    persona, stage, spot = next((p.id, st.id, empty_spot(window, p.id, st.id)) for p in doc.personas
                                for st in doc.stages
                                if element_at(window.editor.scene, empty_spot(window, p.id, st.id),
                                              window.view().zoom()) is None)
    menu = right_click(window, spot)
    here = next(a for a in menu.actions() if a.text() == "Add Touchpoint Here")
    count = len(doc.touchpoints_in(persona, stage))
    here.trigger()
    menu.close()
    settle(qtbot)
    assert len(doc.touchpoints_in(persona, stage)) == count + 1


def test_right_click_inside_a_selection_keeps_it(qtbot, bakery):
    window = bakery
    cards = ["t-parent-gallery", "t-parent-reviews"]
    window.editor.scene.select_only(cards)
    menu = right_click(window, card_center(window, cards[0]))
    assert sorted(window.selected_ids()) == sorted(cards)
    assert "Connect Two Touchpoints" in entries(menu)
    menu.close()


# -- Find ----------------------------------------------------------------------------------------------------------
def test_search_reads_every_text_in_the_maps_order(bakery):
    the_map = bakery.document().map
    pains = [(t.id, p.text) for t in the_map.touchpoints for p in t.pain_points]
    card, pain = pains[0]
    word = pain.split()[-1]
    matches = find(the_map, word.upper())
    assert any(m.element_id == card and m.where.startswith("pain point") for m in matches)
    assert find(the_map, "   ") == []
    two_words = " ".join(the_map.touchpoints[0].title.split()[:2])
    assert the_map.touchpoints[0].id in found_elements(find(the_map, two_words.replace(" ", "\n  ")))
    stage_ids = [s.id for s in the_map.stages]
    found = found_elements(find(the_map, "e"))
    stages_found = [i for i in found if i in stage_ids]
    assert stages_found == [s for s in stage_ids if s in stages_found]  # stages first, left to right
    assert found.index(stages_found[-1]) < found.index(the_map.touchpoints[0].id)


def test_ctrl_f_finds_and_shows_each_match_in_turn(qtbot, bakery):
    window = bakery
    activate(qtbot, window)
    window.view().setFocus()
    qtbot.keyClick(window.view(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "cake")
    expected = found_elements(find(window.document().map, "cake"))
    assert len(expected) >= 2 and bar.elements == expected
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert window.selected_ids() == [expected[0]] and bar.count.text().startswith(f"1 of {len(expected)}")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert window.selected_ids() == [expected[1]]
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.selected_ids() == [expected[0]]
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    qtbot.keyClick(window.view(), Qt.Key.Key_F3)  # (F3 with the bar closed opens it again, on the next match)
    assert bar.isVisible() and window.selected_ids() == [expected[1]]


def test_find_shows_a_card_far_away_on_a_big_map(qtbot, open_window, tmp_path):
    from journeymapper.io import save
    from tests.benchmarks.bigmap import big_map

    path = tmp_path / "big.jmap"
    save(path, big_map(1200, 2400, 4, 6))
    window = open_window(path)
    last = window.document().touchpoints[-1]
    window.show_find()
    window.find_bar.field.setText(last.title)
    window.find_step(1)
    settle(qtbot)
    assert window.selected_ids() == [last.id]
    view = window.view()
    item = window.item_for(last.id)
    assert item is not None
    assert view.mapToScene(view.viewport().rect()).boundingRect().intersects(item.sceneBoundingRect())


# -- printing and templates -------------------------------------------------------------------------------------
def test_print_sends_the_pdfs_pages_to_the_printer(qtbot, bakery, tmp_path):
    from journeymapper.export.pdf import PdfOptions, export_pdf

    from tests.export.pdftools import page_count, run

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(100)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    sent = bakery.print_to(printer)
    report = export_pdf(bakery.document().map, tmp_path / "same.pdf", PdfOptions(paper="A4"))
    assert sent == report.pages == page_count(out)
    run("pdftoppm", "-r", "20", "-f", "1", "-l", "1", "-gray", "-singlefile", out, tmp_path / "page")
    pixels = (tmp_path / "page.pgm").read_bytes()[-20000:]  # (past the PGM header)
    assert sum(1 for b in pixels if b < 230) > 0.05 * len(pixels)  # the map on the page, not a blank sheet


def test_a_map_kept_as_a_template_is_offered_on_the_start_page(qtbot, bakery, open_window):
    bakery.ask_template_name = lambda title: ("Our bakery journey", True)
    path = bakery.save_as_template()
    assert path is not None and Path(path).is_file()
    start = open_window(None)
    names = [start.start_page.templates.item(i).text() for i in range(start.start_page.templates.count())]
    assert names[0].startswith("Our bakery journey  (yours)")
    start.new_from_template(path)
    assert [s.name for s in start.document().stages] == [s.name for s in bakery.document().stages]
    assert start.document().map.id != bakery.document().map.id
    Path(path).unlink()


def test_context_menu_at_the_overview_zoom_finds_the_card(qtbot, open_window, tmp_path):
    """Zoomed out to see a big map whole, a right-click on a card still finds it."""
    from journeymapper.io import save
    from tests.benchmarks.bigmap import big_map

    path = tmp_path / "big.jmap"
    save(path, big_map())
    window = open_window(path)
    window.view().zoom_fit()
    settle(qtbot)
    layout = window.editor.scene.layout
    card = list(layout.cards)[-1]
    r = layout.card_rect(card)
    menu = right_click(window, QPointF(r.x + r.w / 2, r.y + r.h / 2))
    assert window.selected_ids() == [card] and "Rename" in entries(menu)
    menu.close()
