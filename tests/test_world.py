"""The edition out in the world: the address it claims comes from SITE_URL alone, a citation
copied in the browser opens its paragraph, and reference managers read each part's facts.

Expected values come from book.yml and the model (the `doc` fixture): the parts' titles and
printed pages, the book's author, title, publisher and year. Structured data is read back as
crawlers read it (extruct for JSON-LD and Open Graph; the citation_* meta tags by an HTML parser).
"""

from __future__ import annotations

import datetime
import functools
import http.server
import json
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import extruct
import pytest
import test_browser
from conftest import build_site_into
from test_browser import QuietHandler

browser = test_browser.browser  # the one Chromium fixture

ADDRESS_KEYS = ("url", "@id", "sameAs")


class Head(HTMLParser):
    """A page's <link rel=canonical>, <meta> tags and the tools data, as a parser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.canonical: list[str] = []
        self.meta: dict[str, list[str]] = {}
        self.tools = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "canonical":
            self.canonical.append(attributes.get("href", ""))
        if tag == "meta" and (attributes.get("name") or attributes.get("property")):
            name = attributes.get("name") or attributes.get("property")
            self.meta.setdefault(name, []).append(attributes.get("content", ""))
        if tag == "div" and attributes.get("id") == "edition-tools":
            self.tools = attributes.get("data-tools", "")


def head(path: Path) -> Head:
    parsed = Head()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def strings(value: object, key: str = "") -> list[tuple[str, str]]:
    """Every (key, string) inside a JSON value."""
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in strings(v, k)]
    if isinstance(value, list):
        return [pair for item in value for pair in strings(item, key)]
    return [(key, value)] if isinstance(value, str) else []


def structured(path: Path, url: str) -> dict:
    return extruct.extract(
        path.read_text(encoding="utf-8"), base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True
    )


def entity(data: dict) -> dict:
    """The page's schema.org entity: the WebPage's mainEntity."""
    (page,) = [item for item in data["json-ld"] if item.get("@type") == "WebPage"]
    return page["mainEntity"]


# ---- without SITE_URL ----------------------------------------------------------------------


def test_without_an_address_no_page_claims_one(site, doc):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 12
    for path in pages:
        page = head(path)
        assert page.canonical == [], path
        for name in ("og:url", "citation_public_url", "citation_abstract_html_url"):
            assert name not in page.meta, (path, name)
        data = structured(path, "http://reader.invalid/")
        for item in data["json-ld"]:
            addresses = [(k, v) for k, v in strings(item) if "://" in v and k != "@context"]
            assert addresses == [], (path, addresses)
        assert "://" not in page.tools, path  # the citations' facts: "Cite" adds the address
    assert "<loc>" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    # About's "How to cite" names no host either
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    how_to_cite = about[about.index('id="how-to-cite"') :]
    assert "://" not in how_to_cite.split("<h2")[0]
    assert doc.book.catalogue.year_text in how_to_cite


# ---- with SITE_URL, served there -----------------------------------------------------------


@pytest.fixture(scope="module")
def addressed(tmp_path_factory):
    """The site built with SITE_URL=http://127.0.0.1:PORT/ and served at that address."""
    folder = tmp_path_factory.mktemp("addressed")
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # the port, before the build
    address = f"http://127.0.0.1:{httpd.server_address[1]}/"
    build_site_into(folder, address, steps=())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield folder, address
    httpd.shutdown()
    httpd.server_close()


def test_an_address_names_every_page(addressed, doc):
    folder, address = addressed
    sitemap = (folder / "sitemap.xml").read_text(encoding="utf-8")
    for slug in [part.slug for part in doc.parts] + ["about", "emendations"]:
        url = f"{address}{slug}/"
        page = head(folder / slug / "index.html")
        assert page.canonical == [url] and page.meta["og:url"] == [url]
        assert f"<loc>{url}</loc>" in sitemap
    assert f"<loc>{address}</loc>" in sitemap


