"""The suspects report: the checks a Distributed Proofreaders post-processor runs in Guiguts,
run over the finished text, each finding with a stable code, its page and raw line.

Every finding is either fixed in the source data or accepted, with a reason, in
source/accepted.yml; `prepare.py --report` lists what is neither and exits 1 if anything is.

Codes:
  S001 spelling       a word neither the English word list nor names.yml knows
  S002 scanno         a real word that is a common misreading of another ("arid" for "and")
  S003 he-be          "be" where "he" is likely, or "he" where "be" is
  S004 hyphenation    a word printed both hyphenated and solid (or spaced)
  S005 quotes         a paragraph whose quotes neither balance nor run on into the next one
  S006 brackets       unbalanced parentheses or square brackets in a paragraph
  S007 character      a character outside the book's character set
  S008 punctuation    a space before punctuation, doubled or surprising punctuation
  S009 lower-case     a full stop followed by a lower-case word
  S010 digit-in-word  digits inside or glued to a word
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError
from .lexicon import Lexicon
from .model import Block, Document, Part
from .scan import Scan
from .sources import Sources
from .yamlfile import line_of, load_entries

WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:[’'-][A-Za-zÀ-ÿ]+)*")
# real words that are the scanner's usual misreadings of other words (after guiguts' lists)
SCANNOS = {
    "arid": "and", "bad": "had", "tbe": "the", "tlie": "the", "bis": "his", "ail": "all",
    "tho": "the", "wbo": "who", "riot": "not", "modem": "modern", "comer": "corner",
    "cam": "can", "hut": "but", "fail": "fall", "bead": "head", "bow": "how", "wc": "we",
    "ho": "he", "lie": "he", "tie": "he", "die": "the", "arc": "are", "liis": "his",
    "tbat": "that", "wliich": "which", "sec": "see", "clay": "day", "oi": "of", "ot": "of",
    "iu": "in", "m": "in", "aud": "and", "tlio": "the", "tho'": "the", "mid": "and",
    "tip": "up", "rnay": "may", "bat": "but", "coarse": "course", "form": "from",
    "land": "and", "tall": "all", "table": "able", "fall": "all", "sand": "and",
}  # fmt: skip
# "be" right before one of these reads as a misread "he"; "he" right after these, as "be"
HE_VERBS = {"was", "had", "said", "did", "could", "would", "is", "has", "went", "told", "knew"}
BE_BEFORE = {"to", "will", "would", "must", "should", "can", "could", "may", "might", "shall"}


@dataclass(frozen=True)
class Finding:
    code: str
    subject: str  # what is accepted by: the word, or the paragraph's first raw line
    line: int
    page: int
    message: str

    def __str__(self) -> str:
        return f"{self.code} page {self.page}, line {self.line}: {self.message}"


def _paragraphs(doc: Document) -> Iterator[tuple[Part, Block]]:
    for part in doc.parts:
        for block in part.blocks:
            if block.kind == "paragraph" and part.kind == "text":
                yield part, block
    for note in [*doc.notes, *doc.footnotes]:
        for block in note.blocks:
            yield doc.parts[-1], block


def _words(block: Block) -> Iterator[tuple[int, str]]:
    for match in WORD.finditer(block.text):
        yield match.start(), match.group(0)


def _at(code: str, subject: str, block: Block, offset: int, message: str) -> Finding:
    line = block.line_at(offset)
    return Finding(code, subject, line.number, line.page, message)


def check_spelling(doc: Document, lexicon: Lexicon) -> list[Finding]:
    """S001: each unknown word once, at its first place, with its count."""
    first: dict[str, Finding] = {}
    counts: Counter[str] = Counter()
    for _part, block in _paragraphs(doc):
        for offset, word in _words(block):
            parts = word.split("-")
            if all(lexicon.knows(p) for p in parts) or lexicon.knows(word):
                continue
            counts[word] += 1
            first.setdefault(word, _at("S001", word, block, offset, f"unknown word {word!r}"))
    return [
        Finding(f.code, f.subject, f.line, f.page, f"{f.message} ({counts[w]}×)") for w, f in first.items()
    ]


def check_scannos(doc: Document) -> list[Finding]:
    """S002: every occurrence of a word that is a common misreading, to be looked at once."""
    found = []
    for _part, block in _paragraphs(doc):
        for offset, word in _words(block):
            if word in SCANNOS:
                context = block.text[max(0, offset - 25) : offset + len(word) + 25]
                found.append(
                    _at(
                        "S002",
                        f"{word}@{block.line_at(offset).number}",
                        block,
                        offset,
                        f"{word!r} (often a misread {SCANNOS[word]!r}): …{context}…",
                    )
                )
    return found


def check_he_be(doc: Document) -> list[Finding]:
    """S003: "be said", "to he" and the like."""
    found = []
    for _part, block in _paragraphs(doc):
        words = list(_words(block))
        for (offset, word), (_, following) in zip(words, words[1:], strict=False):
            if word == "be" and following in HE_VERBS:
                found.append(
                    _at(
                        "S003",
                        f"be@{block.line_at(offset).number}",
                        block,
                        offset,
                        f"'be {following}': a misread 'he'?",
                    )
                )
        for (_, before), (offset, word) in zip(words, words[1:], strict=False):
            if word == "he" and before.lower() in BE_BEFORE:
                found.append(
                    _at(
                        "S003",
                        f"he@{block.line_at(offset).number}",
                        block,
                        offset,
                        f"'{before} he': a misread 'be'?",
                    )
                )
    return found


def check_hyphenation(doc: Document) -> list[Finding]:
    """S004: the same word written hyphenated and solid, or hyphenated and as two words."""
    hyphenated: dict[str, tuple[Block, int]] = {}
    solid: set[str] = set()
    pairs: set[str] = set()
    for _part, block in _paragraphs(doc):
        words = list(_words(block))
        for offset, word in words:
            if "-" in word:
                hyphenated.setdefault(word.lower(), (block, offset))
            else:
                solid.add(word.lower())
        for (_, a), (_, b) in zip(words, words[1:], strict=False):
            pairs.add(f"{a} {b}".lower())
    found = []
    for word, (block, offset) in sorted(hyphenated.items()):
        joined, spaced = word.replace("-", ""), word.replace("-", " ")
        if joined in solid or spaced in pairs:
            other = joined if joined in solid else spaced
            found.append(_at("S004", word, block, offset, f"{word!r} and {other!r} both occur"))
    return found


def check_quotes(doc: Document) -> list[Finding]:
    """S005: double quotes balance in a paragraph, or run on into one that opens with “."""
    found = []
    for part in doc.parts:
        paragraphs = [b for b in part.blocks if b.kind == "paragraph"]
        for block, following in zip(paragraphs, [*paragraphs[1:], None], strict=True):
            balance = block.text.count("“") - block.text.count("”")
            runs_on = balance == 1 and following is not None and following.text.startswith("“")
            if balance and not runs_on:
                found.append(
                    _at(
                        "S005",
                        f"quotes@{block.first_line}",
                        block,
                        0,
                        f"“ and ” differ by {balance} in the paragraph",
                    )
                )
            singles = block.text.count("‘") - len(re.findall(r"’(?![a-z])", block.text))
            if singles > 0:
                found.append(
                    _at(
                        "S005",
                        f"single-quotes@{block.first_line}",
                        block,
                        0,
                        f"{singles} ‘ without its ’ in the paragraph",
                    )
                )
    return found


def check_brackets(doc: Document) -> list[Finding]:
    """S006: parentheses and square brackets pair within each paragraph."""
    found = []
    for _part, block in _paragraphs(doc):
        for left, right in ("()", "[]"):
            if block.text.count(left) != block.text.count(right):
                found.append(
                    _at(
                        "S006",
                        f"{left}{right}@{block.first_line}",
                        block,
                        0,
                        f"unpaired {left}{right}",
                    )
                )
    return found


def check_characters(doc: Document, scan: Scan) -> list[Finding]:
    """S007: characters the book does not print (scan.yml's `report_characters`)."""
    found = []
    for _part, block in _paragraphs(doc):
        for offset, char in enumerate(block.text):
            if char not in scan.report_characters:
                found.append(
                    _at(
                        "S007",
                        f"U+{ord(char):04X}@{block.first_line}",
                        block,
                        offset,
                        f"odd character {char!r} (U+{ord(char):04X})",
                    )
                )
    return found


PUNCTUATION_SUSPECTS = [
    (re.compile(r" [,.;:!?]"), "a space before punctuation"),
    # ".," is the book's way after an abbreviation ("i.e.,", "U.S.S.R.,", "etc.,")
    (re.compile(r"[,;:]{2,}|,\.|;\.|:\.|\?\.|!\."), "doubled punctuation"),
    (re.compile(r"(?<!\.)\.\.(?!\.)"), "two full stops"),
    (re.compile(r"[,;:!?](?=[A-Za-z])"), "no space after punctuation"),
    (re.compile(r"\s[’”]|[“‘]\s"), "a quote mark facing the wrong way"),
    (re.compile(r"[A-Za-z][“‘][A-Za-z]"), "an opening quote inside a word"),
    (re.compile(r"\s-|-\s"), "a hyphen beside a space"),
]


def check_punctuation(doc: Document) -> list[Finding]:
    """S008: misspaced, doubled or surprising punctuation."""
    found = []
    for _part, block in _paragraphs(doc):
        for pattern, what in PUNCTUATION_SUSPECTS:
            for match in pattern.finditer(block.text):
                context = block.text[max(0, match.start() - 20) : match.end() + 20]
                line = block.line_at(match.start()).number
                found.append(
                    _at(
                        "S008",
                        f"{match.group(0).strip() or 'space'}@{line}",
                        block,
                        match.start(),
                        f"{what}: …{context}…",
                    )
                )
    return found


def check_lower_case_after_stop(doc: Document, scan: Scan) -> list[Finding]:
    """S009: a full stop, then a lower-case word (scan.yml's `abbreviations` aside)."""
    found = []
    for _part, block in _paragraphs(doc):
        for match in re.finditer(r"(\S+)\. ([a-z]\w*)", block.text):
            if f"{match.group(1).lower()}." in scan.abbreviations or match.group(1).endswith("."):
                continue
            line = block.line_at(match.start()).number
            found.append(
                _at(
                    "S009",
                    f"{match.group(1)}. {match.group(2)}@{line}",
                    block,
                    match.start(),
                    f"'{match.group(0)}'",
                )
            )
    return found


DIGIT_IN_WORD = re.compile(r"\S*(?:[A-Za-z]\d|\d[A-Za-z])\S*")
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def check_digits_in_words(doc: Document) -> list[Finding]:
    """S010: a digit inside or glued to a word (a leftover marker, a misread letter);
    ordinals ("4th") are the book's."""
    found = []
    for _part, block in _paragraphs(doc):
        for match in DIGIT_IN_WORD.finditer(block.text):
            word = match.group(0)
            if ORDINAL.fullmatch(word.strip(",.;:()")):
                continue
            line = block.line_at(match.start()).number
            found.append(_at("S010", f"{word}@{line}", block, match.start(), f"digit in {word!r}"))
    return found


def all_findings(doc: Document, lexicon: Lexicon) -> list[Finding]:
    return [
        *check_spelling(doc, lexicon),
        *check_scannos(doc),
        *check_he_be(doc),
        *check_hyphenation(doc),
        *check_quotes(doc),
        *check_brackets(doc),
        *check_characters(doc, doc.book.scan),
        *check_punctuation(doc),
        *check_lower_case_after_stop(doc, doc.book.scan),
        *check_digits_in_words(doc),
    ]


@dataclass
class Acceptance:
    code: str
    subject: str
    why: str
    yaml_line: int


def load_accepted(path: Path) -> list[Acceptance]:
    """source/accepted.yml: findings reviewed and kept, each with its reason."""
    accepted, seen = [], {}
    for entry in load_entries(path, "accepted findings"):
        where = line_of(entry)
        if not all(isinstance(entry.get(key), str) and entry[key] for key in ("code", "subject", "why")):
            raise SourceError(path, where, "an entry needs code, subject and why")
        key = (entry["code"], entry["subject"])
        if key in seen:
            raise SourceError(path, where, f"duplicate of the entry at line {seen[key]}")
        seen[key] = where
        accepted.append(Acceptance(entry["code"], entry["subject"], entry["why"], where))
    return accepted


def unreviewed(doc: Document, lexicon: Lexicon, accepted: list[Acceptance]) -> list[Finding]:
    keys = {(a.code, a.subject) for a in accepted}
    return [f for f in all_findings(doc, lexicon) if (f.code, f.subject) not in keys]


def stale_acceptances(doc: Document, lexicon: Lexicon, accepted: list[Acceptance]) -> list[Acceptance]:
    """Acceptances that no finding needs any more: the file must not rot."""
    keys = {(f.code, f.subject) for f in all_findings(doc, lexicon)}
    return [a for a in accepted if (a.code, a.subject) not in keys]


def print_report(doc: Document, source: Path, lexicon: Lexicon) -> int:
    """Print the unreviewed findings and the stale acceptances; 1 if any finding is unreviewed."""
    accepted = load_accepted(Sources(source).accepted)
    findings = unreviewed(doc, lexicon, accepted)
    by_code: defaultdict[str, int] = defaultdict(int)
    for finding in findings:
        by_code[finding.code] += 1
        print(finding)
    for acceptance in stale_acceptances(doc, lexicon, accepted):
        print(
            f"accepted.yml:{acceptance.yaml_line}: stale: no {acceptance.code} finding "
            f"{acceptance.subject!r} any more"
        )
    summary = ", ".join(f"{code}: {n}" for code, n in sorted(by_code.items())) or "none"
    print(
        f"{len(findings)} unreviewed findings ({summary}); {len(accepted)} accepted",
        file=sys.stderr,
    )
    return 1 if findings else 0
