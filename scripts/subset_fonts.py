#!/usr/bin/env python3
"""The site's Literata files: the full faces made from the published family, and each face
split in two by unicode-range, so a page fetches only the characters it sets.

    python scripts/subset_fonts.py           write overrides/assets/fonts/ (the full faces),
                                             overrides/assets/fonts/web/ and fonts-web.css
    python scripts/subset_fonts.py --check   exit 1 if they are not what the family gives

The family: Literata 3.103's four static faces as Google Fonts publishes them, every glyph and
OpenType feature (npm @expo-google-fonts/literata, pinned in package-lock.json; fontsource's
"latin" files, the edition's first source, have the same outlines but no small capitals nor
old-style figures). The full faces (overrides/assets/fonts/*.woff2) are those cut to the Latin
range the pages set, every feature kept: what the PDF embeds (fonts.css). For the site each
face becomes a "core" file (Basic Latin and the general punctuation: every part's text) and a
"rest" file (Latin-1's accented letters and the other signs), declared with `unicode-range`:
the browser fetches the rest only for a page that sets one of its characters. The site's files
keep the features a browser applies by itself and those the edition's stylesheets ask for
(WEB_FEATURES), in the faces that set them, so the reader sees the same letters and no engine
fakes a small capital.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FAMILY = ROOT / "node_modules" / "@expo-google-fonts" / "literata"
FONTS = ROOT / "overrides" / "assets" / "fonts"
WEB = FONTS / "web"
CSS = ROOT / "overrides" / "assets" / "stylesheets" / "fonts-web.css"
FACES = [("normal", 400), ("italic", 400), ("normal", 700), ("italic", 700)]
FAMILY_FILES = {
    ("normal", 400): "400Regular/Literata_400Regular.ttf",
    ("italic", 400): "400Regular_Italic/Literata_400Regular_Italic.ttf",
    ("normal", 700): "700Bold/Literata_700Bold.ttf",
    ("italic", 700): "700Bold_Italic/Literata_700Bold_Italic.ttf",
}

# The full faces' characters: Google Fonts' "latin" subset (fontsource's files, the edition's
# first source: Basic Latin, Latin-1, the punctuation and signs of Western European text) and
# what else the pages set that the family draws.
LATIN = {
    *range(0x20, 0x7F), *range(0xA0, 0x100), 0x102, 0x131, 0x152, 0x153, 0x2BB, 0x2BC, 0x2C6,
    0x2DA, 0x2DC, 0x300, 0x301, 0x303, 0x304, 0x308, 0x309, 0x323, 0x2009, 0x200B, 0x2013,
    0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2022, 0x2026, 0x2032, 0x2033,
    0x2039, 0x203A, 0x2044, 0x20AC, 0x2122, 0x2191, 0x2193, 0x2212, 0x2215,
}  # fmt: skip
PAGES_ALSO_SET = {
    0x2192,  # → the note pop-ups' link (reading.js) and the Emendations page's "was → is"
    0x25A0,  # ■ a sign of the scan the Emendations page quotes
}

# Basic Latin, the no-break space, pilcrow (the headings' permalinks), middle dot, and the
# general punctuation (curly quotes, dashes, ellipsis): what every part of the book sets.
CORE = {*range(0x20, 0x7F), 0xA0, 0xB6, 0xB7, *range(0x2000, 0x2070)}
# The white space HTML sets as a space: the pages' source has a sentence a line, so every
# sentence ends in a line break. WebKit looks the break's character up in the font: the face
# had no U+000A (nor the unicode-range), so WebKit set those spaces in the fallback face, 5-6 px
# after every sentence. The core files map them to the space's glyph and declare them.
SPACES = {0x09, 0x0A, 0x0D}

# The site's files keep what the shaper applies to Latin text unasked (HarfBuzz: Chromium's and
# Firefox's everywhere, WebKitGTK's; ligatures, kerning, marks, contextual forms); not the
# fractions (frac/numr/dnom: applied only around U+2044, which no page sets; 1.1 KB a file) …
BROWSER_FEATURES = [
    "ccmp", "locl", "rlig", "liga", "clig", "calt", "rclt", "rvrn", "kern", "mark", "mkmk", "curs", "dist",
]  # fmt: skip
# … and, per face, what the edition's stylesheets ask for; each costs bytes in every file of
# its face (tests/test_fonts.py holds the stylesheets and the files to this table).
WEB_FEATURES: dict[tuple[str, int], list[str]] = {
    # proportional figures (.md-typeset), tabular ones (the About page's grid of printed
    # pages, the search's page numbers): in every face the text may set them in
    ("normal", 400): ["pnum", "tnum"],
    ("italic", 400): ["pnum", "tnum"],
    # and the titles' small capitals (h1: font-variant small-caps, weight 600, upright):
    # about 4 KB in the bold core, which every page fetches for its title
    ("normal", 700): ["pnum", "tnum", "smcp"],
    ("italic", 700): ["pnum", "tnum"],
}


def face_name(style: str, weight: int) -> str:
    """The full face's file stem, e.g. ("italic", 400) → "literata-latin-400-italic"."""
    return f"literata-latin-{weight}-{style}"


