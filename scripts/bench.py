#!/usr/bin/env python3
"""Benchmark: figures, not tests. Medians of repeated runs.

    python scripts/bench.py                 print the figures
    python scripts/bench.py --write-readme  also put them into README.md

Measures: the preprocessing (`prepare.py --check`, as a user runs it); `mkdocs build`; the bytes
a reader downloads for the first view of each part (every response the page loads, gzip-
compressed as a server would send it) against the part's own text; the edition's search in
Chromium (with the CPU as is and 4× slowed): first results on a fresh page, each keystroke,
twenty queries, and the bytes the first query fetches.
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


# Types `query` into the edition's search dialog (opening it first) and resolves with the ms
# from the input event to the results shown (the status line rewritten), -1 after 5 s.
SEARCH_JS = """async (query) => {
  if (!document.querySelector('dialog.edition-search[open]')) {
    document.dispatchEvent(new KeyboardEvent('keydown', {key: '/', bubbles: true}));
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


def search_figures(site: Path, base: str, browser: Browser, slowdown: int) -> dict[str, float]:
    """The first query on a fresh page (index not yet loaded: everything it fetches counted),
    then each keystroke of KEYSTROKES and each of QUERIES typed whole; CPU slowed `slowdown`×."""
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("response", lambda response: fetched.append(response.url))
    page.goto(base + "recollections/", wait_until="networkidle")
    before = len(fetched)
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    first = page.evaluate(SEARCH_JS, QUERIES[0])
    page.wait_for_load_state("networkidle")
    first_urls = sorted(set(fetched[before:]))
    first_bytes = {url: site_file(site, url) for url in first_urls}
    page.keyboard.press("Escape")
    # as a reader does it: the dialog opened (the index loading), then a first word typed
    page.goto(base + "recollections/", wait_until="networkidle")
    page.keyboard.press("/")
    page.wait_for_load_state("networkidle")
    opened_first = page.evaluate(SEARCH_JS, QUERIES[1])
    keystrokes = [page.evaluate(SEARCH_JS, KEYSTROKES[: n + 1]) for n in range(len(KEYSTROKES))]
    whole = [page.evaluate(SEARCH_JS, query) for query in QUERIES]
    context.close()
    return {
        "first": first,
        "opened_first": opened_first,
        "first_requests": len(first_bytes),
        "first_bytes": sum(len(data) for data in first_bytes.values()),
        "first_gzip": sum(len(served_gzip(url, data)) for url, data in first_bytes.items()),
        "keystroke_median": statistics.median(keystrokes),
        "keystroke_max": max(keystrokes),
        "query_median": statistics.median(whole),
        "query_max": max(whole),
    }


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
            f"| search, first results on a fresh page, typed as it opens ({cpu}; aim: under 300 ms slowed) | "
            f"{f['first']:.0f} ms |",
            f"| search, first results once it has opened ({cpu}) | {f['opened_first']:.0f} ms |",
            f"| search, per keystroke of “{KEYSTROKES}” ({cpu}; median, max; aim: under 50 ms) | "
            f"{f['keystroke_median']:.1f} ms, {f['keystroke_max']:.1f} ms |",
            f"| search, {len(QUERIES)} queries typed whole ({cpu}; median, max) | "
            f"{f['query_median']:.1f} ms, {f['query_max']:.1f} ms |",
        ]
        if slowdown == 1:
            rows.append(
                f"| search, fetched by the first query ({f['first_requests']} files) | "
                f"{f['first_bytes'] / 1024:.0f} KB ({f['first_gzip'] / 1024:.0f} KB gzip) |"
            )
    return rows


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
        index = timed([python, "scripts/postbuild.py", str(site), "--only", "search index"], args.runs)
        from playwright.sync_api import sync_playwright

        server, base = serve(site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROME_FLAGS)
            views = first_views(site, base, browser)
            searches = search_rows(site, base, browser)
            browser.close()
        server.shutdown()
    lines = [
        f"| preprocessing (`prepare.py --check`, median of {args.runs}) | {prepare:.2f} s |",
        f"| `mkdocs build --strict` (median of {max(3, args.runs // 2)}) | {build:.2f} s |",
        f"| preprocessing ÷ build | {prepare / build:.2f} (aim: under 0.25) |",
        f"| search index (Pagefind, post-build step; median of {args.runs}) | {index:.2f} s |",
        *searches,
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
