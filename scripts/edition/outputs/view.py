"""What the outputs read from the model beyond its text, in one place: ids and part furniture.

The ids are the site's (`p-12-1`, `note-3`, `ref-3`, `page-37`), so a citation of the site
finds the same place in the EPUB, the PDF and the whole-book page. When the model decides
every id itself and types the parts' furniture, only this module changes.
"""

from __future__ import annotations

from ..model import Block, Document, Line, Note, Part
from ..render import paragraph_anchors


def paragraph_ids(part: Part) -> dict[int, str]:
    """Block index → id, for the paragraphs of a text part: p-<page>-<rank on that page>."""
    return paragraph_anchors(part)


def note_block_id(note: Note, index: int) -> str:
    """The id of a note's `index`-th paragraph: `note-3`, then `note-3-2` …; `ed1` for a
    page-foot note."""
    if note.id.startswith("ed"):
        return note.id
    return f"note-{note.id}" if index == 0 else f"note-{note.id}-{index + 1}"


def marker_id(note: Note) -> str:
    """The id of a note's marker in the text: `ref-3`, `ref-ed1`."""
    return f"ref-{note.id}"


def page_id(page: int) -> str:
    """The id of the point where printed page `page` begins."""
    return f"page-{page}"


def section_id(block: Block) -> str:
    return block.anchor


def heading_line(part: Part) -> Line:
    """The line of the part's printed heading (its page, and whether a page begins with it)."""
    return part.meta["heading"]


def closing_blocks(part: Part) -> tuple[Block | None, Block | None]:
    """The part's closing signature and date, each None where the part has none."""
    return part.meta.get("signature"), part.meta.get("date")


def printed_heading(part: Part) -> str:
    """The heading as the book prints it ("MY RECOLLECTIONS OF LENIN")."""
    return part.meta["spec"].printed_heading


def mentions(part: Part) -> list[tuple[str, str]]:
    """(phrase, slug of the part it names), from book.yml, for links between parts."""
    return [(m["text"], m["part"]) for m in part.meta["spec"].mentions]


def text_parts(doc: Document) -> list[Part]:
    return [part for part in doc.parts if part.kind == "text"]


def notes_part(doc: Document) -> Part | None:
    return next((part for part in doc.parts if part.kind == "notes"), None)


def footnotes_of(doc: Document, part: Part) -> list[Note]:
    """The page-foot editor's notes whose markers stand in `part`."""
    return [note for note in doc.footnotes if note.marker_part == part.slug]


def all_notes(doc: Document) -> dict[str, Note]:
    """Note id → note, the numbered notes and the page-foot notes."""
    return {note.id: note for note in [*doc.notes, *doc.footnotes]}


def page_places(doc: Document) -> list[tuple[int, str]]:
    """(printed page, slug of the part where it begins), in the order of the text: a page
    begins with a part's heading, inside a paragraph, or inside a note."""
    places = []
    for part in doc.parts:
        heading = heading_line(part)
        if heading.page_start:
            places.append((heading.page, part.slug))
        blocks = [b for note in doc.notes for b in note.blocks] if part.kind == "notes" else part.blocks
        places += [(mark.page, part.slug) for block in blocks for mark in block.page_marks]
    return places


def line_places(doc: Document) -> dict[int, tuple[str, str]]:
    """Raw line → (slug, id of the paragraph or note holding it), for the list of emendations."""
    places: dict[int, tuple[str, str]] = {}
    for part in text_parts(doc):
        for index, ident in paragraph_ids(part).items():
            places.update({line.number: (part.slug, ident) for line in part.blocks[index].lines})
    notes = notes_part(doc)
    for note in doc.notes if notes else []:
        for index, block in enumerate(note.blocks):
            places.update({line.number: (notes.slug, note_block_id(note, index)) for line in block.lines})
    return places
