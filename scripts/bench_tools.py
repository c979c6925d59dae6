"""Benchmark figures for the Emendations page (used by bench.py): its weight, its elements, and
how long it takes to open against the longest part.

    python scripts/bench_tools.py SITE_DIR    print the figures for a built site
"""

from __future__ import annotations

import functools
import gzip
import http.server
import statistics
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# from the navigation's start to the load event, with layout done (the page is on screen)
OPEN_JS = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  done(performance.now() - nav.startTime);
})))"""


def page_weight(site: Path, slug: str) -> tuple[int, int]:
    """The page's HTML: bytes, and bytes gzip-compressed as a server would send them."""
    data = (site / slug / "index.html").read_bytes()
    return len(data), len(gzip.compress(data, 9))


def open_times(base: str, slug: str, browser: Browser, runs: int = 5) -> float:
    """Median milliseconds from navigation to the laid-out page, over `runs` fresh loads."""
    times = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base + slug + "/", wait_until="load")
        times.append(page.evaluate(OPEN_JS))
        context.close()
    return statistics.median(times)


def emendations_figures(site: Path, base: str, browser: Browser, runs: int = 5) -> list[str]:
    """Table rows (figure | value) for the Emendations page against the longest part."""
    page = browser.new_page()
    page.goto(base + "emendations/", wait_until="load")
    elements = page.evaluate("document.getElementsByTagName('*').length")
    page.close()
    raw, compressed = page_weight(site, "emendations")
    opened = open_times(base, "emendations", browser, runs)
    part = open_times(base, "recollections", browser, runs)
    return [
        f"| Emendations page: HTML (gzip), elements | {raw / 1024:.0f} KB ({compressed / 1024:.0f} KB), "
        f"{elements} |",
        f"| Emendations page opened, navigation → laid out (median of {runs}) | {opened:.0f} ms "
        f"(My Recollections: {part:.0f} ms) |",
    ]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main(site: Path) -> int:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        print("\n".join(emendations_figures(site, base, browser)))
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
