"""A block's text with the edition's marks set in, the one way for every output.

The marks are decided here, on the model, once: where a printed page begins (after the word
it would split, `label_offset`), where each note's marker stands, which words mention another
part, which words an editor's change made (nested, never crossing a mention). A format says
only how each mark is written, through `Forms`:

    text(piece, following)  the book's text between two marks, escaped for the format;
                            `following` is the markup set right after it ("" at the end)
    page(n)                 where printed page n begins
    marker(note)            a note's marker, linked to the note
    mention(slug)           (opening, closing) markup around words that name part `slug`
    edit(edit)              (opening, closing) markup around the words an editor's change
                            made, the whole of them (the TEI's choice), or None
    edit_piece(edit, first) or: around each run of the words that changed, the rest of the
                            change's words left unmarked (the site's marks; `first`: its first
                            run, the rest further on)

At one offset a mention closes first, then a page begins, then a marker, then a mention
opens; a change's mark closes before and opens after all of them, so marks always nest.

Adding a format is one `Forms` value: for example the plain text's, which marks no page:

>>> from ..model import Block, Note, PageMark
>>> block = Block("paragraph", [], "a responsibility, said")  # page 8 begins at "ibility"
>>> block.page_marks, block.markers = [PageMark(10, 8)], [(17, "n3")]
>>> notes = {"n3": Note("n3", "3", [])}
>>> forms = Forms(text=lambda piece, _: piece, page=lambda n: f"{{p.{n}}}", marker=lambda n: f"[{n.number}]")
>>> set_marks(block.text, block, notes.__getitem__, forms)
'a responsibility,{p.8}[3] said'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Block, Edit, Note, Part


@dataclass(frozen=True)
class Forms:
    """How one format writes the marks set into the book's text (the module's docstring)."""

    text: Callable[[str, str], str]
    page: Callable[[int], str]
    marker: Callable[[Note], str]
    mention: Callable[[str], tuple[str, str]] = lambda slug: ("", "")
    edit: Callable[[Edit], tuple[str, str]] | None = None
    edit_piece: Callable[[Edit, bool], tuple[str, str]] | None = None


# the order of marks at one offset: a mention closes, a page begins, a marker, a mention opens;
# a change's mark closes before all of these and opens after them, so the two always nest
CLOSE_EDIT, CLOSE_MENTION, PAGE, MARKER, OPEN_MENTION, OPEN_EDIT = -1, 0, 1, 2, 3, 4


@dataclass
class Insert:
    """Markup to set at `offset`; `order` and then `rank` order the inserts at one offset."""

    offset: int
    order: int
    markup: str
    rank: tuple[int, int] = (0, 0)  # at one offset and order: how edit marks nest


WORD_END = re.compile(r"\s")


def label_offset(text: str, offset: int) -> int:
    """Where a page label goes: at the page's first character, unless that splits a word; then
    after the whole word (and its punctuation), as Distributed Proofreaders set it.

    >>> text = "the gravest responsibility, and of"
    >>> label_offset(text, text.index("bility"))  # "responsi|bility": after "responsibility,"
    27
    >>> label_offset(text, text.index("and"))  # a word's start: the label stays
    28
    """
    if 0 < offset < len(text) and text[offset - 1].isalnum() and text[offset].isalnum():
        space = WORD_END.search(text, offset)
        return space.start() if space else len(text)
    return offset


def mentions(part: Part, block: Block) -> list[tuple[int, int, str]]:
    """(start, end, slug) of the first place in `block` where each phrase of book.yml's
    `mentions` names another part."""
    spans = []
    for mention in part.spec.mentions:
        start = block.text.find(mention.text)
        if start != -1:
            spans.append((start, start + len(mention.text), mention.part))
    return spans


# one run of an edit's changed words: the edit, its characters, whether it is the edit's first
Piece = tuple[Edit, int, int, bool]


def located_in(block: Block, pieces: bool = False) -> list[Piece]:
    """The edits placed in `block` (provenance.py), outer before inner, in text order: each
    edit's whole span, or (`pieces`) each run of its changed words (a phrase re-read whole from
    the scan is marked only where its words changed)."""
    pieces = [
        (edit, start, end, index == 0)
        for edit in block.edits
        for index, (start, end) in enumerate(
            edit.span.pieces if pieces else [(edit.span.start, edit.span.end)]
        )
    ]
    return sorted(pieces, key=lambda piece: (piece[1], -piece[2], piece[0].id))


def nested_spans(pieces: list[Piece]) -> list[Piece]:
    """The pieces, one that overlaps the one before it clipped to nest:
    "working popula" then "population." → the second marks "tion."."""
    spans: list[Piece] = []
    for edit, start, end, first in pieces:
        for _, other_start, other_end, _ in spans:
            if other_start < start < other_end < end:
                start = other_end
        spans.append((edit, start, end, first))
    return spans


def crosses(start: int, end: int, links: list[tuple[int, int, str]]) -> bool:
    """Would a span start:end cut across one of the links (so the two could not nest)?"""
    return any(
        (a < start < b < end) or (start < a < end < b) for a, b, _ in links if not (a <= start and end <= b)
    )


def edit_inserts(
    block: Block,
    links: list[tuple[int, int, str]],
    form: Callable[[Edit, bool], tuple[str, str]],
    pieces: bool = False,
) -> list[Insert]:
    """The marks of the block's located edits (whole, or their `pieces`), nested, none crossing
    a mention's link."""
    inserts: list[Insert] = []
    for index, (edit, start, end, first) in enumerate(nested_spans(located_in(block, pieces))):
        if links and crosses(start, end, links):  # most blocks have no links to cross
            continue
        opening, closing = form(edit, first)
        if start == end:  # a removal or a paragraph break: an empty mark at the point
            # a dropped line at a page's foot (a printer's mark) stands before the next page's label
            ends_page = any(m.offset == start and m.page > edit.page for m in block.page_marks)
            order = CLOSE_EDIT if ends_page else OPEN_EDIT
            inserts.append(Insert(start, order, opening + closing, (-end, index)))
            continue
        inserts.append(Insert(start, OPEN_EDIT, opening, (-end, index)))
        inserts.append(Insert(end, CLOSE_EDIT, closing, (-start, -index)))
    return inserts


