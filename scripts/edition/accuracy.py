"""How close a text comes to the proofread one: the word error rate of the raw OCR, of a plain
dehyphenation, of the rules alone and of the edition (rules and corrections), for any book.

The proofread text is read from either form a book keeps: a transcription of the raw lines
(`proofreading/transcription.tsv`: a line end "¬" breaks a word, "-" ends a compound) or a
proofread text (`proofread.txt`: "# " headings, blank lines between paragraphs, "^N" note
markers). Note markers are left out of every text compared: the edition keeps them apart.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .corrections import Corrections, TextCorrection
from .errors import SourceError
from .model import Document
from .pipeline import Sources, run, start

# a note marker glued to a word ("Leghorn3", "mores.^5"), left out of every text compared
MARKER = re.compile(r"\^\d{1,2}|(?<=[A-Za-z.,;:!?’”)])\d{1,2}(?=\s|$)")
SAME = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u2010": "-", "¬": ""})


@dataclass(frozen=True)
class Rates:
    raw: float
    dehyphenated: float
    rules: float | None  # None: the rules alone cannot build the book
    edition: float
    joined: int  # words of the edition that are two words of the proofread text run together


def words(text: str) -> list[str]:
    """The words compared: quotes made plain, dashes apart, markers left out.

    >>> words("the ‘Lefts’—and Leghorn3 or mores.^5")
    ['the', "'Lefts'", '—', 'and', 'Leghorn', 'or', 'mores.']
    """
    text = MARKER.sub("", text.translate(SAME))
    return text.replace("—", " — ").split()


def error_rate(reference: list[str], hypothesis: list[str]) -> float:
    """Word errors (substituted, left out, added) per word of the reference, from an alignment.

    >>> round(error_rate("a b c d".split(), "a x c d e".split()), 2)
    0.5
    """
    errors = 0
    matcher = difflib.SequenceMatcher(None, reference, hypothesis, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag != "equal":
            errors += max(a1 - a0, b1 - b0)
    return errors / max(1, len(reference))


def joined_words(reference: list[str], hypothesis: list[str]) -> int:
    """Words of `hypothesis` that are two neighbouring words of `reference` run together
    ("ofthe") and no word of the reference.

    >>> joined_words("of the book".split(), "ofthe book".split())
    1
    """
    core = [word.strip(".,;:!?'\"()—").lower() for word in reference]
    known = set(core)
    pairs = {a + b for a, b in zip(core, core[1:], strict=False) if a and b} - known
    return sum(word.strip(".,;:!?'\"()—").lower() in pairs for word in hypothesis)


def dehyphenate(lines: list[str]) -> str:
    """Raw lines joined, a line-end hyphen before a lower-case letter taken out: what a plain
    dehyphenation does.

    >>> dehyphenate(["a bro-", "ken word", "and a well-", "Known"])
    'a broken word and a well- Known'
    """
    text = ""
    for line in lines:
        piece = line.strip()
        if not piece:
            continue
        if text.endswith("-") and not text.endswith("--") and piece[:1].islower():
            text = text[:-1] + piece
        else:
            text = f"{text} {piece}" if text else piece
    return text


def reference_text(folder: Path) -> str:
    """The proofread text of the book in `folder`, from the first heading on."""
    proofread = folder / "proofread.txt"
    if proofread.exists():
        text = proofread.read_text(encoding="utf-8")
        return text[text.index("\n# ") :].replace("\n# ", "\n")
    pieces = []
    for row in (folder / "proofreading" / "transcription.tsv").read_text(encoding="utf-8").splitlines():
        line = row.split("\t", 1)[1] if "\t" in row else ""
        pieces.append(line.replace("¶", "").strip())
    text = ""
    for piece in filter(None, pieces):
        text += piece if text.endswith(("¬", "-")) or not text else " " + piece
    return text.replace("¬", "")


def edition_text(doc: Document) -> str:
    """The edition's words in reading order: headings, furniture, paragraphs, notes."""
    out: list[str] = []
    for part in doc.parts:
        out.append(part.spec.printed_heading)
        out += [block.text for block in (part.subtitle,) if block]
        if part.kind == "notes":
            for note in doc.notes:
                out.append(note.number + " " + " ".join(block.text for block in note.blocks))
                if doc.book.notes_page_references and note.page_ref:
                    out.append(f"p. {note.page_ref}")
        else:
            out += [block.text for block in part.blocks]
        out += [block.text for block in (part.signature, part.date) if block]
        for note in doc.footnotes:
            if note.marker_part == part.slug:
                out += [block.text for block in note.blocks]
    return "\n".join(out)


