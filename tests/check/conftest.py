"""Fixtures for the checker tests: the realistic clean maps (see builders.py)."""

import pytest

from journeymapper.model import Map

from .builders import clean_map, handover_map


@pytest.fixture
def clean() -> Map:
    return clean_map()


@pytest.fixture
def handover() -> Map:
    return handover_map()
