"""`journeymapper diff`: one line per change naming the element by its place and title, moves as moves,
JSON for scripts, the exit status of `diff`; and the `--git-external` mode git's diff driver calls."""

from __future__ import annotations

import json
import os

from journeymapper.cli.main import main
from journeymapper.io import load_path, save
from journeymapper.model.document import Document
from journeymapper.resources import example_map_path


def _example():
    return load_path(example_map_path())


def _pair(tmp_path, edit):
    loaded = _example()
    old, new = tmp_path / "old.jmap", tmp_path / "new.jmap"
    save(old, loaded.map, loaded.view)
    doc = Document(loaded.map.model_copy(deep=True))
    edit(doc)
    save(new, doc.map, loaded.view)
    return old, new, loaded.map


def _names(the_map, card):
    stage = next(s.name for s in the_map.stages if s.id == card.stage)
    persona = next(p.name for p in the_map.personas if p.id == card.persona)
    return stage, persona


def test_a_change_is_named_by_the_card_s_place_and_title_with_both_values(tmp_path, capsys):
    def edit(doc):
        card = doc.touchpoints[0]
        doc.set_field(card.id, "emotion", -1 if card.emotion != -1 else 1)
        doc.set_field(card.id, "title", "Line one\nline two")

    old, new, before = _pair(tmp_path, edit)
    card = before.touchpoints[0]
    stage, persona = _names(before, card)
    code = main(["diff", str(old), str(new)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    emotion = -1 if card.emotion != -1 else 1
    assert out == [(f"~ {stage} / {persona}: “Line one line two”: title “{card.title}” -> “Line one line two”; "
                    f"emotion {card.emotion} -> {emotion}"),
                   "0 added, 0 removed, 1 changed, 0 moved"]


def test_moves_are_listed_as_moves(tmp_path, capsys):
    moved = {}

    def edit(doc):
        card = doc.touchpoints[0]
        target = next(s for s in doc.stages if s.id != card.stage)
        moved.update(card=card, target=target, stage=doc.stages[-1])
        doc.move_touchpoint(card.id, stage_id=target.id)
        doc.move_stage(doc.stages[-1].id, 0)

    old, new, before = _pair(tmp_path, edit)
    card, target, stage = moved["card"], moved["target"], moved["stage"]
    stage_before, persona = _names(before, card)
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"> {target.name} / {persona}: “{card.title}”: moved from {stage_before} / {persona}",
                   f"> Stage “{stage.name}”: moved from column {len(before.stages)} to column 1",
                   "0 added, 0 removed, 0 changed, 2 moved"]


def test_a_card_moved_in_its_cell_says_which_card_it_is_next_to_now_not_its_place_number(tmp_path, capsys):
    """Two cards swapped while a third came into the cell: the moved card's place number is the same
    before and after, so a place number would say nothing."""
    names = {}

    def edit(doc):
        cell = next((p.id, s.id) for p in doc.personas for s in doc.stages
                    if len(doc.touchpoints_in(p.id, s.id)) == 2)
        first, second = doc.touchpoints_in(*cell)
        newcomer = next(t for t in doc.touchpoints if (t.persona, t.stage) != cell and t.persona == cell[0])
        doc.move_touchpoint(second.id, index=doc.index_of(first.id))
        doc.move_touchpoint(newcomer.id, stage_id=cell[1], index=doc.index_of(second.id))
        names.update(first=first.title, second=second.title)

    old, new, _ = _pair(tmp_path, edit)
    assert main(["diff", str(old), str(new)]) == 1
    moves = [line for line in capsys.readouterr().out.splitlines() if "in its cell" in line]
    assert len(moves) == 1
    assert moves[0].endswith((f"“{names['second']}”: moved in its cell: now before “{names['first']}”",
                              f"“{names['first']}”: moved in its cell: now after “{names['second']}”"))


def test_added_and_removed_elements_and_items_are_named(tmp_path, capsys):
    def edit(doc):
        doc.remove(doc.touchpoints[1].id, cascade=True)
        card = doc.touchpoints[0]
        doc.set_field(card.id, "pain_points", [*(p.model_dump(mode="json") for p in card.pain_points),
                                              {"text": "Too slow"}])

    old, new, before = _pair(tmp_path, edit)
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out.splitlines()
    removed = before.touchpoints[1]
    stage, persona = _names(before, removed)
    assert f"- {stage} / {persona}: “{removed.title}”: removed" in out
    assert any(line.startswith("~ ") and line.endswith(": pain point “Too slow” added") for line in out)


def test_the_same_map_exits_0_and_json_reports_for_scripts(tmp_path, capsys):
    old, new, before = _pair(tmp_path, lambda doc: doc.set_field(doc.touchpoints[0].id, "title", "New title"))
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out.strip() == "no changes"
    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["same"] is False and report["moves"] == []
    [element] = report["elements"]
    stage, persona = _names(before, before.touchpoints[0])
    assert element["id"] == before.touchpoints[0].id and element["fields"][0]["field"] == "title"
    assert element["place"] == f"{stage} / {persona}: “New title”"


def test_a_file_that_cannot_be_read_exits_2(tmp_path, capsys):
    old, _new, _before = _pair(tmp_path, lambda doc: None)
    broken = tmp_path / "broken.jmap"
    broken.write_text("{", encoding="utf-8")
    assert main(["diff", str(old), str(broken)]) == 2
    assert "broken.jmap" in capsys.readouterr().err
    assert main(["diff", str(old)]) == 2
    assert "two maps" in capsys.readouterr().err


def test_git_external_takes_git_s_seven_arguments_and_always_exits_0(tmp_path, capsys):
    old, new, before = _pair(tmp_path, lambda doc: doc.set_field(doc.touchpoints[0].id, "title", "New title"))
    git = ["diff", "--git-external", "maps/shop.jmap", str(old), "a" * 40, "100644", str(new), "b" * 40, "100644"]
    assert main(git) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "journeymapper diff a/maps/shop.jmap b/maps/shop.jmap"
    assert out[1].endswith(f": title “{before.touchpoints[0].title}” -> “New title”")
    assert main(["diff", "--git-external", "shop.jmap", os.devnull, "0" * 40, ".", str(new), "b" * 40,
                 "100644"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith(f"+ new map “{before.title}” (")
    broken = tmp_path / "broken.jmap"
    broken.write_text("<<<<<<< HEAD", encoding="utf-8")
    assert main(["diff", "--git-external", "shop.jmap", str(old), "a" * 40, "100644", str(broken), "b" * 40,
                 "100644"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("the new version cannot be read: ")
    assert main(["diff", "--git-external", "shop.jmap"]) == 0  # (a path with merge conflicts)
    assert "conflicts" in capsys.readouterr().out
    assert main(["diff", "--git-external", "shop.jmap", str(old)]) == 2


def test_a_newer_file_that_reads_the_same_is_not_called_the_same(tmp_path, capsys):
    """What a newer journeymapper wrote and this one cannot read may differ: diff cannot say "the same"."""
    from tests.io.test_format_2 import V2_FULL, _v3

    newer = tmp_path / "newer.jmap"
    newer.write_text(json.dumps(_v3()), encoding="utf-8")
    code = main(["diff", str(V2_FULL), str(newer)])
    err = capsys.readouterr().err
    assert code == 2 and "cannot tell whether the maps differ" in err and "newer.jmap" in err


def test_many_item_changes_of_one_card_are_counted_after_the_first(tmp_path, capsys):
    from journeymapper.model.schema import Touchpoint

    def forty_quotes(doc):
        card = next(t for t in doc.touchpoints if isinstance(t, Touchpoint))
        quotes = [{"id": f"q{k}", "text": f"Quote number {k}"} for k in range(40)]
        doc.set_field(card.id, "quotes", [*[q.model_dump() for q in card.quotes], *quotes])

    old, new, _ = _pair(tmp_path, forty_quotes)
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "Quote number 0" in line)
    assert "and 32 more (--format json lists them all)" in line and "Quote number 39" not in line
    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    assert "Quote number 39" in capsys.readouterr().out
