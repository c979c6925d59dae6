"""The colophon page: rights in the text and in the edition, version and date, source, how
it was made; every fact from book.yml (`colophon`), none from code."""

from __future__ import annotations

from ...errors import SourceError
from ...model import Document
from ...yamlfile import line_of
from .book_page import downloads_line
from .part import escape, front_matter

FIELDS = ("version", "date", "text_rights", "edition_rights", "made")


def colophon_facts(doc: Document) -> dict[str, str] | None:
    """book.yml's `colophon`, every field present and a string; None when absent."""
    facts = doc.book.colophon
    if facts is None:
        return None
    if not isinstance(facts, dict):
        raise SourceError(doc.book.path, 0, "colophon must be a mapping")
    for key in FIELDS:
        if not isinstance(facts.get(key), str) or not facts[key].strip():
            raise SourceError(doc.book.path, line_of(facts), f"colophon: '{key}' must be a text")
    return {key: " ".join(facts[key].split()) for key in FIELDS}


def render_colophon(doc: Document, imprint: str) -> str | None:
    """colophon.md, or None when book.yml has no colophon. `imprint` is the source's
    bibliographic line, already Markdown."""
    facts = colophon_facts(doc)
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
        escape(facts["text_rights"]),
        "",
        "## The edition",
        "",
        escape(facts["edition_rights"]),
        "",
        f"Version {escape(facts['version'])}, {escape(facts['date'])}.",
        "",
        "## Source",
        "",
        imprint,
        "",
        f"From an OCR text of the printed book (`source/{escape(book.source)}`), kept unchanged.",
        "",
        "## How it was made",
        "",
        escape(facts["made"]),
        "",
        "How each step works, and every change made to the scanned text, are in "
        "[About this edition](about.md) and [the emendations](emendations.md).",
        "",
        downloads_line(doc, root="../"),
        "",
    ]
    return "\n".join(lines)
