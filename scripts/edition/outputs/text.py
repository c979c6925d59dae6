"""The plain text: UTF-8, paragraphs separated by blank lines, lines wrapped at 72 characters,
note markers as [1] … [11] and [*], the notes at the end; no other markup. After the title page
the colophon (book.yml's, as the site's Colophon page gives it) and where the Emendations are:
this text holds the book's words only, so the scan's misreadings stay out of it."""

from __future__ import annotations

import textwrap

from ..model import Block, Document, Note, Part
from . import view
from .inline import Forms, set_marks

WIDTH = 72


KEEP = "\u00a0"  # joins the words of a page reference while wrapping; a plain space after


def wrap(text: str, page: int | None = None) -> str:
    """A paragraph wrapped at WIDTH, never breaking a word or at a hyphen (the book's hyphens
    stay as they are, and joining the lines with spaces gives the paragraph back); a note's
    page reference "p. N", when given, ends it and stays on one line.

    >>> print(wrap("word " * 15 + "strong-willed", page=18))
    word word word word word word word word word word word word word word
    word strong-willed p. 18
    """
    if page is not None:
        text = f"{text} p.{KEEP}{page}"
    return textwrap.fill(text, WIDTH, break_long_words=False, break_on_hyphens=False).replace(KEEP, " ")


def marker(note: Note) -> str:
    return f"[{note.number}]"


# the plain text's marks (inline.py): the text as it is, a marker as [N], no page, no link
FORMS = Forms(text=lambda piece, _following: piece, page=lambda _page: "", marker=marker)


def with_markers(block: Block, doc: Document) -> str:
    """A block's text with each note marker set in as [N] (or [*]) after its word."""
    return set_marks(block.text, block, doc.note, FORMS)


def centred(line: str) -> str:
    return line.center(WIDTH).rstrip()


def part_text(doc: Document, part: Part) -> list[str]:
    """A part's paragraphs (each a string of wrapped lines), title and furniture included."""
    out = [part.spec.printed_heading]
    if part.subtitle:
        out.append(wrap(part.subtitle.text))
    for block in part.blocks:
        out.append(centred("* * *") if block.kind == "section-break" else wrap(with_markers(block, doc)))
    signature, date = (part.signature, part.date)
    if signature:
        out.append(signature.text)
    if date:
        out.append(date.text)
    for note in view.footnotes_of(doc, part):
        out.append(wrap(f"{marker(note)} {note.text}", page=note.marker_page))
    return out


def notes_text(doc: Document, part: Part) -> list[str]:
    out = [part.spec.printed_heading]
    for note in doc.notes:
        for index, block in enumerate(note.blocks):
            text = with_markers(block, doc)
            if index == 0:
                text = f"{marker(note)} {text}"
            last = index == len(note.blocks) - 1
            out.append(wrap(text, page=note.page_ref if last else None))
    return out


def title_page(doc: Document) -> list[str]:
    book = doc.book
    return [book.title.upper(), book.author, *(wrap(line) for line in doc.book.metadata.imprint_lines)]


def colophon(doc: Document) -> list[str]:
    """The colophon: rights, version and date (book.yml's `colophon`, when it has one), the
    source, how the edition was made, and where its Emendations are."""
    facts = doc.book.colophon
    book = doc.book
    source = ". ".join([f"{book.author}, {book.title}", *doc.book.metadata.imprint_lines])
    source = f"Source: {source}. From an OCR text of the printed book (source/{book.source}), kept unchanged."
    out = ["COLOPHON"]
    if facts:
        out += [
            wrap(facts.text_rights),
            wrap(f"{facts.edition_rights} Version {facts.version}, {facts.date}."),
        ]
    out.append(wrap(source))
    if facts:
        out.append(wrap(facts.made))
    out.append(
        wrap(
            f"The Emendations, the {len(doc.edits)} changes this edition makes to the scanned text, "
            "each with its reason, are left out of this plain text, which holds the book’s words "
            "only. They are on the edition’s website, on its Emendations page (emendations/), at "
            "the end of the EPUB and of the PDF, and each in its place in the TEI."
        )
    )
    return out


def render_text(doc: Document) -> str:
    """The whole book as plain text: title page, colophon, every part, the Notes."""
    parts = [title_page(doc), colophon(doc)]
    parts += [notes_text(doc, part) if part.kind == "notes" else part_text(doc, part) for part in doc.parts]
    # paragraphs apart by one blank line, parts by three
    return "\n\n\n\n".join("\n\n".join(chunks) for chunks in parts) + "\n"
