"""A newcomer's first hour: `make help` lists every target, the Python range is enforced before
the venv is made, `prepare.py --check` says what is the case and what to do, and the README's
benchmark figures name the command that makes them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import prepare
from conftest import ROOT
from edition.outputs.markdown.docs import generate
from edition.pipeline import Sources, build


def makefile_targets() -> set[str]:
    """Every rule of the Makefile a person would type (no variables, no pattern rules)."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"(?m)^([a-z][a-z-]*):(?!=)", text))


def test_make_help_lists_every_target():
    result = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True)
    listed = set(re.findall(r"(?m)^make (\S+)\s+\S", result.stdout))
    targets = makefile_targets()
    assert {"serve", "test", "build", "prepare", "help"} <= targets
    assert listed == targets, f"not in make help: {sorted(targets - listed)}"


def test_a_python_outside_the_range_is_refused_before_the_venv(tmp_path):
    """pyproject.toml asking for another minor version than this Python's: `make venv` stops
    with one line saying what to install, and makes no .venv."""
    for name in ("Makefile", "requirements.lock"):
        shutil.copy2(ROOT / name, tmp_path / name)
    (tmp_path / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "check_python.py", tmp_path / "scripts")
    major, minor = sys.version_info[:2]
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nrequires-python = ">={major}.{minor + 1},<{major}.{minor + 2}"\n', encoding="utf-8"
    )
    result = subprocess.run(
        ["make", "-s", "venv", f"PYTHON={sys.executable}"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode != 0
    [message] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert message.startswith(f"error: Python {major}.{minor + 1} is needed (pyproject.toml), this is ")
    assert f"make PYTHON=python{major}.{minor + 1}" in message
    assert not (tmp_path / ".venv").exists()


def test_check_says_up_to_date_or_what_to_run(tmp_path, capsys):
    files = generate(build(Sources(ROOT / "source")))
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    assert prepare.main(["--docs", str(docs), "--check"]) == 0
    assert capsys.readouterr().out == f"docs/ is up to date ({len(files)} files)\n"

    (docs / "about.md").write_text("edited by hand\n", encoding="utf-8")
    assert prepare.main(["--docs", str(docs), "--check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "docs/about.md differs from what source/ gives: run make prepare (docs/ is generated: edit source/)"
    ]


def test_readme_benchmark_names_the_command_that_made_it():
    """The figures between the README's markers are stamped with a bench.py command line whose
    options bench.py accepts, and the runs it names are the runs the figures say."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- bench -->")[1].split("<!-- /bench -->")[0]
    command = re.search(r"with `python scripts/bench\.py([^`]*)`", block)
    assert command, block[:200]
    runs = re.search(r"--runs (\d+)", command[1])
    assert runs, command[0]
    assert f"`prepare.py --check`, median of {runs[1]})" in block
    help_text = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--help"], capture_output=True, text=True
    ).stdout
    for option in re.findall(r"--[a-z-]+", command[1]):
        assert option in help_text, option


def test_the_first_run_says_it_is_making_the_venv(tmp_path):
    """The minute of `pip install` is announced, before it starts (a dry run: nothing is made)."""
    for name in ("Makefile", "requirements.lock", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    result = subprocess.run(["make", "-n", "venv"], cwd=tmp_path, capture_output=True, text=True, check=True)
    commands = result.stdout.splitlines()
    announce = next(i for i, line in enumerate(commands) if "Creating .venv" in line)
    install = next(i for i, line in enumerate(commands) if "pip install" in line)
    check = next(i for i, line in enumerate(commands) if "check_python.py" in line)
    assert check < announce < install
