#!/usr/bin/env python3
"""Propose corrections.yml entries from the proofread transcription, for an editor to review.

    python scripts/propose_corrections.py > proposals.yml

Runs the line passes (corrections already on file, rules, typography) and compares each line
with source/proofreading/transcription.tsv; for every line that still differs it proposes a
text entry (the smallest raw span, widened by whole words until it occurs once in the OCR
file) with a reason classified from the kind of difference. With --layout it compares
paragraph starts and word joins of the whole pipeline instead. Nothing is written to source/.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from edition.lexicon import Lexicon
from edition.model import Document
from edition.pipeline import Sources, build, line_passes
from edition.proofing import comparable, compare, load_transcription

ROOT = Path(__file__).resolve().parent.parent
GARBAGE = set("^£$#@\\|!<>«»■•♦%&()[]{}~_=+")


def smallest_span(raw: str, target: str) -> tuple[int, int, int, int]:
    """(raw start, raw end, target start, target end) of the part that differs."""
    prefix = 0
    while prefix < min(len(raw), len(target)) and raw[prefix] == target[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(raw), len(target)) - prefix
        and raw[len(raw) - 1 - suffix] == target[len(target) - 1 - suffix]
    ):
        suffix += 1
    return prefix, len(raw) - suffix, prefix, len(target) - suffix


def widen(raw: str, target: str, span: tuple[int, int, int, int], source: str) -> tuple[str, str]:
    """Widen the span to whole words, then word by word until the raw text occurs once."""
    r0, r1, t0, t1 = span
    while r0 > 0 and t0 > 0 and not raw[r0 - 1].isspace():
        r0, t0 = r0 - 1, t0 - 1
    while r1 < len(raw) and t1 < len(target) and not raw[r1].isspace():
        r1, t1 = r1 + 1, t1 + 1
    step = 0
    while source.count(raw[r0:r1]) != 1 or not raw[r0:r1].strip():
        grow_left = step % 2 == 0
        if grow_left and r0 > 0 and t0 > 0:
            r0, t0 = r0 - 1, t0 - 1
            while r0 > 0 and t0 > 0 and not raw[r0 - 1].isspace():
                r0, t0 = r0 - 1, t0 - 1
        elif r1 < len(raw) and t1 < len(target):
            r1, t1 = r1 + 1, t1 + 1
            while r1 < len(raw) and t1 < len(target) and not raw[r1].isspace():
                r1, t1 = r1 + 1, t1 + 1
        elif r0 > 0 and t0 > 0:
            r0, t0 = r0 - 1, t0 - 1
        else:
            break
        step += 1
    return raw[r0:r1], target[t0:t1]


def _is_subsequence(short: str, long: str) -> bool:
    characters = iter(long)
    return all(char in characters for char in short)


def reason(before: str, after: str, lexicon: Lexicon) -> str:
    """A short classification of the difference, for the editor to confirm or rewrite."""
    old_words, new_words = before.split(), after.split()
    letters_b, letters_a = re.sub(r"[^\w]", "", before), re.sub(r"[^\w]", "", after)
    if set(after) - set(before) & set("àâäçèéêëîïôöùûü"):
        return "an accent restored: the scan lost every accented letter the book prints"
    if set(before) & GARBAGE - set(after):
        return "scanner garbage, read from the sense and the letters left"
    if before.replace(" ", "") == after.replace(" ", ""):
        if len(old_words) > len(new_words):
            return "a word split by the scan, joined"
        return (
            "words run together by the scan, separated"
            if len(old_words) < len(new_words)
            else "stray spacing"
        )
    if letters_b == letters_a:
        quotes = set("'\"/“”‘’51")
        changed = set(before) ^ set(after)
        if "*" in changed and changed <= {"*", ",", ".", "’", "”"}:
            return "an asterisk that marks no page-foot note: scanner noise, or a misread mark"
        if changed & quotes and changed <= quotes | {",", "."}:
            return "a quote mark or apostrophe misread by the scan"
        return "stray or misread punctuation"
    if len(old_words) == len(new_words) == 1 and lexicon.knows(re.sub(r"\W", "", before)):
        return "a real word misread for another: the sense requires the correction"
    if len(letters_b) > len(letters_a) and _is_subsequence(letters_a, letters_b):
        return "spurious letters read into the word"
    if len(letters_b) == len(letters_a):
        return "letters misread by the scan"
    return "a word damaged by the scan, read from the sense and the letters left"


def propose_text(sources: Sources) -> list[str]:
    prepared = line_passes(sources)
    doc, lexicon = prepared.doc, prepared.lexicon
    proof = load_transcription(sources.transcription)
    source_text = doc.book.source_path.read_text(encoding="utf-8")
    out: list[str] = []
    for line in doc.lines:
        row = proof.get(line.number)
        if row is None or line.number in _headings(doc):
            continue
        current = comparable(line.text)
        target = row.text.strip()
        if target.endswith("-") and not line.text.rstrip().endswith("-"):
            target = target[:-1]  # a kept hyphen the scan lost: a join entry, not a text one
        if line.text.rstrip().endswith("-") and not target.endswith("-"):
            target += "-"  # a line-end hyphen the scan kept: the join decides, not the text
        if row.kind in ("signature-mark", "noise") or line.kind in ("signature-mark", "noise"):
            continue
        if current == comparable(target):
            continue
        raw = line.raw
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        span = smallest_span(body, target)
        old, new = widen(body, target, span, source_text)
        if not old.strip():
            old, new = body, target
        assert lead >= 0
        out.append(_entry(old, new, reason(old, new, lexicon), line.number, line.page))
    return out


def _headings(doc: Document) -> set[int]:
    wanted = {" ".join(part.heading.split()) for part in doc.book.parts}
    return {line.number for line in doc.lines if " ".join(line.raw.split()) in wanted}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entry(old: str, new: str, why: str, number: int, page: int) -> str:
    return f"- raw: {_q(old)}\n  text: {_q(new)}\n  why: {_q(why)}  # line {number}, page {page}\n"


def propose_layout(sources: Sources) -> list[str]:
    doc = build(sources)
    proof = load_transcription(sources.transcription)
    out = []
    for difference in compare(doc, proof):
        raw = doc.lines[difference.number - 1].raw.strip()
        if difference.what == "paragraph":
            verdict = "break" if difference.proof == "True" else "continue"
            why = "a new paragraph begins here" if verdict == "break" else "the paragraph runs on"
            out.append(
                f"- line: {difference.number}\n  raw: {_q(raw)}\n  paragraph: {verdict}\n"
                f"  why: {_q(why + ' (proofread)')}\n"
            )
        elif difference.what == "join":
            why = (
                "a compound: the hyphen stays"
                if difference.proof == "hyphen"
                else "one word broken at the line end"
            )
            out.append(
                f"- line: {difference.number}\n  raw: {_q(raw)}\n  join: {difference.proof}\n"
                f"  why: {_q(why)}\n"
            )
        else:
            out.append(
                f"# line {difference.number}: edition {difference.edition!r} proof {difference.proof!r}\n"
            )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT / "source")
    parser.add_argument("--layout", action="store_true", help="paragraphs and joins")
    args = parser.parse_args()
    sources = Sources(args.source)
    entries = propose_layout(sources) if args.layout else propose_text(sources)
    sys.stdout.write("\n".join(entries))
    print(f"{len(entries)} proposals", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
