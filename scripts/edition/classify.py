"""Line kinds: text, blank, printer's marks and noise, section breaks, page-foot notes.

Runs before any repair, so that a printer's signature mark never becomes text and an
editor's footnote or a "* * *" is never taken for line-start junk.
"""

from __future__ import annotations

import re

from .model import Document, Edit, Line

# "3—398 33": gathering number, job number, page, set at the foot of the first page of a sheet
SIGNATURE_MARK = re.compile(r"^\s*\d{1,2}\*?\s*[—-]\s*\d{2,4}(\s+\d{1,3})?\s*$")
SECTION_BREAK = re.compile(r"^\s*\*\s*\*\s*\*\s*$")
# a line with no word on it: punctuation only, or one letter that is neither "a" nor "I"
NOISE = re.compile(r"^\s*(?:[^\w\s]+|[b-zB-HJ-Z])\s*$")
# the scan reads a page-foot note's asterisk as "♦" as often as not
MISREAD_MARKERS = "♦"


def line_kind(line: Line, footnote_signature: str, footnote_marker: str = "*") -> str:
    """The kind of one raw line.

    >>> line_kind(Line(1049, "3—398 33", ""), "—Ed.")
    'signature-mark'
    >>> line_kind(Line(1132, "♦See V. I. Lenin, Works, 4th Russ, ed., Vol. 32.—Ed.", ""), "—Ed.")
    'footnote'
    >>> line_kind(Line(324, "* * *", ""), "—Ed.")
    'section-break'
    >>> line_kind(Line(3252, "r", ""), "—Ed.")
    'noise'
    """
    raw = line.raw
    if not raw.strip():
        return "blank"
    if SIGNATURE_MARK.match(raw):
        return "signature-mark"
    if SECTION_BREAK.match(raw):
        return "section-break"
    stripped = raw.strip()
    leads = footnote_marker + MISREAD_MARKERS
    if stripped[0] in leads and stripped.endswith(footnote_signature):
        return "footnote"
    if NOISE.match(raw):
        return "noise"
    return "text"


def classify_lines(doc: Document) -> Document:
    """Set each line's kind; printer's marks and noise leave the text, on the record."""
    for line in doc.lines:
        line.kind = line_kind(line, doc.book.footnote_signature, doc.book.footnote_marker)
        if line.kind in ("signature-mark", "noise"):
            why = (
                "printer's signature mark at the foot of the page, not text"
                if line.kind == "signature-mark"
                else "a line with no word on it: scanner noise"
            )
            doc.record(Edit(f"drop-{line.kind}", line.number, line.page, line.raw.strip(), "", why))
            line.text = ""
    return doc
