"""The site's font files against what the pages ask of them: every OpenType feature the
edition's stylesheets request (font-variant, font-feature-settings) is in the files of the face
the rule sets, for every character the full face changes with it, and nothing else beyond what
the shaper applies unasked; every character the pages and the edition's scripts set is drawn by
Literata (scripts/subset_fonts.py makes the files; tests/test_weight.py checks the split)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import subset_fonts
import tinycss2
from conftest import ROOT
from fontTools.ttLib import TTFont

STYLESHEETS = ROOT / "overrides" / "assets" / "stylesheets"
SCRIPTS = ROOT / "overrides" / "assets" / "javascripts"
# the font files' own stylesheets declare faces, they ask for no feature
FACE_DECLARATIONS = {"fonts.css", "fonts-web.css"}

# CSS keywords (font-variant and its longhands) → the OpenType features they switch on
KEYWORD_FEATURES = {
    "small-caps": {"smcp"},
    "all-small-caps": {"smcp", "c2sc"},
    "petite-caps": {"pcap"},
    "all-petite-caps": {"pcap", "c2pc"},
    "unicase": {"unic"},
    "titling-caps": {"titl"},
    "lining-nums": {"lnum"},
    "oldstyle-nums": {"onum"},
    "proportional-nums": {"pnum"},
    "tabular-nums": {"tnum"},
    "diagonal-fractions": {"frac"},
    "stacked-fractions": {"afrc"},
    "ordinal": {"ordn"},
    "slashed-zero": {"zero"},
    "discretionary-ligatures": {"dlig"},
    "historical-ligatures": {"hlig"},
    "sub": {"subs"},
    "super": {"sups"},
}
VARIANT_PROPERTIES = {
    "font",
    "font-variant",
    "font-variant-caps",
    "font-variant-numeric",
    "font-variant-ligatures",
    "font-variant-position",
}
# characters a page sets that Literata has no glyph for, each set in the fallback on purpose
FALLBACK = {
    "\u2666": "♦, a sign of the scan the Emendations page quotes as the scan prints it",
}


def features_asked(declarations: dict[str, str]) -> set[str]:
    """The features a rule's declarations switch on, e.g. {"font-variant": "small-caps"} →
    {"smcp"}; {"font-feature-settings": '"onum" 1, "liga" 0'} → {"onum"}."""
    asked: set[str] = set()
    for name in VARIANT_PROPERTIES & declarations.keys():
        for keyword in declarations[name].split():
            asked |= KEYWORD_FEATURES.get(keyword, set())
    settings = declarations.get("font-feature-settings", "normal")
    for tag, value in re.findall(r"""["'](\w{4})["']\s*(\w+)?""", settings):
        if value not in ("0", "off"):
            asked.add(tag)
    return asked


def faces_of(declarations: dict[str, str]) -> set[tuple[str, int]]:
    """The Literata faces a rule's text is set in: its own style and weight, or, where it sets
    none, every face it may inherit; none for a rule that sets another family, e.g.
    {"font-weight": "600"} → {("normal", 700), ("italic", 700)}."""
    family = declarations.get("font-family", "literata")
    first = family.split(",")[0].strip().strip("\"'")
    if first not in ("literata", "var(--edition-serif)"):
        return set()
    style = declarations.get("font-style")
    styles = {"italic" if style in ("italic", "oblique") else "normal"} if style else {"normal", "italic"}
    weight = declarations.get("font-weight")
    if weight is None:
        weights = {400, 700}
    else:
        bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
        weights = {700 if bold else 400}
    return {(s, w) for s in styles for w in weights}


def style_rules(rules: list) -> list[tuple[str, dict[str, str]]]:
    """Every style rule as (selector, {property: value}), those inside @media and @supports
    too, values lower-cased and without comments."""
    found = []
    for rule in rules:
        if rule.type == "qualified-rule":
            declarations = {
                d.lower_name: tinycss2.serialize(d.value).strip().lower()
                for d in tinycss2.parse_declaration_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                if d.type == "declaration"
            }
            found.append((tinycss2.serialize(rule.prelude).strip(), declarations))
        elif (
            rule.type == "at-rule"
            and rule.content is not None
            and rule.lower_at_keyword in ("media", "supports")
        ):
            found += style_rules(
                tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            )
    return found


def stylesheet_requests() -> list[tuple[str, str, tuple[str, int], str]]:
    """Each (stylesheet, selector, face, feature) the edition's stylesheets ask for."""
    requests = []
    for sheet in sorted(STYLESHEETS.glob("*.css")):
        if sheet.name in FACE_DECLARATIONS:
            continue
        rules = tinycss2.parse_stylesheet(
            sheet.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True
        )
        for selector, declarations in style_rules(rules):
            for feature in sorted(features_asked(declarations)):
                for face in sorted(faces_of(declarations)):
                    requests.append((sheet.name, selector, face, feature))
    return requests


def feature_tags(font: TTFont) -> set[str]:
    return {
        record.FeatureTag
        for table in ("GSUB", "GPOS")
        if table in font
        for record in font[table].table.FeatureList.FeatureRecord
    }


def changed_characters(font: TTFont, tag: str) -> set[int]:
    """The characters whose glyph the feature `tag` replaces (single, alternate and ligature
    substitutions), e.g. smcp in Literata's regular face: "a".."z", "à".."ÿ" …"""
    if "GSUB" not in font:
        return set()
    table = font["GSUB"].table
    glyphs: set[str] = set()
    for record in table.FeatureList.FeatureRecord:
        if record.FeatureTag != tag:
            continue
        for index in record.Feature.LookupListIndex:
            for subtable in table.LookupList.Lookup[index].SubTable:
                subtable = getattr(subtable, "ExtSubTable", subtable)
                for attribute in ("mapping", "alternates", "ligatures"):
                    glyphs |= set(getattr(subtable, attribute, None) or {})
    return {code for code, glyph in font.getBestCmap().items() if glyph in glyphs}


def site_files(style: str, weight: int) -> list[TTFont]:
    stem = subset_fonts.face_name(style, weight)
    return [TTFont(subset_fonts.WEB / f"{stem}-{part}.woff2") for part in ("core", "rest")]


def full_face(style: str, weight: int) -> TTFont:
    return TTFont(subset_fonts.FONTS / f"{subset_fonts.face_name(style, weight)}.woff2")


def test_the_stylesheets_ask_for_features_the_tests_can_read():
    requests = stylesheet_requests()
    # the titles' small capitals, in the bold upright face only (h1: weight 600, upright)
    assert {(face, feature) for _, selector, face, feature in requests if selector == ".md-typeset h1"} == {
        (("normal", 700), "smcp")
    }
    # a rule in another family asks nothing of Literata (the Emendations' places: sans-serif)
    assert not [r for r in requests if "e-place" in r[1]]


@pytest.mark.parametrize(
    "sheet, selector, face, feature",
    stylesheet_requests(),
    ids=lambda value: "-".join(map(str, value)) if isinstance(value, tuple) else str(value),
)
def test_every_feature_a_stylesheet_asks_for_is_in_the_faces_files(sheet, selector, face, feature):
    full = full_face(*face)
    assert feature in feature_tags(full), (
        f"{sheet}: {selector} asks for {feature}, which Literata lacks: stop asking"
    )
    changed = changed_characters(full, feature)
    core, rest = site_files(*face)
    assert feature in feature_tags(core), f"{sheet}: {selector}: {feature} not in the core file of {face}"
    for served in (core, rest):
        covered = set(served.getBestCmap())
        # every character of this file that the full face changes, the file changes too
        missing = (changed & covered) - changed_characters(served, feature)
        assert not missing, (sheet, selector, face, feature, sorted(map(chr, missing))[:20])


@pytest.mark.parametrize("style, weight", subset_fonts.FACES)
def test_the_site_files_carry_no_feature_nobody_asks_for(style, weight):
    asked = {feature for _, _, face, feature in stylesheet_requests() if face == (style, weight)}
    for served in site_files(style, weight):
        extra = feature_tags(served) - set(subset_fonts.BROWSER_FEATURES) - asked
        assert not extra, (style, weight, sorted(extra))  # bytes every reader fetches for nothing


class ArticleText(HTMLParser):
    """The text of a page's <article> (the part set in Literata), without scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # open elements inside <article>
        self.skipping = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += tag not in ("br", "img", "hr", "input", "meta", "link", "wbr")
        if tag in ("script", "style"):
            self.skipping += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        if tag in ("script", "style"):
            self.skipping -= 1

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.text.append(data)


def script_strings(source: str) -> str:
    """The string and template literals of a script, its comments left out, e.g.
    'x.textContent = "×"; // a cross ✗' → "×"."""
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    code = re.sub(r"(^|\s)//[^\n]*", r"\1", code)
    return "".join(
        m.group(0)[1:-1]
        for m in re.finditer(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`', code)
    )


def test_every_character_the_pages_and_scripts_set_is_drawn_by_literata(site):
    pages = {}
    for html in sorted(site.rglob("*.html")):
        parser = ArticleText()
        parser.feed(html.read_text(encoding="utf-8"))
        pages[html.relative_to(site).as_posix()] = "".join(parser.text)
    assert len(pages) > 10 and "Lenin" in pages["recollections/index.html"]
    for script in sorted(SCRIPTS.glob("*.js")):
        pages[script.name] = script_strings(script.read_text(encoding="utf-8"))
    assert "→" in pages["reading.js"]  # the pop-ups' link
    for style, weight in subset_fonts.FACES:
        drawn = set(full_face(style, weight).getBestCmap()) | {ord(c) for c in FALLBACK}
        served = set().union(*(f.getBestCmap() for f in site_files(style, weight)))
        for name, text in pages.items():
            used = {ord(c) for c in text if not c.isspace() or c == "\u00a0"}
            assert used <= drawn, (name, style, weight, sorted(map(chr, used - drawn)))
            # what the full face draws, the site's files draw (the split loses nothing)
            assert used - {ord(c) for c in FALLBACK} <= served, (name, style, weight)
            # the site's files keep no fractions: a page setting the fraction slash would
            # lose them (subset_fonts.BROWSER_FEATURES)
            assert 0x2044 not in used, name
