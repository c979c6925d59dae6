"""The edition's own prose (title page, About, the rules' reasons, remarks, colophon) is set
as the book is: curly apostrophes and quotes, never straight ones (Standard Ebooks'
typography). What may hold a straight mark is code, and the scan's own readings quoted on
the Emendations page (`<del>`), which must show what the OCR read."""

import re
from html.parser import HTMLParser
from pathlib import Path

# elements whose text is not prose: code, scripts, and the scan's reading of a changed word
NOT_PROSE = {"code", "pre", "kbd", "samp", "script", "style", "template", "del"}
READINGS = {"del", "samp"}  # what the scan has: a change's reading, a remark's kept words
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
STRAIGHT = re.compile(r"['\"]")


class PageText(HTMLParser):
    """A page's text, split into prose (with its line numbers) and the scan's readings: the text
    of each <del> (a change's) and <samp> (a remark's, which the edition keeps)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.prose: list[tuple[int, str]] = []
        self.deleted: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in VOID:
            self.open.append(tag)
        if tag in READINGS and not READINGS.intersection(self.open[:-1]):
            self.deleted.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if READINGS.intersection(self.open):
            self.deleted[-1] += data
        elif not NOT_PROSE.intersection(self.open):
            self.prose.append((self.getpos()[0], data))


def read(path: Path) -> PageText:
    parser = PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_no_straight_quote_in_the_text_of_any_page(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 12  # the parts, Notes, whole book, title page, About, Emendations, Colophon, 404
    straight = [
        f"{page.relative_to(site)}:{line}: {text.strip()[:80]!r}"
        for page in pages
        for line, text in read(page).prose
        if STRAIGHT.search(text)
    ]
    assert straight == []


def test_the_straight_marks_left_are_the_scans_own_readings(site, doc):
    """What <del> and <samp> hold is an edit's or a remark's raw text from the model, character for
    character: the exception above hides no prose of the edition's."""
    readings = {edit.before for edit in doc.edits} | {remark.raw for remark in doc.remarks}
    deleted = [text for page in sorted(site.rglob("*.html")) for text in read(page).deleted]
    assert sum(bool(STRAIGHT.search(text)) for text in deleted) > 10  # the scan has straight marks
    assert [text for text in deleted if text not in readings] == []


def test_the_prose_strings_of_the_pipeline_are_curly(doc):
    """The About page's steps and the rules' reasons, at their source (model and PASSES)."""
    from edition.pipeline import PASSES

    reasons = {edit.why for edit in doc.edits}
    texts = [*reasons, *(text for row in PASSES for text in (row.does, row.step))]
    texts = [re.sub(r"`[^`]*`", "", text) for text in texts]  # code is code
    assert [text for text in texts if STRAIGHT.search(text)] == []
