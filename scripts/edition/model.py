"""The document model: every piece of text keeps the raw line and printed page it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Edit:
    """One change to the text: what rule or correction made it, where, and why."""

    rule: str
    line: int
    page: int
    before: str
    after: str
    why: str
    kind: str = "rule"  # "rule" (a named pass) or "correction" (an entry of corrections.yml)
    # set by provenance.py once the text is final: the edit's id ("e-1234", from its raw line)
    # and where its result stands in a block's text
    id: str = ""
    place: Place | None = None


@dataclass
class Place:
    """Where an edit's result stands: characters `start`:`end` of block `block`'s text, in
    part `part`. start == end marks a point: a removal, or a paragraph break made there."""

    part: str
    block: Block
    start: int
    end: int


@dataclass
class Line:
    """One printed line: its raw OCR text, its current (edited) text and its place in the book."""

    number: int
    raw: str
    text: str
    page: int = 0
    page_start: bool = False
    # "text", "blank", "signature-mark" (printer's mark, not text) or "noise" (no text at all)
    kind: str = "text"
    # set by corrections.py: this line is settled by a reviewed entry, rules keep off it
    corrected_by: list[int] = field(default_factory=list)
    # note markers found on this line: (offset in `text`, note id), set by notes.py
    markers: list[tuple[int, str]] = field(default_factory=list)

    @property
    def is_text(self) -> bool:
        """Does the line carry words of the book (running text or a page-foot note)?"""
        return self.kind in ("text", "footnote")


@dataclass
class PageMark:
    """Printed page `page` starts at character `offset` of a block's text."""

    offset: int
    page: int


@dataclass
class Block:
    """A unit of the reading text: a paragraph, heading, subtitle, date, signature, section break."""

    kind: str
    lines: list[Line]
    text: str = ""
    page_marks: list[PageMark] = field(default_factory=list)
    # offsets in `text` where a line of `lines` begins (same order), for provenance of edits
    line_offsets: list[int] = field(default_factory=list)
    anchor: str = ""
    # note markers: (offset just after the marked word, note id) — filled by notes.py
    markers: list[tuple[int, str]] = field(default_factory=list)

    @property
    def first_line(self) -> int:
        return self.lines[0].number if self.lines else 0

    @property
    def page(self) -> int:
        return self.lines[0].page if self.lines else 0

    def line_at(self, offset: int) -> Line:
        """The line that the character at `offset` of `text` came from."""
        index = 0
        for i, start in enumerate(self.line_offsets):
            if start <= offset:
                index = i
        return self.lines[index]


@dataclass
class Note:
    """A numbered note of the Notes part, or a page-foot editor's note (id "ed1", "ed2")."""

    id: str
    number: str
    blocks: list[Block]
    page_ref: int | None = None  # the printed page the Notes say the marker stands on
    marker_part: str = ""  # slug of the part holding the marker
    marker_page: int = 0
    marker_line: int = 0
    line: int = 0


@dataclass
class Part:
    slug: str
    title: str
    heading_line: int
    kind: str = "text"  # "text" or "notes"
    subtitle: Block | None = None
    blocks: list[Block] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def first_page(self) -> int:
        return self.lines[0].page if self.lines else 0


@dataclass
class Document:
    book: Any  # book.Book; typed loosely to keep the model free of imports
    lines: list[Line]
    parts: list[Part] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    footnotes: list[Note] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    remarks: list[Any] = field(default_factory=list)  # remarks.Remark, for the readers' list

    def part(self, slug: str) -> Part:
        for part in self.parts:
            if part.slug == slug:
                return part
        raise KeyError(slug)

    def record(self, edit: Edit) -> None:
        self.edits.append(edit)
