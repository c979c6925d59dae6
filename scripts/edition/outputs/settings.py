"""source/downloads.yml: the facts the downloads need beyond book.yml, checked as they are read;
and the date the source was last changed, which stands for the downloads' modified date."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import SourceError
from ..fields import identifier as uri_identifier
from ..fields import text
from ..model import Document
from ..snapshot import snapshot_date
from ..yamlfile import item_line, line_of, load_yaml

ROLES = ("preface", "foreword", "chapter", "endnotes", "appendix", "introduction", "epilogue")


@dataclass(frozen=True)
class Settings:
    identifier: str
    roles: dict[str, str]  # part slug → epub:type (and doc-… role)
    accessibility_summary: str


def load_settings(path: Path, doc: Document) -> Settings:
    """Read downloads.yml; every part of the book must have a known role."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise SourceError(path, 1, "downloads.yml must be a mapping")
    for key in ("identifier", "roles", "accessibility_summary"):
        if key not in data:
            raise SourceError(path, line_of(data, 1), f"missing key '{key}'")
    identifier, roles, summary = data["identifier"], data["roles"], data["accessibility_summary"]
    uri_identifier(identifier, path, item_line(data, "identifier"))
    if not isinstance(roles, dict):
        raise SourceError(path, line_of(data, 1), "roles must map part slugs to roles")
    for part in doc.parts:
        role = roles.get(part.slug)
        if role not in ROLES:
            found = f"role {role!r}" if role else "no role"
            choices = ", ".join(ROLES)
            raise SourceError(path, line_of(roles, 1), f"part {part.slug!r} has {found}; one of {choices}")
    for slug in roles:
        if slug not in {part.slug for part in doc.parts}:
            raise SourceError(path, line_of(roles, 1), f"role for unknown part {slug!r}")
    text(summary, path, item_line(data, "accessibility_summary"), "accessibility_summary")
    return Settings(identifier, dict(roles), " ".join(summary.split()))


def git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True)


def source_date(folder: Path) -> datetime:
    """When the book's data last changed: the last commit touching `folder`, else (outside git,
    or with uncommitted changes) the newest file's time. Never the clock, so two builds of the
    same source carry the same date. A snapshot of the source (snapshot.py) carries the date
    taken when it was made."""
    recorded = snapshot_date(folder)
    if recorded is not None:
        return recorded
    newest = max(path.stat().st_mtime for path in folder.rglob("*") if path.is_file())
    try:
        result = git(folder, "log", "-1", "--format=%ct", "--", ".")
        dirty = git(folder, "status", "--porcelain", "--", ".")
        committed = int(result.stdout.strip()) if result.stdout.strip() and not dirty.stdout.strip() else None
    except (OSError, subprocess.CalledProcessError, ValueError):
        committed = None
    return datetime.fromtimestamp(committed if committed is not None else int(newest), UTC)
