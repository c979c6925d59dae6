"""The document model: every piece of text keeps the raw line and printed page it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # the model only names these types; it needs nothing of their modules
    from .book import Book, PartSpec

# a raw line: words of the book ("text", "footnote": a page-foot note), nothing ("blank"),
# not the book's ("signature-mark", "noise"), or furniture set apart by structure.py
LineKind = Literal[
    "text", "footnote", "blank", "signature-mark", "noise", "section-break",
    "heading", "subtitle", "date", "signature", "running-head", "front-matter",
]  # fmt: skip
BlockKind = Literal["paragraph", "section-break", "subtitle", "date", "signature"]
PartKind = Literal["text", "notes"]
# "rule" (a named pass) or "correction" (an entry of corrections.yml)
EditKind = Literal["rule", "correction"]
# a numbered note of the Notes part, or an editor's note at the foot of a printed page
NoteKind = Literal["numbered", "page-foot"]


@dataclass
class Edit:
    """One change to the text: what rule or correction made it, where, and why."""

    rule: str
    line: int
    page: int
    before: str
    after: str
    why: str
    kind: EditKind = "rule"
    id: str = ""  # its id on the Emendations page and in the text ("e-1234"), set by anchors.py
    span: Span | None = None  # where its result stands in the final text, set by provenance.py


@dataclass
class Span:
    """Where an edit's result stands: characters `start`:`end` of `block`'s text, shown in
    part `part`. start == end marks a point: a removal, or a paragraph break made there."""

    part: str
    block: Block
    start: int
    end: int
    # the runs of changed words inside start:end (provenance.py): a phrase re-read from the
    # scan whole, most of it unchanged, is marked only where its words differ; None: all of it
    changed: list[tuple[int, int]] | None = None

    @property
    def pieces(self) -> list[tuple[int, int]]:
        """What the text's marks cover: the changed runs, else the whole span."""
        return self.changed or [(self.start, self.end)]


@dataclass
class Line:
    """One printed line: its raw OCR text, its current (edited) text and its place in the book."""

    number: int
    raw: str
    text: str
    page: int = 0
    page_start: bool = False
    kind: LineKind = "text"
    form_feeds: int = 0  # form feeds the scan put before this line (page turns), not in `raw`
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
    """A unit of the reading text: a paragraph, subtitle, date, signature, section break."""

    kind: BlockKind
    lines: list[Line]
    text: str = ""
    page_marks: list[PageMark] = field(default_factory=list)
    # offsets in `text` where a line of `lines` begins (same order), for provenance of edits
    line_offsets: list[int] = field(default_factory=list)
    anchor: str = ""  # its id in every output, set by anchors.py ("" for furniture)
    # note markers: (offset just after the marked word, note id) — filled by notes.py
    markers: list[tuple[int, str]] = field(default_factory=list)
    # the edits whose result stands in its text (their spans point here) — filled by provenance.py;
    # kept out of repr and == (an edit's span points back at the block)
    edits: list[Edit] = field(default_factory=list, repr=False, compare=False)

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
    """A numbered note of the Notes part, or a page-foot editor's note ("*See ... —Ed.")."""

    id: str  # the key markers name it by: "1" … for numbered notes, "ed1" … for page-foot ones
    number: str  # what the reader sees as its marker: "1", or the book's asterisk
    blocks: list[Block]
    kind: NoteKind = "numbered"
    page_ref: int | None = None  # the printed page the Notes say the marker stands on
    marker_part: str = ""  # slug of the part holding the marker
    marker_page: int = 0
    marker_line: int = 0
    line: int = 0
    anchor: str = ""  # the note's id, set by anchors.py
    ref_anchor: str = ""  # its marker's id in the text, set by anchors.py

    @property
    def text(self) -> str:
        """Its text in one line, the paragraphs joined by a space (a link's title, a footnote)."""
        return " ".join(block.text for block in self.blocks)


@dataclass
class Part:
    """One part of the book, as book.yml names it, with its lines and, later, its blocks."""

    spec: PartSpec
    heading: Line  # the heading line, its text the printed heading
    lines: list[Line] = field(default_factory=list)
    subtitle: Block | None = None
    signature: Block | None = None
    date: Block | None = None
    blocks: list[Block] = field(default_factory=list)
    anchor: str = ""  # the id of its title, set by anchors.py

    @property
    def slug(self) -> str:
        return self.spec.slug

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def kind(self) -> PartKind:
        return self.spec.kind

    @property
    def heading_line(self) -> int:
        return self.heading.number

    @property
    def first_page(self) -> int:
        return self.heading.page

    @property
    def last_page(self) -> int:
        """The printed page the part's last line stands on."""
        return max(line.page for line in [self.heading, *self.lines])


@dataclass
class Place:
    """Where a reader finds a piece of the text: a part's page and an id on it."""

    part: str  # the part's slug
    anchor: str


@dataclass
class Remark:
    """An editor's remark for readers (remarks.yml), tied to a raw line."""

    line: int
    page: int
    raw: str
    text: str
    id: str = ""  # decided by the anchors pass: `r-<line>`


@dataclass
class Document:
    book: Book
    lines: list[Line]
    parts: list[Part] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    footnotes: list[Note] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)
    # set by anchors.py: raw line number → the block holding it; printed page → its anchor
    line_places: dict[int, Place] = field(default_factory=dict)
    page_places: dict[int, Place] = field(default_factory=dict)

    @property
    def pages(self) -> list[int]:
        """Every printed page of the book, in order (from `page_places`)."""
        return sorted(self.page_places)

    def part_pages(self, slug: str) -> list[int]:
        """The printed pages that begin in part `slug` (where its #page-N anchors stand), in order."""
        return [page for page, place in sorted(self.page_places.items()) if place.part == slug]

    def part(self, slug: str) -> Part:
        for part in self.parts:
            if part.slug == slug:
                return part
        raise KeyError(slug)

    @property
    def notes_part(self) -> Part | None:
        return next((part for part in self.parts if part.kind == "notes"), None)

    def note(self, note_id: str) -> Note:
        for note in [*self.notes, *self.footnotes]:
            if note.id == note_id:
                return note
        raise KeyError(note_id)

    def place_of_line(self, number: int) -> Place | None:
        """The part and anchor of the block that holds raw line `number` (None: furniture,
        noise, blank lines)."""
        return self.line_places.get(number)

    def record(self, edit: Edit) -> None:
        self.edits.append(edit)
