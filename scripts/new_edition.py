#!/usr/bin/env python3
"""Start a new edition from an OCR text: lay out its source folder and write a first book.yml
and scan.yml from what the text shows, for the editor to review.

    python scripts/new_edition.py OCR_FILE [--dest source]      (make new-edition OCR=path)

Reads the OCR file (checked as the pipeline reads it) and finds: how a page turn shows (form
feeds, lines that begin with a space, runs of blank lines), running heads and folios atop the
pages, whether lines end with a space, how paragraphs are set apart, the heading candidates
(lines in capitals standing alone) with the printed page each begins on, the Notes and whether
they give page references, and any text above the first heading (a title page). It writes
DEST/<name>.ocr.txt, DEST/book.yml, DEST/scan.yml and an empty DEST/corrections.yml, and
prints what it found. It refuses a DEST that already has a book.yml. Every value is a guess
from the text, marked for review; `make prepare` then says, file:line, what disagrees.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from edition.book import Book, Metadata
from edition.errors import SourceError
from edition.model import Document, Line
from edition.pages import number_pages
from edition.scan import Scan
from edition.source import FORM_FEED, read_raw_lines

ROOT = Path(__file__).resolve().parent.parent
# a running head: the folio and a line in capitals, on either side
RUNNING_HEADS = (r"^\d{1,3} [A-Z][A-Z .,’'-]+$", r"^[A-Z][A-Z .,’'-]+ \d{1,3}$", r"^\d{1,3}$")
CAPITALS = re.compile(r"^[A-Z0-9][A-Z0-9 .,;:’'()^-]*$")
NOTES_TITLES = ("NOTES", "N O T E S", "ENDNOTES")
PAGE_REFERENCE = re.compile(r"\bp\. \d{1,3}\s*$")
SENTENCE_END = re.compile(r"[.?!:”’)]$")


@dataclass
class Findings:
    lines: list[Line]
    scan: Scan
    page_turns: list[str]
    running_heads: list[str]
    line_end_space: bool
    paragraph_breaks: str


def read_lines(path: Path) -> list[Line]:
    return [
        Line(n, raw.replace(FORM_FEED, ""), raw.replace(FORM_FEED, ""), form_feeds=raw.count(FORM_FEED))
        for n, raw in enumerate(read_raw_lines(path), start=1)
    ]


def page_turns_of(lines: list[Line]) -> list[str]:
    """How this scan shows a page turn: form feeds if it has them, else leading spaces and
    runs of three blank lines, each if it shows often enough to be a habit."""
    if any(line.form_feeds for line in lines):
        return ["form-feed"]
    text = [line for line in lines if line.raw.strip()]
    found = []
    leading = sum(line.raw.startswith(" ") for line in text)
    if 3 <= leading <= len(text) // 10:
        found.append("leading-space")
    runs, run = 0, 0
    for line in lines:
        run = run + 1 if not line.raw.strip() else 0
        runs += run == 3
    if runs >= 3:
        found.append("blank-lines")
    return found


def first_lines_of_pages(lines: list[Line], scan: Scan) -> list[Line]:
    doc = Document(book=_book(Path("book.yml"), scan, 1), lines=[*lines])
    number_pages(doc)
    return [line for line in doc.lines if line.page_start]


def running_heads_of(lines: list[Line], scan: Scan) -> list[str]:
    """The running-head patterns that the pages' first lines match, three times at least."""
    firsts = [line.raw.strip() for line in first_lines_of_pages(lines, scan)]
    return [pattern for pattern in RUNNING_HEADS if sum(bool(re.match(pattern, f)) for f in firsts) >= 3]


def paragraph_breaks_of(lines: list[Line]) -> str:
    """ "blank-line" where single blank lines stand between text lines, mostly after a sentence's
    end (Tesseract's paragraphs); else "sentence-end"."""
    after_sentence = other = 0
    for before, blank, after in zip(lines, lines[1:], lines[2:], strict=False):
        if _capitals(before.raw.strip()) or re.search(r"\d$", before.raw.strip()):
            continue  # after a heading or a running head, a blank line says nothing of paragraphs
        if not blank.raw.strip() and before.raw.strip() and after.raw.strip():
            if SENTENCE_END.search(before.raw.rstrip()):
                after_sentence += 1
            else:
                other += 1
    return "blank-line" if after_sentence >= 5 and after_sentence > 3 * other else "sentence-end"


