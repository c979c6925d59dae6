"""The files of docs/: the parts, the title page, About, the list of emendations; written whole.

`generate` makes every file in memory; `write_docs` swaps the new folder in only when all of it
is written, so a failure leaves docs/ exactly as it was.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ...anchors import AUTHOR_ANCHOR, imprint_anchor
from ...citation import book_facts
from ...model import Document, Place
from ...pipeline import about_steps
from ...staging import staged_folder
from ..citation import front_matter_line, plain_reference
from .book_page import downloads_markdown, render_book_page
from .colophon import render_colophon
from .emendations import render_emendations
from .part import escape, front_matter, render_part


def generate(doc: Document) -> dict[str, str]:
    """File name → Markdown, for every file of docs/."""
    files = {f"{part.slug}.md": render_part(doc, part) for part in doc.parts}
    files["index.md"] = render_index(doc)
    files["about.md"] = render_about(doc)
    files["emendations.md"] = render_emendations(doc)
    files["book.md"] = render_book_page(doc)
    colophon = render_colophon(doc, imprint(doc))
    if colophon:
        files["colophon.md"] = colophon
    return dict(sorted(files.items()))


# What search leaves out of the title page (scripts/search_index.py excludes the class): the
# contents (each part's title is in the part), the edition's prose and its downloads; it finds
# the book's own title page there, its title, author and imprint.
UNINDEXED = "unindexed"


def unindexed(lines: list[str]) -> list[str]:
    """Markdown blocks of one line each (headings, paragraphs, list items) marked for search to
    leave out.

    >>> unindexed(["## Contents", "", "- [Preface](preface.md)"])
    ['## Contents { .unindexed }', '', '- [Preface](preface.md)', '{: .unindexed }']
    """
    marked: list[str] = []
    for line in lines:
        if line.startswith("#"):
            marked.append(f"{line} {{ .{UNINDEXED} }}")
        elif line:
            marked += [line, f"{{: .{UNINDEXED} }}"]
        else:
            marked.append(line)
    return marked


# The edition's principles in its own words: the title page and About say them, and the TEI's
# editorialDecl takes them from here
PRINCIPLE = (
    "The text is the printed book’s, recovered from a damaged OCR scan: every OCR error undone, "
    "nothing else changed."
)
KEPT_AS_PRINTED = "Where the print itself seems wrong, the text keeps it."


def changes_on_record(doc: Document, where: str = "the emendations") -> str:
    """About's count of the changes, by named rules and by reviewed corrections; `where` names
    (or links) the list of emendations."""
    counts = Counter(edit.kind for edit in doc.edits)
    return (
        f"Changes on record: {counts['rule']} by named rules, {counts['correction']} by reviewed "
        f"corrections; all {len(doc.edits)} are listed, each with its place, in {where}."
    )


def render_index(doc: Document) -> str:
    book = doc.book
    description = f"{book.author}, {book.title}: a proofread reading edition."
    lines = front_matter(doc, book.title, description, extra=(front_matter_line(doc, None),))
    lines += [
        f"# {escape(book.title)}",
        "",
        f"**{escape(book.author)}**",
        f"{{: #{AUTHOR_ANCHOR} .author }}",
        "",
    ]
    for key, line in book.metadata.imprint.items():
        lines += [escape(line), f"{{: #{imprint_anchor(key)} .imprint }}", ""]
    edition = ["## Contents", ""]
    for part in doc.parts:
        pages = f"p.&nbsp;{part.heading.page}"  # "p." never ends a line
        # a date is never split across lines, and the "·" stays with what it follows
        extra = f" ({unbroken(escape(part.date.text))})" if part.date else ""
        edition.append(f"- [{escape(part.title)}]({part.slug}.md){extra}&nbsp;· {pages}")
    edition += [
        "",
        "## This edition",
        "",
        f"{PRINCIPLE} How it was made, the printed-page concordance and how "
        "to cite it are [about this edition](about.md); every change made to the scanned text "
        "is listed in [the emendations](emendations.md).",
        "",
        *downloads_markdown(doc, root=""),
    ]
    return "\n".join([*lines, *unindexed(edition)])


def unbroken(text: str) -> str:
    """Markdown text whose spaces never break a line: 'January 1924' → 'January&nbsp;1924'."""
    return text.replace(" ", "&nbsp;")


def imprint(doc: Document) -> str:
    """ "Author, *Title*. Translation. Publisher, edition." from book.yml, skipping what is missing."""
    head = f"{escape(doc.book.author)}, *{escape(doc.book.title)}*"
    return ". ".join([head, *map(escape, doc.book.metadata.imprint_lines)]) + "."


def render_about(doc: Document) -> str:
    book = doc.book
    paragraphs = {part.slug: sum(block.kind == "paragraph" for block in part.blocks) for part in doc.parts}
    pages = doc.pages
    # the edition's prose, not the book's: search finds the book's words in the book only
    description = "How this edition was made, and how to cite it."
    lines = front_matter(doc, "About this edition", description, searchable=False)
    lines += [
        "# About this edition",
        "",
        "## The source",
        "",
        imprint(doc),
        "",
        f"This edition is made from an uncorrected OCR text of the printed book "
        f"(`source/{escape(book.source)}`, {len(doc.lines)} lines, printed pages "
        f"{pages[0]}–{pages[-1]}), which is kept unchanged beside the program that cleans it.",
        "",
        "## What was done to it",
        "",
        "A preprocessing program reads the OCR text and the book’s data files and writes these "
        "pages. In order, it:",
        "",
        *about_steps(),
        "",
        f"{changes_on_record(doc, '[the emendations](emendations.md)')} {KEPT_AS_PRINTED}",
        "",
        "| Part | Paragraphs | First printed page |",
        "| --- | ---: | ---: |",
    ]
    for part in doc.parts:
        count = paragraphs[part.slug] if part.kind == "text" else f"{len(doc.notes)} notes"
        lines.append(f"| [{escape(part.title)}]({part.slug}.md) | {count} | {part.heading.page} |")
    lines += ["", "## Printed pages", "", "Each printed page of the book can be linked to:", ""]
    lines.append("\n".join(f"[{page}]({_link(doc.page_places[page])})" for page in pages))
    lines += ["{: .concordance }", "", "## How to cite", ""]
    example = max(doc.parts, key=lambda part: len(part.blocks) if part.kind == "text" else 0)
    page = example.blocks[len(example.blocks) // 2].page
    facts = book_facts(doc)
    # placeholders in italics: the reader fills them in
    reference = escape(plain_reference(facts, "PART", "p. PAGE")).replace("PART", "*title of the part*")
    reference = reference.replace("PAGE", "*N*")
    lines += [
        "Name the part, the printed page and the paragraph’s address, with the day you read it:",
        "",
        f"{reference}. Cited from {escape(facts['edition_name'])}, *address* (accessed *day month year*).",
        "{: .citation-form }",
        "",
        f"The address is the page’s own, for example `{example.slug}/#page-{page}` after the "
        f"edition’s address; paragraphs have addresses of their own too (`#p-{page}-1`: the first "
        f"paragraph that begins on page {page}). “Cite” beside each paragraph gives all of it "
        "filled in, as text, BibTeX or CSL-JSON, for the address you are reading at.",
        "",
        *downloads_markdown(doc, root="../"),
    ]
    return "\n".join(lines)


def _link(place: Place) -> str:
    """A Markdown link target: the part's file and the anchor on it."""
    return f"{place.part}.md#{place.anchor}"


def check_docs(files: dict[str, str], docs: Path) -> list[str]:
    """Names of the files of docs/ that differ from `files` (missing, changed or extra)."""
    present = {path.name for path in docs.glob("*.md")} if docs.exists() else set()
    differing = sorted(present - set(files))
    for name, content in files.items():
        path = docs / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            differing.append(name)
    return sorted(differing)


def write_docs(files: dict[str, str], docs: Path) -> None:
    """Write all files into a new folder beside docs/, then swap it in."""
    with staged_folder(docs.resolve()) as staging:
        for name, content in files.items():
            (staging / name).write_text(content, encoding="utf-8")
