"""The Emendations page: every change to the scan, one list entry each, addressable and filterable.

Each entry is `<li id="e-1234">` (the edit's id, from its raw line) holding one link to the
exact words in the text (the edit's own mark there, `recollections.md#e-1234`), what the scan
has, what the edition prints, the rule or correction and why. A list, not a table: it reads as
a card on a phone and as a line on a wide screen, with a third of a table's elements. The
filter form (part, page, kind) works on the entries' data attributes (tools.js).

The entries come in one list per printed page (`<ul class="e-page">`, its count of entries in
`--entries`), which the browser lays out only near the screen (tools.css, `content-visibility`):
set all at once, the thousand entries' four thousand elements cost a phone at 4× slowdown
seconds of Material's style and layout before the first paint. Every entry stays in the page,
found by the browser's find and reached by its address.

The two lists are written as the HTML that Markdown would make of them (a raw HTML block,
which Markdown passes through untouched): a thousand list items of inline Markdown cost
MkDocs a fifth of its build. Links therefore point at the built pages (`../recollections/`),
and the text is escaped as everywhere (`escape`), so that the page reads exactly the same.
"""

from __future__ import annotations

import bisect
import html
import itertools
from collections import Counter

from ...model import Document, Edit, Place
from .edit_marks import attribute_value
from .part import escape, front_matter


def edit_part(doc: Document) -> dict[int, str]:
    """Raw line → slug of the part it belongs to (headings, furniture and dropped lines too)."""
    owner = {}
    for part in doc.parts:
        for line in [part.heading, *part.lines]:
            owner[line.number] = part.slug
    return owner


def nearest_place(doc: Document, line: int, numbers: list[int] | None = None) -> Place | None:
    """The block that holds `line`, or else the nearest line before it that is in a block.
    `numbers` is sorted(doc.line_places), sorted once for many look-ups.

    >>> doc = Document(None, [], line_places={3: Place("preface", "p-5-1"), 9: Place("notes", "n-1")})
    >>> nearest_place(doc, 8), nearest_place(doc, 9), nearest_place(doc, 2)
    (Place(part='preface', anchor='p-5-1'), Place(part='notes', anchor='n-1'), None)
    """
    numbers = sorted(doc.line_places) if numbers is None else numbers
    at = bisect.bisect_right(numbers, line)  # the first line after `line`: the one before it is nearest
    return doc.line_places[numbers[at - 1]] if at else None


def page_url(part: str, anchor: str) -> str:
    """A link from this page (built as emendations/index.html) to an anchor in a part.

    >>> page_url("notes", "e-3315")
    '../notes/#e-3315'
    """
    return f"../{part}/#{anchor}"


def edit_link(edit: Edit, doc: Document, numbers: list[int] | None = None) -> str:
    """Where the entry's link goes: the edit's mark in the text, else its paragraph; "" if none.
    (`numbers`: as for `nearest_place`.)"""
    if edit.span is not None:
        return page_url(edit.span.part, edit.id)
    place = nearest_place(doc, edit.line, numbers)
    return page_url(place.part, place.anchor) if place else ""


def place_link(where: str, url: str) -> str:
    """The entry's place, as a link when it has somewhere to go."""
    return f'<a class="e-place" href="{html.escape(url)}">{where}</a>' if url else where


def ordered(edits: list[Edit]) -> list[Edit]:
    """In the order of the book: by raw line, then as the passes made them (the id's count)."""
    return sorted(
        edits, key=lambda edit: (edit.line, int(edit.id.split("-")[2]) if edit.id.count("-") == 2 else 1)
    )


def entry(edit: Edit, part: str, doc: Document, numbers: list[int] | None = None) -> str:
    """One change as a list item, its data attributes for the filter (in Markdown's order).
    (`numbers`: as for `nearest_place`.)"""
    place = f"p. {edit.page} · line {edit.line}"
    link = edit_link(edit, doc, numbers)
    place = place_link(place, link) if link else f'<span class="e-place">{place}</span>'
    before = f"<del>{escape(edit.before)}</del>" if edit.before else "—"
    after = f"<ins>{escape(edit.after)}</ins>" if edit.after else "(removed)"
    attributes = (
        f'data-kind="{html.escape(edit.rule)}" data-page="{edit.page}" '
        f'data-part="{html.escape(part)}" id="{edit.id}"'
    )
    rule = f"<code>{escape(edit.rule)}</code>"
    return f"<li {attributes}>{place} {before} → {after} {rule} {escape(edit.why)}</li>"


