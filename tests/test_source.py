"""Reading the OCR file: what is refused and what is accepted."""

from pathlib import Path

import pytest
from conftest import OCR
from edition.errors import SourceError
from edition.source import CONTROL, CONTROL_BYTES, decode_source

PATH = Path("book.txt")


def test_real_source_has_every_line():
    lines = decode_source(OCR.read_bytes(), OCR)
    assert len(lines) == 3325  # 3,324 line ends, then a last line holding one space
    assert lines[0] == " P R E F A C E  "
    assert lines[-2:] == ["p. 84", " "]


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"", 1, "empty"),
        (b"  \n\n ", 1, "empty"),
        (b"FOREWORD\nby Nadezhda\x00\x01", 2, "binary"),
        (
            "FOREWORD\n\nClara Zetkin’s\n".encode().replace(b"\xe2\x80\x99", b"\x92"),
            3,
            "UTF-8",
        ),
        ("line\ncaf\u00e9 au lait\n".encode("latin-1"), 2, "0xe9"),
    ],
)
def test_bad_bytes_are_refused_with_their_line(data, line, words):
    with pytest.raises(SourceError) as error:
        decode_source(data, PATH)
    assert error.value.line == line
    assert words in str(error.value)


def test_bom_and_crlf_read_as_the_clean_text():
    clean = OCR.read_bytes()
    dirty = b"\xef\xbb\xbf" + clean.replace(b"\n", b"\r\n")
    assert decode_source(dirty, PATH) == decode_source(clean, PATH)


def test_trailing_spaces_are_kept():
    # they tell a run-on line ("Recollections ") from a broken word ("fore")
    lines = decode_source(OCR.read_bytes(), OCR)
    assert lines[4].endswith("My Recollections ")
    assert lines[8].endswith("It also contains a fore")


def test_the_ocr_file_is_committed_unchanged():
    import hashlib

    digest = hashlib.sha256(OCR.read_bytes()).hexdigest()
    assert digest == "976479681348b3b0c52a5a830af7d98fc4461ebda7a07f4e56db2b86da2ede5d"


def test_the_bytes_search_finds_every_control_character():
    # the search of the bytes only decides whether the text is searched: it must see every
    # character the text's search sees, alone or between others (a C1 one is two bytes)
    for code in [*range(0xD800), *range(0xE000, 0x110000, 7)]:
        text = f"a{chr(code)}b"
        in_bytes = any(pattern.search(text.encode()) for pattern in CONTROL_BYTES)
        assert in_bytes == bool(CONTROL.search(text)), hex(code)
