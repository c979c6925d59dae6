"""The escaping boundary: every value from source/ reaches an output through one of these.

Each output has its own rule; a renderer says which output it writes by the function it calls:

- HTML or XHTML text (`html_text`) and attribute values (`html_attribute`): the EPUB's
  documents and package (XML: the same five characters), the PDF's HTML, the whole-book page.
- JSON inside an HTML attribute (`json_in_html_attribute`): the reading tools' data.
- Front matter for Material's templates (`front_matter_value`): the page's `title` and
  `description`, which Material prints into `<title>`, `<meta content="…">`, the header and the
  navigation *without escaping* (`{{ page.meta.title }}`); so the value given is already HTML
  text with its quotes escaped, safe in text and in a double-quoted attribute alike, and
  written as a JSON string (a YAML double-quoted scalar) so that YAML reads it back exactly.
- Markdown text: `render.escape`, which writes every character Markdown, its extensions or
  HTML could read as markup as a character reference.

A value checked as it was read (fields.py) is escaped all the same: the check is about what a
value may mean, the escaping about where it lands.
"""

from __future__ import annotations

import html
import json


def html_text(text: str) -> str:
    """Text → HTML (or XML) text that shows exactly that text.

    >>> html_text("Marx & “Engels” <1848>")
    'Marx &amp; “Engels” &lt;1848&gt;'
    """
    return html.escape(text, quote=False)


def html_attribute(text: str) -> str:
    """Text → an attribute value, for double or single quotes; runs of white space become one
    space (an attribute is one line).

    >>> html_attribute('en"><link href="file:///etc/hostname')
    'en&quot;&gt;&lt;link href=&quot;file:///etc/hostname'
    """
    return html.escape(" ".join(text.split()), quote=True)


def json_in_html_attribute(json_text: str) -> str:
    """JSON text → the value of a single-quoted HTML attribute: its double quotes stay as they
    are (they read as they are in docs/), `&`, `<`, `>` and `'` become references.

    >>> json_in_html_attribute('{"title":"It\\'s <b>"}')
    '{"title":"It&#39;s &lt;b&gt;"}'
    """
    return html.escape(json_text, quote=False).replace("'", "&#39;")


def front_matter_value(text: str) -> str:
    """Text → a front-matter value that Material's templates may print unescaped: HTML text
    with its quotes escaped, as a JSON string (YAML reads a JSON string as it is).

    >>> print(front_matter_value('X </title><script>alert("11")</script>'))
    "X &lt;/title&gt;&lt;script&gt;alert(&quot;11&quot;)&lt;/script&gt;"
    >>> front_matter_value("From My Memorandum Book")
    '"From My Memorandum Book"'
    """
    return json.dumps(html.escape(text, quote=True), ensure_ascii=False)
