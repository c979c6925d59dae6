"""Notes: the numbered notes of the Notes part, the page-foot editor's notes, and their markers.

A numbered marker is a number glued to the word it follows ("Leghorn3", "action”2"); only the
number the sequence expects next counts, so a misread quote ("women.5") is left alone. The
Notes give each note's printed page ("p. 29"): the page the marker stands on must agree,
which checks the page numbering of the whole book. A page-foot note ("*See V. I. Lenin ...
—Ed.") belongs to the asterisk glued to a word on its own page; every other asterisk is noise.
"""

from __future__ import annotations

import re

from .errors import SourceError
from .model import Block, Document, Line, Note, Part

NOTE_START = re.compile(r"^(\d{1,2}) (?=\S)")
NUMBERED_MARKER = re.compile(r"(?<=[A-Za-z.,;:”’)])(\d{1,2})(?=[\s,.;:”’)—]|$)")
PAGE_REFERENCE = re.compile(r"\s*\bp\. (\d{1,3})\s*$")
DIGIT = re.compile(r"\d")  # what every numbered marker holds


def note_numbers(doc: Document) -> list[tuple[int, Line]]:
    """The numbers the Notes part gives, each with its line; they must run 1, 2, 3 …"""
    part = doc.notes_part
    if part is None:
        return []
    found: list[tuple[int, Line]] = []
    for line in part.lines:
        match = NOTE_START.match(line.text.strip()) if line.kind == "text" else None
        if match and int(match.group(1)) == len(found) + 1:
            found.append((int(match.group(1)), line))
        elif match and found and int(match.group(1)) > len(found) + 1:
            raise SourceError(
                doc.book.source_path,
                line.number,
                f"note {match.group(1)} follows note {len(found)}: "
                f"note {len(found) + 1} is missing from the Notes",
            )
    return found


def find_numbered_markers(doc: Document) -> Document:
    """Take each note's marker out of the running text, in order, onto its line's markers."""
    numbers = note_numbers(doc)
    doc.notes = [Note(id=str(n), number=str(n), blocks=[], line=line.number) for n, line in numbers]
    expected = iter(doc.notes)
    note = next(expected, None)
    text_lines = [line for part in doc.parts if part.kind == "text" for line in part.lines if line.is_text]
    numbered = [line for line in text_lines if DIGIT.search(line.text)]  # only these can hold a marker
    for line in numbered:
        while note is not None:
            match = _marker(line, note.number)
            if match is None:
                break
            line.text = line.text[: match.start()] + line.text[match.end() :]
            line.markers.append((match.start(), note.id))
            note.marker_page = line.page
            note.marker_line = line.number
            note = next(expected, None)
    if note is not None:
        raise SourceError(doc.book.source_path, note.line, f"note {note.number} has no marker in the text")
    for line in numbered:  # taking a marker out takes digits only: no line gains one
        stray = NUMBERED_MARKER.search(line.text)
        if stray and re.search(r"[A-Za-z]\.?[”’]?\d", line.text[max(0, stray.start() - 3) :]):
            raise SourceError(
                doc.book.source_path,
                line.number,
                f"marker {stray.group(1)} has no note in the Notes",
            )
    return doc


def _marker(line: Line, number: str) -> re.Match[str] | None:
    for match in NUMBERED_MARKER.finditer(line.text):
        if match.group(1) == number:
            return match
    return None


def find_footnotes(doc: Document) -> Document:
    """Pair each page-foot note with the asterisk on its page (the others are the repairs')."""
    doc.footnotes = []
    for part in doc.parts:
        for line in part.lines:
            if line.kind != "footnote":
                continue
            note_id = f"ed{len(doc.footnotes) + 1}"
            text = line.text.strip()[1:].strip()  # without its marker
            marker = doc.book.footnote_marker
            note = Note(note_id, marker, [Block("paragraph", [line], text=text)], kind="page-foot")
            note.line = line.number
            note.marker_part = part.slug
            marker_line = _footnote_marker_line(part, line, marker)
            if marker_line is None:
                raise SourceError(
                    doc.book.source_path,
                    line.number,
                    f"page-foot note on page {line.page} has no asterisk marker on its page",
                )
            offset = marker_line.text.rindex(marker)
            marker_line.text = marker_line.text[:offset] + marker_line.text[offset + len(marker) :]
            marker_line.markers.append((offset, note_id))
            note.marker_page = marker_line.page
            note.marker_line = marker_line.number
            doc.footnotes.append(note)
    return doc


def _footnote_marker_line(part: Part, footnote: Line, marker: str) -> Line | None:
    glued = re.compile(rf"(?<=\S){re.escape(marker)}")
    candidates = [
        line
        for line in part.lines
        if line.kind == "text"
        and line.page == footnote.page
        and line.number < footnote.number
        and glued.search(line.text)
    ]
    return candidates[-1] if candidates else None


def collect_notes(doc: Document) -> Document:
    """Group the Notes part's paragraphs into notes; check each page reference."""
    part = doc.notes_part
    if part is None:
        return doc
    by_id = {note.id: note for note in doc.notes}
    current: Note | None = None
    for block in part.blocks:
        match = NOTE_START.match(block.text)
        if match and match.group(1) in by_id and not by_id[match.group(1)].blocks:
            current = by_id[match.group(1)]
            block.text = block.text[match.end() :]
            block.line_offsets = [max(0, o - match.end()) for o in block.line_offsets]
            current.line = block.first_line
        if current is None:
            raise SourceError(doc.book.source_path, block.first_line, "text in the Notes before note 1")
        current.blocks.append(block)
    for note in doc.notes:
        _take_page_reference(doc, note)
    return doc


def _take_page_reference(doc: Document, note: Note) -> None:
    last = note.blocks[-1]
    match = PAGE_REFERENCE.search(last.text)
    if not match:
        raise SourceError(doc.book.source_path, last.first_line, f"note {note.number} has no page reference")
    note.page_ref = int(match.group(1))
    last.text = last.text[: match.start()]
    if not last.text.strip():
        note.blocks.pop()  # the reference stood on a line of its own
    if note.page_ref != note.marker_page:
        raise SourceError(
            doc.book.source_path,
            last.first_line,
            f"note {note.number} says p. {note.page_ref}, but its marker stands on printed page "
            f"{note.marker_page} (raw line {note.marker_line})",
        )


def locate_markers(doc: Document) -> Document:
    """Record which part holds each marker (for links from the Notes back to the text)."""
    for part in doc.parts:
        for block in part.blocks:
            for _offset, note_id in block.markers:
                doc.note(note_id).marker_part = part.slug
    return doc
