"""The suspects report: each check finds what it should on real text, and the edition has no
finding that is neither fixed nor accepted with a reason."""

from conftest import SOURCE
from edition.book import PartSpec
from edition.lexicon import Lexicon
from edition.model import Block, Document, Line, Part
from edition.report import (
    check_digits_in_words,
    check_he_be,
    check_hyphenation,
    check_lower_case_after_stop,
    check_punctuation,
    check_quotes,
    check_scannos,
    check_spelling,
    load_accepted,
    stale_acceptances,
    unreviewed,
)
from edition.scan import load_scan

SCAN = load_scan(SOURCE / "scan.yml")


def tiny_doc(*paragraphs: str) -> Document:
    part = Part(PartSpec("part", "Part", "PART", "PART", 10), heading=Line(1, "PART", "PART", page=10))
    for number, text in enumerate(paragraphs, start=1):
        line = Line(number, text, text, page=10)
        part.blocks.append(Block("paragraph", [line], text=text, line_offsets=[0]))
    return Document(book=None, lines=[], parts=[part])


def codes(findings):
    return [f.code for f in findings]


def test_spelling_flags_the_unknown_once_with_count():
    doc = tiny_doc("greatness iand wias", "it wias so")
    found = check_spelling(doc, Lexicon())
    assert sorted(f.subject for f in found) == ["iand", "wias"]
    assert "(2×)" in next(f.message for f in found if f.subject == "wias")


def test_names_file_silences_a_name():
    assert check_spelling(tiny_doc("Krupskaya wrote"), Lexicon(names={"krupskaya"})) == []


def test_scannos_and_he_be():
    doc = tiny_doc("I bad seen him arid then be said it was to he done")
    assert [f.subject.split("@")[0] for f in check_scannos(doc)] == ["bad", "arid"]
    found = [(f.code, f.message) for f in check_he_be(doc)]
    assert found == [("S003", "'be said': a misread 'he'?"), ("S003", "'to he': a misread 'be'?")]


def test_hyphenation_variants():
    doc = tiny_doc("the every-day life", "everyday events")
    assert codes(check_hyphenation(doc)) == ["S004"]
    assert check_hyphenation(tiny_doc("a strong-willed man")) == []


def test_quotes_may_run_on_into_the_next_paragraph_only_if_it_reopens():
    assert check_quotes(tiny_doc("“We must go on.", "“And we shall.”")) == []
    assert codes(check_quotes(tiny_doc("“We must go on.", "And we shall."))) == ["S005"]


def test_punctuation_and_full_stop_before_lower_case():
    doc = tiny_doc("he came , and went.. then", "i.e., the U.S.S.R., etc. all well")
    found = check_punctuation(doc)
    assert {f.message.split(":")[0] for f in found} == {"a space before punctuation", "two full stops"}
    assert codes(check_lower_case_after_stop(tiny_doc("We came. then went", "Vol. 32, p. 18"), SCAN)) == [
        "S009"
    ]


def test_digit_in_word_but_not_ordinals():
    assert codes(check_digits_in_words(tiny_doc("the Leghorn3 Congress"))) == ["S010"]
    assert check_digits_in_words(tiny_doc("4th Russ. ed., an 8-hour day")) == []


def test_the_edition_has_no_unreviewed_finding(doc, lexicon):
    accepted = load_accepted(SOURCE / "accepted.yml")
    assert [str(f) for f in unreviewed(doc, lexicon, accepted)] == []


def test_no_acceptance_is_stale(doc, lexicon):
    accepted = load_accepted(SOURCE / "accepted.yml")
    assert stale_acceptances(doc, lexicon, accepted) == []
