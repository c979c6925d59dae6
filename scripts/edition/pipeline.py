"""The passes in order: source/ → a Document → Markdown files. Nothing here writes to disk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import classify, corrections, notes, pages, paragraphs, provenance, repairs, structure, typography
from .book import load_book
from .lexicon import Lexicon, load_lexicon
from .model import Document
from .remarks import load_remarks
from .source import read_lines


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
    """A document after the line passes, with the data the later passes need."""

    doc: Document
    lexicon: Lexicon
    fixes: corrections.Corrections


def line_passes(sources: Sources) -> Prepared:
    """Read the data and run the passes that work line by line: pages, line kinds, parts,
    corrections, repairs, typography. Each line's text is then final but for note markers."""
    book = load_book(sources.book)
    lexicon = load_lexicon(sources.names)
    fixes = corrections.load_corrections(sources.corrections)
    doc = Document(book=book, lines=read_lines(book.source_path))
    pages.number_pages(doc)
    classify.classify_lines(doc)
    structure.find_parts(doc)  # on the raw headings: a missing part is named before anything else
    corrections.check_layout_decisions(doc, fixes)
    corrections.apply_text_corrections(doc, fixes)
    repairs.repair_lines(doc, lexicon, str(sources.corrections))
    typography.typeset(doc)
    return Prepared(doc, lexicon, fixes)


def build(sources: Sources) -> Document:
    """Run every pass; raises SourceError (file, line, problem) on bad input."""
    prepared = line_passes(sources)
    doc = prepared.doc
    structure.take_furniture(doc)
    notes.find_numbered_markers(doc)
    notes.find_footnotes(doc)
    paragraphs.build_paragraphs(doc, prepared.lexicon, prepared.fixes)
    structure.number_sections(doc)
    notes.collect_notes(doc)
    notes.locate_markers(doc)
    provenance.locate_edits(doc)
    doc.remarks = load_remarks(sources.remarks, doc)
    return doc
