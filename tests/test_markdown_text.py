"""Text that means something to Markdown or HTML always comes out as text (property-based)."""

from html.parser import HTMLParser

import markdown
import yaml
from conftest import ROOT
from edition.model import Block, Document, PageMark
from edition.render import paragraph_markdown
from hypothesis import given, settings
from hypothesis import strategies as st

SPECIAL = list("*_[]<>&#`|{}\\~^=:!-+.()'\"“”‘’—") + ["1. ", "- ", "+ ", "# ", "> ", "    ", "\t"]
TEXT = st.lists(
    st.one_of(st.sampled_from(SPECIAL), st.text(alphabet="abcXYZ 0123456789", min_size=1, max_size=6)),
    min_size=1,
    max_size=30,
).map("".join)


def site_markdown() -> markdown.Markdown:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        extensions.append(name)
        configs[name] = options
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


class Paragraph(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.tags = "", []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


def normal(text: str) -> str:
    """What a paragraph can hold: one line, no edge spaces (the pipeline guarantees it)."""
    return " ".join(text.replace("\t", " ").split())


@settings(max_examples=1000, deadline=None)
@given(TEXT, st.lists(st.integers(min_value=0, max_value=200), max_size=3))
def test_any_text_renders_as_itself(raw, page_offsets):
    text = normal(raw)
    if not text:
        return
    marks = [PageMark(min(offset, len(text)), 10 + i) for i, offset in enumerate(sorted(page_offsets))]
    block = Block("paragraph", [], text=text, page_marks=marks, anchor="p-1-1")
    source = "\n".join(paragraph_markdown(Document(None, []), block, "notes"))
    parser = Paragraph()
    parser.feed(site_markdown().convert(source))
    assert parser.text == text
    assert parser.tags.count("p") == 1 and set(parser.tags) <= {"p", "a"}
