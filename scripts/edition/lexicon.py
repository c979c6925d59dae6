"""Word knowledge: a maintained English word list plus the book's own vocabulary (names.yml).

The word list is pyspellchecker's English frequency dictionary (pinned in the lock file, so
every machine decides the same way). It lacks British spellings and the book's proper names;
names.yml supplies them, reviewed, one entry each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .errors import SourceError
from .yamlfile import item_line, line_of, load_yaml

SECTIONS = ("names", "words")


@cache
def english_words() -> frozenset[str]:
    """Lower-case words of pyspellchecker's English dictionary, read once a process.

    Read straight from the package's word-frequency file (the data its SpellChecker loads,
    without building its frequency table); through the public API if the file has moved.
    """
    import gzip
    import json
    from importlib.resources import files

    try:
        data = (files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    except (FileNotFoundError, OSError):
        from spellchecker import SpellChecker

        return frozenset(SpellChecker(language="en", distance=1).word_frequency.dictionary)
    return frozenset(json.loads(gzip.decompress(data)))


def is_english(word: str) -> bool:
    """Is the lower-case `word` in the English list?

    >>> is_english("revolution"), is_english("wias")
    (True, False)
    """
    return word in english_words()


@dataclass
class Lexicon:
    """What counts as a word: the English list, the book's names and words (both case-folded)."""

    book_words: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)

    def knows(self, word: str) -> bool:
        """Is `word` (any case, possessive allowed) a known word?

        >>> Lexicon().knows("Revolution")
        True
        >>> Lexicon().knows("wias")
        False
        """
        folded = word.lower().replace("’", "'")
        for candidate in (folded, folded.removesuffix("'s"), folded.removesuffix("'")):
            if candidate in self.book_words or is_english(candidate):
                return True
            if candidate in self.names:
                return True
        return False


def load_lexicon(path: Path | None) -> Lexicon:
    """names.yml → Lexicon; a duplicate entry is an error naming its line."""
    lexicon = Lexicon()
    if path is None or not path.exists():
        return lexicon
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise SourceError(path, line_of(data, 1), "names.yml must be a mapping with 'names' and 'words'")
    seen: dict[str, int] = {}
    for section in SECTIONS:
        entries = data.get(section, []) or []
        if not isinstance(entries, list):
            raise SourceError(path, item_line(data, section), f"'{section}' must be a list")
        for index, entry in enumerate(entries):
            line = item_line(entries, index)
            if not isinstance(entry, str) or not entry.strip():
                raise SourceError(path, line, f"'{section}': entry {entry!r} is not a word")
            key = entry.lower()
            if key in seen:
                raise SourceError(path, line, f"duplicate entry {entry!r} (first at line {seen[key]})")
            seen[key] = line
            target = lexicon.names if section == "names" else lexicon.book_words
            target.add(key)
    return lexicon
