"""The edition in a real browser: Debian's Chromium driven by Playwright.

Without a browser these tests skip with a notice; with REQUIRE_BROWSER=1 (as .ci/run sets)
a missing browser is a failure.
"""

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest
from conftest import CHROME_FLAGS, CHROMIUM, ROOT, missing  # noqa: F401  (imported from here)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "preface/", "foreword/", "recollections/", "memorandum-book/", "lenin-and-the-masses/",
         "notes/", "book/", "about/", "emendations/", "colophon/", "404.html"]  # fmt: skip


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


_missing = missing  # the name the test modules import


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(chromium):
    """The session's one Chromium (conftest), under the name the test modules import; what a
    module's tests left open (a test that failed before closing its context) is closed after
    it, as closing the module's own browser did."""
    yield chromium
    for context in chromium.contexts:
        context.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.mark.browser
def test_every_page_loads_cleanly_and_locally(page, server):
    errors, hosts = [], set()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    for path in PAGES:
        response = page.goto(server + path, wait_until="networkidle")
        assert response.status == 200, path
    assert errors == []
    assert hosts == {urlparse(server).netloc}


def _hover_shows_tooltip(page, selector: str, text: str):
    """Hover a note marker and wait for its note shown in place (reading.js) with the text."""
    marker = page.locator(selector)
    marker.scroll_into_view_if_needed()
    marker.hover()
    tooltip = page.locator(".note-popup").filter(has_text=text)
    tooltip.first.wait_for(state="visible")
    return marker


@pytest.mark.browser
def test_note_marker_tooltip_link_and_way_back(page, server):
    visit(page, server + "recollections/")
    marker = _hover_shows_tooltip(page, "#ref-3", "Leghorn Congress")
    with lands_on(page, "/notes/#note-3"):
        marker.click()
    page.locator("#note-3").wait_for()
    with lands_on(page, "/recollections/#ref-3"):
        page.locator("#note-3-2 a.note-back").click()
    assert page.locator("#ref-3").is_visible()


@pytest.mark.browser
def test_page_footnote_shows_on_hover(page, server):
    visit(page, server + "recollections/")
    _hover_shows_tooltip(page, "#ref-ed1", "Vol. 32")


def in_view(page, selector: str) -> bool:
    """Is the element's whole box, not an empty one, inside the window?"""
    return page.evaluate(
        """sel => { const r = document.querySelector(sel).getBoundingClientRect();
                   return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }""",
        selector,
    )


def settled(page) -> None:
    """Wait until what the reader sees has stopped changing: no animation or transition running
    (Material fades colours over 250 ms, tooltips and buttons in) and the page not scrolling, five
    frames alike. A condition, not a fixed time: on a loaded machine a fixed wait is too short."""
    page.wait_for_function(
        """() => new Promise(done => { let last = null, still = 0;
               const look = () => {
                   const now = `${scrollX},${scrollY}`;
                   const moving = document.getAnimations().some(a => a.playState === 'running');
                   still = !moving && now === last ? still + 1 : 0; last = now;
                   if (still >= 5) done(true); else requestAnimationFrame(look); };
               look(); })"""
    )


def visit(page, url: str):
    """Open `url` as a reader does, and return once what they see stands still: the page
    loaded, its fonts in, nothing moving or scrolling (`settled`). A condition the reader sees,
    not "no request for half a second" (Playwright's networkidle), which waited out 0.5 s on
    every page and said nothing about the fonts or a scroll still to come."""
    response = page.goto(url)
    page.wait_for_function("document.fonts.status === 'loaded'")
    settled(page)
    return response


@contextmanager
def lands_on(page, address: str | re.Pattern) -> Iterator[None]:
    """The action inside the block takes the page to an address ending with `address` (or
    matching the pattern); then the page has loaded and stands still. The address is caught as
    the navigation happens: Material's navigation.tracking rewrites it (to the heading scrolled
    to) a moment later, so a look at the address after the action could miss it on a loaded
    machine, and a wait for it never end."""

    def reached(frame) -> bool:
        if frame != page.main_frame:
            return False
        if isinstance(address, re.Pattern):
            return address.search(frame.url) is not None
        return frame.url.endswith(address)

    with page.expect_event("framenavigated", predicate=reached):
        yield
    page.wait_for_load_state()
    settled(page)


