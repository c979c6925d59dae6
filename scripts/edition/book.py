"""book.yml: the facts of one book (parts, titles, slugs, pages), checked as they are read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import SourceError
from .scan import Scan, load_scan
from .sources import Sources
from .yamlfile import item_line, line_of, load_yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
    subtitle: str = ""
    date: str = ""
    signature: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    yaml_line: int = 0


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
            values[key] = value
    unknown = sorted(set(raw) - set(Catalogue.__dataclass_fields__))
    if unknown:
        raise SourceError(path, item_line(raw, unknown[0]), f"catalogue: unknown key '{unknown[0]}'")
    return Catalogue(**values)


@dataclass
class Book:
    path: Path
    title: str
    author: str
    source: str
    metadata: dict[str, Any]
    first_page: int  # printed number of the first page of the OCR file
    parts: list[PartSpec]
    footnote_marker: str = "*"
    footnote_signature: str = "—Ed."
    scan: Scan = field(default_factory=Scan)  # scan.yml beside book.yml: what the scan is like
    colophon: dict[str, Any] | None = None  # rights, version, date, how made (colophon.py)
    catalogue: Catalogue = field(default_factory=Catalogue)  # the printed book's catalogue record

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
    kind = raw.get("kind", "text")
    if kind not in ("text", "notes"):
        raise SourceError(path, item_line(raw, "kind"), f"{where}: kind must be 'text' or 'notes'")
    return PartSpec(
        slug=slug,
        title=_require(raw, "title", str, path, where),
        heading=_require(raw, "heading", str, path, where).strip(),
        printed_heading=_require(raw, "printed_heading", str, path, where),
        start_page=_require(raw, "start_page", int, path, where),
        kind=kind,
        subtitle=str(raw.get("subtitle", "")),
        date=str(raw.get("date", "")),
        signature=signature,
        mentions=_mentions(raw, path, where),
        yaml_line=line_of(raw),
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
    return [Mention(m["text"], m["part"]) for m in raw]


def _optional_mapping(data: dict, key: str, path: Path) -> dict:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise SourceError(path, item_line(data, key), f"book: '{key}' must be a mapping, not {value!r}")
    return value


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
    return Book(
        path=path,
        title=_require(data, "title", str, path, "book"),
        author=_require(data, "author", str, path, "book"),
        source=_require(data, "source", str, path, "book"),
        metadata=dict(_optional_mapping(data, "metadata", path)),
        first_page=_require(pages, "first", int, path, "pages"),
        parts=parts,
        footnote_marker=str(footnotes.get("marker", "*")),
        footnote_signature=str(footnotes.get("signature", "—Ed.")),
        scan=load_scan(Sources(path.parent).scan),
        colophon=data.get("colophon"),
        catalogue=_catalogue(data, path),
    )