def is_marker_fix(correction: TextCorrection) -> bool:
    """Does a corrections.yml entry only set a note's number where the scan misread it?

    >>> is_marker_fix(TextCorrection("mummeries,' and", "mummeries,1 and", "", 0))
    True
    >>> is_marker_fix(TextCorrection("tlie", "the", "", 0))
    False
    """
    matcher = difflib.SequenceMatcher(None, correction.raw, correction.text, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    return bool(changes) and all(correction.text[b0:b1].isdigit() for _tag, _a0, _a1, b0, b1 in changes)


NEEDED_TRIES = 12  # corrections put back, at most, before the rules alone are given up
NEAR = 5  # lines after the one an error names where the correction it needs may stand


def edition(sources: Sources, rules_only: bool = False) -> Document:
    """The book after every pass. `rules_only`: with no corrections but those the build cannot
    do without: the note markers' (is_marker_fix), and each entry on a raw line where the build
    stops without it, or a few lines after it (a part's signature that book.yml's check needs
    read, a note's damaged page reference)."""
    if not rules_only:
        return run(start(sources)).doc
    fixes = start(sources).fixes
    kept = [t for t in fixes.texts if is_marker_fix(t)]
    for _try in range(NEEDED_TRIES):
        prepared = start(sources)
        prepared.fixes = Corrections(fixes.path, list(kept), {}, {})
        try:
            return run(prepared).doc
        except SourceError as error:
            # the line named and the few after it (a note is named by its first line, its
            # page reference stands on its last)
            near = prepared.doc.lines[max(0, error.line - 1) : error.line + NEAR] if error.line else []
            raw = "\n".join(line.raw for line in near)
            needed = [t for t in fixes.texts if t.raw in raw and t not in kept]
            if not needed or error.path.name == "book.yml":
                raise
            kept += needed
    raise SourceError(
        fixes.path, 0, f"the rules alone cannot build the book ({NEEDED_TRIES} entries put back)"
    )


def rates(folder: Path) -> Rates:
    """The four word error rates of the book whose data is in `folder`."""
    sources = Sources(folder)
    doc = edition(sources)
    reference = words(reference_text(folder))
    first = doc.parts[0].heading.number
    raw_lines = [line.raw for line in doc.lines[first - 1 :]]
    try:
        rules: float | None = error_rate(reference, words(edition_text(edition(sources, rules_only=True))))
    except SourceError:
        rules = None
    made = words(edition_text(doc))
    return Rates(
        raw=error_rate(reference, words(" ".join(raw_lines))),
        dehyphenated=error_rate(reference, words(dehyphenate(raw_lines))),
        rules=rules,
        edition=error_rate(reference, made),
        joined=joined_words(reference, made),
    )


def describe(name: str, figures: Rates) -> str:
    """One line of figures, as bench.py prints them."""
    rules = f"{figures.rules:.1%}" if figures.rules is not None else "n/a"
    return (
        f"{name}: word error rate raw {figures.raw:.1%}, dehyphenated {figures.dehyphenated:.1%}, "
        f"rules only {rules}, with corrections {figures.edition:.1%}; joined words {figures.joined}"
    )
