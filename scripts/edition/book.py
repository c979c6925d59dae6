"""book.yml: the facts of one book (parts, titles, slugs, pages), checked as they are read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import SourceError
from .fields import iso_date, language_tag, one_line, text
from .scan import Scan, load_scan
from .sources import Sources
from .yamlfile import item_line, line_of, load_yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# the OCR file's name: a file beside book.yml, never a path that leads out of source/
FILE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
# the title page's imprint: book.yml `metadata` keys, in the order the book's lines stand
IMPRINT = ("translation", "publisher", "edition")


PartKind = Literal["text", "notes"]


@dataclass
class Mention:
    """A phrase of a part that names another part, made a link to it."""

    text: str
    part: str  # the slug of the part named


@dataclass
class PartSpec:
    slug: str
    title: str
    heading: str  # the heading line as the OCR has it (stripped), which locates the part
    printed_heading: str  # the heading as the book prints it
    start_page: int
    kind: PartKind = "text"
    # the heading's further lines, when it runs over more than one
    heading_rest: list[str] = field(default_factory=list)
    subtitle: str = ""
    date: str = ""
    signature: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    yaml_line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict)  # book.yml's line of each key

    def line_of(self, key: str) -> int:
        """book.yml's line of this part's `key` (the part's own line if it has none)."""
        return self.key_lines.get(key, self.yaml_line)


@dataclass
class Catalogue:
    """What a cataloguer writes of the printed book (book.yml `catalogue`): the citations, the
    pages' citation metadata and the downloads' package metadata all read it."""

    publisher: str = ""
    place: str = ""
    translator: str | None = None  # None: the book names none ("trans.", no name)
    translated_from: str = ""
    year: int | None = None  # None: the book gives none ("n.d.")
    not_before: int | None = None  # the earliest year the book can be from, when it gives none

    @property
    def year_text(self) -> str:
        """The year as a citation writes it.

        >>> Catalogue(year=1956).year_text, Catalogue().year_text
        ('1956', 'n.d.')
        """
        return str(self.year) if self.year is not None else "n.d."


def _catalogue(data: dict, path: Path) -> Catalogue:
    raw = _optional_mapping(data, "catalogue", path)
    values: dict[str, Any] = {}
    for key, kinds in (
        ("publisher", (str,)),
        ("place", (str,)),
        ("translator", (str, type(None))),
        ("translated_from", (str,)),
        ("year", (int, type(None))),
        ("not_before", (int, type(None))),
    ):
        if key in raw:
            value = raw[key]
            if not isinstance(value, kinds) or isinstance(value, bool):
                wanted = " or ".join("null" if kind is type(None) else kind.__name__ for kind in kinds)
                raise SourceError(
                    path, item_line(raw, key), f"catalogue: '{key}' must be {wanted}, not {value!r}"
                )
            if isinstance(value, str):
                one_line(value, path, item_line(raw, key), f"catalogue: '{key}'")
            values[key] = value
    unknown = sorted(set(raw) - set(Catalogue.__dataclass_fields__))
    if unknown:
        raise SourceError(path, item_line(raw, unknown[0]), f"catalogue: unknown key '{unknown[0]}'")
    return Catalogue(**values)


@dataclass(frozen=True)
class Metadata:
    """book.yml `metadata`: the printed book's imprint lines, this edition's name, the language
    (a BCP 47 tag); each a line of text, checked as book.yml is read."""

    translation: str = ""  # "English translation"
    publisher: str = ""  # "Foreign Languages Publishing House, Moscow"
    edition: str = ""  # "made from the Russian edition of 1955"
    edition_name: str = "a reading edition"  # what this edition calls itself
    language: str = "en"

    @property
    def imprint(self) -> dict[str, str]:
        """The imprint's lines as book.yml gives them, by key, in the book's order (the site's
        title page gives each its id, `imprint-<key>`).

        >>> Metadata(translation="English translation", edition="made from …").imprint
        {'translation': 'English translation', 'edition': 'made from …'}
        """
        return {key: getattr(self, key) for key in IMPRINT if getattr(self, key)}

    @property
    def imprint_lines(self) -> list[str]:
        """The imprint's lines, each begun with a capital, as a title page or a source line sets
        them.

        >>> Metadata(publisher="FLPH", edition="made from …").imprint_lines
        ['FLPH', 'Made from …']
        """
        return [line[:1].upper() + line[1:] for line in self.imprint.values()]


@dataclass(frozen=True)
class Colophon:
    """book.yml `colophon`: rights in the text and in the edition, version, date, how it was
    made. Every field is required; the texts' line breaks are the YAML's, not the book's, so
    each is one run of words."""

    version: str
    date: str  # ISO 8601
    text_rights: str
    edition_rights: str
    made: str


@dataclass
class Book:
    path: Path
    title: str
    author: str
    source: str
    metadata: Metadata
    first_page: int  # printed number of the first page of the OCR file
    parts: list[PartSpec]
    # what the lines above the first part's heading are: "" (nothing may stand there) or
    # "omit" (a title page and such, left out of the edition, each line on the record)
    front_matter: str = ""
    notes_page_references: bool = False  # does each note of the Notes end with "p. N"?
    footnote_marker: str = "*"
    footnote_signature: str = "—Ed."
    scan: Scan = field(default_factory=Scan)  # scan.yml beside book.yml: what the scan is like
    colophon: Colophon | None = None  # rights, version, date, how made
    catalogue: Catalogue = field(default_factory=Catalogue)  # the printed book's catalogue record
    site: dict[str, str] = field(default_factory=dict)  # the site's name, description, copyright

    @property
    def language(self) -> str:
        """The book's BCP 47 language tag (checked as book.yml is read), "en" when not given."""
        return self.metadata.language

    @property
    def source_path(self) -> Path:
        return self.path.parent / self.source


def _require(mapping: dict, key: str, kind: type, path: Path, where: str) -> Any:
    if key not in mapping:
        raise SourceError(path, line_of(mapping), f"{where}: missing key '{key}'")
    value = mapping[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise SourceError(
            path, item_line(mapping, key), f"{where}: '{key}' must be a {kind.__name__}, not {value!r}"
        )
    return value


def _line(mapping: dict, key: str, path: Path, where: str, default: str | None = None) -> str:
    """A text of `mapping` used as one line (a title, a heading): present unless it has a
    default, and one line of printable text."""
    if key not in mapping and default is not None:
        return default
    _require(mapping, key, str, path, where)
    return one_line(mapping[key], path, item_line(mapping, key), f"{where}: '{key}'")


def _part(parts: list, path: Path, index: int) -> PartSpec:
    where, raw = f"part {index + 1}", parts[index]
    if not isinstance(raw, dict):
        raise SourceError(path, item_line(parts, index), f"{where}: must be a mapping")
    slug = _require(raw, "slug", str, path, where)
    if not SLUG.match(slug):
        raise SourceError(
            path, item_line(raw, "slug"), f"{where}: slug {slug!r} is not lower-case-with-dashes"
        )
    signature = raw.get("signature", [])
    if not isinstance(signature, list) or not all(isinstance(s, str) for s in signature):
        raise SourceError(path, item_line(raw, "signature"), f"{where}: 'signature' must be a list of lines")
    for number, line in enumerate(signature):
        one_line(line, path, item_line(signature, number), f"{where}: 'signature'")
    heading = raw.get("heading")
    heading = [heading] if isinstance(heading, str) else heading
    if not isinstance(heading, list) or not heading:
        raise SourceError(
            path, item_line(raw, "heading") if "heading" in raw else line_of(raw),
            f"{where}: 'heading' must be the heading's line as the OCR reads it, or a list of its lines",
        )  # fmt: skip
    heading = [one_line(h, path, item_line(raw, "heading"), f"{where}: 'heading'").strip() for h in heading]
    if not all(heading):
        raise SourceError(path, item_line(raw, "heading"), f"{where}: 'heading' has an empty line")
    kind = raw.get("kind", "text")
    if kind not in ("text", "notes"):
        raise SourceError(path, item_line(raw, "kind"), f"{where}: kind must be 'text' or 'notes'")
    return PartSpec(
        slug=slug,
        title=_line(raw, "title", path, where),
        heading=heading[0],
        heading_rest=heading[1:],
        printed_heading=_line(raw, "printed_heading", path, where),
        start_page=_require(raw, "start_page", int, path, where),
        kind=kind,
        subtitle=_line(raw, "subtitle", path, where, ""),
        date=_line(raw, "date", path, where, ""),  # the dateline as printed ("January 1924")
        signature=signature,
        mentions=_mentions(raw, path, where),
        yaml_line=line_of(raw),
        key_lines=dict(getattr(raw, "key_lines", {})),
    )


def _mentions(part: dict, path: Path, where: str) -> list[Mention]:
    raw = part.get("mentions", [])
    if not isinstance(raw, list):
        raise SourceError(path, item_line(part, "mentions"), f"{where}: 'mentions' must list {{text, part}}")
    for index, mention in enumerate(raw):
        if not (
            isinstance(mention, dict)
            and isinstance(mention.get("text"), str)
            and isinstance(mention.get("part"), str)
        ):
            raise SourceError(path, item_line(raw, index), f"{where}: 'mentions' must list {{text, part}}")
        one_line(mention["text"], path, item_line(mention, "text"), f"{where}: mention")
    return [Mention(m["text"], m["part"]) for m in raw]


def _optional_mapping(data: dict, key: str, path: Path) -> dict:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise SourceError(path, item_line(data, key), f"book: '{key}' must be a mapping, not {value!r}")
    return value


SITE_KEYS = ("name", "description", "copyright", "short_author")


def _site(data: dict, path: Path) -> dict[str, str]:
    """book.yml's `site`: the site's name, description, copyright and short author, each text."""
    raw = _optional_mapping(data, "site", path)
    for key, value in raw.items():
        if key not in SITE_KEYS:
            raise SourceError(
                path, item_line(raw, key), f"site: unknown key {key!r} (known: {', '.join(SITE_KEYS)})"
            )
        one_line(value, path, item_line(raw, key), f"site: {key!r}")
    return dict(raw)


def _metadata(data: dict, path: Path) -> Metadata:
    """book.yml's `metadata`: known keys only, each a line of text, `language` a BCP 47 tag."""
    metadata = _optional_mapping(data, "metadata", path)
    keys = tuple(Metadata.__dataclass_fields__)
    for key, value in metadata.items():
        line = item_line(metadata, key)
        if key not in keys:
            raise SourceError(path, line, f"metadata: unknown key {key!r} (one of {', '.join(keys)})")
        if key == "language":
            language_tag(value, path, line, "metadata: 'language'")
        else:
            one_line(value, path, line, f"metadata: '{key}'")
    return Metadata(**metadata)


def _colophon(data: dict, path: Path) -> Colophon | None:
    """book.yml's `colophon`: every field present, the version a line, the date ISO 8601, the
    rest printable text (its line breaks joined: one run of words)."""
    colophon = data.get("colophon")
    if colophon is None:
        return None
    if not isinstance(colophon, dict):
        raise SourceError(path, item_line(data, "colophon"), "colophon must be a mapping")
    keys = tuple(Colophon.__dataclass_fields__)
    checked: dict[str, str] = {}
    for key, value in colophon.items():
        line, what = item_line(colophon, key), f"colophon: '{key}'"
        if key not in keys:
            raise SourceError(path, line, f"colophon: unknown key {key!r} (one of {', '.join(keys)})")
        if key == "date":
            checked[key] = iso_date(value, path, line, what)
        elif key == "version":
            checked[key] = one_line(text(value, path, line, what), path, line, what)
        else:
            checked[key] = " ".join(text(value, path, line, what).split())
    for key in keys:
        if key not in checked:
            raise SourceError(path, line_of(colophon), f"colophon: missing key '{key}'")
    return Colophon(**checked)


def _source_name(data: dict, path: Path) -> str:
    """The OCR file's name: a file beside book.yml (a build reads nothing outside source/)."""
    name = _require(data, "source", str, path, "book")
    if not FILE_NAME.fullmatch(name):
        raise SourceError(
            path,
            item_line(data, "source"),
            f"book: 'source' must be a file name beside book.yml, not {name!r}",
        )
    return name


def load_book(path: Path) -> Book:
    """Read and check book.yml: every key present, slugs unique, one notes part at most."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise SourceError(path, 1, "book.yml must be a mapping")
    pages = _require(data, "pages", dict, path, "book")
    raw_parts = _require(data, "parts", list, path, "book")
    if not raw_parts:
        raise SourceError(path, line_of(data), "book: 'parts' is empty")
    parts = [_part(raw_parts, path, i) for i in range(len(raw_parts))]
    seen: dict[str, int] = {}
    for part in parts:
        if part.slug in seen or part.slug == "index":
            raise SourceError(path, part.yaml_line, f"duplicate slug {part.slug!r}")
        seen[part.slug] = part.yaml_line
    for part in parts:
        for mention in part.mentions:
            if mention.part not in seen:
                raise SourceError(path, part.yaml_line, f"mention of unknown part {mention.part!r}")
    if sum(part.kind == "notes" for part in parts) > 1:
        raise SourceError(path, line_of(data), "book: more than one part of kind 'notes'")
    footnotes = _optional_mapping(data, "footnotes", path)
    notes = _optional_mapping(data, "notes", path)
    page_references = notes.get("page_references", False)
    if not isinstance(page_references, bool):
        raise SourceError(
            path, item_line(notes, "page_references"), "notes: 'page_references' must be true or false"
        )
    front_matter = data.get("front_matter", "")
    if front_matter not in ("", "omit"):
        raise SourceError(
            path, item_line(data, "front_matter"), "book: 'front_matter' must be 'omit' or absent"
        )
    return Book(
        path=path,
        title=_line(data, "title", path, "book"),
        author=_line(data, "author", path, "book"),
        source=_source_name(data, path),
        metadata=_metadata(data, path),
        first_page=_require(pages, "first", int, path, "pages"),
        parts=parts,
        front_matter=front_matter,
        notes_page_references=page_references,
        footnote_marker=_line(footnotes, "marker", path, "footnotes", "*"),
        footnote_signature=_line(footnotes, "signature", path, "footnotes", "—Ed."),
        scan=load_scan(Sources(path.parent).scan),
        colophon=_colophon(data, path),
        site=_site(data, path),
        catalogue=_catalogue(data, path),
    )
