"""Search (Pagefind, and the edition's dialog over it) as a reader uses it, in Chromium.

Every printed page a result names is checked against the document model: the page on which
the marked word stands, found by its neighbours in the model's text (not read off the site).
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import test_browser
from conftest import ROOT, build_site_into
from test_browser import AXE, _missing

PARTS = ["preface", "foreword", "recollections", "memorandum-book", "lenin-and-the-masses", "notes"]
INDEXED = {"", *PARTS}  # the title page ("") and the book; not the edition's own pages
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

# (query as a reader types it, parts that must answer it, a word form that must be marked)
QUERIES = [
    ("Lenin's", {"foreword", "recollections", "memorandum-book", "lenin-and-the-masses"}, "lenin's"),
    ('"glass of water"', {"memorandum-book"}, "glass of water"),
    ("philistines", {"memorandum-book", "recollections"}, "philistine"),
    ("glass-of-water", {"memorandum-book"}, "glass-of-water"),
    ("Voznesensk", {"lenin-and-the-masses"}, "ivanovo-voznesensk"),
    ("Inessa", {"notes", "memorandum-book"}, "inessa"),
    ("IMEL", {"preface"}, "imel"),
    ("Krupskaya", {"foreword"}, "krupskaya"),
    ("Xerxes", {"recollections"}, "xerxes"),
    ("Leghorn", {"recollections", "notes"}, "leghorn"),
    ("bast shoes peasants", {"lenin-and-the-masses"}, "bast"),
    ("KAUTSKY", {"recollections"}, "kautsky"),
    ("Languages Publishing", {""}, "languages"),  # the title page ("" is the site's root)
]  # fmt: skip


# --- The index, without a browser -------------------------------------------------------


def run_search_step(site: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "scripts" / "postbuild.py"), str(site), "--only", "search index"]
    return subprocess.run(command, capture_output=True, text=True)


@pytest.fixture(scope="module")
def searched_site(tmp_path_factory):
    """The site built at BASE (SITE_URL), with its search index: the pages and their links at
    the address a reader's browser has them."""
    # the scripts as the site serves them (minified)
    steps = ("scripts minified", "search index")
    return build_site_into(tmp_path_factory.mktemp("searched"), BASE, steps=steps)


def fragments(site: Path) -> dict[str, dict]:
    """Pagefind's stored pages (gzip'd JSON after a signature), by URL."""
    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])
        found[fragment["url"]] = fragment
    return found


def test_index_holds_every_part_and_note_and_not_the_editions_pages(searched_site, doc):
    stored = fragments(searched_site)
    assert set(stored) == {f"/{slug}/" if slug else "/" for slug in INDEXED}
    indexed = " ".join(fragment["content"] for fragment in stored.values())
    # a join ("ahead—restoration") is two words for the index, a word joiner telling the dialog
    # to show them joined (search_index.py)
    assert "still ahead—\u2060 restoration" in indexed and "ahead—restoration" not in indexed
    text = indexed.replace("\u2060 ", "")
    for note in [*doc.notes, *doc.footnotes]:
        assert note.blocks[0].text[:40] in text
    for word in ("Krupskaya", "Karlstadt", "glass-of-water", "Wrangel"):  # raw: "Wnangel" once
        assert word in text
    assert "Wnangel" not in text and " iand " not in text  # the scan's misreadings stay out


def test_pages_map_is_the_books(searched_site, doc):
    """Every printed page, in order, to the built page that holds its anchor (the book: page 6
    opens with the Preface, 37 is in the Recollections)."""
    pages = json.loads((searched_site / "pagefind" / "pages.json").read_text(encoding="utf-8"))
    assert list(pages) == [str(page) for page in range(6, 94)]  # the book's printed pages, 6 to 93
    for page, url in pages.items():
        assert f'id="page-{page}"' in (searched_site / url / "index.html").read_text(encoding="utf-8")
    assert pages["6"] == "preface/" and pages["37"] == "recollections/"


def test_a_failed_index_leaves_the_last_one_whole(tmp_path, searched_site):
    before = sorted(p.name for p in (searched_site / "pagefind").iterdir())
    unindexable = tmp_path / "site"
    unindexable.mkdir()
    (unindexable / "index.html").write_text("<html><body><p>A page with no printed page.</p></body></html>")
    (unindexable / "pagefind").mkdir()
    (unindexable / "pagefind" / "pagefind.js").write_text("// the last good index")
    result = run_search_step(unindexable)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert f"{unindexable}: no preface/index.html, where printed page 6 begins" in result.stderr
    assert sorted(p.name for p in unindexable.iterdir()) == ["index.html", "pagefind"]  # no staging
    assert (unindexable / "pagefind" / "pagefind.js").read_text() == "// the last good index"
    assert sorted(p.name for p in (searched_site / "pagefind").iterdir()) == before


# --- Where a word stands in the book (the model) ----------------------------------------


def bare(word: str) -> str:
    """'“Lenin’s,' → 'lenin's'; '*' → ''."""
    word = word.lower().replace("’", "'").replace("‘", "'")
    return re.sub(r"^\W+|\W+$", "", word)


def page_at(block, offset: int) -> int:
    page = block.page
    for mark in block.page_marks:
        if mark.offset <= offset:
            page = mark.page
    return page


