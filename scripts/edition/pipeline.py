"""The passes, declared once in a table: source/ → a Document. Nothing here writes to disk.

`PASSES` is the one list of what the pipeline does, in the order it runs: `build` runs it;
the README's table of passes (`scripts/readme_passes.py`) and the About page's list of steps
are written from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import (
    anchors,
    classify,
    corrections,
    notes,
    pages,
    paragraphs,
    provenance,
    repairs,
    structure,
    typography,
)  # fmt: skip
from .book import load_book
from .lexicon import Lexicon, load_lexicon
from .model import Document, Line
from .remarks import load_remarks
from .source import read_raw_lines


@dataclass
class Sources:
    """Where one book's data lives: book.yml names its OCR file; the rest sit beside it."""

    folder: Path

    @property
    def book(self) -> Path:
        return self.folder / "book.yml"

    @property
    def corrections(self) -> Path:
        return self.folder / "corrections.yml"

    @property
    def names(self) -> Path:
        return self.folder / "names.yml"

    @property
    def remarks(self) -> Path:
        return self.folder / "remarks.yml"


@dataclass
class Prepared:
    """A document on its way through the passes, with the data the passes read."""

    sources: Sources
    doc: Document
    lexicon: Lexicon
    fixes: corrections.Corrections


@dataclass(frozen=True)
class Pass:
    """One pass: its name, its module, what it does (for the README) and, when a reader of
    the About page should hear of it, the step in their words ("" when not)."""

    name: str
    module: str
    does: str
    step: str
    run: Callable[[Prepared], object]


def _read(p: Prepared) -> None:
    raw_lines = read_raw_lines(p.doc.book.source_path)
    # numbered from 1, each line's text its raw text until the passes change it
    p.doc.lines = [Line(number=n, raw=raw, text=raw) for n, raw in enumerate(raw_lines, start=1)]


def _remarks(p: Prepared) -> None:
    p.doc.remarks = load_remarks(p.sources.remarks, p.doc)


def _layout_and_text_corrections(p: Prepared) -> None:
    corrections.check_layout_decisions(p.doc, p.fixes)
    corrections.apply_text_corrections(p.doc, p.fixes)


PASSES: tuple[Pass, ...] = (
    Pass(
        "read", "source.py",
        "bytes → raw lines; refuses empty, binary, non-UTF-8 input; accepts a BOM and CRLF",
        "",
        _read,
    ),
    Pass(
        "pages", "pages.py",
        "printed pages from the layout (a leading space, or a run of blank lines)",
        "recovers the printed pages from the scan’s layout and numbers them",
        lambda p: pages.number_pages(p.doc),
    ),
    Pass(
        "line kinds", "classify.py",
        "printer’s signature marks, noise, section breaks, page-foot notes",
        "sets apart printer’s marks and scanner noise",
        lambda p: classify.classify_lines(p.doc),
    ),
    Pass(
        "parts", "structure.py",
        "parts found by their raw headings (book.yml), checked against their start pages",
        "finds the parts by their headings, each checked against the page it begins on",
        lambda p: structure.find_parts(p.doc),
    ),
    Pass(
        "corrections", "corrections.py",
        "reviewed entries of `corrections.yml`, each matched exactly once",
        "applies the reviewed corrections, each tied to its exact raw text",
        _layout_and_text_corrections,
    ),
    Pass(
        "repairs", "repairs.py",
        "systematic OCR damage, one small named function per kind",
        "repairs the systematic OCR damage by named rules (a spurious letter before *a*, "
        "an *i* before an inner *a*, stray marks, junk at line starts)",
        lambda p: repairs.repair_lines(p.doc, p.lexicon, str(p.sources.corrections)),
    ),
    Pass(
        "typography", "typography.py",
        "curly quotes and apostrophes, close em dashes, spacing",
        "sets curly quotes and apostrophes and close em dashes, as the book prints them",
        lambda p: typography.typeset(p.doc),
    ),
    Pass(
        "furniture", "structure.py",
        "subtitles, closing dates, the Preface’s signature",
        "sets apart each part’s subtitle, closing date and signature",
        lambda p: structure.take_furniture(p.doc),
    ),
    Pass(
        "note markers", "notes.py",
        "numbered markers in order, page-foot notes and their asterisks",
        "finds every note marker, numbered or the asterisk of a page-foot note",
        lambda p: (notes.find_numbered_markers(p.doc), notes.find_footnotes(p.doc)),
    ),
    Pass(
        "stray asterisks", "repairs.py",
        "asterisks that mark no page-foot note, dropped as scanner noise",
        "drops every other asterisk, which is scanner noise",
        lambda p: repairs.drop_noise_asterisks(p.doc, str(p.sources.corrections)),
    ),
    Pass(
        "paragraphs", "paragraphs.py",
        "paragraph breaks and words rejoined at line and page ends",
        "rebuilds the paragraphs, rejoining words broken at line and page ends (keeping a "
        "hyphen only where the book’s own usage, or the word list, shows a compound)",
        lambda p: paragraphs.build_paragraphs(p.doc, p.lexicon, p.fixes),
    ),
    Pass(
        "notes", "notes.py",
        "the Notes grouped, each page reference checked against its marker’s page",
        "groups the Notes, checking each note’s page reference against the page its marker "
        "stands on, which checks the page numbering of the whole book",
        lambda p: (notes.collect_notes(p.doc), notes.locate_markers(p.doc)),
    ),
    Pass(
        "provenance", "provenance.py",
        "each edit located in the final text: its block and characters",
        "finds each change in the final text, so that the text can mark it and the list of "
        "emendations can link to the exact words",
        lambda p: provenance.locate_edits(p.doc),
    ),
    Pass(
        "remarks", "remarks.py",
        "the editor’s remarks (`remarks.yml`), each tied to its raw line’s exact text",
        "",
        _remarks,
    ),
    Pass(
        "anchors", "anchors.py",
        "every id (part, page, paragraph, section, note, marker, emendation, remark), before rendering",
        "gives every printed page, paragraph, section and note its lasting address, and links "
        "every note marker to its note and back",
        lambda p: anchors.set_anchors(p.doc),
    ),
)  # fmt: skip

