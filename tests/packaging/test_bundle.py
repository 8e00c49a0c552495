"""The standalone PyInstaller bundle (packaging/bundle/journeymapper.spec) works on its own.

Builds dist/journeymapper/ (or reuses it when it is newer than every source file it is made from,
so repeated local runs are fast; delete dist/ to force a build), then runs the bundled executable
in a clean environment: only PATH=/usr/bin:/bin and a temporary HOME, no PYTHONPATH, started in
an empty temporary folder, so it cannot fall back on the venv or the source checkout.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import journeymapper
from journeymapper.desktop.qt_platform import DEBIAN, package_for
from journeymapper.i18n import LANGUAGES

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "bundle" / "journeymapper.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "bundle"
APP = DIST / "journeymapper"
EXE = APP / ("journeymapper.exe" if sys.platform == "win32" else "journeymapper")
INTERNAL = APP / "_internal"  # sys._MEIPASS of a PyInstaller 6 one-folder build
# What the bundle is made from: a change to any of these makes a new build.
SOURCES = [ROOT / "journeymapper", ROOT / "resources", ROOT / "icons", ROOT / "packaging" / "bundle"]
# A generous ceiling (it is about 165 MB on Linux, 35 MB of it CLDR's data for writing figures and dates
# in every locale): catches a Qt module or plugin set slipping back in.
MAX_BUNDLE_MB = 215
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

if sys.platform != "linux":  # the clean environment and the checks below are Linux ones
    pytest.skip("the bundle test runs on Linux (macOS/Windows: see packaging/README.md)", allow_module_level=True)


def _newest_source_mtime() -> float:
    newest = SPEC.stat().st_mtime
    for folder in SOURCES:
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                newest = max(newest, path.stat().st_mtime)
    return newest


def _is_fresh() -> bool:
    return EXE.is_file() and EXE.stat().st_mtime > _newest_source_mtime()


@contextlib.contextmanager
def _build_lock():
    """Two test runs at once must not build into the same dist/ together."""
    import fcntl

    WORK.parent.mkdir(parents=True, exist_ok=True)
    with open(ROOT / "build" / ".bundle.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _build() -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("JOURNEYMAPPER_WINDOWED", "PYTHONPATH")}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--workpath", str(WORK), "--distpath", str(DIST), str(SPEC)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800,
    )
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, f"PyInstaller failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    EXE.touch()  # the build's time stamp, for _is_fresh()
    return elapsed


@pytest.fixture(scope="module")
def bundle() -> Path:
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (make bundle installs it)")
    with _build_lock():
        if _is_fresh():
            print(f"\nreusing {APP} (newer than the sources)")
        else:
            print(f"\nbuilt {APP} in {_build():.0f} s")
    assert EXE.is_file()
    return EXE


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    (tmp_path / "home").mkdir()
    work = tmp_path / "work"
    work.mkdir()
    return tmp_path


def run(exe: Path, home: Path, *args: str, timeout: float = 120, **extra_env: str) -> subprocess.CompletedProcess:
    """The bundled program, as a user without Python would start it."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home / "home"), **extra_env}
    return subprocess.run([str(exe), *args], cwd=home / "work", env=env, capture_output=True,
                          text=True, timeout=timeout)


def _example(home: Path) -> Path:
    """The example map the bundle carries (not the checkout's), copied next to the user."""
    bundled = INTERNAL / "resources" / "examples" / "corner-bakery.jmap"
    assert bundled.is_file(), "the bundle lacks resources/examples"
    return Path(shutil.copy(bundled, home / "work" / "example.jmap"))


def test_version(bundle: Path, home: Path) -> None:
    result = run(bundle, home, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"journeymapper {journeymapper.__version__} ")


def test_check_the_bundled_example(bundle: Path, home: Path) -> None:
    _example(home)
    result = run(bundle, home, "check", "example.jmap")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout


def test_check_a_broken_file_is_one_line_without_traceback(bundle: Path, home: Path) -> None:
    (home / "work" / "broken.jmap").write_text('{"format": "journeymapper", ', encoding="utf-8")
    result = run(bundle, home, "check", "broken.jmap")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("journeymapper: error: ")


def test_templates_and_new_map_from_one(bundle: Path, home: Path) -> None:
    listed = run(bundle, home, "templates")
    assert listed.returncode == 0, listed.stderr
    assert "small-business-classic" in listed.stdout
    created = run(bundle, home, "new", "-o", "x.jmap", "--template", "small-business-classic")
    assert created.returncode == 0, created.stderr
    assert (home / "work" / "x.jmap").is_file()
    checked = run(bundle, home, "check", "x.jmap")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_maps_travel_through_spreadsheets_mermaid_diff_and_merge(bundle: Path, home: Path) -> None:
    """The modules loaded by a file's suffix or a command's name (openpyxl with them) are in the bundle."""
    _example(home)
    for suffix in ("xlsx", "csv", "mmd"):
        exported = run(bundle, home, "export", "example.jmap", "-o", f"out.{suffix}")
        assert exported.returncode == 0, exported.stderr
        imported = run(bundle, home, "import", f"out.{suffix}", "-o", f"back-{suffix}.jmap")
        assert imported.returncode in (0, 1), imported.stderr  # (1: a column the format leaves out, said)
        assert (home / "work" / f"back-{suffix}.jmap").is_file()
    same = run(bundle, home, "diff", "example.jmap", "back-xlsx.jmap")
    assert same.returncode == 0, same.stdout + same.stderr
    merged = run(bundle, home, "merge", "example.jmap", "example.jmap", "back-xlsx.jmap", "-o", "merged.jmap")
    assert merged.returncode == 0, merged.stdout + merged.stderr


