"""MkDocs hook (mkdocs.yml `hooks:`): the site's book-specific settings from source/book.yml.

The site name, description, author, copyright, navigation and `extra.short_author` come from
the book's data (edition/site_config.py), so that a new book never edits mkdocs.yml; the
mkdocs.yml beside source/ is the one read, so a copy of the project builds its own book.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from edition.book import load_book
from edition.errors import SourceError
from edition.site_config import site_settings
from mkdocs.exceptions import ConfigurationError


def on_config(config: Any) -> Any:
    book_yml = Path(config.config_file_path).resolve().parent / "source" / "book.yml"
    try:
        settings = site_settings(load_book(book_yml))
    except SourceError as error:
        raise ConfigurationError(str(error)) from None
    config.extra["short_author"] = settings.pop("short_author")
    if config.nav:  # a navigation mkdocs.yml spells out is kept (book.yml's is the default)
        settings.pop("nav")
    for key, value in settings.items():
        config[key] = value
    return config
