"""`journeymapper install-desktop` and `uninstall-desktop` in a temporary home, checked with xdg-mime.

How xdg-mime is made to look only at the temporary folders (found on Debian 12, xdg-utils 1.1.3):
- HOME, XDG_DATA_HOME and XDG_CONFIG_HOME point into tmp_path: `xdg-mime default` writes
  $XDG_CONFIG_HOME/mimeapps.list, and `query default` reads it back -- but only if the Exec of the
  .desktop file under $XDG_DATA_HOME/applications names a program that exists.
- XDG_CURRENT_DESKTOP=X-Generic: xdg-mime then takes its "generic" path. Unset, it probes D-Bus and
  X11 (dbus-send, xprop) to guess the desktop, and under KDE it would ask kmimetypefinder (absent here:
  empty answer); GNOME would work too (through `gio info`), but generic is what any machine has.
- In the generic path `query filetype` runs `mimetype` (Debian package libfile-mimeinfo-perl, which
  xdg-utils recommends); without it xdg-mime falls back to `file --mime-type`, which knows nothing
  of shared-mime-info, so those checks are skipped then. `mimetype` reads $XDG_DATA_HOME/mime itself,
  so XDG_DATA_DIRS need not name the temporary folder; it is set (temporary folder first, then the
  system's) anyway, as a desktop session would have it.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from journeymapper.cli.main import main
from journeymapper.desktop import install as desktop_install
from journeymapper.desktop.entries import DESKTOP_FILE, ICON_SIZES, MIME_TYPE

ROOT = Path(__file__).resolve().parents[2]
HAVE_XDG_MIME = shutil.which("xdg-mime") is not None
HAVE_MIMETYPE = shutil.which("mimetype") is not None
HAVE_UPDATE_MIME = shutil.which("update-mime-database") is not None

needs_xdg_mime = pytest.mark.skipif(not HAVE_XDG_MIME, reason="xdg-mime (xdg-utils) not installed")
needs_filetype = pytest.mark.skipif(
    not (HAVE_XDG_MIME and HAVE_MIMETYPE and HAVE_UPDATE_MIME),
    reason="xdg-mime query filetype needs xdg-utils, libfile-mimeinfo-perl (mimetype) and shared-mime-info",
)
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop.org desktops only")


class Home:
    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        self.config = root / "config"
        self.home = root / "home"

    def files(self) -> set[Path]:
        return {p.relative_to(self.root) for p in self.root.rglob("*") if p.is_file()}


@pytest.fixture
def home(tmp_path, monkeypatch) -> Home:
    place = Home(tmp_path)
    place.home.mkdir()
    monkeypatch.setenv("HOME", str(place.home))
    monkeypatch.setenv("XDG_DATA_HOME", str(place.data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(place.config))
    monkeypatch.setenv("XDG_DATA_DIRS", f"{place.data}:/usr/local/share:/usr/share")
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "X-Generic")
    for name in ("XDG_MENU_PREFIX", "KDE_SESSION_VERSION", "KDE_FULL_SESSION", "DESKTOP_SESSION",
                 "XDG_RUNTIME_DIR"):
        monkeypatch.delenv(name, raising=False)
    return place


def xdg_mime(*args: str) -> str:
    result = subprocess.run(["xdg-mime", *args], capture_output=True, text=True, timeout=30)
    return result.stdout.strip()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def our_files(place: Home) -> set[Path]:
    hicolor = Path("data/icons/hicolor")
    files = {Path("data/applications/journeymapper.desktop"), Path("data/mime/packages/journeymapper.xml")}
    for name, context in (("journeymapper", "apps"), ("application-vnd.journeymapper+json", "mimetypes")):
        files |= {hicolor / f"{size}x{size}" / context / f"{name}.png" for size in ICON_SIZES}
        files.add(hicolor / "scalable" / context / f"{name}.svg")
    return files


def test_install_puts_the_entry_the_type_and_the_icons_in_the_data_home(home, capsys):
    status, out, err = run(capsys, "install-desktop")
    assert status == 0, err
    assert "installed" in out
    assert our_files(home) <= home.files()
    for size in ICON_SIZES:
        png = home.data / "icons/hicolor" / f"{size}x{size}" / "apps" / "journeymapper.png"
        assert struct.unpack(">II", png.read_bytes()[16:24]) == (size, size)
    entry = (home.data / "applications" / DESKTOP_FILE).read_text()
    exec_value = next(line for line in entry.splitlines() if line.startswith("Exec="))
    launcher = Path(exec_value.removeprefix("Exec=").removesuffix(" %F"))
    # the `journeymapper` script beside this Python (the venv's, or pipx's)
    script = Path(sys.executable).with_name("journeymapper")
    assert launcher == script if script.is_file() else exec_value.endswith(" -m journeymapper %F")
    if HAVE_UPDATE_MIME:
        assert (home.data / "mime" / "mime.cache").is_file()
        assert MIME_TYPE in (home.data / "mime" / "types").read_text()


def test_installing_twice_changes_nothing(home, capsys):
    assert run(capsys, "install-desktop")[0] == 0
    stamps = {p: (home.root / p).stat().st_mtime_ns for p in our_files(home)}
    mimeapps = (home.config / "mimeapps.list").read_text() if HAVE_XDG_MIME else ""
    assert run(capsys, "install-desktop")[0] == 0
    assert {p: (home.root / p).stat().st_mtime_ns for p in our_files(home)} == stamps
    if HAVE_XDG_MIME:
        assert (home.config / "mimeapps.list").read_text() == mimeapps
        assert mimeapps.count(MIME_TYPE) == 1


@needs_filetype
def test_xdg_mime_knows_maps_by_name_and_by_content(home, capsys, tmp_path):
    files = tmp_path / "files"
    files.mkdir()
    example = (ROOT / "resources" / "examples" / "corner-bakery.jmap").read_bytes()
    (files / "some.jmap").write_bytes(example)
    (files / "map-without-extension").write_text('{"format": "journeymapper", "schema_version": 1}\n')
    (files / "saved-without-extension").write_bytes(example)
    (files / "map.json").write_bytes(example)
    (files / "plain.json").write_text('{"name": "not a map"}\n')
    before = xdg_mime("query", "filetype", str(files / "some.jmap"))
    assert before != MIME_TYPE

    assert run(capsys, "install-desktop")[0] == 0
    kinds = {p.name: xdg_mime("query", "filetype", str(p)) for p in files.iterdir()}
    assert kinds == {
        "some.jmap": MIME_TYPE,
        "map-without-extension": MIME_TYPE,
        "saved-without-extension": MIME_TYPE,
        "map.json": "application/json",  # the glob wins over content of priority < 80
        "plain.json": "application/json",
    }

    assert run(capsys, "uninstall-desktop")[0] == 0
    assert xdg_mime("query", "filetype", str(files / "some.jmap")) != MIME_TYPE


@needs_xdg_mime
def test_journeymapper_becomes_the_default_for_maps_until_uninstalled(home, capsys):
    home.config.mkdir()
    theirs = "[Default Applications]\ntext/plain=other-editor.desktop\n"
    (home.config / "mimeapps.list").write_text(theirs)
    status, out, _ = run(capsys, "install-desktop")
    assert status == 0
    assert "opens .jmap files" in out
    assert xdg_mime("query", "default", MIME_TYPE) == DESKTOP_FILE

    status, out, _ = run(capsys, "uninstall-desktop")
    assert status == 0
    assert "removed" in out
    assert xdg_mime("query", "default", MIME_TYPE) == ""
    assert (home.config / "mimeapps.list").read_text() == theirs


def test_uninstall_removes_exactly_what_install_put_there(home, capsys):
    home.data.mkdir()
    keep = home.data / "applications" / "someone-else.desktop"
    keep.parent.mkdir()
    keep.write_text("[Desktop Entry]\nType=Application\nName=Else\nExec=true\n")
    icon = home.data / "icons/hicolor/48x48/apps/someone-else.png"
    icon.parent.mkdir(parents=True)
    icon.write_bytes(b"not really a png")
    before = home.files()

    assert run(capsys, "install-desktop")[0] == 0
    assert run(capsys, "uninstall-desktop")[0] == 0
    after = home.files()
    assert not (our_files(home) & after)
    assert not (home.config / "mimeapps.list").exists(), "it held only our line"
    # what is left besides the files that were there: the caches the freedesktop tools rebuild
    leftovers = {p for p in after - before if not (p.parts[1] == "mime" or p.name == "mimeinfo.cache")}
    assert leftovers == set()
    assert keep.is_file() and icon.is_file()
    assert not (home.data / "icons/hicolor/16x16").exists(), "empty icon folders go too"

    status, out, _ = run(capsys, "uninstall-desktop")
    assert status == 0 and "nothing to remove" in out


def test_prefix_installs_under_prefix_share_and_leaves_the_default_alone(home, capsys, tmp_path):
    prefix = tmp_path / "usr-local"
    status, _, err = run(capsys, "install-desktop", "--prefix", str(prefix))
    assert status == 0, err
    assert (prefix / "share" / "applications" / DESKTOP_FILE).is_file()
    assert (prefix / "share/icons/hicolor/256x256/mimetypes/application-vnd.journeymapper+json.png").is_file()
    assert not (home.config / "mimeapps.list").exists()
    assert not home.data.exists()
    assert run(capsys, "uninstall-desktop", "--prefix", str(prefix))[0] == 0
    assert not (prefix / "share" / "applications" / DESKTOP_FILE).exists()


def test_a_folder_that_cannot_be_written_is_one_line_and_exit_1(home, capsys, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "share").write_text("a file where a folder should be")
    status, out, err = run(capsys, "install-desktop", "--prefix", str(blocked))
    assert status == 1
    assert err.startswith("journeymapper: error: cannot write ") and err.count("\n") == 1
    assert out == ""


def test_an_incomplete_installation_says_so(home, capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(desktop_install, "icons_dir", lambda: tmp_path / "no-icons")
    status, _, err = run(capsys, "install-desktop")
    assert status == 1
    assert err.startswith("journeymapper: error: the installation is incomplete:") and err.count("\n") == 1
    assert not home.data.exists()


@pytest.mark.skipif(not HAVE_UPDATE_MIME, reason="update-mime-database (shared-mime-info) not installed")
def test_a_mime_type_the_database_rejects_is_an_error(home, capsys, monkeypatch):
    monkeypatch.setattr(desktop_install, "mime_xml", lambda: "<mime-info")
    status, _, err = run(capsys, "install-desktop")
    assert status == 1
    assert "update-mime-database rejected" in err and err.count("\n") == 1


def test_missing_tools_are_warnings_not_failures(home, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(home.root / "empty-bin"))
    status, out, err = run(capsys, "install-desktop")
    assert status == 0
    assert "installed" in out
    assert "warning: update-mime-database not found" in err
    assert "warning: xdg-mime not found" in err
    assert (home.data / "applications" / DESKTOP_FILE).is_file()


@pytest.mark.skipif(
    shutil.which("gtk-update-icon-cache") is None, reason="gtk-update-icon-cache (Debian package) missing"
)
def test_an_existing_icon_cache_is_kept_fresh_and_none_is_created(home, capsys):
    assert run(capsys, "install-desktop")[0] == 0
    cache = home.data / "icons" / "hicolor" / "icon-theme.cache"
    assert not cache.exists()
    cache.write_bytes(b"stale")
    assert run(capsys, "install-desktop")[0] == 0
    assert cache.stat().st_size > 100


def test_the_desktop_package_does_not_load_qt():
    code = (
        "import sys, journeymapper.desktop.install, journeymapper.cli.desktop_command;"
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60).returncode == 0


def test_the_launcher_is_the_script_beside_python_or_the_frozen_executable(monkeypatch, tmp_path):
    venv_bin = tmp_path / "venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "journeymapper").write_text("#!/bin/sh\n")
    (venv_bin / "journeymapper").chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(venv_bin / "python"))
    assert desktop_install.launcher() == [str(venv_bin / "journeymapper")]
    (venv_bin / "journeymapper").unlink()
    assert desktop_install.launcher() == [str(venv_bin / "python"), "-m", "journeymapper"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/journeymapper/journeymapper")
    monkeypatch.delenv("APPIMAGE", raising=False)
    assert desktop_install.launcher() == ["/opt/journeymapper/journeymapper"]
    monkeypatch.setenv("APPIMAGE", "/home/ann/Apps/journeymapper.AppImage")
    assert desktop_install.launcher() == ["/home/ann/Apps/journeymapper.AppImage"]