def test_export_pdf(bundle: Path, home: Path) -> None:
    _example(home)
    result = run(bundle, home, "export", "example.jmap", "-o", "out.pdf")
    assert result.returncode == 0, result.stderr
    pdf = home / "work" / "out.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Corner bakery" in text  # the bundled DejaVu font is embedded with a Unicode map


def test_export_png_offscreen(bundle: Path, home: Path) -> None:
    _example(home)
    result = run(bundle, home, "export", "example.jmap", "-o", "out.png", QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stderr
    assert (home / "work" / "out.png").read_bytes().startswith(PNG_SIGNATURE)
    assert "Traceback" not in result.stderr


def test_export_svg_without_a_display_picks_offscreen_itself(bundle: Path, home: Path) -> None:
    _example(home)
    result = run(bundle, home, "export", "example.jmap", "-o", "out.svg")  # no QT_QPA_PLATFORM, no DISPLAY
    assert result.returncode == 0, result.stderr
    assert b"<svg" in (home / "work" / "out.svg").read_bytes()[:400]


def test_editor_starts_offscreen(bundle: Path, home: Path) -> None:
    """The GUI's modules (imported lazily, so not touched by the commands above) are all bundled:
    the editor is still running after a few seconds, with no Python error."""
    _example(home)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home / "home"), "QT_QPA_PLATFORM": "offscreen",
           "JOURNEYMAPPER_NO_SINGLE_INSTANCE": "1"}
    process = subprocess.Popen([str(bundle), "example.jmap"], cwd=home / "work", env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(6)
        alive = process.poll() is None
    finally:
        process.terminate()
        try:
            _, stderr = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr = process.communicate()
    assert alive, f"the editor exited with {process.returncode}:\n{stderr}"
    assert not [word for word in ("Traceback", "ImportError", "ModuleNotFoundError") if word in stderr], stderr


def test_bundle_holds_only_what_it_needs(bundle: Path) -> None:
    files = [p for p in APP.rglob("*") if p.is_file() and not p.is_symlink()]  # PyInstaller links some .so
    names = {p.name for p in files}
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"\n{APP}: {size_mb:.0f} MB in {len(files)} files")
    assert size_mb < MAX_BUNDLE_MB
    # Our data, at the bundle root where journeymapper/resources.py looks.
    for needed in ("resources/fonts/DejaVuSans.ttf", "resources/fonts/DejaVuSans-Bold.ttf",
                   "resources/fonts/DejaVu-LICENSE.txt", "resources/templates/small-business-classic.jmap",
                   "resources/examples/corner-bakery.jmap", "icons/journeymapper.svg"):
        assert (INTERNAL / needed).is_file(), needed
    # Only the Qt modules we use.
    unwanted = ("Qt6Quick", "Qt6Qml", "Qt6WebEngine", "Qt63D", "Qt6Multimedia", "Qt6Pdf", "Qt6Designer",
                "Qt6OpenGL", "Qt6Wayland", "QtQuick", "QtQml", "QtWebEngine")
    assert not [n for n in names if any(u in n for u in unwanted)]
    # (QtPrintSupport: File > Print; the pages are drawn by PDFium, pypdfium2's own library)
    for module in ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"):
        assert any(n.startswith(module + ".") for n in names), module
    # Only the Qt plugins we chose, and of Qt's translations only its base words in our languages.
    plugins = INTERNAL / "PySide6" / "Qt" / "plugins"
    platforms = {p.name for p in (plugins / "platforms").iterdir()}
    assert platforms == {"libqoffscreen.so", "libqxcb.so"}
    assert (plugins / "imageformats" / "libqsvg.so").is_file()
    assert (plugins / "iconengines" / "libqsvgicon.so").is_file()
    translations = {p.name for p in (INTERNAL / "PySide6" / "Qt" / "translations").iterdir()}
    assert translations == {f"qtbase_{code}.qm" for code in LANGUAGES}
    for code in LANGUAGES:  # our own words, and CLDR's figures and dates
        if code != "en":
            assert (INTERNAL / "resources" / "locale" / code / "LC_MESSAGES" / "journeymapper.mo").is_file(), code
    assert any(n == "de.dat" for n in names)  # (Babel's locale data)
    assert not [n for n in names if n.startswith(("libssl", "libcrypto"))]


def test_xcb_plugin_has_its_libraries(bundle: Path) -> None:
    """The X11 plugin loads on a desktop only if every library it links is in the bundle or on the
    machine. PyInstaller copies them from the build machine, so build where they are installed."""
    if not shutil.which("ldd"):
        pytest.skip("no ldd")
    qt = INTERNAL / "PySide6" / "Qt"
    env = {"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": f"{INTERNAL}:{qt / 'lib'}"}
    missing = set()
    for library in (qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"):
        output = subprocess.run(["ldd", str(library)], capture_output=True, text=True, env=env).stdout
        missing |= {line.split()[0] for line in output.splitlines() if "not found" in line}
    if missing:
        packages = " ".join(dict.fromkeys(package_for(library, DEBIAN) for library in sorted(missing)))
        pytest.skip(f"this machine lacks {', '.join(sorted(missing))}, so the bundle cannot carry them "
                    f"(Debian/Ubuntu: apt-get install {packages}, which 'make bundle' and './dev test' do)")
