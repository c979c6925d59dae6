"""The colophon page: rights in the text and in the edition, version and date, source, how
it was made; every fact from book.yml (`colophon`), none from code."""

from __future__ import annotations

from ...model import Document
from ..colophon import version_line
from .book_page import downloads_line
from .part import escape, front_matter


def render_colophon(doc: Document, imprint: str) -> str | None:
    """colophon.md, or None when book.yml has no colophon. `imprint` is the source's
    bibliographic line, already Markdown."""
    facts = doc.book.colophon
    if facts is None:
        return None
    book = doc.book
    # not the book's words: kept out of the search index, as the emendations are
    description = f"Rights, version and making of this edition of {book.title}."
    lines = front_matter(doc, "Colophon", description, searchable=False)
    lines += [
        "# Colophon",
        "",
        "## The text",
        "",
        escape(facts.text_rights),
        "",
        "## The edition",
        "",
        escape(facts.edition_rights),
        "",
        escape(version_line(facts)),
        "",
        "## Source",
        "",
        imprint,
        "",
        f"From an OCR text of the printed book (`source/{escape(book.source)}`), kept unchanged.",
        "",
        "## How it was made",
        "",
        escape(facts.made),
        "",
        "How each step works, and every change made to the scanned text, are in "
        "[About this edition](about.md) and [the emendations](emendations.md).",
        "",
        downloads_line(doc, root="../"),
        "",
    ]
    return "\n".join(lines)
