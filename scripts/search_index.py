"""Post-build step: the Pagefind search index of a built site (MkDocs' or Zensical's).

Pagefind reads the built HTML (only what a page marks `data-pagefind-body`: overrides/main.html
leaves out the pages whose front matter says `search: exclude`), in a copy whose words no
element's id breaks (whole_words), and writes its bundle to SITE/pagefind/. Beside it goes
`pages.json`, the printed page → part map the search UI needs to offer "p. 37" itself, from
the document model (the page's place, decided by anchors.py), not read off the built pages.

The bundle is written into a staging folder inside the site and moved into place whole, so a
failure leaves the last index (or none), never half of one.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from edition.model import Document
from edition.pipeline import Sources, build
from edition.staging import staged_folder

BUNDLE = "pagefind"
SOURCE = Path(__file__).resolve().parent.parent / "source"
# furniture, not the book's words: permalinks, heading pilcrows, the sections' names
# ("2 · ‘My first visit to…’ · p. 15", for the table of contents; the book prints "* * *"), a
# part's own copy of its notes (for print; search finds each note on the Notes page), the
# title page's contents, prose and downloads (edition/outputs/markdown/docs.py: UNINDEXED)
EXCLUDE_SELECTORS = [
    ".headerlink", ".paragraph-link", ".section-break", ".section-start", ".part-notes", ".unindexed",
]  # fmt: skip
# Pagefind takes every element with an id for an anchor and breaks the word there: an
# emendation's mark opening inside a word ("person<span class="emended" id="e-267">ages”") was
# indexed, found, listed and marked as two words, "person" and "ages”". So Pagefind reads a
# copy of the pages in which an element opening between two letters (other tags aside) has no
# id; page anchors (empty, and set after the word a page splits) and note markers (a number)
# keep theirs.
LETTER = r"[^\W\d_]"
MID_WORD_ID = re.compile(
    rf"({LETTER}(?:</?[a-z][^>]*>)*)(<[a-z][a-z0-9]*\b[^>]*?)\s+id=\"[^\"]*\"([^>]*>)(?=(?:<[a-z][^>]*>)*{LETTER})"
)
# A dash or slash the book prints between two words with no space ("still ahead—restoration",
# "Heinrich Heine—can") joins them into one word for Pagefind, which splits words at spaces only:
# "restoration" and "Heine" were not found. In Pagefind's copy a space follows each such join,
# after a word joiner (U+2060, no letter, so not indexed) that tells the search dialog to show
# the two words joined again, as the book prints them; the site's pages keep the book's text.
JOIN = re.compile(r"(?<=\S)([—–/])(?=\S)")
JOINED = "\u2060 "
TAG = re.compile(r"(<[^>]*>)")
# Pagefind keeps, for each element with an id, that element's whole text in the part's record,
# which its worker unpacks and copies to the dialog at the first search: each paragraph's text
# stood there a second time, each emendation mark's a third (the Recollections: 186 KB of record
# for 77 KB of text, 65 KB gzip to fetch). In Pagefind's copy an id the dialog never links to (an emendation's
# mark, a box of tools) goes; a block's id moves to an empty element of its kind just before
# it: the same word location, no text. Links (page anchors, note markers) and headings keep
# theirs (no text, or a short one that Pagefind's sub-results read).
ID_ATTRIBUTE = re.compile(r'<([a-z][a-z0-9]*)\b([^>]*?)\s+id="([^"]*)"([^>]*)>')
LINKED_BLOCKS = {"p", "li", "blockquote", "dd", "dt", "td"}  # search.js's BLOCK, headings aside
KEEPS_ITS_ID = {"a", "h1", "h2", "h3", "h4", "h5", "h6"}
CLASS_ATTRIBUTE = re.compile(r'\sclass="[^"]*"')
# Pagefind's ready-made interfaces: the edition has its own (assets/javascripts/search.js)
UNUSED = ["pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js"]


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why."""


def printed_pages(doc: Document) -> dict[str, str]:
    """Printed page → URL of the part where it begins (its #page-N anchor), in page order."""
    return {str(page): f"{place.part}/" for page, place in sorted(doc.page_places.items())}


def whole_words(html: str) -> str:
    """The page without the ids that would break a word in Pagefind's text.

    >>> whole_words('leading person<span class="emended" id="e-267">ages”</span> he')
    'leading person<span class="emended">ages”</span> he'
    >>> whole_words('popula</span><span class="emended" id="e-352-2">tion.</span>')
    'popula</span><span class="emended">tion.</span>'
    >>> whole_words('working <a id="page-12" class="pagenum"></a>people; Karlstadt<a id="ref-1">1</a>')
    'working <a id="page-12" class="pagenum"></a>people; Karlstadt<a id="ref-1">1</a>'
    """
    while True:  # again: a tag that lost its id may stand before another
        html, count = MID_WORD_ID.subn(r"\1\2\3", html)
        if not count:
            return html


