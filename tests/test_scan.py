"""scan.yml: what the scan is like, in data, each value with its why; checked as it is read."""

import re

import pytest
from conftest import SOURCE
from edition.errors import SourceError
from edition.proofing import load_transcription
from edition.scan import Scan, load_scan

SCAN = load_scan(SOURCE / "scan.yml")


def test_every_value_has_its_why():
    text = (SOURCE / "scan.yml").read_text(encoding="utf-8")
    keys = re.findall(r"^(\w+):$", text, flags=re.M)
    whys = re.findall(r"^  why: (\S.*)$", text, flags=re.M)
    assert keys and len(whys) == len(keys) and set(keys) <= set(Scan.__dataclass_fields__)
    # what this scan shows of its pages and line ends is said, not left to a default
    assert {"page_turns", "line_end_space"} <= set(keys)


def test_the_values_are_read_typed():
    assert (SCAN.page_gap, SCAN.short_line) == (3, 46)
    assert SCAN.signature_mark.match("3—398 33") and not SCAN.signature_mark.match("1933")
    assert SCAN.misread_markers == "♦"
    assert SCAN.short_misreads["las"] == "as"
    assert "no" in SCAN.nouns_before_land  # a YAML 1.1 "no" kept as the word, not read as false
    assert "é" in SCAN.report_characters and "■" not in SCAN.report_characters
    assert "pp." in SCAN.abbreviations


def test_the_short_misreads_are_never_the_books_words():
    """scan.yml says so of them: the proofread text of the whole book bears it out (whole
    words only: a line's first and last may be halves, "Ital-" / "ian")."""
    words = set()
    for row in load_transcription(SOURCE / "proofreading" / "transcription.tsv").values():
        text = row.text.replace("à la ", "à ")  # French, which fix_short_misread leaves alone
        words |= {w.strip(".,;:!?“”‘’()").lower() for w in text.split()[1:-1]}
    assert len(words) > 3000  # the vocabulary of the whole book
    assert words.isdisjoint(SCAN.short_misreads)


def test_without_a_scan_file_nothing_is_assumed(tmp_path):
    scan = load_scan(tmp_path / "scan.yml")
    assert scan == Scan()
    assert not scan.short_misreads and not scan.signature_mark.match("3—398 33")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("page_gap:\n  value: 3\n", "'page_gap' must be a mapping with 'value' and a one-line 'why'"),
        ("page_gap:\n  value: three\n  why: w\n", "'page_gap': value must be a int"),
        ("short_line:\n  value: 0\n  why: w\n", "'short_line' must be at least 1"),
        ("signature_mark:\n  value: '(['\n  why: w\n", "'signature_mark':"),
        ("nouns_before_land:\n  value: [the, 3]\n  why: w\n", "every item must be a word"),
        ("\n\npage_gaps:\n  value: 3\n  why: w\n", "unknown key 'page_gaps'"),
    ],
)
def test_a_bad_scan_file_is_refused_with_its_line(tmp_path, text, problem):
    path = tmp_path / "scan.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_scan(path)
    message = str(caught.value)
    assert problem in message
    assert re.search(r"scan\.yml:[1-9]\d*: ", message), message


def test_a_made_up_books_own_scan_file_decides(tmp_path):
    """The made-up book of test_another_book.py, its page-foot marker scanned as "♦": only
    its own scan.yml (`misread_markers`) makes the line a page-foot note again."""
    import prepare
    from test_another_book import BOOK_YML, OCR, SCAN_YML

    source = tmp_path / "source"
    source.mkdir()
    (source / "book.yml").write_text(BOOK_YML, encoding="utf-8")
    (source / "scan.yml").write_text(SCAN_YML, encoding="utf-8")
    damaged = [line.replace("*See the Works", "♦See the Works") for line in OCR]
    (source / "small.ocr.txt").write_text("\n".join(damaged) + "\n", encoding="utf-8")
    assert prepare.main(["--source", str(source), "--docs", str(tmp_path / "plain")]) == 0
    plain = (tmp_path / "plain" / "opening.md").read_text(encoding="utf-8")
    assert "page-foot-note" not in plain and "♦See the Works" in plain  # left as text

    scan = SCAN_YML + "misread_markers:\n  value: ♦\n  why: this scan reads the asterisk as a lozenge\n"
    (source / "scan.yml").write_text(scan, encoding="utf-8")
    assert prepare.main(["--source", str(source), "--docs", str(tmp_path / "docs")]) == 0
    opening = (tmp_path / "docs" / "opening.md").read_text(encoding="utf-8")
    # the asterisk is the marker again: a link to the page-foot note, with the marker's id
    assert re.search(r"cites the Works\[&#42;\]\(#ed1\)\{:? ?#ref-ed1 ", opening)
    assert "See the Works, Vol. 1, p. 2.—Ed." in opening
    assert "♦" not in opening