def book_words(doc) -> dict[str, list[tuple[str, int]]]:
    """Each part's words (bare) with the printed page each begins on; "¶" between paragraphs."""
    words: dict[str, list[tuple[str, int]]] = {}
    for part in doc.parts:
        footnotes = [b for note in doc.footnotes if note.marker_part == part.slug for b in note.blocks]
        blocks = [b for note in doc.notes for b in note.blocks] if part.kind == "notes" else part.blocks
        closing = [block for block in (part.signature, part.date) if block]
        blocks = [*blocks, *closing, *footnotes]  # page-foot notes: at the part's end, on their own pages
        # the part's heading and subtitle are printed on its first page
        heading = f"{part.title} {part.subtitle.text if part.subtitle else ''}"
        sequence = [(bare(word), part.first_page) for word in heading.split() if bare(word)]
        for block in blocks:
            for match in re.finditer(r"\S+", block.text):
                if bare(match.group()):
                    sequence.append((bare(match.group()), page_at(block, match.start())))
            sequence.append(("¶", 0))  # a snippet never runs across paragraphs
        words[part.slug] = sequence
    return words


@pytest.fixture(scope="module")
def words(doc):
    return book_words(doc)


def model_pages(sequence: list[tuple[str, int]], before: list[str], word: str, after: list[str]) -> set[int]:
    """Pages where `word` stands in a part's words, told apart by the most neighbours it shares
    with the snippet on each side (a note marker or a back link in the snippet ends a side)."""
    candidates = [i for i, (text, _) in enumerate(sequence) if text == word]

    def narrow(fits) -> None:
        nonlocal candidates
        for count in range(12, 0, -1):
            kept = [i for i in candidates if fits(i, count)]
            if kept:
                candidates = kept
                return

    narrow(lambda i, n: n <= min(i, len(before)) and [w for w, _ in sequence[i - n : i]] == before[-n:])
    narrow(lambda i, n: n <= len(after) and [w for w, _ in sequence[i + 1 : i + 1 + n]] == after[:n])
    return {sequence[i][1] for i in candidates}


# The site at its own address (built with SITE_URL=BASE), answered from the built folder: its
# canonical links and sitemap name pages only at an address.
BASE = "http://zetkin-recollections.example/"


def serve_site(context, folder: Path) -> list[str]:
    """Answer the context's requests for BASE from `folder`; returns the log of every request."""
    requested: list[str] = []

    def answer(route):
        url = route.request.url
        requested.append(url)
        if not url.startswith(BASE):
            return route.abort()
        target = folder / unquote(urlparse(url).path.lstrip("/"))
        target = target / "index.html" if target.is_dir() else target
        if target.is_file():
            return route.fulfill(path=str(target))
        return route.fulfill(status=404, path=str(folder / "404.html"))

    context.route("**/*", answer)
    return requested


@pytest.fixture(scope="module")
def server(searched_site):
    return BASE


browser = test_browser.browser  # the one Chromium fixture (module-scoped, as there)


def open_page(browser, folder: Path, device: dict):
    context = browser.new_context(**device)
    requested = serve_site(context, folder)
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page, requested


