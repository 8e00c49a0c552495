"""`journeymapper merge` as git's merge driver and `journeymapper diff --git-external` as its diff driver, in a
real git repository, set up exactly as docs/sharing-in-git.md tells a user to."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journeymapper.io import load_path, save
from journeymapper.model.document import Document
from journeymapper.resources import example_map_path

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
JOURNEYMAPPER = f"{shlex.quote(sys.executable)} -m journeymapper"
"""What the docs' `journeymapper` is here: this checkout's, whatever is on PATH."""


DOCS = Path(__file__).resolve().parents[2] / "docs" / "sharing-in-git.md"


def documented_setup() -> list[list[str]]:
    """The `git config` commands docs/sharing-in-git.md gives, word for word but for where journeymapper is."""
    commands = [shlex.split(line.strip()) for line in DOCS.read_text(encoding="utf-8").splitlines()
                if line.strip().startswith("git config ") and ".jmap." in line]
    assert [c[2] for c in commands] == ["merge.jmap.name", "merge.jmap.driver", "diff.jmap.command"]
    for command in commands:
        command[3] = command[3].replace("journeymapper merge", f"{JOURNEYMAPPER} merge").replace(
            "journeymapper diff", f"{JOURNEYMAPPER} diff")
    return [command[1:] for command in commands]


class Repository:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        home = folder.parent / "home"
        home.mkdir()
        self.env = {**os.environ, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Ana",
                    "GIT_AUTHOR_EMAIL": "ana@example.com", "GIT_COMMITTER_NAME": "Ana",
                    "GIT_COMMITTER_EMAIL": "ana@example.com", "GIT_PAGER": "cat", "PAGER": "cat",
                    "LC_ALL": "C.UTF-8"}
        folder.mkdir()
        self.git("init", "-q", "-b", "main")
        (folder / ".gitattributes").write_text("*.jmap merge=jmap diff=jmap\n", encoding="utf-8")
        for args in documented_setup():
            self.git(*args)

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(["git", *args], cwd=self.folder, env=self.env, capture_output=True, text=True,
                                encoding="utf-8", timeout=120, check=False)
        if check and result.returncode != 0:
            raise AssertionError(f"git {' '.join(args)}: {result.returncode}\n{result.stdout}\n{result.stderr}")
        return result

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)


def _save_edited(path: Path, edit) -> None:
    loaded = load_path(path)
    doc = Document(loaded.map.model_copy(deep=True))
    edit(doc)
    save(path, doc.map, loaded.view)
    path.with_name(path.name + ".bak").unlink()


@pytest.fixture
def repo(tmp_path):
    repository = Repository(tmp_path / "repo")
    loaded = load_path(example_map_path())
    save(repository.folder / "shop.jmap", loaded.map, loaded.view)
    repository.commit("the map")
    return repository


def _branches(repo: Repository, ours_edit, theirs_edit) -> Path:
    path = repo.folder / "shop.jmap"
    repo.git("checkout", "-q", "-b", "theirs")
    _save_edited(path, theirs_edit)
    repo.commit("their change")
    repo.git("checkout", "-q", "main")
    _save_edited(path, ours_edit)
    repo.commit("our change")
    return path


def _card(doc_or_map, index):
    return doc_or_map.touchpoints[index]


def _ours(doc: Document) -> None:
    doc.set_field(_card(doc, 0).id, "notes", "Ours: ask about allergies")
    doc.move_stage(doc.stages[-1].id, 0)


def _theirs(doc: Document) -> None:
    doc.set_field(_card(doc, 0).id, "emotion", -2)  # the same card (the lines next to ours' in the file)
    doc.set_field(_card(doc, 1).id, "emotion", 2)
    doc.set_field(doc.stages[-1].id, "name", "Collecting the cake")  # the stage ours moved


def test_changes_to_different_cards_and_fields_merge_through_the_driver(repo):
    path = _branches(repo, _ours, _theirs)
    merged = repo.git("merge", "-q", "--no-edit", "theirs")
    assert "shop.jmap: merged, no conflicts" in merged.stdout
    the_map = load_path(path).map
    assert (_card(the_map, 0).notes, _card(the_map, 0).emotion, _card(the_map, 1).emotion) == \
        ("Ours: ask about allergies", -2, 2)
    assert the_map.stages[0].name == "Collecting the cake"
    assert repo.git("status", "--porcelain").stdout == ""  # committed, nothing left over (no .bak, no temporary)
    assert len(repo.git("log", "--format=%H", "-1", "--merges").stdout.split()) == 1


def test_the_same_field_changed_on_both_branches_is_a_conflict_and_the_file_keeps_ours(repo):
    path = _branches(repo, lambda d: d.set_field(_card(d, 0).id, "emotion", -2),
                     lambda d: d.set_field(_card(d, 0).id, "emotion", 2))
    merged = repo.git("merge", "--no-edit", "theirs", check=False)
    assert merged.returncode != 0
    assert "CONFLICT" in merged.stdout and "emotion: ours −2, theirs +2" in merged.stdout
    assert repo.git("status", "--porcelain").stdout.splitlines() == ["UU shop.jmap"]
    assert _card(load_path(path).map, 0).emotion == -2  # a valid map, ours kept: open it, fix it, git add
    assert "<<<<<<<" not in path.read_text(encoding="utf-8")


def test_git_diff_and_git_log_show_the_readable_diff(repo):
    path = repo.folder / "shop.jmap"
    card = _card(load_path(path).map, 0)
    _save_edited(path, lambda d: d.set_field(card.id, "title", "Sees the cake on Instagram"))
    diff = repo.git("diff").stdout.splitlines()
    assert diff[0] == "journeymapper diff a/shop.jmap b/shop.jmap"
    assert diff[1].endswith(f": “Sees the cake on Instagram”: title “{card.title}” -> “Sees the cake on Instagram”")
    assert diff[2] == "0 added, 0 removed, 1 changed, 0 moved"
    repo.commit("renamed a card")
    for shown in (repo.git("log", "-p", "--ext-diff", "-1"), repo.git("show", "--ext-diff")):
        assert f"title “{card.title}” -> “Sees the cake on Instagram”" in shown.stdout
    first = repo.git("log", "-p", "--ext-diff", "--reverse", "--format=%s").stdout
    assert "+ new map “" in first  # the commit that added the map
