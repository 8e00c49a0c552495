"""Install journeymapper into the user's desktop: menu entry, `.jmap` MIME type, icons, default handler.

Files go under the XDG data folder ($XDG_DATA_HOME, else ~/.local/share), or
under PREFIX/share with a prefix:

    applications/journeymapper.desktop
    mime/packages/journeymapper.xml
    icons/hicolor/<N>x<N>/apps/journeymapper.png          (and scalable/apps/journeymapper.svg)
    icons/hicolor/<N>x<N>/mimetypes/application-vnd.journeymapper+json.png   (and scalable/...)

then the desktop's caches are refreshed with the freedesktop tools that exist
here, and (for the user's own folder only) journeymapper becomes the default
application for maps. Installing again gives the same result; `uninstall`
removes exactly these files and the default-handler line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _
from ..resources import icons_dir
from .entries import APP_ID, DESKTOP_FILE, ICON_SIZES, ICONS, MIME_PACKAGE, MIME_TYPE, desktop_entry, mime_xml

TOOL_TIMEOUT = 60


class DesktopError(Exception):
    """Installing or removing the desktop integration failed; the message is one line for the user."""


@dataclass
class Outcome:
    data_dir: Path
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the user should know: a refresh tool missing, a default handler not set..."""
    default_set: bool = False


def data_dir(prefix: str | os.PathLike[str] | None = None) -> Path:
    if prefix is not None:
        return Path(prefix).expanduser().absolute() / "share"
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if xdg and Path(xdg).is_absolute():  # the spec says to ignore a relative value
        return Path(xdg)
    return Path.home() / ".local" / "share"


def launcher() -> list[str]:
    """The command that starts this installation of journeymapper."""
    if getattr(sys, "frozen", False):  # a PyInstaller (or similar) bundle: the executable itself
        # ...except in an AppImage, which runs from a temporary mount: there, the AppImage file.
        return [os.environ.get("APPIMAGE") or sys.executable]
    # Not resolved: a virtual environment's python is a symlink, and its scripts sit beside the link.
    script = Path(sys.executable).with_name(APP_ID)
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", APP_ID]


def _icon_files(target: Path) -> dict[Path, Path]:
    """Where each icon goes -> the bundled file it is copied from."""
    source, hicolor = icons_dir(), target / "icons" / "hicolor"
    files = {}
    for name, context in ICONS.items():
        for size in ICON_SIZES:
            folder = f"{size}x{size}/{context}"
            files[hicolor / folder / f"{name}.png"] = source / "hicolor" / folder / f"{name}.png"
        files[hicolor / "scalable" / context / f"{name}.svg"] = source / f"{name}.svg"
    return files


def planned_files(target: Path) -> dict[Path, Path | str]:
    """Where each file goes -> its content: text, or the bundled file to copy."""
    files: dict[Path, Path | str] = {
        target / "applications" / DESKTOP_FILE: desktop_entry(launcher()),
        target / "mime" / "packages" / MIME_PACKAGE: mime_xml(),
    }
    files.update(_icon_files(target))
    return files


def installed_files(target: Path) -> list[Path]:
    """Every path install() writes under `target` (what uninstall() removes)."""
    return [target / "applications" / DESKTOP_FILE, target / "mime" / "packages" / MIME_PACKAGE,
            *_icon_files(target)]


def _check_platform() -> None:
    if sys.platform == "darwin" or sys.platform.startswith(("win", "cygwin")):
        raise DesktopError(_(
            "install-desktop is for Linux and BSD desktops (freedesktop.org); "
            "on macOS and Windows use the installer of the app bundle"
        ))


def _write(path: Path, content: bytes) -> None:
    """Write atomically, and only when the content changes (so a second install touches nothing)."""
    try:
        if path.is_file() and path.read_bytes() == content:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command, capture_output=True, text=True, timeout=TOOL_TIMEOUT, stdin=subprocess.DEVNULL, check=False
        )
    except subprocess.TimeoutExpired:
        raise DesktopError(_("{command} did not finish within {seconds} s").format(
            command=command[0], seconds=TOOL_TIMEOUT)) from None
    except OSError as exc:
        raise DesktopError(_("cannot run {command}: {reason}").format(command=command[0],
                                                                      reason=exc.strerror or exc)) from None


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _refresh_mime(target: Path, outcome: Outcome, *, ours_expected: bool) -> None:
    mime = target / "mime"
    tool = shutil.which("update-mime-database")
    if tool is None:
        outcome.notes.append(
            _("update-mime-database not found (package shared-mime-info): the MIME database was not "
              "refreshed")
        )
        return
    if not (mime / "packages").is_dir():
        return
    result = _run([tool, str(mime)])
    output = result.stdout + result.stderr
    # It exits 0 even when it rejects a file, so read what it says.
    ours = [line.strip() for line in output.splitlines() if f"packages/{MIME_PACKAGE}" in line]
    if ours_expected and (ours or result.returncode != 0):
        reason = ours[0] if ours else _first_line(output) or _exit_status(result.returncode)
        raise DesktopError(_("update-mime-database rejected the journeymapper MIME type: {reason}").format(
            reason=reason))
    if ours_expected and "not in the search path" in output:
        outcome.notes.append(
            _("{folder} is not in XDG_DATA_DIRS: desktops will not see these files until it is").format(
                folder=target)
        )


