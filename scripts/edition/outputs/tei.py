"""The edition as TEI P5 XML (tei_all): the scholar's format, every emendation encoded.

Rendered from the document model only, like every other output: the ids are the site's
(`recollections`, `page-37`, `p-37-2`, `note-3`, `ref-3`, `e-1234`, `r-166`), so the TEI, the
site and the Emendations page name the same places and the same changes. Each change is a
`<choice>` whose `@xml:id` is its Emendations id: `sic`/`corr` for an OCR error undone,
`orig`/`reg` for the print’s own form restored (`REGULARISATIONS`); its `@ana` points to the
rule (or the reviewed correction's reason) declared once in the header's taxonomy.

The text is escaped and nothing else; the output depends on the model alone, so two builds
give the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from .. import typography
from ..anchors import page_anchor
from ..model import Block, Document, Edit, Note, Part, Remark
from ..pipeline import PASSES
from ..provenance import line_span, text_blocks
from ..repairs import REPAIRS_BY_NAME
from . import view
from .inline import Forms, crosses, label_offset, located_in, mentions, nested_spans, set_marks
from .markdown.docs import KEPT_AS_PRINTED, PRINCIPLE, changes_on_record  # the About page's words
from .settings import Settings

NAMESPACE = "http://www.tei-c.org/ns/1.0"
CORRECTIONS = "corrections.yml"  # the rule name of a reviewed entry of corrections.yml
LINE_BREAK = " / "  # how an edit's `before` writes a line end of the scan (paragraphs.py)

# Changes that put back the print’s own form of what the scan shows (its typography, a word
# the print broke at a line end, a printer’s mark below the text) are regularisations:
# orig/reg. Every other change undoes an OCR error: sic/corr.
REGULARISATIONS = frozenset(
    {substitution.name for substitution in typography.SUBSTITUTIONS}
    | {"drop-line-end-hyphen", "keep-compound-hyphen", "drop-signature-mark"}
)

# The header's editorialDecl: which of the About page's steps (pipeline.PASSES) says what was
# done for each of its parts, in the About page's words
EDITORIAL_PARTS = (
    ("correction", ("line kinds", "corrections", "repairs", "stray asterisks")),
    ("quotation", ("typography",)),
    ("hyphenation", ("paragraphs",)),
    ("segmentation", ("pages", "parts", "furniture", "note markers", "notes")),
    ("interpretation", ("provenance", "anchors")),
)
# where the parts go, by their role in downloads.yml
FRONT_ROLES = ("preface", "foreword", "introduction")
BACK_ROLES = ("endnotes", "appendix")
DATE_FORMATS = (("%B %d, %Y", "%Y-%m-%d"), ("%B %Y", "%Y-%m"), ("%Y-%m-%d", "%Y-%m-%d"), ("%Y", "%Y"))


def escape(text: str) -> str:
    """Text → XML character data showing exactly that text.

    >>> escape("Marx & “Engels” <1848>")
    'Marx &amp; “Engels” &lt;1848&gt;'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(text: str) -> str:
    """A value for a double-quoted attribute, its whitespace folded to single spaces."""
    return escape(" ".join(text.split())).replace('"', "&quot;")


def with_line_breaks(text: str) -> str:
    """Escaped text whose line ends (a newline, or the Emendations list's " / ") are <lb/>.

    >>> with_line_breaks("strong- / willed & so")
    'strong-<lb/>willed &amp; so'
    """
    return escape(text).replace(LINE_BREAK, "<lb/>").replace("\n", "<lb/>")


def emphasis(markdown: str) -> str:
    """The About page's words (Markdown) as TEI: *a* (a letter named) → <mentioned>a</mentioned>.

    >>> emphasis("a spurious letter before *a* & more")
    'a spurious letter before <mentioned>a</mentioned> &amp; more'
    """
    return re.sub(r"\*([^*]+)\*", r"<mentioned>\1</mentioned>", escape(markdown))


def iso_date(text: str) -> str:
    """A printed date as @when, "" when it is none of the forms the book prints.

    >>> iso_date("August 10, 1933"), iso_date("January 1924"), iso_date("Spring")
    ('1933-08-10', '1924-01', '')
    """
    for printed, iso in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), printed).strftime(iso)
        except ValueError:
            continue
    return ""


