"""The EPUB 3: one XHTML document per part, a title page, a colophon, the Notes as endnotes, the
list of emendations as an appendix; a nav with contents, landmarks and the printed pages, and
the same contents and pages as an NCX for EPUB 2 reading systems and converters; the package
metadata (Standard Ebooks' practice); zipped the same way every time."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime

from ..anchors import page_anchor
from ..model import Document, Edit, Note, Part
from . import view, xhtml
from .colophon import edition_statement, printed_pages, rights_and_version, source_changed
from .settings import Settings

XHTML_TYPE = "application/xhtml+xml"
ARIA = {"preface": "doc-preface", "foreword": "doc-foreword", "chapter": "doc-chapter",
        "endnotes": "doc-endnotes", "appendix": "doc-appendix", "introduction": "doc-introduction",
        "epilogue": "doc-epilogue", "colophon": "doc-colophon"}  # fmt: skip
MATTER = {"preface": "frontmatter", "foreword": "frontmatter", "introduction": "frontmatter",
          "endnotes": "backmatter", "appendix": "backmatter"}  # fmt: skip

CSS = """\
@namespace epub "http://www.idpf.org/2007/ops";
/* Spacing and alignment only: font, size and colours stay the reader's. */
h1, h2 { font-weight: normal; font-variant: small-caps; text-align: center; hyphens: none;
  margin: 2em 0 1em; }
p { margin: 0; text-indent: 1em; }
h1 + p, h2 + p, hr + p, p.subtitle + p, p.subtitle, p.signature, p.date, li p,
aside p, section#titlepage p, section#colophon p, section#emendations p { text-indent: 0; }
li p + p { text-indent: 1em; }  /* a note's further paragraph, not a note of its own */
p.subtitle { font-style: italic; text-align: center; margin-bottom: 1.5em; }
p.signature { text-align: right; margin-top: 1em; }
p.date { font-style: italic; margin-top: 1em; }
hr.section-break { border: none; border-top: 1px solid; width: 25%; margin: 1.5em auto; }
a[epub|type~="noteref"] { font-size: 0.75em; line-height: 1; vertical-align: super;
  text-decoration: none; }
.note-number { font-weight: bold; }
ol.notes { list-style: none; padding: 0; }
ol.notes li, aside { margin-bottom: 0.75em; }
aside { border-top: 1px solid; margin-top: 2em; padding-top: 0.5em; }
section#titlepage, section#colophon { text-align: center; }
section#titlepage p, section#colophon p { margin: 1em 0; }
section#emendations li { margin-bottom: 0.5em; }
"""


@dataclass
class Item:
    """A file of the package: its path under epub/, its media type and manifest properties."""

    path: str
    content: str
    media_type: str = XHTML_TYPE
    properties: str = ""
    ident: str = ""

    @property
    def id(self) -> str:
        return self.ident or self.path.rsplit("/", 1)[-1].replace(".", "-")


def file_of(slug: str) -> str:
    return f"{slug}.xhtml"


def note_ref(note: Note, notes_slug: str) -> str:
    in_notes = f"{file_of(notes_slug)}#{view.note_block_id(note, 0)}"
    target = f"#{note.anchor}" if note.kind == "page-foot" else in_notes
    return (
        f'<a href="{target}" id="{note.ref_anchor}" epub:type="noteref" '
        f'role="doc-noteref">{xhtml.escape(note.number)}</a>'
    )


def page_break(page: int) -> str:
    """Where a printed page begins: no text in the flow, the number as its label."""
    return f'<span epub:type="pagebreak" role="doc-pagebreak" id="{page_anchor(page)}" aria-label="{page}"/>'


def links(doc: Document) -> xhtml.Links:
    """Links between the EPUB's documents (all in one folder)."""
    notes = doc.notes_part
    notes_slug = notes.slug if notes else "notes"
    return xhtml.Links(
        page_break=page_break,
        note_ref=lambda note: note_ref(note, notes_slug),
        to_marker=lambda note: f"{file_of(note.marker_part)}#{note.ref_anchor}",
        to_part=file_of,
    )


