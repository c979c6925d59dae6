"""source/downloads.yml: the facts the downloads need beyond book.yml, checked as they are read;
and the date the source was last changed, which stands for the downloads' modified date."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import SourceError
from ..fields import identifier as uri_identifier
from ..fields import one_line, text
from ..model import Document
from ..snapshot import snapshot_date
from ..yamlfile import item_line, line_of, load_yaml

ROLES = ("preface", "foreword", "chapter", "endnotes", "appendix", "introduction", "epilogue")


@dataclass(frozen=True)
class Settings:
    identifier: str
    roles: dict[str, str]  # part slug → epub:type (and doc-… role)
    accessibility_summary: str
    # EPUB Accessibility 1.1's conformance statement (dcterms:conformsTo) and who checked it
    # (a11y:certifiedBy); both empty when downloads.yml makes no claim
    conforms_to: str = ""
    certified_by: str = ""


CONFORMANCE = re.compile(r"EPUB Accessibility 1\.1 - WCAG 2\.[012] Level A{1,3}")


def conformance(path: Path, data: dict) -> tuple[str, str]:
    """downloads.yml's `conforms_to` and `certified_by`: both or neither, the first in the form
    EPUB Accessibility 1.1 prescribes ("EPUB Accessibility 1.1 - WCAG 2.2 Level A")."""
    claim, certifier = data.get("conforms_to"), data.get("certified_by")
    if claim is None and certifier is None:
        return "", ""
    # a missing key is named at the line of the one that is there
    line = item_line(data, "conforms_to" if "conforms_to" in data else "certified_by")
    if not isinstance(claim, str) or not CONFORMANCE.fullmatch(claim):
        wanted = "'EPUB Accessibility 1.1 - WCAG 2.N Level A'"
        raise SourceError(path, line, f"conforms_to must read {wanted} (or AA, AAA), not {claim!r}")
    line = item_line(data, "certified_by" if "certified_by" in data else "conforms_to")
    if not isinstance(certifier, str) or not certifier.strip():
        raise SourceError(path, line, "certified_by must name who checked the conformance")
    one_line(certifier, path, line, "certified_by")
    return claim, " ".join(certifier.split())


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
    return Settings(identifier, dict(roles), " ".join(summary.split()), *conformance(path, data))


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
