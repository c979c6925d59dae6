"""Reading the edition as a reader sees it, measured in Chromium: word spacing, page labels,
notes in place, keyboard order, print, headings and furniture, titles, the 404 page, the book
face, the colophon. Expected values come from the document model or book.yml."""

import functools
import http.server
import re
import subprocess
import threading
from urllib.parse import urlparse

import pytest
from conftest import SOURCE
from edition.book import load_book
from edition.outputs.inline import label_offset
from test_browser import (
    AXE,
    QuietHandler,
    _missing,
    browser,  # noqa: F401  (fixture)
    lands_on,
    settled,
    visit,
)

TEXT_PARTS = ["preface", "foreword", "recollections", "memorandum-book", "lenin-and-the-masses"]
WIDTHS = [375, 768, 1280]


class SiteHandler(QuietHandler):
    """Serves the built site as a host would: an unknown address gets 404.html, status 404."""

    def send_error(self, code, message=None, explain=None):
        page = self.directory and (self.directory + "/404.html")
        if code != 404 or not page:
            return super().send_error(code, message, explain)
        body = open(page, "rb").read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def server(site):
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(site))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def _page(browser, width: int, touch: bool = False, **options):  # noqa: F811
    height = 740 if width < 500 else 900
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=touch, has_touch=touch, **options
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


@pytest.fixture
def desktop(browser):  # noqa: F811
    context, page = _page(browser, 1280)
    yield page
    context.close()


@pytest.fixture
def phone(browser):  # noqa: F811
    context, page = _page(browser, 375, touch=True)
    yield page
    context.close()


# --- word spacing -------------------------------------------------------------------------

