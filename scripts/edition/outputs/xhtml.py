"""A part of the book as (X)HTML: the same elements, ids and text for the EPUB, the PDF and the
whole-book page; each output says, through `Links`, how it marks pages and links notes.

The text is escaped and nothing else: every character of the book is kept as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..escape import html_attribute, html_text
from ..model import Block, Document, Note, Part
from . import view
from .inline import Forms, mentions, set_marks


@dataclass(frozen=True)
class Links:
    """How one output marks a printed page and links notes, parts and markers."""

    page_break: Callable[[int], str]  # the markup where printed page N begins
    note_ref: Callable[[Note], str]  # a marker in the text (a link to its note)
    to_marker: Callable[[Note], str]  # href from a note back to its marker
    to_part: Callable[[str], str]  # href of a part, by slug
    void: str = " /"  # how an empty element closes: " /" in XHTML, "" in HTML
    # one document for the whole book: ids of a part's sections carry the part's slug
    whole_book: bool = False


def whole_book_links(page_break: Callable[[int], str], note_ref: Callable[[Note], str]) -> Links:
    """Links inside one HTML document that holds the whole book (the /book/ page, the PDF):
    every target is an id of that document."""
    return Links(
        page_break=page_break,
        note_ref=note_ref,
        to_marker=lambda note: f"#{note.ref_anchor}",
        to_part=lambda slug: f"#{slug}",
        void="",
        whole_book=True,
    )


def escape(text: str) -> str:
    """Text → HTML that shows exactly that text.

    >>> escape("Marx & “Engels” <1848>")
    'Marx &amp; “Engels” &lt;1848&gt;'
    """
    return html_text(text)


def attribute(text: str) -> str:
    """Text → an attribute value (escape.py's rule for HTML and XML attributes)."""
    return html_attribute(text)


def forms(links: Links) -> Forms:
    """The HTML of the marks (inline.py), as `links` says for this output; no edit is marked."""
    return Forms(
        text=lambda piece, _following: escape(piece),
        page=links.page_break,
        marker=links.note_ref,
        mention=lambda slug: (f'<a href="{links.to_part(slug)}">', "</a>"),
    )


def inline(block: Block, doc: Document, links: Links, spans: list[tuple[int, int, str]] = ()) -> str:
    """A block's text with its page breaks, note markers and links to other parts set in."""
    return set_marks(block.text, block, doc.note, forms(links), spans)


def block_id(block: Block) -> str:
    """` id="…"` for a part's subtitle, signature or date: the site's id (`preface-signature`),
    which the Emendations link to and search lands on; "" for a block without one."""
    return f' id="{block.anchor}"' if block.anchor else ""


def part_blocks(doc: Document, part: Part, links: Links) -> list[str]:
    """The part's subtitle, paragraphs, section breaks, signature and date, one element a line."""
    out = []
    if part.subtitle:
        out.append(f'<p class="subtitle"{block_id(part.subtitle)}>{escape(part.subtitle.text)}</p>')
    ids = view.paragraph_ids(part)
    for index, block in enumerate(part.blocks):
        if block.kind == "section-break":
            ident = f"{part.slug}-{block.anchor}" if links.whole_book else block.anchor
            out.append(f'<hr class="section-break" id="{ident}"{links.void}>')
        else:
            text = inline(block, doc, links, mentions(part, block))
            out.append(f'<p id="{ids[index]}">{text}</p>')
    signature, date = (part.signature, part.date)
    if signature:
        lines = f"<br{links.void}>".join(escape(line) for line in signature.text.split("\n"))
        out.append(f'<p class="signature"{block_id(signature)}>{lines}</p>')
    if date:
        out.append(f'<p class="date"{block_id(date)}>{escape(date.text)}</p>')
    return out


def back_link(note: Note, links: Links, attributes: str = "") -> str:
    """The note's "p. N" as a link back to its marker (N the page the marker stands on)."""
    page = note.page_ref or note.marker_page
    return f'<a href="{links.to_marker(note)}"{attributes}>p.\u00a0{page}</a>'


def note_paragraphs(
    doc: Document, note: Note, links: Links, back: str = "", first_id: bool = True
) -> list[str]:
    """A note's paragraphs: its number first, "p. N" (a link to its marker) last. Without
    `first_id` the first paragraph has no id (its list item has the note's id)."""
    out = []
    for index, block in enumerate(note.blocks):
        text = inline(block, doc, links)
        if index == 0:
            text = f'<span class="note-number">{escape(note.number)}</span> {text}'
        if index == len(note.blocks) - 1:
            text += f" {back_link(note, links, back)}"
        ident = f' id="{view.note_block_id(note, index)}"' if index or first_id else ""
        out.append(f"<p{ident}>{text}</p>")
    return out


def heading(part: Part, links: Links, level: int) -> list[str]:
    """The part's title, after the page break when a printed page begins with it."""
    line = part.heading
    out = [links.page_break(line.page)] if line.page_start else []
    return [*out, f"<h{level}>{escape(part.title)}</h{level}>"]
