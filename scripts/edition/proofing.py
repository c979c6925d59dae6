"""The proofread transcription: a line-for-line reading of the printed book, and its comparison
with what the pipeline makes of the OCR.

The transcription (source/proofreading/transcription.tsv) has one row per raw line:
`<line number> TAB <the printed line>`, where the printed line

- starts with "¶" when a paragraph begins there;
- ends with "¬" when a word broken there joins the next line solid, "-" when its hyphen stays;
- is "@SIG" for a printer's signature mark and "@NOISE" for a line with no text.

Note markers stay in it as printed ("Leghorn3", "Congress*"). It is the editors' reading,
made by people (two independent rounds, reconciled), never by this program.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError
from .model import Document, Line


@dataclass
class ProofLine:
    number: int
    text: str  # the printed line's words, without the marks below
    paragraph: bool  # a paragraph begins here
    join: str  # how a word broken at the end joins the next line: "", "solid", "hyphen"
    kind: str  # "text", "signature-mark", "noise", "blank"


def parse_proof_line(number: int, cell: str) -> ProofLine:
    """One row of the transcription.

    >>> row = parse_proof_line(68, "you will still be fighting in the front ranks of the Com¬")
    >>> row.text, row.paragraph, row.join, row.kind
    ('you will still be fighting in the front ranks of the Com', False, 'solid', 'text')
    """
    if cell == "@SIG":
        return ProofLine(number, "", False, "", "signature-mark")
    if cell == "@NOISE":
        return ProofLine(number, "", False, "", "noise")
    paragraph = cell.startswith("¶")
    text = cell.removeprefix("¶")
    join = ""
    if text.endswith("¬"):
        text, join = text[:-1], "solid"
    elif text.endswith("-") and not text.endswith("--") and not text.endswith(" -"):
        text, join = text, "hyphen"
    kind = "text" if text.strip() else "blank"
    return ProofLine(number, text, paragraph, join, kind)


def load_transcription(path: Path) -> dict[int, ProofLine]:
    rows: dict[int, ProofLine] = {}
    for index, row in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        number, tab, cell = row.partition("\t")
        if not tab or not number.isdigit():
            raise SourceError(path, index, "a row must be '<line number> TAB <text>'")
        if int(number) in rows:
            raise SourceError(path, index, f"raw line {number} twice")
        rows[int(number)] = parse_proof_line(int(number), cell)
    return rows


def comparable(text: str) -> str:
    """Spacing folded and a line-end hyphen dropped: joins are compared on their own."""
    text = " ".join(text.split())
    return text[:-1] if text.endswith("-") and not text.endswith(" -") else text


def line_with_markers(line: Line, doc: Document) -> str:
    """A line's text with its note markers put back as printed (digits, or "*")."""
    text = line.text
    for offset, note_id in sorted(line.markers, reverse=True):
        text = text[:offset] + doc.note(note_id).number + text[offset:]
    return text


@dataclass
class Difference:
    number: int
    what: str  # "text", "paragraph" or "join"
    edition: str
    proof: str


def compare(doc: Document, proof: dict[int, ProofLine]) -> list[Difference]:
    """Every place where the edition's lines, paragraph starts or joins differ from the proof."""
    differences: list[Difference] = []
    starts = {block.lines[0].number for part in doc.parts for block in part.blocks if block.lines}
    joins = _joins(doc)
    for line in doc.lines:
        row = proof.get(line.number)
        if row is None or line.kind in ("heading",):
            continue
        edition = comparable(line_with_markers(line, doc))
        if line.kind in ("signature-mark", "noise", "blank") or not edition:
            edition_kind = line.kind if line.kind != "text" else "blank"
        else:
            edition_kind = "text"
        expected = comparable(row.text)
        if edition_kind != row.kind and not (edition_kind == "blank" and row.kind == "noise"):
            differences.append(Difference(line.number, "text", edition or line.kind, row.text or row.kind))
            continue
        if row.kind != "text":
            continue
        if edition != expected:
            differences.append(Difference(line.number, "text", edition, expected))
        in_flow = line.kind == "text"
        if in_flow and row.paragraph != (line.number in starts):
            differences.append(
                Difference(line.number, "paragraph", str(line.number in starts), str(row.paragraph))
            )
        expected_join = row.join or "space"
        if in_flow and line.number in joins and joins[line.number] != expected_join:
            differences.append(Difference(line.number, "join", joins[line.number], expected_join))
    return differences


def _joins(doc: Document) -> dict[int, str]:
    """Raw line → how the edition joined it to the next line of its paragraph."""
    found: dict[int, str] = {}
    for part in doc.parts:
        for block in part.blocks:
            for index in range(1, len(block.lines)):
                start = block.line_offsets[index]
                if start > len(block.text) or block.text[start - 1 : start + 1].count("—"):
                    continue  # past a note's page reference, or at a close em dash
                glue = block.text[max(0, start - 1) : start]
                previous = block.lines[index - 1]
                found[previous.number] = "space" if glue == " " else "hyphen" if glue == "-" else "solid"
    return found
