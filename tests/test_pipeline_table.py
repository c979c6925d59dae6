"""The passes are declared once (pipeline.PASSES): the README's table and the About page's list
of steps are written from that table, in the order the passes run."""

import importlib
import re

import readme_passes
from conftest import ROOT, SOURCE
from edition.pipeline import LAST_LINE_PASS, PASSES, Sources, line_passes


def test_readme_table_is_the_pipelines():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_passes.with_pass_table(readme) == readme, "run scripts/readme_passes.py"
    rows = re.findall(r"^\| ([a-z ]+) \| (`[a-z_.]+`(?:, `[a-z_.]+`)*) \|", readme, flags=re.M)
    rows = rows[: len(PASSES)]  # the outputs' rows follow
    assert [name for name, _functions in rows] == [step.name for step in PASSES]
    for (_name, named), step in zip(rows, PASSES, strict=True):
        # each function the README names is the one the pass runs: "go to definition" reaches it
        found = [
            getattr(importlib.import_module(f"edition.{module}"), function)
            for module, function in (name.strip("`").split(".") for name in named.split(", "))
        ]
        assert found == list(step.functions)


def test_about_lists_the_steps_in_the_order_they_run():
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\d+\. (.*)[;.]$", about, flags=re.M)
    assert listed == [step.step for step in PASSES if step.step]
    # the parts are found on the raw headings, before any correction or repair touches a line
    parts = next(i for i, text in enumerate(listed) if text.startswith("finds the parts"))
    corrections = next(i for i, text in enumerate(listed) if "reviewed corrections" in text)
    assert parts < corrections == parts + 1


def test_every_pass_has_functions_and_a_unique_name():
    assert len({step.name for step in PASSES}) == len(PASSES)
    assert LAST_LINE_PASS in {step.name for step in PASSES}
    assert all(step.functions and all(callable(function) for function in step.functions) for step in PASSES)


def test_the_line_passes_stop_before_the_paragraphs():
    doc = line_passes(Sources(SOURCE)).doc
    assert [part.slug for part in doc.parts][:2] == ["preface", "foreword"]
    assert all(not part.blocks for part in doc.parts)  # paragraphs not yet built
    assert "Leghorn3" in doc.lines[866].text and not doc.lines[866].markers  # markers come later
    assert doc.lines[1048].kind == "signature-mark" and doc.lines[1048].text == ""  # "3—398 33"
