"""The English words' past answers (.cache/): the same answers as the whole list, a broken cache
file only slower."""

import re

import pytest
from conftest import SOURCE
from edition import lexicon
from edition.lexicon import english_words, is_english


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache folder, nothing remembered in this process."""
    monkeypatch.setattr(lexicon, "CACHE", tmp_path)
    lexicon.past_answers.cache_clear()
    lexicon.save_at_exit.cache_clear()
    yield tmp_path
    lexicon.past_answers.cache_clear()
    lexicon.save_at_exit.cache_clear()


def book_words() -> list[str]:
    text = (SOURCE / "my-recollections-of-lenin.ocr.txt").read_text(encoding="utf-8")
    return sorted({word.lower() for word in re.findall(r"[A-Za-z']+", text)})


def test_past_answers_are_the_word_lists_answers(fresh_cache):
    words = book_words()
    first = [is_english(word) for word in words]
    assert first == [word in english_words() for word in words]
    assert 0 < sum(first) < len(words)  # the scan has misread words too
    lexicon.save_answers(lexicon.past_answers(), lexicon.word_list_stamp())
    lexicon.past_answers.cache_clear()
    assert len(lexicon.past_answers()) == len(words)  # read back from the file
    assert [is_english(word) for word in words] == first


def test_a_broken_cache_file_is_only_slower(fresh_cache):
    (fresh_cache / f"en-answers-{lexicon.word_list_stamp()}.marshal").write_bytes(b"\x00not marshal")
    assert is_english("revolution") and not is_english("wias")
