"""Reading the OCR file: bytes → raw lines, refusing what is not a text in UTF-8."""

from __future__ import annotations

from pathlib import Path

from .errors import SourceError
from .model import Line

BOM = "\ufeff"


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
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            path, line, f"not UTF-8: byte 0x{data[error.start]:02x} cannot be decoded"
        ) from None
    text = text.removeprefix(BOM).replace("\r\n", "\n")
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise SourceError(path, line, "stray carriage return inside a line")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_lines(path: Path) -> list[Line]:
    """The OCR file as model lines, numbered from 1, text equal to the raw text."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(path, 0, f"cannot be read: {error.strerror}") from None
    raw_lines = decode_source(data, path)
    return [Line(number=i, raw=raw, text=raw) for i, raw in enumerate(raw_lines, start=1)]
