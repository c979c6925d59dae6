"""What a citation of the book says, from book.yml: one set of facts for every place the
edition is cited or catalogued: the reader's "Cite" (tools.js, by way of tools_data), About's
"How to cite", and the metadata each page carries for reference managers and crawlers
(outputs/citation.py renders them). A part's printed pages are the model's (`Part.first_page`,
`Part.last_page`).
"""

from __future__ import annotations

from typing import Any

from .model import Document


def book_facts(doc: Document) -> dict[str, Any]:
    """The book as a cataloguer describes it: author, title, translator (None: unnamed), what it
    is translated from, publisher, place, year ("n.d." when the book gives none), language,
    and this edition's name."""
    book, catalogue = doc.book, doc.book.catalogue
    return {
        "author": book.author,
        "title": book.title,
        "translator": catalogue.translator,
        "translated_from": catalogue.translated_from,
        "publisher": catalogue.publisher,
        "place": catalogue.place,
        "year": catalogue.year_text,
        "language": book.metadata.language,
        "edition_name": book.metadata.edition_name,
    }
