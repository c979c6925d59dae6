"""What the outputs read from the model beyond its text, in one place: ids and part furniture.

The ids are the ones anchors.py decides on the Document (`p-12-1`, `note-3`, `ref-3`,
`page-37`), the site's, so a citation of the site finds the same place in the EPUB, the PDF
and the whole-book page.
"""

from __future__ import annotations

from ..model import Document, Note, Part


def paragraph_ids(part: Part) -> dict[int, str]:
    """Block index → id, for the paragraphs of a text part: p-<page>-<rank on that page>."""
    return {index: block.anchor for index, block in enumerate(part.blocks) if block.kind == "paragraph"}


def note_block_id(note: Note, index: int) -> str:
    """The id of a note's `index`-th paragraph: `note-3`, then `note-3-2` …; `ed1` for a
    page-foot note."""
    return note.blocks[index].anchor if note.blocks else note.anchor


def text_parts(doc: Document) -> list[Part]:
    return [part for part in doc.parts if part.kind == "text"]


def footnotes_of(doc: Document, part: Part) -> list[Note]:
    """The page-foot editor's notes whose markers stand in `part`."""
    return [note for note in doc.footnotes if note.marker_part == part.slug]


def page_places(doc: Document) -> list[tuple[int, str]]:
    """(printed page, slug of the part where it begins), in page order."""
    return [(page, place.part) for page, place in sorted(doc.page_places.items())]


def line_places(doc: Document) -> dict[int, tuple[str, str]]:
    """Raw line → (slug, id of the paragraph or note holding it), for the list of emendations."""
    return {line: (place.part, place.anchor) for line, place in doc.line_places.items()}
