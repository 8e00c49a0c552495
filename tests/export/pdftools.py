"""Reading a PDF back with poppler-utils and qpdf, the tools a person would use to look at it.

Every helper runs the real command line tool (pdfinfo, pdftotext, pdffonts,
qpdf) on the file the exporter wrote, so the tests see what a reader of the
PDF sees, not what the exporter meant to write.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def run(*cmd: str | Path, ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=120)
    if ok:
        assert result.returncode == 0, f"{cmd[0]} failed ({result.returncode}): {result.stderr}"
    return result


def info(path: Path) -> dict[str, str]:
    """pdfinfo's fields, e.g. info(p)["Title"], info(p)["Pages"]."""
    fields: dict[str, str] = {}
    for line in run("pdfinfo", "-enc", "UTF-8", path).stdout.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip()] = value.strip()
    return fields


def page_count(path: Path) -> int:
    return int(info(path)["Pages"])


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """(width, height) in points of every page, as pdfinfo reports them."""
    pages = page_count(path)
    out = run("pdfinfo", "-f", "1", "-l", str(pages), path).stdout
    sizes = [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)]
    assert len(sizes) == pages, out
    return sizes


def text(path: Path, first: int | None = None, last: int | None = None, raw: bool = True) -> str:
    """pdftotext's text; -raw keeps the drawing order, so a wrapped title's lines stay together."""
    cmd: list[str | Path] = ["pdftotext", "-enc", "UTF-8"]
    if raw:
        cmd.append("-raw")
    if first is not None:
        cmd += ["-f", str(first)]
    if last is not None:
        cmd += ["-l", str(last)]
    return run(*cmd, path, "-").stdout


def page_text(path: Path, page: int) -> str:
    return text(path, page, page)


def flat(value: str) -> str:
    """White space (line breaks from wrapping included) collapsed to single spaces."""
    return " ".join(value.split())


def fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts' table: name, type, emb (yes/no) of every font the PDF uses."""
    lines = run("pdffonts", path).stdout.splitlines()
    assert lines[1].startswith("---"), lines
    rows = []
    for line in lines[2:]:
        # name type... encoding emb sub uni object ID: the name has no spaces, the type may have.
        match = re.match(r"(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        assert match, line
        rows.append({"name": match.group(1), "type": match.group(2), "encoding": match.group(3),
                     "emb": match.group(4), "sub": match.group(5), "uni": match.group(6)})
    return rows


def qdf(path: Path, tmp: Path) -> bytes:
    """The PDF rewritten by qpdf uncompressed and without object streams: every object readable."""
    out = tmp / (path.stem + ".qdf.pdf")
    result = run("qpdf", "--qdf", "--object-streams=disable", path, out, ok=False)
    assert result.returncode in (0, 3), result.stderr  # 3: warnings only
    return out.read_bytes()


def _qdf_objects(qdf_bytes: bytes) -> dict[int, bytes]:
    return {int(n): body for n, body in re.findall(rb"\n(\d+) 0 obj\n(.*?)\nendobj", qdf_bytes, re.DOTALL)}


def _stream(body: bytes) -> bytes:
    return body.split(b"\nstream\n", 1)[1].rsplit(b"endstream", 1)[0]


def _xobjects(body: bytes) -> dict[bytes, int]:
    """Name -> object number of the forms a page or form lists in its resources."""
    match = re.search(rb"/XObject <<(.*?)>>", body, re.DOTALL)
    return {name: int(n) for name, n in re.findall(rb"/(\S+) (\d+) 0 R", match.group(1))} if match else {}


def font_sizes(qdf_bytes: bytes, page: int) -> list[float]:
    """The printed size of every `Tf` (set font) on one page of a qdf file, in the forms it draws too.

    A size is scaled by the transforms (`cm`) in force where it is set, as a printer scales it.
    """
    objects = _qdf_objects(qdf_bytes)
    start = qdf_bytes.index(f"%% Page {page}\n".encode())
    number = int(re.search(rb"\n(\d+) 0 obj\n", qdf_bytes[start:]).group(1))
    page_body = objects[number]
    contents = objects[int(re.search(rb"/Contents (\d+) 0 R", page_body).group(1))]
    sizes: list[float] = []
    _sizes_in(_stream(contents), _xobjects(page_body), objects, 1.0, sizes)
    return sizes


def _sizes_in(content: bytes, forms: dict[bytes, int], objects: dict[int, bytes], scale: float,
              sizes: list[float]) -> None:
    content = re.sub(rb"\((?:[^\\)]|\\.)*\)", b"()", content)  # strings shown: no operators in them
    saved, numbers, name = [], [], b""
    for token in re.findall(rb"/?[^\s()\[\]<>/]+", content):
        if re.fullmatch(rb"[-+]?(?:\d+\.?\d*|\.\d+)", token):
            numbers.append(float(token))
            continue
        if token.startswith(b"/"):
            name = token[1:]
            continue
        if token == b"q":
            saved.append(scale)
        elif token == b"Q":
            scale = saved.pop()
        elif token == b"cm":
            a, b = numbers[-6], numbers[-5]
            scale *= (a * a + b * b) ** 0.5
        elif token == b"Tf":
            sizes.append(round(numbers[-1] * scale, 4))
        elif token == b"Do" and name in forms:
            form = objects[forms[name]]
            _sizes_in(_stream(form), _xobjects(form.split(b"\nstream\n", 1)[0]), objects, scale, sizes)
        numbers = []


def word_boxes(path: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, x_min, y_min, x_max, y_max) of every word on a page, y from the top, from pdftotext -bbox."""
    out = run("pdftotext", "-enc", "UTF-8", "-bbox", "-f", str(page), "-l", str(page), path, "-").stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    return [(word, float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, word in re.findall(pattern, out)]


def overlapping_words(boxes: list[tuple[str, float, float, float, float]], slack: float = 0.5
                      ) -> list[tuple[str, str]]:
    """Pairs of words whose boxes cross by more than `slack` points both ways: text printed over text."""
    pairs = []
    for i, (a, ax0, ay0, ax1, ay1) in enumerate(boxes):
        for b, bx0, by0, bx1, by1 in boxes[i + 1:]:
            if min(ax1, bx1) - max(ax0, bx0) > slack and min(ay1, by1) - max(ay0, by0) > slack:
                pairs.append((a, b))
    return pairs
