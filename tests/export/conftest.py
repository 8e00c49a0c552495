"""Shared exports for the PDF tests: each costly PDF is written once per test session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

import pytest

from journeymapper.export import fonts as font_module
from journeymapper.export.pdf import ExportReport, PdfOptions, export_pdf
from journeymapper.io import load_path
from journeymapper.model import Map
from journeymapper.resources import example_map_path

TODAY = date(2026, 11, 24)


@dataclass
class Exported:
    path: Path
    report: ExportReport
    map: Map


def export(the_map: Map, path: Path, **options: object) -> Exported:
    options.setdefault("today", TODAY)
    report = export_pdf(the_map, path, PdfOptions(**options))  # type: ignore[arg-type]
    return Exported(path, report, the_map)


@pytest.fixture(scope="session")
def example_map() -> Map:
    return load_path(example_map_path()).map


@pytest.fixture(scope="session")
def example_a3(example_map: Map, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The example map on one A3 landscape sheet, the default export."""
    return export(example_map, tmp_path_factory.mktemp("a3") / "example-a3.pdf")


@pytest.fixture(scope="session")
def example_poster(example_map: Map, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The example map as a 2 x 2 poster of A4 landscape sheets."""
    return export(example_map, tmp_path_factory.mktemp("poster") / "example-poster.pdf", paper="A4", tiles="2x2")


@pytest.fixture
def fresh_fonts() -> Iterator[None]:
    """Forget the installed fonts found so far, before and after the test (it may hide some)."""
    font_module._installed.cache_clear()
    yield
    font_module._installed.cache_clear()
