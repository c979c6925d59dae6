"""The two marks the edition sets into the book's text, decided once for every page of the
site: a printed page's anchor and a note's marker. The parts write them as Markdown links
with an attribute list (markdown/part.py), the whole-book page as HTML (markdown/book_page.py); both
forms come from the one `Mark`, so that reading.js and the CSS find the same markup on both.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..anchors import page_anchor as page_id
from ..model import Note

# a value attr_list reads without quotes
BARE = re.compile(r"[\w.-]+")


@dataclass(frozen=True)
class Mark:
    """A link set into the text: its text (already escaped), target, id, classes and the
    other attributes, in order."""

    text: str
    href: str
    ident: str
    classes: tuple[str, ...]
    attributes: tuple[tuple[str, str], ...]

    def markdown(self) -> str:
        """As a Markdown link with an attribute list.

        >>> page_mark(37).markdown()
        '[](#page-37){#page-37 .pagenum data-page=37 aria-hidden=true tabindex=-1}'
        """
        pairs = " ".join(f"{key}={_attr_list_value(value)}" for key, value in self.attributes)
        classes = " ".join(f".{name}" for name in self.classes)
        return f"[{self.text}]({self.href}){{#{self.ident} {classes} {pairs}}}"

    def html(self) -> str:
        """As an HTML element, for raw HTML where Markdown is not read.

        >>> page_mark(37).html()
        '<a id="page-37" class="pagenum" href="#page-37" data-page="37" aria-hidden="true" tabindex="-1"></a>'
        """
        pairs = "".join(f' {key}="{html.escape(value, quote=True)}"' for key, value in self.attributes)
        classes = " ".join(self.classes)
        return f'<a id="{self.ident}" class="{classes}" href="{self.href}"{pairs}>{self.text}</a>'


def _attr_list_value(value: str) -> str:
    return value if BARE.fullmatch(value) else '"' + value.replace('"', "&quot;") + '"'


def page_mark(page: int) -> Mark:
    """A printed page's anchor: a link to itself whose number CSS draws in the margin. It has
    no text (nothing to copy or index) and is hidden from screen readers, so the prose they
    read runs on unbroken; keyboard users reach pages through the concordance on About. No
    title: a tooltip would cover the text where a deep link (#page-37) lands."""
    anchor = page_id(page)
    attributes = (("data-page", str(page)), ("aria-hidden", "true"), ("tabindex", "-1"))
    return Mark("", f"#{anchor}", anchor, ("pagenum",), attributes)


def note_mark(note: Note, text: str, href: str) -> Mark:
    """A note's marker: the book's number (or asterisk; `text`, escaped for its form) as a
    link to the note at `href`. No title: the note's text shows in place (reading.js), from
    the `div[data-note=N]` of the same page (a part's own copy of its notes, or the whole-book
    page's Notes); a page-foot note is found by the link's target."""
    if note.kind == "page-foot":
        label = f"Editor’s note, page {note.marker_page}"
        return Mark(text, href, note.ref_anchor, ("note-ref",), (("aria-label", label),))
    attributes = (("aria-label", f"Note {note.number}"), ("data-note", note.number))
    return Mark(text, href, note.ref_anchor, ("note-ref",), attributes)
