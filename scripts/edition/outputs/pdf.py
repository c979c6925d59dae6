"""The PDF: the book on A5 pages in Literata, with running heads, the 1955 page numbers in the
margin where each printed page begins, the editor's page-foot notes at the foot of the page,
every note linked both ways, the Emendations as an appendix, bookmarks of the parts, metadata,
tags (WeasyPrint); each link described in words for a screen reader.

The HTML is rendered from the model like the EPUB's documents (`xhtml`); WeasyPrint lays it out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from ..anchors import page_anchor
from ..model import Document, Edit, Note, Remark
from . import view, xhtml
from .colophon import edition_statement, printed_pages, rights_and_version, source_changed
from .markdown.emendations import nearest_place, ordered

CSS = """\
@page {
  size: A5;
  margin: 18mm 24mm 20mm 17mm;
  @top-center { content: string(part); font: italic 8.5pt Literata; color: #444; }
  @bottom-center { content: counter(page); font: 8.5pt Literata; color: #444; }
}
@page :first { @top-center { content: none; } @bottom-center { content: none; } }
@page :nth(1 of part) { @top-center { content: none; } }  /* no head over a part's title */
@page :blank { @top-center { content: none; } @bottom-center { content: none; } }  /* before a recto */
html { font: 10.5pt/1.42 Literata, serif; hyphens: auto; text-align: justify;
  hyphenate-character: "-"; }  /* U+2010, the default, is not in the font's latin subset */
body { margin: 0; }
h1, h2 { font-weight: normal; text-align: center; hyphens: none; letter-spacing: 0.06em;
  text-transform: uppercase; }
h1 { font-size: 13pt; margin: 22mm 0 6mm; string-set: part content(text); }
section.part { break-before: recto; page: part; }
p { margin: 0; text-indent: 1.2em; orphans: 2; widows: 2; }
h1 + p, hr + p, p.subtitle + p, p.subtitle, p.signature, p.date, .notes p, .titlepage p,
.colophon p { text-indent: 0; }
p.subtitle { font-style: italic; text-align: center; margin-bottom: 6mm; }
p.signature { text-align: right; margin-top: 4mm; }
p.date { font-style: italic; margin-top: 4mm; }
hr.section-break { border: none; margin: 3mm 0; height: 1em; }
hr.section-break::after { content: "*   *   *"; display: block; text-align: center; }
/* where a printed page of 1955 begins: a hair line in the text, its number in the margin */
.page { border-left: 0.4pt solid #999; margin: 0 -0.2pt; }
.page::after { content: attr(data-page); position: absolute; right: -15mm; width: 10mm;
  text-align: left; font: 7.5pt Literata; color: #555; text-indent: 0; }
p, h1 { position: relative; }
/* a page that opens with a part: the number only, beside the heading (the part's sink above) */
section > .page { border: none; display: block; margin-top: 22mm; }
section > .page + h1 { margin-top: 0; }
section > .page::after { padding-top: 4.5pt; }  /* on the heading's line, not above it */
a { color: inherit; text-decoration: none; }
a.note-ref { font-size: 0.7em; vertical-align: super; line-height: 1; }  /* not 0: unclickable */
.footnote { float: footnote; font-size: 8.5pt; text-indent: 0; text-align: left; }
.footnote::footnote-call { content: none; }  /* the call is the marker's link, "*" */
.footnote::footnote-marker { content: "* "; }
a.footnote-ref { vertical-align: baseline; }
.notes p { text-align: left; }
.notes .note { margin-bottom: 2mm; }
.notes .note p + p { text-indent: 1.2em; }  /* a note's further paragraph, not a note of its own */
.note-number { font-weight: bold; }
.titlepage { text-align: center; hyphens: none; page: title; }
.titlepage h1 { font-size: 18pt; margin-top: 45mm; string-set: none; bookmark-level: none; }
.titlepage .author { font-size: 13pt; margin: 8mm 0 30mm; }
.titlepage p { text-align: center; }
.colophon { break-before: page; text-align: left; font-size: 9pt; hyphens: none; }
.colophon p { margin-bottom: 3mm; }
a.page-ref::after { content: " (p. " target-counter(attr(href), page) ")"; }
/* the Emendations: an appendix in the book's type, smaller; the scan's stray glyphs that
   Literata lacks (♦) from DejaVu Sans (system-deps.sh installs it) */
.appendix h2 { font-size: 10.5pt; margin: 6mm 0 3mm; bookmark-level: none; }
.appendix { font: 8.5pt/1.35 Literata, "DejaVu Sans"; text-align: left; hyphens: none; }
.appendix p { text-indent: 0; margin-bottom: 2mm; }
.appendix ul { list-style: none; padding: 0; margin: 0; }
.appendix li { margin: 0 0 1.2mm 1.2em; text-indent: -1.2em; }
.appendix code, .appendix samp { font-family: inherit; }
.appendix code, .appendix samp { font-style: italic; }  /* a rule's name; the scan's line */
.appendix ins { text-decoration: none; }  /* an underline would read as a link */
.appendix table { border-collapse: collapse; margin-bottom: 3mm; }
.appendix td { padding: 0 4mm 0 0; }
.appendix td + td { text-align: right; }
"""


def page_mark(page: int) -> str:
    """Where a printed page begins; CSS draws its number in the margin (no text in the flow)."""
    return f'<span class="page" id="{page_anchor(page)}" data-page="{page}"></span>'


def note_ref(doc: Document, note: Note, link: xhtml.Links) -> str:
    """A numbered note's marker links to the endnote; a page-foot note's "*" links to the note at
    the foot of its page, which ends with its "p. N" linking back (as every note does)."""
    marker = note.ref_anchor
    if note.kind == "page-foot":
        text = f"{xhtml.escape(note.text)} {xhtml.back_link(note, link)}"
        return (
            f'<a class="footnote-ref" href="#{note.anchor}" id="{marker}">{xhtml.escape(note.number)}</a>'
            f'<span class="footnote" id="{note.anchor}">{text}</span>'
        )
    target = view.note_block_id(note, 0)
    return f'<a class="note-ref" href="#{target}" id="{marker}">{xhtml.escape(note.number)}</a>'


def links(doc: Document) -> xhtml.Links:
    def marker(note: Note) -> str:
        return note_ref(doc, note, link)

    link = xhtml.whole_book_links(page_break=page_mark, note_ref=marker)
    return link


def book_html(doc: Document, modified: datetime, identifier: str) -> str:
    """The whole book as one HTML document for WeasyPrint."""
    book = doc.book
    lang = xhtml.attribute(book.language)  # a BCP 47 tag (book.py), escaped all the same
    link = links(doc)
    body = [
        '<section class="titlepage">',
        f"<h1>{xhtml.escape(book.title)}</h1>",
        f'<p class="author">{xhtml.escape(book.author)}</p>',
        *(f"<p>{xhtml.escape(line)}</p>" for line in doc.book.metadata.imprint_lines),
        "</section>",
        *colophon(doc, modified, identifier),
    ]
    for part in doc.parts:
        body.append(f'<section class="part" id="{part.slug}">')
        body += xhtml.heading(part, link, 1)
        if part.kind == "notes":
            body.append('<div class="notes">')
            for note in doc.notes:  # one box a note: its paragraphs close, the next note apart
                body += ['<div class="note">', *xhtml.note_paragraphs(doc, note, link), "</div>"]
            body.append("</div>")
        else:
            body += xhtml.part_blocks(doc, part, link)
        body.append("</section>")
    body += emendations(doc)
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{xhtml.escape(book.title)}</title>",
        f'<meta name="author" content="{xhtml.attribute(book.author)}">',
        f'<meta name="description" content="{xhtml.attribute(book.title)}: '
        f'{xhtml.attribute(book.metadata.edition_name)}">',
        f'<meta name="dcterms.created" content="{modified:%Y-%m-%dT%H:%M:%SZ}">',
        f'<meta name="dcterms.modified" content="{modified:%Y-%m-%dT%H:%M:%SZ}">',
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ])  # fmt: skip


def colophon(doc: Document, modified: datetime, identifier: str) -> list[str]:
    return [
        '<section class="colophon">',
        f"<p>{xhtml.escape(edition_statement(doc))}</p>",
        *(f"<p>{xhtml.escape(said)}</p>" for said in rights_and_version(doc)),
        "<p>The text is that of the print edition; every error of the scan is undone and nothing "
        "else is changed. Every change is listed, with its reason, under "
        f'<a class="page-ref" href="#{EMENDATIONS_ID}">Emendations</a> at the end of this book.</p>',
        f"<p>The numbers in the margin are the pages {printed_pages(doc)} of that edition; a hair "
        "line in the text marks where each begins. Note numbers link to the Notes; each note’s "
        "“p.” links back. Set in Literata (SIL Open Font License).</p>",
        f"<p>{source_changed(modified)} {xhtml.escape(identifier)}</p>",
        "</section>",
    ]


EMENDATIONS_ID = "emendations"


def change_entry(doc: Document, edit: Edit, numbers: list[int]) -> str:
    """One change, as the site's Emendations page gives it (emendations.entry): where (a link
    to the paragraph or note that holds it), what the scan has, what the edition prints, the
    rule or correction and why, in words rather than the page's arrow."""
    where = f"p. {edit.page} · line {edit.line}"
    place = nearest_place(doc, edit.line, numbers)
    if place:
        where = f'<a href="#{place.anchor}">{where}</a>'
    before, after = f"<del>{xhtml.escape(edit.before)}</del>", f"<ins>{xhtml.escape(edit.after)}</ins>"
    if not edit.after:
        change = f"the scan {before}, removed"
    elif not edit.before:
        change = f"the edition adds {after}"
    else:
        change = f"the scan {before}, the edition {after}"
    rule = f"<code>{xhtml.escape(edit.rule)}</code>"
    return f"<li>{where}: {change}. {rule}: {xhtml.escape(edit.why)}</li>"


def remark_entry(doc: Document, remark: Remark, numbers: list[int]) -> str:
    where = f"p. {remark.page} · line {remark.line}"
    place = nearest_place(doc, remark.line, numbers)
    if place:
        where = f'<a href="#{place.anchor}">{where}</a>'
    return f"<li>{where}: the scan <samp>{xhtml.escape(remark.raw)}</samp> — {xhtml.escape(remark.text)}</li>"


def emendations(doc: Document) -> list[str]:
    """The appendix page 2 promises: what the site's Emendations page lists (emendations.py), from
    the same model: the counts by kind, the remarks, every change in the order of the book."""
    numbers = sorted(doc.line_places)
    kinds = Counter(edit.rule for edit in doc.edits)
    out = [
        f'<section class="part appendix" id="{EMENDATIONS_ID}">',
        "<h1>Emendations</h1>",
        "<p>Every change this edition makes to the scanned text, in the order of the book: where it "
        "is (the printed page, and the line of the OCR file "
        f"<i>source/{xhtml.escape(doc.book.source)}</i>), what the scan has, what the edition "
        "prints, the rule or reviewed correction that made the change and why. Each place links "
        "to the paragraph or note that holds it.</p>",
        "<h2>Counts by kind</h2>",
        "<table>",
        *(
            f"<tr><td><code>{xhtml.escape(rule)}</code></td><td>{count}</td></tr>"
            for rule, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0]))
        ),
        "</table>",
    ]
    if doc.remarks:
        out += [
            "<h2>Remarks</h2>",
            "<p>Readings in doubt, and the print’s own slips that the edition keeps as printed.</p>",
            "<ul>",
            *(remark_entry(doc, remark, numbers) for remark in doc.remarks),
            "</ul>",
        ]
    out += [
        "<h2>Every change</h2>",
        "<ul>",
        *(change_entry(doc, edit, numbers) for edit in ordered(doc.edits)),
        "</ul>",
        "</section>",
    ]
    return out


