"""The command line as checks.md and the foundation issue specify it: output, exit codes, one-line errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journeymapper import __version__
from journeymapper.cli.main import main
from journeymapper.io import dumps, load_path
from journeymapper.io.migrations import CURRENT_VERSION
from journeymapper.io.upgrade_1_to_2 import upgrade_map  # (these maps are written as v1 data)
from journeymapper.model.schema import Map
from journeymapper.resources import example_map_path

ROOT = Path(__file__).resolve().parents[2]


def write_map(path: Path, raw_map: dict) -> Path:
    path.write_bytes(dumps(Map.model_validate(upgrade_map(raw_map))))
    return path


def flawed_map() -> dict:
    """One error (a self-loop), one warning (a dead end) and some info."""
    return {
        "id": "m",
        "title": "Flawed",
        "created": "2026-01-01T00:00:00Z",
        "modified": "2026-01-01T00:00:00Z",
        "personas": [{"id": "p1", "name": "Parent"}],
        "stages": [{"id": "s1", "name": "Aware"}, {"id": "s2", "name": "Buy"}],
        "touchpoints": [
            {"id": "a", "persona": "p1", "stage": "s1", "title": "Sees an ad", "channel": "advertising", "emotion": 1},
            {"id": "b", "persona": "p1", "stage": "s1", "title": "Asks a friend", "channel": "word_of_mouth",
             "emotion": 1},
            {"id": "c", "persona": "p1", "stage": "s2", "title": "Buys\nonline", "channel": "website", "emotion": 0},
        ],
        "flows": [
            {"id": "f1", "source": "a", "target": "c"},
            {"id": "f2", "source": "c", "target": "c"},
        ],
    }


def warning_only_map() -> dict:
    raw = flawed_map()
    raw["flows"] = [{"id": "f1", "source": "a", "target": "c"}]
    return raw


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"journeymapper {__version__} (file format {CURRENT_VERSION})"


def test_check_clean_example_exits_0(capsys):
    code, out, err = run(capsys, "check", str(example_map_path()))
    assert code == 0, out + err
    assert " error " not in out and " warning " not in out
    assert out.splitlines()[-1].startswith("1 file checked: 0 errors, 0 warnings")


def test_check_text_output_format_and_exit_1(tmp_path, capsys):
    path = write_map(tmp_path / "flawed.jmap", flawed_map())
    code, out, err = run(capsys, "check", str(path))
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert f"{path}: error JM001 " in lines[0] and lines[0].endswith("[f2, c]")
    assert any(line.startswith(f"{path}: warning JM006 ") and line.endswith("[b]") for line in lines)
    assert all("\n" not in line for line in lines), "a title with a line break stays on one line"
    assert lines[-1] == "1 file checked: 1 error, 1 warning, 0 info"


def test_check_warnings_pass_unless_strict(tmp_path, capsys):
    path = write_map(tmp_path / "w.jmap", warning_only_map())
    assert run(capsys, "check", str(path))[0] == 0
    assert run(capsys, "check", "--strict", str(path))[0] == 1


def test_check_json_output(tmp_path, capsys):
    path = write_map(tmp_path / "flawed.jmap", flawed_map())
    code, out, _ = run(capsys, "check", "--format", "json", str(path))
    assert code == 1
    document = json.loads(out)
    (entry,) = document["files"]
    assert entry["file"] == str(path)
    first = entry["problems"][0]
    assert list(first) == ["code", "severity", "message", "elements"]
    assert first["code"] == "JM001" and first["elements"] == ["f2", "c"]


def test_unreadable_file_is_one_line_and_others_are_still_checked(tmp_path, capsys):
    good = write_map(tmp_path / "good.jmap", flawed_map())
    broken = tmp_path / "broken.jmap"
    raw = json.loads(dumps(Map.model_validate(upgrade_map(flawed_map()))))
    raw["map"]["touchpoints"][2]["stage"] = "s9"
    broken.write_text(json.dumps(raw))
    code, out, err = run(capsys, "check", str(broken), str(good))
    assert code == 2
    assert err.splitlines() == [
        (f"journeymapper: error: {broken}: Card “Buys online” is in a stage that is not in the map "
         "(map.touchpoints[2].stage: no stage with id 's9')")
    ]
    assert f"{good}: error JM001" in out, "the readable file is still checked"
    assert "1 file could not be read" in out.splitlines()[-1]


def test_missing_file_and_json_format_with_unreadable(tmp_path, capsys):
    code, out, err = run(capsys, "check", "--format", "json", str(tmp_path / "nope.jmap"))
    assert code == 2
    assert err.strip() == (f"journeymapper: error: {tmp_path / 'nope.jmap'}: There is no file here: it may have "
                           "been moved, renamed or deleted. (no such file)")
    assert json.loads(out)["files"][0]["error"].endswith("(no such file)")


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["check"], "the following arguments are required"),
        (["check", "--format", "xml", "x.jmap"], "invalid choice"),
        (["frobnicate"], "neither a command nor a .jmap file"),
        (["new"], "required"),
    ],
)
def test_wrong_command_lines_are_one_line_exit_2(capsys, argv, fragment):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert len(err.splitlines()) == 1 and fragment in err and err.startswith("journeymapper: error: ")


@pytest.mark.parametrize("argv", [[], ["some.jmap"]])
def test_without_a_display_the_editor_says_so_in_one_line(capsys, monkeypatch, argv):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "no display" in err and "journeymapper check" in err


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert all(command in out for command in ("check", "new", "templates", "upgrade"))


@pytest.mark.parametrize("command", ["check", "new", "templates", "upgrade"])
def test_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: journeymapper " + command in capsys.readouterr().out


def test_check_help_lists_every_rule(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert all(f"JM{n:03d}" in out for n in range(1, 17))


def test_templates_lists_each_with_one_line(capsys):
    code, out, _ = run(capsys, "templates")
    assert code == 0
    lines = out.splitlines()
    names = [line.split()[0] for line in lines]
    assert names[0] == "blank" and {"four-steps", "small-business-classic", "cafe", "hair-salon"} <= set(names)
    assert all(len(line.split(None, 1)) == 2 for line in lines), "every template has a description"


@pytest.mark.parametrize(
    "template, stages",
    [
        ("blank", ["Stage 1"]),
        ("small-business-classic", ["Awareness", "Consideration", "Purchase", "Post-purchase"]),
        ("four-steps", ["Initial contact", "Comparison", "Decision and action", "Follow-up and retention"]),
    ],
)
def test_new_from_each_template(tmp_path, capsys, template, stages):
    out_path = tmp_path / "mine.jmap"
    code, out, err = run(capsys, "new", "-o", str(out_path), "--template", template, "--title", "Bakery")
    assert code == 0, err
    made = load_path(out_path).map
    assert made.title == "Bakery"
    assert [s.name for s in made.stages] == stages
    assert made.id != template and all(len(s.id) == 32 for s in made.stages), "fresh ids"


def test_classic_template_has_the_typical_kpis(tmp_path, capsys):
    out_path = tmp_path / "classic.jmap"
    run(capsys, "new", "-o", str(out_path), "--template", "small-business-classic")
    kpis = {s.name: [k.name for k in s.kpis] for s in load_path(out_path).map.stages}
    assert kpis == {
        "Awareness": ["Reach", "Website visits"],
        "Consideration": ["Comparisons made", "Reviews read"],
        "Purchase": ["Conversion rate", "Carts that reach payment"],  # (higher is better, as for every KPI)
        "Post-purchase": ["CSAT", "NPS", "Retention", "Repeat purchases"],
    }


def test_new_refuses_to_overwrite_and_unknown_templates(tmp_path, capsys):
    existing = tmp_path / "x.jmap"
    existing.write_text("keep me")
    code, _, err = run(capsys, "new", "-o", str(existing))
    assert code == 1 and "already exists" in err and existing.read_text() == "keep me"
    code, _, err = run(capsys, "new", "-o", str(tmp_path / "y.jmap"), "--template", "nope")
    assert code == 2 and "no template named 'nope'" in err and "small-business-classic" in err
    assert not (tmp_path / "y.jmap").exists()
    code, _, err = run(capsys, "new", "-o", str(tmp_path / "z.jmap"), "--title", "x" * 300)
    assert code == 2 and "--title" in err and len(err.splitlines()) == 1
    code, _, err = run(capsys, "new", "-o", str(tmp_path / "nofolder" / "z.jmap"))
    assert code == 1 and "does not exist" in err


def test_upgrade_rewrites_canonically_in_place_with_backup(tmp_path, capsys):
    messy = tmp_path / "messy.jmap"
    raw = json.loads(dumps(Map.model_validate(upgrade_map(flawed_map()))))
    messy.write_text(json.dumps(raw, indent=4, ensure_ascii=True), encoding="utf-8")
    original = messy.read_bytes()
    code, out, _ = run(capsys, "upgrade", str(messy))
    assert code == 0 and f"already file format {CURRENT_VERSION}" in out
    assert messy.read_bytes() == dumps(load_path(messy).map)
    assert (tmp_path / "messy.jmap.bak").read_bytes() == original


def test_upgrade_to_another_file_and_broken_input(tmp_path, capsys):
    source = write_map(tmp_path / "a.jmap", flawed_map())
    code, _, _ = run(capsys, "upgrade", str(source), "-o", str(tmp_path / "b.jmap"))
    assert code == 0 and (tmp_path / "b.jmap").read_bytes() == source.read_bytes()
    bad = tmp_path / "bad.jmap"
    bad.write_text('{"format": "journeymapper", "schema_version": 7, "map": {}}')
    code, _, err = run(capsys, "upgrade", str(bad))
    assert code == 2 and f"file format 7, this version reads up to {CURRENT_VERSION}" in err
    assert not (tmp_path / "bad.jmap.bak").exists()


def test_console_script_and_module_entry_points(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    script = Path(sys.executable).with_name("journeymapper")
    for argv in ([str(script)], [sys.executable, "-m", "journeymapper"]):
        result = subprocess.run([*argv, "check", str(example_map_path())], capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        result = subprocess.run([*argv, "check", str(tmp_path / "missing.jmap")], capture_output=True, text=True)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def _newer_copy(tmp_path: Path) -> Path:
    """The example map as a newer journeymapper (format 3) would write it, readable by format 2."""
    raw = json.loads(dumps(load_path(example_map_path()).map))
    raw.update(schema_version=3, readable_by=2)
    raw["map"]["sticky_notes"] = []
    path = tmp_path / "newer.jmap"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def test_check_and_export_read_a_newer_map_with_a_warning(tmp_path, capsys):
    path = _newer_copy(tmp_path)
    code, out, err = run(capsys, "check", str(path))
    assert code == 0 and "1 file checked" in out
    assert "warning:" in err and "newer journeymapper (file format 3)" in err and "map.sticky_notes" in err
    code, _, err = run(capsys, "export", str(path), "-o", str(tmp_path / "newer.pdf"), "--no-appendix")
    assert code == 0 and (tmp_path / "newer.pdf").is_file() and "newer journeymapper" in err


def test_upgrade_never_rewrites_a_newer_map(tmp_path, capsys):
    path = _newer_copy(tmp_path)
    before = path.read_bytes()
    code, _, err = run(capsys, "upgrade", str(path))
    assert code == 1 and "nothing written" in err
    assert path.read_bytes() == before and not (tmp_path / "newer.jmap.bak").exists()