def find(path: Path) -> Findings:
    lines = read_lines(path)
    turns = page_turns_of(lines)
    scan = Scan(page_turns=frozenset(turns))
    heads = running_heads_of(lines, scan)
    text = [line.raw for line in lines if line.raw.strip()]
    line_end_space = sum(raw.endswith(" ") for raw in text) > len(text) // 5
    scan = Scan(page_turns=frozenset(turns), running_heads=tuple(re.compile(p) for p in heads))
    return Findings(lines, scan, turns, heads, line_end_space, paragraph_breaks_of(lines))


def _book(path: Path, scan: Scan, first: int) -> Book:
    return Book(
        path=path, title="", author="", source="", metadata=Metadata(), first_page=first, parts=[], scan=scan
    )


def heading_candidates(findings: Findings, first: int = 1) -> list[tuple[list[Line], int]]:
    """Lines in capitals that stand alone (a blank line or a page turn before them; a heading
    of two lines kept together), not running heads, each with its printed page."""
    doc = Document(book=_book(Path("book.yml"), findings.scan, first), lines=findings.lines)
    number_pages(doc)
    heads = findings.scan.running_heads
    candidates: list[tuple[list[Line], int]] = []
    previous_blank = True
    index = 0
    while index < len(doc.lines):
        line = doc.lines[index]
        stripped = line.raw.strip()
        is_head = any(pattern.search(stripped) for pattern in heads)
        alone = previous_blank or line.page_start
        if stripped and not is_head and alone and _capitals(stripped):
            group = [line]
            while index + 1 < len(doc.lines) and _capitals(doc.lines[index + 1].raw.strip()):
                index += 1
                group.append(doc.lines[index])
            if " ".join(stripped.split()) in NOTES_TITLES or _prose_follows(doc.lines, index + 1, line.page):
                candidates.append((group, line.page))
        previous_blank = not stripped or is_head
        index += 1
    return candidates


def _capitals(text: str) -> bool:
    """A line of capitals, allowing the OCR a lower-case misreading or two ("Il. OF DEATH")."""
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return (
        2 <= len(letters)
        and len(text) <= 60
        and upper >= 0.8 * len(letters)
        and bool(CAPITALS.match(text.upper()))
    )


def _prose_follows(lines: list[Line], start: int, page: int) -> bool:
    """Do running lines follow on the page (two of the next three at least 35 characters)?
    A title page's short lines do not."""
    following = [line.raw.strip() for line in lines[start:] if line.raw.strip() and line.page == page][:3]
    return sum(len(text) >= 35 for text in following) >= 2


def unspaced(text: str) -> str:
    """A heading set letter-spaced, as its words.

    >>> unspaced("P R E F A C E"), unspaced("I. OF TRUTH")
    ('PREFACE', 'I. OF TRUTH')
    """
    return text.replace(" ", "") if re.fullmatch(r"(?:\S )+\S", text) else " ".join(text.split())


