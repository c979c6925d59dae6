"""The first view's weight: what each part's first view fetches, and that every font file it
fetches sets letters the reader sees. The site's Literata faces are split by unicode-range
(scripts/subset_fonts.py): a "core" file for what every part sets, a "rest" file fetched only
where a page sets one of its characters."""

import gzip
from urllib.parse import urlparse

import postbuild
import pytest
import subset_fonts
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