# ---- the rules: one category each, a reviewed correction's reason a category of its own ----


def rule_id(rule: str) -> str:
    """The xml:id of a rule's category.

    >>> rule_id("drop-noise"), rule_id("corrections.yml")
    ('rule-drop-noise', 'rule-corrections.yml')
    """
    return "rule-" + re.sub(r"[^\w.-]", "-", rule)


@dataclass(frozen=True)
class Rule:
    """A rule of the pipeline: its name, why it changes the text, and, for a rule whose
    changes each give their own reason (the reviewed corrections), those reasons in order."""

    name: str
    why: str
    reasons: tuple[str, ...] = ()

    @property
    def ident(self) -> str:
        return rule_id(self.name)

    def reason_id(self, why: str) -> str:
        return f"{self.ident}-{self.reasons.index(why) + 1}"


def declared_rules(doc: Document) -> list[Rule]:
    """Every rule of the pipeline (the repairs and typography tables, and every rule that made
    a change), by name; each reviewed correction's reason numbered in the order of the book."""
    whys: dict[str, list[str]] = {}
    for repair in REPAIRS_BY_NAME.values():
        whys.setdefault(repair.name, [repair.why])
    for substitution in typography.SUBSTITUTIONS:
        whys.setdefault(substitution.name, [substitution.why])
    for edit in sorted(doc.edits, key=lambda edit: edit.line):
        reasons = whys.setdefault(edit.rule, [])
        if edit.why not in reasons:
            reasons.append(edit.why)
    rules = []
    for name, reasons in sorted(whys.items()):
        if len(reasons) == 1:
            rules.append(Rule(name, reasons[0]))
        else:
            why = "a reviewed correction, each with its own reason" if name == CORRECTIONS else ""
            rules.append(Rule(name, why, tuple(reasons)))
    return rules


def category_of(edit: Edit, rules: dict[str, Rule]) -> str:
    """The id of the category an edit's corr/reg points to: its reason's, else its rule's."""
    rule = rules[edit.rule]
    return rule.reason_id(edit.why) if rule.reasons else rule.ident


def taxonomy(doc: Document) -> list[str]:
    out = [
        '<taxonomy xml:id="rules">',
        "<desc>The rules that changed the scanned text, each with why; every corr and reg "
        "points to its rule (a reviewed correction to its reason) with @ana.</desc>",
    ]
    for rule in declared_rules(doc):
        out.append(f'<category xml:id="{rule.ident}">')
        out.append(f"<catDesc><term>{escape(rule.name)}</term>: {escape(rule.why)}</catDesc>")
        for why in rule.reasons:
            out.append(
                f'<category xml:id="{rule.reason_id(why)}"><catDesc>{escape(why)}</catDesc></category>'
            )
        out.append("</category>")
    return [*out, "</taxonomy>"]


# ---- the text: a block's words with its pages, markers, remarks and emendations set in ----


def choice_tags(edit: Edit, rules: dict[str, Rule]) -> tuple[str, str]:
    """The <choice>'s opening (with the scan's reading: its sic or orig) and its closing; a
    change that leaves no text (a removal, a paragraph break) has an empty corr or reg."""
    original, edited = ("orig", "reg") if edit.rule in REGULARISATIONS else ("sic", "corr")
    resp = "#editor" if edit.kind == "correction" else "#pipeline"
    reading = f"<{original}>{with_line_breaks(edit.before)}</{original}>" if edit.before else f"<{original}/>"
    attributes = f'resp="{resp}" ana="#{category_of(edit, rules)}"'
    return f'<choice xml:id="{edit.id}">{reading}<{edited} {attributes}>', f"</{edited}></choice>"


def page_break(page: int) -> str:
    return f'<pb n="{page}" xml:id="{page_anchor(page)}"/>'


def marker(note: Note) -> str:
    """A note's marker in the text: the book's number (or asterisk), linked to the note."""
    return (
        f'<ref type="noteAnchor" xml:id="{note.ref_anchor}" n="{attribute(note.number)}" '
        f'target="#{note.anchor}">{escape(note.number)}</ref>'
    )


