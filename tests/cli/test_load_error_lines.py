"""On the command line a file that cannot be read gets one line per problem, in the shape
checks.md gives (`journeymapper: error: FILE: ...`), with the plain words right after the file
name and the technical detail after them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymapper.cli.main import main
from journeymapper.io.migrations import CURRENT_VERSION
from journeymapper.resources import example_map_path

EXAMPLE = example_map_path().read_bytes()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _with(change) -> bytes:
    envelope = json.loads(EXAMPLE)
    change(envelope)
    return json.dumps(envelope).encode()


def _bad_field(envelope: dict) -> None:
    envelope["map"]["touchpoints"][0]["emotion"] = "happy"
    envelope["map"]["flows"][0]["target"] = "nowhere"


CASES = {
    "cut-off": (EXAMPLE[: len(EXAMPLE) // 2],
                [("This file is cut off: it ends in the middle. If someone sent it to you, ask them to send it "
                  "again. (not valid JSON: ")]),
    "picture": (b"\x89PNG\r\n\x1a\n" + bytes(64),
                [("This file is not a journey map: it holds a PNG picture (perhaps it was renamed). Open the "
                  "journey map file you meant instead.")]),
    "newer": (_with(lambda e: e.update(schema_version=9, readable_by=9)),  # (9 says no older reader shows it)
              [("This map was saved by a newer version of journeymapper: update journeymapper to open it. "
                f"(saved by a newer journeymapper: file format 9, this version reads up to {CURRENT_VERSION})")]),
    "fields": (_with(_bad_field),
               ["Card “", "”: the emotion must be a whole number, not the text 'happy' (map.touchpoints[0].emotion)",
                "leads to a card that is not in the map (map.flows[0].target: no touchpoint with id 'nowhere')"]),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_check_says_what_is_wrong_in_plain_words_after_the_file_name(tmp_path: Path, capsys, kind: str) -> None:
    data, parts = CASES[kind]
    path = tmp_path / "cake.jmap"
    path.write_bytes(data)
    code, _out, err = run(capsys, "check", str(path))
    assert code == 2
    lines = err.splitlines()
    prefix = f"journeymapper: error: {path}: "
    assert all(line.startswith(prefix) for line in lines), lines
    said = [line[len(prefix):] for line in lines]
    assert said[0][:1].isupper() and not said[0].startswith(("map.", "not valid", "schema_version"))
    assert all(part in err for part in parts), (parts, lines)
    assert len(lines) == (2 if kind == "fields" else 1)


def test_the_json_report_gives_the_same_words(tmp_path: Path, capsys) -> None:
    path = tmp_path / "cake.jmap"
    path.write_bytes(CASES["newer"][0])
    code, out, err = run(capsys, "check", "--format", "json", str(path))
    assert code == 2
    assert json.loads(out)["files"][0]["error"] == err.strip().removeprefix("journeymapper: error: ")


def test_upgrade_speaks_the_same_way(tmp_path: Path, capsys) -> None:
    path = tmp_path / "cake.jmap"
    path.write_bytes(CASES["cut-off"][0])
    code, _, err = run(capsys, "upgrade", str(path))
    assert code == 2
    assert err.startswith(f"journeymapper: error: {path}: This file is cut off: ")
    assert len(err.splitlines()) == 1
