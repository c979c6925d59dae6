"""Printed pages recovered from the raw layout.

The OCR keeps no page numbers, but its layout shows where pages begin, in the ways scan.yml's
`page_turns` names: a form feed (one a page, a blank page too), a line that starts with a space,
the first text line after a run of blank lines (`page_gap`), or a running head (`running_heads`).
Without `page_turns` nothing is taken for a page turn. Pages are numbered from book.yml's
`pages.first`; notes.py checks the numbering against the Notes' page references, if they give them.
"""

from __future__ import annotations

from .model import Document, Line
from .scan import Scan


def is_page_start(line: Line, blank_run: int, first: bool, scan: Scan) -> bool:
    """Does this raw line begin a printed page?

    >>> zetkin = Scan(page_turns=frozenset({"leading-space", "blank-lines"}))
    >>> is_page_start(Line(1042, " “And Paul Levi?", ""), 0, False, zetkin)
    True
    >>> is_page_start(Line(1043, "How do your friends", ""), 1, False, zetkin)
    False
    >>> is_page_start(Line(9, " Tesseract began this line with a space", ""), 0, False, Scan())
    False
    """
    if first:
        return True
    turns = scan.page_turns
    return (
        ("leading-space" in turns and line.raw.startswith(" "))
        or ("blank-lines" in turns and blank_run >= scan.page_gap)
        or ("running-head" in turns and is_running_head(line.raw, scan))
    )


def is_running_head(raw: str, scan: Scan) -> bool:
    """Is this raw line a running head or folio (scan.yml's `running_heads`)?

    >>> import re
    >>> is_running_head("OF TRUTH 3", Scan(running_heads=(re.compile(r"^[A-Z .-]+ \\d+$"),)))
    True
    """
    text = raw.strip()
    return any(pattern.search(text) for pattern in scan.running_heads)


def number_pages(doc: Document) -> Document:
    """Give every line its printed page and flag the first text line of each page."""
    scan = doc.book.scan
    by_form_feed = "form-feed" in scan.page_turns
    page = doc.book.first_page - 1
    blank_run = 0
    turns = 0  # page turns seen (form feeds) since the last text line
    first = True
    for line in doc.lines:
        if by_form_feed:
            turns += line.form_feeds
        if not line.raw.strip():
            blank_run += 1
            line.page = max(page, doc.book.first_page)
            continue
        if turns and not first:
            page += turns
            line.page_start = True
        elif is_page_start(line, blank_run, first, scan):
            page += 1
            line.page_start = True
        first = False
        blank_run = turns = 0
        line.page = page
    return doc


def page_starts(doc: Document) -> dict[int, Line]:
    """Printed page number → the line it starts with."""
    return {line.page: line for line in doc.lines if line.page_start}
