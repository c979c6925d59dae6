"""corrections.yml: reviewed emendations that no rule covers, refusing stale or ambiguous entries.

Three kinds of entry, each tied to the exact raw text it was reviewed against:

- text:      `raw` (exact OCR text, found exactly once in the file) → `text`, with `why`;
- paragraph: at raw line `line` (whose raw text is `raw`), `paragraph: break` or `continue`,
             overriding the layout's verdict on whether a new paragraph begins there;
- join:      at the end of raw line `line` (raw text `raw`), how the word broken there joins
             the next line: `solid`, `hyphen` or `space`.

An entry that matches nowhere, matches twice, or overlaps another, stops the build with the
file and the entry's line.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError
from .model import Document, Edit, Line
from .yamlfile import LineDict, check_raw_line, item_line, line_of, load_entries, raw_line_fields

PARAGRAPH_VERDICTS = ("break", "continue")
JOIN_VERDICTS = ("solid", "hyphen", "space")


@dataclass
class TextCorrection:
    raw: str
    text: str
    why: str
    yaml_line: int


@dataclass
class LayoutDecision:
    """A paragraph or join verdict at one raw line."""

    kind: str  # "paragraph" or "join"
    line: int
    raw: str
    verdict: str
    why: str
    yaml_line: int


@dataclass
class Corrections:
    path: Path
    texts: list[TextCorrection]
    paragraphs: dict[int, LayoutDecision]
    joins: dict[int, LayoutDecision]


def load_corrections(path: Path) -> Corrections:
    """Parse corrections.yml; the shape of every entry is checked here, its match later."""
    corrections = Corrections(path, [], {}, {})
    for entry in load_entries(path, "corrections"):
        where = line_of(entry)
        why = entry.get("why")
        if not isinstance(why, str) or not why.strip():
            raise SourceError(path, where, "entry without a reason ('why')")
        if not isinstance(entry.get("raw"), str) or not entry["raw"]:
            raise SourceError(path, item_line(entry, "raw"), "entry without its exact raw text ('raw')")
        if "text" in entry:
            if not isinstance(entry["text"], str):
                raise SourceError(path, item_line(entry, "text"), "'text' must be a string")
            corrections.texts.append(TextCorrection(entry["raw"], entry["text"], why, where))
        elif "paragraph" in entry or "join" in entry:
            _add_layout(corrections, entry, why, where)
        else:
            raise SourceError(path, where, "entry needs 'text', 'paragraph' or 'join'")
    return corrections


def _add_layout(corrections: Corrections, entry: LineDict, why: str, where: int) -> None:
    kind = "paragraph" if "paragraph" in entry else "join"
    allowed = PARAGRAPH_VERDICTS if kind == "paragraph" else JOIN_VERDICTS
    verdict = entry[kind]
    if not isinstance(verdict, str) or verdict not in allowed:
        raise SourceError(corrections.path, item_line(entry, kind), f"'{kind}' must be one of {allowed}")
    line, raw = raw_line_fields(corrections.path, entry, f"a {kind} entry")
    table = corrections.paragraphs if kind == "paragraph" else corrections.joins
    if line in table:
        raise SourceError(
            corrections.path,
            where,
            f"conflicts with the {kind} entry at line {table[line].yaml_line}",
        )
    table[line] = LayoutDecision(kind, line, raw, verdict, why, where)


def check_layout_decisions(doc: Document, corrections: Corrections) -> None:
    """Every paragraph and join entry must still name a raw line with exactly its raw text."""
    for decision in [*corrections.paragraphs.values(), *corrections.joins.values()]:
        check_raw_line(doc.lines, corrections.path, decision.yaml_line, decision.line, decision.raw, "entry")


def apply_text_corrections(doc: Document, corrections: Corrections) -> Document:
    """Replace each entry's raw text, which must occur exactly once in the OCR file."""
    spans: list[tuple[int, int, int, TextCorrection]] = []  # line, start, end, entry
    # one search over the whole file, not one per line: an entry never spans a line end
    whole = "\n".join(line.raw for line in doc.lines)
    line_starts = [0]
    for line in doc.lines[:-1]:
        line_starts.append(line_starts[-1] + len(line.raw) + 1)
    for entry in corrections.texts:
        found = []
        for offset in _occurrences(whole, entry.raw):
            index = bisect_right(line_starts, offset) - 1
            found.append((doc.lines[index], offset - line_starts[index]))
        if not found:
            raise SourceError(
                corrections.path, entry.yaml_line, f"matches nothing in the source: {entry.raw!r}"
            )
        if len(found) > 1:
            places = ", ".join(str(n) for n in sorted({line.number for line, _ in found})[:5])
            raise SourceError(
                corrections.path,
                entry.yaml_line,
                f"matches {len(found)} times (raw lines {places}): add context to {entry.raw!r}",
            )
        line, start = found[0]
        spans.append((line.number, start, start + len(entry.raw), entry))
    _refuse_overlaps(corrections.path, spans)
    by_line: dict[int, list[tuple[int, int, TextCorrection]]] = {}
    for number, start, end, entry in spans:
        by_line.setdefault(number, []).append((start, end, entry))
    for number, edits in by_line.items():
        _apply_to_line(doc, doc.lines[number - 1], edits)
    return doc


def _occurrences(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def _refuse_overlaps(path: Path, spans: list[tuple[int, int, int, TextCorrection]]) -> None:
    ordered = sorted(spans, key=lambda span: (span[0], span[1]))
    for (line_a, _, end_a, entry_a), (line_b, start_b, _, entry_b) in zip(ordered, ordered[1:], strict=False):
        if line_a == line_b and start_b < end_a:
            raise SourceError(
                path,
                entry_b.yaml_line,
                f"overlaps the entry at line {entry_a.yaml_line} on raw line {line_a}",
            )


def _apply_to_line(doc: Document, line: Line, edits: list[tuple[int, int, TextCorrection]]) -> None:
    if line.text != line.raw:
        raise SourceError(doc.book.path, line.number, "line changed before corrections ran")
    text = line.raw
    for start, end, entry in sorted(edits, key=lambda edit: -edit[0]):
        text = text[:start] + entry.text + text[end:]
        doc.record(
            Edit(
                "corrections.yml",
                line.number,
                line.page,
                entry.raw,
                entry.text,
                entry.why,
                kind="correction",
            )
        )
        line.corrected_by.append(entry.yaml_line)
    line.text = text
