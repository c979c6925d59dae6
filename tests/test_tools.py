"""The Emendations page and the reader's tools (show the editor's changes, cite, go to page).

Expected values come from the document model (the `doc` fixture): where each edit stands, how
many a part holds, on which printed pages a paragraph stands. The browser tests measure what
the reader sees: boxes inside the viewport, counts of what is visible, the copied text.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
import test_browser
from edition.model import Block, Document, Edit, Span
from edition.outputs.markdown.part import paragraph_markdown
from edition.provenance import text_blocks
from hypothesis import given, settings
from hypothesis import strategies as st
from test_browser import AXE, _missing, lands_on, settled
from test_markdown_text import BOOK, Paragraph, site_markdown

# the browser and the site's server, shared with the other browser tests
browser, server = test_browser.browser, test_browser.server

PARAGRAPH_BREAK = "¶ "


def owner(doc) -> dict[int, str]:
    """Raw line → the part it belongs to, from the parts' own lines."""
    return {line.number: part.slug for part in doc.parts for line in [part.heading, *part.lines]}


def located(doc, slug: str | None = None) -> list[Edit]:
    return [edit for edit in doc.edits if edit.span and (slug is None or edit.span.part == slug)]


# ---- the model: ids and places -------------------------------------------------------------


def test_every_edit_has_a_unique_id_from_its_raw_line(doc):
    ids = [edit.id for edit in doc.edits]
    assert len(ids) == len(set(ids)) > 0
    assert all(re.fullmatch(rf"e-{edit.line}(-\d+)?", edit.id) for edit in doc.edits)


def test_every_edit_is_placed_on_the_words_it_made(doc):
    unplaced = [edit for edit in doc.edits if edit.span is None]
    # the one edit not in the text: the Notes' "p." of a page reference, which becomes a link
    assert [(edit.line, edit.before, edit.after) for edit in unplaced] == [(3279, "P-", "p.")]
    for edit in located(doc):
        words = edit.span.block.text[edit.span.start : edit.span.end]
        if edit.after and not edit.after.startswith(PARAGRAPH_BREAK):
            marker = doc.book.footnote_marker
            assert words in (edit.after, edit.after.rstrip("-"), edit.after.removeprefix(marker)), edit
        else:  # a removal or a paragraph break: a point
            assert words == "", edit
        if edit.after.startswith(PARAGRAPH_BREAK):
            assert edit.span.start == 0 and edit.span.block.text.startswith(edit.after[2:].strip())
    # each block lists exactly the edits placed in it (what its marks are made from), once each
    recorded = [edit for _slug, block in text_blocks(doc) for edit in block.edits]
    assert all(edit.span.block is block for _slug, block in text_blocks(doc) for edit in block.edits)
    assert sorted(map(id, recorded)) == sorted(map(id, located(doc)))


@pytest.mark.parametrize(
    ("line", "before", "context"),
    [(228, "sand", "proletariat and"), (144, "land", "close and dear")],
)
def test_a_word_that_recurs_on_its_line_is_placed_where_the_scan_had_it(doc, line, before, context):
    # raw 228: "the goal and pointed the way to Russia’s proletariat sand": the repaired "and"
    # is the second of the line; raw 144: "close land dear the Soviet land": the first "land"
    edit = next(edit for edit in doc.edits if edit.line == line and edit.before == before)
    text = edit.span.block.text
    at = text.index(context)
    assert at <= edit.span.start < at + len(context) and text[edit.span.start : edit.span.end] == "and"


WORDS = st.text(alphabet="ab *_[]<>&`|{}#\\“”—", min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), st.text(max_size=8)), max_size=4))
def test_marks_leave_the_text_as_it_was(raw, spans):
    """Whatever the edits and wherever they stand, the paragraph's text renders as itself."""
    text = " ".join(raw.split())
    if not text:
        return
    block = Block("paragraph", [], text=text, anchor="p-1-1")
    doc = Document(BOOK, [])
    for index, (a, b, scan) in enumerate(spans):
        start, end = sorted((min(a, len(text)), min(b, len(text))))
        edit = Edit("r", index + 1, 1, scan, text[start:end], 'why "*_<', id=f"e-{index + 1}")
        edit.span = Span("part", block, start, end)
        doc.edits.append(edit)
        block.edits.append(edit)  # as provenance.py records it
    parser = Paragraph()
    parser.feed(site_markdown().convert("\n".join(paragraph_markdown(doc, block, "notes"))))
    # a sentence a line in the Markdown: a line break where the text has a space
    assert parser.text.replace("\n", " ") == text
    assert parser.tags.count("span") == len(spans)