# Per rendered line of every paragraph: the widest gap between words ÷ the width of a space in
# the paragraph's font. A paragraph's last line is left out (it is never stretched).
LINE_GAPS = """() => {
  const canvas = document.createElement("canvas").getContext("2d");
  const lines = [];
  for (const p of document.querySelectorAll("article p")) {
    const style = getComputedStyle(p);
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const space = canvas.measureText(" ").width;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const widest = new Map();
    let node;
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.data.length; i++) {
        if (node.data[i] !== " ") continue;
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rects = range.getClientRects();
        if (rects.length !== 1 || rects[0].width === 0) continue;  // a space ending a line
        const line = Math.round(rects[0].bottom);
        widest.set(line, Math.max(widest.get(line) || 0, rects[0].width / space));
      }
    }
    const keys = [...widest.keys()].sort((a, b) => a - b);
    keys.slice(0, -1).forEach(key => lines.push(widest.get(key)));
  }
  return lines;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_at_most_one_line_in_a_hundred_has_a_wide_word_gap(browser, server, width):  # noqa: F811
    context, page = _page(browser, width)
    gaps = []
    for slug in TEXT_PARTS:
        visit(page, server + slug + "/")
        page.evaluate("document.fonts.ready")
        gaps += page.evaluate(LINE_GAPS)
    context.close()
    loose = [gap for gap in gaps if gap > 2]
    assert len(gaps) > 1000  # every full line of the five parts was measured
    assert len(loose) / len(gaps) <= 0.01, (len(loose), len(gaps), max(gaps))


# --- page labels --------------------------------------------------------------------------

# Each label's drawn number (found by hit-testing: it is generated content) against the line of
# the character its page begins with: that character is `back` characters before the label
# (a label set after the word a page break splits) or the first one after it.
LABELS = """(backs) => {
  const inner = document.querySelector(".md-content__inner").getBoundingClientRect();
  const out = [];
  for (const a of document.querySelectorAll("article a.pagenum")) {
    a.scrollIntoView({block: "center"});
    const back = backs[a.dataset.page] || 0;
    const block = a.closest("p, h1, h2, li, div");
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let node, offset;
    if (back) {
      const texts = []; let n;
      while ((n = walker.nextNode())) {
        if (a.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING) texts.push(n);
      }
      node = texts[texts.length - 1]; offset = node.data.length - back;
    } else {
      walker.currentNode = a; node = walker.nextNode();
      while (node && !node.data.trim()) node = walker.nextNode();
      offset = node.data.search(/\\S/);
    }
    const range = document.createRange();
    range.setStart(node, offset); range.setEnd(node, offset + 1);
    const char = range.getBoundingClientRect();
    // the drawn number: rows of the label's column that hit the anchor
    let top = null, bottom = null;
    const box = a.getBoundingClientRect();
    const xs = getComputedStyle(a, "::before").position === "absolute"
      ? Array.from({length: 20}, (_, i) => inner.left + 2 + i * 4)  // across the gutter
      : [box.left + 2, (box.left + box.right) / 2, box.right - 2];
    for (let y = char.top - 60; y < char.bottom + 60; y += 1) {
      if (xs.some(x => document.elementFromPoint(x, y) === a)) {
        if (top === null) top = y;
        bottom = y;
      }
    }
    const after = document.createRange();
    after.setStartAfter(a); after.setEnd(block, block.childNodes.length);
    const before = document.createRange();
    before.setStart(block, 0); before.setEndBefore(a);
    out.push({page: a.dataset.page, top, bottom, charTop: char.top, charBottom: char.bottom,
              after: after.toString().slice(0, 12), before: before.toString().slice(-1),
              left: box.left, textLeft: inner.left, inTitle: !!a.closest("h1")});
  }
  return out;
}"""


def _marks(doc, slug):
    """(page, characters back from the label to the page's first character, text after the label)."""
    part = doc.part(slug)
    heading = part.heading
    out = [(heading.page, 0, part.title[:12])] if heading.page_start else []  # in the title
    for block in part.blocks:
        for mark in block.page_marks:
            label = label_offset(block.text, mark.offset)
            out.append((mark.page, label - mark.offset, block.text[label : label + 12]))
    return out


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_each_page_label_stands_on_its_page_first_line_outside_words(browser, server, doc, width):  # noqa: F811
    context, page = _page(browser, width, touch=width < 500)
    checked = 0
    for slug in [*TEXT_PARTS, "notes"]:
        marks = _marks(doc, slug)
        visit(page, server + slug + "/")
        page.evaluate("document.fonts.ready")
        backs = {str(p): back for p, back, _ in marks if back}
        labels = {int(label["page"]): label for label in page.evaluate(LABELS, backs)}
        for number, _, after in marks:
            label = labels[number]
            assert label["top"] is not None, (slug, number, "no label drawn")
            middle = (label["top"] + label["bottom"]) / 2
            if width < 500 and label["inTitle"]:  # on the phone, a title's label stands above it
                assert label["charTop"] - 40 <= label["top"] and label["bottom"] <= label["charTop"] + 1
            else:
                assert label["charTop"] - 1 <= middle <= label["charBottom"] + 1, (slug, number, label)
            size = min(6, len(after))  # (the HTML has a line break where the text has a space)
            assert re.sub(r"\s", " ", label["after"])[:size] == after[:size], (slug, number, label, after)
            assert not (label["before"].isalnum() and label["after"][:1].isalnum()), (slug, number)
            if width >= 1280:  # in the margin, clear of the text
                assert label["left"] >= label["textLeft"] and label["bottom"] > 0
            checked += 1
    context.close()
    pages = sum(len(_marks(doc, slug)) for slug in [*TEXT_PARTS, "notes"])
    assert checked == pages and pages > 70


# Each margin number's drawn extent (the columns of its line that hit the anchor), the text's
# left edge, and the right end of the sidebar's link texts.
MARGIN_LABELS = """() => {
  const inner = document.querySelector(".md-content__inner");
  const textLeft = inner.getBoundingClientRect().left + parseFloat(getComputedStyle(inner).paddingLeft);
  let navRight = 0;
  for (const link of document.querySelectorAll(".md-sidebar--primary .md-nav__link")) {
    const r = document.createRange(); r.selectNodeContents(link);
    for (const x of r.getClientRects()) if (x.width) navRight = Math.max(navRight, x.right);
  }
  const out = [];
  for (const a of document.querySelectorAll("article a.pagenum")) {
    if (a.closest("h1")) continue;
    a.scrollIntoView({block: "center"});
    const y = a.getBoundingClientRect().top + a.getBoundingClientRect().height / 2;
    let left = null, right = null;
    for (let x = 0; x < textLeft; x += 1) {
      if (document.elementFromPoint(x, y) === a) { if (left === null) left = x; right = x; }
    }
    out.push({page: a.dataset.page, left, right, textLeft, navRight});
  }
  return out;
}"""


@pytest.mark.browser
def test_a_margin_page_number_stands_by_its_text_not_by_the_sidebar(desktop, server, doc):
    # Far out in the gutter, "25" stood level with the sidebar's "Foreword" and read as its page.
    checked = 0
    for slug in [*TEXT_PARTS, "notes"]:
        visit(desktop, server + slug + "/")
        desktop.evaluate("document.fonts.ready")
        labels = desktop.evaluate(MARGIN_LABELS)
        in_text = [mark for block in doc.part(slug).blocks for mark in block.page_marks]
        assert len(labels) == len(in_text), slug
        for label in labels:
            assert label["left"] is not None, (slug, label)
            to_text = label["textLeft"] - label["right"]
            to_sidebar = label["left"] - label["navRight"]
            assert 2 <= to_text <= 16, (slug, label)
            assert to_sidebar >= 3 * to_text, (slug, label)
            checked += 1
    assert checked > 70


@pytest.mark.browser
def test_a_deep_link_to_a_page_on_the_phone_covers_no_text(phone, server):
    visit(phone, server + "recollections/#page-37")  # settled: past the scrolls to the anchor
    visible = phone.evaluate(
        """() => [...document.querySelectorAll('.md-tooltip2, .md-tooltip, [role=tooltip], .note-popup')]
                 .filter(el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                   return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.opacity !== '0'; })
                 .map(el => el.className)"""
    )
    assert visible == []
    outline = phone.evaluate("getComputedStyle(document.getElementById('page-37')).outlineStyle")
    assert outline == "none"
    top = phone.evaluate("document.getElementById('page-37').getBoundingClientRect().top")
    assert 0 <= top < 300


# --- notes --------------------------------------------------------------------------------


def _note_text(doc, number: str) -> str:
    return next(note for note in doc.notes if note.number == number).blocks[0].text


def _popup(page):
    return page.locator(".note-popup")


@pytest.mark.browser
def test_a_tap_on_a_marker_shows_its_note_in_place(phone, server, doc):
    visit(phone, server + "recollections/")
    marker = phone.locator("#ref-3")
    marker.scroll_into_view_if_needed()
    marker.tap()
    popup = _popup(phone)
    popup.wait_for(state="visible")
    # no navigation (Material's navigation.tracking may set the section's #hash, nothing more)
    assert urlparse(phone.url).path == "/recollections/" and "note" not in urlparse(phone.url).fragment
    text = " ".join(popup.inner_text().split())
    assert " ".join(_note_text(doc, "3").split())[:60] in text
    box = popup.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    size = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('.note-popup')).fontSize)")
    assert size >= 15
    link = popup.locator("a.note-popup__link")
    assert link.get_attribute("href").endswith("/notes/#note-3")
    popup.locator(".note-popup__close").tap()
    popup.wait_for(state="hidden")
    marker.tap()
    popup.wait_for(state="visible")
    phone.locator("#p-11-1").tap()  # a tap elsewhere dismisses it
    popup.wait_for(state="hidden")


