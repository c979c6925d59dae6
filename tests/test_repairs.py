"""Each OCR repair on real lines of the book: what it fixes, and the real words it leaves."""

import difflib
import itertools
import re

import pytest
from conftest import SOURCE
from edition.lexicon import Lexicon
from edition.repairs import (
    drop_spurious_i_before_inner_a,
    drop_spurious_letter_before_a,
    drop_stray_mark_before_word,
    fix_short_misread,
    remove_stray_apostrophe_in_word,
    remove_stray_hyphen_in_word,
    restore_all_read_as_tall,
    restore_and_read_as_land,
    split_line,
    strip_line_start_junk,
    word_changes,
)
from edition.scan import load_scan

PLAIN = Lexicon()
SCAN = load_scan(SOURCE / "scan.yml")


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        (
            "?■ I consider it my duty to make public every scrap of in",
            "I consider it my duty to make public every scrap of in",
        ),
        (
            "t. “A great goal brightens the world. This historic mo",
            "“A great goal brightens the world. This historic mo",
        ),
        ("*and friendly care. When Lenin arrived", "and friendly care. When Lenin arrived"),
        ("/ “ I open the Reichstag", "“ I open the Reichstag"),
    ],
)
def test_line_start_junk_removed(raw, fixed):
    assert strip_line_start_junk(raw, PLAIN, SCAN) == fixed


@pytest.mark.parametrize(
    "line",
    ["“Take a good look at that man.", "I was at Clara’s on the first", "1 Karlstadt (1480-1541)"],
)
def test_line_start_words_kept(line):
    assert strip_line_start_junk(line, PLAIN, SCAN) == line


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("iand", "and"),
        ("tand", "and"),
        ("1a", "a"),
        ("iare", "are"),
        ("wias", "wias"),
        (".are", "are"),
        ("lagainst", "against"),
        ("iamong", "among"),
    ],
)
def test_spurious_letter_before_a(raw, fixed):
    assert drop_spurious_letter_before_a(raw, PLAIN, SCAN) == fixed


@pytest.mark.parametrize("word", ["land", "tall", "sand", "last", "iambic", "Ilyich", "stand", "sail"])
def test_spurious_letter_leaves_real_words(word):
    assert drop_spurious_letter_before_a(word, PLAIN, SCAN) == word


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("wias", "was"),
        ("thiat", "that"),
        ("Piarty", "Party"),
        ("hiave", "have"),
        ("fiact,", "fact,"),
        ("piamphlet", "pamphlet"),
    ],
)
def test_spurious_i_before_inner_a(raw, fixed):
    assert drop_spurious_i_before_inner_a(raw, PLAIN, SCAN) == fixed


@pytest.mark.parametrize("word", ["Russia", "social", "Asia", "brilliant", "dictatorial", "initial"])
def test_inner_ia_of_real_words_kept(word):
    assert drop_spurious_i_before_inner_a(word, PLAIN, SCAN) == word


def test_apostrophes_inside_words():
    assert remove_stray_apostrophe_in_word("figu'res", PLAIN, SCAN) == "figures"
    assert remove_stray_apostrophe_in_word("a'bout", PLAIN, SCAN) == "about"
    assert remove_stray_apostrophe_in_word("Moscow's", PLAIN, SCAN) == "Moscow's"
    assert remove_stray_apostrophe_in_word("don't", PLAIN, SCAN) == "don't"


def test_hyphen_inside_a_name_but_not_a_compound(lexicon):
    assert remove_stray_hyphen_in_word("Liebknec-ht;", lexicon, SCAN) == "Liebknecht;"
    assert remove_stray_hyphen_in_word("strong-willed", lexicon, SCAN) == "strong-willed"
    assert remove_stray_hyphen_in_word("self-possession,", lexicon, SCAN) == "self-possession,"


def test_stray_mark_before_word():
    assert drop_stray_mark_before_word("-clearly", PLAIN, SCAN) == "clearly"
    assert drop_stray_mark_before_word(".With", PLAIN, SCAN) == "With"
    assert drop_stray_mark_before_word("—the", PLAIN, SCAN) == "—the"
    assert drop_stray_mark_before_word("-4", PLAIN, SCAN) == "-4"


