"""argparse's own words on the command line ("usage:", "options", "the following arguments are
required") come from our catalogues too, and asking for them changes nothing for the rest of the
process."""

from __future__ import annotations

import gettext
import os
import subprocess
import sys

from journeymapper.i18n import interface_language, set_interface_language, words


def _run(*args: str, language: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOURNEYMAPPER_LANGUAGE": language}
    env.pop("LANGUAGE", None)
    return subprocess.run([sys.executable, "-m", "journeymapper", *args], capture_output=True, text=True,
                          env=env, timeout=60, check=False)


def test_help_and_usage_errors_are_in_the_users_language():
    de = words("de")
    shown = _run("check", "--help", language="de").stdout
    for word in ("usage: ", "options", "show this help message and exit"):
        assert de(word) != word and de(word).strip() in shown, word
    assert "show this help message and exit" not in shown
    missing = _run("import", language="ja").stderr
    said = words("ja")("the following arguments are required: %s") % "FILE, -o/--output"
    assert said in missing, missing


def test_english_stays_argparses_own():
    shown = _run("check", "--help", language="en").stdout
    assert "show this help message and exit" in shown and "options:" in shown


def test_the_process_keeps_its_gettext_domain_and_language(capsys):
    from journeymapper.cli.main import main

    before_domain, before_language = gettext.textdomain(), os.environ.get("LANGUAGE")
    was = interface_language()
    set_interface_language("de")
    try:
        assert main(["import"]) == 2
    finally:
        set_interface_language(was)
    assert words("de")("the following arguments are required: %s").split("%s")[0] in capsys.readouterr().err
    assert gettext.textdomain() == before_domain and os.environ.get("LANGUAGE") == before_language
