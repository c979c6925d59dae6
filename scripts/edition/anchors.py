"""Every id of the edition, decided once on the Document, before anything is rendered.

Renderers (the Markdown of the site, and any later one) only read these ids, so a link made
in one output lands in every other. The schemes are public: links out there depend on them.

- a part's title: its slug (`#recollections`);
- a printed page: `page-<number>` (`#page-37`);
- a paragraph: `p-<printed page it begins on>-<its rank among the paragraphs beginning there>`;
- a section break: `section-<n>`, the part's text after the (n-1)-th break being section n;
- a part's subtitle, signature and closing date: `<part>-subtitle`, `<part>-signature`,
  `<part>-date` (`#foreword-date`), so that search can name and land on every piece of text;
- the title page's author and imprint lines: `author`, `imprint-<book.yml key>`
  (`#imprint-publisher`);
- a numbered note: `note-<n>`, its further paragraphs `note-<n>-2` …; its marker `ref-<n>`;
- a page-foot note: its id (`ed1`), its marker `ref-ed1`;
- an emendation: `e-<raw line>`, then `e-<raw line>-2` … for more on the same line (on the
  Emendations page, and on its words in the text);
- an editor's remark: `r-<raw line>`, then `r-<raw line>-2` … (on the Emendations page).
"""

from __future__ import annotations

from collections import Counter

from .model import Block, Document, Edit, Note, Part, Place, Remark


def page_anchor(page: int) -> str:
    """The id of a printed page.

    >>> page_anchor(37)
    'page-37'
    """
    return f"page-{page}"


def paragraph_anchors(blocks: list[Block]) -> list[str]:
    """The anchors of a part's paragraphs, in order: p-<page>-<rank on that page>.

    >>> from .model import Line
    >>> on = lambda page: Block("paragraph", [Line(1, "", "", page=page)])
    >>> paragraph_anchors([on(6), on(6), on(7)])
    ['p-6-1', 'p-6-2', 'p-7-1']
    """
    anchors, rank = [], {}
    for block in blocks:
        rank[block.page] = rank.get(block.page, 0) + 1
        anchors.append(f"p-{block.page}-{rank[block.page]}")
    return anchors


def section_anchor(number: int) -> str:
    return f"section-{number}"


def note_anchors(note: Note) -> tuple[str, str, list[str]]:
    """A note's id, its marker's id, and the ids of its blocks.

    >>> note_anchors(Note("3", "3", [Block("paragraph", []), Block("paragraph", [])]))
    ('note-3', 'ref-3', ['note-3', 'note-3-2'])
    >>> note_anchors(Note("ed1", "*", [Block("paragraph", [])], kind="page-foot"))
    ('ed1', 'ref-ed1', ['ed1'])
    """
    anchor = f"note-{note.id}" if note.kind == "numbered" else note.id
    blocks = [anchor if index == 0 else f"{anchor}-{index + 1}" for index in range(len(note.blocks))]
    return anchor, f"ref-{note.id}", blocks


def closing_anchor(part_slug: str, kind: str) -> str:
    """The id of a part's subtitle, signature or date: text outside its paragraphs that search
    finds, and must land on.

    >>> closing_anchor("foreword", "date")
    'foreword-date'
    """
    return f"{part_slug}-{kind}"


AUTHOR_ANCHOR = "author"


def imprint_anchor(key: str) -> str:
    """The id of a title-page imprint line, by its book.yml metadata key.

    >>> imprint_anchor("publisher")
    'imprint-publisher'
    """
    return f"imprint-{key}"


def anchor_part(doc: Document, part: Part) -> None:
    """The ids of a text part: its title, its subtitle, signature and date, its paragraphs,
    its section breaks."""
    part.anchor = part.slug
    for block in (part.subtitle, part.signature, part.date):
        if block is not None:
            block.anchor = closing_anchor(part.slug, block.kind)
            _place_lines(doc, part, [block])
    if part.kind != "text":
        return  # the Notes' blocks are the notes': anchor_notes names them
    paragraphs = [block for block in part.blocks if block.kind == "paragraph"]
    for block, anchor in zip(paragraphs, paragraph_anchors(paragraphs), strict=True):
        block.anchor = anchor
    breaks = [block for block in part.blocks if block.kind == "section-break"]
    for number, block in enumerate(breaks, start=2):
        block.anchor = section_anchor(number)
    _place_lines(doc, part, paragraphs)


def anchor_notes(doc: Document) -> None:
    """The ids of every note, its blocks and its marker; the notes' lines placed on them."""
    for note in [*doc.notes, *doc.footnotes]:
        note.anchor, note.ref_anchor, block_anchors = note_anchors(note)
        for block, anchor in zip(note.blocks, block_anchors, strict=True):
            block.anchor = anchor
    notes_part = doc.notes_part
    if notes_part is not None:
        _place_lines(doc, notes_part, [block for note in doc.notes for block in note.blocks])
    for note in doc.footnotes:  # set at the end of the part that holds its marker
        _place_lines(doc, doc.part(note.marker_part), note.blocks)


def anchor_pages(doc: Document) -> None:
    """Each printed page's id, on the part whose text (or heading) it begins."""
    for part in doc.parts:
        for line in [part.heading, *part.lines]:
            if line.page_start:
                doc.page_places[line.page] = Place(part.slug, page_anchor(line.page))


def _place_lines(doc: Document, part: Part, blocks: list[Block]) -> None:
    for block in blocks:
        place = Place(part.slug, block.anchor)  # one for all the block's lines (nothing changes a place)
        for line in block.lines:
            doc.line_places[line.number] = place


def line_anchors(prefix: str, items: list[Edit] | list[Remark]) -> list[str]:
    """Ids from the raw line, which never changes, in the order the items are given.

    >>> edits = [Edit("r", 12, 6, "a", "b", ""), Edit("r", 12, 6, "c", "d", ""), Edit("r", 40, 7, "", "", "")]
    >>> line_anchors("e", edits)
    ['e-12', 'e-12-2', 'e-40']
    """
    seen: Counter[int] = Counter()
    ids = []
    for item in items:
        seen[item.line] += 1
        ids.append(f"{prefix}-{item.line}" + (f"-{seen[item.line]}" if seen[item.line] > 1 else ""))
    return ids


def anchor_edits(doc: Document) -> None:
    """Each edit's id; a line's edits counted in the order the passes made them."""
    edits = sorted(doc.edits, key=lambda edit: edit.line)  # stable
    for edit, anchor in zip(edits, line_anchors("e", edits), strict=True):
        edit.id = anchor


def anchor_remarks(doc: Document) -> None:
    """Each remark's id, so that a remark can be cited by its address like a change."""
    for remark, anchor in zip(doc.remarks, line_anchors("r", doc.remarks), strict=True):
        remark.id = anchor


def set_anchors(doc: Document) -> Document:
    """Decide every id: parts, pages, paragraphs, section breaks, notes and their markers,
    emendations, remarks."""
    doc.line_places.clear()
    doc.page_places.clear()
    for part in doc.parts:
        anchor_part(doc, part)
    anchor_notes(doc)
    anchor_pages(doc)
    anchor_edits(doc)
    anchor_remarks(doc)
    return doc
