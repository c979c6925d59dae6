"""Printed pages recovered from the raw layout.

The OCR keeps no page numbers, but its layout shows where pages begin: a line that starts
with a space, or the first text line after a run of three or more blank lines. Pages are
numbered from book.yml's `pages.first`; notes.py checks the numbering against every page
reference of the Notes.
"""

from __future__ import annotations

from .model import Document, Line

PAGE_GAP = 3  # blank lines in a row that mean the scanner moved to a new page


def is_page_start(line: Line, blank_run: int, first: bool) -> bool:
    """Does this raw line begin a printed page?

    >>> is_page_start(Line(1042, " “And Paul Levi?", ""), 0, False)
    True
    >>> is_page_start(Line(1043, "How do your friends", ""), 1, False)
    False
    """
    if first:
        return True
    return line.raw.startswith(" ") or blank_run >= PAGE_GAP


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
        if is_page_start(line, blank_run, first):
            page += 1
            line.page_start = True
        first = False
        blank_run = 0
        line.page = page
    return doc


def page_starts(doc: Document) -> dict[int, Line]:
    """Printed page number → the line it starts with."""
    return {line.page: line for line in doc.lines if line.page_start}