# the points of a 24 × 24 px square around a marker's centre: its corners (0.5 px inside) and
# the middles of its sides
SQUARE = [(dx, dy) for dx in (-11.5, 0, 11.5) for dy in (-11.5, 0, 11.5) if (dx, dy) != (0, 0)]

MARKER_CENTRES = """() => [...document.querySelectorAll('article a.note-ref')].map((m) => {
    const r = m.getBoundingClientRect();
    return {id: m.id, x: r.left + r.width / 2, y: r.top + r.height / 2}; })"""

HITS = """([id, square]) => { const m = document.getElementById(id);
    m.scrollIntoView({block: 'center'});
    const r = m.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    return square.filter(([dx, dy]) => {
        const hit = document.elementFromPoint(x + dx, y + dy);
        return !(hit && hit.closest('a.note-ref') === m); }); }"""


@pytest.mark.browser
@pytest.mark.parametrize("slug", TEXT_PARTS)
def test_every_marker_answers_a_finger_in_a_24_px_square_without_moving_the_text(phone, server, doc, slug):
    visit(phone, server + f"{slug}/")
    markers = phone.evaluate(MARKER_CENTRES)
    expected = {n.ref_anchor for n in [*doc.notes, *doc.footnotes] if n.marker_part == slug}
    assert {marker["id"] for marker in markers} == expected
    missed = {m["id"]: phone.evaluate(HITS, [m["id"], SQUARE]) for m in markers}
    assert {marker: points for marker, points in missed.items() if points} == {}
    # the hit area moves nothing: each paragraph is as tall as it is without it (every paragraph
    # laid out: a phone lays out only those near the screen, edition.css, the rest counting 20em)
    phone.add_style_tag(content="article * { content-visibility: visible !important; }")
    # and the faces their text asks for loaded (a paragraph laid out only now may ask for one)
    phone.evaluate("() => { document.body.getBoundingClientRect(); return document.fonts.ready; }")
    lines = (
        """() => [...document.querySelectorAll('article p')].map((p) => p.getBoundingClientRect().height)"""
    )
    with_area = phone.evaluate(lines)
    phone.add_style_tag(
        content="article a.note-ref { position: static !important; }"
        " article a.note-ref::after { content: none !important; }"
    )
    assert phone.evaluate(lines) == with_area


