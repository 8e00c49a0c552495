"""`journeymapper merge BASE OURS THEIRS -o OUT`: writes the merged map, lists conflicts with both values,
exits 0 clean, 1 with conflicts (ours kept), 2 when it cannot merge; OUT may be OURS (git's merge driver)."""

from __future__ import annotations

from journeymapper.cli.main import main
from journeymapper.io import load_path, save
from journeymapper.model.document import Document
from journeymapper.resources import example_map_path


def _versions(tmp_path, ours_edit, theirs_edit):
    loaded = load_path(example_map_path())
    paths = {name: tmp_path / f"{name}.jmap" for name in ("base", "ours", "theirs")}
    save(paths["base"], loaded.map, loaded.view)
    for name, edit in (("ours", ours_edit), ("theirs", theirs_edit)):
        doc = Document(loaded.map.model_copy(deep=True))
        edit(doc)
        save(paths[name], doc.map, {**loaded.view, "side": name} if name == "ours" else loaded.view)
    return loaded.map, paths


def _card(the_map, index):
    return the_map.touchpoints[index]


def _args(paths, out):
    return ["merge", str(paths["base"]), str(paths["ours"]), str(paths["theirs"]), "-o", str(out)]


def test_a_clean_merge_writes_both_sides_changes_and_exits_0(tmp_path, capsys):
    _base, paths = _versions(tmp_path, lambda d: d.set_field(_card(d, 0).id, "notes", "ours"),
                             lambda d: d.set_field(_card(d, 1).id, "notes", "theirs"))
    out = tmp_path / "merged.jmap"
    assert main(_args(paths, out)) == 0
    assert capsys.readouterr().out.splitlines() == [f"{out}: merged, no conflicts"]
    merged = load_path(out)
    assert (_card(merged.map, 0).notes, _card(merged.map, 1).notes) == ("ours", "theirs")
    assert merged.view.get("side") == "ours"  # (the view, e.g. the zoom, is ours')


def test_conflicts_are_listed_with_both_values_and_the_output_keeps_ours(tmp_path, capsys):
    base, paths = _versions(tmp_path, lambda d: d.set_field(_card(d, 0).id, "emotion", -2),
                            lambda d: d.set_field(_card(d, 0).id, "emotion", 2))
    card = _card(base, 0)
    stage = next(s.name for s in base.stages if s.id == card.stage)
    persona = next(p.name for p in base.personas if p.id == card.persona)
    out = tmp_path / "merged.jmap"
    assert main(_args(paths, out) + ["--name", "shop.jmap"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"conflict: {stage} / {persona}: “{card.title}”: emotion: ours −2, theirs +2",
        "shop.jmap: merged with 1 conflict; ours was kept for it"]
    assert _card(load_path(out).map, 0).emotion == -2


def test_the_output_may_be_ours_and_no_backup_is_left_beside_it(tmp_path):
    _base, paths = _versions(tmp_path, lambda d: d.set_field(_card(d, 0).id, "notes", "ours"),
                             lambda d: d.set_field(_card(d, 1).id, "notes", "theirs"))
    assert main(_args(paths, paths["ours"])) == 0
    merged = load_path(paths["ours"]).map
    assert (_card(merged, 0).notes, _card(merged, 1).notes) == ("ours", "theirs")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["base.jmap", "ours.jmap", "theirs.jmap"]


def test_an_unreadable_input_exits_2_and_writes_nothing(tmp_path, capsys):
    _base, paths = _versions(tmp_path, lambda d: None, lambda d: None)
    paths["theirs"].write_text("<<<<<<< HEAD\n", encoding="utf-8")
    out = tmp_path / "merged.jmap"
    assert main(_args(paths, out)) == 2
    assert "theirs.jmap" in capsys.readouterr().err and not out.exists()
    paths["base"].write_bytes(b"")  # git's %O when both branches added the file on their own
    assert main(_args(paths, out)) == 2
    assert "no common version" in capsys.readouterr().err and not out.exists()


def test_an_output_that_cannot_be_written_exits_2(tmp_path, capsys):
    _base, paths = _versions(tmp_path, lambda d: None, lambda d: None)
    assert main(_args(paths, tmp_path / "no such folder" / "merged.jmap")) == 2
    assert "does not exist" in capsys.readouterr().err
