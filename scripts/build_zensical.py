#!/usr/bin/env python3
"""Build the same docs/ with Zensical (Material's successor, which reads mkdocs.yml) into
site-zensical/, leaving MkDocs' site/ alone.

Zensical takes the output folder from the configuration and wants the configuration inside
the project, so this writes a copy of mkdocs.yml with only `site_dir` changed, builds, and
removes the copy. Zensical's own search is switched off in the copy (it is on unless the
configuration says otherwise) and the edition's Pagefind search is built as for MkDocs: the
post-build steps (scripts/postbuild.py) run on the output.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import postbuild

ROOT = Path(__file__).resolve().parent.parent

CONFIG_COPY = ROOT / ".zensical-mkdocs.yml"


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
    CONFIG_COPY.write_text(config, encoding="utf-8")
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
