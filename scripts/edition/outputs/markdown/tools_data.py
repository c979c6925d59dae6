"""The facts the reading tools need, written into each part as JSON (tools.js reads it).

"Cite this" takes the book's facts from here (book.yml's catalogue, by citation.book_facts;
never hard-coded in JavaScript);
"Go to page" takes the printed pages each part holds; both from the document model.
"""

from __future__ import annotations

import json

from ...citation import book_facts
from ...escape import json_in_html_attribute
from ...model import Document, Part


def page_ranges(pages: list[int]) -> list[list[int]]:
    """Sorted page numbers as [first, last] runs.

    >>> page_ranges([6, 7, 8, 11, 12, 20])
    [[6, 8], [11, 12], [20, 20]]
    """
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][1] + 1:
            runs[-1][1] = page
        else:
            runs.append([page, page])
    return runs


def tools_data(doc: Document, part: Part) -> dict:
    """What tools.js needs on this part's page."""
    all_pages = doc.pages
    return {
        # the facts of "Cite", as a cataloguer gives them (citation.book_facts)
        "book": book_facts(doc),
        "part": {"slug": part.slug, "title": part.title, "first_page": part.heading.page},
        "pages": {"first": all_pages[0], "last": all_pages[-1]},
        "parts": [
            {"slug": p.slug, "title": p.title, "pages": page_ranges(doc.part_pages(p.slug))}
            for p in doc.parts
        ],
        # the changes marked in this part: id → [the scan has, the edition prints, by, why]
        "edits": {
            edit.id: [edit.before, edit.after, edit.rule, edit.why]
            for edit in doc.edits
            if edit.span is not None and edit.span.part == part.slug
        },
    }


# what json.dumps(value, ensure_ascii=False, separators=(",", ":")) does, without a new encoder
# for each of the ~720 edits
COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def json_lines(data: dict) -> str:
    """JSON with each top-level key, and each edit, on a line of its own (docs/ keeps short
    lines, so that one changed edit changes one line).

    >>> print(json_lines({"a": [1, 2], "edits": {"e-1": ["x", "y", "r", "why"]}}))
    {"a":[1,2],
    "edits":{
    "e-1":["x","y","r","why"]}}
    """

    def dump(value: object) -> str:
        return COMPACT.encode(value)

    head = [f"{dump(key)}:{dump(value)}" for key, value in data.items() if key != "edits"]
    edits = [f"{dump(key)}:{dump(value)}" for key, value in data.get("edits", {}).items()]
    return "{" + ",\n".join(head) + ',\n"edits":{\n' + ",\n".join(edits) + "}}"


def tools_block(doc: Document, part: Part) -> list[str]:
    """The data as an empty, hidden element's attribute (raw HTML that Markdown leaves alone;
    not a <script>: Material's instant navigation would run it as JavaScript)."""
    # single-quoted, so the JSON's double quotes read as they are
    payload = json_in_html_attribute(json_lines(tools_data(doc, part)))
    return [f"<div id=\"edition-tools\" hidden data-tools='{payload}'></div>", ""]
