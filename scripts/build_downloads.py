#!/usr/bin/env python3
"""The downloads: EPUB 3, PDF, plain text and TEI P5 XML, made from the document model into SITE/downloads/.

    python scripts/build_downloads.py SITE_DIR     (or as the `downloads` step of postbuild.py)

The files are written into a staging folder beside SITE/downloads and moved in whole, with a
manifest.json (file, bytes, SHA-256 of each); only then are the sizes filled into the pages
that link to them (the empty <span class="download-size"> of the title page and About). Any
failure raises BuildError (edition/errors.py) with one line, and SITE keeps no half-written file.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from edition.errors import BuildError, SourceError
from edition.model import Document
from edition.outputs import epub, pdf, tei, text
from edition.outputs.markdown.book_page import DOWNLOADS, download_name
from edition.outputs.settings import Settings, load_settings, source_date
from edition.pipeline import Sources, build
from edition.snapshot import SNAPSHOT
from edition.staging import staged_folder

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
FONTS_CSS = ROOT / "overrides" / "assets" / "stylesheets" / "fonts.css"
SIZE_SPAN = re.compile(r'(<span class="download-size" data-download="(\w+)">)[^<]*(</span>)')


@dataclass(frozen=True)
class Inputs:
    """Everything a renderer reads: the model, downloads.yml, the source's date."""

    doc: Document
    settings: Settings
    modified: datetime


RENDERERS: dict[str, Callable[[Inputs], bytes]] = {
    "epub": lambda inputs: epub.render_epub(inputs.doc, inputs.settings, inputs.modified),
    "pdf": lambda inputs: pdf.render_pdf(inputs.doc, inputs.modified, inputs.settings.identifier, FONTS_CSS),
    "text": lambda inputs: text.render_text(inputs.doc).encode("utf-8"),
    "tei": lambda inputs: tei.render_tei(inputs.doc, inputs.settings).encode("utf-8"),
}


@dataclass
class Download:
    kind: str
    name: str
    content: bytes
    seconds: float


def read_inputs(source: Path = SOURCE) -> Inputs:
    """Build the Document and read downloads.yml; bad input raises SourceError."""
    doc = build(Sources(source))
    return Inputs(doc, load_settings(Sources(source).downloads, doc), source_date(source))


def render_downloads(inputs: Inputs) -> list[Download]:
    """Every download's bytes, with the time each took."""
    out = []
    for kind, extension, _label, _purpose in DOWNLOADS:
        start = time.perf_counter()
        content = RENDERERS[kind](inputs)
        out.append(Download(kind, download_name(inputs.doc, extension), content, time.perf_counter() - start))
    return out


def manifest(downloads: list[Download]) -> str:
    entries = {
        d.kind: {"file": d.name, "bytes": len(d.content), "sha256": hashlib.sha256(d.content).hexdigest()}
        for d in downloads
    }
    return json.dumps(entries, indent=2, sort_keys=True) + "\n"


def human_size(size: int) -> str:
    """Bytes as a reader reads them.

    >>> human_size(85304), human_size(1_374_430)
    ('83 KB', '1.3 MB')
    """
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def fill_sizes(html: str, sizes: dict[str, str]) -> str:
    """Each download link's empty (or stale) size span filled in: " (85 KB)"."""
    return SIZE_SPAN.sub(lambda m: f"{m.group(1)} ({sizes[m.group(2)]}){m.group(3)}", html)


def write_downloads(site: Path, downloads: list[Download]) -> None:
    """SITE/downloads/ replaced whole by a staged folder; then the sizes filled into the pages."""
    with staged_folder(site / "downloads") as staging:
        for download in downloads:
            (staging / download.name).write_bytes(download.content)
        (staging / "manifest.json").write_text(manifest(downloads), encoding="utf-8")
        pages = {}
        sizes = {d.kind: human_size(len(d.content)) for d in downloads}
        for page in site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            if SIZE_SPAN.search(html):
                pages[page] = fill_sizes(html, sizes)
    for page, html in pages.items():  # each page replaced whole, never half-written
        temporary = page.with_name(f".{page.name}.new")
        temporary.write_text(html, encoding="utf-8")
        temporary.replace(page)


def build_downloads(site: Path, source: Path | None = None) -> list[Download]:
    """The postbuild step: make every download, then move them into SITE/downloads. The model
    is built from the copy of source/ the site's pages were made from (SITE/.edition-source,
    snapshot.py), so an edit saved meanwhile never mixes in; from source/ for a site built
    without one (`mkdocs build`, Zensical)."""
    if source is None:
        source = site / SNAPSHOT if (site / SNAPSHOT).is_dir() else SOURCE
    try:
        downloads = render_downloads(read_inputs(source))
    except SourceError as error:
        raise BuildError(f"downloads: {error}") from None
    except Exception as error:  # a renderer's failure (WeasyPrint, a font): one line, no trace
        raise BuildError(f"downloads: {type(error).__name__}: {error}") from None
    try:
        write_downloads(site, downloads)
    except OSError as error:
        raise BuildError(f"downloads: cannot write into {site}: {error.strerror}") from None
    for download in downloads:
        print(f"downloads: {download.name} {human_size(len(download.content))} in {download.seconds:.2f} s")
    return downloads


def main(argv: list[str]) -> int:
    """`python scripts/build_downloads.py SITE_DIR`: the step alone, its failure one line, exit 2."""
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        build_downloads(Path(argv[0]))
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
