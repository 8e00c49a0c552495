"""The editor names the system libraries Qt's platform plugin lacks, instead of letting Qt abort."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import time
from pathlib import Path

import pytest

from journeymapper.cli import gui_command
from journeymapper.cli.main import main
from journeymapper.desktop import qt_platform
from journeymapper.desktop.qt_platform import (
    ARCH,
    DEBIAN,
    FEDORA,
    SUSE,
    PlatformProblem,
    distro_family,
    missing_libraries,
    package_for,
    platform_problem,
    platforms_to_try,
    qt_plugins_dir,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "corner-bakery.jmap"


@pytest.fixture()
def plugins() -> Path:
    found = qt_plugins_dir()
    assert found is not None, "PySide6's plugin folder not found"
    return found


@pytest.fixture()
def stranded_plugins(tmp_path: Path, plugins: Path) -> Path:
    """A plugin folder whose X11 plugin is a real one, copied away from the Qt libraries it links:
    on this machine it lacks libraries exactly as on a machine without the system's X11 ones."""
    (tmp_path / "platforms").mkdir()
    shutil.copy(plugins / "platforms" / "libqxcb.so", tmp_path / "platforms" / "libqxcb.so")
    return tmp_path


# --- which plugins Qt will try ----------------------------------------------------------------

def test_x11_is_tried_on_a_linux_desktop() -> None:
    assert platforms_to_try({"DISPLAY": ":0"}, "linux") == ["xcb"]


def test_a_wayland_session_tries_wayland_then_x11() -> None:
    environ = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert platforms_to_try(environ, "linux") == ["wayland", "xcb"]


