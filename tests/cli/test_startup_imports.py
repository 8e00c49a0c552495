"""Each command imports only what it uses: what a real `python -m journeymapper ...` process loads.

Start-up time is mostly imports: `--version` must not wait for pydantic, networkx or ReportLab,
`check` not for ReportLab, and no headless command for Qt. The modules are read from
`-X importtime`, which names every module the process imports, whoever imports it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from journeymapper.cli.main import build_parser
from journeymapper.resources import example_map_path

ROOT = Path(__file__).resolve().parents[2]
QT = {"PySide6", "shiboken6"}
MODEL_AND_CHECKER = {"pydantic", "pydantic_core", "networkx"}
PRINTER = {"reportlab"}
HEAVY = MODEL_AND_CHECKER | PRINTER | QT


def run_and_list_imports(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run the command line as a user would; return the process and the top-level packages it imported
    (and, for journeymapper, each module: `journeymapper.model`...)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "journeymapper", *map(str, args)],
                            check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    modules = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
               if line.startswith("import time:")}
    ours = {module for module in modules if module.startswith("journeymapper.")}
    return result, {module.split(".")[0] for module in modules} | ours


def test_version_imports_neither_model_nor_checker_nor_printer_nor_qt():
    result, packages = run_and_list_imports("--version")
    assert result.returncode == 0 and result.stdout.startswith("journeymapper "), result.stderr[-2000:]
    assert "journeymapper" in packages
    assert packages.isdisjoint(HEAVY), sorted(packages & HEAVY)
    ours = {"journeymapper.model", "journeymapper.io.reader", "journeymapper.check", "journeymapper.export"}
    assert packages.isdisjoint(ours), f"the version and file format are constants: {sorted(packages & ours)}"


def test_help_lists_every_command_without_importing_them():
    result, packages = run_and_list_imports("--help")
    assert result.returncode == 0 and "install-desktop" in result.stdout, result.stderr[-2000:]
    assert packages.isdisjoint(HEAVY), sorted(packages & HEAVY)


def test_check_imports_no_printer_and_no_qt():
    result, packages = run_and_list_imports("check", example_map_path())
    assert result.returncode == 0 and "1 file checked" in result.stdout, result.stderr[-2000:]
    assert {"pydantic", "networkx"} <= packages, "the map was read and checked"
    assert packages.isdisjoint(PRINTER | QT), sorted(packages & (PRINTER | QT))


def test_command_help_imports_no_qt():
    for command in ("check", "export"):
        result, packages = run_and_list_imports(command, "--help")
        assert result.returncode == 0 and result.stdout.startswith("usage: journeymapper " + command)
        assert packages.isdisjoint(QT), (command, sorted(packages & QT))


def test_pdf_export_imports_no_qt(tmp_path):
    output = tmp_path / "map.pdf"
    result, packages = run_and_list_imports("export", example_map_path(), "-o", output)
    assert result.returncode == 0, result.stderr[-2000:]
    assert output.read_bytes().startswith(b"%PDF")
    assert "reportlab" in packages
    assert packages.isdisjoint(QT), sorted(packages & QT)


def test_the_help_listing_is_the_same_whichever_commands_are_loaded():
    """The commands not asked for are listed from a table; the listing must not differ from theirs."""
    everything = build_parser().format_help()
    assert build_parser([]).format_help() == everything
    assert build_parser(["upgrade", "export"]).format_help() == everything


def test_the_file_format_constant_is_the_format_the_writer_writes():
    """`--version` prints `journeymapper.FILE_FORMAT_VERSION` so as not to import the migrations
    (they bring the model); it must say what `io.migrations` writes."""
    import journeymapper
    from journeymapper.io import migrations

    assert journeymapper.FILE_FORMAT_VERSION == migrations.CURRENT_VERSION
