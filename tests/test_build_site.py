"""`make build`'s site build (scripts/build_site.py: prepare, then `mkdocs build --strict`, in one
process) gives what the two commands give apart, and refuses bad input as prepare.py does."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from edition.pipeline import Sources, build

PROJECT = ["source", "docs", "overrides", "scripts", "mkdocs.yml"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project, to build and to damage."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in PROJECT:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, copy / name)
    return copy


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(project / "scripts" / "build_site.py"), *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=ENV)


def test_one_process_builds_what_the_two_commands_build(project, tmp_path):
    apart = tmp_path / "apart"
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(apart)]
    subprocess.run(mkdocs, cwd=project, check=True, capture_output=True, env=ENV)
    together = tmp_path / "together"
    result = run(project, str(together))
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        rf"docs/ up to date; built {re.escape(str(together))} in [0-9.]+ s: the preprocessing "
        r"[0-9.]+ s \(its imports included\), MkDocs [0-9.]+ s\n",
        result.stdout,
    )
    built, expected = files_of(together), files_of(apart)
    # beside the pages, the copy of source/ they were made from, for the post-build steps to
    # read (edition/snapshot.py): the source's files, byte for byte, and the date it last changed
    snapshot = {name: built.pop(name) for name in list(built) if name.startswith(".edition-source/")}
    assert snapshot.pop(".edition-source/.source-date")
    source = files_of(project / "source")
    assert snapshot == {f".edition-source/{name}": data for name, data in source.items()}
    assert built.keys() == expected.keys()
    differing = [name for name in expected if built[name] != expected[name]]
    assert not differing


def test_an_edited_source_rewrites_docs_before_the_site_is_built(project, tmp_path):
    corrections = project / "source" / "corrections.yml"
    text = corrections.read_text(encoding="utf-8")
    assert text.count('text: "tribune"') == 1  # an entry of the real file, by its reading
    corrections.write_text(text.replace('text: "tribune"', 'text: "tribunes"'), encoding="utf-8")
    result = run(project, str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("docs/ rewritten; built ")
    doc = build(Sources(project / "source"))
    part = next(part for part in doc.parts if any("tribunes" in block.text for block in part.blocks))
    assert "tribunes" in (tmp_path / "site" / part.slug / "index.html").read_text(encoding="utf-8")


def test_bad_input_is_one_line_exit_2_and_nothing_written(project, tmp_path):
    corrections = project / "source" / "corrections.yml"
    lines = corrections.read_text(encoding="utf-8").split("\n")
    entry = next(n for n, line in enumerate(lines) if line.lstrip().startswith("- raw:"))
    lines[entry] = lines[entry].replace("- raw:", "- raw: [", 1)  # YAML broken on this line
    corrections.write_text("\n".join(lines), encoding="utf-8")
    docs_before = files_of(project / "docs")
    site = tmp_path / "site"
    result = run(project, str(site))
    assert result.returncode == 2
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message
    assert re.match(r"error: .*corrections\.yml:\d+: ", message), message
    assert files_of(project / "docs") == docs_before
    assert not site.exists()


def test_a_build_mkdocs_refuses_leaves_the_last_good_site(project, tmp_path):
    site = tmp_path / "site"
    assert run(project, str(site)).returncode == 0
    built = files_of(site)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - Colophon: colophon.md\n" in text
    # strict mode refuses a page in the nav that docs/ does not have
    nav = "  - Colophon: colophon.md\n"
    config.write_text(text.replace(nav, nav + "  - Missing: no-such-page.md\n"), encoding="utf-8")
    result = run(project, str(site))
    assert result.returncode == 2
    message = result.stderr.strip()
    assert "\n" not in message and message.startswith("error: mkdocs: "), message
    assert "no-such-page.md" in message
    assert files_of(site) == built
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".site")] == []
