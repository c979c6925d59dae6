"""corrections.yml: entries apply once, exactly; stale, doubled or clashing entries stop the build."""

from bisect import bisect_right
from itertools import accumulate

import pytest
from edition.corrections import (
    apply_text_corrections,
    check_layout_decisions,
    index_words,
    load_corrections,
    occurrences,
)
from edition.errors import SourceError
from edition.model import Document, Line
from edition.pipeline import Sources, build
from hypothesis import given, settings
from hypothesis import strategies as st


def write(source, text: str):
    path = source / "corrections.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_real_corrections_all_apply(doc):
    applied = [edit for edit in doc.edits if edit.kind == "correction"]
    fixes = load_corrections(doc.book.path.parent / "corrections.yml")
    layout = len(fixes.paragraphs) + len(fixes.joins)
    assert len(applied) == len(fixes.texts) + layout
    assert len(fixes.texts) > 200 and layout > 0


def test_an_entry_reaches_the_text(doc):
    # raw "trtfeune of the proletarian revolution" (line 42) is a garbled "tribune"
    foreword = doc.part("foreword")
    assert any("tribune of the proletarian revolution" in b.text for b in foreword.blocks)
    assert not any("trtfeune" in b.text for b in foreword.blocks)


def test_entry_matching_nothing_names_its_line(source_copy):
    path = write(source_copy, '- raw: "no such words in the book"\n  text: "x"\n  why: "test"\n')
    with pytest.raises(SourceError) as error:
        build(Sources(source_copy))
    assert error.value.path == path and error.value.line == 1
    assert "matches nothing" in str(error.value)


def test_entry_matching_twice_is_ambiguous(source_copy):
    write(source_copy, '- raw: "iand"\n  text: "and"\n  why: "test"\n')
    with pytest.raises(SourceError) as error:
        build(Sources(source_copy))
    assert error.value.line == 1
    assert "add context" in str(error.value)


def test_overlapping_entries_conflict(tmp_path, doc):
    path = tmp_path / "corrections.yml"
    path.write_text(
        '- raw: "trtfeune of the"\n  text: "tribune of the"\n  why: "a"\n'
        '- raw: "trtfeune"\n  text: "tribune"\n  why: "b"\n',
        encoding="utf-8",
    )
    fixes = load_corrections(path)
    fresh = Document(doc.book, [Line(line.number, line.raw, line.raw, line.page) for line in doc.lines])
    with pytest.raises(SourceError) as error:
        apply_text_corrections(fresh, fixes)
    assert "overlaps the entry at line 1" in str(error.value)


def test_entry_without_reason_is_refused(tmp_path):
    path = tmp_path / "corrections.yml"
    path.write_text('- raw: "trtfeune"\n  text: "tribune"\n', encoding="utf-8")
    with pytest.raises(SourceError, match="reason"):
        load_corrections(path)


def test_stale_layout_entry_is_refused(tmp_path, doc):
    path = tmp_path / "corrections.yml"
    path.write_text('- line: 42\n  raw: "some other text"\n  paragraph: break\n  why: "t"\n')
    with pytest.raises(SourceError, match="stale"):
        check_layout_decisions(doc, load_corrections(path))


def test_rule_touching_a_corrected_line_is_refused(source_copy):
    # an entry fixing only "trtfeune" on line 42 leaves nothing for a rule there, but one on
    # line 55 (“together with Rosa Luxemburg”) would leave a rule's "land" fix on line 53 alone.
    # Line 57 has a stray apostrophe a rule removes: an entry there must fold that change in.
    text = (source_copy / "corrections.yml").read_text(encoding="utf-8")
    text = text.replace(
        "- raw: \"'banner of proletarian internationalism. You'\"\n"
        '  text: "banner of proletarian internationalism. You"',
        '- raw: "internationalism. You\'"\n  text: "internationalism. You"',
    )
    (source_copy / "corrections.yml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        build(Sources(source_copy))
    assert "would also change raw line 57" in str(error.value)


def _pieces_of(raw: str) -> set[str]:
    """What an entry may quote from a raw line: each word, whole, cut at both ends, or with the
    spaces around it; each pair of neighbours, cut at the outer ends."""
    words = raw.split()
    found = set()
    for word in words:
        found.update({word, word[1:-1], f" {word} "})
    for left, right in zip(words, words[1:], strict=False):
        found.add(f"{left[1:]} {right[:-1]}")
    return {piece for piece in found if piece.strip()}


def _search_whole_file(lines: list[str]):
    """The reference: every occurrence in the whole file, as (line index, start in the line)."""
    whole = "\n".join(lines)
    line_starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))

    def search(raw: str) -> list[tuple[int, int]]:
        found, at = [], whole.find(raw)
        while at != -1:
            index = bisect_right(line_starts, at) - 1
            found.append((index, at - line_starts[index]))
            at = whole.find(raw, at + 1)
        return found

    return search


def test_word_index_finds_what_the_whole_file_search_finds(raw_lines):
    # the index only narrows the lines searched: over every word of the book and its pieces,
    # the occurrences found are those a search of the whole file finds
    index, search = index_words(raw_lines), _search_whole_file(raw_lines)
    pieces = set().union(*map(_pieces_of, raw_lines))
    assert len(pieces) > 20000
    for piece in pieces:
        assert occurrences(raw_lines, index, piece) == search(piece), piece


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text("ab \u2028.", max_size=12), min_size=1, max_size=6),
    st.text("ab \u2028.\n", min_size=1, max_size=5),
)
def test_word_index_on_any_text(lines, raw):
    assert occurrences(lines, index_words(lines), raw) == _search_whole_file(lines)(raw)