def remark_note(remark: Remark) -> str:
    return f'<note type="editorial" xml:id="{remark.id}" resp="#editor">{escape(remark.text)}</note>'


def remark_offset(block: Block, remark: Remark) -> int:
    """Where a remark stands: after the word that ends its line, outside any change's span (at
    the block's end when its line is not the block's)."""
    index = next((i for i, line in enumerate(block.lines) if line.number == remark.line), None)
    offset = len(block.text) if index is None else label_offset(block.text, line_span(block, index)[1])
    while inside := [e.span.end for e in block.edits if e.span.start < offset < e.span.end]:
        offset = max(inside)
    return offset


def unbroken_mentions(part: Part | None, block: Block) -> list[tuple[int, int, str]]:
    """The block's mentions of other parts (book.yml) that no change's span crosses: a mention
    that would cut a change is left unlinked, so that every change keeps its choice."""
    if part is None:
        return []
    spans = [(start, end) for _edit, start, end, _first in nested_spans(located_in(block))]
    return [link for link in mentions(part, block) if not any(crosses(a, b, [link]) for a, b in spans)]


def forms(context: Context) -> Forms:
    """The marks as TEI elements: pb, a marker's ref, a mention's ref, a change's choice."""
    return Forms(
        text=lambda piece, _following: with_newlines(piece),
        page=page_break,
        marker=marker,
        mention=lambda slug: (f'<ref target="#{slug}">', "</ref>"),
        edit=lambda edit: choice_tags(edit, context.rules),
    )


def inline(doc: Document, block: Block, context: Context, part: Part | None = None) -> str:
    """A block's text, escaped, with its page breaks, note markers, changes and (given its
    part) its mentions of other parts set in by the one inline renderer, and the editor's
    remarks on its lines, and any change the text shows nowhere, at their points."""
    points = [
        (remark_offset(block, remark), remark_note(remark)) for remark in context.remarks.get(id(block), [])
    ]
    for edit in context.stray.get(id(block), []):
        opening, closing = choice_tags(edit, context.rules)
        points.append((len(block.text), opening + closing))
    links = unbroken_mentions(part, block)
    return set_marks(block.text, block, doc.note, context.forms, links, points)


def with_newlines(text: str) -> str:
    """The book's text escaped, a line break it keeps (a signature's lines) as <lb/>."""
    return escape(text).replace("\n", "<lb/>")


@dataclass
class Context:
    """What the blocks' rendering looks up: the rules by name, the remarks by the block they
    stand in, the changes the text shows nowhere (set at the end of the nearest block), and
    the changes of each note's page reference."""

    rules: dict[str, Rule]
    remarks: dict[int, list[Remark]]
    stray: dict[int, list[Edit]]
    page_references: dict[str, list[Edit]]
    forms: Forms | None = None  # the TEI's forms of the marks, made once (`make_context`)


def make_context(doc: Document) -> Context:
    where = {line.number: block for _slug, block in text_blocks(doc) for line in block.lines}
    remarks: dict[int, list[Remark]] = {}
    for remark in doc.remarks:  # on its line's block, else (a heading's line) the nearest before it
        remarks.setdefault(id(nearest_block(where, remark.line)), []).append(remark)
    stray: dict[int, list[Edit]] = {}
    references: dict[str, list[Edit]] = {}
    for edit in doc.edits:
        if edit.span is not None:
            continue
        note = note_of_line(doc, edit.line)
        if note is not None and edit.after == "p.":
            references.setdefault(note.id, []).append(edit)
        else:
            stray.setdefault(id(nearest_block(where, edit.line)), []).append(edit)
    rules = {rule.name: rule for rule in declared_rules(doc)}
    context = Context(rules, remarks, stray, references)
    context.forms = forms(context)
    return context


def nearest_block(where: dict[int, Block], number: int) -> Block:
    """The block holding raw line `number`, else the one holding the nearest line before it."""
    return where[max((n for n in where if n <= number), default=min(where))]


def note_of_line(doc: Document, number: int) -> Note | None:
    """The numbered note whose lines (up to the next note's first) hold raw line `number`."""
    found = None
    for note in doc.notes:
        if note.line <= number:
            found = note
    return found


