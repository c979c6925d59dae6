"""Lines → paragraphs: where a paragraph ends, and how a line joins the next.

The OCR's own whitespace is the main witness. A line that ends with a space ran on in print;
a line that ends without one closes a paragraph, ends a page, or breaks a word. Blank lines
are only a hint: some fall mid-sentence. At a page break the layout says nothing, so the
decision falls to the punctuation, the length of the line and the word list. Every verdict
can be overridden by a reviewed `paragraph` or `join` entry of corrections.yml.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from .corrections import Corrections
from .lexicon import Lexicon
from .model import Block, Document, Edit, Line, PageMark, Part
from .scan import Scan

# in the Notes: a line that opens a note ("2 The reference") or a numbered item ("1) On")
NOTE_OPENING = re.compile(r"^(\d{1,2} [A-Z“]|\d\) )")
ENDS_WITH_PAGE_REFERENCE = re.compile(r"\bp\. \d+$")
# the word fragment a line ends with, and those the next line begins with (with or without ’)
BEFORE_LAST_LETTERS = re.compile(r"^.*[^A-Za-z’]")
FIRST_LETTERS = re.compile(r"[A-Za-z]*")
FIRST_LETTERS_OR_APOSTROPHES = re.compile(r"[A-Za-z’]*")
PUNCTUATION = "\"'“”‘’.,;:!?()[]—*-/"
SENTENCE_END = re.compile(r"[.?!:…”’)\]]\d*$|\.\d*[”’]$")
SENTENCE_STOPS = frozenset(".?!:…”’)]")  # the last characters SENTENCE_END can end on, but digits


def ends_sentence(text: str) -> bool:
    """Does `text` (without trailing space) end as a sentence does (SENTENCE_END)?

    >>> ends_sentence("mere vanity."), ends_sentence("as she"), ends_sentence("(Vol. 32, p. 18)")
    (True, False, True)
    """
    # most lines end mid-sentence, on a letter or a comma: the search is skipped for them
    last = text[-1:]
    return (last in SENTENCE_STOPS or last.isdigit()) and SENTENCE_END.search(text) is not None


@dataclass
class Vocabulary:
    """How the book itself writes words mid-line: solid ("everyday") or hyphenated."""

    solid: Counter[str]
    hyphenated: Counter[str]
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)  # two words in a row

    @classmethod
    def of(cls, lines: list[Line]) -> Vocabulary:
        """The words inside the lines (those at either end may be broken halves), counted by
        their core: without the punctuation around them, in lower case.

        >>> v = Vocabulary.of([Line(1, "", "An every-day, “Everyday” and everyday affair")])
        >>> v.solid, v.hyphenated
        (Counter({'everyday': 2, 'and': 1}), Counter({'every-day': 1}))
        """
        # each spelling is trimmed once, not each of its uses: the book has ~5,000 for ~21,000 uses
        spellings = Counter([word for line in lines for word in line.text.split()[1:-1]])
        solid: dict[str, int] = {}
        hyphenated: dict[str, int] = {}
        for word, uses in spellings.items():
            core = word.strip(PUNCTUATION).lower()
            tally = hyphenated if "-" in core else solid
            if core:
                tally[core] = tally.get(core, 0) + uses
        pairs = Counter(
            (a.strip(PUNCTUATION).lower(), b.strip(PUNCTUATION).lower())
            for line in lines
            for a, b in pairwise(line.text.split())
        )
        return cls(Counter(solid), Counter(hyphenated), pairs)


def join_kind(left: str, right: str, vocabulary: Vocabulary, lexicon: Lexicon) -> str:
    """How a word broken after `left` joins `right`: "solid" or "hyphen".

    `left` ends with the part before the break (its hyphen, if printed, removed).

    >>> v = Vocabulary(Counter(), Counter({"strong-willed": 1}))
    >>> join_kind("strong", "willed", v, Lexicon())
    'hyphen'
    >>> join_kind("Com", "munist", Vocabulary(Counter(), Counter()), Lexicon())
    'solid'
    """
    head = BEFORE_LAST_LETTERS.sub("", left)
    tail = FIRST_LETTERS.match(right).group(0)  # "day’s" is looked up as "day"
    solid = (head + tail).lower()
    hyphenated = f"{head}-{tail}".lower()
    if vocabulary.hyphenated[hyphenated] > vocabulary.solid[solid]:
        return "hyphen"
    if vocabulary.solid[solid] > vocabulary.hyphenated[hyphenated]:
        return "solid"
    if lexicon.knows(solid):
        return "solid"
    if lexicon.knows(head) and lexicon.knows(tail):
        return "hyphen"
    return "solid"


def join(
    left: Line,
    right: Line,
    vocabulary: Vocabulary,
    lexicon: Lexicon,
    corrections: Corrections,
    line_end_space: bool = True,
) -> str:
    """The text that goes between two lines of one paragraph: " ", "" (solid) or "-".

    A printed line-end hyphen is decided by `join_kind`. Without one, a line that ends with a
    space ended its word; one that does not may still have (the scan drops some trailing
    spaces, and all of them at page ends), so the words decide: solid where the book or the
    word list knows the joined word, apart where both halves are words and the whole is not.
    """
    text = left.text.rstrip()
    following = right.text.lstrip()
    decision = corrections.joins.get(left.number)
    if decision:
        return {"space": " ", "solid": "", "hyphen": "-"}[decision.verdict]
    if text.endswith("—") or following.startswith("—"):
        return ""  # the book sets its em dashes close
    if text.endswith("-") and not text.endswith("--") and following[:1].isalpha():
        return "-" if join_kind(text[:-1], following, vocabulary, lexicon) == "hyphen" else ""
    if left.raw.endswith(" ") or not (text[-1:].isalpha() and following[:1].islower()):
        return " "
    head = BEFORE_LAST_LETTERS.sub("", text)
    tail = FIRST_LETTERS_OR_APOSTROPHES.match(following).group(0)
    if not line_end_space:
        return join_by_usage(head, tail, vocabulary, lexicon)
    return join_by_words(head, tail, right.page_start, vocabulary, lexicon)


def join_by_usage(head: str, tail: str, vocabulary: Vocabulary, lexicon: Lexicon) -> str:
    """The glue between a line that ends `head` and one that begins `tail`, where the scan's
    line ends say nothing (scan.yml's `line_end_space: false`): a printed word broken there
    had a hyphen, so the words are apart unless the text shows the hyphen was lost: the book
    writes the joined word more often than the two words in a row, or a half is no word and
    the whole is.

    >>> none = Vocabulary(Counter(), Counter())
    >>> join_by_usage("of", "the", none, Lexicon()), join_by_usage("be", "gone", none, Lexicon())
    (' ', ' ')
    >>> join_by_usage("Com", "munist", none, Lexicon())
    ''
    >>> join_by_usage("some", "times", Vocabulary(Counter({"sometimes": 2}), Counter()), Lexicon())
    ''
    """
    solid, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
    if vocabulary.hyphenated[hyphenated] > vocabulary.solid[solid]:
        return "-"
    if vocabulary.solid[solid] > vocabulary.pairs[(head.lower(), tail.lower())]:
        return ""
    if lexicon.knows(head) and lexicon.knows(tail):
        return " "
    return "" if lexicon.knows(solid) else " "


def join_by_words(head: str, tail: str, page_start: bool, vocabulary: Vocabulary, lexicon: Lexicon) -> str:
    """The glue between a line that ends `head` with no space and one that begins `tail`:
    solid where the book or the word list knows the joined word, apart where both halves
    are words and the whole is not (at a page start, where the scan keeps no space, unless
    the book writes the whole).

    >>> join_by_words("Com", "munist", False, Vocabulary(Counter(), Counter()), Lexicon())
    ''
    >>> join_by_words("As", "a", True, Vocabulary(Counter(), Counter()), Lexicon())
    ' '
    """
    solid, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
    if vocabulary.hyphenated[hyphenated] > vocabulary.solid[solid]:
        return "-"
    in_book = bool(vocabulary.solid[solid])
    # the halves are looked up last, only when needed: most joined words are known whole
    if page_start and not in_book and lexicon.knows(head) and lexicon.knows(tail):
        return " "  # at a page end the scan keeps no space to tell: "As" / "a disciplined"
    if in_book or lexicon.knows(solid):
        return ""
    return " " if lexicon.knows(head) and lexicon.knows(tail) else ""


def starts_paragraph(
    left: Line,
    right: Line,
    corrections: Corrections,
    scan: Scan,
    in_notes: bool = False,
    blank_between: bool = False,
) -> bool:
    """Does `right` begin a new paragraph after `left`? Only after a sentence's end, before a
    capital; within a page, where the scan shows it (scan.yml's `paragraph_breaks`: after any
    such line end, or only across a blank line); at a page turn, only if `left` is short
    (`short_line`).

    >>> from .corrections import Corrections
    >>> none = Corrections(None, [], {}, {})
    >>> vanity = "a hunt for popularity reflecting mere vanity."
    >>> starts_paragraph(Line(177, vanity, vanity), Line(178, "I consider", "I consider"), none, Scan())
    True
    >>> she, happened = "and as she ", "happened to be"
    >>> starts_paragraph(Line(75, she, she), Line(77, happened, happened), none, Scan())
    False
    """
    decision = corrections.paragraphs.get(right.number)
    if decision:
        return decision.verdict == "break"
    text = left.text.rstrip()
    following = right.text.lstrip()
    if in_notes and (NOTE_OPENING.match(following) or ENDS_WITH_PAGE_REFERENCE.search(text)):
        return True
    if not ends_sentence(text) or not following[:1] or following[:1].islower():
        return False
    if scan.line_end_space and left.raw.endswith(" "):
        return False
    if right.page_start or scan.page_turn_between(left.number, right.number):
        return len(text) < scan.short_line
    return blank_between or scan.paragraph_breaks == "sentence-end"


def build_paragraphs(doc: Document, lexicon: Lexicon, corrections: Corrections) -> Document:
    """Make the blocks of every part out of its lines."""
    vocabulary = Vocabulary.of([line for line in doc.lines if line.is_text])
    for part in doc.parts:
        part.blocks = _blocks(doc, part, vocabulary, lexicon, corrections)
    return doc


def _blocks(
    doc: Document, part: Part, vocabulary: Vocabulary, lexicon: Lexicon, corrections: Corrections
) -> list[Block]:
    blocks: list[Block] = []
    current: list[Line] = []
    scan, in_notes = doc.book.scan, part.kind == "notes"
    blank_between = False  # a blank line since the last text line
    for line in part.lines:
        kind = line.kind
        blank_between = blank_between or kind == "blank"
        if kind == "section-break":
            _close(doc, blocks, current, vocabulary, lexicon, corrections)
            current = []
            blocks.append(Block("section-break", [line], text="* * *"))
            continue
        if kind != "text":
            continue
        breaks = bool(current) and starts_paragraph(
            current[-1], line, corrections, scan, in_notes, blank_between
        )
        blank_between = False
        decision = corrections.paragraphs.get(line.number)
        if decision and current:
            before = f"{current[-1].text.strip()[-30:]} / {line.text.strip()[:30]}"
            after = f"¶ {line.text.strip()[:30]}" if breaks else before.replace(" / ", " ")
            doc.record(
                Edit("corrections.yml", line.number, line.page, before, after, decision.why, "correction")
            )
        if breaks:
            _close(doc, blocks, current, vocabulary, lexicon, corrections)
            current = []
        current.append(line)
    _close(doc, blocks, current, vocabulary, lexicon, corrections)
    return blocks


def _close(
    doc: Document,
    blocks: list[Block],
    lines: list[Line],
    vocabulary: Vocabulary,
    lexicon: Lexicon,
    corrections: Corrections,
) -> None:
    if lines:
        blocks.append(assemble(doc, lines, vocabulary, lexicon, corrections))


def assemble(
    doc: Document,
    lines: list[Line],
    vocabulary: Vocabulary,
    lexicon: Lexicon,
    corrections: Corrections,
) -> Block:
    """One paragraph from its lines, with line offsets and page marks for provenance."""
    block = Block("paragraph", list(lines))
    text = ""
    for index, line in enumerate(lines):
        piece = line.text.strip()
        if index:
            glue = join(
                lines[index - 1], line, vocabulary, lexicon, corrections, doc.book.scan.line_end_space
            )
            if text.endswith("-"):
                text = text[:-1]
                glue = glue if glue == "-" else ""
            decision = corrections.joins.get(lines[index - 1].number)
            if decision:
                doc.record(_decided_join_edit(lines[index - 1], line, glue, decision.why))
            elif glue == "-" and not lines[index - 1].text.rstrip().endswith("-"):
                doc.record(_join_edit(lines[index - 1], line, "keep-compound-hyphen"))
            elif glue == "" and lines[index - 1].text.rstrip().endswith("-"):
                doc.record(_join_edit(lines[index - 1], line, "drop-line-end-hyphen"))
            text += glue
        block.line_offsets.append(len(text))
        if line.page_start:
            block.page_marks.append(PageMark(len(text), line.page))
        if line.markers:  # few lines carry one: the indent is measured only for them
            indent = len(line.text) - len(line.text.lstrip())
            block.markers += [(len(text) + offset - indent, note) for offset, note in line.markers]
        text += piece
    block.text = text
    return block


def _decided_join_edit(left: Line, right: Line, glue: str, why: str) -> Edit:
    head = left.text.rstrip().split()[-1] if left.text.strip() else ""
    tail = right.text.split()[0] if right.text.strip() else ""
    after = head.rstrip("-") + glue + tail if glue != " " else f"{head} {tail}"
    return Edit("corrections.yml", left.number, left.page, f"{head} / {tail}", after, why, "correction")


def _join_edit(left: Line, right: Line, rule: str) -> Edit:
    head = left.text.rstrip().split()[-1] if left.text.strip() else ""
    tail = right.text.split()[0] if right.text.strip() else ""
    why = (
        "the word broken at the line end is a compound the book hyphenates"
        if rule == "keep-compound-hyphen"
        else "a line-end hyphen that only broke the word"
    )
    after = head.rstrip("-") + ("-" if rule == "keep-compound-hyphen" else "") + tail
    return Edit(rule, left.number, left.page, f"{head} / {tail}", after, why)
