"""The editor's changes marked in the reading text: one <span class="emended"> per located edit.

The spans wrap the edition's own words and add no text, so search, copy and find-in-page see
exactly the same text; `tools.js` shows them only when the reader switches "Show the editor's
changes" on. Each span carries only the edit's id (the same as its entry on the Emendations
page), so the Markdown stays readable; what the scan had and why it was changed are in the
part's tools data (tools_data.py), by id. Where the spans go (nested, never across a link) is
decided with the other marks, in ../inline.py.
"""

from __future__ import annotations

import html

from ...model import Edit


def attribute_value(text: str) -> str:
    """Text for a double-quoted HTML attribute in Markdown source: nothing Markdown reads.

    >>> attribute_value('“l*and” `x`')
    '“l&#42;and” &#96;x&#96;'
    """
    return "".join(f"&#{ord(c)};" if c in "*_`[]{}\\|#" else html.escape(c) for c in text)


def opening_tag(edit: Edit, first: bool = True) -> str:
    """The span's opening tag, named by the edit's id; a further run of the same edit's
    changed words names it by `data-edit` (an id stands once in a page).

    >>> opening_tag(Edit("fix-short-misread", 959, 31, "ia", "a", "", id="e-959"))
    '<span class="emended" id="e-959">'
    >>> opening_tag(Edit("corrections.yml", 1173, 88, "<a", "a", "", id="e-1173"), first=False)
    '<span class="emended" data-edit="e-1173">'
    """
    return f'<span class="emended" {"id" if first else "data-edit"}="{edit.id}">'
