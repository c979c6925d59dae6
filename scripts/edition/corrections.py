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

from bisect import bisect_left
from dataclasses import dataclass
from itertools import filterfalse
from pathlib import Path

from .errors import SourceError
from .joined import Joined, join_pieces
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
    if not corrections.texts:  # nothing to look for: no index to build
        return doc
    spans: list[tuple[int, int, int, TextCorrection]] = []  # line, start, end, entry
    raws = [line.raw for line in doc.lines]
    words = index_words(raws)
    for entry in corrections.texts:
        found = [(doc.lines[index], start) for index, start in occurrences(raws, words, entry.raw)]
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


@dataclass
class Shelf:
    """Words, shortest first, joined by line ends: to find the words that contain a piece of a
    word with one search (a piece has no space, so a match never runs into the next word)."""

    words: Joined
    lengths: list[int]  # the length of each word


def shelve(words: list[str]) -> Shelf:
    """A shelf of `words` (already shortest first).

    >>> shelve(["a", "d", "bc"]).lengths
    [1, 1, 2]
    """
    return Shelf(join_pieces(words), list(map(len, words)))


@dataclass
class WordIndex:
    """The raw lines' words (runs without a space), each with the lines it is on, so that an
    entry is looked for only on the lines that have its words, not in the whole file."""

    lines_with: dict[str, list[int]]  # word → indexes of the lines it is on, ascending
    words: Shelf  # every word once
    marked: Shelf  # the words with a character that is not a letter (a mark, a digit)


def index_words(raws: list[str]) -> WordIndex:
    """Index the words of raw lines.

    >>> index = index_words(["a bc", "bc d, bc"])
    >>> index.lines_with["bc"], index.words.words.pieces, index.marked.words.pieces
    ([0, 1, 1], ['a', 'bc', 'd,'], ['d,'])
    """
    lines_with: dict[str, list[int]] = {}
    for index, raw in enumerate(raws):
        for word in raw.split():
            lines_with.setdefault(word, []).append(index)
    words = sorted(lines_with, key=len)
    marked = list(filterfalse(str.isalpha, words))
    return WordIndex(lines_with, shelve(words), shelve(marked))


def whole_words(raw: str) -> list[str]:
    """The words of `raw` with a space on both sides inside it: whole words on any line it is on.

    >>> whole_words("of the work"), whole_words(" the work"), whole_words(" work "), whole_words("work")
    (['the'], ['the'], ['work'], [])
    """
    words = raw.split()
    inner = words[1:-1]
    if words and raw[0].isspace() and (len(words) > 1 or raw[-1].isspace()):
        inner.append(words[0])
    if len(words) > 1 and raw[-1].isspace():
        inner.append(words[-1])
    return inner


def candidate_lines(index: WordIndex, raw: str) -> list[int]:
    """The indexes of the lines that can hold `raw` (no line end in it, not only spaces): those
    with its rarest whole word, else those with a word containing its longest word.

    >>> candidate_lines(index_words(["a cat", "the cats", "a dog"]), "t")
    [0, 1]
    """
    if whole := whole_words(raw):
        return sorted(set(min((index.lines_with.get(word, []) for word in whole), key=len)))
    piece = max(raw.split(), key=len)
    # a word containing a piece with a mark has that mark too: it is on the shorter shelf
    shelf = index.words if piece.isalpha() else index.marked
    lines: set[int] = set()
    for word in words_containing(shelf, piece):
        lines.update(index.lines_with[word])
    return sorted(lines)


def words_containing(shelf: Shelf, piece: str) -> list[str]:
    """The words on the shelf that contain `piece` (a piece without a space).

    >>> words_containing(shelve(["cat", "cats", "cat’s", "bat’s"]), "at’")
    ['cat’s', 'bat’s']
    """
    # the words are shortest first: only those at least as long as the piece can contain it
    words = shelf.words
    at = words.text.find(piece, words.starts[bisect_left(shelf.lengths, len(piece))])
    found = []
    while at != -1:
        number = words.piece_at(at)
        found.append(words.pieces[number])
        at = words.text.find(piece, words.starts[number + 1])
    return found


def occurrences(raws: list[str], index: WordIndex, raw: str) -> list[tuple[int, int]]:
    """Every occurrence of `raw` in the lines, in file order: (line index, start in the line).

    >>> raws = ["the cat sat", "a cat", "cats"]
    >>> occurrences(raws, index_words(raws), "cat"), occurrences(raws, index_words(raws), "t s")
    ([(0, 4), (1, 2), (2, 0)], [(0, 6)])
    """
    if "\n" in raw or not raw.strip():
        return _occurrences_across_lines(raws, raw)
    return [(n, start) for n in candidate_lines(index, raw) for start in _occurrences(raws[n], raw)]


def _occurrences_across_lines(raws: list[str], raw: str) -> list[tuple[int, int]]:
    """Every occurrence of `raw` in the whole file, as (line index, start in that line)."""
    whole = join_pieces(raws)
    found = []
    for offset in _occurrences(whole.text, raw):
        index = whole.piece_at(offset)
        found.append((index, offset - whole.starts[index]))
    return found


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