def test_each_part_tells_reference_managers_its_book_and_printed_pages(addressed, doc):
    folder, address = addressed
    book, catalogue = doc.book, doc.book.catalogue
    starts = [part.first_page for part in doc.parts]
    for index, part in enumerate(doc.parts):
        url = f"{address}{part.slug}/"
        path = folder / part.slug / "index.html"
        first, last = part.first_page, max(line.page for line in part.lines)
        if index + 1 < len(doc.parts):  # it ends where the next part begins, or the page before
            assert last in (starts[index + 1] - 1, starts[index + 1]), part.slug
        tags = head(path).meta
        assert tags["citation_title"] == [part.title] and tags["citation_inbook_title"] == [book.title]
        assert tags["citation_author"] == [book.author]
        assert tags["citation_publisher"] == [catalogue.publisher]
        assert tags["citation_date"] == [catalogue.year_text]
        assert tags["citation_firstpage"] == [str(first)] and tags["citation_lastpage"] == [str(last)]
        assert tags["citation_language"] == [book.language]
        assert tags["citation_public_url"] == [url]
        data = structured(path, url)
        chapter = entity(data)
        assert chapter["@type"] == "Chapter" and chapter["name"] == part.title
        assert (chapter["pageStart"], chapter["pageEnd"]) == (first, last)
        assert chapter["pagination"] == (f"{first}-{last}" if last != first else str(first))
        assert chapter["author"]["name"] == book.author and chapter["inLanguage"] == "en"
        assert chapter["publisher"]["name"] == catalogue.publisher
        whole = chapter["isPartOf"]
        assert whole["@type"] == "Book" and whole["name"] == book.title
        assert whole["author"]["name"] == book.author
        publisher = {"@type": "Organization", "name": catalogue.publisher, "location": catalogue.place}
        assert whole["publisher"] == publisher
        # a date only when the book gives one (book.yml: it gives none, "n.d.")
        assert whole.get("datePublished") == (str(catalogue.year) if catalogue.year else None)
        page = [item for item in data["json-ld"] if item.get("@type") == "WebPage"][0]
        assert page["url"] == url
        assert data["opengraph"][0]["og:title"] == part.title and data["opengraph"][0]["og:url"] == url


def test_the_title_page_describes_the_book(addressed, doc):
    folder, address = addressed
    book = doc.book
    tags = head(folder / "index.html").meta
    assert tags["citation_title"] == [book.title] and "citation_inbook_title" not in tags
    assert "citation_firstpage" not in tags and tags["citation_author"] == [book.author]
    the_book = entity(structured(folder / "index.html", address))
    assert the_book["@type"] == "Book" and the_book["name"] == book.title
    assert the_book["publisher"]["name"] == book.catalogue.publisher


def test_json_ld_is_safe_inside_its_script(addressed):
    """The JSON-LD is written with <, > and & escaped, so no value can end its <script>."""
    folder, _ = addressed
    html = (folder / "recollections" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1 and json.loads(scripts[0])["mainEntity"]["name"] == "My Recollections of Lenin"
    assert not re.search(r"[<>&]", scripts[0])


def days_around_now() -> set[str]:
    """Today as a citation writes it ("5 December 2026"), and the next day (a test run at midnight)."""
    today = datetime.date.today()
    return {f"{day.day} {day:%B %Y}" for day in (today, today + datetime.timedelta(days=1))}


@pytest.mark.browser
def test_a_copied_citation_opens_its_paragraph_at_the_configured_address(browser, addressed, doc):
    _, address = addressed
    part = doc.part("memorandum-book")
    # a paragraph on one printed page, far down the part: opening it must scroll
    paragraphs = [b for b in part.blocks if b.kind == "paragraph" and not b.page_marks]
    block = paragraphs[len(paragraphs) * 2 // 3]
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    reader = context.new_page()
    reader.set_default_timeout(15000)
    test_browser.visit(reader, f"{address}{part.slug}/")
    # as a reader: scroll to the paragraph, point at it, press its "Cite"
    reader.locator(f"#{block.anchor}").scroll_into_view_if_needed()
    reader.locator(f"#{block.anchor}").hover()
    reader.locator("button.cite-button").click()
    reader.wait_for_function("document.querySelector('.cite-status').textContent.includes('copied')")
    copied = reader.evaluate("navigator.clipboard.readText()")
    found = re.search(r", (\S+) \(accessed ([^)]+)\)\.$", copied)
    assert found, copied
    permalink, accessed = found.groups()
    assert permalink == f"{address}{part.slug}/#{block.anchor}"
    assert accessed in days_around_now()
    catalogue = doc.book.catalogue
    assert f"({catalogue.place}: {catalogue.publisher}, {catalogue.year_text}), p. {block.page}" in copied
    # the copied link, opened afresh: the paragraph in view
    opened = context.new_page()
    test_browser.visit(opened, permalink)
    opened.wait_for_function(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }""",
        arg=block.anchor,
    )
    assert test_browser.in_view(opened, f"#{block.anchor}")
    context.close()
