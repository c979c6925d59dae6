"""Shared fixtures: the real book built once, the built site once, the raw OCR lines."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from edition.lexicon import load_lexicon
from edition.pipeline import Sources, build

ROOT = Path(__file__).resolve().parent.parent

SOURCE = ROOT / "source"
OCR = SOURCE / "my-recollections-of-lenin.ocr.txt"


@pytest.fixture(scope="session")
def raw_lines() -> list[str]:
    return OCR.read_text(encoding="utf-8").split("\n")[:-1]


@pytest.fixture(scope="session")
def doc():
    return build(Sources(SOURCE))


@pytest.fixture(scope="session")
def lexicon():
    return load_lexicon(SOURCE / "names.yml")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site as `make build` makes it from the committed docs/: `mkdocs build --strict`, then
    the post-build steps (scripts/postbuild.py: the search index, the downloads)."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    steps = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "postbuild.py"), str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert steps.returncode == 0, steps.stderr
    return out


@pytest.fixture
def source_copy(tmp_path) -> Path:
    """A writable copy of source/, to damage."""
    copy = tmp_path / "source"
    shutil.copytree(SOURCE, copy)
    return copy
