"""Nothing of this book is in scripts/: a small made-up book, with its own book.yml, comes
through the same pipeline into the Markdown a reader expects."""

import re
from pathlib import Path

import prepare

BOOK_YML = """\
title: A Small Book
author: A. N. Author
source: small.ocr.txt
metadata:
  publisher: Test Press
pages:
  first: 3
notes:
  page_references: true
parts:
  - slug: opening
    title: The Opening
    heading: "T H E  O P E N I N G"
    printed_heading: THE OPENING
    start_page: 3
    date: May 1920
  - slug: sequel
    title: The Sequel
    heading: "THE SEQ^EL"
    printed_heading: THE SEQUEL
    start_page: 5
  - slug: notes
    title: Notes
    heading: "N O T E S"
    printed_heading: NOTES
    start_page: 6
    kind: notes
"""

# how this scan shows a page turn and a word that ran on
SCAN_YML = """\
page_turns:
  value: [leading-space, blank-lines]
  why: a page's first line begins with a space or follows three blank lines
line_end_space:
  value: true
  why: a line that ran on in print ends with a space
"""

# one printed line a line; trailing spaces matter (a line that ends with one ended its word)
OCR = [
    " T H E  O P E N I N G",
    "",
    "The first paragraph begins with a sen",
    "tence broken across lines and a well- ",
    "known compound*; iand then it ends.",
    "",
    "The second paragraph runs on to the next ",
    "",
    "",
    "",
    "page, where it cites the Works* and a note.1",
    "*See the Works, Vol. 1, p. 2.—Ed.",
    "",
    "May 1920",
    " THE SEQ^EL",
    "",
    "The sequel has a second marker.2 It is short.",
    " N O T E S",
    "",
    "1 The first note. p. 4",
    "",
    "2 The second note, on the sequel.",
    "p. 5",
]


def small_book_source(source: Path) -> Path:
    """`source` made a source/ folder of the small book, with a downloads.yml of its own."""
    source.mkdir()
    (source / "book.yml").write_text(BOOK_YML, encoding="utf-8")
    (source / "scan.yml").write_text(SCAN_YML, encoding="utf-8")
    (source / "small.ocr.txt").write_text("\n".join(OCR) + "\n", encoding="utf-8")
    (source / "downloads.yml").write_text(
        "identifier: urn:uuid:00000000-0000-4000-8000-000000000001\n"
        "roles: {opening: chapter, sequel: chapter, notes: endnotes}\n"
        "accessibility_summary: A small book, text only.\n",
        encoding="utf-8",
    )
    return source


def without_marks(markdown: str) -> str:
    """The Markdown without the editor's-change marks (edit_marks.py), innermost first."""
    while True:
        stripped = re.sub(r'<span class="emended"[^>]*>([^<]*)</span>', r"\1", markdown)
        if stripped == markdown:
            return markdown
        markdown = stripped


def test_a_made_up_book_comes_through(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "book.yml").write_text(BOOK_YML, encoding="utf-8")
    (source / "scan.yml").write_text(SCAN_YML, encoding="utf-8")
    (source / "small.ocr.txt").write_text("\n".join(OCR) + "\n", encoding="utf-8")
    docs = tmp_path / "docs"
    assert prepare.main(["--source", str(source), "--docs", str(docs)]) == 0
    names = sorted(path.name for path in docs.iterdir())
    assert names == [
        "about.md",
        "book.md",
        "emendations.md",
        "index.md",
        "notes.md",
        "opening.md",
        "sequel.md",
    ]

    # the text as a reader reads it: without the marks of the editor's changes (edit_marks.py)
    opening = without_marks((docs / "opening.md").read_text(encoding="utf-8"))
    assert "# [](#page-3){#page-3 .pagenum" in opening
    assert "with a sentence broken across lines and a well-known compound; and then it ends." in opening
    assert "runs on to the next [](#page-4){#page-4 .pagenum" in opening
    assert "cites the Works[&#42;](#ed1){#ref-ed1 .note-ref" in opening
    assert "and a note.[1](notes.md#note-1" in opening
    # the page-foot note: its page and place lead back to the text
    assert (
        '<span class="note-number">&#42;</span> [p.\u00a04, after ‘…it cites the Works’](#ref-ed1 '
        '"Back to the text"){: .note-back }: See the Works, Vol. 1, p. 2.—Ed.' in opening
    )
    # the part's own notes, for print and the pop-ups
    note = '<div class="part-note" data-note="1">\n<p><span class="note-number">1</span> The first note.</p>'
    assert note in opening
    assert (
        "May 1920\n{: #opening-date .date }" in opening
    )  # a closing date has its own id (search lands there)

    sequel = (docs / "sequel.md").read_text(encoding="utf-8")
    assert "# THE SEQUEL" not in sequel and "# [](#page-5){#page-5 .pagenum" in sequel
    assert "second marker.[2](notes.md#note-2" in sequel

    notes = (docs / "notes.md").read_text(encoding="utf-8")
    assert "The first note. [p.&nbsp;4](opening.md#ref-1" in notes
    assert "The second note, on the sequel. [p.&nbsp;5](sequel.md#ref-2" in notes

    emendations = (docs / "emendations.md").read_text(encoding="utf-8")
    assert "<del>iand</del> → <ins>and</ins>" in emendations
    assert "<code>drop-noise-asterisk</code>" in emendations  # page 3 has no page-foot note: its * is noise


def test_a_made_up_book_with_a_wrong_page_reference_is_refused(tmp_path, capsys):
    source = tmp_path / "source"
    source.mkdir()
    (source / "book.yml").write_text(BOOK_YML, encoding="utf-8")
    (source / "scan.yml").write_text(SCAN_YML, encoding="utf-8")
    wrong = [line.replace("1 The first note. p. 4", "1 The first note. p. 3") for line in OCR]
    (source / "small.ocr.txt").write_text("\n".join(wrong) + "\n", encoding="utf-8")
    assert prepare.main(["--source", str(source), "--docs", str(tmp_path / "docs")]) == 2
    assert "note 1 says p. 3, but its marker stands on printed page 4" in capsys.readouterr().err
    assert not (tmp_path / "docs").exists()


def test_readme_says_how_to_start_a_new_edition():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Starting a new edition" in readme
    assert "make new-edition OCR=" in readme and "propose_corrections.py" in readme