def page_lists(entries: list[tuple[Edit, str]]) -> list[str]:
    """The entries (each an edit and its rendered list item, in the book's order) as one list a
    printed page, each list saying how many entries it holds (the height it stands for until
    the browser lays it out)."""
    lines = []
    for _page, group in itertools.groupby(entries, key=lambda pair: pair[0].page):
        items = [item for _, item in group]
        lines += [f'<ul class="e-page" style="--entries: {len(items)}">', *items, "</ul>"]
    return lines


def filter_form(doc: Document, parts: Counter[str], kinds: Counter[str]) -> list[str]:
    """The filter controls, hidden until tools.js makes them work; choices from the model."""
    pages = sorted({edit.page for edit in doc.edits})
    titles = {part.slug: part.title for part in doc.parts}
    part_options = "\n".join(
        f'<option value="{slug}">{escape(titles[slug])} ({parts[slug]})</option>'
        for slug in titles
        if parts[slug]
    )
    kind_options = "\n".join(
        f'<option value="{attribute_value(kind)}">{escape(kind)} ({count})</option>'
        for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0]))
    )
    return [
        f'<form class="emendation-filter" hidden data-total="{len(doc.edits)}">',
        '<label>Part <select name="part"><option value="">all parts</option>'
        + part_options
        + "</select></label>",
        f'<label>Page <input name="page" type="number" min="{pages[0]}" max="{pages[-1]}" '
        'inputmode="numeric" placeholder="any"></label>',
        '<label>Kind <select name="kind"><option value="">all kinds</option>'
        + kind_options
        + "</select></label>",
        f'<output aria-live="polite">{len(doc.edits)} changes shown</output>',
        "</form>",
        "",
    ]


def render_emendations(doc: Document) -> str:
    """The page: counts by kind, the remarks, then every change."""
    owner = edit_part(doc)
    numbers = sorted(doc.line_places)
    kinds = Counter(edit.rule for edit in doc.edits)
    parts = Counter(owner.get(edit.line, "") for edit in doc.edits)
    # kept out of the search index: the scan's misreadings would be found as if they were the book's
    lines = front_matter(
        doc, "Emendations", "Every change made to the OCR text, with its reason.", searchable=False
    )
    lines += [
        "# Emendations",
        "",
        "Every change this edition makes to the scanned text, in the order of the book: where "
        "it is (the printed page, and the line of the OCR file "
        f"`source/{escape(doc.book.source)}`), what the scan has, what the edition prints, the "
        "rule or reviewed correction that made the change and why. Each entry links to the "
        "changed words in the text; in the text, *Show the editor’s changes* marks them and "
        "links back here.",
        "",
        "## Counts by kind",
        "",
        "| Rule or correction | Changes |",
        "| --- | ---: |",
    ]
    for rule, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"| `{rule}` | {count} |")
    lines += [
        "",
        "## Remarks",
        "",
        "Readings in doubt, and the print’s own slips that the edition keeps as printed.",
        "",
    ]
    # the scan's words that the edition keeps: <samp> (what the scanner gave), not <del>, which
    # a screen reader announces as a deletion
    lines += ['<div class="emendation-list remarks">', "<ul>"]
    for remark in doc.remarks:
        place = nearest_place(doc, remark.line, numbers)
        where = f"p. {remark.page} · line {remark.line}"
        where = place_link(where, page_url(place.part, place.anchor) if place else "")
        reading = f"<samp>{escape(remark.raw)}</samp>"
        lines += [f'<li id="{remark.id}">{where} {reading} {escape(remark.text)}</li>']
    lines += ["</ul>", "</div>", "", "## Every change", ""]
    lines += filter_form(doc, parts, kinds)
    lines += ['<div class="emendation-list changes">']
    lines += page_lists(
        [(edit, entry(edit, owner.get(edit.line, ""), doc, numbers)) for edit in ordered(doc.edits)]
    )
    return "\n".join([*lines, "</div>"]) + "\n"
