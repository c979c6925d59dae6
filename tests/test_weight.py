"""The first view's weight: what each part's first view fetches, and that every font file it
fetches sets letters the reader sees. The site's Literata faces are split by unicode-range
(scripts/subset_fonts.py): a "core" file for what every part sets, a "rest" file fetched only
where a page sets one of its characters."""

import gzip
import re
from pathlib import Path
from urllib.parse import urlparse

import material
import postbuild
import pytest
import subset_fonts
from conftest import joined_extra_css, mkdocs_config
from fontTools.ttLib import TTFont
from test_browser import browser, server  # noqa: F401  (the fixtures)

# Which Literata face a text node's computed style is set in, and what it covers; the fonts
# fetched, with their unicode-range, and the Literata faces document.fonts says are loaded.
FACES_JS = """() => {
  const face = (cs) => [cs.fontStyle === 'normal' ? 'normal' : 'italic',
                        parseInt(cs.fontWeight, 10) >= 600 ? '700' : '400'];
  const used = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    if (!node.textContent.trim() || !element.getClientRects().length) continue;
    const cs = getComputedStyle(element);
    if (cs.visibility !== 'visible' || !cs.fontFamily.replace(/"/g, '').startsWith('Literata')) continue;
    used.push([...face(cs), node.textContent]);
  }
  const loaded = [...document.fonts]
    .filter(f => f.family.replace(/"/g, '') === 'Literata' && f.status === 'loaded')
    .map(f => [f.style, String(f.weight), f.unicodeRange]);
  return {used, loaded};
}"""


def codepoints(unicode_range: str) -> set[int]:
    """A CSS unicode-range as the set it names, e.g. "U+41-43, U+E9" → {0x41, 0x42, 0x43, 0xE9}."""
    found: set[int] = set()
    for run in unicode_range.replace("u+", "U+").split(","):
        first, _, last = run.strip().removeprefix("U+").partition("-")
        found.update(range(int(first, 16), int(last or first, 16) + 1))
    return found


def part_text(doc, part) -> str:
    blocks = [b for note in doc.notes for b in note.blocks] if part.kind == "notes" else part.blocks
    return "\n".join(block.text for block in blocks)


def test_the_split_files_are_what_the_full_faces_give():
    assert subset_fonts.main(["--check"]) == 0


@pytest.mark.parametrize("style, weight", subset_fonts.FACES)
def test_core_and_rest_together_cover_the_full_face_exactly(style, weight):
    stem = subset_fonts.face_name(style, weight)
    full = set(TTFont(subset_fonts.FONTS / f"{stem}.woff2").getBestCmap())
    core = set(TTFont(subset_fonts.WEB / f"{stem}-core.woff2").getBestCmap())
    rest = set(TTFont(subset_fonts.WEB / f"{stem}-rest.woff2").getBestCmap())
    # the core also draws tab, line feed and carriage return with the space's glyph
    assert core | rest == full | subset_fonts.SPACES
    assert not core & rest
    assert core == (full & subset_fonts.CORE) | subset_fonts.SPACES


def test_the_site_ships_no_file_of_materials_own_search(site):
    # the edition searches with Pagefind; Material's lunr and its worker are dead weight
    shipped = [
        p.relative_to(site).as_posix() for p in (site / "assets" / "javascripts").rglob("*") if p.is_file()
    ]
    assert shipped and not [name for name in shipped if "lunr" in name or "workers/" in name], shipped


@pytest.mark.browser
def test_each_parts_first_view_fetches_only_what_it_shows(browser, server, doc):  # noqa: F811
    full = set(TTFont(subset_fonts.FONTS / "literata-latin-400-normal.woff2").getBestCmap())
    host = urlparse(server).netloc
    for part in doc.parts:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request, urls=requests: urls.append(request.url))
        page.goto(server + part.slug + "/", wait_until="load")
        page.evaluate("document.fonts.ready")  # the fonts are asked for once laid out
        page.wait_for_load_state("networkidle")
        faces = page.evaluate(FACES_JS)
        context.close()
        paths = [urlparse(url).path for url in requests]
        assert all(urlparse(url).netloc == host for url in requests), (part.slug, requests)
        searching = [p for p in paths if p.startswith("/pagefind/") or "/lunr/" in p or "/workers/" in p]
        assert not searching, (part.slug, searching)
        fonts = [p for p in paths if p.endswith(".woff2")]
        assert fonts and len(fonts) == len(set(fonts)) == len(faces["loaded"]), (part.slug, fonts)
        for style, weight, unicode_range in faces["loaded"]:
            covered = codepoints(unicode_range)
            shown = [text for s, w, text in faces["used"] if (s, w) == (style, weight)]
            assert any(covered & {ord(c) for c in text} for text in shown), (part.slug, style, weight)
        # the rest of a face comes only for a part whose text sets one of its characters
        rest_in_text = {ord(c) for c in part_text(doc, part)} & full - subset_fonts.CORE
        rest_fetched = [p for p in fonts if p.endswith("-rest.woff2")]
        assert bool(rest_fetched) == bool(rest_in_text), (
            part.slug,
            sorted(map(chr, rest_in_text)),
            rest_fetched,
        )


