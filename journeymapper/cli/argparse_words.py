"""argparse's own words ("usage:", "options", "the following arguments are required") in the
interface language, like the rest of the command line.

argparse asks the gettext module's current domain for them: the GNU gettext interface for an
application. The command line makes our catalogue that domain, and gives the gettext module the
interface language (it reads the language from the environment, as gettext's own programs do).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager

from ..i18n import DEFAULT_LANGUAGE, DOMAIN, N_, interface_language, locale_dir

ARGPARSE_WORDS = (
    # TRANSLATORS: argparse's words (Python's command-line parser): keep every %s, %r and %(name)s/%(name)r
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)
"""The messages of Python's argparse that a person meets, as argparse writes them (Python 3.11-3.13)."""


@contextmanager
def argparse_in_our_language() -> Iterator[None]:
    """While the block runs, argparse's words come from our catalogue, in the interface language."""
    language = interface_language()
    if language == DEFAULT_LANGUAGE:
        yield
        return
    gettext.bindtextdomain(DOMAIN, str(locale_dir()))
    domain, asked = gettext.textdomain(), os.environ.get("LANGUAGE")
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language  # (gettext's module functions take the language from here)
    try:
        yield
    finally:
        gettext.textdomain(domain)
        if asked is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = asked