def separate_joins(html: str) -> str:
    """The page with a space after every dash or slash that joins two words, in its text (never
    in a tag: a link's "../notes/" stays whole); a join across a tag counts.

    >>> separate_joins('<p>still ahead—restoration and Heine—<em>can</em></p>')
    '<p>still ahead—\u2060 restoration and Heine—\u2060 <em>can</em></p>'
    >>> separate_joins('<a href="../notes/">1920 — 1921</a> 1480-1541')
    '<a href="../notes/">1920 — 1921</a> 1480-1541'
    """
    pieces = TAG.split(html)
    texts = pieces[::2]  # split() puts the tags at odd places
    # the text's character before each piece and after it, across tags (one pass each way)
    before, last = [], " "
    for text in texts:
        before.append(last)
        last = text[-1] if text else last
    after, first = [], " "
    for text in reversed(texts):
        after.append(first)
        first = text[0] if text else first
    after.reverse()
    for k, text in enumerate(texts):
        if text:
            pieces[2 * k] = JOIN.sub(lambda m: m.group(1) + JOINED, f"{before[k]}{text}{after[k]}")[1:-1]
    return "".join(pieces)


def anchors_without_text(html: str) -> str:
    """The page with no id Pagefind would copy a text for in vain: a block's id on an empty twin
    before it (with its class, which Pagefind's excluded selectors may name), a link's or a
    heading's kept, any other dropped.

    >>> anchors_without_text('<p class="date" id="p-8-1">1924 <span class="emended" id="e-9">in</span></p>')
    '<p id="p-8-1" class="date"></p><p class="date">1924 <span class="emended">in</span></p>'
    >>> anchors_without_text('<h2 id="section-2">2</h2><a class="pagenum" id="page-9"></a>')
    '<h2 id="section-2">2</h2><a class="pagenum" id="page-9"></a>'
    """

    def lean(match: re.Match[str]) -> str:
        tag, before, ident, after = match.groups()
        if tag in KEEPS_ITS_ID:
            return match.group(0)
        without_id = f"<{tag}{before}{after}>"
        if tag not in LINKED_BLOCKS:
            return without_id
        found = CLASS_ATTRIBUTE.search(before + after)
        return f'<{tag} id="{ident}"{found.group(0) if found else ""}></{tag}>{without_id}'

    return ID_ATTRIBUTE.sub(lean, html)


def text_to_index(html: str) -> str:
    """A page as Pagefind is to read it: no id inside a word, every joined word apart, no
    anchor's text copied."""
    return anchors_without_text(separate_joins(whole_words(html)))


def pages_to_index(site: Path, copy: Path) -> None:
    """Write into `copy` the site's pages as Pagefind is to read them (text_to_index), at the
    same paths, so that the index's URLs are the site's."""
    for html in site.rglob("*.html"):
        target = copy / html.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text_to_index(html.read_text(encoding="utf-8")), encoding="utf-8")


def run_pagefind(site: Path, output: Path) -> str:
    """Index `site` into `output` with the Pagefind binary; return its report."""
    with tempfile.TemporaryDirectory(prefix="pagefind-pages-") as copy:
        pages_to_index(site, Path(copy))
        command = [
            sys.executable, "-m", "pagefind", "--site", copy, "--output-path", str(output.resolve()),
            "--exclude-selectors", ",".join(EXCLUDE_SELECTORS), "--force-language", "en",
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not (output / "pagefind.js").exists():
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(f"{site}: pagefind failed: {detail[-1] if detail else result.returncode}")
    return result.stdout


def indexed_page_count(report: str) -> int:
    """The number of pages Pagefind says it indexed ("Indexed 8 pages")."""
    match = re.search(r"Indexed (\d+) pages?", report)
    return int(match.group(1)) if match else 0


def build_search_index(site: Path, source: Path = SOURCE) -> None:
    """Write SITE/pagefind/ (Pagefind's bundle and pages.json), replacing any old one whole."""
    with staged_folder(site / BUNDLE) as staging:
        report = run_pagefind(site, staging)
        if indexed_page_count(report) == 0:
            raise SearchIndexError(f"{site}: pagefind indexed no page (no data-pagefind-body?)")
        for pattern in UNUSED:
            for path in staging.glob(pattern):
                path.unlink()
        pages = printed_pages(build(Sources(source)))
        for page, url in pages.items():
            if not (site / url / "index.html").exists():
                raise SearchIndexError(f"{site}: no {url}index.html, where printed page {page} begins")
        (staging / "pages.json").write_text(json.dumps(pages, separators=(",", ":")), encoding="utf-8")
