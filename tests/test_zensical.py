"""The same docs/ built with Zensical: every part, page anchor and note link is there."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import postbuild
from conftest import ROOT, joined_extra_css, mkdocs_config
from test_site import SLUGS, parse


def test_every_part_page_anchor_and_note_link(zensical_site):
    pages = {slug: parse(zensical_site / slug / "index.html") for slug in SLUGS}
    anchors = sorted(
        int(ident[5:]) for page in pages.values() for ident in page.ids if re.fullmatch(r"page-\d+", ident)
    )
    assert anchors == list(range(6, 94))
    notes = pages["notes"]
    for number in range(1, 12):
        assert f"note-{number}" in notes.ids
        back = next(href for _, href in notes.links if href.endswith(f"#ref-{number}"))
        part = back.split("/")[-2]
        assert f"ref-{number}" in pages[part].ids
        assert any(href.endswith(f"notes/#note-{number}") for _, href in pages[part].links)
    assert "ed1" in pages["recollections"].ids and "ref-ed2" in pages["recollections"].ids


def test_edition_styles_and_metadata_come_along(zensical_site, doc):
    """What mkdocs.yml and the model say the page has: every stylesheet and script of the
    edition linked and served, the part's title for link previews, every printed page found."""
    config = mkdocs_config()
    page = zensical_site / "recollections" / "index.html"
    head = Head()
    head.feed(page.read_text(encoding="utf-8"))
    scripts = {urljoin("recollections/", href) for href in head.scripts}
    assert set(config["extra_javascript"]) <= scripts, sorted(set(config["extra_javascript"]) - scripts)
    assert all((zensical_site / path).is_file() for path in config["extra_javascript"])
    # the stylesheets as postbuild serves them: one file, mkdocs.yml's extra_css joined in order
    joined = joined_extra_css(zensical_site)
    name = f"assets/stylesheets/{postbuild.joined_stylesheet_name(joined)}"
    assert name in {urljoin("recollections/", href) for href in head.stylesheets}, head.stylesheets
    assert (zensical_site / name).read_text(encoding="utf-8") == joined
    assert head.meta["og:title"] == doc.part("recollections").title
    # the edition's search, not Zensical's: Pagefind's bundle, the page map, Zensical's index empty
    assert (zensical_site / "pagefind" / "pagefind.js").exists()
    pages = json.loads((zensical_site / "pagefind" / "pages.json").read_text(encoding="utf-8"))
    assert list(pages) == [str(number) for number in range(6, 94)]  # the book's printed pages
    for number, url in pages.items():  # each to the Zensical page that holds its anchor
        assert f'id="page-{number}"' in (zensical_site / url / "index.html").read_text(encoding="utf-8")
    assert json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))["items"] == []
    # the dialog's script and stylesheet, fetched by edition.js when the reader opens the search
    assert (zensical_site / "assets/javascripts/search.js").is_file()
    assert (zensical_site / "assets/stylesheets/search.css").is_file()


class Head(HTMLParser):
    """A page's stylesheets, scripts and meta properties."""

    def __init__(self) -> None:
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])
        elif tag == "meta" and attributes.get("property"):
            self.meta[attributes["property"]] = attributes.get("content", "")


def test_the_book_settings_come_from_book_yml(zensical_site):
    """mkdocs.yml names no book: the site's name and navigation are book.yml's."""
    from edition.book import load_book

    book = load_book(ROOT / "source" / "book.yml")
    index = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert f"{book.author}: {book.title}" in index
    for part in book.parts:
        assert part.title in index  # the navigation names every part


def test_the_whole_book_loads_the_stand_in_not_the_themes_script(zensical_site, site):
    """The whole book's front matter asks for no theme script (overrides/main.html): Zensical's
    pages load its bundle and the edition's scripts, its whole book the edition's scripts and
    the stand-in for the theme's, as the MkDocs build's do."""
    config = mkdocs_config()
    for built in (site, zensical_site):
        scripts = {}
        for slug in ("preface", "book"):
            head = Head()
            head.feed((built / slug / "index.html").read_text(encoding="utf-8"))
            scripts[slug] = [urljoin(f"{slug}/", src) for src in head.scripts]
        bundles = [src for src in scripts["preface"] if re.search(r"/bundle\.[0-9a-f]+\.min\.js$", src)]
        assert len(bundles) == 1, (built, scripts["preface"])
        assert scripts["preface"] == [*bundles, *config["extra_javascript"]], built
        assert scripts["book"] == [*config["extra_javascript"], "assets/javascripts/theme_stand_in.js"], built
        assert all((built / src).is_file() for src in scripts["book"]), built
