"""Paragraphs rebuilt from lines: breaks, spurious blank lines, words rejoined at line ends."""

from collections import Counter

from conftest import SOURCE
from edition.corrections import Corrections
from edition.lexicon import Lexicon
from edition.model import Line
from edition.paragraphs import (
    PUNCTUATION,
    SENTENCE_END,
    Vocabulary,
    ends_sentence,
    join,
    join_kind,
    starts_paragraph,
)
from edition.scan import load_scan

NONE = Corrections(None, [], {}, {})
EMPTY = Vocabulary(Counter(), Counter())
SCAN = load_scan(SOURCE / "scan.yml")


def line(number, raw, page_start=False):
    return Line(number, raw, raw, page_start=page_start)


def test_word_broken_without_hyphen_joins_solid():
    left = line(68, "you will still be fighting in the front ranks of the Com")
    right = line(70, "munist International.”")
    assert join(left, right, EMPTY, Lexicon(), NONE) == ""


def test_real_compound_keeps_its_hyphen(lexicon):
    left = line(205, "Note his cranium: how stubborn, strong- ")
    right = line(206, "willed it is.”")
    assert join(left, right, EMPTY, lexicon, NONE) == "-"


def test_line_end_hyphen_of_a_broken_word_goes(lexicon):
    left = line(1006, "law governing the activ-")
    right = line(1007, " ities of the communist parties", page_start=True)
    assert join_kind("activ", "ities", EMPTY, lexicon) == "solid"
    assert join(left, right, EMPTY, lexicon, NONE) == ""


def test_a_reviewed_join_overrides_the_word_list(doc):
    # "Sparta-" / "cans10": both halves are words, so only the reviewed entry makes it solid
    masses = doc.part("memorandum-book")
    assert any("old Spartacans with the left wing" in b.text for b in masses.blocks)


def test_book_usage_decides_before_the_word_list():
    hyphenated = Vocabulary(Counter(), Counter({"every-day": 2}))
    solid = Vocabulary(Counter({"everyday": 1}), Counter())
    assert join_kind("every", "day’s", hyphenated, Lexicon()) == "hyphen"
    assert join_kind("every", "day’s", solid, Lexicon()) == "solid"


def test_line_ending_with_a_space_ended_its_word():
    left = line(5, "The present edition of Clara Zetkin’s My Recollections ")
    right = line(6, "of Lenin comprises the following items published before ")
    assert join(left, right, EMPTY, Lexicon(), NONE) == " "


def test_two_words_at_a_page_end_stay_apart():
    # raw 1209/1210: "As" ends a page, " a disciplined" opens the next
    left = line(1209, "hands. As")
    right = line(1210, " a disciplined Communist he must submit", page_start=True)
    assert join(left, right, EMPTY, Lexicon(), NONE) == " "


def test_em_dash_joins_close():
    left = line(1411, "them but the majority of all the exploited and oppressed—")
    right = line(1412, "not only the workers")
    assert join(left, right, EMPTY, Lexicon(), NONE) == ""


def test_spurious_blank_line_mid_sentence_is_ignored():
    left = line(75, "* Clara Zetkin was elected to the Reichstag and as she ")
    right = line(77, "happened to be its oldest member it was her right and ")
    assert not starts_paragraph(left, right, NONE, SCAN)


def test_paragraph_break_without_blank_line():
    left = line(177, "a hunt for popularity reflecting mere vanity.")
    right = line(178, "I consider it my duty to make public every scrap of in")
    assert starts_paragraph(left, right, NONE, SCAN)


def test_full_line_at_a_page_end_runs_on():
    left = line(1048, "again. I am going to show you that this is not so, I shall prove it.")
    right = line(1050, "ahead of me, but I’ll follow you", page_start=True)
    assert not starts_paragraph(left, right, NONE, SCAN)


def test_paragraph_counts_per_part(doc):
    counts = {p.slug: sum(b.kind == "paragraph" for b in p.blocks) for p in doc.parts}
    assert counts["preface"] == 3
    assert counts["foreword"] == 10  # raw lines 33, 41, 71, 76, 97, 106, 110, 121, 130, 142
    assert all(count > 40 for slug, count in counts.items() if slug in ("recollections", "memorandum-book"))


def test_no_line_break_debris_in_any_paragraph(doc):
    for part in doc.parts:
        for block in part.blocks:
            assert "  " not in block.text and "\n" not in block.text
            assert not block.text.startswith(" ") and not block.text.endswith(" ")
            assert "¬" not in block.text


def test_vocabulary_counts_every_inner_word_of_the_book_as_one_by_one_would(doc):
    # Vocabulary.of trims each spelling once; counting word by word must give the same tallies
    solid, hyphenated = Counter(), Counter()
    for text_line in (line for line in doc.lines if line.is_text):
        for word in text_line.text.split()[1:-1]:
            core = word.strip(PUNCTUATION).lower()
            if "-" in core:
                hyphenated[core] += 1
            elif core:
                solid[core] += 1
    vocabulary = Vocabulary.of([line for line in doc.lines if line.is_text])
    assert (vocabulary.solid, vocabulary.hyphenated) == (solid, hyphenated)


def test_the_sentence_end_prefilter_skips_no_line_the_pattern_would_match(raw_lines, doc):
    # ends_sentence searches only lines whose last character could end a match of SENTENCE_END
    texts = [*raw_lines, *(line.text for line in doc.lines), "p. ١٢", "(1921)", "said.”²", "Yes.3"]
    for text in (text.rstrip() for text in texts):
        assert ends_sentence(text) == bool(SENTENCE_END.search(text)), text
