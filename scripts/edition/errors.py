"""The errors the edition raises: bad input (SourceError), a post-build step that cannot finish
(BuildError)."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """Bad input: names the file, the line (1-based, 0 when the whole file) and what is wrong."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path.name}:{self.line}" if self.line else self.path.name
        return f"{where}: {self.message}"


class BuildError(Exception):
    """A post-build step (scripts/postbuild.py) could not finish; the message says which and why."""