def page_reference(note: Note, context: Context, rules: dict[str, Rule]) -> str:
    """The note's "p. N" as the book prints it, a link back to its marker; a change the scan's
    reading of "p." needed set in."""
    prefix = "p."
    for edit in context.page_references.get(note.id, []):
        opening, closing = choice_tags(edit, rules)
        prefix = f"{opening}{prefix}{closing}"
    page = note.page_ref or note.marker_page
    return f'<ref type="noteBack" target="#{note.ref_anchor}">{prefix} {page}</ref>'


# ---- the parts ---------------------------------------------------------------------------


def part_div(doc: Document, part: Part, role: str, context: Context) -> list[str]:
    kind = "notes" if part.kind == "notes" else role
    out = [f'<div type="{kind}" xml:id="{part.slug}" n="{attribute(part.title)}">']
    if part.heading.page_start:
        out.append(page_break(part.heading.page))
    out.append(f"<head>{escape(part.spec.printed_heading)}</head>")
    if part.subtitle:
        out.append(f'<head type="sub">{inline(doc, part.subtitle, context)}</head>')
    out += notes_list(doc, context) if part.kind == "notes" else text_blocks_of(doc, part, context)
    closer = closing(doc, part, context)
    return [*out, *closer, "</div>"]


def text_blocks_of(doc: Document, part: Part, context: Context) -> list[str]:
    """Paragraphs and section breaks; a page-foot note after the paragraph that marks it."""
    out = []
    footnotes = view.footnotes_of(doc, part)
    for block in part.blocks:
        if block.kind == "section-break":
            ident = f"{part.slug}-{block.anchor}"
            out.append(f'<milestone unit="section" rend="* * *" xml:id="{ident}"/>')
            continue
        out.append(f'<p xml:id="{block.anchor}">{inline(doc, block, context, part)}</p>')
        marked = {note_id for _offset, note_id in block.markers}
        out += [line for note in footnotes if note.id in marked for line in footnote(doc, note, context)]
    return out


def note_open(note: Note, place: str) -> str:
    """A note's opening tag, linked back to its marker."""
    number = attribute(note.number)
    return f'<note place="{place}" xml:id="{note.anchor}" n="{number}" target="#{note.ref_anchor}">'


def footnote(doc: Document, note: Note, context: Context) -> list[str]:
    paragraphs = [f"<p>{inline(doc, block, context)}</p>" for block in note.blocks]
    return [
        note_open(note, "foot"),
        *paragraphs,
        "</note>",
    ]


def notes_list(doc: Document, context: Context) -> list[str]:
    """The Notes: each note linked back to its marker; its first paragraph has the note's id,
    its last ends with the book's page reference."""
    out = []
    for note in doc.notes:
        out.append(note_open(note, "end"))
        for index, block in enumerate(note.blocks):
            ident = f' xml:id="{block.anchor}"' if index else ""
            text = inline(doc, block, context)
            if index == len(note.blocks) - 1:
                text += " " + page_reference(note, context, context.rules)
            out.append(f"<p{ident}>{text}</p>")
        out.append("</note>")
    return out


def closing(doc: Document, part: Part, context: Context) -> list[str]:
    signature, date = (part.signature, part.date)
    inside = []
    if signature:
        inside.append(f"<signed>{inline(doc, signature, context)}</signed>")
    if date:
        when = iso_date(date.text)
        attributes = f' when="{when}"' if when else ""
        inside.append(f"<dateline><date{attributes}>{inline(doc, date, context)}</date></dateline>")
    return ["<closer>", *inside, "</closer>"] if inside else []


