"""The whole-book page in Chromium: a note marker leads to its note inside the same page and
the note's "p. N" leads back; a printed page's address lands on that page's first words; the
downloads' links on the title page fetch the files the manifest names. Its page anchors and
markers are the parts' (marks.py): a deep link shows no tooltip, a tap shows a note in place."""

import json
from urllib.parse import urlparse

import pytest
from build_downloads import human_size
from test_browser import browser, in_view, lands_on, page, server, settled, text_after, visit  # noqa: F401  (the fixtures)


@pytest.mark.browser
def test_marker_to_note_and_back_inside_the_page(page, server, doc):  # noqa: F811
    note = doc.note("3")
    visit(page, server + "book/")
    with lands_on(page, f"/book/#{note.anchor}"):
        page.locator(f"#{note.ref_anchor}").click()
    assert in_view(page, f"#{note.anchor}")
    shown = page.locator(f"#{note.anchor}").inner_text()
    assert " ".join(note.blocks[0].text.split()[:6]) in " ".join(shown.split())
    with lands_on(page, f"/book/#{note.ref_anchor}"):
        page.locator(f"#{note.blocks[-1].anchor} a.note-back").click()
    assert in_view(page, f"#{note.ref_anchor}")


@pytest.mark.browser
def test_a_printed_page_lands_on_its_first_words(page, server, doc):  # noqa: F811
    block = next(b for part in doc.parts for b in part.blocks if any(m.page == 37 for m in b.page_marks))
    offset = next(m.offset for m in block.page_marks if m.page == 37)
    visit(page, server + "book/#page-37")  # settled: past the scrolls to the anchor
    assert in_view(page, "#page-37")
    assert text_after(page, "page-37", 30) == block.text[offset : offset + 30]


