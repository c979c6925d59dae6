"""The whole-book page of the site (docs/book.md): every part and the Notes in one page, for
reading offline, finding in the page and printing with the notes. Its page and note anchors
are the parts' (`#page-37`, `#note-3`, `#ref-3`); its note links stay inside the page.

The text is the XHTML renderer's, as raw HTML blocks between Markdown headings (so the page's
table of contents lists the parts): the same elements and text as the EPUB and the PDF.
"""

from __future__ import annotations

from ...model import Document, Note, Part
from .. import view, xhtml
from ..apparatus import footnote_place
from ..marks import note_mark, page_mark
from .part import escape as markdown_escape
from .part import front_matter

TITLE = "The whole book"


def note_ref(note: Note) -> str:
    """A marker as the parts have it (marks.py), its link inside this page."""
    return note_mark(note, xhtml.escape(note.number), f"#{view.note_block_id(note, 0)}").html()


def page_anchor(page: int) -> str:
    """A printed page's anchor as the parts have it (marks.py), in HTML: it stands inside
    the page's raw HTML paragraphs, where Markdown is not read."""
    return page_mark(page).html()


LINKS = xhtml.whole_book_links(page_break=page_anchor, note_ref=note_ref)


def part_heading(part: Part) -> str:
    line = part.heading
    mark = page_anchor(line.page) if line.page_start else ""
    return f"## {mark}{markdown_escape(part.title)} {{ #{part.slug} }}"


def notes_html(doc: Document) -> list[str]:
    """The Notes, each note's paragraphs in a `div[data-note=N]`, where reading.js finds the
    text of the pop-up that a marker of this page opens (as in a part's own notes)."""
    back = ' class="note-back" title="Back to the text"'
    out = []
    for note in doc.notes:
        paragraphs = [f'<div class="book-note" data-note="{xhtml.attribute(note.number)}">']
        for index, paragraph in enumerate(xhtml.note_paragraphs(doc, note, LINKS, back)):
            classes = "note note-continued" if index else "note"
            paragraphs.append(paragraph.replace("<p ", f'<p class="{classes}" ', 1))
        out.append("\n".join([*paragraphs, "</div>"]))
    return out


def footnotes_html(doc: Document, part: Part) -> list[str]:
    notes = view.footnotes_of(doc, part)
    out = ['<hr class="page-foot-rule">'] if notes else []
    for note in notes:
        # as in the parts: its page and place, which tell the two asterisks apart, lead back
        number = f'<span class="note-number">{xhtml.escape(note.number)}</span>'
        place = xhtml.escape(footnote_place(doc, note))
        back = f'<a class="note-back" href="{LINKS.to_marker(note)}" title="Back to the text">{place}</a>'
        text = f"{number} {back}: {xhtml.escape(note.text)}"
        out.append(f'<p class="note page-foot-note" id="{note.anchor}">{text}</p>')
    return out


def render_book_page(doc: Document) -> str:
    """docs/book.md: a heading per part, its text as HTML; excluded from search (the parts'
    pages are what search should find)."""
    description = f"{doc.book.author}, {doc.book.title}: every part and the Notes in one page."
    # the theme's script left out of this page: on a phone its start-up over the whole book held
    # the first view up (overrides/main.html says what the page does without it)
    lines = front_matter(doc, TITLE, description, searchable=False, extra=("without_theme_script: true",))
    lines += [f"# {markdown_escape(TITLE)}", ""]
    for part in doc.parts:
        lines += [part_heading(part), ""]
        if part.kind == "notes":
            body = notes_html(doc)
        else:
            body = [*xhtml.part_blocks(doc, part, LINKS), *footnotes_html(doc, part)]
        lines += [line for element in body for line in (element, "")]
    return "\n".join(lines).rstrip() + "\n"


# (kind, file extension, label, what it is for); the files are named after the book
DOWNLOADS = [
    ("epub", "epub", "EPUB 3", "for e-readers, with the printed pages and the notes linked both ways"),
    ("pdf", "pdf", "PDF", "A5 pages to print or read, with the 1955 page numbers in the margin"),
    ("text", "txt", "Plain text", "UTF-8, to quote or process, with the notes at the end"),
    (
        "tei",
        "tei.xml",
        "TEI P5 XML",
        "the scholar’s format, every emendation encoded with the scan’s reading, its rule and why",
    ),
]


def download_name(doc: Document, extension: str) -> str:
    """A download's file name, from the author and title in book.yml.

    "Clara Zetkin", "My Recollections of Lenin" → "clara-zetkin-my-recollections-of-lenin.epub"
    """
    words = "".join(c if c.isalnum() else " " for c in f"{doc.book.author} {doc.book.title}".lower())
    return "-".join(words.split()) + f".{extension}"


def download_link(doc: Document, kind: str, root: str) -> str:
    """A download's link with its empty size span (filled after the build)."""
    extension, label = next((ext, label) for k, ext, label, _ in DOWNLOADS if k == kind)
    href = f"{root}downloads/{download_name(doc, extension)}"
    return f'<a href="{href}" download>{label}</a><span class="download-size" data-download="{kind}"></span>'


def downloads_line(doc: Document, root: str) -> str:
    """Every download in one sentence, for the Colophon."""
    return (
        "The edition as files: " + ", ".join(download_link(doc, kind, root) for kind, *_ in DOWNLOADS) + "."
    )


def downloads_markdown(doc: Document, root: str) -> list[str]:
    """The "take the book away" list for the title page and About; `root` is the way from the
    page to the site's root ("" or "../"). Each size is filled in after the build (the files
    exist only then) by scripts/build_downloads.py, in the empty span."""
    lines = ["## Take the book away", ""]
    for kind, _extension, _label, purpose in DOWNLOADS:
        lines.append(f"- {download_link(doc, kind, root)}: {purpose}.")
    lines += [
        "- [The whole book in one page](book.md): every part and the Notes, to read offline, "
        "find in the page or print with its notes.",
        "",
    ]
    return lines
