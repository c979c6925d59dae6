"""Reading the OCR file: bytes → raw lines, refusing what is not a text in UTF-8."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import SourceError

BOM = "\ufeff"
# The most an input file may hold: far above any one book (this OCR text is 163 kB, the largest
# data file 41 kB), far below what would stall a build or fill its memory. Stated in README.md.
MAX_TEXT_BYTES = 16_000_000  # the OCR text
MAX_DATA_BYTES = 2_000_000  # each YAML data file
# control characters (C0 but the line end, DEL, C1) are no printed text: a damaged transfer
CONTROL = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# the same characters in UTF-8 bytes (C1 is \xc2 and a byte after it): a search of the bytes
# is ten times faster than of the text, and the text is searched only when one is there
CONTROL_BYTES = (re.compile(b"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]"), re.compile(b"\xc2[\x80-\x9f]"))


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 bytes → text without a leading BOM; bytes that are not UTF-8 name their line.

    >>> decode_text(b"a\\n\\xed\\xa0\\x80", Path("names.yml"))
    Traceback (most recent call last):
    ...
    edition.errors.SourceError: names.yml:2: not UTF-8: byte 0xed cannot be decoded
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            path, line, f"not UTF-8: byte 0x{data[error.start]:02x} cannot be decoded"
        ) from None
    return text.removeprefix(BOM)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of `offset` in `text`.

    >>> line_and_column("ab\\ncd", 4)
    (2, 2)
    """
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def decode_source(data: bytes, path: Path) -> list[str]:
    """Decode the OCR bytes into raw lines (no line ends); a BOM and CRLF line ends are accepted.

    >>> decode_source(b"FOREWORD\\r\\nby Nadezhda\\r\\n", Path("x.txt"))
    ['FOREWORD', 'by Nadezhda']
    """
    if not data.strip():
        raise SourceError(path, 1, "the file is empty")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SourceError(path, line, "NUL byte: this is a binary file, not OCR text")
    text = decode_text(data, path).replace("\r\n", "\n")
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise SourceError(path, line, "stray carriage return inside a line")
    if any(pattern.search(data) for pattern in CONTROL_BYTES) and (control := CONTROL.search(text)):
        line, column = line_and_column(text, control.start())
        raise SourceError(path, line, f"control character U+{ord(control.group()):04X} at column {column}")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_bounded(path: Path, limit: int) -> bytes:
    """A regular file's bytes, refused past `limit` (read no further than that: a device or a
    huge file costs no more than the limit).

    >>> read_bounded(Path("/dev/zero"), 10)
    Traceback (most recent call last):
    ...
    edition.errors.SourceError: zero: cannot be read: not a regular file
    """
    try:
        if not path.is_file():
            raise SourceError(path, 0, "cannot be read: not a regular file")
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as error:
        raise SourceError(path, 0, f"cannot be read: {error.strerror}") from None
    if len(data) > limit:
        raise SourceError(path, 0, f"larger than {limit:,} bytes, the most an input file of its kind may be")
    return data


def read_raw_lines(path: Path) -> list[str]:
    """The OCR file's raw lines, checked (decode_source), at most MAX_TEXT_BYTES."""
    return decode_source(read_bounded(path, MAX_TEXT_BYTES), path)