def test_short_misreads_in_context():
    assert fix_short_misread("Lenin had la smile".split(), PLAIN, SCAN) == "Lenin had a smile".split()
    assert fix_short_misread("care of him las we".split(), PLAIN, SCAN) == "care of him as we".split()
    assert fix_short_misread("is à la rebours,".split(), PLAIN, SCAN) == "is à la rebours,".split()


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("how close land dear the Soviet land was", "how close and dear the Soviet land was"),
        ("to Russia’s proletariat sand", "to Russia’s proletariat and"),
        ("into a kind of sport, land of those", "into a kind of sport, and of those"),
        ("all over the land. But I", "all over the land. But I"),
        ("in ‘the land of thinkers", "in ‘the land of thinkers"),
        ("peasants, whose land", "peasants, whose land"),
    ],
)
def test_and_read_as_land_only_where_no_noun_can_stand(raw, fixed):
    assert " ".join(restore_and_read_as_land(raw.split(), PLAIN, SCAN)) == fixed


def test_all_read_as_tall_or_fall():
    assert restore_all_read_as_tall("in tall social".split(), PLAIN, SCAN) == ["in", "all", "social"]
    assert restore_all_read_as_tall("does not fall into".split(), PLAIN, SCAN) == [
        "does",
        "not",
        "fall",
        "into",
    ]


def test_broken_words_at_line_ends_are_left_out():
    # "Ital" / "ian delegations": the "ian" is half a word, not a misread "an"
    head, body, tail = split_line("ian delegations. Comrade", True, False)
    assert head == "ian" and body == " delegations. Comrade"
    head, body, tail = split_line("representatives of organized la", False, True)
    assert tail == "la"


def test_every_rule_change_is_on_record_with_its_place(doc):
    rule_edits = [edit for edit in doc.edits if edit.kind == "rule"]
    assert rule_edits, "the rules changed nothing"
    first_iand = next(e for e in rule_edits if e.before == "iand")
    assert (first_iand.after, first_iand.rule) == ("and", "drop-spurious-letter-before-a")
    assert doc.lines[first_iand.line - 1].raw.count("iand") >= 1
    assert first_iand.page == doc.lines[first_iand.line - 1].page


def difflib_changes(before: str, after: str) -> list[tuple[str, str]]:
    """word_changes as difflib alone gives it: what its shortcut must agree with."""
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [
        (" ".join(old[a1:a2]), " ".join(new[b1:b2]))
        for op, a1, a2, b1, b2 in matcher.get_opcodes()
        if op != "equal"
    ]


@pytest.mark.parametrize(("letters", "longest"), [("abc", 4), ("ab", 6)])
def test_word_changes_agrees_with_difflib_on_every_short_line(letters, longest):
    lines = [" ".join(words) for n in range(longest + 1) for words in itertools.product(letters, repeat=n)]
    for before in lines:
        for after in lines:
            assert word_changes(before, after) == difflib_changes(before, after), (before, after)


def test_word_changes_agrees_with_difflib_on_the_book(doc):
    for line in doc.lines:
        assert word_changes(line.raw, line.text) == difflib_changes(line.raw, line.text), line.number


def test_split_line_keeps_out_the_broken_words_a_regex_would_find():
    def by_regex(line: str, starts_mid: bool, ends_mid: bool) -> tuple[str, str, str]:
        head, body, tail = "", line, ""
        if starts_mid and (match := re.match(r"\s*\S+", body)):
            head, body = body[: match.end()], body[match.end() :]
        if ends_mid and (match := re.search(r"\S+\s*$", body)):
            body, tail = body[: match.start()], body[match.start() :]
        return head, body, tail

    for length in range(7):
        for letters in itertools.product("a \t\xa0b", repeat=length):
            line = "".join(letters)
            for starts_mid, ends_mid in itertools.product((False, True), repeat=2):
                assert split_line(line, starts_mid, ends_mid) == by_regex(line, starts_mid, ends_mid)
