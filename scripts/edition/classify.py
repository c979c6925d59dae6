"""Line kinds: text, blank, printer's marks and noise, section breaks, page-foot notes.

Runs before any repair, so that a printer's signature mark never becomes text and an
editor's footnote or a "* * *" is never taken for line-start junk.
"""

from __future__ import annotations

import re

from .book import Book
from .model import Document, Edit, Line, LineKind
from .pages import is_running_head
from .scan import Scan

DROPPED = {
    "signature-mark": "printer’s signature mark at the foot of the page, not text",
    "noise": "a line with no word on it: scanner noise",
    "running-head": "the page’s running head or folio (scan.yml’s running_heads), not text",
}

SECTION_BREAK = re.compile(r"^\s*\*\s*\*\s*\*\s*$")
# a line with no word on it: punctuation only, or one letter that is neither "a" nor "I"
NOISE = re.compile(r"^\s*(?:[^\w\s]+|[b-zB-HJ-Z])\s*$")


def line_kind(line: Line, book: Book) -> LineKind:
    """The kind of one raw line (the signature mark and the misread marker are scan.yml's).

    >>> from pathlib import Path
    >>> from .book import load_book
    >>> book = load_book(Path(__file__).parents[2] / "source" / "book.yml")
    >>> line_kind(Line(1049, "3—398 33", ""), book)
    'signature-mark'
    >>> line_kind(Line(1132, "♦See V. I. Lenin, Works, 4th Russ, ed., Vol. 32.—Ed.", ""), book)
    'footnote'
    >>> line_kind(Line(324, "* * *", ""), book)
    'section-break'
    >>> line_kind(Line(3252, "r", ""), book)
    'noise'
    """
    scan: Scan = book.scan
    raw = line.raw
    if not raw.strip():
        return "blank"
    if scan.signature_mark.match(raw):
        return "signature-mark"
    if scan.running_heads and is_running_head(raw, scan):
        return "running-head"
    if SECTION_BREAK.match(raw):
        return "section-break"
    stripped = raw.strip()
    leads = book.footnote_marker + scan.misread_markers
    if stripped[0] in leads and stripped.endswith(book.footnote_signature):
        return "footnote"
    if NOISE.match(raw):
        return "noise"
    return "text"


def classify_lines(doc: Document) -> Document:
    """Set each line's kind; printer's marks, running heads and noise leave the text, on the
    record. A page that began with its running head begins with the next line that is left."""
    page_start_to_pass: Line | None = None
    for line in doc.lines:
        line.kind = line_kind(line, doc.book)
        if page_start_to_pass is not None and line.kind != "blank" and line.kind not in DROPPED:
            line.page_start, page_start_to_pass = True, None
        if line.kind in DROPPED:
            why = DROPPED[line.kind]
            doc.record(Edit(f"drop-{line.kind}", line.number, line.page, line.raw.strip(), "", why))
            line.text = ""
            if line.kind == "running-head" and line.page_start:
                line.page_start, page_start_to_pass = False, line
    return doc
