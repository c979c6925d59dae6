"""YAML data files with line numbers, so that every complaint about them can name its line.

Mappings and lists from these files remember the line they start on and the line of each of
their items, so that a complaint about a scalar in the wrong place (a string where a mapping
belongs) can still name its line: `line_of(entry)` for a container, `item_line(parent, key)` for
anything inside one. The lists of reviewed entries (corrections, remarks, accepted findings) are
read by one loader, `load_entries`, and tied to the OCR text by one check, `check_raw_line`.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any, Protocol

import yaml

from .errors import SourceError
from .source import MAX_DATA_BYTES, decode_text, line_and_column, read_bounded


class LineDict(dict):
    """A mapping from a YAML file that remembers its line and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list):
    """A list from a YAML file that remembers its line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class RawLine(Protocol):
    raw: str


# what YAML refuses to read (its reader's own test), found here first so that the complaint names
# the line and column: PyYAML's reader reports only an offset, and libyaml's not even that
NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# what no value may hold, however written: YAML's escapes ("\a", "\x1b", "\ud800") make
# characters NOT_PRINTABLE keeps out of the file's text (a control character makes an EPUB
# document ill-formed XML); tabs and line ends are the text's own
CONTROL_IN_VALUE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader (libyaml's, when PyYAML has it), building containers that know their lines."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.seen: set[yaml.Node] = set()  # the nodes constructed so far: one met again is an alias


STR_TAG = "tag:yaml.org,2002:str"


def _construct(loader: _LineLoader, node: yaml.Node) -> Any:
    """A node's value; a plain string scalar directly, anything else by the loader's constructors.

    A node met a second time was reached through an alias (`*name`): refused. The data files
    need none, and nine nested aliases (a "billion laughs") would expand to billions of values
    once anything walks them. The composer shares an aliased node rather than copying it, so
    meeting it again is how an alias shows, at no cost to a file without one.

    >>> loader = _LineLoader("a: [1, b]\\n")
    >>> [_construct(loader, node) for pair in loader.get_single_node().value for node in pair]
    ['a', [1, 'b']]
    """
    if node in loader.seen:
        raise SourceError(
            Path(loader.name), node.start_mark.line + 1,
            "YAML aliases are refused (the value anchored here is used again by a *name): write it out",
        )  # fmt: skip
    loader.seen.add(node)
    # most scalars are strings: taking their value here skips the constructor's bookkeeping
    # (construct_yaml_str returns exactly node.value), a third of the time of reading a file
    if node.tag == STR_TAG and isinstance(node, yaml.ScalarNode):
        if CONTROL_IN_VALUE.search(node.value):
            found = CONTROL_IN_VALUE.search(node.value).group()
            raise SourceError(
                Path(loader.name),
                node.start_mark.line + 1,
                f"control character U+{ord(found):04X} in a value",
            )
        return node.value
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError):  # "!!int x": PyYAML's int() fails unmarked
        line = node.start_mark.line + 1
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise SourceError(Path(loader.name), line, f"invalid YAML: {node.value!r} is no {tag}") from None


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        line = key_node.start_mark.line + 1
        if type(key) is not str and not isinstance(key, Hashable):  # the ABC check is slow; keys are words
            raise SourceError(Path(loader.name), line, f"a key must be a plain word, not {key!r}")
        if key in mapping:
            raise SourceError(Path(loader.name), line, f"duplicate key {key!r}")
        mapping[key] = _construct(loader, value_node)
        mapping.key_lines[key] = line
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList([_construct(loader, child) for child in node.value])
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file (at most MAX_DATA_BYTES, no aliases); errors name the file and line."""
    text = decode_text(read_bounded(path, MAX_DATA_BYTES), path)
    refuse_unprintable(text, path)
    try:
        loader = _LineLoader(text)
        loader.name = str(path)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        context = ""
        if error.context and error.context_mark and error.problem_mark:
            context = f" ({error.context} at line {error.context_mark.line + 1})"
        raise SourceError(path, line, f"invalid YAML: {error.problem or error.context}{context}") from None
    except yaml.YAMLError as error:  # the reader's, without a mark: NOT_PRINTABLE should catch it first
        raise SourceError(path, 1, f"invalid YAML: {error}") from None
    except RecursionError:
        raise SourceError(path, 1, "invalid YAML: nested too deeply (an alias inside itself?)") from None


def refuse_unprintable(text: str, path: Path) -> None:
    """A character YAML refuses (a control character, a lone surrogate) → its line and column.

    >>> refuse_unprintable("a: 1\\nb: \\x1b[0m\\n", Path("book.yml"))
    Traceback (most recent call last):
    ...
    edition.errors.SourceError: book.yml:2: control character U+001B at column 4
    """
    found = NOT_PRINTABLE.search(text)
    if found:
        line, column = line_and_column(text, found.start())
        raise SourceError(path, line, f"control character U+{ord(found.group()):04X} at column {column}")


def line_of(value: Any, default: int = 0) -> int:
    """The line a mapping or list from a YAML file starts on (`default` for anything else)."""
    return getattr(value, "line", default) or default


def item_line(container: Any, key: Any) -> int:
    """The line of `container[key]` (a list index or a mapping key), else the container's line.

    >>> items = _LineLoader("- a\\n- b: 1\\n").get_single_data()
    >>> item_line(items, 1), item_line(items[1], "b"), item_line(items[1], "c")
    (2, 2, 2)
    """
    if isinstance(container, LineList) and isinstance(key, int) and 0 <= key < len(container.item_lines):
        return container.item_lines[key]
    if isinstance(container, LineDict) and isinstance(key, Hashable) and key in container.key_lines:
        return container.key_lines[key]
    return line_of(container, 1)


def load_entries(path: Path, what: str) -> list[LineDict]:
    """A YAML list of reviewed entries, each a mapping with its line: corrections.yml, remarks.yml,
    accepted.yml. A missing or empty file is an empty list."""
    if not path.exists():
        return []
    data = load_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise SourceError(path, line_of(data, 1), f"{path.name} must be a list of {what}")
    for index, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise SourceError(path, item_line(data, index), f"an entry must be a mapping, not {entry!r}")
    return data


def raw_line_fields(path: Path, entry: LineDict, what: str) -> tuple[int, str]:
    """An entry's raw line number and that line's raw text (`line`, `raw`), checked for shape."""
    number, raw = entry.get("line"), entry.get("raw")
    if not isinstance(number, int) or isinstance(number, bool):
        raise SourceError(path, item_line(entry, "line"), f"{what} needs its raw 'line' number")
    if not isinstance(raw, str) or not raw.strip():
        raise SourceError(path, item_line(entry, "raw"), f"{what} needs 'raw', the raw line's text")
    return number, raw


def check_raw_line(
    lines: Sequence[RawLine], path: Path, yaml_line: int, number: int, raw: str, what: str
) -> None:
    """The OCR file's raw line `number` must still be `raw` (spaces at either end aside), or the
    entry at `yaml_line` is stale: the text changed under it since it was reviewed."""
    if not 1 <= number <= len(lines):
        raise SourceError(path, yaml_line, f"no raw line {number}")
    actual = lines[number - 1].raw.strip()
    if actual != raw.strip():
        raise SourceError(
            path, yaml_line, f"stale {what}: raw line {number} is {actual!r}, not {raw.strip()!r}"
        )