def document(doc: Document, title: str, body: list[str], matter: str = "") -> str:
    """An XHTML content document around `body`."""
    lang = xhtml.attribute(doc.book.language)  # a BCP 47 tag (book.py), escaped all the same
    body_type = f' epub:type="{matter}"' if matter else ""
    return "\n".join([
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE html>",
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'xml:lang="{lang}" lang="{lang}">',
        "<head>",
        f"<title>{xhtml.escape(title)}</title>",
        '<link href="edition.css" rel="stylesheet" type="text/css"/>',
        "</head>",
        f"<body{body_type}>",
        *body,
        "</body>",
        "</html>",
        "",
    ])  # fmt: skip


def section(ident: str, role: str, lines: list[str]) -> list[str]:
    aria = f' role="{ARIA[role]}"' if role in ARIA else ""
    return [f'<section id="{ident}" epub:type="{role}"{aria}>', *lines, "</section>"]


def footnote_aside(doc: Document, note: Note, link: xhtml.Links) -> list[str]:
    """A page-foot editor's note, at the end of its part, linked to its marker and back."""
    back = xhtml.back_link(note, link, ' epub:type="backlink" role="doc-backlink"')
    number = f'<span class="note-number">{xhtml.escape(note.number)}</span>'
    text = f"{number} {xhtml.escape(note.text)}"
    return [
        f'<aside id="{note.anchor}" epub:type="footnote" role="doc-footnote">',
        f"<p>{text} {back}</p>",
        "</aside>",
    ]


def part_document(doc: Document, part: Part, settings: Settings) -> str:
    link = links(doc)
    role = settings.roles[part.slug]
    body = [*xhtml.heading(part, link, 2), *xhtml.part_blocks(doc, part, link)]
    for note in view.footnotes_of(doc, part):
        body += footnote_aside(doc, note, link)
    return document(doc, part.title, section(part.slug, role, body), MATTER.get(role, "bodymatter"))


def notes_document(doc: Document, part: Part, settings: Settings) -> str:
    """The Notes as endnotes: a list of notes, each linked back to its marker by its "p. N"."""
    link = links(doc)
    back = ' epub:type="backlink" role="doc-backlink"'
    body = [*xhtml.heading(part, link, 2), '<ol class="notes">']
    for note in doc.notes:
        body.append(f'<li id="{view.note_block_id(note, 0)}" epub:type="endnote">')
        body += xhtml.note_paragraphs(doc, note, link, back, first_id=False)
        body.append("</li>")
    body.append("</ol>")
    role = settings.roles[part.slug]
    return document(doc, part.title, section(part.slug, role, body), MATTER.get(role, "backmatter"))


def source_description(doc: Document) -> str:
    """The print edition, for dc:source: "Author, Title. Translation. Publisher. Edition."."""
    return ". ".join([f"{doc.book.author}, {doc.book.title}", *doc.book.metadata.imprint_lines]) + "."


def title_page(doc: Document) -> str:
    body = [
        f"<h1>{xhtml.escape(doc.book.title)}</h1>",
        f'<p class="author">{xhtml.escape(doc.book.author)}</p>',
        *(f"<p>{xhtml.escape(line)}</p>" for line in doc.book.metadata.imprint_lines),
    ]
    return document(doc, doc.book.title, section("titlepage", "titlepage", body), "frontmatter")


def colophon(doc: Document, settings: Settings, modified: datetime) -> str:
    body = [
        "<h2>Colophon</h2>",
        f"<p>{xhtml.escape(edition_statement(doc))}</p>",
        *(f"<p>{xhtml.escape(said)}</p>" for said in rights_and_version(doc)),
        f"<p>The text is that of the print edition: {xhtml.escape(source_description(doc))} "
        "Every error of the scan is undone and nothing else is changed; every change is listed "
        'under <a href="emendations.xhtml">Emendations</a>.</p>',
        f"<p>The page list and the page-break markers give the printed pages {printed_pages(doc)} "
        "of that edition; each note’s “p.” is a link back to its marker.</p>",
        f"<p>{source_changed(modified)} Identifier {xhtml.escape(settings.identifier)}.</p>",
    ]
    facts = doc.book.colophon
    if facts:  # the version and its date, the package's dc:date
        body.insert(-1, f"<p>Version {xhtml.escape(facts.version)}, {xhtml.escape(facts.date)}.</p>")
    return document(doc, "Colophon", section("colophon", "colophon", body), "backmatter")


