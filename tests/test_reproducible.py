"""Two builds give the same bytes, apart from what MkDocs itself stamps."""

import gzip
import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT

# MkDocs stamps the build date into the sitemap (<lastmod>) and the gzip header of its
# compressed copy (a modification time); nothing else may differ between two builds.
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")
# built at an address (SITE_URL), so that the sitemap lists every page with its stamp
ADDRESS = "https://edition.invalid/"


def build(out):
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["SITE_URL"] = ADDRESS
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        check=True,
        env=env,
        capture_output=True,
    )
    return out


def stripped(out):
    """Every file of a build, its stamps taken out."""
    files = {}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name == "sitemap.xml.gz":
                data = gzip.decompress(data)
            if path.name.startswith("sitemap.xml"):
                data = LASTMOD.sub(b"<lastmod/>", data)
            files[path.relative_to(out).as_posix()] = data
    return files


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The site built twice at ADDRESS, one build after the other, as they were written."""
    folder = tmp_path_factory.mktemp("reproducible")
    return build(folder / "a"), build(folder / "b")


def test_two_site_builds_are_identical_but_for_the_stamps(two_builds):
    first, second = map(stripped, two_builds)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_the_stamps_are_what_differs(two_builds):
    # the stripping above is not hiding anything else: the raw sitemap holds a date
    site = two_builds[0]
    assert LASTMOD.search((site / "sitemap.xml").read_bytes())
