"""`make new-edition OCR=path`: a first book.yml and scan.yml written from what an OCR text
shows, checked against what the second book's editor wrote after review."""

import re

import new_edition
import yaml
from conftest import ROOT

BOOK = ROOT / "tests" / "books" / "essays"


def test_it_finds_what_the_editor_wrote(tmp_path, capsys):
    dest = tmp_path / "source"
    assert new_edition.main([str(BOOK / "essays.ocr.txt"), "--dest", str(dest)]) == 0
    drafted = yaml.safe_load((dest / "book.yml").read_text(encoding="utf-8"))
    reviewed = yaml.safe_load((BOOK / "book.yml").read_text(encoding="utf-8"))
    # every part the editor kept, with its raw heading and start page, and nothing else
    assert [(p["heading"], p["start_page"]) for p in drafted["parts"]] == [
        (p["heading"], p["start_page"]) for p in reviewed["parts"]
    ]
    assert drafted["parts"][-1]["kind"] == "notes"
    assert drafted["front_matter"] == reviewed["front_matter"] == "omit"
    assert drafted["notes"] == reviewed["notes"]
    scan = yaml.safe_load((dest / "scan.yml").read_text(encoding="utf-8"))
    editor = yaml.safe_load((BOOK / "scan.yml").read_text(encoding="utf-8"))
    for key in ("page_turns", "line_end_space", "paragraph_breaks"):
        assert scan[key]["value"] == editor[key]["value"], key
    # the drafted running heads (general) drop the very lines the editor's (this book's) drop
    lines = (BOOK / "essays.ocr.txt").read_text(encoding="utf-8").replace("\f", "").splitlines()
    drafted_heads = [re.compile(pattern) for pattern in scan["running_heads"]["value"]]
    editor_heads = [re.compile(pattern) for pattern in editor["running_heads"]["value"]]
    for line in lines:
        assert any(p.search(line.strip()) for p in drafted_heads) == any(
            p.search(line.strip()) for p in editor_heads
        )
    assert (dest / "essays.ocr.txt").read_bytes() == (BOOK / "essays.ocr.txt").read_bytes()
    assert "heading candidates (12, last on page 20)" in capsys.readouterr().out


def test_it_reads_this_books_page_turns_and_headings(tmp_path, capsys):
    from edition.book import load_book

    dest = tmp_path / "source"
    first = load_book(ROOT / "source" / "book.yml").first_page
    ocr = ROOT / "source" / "my-recollections-of-lenin.ocr.txt"
    assert new_edition.main([str(ocr), "--dest", str(dest), "--first", str(first)]) == 0
    drafted = yaml.safe_load((dest / "book.yml").read_text(encoding="utf-8"))
    reviewed = load_book(ROOT / "source" / "book.yml")
    assert [(p["heading"], p["start_page"]) for p in drafted["parts"]] == [
        (p.heading, p.start_page) for p in reviewed.parts
    ]
    scan = yaml.safe_load((dest / "scan.yml").read_text(encoding="utf-8"))
    assert scan["page_turns"]["value"] == ["leading-space", "blank-lines"]
    assert scan["line_end_space"]["value"] is True


def test_it_refuses_a_folder_that_has_a_book(tmp_path, capsys):
    (tmp_path / "book.yml").write_text("title: x\n", encoding="utf-8")
    assert new_edition.main([str(BOOK / "essays.ocr.txt"), "--dest", str(tmp_path)]) == 2
    assert "book.yml exists" in capsys.readouterr().err
