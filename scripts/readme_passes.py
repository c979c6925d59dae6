#!/usr/bin/env python3
"""Write the README's table of passes from the one table in scripts/edition/pipeline.py.

python scripts/readme_passes.py           rewrite the table between its markers
python scripts/readme_passes.py --check   write nothing; exit 1 if the README's table differs
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from edition.pipeline import pass_table

README = Path(__file__).resolve().parent.parent / "README.md"
BETWEEN_MARKERS = re.compile(r"(<!-- passes -->\n).*?(<!-- /passes -->)", re.S)


def with_pass_table(readme: str) -> str:
    """The README's text with the table between `<!-- passes -->` markers made anew."""
    if not BETWEEN_MARKERS.search(readme):
        raise ValueError("README.md: no <!-- passes --> … <!-- /passes --> markers")
    return BETWEEN_MARKERS.sub(lambda match: match.group(1) + pass_table() + "\n" + match.group(2), readme)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    try:
        new = with_pass_table(text)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.check:
        if new != text:
            print(
                "README.md: the table of passes is out of date: run scripts/readme_passes.py", file=sys.stderr
            )
            return 1
        print("README.md: the table of passes is up to date")
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
