"""The kinds of value a data file may hold, each checked as it is read: `file:line: problem`.

A data file is edited by many hands (a proofreader's pull request, a new book's book.yml), so a
value is checked for what it is used as before anything uses it: a language a BCP 47 tag (it
becomes an `xml:lang`), an identifier a URN or URI (the EPUB's `dc:identifier`), a date an
ISO 8601 date, a link an http(s) URL (never `file:` or `javascript:`), a text used as one line
(a title, a name) one line of printable text. Escaping for each output is escape.py's: a value
that passes here is still escaped wherever it lands.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path
from typing import Any

from .errors import SourceError

# RFC 5646's langtag (language, extlang, script, region, variants, extensions, private use),
# or a private-use tag alone: "en", "en-GB", "de-1901", "sr-Latn-RS", "x-klingon"
BCP47 = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?"
    r"|x(?:-[a-z\d]{1,8})+",
    re.IGNORECASE,
)
# RFC 8141's URN ("urn:uuid:…", "urn:isbn:…") or an http(s) URI, in the characters RFC 3986
# allows unescaped less the quotes and brackets no identifier needs
URN = re.compile(r"urn:[a-z\d][a-z\d-]{0,31}:[A-Za-z\d()+,\-.:=@;$_!*%/?#~]+", re.IGNORECASE)
HTTP_URL = re.compile(r"https?://[A-Za-z\d.-]+(?::\d{1,5})?(?:/[A-Za-z\d\-._~!$&()*+,;=:@%/?#]*)?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# characters that change how the text around them is laid out or read, never the book's words:
# bidirectional embeddings, overrides and isolates (they reorder what follows them, even past
# the field's end), line and paragraph separators
LAYOUT_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def one_line(value: Any, path: Path, line: int, what: str) -> str:
    """A text used as one line (a title, a name, a heading): printable, on one line.

    >>> one_line("From My Memorandum Book", Path("book.yml"), 3, "title")
    'From My Memorandum Book'
    >>> one_line("A\\nB", Path("book.yml"), 3, "title")
    Traceback (most recent call last):
    ...
    edition.errors.SourceError: book.yml:3: title: must be one line of text, not 'A\\nB'
    """
    if not isinstance(value, str):
        raise SourceError(path, line, f"{what}: must be a text, not {value!r}")
    if any(unicodedata.category(character) == "Cc" for character in value) or LAYOUT_CONTROLS.search(value):
        raise SourceError(path, line, f"{what}: must be one line of text, not {value!r}")
    return value


def language_tag(value: Any, path: Path, line: int, what: str = "language") -> str:
    """A BCP 47 language tag ("en", "en-GB"), as `lang` and `xml:lang` take it.

    >>> language_tag("en-GB", Path("book.yml"), 9)
    'en-GB'
    >>> language_tag('en"><link', Path("book.yml"), 9)
    Traceback (most recent call last):
    ...
    edition.errors.SourceError: book.yml:9: language: 'en"><link' is no BCP 47 language tag (as en, en-GB)
    """
    if not isinstance(value, str) or not BCP47.fullmatch(value):
        raise SourceError(path, line, f"{what}: {value!r} is no BCP 47 language tag (as en, en-GB)")
    return value


def identifier(value: Any, path: Path, line: int, what: str = "identifier") -> str:
    """A URN ("urn:uuid:…") or an http(s) URI: the EPUB's unique identifier.

    >>> identifier("urn:uuid:0471670e-8504-4ab4-9adf-138121243794", Path("downloads.yml"), 5)
    'urn:uuid:0471670e-8504-4ab4-9adf-138121243794'
    >>> identifier("file:///etc/hostname", Path("d.yml"), 5, "id")
    Traceback (most recent call last):
    ...
    edition.errors.SourceError: d.yml:5: id: 'file:///etc/hostname' is no URN (urn:uuid:…) or http(s) URI
    """
    if not isinstance(value, str) or not (URN.fullmatch(value) or HTTP_URL.fullmatch(value)):
        raise SourceError(path, line, f"{what}: {value!r} is no URN (urn:uuid:…) or http(s) URI")
    return value


def http_url(value: Any, path: Path, line: int, what: str = "url") -> str:
    """A link: http or https only (never file:, javascript:, data:).

    >>> http_url("javascript:alert(1)", Path("book.yml"), 7)
    Traceback (most recent call last):
    ...
    edition.errors.SourceError: book.yml:7: url: 'javascript:alert(1)' is no http(s) URL
    """
    if not isinstance(value, str) or not HTTP_URL.fullmatch(value):
        raise SourceError(path, line, f"{what}: {value!r} is no http(s) URL")
    return value


def iso_date(value: Any, path: Path, line: int, what: str = "date") -> str:
    """An ISO 8601 calendar date, YYYY-MM-DD (YAML may have read it as a date already).

    >>> iso_date("2026-12-01", Path("book.yml"), 60)
    '2026-12-01'
    >>> iso_date("2026-13-01", Path("book.yml"), 60)
    Traceback (most recent call last):
    ...
    edition.errors.SourceError: book.yml:60: date: '2026-13-01' is no ISO 8601 date (YYYY-MM-DD)
    """
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise SourceError(path, line, f"{what}: {value!r} is no ISO 8601 date (YYYY-MM-DD)")


def text(value: Any, path: Path, line: int, what: str) -> str:
    """A paragraph's text (a rights statement, a why): printable, lines allowed (they are
    joined by spaces where it is set), and not empty.

    >>> text("The text is in the public domain.", Path("book.yml"), 62, "colophon: 'made'")
    'The text is in the public domain.'
    """
    if not isinstance(value, str) or not value.strip():
        raise SourceError(path, line, f"{what}: must be a text, not {value!r}")
    for piece in value.split("\n"):
        one_line(piece.rstrip("\r"), path, line, what)
    return value
