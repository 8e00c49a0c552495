import pytest

from journeymapper.model.document import Document
from journeymapper.model.schema import Flow, Map, Persona, Stage, Touchpoint


def small_map() -> Map:
    """Two lanes, three columns, five cards, four flows: enough for every kind of edit."""
    return Map.model_validate(
        {
            "id": "m",
            "title": "Small",
            "created": "2026-01-01T00:00:00Z",
            "modified": "2026-01-01T00:00:00Z",
            "personas": [{"id": "p1", "name": "Parent"}, {"id": "p2", "name": "Office"}],
            "stages": [{"id": "s1", "name": "Aware"}, {"id": "s2", "name": "Buy"}, {"id": "s3", "name": "Love"}],
            "touchpoints": [
                {"id": "a", "persona": "p1", "stage": "s1", "title": "A"},
                {"id": "b", "persona": "p1", "stage": "s2", "title": "B"},
                {"id": "c", "persona": "p1", "stage": "s1", "title": "C"},
                {"id": "d", "persona": "p2", "stage": "s2", "title": "D"},
                {"id": "e", "persona": "p2", "stage": "s3", "title": "E"},
            ],
            "flows": [
                {"id": "f1", "source": "a", "target": "b"},
                {"id": "f2", "source": "c", "target": "b"},
                {"id": "f3", "source": "b", "target": "d"},
                {"id": "f4", "source": "d", "target": "e"},
            ],
        }
    )


@pytest.fixture
def doc() -> Document:
    return Document(small_map())


@pytest.fixture
def events(doc: Document) -> list:
    seen: list = []
    doc.changed.connect(seen.append)
    return seen


__all__ = ["Flow", "Persona", "Stage", "Touchpoint", "small_map"]
