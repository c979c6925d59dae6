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


def build_site_into(out: Path, site_url: str | None = None, steps: tuple[str, ...] | None = None) -> Path:
    """`mkdocs build --strict` from the committed docs/ into `out`, then the post-build steps
    (all, or those named, as `postbuild.py --only` takes them), with SITE_URL set to `site_url`
    or unset whatever the environment says."""
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if site_url:
        env["SITE_URL"] = site_url
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    only = [arg for step in steps for arg in ("--only", step)] if steps is not None else []
    if steps != ():
        command = [sys.executable, str(ROOT / "scripts" / "postbuild.py"), str(out), *only]
        finished = subprocess.run(command, capture_output=True, text=True, env=env)
        assert finished.returncode == 0, finished.stderr
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site as `make build` makes it from the committed docs/, with no SITE_URL: `mkdocs
    build --strict`, then the post-build steps (scripts/postbuild.py: the search index, the
    downloads)."""
    return build_site_into(tmp_path_factory.mktemp("site"))


@pytest.fixture
def source_copy(tmp_path) -> Path:
    """A writable copy of source/, to damage."""
    copy = tmp_path / "source"
    shutil.copytree(SOURCE, copy)
    return copy
