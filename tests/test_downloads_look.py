"""The downloads as a reader sees them: the PDF's pages measured on the words' boxes (pdftotext
-bbox), the EPUB's documents laid out in Chromium at a phone's width. Each test is one thing
that looked wrong in the rendered pages (a blank page with a running head and a folio, a part's
1955 page number a finger's width above its heading, a note's second paragraph set like a note
of its own).

Expected values come from the document model: the parts' titles and the pages they begin on,
the notes and their paragraphs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import test_browser

browser = test_browser.browser  # the shared Chromium (fixture)

XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Line:
    words: list[Word]

    @property
    def left(self) -> float:
        return self.words[0].left

    @property
    def right(self) -> float:
        return self.words[-1].right

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def words_of(element: ET.Element) -> list[Word]:
    return [
        Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
        for w in element.iter(f"{XHTML}word")
    ]


def pdf_layout(path: Path) -> list[ET.Element]:
    """The PDF's pages as pdftotext lays them out: flows, blocks, lines, words with boxes."""
    if not shutil.which("pdftotext"):
        pytest.skip("no pdftotext (poppler-utils)")
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout
    return list(ET.fromstring(out).iter(f"{XHTML}page"))


def download(site: Path, kind: str) -> Path:
    manifest = json.loads((site / "downloads" / "manifest.json").read_text(encoding="utf-8"))
    return site / "downloads" / manifest[kind]["file"]


@pytest.fixture(scope="module")
def pages(site) -> list[ET.Element]:
    return pdf_layout(download(site, "pdf"))


def body_limits(page: ET.Element) -> tuple[float, float]:
    """Where the running head ends and the folio begins: A5, the head 11 mm from the top edge,
    the folio 10 mm from the foot, the text 18 mm and 20 mm."""
    height = float(page.get("height"))
    return height * 0.07, height * 0.93


def body_words(page: ET.Element) -> list[Word]:
    """The page's words between its running head and its folio."""
    head, foot = body_limits(page)
    return [word for word in words_of(page) if head < word.top and word.bottom < foot]


def body_lines(page: ET.Element) -> list[Line]:
    head, foot = body_limits(page)
    lines = [Line(words_of(line)) for line in page.iter(f"{XHTML}line")]
    return [line for line in lines if head < line.top and line.bottom < foot]


def test_a_blank_page_carries_no_running_head_or_folio(doc, pages):
    # A part begins on a right-hand page; the left-hand page left empty before it showed the
    # part's running head and a folio over nothing (pages 4, 52 and 94).
    blank = [number for number, page in enumerate(pages, 1) if not body_words(page)]
    assert blank, "a part that ends on a right-hand page leaves a blank left-hand page"
    for number in blank:
        assert words_of(pages[number - 1]) == [], (number, [w.text for w in words_of(pages[number - 1])])


def heading_page(pages: list[ET.Element], title: str) -> tuple[ET.Element, Line]:
    """The page on which a part's heading stands (set in capitals), and its line."""
    wanted = title.upper().split()
    for page in pages:
        for line in page.iter(f"{XHTML}line"):
            words = words_of(line)
            if [w.text for w in words] == wanted:
                return page, Line(words)
    raise AssertionError(f"no heading {title!r} in the PDF")


def test_a_part_page_number_stands_beside_its_heading(doc, pages):
    # A printed page that opens with a part's heading had its number at the top of the PDF
    # page, 22 mm above the heading (the page sunk for the part's opening).
    opening = [part for part in doc.parts if part.heading.page_start]
    assert len(opening) >= 5
    for part in opening:
        page, heading = heading_page(pages, part.title)
        number = [w for w in words_of(page) if w.text == str(part.heading.page) and w.left > heading.right]
        assert len(number) == 1, (part.slug, [w.text for w in words_of(page)][:8])
        assert heading.top <= number[0].middle <= heading.bottom, (part.slug, number[0], heading)


