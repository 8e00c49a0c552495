"""A form's stream, made from the operators the painter gathered, compressed here: big ones on a worker
thread while the next one is drawn."""

from __future__ import annotations

import zlib
from concurrent.futures import Future, ThreadPoolExecutor

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream, pdfdocEnc
from reportlab.pdfgen.canvas import Canvas

LEVEL = 2
"""zlib's level for the map's forms. ReportLab's (6) takes four times as long for a file a sixth smaller:
on a 5,000-card map, 57 ms of compression against 14, for 360 KB of forms against 425. The export
waited for the last form's, and on one core it all adds to the export's time."""
BIG = 64 * 1024
"""Operators (bytes) above which a form is compressed on the worker thread; smaller ones are compressed at once."""


def _encoded(operators: str) -> bytes:
    try:
        return operators.encode("ascii")  # what pdfdocEnc makes of ASCII (all the painter writes), at C speed
    except UnicodeEncodeError:
        return pdfdocEnc(operators)


def _stream(content: bytes | None) -> PDFStream:
    """A stream whose dictionary names its filter, so ReportLab writes its content as it is."""
    return PDFStream(PDFDictionary({"Filter": PDFName("FlateDecode")}), content)


def end_form(canvas: Canvas, operators: str) -> None:
    """End the canvas's current form (begun with `beginForm`) with `operators` as its stream, compressed."""
    canvas.endForm(Contents=_stream(zlib.compress(_encoded(operators), LEVEL)))


class FormDeflater:
    """Ends forms whose big streams are compressed on a worker thread while the next one is drawn.

    ReportLab compresses every stream when it saves the document, one after
    another, after all the drawing. A big map's forms hold megabytes of
    operators; zlib lets other threads run while it works, so here each is
    compressed as soon as it is finished, while Python draws the next.
    """

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[tuple[PDFStream, Future[bytes]]] = []

    def end_form(self, canvas: Canvas, operators: str) -> None:
        """As `end_form`, the compression of a big stream left to the worker thread (`finish` waits for it)."""
        data = _encoded(operators)
        if len(data) < BIG:
            canvas.endForm(Contents=_stream(zlib.compress(data, LEVEL)))
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journeymapper-deflate")
        stream = _stream(None)
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
