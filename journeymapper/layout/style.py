"""One palette and one set of sizes, shared by the canvas and the PDF.

All sizes are in points (1/72 inch): the scene's units are points too, so a
card is as big on screen at 100 % as on paper at 1:1.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Palette:
    """The colours the map is drawn in, by name (a drawing asks for "kpi_good", never for a colour).

    The states shown by colour (a KPI's health, a feeling, pain and opportunity) are chosen from
    colour-blind-safe sets (Okabe & Ito's, Paul Tol's, ColorBrewer's blue-orange): each pair stays apart
    for people with protanopia, deuteranopia and tritanopia as well (tests/canvas/test_colour_vision.py
    checks the rendered pictures). Colour is never a state's only sign: a KPI has ✓ ≈ ✗ after its bar,
    a face its mouth, a pain point a triangle and an opportunity a star.
    """

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
    # On target: blue, near: amber, off: a dark vermilion (not green / orange / red, which the commonest
    # colour blindness sees as one olive).
    kpi_good: str = "#2166AC"
    kpi_mid: str = "#C78C00"
    kpi_bad: str = "#B0300F"
    pain: str = "#B0300F"
    opportunity: str = "#1B8A6B"
    # -2 .. +2: a diverging orange-grey-blue scale (dark and light orange, grey, light and dark blue),
    # apart in every common colour blindness; the faces' mouths say the feeling too.
    emotions: tuple[str, str, str, str, str] = ("#B84A12", "#F2A45C", "#B3B9C1", "#4F93D2", "#1D4F91")
    curve: str = "#2E86AB"
    line_scale: float = 1.0
    """Card borders are drawn this many times heavier (the high-contrast palettes: 2)."""


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
    kpi_good="#5AA2E0",
    kpi_mid="#F5CB5C",
    kpi_bad="#E0533A",
    pain="#E0533A",
    opportunity="#3DBE9B",
    emotions=("#DA6530", "#F7C08A", "#8A939E", "#8CC4F2", "#3A78CC"),
    curve="#5FB3D9",
)

HIGH_CONTRAST = Palette(
    paper="#FFFFFF",
    canvas="#FFFFFF",
    grid="#000000",
    header="#FFFFFF",
    text="#000000",
    muted="#000000",
    faint="#3D3D3D",
    card="#FFFFFF",
    card_border="#000000",
    selection="#0037DA",
    chip="#FFFFFF",
    flow="#000000",
    zero_line="#000000",
    kpi_track="#BDBDBD",  # (a bar's room up to its target, seen on the white header)
    kpi_good="#0046AD",
    kpi_mid="#B88200",
    kpi_bad="#9A1C00",
    pain="#9A1C00",
    opportunity="#006B4F",
    emotions=("#9A3300", "#F7A64A", "#FFFFFF", "#5AA0E6", "#002F7A"),
    curve="#000000",
    line_scale=2.0,
)
"""For people who asked their system for more contrast: black on white, every line and border black
and the cards' borders heavy, the states' colours as dark as keeps them apart in every colour blindness
(each at least 3:1 on white, as WCAG asks of a graphic)."""

HIGH_CONTRAST_DARK = Palette(
    paper="#000000",
    canvas="#000000",
    grid="#FFFFFF",
    header="#000000",
    text="#FFFFFF",
    muted="#FFFFFF",
    faint="#C8C8C8",
    card="#000000",
    card_border="#FFFFFF",
    selection="#FFE600",
    chip="#000000",
    flow="#FFFFFF",
    zero_line="#FFFFFF",
    kpi_track="#5C5C5C",
    kpi_good="#6CB4FF",
    kpi_mid="#FFD54A",
    kpi_bad="#FF6A4D",
    pain="#FF6A4D",
    opportunity="#3DDCB0",
    emotions=("#FF7A33", "#FFC58F", "#000000", "#9CD0FF", "#3D8BFF"),
    curve="#FFFFFF",
    line_scale=2.0,
)
"""High contrast on a dark system: white on black."""


def screen_palette(dark: bool, high_contrast: bool = False) -> Palette:
    """The palette the canvas draws in, for the system's colour scheme and contrast preference."""
    if high_contrast:
        return HIGH_CONTRAST_DARK if dark else HIGH_CONTRAST
    return DARK if dark else Palette()


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
    changes: dict[str, object] = {}
    for name, value in vars(palette).items():
        if isinstance(value, str):
            changes[name] = _gray(value)
        elif isinstance(value, tuple):
            changes[name] = tuple(_gray(v) for v in value)
        else:
            changes[name] = value
    changes.update(PHOTOCOPY)
    return Palette(**changes)  # type: ignore[arg-type]


def luminance(color: str) -> float:
    """How light a "#RRGGBB" colour looks, 0 (black) to 1 (white)."""
    red, green, blue = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue


def contrast(one: str, other: str) -> float:
    """The contrast ratio of two "#RRGGBB" colours as WCAG measures it: 1 (none) to 21 (black on white)."""
    def relative(color: str) -> float:
        channels = []
        for i in (1, 3, 5):
            c = int(color[i:i + 2], 16) / 255
            channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        red, green, blue = channels
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((relative(one), relative(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def face_inks(palette: Palette, emotion: int) -> tuple[str, str | None]:
    """The ink of a face's eyes and mouth, and of its outline (None: none): the features in whichever
    of the text and card inks shows more on the face, so a light face (a light orange -1, a grey +2 in
    print) gets dark features; a face with less than the 3:1 contrast a graphic needs on its card (WCAG
    1.4.11) gets an outline."""
    face = palette.emotions[emotion + 2]
    features = max(("card", "text"), key=lambda name: contrast(face, getattr(palette, name)))
    return features, ("muted" if contrast(face, palette.card) < 3.0 else None)
