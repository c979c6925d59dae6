"""The passes, declared once in a table: source/ → a Document. Nothing here writes to disk.

`PASSES` is the one list of what the pipeline does, in the order it runs: `build` runs it;
the README's table of passes (`scripts/readme_passes.py`) and the About page's list of steps
are written from it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

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
from .sources import Sources


@dataclass
class Prepared:
    """A document on its way through the passes, with the data the passes read. A pass's
    function asks for these by its parameters' names (`arguments`)."""

    sources: Sources
    doc: Document
    lexicon: Lexicon
    fixes: corrections.Corrections

    def arguments(self) -> dict[str, object]:
        """What a pass's function may ask for, by parameter name."""
        return {
            "doc": self.doc,
            "lexicon": self.lexicon,
            "corrections": self.fixes,
            "corrections_path": str(self.sources.corrections),
            "sources": self.sources,
        }


@dataclass(frozen=True)
class Pass:
    """One pass: its name, the functions it runs in order, what it does (for the README) and,
    when a reader of the About page should hear of it, the step in their words ("" when not).
    Each function is called with the arguments its parameters name (`Prepared.arguments`)."""

    name: str
    functions: tuple[Callable[..., object], ...]
    does: str
    step: str

    def run(self, prepared: Prepared) -> None:
        arguments = prepared.arguments()
        for function in self.functions:
            function(**{name: arguments[name] for name in inspect.signature(function).parameters})

    @property
    def names(self) -> list[str]:
        """The functions as the README names them: `pages.number_pages`."""
        return [
            f"{function.__module__.rpartition('.')[2]}.{function.__name__}" for function in self.functions
        ]


def read_source(doc: Document, sources: Sources) -> None:
    """The OCR file's lines, numbered from 1, each line's text its raw text until a pass changes it."""
    raw_lines = read_raw_lines(doc.book.source_path)
    doc.lines = [Line(number=n, raw=raw, text=raw) for n, raw in enumerate(raw_lines, start=1)]


def attach_remarks(doc: Document, sources: Sources) -> None:
    """The editor's remarks of remarks.yml, checked against the raw lines."""
    doc.remarks = load_remarks(sources.remarks, doc)


PASSES: tuple[Pass, ...] = (
    Pass(
        "read", (read_source,),
        "bytes → raw lines; refuses empty, binary, non-UTF-8 input; accepts a BOM and CRLF",
        "",
    ),
    Pass(
        "pages", (pages.number_pages,),
        "printed pages from the layout (a leading space, or a run of blank lines)",
        "recovers the printed pages from the scan’s layout and numbers them",
    ),
    Pass(
        "line kinds", (classify.classify_lines,),
        "printer’s signature marks, noise, section breaks, page-foot notes",
        "sets apart printer’s marks and scanner noise",
    ),
    Pass(
        "parts", (structure.find_parts,),
        "parts found by their raw headings (book.yml), checked against their start pages",
        "finds the parts by their headings, each checked against the page it begins on",
    ),
    Pass(
        "corrections", (corrections.check_layout_decisions, corrections.apply_text_corrections),
        "reviewed entries of `corrections.yml`, each matched exactly once",
        "applies the reviewed corrections, each tied to its exact raw text",
    ),
    Pass(
        "repairs", (repairs.repair_lines,),
        "systematic OCR damage, one small named function per kind",
        "repairs the systematic OCR damage by named rules (a spurious letter before *a*, "
        "an *i* before an inner *a*, stray marks, junk at line starts)",
    ),
    Pass(
        "typography", (typography.typeset,),
        "curly quotes and apostrophes, close em dashes, spacing",
        "sets curly quotes and apostrophes and close em dashes, as the book prints them",
    ),
    Pass(
        "furniture", (structure.take_furniture,),
        "subtitles, closing dates, the Preface’s signature",
        "sets apart each part’s subtitle, closing date and signature",
    ),
    Pass(
        "note markers", (notes.find_numbered_markers, notes.find_footnotes),
        "numbered markers in order, page-foot notes and their asterisks",
        "finds every note marker, numbered or the asterisk of a page-foot note",
    ),
    Pass(
        "stray asterisks", (repairs.drop_noise_asterisks,),
        "asterisks that mark no page-foot note, dropped as scanner noise",
        "drops every other asterisk, which is scanner noise",
    ),
    Pass(
        "paragraphs", (paragraphs.build_paragraphs,),
        "paragraph breaks and words rejoined at line and page ends",
        "rebuilds the paragraphs, rejoining words broken at line and page ends (keeping a "
        "hyphen only where the book’s own usage, or the word list, shows a compound)",
    ),
    Pass(
        "notes", (notes.collect_notes, notes.locate_markers),
        "the Notes grouped, each page reference checked against its marker’s page",
        "groups the Notes, checking each note’s page reference against the page its marker "
        "stands on, which checks the page numbering of the whole book",
    ),
    Pass(
        "provenance", (provenance.locate_edits,),
        "each edit located in the final text: its block and characters",
        "finds each change in the final text, so that the text can mark it and the list of "
        "emendations can link to the exact words",
    ),
    Pass(
        "remarks", (attach_remarks,),
        "the editor’s remarks (`remarks.yml`), each tied to its raw line’s exact text",
        "",
    ),
    Pass(
        "anchors", (anchors.set_anchors,),
        "every id (part, page, paragraph, section, note, marker, emendation, remark), before rendering",
        "gives every printed page, paragraph, section and note its lasting address, and links "
        "every note marker to its note and back",
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
    rows = ["| pass | functions | what it does |", "| --- | --- | --- |"]
    rows += [
        f"| {step.name} | {', '.join(f'`{name}`' for name in step.names)} | {step.does} |" for step in PASSES
    ]
    rows += [f"| {name} | {module} | {does} |" for name, module, does in OUTPUTS]
    return "\n".join(rows)


def about_steps() -> list[str]:
    """The About page's numbered list of what was done, in the order it is done."""
    steps = [step.step for step in PASSES if step.step]
    return [f"{n}. {text}{'.' if n == len(steps) else ';'}" for n, text in enumerate(steps, start=1)]
