"""One palette and one set of sizes, shared by the canvas and the PDF.

All sizes are in points (1/72 inch): the scene's units are points too, so a
card is as big on screen at 100 % as on paper at 1:1.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Palette:
    paper: str = "#FFFFFF"
    canvas: str = "#F5F7FA"
    grid: str = "#D5DBE3"
    header: str = "#FFFFFF"
    text: str = "#1F2933"
    muted: str = "#5F6B7A"
    faint: str = "#9AA5B1"
    card: str = "#FFFFFF"
    card_border: str = "#C9D1DB"
    selection: str = "#1C7ED6"
    chip: str = "#E9EDF2"
    flow: str = "#56657A"
    zero_line: str = "#B8C2CC"
    kpi_track: str = "#DDE3EA"
    kpi_good: str = "#2F9E44"
    kpi_mid: str = "#E8890C"
    kpi_bad: str = "#C92A2A"
    pain: str = "#C92A2A"
    opportunity: str = "#2B8A3E"
    # -2 .. +2
    emotions: tuple[str, str, str, str, str] = ("#C92A2A", "#E8890C", "#8C96A3", "#51B56D", "#1E7B3C")
    curve: str = "#2E86AB"


DARK = Palette(
    paper="#1B1F24",
    canvas="#22272E",
    grid="#3A424D",
    header="#2B313A",
    text="#E6EAEF",
    muted="#A9B3BF",
    faint="#6E7781",
    card="#2D333B",
    card_border="#444C56",
    selection="#4DABF7",
    chip="#3A424D",
    flow="#A9B3BF",
    zero_line="#545D68",
    kpi_track="#3A424D",
    curve="#5FB3D9",
)


@dataclass(frozen=True)
class Style:
    palette: Palette = field(default_factory=Palette)
    language: str = "en"
    """The language of the words the map shows itself (row names, channels: `i18n.words`)."""
    margin: float = 24.0
    lane_header_width: float = 104.0
    column_width: float = 244.0
    cell_padding: float = 10.0
    card_gap: float = 8.0
    card_min_height: float = 48.0
    card_bar: float = 4.0
    card_radius: float = 4.0
    card_title_lines: int = 3
    title_size: float = 9.0
    small_size: float = 7.5
    header_size: float = 12.0
    lane_title_size: float = 9.0
    line_gap: float = 1.25
    """Line height as a multiple of the font size."""
    stage_header_min_height: float = 54.0
    kpi_bar_width: float = 44.0
    curve_row_height: float = 64.0
    list_row_min_height: float = 30.0
    list_item_lines: int = 2
    empty_cards_row_height: float = 80.0
    flow_width: float = 1.0
    """One pixel at 100 %: Qt strokes lines no wider than a device pixel ten times faster
    (dashed curves most of all), which keeps a big map's canvas quick to repaint."""
    arrow_size: float = 6.0
    icon_size: float = 13.0

    @property
    def card_width(self) -> float:
        return self.column_width - 2 * self.cell_padding

    def line_height(self, size: float) -> float:
        return size * self.line_gap


DEFAULT_STYLE = Style()


def _gray(value: str) -> str:
    red, green, blue = (int(value[i:i + 2], 16) for i in (1, 3, 5))
    level = round(0.299 * red + 0.587 * green + 0.114 * blue)
    return f"#{level:02X}{level:02X}{level:02X}"


PHOTOCOPY = {
    # Feelings from dark to light, evenly apart (a copier keeps five greys this far apart); the
    # faces' mouths and the printed values tell them apart too.
    "emotions": ("#1A1A1A", "#5E5E5E", "#9A9A9A", "#C4C4C4", "#E8E8E8"),
    # A KPI's bar darker the further it is from its target, so the ones to talk about stand out (its
    # sign after the bar says which, too).
    "kpi_good": "#B0B0B0", "kpi_mid": "#7A7A7A", "kpi_bad": "#303030", "kpi_track": "#E6E6E6",
    # Lines a copier would drop.
    "grid": "#A6A6A6", "zero_line": "#7F7F7F", "card_border": "#8C8C8C", "faint": "#808080",
}


def grayscale_palette(palette: Palette) -> Palette:
    """The palette in shades of grey for black-and-white printers and photocopies: every colour as
    its grey, but the states shown by colour spread over greys a copier keeps apart."""
    changes = {}
    for name, value in vars(palette).items():
        if isinstance(value, str):
            changes[name] = _gray(value)
        elif isinstance(value, tuple):
            changes[name] = tuple(_gray(v) for v in value)
    changes.update(PHOTOCOPY)
    return Palette(**changes)


def luminance(color: str) -> float:
    """How light a "#RRGGBB" colour looks, 0 (black) to 1 (white)."""
    red, green, blue = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue


def face_inks(palette: Palette, emotion: int) -> tuple[str, str | None]:
    """The ink of a face's eyes and mouth, and of its outline (None: none), so that a light face (a
    grey +2) still shows its features and its edge on a white card."""
    face = palette.emotions[emotion + 2]
    grey = face[1:3] == face[3:5] == face[5:7]
    # (coloured faces keep white features, as their palette was chosen for; greys get what reads best)
    light = luminance(face) > (0.55 if grey else 0.8)
    return ("text" if light else "card"), ("muted" if light else None)
