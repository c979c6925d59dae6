"""Word knowledge: a maintained English word list plus the book's own vocabulary (names.yml).

The word list is pyspellchecker's English frequency dictionary (pinned in the lock file, so
every machine decides the same way). It lacks British spellings and the book's proper names;
names.yml supplies them, reviewed, one entry each.
"""

from __future__ import annotations

import atexit
import marshal
import os
from dataclasses import dataclass, field
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from .errors import SourceError
from .yamlfile import item_line, line_of, load_yaml

SECTIONS = ("names", "words")


CACHE = Path(__file__).resolve().parents[2] / ".cache" / "edition"


@cache
def english_words() -> frozenset[str]:
    """Lower-case words of pyspellchecker's English dictionary.

    Read straight from the package's word-frequency file (the data its SpellChecker loads),
    and kept in .cache/ as a pickle named after that file's hash: parsing the JSON costs more
    than the rest of the preprocessing. Through the public API if the file has moved.
    """
    # imported here: a run that has its past answers (is_english) never reads the list
    import gzip
    import hashlib
    import json
    import pickle
    from importlib.resources import files

    resource = files("spellchecker") / "resources" / "en.json.gz"
    try:
        data = resource.read_bytes()
    except (FileNotFoundError, OSError):
        from spellchecker import SpellChecker

        return frozenset(SpellChecker(language="en", distance=1).word_frequency.dictionary)
    cached = CACHE / f"en-words-{hashlib.sha256(data).hexdigest()[:16]}.pickle"
    try:
        return pickle.loads(cached.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    words = frozenset(json.loads(gzip.decompress(data)))
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(words, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(cached)
    except OSError:
        pass  # a read-only checkout still works, only slower
    return words


ANSWERS_KEPT = 50_000  # past answers kept between runs; beyond it (random damage) start afresh


@cache
def word_list_stamp() -> str:
    """Names the installed word list without reading it (nor importing its package): its size
    and modification time; "" if it is not a plain file."""
    spec = find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        return ""
    resource = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en.json.gz"
    try:
        stat = resource.stat()
    except OSError:
        return ""
    return f"{stat.st_size}-{stat.st_mtime_ns}"


@cache
def past_answers() -> dict[str, bool]:
    """Word → in the English list?, as answered by earlier runs (.cache/, named after the word
    list's stamp): the book asks about the same few thousand words every time, and reading these
    costs a tenth of building the 160,000-word set. New answers are saved when the process ends."""
    stamp = word_list_stamp()
    answers: dict[str, bool] = {}
    if stamp:
        try:
            loaded = marshal.loads((CACHE / f"en-answers-{stamp}.marshal").read_bytes())
            answers = loaded if isinstance(loaded, dict) else {}
        except (OSError, EOFError, ValueError, TypeError):
            answers = {}
    return answers


def save_answers(answers: dict[str, bool], stamp: str) -> None:
    """Keeps the answers for the next run (written aside, then swapped in: never half a file)."""
    if len(answers) > ANSWERS_KEPT:
        return
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        cached = CACHE / f"en-answers-{stamp}.marshal"
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps(answers))
        temporary.replace(cached)
    except OSError:
        pass  # a read-only checkout still works, only slower


def is_english(word: str) -> bool:
    """Is the lower-case `word` in the English list? The same answer as `word in
    english_words()`, from the past answers when they have it (the list is then not read).

    >>> is_english("revolution"), is_english("wias")
    (True, False)
    """
    answers = past_answers()
    known = answers.get(word)
    if known is None:
        save_at_exit()
        known = answers[word] = word in english_words()
    return known


@cache
def save_at_exit() -> None:
    """Once a process has a new answer: save them all when it ends."""
    stamp = word_list_stamp()
    if stamp:
        atexit.register(save_answers, past_answers(), stamp)


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
