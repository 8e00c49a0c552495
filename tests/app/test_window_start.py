"""The start page: what a window shows before it has a map (templates and recent files)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QPushButton

from journeymapper.app.main_window import recent_files
from journeymapper.io import load_path
from journeymapper.io.template_words import translated_template
from journeymapper.io.templates import list_templates, map_from_template
from journeymapper.resources import templates_dir


def start_lists(window):
    page = window.start_page
    return page.findChild(QListWidget, "templates"), page.findChild(QListWidget, "recent")


def click_then_double_click(qtbot, widget, point):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def test_a_window_without_a_map_shows_the_templates(open_window):
    window = open_window(None)
    assert window.document() is None and window.view() is None and window.undo_stack() is None
    assert window.stack.currentWidget() is window.start_page
    assert window.start_page.isVisible()
    templates, _recent = start_lists(window)
    names = [Path(templates.item(i).data(Qt.ItemDataRole.UserRole)).stem for i in range(templates.count())]
    assert names == [t.name for t in list_templates()]
    # Shown as words, each with its description whole (wrapped, not cut).
    assert templates.item(0).text().startswith("Blank\n") and templates.wordWrap()
    assert names[0] == "blank" and "small-business-classic" in names
    assert templates.currentRow() == 0
    # Nothing to save or edit yet; opening and new windows work.
    for name in ("save", "save_as", "revert", "delete", "add_touchpoint"):
        assert not window.actions_by_name[name].isEnabled(), name
    for name in ("new", "open", "close", "quit"):
        assert window.actions_by_name[name].isEnabled(), name
    assert window.windowTitle() == "journeymapper"


def test_the_start_page_lists_recent_files_newest_first(open_window, tmp_path, example_copy):
    first = open_window(None, template="four-steps")
    older, newer = tmp_path / "older.jmap", tmp_path / "newer.jmap"
    assert first.save(older)
    assert first.save(newer)
    window = open_window(None)
    _templates, recent = start_lists(window)
    shown = [recent.item(i).data(Qt.ItemDataRole.UserRole) for i in range(recent.count())]
    assert shown[:2] == [str(newer.resolve()), str(older.resolve())]
    assert shown == recent_files()
    assert recent.item(0).text().startswith("newer.jmap\n")


def test_choosing_a_template_shows_a_new_map(qtbot, open_window):
    window = open_window(None)
    window.start_page.templateChosen.emit("four-steps")
    doc = window.document()
    assert doc is not None
    assert window.stack.currentWidget() is window.view()
    expected = map_from_template("four-steps")
    assert [s.name for s in doc.stages] == [s.name for s in expected.stages]
    assert [p.name for p in doc.personas] == [p.name for p in expected.personas]
    assert not window.isWindowModified() and window.editor.path is None
    assert window.actions_by_name["add_touchpoint"].isEnabled()
    assert not window.actions_by_name["revert"].isEnabled()
    for stage in doc.stages:
        assert window.item_for(stage.id) is not None


def test_double_clicking_a_template_shows_a_new_map(qtbot, open_window):
    window = open_window(None)
    templates, _recent = start_lists(window)
    row = next(i for i in range(templates.count())
               if Path(templates.item(i).data(Qt.ItemDataRole.UserRole)).stem == "small-business-classic")
    item = templates.item(row)
    click_then_double_click(qtbot, templates.viewport(), templates.visualItemRect(item).center())
    assert window.document() is not None
    assert [s.name for s in window.document().stages] == \
        [s.name for s in map_from_template("small-business-classic").stages]


def test_create_button_uses_the_selected_template(qtbot, open_window):
    window = open_window(None)
    templates, _recent = start_lists(window)
    assert Path(templates.item(0).data(Qt.ItemDataRole.UserRole)).stem == "blank"
    create = next(b for b in window.start_page.findChildren(QPushButton) if b.text() == "Create")
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    doc = window.document()
    assert doc is not None
    assert doc.map.title == map_from_template("blank").title


def test_pressing_enter_on_a_template_shows_a_new_map(qtbot, open_window):
    window = open_window(None)
    templates, _recent = start_lists(window)
    templates.setFocus()
    templates.setCurrentRow(templates.count() - 1)
    qtbot.keyClick(templates, Qt.Key.Key_Return)
    assert window.document() is not None


def test_choosing_a_recent_file_opens_it(qtbot, open_window, example_copy):
    opened = open_window(example_copy)  # now the newest recent file
    opened.close()
    window = open_window(None)
    _templates, recent = start_lists(window)
    assert recent.item(0).data(Qt.ItemDataRole.UserRole) == str(example_copy.resolve())
    click_then_double_click(qtbot, recent.viewport(), recent.visualItemRect(recent.item(0)).center())
    assert window.document() is not None
    assert window.document().map == load_path(example_copy).map
    assert window.errors == []


def test_a_recent_file_that_is_gone_shows_an_error_and_stays_on_the_start_page(qtbot, open_window, tmp_path):
    gone = tmp_path / "gone.jmap"
    maker = open_window(None, template="blank")
    assert maker.save(gone)
    gone.unlink()
    window = open_window(None)
    window.start_page.fileChosen.emit(str(gone.resolve()))
    assert window.document() is None
    assert window.stack.currentWidget() is window.start_page
    assert len(window.errors) == 1 and "no such file" in window.errors[0][1]


def test_a_german_user_sees_the_templates_and_makes_maps_in_german(qtbot, open_window):
    from journeymapper.i18n import set_interface_language

    set_interface_language("de")
    try:
        window = open_window(None)
        templates, _recent = start_lists(window)
        shown = {Path(templates.item(i).data(Qt.ItemDataRole.UserRole)).stem: templates.item(i).text()
                 for i in range(templates.count())}
        assert shown["blank"].startswith("Leer\n") and shown["hair-salon"].startswith("Friseursalon\n")
        german = translated_template(load_path(templates_dir() / "cafe.jmap").map, "de")
        assert shown["cafe"].split("\n")[1] == german.description.splitlines()[0]
        window.start_page.templateChosen.emit(str(templates_dir() / "cafe.jmap"))
        made = window.document().map
    finally:
        set_interface_language("en")
    english = map_from_template("cafe", language="en")
    assert made.language == "de"
    assert len(made.stages) == len(english.stages) and made.stages[0].name != english.stages[0].name
