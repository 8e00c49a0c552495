from PySide6.QtCore import QPointF

from journeymapper.resources import example_map_path

from .conftest import drag


def test_drag_card_to_next_stage(qtbot, open_window):
    window = open_window(example_map_path())
    doc = window.document()
    card = doc.touchpoints[0]
    item = window.item_for(card.id)
    window.view().zoom_fit()
    start = item.mapToScene(item.boundingRect().center())
    layout = window.editor.scene.layout
    stages = list(layout.stages)
    target_stage = stages[stages.index(card.stage) + 1]
    cell = layout.cells[(card.persona, target_stage)]
    lane_y = layout.lanes[card.persona].y
    end = QPointF(cell.rect.cx, lane_y + cell.rect.bottom - 10)
    drag(qtbot, window, start, end)
    assert doc.get(card.id).stage == target_stage
    assert window.undo_stack().count() == 1
    window.undo_stack().undo()
    assert doc.get(card.id).stage == card.stage
