"""Hostile data, safe output: what a data file holds never becomes markup, never reaches outside
the build, never stops it; and a stop never leaves half a site.

Every string field of every YAML file of source/ (the first entry of a list of entries, the
first two parts of book.yml, the first item of a list of words) gets each of HOSTILE in turn.
A value is either refused, with `file:line: problem` naming that field's line, or built; the
built ones are rendered in this process (the Markdown and the site by MkDocs, the EPUB, the
plain text, the TEI; the PDF for the value that names a file), parsed, and each value found only as
text: never an element, never an attribute of its own, never a script. To keep this
affordable, the fields of book.yml, scan.yml and downloads.yml are first checked by their own
loaders one by one; the fields that pass, and those of the lists of entries, then go into one
build per value all at once, and a refusal there is tied back to its field by its file and line.
"""

from __future__ import annotations

import functools
import html.parser
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from conftest import ROOT, SOURCE
from edition.book import load_book
from edition.errors import SourceError
from edition.outputs import epub, pdf, tei, text
from edition.outputs.markdown.docs import generate
from edition.outputs.settings import load_settings, source_date
from edition.pipeline import Sources, build

# each carries a token ("pwnN") that must only ever be found in text, or in an attribute that
# holds the whole value
HOSTILE = {
    "markup": '</title><script>pwn1()</script><i class="pwn1">',
    "quotes": "He said \"pwn2\" & 'left'",
    "template": "{{ pwn3 }}{% raw %}pwn3",
    "control": "bell\x07pwn4",
    "file": '"><link rel="attachment" href="file:///etc/hostname" title="pwn5">',
    "bidi": "\u202epwn6\u202c \u200fpwn6",
}
TOKEN = re.compile(r"pwn\d")
DOUBLY_ESCAPED = re.compile(r"&(?:amp|lt|gt|quot|#\d+|#x[0-9a-f]+);", re.IGNORECASE)
FILES = [
    "book.yml",
    "scan.yml",
    "downloads.yml",
    "corrections.yml",
    "remarks.yml",
    "accepted.yml",
    "names.yml",
]
LOADED_ALONE = {"book.yml", "scan.yml", "downloads.yml"}  # checked by their loaders, one field at a time
FONTS_CSS = ROOT / "overrides" / "assets" / "stylesheets" / "fonts.css"


@dataclass(frozen=True)
class Field:
    file: str
    path: tuple

    def __str__(self) -> str:
        return self.file + ":" + ".".join(map(str, self.path))