# ---- the Emendations page, as built ------------------------------------------------------------


class Entries(HTMLParser):
    """The entries of the built Emendations page: id → (link, data attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, dict[str, str]] = {}
        self.current = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "li" and "data-kind" in attributes:
            self.current = attributes["id"]
            self.entries[self.current] = attributes
        elif tag == "a" and self.current and "e-place" in (attributes.get("class") or ""):
            self.entries[self.current]["href"] = attributes["href"]

    def handle_endtag(self, tag):
        if tag == "li":
            self.current = ""


class Ids(HTMLParser):
    """Every element id of a built page, with the text of the `.emended` marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.mark_text: dict[str, str] = {}
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "span":
            emended = "emended" in (attributes.get("class") or "")
            # an edit's first run of changed words has its id, a further run names it
            edit = (attributes.get("id") or attributes.get("data-edit")) if emended else ""
            self.open.append(edit)
            if emended:
                self.mark_text.setdefault(edit, "")

    def handle_endtag(self, tag):
        if tag == "span" and self.open:
            self.open.pop()

    def handle_data(self, data):
        for mark in self.open:
            if mark:
                self.mark_text[mark] += data


def test_every_entry_links_to_its_own_words_in_the_text(doc, site):
    parser = Entries()
    parser.feed((site / "emendations" / "index.html").read_text(encoding="utf-8"))
    assert len(parser.entries) == len(doc.edits)
    pages, clipped = {}, []
    for edit in doc.edits:
        entry = parser.entries[edit.id]
        assert entry["data-page"] == str(edit.page) and entry["data-kind"] == edit.rule
        path, fragment = entry["href"].removeprefix("../").split("#")
        if path not in pages:
            pages[path] = Ids()
            pages[path].feed((site / path / "index.html").read_text(encoding="utf-8"))
        assert fragment in pages[path].ids, (edit.id, entry["href"])
        if edit.span:
            assert path == f"{edit.span.part}/" and fragment == edit.id
            # the edit's runs of changed words, one after another
            words = "".join(edit.span.block.text[a:b] for a, b in edit.span.pieces)
            mark = pages[path].mark_text[edit.id].replace("\n", " ")  # a sentence a line
            assert mark == words or (mark and words.endswith(mark)), edit.id
            if mark != words:
                clipped.append(words)
    # marks nest: the correction's changed "popula" inside the join's "population.", neither clipped
    assert clipped == []


