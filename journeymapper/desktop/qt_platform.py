"""Whether Qt's platform plugin can load here, and which system packages it lacks if it cannot.

Qt aborts the whole process when its platform plugin does not load, after a paragraph that names
one library at best (and for the X11 plugin often the wrong one). We ask first, without starting
Qt, so the user gets one line naming every missing library and the command that installs them.
`./dev` uses the same knowledge (`python -m journeymapper.desktop.qt_platform --packages`) to
install them, so the two can never disagree. Qt-free: only the plugin files are looked at.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _

# The families of distributions whose package names we know, by /etc/os-release ID or ID_LIKE.
DEBIAN, FEDORA, ARCH, SUSE = "debian", "fedora", "arch", "suse"
_FAMILY_OF = {"debian": DEBIAN, "ubuntu": DEBIAN, "fedora": FEDORA, "rhel": FEDORA, "centos": FEDORA,
              "arch": ARCH, "suse": SUSE, "opensuse": SUSE}
_INSTALL = {DEBIAN: "apt-get install", FEDORA: "dnf install", ARCH: "pacman -S", SUSE: "zypper install"}

# Libraries Qt's platform plugins link that desktops may lack, and the package giving each one,
# per family (Debian's and Ubuntu's names are the same). Libraries not listed are named by
# Debian's rule for library packages on Debian and Ubuntu, and only by file name elsewhere.
_PACKAGES: dict[str, tuple[str, str, str, str]] = {
    #                          Debian/Ubuntu          Fedora/RHEL            Arch                  openSUSE
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor", "libxcb-cursor0"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm", "libxcb-icccm4"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image", "xcb-util-image", "libxcb-image0"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms", "libxcb-keysyms1"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil", "xcb-util-renderutil",
                                "libxcb-render-util0"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util", "xcb-util", "libxcb-util1"),
    "libxcb.so.1": ("libxcb1", "libxcb", "libxcb", "libxcb1"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11", "libxkbcommon-x11-0"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon", "libxkbcommon", "libxkbcommon0"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb", "libx11", "libX11-xcb1"),
    "libX11.so.6": ("libx11-6", "libX11", "libx11", "libX11-6"),
    "libSM.so.6": ("libsm6", "libSM", "libsm", "libSM6"),
    "libICE.so.6": ("libice6", "libICE", "libice", "libICE6"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl", "libglvnd", "libEGL1"),
    "libGL.so.1": ("libgl1", "libglvnd-glx", "libglvnd", "libGL1"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl", "libglvnd", "libOpenGL0"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx", "libglvnd", "libGLX0"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig", "fontconfig", "libfontconfig1"),
    "libfreetype.so.6": ("libfreetype6", "freetype", "freetype2", "libfreetype6"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs", "dbus", "libdbus-1-3"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2", "glib2", "libglib-2_0-0"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2", "glib2", "libgthread-2_0-0"),
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client", "wayland", "libwayland-client0"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor", "wayland", "libwayland-cursor0"),
    "libwayland-egl.so.1": ("libwayland-egl1", "libwayland-egl", "wayland", "libwayland-egl1"),
}
_COLUMN = {DEBIAN: 0, FEDORA: 1, ARCH: 2, SUSE: 3}
_XCB_EXTENSION = ("libxcb-", ".so.")  # the other xcb extensions: one library each in Debian, all in libxcb elsewhere

_PLATFORM_NAMES = {"xcb": "X11 (xcb)", "wayland": "Wayland", "offscreen": "offscreen"}


@dataclass(frozen=True)
class PlatformProblem:
    """A platform plugin that cannot load, and the system libraries it lacks."""

    platform: str
    missing: tuple[str, ...]
    family: str = ""
    as_root: bool = False

    def packages(self) -> list[str]:
        """The packages to install for the missing libraries, in this distribution's names
        (empty when the distribution is not one we know)."""
        names = (package_for(library, self.family) for library in self.missing)
        return list(dict.fromkeys(name for name in names if name))

    def message(self, outcome: str | None = None) -> str:
        """One line: what cannot start (by default the editor's window), which libraries are missing,
        and how to get them."""
        outcome = outcome or _("the editor cannot open a window")
        what = _PLATFORM_NAMES.get(self.platform, self.platform)
        libraries = ", ".join(self.missing) if self.missing else _("a system library")
        several = len(self.missing) > 1
        packages = self.packages()
        if packages:
            sudo = "" if self.as_root else "sudo "
            command = f"{sudo}{_INSTALL[self.family]} {' '.join(packages)}"
            how = (_("install them with: {command}") if several else _("install it with: {command}")).format(
                command=command)
        else:
            how = (_("install the packages of your distribution that provide them") if several
                   else _("install the packages of your distribution that provide it"))
        # TRANSLATORS: {outcome} is what cannot happen ("the editor cannot open a window"), {platform}
        # the name of Qt's display platform (X11, Wayland), {libraries} the missing system libraries,
        # {how} what to do
        said = _("{outcome}: Qt's {platform} platform needs {libraries}, which this system lacks; {how}")
        return said.format(outcome=outcome, platform=what, libraries=libraries, how=how)


def distro_family(os_release: Path = Path("/etc/os-release")) -> str:
    """debian, fedora, arch or suse by /etc/os-release, or '' for a distribution we do not know."""
    try:
        text = os_release.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            fields[key.strip()] = value.strip().strip("\"'")
    for name in [fields.get("ID", ""), *fields.get("ID_LIKE", "").split()]:
        family = _FAMILY_OF.get(name.lower()) or _FAMILY_OF.get(name.lower().split("-")[0])
        if family:
            return family
    return ""


def package_for(library: str, family: str) -> str:
    """The package that provides a shared library (by its soname) in a family's names, or ''."""
    known = _PACKAGES.get(library)
    if known is not None and family in _COLUMN:
        return known[_COLUMN[family]]
    is_xcb_extension = library.startswith(_XCB_EXTENSION[0]) and _XCB_EXTENSION[1] in library
    if family in (FEDORA, ARCH) and is_xcb_extension:
        return "libxcb"
    if family in (DEBIAN, SUSE) and ".so." in library:
        return _debian_library_package(library, lower=family == DEBIAN)
    return ""


def _debian_library_package(library: str, lower: bool) -> str:
    """Debian's rule: the soname's name and version, with a hyphen when the name ends in a digit
    (libxcb-shape.so.0 -> libxcb-shape0, libfoo2.so.1 -> libfoo2-1)."""
    name, _so, version = library.partition(".so.")
    name = name.lower() if lower else name
    return f"{name}-{version}" if name[-1:].isdigit() else f"{name}{version}"


def platforms_to_try(environ: Mapping[str, str], platform: str = sys.platform) -> list[str]:
    """The platform plugins Qt will try, in order (Qt falls back along QT_QPA_PLATFORM's list,
    and in a Wayland session tries Wayland before X11)."""
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return [name.split(":", 1)[0].strip() for name in chosen.split(";") if name.strip()]
    if not (platform.startswith("linux") or "bsd" in platform):
        return []  # Windows and macOS have one native plugin, always there
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"]
    return ["xcb"]


def qt_plugins_dir() -> Path | None:
    """PySide6's Qt plugin folder, found without importing Qt (in a venv and in the bundle)."""
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    plugins = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins"
    return plugins if plugins.is_dir() else None


def plugin_file(plugins_dir: Path, platform: str) -> Path | None:
    """The plugin library of a platform (libqxcb.so for xcb), if this Qt has it."""
    folder = plugins_dir / "platforms"
    for name in (f"libq{platform}.so", f"libq{platform}.dylib", f"q{platform}.dll"):
        if (folder / name).is_file():
            return folder / name
    return None


def missing_libraries(plugin: Path) -> tuple[str, ...] | None:
    """The shared libraries a plugin needs that this system lacks: () when it loads, None when
    it cannot load for another reason. Loading it is the cheap test (Qt loads the same file
    next, so nothing is loaded twice); only when that fails does ldd list every missing library."""
    try:
        ctypes.CDLL(str(plugin))
        return ()
    except OSError as exc:
        first = str(exc).split(":", 1)[0].strip()
    listed = _ldd_not_found(plugin)
    if listed:
        return listed
    return (first,) if first.startswith("lib") and ".so" in first else None


def _ldd_not_found(library: Path) -> tuple[str, ...]:
    import shutil  # (only when a plugin did not load: the editor's start stays quick)
    import subprocess

    ldd = shutil.which("ldd")
    if ldd is None:
        return ()
    try:
        output = subprocess.run([ldd, str(library)], capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    found = [line.split()[0] for line in output.splitlines() if "not found" in line and line.split()]
    return tuple(dict.fromkeys(found))


def platform_problem(
    environ: Mapping[str, str] | None = None, plugins_dir: Path | None = None,
) -> PlatformProblem | None:
    """Why Qt's platform plugin would not load here, or None when one of those Qt tries will
    (or when we cannot tell: then Qt has its say)."""
    environ = os.environ if environ is None else environ
    plugins_dir = plugins_dir if plugins_dir is not None else qt_plugins_dir()
    if plugins_dir is None:
        return None
    problems: list[PlatformProblem] = []
    for platform in platforms_to_try(environ):
        plugin = plugin_file(plugins_dir, platform)
        if plugin is None:
            continue
        missing = missing_libraries(plugin)
        if missing is None or not missing:
            return None
        problems.append(PlatformProblem(platform, missing, distro_family(), _is_root()))
    # X11 is what every Linux desktop can run (Wayland ones through XWayland): advise on it first.
    problems.sort(key=lambda problem: problem.platform != "xcb")
    return problems[0] if problems else None


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def main(argv: Sequence[str] | None = None) -> int:
    """For ./dev: the packages to install (--packages), or the advice line; exit 1 when some are missing."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m journeymapper.desktop.qt_platform", description=main.__doc__)
    # not translated: ./dev's tool (below too)
    parser.add_argument("--platform", default=None, help="check this platform plugin (default: as Qt would choose)")
    # not translated: ./dev's tool
    parser.add_argument("--packages", action="store_true", help="print the packages to install, one per line")
    args = parser.parse_args(argv)
    environ = dict(os.environ)
    if args.platform:
        environ["QT_QPA_PLATFORM"] = args.platform
    problem = platform_problem(environ)
    if problem is None:
        return 0
    if args.packages:
        print("\n".join(problem.packages()))
    else:
        print(problem.message())
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