def string_leaves(data: object, path: tuple = (), depth: int = 0):
    """Paths to the strings of a YAML file: every key's, the first entry of a list of entries,
    the first two parts, the first item of a list of words."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from string_leaves(value, (*path, key), depth + 1)
    elif isinstance(data, list):
        keep = 2 if path == ("parts",) else 1
        for index, value in enumerate(data[:keep]):
            yield from string_leaves(value, (*path, index), depth + 1)
    elif isinstance(data, str):
        yield path


@functools.cache
def plain_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def plain(path: Path) -> object:
    return yaml.load(plain_text(path), Loader=yaml.CSafeLoader)


def all_fields() -> list[Field]:
    return [Field(name, path) for name in FILES for path in string_leaves(plain(SOURCE / name))]


def write_with(source: Path, values: dict[Field, str]) -> None:
    """source/ with each field set to its value (each file touched dumped anew, comments gone)."""
    for name in {field.file for field in values}:
        data = plain(SOURCE / name)
        for field, value in values.items():
            if field.file == name:
                container = data
                for key in field.path[:-1]:
                    container = container[key]
                container[field.path[-1]] = value
        dumped = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=10**6)
        (source / name).write_text(dumped, encoding="utf-8")


def field_lines(source: Path, field: Field) -> list[int]:
    """The lines of the containers `field` is in, outermost first, and last its own line (from
    the file's nodes: the file may hold what its loader refuses)."""
    node = yaml.compose((source / field.file).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    lines = [node.start_mark.line + 1]
    for key in field.path:
        if isinstance(node, yaml.MappingNode):
            key_node, node = next((k, v) for k, v in node.value if k.value == str(key))
            lines.append(key_node.start_mark.line + 1)
        else:
            node = node.value[key]
            lines.append(node.start_mark.line + 1)
    return lines


def named_fields(error: SourceError, fields: dict[Field, str], source: Path) -> list[Field]:
    """The fields a complaint names: by its file and line, or (a complaint about the OCR text
    that a field's value is not found in) by the "(book.yml line N)" it cites; the field on
    that very line if there is one, else those inside the container starting there."""
    places = [(error.path.name, error.line)]
    places += [(name, int(line)) for name, line in re.findall(r"\((\w+\.yml) line (\d+)\)", error.message)]
    for name, line in places:
        own = [field for field in fields if field.file == name and field_lines(source, field)[-1] == line]
        inside = [field for field in fields if field.file == name and line in field_lines(source, field)]
        if own or inside:
            return own or inside
    return []


def changes_the_rules(field: Field) -> bool:
    """A scan.yml value (not its why): what a rule looks for, so that any refusal it causes may
    name whatever line the rule then trips over."""
    return field.file == "scan.yml" and field.path[-1] != "why"


def refusal(values: dict[Field, str], tmp: Path) -> SourceError | None:
    source = fresh_source(tmp)
    write_with(source, values)
    try:
        load_settings(source / "downloads.yml", build(Sources(source)))
    except SourceError as error:
        return error
    return None


def culprit(values: dict[Field, str], tmp: Path) -> Field:
    """The one field whose value alone is refused, found by halving the fields."""
    candidates = list(values)
    while len(candidates) > 1:
        half = candidates[: len(candidates) // 2]
        refused = refusal({field: values[field] for field in half}, tmp)
        candidates = half if refused else candidates[len(candidates) // 2 :]
    assert refusal({candidates[0]: values[candidates[0]]}, tmp), "refused only in combination"
    return candidates[0]


def fresh_source(tmp: Path) -> Path:
    folder = tmp / "source"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(SOURCE, folder)
    return folder


def refused_alone(source: Path, field: Field, real_doc) -> SourceError | None:
    """book.yml, scan.yml or downloads.yml read by their own loaders (what each field is checked by)."""
    try:
        if field.file == "downloads.yml":
            load_settings(source / "downloads.yml", real_doc)
        else:
            load_book(source / "book.yml")
    except SourceError as error:
        return error
    return None


# ---- parsing the outputs -------------------------------------------------------------------


class Markup(html.parser.HTMLParser):
    """Elements, attributes and script text of an HTML page, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.scripts: list[str] = []
        self.json_scripts: list[str] = []  # <script type="application/ld+json">: data, not code
        self.text: list[str] = []
        self.title: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        json_data = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        self._in.append("json-script" if json_data else tag)

    def handle_endtag(self, tag):
        if tag == "script" and self._in and self._in[-1] == "json-script":
            tag = "json-script"
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data):
        where = self._in[-1] if self._in else ""
        if where == "json-script":
            self.json_scripts.append(data)
            return
        (self.scripts if where in ("script", "style") else self.text).append(data)
        if where == "title":
            self.title.append(data)


def injected(attributes, scripts, value: str) -> list[str]:
    """What of `value` became markup: an attribute named by a token, an attribute whose value
    holds a token but not the whole value (a piece cut loose), a script holding a token."""
    whole = " ".join(value.split())
    found = [
        f"<{tag} {name}=…>" for tag, name, _ in attributes if TOKEN.search(name) or '"' in name or "'" in name
    ]
    # a piece of the value, not the whole, is what markup in it makes of it: `class="pwn1"`
    # (a value made from it, as a file name's "title-script-pwn1", is no piece of it)
    found += [
        f"<{tag} {name}={attribute!r}>"
        for tag, name, attribute in attributes
        if TOKEN.search(attribute)
        and " ".join(attribute.split()) in whole
        and " ".join(attribute.split()) != whole
    ]
    found += [f"script {script[:60]!r}" for script in scripts if TOKEN.search(script)]
    return found


def json_strings(value: object) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in json_strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in json_strings(item)]
    return [value] if isinstance(value, str) else []


def check_html(page: str, value: str, where: str) -> Markup:
    parsed = Markup()
    parsed.feed(page)
    parsed.close()
    assert injected(parsed.attributes, parsed.scripts, value) == [], where
    for script in parsed.json_scripts:  # JSON-LD: JSON that parses, the value a whole string in it
        assert not re.search("[<>&]", script), where  # a serialiser that escapes them wrote it
        pieces = [text for text in json_strings(json.loads(script)) if TOKEN.search(text)]
        assert all(" ".join(text.split()) == " ".join(value.split()) for text in pieces), where
    for _tag, name, attribute in parsed.attributes:  # the reading tools' data: JSON that parses
        if name == "data-tools":
            json.loads(attribute)
        # escaped twice, a label reads "&amp;" or "&#34;" aloud (Material's footer did)
        assert not (TOKEN.search(attribute) and DOUBLY_ESCAPED.search(attribute)), (where, name, attribute)
    return parsed


def check_xml(document: bytes, value: str, where: str) -> str:
    root = ElementTree.fromstring(document)  # well-formed, or this raises
    attributes = [
        (element.tag, name, attribute)
        for element in root.iter()
        for name, attribute in element.attrib.items()
    ]
    scripts = [
        element.text or "" for element in root.iter() if str(element.tag).endswith(("script", "style"))
    ]
    assert injected(attributes, scripts, value) == [], where
    return "".join(root.itertext())


# ---- the test ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project to build sites in: the repository's files, docs/ of its own."""
    folder = tmp_path_factory.mktemp("hostile") / "project"
    folder.mkdir()
    for name in ("overrides", "scripts"):
        (folder / name).symlink_to(ROOT / name)
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def test_every_field_refuses_or_escapes_every_hostile_value(doc, project, tmp_path):
    from build_site import build_site

    fields = all_fields()
    assert {field.file for field in fields} == set(FILES) and len(fields) > 40
    outcome: dict[tuple[Field, str], str] = {}
    opened: list[str] = []
    sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" and AUDIT else None)
    for label, value in HOSTILE.items():
        source = fresh_source(tmp_path)
        accepted = {}
        for field in fields:
            if field.file in LOADED_ALONE:
                write_with(source, {field: value})
                error = refused_alone(source, field, doc)
                shutil.copy2(SOURCE / field.file, source / field.file)
                if error is None and changes_the_rules(field):  # built alone: its effect is its own
                    error = refusal({field: value}, tmp_path)
                    if error is None:
                        outcome[field, label] = "built (alone)"
                        continue
                if error is not None:
                    assert error.path.name.endswith((".yml", ".txt")) and error.line, (
                        field,
                        label,
                        str(error),
                    )
                    outcome[field, label] = f"refused: {error}"
                    continue
            accepted[field] = value
        # the rest all at once; a refusal names its file and line, which name its field
        while True:
            source = fresh_source(tmp_path)
            write_with(source, accepted)
            try:
                built = build(Sources(source))
                settings = load_settings(source / "downloads.yml", built)
                break
            except SourceError as error:
                assert error.line, f"{label}: {error} names no line"
                # a value that changes what a rule does (scan.yml's) may be refused at the line
                # of the entry it now conflicts with: that field is found by halving
                named = named_fields(error, accepted, source) or list(accepted)
                if len(named) > 1:  # an entry's line, naming all its fields: which one, alone?
                    named = [culprit({field: accepted[field] for field in named}, tmp_path)]
                for field in named:
                    outcome[field, label] = f"refused: {error}"
                    del accepted[field]
        for field in accepted:
            outcome[field, label] = "built"
        AUDIT[:] = [True]
        try:
            render_and_check(built, settings, source, project, value, label, build_site)
        finally:
            AUDIT.clear()
    outside = sorted({path for path in opened if not inside_the_build(path, tmp_path)})
    assert "/etc/hostname" not in opened and outside == []
    report(outcome)


AUDIT: list[bool] = []


def inside_the_build(path: str, tmp_path: Path) -> bool:
    """The files a build may read: the project's, the test's copies, Python's and its packages',
    the fonts; and /etc/mime.types, which Python's mimetypes reads for MkDocs (no data names it)."""
    if not path.startswith("/"):
        return True  # relative to the project (MkDocs' theme files) or a descriptor
    allowed = [
        str(ROOT), str(tmp_path), str(Path(sys.prefix).resolve()), sys.base_prefix, tempfile_dir(),
        "/usr/share/fonts", "/usr/share/zoneinfo", "/dev/null", "/etc/mime.types",
    ]  # fmt: skip
    return any(os.path.realpath(path).startswith(prefix) or path.startswith(prefix) for prefix in allowed)


def tempfile_dir() -> str:
    import tempfile

    return tempfile.gettempdir()


def render_and_check(doc, settings, source: Path, project: Path, value: str, label: str, build_site) -> None:
    """The site, the EPUB, the text (and for the value naming a file, the PDF), each parsed."""
    docs = project / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir()
    for name, content in generate(doc).items():
        (docs / name).write_text(content, encoding="utf-8")
    site = project / f"site-{label}"
    # the site's own settings (name, description, copyright, nav) are read from source/book.yml
    link = project / "source"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(source, target_is_directory=True)
    build_site(project, site)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 10
    seen_as_text = False
    for page in pages:
        parsed = check_html(page.read_text(encoding="utf-8"), value, f"{label}: {page.relative_to(site)}")
        seen_as_text |= " ".join(value.split()) in " ".join("".join(parsed.text).split())
    modified = source_date(source)
    with zipfile.ZipFile(io.BytesIO(epub.render_epub(doc, settings, modified))) as archive:
        for name in archive.namelist():
            if name.endswith((".xhtml", ".opf", ".xml")):
                texts = check_xml(archive.read(name), value, f"{label}: EPUB {name}")
                seen_as_text |= value in texts
    texts = check_xml(tei.render_tei(doc, settings).encode("utf-8"), value, f"{label}: TEI")
    seen_as_text |= " ".join(value.split()) in " ".join(texts.split())
    text.render_text(doc)
    if label == "file":  # the PDF: the value as text, no attachment, nothing fetched from outside
        out = project / "hostile.pdf"
        out.write_bytes(pdf.render_pdf(doc, modified, settings.identifier, FONTS_CSS))
        words = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, check=True)
        assert "pwn5" in words.stdout.decode("utf-8")
        attached = subprocess.run(
            ["pdfdetach", "-list", str(out)], capture_output=True, text=True, check=True
        )
        assert attached.stdout.strip() == "0 embedded files", attached.stdout
    if doc.book.title == value or any(part.title == value for part in doc.parts):
        assert seen_as_text, f"{label}: a title that was built is nowhere to be read"


def report(outcome: dict) -> None:
    """What became of each field (pytest -s shows it; the issue's closing note lists it)."""
    by_field: dict[str, list[str]] = {}
    for (field, label), result in outcome.items():
        by_field.setdefault(str(field), []).append(f"{label}={result.split(':')[0]}")
    for field, results in sorted(by_field.items()):
        print(f"{field}: {', '.join(results)}")


# ---- bounded inputs ------------------------------------------------------------------------

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9 if previous else ['lol'] * 9)}]\n"
    for previous, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)