def slug_of(text: str) -> str:
    """
    >>> slug_of("VIII. OF MARRIAGE AND SINGLE LIFE"), slug_of(unspaced("N O T E S"))
    ('viii-of-marriage-and-single-life', 'notes')
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "part"


def book_yml(findings: Findings, source: str, candidates: list[tuple[list[Line], int]], first: int) -> str:
    first_heading = candidates[0][0][0].number if candidates else 1
    front = [line for line in findings.lines[: first_heading - 1] if line.raw.strip()]
    found = " ".join(" ".join(line.raw.split()) for line in front[:3]).title()
    title = found or "REVIEW: the book's title"
    out = [
        "# A first book.yml, written by scripts/new_edition.py from what the OCR text shows.",
        "# REVIEW every value: the title and author, each part's title and printed heading (as the",
        "# book prints it), and which heading candidates are parts at all.",
        f"title: {json.dumps(title, ensure_ascii=False)}  # REVIEW",
        'author: "REVIEW: the author"',
        f"source: {json.dumps(source)}",
        "metadata:",
        "  language: en",
        "",
        "pages:",
        f"  first: {first}  # REVIEW: the first page's printed number (FIRST=N); start pages count from it",
    ]
    if front:
        out += [
            "",
            f"# {len(front)} lines stand above the first heading (a title page?)",
            "front_matter: omit",
        ]
    notes = [group for group, _page in candidates if " ".join(group[0].raw.split()) in NOTES_TITLES]
    if notes:
        after = [line.raw for line in findings.lines[notes[-1][-1].number :] if line.raw.strip()]
        references = sum(bool(PAGE_REFERENCE.search(raw)) for raw in after)
        out += ["", "notes:", f"  page_references: {'true' if references >= 3 else 'false'}"]
        out[-1] += f"  # {references} lines of the Notes end with a page reference"
    out += ["", "parts:"]
    seen: Counter[str] = Counter()
    for group, page in candidates:
        raw = [line.raw.strip() for line in group]
        printed = " ".join(unspaced(text) for text in raw)
        slug = slug_of(printed)
        seen[slug] += 1
        slug += f"-{seen[slug]}" if seen[slug] > 1 else ""
        heading = (
            json.dumps(raw[0], ensure_ascii=False) if len(raw) == 1 else json.dumps(raw, ensure_ascii=False)
        )
        out += [
            f"  - slug: {slug}",
            f"    title: {json.dumps(printed.title(), ensure_ascii=False)}",
            f"    heading: {heading}  # raw line {group[0].number}",
            f"    printed_heading: {json.dumps(printed, ensure_ascii=False)}",
            f"    start_page: {page}",
        ]
        if group in notes:
            out.append("    kind: notes")
    return "\n".join(out) + "\n"


def scan_yml(findings: Findings) -> str:
    def key(name: str, value: str, why: str) -> list[str]:
        return ["", f"{name}:", f"  value: {value}", f"  why: {json.dumps('REVIEW: ' + why)}"]

    out = ["# A first scan.yml, written by scripts/new_edition.py from what the OCR text shows: REVIEW."]
    out += key("page_turns", f"[{', '.join(findings.page_turns)}]", "what the text shows of its page turns")
    if findings.running_heads:
        patterns = ", ".join(json.dumps(p, ensure_ascii=False) for p in findings.running_heads)
        out += key("running_heads", f"[{patterns}]", "the first lines of the pages match these")
    space = "true" if findings.line_end_space else "false"
    out += key("line_end_space", space, "whether a line that ran on in print ends with a space")
    out += key("paragraph_breaks", findings.paragraph_breaks, "where the blank lines stand")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ocr", type=Path, help="the OCR text of the new book")
    parser.add_argument("--dest", type=Path, default=ROOT / "source", help="the book's data folder")
    parser.add_argument("--first", type=int, default=1, help="the printed number of the OCR's first page")
    args = parser.parse_args(argv)
    if (args.dest / "book.yml").exists():
        print(f"error: {args.dest / 'book.yml'} exists: give another --dest (DEST=...)", file=sys.stderr)
        return 2
    try:
        findings = find(args.ocr)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    candidates = heading_candidates(findings, args.first)
    source = args.ocr.name if args.ocr.name.endswith(".ocr.txt") else f"{args.ocr.stem}.ocr.txt"
    args.dest.mkdir(parents=True, exist_ok=True)
    (args.dest / source).write_bytes(args.ocr.read_bytes())
    (args.dest / "book.yml").write_text(book_yml(findings, source, candidates, args.first), encoding="utf-8")
    (args.dest / "scan.yml").write_text(scan_yml(findings), encoding="utf-8")
    (args.dest / "corrections.yml").write_text(
        "# Reviewed emendations that no rule covers.\n[]\n", encoding="utf-8"
    )
    pages = max((line.page for group, _ in candidates for line in group), default=1)
    print(f"{args.ocr}: {len(findings.lines)} lines")
    print(f"page turns: {', '.join(findings.page_turns) or 'none found'}")
    print(f"running heads: {', '.join(findings.running_heads) or 'none found'}")
    print(f"lines end with a space: {'yes' if findings.line_end_space else 'no'}")
    print(f"paragraphs set apart by: {findings.paragraph_breaks}")
    print(f"heading candidates ({len(candidates)}, last on page {pages}):")
    for group, page in candidates:
        print(f"  line {group[0].number}, page {page}: {' / '.join(line.raw.strip() for line in group)}")
    print(f"wrote {args.dest}/book.yml, scan.yml, corrections.yml, {source}: review them, then make prepare")
    return 0


if __name__ == "__main__":
    sys.exit(main())
