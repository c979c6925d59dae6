"""Where each edit ended up: its span (block, characters) in the final text.

The passes record an edit as Edit(line, before, after) while the text is still in lines; this
pass, run once the paragraphs and notes are final, finds each edit's `after` in the text of
the block that holds its line, so that the reading text can mark it and the list of
emendations can link to the exact words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from difflib import SequenceMatcher

from .model import Block, Document, Edit, Line, Span

PARAGRAPH_BREAK = "¶ "  # how corrections.yml's paragraph decisions write a break (paragraphs.py)
WORD = re.compile(r"\S+")


def text_blocks(doc: Document) -> Iterator[tuple[str, Block]]:
    """Every block that carries words of the book, with the slug of the part it is shown in."""
    for part in doc.parts:
        furniture = [part.subtitle, part.signature, part.date]
        for block in [*part.blocks, *furniture]:
            if block is not None and block.kind != "section-break":
                yield part.slug, block
    for note in doc.footnotes:
        for block in note.blocks:
            yield note.marker_part, block


def line_span(block: Block, index: int) -> tuple[int, int]:
    """Characters of `block.text` that line `index` of the block became (furniture and
    page-foot notes keep no line offsets: all of their text)."""
    if index >= len(block.line_offsets):
        return 0, len(block.text)
    start = block.line_offsets[index]
    end = block.line_offsets[index + 1] if index + 1 < len(block.line_offsets) else len(block.text)
    return start, end


def expected_column(line: Line, before: str, occurrence: int) -> int:
    """Where `before` stood in the line (the `occurrence`-th time), counted from its first word;
    0 when the line no longer shows it."""
    for text in (line.raw, line.text):
        column = -1
        for _ in range(occurrence + 1):
            column = text.find(before, column + 1) if before else -1
            if column == -1:
                break
        if column != -1:
            return max(0, column - (len(text) - len(text.lstrip())))
    return 0


def find_nearest(text: str, needle: str, start: int, end: int, column: int) -> int:
    """The offset of the occurrence of `needle` in text[start:end] nearest to start + column, or -1.

    >>> find_nearest("and so and then and", "and", 0, 19, 9)
    7
    """
    found, at = [], text.find(needle, start)
    while at != -1 and at < end:
        found.append(at)
        at = text.find(needle, at + 1)
    if len(found) < 2:  # most edits' words stand once in their line: nothing to choose
        return found[0] if found else -1
    return min(found, key=lambda offset: abs(offset - start - column))


def place_in_block(
    slug: str, block: Block, index: int, edit: Edit, occurrence: int, marker: str = "*"
) -> Span | None:
    """The edit's place in `block`, whose line `index` is the edit's line; None if not found.
    `marker` is the page-foot notes' mark, which their block's text no longer carries."""
    start, end = line_span(block, index)
    if edit.after.startswith(PARAGRAPH_BREAK):
        return Span(slug, block, start, start) if index == 0 else None
    if not edit.after:  # a removal: the point where the removed text stood
        column = expected_column(block.lines[index], edit.before, occurrence)
        return Span(slug, block, min(start + column, end), min(start + column, end))
    column = expected_column(block.lines[index], edit.before, occurrence)
    # a join edit's `after` runs into the next line; a line-end hyphen may since have gone
    for needle in (edit.after, edit.after.rstrip("-"), edit.after.removeprefix(marker).strip()):
        at = find_nearest(block.text, needle, start, end + len(needle), column)
        if at != -1:
            return Span(slug, block, at, at + len(needle))
    return None


def changed_words(before: str, after: str) -> list[tuple[int, int]]:
    """The runs of words of `after` that differ from `before`, as (start, end) in `after`;
    a word the scan had and the text dropped is a point where it stood. Word by word: a
    phrase re-read whole from the scan is marked only where the reader's words changed.

    >>> after = "“Paul Levi is not a vainglorious, self-satisfied man"
    >>> scan = '"Paul Levi is not <a vainglorious, self-satisfied mian'
    >>> [after[a:b] for a, b in changed_words(scan, after)]
    ['“Paul', 'a', 'man']
    >>> after = "a mass movement and"
    >>> [after[a:b] for a, b in changed_words("a. mass movement^and", after)]
    ['a', 'movement and']
    """
    old = WORD.findall(before)
    new = list(WORD.finditer(after))
    runs = []
    matcher = SequenceMatcher(None, old, [word.group() for word in new], autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if j1 == j2:  # dropped: the point before the next word (or at the end)
            at = new[j1].start() if j1 < len(new) else len(after)
            runs.append((at, at))
        else:
            runs.append((new[j1].start(), new[j2 - 1].end()))
    return runs


def narrow_to_changes(edit: Edit) -> None:
    """Set the edit's changed runs inside its span, when they are less than the whole of it
    (a paragraph break, a removal and a one-word change stay marked whole)."""
    span = edit.span
    if span is None or span.start == span.end:
        return
    words = span.block.text[span.start : span.end]
    runs = [(a, b) for a, b in changed_words(edit.before, words) if a < b]
    if runs and runs != [(0, len(words))]:
        span.changed = [(span.start + a, span.start + b) for a, b in runs]


def following_text_line(doc: Document, number: int, where: dict[int, tuple[str, Block, int]]) -> int:
    """The first raw line after `number` that stands in a block (for a dropped line)."""
    return next((line.number for line in doc.lines if line.number > number and line.number in where), 0)


def locate_edits(doc: Document) -> Document:
    """Give every edit whose result stands in the text its span there."""
    edits = sorted(doc.edits, key=lambda edit: edit.line)  # stable: each line's edits in pass order
    where = {
        line.number: (slug, block, index)
        for slug, block in text_blocks(doc)
        for index, line in enumerate(block.lines)
    }
    # lines that left the text (classify.py): their edit marks the point where they stood
    dropped = {line.number for line in doc.lines if line.kind in ("signature-mark", "noise")}
    occurrences: Counter[tuple[int, str]] = Counter()
    for edit in edits:
        number = edit.line
        if number in dropped:
            number = following_text_line(doc, number, where)
        if number not in where:
            continue
        slug, block, index = where[number]
        if number != edit.line:  # a dropped line: it stood just before this line
            start = line_span(block, index)[0]
            edit.span = Span(slug, block, start, start)
            continue
        occurrence = occurrences[(edit.line, edit.before)]
        edit.span = place_in_block(slug, block, index, edit, occurrence, doc.book.footnote_marker)
        occurrences[(edit.line, edit.before)] += 1
        narrow_to_changes(edit)
    for _slug, block in text_blocks(doc):
        block.edits = []
    for edit in edits:
        if edit.span is not None:
            edit.span.block.edits.append(edit)
    return doc
