"""Every character prints: embedded fonts only, fallback fonts for scripts DejaVu Sans lacks, and a
warning naming the characters no installed font has."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journeymapper.cli.main import main
from journeymapper.export import fonts as font_module
from journeymapper.io import save
from tests.check.builders import make_map, tp

from .conftest import Exported, export
from .pdftools import flat, fonts, info, page_text, run
from .test_right_to_left import logical, read_in_order

DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
BASE_14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")

JAPANESE = "例えば「ケーキを注文する」"
CHINESE = "在网上订购生日蛋糕"
KOREAN = "케이크를 주문하다"
GREEK = "Παραγγελία τούρτας"
CYRILLIC = "Заказать торт"
LATIN = "Crème brûlée à emporter — Straße, Łódź, Ærøskøbing"
ARABIC = "طلب كعكة"


def world_map():
    return make_map(
        [
            tp("ja", "p1", "s1", JAPANESE),
            tp("zh", "p1", "s2", CHINESE),
            tp("ko", "p1", "s3", KOREAN),
            tp("el", "p2", "s1", GREEK),
            tp("ru", "p2", "s2", CYRILLIC),
            tp("fr", "p2", "s3", LATIN),
        ],
        personas=("p1", "p2"),
        title="Torte · Τούρτα · Торт · ケーキ",
        owner="Zoë Ångström",
    )


def installed_font_has(chars: str) -> bool:
    return all(any(ord(c) in candidate.chars for candidate in font_module._installed())
               for c in chars if not c.isspace())


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Exported:
    font_module._installed.cache_clear()
    return export(world_map(), tmp_path_factory.mktemp("world") / "world.pdf")


def assert_fonts_embedded(path: Path) -> list[dict[str, str]]:
    table = fonts(path)
    assert table, "no fonts at all?"
    for row in table:
        assert row["emb"] == "yes", row
        assert not any(base in row["name"] for base in BASE_14), row
    return table


def test_qpdf_finds_no_damage(example_a3, example_poster, world):
    for exported in (example_a3, example_poster, world):
        result = run("qpdf", "--check", exported.path)
        assert "No syntax or stream encoding errors found" in result.stdout


def test_every_font_is_embedded_and_none_is_a_base_14_font(example_a3, example_poster):
    for exported in (example_a3, example_poster):
        names = {row["name"].split("+", 1)[-1] for row in assert_fonts_embedded(exported.path)}
        assert names == {"DejaVuSans", "DejaVuSans-Bold"}


@pytest.mark.skipif(not DROID.exists(), reason="needs fonts-droid-fallback")
def test_japanese_and_chinese_print_with_the_droid_fallback_font(world):
    names = [row["name"] for row in assert_fonts_embedded(world.path)]
    assert any("DroidSansFallback" in name for name in names), names
    page = flat(page_text(world.path, 1))
    assert JAPANESE in page
    assert CHINESE in page


def test_greek_cyrillic_and_accented_latin_print_with_dejavu(world):
    page = page_text(world.path, 1)
    for title in (GREEK, CYRILLIC, LATIN):
        assert flat(title) in flat(page), title
    assert info(world.path)["Title"] == "Torte · Τούρτα · Торт · ケーキ"
    assert info(world.path)["Author"] == "Zoë Ångström"
    assert "Owner: Zoë Ångström" in flat(page)


def test_korean_prints_or_is_named_in_a_warning(world):
    """Debian's Droid Sans Fallback has no Hangul syllables: then the export must say so."""
    hangul = {c for c in KOREAN if not c.isspace()}
    if installed_font_has(KOREAN):
        assert flat(KOREAN) in flat(page_text(world.path, 1))
        assert not world.report.warnings
    else:
        [warning] = world.report.warnings
        assert "no installed font has these characters" in warning
        assert hangul <= set(warning)
        # and only those: Japanese and Chinese did find a font
        assert not (set(JAPANESE + CHINESE) & set(warning))


@pytest.fixture
def no_fonts_installed(monkeypatch, tmp_path, fresh_fonts):
    """An empty JOURNEYMAPPER_FONT_DIRS folder, and the system's font folders hidden."""
    empty = tmp_path / "empty fonts"
    empty.mkdir()
    monkeypatch.setenv("JOURNEYMAPPER_FONT_DIRS", str(empty))
    monkeypatch.setattr(font_module, "font_dirs", lambda: [])
    font_module._installed.cache_clear()
    assert font_module._installed() == ()


def japanese_map():
    return make_map([tp("a", "p1", "s1", JAPANESE), tp("b", "p1", "s2", "Pays at the counter")],
                    title="Ordering a cake")


def test_without_any_fallback_font_the_export_works_and_names_the_characters(no_fonts_installed, tmp_path):
    exported = export(japanese_map(), tmp_path / "ja.pdf")
    assert exported.path.exists()
    [warning] = exported.report.warnings
    assert "no installed font has these characters" in warning
    assert {c for c in JAPANESE} <= set(warning)
    table = assert_fonts_embedded(exported.path)
    assert not any("Droid" in row["name"] for row in table)
    run("qpdf", "--check", exported.path)
    assert "Pays at the counter" in flat(page_text(exported.path, 1))  # (a title may wrap on paper)


