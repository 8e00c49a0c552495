"""The Qt-free layers speak the interface language: the command line's messages, the checker's findings,
load and import errors, the model's words (insights, diff, undo texts) come from the same catalogues
as the editor's, and a print passes its own language.

Most of the catalogues' translations are still to be written, so these tests do not wait for them:
they compile a pseudo-German catalogue (every message of the extracted template, "translated" by a
mark in front of it) and check that the mark reaches what the user reads: a message that does not go
through the catalogue stays unmarked and fails. Two more hold the mechanism itself: every message
written in the code is in the template the translators get, and a real `journeymapper check` process
picks its language from the environment (JOURNEYMAPPER_LANGUAGE, else LANG) and prints the German
catalogue's words (English where there is no translation yet, so it keeps passing as they arrive).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

import journeymapper.i18n as i18n
from journeymapper.check import check_map
from journeymapper.cli.check_command import SEVERITY_WORDS
from journeymapper.cli.main import main
from journeymapper.cli.output import one_line
from journeymapper.i18n import DOMAIN, interface_language, set_interface_language, words
from journeymapper.i18n.catalogues import extract
from journeymapper.io import LoadError, load_bytes, load_path, save
from journeymapper.model.insights import insights
from journeymapper.resources import example_map_path
from tests.check.test_messages import TODAY, everything_wrong

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "journeymapper"
LAYERS = ("cli", "check", "io", "model", "commands", "desktop")
MARK = "«DE» "


@pytest.fixture(scope="module")
def template() -> Catalog:
    return extract()


@pytest.fixture
def pseudo_german(template, tmp_path, monkeypatch):
    """German is, for this test, every message with MARK in front (placeholders kept): the interface
    speaks it, and `words("de")` is it."""
    catalogue = Catalog(locale="de", domain=DOMAIN)
    for message in template:
        if message.id:
            ids = message.id if isinstance(message.id, tuple) else None
            catalogue.add(message.id, tuple(MARK + part for part in ids) if ids else MARK + message.id)
    folder = tmp_path / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{DOMAIN}.mo").open("wb") as handle:
        write_mo(handle, catalogue)
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path / "locale")
    before = interface_language()
    i18n.words.cache_clear()
    set_interface_language("de")
    yield words("de")
    set_interface_language(before)
    i18n.words.cache_clear()


@pytest.fixture
def flawed_file(tmp_path) -> tuple[Path, object]:
    """A map on which every rule of the checker fires, saved."""
    the_map = everything_wrong()[0]
    path = tmp_path / "flawed.jmap"
    save(path, the_map)
    return path, the_map


# -- the messages come from the catalogue ----------------------------------------------------------------
def test_the_checker_speaks_the_interface_language(pseudo_german):
    problems = check_map(everything_wrong()[0], today=TODAY)
    assert len({p.code for p in problems}) == 21
    assert all(p.message.startswith(MARK) for p in problems), [p.message for p in problems
                                                              if not p.message.startswith(MARK)]


def test_a_print_passes_its_own_language(pseudo_german):
    """The PDF prints the findings and insights in the map's language, whatever the interface's."""
    the_map = everything_wrong()[0]
    english = words("en")
    assert not any(MARK.strip() in p.message for p in check_map(the_map, today=TODAY, tr=english))
    assert not any(MARK.strip() in line.text for line in insights(the_map, TODAY, english))
    marked = insights(the_map, TODAY)  # (the panel: the interface language)
    assert marked and all(line.text.startswith(MARK) for line in marked), [l.text for l in marked if not l.text.startswith(MARK)]


@pytest.mark.parametrize("data", [
    b"",
    b'{"format": "journeymapper", "schema_version": 2, "map": {',
    b"\x89PNG\r\n\x1a\n" + bytes(32),
    b'{"format": "journeymapper", "schema_version": 99}',
    b"[1, 2]",
])
def test_load_errors_speak_the_interface_language(pseudo_german, data):
    with pytest.raises(LoadError) as caught:
        load_bytes(data, "shop.jmap")
    assert caught.value.plain().startswith(MARK)
    assert all(line.startswith(MARK) and line.count(MARK) >= 2 for line in caught.value.lines())


def test_a_validation_error_is_said_in_the_interface_language(pseudo_german):
    envelope = json.loads(example_map_path().read_text(encoding="utf-8"))
    envelope["map"]["touchpoints"][0]["emotion"] = 7
    envelope["map"]["stages"][0]["name"] = ""
    with pytest.raises(LoadError) as caught:
        load_bytes(json.dumps(envelope).encode(), "shop.jmap")
    problems = caught.value.found
    assert len(problems) == 2 and all(p.plain.startswith(MARK) for p in problems)
    assert all(p.detail and MARK.strip() not in p.detail for p in problems)  # (the place in the file stays)


def test_the_command_line_speaks_the_interface_language(pseudo_german, flawed_file, capsys):
    path, _map = flawed_file
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) > 20 and all(MARK.strip() in line for line in out), [l for l in out if MARK.strip() not in l]
    assert main(["check", str(path.with_name("nowhere.jmap"))]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err and all(line.startswith(MARK) for line in err)
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert f"{MARK}Report flow problems" in capsys.readouterr().out


def test_json_output_stays_english(pseudo_german, flawed_file, capsys):
    path, the_map = flawed_file
    assert main(["check", "--format", "json", str(path)]) == 1
    out = capsys.readouterr().out
    assert MARK.strip() not in out
    english = {p.message for p in check_map(load_path(path).map, tr=words("en"))}
    assert {p["message"] for p in json.loads(out)["files"][0]["problems"]} == english
    assert interface_language() == "de"  # (and the command gave the language back)


def test_diff_and_import_speak_the_interface_language(pseudo_german, tmp_path, capsys):
    envelope = json.loads(example_map_path().read_text(encoding="utf-8"))
    envelope["map"]["touchpoints"][0]["title"] = "Sees a poster"
    envelope["map"]["stages"].pop()
    envelope["map"]["touchpoints"] = [t for t in envelope["map"]["touchpoints"]
                                      if t["stage"] in {s["id"] for s in envelope["map"]["stages"]}]
    ids = {t["id"] for t in envelope["map"]["touchpoints"]}
    envelope["map"]["flows"] = [f for f in envelope["map"]["flows"] if {f["source"], f["target"]} <= ids]
    changed = tmp_path / "changed.jmap"
    changed.write_text(json.dumps(envelope), encoding="utf-8")
    assert main(["diff", str(example_map_path()), str(changed)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 3 and all(MARK.strip() in line for line in lines), lines

    sheet = tmp_path / "hand.csv"
    sheet.write_text("Stage;Persona;Touchpoint;Emotion\nFind;Anna;Searches;4\nBuy;Anna;Pays;terrible-ish\n",
                     encoding="utf-8")
    assert main(["import", str(sheet), "-o", str(tmp_path / "hand.jmap")]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(MARK) and err and all(MARK.strip() in line for line in err.splitlines())


def test_undo_texts_speak_the_interface_language(pseudo_german):
    from journeymapper.commands import AddElement, RemoveElements
    from journeymapper.model.document import Document

    doc = Document(load_path(example_map_path()).map)
    assert AddElement(doc, doc.map.personas[0]).text() == f"{MARK}Add {MARK}Persona"
    cards = [t.id for t in doc.map.touchpoints[:3]]
    assert RemoveElements(doc, cards).text() == f"{MARK}Delete 3 Touchpoints"


# -- the mechanism -------------------------------------------------------------------------------------
def _marked_in_code() -> set[str]:
    """Every literal the code hands to `_`, `_n`, `N_`, `tr` or `tr.n`, in the layers this test covers."""
    found: set[str] = set()
    for path in sorted(p for layer in LAYERS for p in (PACKAGE / layer).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            wanted = 2 if name in ("_n", "n") else 1 if name in ("_", "N_", "tr") else 0
            found.update(arg.value for arg in node.args[:wanted]
                         if isinstance(arg, ast.Constant) and isinstance(arg.value, str))
    return found


def test_every_message_of_the_code_is_in_the_template(template):
    ids = set()
    for message in template:
        ids.update(message.id if isinstance(message.id, tuple) else (message.id,))
    in_code = _marked_in_code()
    assert len(in_code) > 700
    assert not in_code - ids, sorted(in_code - ids)[:10]
    for known in ("{card} has no emotion set: choose how the customer feels at this point",
                  "This file is empty: there is nothing in it. If someone sent it to you, ask them to send it "
                  "again.", "{n} files checked: {counts}", "{prog}: error: {message}",
                  "a flow goes from a card back to the same card", "Lowest moment of {persona}: {card} ({feeling})"):
        assert known in ids, known


def _check_in_a_process(path: Path, **language: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("JOURNEYMAPPER_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env.update(language, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "journeymapper", "check", str(path)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def _expected_check_output(path: Path, tr) -> list[str]:
    """What `journeymapper check` prints for one file, in `tr`'s words."""
    problems = check_map(load_path(path).map, tr=tr)
    lines = [f"{path}: {tr(SEVERITY_WORDS[p.severity])} {p.code} {one_line(p.message)} [{', '.join(p.elements)}]"
             for p in problems]
    totals = Counter(p.severity for p in problems)
    counts = ", ".join([tr.n("{n} error", "{n} errors", totals["error"]).format(n=totals["error"]),
                        tr.n("{n} warning", "{n} warnings", totals["warning"]).format(n=totals["warning"]),
                        tr.n("{n} info", "{n} info", totals["info"]).format(n=totals["info"])])
    return lines + [tr.n("{n} file checked: {counts}", "{n} files checked: {counts}", 1).format(n=1, counts=counts)]


@pytest.mark.parametrize("language", [{"JOURNEYMAPPER_LANGUAGE": "de", "LANG": "de_DE.UTF-8"},
                                      {"LANG": "de_DE.UTF-8"}], ids=["JOURNEYMAPPER_LANGUAGE", "LANG"])
def test_journeymapper_check_prints_the_german_catalogue(flawed_file, language):
    path, _map = flawed_file
    result = _check_in_a_process(path, **language)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == _expected_check_output(path, words("de"))
    english = _check_in_a_process(path, LANG="C.UTF-8")
    assert english.stdout.splitlines() == _expected_check_output(path, words("en"))
