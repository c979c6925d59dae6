#!/usr/bin/env python3
"""Prepare the edition: clean the OCR text in source/ and write the Markdown chapters to docs/.

    python scripts/prepare.py            write docs/ (atomically: all of it or nothing)
    python scripts/prepare.py --check    write nothing; "docs/ is up to date", or exit 1 naming
                                         each file that differs ("run make prepare")
    python scripts/prepare.py --report   print the suspects report; exit 1 if any is unreviewed

Bad input (an empty or non-UTF-8 source, a book.yml or corrections.yml that disagrees with
the text) ends with one line naming the file, the line and the problem, and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from edition.errors import SourceError
from edition.outputs.markdown.docs import check_docs, generate, write_docs
from edition.pipeline import Sources, prepare

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT / "source", help="the book's data")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="where Markdown goes")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="compare, write nothing")
    mode.add_argument("--report", action="store_true", help="print the suspects report")
    args = parser.parse_args(argv)
    try:
        prepared = prepare(Sources(args.source))
        doc = prepared.doc
        files = generate(doc)
        if args.report:
            from edition.report import print_report

            return print_report(doc, args.source, prepared.lexicon)
        if args.check:
            differing = check_docs(files, args.docs)
            for name in differing:
                print(
                    f"docs/{name} differs from what source/ gives: run make prepare "
                    "(docs/ is generated: edit source/)",
                    file=sys.stderr,
                )
            if not differing:
                print(f"docs/ is up to date ({len(files)} files)")
            return 1 if differing else 0
        write_docs(files, args.docs)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote {len(files)} files to {args.docs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
