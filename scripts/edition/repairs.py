"""OCR repairs: one small pure function per kind of damage, each with a real example.

Every repair works on one printed line and returns the line changed or unchanged; the pass
at the bottom (`repair_lines`) runs them in order, records each change with its line and page,
and refuses to touch a line that a corrections.yml entry has settled. A word broken at either
end of a line is passed over (its other half is on the next line), so that "Ital" / "ian" is
never read as a spurious "ian".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from .errors import SourceError
from .lexicon import Lexicon
from .model import Document, Edit, Line
from .scan import Scan

TOKEN = re.compile(r"\S+")
# letters a spurious character is misread as, before a word that starts with "a"
SPURIOUS_LEADS = "iltIs1.'>"
CONTRACTIONS = ("s", "t", "ll", "re", "ve", "d", "m")


@dataclass(frozen=True)
class Repair:
    """A named repair: `fix(word_or_line, lexicon)`, and its one-line why."""

    name: str
    why: str
    fix: Callable[..., object]  # a word, a line or a list of words in, the same out


LINE_START_JUNK_PATTERN = re.compile(r"^\s*(?:\?■|■|•|/|t\.|\*)\s*(?=[“‘\"'A-Za-z])")


def strip_line_start_junk(line: str, lexicon: Lexicon, scan: Scan) -> str:
    """Remove scanner debris before the first word of a line.

    >>> strip_line_start_junk("?■ I consider it my duty to make public every scrap of in", Lexicon(), Scan())
    'I consider it my duty to make public every scrap of in'
    >>> strip_line_start_junk("/ “ I open the Reichstag in discharge of my duty as its ", Lexicon(), Scan())
    '“ I open the Reichstag in discharge of my duty as its '

    A section break "* * *" and an editor's footnote are not junk: they never reach here
    (the line classifier sets them apart first).
    """
    return LINE_START_JUNK_PATTERN.sub("", line)


def drop_spurious_letter_before_a(word: str, lexicon: Lexicon, scan: Scan) -> str:
    """A stray character read in front of a word that begins with "a".

    >>> drop_spurious_letter_before_a("iand", Lexicon(), Scan())
    'and'
    >>> drop_spurious_letter_before_a("1a", Lexicon(), Scan())
    'a'
    >>> drop_spurious_letter_before_a("land", Lexicon(), Scan())  # a real word: left to the context rule
    'land'
    """
    core, tail = _split_trailing_punctuation(word)
    if core.lower() in scan.short_misreads:
        return word  # decided by fix_short_misread, which sees the neighbours
    if len(core) < 2 or core[0] not in SPURIOUS_LEADS or core[1] != "a":
        return word
    rest = core[1:]
    if core[0] in ".'>" or (not lexicon.knows(core) and lexicon.knows(rest)) or rest == "a":
        return rest + tail
    return word


def drop_spurious_i_before_inner_a(word: str, lexicon: Lexicon, scan: Scan) -> str:
    """An "i" read before an "a" inside a word: "thiat", "Piarty", "piamphlet".

    >>> drop_spurious_i_before_inner_a("Piarty", Lexicon(), Scan())
    'Party'
    >>> drop_spurious_i_before_inner_a("piamphlet", Lexicon(), Scan())
    'pamphlet'
    >>> drop_spurious_i_before_inner_a("Asia", Lexicon(), Scan())
    'Asia'
    """
    core, tail = _split_trailing_punctuation(word)
    if "ia" not in core or lexicon.knows(core):
        return word
    candidate = core.replace("ia", "a")
    return candidate + tail if lexicon.knows(candidate) else word


def remove_stray_apostrophe_in_word(word: str, lexicon: Lexicon, scan: Scan) -> str:
    """A straight apostrophe inside a word that is no contraction: "Ru'ssia", "figu'res".

    >>> remove_stray_apostrophe_in_word("Ru'ssia,", Lexicon(), Scan())
    'Russia,'
    >>> remove_stray_apostrophe_in_word("don't", Lexicon(), Scan())
    "don't"
    """
    core, tail = _split_trailing_punctuation(word)
    if "'" not in core:
        return word
    match = re.fullmatch(r"([A-Za-z]+)'([A-Za-z]+)", core)
    if not match or match.group(2).lower() in CONTRACTIONS:
        return word
    joined = match.group(1) + match.group(2)
    return joined + tail if lexicon.knows(joined) else word


def remove_stray_hyphen_in_word(word: str, lexicon: Lexicon, scan: Scan) -> str:
    """A hyphen read inside a plain word: "Liebknec-ht".

    >>> remove_stray_hyphen_in_word("Liebknec-ht", Lexicon(names={"liebknecht"}), Scan())
    'Liebknecht'
    >>> remove_stray_hyphen_in_word("self-deception", Lexicon(), Scan())
    'self-deception'
    """
    core, tail = _split_trailing_punctuation(word)
    if "-" not in core:
        return word
    match = re.fullmatch(r"([A-Za-z]+)-([A-Za-z]+)", core)
    if not match:
        return word
    left, right = match.groups()
    joined = left + right
    if lexicon.knows(joined) and not (lexicon.knows(left) and lexicon.knows(right)):
        return joined + tail
    return word


def drop_stray_mark_before_word(word: str, lexicon: Lexicon, scan: Scan) -> str:
    """A hyphen, period, apostrophe or ">" glued to the front of a word: "-clearly", ".With".

    >>> drop_stray_mark_before_word("-clearly", Lexicon(), Scan())
    'clearly'
    >>> drop_stray_mark_before_word("'banner", Lexicon(), Scan())
    'banner'
    >>> drop_stray_mark_before_word("'isms1", Lexicon(), Scan())  # a quote: not a known word after it
    "'isms1"
    """
    if word[:1] not in "-.'>":
        return word
    match = re.fullmatch(r"[-.'>]([A-Za-z]+)(\W*)", word)
    if match and lexicon.knows(match.group(1)) and match.group(1).lower() not in CONTRACTIONS:
        return match.group(1) + match.group(2)
    return word


TRAILING_PUNCTUATION = re.compile(r"(.*?[A-Za-z0-9’])([^A-Za-z0-9’]*)")


def _split_trailing_punctuation(word: str) -> tuple[str, str]:
    if word[-1:].isalnum():
        return word, ""
    match = TRAILING_PUNCTUATION.fullmatch(word)
    return (match.group(1), match.group(2)) if match else (word, "")


WORD_REPAIRS = [
    Repair(
        "drop-spurious-letter-before-a",
        "a stray i, l, t, s, 1 or mark scanned in front of a word beginning with a",
        drop_spurious_letter_before_a,
    ),
    Repair(
        "drop-spurious-i-before-inner-a",
        "an i scanned before an a inside a word",
        drop_spurious_i_before_inner_a,
    ),
    Repair(
        "remove-stray-apostrophe-in-word",
        "a straight apostrophe inside a word that is no contraction",
        remove_stray_apostrophe_in_word,
    ),
    Repair(
        "remove-stray-hyphen-in-word",
        "a hyphen inside a word that is only a word without it",
        remove_stray_hyphen_in_word,
    ),
    Repair(
        "drop-stray-mark-before-word",
        "a hyphen, period, apostrophe or > scanned in front of a word",
        drop_stray_mark_before_word,
    ),
]


def fix_short_misread(words: list[str], lexicon: Lexicon, scan: Scan) -> list[str]:
    """Short OCR forms that are words in a list but never this book's: "ia" → "a", "las" → "as"
    (scan.yml's `short_misreads`).

    >>> misreads = Scan(short_misreads={"la": "a", "las": "as"})
    >>> fix_short_misread("give la peculiar flavour".split(), Lexicon(), misreads)
    ['give', 'a', 'peculiar', 'flavour']
    >>> fix_short_misread("is à la rebours".split(), Lexicon(), misreads)
    ['is', 'à', 'la', 'rebours']
    """
    out = list(words)
    for i, word in enumerate(words):
        core, tail = _split_trailing_punctuation(word)
        replacement = scan.short_misreads.get(core.lower())
        if replacement is None:
            continue
        previous = words[i - 1].lower() if i else ""
        if core.lower() == "la" and previous in ("a", "à"):
            continue  # French "à la"
        if core[0].isupper():
            replacement = replacement.capitalize()
        out[i] = replacement + tail
    return out


def restore_and_read_as_land(words: list[str], lexicon: Lexicon, scan: Scan) -> list[str]:
    """ "and" scanned as "land" or "sand", told from the noun by the word before it (scan.yml's
    `nouns_before_land`).

    >>> nouns = Scan(nouns_before_land=frozenset({"the", "soviet"}))
    >>> restore_and_read_as_land("wishes land firmly believes".split(), Lexicon(), nouns)
    ['wishes', 'and', 'firmly', 'believes']
    >>> restore_and_read_as_land("the Soviet land was".split(), Lexicon(), nouns)
    ['the', 'Soviet', 'land', 'was']
    """
    out = list(words)
    for i, word in enumerate(words):
        core, tail = _split_trailing_punctuation(word)
        if core not in ("land", "sand"):
            continue
        previous = re.sub(r"\W", "", words[i - 1]).lower() if i else ""
        if i and previous in scan.nouns_before_land and not words[i - 1].endswith(","):
            continue
        if tail and tail not in (",",):
            continue  # "the land." ends a phrase: a noun
        out[i] = "and" + tail
    return out


def restore_all_read_as_tall(words: list[str], lexicon: Lexicon, scan: Scan) -> list[str]:
    """ "all" scanned as "tall" or "fall" where no adjective or verb can stand.

    >>> restore_all_read_as_tall("in tall social strata".split(), Lexicon(), Scan())
    ['in', 'all', 'social', 'strata']
    >>> restore_all_read_as_tall("does not fall into their".split(), Lexicon(), Scan())
    ['does', 'not', 'fall', 'into', 'their']
    """
    out = list(words)
    for i, word in enumerate(words):
        if word not in ("tall", "fall", "—tall"):
            continue
        previous = words[i - 1].lower() if i else ""
        if word.startswith("—") or previous in ("in", "of", "after", "by", "with"):
            out[i] = word.replace("tall", "all").replace("fall", "all")
    return out


PHRASE_REPAIRS = [
    Repair(
        "fix-short-misread",
        "short OCR forms (ia, la, las, lat, tan, tare) that stand for a, as, at, an, are",
        fix_short_misread,
    ),
    Repair(
        "restore-and-read-as-land",
        "“and” scanned with a spurious l or s, where the noun cannot stand",
        restore_and_read_as_land,
    ),
    Repair(
        "restore-all-read-as-tall",
        "“all” scanned with a spurious t or f, where the adjective or verb cannot stand",
        restore_all_read_as_tall,
    ),
]


FIRST_WORD = re.compile(r"\s*\S+")


def split_line(line: str, starts_mid_word: bool, ends_mid_word: bool) -> tuple[str, str, str]:
    """(head, body, tail): the halves of words broken at the line's ends are kept out of body.

    >>> split_line("ian delegations. Comrade Le", True, True)
    ('ian', ' delegations. Comrade ', 'Le')
    """
    head, body, tail = "", line, ""
    if starts_mid_word:
        match = FIRST_WORD.match(body)
        if match:
            head, body = body[: match.end()], body[match.end() :]
    if ends_mid_word and body.strip():
        # the last word and the spaces after it (a regex search for it would try every letter)
        start = len(body.rstrip()) - len(body.rsplit(maxsplit=1)[-1])
        body, tail = body[:start], body[start:]
    return head, body, tail


def repair_words(
    body: str, repair: Repair, lexicon: Lexicon, scan: Scan, known: dict[str, str] | None = None
) -> str:
    """Run one word repair over every word of a line's body; `known` keeps its answers (word →
    repaired word) for the lines to come: "said" is met again and again.

    >>> repair_words("the Piarty in Asia, its piamphlet", WORD_REPAIRS[1], Lexicon(), Scan())
    'the Party in Asia, its pamphlet'
    """
    known = {} if known is None else known

    def repaired(match: re.Match[str]) -> str:
        word = match.group()
        if word not in known:
            known[word] = repair.fix(word, lexicon, scan)
        return known[word]

    return TOKEN.sub(repaired, body)


def repair_bodies(bodies: list[str], lexicon: Lexicon, scan: Scan) -> dict[int, list[tuple[str, str]]]:
    """Run every repair over the lines' bodies: {index: [(repair name, new body)] in order}
    for the bodies that any repair changes.

    Every repair reads every line (no prefilter: see the comment in the loop).

    >>> for name, new_body in repair_bodies(["the Asia", "iand in tall social"], Lexicon(), Scan())[1]:
    ...     print(f"{name}: {new_body}")
    drop-spurious-letter-before-a: and in tall social
    restore-all-read-as-tall: and in all social
    """
    bodies = list(bodies)
    steps: dict[int, list[tuple[str, str]]] = {}
    for repair in WORD_REPAIRS:
        known: dict[str, str] = {}
        # every body and word: the clues that skipped most of them saved 90 ms and cost more reading
        for index in range(len(bodies)):
            new_body = repair_words(bodies[index], repair, lexicon, scan, known)
            if new_body != bodies[index]:
                bodies[index] = new_body
                steps.setdefault(index, []).append((repair.name, new_body))
    for index, body in enumerate(bodies):
        if phrase_steps := phrase_repair_steps(body, lexicon, scan):
            steps.setdefault(index, []).extend(phrase_steps)
    return steps


def phrase_repair_steps(body: str, lexicon: Lexicon, scan: Scan) -> list[tuple[str, str]]:
    """Run the phrase repairs over a line's body: [(repair name, new body)] in order.

    >>> phrase_repair_steps("the discovery was made in tall social", Lexicon(), Scan())
    [('restore-all-read-as-tall', 'the discovery was made in all social')]
    """
    steps: list[tuple[str, str]] = []
    words = TOKEN.findall(body)
    for repair in PHRASE_REPAIRS:
        new_words = repair.fix(words, lexicon, scan)
        if new_words != words:
            body, words = _replace_words(body, new_words), new_words
            steps.append((repair.name, body))
    return steps


def _replace_words(body: str, new_words: list[str]) -> str:
    pieces = iter(new_words)
    return TOKEN.sub(lambda _match: next(pieces), body)


REPAIRS_BY_NAME = {repair.name: repair for repair in [*WORD_REPAIRS, *PHRASE_REPAIRS]}
LINE_START_JUNK = Repair(
    "strip-line-start-junk",
    "scanner debris (?■, /, t., *) before the first word of a line",
    strip_line_start_junk,
)
REPAIRS_BY_NAME[LINE_START_JUNK.name] = LINE_START_JUNK


def repair_lines(doc: Document, lexicon: Lexicon, corrections_path: str = "") -> Document:
    """Run every repair over every text line, recording each change; a settled line is refused."""
    text_lines = [line for line in doc.lines if line.is_text]
    texts = [line.text for line in text_lines]
    junk_free = _junk_stripped(text_lines, texts, lexicon, doc.book.scan)
    for index, text in junk_free.items():
        texts[index] = text
    pieces = _split_lines(text_lines, texts, doc.book.scan)
    body_steps = repair_bodies([body for _head, body, _tail in pieces], lexicon, doc.book.scan)
    for index in sorted(body_steps.keys() | junk_free.keys()):
        head, _body, tail = pieces[index]
        steps = [(LINE_START_JUNK.name, junk_free[index])] if index in junk_free else []
        steps += [(name, head + new_body + tail) for name, new_body in body_steps.get(index, [])]
        _record_steps(doc, text_lines[index], steps, corrections_path)
    return doc


def _junk_stripped(text_lines: list[Line], texts: list[str], lexicon: Lexicon, scan: Scan) -> dict[int, str]:
    """{index: the line's text (`texts`) without its line-start junk}, for the lines with some."""
    stripped = {}
    for index in range(len(texts)):
        text = _without_line_start_junk(text_lines[index], lexicon, scan)
        if text != texts[index]:
            stripped[index] = text
    return stripped


def _split_lines(text_lines: list[Line], texts: list[str], scan: Scan) -> list[tuple[str, str, str]]:
    """Each line's text (`texts`) as `split_line` gives it: words broken across lines set apart."""
    # runs_on[i]: does a word run on from text line i into line i + 1?
    runs_on = [ends_mid_word(line, following, scan) for line, following in pairwise(text_lines)]
    return [
        split_line(text, starts_mid, ends_mid) if starts_mid or ends_mid else ("", text, "")
        for text, starts_mid, ends_mid in zip(texts, [False, *runs_on], [*runs_on, False], strict=True)
    ]


def drop_noise_asterisks(doc: Document, corrections_path: str = "") -> Document:
    """Drop the page-foot marker (book.yml `footnotes.marker`) wherever it marks no note: once
    notes.py has taken the real ones out of the text, what is left is scanner noise."""
    marker = doc.book.footnote_marker
    noise = re.compile(rf" ?{re.escape(marker)}(?= )|{re.escape(marker)}")
    for line in doc.lines:
        if line.kind != "text" or marker not in line.text:
            continue
        if line.corrected_by:
            raise SourceError(
                corrections_path or "corrections.yml",
                line.corrected_by[0],
                f"rule drop-noise-asterisk would also change raw line {line.number}: "
                "fold the asterisk's removal into the entry",
            )
        cleaned = noise.sub("", line.text)
        why = "an asterisk that marks no page-foot note is scanner noise"
        doc.record(
            Edit("drop-noise-asterisk", line.number, line.page, line.text.strip(), cleaned.strip(), why)
        )
        line.text = cleaned
    return doc


def ends_mid_word(line: Line, following: Line, scan: Scan) -> bool:
    """Does the raw layout show a word running on from `line` into `following`?"""
    if line.raw.endswith(" ") or not line.raw.rstrip():
        return False
    if not scan.within_a_page_turn(line.number, following.number):
        return False
    last = line.raw.rstrip()[-1]
    return (last.isalpha() or last == "-") and following.raw.lstrip()[:1].islower()


def _without_line_start_junk(line: Line, lexicon: Lexicon, scan: Scan) -> str:
    if line.kind != "text":  # a page-foot note's leading asterisk is its mark, not junk
        return line.text
    return strip_line_start_junk(line.text, lexicon, scan)


def _record_steps(doc: Document, line: Line, steps: list[tuple[str, str]], where: str) -> None:
    """Record each step's changed words and take the last step's text; a settled line is refused."""
    if line.corrected_by:
        raise SourceError(
            where or "corrections.yml",
            line.corrected_by[0],
            f"rule {steps[0][0]} would also change raw line {line.number} (page {line.page}), "
            "which this entry corrects: fold the rule's change into the entry",
        )
    before = line.text
    for name, after in steps:
        for old, new in word_changes(before, after):
            doc.record(Edit(name, line.number, line.page, old, new, REPAIRS_BY_NAME[name].why))
        before = after
    line.text = before


def word_changes(before: str, after: str) -> list[tuple[str, str]]:
    """The changed words between two versions of a line, as (old, new) pairs (difflib's opcodes).

    >>> word_changes("how close land dear the land", "how close and dear the land")
    [('land', 'and')]
    >>> word_changes("a x a", "a a y")
    [('x', ''), ('', 'y')]
    """
    import difflib

    old_words, new_words = before.split(), after.split()
    quick = _one_run_changed(old_words, new_words)
    if quick is not None:
        return quick
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    return [
        (" ".join(old_words[a1:a2]), " ".join(new_words[b1:b2]))
        for op, a1, a2, b1, b2 in matcher.get_opcodes()
        if op != "equal"
    ]


def _one_run_changed(old: list[str], new: list[str]) -> list[tuple[str, str]] | None:
    """What difflib finds when the lines differ in one run of words, none of which stands in
    the other line (most edits change one word): None when it is not so simple.

    Then difflib's longest match is the common start or end, the other comes next, and the run
    between is one change; a run that is only deleted or inserted must touch an end of the line
    (else a match could straddle it).

    >>> _one_run_changed("in tall social".split(), "in all social".split())
    [('tall', 'all')]
    >>> _one_run_changed("* Clara Zetkin".split(), "Clara Zetkin".split())
    [('*', '')]
    >>> _one_run_changed("la smile and a nod".split(), "a smile and a nod".split()) is None
    True
    """
    if old == new:
        return []
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    removed, added = old[start : len(old) - end], new[start : len(new) - end]
    if not (removed and added) and start and end:
        return None
    if not set(removed).isdisjoint(new) or not set(added).isdisjoint(old):
        return None
    return [(" ".join(removed), " ".join(added))]
