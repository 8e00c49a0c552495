"""A picture of the whole editor window on the example map (artifacts/editor-window.png)."""

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from journeymapper import gui
from journeymapper.resources import example_map_path

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def test_editor_window_picture(qtbot):
    QStandardPaths.setTestModeEnabled(True)
    window = gui.open_window(example_map_path())
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    card = window.document().touchpoints[4].id
    window.editor.scene.select_only([card])
    window.view().zoom_reset()
    window.view().centerOn(window.item_for(card))
    qtbot.wait(50)
    picture = window.grab()
    ARTIFACTS.mkdir(exist_ok=True)
    assert picture.save(str(ARTIFACTS / "editor-window.png"))
    assert window.inspector.form_for(type(window.document().get(card))).widgets["title"].text() == \
        window.document().get(card).title
    window.ask_save_changes = lambda: "discard"
    window.close()