@pytest.mark.browser
def test_a_tap_at_each_corner_of_a_marker_square_opens_its_note(phone, server, doc):
    visit(phone, server + "recollections/")
    popup = _popup(phone)
    for marker in phone.evaluate(MARKER_CENTRES):
        number = phone.get_attribute(f"#{marker['id']}", "data-note")
        for dx, dy in [(-11.5, -11.5), (11.5, -11.5), (-11.5, 11.5), (11.5, 11.5)]:
            phone.evaluate(
                "(id) => document.getElementById(id).scrollIntoView({block: 'center'})", marker["id"]
            )
            centre = phone.evaluate(MARKER_CENTRES + ".find((m) => m.id === '" + marker["id"] + "')")
            phone.touchscreen.tap(centre["x"] + dx, centre["y"] + dy)
            popup.wait_for(state="visible")
            if number:
                assert " ".join(_note_text(doc, number).split())[:40] in " ".join(popup.inner_text().split())
            phone.keyboard.press("Escape")
            popup.wait_for(state="hidden")


@pytest.mark.browser
def test_the_editor_notes_show_in_place_and_are_told_apart(desktop, server, doc):
    visit(desktop, server + "recollections/")
    places = []
    for note in doc.footnotes:
        marker = desktop.locator(f"#ref-{note.id}")
        marker.scroll_into_view_if_needed()
        marker.hover()
        popup = _popup(desktop).filter(has_text=note.blocks[0].text[:30])
        popup.wait_for(state="visible")
        desktop.mouse.move(5, 5)
        popup.wait_for(state="hidden")
        places.append(desktop.locator(f"#{note.id} .note-back").inner_text())
    assert len(places) == 2 and len(set(places)) == 2
    for note, place in zip(doc.footnotes, places, strict=True):
        assert place.startswith(f"p.\u00a0{note.marker_page}, after")


