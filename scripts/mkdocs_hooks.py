"""MkDocs hooks (mkdocs.yml `hooks:`): for speed only, never for what the site contains.

Jinja compiles Material's templates to Python on every build, about a fifth of `mkdocs build`
here; a bytecode cache in .cache/jinja keeps the compiled templates between builds (keyed by
each template's name and source, so an edited template is compiled afresh).

To find the theme's static files MkDocs lists every file of the theme's folders and then drops
those under a hidden folder (its patterns `.*`, `*/.*`): Material's 14,000 icons in `.icons/`,
a tenth of the build. The theme's loader here does not walk into hidden folders: the same list
of files, and every template (an icon included) still loads by name.

To check links to anchors MkDocs feeds every page's whole Markdown through Python's HTMLParser
once more, only to collect the ids of its raw HTML: 25 ms for the Emendations page alone (its
3,700 tags), a tenth of the build. `anchor_ids` collects the same ids with one regular
expression; tests/test_hooks.py checks that it finds exactly what MkDocs' parser finds on every
page of docs/ and on the odd cases (comments, scripts, quoting, entities).
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader
from mkdocs.structure import pages

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "jinja"


class ListingSkipsHiddenFolders(FileSystemLoader):
    """Jinja's file loader, except that listing the templates skips hidden folders (.icons/)."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                relative = Path(folder).relative_to(searchpath).as_posix()
                found.update(name if relative == "." else f"{relative}/{name}" for name in names)
        return sorted(found)


# a start tag, its attributes quoted or not; comments, and what scripts and styles hold, are
# skipped as HTMLParser skips them (tags there are not tags)
SKIPPED = re.compile(r"<!--.*?(?:--!?>|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)", re.S | re.I)
START_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
# one attribute after another, as HTMLParser reads them: a quoted value is taken whole, so an
# "id=" inside another attribute's value is no attribute
ATTRIBUTE = re.compile(r"""([^\s/>"'=][^\s/=>]*)(?:\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?""")


def anchor_ids(text: str) -> set[str]:
    """The ids a page's raw HTML gives (any tag's id, an <a>'s name), as MkDocs collects them.

    >>> sorted(anchor_ids('<span class="emended" id="e-161">fact</span> <a name=top></a>'))
    ['e-161', 'top']
    >>> anchor_ids('<!-- <p id="gone"> --> <script>x = "<b id=no>"</script> <p name="kept-not">')
    set()
    """
    found = set()
    for tag, attributes in START_TAG.findall(SKIPPED.sub(_keep_script_tag, text)):
        for name, value in ATTRIBUTE.findall(attributes):
            if name.lower() == "id" or (name.lower() == "name" and tag.lower() == "a"):
                found.add(html.unescape(value[1:-1] if value[:1] in "'\"" else value))
    return found


def _keep_script_tag(match: re.Match[str]) -> str:
    # a script's own start tag may carry an id; what it holds is not HTML
    return START_TAG.match(match.group(0)).group(0) if match.group(1) else ""


def collect_anchor_ids_quickly() -> None:
    """MkDocs' raw-HTML id collector, with `anchor_ids` in place of its second HTMLParser pass;
    left as it is if this MkDocs has no such collector (a later release may not)."""
    collector = getattr(pages, "_RawHTMLPreprocessor", None)
    if collector is None or not hasattr(collector, "run"):
        return

    def run(self: Any, lines: list[str]) -> list[str]:
        self.present_anchor_ids = anchor_ids("\n".join(lines))
        return lines

    collector.run = run


def on_config(config: Any) -> Any:
    collect_anchor_ids_quickly()
    theme = config.theme
    make_env = theme.get_env

    def get_env() -> Environment:
        env = make_env()
        env.loader = ListingSkipsHiddenFolders(theme.dirs)
        return env

    theme.get_env = get_env
    return config


def on_env(env: Environment, config: object, files: object) -> Environment:
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env  # a read-only checkout builds the same, only slower
    env.bytecode_cache = FileSystemBytecodeCache(str(CACHE))
    return env
