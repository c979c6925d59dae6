"""Printed pages recovered from the raw layout.

The OCR keeps no page numbers, but its layout shows where pages begin: a line that starts
with a space, or the first text line after a run of blank lines (scan.yml's `page_gap`: three
here). Pages are numbered from book.yml's `pages.first`; notes.py checks the numbering against
every page reference of the Notes.
"""

from __future__ import annotations

from .model import Document, Line
from .scan import Scan


def is_page_start(line: Line, blank_run: int, first: bool, scan: Scan) -> bool:
    """Does this raw line begin a printed page?

    >>> is_page_start(Line(1042, " “And Paul Levi?", ""), 0, False, Scan())
    True
    >>> is_page_start(Line(1043, "How do your friends", ""), 1, False, Scan())
    False
    """
    if first:
        return True
    return line.raw.startswith(" ") or blank_run >= scan.page_gap


def number_pages(doc: Document) -> Document:
    """Give every line its printed page and flag the first text line of each page."""
    page = doc.book.first_page - 1
    blank_run = 0
    first = True
    for line in doc.lines:
        if not line.raw.strip():
            blank_run += 1
            line.page = max(page, doc.book.first_page)
            continue
        if is_page_start(line, blank_run, first, doc.book.scan):
            page += 1
            line.page_start = True
        first = False
        blank_run = 0
        line.page = page
    return doc


def page_starts(doc: Document) -> dict[int, Line]:
    """Printed page number → the line it starts with."""
    return {line.page: line for line in doc.lines if line.page_start}
