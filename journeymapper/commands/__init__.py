"""Undoable edits: QUndoCommands that only call Document methods.

redo() performs the edit, undo() calls the inverse the Document returned.
Commands never touch the scene: the scene follows the Document's events.
"""

from .edits import (
    AddElement,
    MoveCards,
    MoveElement,
    RemoveElements,
    ReplaceMap,
    SetField,
    SetMapField,
    describe,
)

__all__ = [
    "AddElement",
    "MoveCards",
    "MoveElement",
    "RemoveElements",
    "ReplaceMap",
    "SetField",
    "SetMapField",
    "describe",
]