def unicode_range(codepoints: set[int]) -> str:
    """A CSS unicode-range of runs, e.g. {0x41, 0x42, 0x43, 0xE9} → "U+41-43, U+E9"."""
    runs: list[list[int]] = []
    for code in sorted(codepoints):
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def map_spaces_to_space(font: TTFont) -> None:
    """Tab, line feed and carriage return drawn with the space's glyph in every cmap subtable
    (the page's white space, which HTML sets as a space, in this face, not in a fallback)."""
    for table in font["cmap"].tables:
        if table.isUnicode() and 0x20 in table.cmap:
            for code in SPACES:
                table.cmap[code] = table.cmap[0x20]


def subset_bytes(source: Path | bytes, codepoints: set[int], features: list[str], web: bool = True) -> bytes:
    """`source` (a file, or a face's bytes) cut to `codepoints` and the layout `features`
    ("*": all) as woff2, hinting kept; a site's file with the space also draws the
    white space that HTML sets as a space."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = features
    # the site's files: the copyright, the names, the version and the licence's address (the
    # licence is served beside them); the full faces keep every name
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 14] if web else ["*"]
    options.hinting = True
    options.notdef_outline = True
    # the same bytes on every run: --check compares them
    font = TTFont(io.BytesIO(source) if isinstance(source, bytes) else source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    if web and 0x20 in codepoints:
        map_spaces_to_space(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def full_face(style: str, weight: int) -> bytes:
    """The family's face cut to the characters the pages may set, every feature kept."""
    source = FAMILY / FAMILY_FILES[(style, weight)]
    if not source.is_file():
        raise SystemExit(f"{source}: missing; install the npm packages (make system-deps, or npm ci)")
    return subset_bytes(source, LATIN | PAGES_ALSO_SET, ["*"], web=False)


def split_face(style: str, weight: int, full: bytes) -> tuple[dict[str, bytes], str]:
    """The face's core and rest files (name → bytes) and their @font-face rules."""
    covered = set(TTFont(io.BytesIO(full)).getBestCmap())
    features = BROWSER_FEATURES + WEB_FEATURES[(style, weight)]
    files, rules = {}, []
    for part, codepoints in (("core", covered & CORE), ("rest", covered - CORE)):
        name = f"{face_name(style, weight)}-{part}.woff2"
        files[name] = subset_bytes(full, codepoints, features)
        rules.append(face_rule("Literata", style, weight, name, declared(codepoints)))
    return files, "".join(rules)


def declared(codepoints: set[int]) -> set[int]:
    """What a file's unicode-range declares: its characters and, with the space, the tab and
    the line breaks it is drawn for (map_spaces_to_space), e.g. {0x20, 0x41} → {0x9, 0xA,
    0xD, 0x20, 0x41}."""
    return codepoints | SPACES if 0x20 in codepoints else codepoints


def face_rule(family: str, style: str, weight: int, name: str, codepoints: set[int]) -> str:
    """One @font-face rule: `family`'s face in style and weight, from the web file `name`."""
    return (
        "@font-face {\n"
        f'  font-family: "{family}";\n'
        f"  font-style: {style};\n"
        f"  font-weight: {weight};\n"
        "  font-display: swap;\n"
        f'  src: url("../fonts/web/{name}") format("woff2");\n'
        f"  unicode-range: {unicode_range(codepoints)};\n"
        "}\n"
    )


# The face the text is set in while a face of Literata is still coming (edition.css names it
# second): the upright core file, which every page preloads, so that italics wait in slanted
# Literata, not in a system serif whose taller ascent made their lines 3-8 px taller and moved
# every line below once the italic came (layout shift 0.024 on /about/ at 412 px, Lighthouse)
STAND_IN = "Literata stand-in"


def stand_in_rule(full: bytes) -> str:
    """The stand-in's one face: the upright core file of the regular face (`full`)."""
    core = set(TTFont(io.BytesIO(full)).getBestCmap()) & CORE
    return face_rule(STAND_IN, "normal", 400, f"{face_name('normal', 400)}-core.woff2", declared(core))


def expected() -> tuple[dict[Path, bytes], str]:
    """Every full face and split file (path → bytes) and the whole fonts-web.css."""
    files: dict[Path, bytes] = {}
    css = [
        "/* Generated by scripts/subset_fonts.py from the full faces in ../fonts/ (fonts.css, the\n"
        "   PDF's): each face in two files, the rest fetched only where a page sets one of its\n"
        "   characters. Literata: SIL Open Font License 1.1, ../fonts/LICENSE-Literata.txt. */\n"
    ]
    for style, weight in FACES:
        full = full_face(style, weight)
        files[FONTS / f"{face_name(style, weight)}.woff2"] = full
        face_files, rules = split_face(style, weight, full)
        files.update({WEB / name: data for name, data in face_files.items()})
        css.append(rules)
    css.append(stand_in_rule(files[FONTS / f"{face_name('normal', 400)}.woff2"]))
    return files, "".join(css)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the files are up to date")
    args = parser.parse_args(argv)
    files, css = expected()
    if args.check:
        stale = [path.name for path, data in files.items() if not path.is_file() or path.read_bytes() != data]
        if not CSS.is_file() or CSS.read_text(encoding="utf-8") != css:
            stale.append(CSS.name)
        for name in stale:
            print(f"{name}: not what the family gives; run python scripts/subset_fonts.py", file=sys.stderr)
        return 1 if stale else 0
    WEB.mkdir(exist_ok=True)
    for path, data in files.items():
        path.write_bytes(data)
    CSS.write_text(css, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
