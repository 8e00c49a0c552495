"""`journeymapper new`, `templates` and `upgrade`: make and rewrite `.jmap` files."""

from __future__ import annotations

import argparse
import os
from typing import Any

from ..i18n import _
from ..io.errors import LoadError, SaveError
from ..io.migrations import CURRENT_VERSION
from ..resources import DEFAULT_TEMPLATE
from .commands import summary
from .output import load_or_report, one_line, say_error


def register(commands: Any) -> None:
    new = commands.add_parser(
        "new",
        help=summary("new"),
        description=_("Create a new .jmap file from a built-in template (see 'journeymapper templates')."),
    )
    new.add_argument("-o", "--output", required=True, metavar="FILE", help=_("the .jmap file to create"))
    new.add_argument("--template", default=DEFAULT_TEMPLATE, metavar="NAME",
                     help=_("template name (default: {name})").format(name=DEFAULT_TEMPLATE))
    new.add_argument("--title", help=_("the map's title (default: the template's)"))
    new.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    new.set_defaults(run=run_new)

    templates = commands.add_parser(
        "templates", help=summary("templates"), description=_("List the built-in templates, one per line.")
    )
    templates.set_defaults(run=run_templates)

    upgrade = commands.add_parser(
        "upgrade",
        help=summary("upgrade"),
        description=_(
            "Read a map of any supported file format and write it as canonical format {version}. Without -o "
            "the map is rewritten in place and the old file kept as MAP.jmap.bak."
        ).format(version=CURRENT_VERSION),
    )
    upgrade.add_argument("map", metavar="MAP.jmap")
    upgrade.add_argument("-o", "--output", metavar="OUT", help=_("write here instead of over MAP.jmap"))
    upgrade.set_defaults(run=run_upgrade)


def run_new(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from ..io import save
    from ..io.templates import find_template, map_from_template_file
    from ..model.messages import describe_validation_error

    if os.path.lexists(args.output) and not args.force:
        say_error(_("{file}: already exists (use --force to replace it)").format(file=args.output))
        return 1
    if args.title is not None and not args.title.strip():
        say_error(_("--title must not be empty"))
        return 2
    try:
        template = find_template(args.template)
        the_map = map_from_template_file(template.path, title=args.title)  # (in the user's language)
        save(args.output, the_map)
    except LookupError as exc:
        say_error(str(exc).strip("'\""))
        return 2
    except (LoadError, SaveError) as exc:
        say_error(str(exc))
        return 1
    except ValidationError as exc:  # e.g. a title longer than the format allows
        reason = describe_validation_error(exc, "map")[0].split(": ", 1)[-1]
        say_error(_("--title: {reason}").format(reason=reason))
        return 2
    print(_("created {file} from template '{name}'").format(file=args.output, name=template.name))
    return 0


def run_templates(args: argparse.Namespace) -> int:
    from ..io.templates import list_templates

    templates = list_templates()
    if not templates:
        say_error(_("no templates found: the installation is incomplete"))
        return 1
    width = max(len(t.name) for t in templates)
    for template in templates:
        print(f"{template.name:<{width}}  {one_line(template.description)}")
    return 0


def run_upgrade(args: argparse.Namespace) -> int:
    from ..io import save
    from ..model.document import utc_now

    loaded = load_or_report(args.map)
    if loaded is None:
        return 2
    if loaded.newer:
        say_error(_("{file}: saved by a newer journeymapper (file format {version}); writing it as file "
                    "format {current} would lose what this version does not know: nothing written").format(
            file=args.map, version=loaded.schema_version, current=CURRENT_VERSION))
        return 1
    output = args.output or args.map
    the_map = loaded.map
    if loaded.upgraded:
        the_map = the_map.model_copy(update={"modified": utc_now()})
    try:
        save(output, the_map, loaded.view)
    except SaveError as exc:
        say_error(str(exc))
        return 1
    if loaded.upgraded:
        print(_("{file}: upgraded from file format {version} to {current}, written to {output}").format(
            file=args.map, version=loaded.schema_version, current=CURRENT_VERSION, output=output))
    else:
        print(_("{file}: already file format {current}; written in canonical form to {output}").format(
            file=args.map, current=CURRENT_VERSION, output=output))
    return 0
