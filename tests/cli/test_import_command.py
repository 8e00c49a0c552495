"""`journeymapper import SHEET -o MAP.jmap` and `journeymapper export MAP -o OUT.xlsx|OUT.csv`: the problems
row by row, a summary, the exit status (0 all rows, 1 some left out, 2 nothing written); openpyxl is
loaded only by the commands that read or write a workbook."""

from __future__ import annotations

from journeymapper.cli.main import main
from journeymapper.io import load_path
from journeymapper.model.diff import diff_maps
from journeymapper.resources import example_map_path
from tests.cli.test_startup_imports import QT, run_and_list_imports

HAND_MADE = ("Phase;Segment;Touchpoint;Feeling;Channel\n"
             "Find;Anna;Searches;4;web\n"
             "Find;Anna;;2;\n"  # row 3: no title
             "Buy;Anna;Pays;terrible;fax\n")  # row 4: a channel it does not know


def test_export_then_import_gives_back_the_map(tmp_path, capsys):
    sheet, back = tmp_path / "bakery.xlsx", tmp_path / "back.jmap"
    assert main(["export", str(example_map_path()), "-o", str(sheet)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert main(["import", str(sheet), "-o", str(back)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"imported {sheet} into {back}: 25 touchpoints, 2 personas, 5 stages, 27 flows")
    assert err == ""
    assert diff_maps(load_path(example_map_path()).map, load_path(back).map).same


def test_the_touchpoints_as_csv(tmp_path, capsys):
    sheet = tmp_path / "cards.csv"
    assert main(["export", str(example_map_path()), "-o", str(sheet)]) == 0
    assert "one row each" in capsys.readouterr().out
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Persona,Stage,Touchpoint,Channel,Emotion (-2 to 2)")
    assert len(load_path(example_map_path()).map.touchpoints) + 1 <= len(lines)


def test_rows_left_out_are_named_and_the_map_is_written_with_exit_1(tmp_path, capsys):
    sheet, out_map = tmp_path / "hand.csv", tmp_path / "hand.jmap"
    sheet.write_text(HAND_MADE, encoding="utf-8")
    assert main(["import", str(sheet), "-o", str(out_map)]) == 1
    out, err = capsys.readouterr()
    problems = [line for line in err.splitlines() if ": problem: " in line]
    assert [line.split(f"{sheet}: ", 1)[1].split(":")[0] for line in problems] == ["row 3", "row 4"]
    assert "no touchpoint title" in problems[0] and "“fax”" in problems[1]
    assert any("scale of 1 to 5" in line for line in err.splitlines() if ": note: " in line)
    assert "2 touchpoints (1 of 3 rows left out)" in out and "2 problems" in out
    the_map = load_path(out_map).map
    assert [(t.title, t.emotion, t.channel) for t in the_map.touchpoints] == [("Searches", 1, "website"),
                                                                            ("Pays", -2, None)]


def test_nothing_usable_writes_nothing_and_exits_2(tmp_path, capsys):
    sheet, out_map = tmp_path / "empty.csv", tmp_path / "empty.jmap"
    sheet.write_text("Stage,Touchpoint,Emotion\nFind,,1\n", encoding="utf-8")
    assert main(["import", str(sheet), "-o", str(out_map)]) == 2
    err = capsys.readouterr().err
    assert "row 2: no touchpoint title" in err and "error:" in err and "nothing written" in err
    assert not out_map.exists()
    assert main(["import", str(tmp_path / "missing.xlsx"), "-o", str(out_map)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_an_existing_map_is_replaced_only_with_force(tmp_path, capsys):
    sheet, out_map = tmp_path / "hand.csv", tmp_path / "hand.jmap"
    sheet.write_text("Stage,Touchpoint\nFind,Searches\n", encoding="utf-8")
    out_map.write_text("mine")
    assert main(["import", str(sheet), "-o", str(out_map)]) == 2
    assert "--force" in capsys.readouterr().err and out_map.read_text() == "mine"
    assert main(["import", str(sheet), "-o", str(out_map), "--force"]) == 0
    assert [t.title for t in load_path(out_map).map.touchpoints] == ["Searches"]


def test_export_names_the_spreadsheet_suffixes(tmp_path, capsys):
    assert main(["export", str(example_map_path()), "-o", str(tmp_path / "map.ods")]) == 2
    assert ".xlsx or .csv" in capsys.readouterr().err


def test_openpyxl_is_loaded_only_for_workbooks(tmp_path):
    result, packages = run_and_list_imports("check", example_map_path())
    assert result.returncode == 0 and "openpyxl" not in packages
    result, packages = run_and_list_imports("--help")
    assert "import" in result.stdout and "openpyxl" not in packages
    sheet = tmp_path / "hand.csv"
    sheet.write_text("Stage,Touchpoint\nFind,Searches\n", encoding="utf-8")
    result, packages = run_and_list_imports("import", sheet, "-o", tmp_path / "a.jmap")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "openpyxl" not in packages and packages.isdisjoint(QT), "a CSV file needs neither"
    result, packages = run_and_list_imports("export", tmp_path / "a.jmap", "-o", tmp_path / "a.xlsx")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "openpyxl" in packages and packages.isdisjoint(QT)
