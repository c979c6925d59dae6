"""What the edition sets around the book's text for its readers, decided on the model.

What each section is called in the contents, which notes a printed part carries, how the
editor's page-foot notes are told apart. The words of the book are never changed here: these
functions only write the apparatus' own words (where the marks go is inline.py's).
"""

from __future__ import annotations

import html

from ..model import Block, Document, Note, Part

# how many of a section's opening words name it in the contents
OPENING_WORDS = 4
QUOTES = "“”‘’\"'"


def opening_words(text: str, count: int = OPENING_WORDS) -> str:
    """A section's name: its first words, quoted, with an ellipsis when the sentence runs on.

    >>> opening_words("My first visit to Lenin was at the end of October.")
    '‘My first visit to…’'
    >>> opening_words("“Paul Levi is not a vainglorious fop,” I said.")
    '‘Paul Levi is not…’'
    """
    words = text.split()
    head = " ".join(words[:count]).strip(QUOTES).rstrip(",;:—-").strip(QUOTES)
    return f"‘{head}…’" if len(words) > count else f"‘{head}’"


def section_title(number: int, first: Block | None, page: int) -> str:
    """'2 · ‘My first visit to…’ · p. 15', "p." kept with its number by a no-break space
    (which the table of contents makes a plain space: reading.js puts it back there)."""
    name = f" · {opening_words(first.text)}" if first else ""
    return f"{number}{name} · p.\u00a0{page}"


def footnote_place(doc: Document, note: Note) -> str:
    """Tells the editor's page-foot notes apart: their page and the words their asterisk follows.

    For example 'p. 35, after ‘…speech at the Congress’'.
    """
    part = doc.part(note.marker_part)
    for block in part.blocks:
        for offset, note_id in block.markers:
            if note_id == note.id:
                before = block.text[:offset].split()[-OPENING_WORDS:]
                return f"p.\u00a0{note.marker_page}, after ‘…{' '.join(before)}’"
    return f"p.\u00a0{note.marker_page}"


def part_notes(doc: Document, part: Part) -> list[Note]:
    """The numbered notes whose markers stand in `part`, in the order of their numbers."""
    return [note for note in doc.notes if note.marker_part == part.slug]


def part_notes_html(doc: Document, part: Part) -> list[str]:
    """The notes of a part, set at its end for print (the screen shows them as pop-ups).

    Raw HTML, so that Markdown reads none of it; no ids, so nothing clashes with the Notes
    page; kept out of the search index, which finds each note on the Notes page.
    """
    notes = part_notes(doc, part)
    if not notes:
        return []
    out = ['<aside class="part-notes" data-pagefind-ignore="all" aria-label="Notes to this part">']
    out.append('<p class="part-notes-title">Notes</p>')
    for note in notes:
        out.append(f'<div class="part-note" data-note="{html.escape(note.number)}">')
        for index, block in enumerate(note.blocks):
            number = f'<span class="note-number">{html.escape(note.number)}</span> ' if index == 0 else ""
            out.append(f"<p>{number}{html.escape(block.text, quote=False)}</p>")
        out.append("</div>")
    out += ["</aside>", ""]
    return out
