"""Line kinds: printer's marks, section breaks, page-foot notes, noise."""

from collections import Counter

from edition.classify import line_kind
from edition.model import Line


def kinds(doc):
    return Counter(line.kind for line in doc.lines)


def test_signature_mark_is_not_text(doc):
    assert doc.lines[1048].raw == "3—398 33"
    assert doc.lines[1048].kind == "signature-mark"
    assert doc.lines[1048].text == ""


def test_a_year_on_its_own_line_is_text(doc):
    assert line_kind(Line(3, "to the Russian edition of 1955", ""), doc.book) == "text"
    assert line_kind(Line(3255, "p. 18", ""), doc.book) == "text"


def test_seven_section_breaks_and_two_page_foot_notes(doc):
    assert kinds(doc)["section-break"] == 7
    assert [line.number for line in doc.lines if line.kind == "footnote"] == [1132, 1607]


def test_an_asterisk_opening_a_text_line_is_not_a_footnote(doc):
    line = Line(76, "* Clara Zetkin was elected to the Reichstag and as she ", "")
    assert line_kind(line, doc.book) == "text"


def test_stray_letter_under_the_notes_heading_is_noise(doc):
    assert doc.lines[3251].raw == "r"
    assert doc.lines[3251].kind == "noise"
