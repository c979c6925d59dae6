#!/usr/bin/env python3
"""After a site build (MkDocs or Zensical): the steps that work on the built site folder.

    python scripts/postbuild.py SITE_DIR

Each step is a function of the site folder, run in the order of STEPS; a step that fails
raises BuildError with a one-line message, and this command prints it and exits 2. The
steps write into a staging folder of their own and move it in whole, so a failure leaves
no half-written file in the site.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from build_downloads import build_downloads
from edition.errors import BuildError
from edition.snapshot import SNAPSHOT
from search_index import SearchIndexError, build_search_index

# Material's own search (lunr, its language files and worker), copied with the theme though the
# edition searches with Pagefind: no page loads them (tests/test_weight.py), 1.2 MB of the site.
UNUSED_THEME_FILES = ["assets/javascripts/lunr", "assets/javascripts/workers"]


def unused_theme_files(site: Path) -> None:
    """Remove the theme's files no page of the edition loads (UNUSED_THEME_FILES)."""
    for name in UNUSED_THEME_FILES:
        shutil.rmtree(site / name, ignore_errors=True)


# the edition's own stylesheets (overrides/): their comments say why a rule is there, for the
# editor; the reader's first view need not fetch them (3.5 KB of 9 KB, gzipped)
OWN_STYLESHEETS = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "stylesheets"
CSS_STRING_OR_COMMENT = re.compile(r"""("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|/\*.*?\*/""", re.S)


def strip_css_comments(css: str) -> str:
    """A stylesheet without its comments; a string that looks like one is kept. A comment
    becomes a space, as CSS reads it (it parts `0/**/auto` into two values).

    >>> strip_css_comments('/* why */p { margin: 0/**/auto; }\\na::after { content: "/* */"; }')
    ' p { margin: 0 auto; }\\na::after { content: "/* */"; }'
    """
    return CSS_STRING_OR_COMMENT.sub(lambda match: match.group(1) or " ", css)


def strip_own_files(sources: Path, built_folder: Path, strip: Callable[[str], str]) -> None:
    """Each file of `sources` (overrides/) that the site holds in `built_folder`, rewritten
    by `strip` (the sources keep their comments)."""
    for source in sorted(sources.iterdir()):
        built = built_folder / source.name
        if source.is_file() and built.exists():  # the steps work on a copy: no half-written file
            built.write_text(strip(built.read_text(encoding="utf-8")), encoding="utf-8")


def stylesheet_comments(site: Path) -> None:
    """The edition's stylesheets in the site without their comments."""
    strip_own_files(OWN_STYLESHEETS, site / "assets" / "stylesheets", strip_css_comments)


# the edition's own scripts (overrides/): as with the stylesheets, their comments are the
# editor's, and their long names too; the reader fetches them minified (Terser, npm: scripts/
# minify_js.cjs). The four every first view fetches: 7.0 KB gzip, 9.4 KB with only their comment
# lines out; search's trigger (edition.js) among them: 0.47 KB, and 0.9 KB so.
OWN_SCRIPTS = OWN_STYLESHEETS.parent / "javascripts"
MINIFY_JS = Path(__file__).resolve().parent / "minify_js.cjs"