@pytest.fixture
def page(browser, searched_site):
    context, page, _ = open_page(browser, searched_site, DESKTOP)
    page.set_default_timeout(15000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == []


def type_query(page, query: str) -> None:
    """Type a query in the open dialog and wait for its answer, not the last one's still listed:
    the list no longer busy, and a status said."""
    page.locator("dialog.edition-search[open] input").fill(query)
    page.locator(".edition-search [role=listbox]:not([aria-busy])").wait_for(state="attached")
    page.locator(".edition-search__status").filter(has_text=re.compile(r"\w")).wait_for()


def ask(page, query: str, expand: bool = False) -> list[dict]:
    """Open the search with "/", type the query, and read every result listed (with `expand`,
    after asking for the rest of each part: "n more in this part")."""
    page.locator(".edition-search-button").wait_for()  # the search script has run
    page.keyboard.press("/")
    type_query(page, query)
    while expand and page.locator(".edition-search__more").count():
        page.locator(".edition-search__more").first.click()
    return page.evaluate(
        """() => [...document.querySelectorAll('.edition-search [role=option]')].map(o => {
          const snippet = o.querySelector('.edition-search__snippet');
          // the snippet's words as the reader reads them, and which holds the place's first word
          const words = [];
          let mark = -1;
          if (snippet) {
            const here = snippet.querySelector('mark.edition-search__here') || snippet.querySelector('mark');
            let at = -1, text = '';
            for (const node of snippet.childNodes) {
              if (node === here) at = text.length;
              text += node.textContent;
            }
            let offset = 0;
            for (const w of text.split(/(\\s+)/)) {
              if (/\\S/.test(w) && w !== '…') {
                if (mark < 0 && at >= offset && at < offset + w.length) mark = words.length;
                words.push(w);
              }
              offset += w.length;
            }
          }
          return {href: o.getAttribute('href'), more: o.hasAttribute('data-more'),
                  where: (o.querySelector('.edition-search__where') || o).textContent,
                  group: o.closest('[role=group]').getAttribute('aria-label'),
                  marked: snippet ? [...snippet.querySelectorAll('mark')].map(m => m.textContent) : [],
                  words, mark};
        })"""
    )


def part_of(href: str, base: str) -> str:
    return href.removeprefix(base).split("?")[0].split("#")[0].strip("/")


def check_pages_named(words, results: list[dict], base: str) -> list[tuple]:
    """Every hit's "p. N" against the model; returns (part, page named) of each hit."""
    named = []
    for hit in (r for r in results if not r["more"] and "#page-" not in r["href"]):
        slug = part_of(hit["href"], base)
        snippet = [bare(w) for w in hit["words"]]
        keep = [i for i, w in enumerate(snippet) if w]
        at = keep.index(hit["mark"]) if hit["mark"] in keep else None
        assert at is not None, hit
        tokens = [snippet[i] for i in keep]
        if slug not in PARTS:  # the title page: no printed page
            assert not hit["where"].startswith("p."), hit
            continue
        page = int(re.fullmatch(r"p\. (\d+)", hit["where"]).group(1))
        pages = model_pages(words[slug], tokens[:at], tokens[at], tokens[at + 1 :])
        assert pages == {page}, (hit["where"], hit["words"], pages)
        named.append((slug, page))
    return named


@pytest.mark.browser
@pytest.mark.parametrize(("query", "parts", "form"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_query_names_the_page_of_every_hit(page, server, words, query, parts, form):
    test_browser.visit(page, server + "notes/")
    results = ask(page, query, expand=True)
    answered = {part_of(r["href"], server) for r in results if not r["more"]}
    assert parts <= answered, answered
    assert any(form in " ".join(bare(m) for m in r["marked"]) for r in results), form
    named = check_pages_named(words, results, server)
    assert {slug for slug, _ in named} >= parts & set(PARTS)  # a page named in every part of the book
    if query == "bast shoes peasants":  # several words: the place holding all of them first
        assert named[0] == ("lenin-and-the-masses", 87)
    if query == "KAUTSKY":  # the pages: 20 and 24, not the section's first
        assert {20, 24} <= {p for _, p in named}


@pytest.mark.browser
@pytest.mark.parametrize("query", ["p. 37", "page 37"])
def test_page_number_offers_the_printed_page(page, server, doc, query):
    test_browser.visit(page, server + "preface/")
    results = ask(page, query)
    first = results[0]
    assert first["where"] == "p. 37"
    expected = next(p.slug for p in doc.parts for line in p.lines if line.page == 37)
    assert first["href"] == f"{server}{expected}/#page-37"
    with test_browser.lands_on(page, f"/{expected}/#page-37"):
        page.keyboard.press("Enter")  # the first result, with no arrow pressed
    # the address is set before the new page has come: its page label (an empty anchor, never
    # "visible" to Playwright), then a still screen
    page.locator("#page-37").wait_for(state="attached")
    test_browser.settled(page)
    box = page.locator("#page-37").bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]


@pytest.mark.browser
def test_several_hits_in_a_part_then_how_many_more(page, server, words):
    test_browser.visit(page, server)
    results = ask(page, "Lenin's")
    recollections = [r for r in results if r["group"].startswith("My Recollections of Lenin")]
    shown = [r for r in recollections if not r["more"]]
    more = [r for r in recollections if r["more"]]
    assert len(shown) == 3 and len(more) == 1
    rest = int(re.fullmatch(r"(\d+) more in this part", more[0]["where"]).group(1))
    # the book prints "Lenin’s" in this part far more often than three times: all are counted
    prints = sum(1 for word, _ in words["recollections"] if word == "lenin's")
    assert 3 + rest >= prints
    assert all(bare(r["marked"][0]) == "lenin's" for r in shown)  # the form typed comes first
    page.locator(".edition-search__more").first.click()
    group = page.locator('.edition-search [role=group][aria-label^="My Recollections of Lenin"]')
    assert group.locator("a[role=option]").count() == 3 + rest
    active = page.locator("dialog.edition-search input").get_attribute("aria-activedescendant")
    assert active == group.locator("a[role=option]").nth(3).get_attribute("id")  # the keyboard goes on


LANDINGS = [
    ("Xerxes", 0),
    ("KAUTSKY", 1),
    ('"glass of water"', 0),
    ("Inessa", 0),
    ("Lenin's", 2),
    ("bast shoes peasants", 0),
]


def landed(page) -> dict:
    return page.evaluate(
        """() => { const marks = [...document.querySelectorAll('article mark')];
          const m = marks[0]; if (!m) return null; const r = m.getBoundingClientRect();
          return {text: marks.map(x => x.textContent.toLowerCase()).join(' '), top: r.top, bottom: r.bottom,
                  left: r.left, right: r.right, width: innerWidth, height: innerHeight,
                  header: document.querySelector('.md-header').getBoundingClientRect().bottom,
                  paragraph: m.closest('p[id], h1[id], h2[id], li[id]').id,
                  background: getComputedStyle(m).backgroundColor}; }"""
    )


@pytest.mark.browser
@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("how", ["result followed", "address opened"])
def test_a_click_lands_on_the_word_highlighted(browser, searched_site, server, device, how):
    context, page, _ = open_page(browser, searched_site, PHONE if device == "phone" else DESKTOP)
    for query, index in LANDINGS:
        test_browser.visit(page, server + "notes/")
        if device == "phone":
            page.locator(".edition-search-button").tap()
            type_query(page, query)
        else:
            ask(page, query)
        hit = page.locator(".edition-search a[role=option]:visible").nth(index)
        href = hit.get_attribute("href")
        word = hit.locator("mark").first.inner_text().lower()
        paragraph = href.split("#")[1]
        with test_browser.lands_on(page, re.compile(r"#" + paragraph + "$")):
            if how == "result followed":
                hit.tap() if device == "phone" else hit.click()
            else:
                page.goto(href)
        # the words marked (the address is set before the new page has come, and a still screen
        # was taken for the landing under load), then past Material's own scroll to the anchor
        page.locator("article mark.edition-search-hit").first.wait_for()
        test_browser.settled(page)
        seen = landed(page)
        assert seen is not None, (query, href)
        # a link to the paragraph (its #paragraph waited for above; the path here, as the hash
        # may then follow the heading scrolled to: Material's navigation.tracking)
        assert page.evaluate("location.pathname") == urlparse(href).path
        assert word in seen["text"] and seen["paragraph"] == paragraph
        assert seen["header"] <= seen["top"] and seen["bottom"] <= seen["height"], (query, seen)
        assert 0 <= seen["left"] and seen["right"] <= seen["width"]
        assert seen["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    context.close()


# --- Only the book's words ---------------------------------------------------------------


def edition_only_words(doc) -> list[str]:
    """Words of the About page (docs/about.md) that neither the book nor its title page has,
    nor any word of theirs beginning with the same five letters (Pagefind finds prefixes and
    stems: "checked" would find "check")."""
    book = {word for sequence in book_words(doc).values() for word, _ in sequence}
    title_page = [doc.book.title, doc.book.author, *vars(doc.book.metadata).values()]
    book |= {bare(word) for text in title_page for word in text.split()}
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8").split("---", 2)[2]
    words = {word.lower() for word in re.findall(r"[^\W\d_]{7,}", about)}
    return sorted(w for w in words if not any(b.startswith(w[:5]) for b in book))


@pytest.mark.browser
def test_a_word_only_the_editions_pages_have_finds_nothing(page, server, doc):
    words = edition_only_words(doc)
    assert len(words) >= 5 and "emendations" in words  # About's own words, to be asked for
    test_browser.visit(page, server + "about/")
    for word in words:
        results = ask(page, word)
        status = page.locator(".edition-search__status").inner_text()
        assert results == [] and status == f"Nothing found for {word}", (word, status)
        page.locator("dialog.edition-search input").fill("")  # no status left for the next word
        page.keyboard.press("Escape")
    results = ask(page, "Krupskaya")  # a word of the book, asked on the same page, is found
    assert {part_of(r["href"], server) for r in results if not r["more"]} >= {"foreword"}
    assert page.locator(".edition-search [role=option]:visible").first.is_visible()


# --- A word the page's markup breaks in two --------------------------------------------

LETTERS = re.compile(r"[^\W\d_]+")


def word_at(text: str, offset: int) -> tuple[str, int] | None:
    """The word (letters) of `text` that `offset` falls strictly inside, and its start; none
    for a word a dash joins to the next or the one before ("ahead—restoration": Pagefind
    indexes that as one word, a thing of its own)."""
    for match in LETTERS.finditer(text):
        if match.start() < offset < match.end():
            joined = text[match.start() - 1 : match.start()] + text[match.end() : match.end() + 1]
            return None if re.search(r"[-–—]", joined) else (match.group(), match.start())
    return None


def broken_words(doc) -> list[tuple[str, str, int]]:
    """(word, the block's id, its rank among the block's words like it) of every word of the
    book that an element breaks in the HTML: a printed page that begins inside it (its label
    is set after the word), an editor's change that begins or ends inside it."""
    blocks = [
        *(b for part in doc.parts for b in part.blocks),
        *(b for n in [*doc.notes, *doc.footnotes] for b in n.blocks),
    ]
    found = []
    for block in (b for b in blocks if b.anchor):
        edges = [mark.offset for mark in block.page_marks]
        edges += [at for edit in block.edits for at in (edit.span.start, edit.span.end)]
        for word, start in filter(None, (word_at(block.text, at) for at in edges)):
            rank = sum(1 for m in LETTERS.finditer(block.text[:start]) if m.group().lower() == word.lower())
            found.append((word, block.anchor, rank))
    return sorted(set(found))


# For a block: its text, and which of its characters a landing mark covers ("^" or " ").
MARKED_JS = """(id) => { const block = document.getElementById(id); let text = '', marked = '';
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const hit = n.parentElement.closest('mark.edition-search-hit');
    text += n.data; marked += (hit ? '^' : ' ').repeat(n.data.length); }
  const first = document.querySelector('mark.edition-search-hit'), r = first && first.getBoundingClientRect();
  return {text, marked, first: r && {top: r.top, bottom: r.bottom, height: innerHeight,
          header: document.querySelector('.md-header').getBoundingClientRect().bottom}}; }"""


def test_the_book_has_words_broken_by_its_markup(doc):
    words = {word for word, _, _ in broken_words(doc)}
    assert {"responsibility", "personages"} <= words  # a page label's word; a change inside a word


@pytest.mark.browser
def test_a_word_broken_by_the_markup_is_found_and_marked_whole(page, server, doc):
    for word, anchor, rank in broken_words(doc):
        test_browser.visit(page, server + "about/")
        results = ask(page, word, expand=True)
        hits = [r for r in results if not r["more"] and r["href"].endswith("#" + anchor)]
        assert hits, (word, anchor)
        assert any(word.lower() in [bare(m) for m in hit["marked"]] for hit in hits), (
            word,
            hits,
        )  # the snippet's
        page.goto(hits[0]["href"])
        test_browser.settled(page)
        seen = page.evaluate(MARKED_JS, anchor)
        pattern = re.compile(r"(?<![^\W\d_])" + word + r"(?![^\W\d_])", re.I)
        occurrence = list(pattern.finditer(seen["text"]))[rank]
        assert seen["marked"][occurrence.start() : occurrence.end()] == "^" * len(word), (word, anchor)
        first = seen["first"]
        assert first["header"] <= first["top"] and first["bottom"] <= first["height"], (word, first)


@pytest.mark.browser
def test_first_view_fetches_nothing_of_the_search(browser, searched_site, server):
    context, page, requested = open_page(browser, searched_site, DESKTOP)
    for slug in ["", *PARTS]:
        page.goto(server + slug, wait_until="networkidle")
    searching = [url for url in requested if "/pagefind/" in url or re.search(r"/search\.(js|css)$", url)]
    assert requested and not searching  # neither the index nor the dialog's code and style
    ask(page, "Krupskaya")
    opened = ["/pagefind/pagefind.js", "/assets/javascripts/search.js", "/assets/stylesheets/search.css"]
    for fetched in opened:
        assert any(url.endswith(fetched) for url in requested), fetched  # fetched when opened
    context.close()


class HeaderButtons(HTMLParser):
    """The header's children in order (tag and class), the search button's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside the header's <nav>: 1 at its children
        self.children: list[tuple[str, str]] = []
        self.button: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.depth == 0 and "md-header__inner" in (attributes.get("class") or "").split():
            self.depth = 1
            return
        if self.depth == 1:
            self.children.append((tag, attributes.get("class") or ""))
            if "edition-search-button" in (attributes.get("class") or "").split():
                self.button = attributes
        if self.depth and tag not in VOID_TAGS:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID_TAGS:
            self.depth -= 1


VOID_TAGS = {"input", "img", "br", "meta", "link", "source", "hr", "wbr"}


@pytest.mark.parametrize("build", ["mkdocs", "zensical"])
def test_every_page_has_the_search_button_after_the_colour_switch(request, build):
    """The button comes in the page (overrides/main.html), not from the trigger's script: in
    each page of both builds, once, right after the palette's form, named with its keys."""
    site = request.getfixturevalue("searched_site" if build == "mkdocs" else "zensical_site")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= len(INDEXED) + 4  # the parts, the edition's pages, 404
    for path in pages:
        header = HeaderButtons()
        header.feed(path.read_text(encoding="utf-8"))
        classes = [cls for _, cls in header.children]
        palette = next(i for i, cls in enumerate(classes) if "md-header__option" in cls)
        assert "edition-search-button" in classes[palette + 1], (path, classes)
        assert sum("edition-search-button" in cls for cls in classes) == 1, path
        assert header.button["aria-label"] == "Search the book", path
        assert header.button["aria-keyshortcuts"] == "/ Control+K", path


@pytest.mark.browser
def test_the_search_button_shows_when_it_works_in_the_room_kept_for_it(browser, searched_site, server):
    """Without scripts the button would do nothing: not shown. Once the trigger has run it is
    shown, in the header, where its room was before (the header's layout unchanged by it), and
    the colour switch's shown toggle beside it, not under it."""
    boxes = {}
    for scripts in (False, True):
        context = browser.new_context(java_script_enabled=scripts, **PHONE)
        serve_site(context, searched_site)
        page = context.new_page()
        page.goto(server + "recollections/", wait_until="load")
        button = page.locator(".edition-search-button")
        if scripts:
            button.wait_for()  # shown
            toggle = page.locator(".md-header__option label:not([hidden])").bounding_box()
        else:
            assert button.count() == 1 and not button.is_visible()
        boxes[scripts] = button.bounding_box()
        context.close()
    assert boxes[False] == boxes[True]
    shown = boxes[True]
    assert shown["y"] >= 0 and shown["x"] + shown["width"] <= PHONE["viewport"]["width"]
    assert shown["height"] >= 40 and toggle["x"] + toggle["width"] <= shown["x"]  # a tap target


@pytest.mark.browser
def test_keyboard_opens_moves_opens_and_closes(page, server):
    test_browser.visit(page, server + "recollections/")
    page.keyboard.press("Control+k")
    dialog = page.locator("dialog.edition-search")
    assert dialog.evaluate("d => d.open")
    assert page.get_by_role("combobox", name="Search the book").evaluate("e => e === document.activeElement")
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    ask(page, "Wrangel")
    page.keyboard.press("Escape")  # with words typed: a search field's Esc would only clear them
    assert not dialog.evaluate("d => d.open")
    ask(page, "Wrangel")
    options = page.locator(".edition-search [role=option]:visible")
    assert options.count() >= 2
    input_ = page.locator("dialog.edition-search input")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    second = options.nth(1)
    assert input_.get_attribute("aria-activedescendant") == second.get_attribute("id")
    assert second.get_attribute("aria-selected") == "true"
    chosen = second.get_attribute("id")
    type_query(page, "Wrangel")  # the same words typed over: the list and the choice in it stay
    assert input_.get_attribute("aria-activedescendant") == chosen
    target = second.get_attribute("href").split("#")[1]
    with test_browser.lands_on(page, re.compile("#" + target + "$")):
        page.keyboard.press("Enter")
    # the result's page (a page load, or the same page scrolled) with no dialog open
    assert page.locator("dialog.edition-search[open]").count() == 0


@pytest.mark.browser
def test_an_escape_before_the_search_has_come_keeps_it_closed(browser, searched_site, server):
    """On a slow line the search's script comes a while after "/": an Escape meanwhile is the
    reader saying no, and the dialog does not open when the script comes. The next "/" opens it."""
    context, page, _ = open_page(browser, searched_site, DESKTOP)
    # the search's stylesheet loaded: the moment the dialog opens, once asked for (search.js)
    page.add_init_script(
        """document.addEventListener('load', (event) => {
             if (event.target.matches?.('link[href*="search.css"]')) window.searchStyled = true; }, true)"""
    )
    held = []
    page.route("**/assets/javascripts/search.js", lambda route: held.append(route))  # until the Escape
    try:
        test_browser.visit(page, server + "preface/")
        page.locator(".edition-search-button").wait_for()  # the trigger has run
        with page.expect_request("**/assets/javascripts/search.js"):
            page.keyboard.press("/")
        page.keyboard.press("Escape")
        assert len(held) == 1  # the script's request, still unanswered
        held[0].fallback()  # answered now, by the site
        page.wait_for_function("() => window.searchStyled === true")  # in the same task as an open
        assert page.locator("dialog.edition-search[open]").count() == 0
        page.keyboard.press("/")
        page.locator("dialog.edition-search[open] input").wait_for()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_open_search_has_no_accessibility_violation(page, server, scheme):
    if not AXE.exists():
        _missing("axe-core is not installed (npm ci)")
    test_browser.visit(page, server + "foreword/")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    ask(page, "Lenin's")
    page.keyboard.press("ArrowDown")
    test_browser.settled(page)  # Material fades colours over 250 ms: measure after
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document.querySelector('dialog.edition-search'), {runOnly: {type: 'tag',
               values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    problems = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]]
    assert problems == []
    assert result["passes"]  # axe did look at the dialog


@pytest.mark.browser
def test_zensical_build_answers_the_same(browser, zensical_site, words):  # noqa: F811
    context, page, _ = open_page(browser, zensical_site, DESKTOP)
    base = BASE
    try:
        for query, parts, _form in QUERIES:
            test_browser.visit(page, base + "preface/")
            results = ask(page, query)
            assert parts <= {part_of(r["href"], base) for r in results if not r["more"]}, query
            named = check_pages_named(words, results, base)
            assert {slug for slug, _ in named} >= parts & set(PARTS), query
            page.keyboard.press("Escape")
        hit = test_browser.visit(page, base + "notes/")
        assert hit.status == 200
        ask(page, "Xerxes")
        with test_browser.lands_on(page, re.compile(r"/recollections/#p-\d+-\d+$")):
            page.locator(".edition-search a[role=option]").first.click()
        # the words marked (the address comes before the new page), then past the scroll to them
        page.locator("article mark.edition-search-hit").first.wait_for()
        test_browser.settled(page)
        seen = landed(page)
        assert seen["text"] == "xerxes" and seen["header"] <= seen["top"] <= seen["height"]
    finally:
        context.close()


# --- Every word, the hit named, every query word (issue 18) ------------------------------


def text_blocks(doc) -> list[tuple[str, object, int | None]]:
    """(part slug, block, the page search names for it if not its own: a page-foot note's
    marker's) of every block of the book search finds."""
    found = []
    for part in doc.parts:
        if part.kind == "notes":
            found += [(part.slug, b, None) for note in doc.notes for b in note.blocks]
        else:
            closing = [b for b in (part.subtitle, part.signature, part.date) if b]
            found += [(part.slug, b, None) for b in [*part.blocks, *closing]]
    found += [(n.marker_part, b, n.marker_page) for n in doc.footnotes for b in n.blocks]
    return found


def joins(doc) -> list[tuple[str, str, str, str, int, str]]:
    """(part, first half, dash, second half, page, second half and the next word) of every word
    the book joins to the next with a dash or slash and no space ("ahead—restoration"), the page
    the second half stands on."""
    found = []
    for slug, block, page in text_blocks(doc):
        for token in re.finditer(r"\S+", block.text):
            pieces = re.split(r"([—–/])", token.group())
            offset = token.start() + len(pieces[0])
            for k in range(1, len(pieces) - 1, 2):
                dash, before, after = pieces[k], pieces[k - 1], pieces[k + 1]
                offset += len(dash)
                first, second = re.sub(r"^\W+", "", before), bare(after)
                if first and second:
                    following = " ".join(bare(w) for w in block.text[offset:].split()[:2])
                    found.append((slug, first, dash, second, page or page_at(block, offset), following))
                offset += len(after)
    return found


# Options of one part's group whose snippet prints `first` + `dash` right before a marked
# `second`: the joined word as the book prints it, its second half found.
JOINED_HITS_JS = """([group, before, second]) => {
  const found = [];
  for (const o of document.querySelectorAll('.edition-search [role=group]')) {
    if (!o.getAttribute('aria-label').startsWith(group)) continue;
    for (const hit of o.querySelectorAll('a[role=option]')) {
      const snippet = hit.querySelector('.edition-search__snippet');
      let text = '';
      for (const node of snippet.childNodes) {
        if (node.nodeName === 'MARK' && node.textContent.toLowerCase().replace(/’/g, "'") === second
            && /[“‘(]?$/.test(text) && text.replace(/[“‘(]$/, '').endsWith(before)) {
          found.push(hit.querySelector('.edition-search__where').textContent);
        }
        text += node.textContent;
      }
    }
  }
  return found; }"""


def retype(page, query: str) -> None:
    """Type a new query in the open dialog and wait for its answer (the status clears first)."""
    field = page.locator("dialog.edition-search[open] input")
    field.fill("")
    page.locator(".edition-search__status").filter(has_text=re.compile(r"^$")).wait_for(state="attached")
    type_query(page, query)


def test_the_book_joins_words_with_dashes(doc):
    found = joins(doc)
    assert len(found) >= 70  # 74; the issue said "about 85"
    assert ("memorandum-book", "ahead", "—", "restoration") in {f[:4] for f in found}
    assert ("recollections", "Heine", "—", "can") in {f[:4] for f in found}


@pytest.mark.browser
def test_every_joined_words_second_half_finds_its_page(page, server, doc):
    titles = {part.slug: part.title for part in doc.parts}
    asked: dict[tuple[str, str], list] = {}
    for slug, first, dash, second, at, following in joins(doc):
        asked.setdefault((slug, second), []).append((first, dash, at, following))
    test_browser.visit(page, server + "about/")
    ask(page, "Krupskaya")
    for (slug, second), places in sorted(asked.items()):
        # one letter is searched from the second typed: the word and the one after, as a phrase
        query = second if len(second) > 1 else None
        for first, dash, at, following in places:
            retype(page, query or f'"{following}"')
            group = page.locator(f'.edition-search [role=group][aria-label^="{titles[slug]} ·"]')
            more = group.locator(".edition-search__more")
            if more.count():
                more.click()
            where = page.evaluate(JOINED_HITS_JS, [titles[slug] + " ·", first + dash, second])
            assert f"p. {at}" in where, (slug, first + dash + second, at, where)


def word_hits(text: str, word: str) -> list[re.Match]:
    return list(re.finditer(r"(?<![^\W_])" + re.escape(word) + r"(?![^\W_])", text, re.I))


def two_hit_blocks(doc, word: str) -> list[str]:
    return [b.anchor for _, b, _ in text_blocks(doc) if len(word_hits(b.text, word)) == 2]


# Where the reader sees each marked stretch of a block, in the order of the text.
MARKS_JS = """(id) => { const block = document.getElementById(id);
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  return [...block.querySelectorAll('mark.edition-search-hit')].map(m => {
    const r = m.getBoundingClientRect();
    return {text: m.textContent, top: r.top, bottom: r.bottom, header, height: innerHeight}; }); }"""


@pytest.mark.browser
@pytest.mark.parametrize("word", ["hypocrisy", "Reichstag"])
def test_the_second_hit_of_a_paragraph_lands_on_the_second_at_phone_width(
    browser, searched_site, server, doc, word
):
    blocks = two_hit_blocks(doc, word)
    assert blocks, word  # the book prints it twice in one paragraph
    context, page, _ = open_page(browser, searched_site, PHONE)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        for anchor in blocks:
            test_browser.visit(page, server + "notes/")
            page.locator(".edition-search-button").tap()
            type_query(page, word)
            hits = page.locator(f'.edition-search a[role=option][href$="#{anchor}"]')
            assert hits.count() == 2, (word, anchor)  # each place its own result
            with test_browser.lands_on(page, re.compile("#" + anchor + "$")):
                hits.nth(1).tap()
            marks = page.locator(f"#{anchor} mark.edition-search-hit")
            marks.nth(1).wait_for()
            page.wait_for_function(
                """([id, n]) => {
                   const m = document.querySelectorAll('#' + id + ' mark.edition-search-hit')[n];
                   const r = m.getBoundingClientRect();
                   return r.top >= document.querySelector('.md-header').getBoundingClientRect().bottom
                          && r.bottom <= innerHeight; }""",
                arg=[anchor, 1],
            )
            seen = page.evaluate(MARKS_JS, anchor)
            assert [m["text"].lower() for m in seen] == [word.lower()] * 2
            second = seen[1]
            assert second["header"] <= second["top"] and second["bottom"] <= second["height"], (word, seen)
    finally:
        context.close()
    assert errors == []


def closing_blocks(doc) -> list[tuple[str, str, str]]:
    """(part, the block's id, its text) of every piece of text outside a paragraph: the
    signature, the closing dates, the title page's imprint."""
    found = [(p.slug, b.anchor, b.text) for p in doc.parts for b in (p.signature, p.date) if b]
    found.append(("", "imprint-publisher", doc.book.metadata.publisher))
    return found


@pytest.mark.browser
def test_a_closing_date_or_signature_has_a_snippet_and_a_landing(page, server, doc):
    cases = closing_blocks(doc)
    assert {anchor for _, anchor, _ in cases} >= {"preface-signature", "foreword-date", "recollections-date"}
    for _slug, anchor, text in cases:
        test_browser.visit(page, server + "about/")
        query = " ".join(text.split()[:4]).rstrip(",")
        results = ask(page, query, expand=True)
        hit = next((r for r in results if not r["more"] and r["href"].endswith("#" + anchor)), None)
        assert hit is not None, (query, [r["href"] for r in results])
        assert "undefined" not in " ".join(hit["words"]) and hit["marked"], hit
        assert " ".join(hit["words"]).startswith(text.split()[0]), hit
        with test_browser.lands_on(page, re.compile("#" + anchor + "$")):
            page.locator(f'.edition-search a[role=option][href="{hit["href"]}"]').first.click()
        page.wait_for_function(
            """(id) => { const m = document.querySelector('#' + id + ' mark.edition-search-hit');
               if (!m) return false; const r = m.getBoundingClientRect();
               return r.top >= document.querySelector('.md-header').getBoundingClientRect().bottom
                      && r.bottom <= innerHeight; }""",
            arg=anchor,
        )


def phrase_places(doc, first: str, second: str) -> list[tuple[str, str, int]]:
    """(part, block id, page) of each place the two words stand one after the other, the second
    in any of its forms ("collective farm", "collective farmers")."""
    found = []
    for slug, block, page in text_blocks(doc):
        for match in re.finditer(rf"(?i)(?<!\w){first}\W+{second}\w*", block.text):
            found.append((slug, block.anchor, page or page_at(block, match.start())))
    return found


@pytest.mark.browser
@pytest.mark.parametrize(("first", "second"), [("collective", "farm"), ("Heinrich", "Heine")])
def test_several_words_each_place_a_result_every_word_marked(page, server, doc, words, first, second):
    expected = phrase_places(doc, first, second)
    assert len(expected) >= 1
    test_browser.visit(page, server + "about/")
    results = [r for r in ask(page, f"{first} {second}", expand=True) if not r["more"]]
    # the places where they stand as typed come first, one result each, on their pages
    top = results[: len(expected)]
    assert sorted((part_of(r["href"], server), r["href"].split("#")[1], r["where"]) for r in top) == sorted(
        (slug, anchor, f"p. {at}") for slug, anchor, at in expected
    )
    for hit in top:  # both words marked in each snippet
        marked = [bare(m) for m in hit["marked"]]
        assert any(m == first.lower() for m in marked) and any(
            m.startswith(second.lower()) for m in marked
        ), hit
    check_pages_named(words, results, server)
    anchor = top[-1]["href"].split("#")[1]
    with test_browser.lands_on(page, re.compile("#" + anchor + "$")):
        page.locator(f'.edition-search a[role=option][href="{top[-1]["href"]}"]').first.click()
    page.locator(f"#{anchor} mark.edition-search-hit").first.wait_for()
    marked = {word for m in page.evaluate(MARKS_JS, anchor) for word in m["text"].lower().split()}
    assert first.lower() in marked and any(m.startswith(second.lower()) for m in marked), marked


# the landing takes the words out of the address once it has read them, and marks in the same
# step: the address the reader is left with says it is done (CI, loaded, saw the search button
# long before search.js had run)
LANDED = "() => !location.search.includes('hl=')"


@pytest.mark.browser
def test_hostile_links_neither_throw_nor_mark_without_bound(browser, searched_site, server, doc):
    context, page, _ = open_page(browser, searched_site, DESKTOP)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    block = doc.part("recollections").blocks[1]
    try:
        test_browser.visit(page, server + "recollections/?hl=lenin#%E0%A4%A")
        page.wait_for_function(LANDED)  # read (and nothing to mark: the address names no block)
        assert page.locator("mark.edition-search-hit").count() == 0
        repeated = "&".join(["hl=the"] * 500)
        test_browser.visit(page, f"{server}recollections/?{repeated}#{block.anchor}")
        page.locator(f"#{block.anchor} mark.edition-search-hit").first.wait_for()
        # each "the" of the paragraph marked once, not 500 times over
        assert page.locator("mark.edition-search-hit").count() == len(word_hits(block.text, "the"))
        odd = "&".join([f"hl={'x' * 5000}", "hl=%E0%A4%A", "hn=99999", "hn=-3", "hl=(", "hl=[a-"])
        test_browser.visit(page, f"{server}recollections/?{odd}#{block.anchor}")
        page.wait_for_function(LANDED)
        assert page.locator("mark.edition-search-hit").count() == 0
    finally:
        context.close()
    assert errors == []


def words_before_a_note_marker(doc) -> list[tuple[str, str]]:
    """(word, block id) of each word a note's marker follows with no space ("Leghorn³")."""
    found = []
    for _, block, _ in text_blocks(doc):
        for offset, _note in block.markers:
            word = re.search(r"[^\W\d_]{3,}$", block.text[:offset])
            if word:
                found.append((word.group(), block.anchor))
    return found


@pytest.mark.browser
def test_a_word_before_a_note_marker_is_marked_on_landing(page, server, doc):
    cases = words_before_a_note_marker(doc)
    assert ("Leghorn", "p-29-1") in cases
    for word, anchor in cases:
        test_browser.visit(page, server + "about/")
        results = ask(page, word, expand=True)
        hit = next((r for r in results if not r["more"] and r["href"].endswith("#" + anchor)), None)
        assert hit is not None, (word, anchor)
        page.goto(hit["href"])
        page.locator(f"#{anchor} mark.edition-search-hit").first.wait_for()
        seen = page.evaluate(MARKED_JS, anchor)
        before_marker = re.search(rf"(?<![^\W\d_]){word}(?=[\d*])", seen["text"])  # "Leghorn3"
        assert before_marker, (word, seen["text"][:200])
        at = before_marker.start()
        assert seen["marked"][at : at + len(word)] == "^" * len(word), (word, anchor)