def text_after(page, anchor_id: str, length: int) -> str:
    """The first `length` characters the reader sees after an anchor, to its block's end."""
    return page.evaluate(
        """([id, length]) => { const a = document.getElementById(id);
                   const r = document.createRange(); r.setStartAfter(a);
                   r.setEnd(a.parentElement, a.parentElement.childNodes.length);
                   return r.toString().slice(0, length); }""",
        [anchor_id, length],
    )


@pytest.mark.browser
def test_page_anchor_shows_the_page_first_words(page, server):
    visit(page, server + "recollections/#page-37")  # settled: past the scrolls to the anchor
    assert in_view(page, "#page-37")
    assert text_after(page, "page-37", 40).startswith("“Paul Levi is not a vainglorious")


@pytest.mark.browser
def test_notes_references_and_concordance_land_on_their_pages(page, server):
    visit(page, server + "notes/")
    with lands_on(page, "/recollections/#ref-6"):
        page.locator("#note-6-3 a.note-back").click()  # "p. 37"
    assert in_view(page, "#ref-6")
    visit(page, server + "about/")
    with lands_on(page, "/memorandum-book/#page-53"):
        page.locator(".concordance a", has_text="53").first.click()
    assert in_view(page, "#page-53")


@pytest.mark.browser
def test_dark_palette_toggle_persists(page, server):
    visit(page, server + "preface/")
    before = page.get_attribute("body", "data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    after = page.get_attribute("body", "data-md-color-scheme")
    assert {before, after} == {"default", "slate"}
    visit(page, server + "foreword/")
    assert page.get_attribute("body", "data-md-color-scheme") == after


def lay_out_every_list(page) -> None:
    """The Emendations page's lists all laid out, not only near the screen (tools.css), before axe
    looks: it scrolls to each entry to find the colour behind it, and a list laid out as it comes
    near the screen moves what axe found there (false contrast failures). No-op elsewhere."""
    page.evaluate(
        "document.querySelectorAll('.e-page').forEach(list => list.style.contentVisibility = 'visible')"
    )


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_accessibility_violation(page, server, scheme):
    if not AXE.exists():
        _missing("axe-core is not installed (npm ci)")
    problems = []
    for path in PAGES:
        visit(page, server + path)
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        lay_out_every_list(page)
        settled(page)  # Material fades colours over 250 ms: measure after
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag',
                   values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
        )
        for violation in result["violations"]:
            targets = [node["target"] for node in violation["nodes"][:3]]
            problems.append((path, violation["id"], violation["help"], targets))
    assert problems == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 375])
def test_phone_has_no_horizontal_scroll(browser, server, width):
    # not is_mobile: a mobile viewport widens itself to fit what overflows, hiding the overflow
    context = browser.new_context(viewport={"width": width, "height": 740}, has_touch=True)
    page = context.new_page()
    for path in PAGES:
        visit(page, server + path)
        wider = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
                .map((e) => `${e.tagName}.${e.className} ${e.textContent.slice(0, 30)}`).slice(0, 3)"""
        )
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert (scroll, wider) == (width, []), path
    context.close()


@pytest.mark.browser
def test_page_numbers_stay_out_of_copied_text(page, server):
    visit(page, server + "recollections/")
    copied = page.evaluate(
        """() => { const p = document.getElementById('p-11-2');
                   const range = document.createRange(); range.selectNodeContents(p);
                   const selection = window.getSelection(); selection.removeAllRanges();
                   selection.addRange(range); return selection.toString(); }"""
    )
    assert "the proletarians and working people in general" in copied
    assert "12" not in copied and "¶" not in copied