def note_lines(pages: list[ET.Element], doc) -> tuple[list[Line], list[tuple[int, str]]]:
    """The lines of the Notes, and where each paragraph of a note begins among them, with the
    paragraph's id ("3" for note 3's first paragraph, "3-2" for its second), in order."""
    starts = []
    for note in doc.notes:
        for index, block in enumerate(note.blocks):
            head = block.text.split()[:3]
            words = ([note.number] + head)[:3] if index == 0 else head
            starts.append((note.number if index == 0 else f"{note.number}-{index + 1}", words))
    notes_page = pages.index(heading_page(pages, doc.notes_part.title)[0])
    lines = [line for page in pages[notes_page:] for line in body_lines(page)]
    found, at = [], 0
    for ident, words in starts:
        while at < len(lines) and [w.text for w in lines[at].words[:3]] != words:
            at += 1
        assert at < len(lines), (ident, words)
        found.append((at, ident))
    return lines, found


def test_a_note_second_paragraph_is_set_apart_from_the_next_note(doc, pages):
    # A note's further paragraph stood as far from the one before as the next note, flush left:
    # it read as a note without a number.
    lines, starts = note_lines(pages, doc)
    column_left = min(lines[at].left for at, _ in starts)
    gaps_within, gaps_between = [], []
    for at, ident in starts:
        line, before = lines[at], lines[at - 1]
        if line.top <= before.top:  # the line before stood on another PDF page
            continue
        gap = line.top - before.bottom
        if "-" in ident:
            gaps_within.append(gap)
            assert line.left > column_left + 5, (ident, line.text, line.left, column_left)
        else:
            gaps_between.append(gap)
            assert abs(line.left - column_left) < 1, (ident, line.text)
    assert gaps_within and gaps_between
    assert max(gaps_within) < min(gaps_between) - 2, (gaps_within, gaps_between)


# ---- the EPUB -----------------------------------------------------------------------------------

# Per paragraph of the endnotes: its note's id, its index in the note, its box and the left of
# its first and second lines.
EPUB_NOTE_PARAGRAPHS = """() => [...document.querySelectorAll("ol.notes > li > p")].map(p => {
  const r = document.createRange(); r.selectNodeContents(p);
  const lines = [...r.getClientRects()].filter(x => x.width > 1);
  const lefts = [];
  for (const x of lines)
    if (lefts.length < 2 && (!lefts.length || x.top > lines[0].top + 4)) lefts.push(x.left);
  const box = p.getBoundingClientRect();
  return {note: p.parentElement.id, index: [...p.parentElement.children].indexOf(p),
          top: box.top, bottom: box.bottom, left: box.left, lefts};
})"""


@pytest.mark.browser
def test_an_epub_note_second_paragraph_is_set_apart_from_the_next_note(doc, site, browser, tmp_path):
    # In the EPUB's Notes a note's further paragraph began flush left with no space, like the
    # note's own next line: "admission to the Communist International. / Part of the delegates"
    with zipfile.ZipFile(download(site, "epub")) as epub:
        epub.extractall(tmp_path)
    notes = next(tmp_path.rglob(f"{doc.notes_part.slug}.xhtml"))
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(notes.as_uri())
    paragraphs = page.evaluate(EPUB_NOTE_PARAGRAPHS)
    context.close()
    assert len(paragraphs) == sum(len(note.blocks) for note in doc.notes)
    further = [p for p in paragraphs if p["index"] > 0]
    assert len(further) == sum(len(note.blocks) - 1 for note in doc.notes) > 0
    for before, after in zip(paragraphs, paragraphs[1:], strict=False):
        gap = after["top"] - before["bottom"]
        if after["index"] > 0:  # the same note: close, its first line indented, the rest not
            assert gap < 4 and after["lefts"][0] > after["left"] + 10, after
            if len(after["lefts"]) > 1:
                assert abs(after["lefts"][1] - after["left"]) <= 1, after
        else:  # the next note: flush left, a space above
            assert gap > 8 and abs(after["lefts"][0] - after["left"]) <= 1, after
