"""`journeymapper export MAP -o OUT.mmd` and `journeymapper import DIAGRAM.mmd -o MAP.jmap`: a Mermaid
journey diagram written and read on the command line, its problems line by line, the exit status,
and neither Qt nor the spreadsheet library loaded for it."""

from __future__ import annotations

from journeymapper.cli.main import main
from journeymapper.io import load_path
from journeymapper.resources import example_map_path, templates_dir
from tests.cli.test_startup_imports import QT, run_and_list_imports

HAND_WRITTEN = """journey
    title Café visit
    section Arrive
      Finds a table: 4: Zoé
      Waits to order: eleven: Zoé
    section Pay
      Pays by card: 9: Zoé, Sam
      this line is no task
"""


def _outline(the_map):
    stage = {s.id: s.name for s in the_map.stages}
    return (the_map.title, [s.name for s in the_map.stages],
            [(p.name, [(stage[c.stage], c.title, c.emotion) for c in the_map.touchpoints if c.persona == p.id])
             for p in the_map.personas])


def test_export_then_import_gives_back_stages_cards_and_feelings(tmp_path, capsys):
    diagram, back = tmp_path / "bakery.mmd", tmp_path / "back.jmap"
    assert main(["export", str(example_map_path()), "-o", str(diagram)]) == 0
    out, err = capsys.readouterr()
    assert out == f"wrote {diagram}: a Mermaid journey diagram of 5 sections, 25 tasks and 2 actors\n"
    assert err == ""
    assert diagram.read_text(encoding="utf-8").startswith("journey\n")
    assert main(["import", str(diagram), "-o", str(back)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"imported {diagram} into {back}: 25 touchpoints from 25 tasks, 2 personas, 5 stages")
    assert "problem" not in err
    assert _outline(load_path(back).map) == _outline(load_path(example_map_path()).map)


def test_a_lane_without_cards_is_a_warning_and_comes_back(tmp_path, capsys):
    diagram, back = tmp_path / "blank.mermaid", tmp_path / "blank.jmap"
    assert main(["export", str(templates_dir() / "blank.jmap"), "-o", str(diagram)]) == 0
    out, err = capsys.readouterr()
    assert "0 tasks" in out
    assert err.startswith("journeymapper: warning: Mermaid draws only personas with cards, not “Your customer”")
    assert main(["import", str(diagram), "-o", str(back)]) == 0
    assert [p.name for p in load_path(back).map.personas] == ["Your customer"]


def test_import_names_each_unusable_line_and_keeps_the_rest(tmp_path, capsys):
    diagram, target = tmp_path / "cafe.mmd", tmp_path / "cafe.jmap"
    diagram.write_text(HAND_WRITTEN, encoding="utf-8")
    assert main(["import", str(diagram), "-o", str(target)]) == 1  # (written, with lines left out)
    out, err = capsys.readouterr()
    problems = [line for line in err.splitlines() if ": problem: " in line]
    assert [line[:len(f"journeymapper: problem: {diagram}: line 5:")] for line in problems] == [
        f"journeymapper: problem: {diagram}: line {n}:" for n in (5, 7, 8)]
    assert "eleven" in problems[0] and "9" in problems[1] and "no task" in problems[2]
    the_map = load_path(target).map
    assert the_map.title == "Café visit"
    assert [(c.title, c.emotion) for c in the_map.touchpoints] == [
        ("Finds a table", 1), ("Waits to order", None), ("Pays by card", 2), ("Pays by card", 2)]
    assert "4 touchpoints from 3 tasks, 2 personas, 2 stages; 3 problems" in out


def test_import_refuses_what_is_no_journey_and_writes_nothing(tmp_path, capsys):
    diagram, target = tmp_path / "flow.mmd", tmp_path / "flow.jmap"
    diagram.write_text("flowchart LR\n  A --> B\n", encoding="utf-8")
    assert main(["import", str(diagram), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "not a Mermaid journey diagram" in err and "flowchart LR" in err and "nothing written" in err
    assert "Traceback" not in err
    assert not target.exists()


def test_export_refuses_an_unknown_suffix_and_names_mmd(tmp_path, capsys):
    assert main(["export", str(example_map_path()), "-o", str(tmp_path / "map.mmdx")]) == 2
    assert ".mmd" in capsys.readouterr().err


def test_neither_command_loads_qt_or_the_spreadsheet_library(tmp_path):
    diagram = tmp_path / "bakery.mmd"
    result, packages = run_and_list_imports("export", example_map_path(), "-o", diagram)
    assert result.returncode == 0, result.stderr[-2000:]
    assert packages.isdisjoint(QT | {"openpyxl"}), sorted(packages & (QT | {"openpyxl"}))
    result, packages = run_and_list_imports("import", diagram, "-o", tmp_path / "back.jmap")
    assert result.returncode == 0, result.stderr[-2000:]
    assert packages.isdisjoint(QT | {"openpyxl", "reportlab"}), sorted(packages & (QT | {"openpyxl", "reportlab"}))
