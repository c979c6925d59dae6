"""Every id is decided on the Document before rendering: unique, in the public schemes, and
each raw line of the text can be found again by its part and anchor."""

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml
from conftest import SOURCE


def test_ids_are_unique_on_each_page_of_the_site(doc):
    for part in doc.parts:  # the Notes' blocks are its notes' blocks
        ids = [part.anchor, *(b.anchor for b in part.blocks if b.anchor)]
        ids += [place.anchor for place in doc.page_places.values() if place.part == part.slug]
        ids += [note.ref_anchor for note in [*doc.notes, *doc.footnotes] if note.marker_part == part.slug]
        ids += [note.anchor for note in doc.footnotes if note.marker_part == part.slug]
        repeated = [anchor for anchor, count in Counter(ids).items() if count > 1]
        assert not repeated, (part.slug, repeated)


def test_paragraph_ids_name_the_page_they_begin_on(doc):
    paragraphs = [b for p in doc.parts if p.kind == "text" for b in p.blocks if b.kind == "paragraph"]
    for block in paragraphs:
        assert block.anchor.startswith(f"p-{block.page}-"), block.anchor
    assert doc.part("preface").blocks[0].anchor == "p-6-1"


def test_every_printed_page_has_its_place(doc):
    pages = sorted({line.page for line in doc.lines if line.page_start})
    assert sorted(doc.page_places) == pages
    assert doc.page_places[37].part == "recollections" and doc.page_places[37].anchor == "page-37"
    assert doc.page_places[6].part == "preface"  # the page that opens with the Preface's title


def test_notes_and_markers(doc):
    assert [(n.anchor, n.ref_anchor) for n in doc.notes[:2]] == [("note-1", "ref-1"), ("note-2", "ref-2")]
    assert [n.kind for n in doc.notes] == ["numbered"] * 11
    assert [(n.kind, n.anchor, n.ref_anchor) for n in doc.footnotes] == [
        ("page-foot", "ed1", "ref-ed1"),
        ("page-foot", "ed2", "ref-ed2"),
    ]


def test_a_raw_line_is_found_again_in_its_paragraph(doc):
    for part in doc.parts:
        for block in part.blocks:
            if block.kind == "paragraph" and part.kind == "text":
                for line in block.lines:
                    place = doc.place_of_line(line.number)
                    assert (place.part, place.anchor) == (part.slug, block.anchor)
    note_line = doc.notes[0].blocks[0].lines[0].number
    assert doc.place_of_line(note_line).anchor == "note-1"
    assert doc.place_of_line(doc.part("recollections").heading_line) is None  # a heading: no block


def test_a_page_foot_notes_line_is_found_at_the_note(doc):
    for note in doc.footnotes:
        place = doc.place_of_line(note.line)
        assert (place.part, place.anchor) == (note.marker_part, note.anchor)


def test_every_remark_has_its_own_address_on_the_emendations_page(doc):
    """A remark can be cited like a change: `emendations/#r-<raw line>`, unique beside the
    changes' `e-` ids."""
    remarks_file = Path(__file__).resolve().parent.parent / "source" / "remarks.yml"
    listed = re.findall(r"^- line: (\d+)", remarks_file.read_text(encoding="utf-8"), re.M)
    assert len(doc.remarks) == len(listed) > 10
    ids = [remark.id for remark in doc.remarks]
    assert sorted(int(anchor.split("-")[1]) for anchor in ids) == sorted(int(n) for n in listed)
    assert len(set(ids) | {edit.id for edit in doc.edits}) == len(ids) + len(doc.edits)


def test_every_remark_is_on_the_built_emendations_page_at_its_address(doc, site):
    """What a reader who follows `emendations/#r-<line>` finds there: the remark's own words
    (remarks.yml), in the element with that id."""
    remarks = yaml.safe_load((SOURCE / "remarks.yml").read_text(encoding="utf-8"))
    assert len(remarks) == len(doc.remarks)
    parser = ElementTexts()
    parser.feed((site / "emendations" / "index.html").read_text(encoding="utf-8"))
    for entry in remarks:
        text = " ".join(parser.texts[f"r-{entry['line']}"].split())
        assert " ".join(entry["remark"].split()) in text, entry["line"]


class ElementTexts(HTMLParser):
    """The text inside each element that has an id: id → text."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}
        self.open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        ident = dict(attrs).get("id")
        self.open.append((tag, ident))
        if ident:
            self.texts[ident] = ""

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _tag, ident in self.open:
            if ident:
                self.texts[ident] += data


VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "base", "col"}
