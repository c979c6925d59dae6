"""Printed pages recovered from the layout, numbered, and checked against the Notes."""

from conftest import SOURCE
from edition.model import Line
from edition.pages import is_page_start, page_starts
from edition.scan import load_scan

SCAN = load_scan(SOURCE / "scan.yml")


def test_a_leading_space_starts_a_page():
    assert is_page_start(Line(142, " Clara Zetkin’s reminiscences of Lenin", ""), 0, False, SCAN)


def test_three_blank_lines_start_a_page_but_one_does_not():
    line = Line(61, ".With us in. the October days", "")
    assert is_page_start(line, 3, False, SCAN)
    assert not is_page_start(line, 1, False, SCAN)


def test_eighty_eight_pages_numbered_6_to_93(doc):
    starts = page_starts(doc)
    assert sorted(starts) == list(range(6, 94))


def test_known_page_openings(doc):
    starts = page_starts(doc)
    assert starts[37].number == 1173  # the page the Notes give for note 6 (Rosa, Karl, Leo)
    assert starts[11].raw.strip() == "MY ^COLLECTIONS OF LENIN"
    assert starts[92].raw.strip() == "N O T E S"


def test_every_note_reference_matches_its_marker_page(doc):
    refs = {note.number: (note.page_ref, note.marker_page) for note in doc.notes}
    assert refs["1"] == (18, 18)
    assert refs["6"] == (37, 37)
    assert refs["11"] == (84, 84)
    assert all(ref == page for ref, page in refs.values())