def test_without_any_fallback_font_the_command_line_warns(no_fonts_installed, tmp_path, capsys):
    source = tmp_path / "ja.jmap"
    save(source, japanese_map())
    out = tmp_path / "ja.pdf"
    code = main(["export", str(source), "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert out.exists()
    warnings = [line for line in captured.err.splitlines() if line.startswith("journeymapper: warning: ")]
    assert len(warnings) == 1, captured.err
    assert {c for c in JAPANESE} <= set(warnings[0])
    assert captured.out.startswith(f"wrote {out}")


@pytest.mark.skipif(not DROID.exists(), reason="needs fonts-droid-fallback")
def test_journeymapper_font_dirs_is_where_fallback_fonts_are_found(monkeypatch, tmp_path, fresh_fonts):
    folder = tmp_path / "my fonts"
    folder.mkdir()
    os.symlink(DROID, folder / DROID.name)
    monkeypatch.setenv("JOURNEYMAPPER_FONT_DIRS", str(folder))
    monkeypatch.setattr(font_module, "_FONT_DIRS_LINUX", ())
    monkeypatch.setattr(font_module, "_FONT_DIRS_MAC", ())
    monkeypatch.setattr(font_module, "_FONT_DIRS_WINDOWS", ())
    assert font_module.font_dirs() == [folder]
    exported = export(japanese_map(), tmp_path / "ja.pdf")
    assert exported.report.warnings == []
    assert any("DroidSansFallback" in row["name"] for row in assert_fonts_embedded(exported.path))
    assert JAPANESE in "".join(page_text(exported.path, 1).split())  # (CJK wraps between letters)


def test_arabic_prints_with_dejavu_joined_and_right_to_left(tmp_path):
    """DejaVu Sans has the Arabic letters and their joined forms, so nothing is missing; the letters
    are shaped and drawn right to left (tests/export/test_right_to_left.py has more)."""
    exported = export(make_map([tp("a", "p1", "s1", ARABIC)], title="Arabic"), tmp_path / "ar.pdf")
    assert exported.report.warnings == []
    names = {row["name"].split("+", 1)[-1] for row in assert_fonts_embedded(exported.path)}
    assert names == {"DejaVuSans", "DejaVuSans-Bold"}
    page = read_in_order(exported.path, 1)
    assert ARABIC in logical(page)  # pdftotext reads right-to-left text back in logical order
    assert any("\ufe70" <= c <= "\ufeff" for c in page)  # joined forms, not isolated letters


# -- which face of a family: upright, its regular for regular text, its bold for bold ----------------------
def test_a_fonts_weight_and_slant_are_read_from_the_font_itself(fresh_fonts, monkeypatch, tmp_path):
    from journeymapper.layout.text import BOLD, REGULAR, font_path

    folder = tmp_path / "fonts"
    folder.mkdir()
    for name, copy in ((REGULAR, "Family-Regular.ttf"), (BOLD, "Family-Heavy.ttf")):
        (folder / copy).write_bytes(font_path(name).read_bytes())  # (the file's name does not say its weight)
    monkeypatch.setattr(font_module, "font_dirs", lambda: [folder])
    weights = {c.path.name: (c.weight, c.slanted, c.narrow) for c in font_module._installed()}
    assert weights == {"Family-Regular.ttf": (400, False, False), "Family-Heavy.ttf": (700, False, False)}


def test_text_takes_the_face_of_its_weight_not_the_first_file_of_the_family(monkeypatch):
    """Sorted by name, a family's Black, Bold and Condensed files come before its Regular: regular text in
    a fallback font must not print in Black, nor a bold title in the regular face when a bold one exists."""
    from journeymapper.layout.text import BOLD, REGULAR, font_path

    regular, bold = font_path(REGULAR), font_path(BOLD)
    han = frozenset(map(ord, JAPANESE))

    def face(path, stem, weight, slanted=False, narrow=False):
        return font_module._Candidate(path, 0, f"JM-test-{stem}", han, weight, slanted, narrow)

    # (each stands for a file of that name: the bundled faces, with made-up weights and a Japanese range)
    faces = (face(bold, "NotoSansJP-Black", 900), face(bold, "NotoSansJP-Bold", 700),
             face(bold, "NotoSansJP-BoldItalic", 700, slanted=True),
             face(regular, "NotoSansJP-Condensed", 400, narrow=True), face(regular, "NotoSansJP-Regular", 400))
    monkeypatch.setattr(font_module, "_installed", lambda: faces)
    monkeypatch.setattr(font_module, "_family", lambda c: "notosansjp")
    chooser = font_module.FontChooser()
    assert chooser.runs("例", bold=False) == [("JM-test-NotoSansJP-Regular", "例")]
    assert chooser.runs("例", bold=True) == [("JM-test-NotoSansJP-Bold", "例")]
    assert chooser.runs("Pays 例", bold=True) == [(BOLD, "Pays "), ("JM-test-NotoSansJP-Bold", "例")]