# every rule of a stylesheet as Chromium parses it (a constructed sheet: no page needed)
RULES_JS = """(css) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
  return [...sheet.cssRules].map(rule => rule.cssText); }"""


@pytest.mark.browser
def test_the_sites_stylesheets_are_the_sources_rules_without_the_comments(browser, site):  # noqa: F811
    """postbuild's "stylesheet comments" step: the reader fetches no comment, and Chromium reads
    every rule of each source file, unchanged, from the file the site serves."""
    page = browser.new_page()
    sources = sorted(postbuild.OWN_STYLESHEETS.glob("*.css"))
    assert len(sources) >= 5
    saved = 0
    for source in sources:
        original = source.read_text(encoding="utf-8")
        served = (site / "assets" / "stylesheets" / source.name).read_text(encoding="utf-8")
        assert "/*" not in served.replace('"/*', ""), source.name
        rules = page.evaluate(RULES_JS, original)
        assert len(rules) > 3 and page.evaluate(RULES_JS, served) == rules, source.name
        saved += len(gzip.compress(original.encode())) - len(gzip.compress(served.encode()))
    assert saved > 2000  # bytes (gzip) that every first view no longer fetches
    page.close()


def test_the_sites_scripts_are_the_sources_minified_and_the_trigger_a_few_hundred_bytes(site):
    """postbuild's "scripts minified" step: each of the edition's scripts served without its
    comments and long names (the browser tests run them as served), every first view fetching
    less; the search's trigger, the one piece of the search in every page, a few hundred bytes."""
    sources = sorted(postbuild.OWN_SCRIPTS.glob("*.js"))
    assert {"page.js", "edition.js", "search.js"} <= {source.name for source in sources}
    served = {source.name: (site / "assets" / "javascripts" / source.name).read_bytes() for source in sources}
    for source in sources:
        original = source.read_bytes()
        assert b"\n//" not in b"\n" + served[source.name], source.name  # no comment line
        assert len(gzip.compress(served[source.name])) < 0.8 * len(gzip.compress(original)), source.name
    # an edition's own name stays whole: a property the page's scripts share, a class they set
    assert b"window.edition" in served["page.js"] + served["edition.js"]
    assert b"edition-search-button" in served["edition.js"]
    assert len(gzip.compress(served["edition.js"], 9)) <= 500  # 877 B with only comments out


# ---- the edition's stylesheets, one file (postbuild's "own stylesheets joined" step) ------
OWN_LINKS = re.compile(r'<link rel="stylesheet" href="[^"]*assets/stylesheets/([^"/]+)">')


def test_every_page_links_the_edition_stylesheets_as_one_file_in_their_order(site):
    """One request for the edition's stylesheets before a page paints: each page links one file,
    after the theme's, that is mkdocs.yml's extra_css files as the site serves them, in that
    order (the cascade unchanged)."""
    wanted = [Path(path).name for path in mkdocs_config()["extra_css"]]
    assert len(wanted) >= 4
    folder = site / "assets" / "stylesheets"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 10
    expected = joined_extra_css(site)
    for page in pages:
        linked = OWN_LINKS.findall(page.read_text(encoding="utf-8"))
        theme = [name for name in linked if name.endswith(".min.css")]
        own = linked[len(theme) :]
        assert linked[: len(theme)] == theme and len(theme) >= 1, page
        assert len(own) == 1 and not set(own) & set(wanted), (page, own)
        joined = (folder / own[0]).read_text(encoding="utf-8")
        assert joined == expected


# ---- the theme's stylesheets, purged (postbuild's "theme stylesheets" step) --------------

THEME_ASSETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
PAGES = ["", "preface/", "recollections/", "notes/", "book/", "about/", "emendations/", "colophon/"]

