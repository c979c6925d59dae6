"""The source a build was made from, kept with the build: the pages and the downloads of one
build are made from the same bytes, whatever is saved into source/ in between.

`take_snapshot` copies source/ into the site being built (a hidden folder, which MkDocs leaves
alone and the post-build steps remove once done) with the date the source last changed; the
pages are prepared from that copy, and the downloads read it rather than source/.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from .errors import SourceError

SNAPSHOT = ".edition-source"  # in the site folder, until the post-build steps are done
DATE_FILE = ".source-date"  # in the snapshot: when source/ last changed (git, else its files)


def take_snapshot(source: Path, snapshot: Path, modified: datetime) -> Path:
    """Copy source/'s regular files into `snapshot` (replacing what is there) and record
    `modified`; the copy is what this build reads from now on."""
    shutil.rmtree(snapshot, ignore_errors=True)
    snapshot.mkdir(parents=True)
    for path in sorted(source.rglob("*")):
        if path.is_file() and not path.is_symlink():  # a link could lead out of source/
            target = snapshot / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    (snapshot / DATE_FILE).write_text(modified.strftime("%Y-%m-%dT%H:%M:%SZ"), encoding="utf-8")
    return snapshot


def snapshot_date(snapshot: Path) -> datetime | None:
    """The date recorded in a snapshot; None for a folder that is no snapshot (source/ itself)."""
    path = snapshot / DATE_FILE
    if not path.is_file():
        return None
    try:
        return datetime.strptime(path.read_text(encoding="utf-8").strip(), "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=UTC
        )
    except ValueError:
        raise SourceError(path, 1, "not a date of the form 2026-12-01T10:00:00Z") from None
