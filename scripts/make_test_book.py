#!/usr/bin/env python3
"""Make a test book the way a scan is made: proofread text → printed pages → images → OCR.

    python scripts/make_test_book.py tests/books/essays

Reads BOOK/proofread.txt (the words as printed; format below) and writes, beside it:
    BOOK/printed.pdf is not kept (it is remade byte for byte from the text and this script);
    BOOK/pages.json         printed page → the first words of its text (the page truth)
    BOOK/<name>.ocr.txt     what Tesseract reads from the degraded page images

proofread.txt: the lines before the first "# " heading are the title page, one printed line
each; "# HEADING" begins a part (the last, "# NOTES", the endnotes); a blank line ends a
paragraph; "^N" is note marker N, printed as a superscript.

Needs WeasyPrint (in the lock), pdftoppm and pdftotext (poppler-utils), ImageMagick's
`convert` and `tesseract` (Debian's tesseract-ocr, tesseract-ocr-eng). `make test` does not run
this: the OCR text it made is committed, so the tests need none of these programs.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

# the printed book: a small octavo, justified and hyphenated, a running head atop each page
# (the book's title on the left-hand page, the essay's on the right, the folio outside)
CSS = """
@page { size: 110mm 165mm; margin: 16mm 13mm 15mm 13mm;
  @top-center { content: string(running); font: 8pt serif; letter-spacing: 0.08em; }
}
@page :left { @top-left { content: counter(page); font: 9pt serif; }
  @top-center { content: "ESSAYS OF BACON AND EMERSON"; font: 8pt serif; letter-spacing: 0.08em; } }
@page :right { @top-right { content: counter(page); font: 9pt serif; } }
@page :first { @top-center { content: none; } @top-right { content: none; } }
@page :blank { @top-center { content: none; } @top-left { content: none; } @top-right { content: none; } }
html { font: 10.5pt/1.32 "DejaVu Serif", serif; }
body { margin: 0; }
.title { text-align: center; break-after: right; padding-top: 28mm; }
.title p { margin: 0 0 3mm; text-indent: 0; }
.title .big { font-size: 17pt; letter-spacing: 0.1em; }
h1 { string-set: running attr(data-running); font-size: 11pt; font-weight: normal;
     letter-spacing: 0.12em; text-align: center; margin: 9mm 0 5mm; break-after: avoid; }
h1.notes { break-before: page; }
p { margin: 0; text-align: justify; hyphens: auto; text-indent: 1.4em; orphans: 2; widows: 2; }
h1 + p { text-indent: 0; }
sup { font-size: 6.5pt; line-height: 0; }
.note { text-indent: 0; margin-bottom: 1.6mm; }
"""


def read_proofread(path: Path) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The title page's lines and the parts, each (heading, paragraphs)."""
    front: list[str] = []
    parts: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            parts.append((line[2:], []))
        elif not parts:
            front.append(line)
        elif line.strip():
            parts[-1][1].append(line)
    return front, parts


def running_head(heading: str) -> str:
    """The right-hand page's head: the essay's title without its number ("OF TRUTH")."""
    return re.sub(r"^[IVXLC]+\.\s*", "", heading)


def markup(paragraph: str) -> str:
    return re.sub(r"\^(\d+)", r"<sup>\1</sup>", html.escape(paragraph, quote=False))


def book_html(front: list[str], parts: list[tuple[str, list[str]]]) -> str:
    title = [f'<p class="{"big" if i < 3 else ""}">{html.escape(line)}</p>' for i, line in enumerate(front)]
    body = ['<section class="title">', *title, "</section>"]
    for heading, paragraphs in parts:
        notes = heading == "NOTES"
        head = html.escape(running_head(heading), quote=True)
        body.append(
            f'<h1 class="{"notes" if notes else ""}" data-running="{head}">{html.escape(heading)}</h1>'
        )
        body += [f'<p class="{"note" if notes else ""}">{markup(p)}</p>' for p in paragraphs]
    head = f'<head><meta charset="utf-8"><style>{CSS}</style></head>'
    return f'<!doctype html><html lang="en">{head}<body>{"".join(body)}</body></html>'


def page_truth(pdf: Path) -> dict[int, str]:
    """Printed page → the first words of its text, below the running head (from the PDF)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    truth: dict[int, str] = {}
    for number, page in enumerate(text.stdout.split("\f"), start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if number > 1 and lines and re.search(r"^\d+\s|\s\d+$", lines[0]):
            lines = lines[1:]  # the running head and folio
        if lines:
            truth[number] = " ".join(lines[0].split()[:4])
    return truth


def degrade(image: Path, out: Path, page: int) -> None:
    """A worn print, scanned a little askew: blur, speckle, a slight rotation, grey."""
    angle = (0.35, -0.25, 0.5, -0.4)[page % 4]
    subprocess.run(
        ["convert", str(image), "-seed", str(page), "-rotate", str(angle), "-blur", "0x0.8",
         "-attenuate", "0.7", "+noise", "Gaussian", "-level", "8%,92%", "-colorspace", "Gray", str(out)],
        check=True,
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("book", type=Path, help="the test book's folder (with proofread.txt)")
    parser.add_argument("--dpi", type=int, default=200)
    args = parser.parse_args(argv)
    from weasyprint import HTML

    front, parts = read_proofread(args.book / "proofread.txt")
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        pdf = work / "printed.pdf"
        HTML(string=book_html(front, parts)).write_pdf(pdf)
        (args.book / "pages.json").write_text(json.dumps(page_truth(pdf), indent=1) + "\n", encoding="utf-8")
        subprocess.run(
            ["pdftoppm", "-r", str(args.dpi), "-gray", "-png", str(pdf), str(work / "p")], check=True
        )
        images = sorted(work.glob("p-*.png"))
        scans = []
        for number, image in enumerate(images, start=1):
            scan = work / f"scan-{number:03d}.png"
            degrade(image, scan, number)
            scans.append(str(scan))
        (work / "list.txt").write_text("\n".join(scans) + "\n", encoding="utf-8")
        subprocess.run(["tesseract", str(work / "list.txt"), str(work / "ocr"), "-l", "eng"], check=True)
        ocr = (work / "ocr.txt").read_text(encoding="utf-8")
    (args.book / f"{args.book.name}.ocr.txt").write_text(ocr, encoding="utf-8")
    print(f"{len(images)} pages; {len(ocr.split())} words read", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
