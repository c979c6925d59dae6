"""remarks.yml: the editor's remarks for readers — readings in doubt, and the print's own slips
that the edition keeps. Each is tied to a raw line and that line's exact raw text."""

from __future__ import annotations

from pathlib import Path

from .errors import SourceError
from .model import Document, Remark
from .yamlfile import check_raw_line, item_line, line_of, load_entries, raw_line_fields


def load_remarks(path: Path, doc: Document) -> list[Remark]:
    """Read and check the remarks: each names a raw line whose text is exactly `raw`."""
    remarks = []
    for entry in load_entries(path, "remarks"):
        where = line_of(entry)
        number, raw = raw_line_fields(path, entry, "a remark")
        if not isinstance(entry.get("remark"), str) or not entry["remark"].strip():
            raise SourceError(path, item_line(entry, "remark"), "a remark needs its text ('remark')")
        check_raw_line(doc.lines, path, where, number, raw, "remark")
        line = doc.lines[number - 1]
        remarks.append(Remark(number, line.page, line.raw.strip(), entry["remark"]))
    return sorted(remarks, key=lambda remark: remark.line)
