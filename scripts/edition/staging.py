"""A folder written whole or not at all: every output that replaces a folder goes through here."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _swap(staging: Path, target: Path, retired: Path) -> None:
    """`staging` in `target`'s place, the old one moved to `retired`; a stop (SIGTERM, Ctrl-C)
    between the two renames puts the old one back, so that `target` is never missing."""
    moved = False
    try:
        if target.exists():
            target.rename(retired)
            moved = True
        staging.rename(target)
    except BaseException:
        if moved and not target.exists():
            retired.rename(target)
        raise


@contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """A new, empty folder beside `target` to write into. When the block ends without an error
    the folder takes `target`'s place whole (the old one moved aside, then removed); on any
    error, an interrupt included, it is removed and `target` is left exactly as it was.

    >>> out = Path(tempfile.mkdtemp()) / "docs"
    >>> with staged_folder(out) as staging:
    ...     _ = (staging / "a.md").write_text("new", encoding="utf-8")
    >>> sorted(path.name for path in out.iterdir())
    ['a.md']
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        staging.chmod(0o755)  # mkdtemp's folder is private; a site's or docs/' folders are not
        yield staging
        retired = target.parent / f".{target.name}-old-{staging.name[-8:]}"
        _swap(staging, target, retired)
        shutil.rmtree(retired, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
