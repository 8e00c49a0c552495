"""`journeymapper diff`: one line per change, JSON for scripts, the exit status of `diff`."""

from __future__ import annotations

import json

from journeymapper.cli.main import main
from journeymapper.io import load_path, save
from journeymapper.model.document import Document
from journeymapper.resources import example_map_path


def _pair(tmp_path):
    loaded = load_path(example_map_path())
    old, new = tmp_path / "old.jmap", tmp_path / "new.jmap"
    save(old, loaded.map, loaded.view)
    doc = Document(loaded.map.model_copy(deep=True))
    card = doc.touchpoints[0]
    doc.set_field(card.id, "title", "Line one\nline two")
    save(new, doc.map, loaded.view)
    return old, new, card


def test_diff_says_each_change_on_one_line_and_exits_1(tmp_path, capsys):
    old, new, card = _pair(tmp_path)
    code = main(["diff", str(old), str(new)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0] == f"~ card “Line one line two”: title “{card.title}” -> “Line one line two”"
    assert out[-1] == "0 added, 0 removed, 1 changed"


def test_the_same_map_exits_0_and_json_reports_for_scripts(tmp_path, capsys):
    old, new, card = _pair(tmp_path)
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out.strip() == "no changes"
    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["same"] is False
    [element] = report["elements"]
    assert element["id"] == card.id and element["fields"][0]["field"] == "title"


def test_a_file_that_cannot_be_read_exits_2(tmp_path, capsys):
    old, _new, _card = _pair(tmp_path)
    broken = tmp_path / "broken.jmap"
    broken.write_text("{", encoding="utf-8")
    assert main(["diff", str(old), str(broken)]) == 2
    assert "broken.jmap" in capsys.readouterr().err
