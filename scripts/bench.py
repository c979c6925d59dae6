#!/usr/bin/env python3
"""Benchmark: figures, not tests. Medians of repeated runs.

    python scripts/bench.py                 print the figures
    python scripts/bench.py --write-readme  also put them into README.md

Measures: the preprocessing (`prepare.py --check`, as a user runs it); `mkdocs build`; the bytes
a reader downloads for the first view of each part (every response the page loads, gzip-
compressed as a server would send it) against the part's own text; search latency in Chromium
from the last keystroke to results shown, over twenty queries.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_tools import emendations_figures  # noqa: E402

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


def timed(command: list[str], runs: int) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
        page.goto(base + slug + "/", wait_until="networkidle")
        context.close()
        raw = compressed = 0
        for url in set(loaded):
            path = site / re.sub(r"^https?://[^/]+/", "", url).split("?")[0].split("#")[0]
            path = path / "index.html" if path.is_dir() else path
            data = path.read_bytes()
            raw += len(data)
            compressed += len(gzip.compress(data, 9))
        text_raw, text_gz = part_text_bytes(slug)
        figures[slug] = {
            "requests": len(set(loaded)),
            "bytes": raw,
            "gzip": compressed,
            "text": text_raw,
            "text_gzip": text_gz,
            "overhead_gzip": compressed - text_gz,
        }
    return figures


SEARCH_JS = """async (query) => {
  const input = document.querySelector('.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  input.focus();
  return await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve(performance.now() - start);
    });
    observer.observe(list, {childList: true, subtree: true});
    input.value = query;
    const start = performance.now();
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keyup', {key: query.slice(-1), bubbles: true}));
    setTimeout(() => { observer.disconnect(); resolve(-1); }, 3000);
  });
}"""


def search_latencies(base: str, browser: Browser) -> list[float]:
    page = browser.new_page()
    page.goto(base, wait_until="networkidle")
    page.click(".md-search__input")
    page.keyboard.type("warm", delay=10)
    page.wait_for_selector(".md-search-result__item")
    latencies = []
    for query in QUERIES:
        page.evaluate("document.querySelector('.md-search__input').value = ''")
        latencies.append(page.evaluate(SEARCH_JS, query))
    page.close()
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write-readme", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    prepare = timed([python, "scripts/prepare.py", "--check"], args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build = timed(
            [python, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], max(3, args.runs // 2)
        )
        from playwright.sync_api import sync_playwright

        server, base = serve(site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROME_FLAGS)
            views = first_views(site, base, browser)
            latencies = search_latencies(base, browser)
            emendations = emendations_figures(site, base, browser, args.runs)
            browser.close()
        server.shutdown()
    lines = [
        f"| preprocessing (`prepare.py --check`, median of {args.runs}) | {prepare:.2f} s |",
        f"| `mkdocs build --strict` (median of {max(3, args.runs // 2)}) | {build:.2f} s |",
        f"| preprocessing ÷ build | {prepare / build:.2f} (aim: under 0.25) |",
        f"| search, last keystroke → results (median of {len(QUERIES)} queries) | "
        f"{statistics.median(latencies):.1f} ms (max {max(latencies):.1f} ms; aim: under 50 ms) |",
        *emendations,
    ]
    table = [
        "| figure | value |",
        "| --- | ---: |",
        *lines,
        "",
        "First view of each part (gzip as a server sends it):",
        "",
    ]
    table += [
        "| part | requests | all bytes (gzip) | the part's text (gzip) | overhead (gzip; aim ≤ 150 KB) |"
    ]
    table += ["| --- | ---: | ---: | ---: | ---: |"]
    for slug, f in views.items():
        kb = {key: f"{value / 1024:.0f} KB" for key, value in f.items()}
        table.append(
            f"| {slug} | {f['requests']} | {kb['bytes']} ({kb['gzip']}) | "
            f"{kb['text']} ({kb['text_gzip']}) | {kb['overhead_gzip']} |"
        )
    report = "\n".join(table)
    print(report)
    if args.write_readme:
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        stamp = f"Measured {time.strftime('%Y-%m-%d')} with `python scripts/bench.py`:\n\n"
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
