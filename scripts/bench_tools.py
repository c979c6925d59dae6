"""Benchmark figures for the Emendations page (used by bench.py): its weight, its elements, and
how long it takes to open against the longest part; on a phone with the CPU 4x slowed (as
Lighthouse's mobile preset), its first paint, its blocking time, and how soon a tap is answered
(the reader's input to the next paint, as the browser's Event Timing measures it).

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


PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True}
SLOWDOWN = 4
# before the page's own scripts: its long tasks, and each interaction's input → next paint
OBSERVE_JS = """
window.__longTasks = []; window.__interactions = {};
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
  .observe({type: 'longtask', buffered: true});
new PerformanceObserver(list => { for (const e of list.getEntries()) if (e.interactionId)
    window.__interactions[e.interactionId] =
      Math.max(e.duration, window.__interactions[e.interactionId] || 0); })
  .observe({type: 'event', durationThreshold: 16, buffered: true});
"""
LOAD_JS = """() => ({paint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
  longest: Math.max(0, ...window.__longTasks),
  blocking: window.__longTasks.reduce((sum, ms) => sum + Math.max(0, ms - 50), 0)})"""
# the slowest interaction of those since `seen` (Event Timing reports those over 16 ms)
SLOWEST_JS = """(seen) => Math.max(16, ...Object.entries(window.__interactions)
  .filter(([id]) => !seen.includes(id)).map(([, ms]) => ms))"""
# Event Timing reports after the next paint: two frames and a task later
NEXT_PAINT_JS = (
    "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100))))"
)

# a reader's taps on the Emendations page: each (name, what it does to the page)
TAPS = {
    "the filter's Page box, a page number typed": lambda page: (
        page.tap("form.emendation-filter input[name=page]"),
        page.keyboard.type("37"),
    ),
    "the menu opened": lambda page: page.tap("label.md-header__button[for=__drawer]"),
    "the dark/light switch": lambda page: page.tap(".md-header__option label:not([hidden])"),
}


def phone_page(browser: Browser, url: str):  # noqa: ANN201 (Playwright's Page and BrowserContext)
    """`url` opened on a phone, its CPU slowed from the start; its observers in place."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.add_init_script(OBSERVE_JS)
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return context, page


def phone_load(base: str, slug: str, browser: Browser, runs: int) -> dict[str, float]:
    """Medians over fresh loads on a phone (CPU slowed): first paint, longest task, blocking time
    (the long tasks' time over 50 ms each, to a second after the load)."""
    loads = []
    for _ in range(runs):
        context, page = phone_page(browser, base + slug + "/")
        page.wait_for_timeout(1000)  # the tasks the theme runs after the load
        loads.append(page.evaluate(LOAD_JS))
        context.close()
    return {key: statistics.median(load[key] for load in loads) for key in loads[0]}


def tap_responses(base: str, browser: Browser, runs: int) -> dict[str, float]:
    """Per tap of TAPS on the Emendations page (CPU slowed): the median over `runs` fresh pages of
    its slowest interaction's input → next paint, in ms (16: too quick for Event Timing to report)."""
    times: dict[str, list[float]] = {name: [] for name in TAPS}
    for _ in range(runs):
        for name, tap in TAPS.items():
            context, page = phone_page(browser, base + "emendations/")
            page.wait_for_timeout(1000)  # the theme's work after the load done, as a reader's first tap comes
            seen = page.evaluate("Object.keys(window.__interactions)")
            tap(page)
            page.evaluate(NEXT_PAINT_JS)
            times[name].append(page.evaluate(SLOWEST_JS, seen))
            context.close()
    return {name: statistics.median(values) for name, values in times.items()}


def phone_rows(base: str, browser: Browser, runs: int = 3) -> list[str]:
    """Table rows: the Emendations page on a phone (CPU 4x slowed) against the longest part."""
    slowed = f"a phone, 412 px, CPU {SLOWDOWN}× slowed; median of {runs}"
    loads = {slug: phone_load(base, slug, browser, runs) for slug in ("emendations", "recollections")}
    rows = [
        f"| {title} on {slowed}: first paint, longest task, blocking time | "
        f"{f['paint']:.0f} ms, {f['longest']:.0f} ms, {f['blocking']:.0f} ms |"
        for title, f in zip(("Emendations page", "My Recollections"), loads.values(), strict=True)
    ]
    for name, ms in tap_responses(base, browser, runs).items():
        rows.append(
            f"| Emendations page on {slowed}: a tap → the next paint, {name} (aim: ≤ 200 ms) | {ms:.0f} ms |"
        )
    return rows


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
        *phone_rows(base, browser),
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
