"""A map a newer journeymapper saved: it opens read-only, with a bar that says so and what this version
leaves out; it is never written back; Save As makes a copy this version can keep."""

from __future__ import annotations

import json

from journeymapper.io import dumps, load_path
from journeymapper.resources import example_map_path


def _newer_file(tmp_path):
    """The example map as format 3 would write it: new keys at every level, readable by format 2."""
    loaded = load_path(example_map_path())
    raw = json.loads(dumps(loaded.map, loaded.view))
    raw.update(schema_version=3, readable_by=2, signature="abc")
    raw["map"]["sticky_notes"] = [{"text": "hello"}]
    raw["map"]["touchpoints"][0]["photo"] = "cake.png"
    path = tmp_path / "newer.jmap"
    path.write_text(json.dumps(raw, indent=2), encoding="utf-8")
    return path, loaded.map


def test_a_newer_map_opens_read_only_and_says_so(open_window, tmp_path):
    path, the_map = _newer_file(tmp_path)
    before = path.read_bytes()
    window = open_window(path)
    assert window.document().map == the_map  # everything this version knows, as it was
    assert window.editor.read_only and window.editor.newer_version == 3
    assert window.notice.kind == "read-only"
    text = window.notice.label.text()
    assert "newer journeymapper (file format 3)" in text and "map.sticky_notes" in text
    # Save never replaces it, even asked to save "as" the same file.
    saved_as = []
    window.save_as = lambda: saved_as.append(True) or False
    window.editor.set_field(the_map.touchpoints[0].id, "title", "Changed here")
    assert window.save() is False and saved_as == [True]
    assert window.save(path) is False
    assert path.read_bytes() == before
    assert any("newer journeymapper" in message for _title, message in window.errors)


def test_save_as_keeps_a_copy_this_version_can_edit(open_window, tmp_path):
    path, the_map = _newer_file(tmp_path)
    window = open_window(path)
    copy = tmp_path / "copy.jmap"
    assert window.save(copy)
    reread = load_path(copy)
    assert reread.schema_version == 2 and not reread.newer
    assert reread.map.model_copy(update={"modified": the_map.modified}) == the_map  # (saving dates it)
    assert not window.editor.read_only  # (the copy is the window's file now)
