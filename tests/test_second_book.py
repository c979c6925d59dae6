"""The second book (tests/books/essays): a scan the rules were not written for, made the way a
scan is made (scripts/make_test_book.py), built end to end from its data files alone and
measured against the text it was typeset from."""

import json
import re

import prepare
from conftest import ROOT
from edition.accuracy import dehyphenate, edition_text, error_rate, joined_words, rates, reference_text, words
from edition.errors import SourceError
from edition.pipeline import Sources, build

BOOK = ROOT / "tests" / "books" / "essays"


def test_the_second_book_builds_end_to_end(tmp_path):
    assert prepare.main(["--source", str(BOOK), "--docs", str(tmp_path / "docs")]) == 0
    names = {path.name for path in (tmp_path / "docs").iterdir()}
    assert {"of-truth.md", "of-marriage-and-single-life.md", "self-reliance.md", "notes.md"} <= names


def test_its_pages_are_numbered_as_printed():
    """Every printed page (pages.json, read from the typeset PDF) begins with the line the
    pipeline numbers as that page's first."""
    truth = {int(page): first for page, first in json.loads((BOOK / "pages.json").read_text()).items()}
    doc = build(Sources(BOOK))
    starts = {line.page: line for line in doc.lines if line.page_start and line.kind != "front-matter"}
    for page, first in truth.items():
        if page == 1:
            continue  # the title page: front matter, left out
        line = starts[page]
        printed = re.sub(r"\d+$", "", first.split()[0])  # a note marker may follow the word
        assert line.raw.split()[0].startswith(printed[:3]), (page, line.raw, first)
    assert max(starts) == max(truth)


def test_the_rules_alone_halve_what_a_dehyphenation_leaves():
    figures = rates(BOOK)
    assert figures.rules is not None
    assert figures.rules <= figures.dehyphenated / 2
    assert figures.edition <= figures.rules < figures.raw


def test_no_words_run_together_but_the_scans_own():
    doc = build(Sources(BOOK))
    reference = words(reference_text(BOOK))
    raw = words(dehyphenate([line.raw for line in doc.lines]))
    assert joined_words(reference, words(edition_text(doc))) <= joined_words(reference, raw)
    assert error_rate(reference, words(edition_text(doc))) < 0.01


def test_a_note_run_into_the_one_before_is_a_file_line_error(tmp_path):
    folder = tmp_path / "essays"
    folder.mkdir()
    for path in BOOK.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    # the editor's reviewed verdict that the line "2 Bacon gives …" continues note 1
    entry = '\n- line: 491\n  raw: "2 Bacon gives the English of this Latin just"\n  paragraph: continue\n'
    entry += '  why: "a test, note 2 run into note 1"\n'
    with (folder / "corrections.yml").open("a", encoding="utf-8") as corrections:
        corrections.write(entry)
    try:
        build(Sources(folder))
    except SourceError as error:
        assert re.match(r".*essays\.ocr\.txt:\d+: note 2 ", str(error)), str(error)
    else:
        raise AssertionError("a note run into the one before was taken")


def test_a_title_page_needs_front_matter_omit(tmp_path):
    folder = tmp_path / "essays"
    folder.mkdir()
    for path in BOOK.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    book = (folder / "book.yml").read_text(encoding="utf-8")
    (folder / "book.yml").write_text(book.replace("front_matter: omit", ""), encoding="utf-8")
    try:
        build(Sources(folder))
    except SourceError as error:
        assert "essays.ocr.txt:1: text above the first part's heading ('ESSAYS')" in str(error)
    else:
        raise AssertionError("a title page was taken without front_matter")


def test_its_paragraphs_are_the_printed_ones():
    """Each essay has the paragraphs its proofread text has, and each begins with its words."""
    doc = build(Sources(BOOK))
    printed = reference_text(BOOK).split("\n")[1:]  # from the first heading's line on
    paragraphs = [line for line in printed if line.strip()]
    made = [block.text for part in doc.parts if part.kind == "text" for block in part.blocks]
    headings = {part.spec.printed_heading for part in doc.parts}
    expected = [p for p in paragraphs if p not in headings and not re.match(r"\d+ [A-Z]", p)]
    assert [words(p)[:3] for p in made] == [words(p)[:3] for p in expected]


def test_its_site_builds_without_editing_mkdocs_yml(tmp_path):
    """The project with the second book's data in source/: the same mkdocs.yml builds its site,
    named and navigated as its book.yml says."""
    import shutil
    import subprocess
    import sys

    from edition.book import load_book

    project = tmp_path / "project"
    project.mkdir()
    for name in ("overrides", "scripts", "mkdocs.yml"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, project / name)
    shutil.copytree(BOOK, project / "source")
    result = subprocess.run(
        [sys.executable, str(project / "scripts" / "build_site.py"), str(tmp_path / "site")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    book = load_book(BOOK / "book.yml")
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Francis Bacon and Ralph Waldo Emerson: Essays of Bacon and Emerson" in index
    assert "Zetkin" not in index
    for part in book.parts:
        assert (tmp_path / "site" / part.slug / "index.html").exists()
        assert part.title in index