class PagesOfMarks(HTMLParser):
    """The printed page in effect at each `.emended` mark: the last page label before it."""

    def __init__(self, page: int) -> None:
        super().__init__()
        self.page, self.pages = page, {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "pagenum" in (attributes.get("class") or ""):
            self.page = int(attributes["data-page"])
        elif tag == "span" and "emended" in (attributes.get("class") or "") and "id" in attributes:
            self.pages[attributes["id"]] = self.page


def test_every_mark_stands_on_its_printed_page(doc, site):
    """Each change's mark is on the page the emendation names (198 of 722 page links used to
    land on a paragraph begun on the page before)."""
    # the page-foot notes are set together at the end of their part, each naming its page
    foot = [block for note in doc.footnotes for block in note.blocks]
    wrong = []
    for part in doc.parts:
        parser = PagesOfMarks(part.heading.page)
        parser.feed((site / part.slug / "index.html").read_text(encoding="utf-8"))
        for edit in located(doc, part.slug):
            if parser.pages[edit.id] != edit.page and not any(edit.span.block is b for b in foot):
                wrong.append((edit.id, edit.page, parser.pages[edit.id]))
    assert wrong == []


# ---- in the browser ---------------------------------------------------------------------------


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def wide(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _box(page, selector: str) -> dict:
    return page.evaluate(
        """(s) => { const r = document.querySelector(s).getBoundingClientRect();
                    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                            width: innerWidth, height: innerHeight}; }""",
        selector,
    )


def _box_when_settled(page, selector: str) -> dict:
    """The element's box once scrolling has stopped (a page's own scroll to its anchor comes late)."""
    page.wait_for_function(
        """(s) => new Promise(done => { let last = null, still = 0;
               const look = () => { const top = document.querySelector(s).getBoundingClientRect().top;
                   still = top === last ? still + 1 : 0; last = top;
                   if (still >= 5) done(true); else requestAnimationFrame(look); };
               look(); })""",
        arg=selector,
    )
    return _box(page, selector)


def _in_viewport(box: dict) -> bool:
    return (
        0 <= box["top"] < box["height"]
        and box["bottom"] > 0
        and 0 <= box["left"] <= box["right"] <= box["width"]
    )


@pytest.mark.browser
def test_emendations_on_a_phone_read_as_cards_without_sideways_scroll(phone, server, doc):
    edit = max(doc.edits, key=lambda e: len(e.before) + len(e.after) + len(e.why))  # the longest entry
    test_browser.visit(phone, server + f"emendations/#{edit.id}")
    width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]
    # the scroll to the entry, and the lists laid out around it, can come after the load on a
    # busy machine: waited for, as a reader sees it
    phone.wait_for_function(BELOW_HEADER_IN_VIEW, arg=edit.id, polling=100)
    entry = _box_when_settled(phone, f"#{edit.id}")
    assert _in_viewport(entry)
    # every piece of the card inside the screen, the scan's reading and the reason among them
    parts = phone.evaluate(
        """(id) => Array.from(document.getElementById(id).querySelectorAll('*')).map(e => {
               const r = e.getBoundingClientRect(); return [e.textContent, r.left, r.right]; })""",
        edit.id,
    )
    assert all(0 <= left and right <= width[1] for _, left, right in parts)
    text = phone.inner_text(f"#{edit.id}")
    assert edit.why in text and " ".join(edit.before.split()) in " ".join(text.split())
    # "corrections.yml" is never broken across lines
    breaks = phone.evaluate(
        """() => Array.from(document.querySelectorAll('.emendation-list code'))
                 .filter(c => c.textContent === 'corrections.yml' && c.getClientRects().length > 1).length"""
    )
    assert breaks == 0


@pytest.mark.browser
def test_the_filter_shows_the_models_count(wide, server, doc):
    test_browser.visit(wide, server + "emendations/")
    parts = Counter(owner(doc)[edit.line] for edit in doc.edits)
    visible = "document.querySelectorAll('.emendation-list li[data-kind]:not([hidden])').length"
    assert wide.evaluate(visible) == len(doc.edits)
    for slug in ("foreword", "memorandum-book"):
        wide.select_option("form.emendation-filter select[name=part]", slug)
        assert wide.evaluate(visible) == parts[slug]
        assert wide.inner_text("form.emendation-filter output").startswith(f"{parts[slug]} of ")
    wide.select_option("form.emendation-filter select[name=part]", "")
    wide.select_option("form.emendation-filter select[name=kind]", "restore-and-read-as-land")
    page = next(e.page for e in doc.edits if e.rule == "restore-and-read-as-land")
    wide.fill("form.emendation-filter input[name=page]", str(page))
    expected = [e for e in doc.edits if e.rule == "restore-and-read-as-land" and e.page == page]
    assert wide.evaluate(visible) == len(expected) > 0


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_an_entrys_place_never_covers_its_change(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    test_browser.visit(page, server + "emendations/")
    overlaps = page.evaluate(
        """() => Array.from(document.querySelectorAll('.emendation-list li[data-kind]')).filter(li => {
               const place = li.querySelector('.e-place').getBoundingClientRect();
               return Array.from(li.querySelectorAll('del, ins, code')).some(e => {
                   const r = e.getBoundingClientRect();
                   return r.left < place.right && place.left < r.right &&
                          r.top < place.bottom && place.top < r.bottom; });
           }).map(li => li.id)"""
    )
    context.close()
    assert overlaps == []


@pytest.mark.browser
def test_each_entry_is_addressable_anywhere_in_the_list(wide, server, doc):
    edits = sorted(doc.edits, key=lambda e: e.line)
    for edit in [edits[0], edits[len(edits) // 3], edits[2 * len(edits) // 3], edits[-2]]:
        test_browser.visit(wide, server + f"emendations/#{edit.id}")
        box = _box_when_settled(wide, f"#{edit.id}")
        assert _in_viewport(box) and box["bottom"] <= box["height"], edit.id
        assert f"line {edit.line}" in wide.inner_text(f"#{edit.id}")


# An entry far down the list: its page's list is laid out only near the screen (tools.css)
BELOW_HEADER_IN_VIEW = """(id) => { const e = document.getElementById(id); if (!e) return false;
    const box = e.getBoundingClientRect();
    const header = document.querySelector('.md-header').getBoundingClientRect();
    return box.height > 0 && header.bottom <= box.top && box.bottom <= innerHeight; }"""


def _far_down(doc) -> list[Edit]:
    """Changes in the last quarter of the Emendations page (the book's order), each in the text."""
    edits = sorted(located(doc), key=lambda edit: edit.line)
    return edits[3 * len(edits) // 4 :]


@pytest.mark.browser
def test_a_changed_words_popup_link_lands_on_its_entry_far_down_on_a_phone(phone, server, doc):
    """The reader's way to an entry: a tap on a marked word near the book's end, then on the
    pop-up's link; the entry is on the screen, under the header, once the page has settled."""
    edit = next(e for e in _far_down(doc) if len(e.after) > 3 and e.rule != "corrections.yml")
    test_browser.visit(phone, server + f"{edit.span.part}/")
    phone.locator(".edits-switch").tap()
    mark = phone.locator(f"#{edit.id}")
    mark.scroll_into_view_if_needed()
    mark.tap()
    phone.locator(".edit-popup a").tap()
    phone.wait_for_function(BELOW_HEADER_IN_VIEW, arg=edit.id, polling=100)
    box = _box_when_settled(phone, f"#{edit.id}")
    header = _box(phone, ".md-header")["bottom"]
    assert header <= box["top"] and box["bottom"] <= box["height"], (edit.id, box)
    assert edit.why in phone.inner_text(f"#{edit.id}")


@pytest.mark.browser
def test_every_entry_is_in_the_page_and_the_browsers_find_reaches_one_far_down(phone, server, doc):
    """Laid out only near the screen, the entries are still all in the page: the browser's find
    (window.find, as Ctrl+F) finds an entry near the list's end and shows it on the screen."""
    test_browser.visit(phone, server + "emendations/")
    texts = phone.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.emendation-list li[data-kind]')]
                                     .map(li => [li.id, li.textContent]))"""
    )
    assert sorted(texts) == sorted(edit.id for edit in doc.edits)
    assert all(edit.why in texts[edit.id] for edit in doc.edits)
    # the place as the entry gives it, found once: no other line number begins with this one's
    lines = [str(edit.line) for edit in doc.edits]
    edit = next(
        e for e in reversed(_far_down(doc)) if sum(line.startswith(str(e.line)) for line in lines) == 1
    )
    found = phone.evaluate(
        """(text) => window.find(text) && getSelection().anchorNode.parentElement.closest('li').id""",
        f"p. {edit.page} · line {edit.line}",
    )
    assert found == edit.id
    phone.wait_for_function(BELOW_HEADER_IN_VIEW, arg=edit.id, polling=100)


@pytest.mark.browser
def test_a_filter_shows_its_few_entries_at_once_below_the_form_on_a_phone(phone, server, doc):
    """The kind with fewest changes (at least two, on different pages): picked in the filter,
    its entries stand right under the form, not a screenful of hidden pages' lists apart."""
    kinds = Counter(edit.rule for edit in doc.edits)
    kind = min((k for k in kinds if len({e.page for e in doc.edits if e.rule == k}) >= 2), key=kinds.get)
    test_browser.visit(phone, server + "emendations/")
    phone.select_option("form.emendation-filter select[name=kind]", kind)
    phone.locator("form.emendation-filter output").filter(has_text=f"{kinds[kind]} of ").wait_for()
    shown = [e.id for e in sorted(doc.edits, key=lambda e: e.line) if e.rule == kind]
    phone.evaluate("() => document.querySelector('form.emendation-filter').scrollIntoView()")
    # waited for: the lists near the screen are laid out in the frames after the scroll
    phone.wait_for_function(
        """(ids) => { const form = document.querySelector('form.emendation-filter').getBoundingClientRect();
               const boxes = ids.map(id => document.getElementById(id).getBoundingClientRect());
               return boxes[0].top - form.bottom < 40 && boxes.at(-1).bottom <= innerHeight &&
                      boxes.slice(1).every((box, i) => Math.abs(box.top - boxes[i].bottom) < 1); }""",
        arg=shown,
        polling=100,
    )
    assert phone.evaluate(
        "document.querySelectorAll('.emendation-list li[data-kind]:not([hidden])').length"
    ) == len(shown)


@pytest.mark.browser
def test_an_entry_link_lands_on_the_changed_words(wide, server, doc):
    # an edit on a page after the one its paragraph begins on (the old links missed these)
    edit = next(e for e in located(doc, "recollections") if e.page > e.span.block.page and e.after)
    test_browser.visit(wide, server + f"emendations/#{edit.id}")
    # settled: on a loaded machine the scroll to the entry came after "networkidle" (seen in CI)
    assert _in_viewport(_box_when_settled(wide, f"#{edit.id}"))
    with lands_on(wide, f"/recollections/#{edit.id}"):
        wide.click(f"#{edit.id} a.e-place")
    assert _in_viewport(_box_when_settled(wide, f"#{edit.id}"))
    assert wide.inner_text(f"#{edit.id}") == edit.span.block.text[edit.span.start : edit.span.end]


@pytest.mark.browser
def test_the_switch_marks_every_located_change_and_is_remembered(phone, server, doc):
    count = """new Set(Array.from(document.querySelectorAll('article .emended'))
               .filter(e => getComputedStyle(e).borderBottomStyle !== 'none')
               .map(e => e.id || e.dataset.edit)).size"""
    test_browser.visit(phone, server + "recollections/")
    assert phone.evaluate(count) == 0  # off by default
    switch = phone.locator(".edits-switch")
    assert switch.get_attribute("aria-checked") == "false"
    text_before = phone.evaluate("document.querySelector('article').textContent")
    switch.tap()
    # the marks the reader sees, waited for: the switch's handler may draw them after the tap returns
    phone.wait_for_function(f"({count}) > 0")
    assert phone.evaluate(count) == len(located(doc, "recollections")) > 0
    assert phone.evaluate("document.querySelector('article').textContent") == text_before
    test_browser.visit(phone, server + "memorandum-book/")
    assert phone.locator(".edits-switch").get_attribute("aria-checked") == "true"
    assert phone.evaluate(count) == len(located(doc, "memorandum-book"))
    # a tap on a marked word shows what the scan had and why, with the link to its entry
    edit = next(
        e for e in located(doc, "memorandum-book") if len(e.after) > 3 and e.rule != "corrections.yml"
    )
    phone.locator(f"#{edit.id}").scroll_into_view_if_needed()
    phone.locator(f"#{edit.id}").tap()
    popup = phone.locator(".edit-popup")
    popup.wait_for(state="visible")
    assert edit.before in popup.inner_text() and edit.why in popup.inner_text()
    assert _in_viewport(_box(phone, ".edit-popup"))
    assert popup.locator("a").get_attribute("href").endswith(f"/emendations/#{edit.id}")
    # the tap did not navigate: the same page (Material's navigation.tracking may add a
    # #section-N), its tab title and the tapped words still there for the reader
    assert urlparse(phone.url).path == "/memorandum-book/"
    assert phone.title().startswith(doc.part("memorandum-book").title)
    assert phone.locator(f"#{edit.id}").is_visible()
    phone.keyboard.press("Escape")
    popup.wait_for(state="hidden")
    # the marks are in the tab order while the switch is on; focus shows the reading too
    other = next(e for e in located(doc, "memorandum-book") if e.id != edit.id and e.after)
    assert phone.get_attribute(f"#{other.id}", "tabindex") == "0"
    phone.focus(f"#{other.id}")
    popup.filter(has_text=other.why).wait_for(state="visible")
    # a paragraph break the editor made: a mark at the point, which says so
    made = next(e for e in located(doc, "memorandum-book") if e.after.startswith("¶"))
    phone.focus(f"#{made.id}")
    popup.filter(has_text=made.why).wait_for(state="visible")
    assert "begins a paragraph" in popup.inner_text()
    phone.locator(".edits-switch").tap()
    phone.wait_for_function(f"({count}) === 0")
    assert phone.evaluate(count) == 0 and phone.get_attribute(f"#{other.id}", "tabindex") is None


def pieces_text(edit) -> list[str]:
    return [edit.span.block.text[a:b] for a, b in edit.span.pieces]


def test_each_mark_covers_only_the_words_that_changed(doc):
    # raw 1173: '"Paul Levi is not <a vainglorious, self-satisfied mian': the quotation mark,
    # "a" and "man" changed, not the words between
    edit = next(edit for edit in doc.edits if edit.line == 1173 and edit.rule == "corrections.yml")
    assert pieces_text(edit) == ["“Paul", "a", "man"]
    # each run is inside the edit's span and the runs keep their order
    for edit in located(doc):
        runs = edit.span.pieces
        assert all(edit.span.start <= a <= b <= edit.span.end for a, b in runs), edit.id
        assert all(b1 <= a2 for (_, b1), (a2, _) in zip(runs, runs[1:], strict=False)), edit.id
    # a whole phrase re-read from the scan was marked whole (26 marks of five words or more)
    long = [(e.id, text) for e in located(doc) for text in pieces_text(e) if len(text.split()) >= 5]
    assert long == []


MARK_WIDTHS = """(ids) => { const canvas = document.createElement('canvas').getContext('2d');
    const out = {};
    for (const id of ids) {
        const marks = [...document.querySelectorAll('article .emended')]
            .filter((m) => (m.id || m.dataset.edit) === id);
        out[id] = marks.map((m) => { const style = getComputedStyle(m);
            canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const width = [...m.getClientRects()].reduce((sum, r) => sum + r.width, 0);
            const text = m.textContent.replace(/\\s+/g, ' ');
            return {text, width, words: canvas.measureText(text).width}; });
    }
    return out; }"""


@pytest.mark.browser
def test_marks_on_a_phone_are_as_wide_as_the_changed_words(phone, server, doc):
    test_browser.visit(phone, server + "recollections/")
    phone.locator(".edits-switch").tap()
    edits = [e for e in located(doc, "recollections") if e.span.start < e.span.end]
    shown = phone.evaluate(MARK_WIDTHS, [e.id for e in edits])
    wrong = []
    for edit in edits:
        marks = shown[edit.id]
        # its marks' texts are its runs of changed words, in order
        if [m["text"] for m in marks] != [" ".join(t.split()) for t in pieces_text(edit)]:
            wrong.append((edit.id, [m["text"] for m in marks], pieces_text(edit)))
        # as wide as its words (a justified line stretches each space by at most half again)
        wrong += [(edit.id, m) for m in marks if m["width"] > m["words"] * 1.15 + 6]
    assert wrong == []


POPUP_COVERS = """() => { const found = [];
    const marks = [...document.querySelectorAll('article .emended')];
    for (const mark of marks) {
        mark.scrollIntoView({block: 'center'});
        mark.click();
        const popup = document.querySelector('.edit-popup');
        if (popup.hidden) { found.push([mark.id || mark.dataset.edit, 'no pop-up']); continue; }
        const box = popup.getBoundingClientRect();
        for (const other of marks) {
            if (other === mark || other.contains(mark) || mark.contains(other)) continue;
            for (const r of other.getClientRects()) {
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                const under = box.left < x && x < box.right && box.top < y && y < box.bottom;
                const name = (m) => m.id || m.dataset.edit;
                if (under && y > 0 && y < innerHeight) found.push([name(mark), name(other)]);
            }
        }
    }
    return found; }"""


@pytest.mark.browser
def test_a_change_popup_never_covers_another_marked_word(phone, server, doc):
    test_browser.visit(phone, server + "recollections/")
    phone.locator(".edits-switch").tap()
    # raw 1173 and 1178, two lines apart at 375 px: the pop-up of the first covered the second
    first = next(e for e in doc.edits if e.line == 1173 and e.rule == "corrections.yml")
    below = next(e for e in doc.edits if e.line == 1178 and e.before == "land")
    phone.locator(f"#{first.id}").scroll_into_view_if_needed()
    phone.locator(f"#{first.id}").tap()
    popup = phone.locator(".edit-popup")
    assert popup.is_visible() and first.why in popup.inner_text()
    text = popup.inner_text()
    assert "““" not in text and "””" not in text and first.after in text  # no doubled quote mark
    phone.locator(f"#{below.id}").scroll_into_view_if_needed()
    centre = phone.evaluate(
        "(id) => { const r = document.getElementById(id).getBoundingClientRect();"
        " return [r.left + r.width / 2, r.top + r.height / 2]; }",
        below.id,
    )
    assert (
        phone.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('.emended').id", centre)
        == below.id
    )
    phone.touchscreen.tap(*centre)
    phone.wait_for_function(
        "(why) => document.querySelector('.edit-popup').innerText.includes(why)", arg=below.why
    )
    assert phone.url.endswith("/recollections/") or "/recollections/#" in phone.url  # no navigation
    # and so for every mark of the part: no other mark's middle under its pop-up
    assert phone.evaluate(POPUP_COVERS) == []


@pytest.mark.browser
def test_cite_copies_the_paragraphs_pages_and_link(wide, server, doc):
    part = doc.part("recollections")
    # a paragraph that runs over a page break: its citation names both printed pages
    block = next(
        b for b in part.blocks if b.kind == "paragraph" and b.page_marks and b.page_marks[0].offset > 0
    )
    slug, anchor = part.slug, block.anchor
    pages = f"pp. {block.page}–{block.page_marks[-1].page}"
    test_browser.visit(wide, server + f"{slug}/#{anchor}")
    wide.hover(f"#{anchor}")
    button = wide.locator("button.cite-button")
    button.wait_for(state="visible")
    assert _in_viewport(_box(wide, "button.cite-button"))
    button.click()
    wide.wait_for_function("document.querySelector('.cite-status').textContent.includes('copied')")
    copied = wide.evaluate("navigator.clipboard.readText()")
    book, catalogue = doc.book, doc.book.catalogue
    assert copied.startswith(f"{book.author}, “{part.title}”, in {book.title}, trans.")
    imprint = f"({catalogue.place}: {catalogue.publisher}, {catalogue.year_text}), {pages}."
    assert imprint in copied
    # the address this page was opened at (no SITE_URL), then the day it was read
    assert re.search(rf" {re.escape(server)}{slug}/#{anchor} \(accessed \d+ [A-Z][a-z]+ \d{{4}}\)\.$", copied)
    wide.click("text=Copy BibTeX")
    wide.wait_for_function("document.querySelector('.cite-status').textContent.includes('BibTeX')")
    bibtex = wide.evaluate("navigator.clipboard.readText()")
    assert f"pages = {{{block.page}--{block.page_marks[-1].page}}}" in bibtex
    assert f"author = {{{book.author}}}" in bibtex and f"year = {{{catalogue.year_text}}}" in bibtex
    assert f"address = {{{catalogue.place}}}" in bibtex
    # the paragraph's own text is the book's: the button stands outside it
    shown = wide.evaluate(f"document.getElementById('{anchor}').textContent")
    assert " ".join(shown.split()) == block.text  # (a sentence a line in the HTML source)


@pytest.mark.browser
def test_cite_on_a_phone_by_a_tap(browser, server, doc):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True,
        permissions=["clipboard-read", "clipboard-write"],
    )  # fmt: skip
    phone = context.new_page()
    part = doc.part("memorandum-book")
    block = next(
        b for b in part.blocks if b.kind == "paragraph" and not b.page_marks and b.page > part.first_page
    )
    test_browser.visit(phone, server + f"{part.slug}/#{block.anchor}")
    phone.locator(f"#{block.anchor}").tap(position={"x": 20, "y": 10})
    button = phone.locator("button.cite-button")
    assert _in_viewport(_box(phone, "button.cite-button"))
    assert (
        phone.evaluate("document.querySelector('button.cite-button').previousElementSibling.id")
        == block.anchor
    )
    button.tap()
    phone.wait_for_function("document.querySelector('.cite-status').textContent.includes('copied')")
    copied = phone.evaluate("navigator.clipboard.readText()")
    assert f"), p. {block.page}." in copied and f"/{part.slug}/#{block.anchor} (accessed " in copied
    assert _in_viewport(_box(phone, ".cite-panel"))
    context.close()


@pytest.mark.browser
def test_go_to_page_lands_on_the_page_in_the_right_part(wide, server, doc):
    pages = {
        line.page: part.slug for part in doc.parts for line in [part.heading, *part.lines] if line.page_start
    }
    elsewhere = next(page for page, slug in sorted(pages.items()) if slug == "memorandum-book" and page > 60)
    here = next(page for page, slug in sorted(pages.items()) if slug == "recollections" and page > 30)
    test_browser.visit(wide, server + "recollections/")
    # the text the reader is reading stays: not fetched again, nor reloaded (a swap of the page
    # on a hash change once showed WebKit's reader the top)
    wide.evaluate("document.querySelector('article').dataset.readHere = 'yes'")
    entries = wide.evaluate("history.length")
    wide.fill("#goto-page-input", str(here))
    with lands_on(wide, f"/recollections/#page-{here}"):  # a link to share, and Back returns
        wide.press("#goto-page-input", "Enter")
    assert _in_viewport(_box_when_settled(wide, f"#page-{here}"))
    assert wide.evaluate("document.querySelector('article').dataset.readHere") == "yes"
    assert wide.evaluate("history.length") == entries + 1
    colour = "(id) => getComputedStyle(document.getElementById(id)).color"  # the label marked
    assert wide.evaluate(colour, f"page-{here}") != wide.evaluate(colour, f"page-{here - 1}")
    wide.fill("#goto-page-input", str(elsewhere))
    with lands_on(wide, f"/memorandum-book/#page-{elsewhere}"):
        wide.press("#goto-page-input", "Enter")
    assert _in_viewport(_box_when_settled(wide, f"#page-{elsewhere}"))
    first, last = min(pages), max(pages)
    wide.fill("#goto-page-input", str(last + 1))
    wide.press("#goto-page-input", "Enter")
    wide.locator("#goto-page-message").filter(has_text=str(last + 1)).wait_for()
    message = wide.inner_text("#goto-page-message")
    assert str(first) in message and str(last) in message and str(last + 1) in message


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_new_controls_have_no_accessibility_violation(wide, server, scheme):
    if not AXE.exists():
        _missing("axe-core is not installed (npm ci)")
    problems = []
    for path, setup in [
        ("recollections/", "const over = new MouseEvent('mouseover', {bubbles: true});"
         "document.querySelector('.edits-switch').click();"
         "document.querySelector('article .emended').dispatchEvent(over);"
         "document.querySelector('article p[id^=p-]').dispatchEvent(over);"
         "document.querySelector('.cite-in-view').click();"),
        ("emendations/", ""),
    ]:  # fmt: skip
        test_browser.visit(wide, server + path)
        # the palette's colours as they settle, not midway through Material's fade (a loaded
        # machine can take longer than the fade's 250 ms)
        wide.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        wide.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        if setup:
            wide.evaluate(setup)
        test_browser.lay_out_every_list(wide)
        settled(wide)  # Material fades colours over 250 ms: measure after
        wide.add_script_tag(path=str(AXE))
        result = wide.evaluate(
            """() => axe.run({include: ['.edition-tools', '.edit-popup', '.cite-panel', '.cite-button',
                   '.emended', '.emendation-filter', '.emendation-list']
                   .filter(s => document.querySelector(s)).map(s => [s])},
                 {runOnly: {type: 'tag',
                            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
        )
        for violation in result["violations"]:
            problems.append((path, violation["id"], [node["target"] for node in violation["nodes"][:3]]))
        assert result["passes"], path  # axe looked at something
    assert problems == []
