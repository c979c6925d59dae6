"""The colophon's words of the edition, written once: the site's colophon page
(markdown/colophon.py), the EPUB's and the PDF's colophon (epub.py, pdf.py) and the TEI header
(tei.py) each give them their own form. The facts are book.yml's (`Book.colophon`,
`Book.metadata`), checked as it is read."""

from __future__ import annotations

from datetime import datetime

from ..book import Colophon
from ..model import Document


def edition_statement(doc: Document) -> str:
    """What this is: "My Recollections of Lenin, by Clara Zetkin: <the edition's name>." (text,
    escaped by the output that sets it)."""
    book = doc.book
    return f"{book.title}, by {book.author}: {book.metadata.edition_name}."


def version_line(colophon: Colophon) -> str:
    """ "Version 1.0.0, 2026-12-01." (book.yml `colophon`)."""
    return f"Version {colophon.version}, {colophon.date}."


def rights_and_version(doc: Document) -> list[str]:
    """What every colophon says of rights and version, each a paragraph of text: the rights in
    the text, the rights in the edition, the version and its date (none without a colophon in
    book.yml)."""
    colophon = doc.book.colophon
    if colophon is None:
        return []
    return [colophon.text_rights, colophon.edition_rights, version_line(colophon)]


def printed_pages(doc: Document) -> str:
    """The printed pages the edition gives, first–last: "6–76"."""
    return f"{doc.pages[0]}–{doc.pages[-1]}"


def source_changed(modified: datetime) -> str:
    """When the edition's source last changed (the downloads' stamp): "Source last changed 2026-12-01."."""
    return f"Source last changed {modified:%Y-%m-%d}."
