#!/usr/bin/env python3
"""The site build in one process: source/ → docs/ (only if it changed), then `mkdocs build
--strict` into site/. `make build` runs it, then `scripts/postbuild.py site`.

    python scripts/build_site.py [SITE]      (SITE: site/ unless given)

The same two steps as `python scripts/prepare.py` then `mkdocs build --strict`, with the same
results; one Python instead of two saves a start and the imports the two share (YAML, Jinja's
and Markdown's dependencies), and `make serve` rebuilds with these very functions. It prints how
the time went (Python's own start, before this file runs, is in neither figure):
"docs/ up to date; built site in 0.395 s: the preprocessing 0.090 s (its imports included),
MkDocs 0.305 s".
Bad input, or a page or template MkDocs refuses, ends with one line (`error: file:line:
problem`) and exit status 2; docs/ and site/ are then as they were (the site is built into a
folder beside it and takes its place whole).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()  # before the edition's imports: they are the preprocessing's

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from edition.errors import SourceError  # noqa: E402
from edition.outputs.markdown.docs import check_docs, generate, write_docs  # noqa: E402
from edition.outputs.settings import source_date  # noqa: E402
from edition.pipeline import Sources, build  # noqa: E402
from edition.snapshot import SNAPSHOT, take_snapshot  # noqa: E402
from edition.staging import staged_folder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


class BuildFailed(Exception):
    """A build that did not finish; the message is one line, naming the file and line if known."""


def prepare_docs(root: Path, snapshot: Path | None = None) -> bool:
    """source/ → docs/, as `prepare.py` does; True when docs/ changed. With `snapshot` (a
    folder in the site being built), source/ is copied there first and docs/ made from the
    copy, which the post-build steps then read: pages and downloads from the same bytes."""
    source = root / "source"
    try:
        if snapshot is not None:
            source = take_snapshot(source, snapshot, source_date(source))
        files = generate(build(Sources(source)))
        if not check_docs(files, root / "docs"):
            return False
        write_docs(files, root / "docs")
    except SourceError as error:
        raise BuildFailed(f"error: {error}") from None
    return True


class _Warnings(logging.Handler):
    """Keeps MkDocs' warnings: in strict mode the first one is why the build stopped."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().splitlines()[0])


def build_site(root: Path, out: Path) -> None:
    """`mkdocs build --strict` into `out`, in this process (no start-up cost on each rebuild)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    warnings = _Warnings()
    logger.addHandler(warnings)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except Exception as error:  # MkDocs' own errors, a plugin's, a template's: all one line
        raise BuildFailed(_mkdocs_message(error, warnings.messages)) from None
    finally:
        logger.removeHandler(warnings)


def _mkdocs_message(error: BaseException, warnings: list[str]) -> str:
    """One line for a failed MkDocs build: the template's file and line, or the first warning."""
    filename, lineno = getattr(error, "filename", None), getattr(error, "lineno", None)
    if filename and lineno:  # a Jinja template error in overrides/
        return f"error: {Path(filename).name}:{lineno}: {getattr(error, 'message', error)}"
    if warnings:
        return f"error: mkdocs: {warnings[0]}"
    text = str(getattr(error, "message", "") or error).strip().splitlines()
    return f"error: mkdocs: {text[0] if text else type(error).__name__}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or args[:1] in (["-h"], ["--help"]):
        print(__doc__.split("\n\n")[1].strip())
        return 0 if args[:1] in (["-h"], ["--help"]) else 2
    site = Path(args[0]) if args else ROOT / "site"
    try:
        with staged_folder(site) as staging:  # a failed build leaves the last good site
            changed = prepare_docs(ROOT, staging / SNAPSHOT)  # what the downloads will read too
            prepared = time.perf_counter()
            build_site(ROOT, staging)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        return 2
    done = time.perf_counter()
    state = "rewritten" if changed else "up to date"
    print(
        f"docs/ {state}; built {site} in {done - STARTED:.3f} s: "
        f"the preprocessing {prepared - STARTED:.3f} s (its imports included), MkDocs {done - prepared:.3f} s"
    )
    return 0


def exit_now(status: int) -> None:
    """End the process without its teardown: freeing every object of both builds one by one
    takes 0.03 s and changes nothing written (mypy ends so too). Output is flushed first."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    exit_now(main())
