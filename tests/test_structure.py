"""Parts, titles, subtitles, dates, signature, section breaks."""

from edition.model import Line
from edition.structure import lines_reading


def test_six_parts_in_book_order(doc):
    assert [p.slug for p in doc.parts] == [
        "preface", "foreword", "recollections", "memorandum-book", "lenin-and-the-masses", "notes",
    ]  # fmt: skip
    assert [p.heading.page for p in doc.parts] == [6, 7, 11, 53, 87, 92]


def test_garbled_headings_get_the_printed_titles(doc):
    assert doc.part("recollections").heading.text == "MY RECOLLECTIONS OF LENIN"
    assert doc.part("lenin-and-the-masses").heading.text == "LENIN AND THE MASSES"


def test_subtitles_dates_signature(doc):
    assert doc.part("preface").subtitle.text == "to the Russian edition of 1955"
    assert doc.part("preface").signature.text == ("Institute of Marxism-Leninism\nof the C.C., C.P.S.U.")
    assert doc.part("foreword").subtitle.text == "by Nadezhda Konstantinovna Krupskaya"
    assert doc.part("foreword").date.text == "August 10, 1933"
    assert doc.part("recollections").date.text == "January 1924"
    assert doc.part("memorandum-book").date.text == "January 1925"
    assert doc.part("lenin-and-the-masses").date is None  # the part carries none


def test_dates_and_subtitles_are_not_paragraphs(doc):
    for part in doc.parts:
        texts = [b.text for b in part.blocks]
        assert "January 1924" not in texts and "to the Russian edition of 1955" not in texts


def test_section_breaks_are_addressable(doc):
    anchors = {p.slug: [b.anchor for b in p.blocks if b.kind == "section-break"] for p in doc.parts}
    assert anchors["recollections"] == [f"section-{n}" for n in range(2, 7)]
    assert anchors["memorandum-book"] == ["section-2", "section-3"]


def test_heading_search_finds_every_line_that_reads_as_the_heading(raw_lines):
    # each line of the book taken as a heading (its words, spaced anew): the lines found by
    # searching for its first word are those that read as it when every line is compared
    lines = [Line(number, raw, raw) for number, raw in enumerate(raw_lines, start=1)]
    reading: dict[str, list[int]] = {}
    for line in lines:
        reading.setdefault(" ".join(line.raw.split()), []).append(line.number)
    headings = [f"  {'  '.join(raw.split())} " for raw in dict.fromkeys(raw_lines)]
    found = lines_reading(lines, headings)
    assert found == [reading[" ".join(heading.split())] for heading in headings]