def test_the_users_choice_of_platforms_is_followed_in_order() -> None:
    assert platforms_to_try({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux") == ["wayland", "xcb"]
    assert platforms_to_try({"QT_QPA_PLATFORM": "offscreen:fontengine=freetype"}, "linux") == ["offscreen"]


def test_windows_and_macos_are_not_checked() -> None:
    assert platforms_to_try({}, "win32") == []
    assert platforms_to_try({}, "darwin") == []


# --- which packages give the libraries --------------------------------------------------------

@pytest.mark.parametrize(("library", "family", "package"), [
    ("libxcb-cursor.so.0", DEBIAN, "libxcb-cursor0"),
    ("libxcb-icccm.so.4", DEBIAN, "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", DEBIAN, "libxcb-keysyms1"),
    ("libxkbcommon-x11.so.0", DEBIAN, "libxkbcommon-x11-0"),
    ("libxcb-render-util.so.0", DEBIAN, "libxcb-render-util0"),
    ("libEGL.so.1", DEBIAN, "libegl1"),
    ("libxcb-xinerama.so.0", DEBIAN, "libxcb-xinerama0"),  # not listed: Debian's naming rule
    ("libfoo2.so.1", DEBIAN, "libfoo2-1"),
    ("libxcb-cursor.so.0", FEDORA, "xcb-util-cursor"),
    ("libxcb-icccm.so.4", FEDORA, "xcb-util-wm"),
    ("libxcb-xinerama.so.0", FEDORA, "libxcb"),
    ("libxcb-render-util.so.0", ARCH, "xcb-util-renderutil"),
    ("libxcb-cursor.so.0", SUSE, "libxcb-cursor0"),
    ("libxcb-cursor.so.0", "", ""),
    ("libunknown.so.3", FEDORA, ""),
])
def test_each_library_is_named_by_the_package_that_really_provides_it(library: str, family: str, package: str) -> None:
    assert package_for(library, family) == package


@pytest.mark.parametrize(("release", "family"), [
    ('ID=debian\nVERSION_CODENAME=bookworm\n', DEBIAN),
    ('ID=ubuntu\nID_LIKE=debian\n', DEBIAN),
    ('ID=linuxmint\nID_LIKE="ubuntu debian"\n', DEBIAN),
    ('ID=fedora\n', FEDORA),
    ('ID="rocky"\nID_LIKE="rhel centos fedora"\n', FEDORA),
    ('ID=arch\n', ARCH),
    ('ID=manjaro\nID_LIKE=arch\n', ARCH),
    ('ID="opensuse-tumbleweed"\nID_LIKE="opensuse suse"\n', SUSE),
    ('ID=alpine\n', ""),
])
def test_the_distribution_family_is_read_from_os_release(tmp_path: Path, release: str, family: str) -> None:
    path = tmp_path / "os-release"
    path.write_text(release, encoding="utf-8")
    assert distro_family(path) == family


def test_no_os_release_is_an_unknown_family(tmp_path: Path) -> None:
    assert distro_family(tmp_path / "missing") == ""


# --- the message ------------------------------------------------------------------------------

def test_the_message_is_one_line_with_every_library_and_the_command() -> None:
    problem = PlatformProblem("xcb", ("libxcb-cursor.so.0", "libxcb-icccm.so.4"), DEBIAN, as_root=False)
    message = problem.message()
    assert "\n" not in message
    assert message.startswith("the editor cannot open a window: Qt's X11 (xcb) platform needs ")
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4" in message
    assert message.endswith("install them with: sudo apt-get install libxcb-cursor0 libxcb-icccm4")


def test_root_is_not_told_to_use_sudo_and_fedora_gets_dnf() -> None:
    problem = PlatformProblem("xcb", ("libxcb-cursor.so.0",), FEDORA, as_root=True)
    assert problem.message().endswith("install it with: dnf install xcb-util-cursor")


def test_an_unknown_distribution_is_told_which_files_to_find() -> None:
    message = PlatformProblem("xcb", ("libxcb-cursor.so.0",), "", as_root=False).message()
    assert "libxcb-cursor.so.0" in message
    assert message.endswith("install the packages of your distribution that provide it")


# --- looking at real plugins ------------------------------------------------------------------

def test_the_offscreen_plugin_loads_here(plugins: Path) -> None:
    """./dev test installs what the offscreen plugin needs, so it loads."""
    assert missing_libraries(plugins / "platforms" / "libqoffscreen.so") == ()
    assert platform_problem({"QT_QPA_PLATFORM": "offscreen"}, plugins) is None


def test_a_plugin_without_its_libraries_is_reported_with_all_of_them(stranded_plugins: Path) -> None:
    missing = missing_libraries(stranded_plugins / "platforms" / "libqxcb.so")
    assert missing, "a plugin away from Qt's libraries cannot load"
    assert "libQt6XcbQpa.so.6" in missing and "libQt6Gui.so.6" in missing  # more than the first one
    problem = platform_problem({"DISPLAY": ":0"}, stranded_plugins)
    assert problem is not None and problem.platform == "xcb"
    assert set(missing) <= set(problem.missing)


def test_a_platform_this_qt_does_not_have_is_left_to_qt(stranded_plugins: Path) -> None:
    assert platform_problem({"QT_QPA_PLATFORM": "cocoa"}, stranded_plugins) is None


def test_one_loadable_platform_of_several_is_enough(stranded_plugins: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (stranded_plugins / "platforms" / "libqwayland.so").write_bytes(b"")
    loads = {"libqwayland.so": (), "libqxcb.so": ("libxcb-cursor.so.0",)}
    monkeypatch.setattr(qt_platform, "missing_libraries", lambda plugin: loads[plugin.name])
    assert platform_problem({"QT_QPA_PLATFORM": "xcb;wayland"}, stranded_plugins) is None
    problem = platform_problem({"QT_QPA_PLATFORM": "xcb"}, stranded_plugins)
    assert problem is not None and problem.missing == ("libxcb-cursor.so.0",)


def test_when_every_platform_fails_x11_is_the_one_advised(stranded_plugins: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (stranded_plugins / "platforms" / "libqwayland.so").write_bytes(b"")
    loads = {"libqwayland.so": ("libwayland-cursor.so.0",), "libqxcb.so": ("libxcb-cursor.so.0",)}
    monkeypatch.setattr(qt_platform, "missing_libraries", lambda plugin: loads[plugin.name])
    environ = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}
    problem = platform_problem(environ, stranded_plugins)
    assert problem is not None and problem.platform == "xcb"


def test_the_dev_script_gets_the_package_names(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
                                               stranded_plugins: Path, plugins: Path) -> None:
    monkeypatch.setattr(qt_platform, "distro_family", lambda: DEBIAN)
    monkeypatch.setattr(qt_platform, "qt_plugins_dir", lambda: stranded_plugins)
    assert qt_platform.main(["--platform", "xcb", "--packages"]) == 1
    packages = capsys.readouterr().out.split()
    assert "libqt6xcbqpa6" in packages  # by Debian's rule (Qt's own library, here copied away from it)
    monkeypatch.setattr(qt_platform, "qt_plugins_dir", lambda: plugins)
    assert qt_platform.main(["--platform", "offscreen", "--packages"]) == 0
    assert capsys.readouterr().out == ""


# --- the editor's start -----------------------------------------------------------------------

@pytest.fixture()
def qt_lacks_libraries(monkeypatch: pytest.MonkeyPatch, stranded_plugins: Path) -> None:
    monkeypatch.setattr(qt_platform, "qt_plugins_dir", lambda: stranded_plugins)
    monkeypatch.setattr(qt_platform, "distro_family", lambda: DEBIAN)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    monkeypatch.setenv("DISPLAY", ":93")


def _fake_dialog(folder: Path, name: str) -> Path:
    """A stand-in for a desktop's dialog tool that writes down what it was asked to show."""
    record = folder / f"{name}.args"
    script = folder / name
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{record}"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return record


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 platform plugins are Linux ones")
def test_the_editor_says_which_libraries_are_missing_in_one_line(
    qt_lacks_libraries: None, capsys: pytest.CaptureFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    record = _fake_dialog(tools, "zenity")
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ.get('PATH', '')}")
    assert main([str(EXAMPLE)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("journeymapper: error: the editor cannot open a window: Qt's X11 (xcb) platform needs ")
    assert "libQt6XcbQpa.so.6" in lines[0] and "apt-get install" in lines[0]
    # Started from a desktop (stderr is no terminal here), the same line shows in a dialog.
    for _ in range(200):
        if record.exists() and record.read_text():
            break
        time.sleep(0.05)
    shown = record.read_text(encoding="utf-8")
    assert "--error" in shown and "libQt6XcbQpa.so.6" in shown


def test_a_picture_export_names_the_missing_libraries_too(qt_lacks_libraries: None, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture) -> None:
    assert main(["export", str(EXAMPLE), "-o", str(tmp_path / "map.png")]) == 2
    error = capsys.readouterr().err
    assert "cannot draw map.png: Qt's X11 (xcb) platform needs " in error
    assert not (tmp_path / "map.png").exists()


def test_the_dialog_is_not_shown_when_a_terminal_shows_the_line(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    record = _fake_dialog(tmp_path, "zenity")
    monkeypatch.setenv("PATH", str(tmp_path))

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stderr", Terminal())
    gui_command.tell_the_desktop("anything")
    assert not record.exists()
