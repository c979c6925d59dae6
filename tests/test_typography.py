"""Typography: curly marks and close dashes as the book prints them."""

import re

import pytest
from edition.typography import SUBSTITUTIONS, needs_typesetting, typeset_line


def final(line: str) -> str:
    steps = typeset_line(line)
    return steps[-1][1] if steps else line


@pytest.mark.parametrize(
    ("raw", "typeset"),
    [
        (
            "her deathbed she dictated the pamphlet Lenin's Legacies",
            "her deathbed she dictated the pamphlet Lenin’s Legacies",
        ),
        (
            "about some peasants—“walking emissaries’’—who had",
            "about some peasants—“walking emissaries”—who had",
        ),
        ("“ I open the Reichstag", "“I open the Reichstag"),
        ('he said "No"', "he said “No”"),
        ("greatness in  a leader", "greatness in a leader"),
    ],
)
def test_marks_and_spacing(raw, typeset):
    assert final(raw) == typeset


def test_curly_marks_already_right_are_left_alone():
    line = "“Take a good look at that man. He’s Lenin. Note his cranium: how stubborn, strong-"
    assert typeset_line(line) == []


def test_line_end_space_survives():
    # the joiner reads it: a line that ends with a space ended its word
    assert final("Clara Zetkin's My Recollections ").endswith("Recollections ")


def test_no_straight_quote_left_in_the_edition(doc):
    for part in doc.parts:
        for block in part.blocks:
            assert not re.search("[\"']", block.text), (
                part.slug,
                block.first_line,
                block.text[:80],
            )


def test_a_line_needs_typesetting_skips_is_one_no_substitution_changes(doc):
    lines = {text for line in doc.lines for text in (line.raw, line.text)}
    lines |= {"a  b", " x", "x—y", "x —y", "x— y", "“ x", "‘ x", "x’’", "x''", "x’'", "don't", '"x"'}
    for line in lines:
        if not needs_typesetting(line):
            assert all(substitution.apply(line) == line for substitution in SUBSTITUTIONS), line
