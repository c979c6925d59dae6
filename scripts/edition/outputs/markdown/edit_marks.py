"""The editor's changes marked in the reading text: one <span class="emended"> per located edit.

The spans wrap the edition's own words and add no text, so search, copy and find-in-page see
exactly the same text; `tools.js` shows them only when the reader switches "Show the editor's
changes" on. Each span carries only the edit's id (the same as its entry on the Emendations
page), so the Markdown stays readable; what the scan had and why it was changed are in the
part's tools data (tools_data.py), by id.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ...model import Block, Edit

# the insert orders of part.inline(): 0 closing link, 1 page mark, 2 marker, 3 opening link;
# a mark closes before a link closes and opens after a link opens, so the two always nest
CLOSE, OPEN = -1, 4


@dataclass
class Mark:
    """An opening or closing tag to set at `offset`; `rank` orders tags at one offset."""

    offset: int
    order: int
    rank: tuple[int, int]
    markdown: str


def attribute_value(text: str) -> str:
    """Text for a double-quoted HTML attribute in Markdown source: nothing Markdown reads.

    >>> attribute_value('“l*and” `x`')
    '“l&#42;and” &#96;x&#96;'
    """
    return "".join(f"&#{ord(c)};" if c in "*_`[]{}\\|#" else html.escape(c) for c in text)


def opening_tag(edit: Edit) -> str:
    """The span's opening tag, named by the edit's id.

    >>> opening_tag(Edit("fix-short-misread", 959, 31, "ia", "a", "", id="e-959"))
    '<span class="emended" id="e-959">'
    """
    return f'<span class="emended" id="{edit.id}">'


def located_in(block: Block) -> list[Edit]:
    """The edits placed in `block` (provenance.py), outer before inner, in text order."""
    return sorted(block.edits, key=lambda edit: (edit.span.start, -edit.span.end, edit.id))


def nested_spans(edits: list[Edit]) -> list[tuple[Edit, int, int]]:
    """(edit, start, end) with a span that overlaps the one before it clipped to nest:
    "working popula" then "population." → the second marks "tion."."""
    spans: list[tuple[Edit, int, int]] = []
    for edit in edits:
        start, end = edit.span.start, edit.span.end
        for _, other_start, other_end in spans:
            if other_start < start < other_end < end:
                start = other_end
        spans.append((edit, start, end))
    return spans


def crosses(start: int, end: int, links: list[tuple[int, int, str]]) -> bool:
    """Would a span start:end cut across one of the links (so the two could not nest)?"""
    return any(
        (a < start < b < end) or (start < a < end < b) for a, b, _ in links if not (a <= start and end <= b)
    )


def edit_marks(block: Block, links: list[tuple[int, int, str]]) -> list[Mark]:
    """The tags that mark the block's located edits, ready to be set into its text."""
    marks: list[Mark] = []
    for index, (edit, start, end) in enumerate(nested_spans(located_in(block))):
        if links and crosses(start, end, links):  # most blocks have no links to cross
            continue
        if start == end:  # a removal or a paragraph break: an empty mark at the point
            # a dropped line at a page's foot (a printer's mark) stands before the next page's label
            order = CLOSE if any(m.offset == start and m.page > edit.page for m in block.page_marks) else OPEN
            marks.append(Mark(start, order, (-end, index), opening_tag(edit) + "</span>"))
            continue
        marks.append(Mark(start, OPEN, (-end, index), opening_tag(edit)))
        marks.append(Mark(end, CLOSE, (-start, -index), "</span>"))
    return marks
