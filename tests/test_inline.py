"""The marks set into the book's text (edition/outputs/inline.py), the same on every output:
a printed page's label after the word the page would split, on the parts, the whole-book page,
the EPUB and the PDF alike (issue 15: 12 of the 88 stood inside a word on the whole-book page)."""

import re
from datetime import datetime

import pytest
from conftest import SOURCE
from edition.outputs import epub, pdf
from edition.outputs.markdown.book_page import render_book_page
from edition.outputs.markdown.part import render_part
from edition.outputs.settings import load_settings

# each output's page label, its page number the group
LABELS = {
    "markdown": re.compile(r"\[\]\(#page-(\d+)\)\{[^}]*\}"),
    "html": re.compile(r'<a id="page-(\d+)" class="pagenum"[^>]*></a>'),
    "epub": re.compile(r'<span epub:type="pagebreak"[^>]*id="page-(\d+)"[^>]*/>'),
    "pdf": re.compile(r'<span class="page" id="page-(\d+)"[^>]*></span>'),
}
# what stands between the text and a label without being text: tags, Markdown links with attributes
MARKUP = re.compile(r"<[^>]*>|\[[^\]]*\]\([^)]*\)(\{[^}]*\})?|\{:[^}]*\}")


def split_words(doc) -> dict[int, str]:
    """Page → the word it begins inside (the model's text, not an output's), for every printed
    page whose first character continues a word of the page before."""
    out = {}
    for part in doc.parts:
        for block in part.blocks:
            for mark in block.page_marks:
                text, at = block.text, mark.offset
                if 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
                    start = max(text.rfind(" ", 0, at), 0)
                    end = text.find(" ", at)
                    out[mark.page] = text[start : end if end != -1 else len(text)].strip()
    return out


def outputs(doc) -> dict[str, str]:
    settings = load_settings(SOURCE / "downloads.yml", doc)
    parts = [part for part in doc.parts if part.kind == "text"]
    return {
        "markdown": "\n".join(render_part(doc, part) for part in parts),
        "html": render_book_page(doc),
        "epub": "\n".join(epub.part_document(doc, part, settings) for part in parts),
        "pdf": pdf.book_html(doc, datetime(2000, 1, 1), settings.identifier),
    }


@pytest.fixture(scope="module")
def rendered(doc):
    return outputs(doc)


@pytest.mark.parametrize("form", list(LABELS))
def test_a_page_that_begins_inside_a_word_is_labelled_after_the_word(doc, rendered, form):
    words = split_words(doc)
    assert len(words) == 12  # the book's: "responsi|bility," on page 14 and eleven more
    text = rendered[form]
    labels = {int(match.group(1)): match for match in LABELS[form].finditer(text)}
    assert set(labels) >= set(words)
    for page, word in words.items():
        match = labels[page]
        before = MARKUP.sub("", text[max(match.start() - 200, 0) : match.start()])
        after = MARKUP.sub("", text[match.end() : match.end() + 200])
        assert before.endswith(word), (form, page, before[-30:], word)
        assert not after[:1].isalnum(), (form, page, after[:30])
