"""The built site: parts at their URLs in book order, page anchors, notes both ways,
no broken link or anchor, nothing fetched from another host."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

SLUGS = ["preface", "foreword", "recollections", "memorandum-book", "lenin-and-the-masses", "notes"]


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[tuple[str, str]] = []  # (tag, url) of what a reader follows or loads
        self.fetched: list[str] = []  # what the browser loads by itself

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name"):
            if attributes.get(key) and (key == "id" or tag == "a"):
                self.ids.append(attributes[key])
        if tag == "a" and attributes.get("href"):
            self.links.append((tag, attributes["href"]))
        if tag in ("script", "img", "iframe", "source") and attributes.get("src"):
            self.fetched.append(attributes["src"])
        if tag == "link" and attributes.get("rel") in (
            "stylesheet",
            "preload",
            "icon",
            "manifest",
            "preconnect",
        ):
            self.fetched.append(attributes.get("href", ""))


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def pages(site):
    return {path.relative_to(site).as_posix(): parse(path) for path in site.rglob("*.html")}


def test_every_part_at_its_url_in_book_order(site, pages):
    for slug in SLUGS:
        assert f"{slug}/index.html" in pages
    nav = [href for _, href in pages["index.html"].links if href.rstrip("/") in SLUGS]
    order = list(dict.fromkeys(href.rstrip("/") for href in nav))
    assert order[: len(SLUGS)] == SLUGS


def test_every_printed_page_anchor_once(pages):
    anchors = [
        (name, ident)
        for name, page in pages.items()
        for ident in page.ids
        if re.fullmatch(r"page-\d+", ident) and name.split("/")[0] in SLUGS
    ]
    numbers = sorted(int(ident[5:]) for _, ident in anchors)
    assert numbers == list(range(6, 94))
    assert ("recollections/index.html", "page-37") in anchors


def test_notes_reachable_from_markers_and_back(pages):
    notes = pages["notes/index.html"]
    for number in range(1, 12):
        assert f"note-{number}" in notes.ids
        back = [href for _, href in notes.links if href.endswith(f"#ref-{number}")]
        assert len(back) == 1
        part = back[0].split("/")[-2]
        marker_page = pages[f"{part}/index.html"]
        assert f"ref-{number}" in marker_page.ids
        assert any(href.endswith(f"notes/#note-{number}") for _, href in marker_page.links)
    recollections = pages["recollections/index.html"]
    for note in ("ed1", "ed2"):  # page-foot notes: marker "*" and note on the same page
        assert note in recollections.ids and f"ref-{note}" in recollections.ids
        assert ("a", f"#{note}") in recollections.links and ("a", f"#ref-{note}") in recollections.links


def test_preface_links_to_the_parts(pages):
    hrefs = {href for _, href in pages["preface/index.html"].links}
    for slug in ("foreword", "recollections", "memorandum-book", "lenin-and-the-masses"):
        assert f"../{slug}/" in hrefs


def test_no_broken_internal_link_or_anchor(site, pages):
    broken = []
    for name, page in pages.items():
        base = f"http://local/{name}"
        for _, href in page.links:
            url = urlparse(urljoin(base, href))
            if url.scheme in ("mailto", "data", "javascript") or url.netloc not in ("local", ""):
                continue
            target = unquote(url.path).lstrip("/")
            target = target + "index.html" if target.endswith("/") or target == "" else target
            if not (site / target).exists():
                broken.append((name, href))
            elif (
                url.fragment
                and target.endswith(".html")
                and url.fragment not in pages.get(target, Page()).ids
            ):
                broken.append((name, href))
    assert broken == []


def test_no_third_party_url_is_loaded_or_linked(site, pages):
    for name, page in pages.items():
        for url in [*page.fetched, *(href for _, href in page.links)]:
            host = urlparse(url).netloc
            assert host == "", (name, url)
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert urlparse(url).scheme in ("", "data"), (css, url)
        assert "@import" not in css.read_text(encoding="utf-8") or "http" not in css.read_text(
            encoding="utf-8"
        )


def test_page_numbers_are_not_text(site):
    html = (site / "recollections" / "index.html").read_text(encoding="utf-8")
    anchor = re.search(r'<a ([^>]*\bid="page-37"[^>]*)>(.*?)</a>', html)
    assert anchor and anchor.group(2) == ""  # the number is drawn by CSS: not copied, not indexed
    assert 'class="pagenum"' in anchor.group(1) and 'data-page="37"' in anchor.group(1)
    assert 'aria-hidden="true"' in anchor.group(1)  # and not read out in the middle of the prose


def test_every_page_has_description_and_open_graph(pages, site):
    for name in [f"{slug}/index.html" for slug in SLUGS] + ["index.html", "about/index.html"]:
        html = (site / name).read_text(encoding="utf-8")
        assert '<html lang="en"' in html
        assert re.search(r'<meta name="description" content="[^"]+"', html), name
        # no address claimed without SITE_URL (an address: tests/test_world.py)
        assert 'property="og:title"' in html and 'property="og:url"' not in html


def test_404_and_sitemap(site):
    assert (site / "404.html").exists()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    # without SITE_URL no page has an address to list (with one: tests/test_world.py)
    assert "<urlset" in sitemap and "<loc>" not in sitemap


def test_every_page_has_the_editions_own_small_icon(site):
    """The tab shows the header's book (an SVG of a few hundred bytes), not Material's logo PNG
    that every first view used to fetch (1.9 KB)."""
    icon = site / "assets" / "images" / "favicon.svg"
    assert icon.stat().st_size < 1000 and "<path" in icon.read_text(encoding="utf-8")
    pages = sorted(site.rglob("index.html"))
    assert len(pages) >= 11
    for page in pages:
        links = re.findall(r'<link rel="icon" href="([^"]+)"', page.read_text(encoding="utf-8"))
        assert len(links) == 1, page
        assert (page.parent / links[0]).resolve() == icon.resolve(), (page, links)
