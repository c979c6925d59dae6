"""Damaged sources and data files: each stops the build with exit status 2, one line naming
the file, the line and the problem, and docs/ left exactly as it was."""

import re
import shutil

import prepare
import pytest
from conftest import ROOT

OCR_NAME = "my-recollections-of-lenin.ocr.txt"


def snapshot(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", folder)
    return folder


def edit_lines(source, change):
    path = source / OCR_NAME
    lines = path.read_text(encoding="utf-8").split("\n")
    change(lines)
    path.write_text("\n".join(lines), encoding="utf-8")


def replace_in(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def run(source, docs, capsys):
    before = snapshot(docs)
    code = prepare.main(["--source", str(source), "--docs", str(docs)])
    err = capsys.readouterr().err.strip()
    assert snapshot(docs) == before, "docs/ changed"
    return code, err


def blank(number):
    def change(lines):
        lines[number - 1] = ""

    return change


def swap_headings(lines):
    a = lines.index("FROM MY MEMORANDUM BOOK")
    b = lines.index(" LENIN AND THE (MASSES")
    lines[a], lines[b] = " LENIN AND THE (MASSES"[1:], " FROM MY MEMORANDUM BOOK"


DAMAGES = {
    "empty file": (lambda s: (s / OCR_NAME).write_bytes(b""), OCR_NAME, 1, "empty"),
    "binary file": (
        lambda s: (s / OCR_NAME).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"),
        OCR_NAME,
        3,
        "binary",
    ),
    "Latin-1 bytes": (
        lambda s: (s / OCR_NAME).write_bytes(
            (s / OCR_NAME).read_bytes().replace("Zetkin’s".encode(), b"Zetkin\x92s", 1)
        ),
        OCR_NAME,
        5,
        "not UTF-8",
    ),
    "part title deleted": (lambda s: edit_lines(s, blank(29)), OCR_NAME, 1, "'FOREWORD'"),
    "two parts swapped": (lambda s: edit_lines(s, swap_headings), OCR_NAME, 1776, "comes before"),
    "note deleted from the Notes": (
        lambda s: edit_lines(s, blank(3289)),
        OCR_NAME,
        3291,
        "note 7 is missing",
    ),
    "marker deleted from the text": (
        lambda s: replace_in(s / OCR_NAME, "Inessa7 is not here", "Inessa is not here"),
        OCR_NAME,
        3289,
        "note 7 has no marker",
    ),
    "marker without its note": (
        lambda s: replace_in(s / OCR_NAME, "Inessa7 is not here", "Inessa7 is12 not here"),
        OCR_NAME,
        2379,
        "marker 12 has no note",
    ),
    "page reference changed": (
        lambda s: replace_in(s / OCR_NAME, "Party of Italy. p. 29", "Party of Italy. p. 30"),
        OCR_NAME,
        3271,
        "says p. 30",
    ),
    "file truncated mid-paragraph": (
        lambda s: edit_lines(s, lambda lines: lines.__delitem__(slice(2000, None))),
        OCR_NAME,
        1776,
        "not found",
    ),
    "book.yml invalid YAML": (
        lambda s: replace_in(s / "book.yml", "  first: 6", "  first: [6"),
        "book.yml",
        17,
        "flow sequence at line 15",
    ),
    "book.yml missing a key": (
        lambda s: replace_in(s / "book.yml", "    printed_heading: FOREWORD\n", ""),
        "book.yml",
        42,
        "missing key 'printed_heading'",
    ),
    "book.yml duplicate slug": (
        lambda s: replace_in(s / "book.yml", "slug: foreword", "slug: preface"),
        "book.yml",
        42,
        "duplicate slug",
    ),
    "book.yml wrong start page": (
        lambda s: replace_in(s / "book.yml", "start_page: 53", "start_page: 52"),
        "book.yml",
        57,
        "starts on printed page 53",
    ),
    "book.yml catalogue year not a number": (
        lambda s: replace_in(s / "book.yml", "  year: null\n", "  year: about 1956\n"),
        "book.yml",
        111,
        "catalogue: 'year' must be int or null",
    ),
    "corrections entry matching nothing": (
        lambda s: replace_in(s / "corrections.yml", '- raw: "trtfeune"', '- raw: "trtfeunx"'),
        "corrections.yml",
        0,
        "matches nothing",
    ),
    "corrections entry matching twice": (
        lambda s: replace_in(s / "corrections.yml", '- raw: "trtfeune"', '- raw: "the"'),
        "corrections.yml",
        0,
        "add context",
    ),
    "corrections entries overlapping": (
        lambda s: replace_in(
            s / "corrections.yml",
            '- raw: "trtfeune"',
            '- raw: "trtfeune"\n  text: "tribune"\n  why: "x"\n- raw: "trtfeune of"',
        ),
        "corrections.yml",
        0,
        "overlaps",
    ),
    "names.yml duplicate": (
        lambda s: replace_in(s / "names.yml", "  - Wrangel\n", "  - Wrangel\n  - wrangel\n"),
        "names.yml",
        0,
        "duplicate entry",
    ),
}


@pytest.mark.parametrize("case", list(DAMAGES))
def test_damaged_input_is_refused(case, source_copy, docs, capsys):
    damage, file_name, line, words = DAMAGES[case]
    damage(source_copy)
    code, err = run(source_copy, docs, capsys)
    assert code == 2, err
    assert len(err.splitlines()) == 1
    match = re.match(r"error: (?P<file>[^:]+):(?P<line>\d+): (?P<what>.+)", err)
    assert match, err
    assert match["file"] == file_name
    if line:
        assert int(match["line"]) == line, err
    else:
        assert int(match["line"]) > 0
    assert words in match["what"], err


def test_bom_and_crlf_give_the_same_docs(source_copy, tmp_path, capsys):
    ocr = source_copy / OCR_NAME
    ocr.write_bytes(b"\xef\xbb\xbf" + ocr.read_bytes().replace(b"\n", b"\r\n"))
    out = tmp_path / "docs-crlf"
    assert prepare.main(["--source", str(source_copy), "--docs", str(out)]) == 0
    assert snapshot(out) == snapshot(ROOT / "docs")


# found by tests/test_damage.py: each once ended in a traceback or a message without its line
FOUND_BY_RANDOM_DAMAGE = {
    "book.yml control character": (
        "book.yml",
        "author: Clara",
        "author: Cl\x1bara",
        3,
        "U+001B at column 11",
    ),
    "corrections.yml control character": (
        "corrections.yml",
        '- raw: "trtfeune"',
        '- raw: "trt\x7ffeune"',
        22,
        "U+007F",
    ),
    "book.yml mention not a mapping": (
        "book.yml",
        "      - text: foreword by Nadezhda Konstantinovna Krupskaya\n        part: foreword",
        "      - foreword by Nadezhda Konstantinovna Krupskaya",
        39,
        "'mentions' must list {text, part}",
    ),
    "corrections.yml entry not a mapping": (
        "corrections.yml",
        '- raw: "trtfeune"\n  text: "tribune"',
        '- "trtfeune"\n- text: "tribune"',
        22,
        "an entry must be a mapping",
    ),
    "remarks.yml duplicate key": (
        "remarks.yml",
        "- line: 166\n",
        "- line: 166\n  line: 166\n",
        5,
        "duplicate key",
    ),
    "names.yml lone surrogate": ("names.yml", "  - Zetkin", "  - Zet\udc80kin", 6, "not UTF-8"),
    # noticed while speeding up the YAML reading: PyYAML's int() raised a ValueError of its own
    "book.yml a tag its value cannot have": (
        "book.yml",
        "author: Clara",
        "author: !!int Clara",
        3,
        "'Clara Zetkin' is no !!int",
    ),
}


@pytest.mark.parametrize("case", list(FOUND_BY_RANDOM_DAMAGE))
def test_damage_once_found_names_its_line(case, source_copy, docs, capsys):
    file_name, old, new, line, words = FOUND_BY_RANDOM_DAMAGE[case]
    path = source_copy / file_name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_bytes(text.replace(old, new, 1).encode("utf-8", "surrogateescape"))
    code, err = run(source_copy, docs, capsys)
    assert code == 2, err
    assert err.startswith(f"error: {file_name}:{line}: "), err
    assert words in err, err
