"""The site's book-specific settings, from book.yml: MkDocs' site name, description, author,
copyright, navigation and the short author of the tabs' titles. mkdocs.yml holds only what any
book's site shares; `scripts/site_from_book.py` (an MkDocs hook) and `build_zensical.py` put
these values in, so that a new book never edits mkdocs.yml.
"""

from __future__ import annotations

from typing import Any

from .book import Book

# the pages every edition has beside its parts (outputs/markdown/docs.py writes them)
FIRST_PAGES = (("Title page", "index.md"),)
LAST_PAGES = (
    ("The whole book", "book.md"),
    ("About this edition", "about.md"),
    ("Emendations", "emendations.md"),
    ("Colophon", "colophon.md"),
)


def navigation(book: Book) -> list[dict[str, str]]:
    """The site's navigation: the title page, every part in book order, then the edition's pages."""
    parts = tuple((part.title, f"{part.slug}.md") for part in book.parts)
    # the Colophon is written only for a book.yml with a `colophon` (outputs/markdown/colophon.py)
    last = [(title, page) for title, page in LAST_PAGES if page != "colophon.md" or book.colophon]
    return [{title: page} for title, page in (*FIRST_PAGES, *parts, *last)]


def site_settings(book: Book) -> dict[str, Any]:
    """The settings MkDocs (and Zensical) read, as book.yml gives them (its `site` section).

    The site name is "Author: Title" unless `site.name` says otherwise; the short author (after
    each page's title in a browser's tab) is the author's last word unless `site.short_author`
    gives it.
    """
    site = book.site
    return {
        "site_name": site.get("name") or f"{book.author}: {book.title}",
        "site_description": site.get("description", ""),
        "site_author": book.author,
        "copyright": site.get("copyright", ""),
        "nav": navigation(book),
        "short_author": site.get("short_author") or book.author.split()[-1],
    }
