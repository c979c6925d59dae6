"""Shared fixtures: the real book built once, the built site once, the raw OCR lines, one
Chromium for every browser test."""

from __future__ import annotations

import fcntl
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

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROME_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def missing(what: str):
    """A browser or tool the test needs is not there: a failure with REQUIRE_BROWSER=1 (CI),
    else a skip with a notice."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{what} (REQUIRE_BROWSER=1)")
    pytest.skip(f"{what}: browser tests skipped")


def mkdocs_config() -> dict:
    """mkdocs.yml as MkDocs reads it (its `!ENV SITE_URL` is no plain YAML)."""
    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as file:
        return yaml_load(file)


def joined_extra_css(site: Path) -> str:
    """mkdocs.yml's extra_css as `site` serves each file, joined in their order: the text of the
    one stylesheet postbuild's "own stylesheets joined" step links in their place."""
    return "\n".join((site / path).read_text(encoding="utf-8") for path in mkdocs_config()["extra_css"])


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright, launched once for the whole session (each test
    opens a context of its own in it): a launch per test module cost a second or more each, a
    dozen times. Playwright's sync API marks its event loop as running between its calls, so
    no test may call asyncio.run() while this browser is open."""
    if not Path(CHROMIUM).exists():
        missing(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
        yield browser
        browser.close()


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


@pytest.fixture(scope="session")
def zensical_site() -> Path:
    """The committed docs/ built with Zensical (test_zensical, and test_search's answers), once
    per run: pytest-xdist's workers share it, the first to take the lock builds it."""
    # Zensical writes only inside the project: the folder `make build-zensical` uses
    out = ROOT / "site-zensical"
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")  # the same in every worker of one run
    stamp = out / ".built-by-test-run"
    lock_path = ROOT / ".cache" / "site-zensical.lock"
    lock_path.parent.mkdir(exist_ok=True)
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if run and stamp.exists() and stamp.read_text(encoding="utf-8") == run:
            return out
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "build_zensical.py"), out.name],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        if run:
            stamp.write_text(run, encoding="utf-8")
    return out


@pytest.fixture
def source_copy(tmp_path) -> Path:
    """A writable copy of source/, to damage."""
    copy = tmp_path / "source"
    shutil.copytree(SOURCE, copy)
    return copy
