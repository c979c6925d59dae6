"""The PDF as a text extractor reads it (pdftotext): the 1955 page numbers in the margin do not
break the sentences they stand beside. pdftotext gathers them, with the folio, at the end of
each PDF page, so a sentence across a 1955 page break reads whole; only where a PDF page also
ends there do the folio, the margin numbers and the running head come between (WeasyPrint
cannot mark text as an artifact, and pdftotext would not skip one: see the report)."""

import json
import re
import subprocess

import pytest
from test_downloads import fold

PAGE_END = "\x00"  # stands for a PDF page's end (pdftotext's form feed) in the folded text
# what may stand between two words across a PDF page's end: folio, margin numbers, running head
ACROSS = rf" ?[^{PAGE_END}]{{0,80}}{PAGE_END}[^{PAGE_END}]{{0,80}}? ?"


def pdf_pages_text(path) -> str:
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return f" {PAGE_END} ".join(fold(page) for page in raw.stdout.decode("utf-8").split("\f"))


def around_page_breaks(doc) -> list[tuple[int, str]]:
    """(page, the three words before and the three after, as the text reads there) at each 1955
    page that begins inside a paragraph, from the model."""
    out = []
    for part in doc.parts:
        for block in part.blocks:
            for mark in block.page_marks:
                before, after = block.text[: mark.offset], block.text[mark.offset :]
                if before.strip() and after.strip():
                    space = " " if before[-1].isspace() or after[0].isspace() else ""
                    words = " ".join(before.split()[-3:]) + space + " ".join(after.split()[:3])
                    out.append((mark.page, fold(words)))
    return out


@pytest.fixture(scope="module")
def pdf_text(site):
    manifest = json.loads((site / "downloads" / "manifest.json").read_text(encoding="utf-8"))
    return pdf_pages_text(site / "downloads" / manifest["pdf"]["file"])


def test_a_sentence_across_a_1955_page_break_reads_whole(doc, pdf_text):
    breaks = around_page_breaks(doc)
    assert len(breaks) > 50
    whole, across_a_pdf_page, unread = [], [], []
    for page, words in breaks:
        if words in pdf_text:
            whole.append(page)
            continue
        # the same words, with one PDF page's end (and what stands around it) somewhere between
        halves = [(words[:cut], words[cut:]) for cut in range(1, len(words))]
        pattern = "|".join(re.escape(a.rstrip()) + ACROSS + re.escape(b.lstrip()) for a, b in halves)
        (across_a_pdf_page if re.search(pattern, pdf_text) else unread).append(page)
    print(f"{len(whole)} whole, {len(across_a_pdf_page)} across a PDF page: {across_a_pdf_page}")
    assert unread == []  # nothing stands between the words of a sentence but a PDF page's end
    assert len(whole) >= len(breaks) - 5 and len(across_a_pdf_page) <= 5, (whole, across_a_pdf_page)