def title_page(doc: Document) -> list[str]:
    book = doc.book
    meta = book.metadata
    out = [
        "<titlePage>",
        f'<docTitle><titlePart type="main">{escape(book.title)}</titlePart></docTitle>',
        f"<docAuthor>{escape(book.author)}</docAuthor>",
    ]
    for line in (meta.translation, meta.edition):
        if line:
            out.append(f"<docEdition>{escape(sentence(line))}</docEdition>")
    if meta.publisher:
        out.append(f"<docImprint><publisher>{escape(meta.publisher)}</publisher></docImprint>")
    return [*out, "</titlePage>"]


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def text_element(doc: Document, settings: Settings) -> list[str]:
    """front (the title page and the parts before the text), body, back (the Notes)."""
    shared = make_context(doc)
    front, body, back = title_page(doc), [], []
    for part in doc.parts:
        role = settings.roles.get(part.slug, "chapter")
        target = front if role in FRONT_ROLES else back if role in BACK_ROLES else body
        target += part_div(doc, part, role, shared)
    out = ["<text>", "<front>", *front, "</front>", "<body>", *body, "</body>"]
    if back:
        out += ["<back>", *back, "</back>"]
    return [*out, "</text>"]


# ---- the header ----------------------------------------------------------------------------


def steps_by_pass() -> dict[str, str]:
    """Each pass's step in the About page's words (pipeline.PASSES), Markdown."""
    return {step.name: step.step for step in PASSES if step.step}


def editorial_decl(doc: Document) -> list[str]:
    """What the edition did, in the About page's words (its steps and principles)."""
    steps = steps_by_pass()
    placed = {name for _part, names in EDITORIAL_PARTS for name in names}
    missing = sorted(set(steps) - placed)
    if missing:
        raise ValueError(f"tei.EDITORIAL_PARTS does not place the steps of: {', '.join(missing)}")
    said = {
        part: [
            f"<p>The preprocessing program {emphasis(steps[name])}.</p>" for name in names if name in steps
        ]
        for part, names in EDITORIAL_PARTS
    }
    said["correction"] = [
        f"<p>{emphasis(PRINCIPLE)} {emphasis(KEPT_AS_PRINTED)}</p>",
        *said["correction"],
        f"<p>{emphasis(changes_on_record(doc))}</p>",
        "<p>Each change is a choice with the id of its entry on the Emendations page: sic and "
        "corr where an OCR error is undone; its corr names the rule or reviewed correction "
        "(@ana, a category of the taxonomy below) and who made it (@resp: the program’s rule, "
        "or the editor’s reviewed correction). A removal has an empty corr; a paragraph break "
        "the editor made stands at the start of the new paragraph, its sic the scan’s lines "
        "(lb where a line ended).</p>",
    ]
    said["normalization"] = [
        "<p>Nothing of the book is normalized: its spelling, hyphenation and punctuation are "
        "kept. Where the edition puts back the print’s own form of what the scan shows (its "
        "typography, a word the print broke at a line end, a printer’s mark below the text), "
        "the change is a choice of orig and reg, not sic and corr.</p>"
    ]
    out = ["<editorialDecl>"]
    for part in ("correction", "normalization", "quotation", "hyphenation", "segmentation", "interpretation"):
        method = ' method="markup"' if part in ("correction", "normalization") else ""
        out += [f"<{part}{method}>", *said[part], f"</{part}>"]
    return [*out, "</editorialDecl>"]


def header(doc: Document) -> list[str]:
    book = doc.book
    colophon = book.colophon
    name = book.metadata.edition_name
    version, date = (colophon.version, colophon.date) if colophon else ("", "")
    when = f' when="{attribute(date)}"' if iso_date(date) else ""
    pages = sorted({line.page for line in doc.lines if line.page_start})
    out = [
        "<teiHeader>",
        "<fileDesc>",
        "<titleStmt>",
        f'<title type="main">{escape(book.title)}</title>',
        f"<author>{escape(book.author)}</author>",
        "<respStmt><resp>reviewed corrections and remarks, proofread against the print</resp>"
        '<name xml:id="editor">the editor of this edition</name></respStmt>',
        "<respStmt><resp>the named rules and the text’s structure</resp>"
        '<name xml:id="pipeline">the preprocessing program of this edition</name></respStmt>',
        "</titleStmt>",
        *edition_stmt(name, version, date),
        f'<extent><measure unit="page" quantity="{len(pages)}">{len(pages)} printed pages, '
        f"{pages[0]}–{pages[-1]}</measure></extent>",
        "<publicationStmt>",
        f"<authority>{escape(sentence(name))}</authority>",
        '<availability status="free">',
    ]
    if colophon:
        out += [
            f"<licence>{escape(colophon.edition_rights)}</licence>",
            f"<p>{escape(colophon.text_rights)}</p>",
        ]
    else:
        out.append("<p>No statement of rights is given.</p>")
    out += ["</availability>", f"<date{when}>{escape(date)}</date>" if date else "", "</publicationStmt>"]
    out += source_desc(doc, pages)
    out += ["</fileDesc>", "<encodingDesc>"]
    if colophon:
        out.append(f"<projectDesc><p>{escape(colophon.made)}</p></projectDesc>")
    out += [*editorial_decl(doc), "<classDecl>", *taxonomy(doc), "</classDecl>", "</encodingDesc>"]
    language = book.language
    out += [
        "<profileDesc>",
        f'<langUsage><language ident="{attribute(language)}"/></langUsage>',
        "</profileDesc>",
    ]
    if version:
        out += [
            "<revisionDesc>",
            f'<change{when} n="{attribute(version)}">Version {escape(version)} of the edition.</change>',
            "</revisionDesc>",
        ]
    return [line for line in [*out, "</teiHeader>"] if line]


