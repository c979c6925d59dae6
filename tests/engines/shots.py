"""Screenshots of the edition in the three engines, to look at (not a test):

    .venv/bin/python tests/engines/shots.py SITE_DIR OUT_DIR [chromium firefox webkit]

SITE_DIR: a built site (make build); OUT_DIR/<engine>-<palette>-<width>-<view>.png for the
home page, a part (its top, and a note open on hover), the whole book, the Emendations and a search
with its results, in the light and the dark palette, at 390 and 1280 px (WebKitGTK's window
is no narrower than about 450 px), by the smoke suite's runners (tests/test_engines.py); and
Chromium's print of a part, OUT_DIR/chromium-print-<page>.png (pdftoppm, poppler-utils).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import test_engines as engines  # noqa: E402
from test_browser import CHROME_FLAGS, CHROMIUM, QuietHandler  # noqa: E402

VIEWS = [("home", ""), ("part", "recollections/"), ("book", "book/"), ("emendations", "emendations/")]
READY = "() => document.fonts.status === 'loaded' && !!document.querySelector('article')"
DARK = """() => { [...document.querySelectorAll('form[data-md-component=palette] label')]
  .find((label) => label.getClientRects().length).click(); return true; }"""
IS_DARK = "() => document.body.getAttribute('data-md-color-scheme') === 'slate'"
CENTRE = "(selector) => { document.querySelector(selector).scrollIntoView({block: 'center'}); return true; }"


def steps(base: str, out: Path, engine: str) -> list[dict]:
    """Every view in both palettes at both widths, each step a runner's (test_engines)."""
    call = engines.call
    found: list[dict] = []
    for palette in ("light", "dark"):
        if palette == "dark":
            found += [{"goto": base}, {"wait": call(READY)}, {"eval": call(DARK)}, {"wait": call(IS_DARK)}]
        for width, height in [(390, 800), (1280, 900)]:
            stem = f"{engine}-{palette}-{width}"
            found.append({"viewport": [width, height]})
            for name, path in VIEWS:
                shot = str(out / f"{stem}-{name}.png")
                found += [{"goto": base + path}, {"wait": call(READY)}, {"shot": shot}]
            found += [
                {"goto": base + engines.PART},
                {"wait": call(READY)},
                {"wait": call(engines.SHOWN, "#ref-3")},
                {"eval": call(CENTRE, "#ref-3")},
                {"hover": "#ref-3"},
                {"wait": call(engines.POPUP_SHOWN)},
                {"shot": str(out / f"{stem}-note.png")},
                {"wait": call(engines.SHOWN, ".edition-search-button")},
                {"click": ".edition-search-button"},
                {"wait": call(engines.SEARCH_OPEN)},
                {"type": ["dialog.edition-search[open] input", "Xerxes"]},
                {"wait": call(engines.HITS_LISTED)},
                {"shot": str(out / f"{stem}-search.png")},
            ]
    return found


def chromium(base: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)
        page = browser.new_page()
        page.set_default_timeout(30000)
        engines.run_in_playwright(page, steps(base, out, "chromium"))
        page.goto(base + "preface/", wait_until="load")
        page.wait_for_function(READY)
        pdf = out / "chromium-print-preface.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        browser.close()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out / "chromium-print")], check=True)


def firefox(base: str, out: Path) -> None:
    script = engines.ROOT / "tests" / "engines" / "firefox.mjs"
    run = subprocess.run(
        ["node", str(script)],
        input=json.dumps(steps(base, out, "firefox")),
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "FIREFOX": engines.FIREFOX, "PUPPETEER_SKIP_DOWNLOAD": "1"},
        cwd=engines.ROOT,
    )
    if run.returncode:
        raise SystemExit(run.stderr[-3000:])


def webkit(base: str, out: Path) -> None:
    with engines.webkit_session() as driver:
        engines.run_in_selenium(driver, steps(base, out, "webkit"))


def main(argv: list[str]) -> int:
    site, out, *names = argv
    Path(out).mkdir(parents=True, exist_ok=True)
    handler = functools.partial(QuietHandler, directory=site)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        for name in names or ["chromium", "firefox", "webkit"]:
            {"chromium": chromium, "firefox": firefox, "webkit": webkit}[name](base, Path(out).resolve())
            print(f"{name}: done", file=sys.stderr)
    finally:
        httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