def _exit_status(code: int) -> str:
    return _("exit status {code}").format(code=code)


def _refresh_applications(target: Path, outcome: Outcome) -> None:
    tool = shutil.which("update-desktop-database")
    applications = target / "applications"
    if tool is None or not applications.is_dir():
        return
    result = _run([tool, "-q", str(applications)])
    if result.returncode != 0:
        said = _first_line(result.stderr) or _("failed")
        # not translated: the tool's name, then what it said
        outcome.notes.append(f"update-desktop-database: {said}")


def _refresh_icons(target: Path, outcome: Outcome) -> None:
    hicolor = target / "icons" / "hicolor"
    if not hicolor.is_dir():
        return
    try:
        os.utime(hicolor)  # icon themes notice a newer folder even without a cache
    except OSError:
        pass
    # Only keep a cache fresh that is already there: a new cache in a folder other programs write icons
    # to without updating it would hide their icons.
    tool = shutil.which("gtk-update-icon-cache")
    if tool is None or not (hicolor / "icon-theme.cache").is_file():
        return
    result = _run([tool, "--force", "--quiet", "--ignore-theme-index", str(hicolor)])
    if result.returncode != 0:
        said = _first_line(result.stderr) or _("failed")
        # not translated: the tool's name, then what it said
        outcome.notes.append(f"gtk-update-icon-cache: {said}")


def _set_default(outcome: Outcome) -> None:
    tool = shutil.which("xdg-mime")
    if tool is None:
        outcome.notes.append(_("xdg-mime not found (package xdg-utils): "
            "choose journeymapper for .jmap files in your file manager"
        ))
        return
    result = _run([tool, "default", DESKTOP_FILE, MIME_TYPE])
    if result.returncode != 0:
        reason = _first_line(result.stderr) or f"xdg-mime {_exit_status(result.returncode)}"
        outcome.notes.append(_("could not make journeymapper the default for maps: {reason}").format(
            reason=reason))
    else:
        outcome.default_set = True


def install(prefix: str | os.PathLike[str] | None = None) -> Outcome:
    _check_platform()
    target = data_dir(prefix)
    outcome = Outcome(target)
    plan = planned_files(target)
    missing = [str(source) for source in plan.values() if isinstance(source, Path) and not source.is_file()]
    if missing:
        raise DesktopError(_("the installation is incomplete: {file} is missing").format(file=missing[0]))
    for path, content in plan.items():
        try:
            _write(path, content.encode("utf-8") if isinstance(content, str) else content.read_bytes())
        except OSError as exc:
            raise DesktopError(_("cannot write {file}: {reason}").format(
                file=path, reason=exc.strerror or exc)) from None
        outcome.files.append(path)
    _refresh_mime(target, outcome, ours_expected=True)
    _refresh_applications(target, outcome)
    _refresh_icons(target, outcome)
    if prefix is None:
        _set_default(outcome)
    return outcome


def _config_home() -> Path:
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    return Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".config"


def _forget_default() -> bool:
    """Take our line out of mimeapps.list (where `xdg-mime default` put it); other choices stay."""
    path = _config_home() / "mimeapps.list"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    kept, section, changed = [], "", False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        elif section == "[Default Applications]" and stripped.partition("=")[0].strip() == MIME_TYPE:
            apps = [app for app in stripped.partition("=")[2].split(";") if app.strip()]
            others = [app for app in apps if app.strip() != DESKTOP_FILE]
            if others != apps:
                changed = True
                if others:
                    kept.append(f"{MIME_TYPE}={';'.join(others)};")
                continue
        kept.append(line)
    if not changed:
        return False
    remaining = "\n".join(kept).strip()
    try:
        if remaining in ("", "[Default Applications]"):
            path.unlink()  # nothing but what install (through xdg-mime) put there
        else:
            _write(path, (remaining + "\n").encode("utf-8"))
    except OSError as exc:
        raise DesktopError(_("cannot update {file}: {reason}").format(
            file=path, reason=exc.strerror or exc)) from None
    return True


def uninstall(prefix: str | os.PathLike[str] | None = None) -> Outcome:
    _check_platform()
    target = data_dir(prefix)
    outcome = Outcome(target)
    for path in installed_files(target):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DesktopError(_("cannot remove {file}: {reason}").format(
                file=path, reason=exc.strerror or exc)) from None
        outcome.files.append(path)
    # The icon size folders hold nothing else of ours: drop those left empty.
    hicolor = target / "icons" / "hicolor"
    for size in [f"{size}x{size}" for size in ICON_SIZES] + ["scalable"]:
        contexts = sorted(set(ICONS.values()))
        for folder in [hicolor / size / context for context in contexts] + [hicolor / size]:
            try:
                folder.rmdir()
            except OSError:
                pass
    if prefix is None:
        outcome.default_set = _forget_default()
    _refresh_mime(target, outcome, ours_expected=False)
    _refresh_applications(target, outcome)
    _refresh_icons(target, outcome)
    return outcome