def set_marks(
    text: str,
    block: Block,
    note: Callable[[str], Note],
    forms: Forms,
    links: list[tuple[int, int, str]] = (),
    points: list[tuple[int, str]] = (),
) -> str:
    """`text` (the block's text, or a copy of the same length: the Markdown's has a line break
    for each sentence's space) with the block's marks set in, in `forms`; `note` finds a note
    by id; `links` are the block's mentions of other parts (`mentions`) to link; `points`,
    (offset, markup) of a format's own further marks, each set after the markers there (the
    TEI's editor's remarks)."""
    inserts = [
        Insert(label_offset(text, mark.offset), PAGE, forms.page(mark.page)) for mark in block.page_marks
    ]
    inserts += [Insert(offset, MARKER, forms.marker(note(note_id))) for offset, note_id in block.markers]
    inserts += [Insert(offset, MARKER, markup, (1, index)) for index, (offset, markup) in enumerate(points)]
    for start, end, slug in links:
        opening, closing = forms.mention(slug)
        inserts += [Insert(start, OPEN_MENTION, opening), Insert(end, CLOSE_MENTION, closing)]
    if forms.edit_piece is not None:
        inserts += edit_inserts(block, list(links), forms.edit_piece, pieces=True)
    elif forms.edit is not None:
        whole = forms.edit
        inserts += edit_inserts(block, list(links), lambda edit, _first: whole(edit))
    inserts.sort(key=lambda insert: (insert.offset, insert.order, insert.rank))
    out, position = [], 0
    for insert in inserts:
        offset = min(insert.offset, len(text))
        out += [forms.text(text[position:offset], insert.markup), insert.markup]
        position = offset
    out.append(forms.text(text[position:], ""))
    return "".join(out)
