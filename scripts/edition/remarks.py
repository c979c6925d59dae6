"""remarks.yml: the editor's remarks for readers — readings in doubt, and the print's own slips
that the edition keeps. Each is tied to a raw line and that line's exact raw text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError
from .model import Document
from .yamlfile import line_of, load_yaml


@dataclass
class Remark:
    line: int
    page: int
    raw: str
    text: str


def load_remarks(path: Path, doc: Document) -> list[Remark]:
    """Read and check the remarks: each names a raw line whose text is exactly `raw`."""
    if not path.exists():
        return []
    data = load_yaml(path) or []
    if not isinstance(data, list):
        raise SourceError(path, 1, "remarks.yml must be a list")
    remarks = []
    for entry in data:
        where = line_of(entry)
        if not isinstance(entry, dict) or not isinstance(entry.get("line"), int):
            raise SourceError(path, where, "a remark needs its raw 'line' number")
        if not isinstance(entry.get("raw"), str) or not isinstance(entry.get("remark"), str):
            raise SourceError(path, where, "a remark needs 'raw' (the line's text) and 'remark'")
        number = entry["line"]
        if not 1 <= number <= len(doc.lines):
            raise SourceError(path, where, f"no raw line {number}")
        line = doc.lines[number - 1]
        if line.raw.strip() != entry["raw"].strip():
            raise SourceError(path, where, f"stale remark: raw line {number} is {line.raw.strip()!r}")
        remarks.append(Remark(number, line.page, line.raw.strip(), entry["remark"]))
    return sorted(remarks, key=lambda remark: remark.line)
