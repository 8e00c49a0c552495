"""The built-in templates a new map starts from (`resources/templates/*.jmap`).

A template is an ordinary `.jmap` file: its file name is the template's
name, its map description says what it is for. A map made from it gets
fresh ids and timestamps, so two maps made from one template never share ids.

A template is used months or years after it was written, so its dates are
not calendar facts but distances: "measured a month ago", "due in three
weeks". A map made from it has every date (KPI readings, due dates, quote
dates, `review_by`) moved by the same number of days, so that the
template's latest KPI reading falls on the day the map is made (without
readings: the day the template was last modified). Its open actions are then
exactly as far ahead, and its figures exactly as recent, as when the
template was written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..i18n import N_, _, interface_language
from ..model.document import new_id, utc_now
from ..model.schema import Map
from ..resources import DEFAULT_TEMPLATE, templates_dir
from .errors import LoadError
from .reader import load_path
from .template_words import translated_template, translated_text

BUILT_IN_TITLES = {
    "blank": N_("Blank"), "b2b-service": N_("B2B service"), "cafe": N_("Cafe"), "clinic": N_("Clinic"),
    "four-steps": N_("Four steps"), "hair-salon": N_("Hair salon"), "local-retailer": N_("Local retailer"),
    "online-shop": N_("Online shop"), "small-business-classic": N_("Small business classic"),
    "subscription-box": N_("Subscription box"), "trades-business": N_("Trades business"),
}
"""The built-in templates' names as the start page shows them (translated there)."""


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    path: Path
    mine: bool = False
    """One the user kept (File > Save as Template), not one that comes with the program."""


def list_templates(folder: Path | None = None, language: str | None = None) -> list[Template]:
    """Every readable template, blank first, then by name. The built-in ones (no `folder`) are described
    in `language` (the interface language by default)."""
    built_in = folder is None
    folder = folder or templates_dir()
    found: list[Template] = []
    for path in sorted(folder.glob("*.jmap")):
        try:
            the_map = load_path(path).map
        except LoadError:
            continue  # a broken template must not hide the others
        description = the_map.description
        if built_in:  # (only the line shown is needed in the user's language, not the whole map)
            description = translated_text(description, interface_language() if language is None else language)
        found.append(Template(path.stem, description.splitlines()[0] if description else "", path))
    return sorted(found, key=lambda t: (t.name != DEFAULT_TEMPLATE, t.name))


def is_built_in(path: Path) -> bool:
    """Whether `path` is one of the templates that come with the program (translated when used)."""
    try:
        return path.absolute().parent.resolve() == templates_dir().resolve()  # (a linked file is one too)
    except OSError:
        return False


def find_template(name: str, folder: Path | None = None) -> Template:
    wanted = name.strip().casefold()
    templates = list_templates(folder, language="en")  # (found by name: no need to read them in a language)
    for template in templates:
        if template.name.casefold() == wanted:
            return template
    known = ", ".join(t.name for t in templates)
    raise LookupError(_("no template named {name} (built-in templates: {known})").format(
        name=repr(name), known=known))


def map_from_template_file(path: Path, title: str | None = None, today: date | None = None,
                           language: str | None = None) -> Map:
    """A new map built from the template in `path` (a user's own, or any `.jmap`), dated from `today`;
    a built-in one in `language` (the interface language by default)."""
    the_map = load_path(path).map
    if is_built_in(path):
        the_map = translated_template(the_map, interface_language() if language is None else language)
    return fresh_copy(the_map, title=title, today=today)


def map_from_template(name: str = DEFAULT_TEMPLATE, title: str | None = None, folder: Path | None = None,
                      today: date | None = None, language: str | None = None) -> Map:
    """A new map built from a template: fresh ids, created and modified now, its dates moved to `today`;
    a built-in one in `language` (the interface language by default)."""
    template = find_template(name, folder)
    return map_from_template_file(template.path, title=title, today=today, language=language)


def fresh_copy(source: Map, title: str | None = None, today: date | None = None, *, keep_dates: bool = False) -> Map:
    """The same map with every id replaced by a new one, new timestamps, and its dates moved so that
    its latest KPI reading is `today` (the local date by default; see `template_day`).

    `keep_dates` leaves every date as it is (for keeping a map as a template: it is moved when used).
    """
    renamed: dict[str, str] = {}

    def rename(old: str) -> str:
        if old not in renamed:
            renamed[old] = new_id()
        return renamed[old]

    now = utc_now()
    raw = source.model_dump()
    if not keep_dates:
        _move_dates(raw, ((today or date.today()) - template_day(source)).days)
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


def template_day(template: Map) -> date:
    """The day a template's dates are written from: its latest KPI reading, or, if it has none, the
    (UTC) day it was last modified."""
    readings = [reading.date for stage in template.stages for kpi in stage.kpis for reading in kpi.readings]
    return max(readings) if readings else template.modified.date()


def _move_dates(raw: dict[str, Any], days: int) -> None:
    """Move every date of a dumped map (readings, due dates, quote dates, `review_by`) by `days`, in
    place. Dates that would leave the calendar (a file dated in the year 9999) stay as they are, all
    of them: moving some and not others would change the distances between them."""
    if days == 0:
        return
    holders: list[tuple[dict[str, Any], str]] = [(raw, "review_by")]
    for stage in raw["stages"]:
        holders += [(reading, "date") for kpi in stage["kpis"] for reading in kpi["readings"]]
    for element in (*raw["personas"], *raw["touchpoints"]):
        holders += [(quote, "date") for quote in element["quotes"]]
    for touchpoint in raw["touchpoints"]:
        holders += [(opportunity, "due") for opportunity in touchpoint["opportunities"]]
    holders = [(holder, key) for holder, key in holders if holder[key] is not None]
    try:
        moved = [date.fromisoformat(str(holder[key])) + timedelta(days=days) for holder, key in holders]
    except OverflowError:
        return
    for (holder, key), day in zip(holders, moved):
        holder[key] = day.isoformat()
