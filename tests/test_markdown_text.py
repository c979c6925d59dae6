"""Text that means something to Markdown or HTML always comes out as text (property-based)."""

import functools
from html.parser import HTMLParser

import markdown
from conftest import ROOT, SOURCE, mkdocs_config
from edition.book import load_book
from edition.model import Block, Document, PageMark
from edition.outputs.markdown.part import SPECIAL as REFERENCES
from edition.outputs.markdown.part import escape, escape_line_start, escape_line_starts, paragraph_markdown
from hypothesis import given, settings
from hypothesis import strategies as st

SPECIAL = list("*_[]<>&#`|{}\\~^=:!-+.()'\"“”‘’—") + ["1. ", "- ", "+ ", "# ", "> ", "    ", "\t"]
# sentence ends, after which the Markdown starts a new line: what can follow them there
SPECIAL += [". A", ". 1. ", "! [", "? “", ". (", ". 2) ", ". # ", ". - ", ". = ", ". V. I. L"]
TEXT = st.lists(
    st.one_of(st.sampled_from(SPECIAL), st.text(alphabet="abcXYZ 0123456789", min_size=1, max_size=6)),
    min_size=1,
    max_size=30,
).map("".join)

BOOK = load_book(SOURCE / "book.yml")


def site_markdown() -> markdown.Markdown:
    """The site's Markdown (mkdocs.yml's extensions and their settings), reset for a new text:
    made once, as making it (mkdocs.yml read, every extension set up) took 90 ms, most of the
    time of the 1,300 examples the property tests render."""
    return _site_markdown().reset()


@functools.cache
def _site_markdown() -> markdown.Markdown:
    config = mkdocs_config()
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
    source = "\n".join(paragraph_markdown(Document(BOOK, []), block, "notes"))
    parser = Paragraph()
    parser.feed(site_markdown().convert(source))
    # a sentence a line in the Markdown: a line break where the text has a space, which a
    # browser shows as the space
    assert len(parser.text) == len(text) and parser.text.replace("\n", " ") == text
    assert parser.tags.count("p") == 1 and set(parser.tags) <= {"p", "a"}


def test_a_sentence_a_line(doc):
    """One sentence per line of docs/: a one-word fix changes one line, not a paragraph."""
    markdown_text = (ROOT / "docs" / "recollections.md").read_text(encoding="utf-8")
    assert "\nHe’s Lenin.\nNote his cranium: how stubborn, strong-willed it is.”\n" in markdown_text
    longest = max(len(line) for line in markdown_text.splitlines())
    paragraph = max(len(b.text) for b in doc.part("recollections").blocks)
    assert paragraph > 1500 and longest < 1100  # the longest: a sentence with a note’s title


class Signature(HTMLParser):
    """The text of the page's signature paragraph as the DOM's textContent has it (what
    search indexes and copies see: a <br> adds nothing)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside, self.text = False, ""

    def handle_starttag(self, tag, attrs):
        self.inside = self.inside or (tag == "p" and ("class", "signature") in attrs)

    def handle_endtag(self, tag):
        self.inside = self.inside and tag != "p"

    def handle_data(self, data):
        self.text += data if self.inside else ""


def test_the_preface_signature_keeps_the_space_between_its_lines(doc):
    """Issue 9 §3: "Marxism-Leninismof the C.C." — the two printed lines ran together."""
    from edition.outputs.markdown.docs import generate

    parser = Signature()
    parser.feed(site_markdown().convert(generate(doc)["preface.md"]))
    printed = doc.part("preface").spec.signature  # the two lines, as book.yml gives them
    assert parser.text.split() == " ".join(printed).split()
    assert "Marxism-Leninism of the C.C., C.P.S.U." in " ".join(parser.text.split())


def test_escape_replaces_the_special_characters_and_only_them():
    # render.escape searches for SPECIAL's characters: the same as a look-up of every character
    text = "".join(chr(code) for code in range(0x10000))
    assert escape(text) == "".join(REFERENCES.get(character, character) for character in text)


@given(st.text(alphabet=" \t\r\x0b\x0c\x85\u2028\n-+!1.)a", max_size=40))
@settings(max_examples=500, deadline=None)
def test_the_line_start_prefilter_skips_no_text_with_a_line_to_defuse(text):
    # escape_line_starts returns a text unchanged when one search finds no line start to defuse
    assert escape_line_starts(text) == "\n".join(escape_line_start(line) for line in text.split("\n"))


def test_the_line_start_prefilter_skips_no_sentence_of_the_book_at_a_line_start(doc):
    lines = [line for part in doc.parts for block in part.blocks for line in block.text.split(". ")]
    for text in ["\n".join(lines[start : start + 5]) for start in range(len(lines))]:
        assert escape_line_starts(text) == "\n".join(escape_line_start(line) for line in text.split("\n"))
