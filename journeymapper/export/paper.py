"""Paper names, orientations and the page limit: what the command line offers, without importing the
exporter (a command's options are read before anything heavy is loaded)."""

from __future__ import annotations

from reportlab.lib.pagesizes import A0, A1, A2, A3, A4, LEGAL, LETTER, TABLOID

from ..i18n import N_

PAPERS: dict[str, tuple[float, float]] = {
    "A4": A4, "A3": A3, "A2": A2, "A1": A1, "A0": A0,
    "letter": LETTER, "legal": LEGAL, "tabloid": TABLOID,
}
ORIENTATIONS = (N_("auto"), N_("landscape"), N_("portrait"))
"""auto: whichever prints the map larger (`sheets.plan_sheets`)."""
DEFAULT_MAX_PAGES = 500
MIN_TEXT_AUTO = 8.0
"""The smallest map text an auto poster reaches, unless asked for another (read at arm's length)."""
WALL_TITLE = 18.0
"""Card titles on a poster for the wall: read from about 2 m."""
