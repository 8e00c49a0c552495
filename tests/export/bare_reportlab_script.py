"""The yardstick of the whole-command export benchmark: a bare ReportLab script that draws N rectangles
with a line of text each on one A0 page and writes the file (`python bare_reportlab_script.py N OUT`).
Its start-up (Python, ReportLab, the two fonts) is part of what it costs, as ours is of `journeymapper
export`. See bench_export.py."""

import io
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A0
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONTS / "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
cards = int(sys.argv[1])
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
Path(sys.argv[2]).write_bytes(buffer.getvalue())