def emendation_item(edit: Edit, places: dict[int, tuple[str, str]]) -> str:
    place = places.get(edit.line)
    page = f"p. {edit.page}"
    if place:
        page = f'<a href="{file_of(place[0])}#{place[1]}">{page}</a>'
    before = f"<del>{xhtml.escape(edit.before)}</del>" if edit.before else "—"
    after = f"<ins>{xhtml.escape(edit.after)}</ins>" if edit.after else "(removed)"
    return f"<li><p>{page}, line {edit.line}: {before} → {after} ({xhtml.escape(edit.why)})</p></li>"


def emendations(doc: Document) -> str:
    """Every change to the scanned text, in the order of the scan's lines, each linked to its place."""
    places = view.line_places(doc)
    body = [
        "<h2>Emendations</h2>",
        f"<p>The {len(doc.edits)} changes made to the scanned text: page and raw line, the scan’s "
        "reading, the edition’s, and why.</p>",
        "<ul>",
        *(emendation_item(edit, places) for edit in sorted(doc.edits, key=lambda e: (e.line, e.rule))),
        "</ul>",
    ]
    return document(doc, "Emendations", section("emendations", "appendix", body), "backmatter")


def nav_list(entries: list[tuple[str, str, str]]) -> list[str]:
    """<li> entries of (href, text, epub:type or "")."""
    out = []
    for href, text, kind in entries:
        kind_attr = f' epub:type="{kind}"' if kind else ""
        out.append(f'<li><a href="{href}"{kind_attr}>{xhtml.escape(text)}</a></li>')
    return out


def contents(doc: Document) -> list[tuple[str, str]]:
    """(href, title) of each entry of the contents, in reading order: the nav's and the NCX's."""
    toc = [("text/titlepage.xhtml", "Title page")]
    toc += [(f"text/{file_of(part.slug)}", part.title) for part in doc.parts]
    return [*toc, ("text/emendations.xhtml", "Emendations"), ("text/colophon.xhtml", "Colophon")]


def page_targets(doc: Document) -> list[tuple[str, str]]:
    """(href, label) of every printed page, in order, to the marker where it begins: the nav's
    page list and the NCX's."""
    return [(f"text/{file_of(slug)}#{page_anchor(page)}", str(page)) for page, slug in view.page_places(doc)]


def nav_document(doc: Document, settings: Settings) -> str:
    """Contents, landmarks, and the page list: every printed page, in order, to its marker."""
    toc = [(href, title, "") for href, title in contents(doc)]
    first_body = next(part for part in doc.parts if MATTER.get(settings.roles[part.slug]) is None)
    landmarks = [
        ("text/titlepage.xhtml", "Title page", "titlepage"),
        (f"text/{file_of(first_body.slug)}", first_body.title, "bodymatter"),
    ]
    landmarks += [
        (f"text/{file_of(part.slug)}", part.title, "endnotes")
        for part in doc.parts
        if settings.roles[part.slug] == "endnotes"
    ]
    landmarks.append(("text/emendations.xhtml", "Emendations", "appendix"))
    pages = [(href, label, "") for href, label in page_targets(doc)]
    body = [
        '<nav id="toc" epub:type="toc" role="doc-toc">',
        "<h2>Contents</h2>",
        "<ol>",
        *nav_list(toc),
        "</ol>",
        "</nav>",
        '<nav id="landmarks" epub:type="landmarks" hidden="hidden">',
        "<h2>Landmarks</h2>",
        "<ol>",
        *nav_list(landmarks),
        "</ol>",
        "</nav>",
        '<nav id="page-list" epub:type="page-list" role="doc-pagelist" hidden="hidden">',
        "<h2>Pages of the print edition</h2>",
        "<ol>",
        *nav_list(pages),
        "</ol>",
        "</nav>",
    ]
    return document(doc, "Contents", body).replace('href="edition.css"', 'href="text/edition.css"')


NCX_ID = "ncx"


def play_orders(hrefs: list[str], items: list[Item]) -> dict[str, int]:
    """Each href's place in the reading order, counted from 1, as the NCX's playOrder: by the
    spine, then by where its id stands in the document (a whole document first); two entries
    to the same place share one number, as the NCX asks."""

    def position(href: str) -> tuple[int, int]:
        path, _, ident = href.partition("#")
        index, item = next((i, item) for i, item in enumerate(spine_items(items)) if item.path == path)
        return index, item.content.index(f' id="{ident}"') if ident else -1

    places = sorted({position(href) for href in hrefs})
    return {href: places.index(position(href)) + 1 for href in hrefs}