BOUND = 60  # seconds: far above what either takes (well under a second), far below a hang


def build_in_a_process(source: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Build the model from `source` in a process of its own, with 1 GB of memory at most and
    BOUND seconds: a hang or a blow-up fails the test instead of stopping the suite."""
    code = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from pathlib import Path\nfrom edition.errors import SourceError\n"
        "from edition.pipeline import Sources, build\n"
        "try:\n    build(Sources(Path(sys.argv[1])))\n"
        "except SourceError as error:\n    print(error)\n    sys.exit(2)\n"
    )
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", code, str(source)],
        cwd=ROOT / "scripts",
        capture_output=True,
        text=True,
        timeout=BOUND,
    )
    return result, time.monotonic() - start


@pytest.mark.parametrize("name", ["book.yml", "remarks.yml", "scan.yml"])
def test_an_alias_bomb_is_refused_at_its_line_at_once(source_copy, name):
    (source_copy / name).write_text(BOMB, encoding="utf-8")
    result, seconds = build_in_a_process(source_copy)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr[-2000:]
    refused = "YAML aliases are refused (the value anchored here is used again by a *name): write it out"
    assert result.stdout == f"{name}:1: {refused}\n"
    print(f"alias bomb in {name}: refused in {seconds:.2f} s")


def test_a_backtracking_pattern_cannot_stall_the_build(source_copy):
    scan = source_copy / "scan.yml"
    text = scan.read_text(encoding="utf-8")
    pattern = "value: '^\\s*\\d{1,2}\\*?\\s*[—-]\\s*\\d{2,4}(\\s+\\d{1,3})?\\s*$'"
    assert pattern in text
    scan.write_text(text.replace(pattern, "value: '^(\\w+\\s?)+\\d$'"), encoding="utf-8")
    result, seconds = build_in_a_process(source_copy)  # Python's re: over five minutes
    # the pattern is taken (RE2 matches it in linear time); the printer's signatures it no
    # longer recognises are then found in the text, where the layout checks refuse them
    assert result.returncode in (0, 2) and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 0 or re.match(r"[\w.-]+:\d+: ", result.stdout), result.stdout
    print(f"backtracking pattern: done in {seconds:.2f} s")
    scan.write_text(text.replace(pattern, "value: '(\\w)\\1'"), encoding="utf-8")
    result, _ = build_in_a_process(source_copy)  # a backreference: RE2 has none
    assert result.returncode == 2 and result.stdout.startswith("scan.yml:14: 'signature_mark': "), (
        result.stdout
    )


def test_an_input_past_the_size_limit_is_refused_by_name(source_copy):
    from edition.source import MAX_DATA_BYTES

    (source_copy / "remarks.yml").write_text("#" * (MAX_DATA_BYTES + 1), encoding="utf-8")
    result, _ = build_in_a_process(source_copy)
    assert result.returncode == 2
    assert (
        result.stdout
        == f"remarks.yml: larger than {MAX_DATA_BYTES:,} bytes, the most an input file of its kind may be\n"
    )


# ---- whole builds --------------------------------------------------------------------------


def test_stopping_the_post_build_steps_midway_leaves_the_previous_site_whole(site, tmp_path):
    previous = tmp_path / "site"
    shutil.copytree(site, previous)
    before = {p.relative_to(previous).as_posix(): p.read_bytes() for p in previous.rglob("*") if p.is_file()}
    steps = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "postbuild.py"), str(previous)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    for line in steps.stdout:  # midway: the search index remade, the downloads begun
        if line.startswith("postbuild: search index in"):
            break
    steps.send_signal(signal.SIGTERM)
    assert steps.wait(timeout=60) == 130
    assert "is as it was" in steps.stderr.read()
    after = {p.relative_to(previous).as_posix(): p.read_bytes() for p in previous.rglob("*") if p.is_file()}
    assert after == before  # every file as it was, the download sizes filled in included
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no half-made copy left beside it
