"""Pictures of the printed pages for a person to look at, in artifacts/ (rendered with pdftoppm)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .pdftools import run

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def render(pdf: Path, page: int, name: str, dpi: int) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / name
    run("pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", pdf, stem)
    return stem.with_suffix(".png")


def ink(pdf: Path, page: int, tmp_path: Path) -> float:
    """The share of clearly non-white pixels of a page, from a small greyscale rendering."""
    stem = tmp_path / f"ink-{page}"
    run("pdftoppm", "-gray", "-r", "24", "-f", str(page), "-l", str(page), "-singlefile", pdf, stem)
    data = stem.with_suffix(".pgm").read_bytes()
    header = data.split(maxsplit=4)  # P5, width, height, maxval, pixels
    assert header[0] == b"P5"
    width, height = int(header[1]), int(header[2])
    pixels = data[-width * height:]
    return sum(1 for value in pixels if value < 200) / len(pixels)


@pytest.mark.parametrize("which, page, name", [
    ("example_a3", 1, "export-example-a3-page1"),
    ("example_poster", 2, "export-poster-a4-2x2-page2"),
])
def test_render_pages_for_a_person_to_look_at(request, tmp_path, which, page, name):
    exported = request.getfixturevalue(which)
    picture = render(exported.path, page, name, dpi=100)
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert picture.stat().st_size > 20_000
    assert ink(exported.path, page, tmp_path) > 0.02  # the map is there, not a blank page
