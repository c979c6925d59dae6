"""YAML data files with line numbers, so that every complaint about them can name its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError


class LineDict(dict):
    """A mapping from a YAML file that remembers the line it starts on."""

    line: int = 0


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader (libyaml's, when PyYAML has it), building mappings that know their line."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise SourceError(
                Path(node.start_mark.name), key_node.start_mark.line + 1, f"duplicate key {key!r}"
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SourceError(path, 0, f"cannot be read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise SourceError(path, 0, "not UTF-8") from None
    try:
        loader = _LineLoader(text)
        loader.name = str(path)
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        context = ""
        if error.context and error.context_mark and error.problem_mark:
            context = f" ({error.context} at line {error.context_mark.line + 1})"
        raise SourceError(path, line, f"invalid YAML: {error.problem or error.context}{context}") from None


def line_of(value: Any, default: int = 0) -> int:
    return getattr(value, "line", default)