# Every selector of a stylesheet (the rules inside @media too, each selector of a list apart) as
# Chromium parses it; and those that pick an element of the page as it stands, with pseudo-
# elements and state pseudo-classes (:hover, :checked …) left out: a selector that would match
# once the reader hovers, checks or focuses something counts as matching now.
SELECTORS_JS = """(css) => {
  const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
  const split = (text) => { const parts = []; let depth = 0, start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '(' || c === '[') depth++; else if (c === ')' || c === ']') depth--;
      else if (c === ',' && depth === 0) { parts.push(text.slice(start, i).trim()); start = i + 1; }
    }
    return parts.concat(text.slice(start).trim()); };
  const all = [];
  const walk = (rules) => { for (const rule of rules) {
    if (rule.selectorText) all.push(...split(rule.selectorText));
    if (rule.cssRules) walk(rule.cssRules); } };
  walk(sheet.cssRules);
  const matching = all.filter((selector) => {
    const bare = selector.replace(/::?[\\w-]+(?!\\()/g, '').replace(/([>+~]\\s*)$/, '$1*') || '*';
    try { return document.querySelector(bare) !== null; } catch { return false; }
  });
  return {all, matching};
}"""


def theme_sheets(site: Path) -> dict[str, tuple[Path, Path]]:
    """Each theme stylesheet the pages link: its name (`main`, `palette`) → the file the site
    serves and the theme's full file."""
    served = postbuild.theme_stylesheets(site)
    found = {}
    for path in served:
        name = postbuild.THEME_STYLESHEET.match(path.name)["name"]
        (full,) = THEME_ASSETS.glob(f"{name}.*.min.css")
        found[name] = (path, full)
    return found


def test_the_theme_stylesheets_are_purged_and_renamed(site):
    """What every first view fetches of the theme's stylesheets: under 60 % of the full files
    (gzip; 12 KB of Material's 22.7 KB), each under a name of its own content's hash, linked by
    every page."""
    sheets = theme_sheets(site)
    assert set(sheets) == {"main", "palette"}
    pages = [path.read_text(encoding="utf-8") for path in site.rglob("*.html")]
    for served, full in sheets.values():
        css = served.read_bytes()
        assert len(gzip.compress(css)) < 0.6 * len(gzip.compress(full.read_bytes())), served.name
        assert served.name == postbuild.hashed_name(full, css.decode())
        assert not served.with_name(served.name + ".map").exists()
        assert all(f'stylesheets/{served.name}"' in html and full.name not in html for html in pages)


@pytest.mark.browser
def test_every_theme_rule_a_page_uses_is_kept(browser, server, site):  # noqa: F811
    """Each selector of the theme's full stylesheets that picks an element of a page (in both
    palettes, at a phone's width with the navigation drawn out, at a desktop's scrolled up, a
    tooltip shown) is in the stylesheet the site serves."""
    sheets = theme_sheets(site)
    full_css = {name: full.read_text(encoding="utf-8") for name, (_, full) in sheets.items()}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    kept = {name: set(page.evaluate(SELECTORS_JS, served.read_text(encoding="utf-8"))["all"])
            for name, (served, _) in sheets.items()}  # fmt: skip
    missing: set[tuple[str, str, str]] = set()

    def check(where: str) -> None:
        for name, css in full_css.items():
            used = page.evaluate(SELECTORS_JS, css)["matching"]
            missing.update((where, name, selector) for selector in used if selector not in kept[name])

    for slug in PAGES:
        page.goto(server + slug, wait_until="load")
        # the theme's script has run (its `js` class), or the page loads none (the whole book)
        page.wait_for_function(
            """() => document.documentElement.classList.contains('js')
                     || !document.querySelector('script[src*=bundle]')"""
        )
        check(slug or "/")
    page.mouse.wheel(0, 3000)  # the colophon, scrolled and back a little: the header's
    page.mouse.wheel(0, -400)  # shadow, the back-to-top button
    page.locator(".md-top").wait_for(state="visible")
    page.hover(".md-header [data-md-component=palette] label:visible")
    page.locator(".md-tooltip2--active, .md-tooltip--active").first.wait_for(state="attached")
    check("colophon scrolled, a tooltip")
    page.click(".md-header [data-md-component=palette] label:visible")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    check("dark palette")
    page.set_viewport_size({"width": 375, "height": 800})
    page.click(".md-header label[for=__drawer]")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    check("375 px, the drawer out")
    context.close()
    assert not sorted(missing), sorted(missing)[:20]
