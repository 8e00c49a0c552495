"""The built-in templates a new map starts from (`resources/templates/*.jmap`).

A template is an ordinary `.jmap` file: its file name is the template's
name, its map description says what it is for. A map made from it gets
fresh ids and timestamps, so two maps made from one template never share ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.document import new_id, utc_now
from ..model.schema import Map
from ..resources import DEFAULT_TEMPLATE, templates_dir
from .errors import LoadError
from .reader import load_path



@dataclass(frozen=True)
class Template:
    name: str
    description: str
    path: Path
    mine: bool = False
    """One the user kept (File > Save as Template), not one that comes with the program."""


def list_templates(folder: Path | None = None) -> list[Template]:
    """Every readable template, blank first, then by name."""
    folder = folder or templates_dir()
    found: list[Template] = []
    for path in sorted(folder.glob("*.jmap")):
        try:
            description = load_path(path).map.description
        except LoadError:
            continue  # a broken template must not hide the others
        found.append(Template(path.stem, description.splitlines()[0] if description else "", path))
    return sorted(found, key=lambda t: (t.name != DEFAULT_TEMPLATE, t.name))


def find_template(name: str, folder: Path | None = None) -> Template:
    wanted = name.strip().casefold()
    templates = list_templates(folder)
    for template in templates:
        if template.name.casefold() == wanted:
            return template
    known = ", ".join(t.name for t in templates)
    raise LookupError(f"no template named {name!r} (built-in templates: {known})")


def map_from_template_file(path: Path, title: str | None = None) -> Map:
    """A new map built from the template in `path` (a user's own, or any `.jmap`)."""
    return fresh_copy(load_path(path).map, title=title)


def map_from_template(name: str = DEFAULT_TEMPLATE, title: str | None = None, folder: Path | None = None) -> Map:
    """A new map built from a template: fresh ids, created and modified now."""
    template = find_template(name, folder)
    return fresh_copy(load_path(template.path).map, title=title)


def fresh_copy(source: Map, title: str | None = None) -> Map:
    """The same map with every id replaced by a new one and new timestamps."""
    renamed: dict[str, str] = {}

    def rename(old: str) -> str:
        if old not in renamed:
            renamed[old] = new_id()
        return renamed[old]

    now = utc_now()
    raw = source.model_dump()
    raw.update(id=new_id(), created=now, modified=now, description="", state="current", based_on=None)
    if title is not None:
        raw["title"] = title
    for key in ("personas", "stages", "touchpoints", "flows"):
        for element in raw[key]:
            element["id"] = rename(element["id"])
    # (format 2: KPIs, pain points, opportunities and quotes have ids in the same space; pains first,
    # so that an opportunity's `addresses` follow them)
    for stage in raw["stages"]:
        for kpi in stage["kpis"]:
            kpi["id"] = rename(kpi["id"])
    for element in (*raw["personas"], *raw["touchpoints"]):
        for key in ("pain_points", "quotes"):
            for item in element.get(key, ()):
                item["id"] = rename(item["id"])
    for touchpoint in raw["touchpoints"]:
        touchpoint["persona"] = rename(touchpoint["persona"])
        touchpoint["stage"] = rename(touchpoint["stage"])
        for opportunity in touchpoint["opportunities"]:
            opportunity["id"] = rename(opportunity["id"])
            opportunity["addresses"] = [renamed[p] for p in opportunity["addresses"] if p in renamed]
    for flow in raw["flows"]:
        flow["source"] = rename(flow["source"])
        flow["target"] = rename(flow["target"])
    return Map.model_validate(raw)
