"""`journeymapper install-desktop` and `uninstall-desktop`: menu entry, `.jmap` type and icons (Linux)."""

from __future__ import annotations

import argparse
from typing import Any

from ..i18n import N_, _, _n
from .commands import summary
from .output import say_error, say_warning

_PREFIX_HELP = N_(
    "use DIR/share (for example /usr/local) instead of your own data folder "
    "($XDG_DATA_HOME, else ~/.local/share); the default application is then left as it is"
)


def register(commands: Any) -> None:
    install = commands.add_parser(
        "install-desktop",
        help=summary("install-desktop"),
        description=_(
            "Install the menu entry, the .jmap file type (application/vnd.journeymapper+json) and the icons "
            "into your XDG data folder, refresh the desktop's caches and make journeymapper the default "
            "application for maps. Running it again is harmless."
        ),
    )
    install.add_argument("--prefix", metavar="DIR", help=_(_PREFIX_HELP))
    install.set_defaults(run=run_install)

    uninstall = commands.add_parser(
        "uninstall-desktop",
        help=summary("uninstall-desktop"),
        description=_(
            "Remove the menu entry, the .jmap file type and the icons that install-desktop installed."
        ),
    )
    uninstall.add_argument("--prefix", metavar="DIR", help=_(_PREFIX_HELP))
    uninstall.set_defaults(run=run_uninstall)


def run_install(args: argparse.Namespace) -> int:
    from ..desktop.install import DesktopError, install

    try:
        outcome = install(args.prefix)
    except DesktopError as exc:
        say_error(str(exc))
        return 1
    for note in outcome.notes:
        say_warning(note)
    print(_("installed the journeymapper menu entry, the .jmap file type and its icons in {folder}").format(
        folder=outcome.data_dir))
    if outcome.default_set:
        print(_("journeymapper now opens .jmap files"))
    return 0


def run_uninstall(args: argparse.Namespace) -> int:
    from ..desktop.install import DesktopError, uninstall

    try:
        outcome = uninstall(args.prefix)
    except DesktopError as exc:
        say_error(str(exc))
        return 1
    for note in outcome.notes:
        say_warning(note)
    if outcome.files or outcome.default_set:
        print(_n("removed {n} journeymapper desktop file from {folder}",
                 "removed {n} journeymapper desktop files from {folder}", len(outcome.files)).format(
            n=len(outcome.files), folder=outcome.data_dir))
    else:
        print(_("nothing to remove: journeymapper is not installed in {folder}").format(
            folder=outcome.data_dir))
    return 0
