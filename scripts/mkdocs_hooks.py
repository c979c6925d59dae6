"""MkDocs hooks (mkdocs.yml `hooks:`): for speed only, never for what the site contains.

Jinja compiles Material's templates to Python on every build, about a fifth of `mkdocs build`
here; a bytecode cache in .cache/jinja keeps the compiled templates between builds (keyed by
each template's name and source, so an edited template is compiled afresh).

To find the theme's static files MkDocs lists every file of the theme's folders and then drops
those under a hidden folder (its patterns `.*`, `*/.*`): Material's 14,000 icons in `.icons/`,
a tenth of the build. The theme's loader here does not walk into hidden folders: the same list
of files, and every template (an icon included) still loads by name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader

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


def on_config(config: Any) -> Any:
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
