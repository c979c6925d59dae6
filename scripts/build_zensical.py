#!/usr/bin/env python3
"""Build the same docs/ with Zensical (Material's successor, which reads mkdocs.yml) into
site-zensical/, leaving MkDocs' site/ alone.

Zensical takes the output folder from the configuration and wants the configuration inside
the project, so this writes a copy of mkdocs.yml with `site_dir` changed and the book's own
settings from source/book.yml put in (its name, description, author, copyright, navigation:
Zensical runs no MkDocs hook), builds, and removes the copy. Zensical's own search is switched
off in the copy (it is on unless the configuration says otherwise) and the edition's Pagefind
search is built as for MkDocs: the post-build steps (scripts/postbuild.py) run on the output.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import postbuild
from edition.book import load_book
from edition.site_config import site_settings

ROOT = Path(__file__).resolve().parent.parent

CONFIG_COPY = ROOT / ".zensical-mkdocs.yml"


def with_book_settings(config: str) -> str | None:
    """mkdocs.yml's text with the book's own settings from source/book.yml put in (Zensical runs
    no MkDocs hook): each value in JSON, which YAML reads as it is; None if mkdocs.yml has no
    single `site_name:` line or `extra:` mapping to put them at."""
    settings = site_settings(load_book(ROOT / "source" / "book.yml"))
    short_author = json.dumps(settings.pop("short_author"), ensure_ascii=False)
    lines = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in settings.items())
    config, named = re.subn(r"(?m)^site_name: .*$", lambda _match: lines, config)
    config, extra = re.subn(r"(?m)^extra:$", lambda _match: f"extra:\n  short_author: {short_author}", config)
    return config if named == extra == 1 else None


def main() -> int:
    out = sys.argv[1] if len(sys.argv) > 1 else "site-zensical"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config, count = re.subn(r"(?m)^site_dir: .*$", f"site_dir: {out}", config)
    if count != 1:
        print("mkdocs.yml: no single 'site_dir:' line to replace", file=sys.stderr)
        return 2
    config, count = re.subn(r"(?m)^plugins: \[\]$", "plugins:\n  search:\n    enabled: false", config)
    if count != 1:
        print("mkdocs.yml: no single 'plugins: []' line (search is Pagefind's)", file=sys.stderr)
        return 2
    with_book = with_book_settings(config)
    if with_book is None:
        print(
            "mkdocs.yml: no single 'site_name:' line or 'extra:' mapping for book.yml's settings",
            file=sys.stderr,
        )
        return 2
    CONFIG_COPY.write_text(with_book, encoding="utf-8")
    try:
        zensical = Path(sys.executable).with_name("zensical")
        result = subprocess.run([str(zensical), "build", "--clean", "-f", CONFIG_COPY.name], cwd=ROOT)
    finally:
        CONFIG_COPY.unlink(missing_ok=True)
    if result.returncode != 0:
        return result.returncode
    return postbuild.main([str(ROOT / out)])


if __name__ == "__main__":
    sys.exit(main())
