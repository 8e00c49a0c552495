"""The yardstick of the export benchmarks: bare ReportLab drawing N rectangles with a line of text each
on one A0 page and writing the file. bench_export.py runs `bare_pdf` in its own process for the
in-process ratio, and this file as a script (`python bare_reportlab_script.py N OUT`) for the
whole-command one, where its start-up (Python, ReportLab, the two fonts) counts as ours does."""

import io
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A0
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


def register_fonts() -> None:
    for name in ("DejaVuSans", "DejaVuSans-Bold"):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))


def bare_pdf(cards: int) -> bytes:
    """`cards` rectangles with a line of text each, in a grid on one A0 landscape page."""
    width, height = A0[1], A0[0]
    per_row = max(1, int(cards ** 0.5 * 1.4))
    cell_w, cell_h = (width - 48) / per_row, (height - 48) / (cards // per_row + 1)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1, invariant=1, initialFontName="DejaVuSans")
    for n in range(cards):
        x, y = 24 + (n % per_row) * cell_w, height - 24 - (n // per_row + 1) * cell_h
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setStrokeColorRGB(0.8, 0.82, 0.86)
        canvas.rect(x, y, cell_w * 0.9, cell_h * 0.8, stroke=1, fill=1)
        canvas.setFillColorRGB(0.12, 0.16, 0.2)
        canvas.setFont("DejaVuSans-Bold", max(1.0, cell_h * 0.2))
        canvas.drawString(x + 2, y + cell_h * 0.4, f"Touchpoint {n}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


if __name__ == "__main__":
    register_fonts()
    Path(sys.argv[2]).write_bytes(bare_pdf(int(sys.argv[1])))
