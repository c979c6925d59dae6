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
from markupsafe import escape
from mkdocs.exceptions import ConfigurationError


def on_config(config: Any) -> Any:
    book_yml = Path(config.config_file_path).resolve().parent / "source" / "book.yml"
    try:
        settings = site_settings(load_book(book_yml))
    except SourceError as error:
        raise ConfigurationError(str(error)) from None
    # the theme's templates print these values as they are (no autoescape): each is escaped
    # here, once, as the HTML it lands in (a title with "<" or "&" is text, never markup);
    # as Markup, which the templates that do escape (`| e`: Material's logo title, its footer's
    # labels) leave as it is: escaped twice, a label would read "&amp;lt;" to a screen reader
    config.extra["short_author"] = escape(settings.pop("short_author"))
    nav = [{escape(title): page for title, page in entry.items()} for entry in settings.pop("nav")]
    if not config.nav:  # a navigation mkdocs.yml spells out is kept (book.yml's is the default)
        config["nav"] = nav
    for key, value in settings.items():
        config[key] = escape(value)
    return config