def edition_stmt(name: str, version: str, date: str) -> list[str]:
    """The edition's name, with its version and date when book.yml's colophon gives them."""
    if not version:
        return ["<editionStmt>", f"<edition>{escape(sentence(name))}</edition>", "</editionStmt>"]
    when = f' when="{attribute(date)}"' if iso_date(date) else ""
    return [
        "<editionStmt>",
        f'<edition n="{attribute(version)}">{escape(sentence(name))}, version {escape(version)}, '
        f"<date{when}>{escape(date)}</date></edition>",
        "</editionStmt>",
    ]


def printed_book(doc: Document, pages: list[int]) -> list[str]:
    """The printed book as a catalogue record (book.yml `catalogue`, else its imprint line)."""
    book, catalogue = doc.book, doc.book.catalogue
    meta = book.metadata
    out = [f"<author>{escape(book.author)}</author>", f'<title level="m">{escape(book.title)}</title>']
    translation = meta.translation
    if catalogue.translated_from:
        translation = f"{translation or 'Translation'}, from {catalogue.translated_from}"
    if translation:
        out.append(f"<edition>{escape(sentence(translation))}</edition>")
    if catalogue.translator:
        out.append(f'<editor role="translator">{escape(catalogue.translator)}</editor>')
    elif catalogue.translated_from:  # a translation whose translator the book does not name
        out.append('<note type="translator">The book names no translator.</note>')
    if catalogue.place:
        out.append(f"<pubPlace>{escape(catalogue.place)}</pubPlace>")
    publisher = catalogue.publisher or meta.publisher
    if publisher:
        out.append(f"<publisher>{escape(publisher)}</publisher>")
    if catalogue.year is not None:
        out.append(f'<date when="{catalogue.year}">{catalogue.year}</date>')
    elif catalogue.not_before is not None:
        out.append(f'<date notBefore="{catalogue.not_before}">{escape(catalogue.year_text)}</date>')
    out.append(f"<extent>printed pages {pages[0]}–{pages[-1]}</extent>")
    return out


def source_desc(doc: Document, pages: list[int]) -> list[str]:
    return [
        "<sourceDesc>",
        f'<bibl type="printed">{" ".join(printed_book(doc, pages))}</bibl>',
        '<bibl type="ocr"><title>An uncorrected OCR text of the printed book</title> '
        f'<idno type="file">source/{escape(doc.book.source)}</idno> '
        f"<extent>{len(doc.lines)} lines</extent> "
        "<note>Kept unchanged beside the program that cleans it; the raw line of every change "
        "is given on the Emendations page.</note></bibl>",
        "</sourceDesc>",
    ]


def render_tei(doc: Document, settings: Settings) -> str:
    """The whole edition as one TEI P5 document."""
    language = attribute(doc.book.language)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml-model href="http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" '
        'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>',
        f'<TEI xmlns="{NAMESPACE}" xml:lang="{language}">',
        *header(doc),
        *text_element(doc, settings),
        "</TEI>",
    ]
    return "\n".join(lines) + "\n"