def link_descriptions(doc: Document) -> dict[str, str]:
    """Each place a link of the PDF can go to → the words a screen reader says for the link
    (its annotation's /Contents, which WeasyPrint sets to the bare id)."""
    words = {part.slug: f"Part: {part.title}" for part in doc.parts}
    words[EMENDATIONS_ID] = "Emendations"
    for part in doc.parts:  # the places of changes outside the paragraphs
        for block in (part.subtitle, part.signature, part.date):
            if block is not None and block.anchor:
                words[block.anchor] = f"{part.title}: the {block.kind}"
    for part in view.text_parts(doc):
        ranks: Counter[int] = Counter()
        for ident in view.paragraph_ids(part).values():
            page = int(ident.split("-")[1])
            ranks[page] += 1
            words[ident] = f"Page {page}, paragraph {ranks[page]}"
    for note in doc.notes:
        for index in range(len(note.blocks)):
            paragraph = f", paragraph {index + 1}" if index else ""
            words[view.note_block_id(note, index)] = f"Note {note.number}{paragraph}"
        words[note.ref_anchor] = f"Back to the text of note {note.number}"
    for note in doc.footnotes:
        words[note.anchor] = f"Editor’s note on page {note.marker_page}"
        words[note.ref_anchor] = f"Back to the text of the editor’s note on page {note.marker_page}"
    return words


