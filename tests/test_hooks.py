"""scripts/mkdocs_hooks.py is for speed only: what it replaces must give what MkDocs gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.structure.pages import _HTMLHandler
from mkdocs_hooks import anchor_ids

DOCS = Path(__file__).resolve().parent.parent / "docs"


def mkdocs_anchor_ids(text: str) -> set[str]:
    """The ids MkDocs' own raw-HTML pass collects (HTMLParser over the page's Markdown)."""
    parser = _HTMLHandler()
    parser.feed(text)
    parser.close()
    return parser.present_anchor_ids


@pytest.mark.parametrize("page", sorted(path.name for path in DOCS.glob("*.md")))
def test_anchor_ids_are_mkdocs_own_on_every_page(page):
    text = (DOCS / page).read_text(encoding="utf-8")
    expected = mkdocs_anchor_ids(text)
    assert anchor_ids(text) == expected
    if page == "emendations.md":  # the page the shortcut is for: its every entry has an id
        assert len(expected) > 700


ODD_CASES = [
    "<span id=\"a\">x</span><span id='b'>y</span><b id=c>z</b>",
    '<a name="top"></a><p name="not-an-anchor">',
    '<A NAME="upper"></A><SPAN ID="Upper">',
    '<!-- <span id="commented"> --><span id="after">',
    '<script id="s">var x = "<b id=inside>";</script><span id="after-script">',
    '<style>p { } <i id="styled"></i></style>',
    '<span title="a > b" id="after-quoted-gt">',
    '<span data-x="id=fake" id="real">',
    '<span id="amp&amp;entity">',
    "<img id=self-closing/>",
    '`<code id="in-code">` and text < 3 and x<y id="not-a-tag"',
    '<span\nid="across-lines">',
]


@pytest.mark.parametrize("text", ODD_CASES)
def test_anchor_ids_agree_on_odd_html(text):
    assert anchor_ids(text) == mkdocs_anchor_ids(text)