def ncx_document(doc: Document, settings: Settings, items: list[Item]) -> str:
    """toc.ncx, the EPUB 2 navigation, for reading systems and converters that read no nav
    (calibre's `ebook-convert`): the same contents and printed pages as the nav."""
    toc, pages = contents(doc), page_targets(doc)
    order = play_orders([href for href, _ in [*toc, *pages]], items)
    points = [
        f'<navPoint id="nav-{number}" playOrder="{order[href]}"><navLabel><text>{xhtml.escape(title)}'
        f'</text></navLabel><content src="{href}"/></navPoint>'
        for number, (href, title) in enumerate(toc, 1)
    ]
    targets = [
        f'<pageTarget id="{href.partition("#")[2]}" type="normal" value="{label}" playOrder="{order[href]}">'
        f'<navLabel><text>{label}</text></navLabel><content src="{href}"/></pageTarget>'
        for href, label in pages
    ]
    lang = doc.book.metadata.language
    return "\n".join([
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="{lang}">',
        "<head>",
        f'<meta name="dtb:uid" content="{xhtml.attribute(settings.identifier)}"/>',
        '<meta name="dtb:depth" content="1"/>',
        '<meta name="dtb:totalPageCount" content="0"/>',
        f'<meta name="dtb:maxPageNumber" content="{pages[-1][1] if pages else 0}"/>',
        "</head>",
        f"<docTitle><text>{xhtml.escape(doc.book.title)}</text></docTitle>",
        f"<docAuthor><text>{xhtml.escape(doc.book.author)}</text></docAuthor>",
        "<navMap>",
        *points,
        "</navMap>",
        "<pageList>",
        "<navLabel><text>Pages of the print edition</text></navLabel>",
        *targets,
        "</pageList>",
        "</ncx>",
        "",
    ])  # fmt: skip


def accessibility_metadata(settings: Settings) -> list[str]:
    """schema.org accessibility metadata: what the book offers, and that it has no hazard."""
    features = ["tableOfContents", "readingOrder", "structuralNavigation", "printPageNumbers",
                "pageBreakMarkers", "pageNavigation"]  # fmt: skip
    return [
        '<meta property="schema:accessMode">textual</meta>',
        '<meta property="schema:accessModeSufficient">textual</meta>',
        *(f'<meta property="schema:accessibilityFeature">{feature}</meta>' for feature in features),
        '<meta property="schema:accessibilityHazard">none</meta>',
        f'<meta property="schema:accessibilitySummary">{xhtml.escape(settings.accessibility_summary)}</meta>',
    ]


def conformance_metadata(settings: Settings) -> list[str]:
    """EPUB Accessibility 1.1's conformance statement and its certifier, when downloads.yml makes
    one (the level, and why, are said there)."""
    if not settings.conforms_to:
        return []
    return [
        f'<meta property="dcterms:conformsTo">{xhtml.escape(settings.conforms_to)}</meta>',
        f'<meta property="a11y:certifiedBy">{xhtml.escape(settings.certified_by)}</meta>',
    ]


# The facts of the printed book the package names, read here and nowhere else in this module.
def print_publisher(doc: Document) -> str:
    """The printed book's publisher, as a catalogue record names it: book.yml's catalogue
    ("Foreign Languages Publishing House"; the place, Moscow, is not part of the name), else
    the imprint line of metadata.publisher."""
    return doc.book.catalogue.publisher or doc.book.metadata.publisher


def release_date(doc: Document, modified: datetime) -> str:
    """dc:date, the EPUB's publication date (EPUB 3.3 allows no other): the date of this
    version of the edition (book.yml's colophon, an ISO date as book.py checks it: "2026-12-01"),
    else the day its source last changed; as midnight UTC, since a date alone is a day that
    calibre may read as the next. The printed book's date is the print's, in dc:source."""
    facts = doc.book.colophon
    day = facts.date if facts else f"{modified:%Y-%m-%d}"
    return f"{day}T00:00:00Z"