def describe_links(words: dict[str, str]) -> Callable[[Any, Any], None]:
    """A WeasyPrint finisher: every internal link annotation's /Contents in words."""
    import pydyf

    def finish(_document: Any, pdf: Any) -> None:
        for obj in pdf.objects:
            if isinstance(obj, pydyf.Dictionary) and obj.get("Subtype") == "/Link" and "Dest" in obj:
                target = obj["Dest"].string
                if target not in words:
                    raise ValueError(f"the PDF links to '{target}', which has no description")
                obj["Contents"] = pydyf.String(words[target])

    return finish


class RefusedFetch(Exception):
    """The PDF's HTML or CSS asked for a file outside the edition's own, or another host."""


def own_files_fetcher(folder: Path) -> Any:
    """WeasyPrint's fetcher, serving only the files under `folder` (the edition's fonts and
    stylesheets) and `data:` URLs: any other file, and any host, stops the PDF with a clear
    error, never a quiet fetch (a `<link rel=attachment href="file:///etc/hostname">` from a
    data value would otherwise publish the machine's file inside the PDF)."""
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    root = folder.resolve()

    class OwnFiles(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(url2pathname(parts.path)).resolve()
                if path.is_relative_to(root) and path.is_file():
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(f"the PDF reads only the edition's files (under {root}), not {url}")

    return OwnFiles(allowed_protocols=("file", "data"), fail_on_errors=True, allow_redirects=False)


def render_pdf(doc: Document, modified: datetime, identifier: str, fonts_css: Path) -> bytes:
    """The PDF's bytes; `fonts_css` is the edition's @font-face file (its urls relative to it).
    Only the files of the folder above it (overrides/assets/) may be read: RefusedFetch else."""
    from weasyprint import CSS as Stylesheet  # imported here: only this output needs it
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    fetcher = own_files_fetcher(fonts_css.parent.parent)
    fonts = FontConfiguration()
    try:
        stylesheets = [
            Stylesheet(filename=str(fonts_css), font_config=fonts, url_fetcher=fetcher),
            Stylesheet(string=CSS, font_config=fonts, url_fetcher=fetcher),
        ]
        html = book_html(doc, modified, identifier)
        document = HTML(string=html, base_url=str(fonts_css.parent), url_fetcher=fetcher)
        return document.write_pdf(
            finisher=describe_links(link_descriptions(doc)),
            stylesheets=stylesheets,
            font_config=fonts,
            pdf_variant="pdf/ua-1",
            pdf_identifier=identifier.encode("utf-8"),
        )
    except FatalURLFetchingError as error:  # a BaseException: turned into an error the build reports
        reason = error.__cause__ or error
        raise RefusedFetch(str(reason)) from None
