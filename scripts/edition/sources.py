"""Where one book's data lives: every file of source/ that the edition reads, named once.

book.yml names the OCR file (`Book.source_path`); the rest sit beside book.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sources:
    folder: Path

    @property
    def book(self) -> Path:
        """Title, parts, page numbering, notes, colophon, catalogue facts (book.py)."""
        return self.folder / "book.yml"

    @property
    def scan(self) -> Path:
        """What this scan is like, each value with its why (scan.py)."""
        return self.folder / "scan.yml"

    @property
    def corrections(self) -> Path:
        """Reviewed emendations and layout decisions (corrections.py)."""
        return self.folder / "corrections.yml"

    @property
    def names(self) -> Path:
        """The book's own vocabulary beside the English word list (lexicon.py)."""
        return self.folder / "names.yml"

    @property
    def remarks(self) -> Path:
        """The editor's remarks for readers (remarks.py)."""
        return self.folder / "remarks.yml"

    @property
    def accepted(self) -> Path:
        """Findings of the suspects report reviewed and kept (report.py)."""
        return self.folder / "accepted.yml"

    @property
    def downloads(self) -> Path:
        """What the downloads need beyond book.yml (outputs/settings.py)."""
        return self.folder / "downloads.yml"

    @property
    def transcription(self) -> Path:
        """The proofreaders' line-by-line reading of the printed book (proofing.py)."""
        return self.folder / "proofreading" / "transcription.tsv"
