"""Channel icons as paths: what the PDF draws for each channel's icon, described once.

The icons are drawn in `icons/channels/*.svg`. Reading an SVG at every export would mean loading an
SVG reader and ReportLab's graphics library (a tenth of a second before anything is drawn), so the
paths are kept beside them, in `paths.json`, made from the SVGs with svglib by
`python -m journeymapper.layout.channel_icons`; a test makes them again and holds the two the same.

A part's operations are in the SVG's own units (y down), as ("M", x, y), ("L", x, y),
("C", x1, y1, x2, y2, x, y) and ("Z",).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..resources import icons_dir

KAPPA = 0.5523
"""A quarter circle as one cubic: its control points' distance as a share of the radius."""


@dataclass(frozen=True)
class IconPart:
    ops: tuple[tuple, ...]
    fill: bool
    stroke: bool
    width: float
    cap: int
    """0 butt, 1 round, 2 square (as PDF's J)."""
    join: int
    """0 miter, 1 round, 2 bevel (as PDF's j)."""


@dataclass(frozen=True)
class Icon:
    size: float
    """The side of the square the parts are drawn in (the SVG's view box)."""
    parts: tuple[IconPart, ...]


def paths_file() -> Path:
    return icons_dir() / "channels" / "paths.json"


@lru_cache(maxsize=1)
def _all() -> dict[str, Icon]:
    try:
        data = json.loads(paths_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # (a missing or broken file: chips keep their names, without icons)
    return {name: Icon(icon["size"], tuple(IconPart(tuple(tuple(op) for op in part["ops"]), part["fill"],
                                                      part["stroke"], part["width"], part["cap"], part["join"])
                                             for part in icon["parts"]))
            for name, icon in data.items()}


def channel_icon_paths(channel: str) -> Icon | None:
    """A channel's icon, or None when there is none."""
    return _all().get(channel)


# -- making paths.json from the SVGs (svglib, when the icons change) ----------------------------------

def describe_svg(path: Path) -> dict:
    """One SVG's parts, as `paths.json` keeps them."""
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(str(path))
    parts: list[dict] = []
    root = drawing.contents[0]  # svglib's own group: to points and y up; the parts keep the SVG's units
    for child in root.contents:
        _walk(child, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), parts)
    size = max(float(drawing.width), float(drawing.height)) / abs(root.transform[0])
    return {"size": round(size, 4), "parts": parts}


def _walk(node, transform: tuple[float, ...], parts: list[dict]) -> None:
    kind = type(node).__name__
    if kind == "Group":
        transform = _compose(transform, tuple(node.transform))
        for child in node.contents:
            _walk(child, transform, parts)
        return
    ops = _shape_ops(node, kind)
    if ops is None:
        return
    cap, join = getattr(node, "strokeLineCap", 0) or 0, getattr(node, "strokeLineJoin", 0) or 0
    parts.append({
        "ops": [[op[0], *(_round(v) for v in _apply(transform, op[1:]))] for op in ops],
        "fill": getattr(node, "fillColor", None) is not None,
        "stroke": getattr(node, "strokeColor", None) is not None,
        "width": _round(float(getattr(node, "strokeWidth", 1.0) or 1.0) * abs(transform[0])),
        "cap": int(cap), "join": int(join),
    })


def _shape_ops(node, kind: str) -> list[tuple] | None:
    if kind == "Path":
        points, ops, k = node.points, [], 0
        for operator in node.operators:
            if operator == 0:
                ops.append(("M", points[k], points[k + 1]))
                k += 2
            elif operator == 1:
                ops.append(("L", points[k], points[k + 1]))
                k += 2
            elif operator == 2:
                ops.append(("C", *points[k:k + 6]))
                k += 6
            else:
                ops.append(("Z",))
        return ops
    if kind == "Rect":
        return _rounded_rect(float(node.x), float(node.y), float(node.width), float(node.height),
                             float(node.rx or 0.0), float(node.ry or node.rx or 0.0))
    if kind == "Circle":
        return _ellipse(float(node.cx), float(node.cy), float(node.r), float(node.r))
    if kind == "Ellipse":
        return _ellipse(float(node.cx), float(node.cy), float(node.rx), float(node.ry))
    if kind == "Line":
        return [("M", node.x1, node.y1), ("L", node.x2, node.y2)]
    if kind in ("PolyLine", "Polygon"):
        points = node.points
        ops = [("M", points[0], points[1])] + [("L", points[i], points[i + 1]) for i in range(2, len(points), 2)]
        return ops + ([("Z",)] if kind == "Polygon" else [])
    return None


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> list[tuple]:
    kx, ky = rx * KAPPA, ry * KAPPA
    return [("M", cx + rx, cy),
            ("C", cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry),
            ("C", cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy),
            ("C", cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry),
            ("C", cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy), ("Z",)]


def _rounded_rect(x: float, y: float, w: float, h: float, rx: float, ry: float) -> list[tuple]:
    rx, ry = min(rx, w / 2), min(ry, h / 2)
    if rx <= 0 or ry <= 0:
        return [("M", x, y), ("L", x + w, y), ("L", x + w, y + h), ("L", x, y + h), ("Z",)]
    kx, ky = rx * KAPPA, ry * KAPPA
    r, b = x + w, y + h
    return [("M", x + rx, y), ("L", r - rx, y), ("C", r - rx + kx, y, r, y + ry - ky, r, y + ry),
            ("L", r, b - ry), ("C", r, b - ry + ky, r - rx + kx, b, r - rx, b),
            ("L", x + rx, b), ("C", x + rx - kx, b, x, b - ry + ky, x, b - ry),
            ("L", x, y + ry), ("C", x, y + ry - ky, x + rx - kx, y, x + rx, y), ("Z",)]


def _compose(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    """The transform doing b, then a (PDF's [a b c d e f] order)."""
    a0, a1, a2, a3, a4, a5 = a
    b0, b1, b2, b3, b4, b5 = b
    return (a0 * b0 + a2 * b1, a1 * b0 + a3 * b1, a0 * b2 + a2 * b3, a1 * b2 + a3 * b3,
            a0 * b4 + a2 * b5 + a4, a1 * b4 + a3 * b5 + a5)


def _apply(t: tuple[float, ...], coords: tuple) -> list[float]:
    out = []
    for k in range(0, len(coords), 2):
        x, y = float(coords[k]), float(coords[k + 1])
        out += [t[0] * x + t[2] * y + t[4], t[1] * x + t[3] * y + t[5]]
    return out


def _round(value: float) -> float:
    return round(float(value), 4)


def make_paths_file() -> str:
    """`paths.json` as made from the SVGs now (sorted, stable)."""
    icons = {svg.stem: describe_svg(svg) for svg in sorted((icons_dir() / "channels").glob("*.svg"))}
    lines = [f" {json.dumps(name)}: {json.dumps(icon, sort_keys=True, separators=(',', ':'))}"
             for name, icon in icons.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


if __name__ == "__main__":
    paths_file().write_text(make_paths_file(), encoding="utf-8")
    sys.exit(0)
