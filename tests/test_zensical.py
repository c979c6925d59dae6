"""The same docs/ built with Zensical: every part, page anchor and note link is there."""

import re
import subprocess
import sys

import pytest
from conftest import ROOT
from test_site import SLUGS, parse


@pytest.fixture(scope="module")
def zensical_site():
    # Zensical writes only inside the project: the folder `make build-zensical` uses
    out = ROOT / "site-zensical"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_zensical.py"), out.name],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


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


def test_edition_styles_and_metadata_come_along(zensical_site):
    html = (zensical_site / "recollections" / "index.html").read_text(encoding="utf-8")
    assert "assets/stylesheets/edition.css" in html
    assert 'property="og:title"' in html
    # the edition's search, not Zensical's: Pagefind's bundle, the page map, Zensical's index empty
    assert (zensical_site / "pagefind" / "pagefind.js").exists()
    assert '"37":"recollections/"' in (zensical_site / "pagefind" / "pages.json").read_text(encoding="utf-8")
    assert "assets/javascripts/edition.js" in html  # the search's trigger; search.js comes on demand
    assert '"items":[]' in (zensical_site / "search.json").read_text(encoding="utf-8")
