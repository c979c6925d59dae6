"""Typography as the book prints it: curly quotes and apostrophes, em dashes, tight spacing.

Runs line by line after the repairs, so every change keeps its raw line and page. The book
prints curly marks; the OCR kept most of them and read a few as straight marks or doubled them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .model import Document, Edit
from .repairs import word_changes


@dataclass(frozen=True)
class Substitution:
    name: str
    why: str
    pattern: re.Pattern[str]
    replacement: str | Callable[[re.Match[str]], str]

    def apply(self, text: str) -> str:
        return self.pattern.sub(self.replacement, text)


SUBSTITUTIONS = [
    Substitution(
        "double-closing-quote-from-two-singles",
        "two closing single marks side by side are the OCR’s reading of one closing double quote",
        re.compile(r"’’|''|’'"),
        "”",
    ),
    Substitution(
        "apostrophe-in-contraction",
        "a straight apostrophe inside a word is the book’s curly apostrophe",
        re.compile(r"(?<=[A-Za-z])'(?=(?:s|t|ll|re|ve|d|m)\b)"),
        "’",
    ),
    Substitution(
        "opening-double-quote",
        "a straight double quote before a word opens a quotation",
        re.compile(r'(?:(?<=^)|(?<=[\s(—]))"(?=\S)'),
        "“",
    ),
    Substitution(
        "closing-double-quote",
        "a straight double quote after a word closes a quotation",
        re.compile(r'"'),
        "”",
    ),
    Substitution(
        "opening-single-quote",
        "a straight single quote before a word opens a quotation",
        re.compile(r"(?:(?<=^)|(?<=[\s(—“]))'(?=\w)"),
        "‘",
    ),
    Substitution(
        "closing-single-quote",
        "a straight single quote after a word closes a quotation",
        re.compile(r"(?<=[\w.,!?])'"),
        "’",
    ),
    Substitution(
        "no-space-inside-quotes",
        "the book sets no space between an opening quote and its first word",
        re.compile(r"([“‘]) +(?=\w)"),
        r"\1",
    ),
    Substitution(
        "em-dash-without-spaces",
        "the book sets its em dashes close, with no space either side",
        re.compile(r"(?<=\S) +— *|(?<=\S)— +(?=\S)"),
        "—",
    ),
    Substitution(
        "single-spaces",
        "runs of spaces inside a line are scanner spacing, not the book's",
        re.compile(r"(?<=\S) {2,}(?=\S)"),
        " ",
    ),
]

SUBSTITUTIONS_BY_NAME = {substitution.name: substitution for substitution in SUBSTITUTIONS}


def needs_typesetting(text: str) -> bool:
    """Does the line hold what at least one substitution needs to find: a straight or doubled
    mark, a space after an opening quote, a space by an em dash, two spaces?

    Plain substring tests, which skip along at C speed: one regex for them all would try a
    match at every character.

    >>> needs_typesetting("brook: women's narrow"), needs_typesetting("the women’s movement")
    (True, False)
    """
    return (
        "'" in text
        or '"' in text
        or "’’" in text
        or "“ " in text
        or "‘ " in text
        or " —" in text
        or "— " in text
        or "  " in text
    )


def typeset_line(text: str) -> list[tuple[str, str]]:
    """Apply every substitution to one line: [(name, text after it)] for those that changed it.

    >>> typeset_line("brook: women's narrow horizons")
    [('apostrophe-in-contraction', 'brook: women’s narrow horizons')]
    >>> typeset_line("about some peasants—“walking emissaries’’—who had")[-1][1]
    'about some peasants—“walking emissaries”—who had'
    """
    steps: list[tuple[str, str]] = []
    if not needs_typesetting(text):
        return steps  # most lines: nothing any substitution looks for
    for substitution in SUBSTITUTIONS:
        new = substitution.apply(text)
        if new != text:
            steps.append((substitution.name, new))
            text = new
    return steps


def typeset(doc: Document) -> Document:
    """Typeset every text line, recording each change (corrected lines included: this is
    typography, not a repair, so it may follow an entry of corrections.yml)."""
    for line in doc.lines:
        if not line.is_text:
            continue
        before = line.text
        for name, after in typeset_line(before):
            for old, new in word_changes(before, after) or [(before.strip(), after.strip())]:
                why = SUBSTITUTIONS_BY_NAME[name].why
                doc.record(Edit(name, line.number, line.page, old, new, why))
            before = after
        line.text = before
    return doc