# what is made of the Document after the passes (prepare.py runs these)
OUTPUTS: tuple[tuple[str, str, str], ...] = (
    (
        "Markdown",
        "`outputs/markdown/`",
        "one file per part (the editor’s changes marked), title page, About, Emendations; every "
        "Markdown character escaped",
    ),
    ("report", "`report.py`", "the suspects report (`--report`): Guiguts’ checks, codes S001–S010"),
)

# the last pass that works line by line: after it, every line's text is final but for markers
LAST_LINE_PASS = "typography"


def start(sources: Sources) -> Prepared:
    """Read book.yml, the word list and the corrections; an empty Document to run passes on."""
    book = load_book(sources.book)
    lexicon = load_lexicon(sources.names)
    fixes = corrections.load_corrections(sources.corrections)
    return Prepared(sources, Document(book=book, lines=[]), lexicon, fixes)


def run(prepared: Prepared, until: str = "") -> Prepared:
    """Run the passes of `PASSES` in the table's order (up to and including `until`, if given)."""
    for step in PASSES:
        step.run(prepared)
        if step.name == until:
            break
    return prepared


def line_passes(sources: Sources) -> Prepared:
    """The passes that work line by line, up to the typography (for the proofreading tools)."""
    return run(start(sources), until=LAST_LINE_PASS)


def prepare(sources: Sources) -> Prepared:
    """Run every pass; raises SourceError (file, line, problem) on bad input."""
    return run(start(sources))


def build(sources: Sources) -> Document:
    """The Document after every pass."""
    return prepare(sources).doc


def pass_table() -> str:
    """The README's table of passes, from `PASSES` and `OUTPUTS`."""
    rows = ["| pass | module | what it does |", "| --- | --- | --- |"]
    rows += [f"| {step.name} | `{step.module}` | {step.does} |" for step in PASSES]
    rows += [f"| {name} | {module} | {does} |" for name, module, does in OUTPUTS]
    return "\n".join(rows)


def about_steps() -> list[str]:
    """The About page's numbered list of what was done, in the order it is done."""
    steps = [step.step for step in PASSES if step.step]
    return [f"{n}. {text}{'.' if n == len(steps) else ';'}" for n, text in enumerate(steps, start=1)]
