"""scan.yml: what this scan is like — the OCR's habits that the rules rely on, each with its why.

The values are the scan's, not the program's: another book's scan brings its own scan.yml.
Without one, the defaults below know nothing of any scan (no misread lists, no signature
marks), apart from the page layout every scan of this kind shares (see source/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import re2

from .errors import SourceError
from .fields import text
from .yamlfile import line_of, load_yaml


class Pattern(Protocol):
    def match(self, text: str) -> object: ...


# what the matching of a data file's pattern may use: no more memory than this for its automaton
PATTERN_MEMORY = 8 << 20


def linear_pattern(source: str, path: Path, line: int, key: str) -> Pattern:
    """A pattern from a data file, compiled by RE2, whose matching takes time linear in the
    text whatever the pattern: no data value can make a build hang.

    Python's `re` backtracks: `^(\\w+\\s?)+\\d$` against one line of fifty letters tries
    2^50 ways (`prepare` ran for over five minutes). Of the ways to bound that, RE2 is the
    simplest that is sound: it is Python's syntax less what needs backtracking (backreferences,
    lookaround), and it matches with an automaton, never trying a way twice. A checker of
    "safe" `re` patterns would have to be proved complete; a time limit on `re` needs signals,
    which only the main thread may set. A pattern RE2 cannot take is refused here, with the line.

    >>> linear_pattern(r"^(\\w+\\s?)+\\d$", Path("scan.yml"), 14, "signature_mark").match("a" * 50)
    >>> linear_pattern(r"(\\w)\\1", Path("scan.yml"), 14, "signature_mark")
    Traceback (most recent call last):
    ...
    edition.errors.SourceError: scan.yml:14: 'signature_mark': invalid escape sequence: \\1
    """
    options = re2.Options()
    options.log_errors = False  # the message goes into the SourceError, not onto stderr
    options.max_mem = PATTERN_MEMORY
    try:
        return re2.compile(source, options)
    except re2.error as error:
        reason = error.args[0].decode() if error.args and isinstance(error.args[0], bytes) else str(error)
        raise SourceError(path, line, f"'{key}': {reason}") from None


NEVER: Pattern = re2.compile(r"\b\B")  # a pattern that matches nothing
PLAIN_CHARACTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?()[]-—“”‘’"
)


@dataclass(frozen=True)
class Scan:
    """The scan's habits, as scan.yml gives them (the defaults: a scan nothing is known of)."""

    page_gap: int = 3  # blank lines in a row where the scanner turned a page
    short_line: int = 46  # a last line at a page end shorter than this closed its paragraph
    signature_mark: Pattern = NEVER  # a printer's signature line, not text (RE2: linear time)
    misread_markers: str = ""  # what the scan reads a page-foot note's marker as
    short_misreads: dict[str, str] = field(default_factory=dict)  # "ia" → "a"
    nouns_before_land: frozenset[str] = frozenset()  # "the land": the noun, not "and"
    report_characters: frozenset[str] = PLAIN_CHARACTERS  # what the book prints
    abbreviations: frozenset[str] = frozenset()  # "p." and the like

    def page_turn_between(self, before: int, after: int) -> bool:
        """Do raw lines `before` and `after`, with nothing of the text between, stand on
        either side of a page turn the layout shows (a run of `page_gap` blank lines)?

        >>> Scan().page_turn_between(10, 14), Scan().page_turn_between(10, 13)
        (True, False)
        """
        return after - before - 1 >= self.page_gap

    def within_a_page_turn(self, before: int, after: int) -> bool:
        """Are raw lines `before` and `after` no further apart than a page turn, so that a
        word may run on from one to the other?

        >>> Scan().within_a_page_turn(10, 14), Scan().within_a_page_turn(10, 15)
        (True, False)
        """
        return after - before - 1 <= self.page_gap


def _value(data: dict, key: str, kind: type, path: Path) -> Any:
    entry = data[key]
    where = line_of(entry, line_of(data))
    if not isinstance(entry, dict) or "value" not in entry or not str(entry.get("why", "")).strip():
        raise SourceError(path, where, f"'{key}' must be a mapping with 'value' and a one-line 'why'")
    text(entry["why"], path, where, f"'{key}': 'why'")
    value = entry["value"]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise SourceError(path, where, f"'{key}': value must be a {kind.__name__}, not {value!r}")
    return value


def _strings(values: list, key: str, path: Path, where: int) -> frozenset[str]:
    if not all(isinstance(value, str) and value for value in values):
        raise SourceError(path, where, f"'{key}': every item must be a word in quotes if need be")
    return frozenset(values)


def load_scan(path: Path) -> Scan:
    """Read and check scan.yml; a missing file gives the defaults.

    Every key is optional; each one given is `{value: ..., why: ...}`, the why not empty.
    """
    if not path.exists():
        return Scan()
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise SourceError(path, 1, "scan.yml must be a mapping")
    known = set(Scan.__dataclass_fields__)
    for key in data:
        if key not in known:
            raise SourceError(path, line_of(data[key], line_of(data)), f"unknown key {key!r}")
    kinds = {
        "page_gap": int, "short_line": int, "signature_mark": str, "misread_markers": str,
        "short_misreads": dict, "nouns_before_land": list, "report_characters": str,
        "abbreviations": list,
    }  # fmt: skip
    values = {key: _value(data, key, kinds[key], path) for key in data}
    where = {key: line_of(data[key], line_of(data)) for key in data}
    if "signature_mark" in values:
        values["signature_mark"] = linear_pattern(
            values["signature_mark"], path, where["signature_mark"], "signature_mark"
        )
    for key in ("page_gap", "short_line"):
        if key in values and values[key] < 1:
            raise SourceError(path, where[key], f"'{key}' must be at least 1")
    if "short_misreads" in values:
        pairs = values["short_misreads"]
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in pairs.items()):
            raise SourceError(path, where["short_misreads"], "'short_misreads' maps a misread to a word")
        values["short_misreads"] = {k.lower(): v for k, v in pairs.items()}
    for key in ("nouns_before_land", "abbreviations"):
        if key in values:
            values[key] = frozenset(s.lower() for s in _strings(values[key], key, path, where[key]))
    if "report_characters" in values:
        values["report_characters"] = frozenset(values["report_characters"])
    return Scan(**values)
