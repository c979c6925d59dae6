"""What the outputs read from the model beyond its text, in one place: ids and part furniture.

The ids are the ones anchors.py decides on the Document (`p-12-1`, `note-3`, `ref-3`,
`page-37`), the site's, so a citation of the site finds the same place in the EPUB, the PDF
and the whole-book page.
"""

from __future__ import annotations

from ..anchors import page_anchor
from ..model import Block, Document, Line, Note, Part


def paragraph_ids(part: Part) -> dict[int, str]:
    """Block index → id, for the paragraphs of a text part: p-<page>-<rank on that page>."""
    return {index: block.anchor for index, block in enumerate(part.blocks) if block.kind == "paragraph"}


def note_block_id(note: Note, index: int) -> str:
    """The id of a note's `index`-th paragraph: `note-3`, then `note-3-2` …; `ed1` for a
    page-foot note."""
    return note.blocks[index].anchor if note.blocks else note.anchor


def marker_id(note: Note) -> str:
    """The id of a note's marker in the text: `ref-3`, `ref-ed1`."""
    return note.ref_anchor


def is_page_foot(note: Note) -> bool:
    return note.kind == "page-foot"


def page_id(page: int) -> str:
    """The id of the point where printed page `page` begins."""
    return page_anchor(page)


def section_id(block: Block) -> str:
    return block.anchor


def heading_line(part: Part) -> Line:
    """The line of the part's printed heading (its page, and whether a page begins with it)."""
    return part.heading


def closing_blocks(part: Part) -> tuple[Block | None, Block | None]:
    """The part's closing signature and date, each None where the part has none."""
    return part.signature, part.date


def printed_heading(part: Part) -> str:
    """The heading as the book prints it ("MY RECOLLECTIONS OF LENIN")."""
    return part.spec.printed_heading


def mentions(part: Part) -> list[tuple[str, str]]:
    """(phrase, slug of the part it names), from book.yml, for links between parts."""
    return [(mention.text, mention.part) for mention in part.spec.mentions]


def text_parts(doc: Document) -> list[Part]:
    return [part for part in doc.parts if part.kind == "text"]


def notes_part(doc: Document) -> Part | None:
    return doc.notes_part


def footnotes_of(doc: Document, part: Part) -> list[Note]:
    """The page-foot editor's notes whose markers stand in `part`."""
    return [note for note in doc.footnotes if note.marker_part == part.slug]


def page_places(doc: Document) -> list[tuple[int, str]]:
    """(printed page, slug of the part where it begins), in page order."""
    return [(page, place.part) for page, place in sorted(doc.page_places.items())]


def line_places(doc: Document) -> dict[int, tuple[str, str]]:
    """Raw line → (slug, id of the paragraph or note holding it), for the list of emendations."""
    return {line: (place.part, place.anchor) for line, place in doc.line_places.items()}


def imprint_lines(doc: Document) -> list[str]:
    """The print edition's details from book.yml, each a line: "English translation", …"""
    meta = doc.book.metadata
    details = [str(meta[key]) for key in ("translation", "publisher", "edition") if meta.get(key)]
    return [detail[:1].upper() + detail[1:] for detail in details]