@pytest.fixture
def phone(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()


SHOWN = """() => [...document.querySelectorAll('.md-tooltip2, .md-tooltip, [role=tooltip], .note-popup')]
    .filter(el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.opacity !== '0'; })
    .map(el => el.className + ': ' + el.textContent.trim().slice(0, 40))"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_a_deep_link_to_a_page_shows_its_words_and_no_tooltip(browser, server, doc, width):  # noqa: F811
    block = next(b for part in doc.parts for b in part.blocks if any(m.page == 40 for m in b.page_marks))
    offset = next(m.offset for m in block.page_marks if m.page == 40)
    word = block.text[offset:].split()[0]
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()  # noqa: F811
    visit(page, server + "book/#page-40")  # settled: past the scrolls to the anchor
    assert page.evaluate(SHOWN) == []
    # the page's first word is in view, and what is drawn at its middle is that word's paragraph
    hit = page.evaluate(
        """() => { const a = document.getElementById('page-40'); const r = document.createRange();
                   r.setStartAfter(a); r.setEnd(a.nextSibling, 1);
                   const box = r.getBoundingClientRect();
                   const el = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                   return {top: box.top, bottom: box.bottom, text: r.toString(),
                           paragraph: el && el.closest('p') ? el.closest('p').id : null}; }"""
    )
    context.close()
    assert 0 <= hit["top"] and hit["bottom"] <= 740, hit
    assert hit["paragraph"] == block.anchor and word.startswith(hit["text"]), hit


@pytest.mark.browser
@pytest.mark.parametrize("which", ["numbered", "page-foot"])
def test_a_tap_on_a_marker_shows_its_note_in_place(phone, server, doc, which):  # noqa: F811
    note = doc.note("3") if which == "numbered" else doc.footnotes[0]
    visit(phone, server + "book/")
    marker = phone.locator(f"#{note.ref_anchor}")
    marker.scroll_into_view_if_needed()
    # the paragraphs that came near the screen laid out (a phone lays out only those, edition.css),
    # the browser's scroll anchoring done with them: the page still
    settled(phone)
    before = phone.evaluate("window.scrollY")
    marker.tap()
    popup = phone.locator(".note-popup")
    popup.wait_for(state="visible")
    assert urlparse(phone.url).path == "/book/" and note.anchor not in urlparse(phone.url).fragment
    assert phone.evaluate("window.scrollY") == before  # no jump to the note, further down the page
    shown = " ".join(popup.inner_text().split())
    for block in note.blocks:
        assert " ".join(block.text.split()) in shown
    box = popup.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= 375 and 0 <= box["y"] < 740  # in view
    link = popup.locator("a.note-popup__link").get_attribute("href")
    assert urlparse(link).path == "/book/" and urlparse(link).fragment == note.blocks[0].anchor


@pytest.mark.browser
def test_the_title_pages_download_links_fetch_the_files(page, server, site):  # noqa: F811
    manifest = json.loads((site / "downloads" / "manifest.json").read_text(encoding="utf-8"))
    visit(page, server)
    for entry in manifest.values():
        link = page.locator(f'a[download][href$="downloads/{entry["file"]}"]')
        link.scroll_into_view_if_needed()
        assert in_view(page, f'a[download][href$="downloads/{entry["file"]}"]')
        item = link.locator("xpath=..").inner_text()
        assert f"({human_size(entry['bytes'])})" in item
        response = page.request.get(link.evaluate("a => a.href"))  # the address the link names
        assert response.ok and len(response.body()) == entry["bytes"]


def _colours(tab) -> dict:
    """What the reader sees of the palette: the page's background, the scheme set on it, and
    the switch shown (its title says what it switches to)."""
    return tab.evaluate(
        """() => ({scheme: document.body.dataset.mdColorScheme,
                   background: getComputedStyle(document.body).backgroundColor,
                   switch: [...document.querySelectorAll('.md-header__option label')]
                             .filter(label => !label.hidden).map(label => label.title)})"""
    )


@pytest.mark.browser
@pytest.mark.parametrize("preference", ["light", "dark"])
def test_the_colour_switch_works_without_the_themes_script(browser, server, preference):  # noqa: F811
    """The whole book loads no theme script (its start-up held a phone's first view up): its
    colour switch is the edition's. It opens in the palette the device prefers, as a page with
    Material's script does; a tap switches it; the next page keeps the reader's choice."""
    from conftest import mkdocs_config

    palettes = mkdocs_config()["theme"]["palette"]
    preferred = next(p for p in palettes if p["media"] == f"(prefers-color-scheme: {preference})")
    other = next(p for p in palettes if p is not preferred)
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, color_scheme=preference
    )
    tab = context.new_page()
    scripts: list[str] = []
    tab.on("request", lambda request: request.resource_type == "script" and scripts.append(request.url))
    try:
        visit(tab, server + "preface/")
        themes = {url for url in scripts if "bundle." in url}
        assert themes, scripts  # the Preface runs Material's script, and its palette
        on_preface = _colours(tab)
        scripts.clear()
        visit(tab, server + "book/")
        assert not {url for url in scripts if "bundle." in url}, scripts
        assert _colours(tab) == on_preface
        assert on_preface["scheme"] == preferred["scheme"]
        assert on_preface["switch"] == [preferred["toggle"]["name"]]

        tab.locator(".md-header__option label:not([hidden])").tap()
        tab.wait_for_function("s => document.body.dataset.mdColorScheme !== s", arg=preferred["scheme"])
        settled(tab)  # the colours' fade over
        switched = _colours(tab)
        assert switched["scheme"] == other["scheme"] and switched["switch"] == [other["toggle"]["name"]]
        assert switched["background"] != on_preface["background"]
        visit(tab, server + "preface/")
        assert _colours(tab) == switched  # the choice kept, in Material's own place for it
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 1000])
def test_the_sidebars_show_their_lists_without_a_scroll_bar(browser, server, width):  # noqa: F811
    """Without the theme's script no sidebar is sized to the window: each shown one holds its
    whole list, with nothing to scroll (Firefox and WebKit drew a bar for 8 px), and its last
    link is on the screen."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        visit(tab, server + "book/")
        shown = tab.evaluate(
            """() => [...document.querySelectorAll('.md-sidebar__scrollwrap')]
                 .filter(wrap => { const box = wrap.getBoundingClientRect();  // on the screen, not the drawer
                                   return box.width > 0 && box.left >= 0 && box.right <= innerWidth; })
                 .map(wrap => {
                   const links = wrap.querySelectorAll('a.md-nav__link');
                   const last = links[links.length - 1].getBoundingClientRect();
                   return {name: wrap.parentElement.parentElement.className, scroll: wrap.scrollHeight,
                           height: wrap.clientHeight, overflow: getComputedStyle(wrap).overflowY,
                           lastBottom: last.bottom, links: links.length};
                 })"""
        )
        expected = 2 if width >= 1220 else 1  # Material: the navigation beside the text from 76.25em
        assert len(shown) == expected, shown
        for sidebar in shown:
            scrolls = sidebar["overflow"] in ("auto", "scroll") and sidebar["scroll"] > sidebar["height"]
            assert not scrolls, sidebar
            assert sidebar["links"] >= 6 and sidebar["lastBottom"] <= 900, sidebar
    finally:
        context.close()


BUTTON_SHOWN = "b => !b.hidden && getComputedStyle(b).opacity === '1'"  # hidden, Material's is see-through


@pytest.mark.browser
def test_the_back_to_top_button_comes_when_scrolling_up(page, server):  # noqa: F811
    """The whole book's back-to-top button (the edition's, without the theme's script; a phone
    has none, reading.css): none at the top of the page nor while reading on; shown in the
    window's corner once the reader scrolls back up; a click takes the page to its top."""
    visit(page, server + "book/")
    button = page.locator(".md-top")
    assert not button.evaluate(BUTTON_SHOWN)
    page.evaluate("scrollTo(0, 4 * innerHeight)")
    page.wait_for_function("scrollY >= 4 * innerHeight - 1")
    settled(page)
    assert not button.evaluate(BUTTON_SHOWN)
    page.evaluate("scrollBy(0, -innerHeight / 2)")
    page.wait_for_function(f"({BUTTON_SHOWN})(document.querySelector('.md-top'))")
    settled(page)  # its fade in over
    box, size = button.bounding_box(), page.viewport_size
    assert box["x"] + box["width"] <= size["width"] and box["y"] + box["height"] <= size["height"], box
    assert box["height"] >= 24 and button.evaluate(BUTTON_SHOWN)
    button.click()
    page.wait_for_function("scrollY === 0")
    settled(page)
    assert page.evaluate("scrollY") == 0 and not button.evaluate(BUTTON_SHOWN)
