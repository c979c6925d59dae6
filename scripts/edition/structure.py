"""Parts and their furniture: titles, subtitles, closing dates, signatures.

The parts are found by their raw heading lines, given in book.yml, which must appear in the
OCR once each and in book order; each part must begin on the printed page book.yml states.
"""

from __future__ import annotations

from .errors import SourceError
from .joined import join_pieces
from .model import Block, Document, Line, Part


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def lines_reading(lines: list[Line], headings: list[str]) -> list[list[int]]:
    """For each heading, the numbers of the lines that read as it, spaces aside, in file order.

    >>> lines = [Line(1, "FOREWORD", ""), Line(2, " MY  LIFE ", ""), Line(3, "MY LIFE, I", "")]
    >>> lines_reading(lines, ["MY LIFE", "FOREWORD", "NOTES", " "])
    [[2], [1], [], []]
    """
    # one search of the whole file for each heading's first word, not every line split and
    # joined: a line that reads as a heading has that word in it
    whole = join_pieces([line.raw for line in lines])
    found: list[list[int]] = []
    for heading in headings:
        words = heading.split()
        if not words:
            found.append([line.number for line in lines if not line.raw.split()])
            continue
        numbers = []
        at = whole.text.find(words[0])
        while at != -1:
            index = whole.piece_at(at)
            if whole.pieces[index].split() == words:
                numbers.append(lines[index].number)
            at = whole.text.find(words[0], whole.starts[index + 1])
        found.append(numbers)
    return found


def find_parts(doc: Document) -> Document:
    """Cut the lines into parts at their headings; a missing or misplaced heading is an error."""
    book = doc.book
    heading_lines: list[int] = []
    for spec, found in zip(
        book.parts, lines_reading(doc.lines, [p.heading for p in book.parts]), strict=True
    ):
        if not found:
            after = heading_lines[-1] if heading_lines else 1
            raise SourceError(
                book.source_path,
                after,
                f"part title {spec.heading!r} of part {spec.slug!r} (book.yml line "
                f"{spec.line_of('heading')}) not found after this line; the file has {len(doc.lines)} lines",
            )
        if len(found) > 1:
            raise SourceError(book.source_path, found[1], f"part title {spec.heading!r} twice")
        if heading_lines and found[0] < heading_lines[-1]:
            previous = book.parts[len(heading_lines) - 1]
            raise SourceError(
                book.source_path,
                found[0],
                f"part {spec.slug!r} comes before part {previous.slug!r}, against book.yml",
            )
        heading_lines.append(found[0])
    ends = [*heading_lines[1:], len(doc.lines) + 1]
    for spec, start, end in zip(book.parts, heading_lines, ends, strict=True):
        heading = doc.lines[start - 1]
        if heading.page != spec.start_page:
            raise SourceError(
                book.path,
                spec.yaml_line,
                f"part {spec.slug!r} starts on printed page {heading.page} "
                f"(raw line {start}), book.yml says {spec.start_page}",
            )
        heading.kind = "heading"
        heading.text = spec.printed_heading
        doc.parts.append(Part(spec, heading, lines=doc.lines[start : end - 1]))
    return doc


def take_furniture(doc: Document) -> Document:
    """Set apart each part's subtitle (first line), closing date and signature (last lines)."""
    for part in doc.parts:
        spec = part.spec
        text_lines = [line for line in part.lines if line.kind == "text"]
        if spec.subtitle:
            first = text_lines[0] if text_lines else None
            if first is None or not _same(first.text, spec.subtitle):
                _missing(doc, part, "subtitle", spec.subtitle, first)
            first.kind = "subtitle"
            part.subtitle = Block("subtitle", [first], text=spec.subtitle)
        closing = [*spec.signature, spec.date] if spec.date else list(spec.signature)
        tail = text_lines[len(text_lines) - len(closing) :] if closing else []
        for line, expected in zip(tail, closing, strict=True):
            if not _same(line.text, expected):
                kind = "date" if expected == spec.date and spec.date else "signature"
                _missing(doc, part, kind, expected, line)
        if spec.date:
            tail[-1].kind = "date"
            part.date = Block("date", [tail[-1]], text=spec.date)
        if spec.signature:
            lines = tail[: len(spec.signature)]
            for line in lines:
                line.kind = "signature"
            part.signature = Block("signature", lines, text="\n".join(spec.signature))
    return doc


def _missing(doc: Document, part: Part, what: str, expected: str, line: Line | None) -> None:
    number = line.number if line else part.heading_line
    found = repr(line.text.strip()) if line else "nothing"
    raise SourceError(
        doc.book.source_path,
        number,
        f"part {part.slug!r}: {what} {expected!r} (book.yml line {part.spec.line_of(what)}) "
        f"expected here, found {found}",
    )