def publication_metadata(doc: Document, modified: datetime) -> list[str]:
    """dc:publisher and dc:date.

    Standard Ebooks and Project Gutenberg name themselves in dc:publisher (they issue the ebook
    under their name) and keep the printed book to dc:source. This edition issues the print's
    text, unchanged but for the scan's errors, under no name of its own and claims no rights in
    it (the colophon), so its dc:publisher is the print's publisher, the one that reading
    systems' libraries (calibre, `ebook-meta`) show and the edition's citations name; dc:source
    keeps the whole description of the print (and pageBreakSource points at it). dc:date is
    this EPUB's own publication date, as EPUB requires, not the print's.
    """
    publisher = print_publisher(doc)
    out = [f"<dc:publisher>{xhtml.escape(publisher)}</dc:publisher>"] if publisher else []
    return [*out, f"<dc:date>{release_date(doc, modified)}</dc:date>"]


def spine_items(items: list[Item]) -> list[Item]:
    """The content documents in reading order (the nav and the NCX are not read in line)."""
    return [item for item in items if item.path.startswith("text/") and item.media_type == XHTML_TYPE]


def package_document(doc: Document, settings: Settings, modified: datetime, items: list[Item]) -> str:
    """content.opf: metadata, the manifest, the spine in reading order."""
    book = doc.book
    lang = xhtml.attribute(book.language)
    source = xhtml.escape(source_description(doc))
    manifest = []
    for item in items:
        properties = f' properties="{item.properties}"' if item.properties else ""
        manifest.append(
            f'<item href="{item.path}" id="{item.id}" media-type="{item.media_type}"{properties}/>'
        )
    spine = [f'<itemref idref="{item.id}"/>' for item in spine_items(items)]
    return "\n".join([
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" '
        f'xml:lang="{lang}" dir="ltr">',
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
        f'<dc:identifier id="uid">{xhtml.escape(settings.identifier)}</dc:identifier>',
        f"<dc:title>{xhtml.escape(book.title)}</dc:title>",
        f'<dc:creator id="author">{xhtml.escape(book.author)}</dc:creator>',
        '<meta property="role" refines="#author" scheme="marc:relators">aut</meta>',
        f"<dc:language>{lang}</dc:language>",
        *publication_metadata(doc, modified),
        f'<dc:source id="print-source">{source}</dc:source>',
        f"<meta property=\"pageBreakSource\">{source}</meta>",
        f'<meta property="dcterms:modified">{modified:%Y-%m-%dT%H:%M:%SZ}</meta>',
        *accessibility_metadata(settings),
        *conformance_metadata(settings),
        "</metadata>",
        "<manifest>",
        *manifest,
        "</manifest>",
        f'<spine toc="{NCX_ID}">',
        *spine,
        "</spine>",
        "</package>",
        "",
    ])  # fmt: skip


CONTAINER = """\
<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="epub/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""


def content_items(doc: Document, settings: Settings, modified: datetime) -> list[Item]:
    """The package's files in reading order (the spine's order), the nav and the stylesheet."""
    items = [Item("text/titlepage.xhtml", title_page(doc))]
    for part in doc.parts:
        render = notes_document if part.kind == "notes" else part_document
        items.append(Item(f"text/{file_of(part.slug)}", render(doc, part, settings)))
    items.append(Item("text/emendations.xhtml", emendations(doc)))
    items.append(Item("text/colophon.xhtml", colophon(doc, settings, modified)))
    items.append(Item("toc.xhtml", nav_document(doc, settings), properties="nav"))
    items.append(Item("text/edition.css", CSS, media_type="text/css"))
    ncx = ncx_document(doc, settings, items)
    return [*items, Item("toc.ncx", ncx, media_type="application/x-dtbncx+xml", ident=NCX_ID)]


def zip_bytes(files: list[tuple[str, str]], when: datetime) -> bytes:
    """The EPUB's zip: `mimetype` first and stored, then every file deflated, all with the same
    timestamp and permissions, so the same content gives the same bytes."""
    stamp = max(when, datetime(1980, 1, 1, tzinfo=when.tzinfo)).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, (name, content) in enumerate([("mimetype", "application/epub+zip"), *files]):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if index == 0 else zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever system builds it
            info.external_attr = 0o644 << 16
            archive.writestr(info, content.encode("utf-8"), compresslevel=9)
    return buffer.getvalue()


def render_epub(doc: Document, settings: Settings, modified: datetime) -> bytes:
    """The EPUB 3 file's bytes."""
    items = content_items(doc, settings, modified)
    opf = package_document(doc, settings, modified, items)
    files = [("META-INF/container.xml", CONTAINER), ("epub/content.opf", opf)]
    files += [(f"epub/{item.path}", item.content) for item in items]
    return zip_bytes(files, modified)
