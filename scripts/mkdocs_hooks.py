"""MkDocs hooks (mkdocs.yml `hooks:`): for speed only, never for what the site contains.

Jinja compiles Material's templates to Python on every build, about a fifth of `mkdocs build`
here; a bytecode cache in .cache/jinja keeps the compiled templates between builds (keyed by
each template's name and source, so an edited template is compiled afresh).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "jinja"


def on_env(env: Environment, config: object, files: object) -> Environment:
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env  # a read-only checkout builds the same, only slower
    env.bytecode_cache = FileSystemBytecodeCache(str(CACHE))
    return env