# Per paragraph of the Notes: its id, top, bottom, and the left of its first and second lines.
NOTE_PARAGRAPHS = """() => [...document.querySelectorAll("article p.note")].map(p => {
  const r = document.createRange(); r.selectNodeContents(p);
  const lines = [...r.getClientRects()].filter(x => x.width > 1);
  const lefts = [];  // the first box of each of the first two lines
  for (const x of lines)
    if (lefts.length < 2 && (!lefts.length || x.top > lines[0].top + 4)) lefts.push(x.left);
  const box = p.getBoundingClientRect();
  return {id: p.id, top: box.top, bottom: box.bottom, left: box.left, lefts};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_a_note_paragraphs_stand_together_and_apart_from_the_next_note(browser, server, doc, width):  # noqa: F811
    # A note's second paragraph, indented whole and as far from its first as the next note,
    # read as a quotation, or as another note.
    context, page = _page(browser, width, touch=width < 500)
    visit(page, server + "notes/")
    page.evaluate("document.fonts.ready")
    paragraphs = page.evaluate(NOTE_PARAGRAPHS)
    context.close()
    expected = [f"note-{n.number}" + (f"-{i}" if i > 1 else "") for n in doc.notes
                for i in range(1, len(n.blocks) + 1)]  # fmt: skip
    assert [p["id"] for p in paragraphs] == expected
    within, between = [], []
    for before, after in zip(paragraphs, paragraphs[1:], strict=False):
        gap = after["top"] - before["bottom"]
        (within if after["id"].count("-") == 2 else between).append(gap)
        if after["id"].count("-") == 2:  # a further paragraph: first line indented, the rest not
            text_left = after["left"]
            assert after["lefts"][0] > text_left + 10, after
            if len(after["lefts"]) > 1:
                assert abs(after["lefts"][1] - text_left) <= 1, after
    assert within and between
    assert max(within) < min(between) / 2, (within, between)


@pytest.mark.browser
def test_a_note_popup_stays_in_the_text_column_clear_of_the_contents(desktop, server, doc):
    # At 1280 px a marker near the right end of a line put half the pop-up over the contents.
    visit(desktop, server + "recollections/")
    desktop.evaluate("document.fonts.ready")
    markers = desktop.locator("article a.note-ref")
    count = markers.count()
    assert count == sum(len(block.markers) for block in doc.part("recollections").blocks)
    contents = desktop.locator(".md-sidebar--secondary .md-nav").first.bounding_box()
    for i in range(count):
        marker = markers.nth(i)
        marker.scroll_into_view_if_needed()
        marker.hover()
        popup = _popup(desktop)
        popup.wait_for(state="visible")
        box = popup.bounding_box()
        column = marker.evaluate("m => { const r = m.closest('p').getBoundingClientRect();"
                                 " return {left: r.left, right: r.right}; }")  # fmt: skip
        assert column["left"] - 1 <= box["x"] and box["x"] + box["width"] <= column["right"] + 1
        assert box["x"] + box["width"] <= contents["x"], (i, box, contents)
        desktop.mouse.move(5, 400)
        popup.wait_for(state="hidden")


@pytest.mark.browser
def test_keyboard_focus_shows_the_note_and_escape_hides_it(desktop, server, doc):
    visit(desktop, server + "recollections/")
    desktop.evaluate("() => { const h = document.querySelector('article h1'); h.tabIndex = -1; h.focus(); }")
    popup = _popup(desktop)
    for number in ("1", "2"):
        while desktop.evaluate("document.activeElement.id") != f"ref-{number}":
            desktop.keyboard.press("Tab")
        popup.wait_for(state="visible")
        assert " ".join(_note_text(doc, number).split())[:50] in " ".join(popup.inner_text().split())
        desktop.keyboard.press("Escape")
        popup.wait_for(state="hidden")
        assert desktop.evaluate("document.activeElement.id") == f"ref-{number}"


@pytest.mark.browser
def test_coming_back_from_a_note_leaves_no_box_or_note_over_the_text(desktop, server):
    visit(desktop, server + "notes/")
    with lands_on(desktop, "/recollections/#ref-3"):  # then stands still
        desktop.locator("#note-3-2 a.note-back").click()
    assert not _popup(desktop).is_visible()
    assert desktop.locator(".md-tooltip2:visible, .md-tooltip:visible").count() == 0
    assert desktop.evaluate("getComputedStyle(document.getElementById('ref-3')).outlineStyle") == "none"


# --- keyboard -----------------------------------------------------------------------------


@pytest.mark.browser
def test_tab_stops_before_the_first_note_are_the_text_own_links(desktop, server, doc):
    from edition.outputs.inline import mentions as mention_links

    for slug in ["preface", "recollections", "memorandum-book"]:
        part = doc.part(slug)
        blocks = part.blocks
        first = next((i for i, b in enumerate(blocks) if b.markers), len(blocks))
        texts = [block.text[s:e] for block in blocks[:first] for s, e, _ in mention_links(part, block)]
        if first < len(blocks):  # the marked paragraph's links before its first marker
            block = blocks[first]
            marker = min(offset for offset, _ in block.markers)
            texts += [block.text[s:e] for s, e, _ in mention_links(part, block) if s < marker]
        visit(desktop, server + slug + "/")
        desktop.evaluate(
            "() => { const h = document.querySelector('article h1'); h.tabIndex = -1; h.focus(); }"
        )
        stops = []
        for _ in range(len(texts) + 8):
            desktop.keyboard.press("Tab")
            active = desktop.evaluate(
                "() => { const a = document.activeElement; return [a.className, a.textContent.trim(),"
                " !!a.closest('article'), !!a.closest('.edition-tools, .cite-button')]; }"
            )
            if "note-ref" in active[0] or not active[2]:
                break
            stops.append(active)
        # the title's own permalink, then the links of the text, nothing else, but for the part's
        # one bar of reading tools and the one cite button that follows the focus (tools.js), not a stop
        # per paragraph
        assert [text for _, text, _, tool in stops if not tool] == ["¶", *texts], (slug, stops)
        assert sum(tool for *_, tool in stops) <= 5, (slug, stops)


# --- print --------------------------------------------------------------------------------


def _pdf_text(pdf: bytes, tmp_path, layout: bool = False) -> str:
    path = tmp_path / "part.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.mark.browser
def test_a_printed_part_carries_its_notes_and_labels_apart(desktop, server, doc, tmp_path):
    visit(desktop, server + "recollections/")
    desktop.evaluate("document.fonts.ready")
    text = _pdf_text(desktop.pdf(format="A4"), tmp_path)
    text = text.replace("\u2060", "")  # the word joiner that keeps a label in one piece
    flat = " ".join(text.split())
    notes = [note for note in doc.notes if note.marker_part == "recollections"]
    assert [note.number for note in notes] == ["1", "2", "3", "4", "5", "6"]
    for note in [*notes, *[n for n in doc.footnotes if n.marker_part == "recollections"]]:
        words = " ".join(note.blocks[0].text.split())[:50].rsplit(" ", 1)[0]
        assert words in flat, note.number
    labels = re.findall(r"\S*\[p\.\s?\d+\]\S*", text)
    assert len(labels) == len(_marks(doc, "recollections"))
    glued = [label for label in labels if not re.fullmatch(r"\[p\.\s?\d+\]", label)]
    assert glued == []


@pytest.mark.browser
def test_print_has_an_even_line_height_and_a_65_character_measure(desktop, server, tmp_path):
    visit(desktop, server + "recollections/")
    desktop.emulate_media(media="print")
    steps = desktop.evaluate(
        """() => { const out = [];
           for (const p of document.querySelectorAll('article p')) {
             if (!p.querySelector('a.pagenum')) continue;
             // the bottoms of the text's own lines (note markers are raised: left out)
             const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
             const bottoms = []; let node;
             while ((node = walker.nextNode())) {
               if (node.parentElement.closest('a.note-ref')) continue;
               const range = document.createRange(); range.selectNodeContents(node);
               for (const r of range.getClientRects()) bottoms.push(r.bottom);
             }
             bottoms.sort((a, b) => a - b);
             const lines = bottoms.filter((b, i) => i === 0 || b - bottoms[i - 1] > 3);
             for (let i = 1; i < lines.length; i++) out.push(lines[i] - lines[i - 1]);
           } return out; }"""
    )
    assert len(steps) > 100 and max(steps) - min(steps) <= 1.5, (min(steps), max(steps))
    desktop.emulate_media(media="screen")
    text = _pdf_text(desktop.pdf(format="A4"), tmp_path, layout=True)
    lengths = [len(line.strip()) for line in text.splitlines() if len(line.strip()) > 45]
    lengths.sort()
    median = lengths[len(lengths) // 2]
    assert 58 <= median <= 72, median


# --- headings and furniture -----------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_part_titles_are_centred(browser, server, doc, width):  # noqa: F811
    context, page = _page(browser, width)
    for part in doc.parts:
        visit(page, server + part.slug + "/")
        offset = page.evaluate(
            """() => { const h = document.querySelector('article h1');
               const text = [...h.childNodes].filter(n => n.nodeType === 3).flatMap(n => {
                 const r = document.createRange(); r.selectNodeContents(n);
                 return [...r.getClientRects()]; });
               const left = Math.min(...text.map(x => x.left)), right = Math.max(...text.map(x => x.right));
               const box = h.getBoundingClientRect();
               return (left + right) / 2 - (box.left + box.right) / 2; }"""
        )
        assert abs(offset) <= 2, (part.slug, width, offset)
    context.close()


@pytest.mark.browser
def test_no_indent_after_a_section_break(desktop, server, doc):
    for slug in ["recollections", "memorandum-book"]:
        visit(desktop, server + slug + "/")
        indents = desktop.evaluate(
            """() => [...document.querySelectorAll(
                       'article h2.section-break + p, article h2.section-start + p')]
                     .map(p => parseFloat(getComputedStyle(p).textIndent))"""
        )
        breaks = sum(block.kind == "section-break" for block in doc.part(slug).blocks)
        assert indents == [0.0] * (breaks + 1)


@pytest.mark.browser
def test_contents_keep_p_with_its_number_on_the_phone(phone, server, doc):
    visit(phone, server)
    entries = phone.locator("article li", has_text=re.compile(r"p\.\s\d")).count()
    assert entries == len(doc.parts)
    split = phone.evaluate(
        """() => [...document.querySelectorAll('article li')].filter(li => {
             const node = [...li.childNodes].find(n => n.nodeType === 3 && /p\\.\\s\\d/.test(n.data));
             if (!node) return false;  // not a part's entry (the downloads)
             const at = node.data.search(/p\\.\\s\\d/);
             const r = document.createRange(); r.setStart(node, at); r.setEnd(node, node.data.length);
             return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1;
           }).map(li => li.textContent)"""
    )
    assert split == []


@pytest.mark.browser
def test_back_to_top_covers_no_text(browser, server):  # noqa: F811
    for width in (375, 1280):
        context, page = _page(browser, width)
        visit(page, server + "recollections/")
        page.mouse.wheel(0, 6000)
        settled(page)
        page.mouse.wheel(0, -400)  # Material shows "back to top" when the reader scrolls up
        settled(page)
        covered = page.evaluate(
            """() => { const top = document.querySelector('.md-top');
               const b = top.getBoundingClientRect();
               if (top.hidden || b.width === 0) return [];
               const hits = [];
               for (const p of document.querySelectorAll('article p')) {
                 const r = document.createRange(); r.selectNodeContents(p);
                 for (const x of r.getClientRects())
                   if (x.right > b.left && x.left < b.right && x.bottom > b.top && x.top < b.bottom)
                     hits.push(p.id);
               } return hits; }"""
        )
        shown = page.evaluate("() => !document.querySelector('.md-top').hidden")
        context.close()
        assert covered == [], (width, covered)
        if width == 1280:
            assert shown  # the button is there, beside the text


# Each table-of-contents entry's rendered lines: the characters of its label grouped by top.
CONTENTS_LINES = """() => [...document.querySelectorAll(".md-sidebar--secondary .md-nav__link .md-ellipsis")]
  .map(label => {
    const lines = new Map();
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.data.length; i++) {
        const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
        const box = r.getClientRects()[0];
        if (!box || !box.width) continue;
        const top = Math.round(box.top);
        lines.set(top, (lines.get(top) || "") + node.data[i]);
      }
    }
    return [...lines.keys()].sort((a, b) => a - b).map(top => lines.get(top).trim());
  })"""


@pytest.mark.browser
def test_no_line_of_a_contents_entry_starts_with_its_separator(desktop, server, doc):
    # "3 · ‘The Third World Congress…’" / "· p. 28": a lone "·" began the second line.
    for slug in ["recollections", "memorandum-book"]:  # the parts with sections
        visit(desktop, server + slug + "/")
        desktop.evaluate("document.fonts.ready")
        entries = desktop.evaluate(CONTENTS_LINES)
        blocks = doc.part(slug).blocks
        assert len(entries) == 1 + sum(block.kind == "section-break" for block in blocks)
        wrapped = 0
        for lines in entries:
            assert lines and all(not line.startswith("·") for line in lines), (slug, lines)
            assert re.search(r"p\.\s\d+$", lines[-1]), (slug, lines)  # the page, whole, last
            wrapped += len(lines) > 1
        if slug == "recollections":
            assert wrapped >= 3  # the case arises: entries do wrap in the 1280 px sidebar


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 768, 1280])
def test_the_tools_bar_keeps_its_tools_in_the_text_column(browser, server, width):  # noqa: F811
    # At 1280 px the bar was capped at 34em of its small face (~460 px): "Cite…" took a row alone.
    context, page = _page(browser, width, touch=width < 500)
    visit(page, server + "recollections/")
    page.evaluate("document.fonts.ready")
    boxes = page.evaluate(
        """() => { const first = document.querySelector("article p").getBoundingClientRect();
           return {text: [first.left, first.right], tools:
             [...document.querySelector(".edition-tools").children]
               .filter(el => el.getBoundingClientRect().width)
               .map(el => { const r = el.getBoundingClientRect();
                            return [r.left, r.top, r.right, r.bottom]; })}; }"""
    )
    context.close()
    tools, (text_left, text_right) = boxes["tools"], boxes["text"]
    assert len(tools) == 3  # go to page, the editor's changes, cite
    for left, _, right, _ in tools:
        assert text_left - 1 <= left and right <= text_right + 1, (width, tools)
    for i, a in enumerate(tools):
        for b in tools[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    rows = {round(top) for _, top, _, _ in tools}
    if width >= 768:  # room for all three on one row
        assert len(rows) == 1, (width, tools)


@pytest.mark.browser
def test_a_part_contents_name_each_section_by_its_opening_words_and_page(desktop, server, doc):
    for slug in ["recollections", "memorandum-book"]:
        visit(desktop, server + slug + "/")
        entries = desktop.locator(".md-sidebar--secondary .md-nav__link").all_inner_texts()
        blocks = doc.part(slug).blocks
        starts = [0] + [i + 1 for i, block in enumerate(blocks) if block.kind == "section-break"]
        firsts = [next(b for b in blocks[i:] if b.kind == "paragraph") for i in starts]
        assert len(entries) == len(firsts), entries
        for number, (entry, first) in enumerate(zip(entries, firsts, strict=True), start=1):
            assert f"p.\u00a0{first.page}" in entry  # "p." never ends a line
            entry = " ".join(entry.split())
            words = " ".join(first.text.split()[1:3])
            assert entry.startswith(f"{number} · ‘") and words in entry, entry
            assert entry.endswith(f"p. {first.page}"), entry


# --- pages, titles, face, colophon ------------------------------------------------------------


@pytest.mark.browser
def test_an_unknown_address_says_what_happened_and_where_to_go(desktop, server, doc):
    response = visit(desktop, server + "recollections/page-999/")
    assert response.status == 404
    assert desktop.locator("article h1").inner_text() == "Page not found"
    assert desktop.locator("article p").first.is_visible()
    assert "search" in desktop.locator("article").inner_text().lower()
    desktop.locator("article a", has_text="title page").click()
    shown = "() => document.querySelector('article h1')?.innerText.replace('¶', '').trim().toLowerCase()"
    desktop.wait_for_function(f"title => ({shown})() === title", arg=doc.book.title.lower())  # the title page
    assert desktop.title() != "Page not found"


@pytest.mark.browser
def test_every_page_has_a_short_title_of_its_own(desktop, server, doc):
    titles = {}
    for path in ["", *[part.slug + "/" for part in doc.parts], "about/", "emendations/", "colophon/"]:
        desktop.goto(server + path, wait_until="domcontentloaded")
        titles[path] = desktop.title()
    assert len(set(titles.values())) == len(titles), titles
    assert all(len(title) <= 45 for title in titles.values()), titles
    for part in doc.parts:
        assert titles[part.slug + "/"].startswith(part.title)
    assert doc.book.title in titles[""]


@pytest.mark.browser
def test_the_text_is_set_in_literata_served_with_the_site(desktop, server):
    fonts = []
    desktop.on("request", lambda request: fonts.append(request.url) if ".woff2" in request.url else None)
    visit(desktop, server + "recollections/")
    desktop.evaluate("document.fonts.ready")
    family = desktop.evaluate("getComputedStyle(document.querySelector('article p')).fontFamily")
    assert family.startswith('"Literata"') or family.startswith("Literata")
    assert family.rstrip().endswith("serif")  # the system's faces stay as the fallback
    loaded = desktop.evaluate(
        "[...document.fonts].filter(f => f.family.replace(/\"/g, '') === 'Literata' && f.status === 'loaded')"
        ".map(f => f.style + ' ' + f.weight)"
    )
    assert "normal 400" in loaded
    assert fonts and all(url.startswith(server) for url in fonts)


@pytest.mark.browser
def test_the_colophon_gives_rights_version_date_and_source(desktop, server):
    facts = load_book(SOURCE / "book.yml").colophon
    visit(desktop, server + "colophon/")
    text = " ".join(desktop.locator("article").inner_text().split())
    for said in (facts.text_rights, facts.edition_rights, facts.made):
        assert said in text
    assert f"Version {facts.version}, {facts.date}" in text
    assert "Foreign Languages Publishing House" in text


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_an_open_note_has_no_accessibility_violation(browser, server, scheme):  # noqa: F811
    if not AXE.exists():
        _missing("axe-core is not installed (npm ci)")
    context, page = _page(browser, 375, touch=True)
    visit(page, server + "recollections/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.locator("#ref-3").tap()
    page.locator(".note-popup").wait_for(state="visible")
    settled(page)  # Material fades colours over 250 ms: measure after
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run('.note-popup', {runOnly: {type: 'tag',
               values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
    )
    context.close()
    assert [(v["id"], v["help"]) for v in result["violations"]] == []
    assert result["passes"]  # axe looked at it: the pop-up's colours, names and roles