def minified_scripts(scripts: list[Path]) -> dict[Path, str]:
    """Each script minified (node, Terser): its path → the text the site serves."""
    if not shutil.which("node") or not (MINIFY_JS.parent.parent / "node_modules" / "terser").is_dir():
        raise BuildError(
            "the scripts step needs node and the npm packages (Debian: apt-get install nodejs "
            "npm; then `make build` installs them from package-lock.json)"
        )
    done = subprocess.run(["node", str(MINIFY_JS), *map(str, scripts)], capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildError(f"{MINIFY_JS.name}: {done.stderr.strip() or 'failed'}")
    return {Path(name): text for name, text in json.loads(done.stdout).items()}


def scripts_minified(site: Path) -> None:
    """The edition's scripts in the site minified, each file replaced whole (the sources in
    overrides/ keep their comments and names)."""
    folder = site / "assets" / "javascripts"
    built = [folder / source.name for source in sorted(OWN_SCRIPTS.glob("*.js"))]
    built = [path for path in built if path.exists()]
    if not built:
        return
    for path, text in minified_scripts(built).items():  # on the steps' copy of the site
        path.write_text(text, encoding="utf-8")


# The theme's stylesheets (Material's, or Zensical's: `main.<hash>.min.css`, `palette.…`) style
# every component the theme has: admonitions, code, tabs, its search, versions … A page of the
# edition uses a fifth of it, and every first view fetched it all before the page could paint
# (22.7 KB gzip of a 76 KB first view). PurgeCSS (scripts/purge_css.cjs) keeps the rules whose
# names are words of some page or some script the site ships, the theme's own included.
PURGE_CSS = Path(__file__).resolve().parent / "purge_css.cjs"
THEME_STYLESHEET = re.compile(r"^(?P<name>[\w-]+)\.[0-9a-f]{8}\.min\.css$")


def theme_stylesheets(site: Path) -> list[Path]:
    """The theme's stylesheets the pages link (`main.<hash>.min.css` …; the edition's own and a
    theme variant no page links are left alone)."""
    home = (site / "index.html").read_text(encoding="utf-8")
    found = (site / "assets" / "stylesheets").rglob("*.min.css")
    return sorted(path for path in found if THEME_STYLESHEET.match(path.name) and path.name in home)


def hashed_name(path: Path, css: str) -> str:
    """A theme stylesheet's name for new content: its own hash names the theme's full file,
    and a host may keep a hashed name's file for good (`main.57a0d79d.min.css` →
    `main.<8 hex digits of the purged text's SHA-256>.min.css`)."""
    match = THEME_STYLESHEET.match(path.name)
    assert match, path
    return f"{match['name']}.{hashlib.sha256(css.encode()).hexdigest()[:8]}.min.css"


def purged_stylesheets(stylesheets: list[Path], content: list[Path]) -> dict[Path, str]:
    """Each stylesheet without the rules none of the `content` files names (node, PurgeCSS)."""
    if not shutil.which("node") or not (PURGE_CSS.parent.parent / "node_modules" / "purgecss").is_dir():
        raise BuildError(
            "the theme stylesheets step needs node and the npm packages (Debian: apt-get install "
            "nodejs npm; then `make build` installs them from package-lock.json)"
        )
    command = ["node", str(PURGE_CSS), *map(str, stylesheets), "--", *map(str, content)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildError(f"{PURGE_CSS.name}: {done.stderr.strip() or 'failed'}")
    return {Path(name): css for name, css in json.loads(done.stdout).items()}


def theme_stylesheet_rules(site: Path) -> None:
    """The theme's stylesheets without the rules no page can use, under new hashed names that
    every page links instead; their source maps (of the full files) go."""
    pages = sorted(site.rglob("*.html"))
    scripts = sorted((site / "assets" / "javascripts").glob("*.js"))
    own = sorted(site / "assets" / "stylesheets" / path.name for path in OWN_STYLESHEETS.glob("*.css"))
    stylesheets = theme_stylesheets(site)
    if not stylesheets:
        return
    renamed = {}
    content = pages + scripts + [path for path in own if path.exists()]
    for path, css in purged_stylesheets(stylesheets, content).items():
        new = path.with_name(hashed_name(path, css))
        new.write_text(css, encoding="utf-8")
        path.unlink()
        path.with_name(f"{path.name}.map").unlink(missing_ok=True)
        renamed[path.relative_to(site).as_posix()] = new.relative_to(site).as_posix()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for old, new in renamed.items():
            html = html.replace(f'{old}"', f'{new}"')
        page.write_text(html, encoding="utf-8")


# The edition's own stylesheets that every page links (mkdocs.yml's extra_css: the faces, the
# typography, the reading aids, the tools), joined in their order into one file that each page
# links in their place: one request before the first paint instead of four, on a phone's slow
# network (Lighthouse's mobile score, medians of 3 at a loaded machine's noise: Recollections
# 83-88 → 91-95, the Book 83-92 → 86-87). The separate files stay in the site (a page cached
# from an earlier build links them).
STYLESHEET_LINK = '{indent}<link rel="stylesheet" href="{prefix}assets/stylesheets/{name}">\n'
OWN_LINK = re.compile(
    STYLESHEET_LINK.format(
        indent=r"(?P<indent>[ \t]*)", prefix=r'(?P<prefix>[^"]*?)', name=r"(?P<name>[\w.-]+\.css)"
    )
    + "?"  # the line's end, if it ends there
)


def own_links(html: str) -> list[re.Match[str]]:
    """The page's links to the edition's own stylesheets (overrides/), in the page's order.

    >>> [m["name"] for m in own_links('<link rel="stylesheet" href="../assets/stylesheets/edition.css">')]
    ['edition.css']
    """
    own = {path.name for path in OWN_STYLESHEETS.glob("*.css")}
    return [match for match in OWN_LINK.finditer(html) if match["name"] in own]


def joined_stylesheet_name(css: str) -> str:
    """The joined file's name, with its text's hash: a host may keep a hashed name for good,
    and a changed stylesheet is a new name (`edition.<8 hex digits of its SHA-256>.css`)."""
    return f"edition.{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"


def own_stylesheets_joined(site: Path) -> None:
    """The edition's stylesheets that the home page links, joined into one file (in the order
    of the links), and every page that links the same ones linking it instead, where the first
    of them stood."""
    names = [match["name"] for match in own_links((site / "index.html").read_text(encoding="utf-8"))]
    if len(names) < 2:
        return
    folder = site / "assets" / "stylesheets"
    css = "\n".join((folder / name).read_text(encoding="utf-8") for name in names)
    joined = joined_stylesheet_name(css)
    (folder / joined).write_text(css, encoding="utf-8")
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        links = own_links(html)
        if [match["name"] for match in links] != names:
            continue
        first = links[0]
        parts, last = [], 0
        for match in links:  # the first link becomes the joined file's, the others go
            kept = STYLESHEET_LINK.format(indent=first["indent"], prefix=first["prefix"], name=joined)
            parts += [html[last : match.start()], kept if match is first else ""]
            last = match.end()
        page.write_text("".join(parts) + html[last:], encoding="utf-8")


def search_index(site: Path) -> None:
    """Pagefind's index of the built site into site/pagefind/ (scripts/search_index.py)."""
    try:
        build_search_index(site)
    except SearchIndexError as error:
        raise BuildError(str(error)) from error


def downloads(site: Path) -> None:
    """EPUB, PDF and plain text into site/downloads (scripts/build_downloads.py), from the copy
    of source/ the pages were made from; that copy is then removed (it is not published)."""
    build_downloads(site)
    shutil.rmtree(site / SNAPSHOT, ignore_errors=True)


# (name, step) in order; each step takes the built site's folder
STEPS: list[tuple[str, Callable[[Path], None]]] = [
    ("unused theme files", unused_theme_files),
    ("stylesheet comments", stylesheet_comments),
    ("scripts minified", scripts_minified),
    ("theme stylesheets", theme_stylesheet_rules),
    ("own stylesheets joined", own_stylesheets_joined),
    ("search index", search_index),
    ("downloads", downloads),
]


# the copy being worked on, and whether it is taking the site's place (what a stop must know)
WORK: dict[str, Path | bool | None] = {"copy": None, "swapping": False, "stopped": False}


def run_steps(site: Path, names: list[str] | None = None) -> None:
    """Run the steps (all, or those named) on a copy of `site`, printing each one's time; the
    copy takes the site's place whole when every step is done. A failure or a stop (SIGTERM,
    Ctrl-C) at any point leaves the site exactly as it was: never new pages with blank
    download sizes, or a search index of other pages."""
    if not (site / "index.html").exists():
        raise BuildError(f"{site}: no built site here (no index.html); build it first")
    work = Path(tempfile.mkdtemp(prefix=f".{site.name}-postbuild-", dir=site.parent))
    WORK["copy"] = work
    try:
        shutil.copytree(site, work, symlinks=True, dirs_exist_ok=True)
        work.chmod(site.stat().st_mode)
        for name, step in STEPS:
            if names is not None and name not in names:
                continue
            start = time.perf_counter()
            try:
                step(work)
            except BuildError as error:  # the copy goes: the message names the site given
                raise type(error)(str(error).replace(str(work), str(site))) from error
            print(f"postbuild: {name} in {time.perf_counter() - start:.2f} s")
        retired = site.with_name(f".{site.name}-retired-{work.name[-8:]}")
        WORK["swapping"] = True  # a stop now waits for the two renames
        site.rename(retired)
        work.rename(site)
        WORK["swapping"], WORK["copy"] = False, None
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        if WORK["copy"] is not None:
            shutil.rmtree(work, ignore_errors=True)
            WORK["copy"] = None
    # a stop that came during the swap found the new site whole: it stands, and the steps end


def _stop(signum: int, frame: object) -> None:
    """SIGTERM: the copy removed and the process ended at once (a library busy with the PDF
    might catch an exception raised in it, and finish first); during the swap, just after it."""
    if WORK["swapping"]:
        WORK["stopped"] = True
        return
    if isinstance(WORK["copy"], Path):
        shutil.rmtree(WORK["copy"], ignore_errors=True)
    print("postbuild: stopped; the site is as it was", file=sys.stderr, flush=True)
    os._exit(130)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, help="the built site's folder")
    parser.add_argument("--only", action="append", help="run only this step (repeatable)")
    args = parser.parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
    try:
        run_steps(args.site, args.only)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("postbuild: stopped; the site is as it was", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
