"""Compressing the map's big forms on a worker thread while the next one is drawn."""

from __future__ import annotations

import zlib
from concurrent.futures import Future, ThreadPoolExecutor

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream, pdfdocEnc
from reportlab.pdfgen.canvas import Canvas

LEVEL = 2
"""zlib's level for the map's forms. ReportLab's (6) takes four times as long for a file a sixth smaller:
on a 5,000-card map, 57 ms of compression against 14, for 360 KB of forms against 425. The export
waited for the last form's, and on one core it all adds to the export's time."""


class FormDeflater:
    """Compresses big forms on a worker thread while the next one is drawn.

    ReportLab compresses every stream when it saves the document, one after
    another, after all the drawing. A big map's forms hold megabytes of
    operators; zlib lets other threads run while it works, so here each is
    compressed as soon as it is finished, while Python draws the next. The form
    gets the compressed stream through `endForm`'s attributes, as a `PDFStream`
    whose dictionary already names its filter (ReportLab then leaves it as it is).
    """

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[tuple[PDFStream, Future[bytes]]] = []

    def end_form(self, canvas: Canvas) -> None:
        """End the canvas's current form (begun with `beginForm`), its stream compressed in the background."""
        # The stream ReportLab would write for the form: its preamble, then the form's operators.
        code, preamble = getattr(canvas, "_code", None), getattr(canvas, "_preamble", None)
        if not isinstance(code, list) or not isinstance(preamble, str):  # a ReportLab that keeps them elsewhere
            canvas.endForm()
            return
        text = "\n".join([preamble, *code])
        try:
            data = text.encode("ascii")  # what pdfdocEnc makes of ASCII (all the painter writes), at C speed
        except UnicodeEncodeError:
            data = pdfdocEnc(text)
        del code[:]  # else endForm encodes the operators again, for a stream that is not written
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journeymapper-deflate")
        stream = PDFStream(PDFDictionary({"Filter": PDFName("FlateDecode")}), None)
        self._pending.append((stream, self._pool.submit(zlib.compress, data, LEVEL)))
        canvas.endForm(Contents=stream)

    def finish(self) -> None:
        """Wait for every stream: call before the canvas saves the document."""
        try:
            for stream, compressed in self._pending:
                stream.content = compressed.result()
        finally:
            self.close()

    def __enter__(self) -> FormDeflater:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._pending = []
