"""The whole-book page in Chromium: a note marker leads to its note inside the same page and
the note's "p. N" leads back; a printed page's address lands on that page's first words; the
downloads' links on the title page fetch the files the manifest names."""

import json

import pytest
from build_downloads import human_size
from test_browser import browser, page, server  # noqa: F401  (the fixtures)


def in_view(page, selector: str) -> bool:  # noqa: F811
    return page.evaluate(
        """sel => { const r = document.querySelector(sel).getBoundingClientRect();
                   return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }""",
        selector,
    )


@pytest.mark.browser
def test_marker_to_note_and_back_inside_the_page(page, server, doc):  # noqa: F811
    note = doc.note("3")
    page.goto(server + "book/", wait_until="networkidle")
    page.locator(f"#{note.ref_anchor}").click()
    page.wait_for_url(f"**/book/#{note.anchor}")
    assert in_view(page, f"#{note.anchor}")
    shown = page.locator(f"#{note.anchor}").inner_text()
    assert " ".join(note.blocks[0].text.split()[:6]) in " ".join(shown.split())
    page.locator(f"#{note.blocks[-1].anchor} a.note-back").click()
    page.wait_for_url(f"**/book/#{note.ref_anchor}")
    assert in_view(page, f"#{note.ref_anchor}")


@pytest.mark.browser
def test_a_printed_page_lands_on_its_first_words(page, server, doc):  # noqa: F811
    block = next(b for part in doc.parts for b in part.blocks if any(m.page == 37 for m in b.page_marks))
    offset = next(m.offset for m in block.page_marks if m.page == 37)
    page.goto(server + "book/#page-37", wait_until="networkidle")
    assert in_view(page, "#page-37")
    text = page.evaluate(
        """() => { const a = document.getElementById('page-37');
                   const r = document.createRange(); r.setStartAfter(a);
                   r.setEnd(a.parentElement, a.parentElement.childNodes.length);
                   return r.toString().slice(0, 30); }"""
    )
    assert text == block.text[offset : offset + 30]


@pytest.mark.browser
def test_the_title_pages_download_links_fetch_the_files(page, server, site):  # noqa: F811
    manifest = json.loads((site / "downloads" / "manifest.json").read_text(encoding="utf-8"))
    page.goto(server, wait_until="networkidle")
    for entry in manifest.values():
        link = page.locator(f'a[download][href$="downloads/{entry["file"]}"]')  # Material makes it absolute
        link.scroll_into_view_if_needed()
        assert in_view(page, f'a[download][href$="downloads/{entry["file"]}"]')
        item = link.locator("xpath=..").inner_text()
        assert f"({human_size(entry['bytes'])})" in item
        response = page.request.get(link.get_attribute("href"))
        assert response.ok and len(response.body()) == entry["bytes"]
