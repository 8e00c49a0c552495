"""File > Export PDF and Export Picture in the editor."""

import re
import subprocess

from PySide6.QtGui import QPixmap

from journeymapper.app.export_dialog import ExportPdfDialog
from journeymapper.canvas.snapshot import render_scene
from journeymapper.export.pdf import PdfOptions
from journeymapper.layout.map_layout import layout_map
from journeymapper.resources import example_map_path


def test_export_pdf_from_the_window(open_window, tmp_path):
    window = open_window(example_map_path())
    target = tmp_path / "bakery.pdf"
    report = window.export_pdf_to(target, PdfOptions(paper="A4", tiles="2x2"))
    assert report is not None and report.pages == 1 + 4 + report.detail_pages + 2 + report.action_pages + 1
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    assert "Corner bakery" in text and "row 2, column 2" in text
    assert window.errors == [], "no warnings for the example on a 2x2 A4 poster"


def test_export_errors_are_shown_and_leave_nothing(open_window, tmp_path):
    window = open_window(example_map_path())
    report = window.export_pdf_to(tmp_path / "missing" / "x.pdf", PdfOptions())
    assert report is None and window.errors and "does not exist" in window.errors[0][1]
    assert window.export_pdf_to(tmp_path / "y.pdf", PdfOptions(paper="B9")) is None
    assert not list(tmp_path.iterdir())


def test_export_picture_png_and_svg(open_window, tmp_path):
    window = open_window(example_map_path())
    assert window.export_picture_to(tmp_path / "map.png", dpi=72)
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert window.export_picture_to(tmp_path / "map.svg")
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Corner bakery" in svg


def test_dialog_previews_the_sheets_and_the_smallest_text(qtbot, qapp):
    from journeymapper.io import load_path

    the_map = load_path(example_map_path()).map
    layout = layout_map(the_map)
    dialog = ExportPdfDialog(layout, QPixmap(10, 10))
    qtbot.addWidget(dialog)
    assert "one sheet" in dialog.summary.text() and "6.0 pt" in dialog.summary.text()
    dialog.paper.setCurrentText("A4")
    assert "hard to read" in dialog.summary.text()
    dialog.tiles.setCurrentIndex(1)  # auto poster
    options = dialog.options()
    assert options.tiles == "auto" and options.paper == "A4"
    columns, rows = dialog.sheets()
    assert columns * rows > 1 and "hard to read" not in dialog.summary.text()
    dialog.tiles.setCurrentIndex(2)
    dialog.columns.setValue(3)
    dialog.rows.setValue(1)
    assert dialog.options().tiles == "3x1" and "3 x 1 = 3 sheets" in dialog.summary.text()
    assert render_scene is not None


def test_the_export_dialog_of_a_big_map_previews_its_outline_without_making_every_item(big_window, monkeypatch):
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QDialog

    scene = big_window.editor.scene
    made = len(scene.card_items)
    shown = {}

    def look(dialog) -> QDialog.DialogCode:
        shown["image"] = dialog.preview.picture.toImage()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ExportPdfDialog, "exec", look)
    big_window.export_pdf_dialog()
    assert scene.makes_items_in_parts and len(scene.card_items) == made  # no item was made for the preview
    image = shown["image"]
    layout = scene.layout
    assert abs(image.width() / image.height() - layout.width / layout.height) < 0.01
    # Every lane's cards are in the picture: the card colour at the middle of a card in each lane.
    k = image.width() / layout.width
    card = QColor(scene.style.palette.card)
    for lane in layout.lanes.values():
        box = layout.cards_in_lane(lane.id)[-1].rect
        pixel = image.pixelColor(round((box.x + box.w * 0.6) * k), round((lane.y + box.y + box.h / 2) * k))
        assert abs(pixel.red() - card.red()) + abs(pixel.green() - card.green()) + abs(pixel.blue() - card.blue()) < 30


def test_the_dialog_on_a_map_too_big_for_any_poster_asks_for_larger_paper(qtbot, qapp):
    from tests.benchmarks.bigmap import big_map

    dialog = ExportPdfDialog(layout_map(big_map(1200, 1800, 4, 3)), QPixmap(10, 10))  # tall and narrow
    qtbot.addWidget(dialog)
    dialog.tiles.setCurrentIndex(1)  # auto poster
    columns, rows = dialog.sheets()
    assert columns < rows  # a column of sheets for a tall map
    assert "hard to read: choose larger paper" in dialog.summary.text()
    dialog.tiles.setCurrentIndex(0)
    assert "choose a poster or larger paper" in dialog.summary.text()


def test_the_dialog_plans_as_the_export_does_turning_the_sheet_and_skipping_blank_ones(qtbot, qapp, tmp_path):
    from journeymapper.export.pdf import export_pdf
    from tests.check.builders import make_map, tp

    personas = tuple(f"p{k}" for k in range(6))
    tall = make_map([tp(f"t{p}{k}", p, f"s{k % 2 + 1}", f"Card {k}") for p in personas for k in range(3)], [],
                    personas=personas, stages=("s1", "s2"))
    dialog = ExportPdfDialog(layout_map(tall), QPixmap(10, 10), the_map=tall)
    qtbot.addWidget(dialog)
    dialog.paper.setCurrentText("A4")
    assert dialog.options().orientation == "auto" and "portrait" in dialog.summary.text()
    report = export_pdf(tall, tmp_path / "tall.pdf", dialog.options())
    shown = float(re.search(r"at ([\d.]+) pt", dialog.summary.text()).group(1))
    assert report.orientation == "portrait" and abs(shown - report.smallest_text) <= 0.051
    dialog.orientation.setCurrentText("portrait")
    dialog.tiles.setCurrentIndex(2)
    dialog.columns.setValue(3)
    dialog.rows.setValue(1)  # a tall map on three sheets side by side: the outer ones are blank
    assert "3 x 1 = 3 sheets (2 blank, not printed)" in dialog.summary.text()
    dialog.preview.grab()  # (the preview paints the plan)
