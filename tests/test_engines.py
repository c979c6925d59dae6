"""The edition in three engines: Chromium (Playwright), Firefox (Debian's firefox-esr over
WebDriver BiDi, by npm puppeteer-core: tests/engines/firefox.mjs) and WebKit (Debian's
WebKitGTK, WebKitWebDriver driven by Selenium under xvfb-run). One smoke scenario, the same
steps in each: a part at 390 and 1280 px without sideways scroll and with even word spacing on
the first screen, its title in the font's own small capitals, a note opened, go to page 37, a
search that lands on its word.

Without an engine the test skips with a notice (REQUIRE_BROWSER=1 makes it fail).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import test_browser
from conftest import ROOT
from test_browser import _missing

browser, server = test_browser.browser, test_browser.server

FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
WEBKIT_DRIVER = shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver"
PART = "recollections/"
GOTO_PAGE = 37  # a page of the part (raw line 1173 stands on it)

# --- what the reader sees, measured the same way in every engine ---------------------------

# the page's width against the window's, and per line of the text on the first screen the
# widest gap between words over the width of a space in the paragraph's own font
LAYOUT = """() => {
  const canvas = document.createElement('canvas').getContext('2d');
  let widest = 0, where = '';
  for (const p of document.querySelectorAll('article p')) {
    const box = p.getBoundingClientRect();
    if (box.top > innerHeight || box.bottom < 0) continue;
    const style = getComputedStyle(p);
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const space = canvas.measureText(' ').width;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.data.length; i++) {
        if (!/\\s/.test(node.data[i])) continue;
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        if (rects.length !== 1 || rects[0].top > innerHeight || rects[0].bottom < 0) continue;
        const gap = rects[0].width / space;
        if (gap > widest) { widest = gap; where = node.data.slice(Math.max(0, i - 20), i + 20); }
      }
    }
  }
  return {scroll: document.documentElement.scrollWidth, width: innerWidth, widest, where};
}"""

# the title's width in small capitals as the page sets them, and set by Literata's own smcp
# feature (never synthesised) and in plain lower case: an engine that fakes the small capitals
# (scaled capitals: the font file lacking smcp) sets the first unlike the second
SMALL_CAPS = """() => { const h1 = document.querySelector('article h1');
  const text = [...h1.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join('').trim();
  const width = (css) => { const probe = document.createElement('span'); probe.textContent = text;
    probe.style.cssText = 'position: absolute; white-space: nowrap; visibility: hidden;' + css;
    h1.append(probe); const w = probe.getBoundingClientRect().width; probe.remove(); return w; };
  return {text, variant: getComputedStyle(h1).fontVariantCaps, smallCaps: width(''),
    feature: width('font-variant: normal; font-feature-settings: "smcp" 1'),
    lowerCase: width('font-variant: normal')}; }"""
FONTS_READY = "() => document.fonts.status === 'loaded' && !!document.querySelector('article p')"
POPUP_SHOWN = "() => { const p = document.querySelector('.note-popup'); return !!p && !p.hidden; }"
POPUP_TEXT = "() => document.querySelector('.note-popup').textContent"
IN_VIEW = """(selector) => { const e = document.querySelector(selector); if (!e) return false;
  const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.height > 0; }"""
# an element the reader can act on: there and laid out (the edition's scripts add the search
# button and the tools after the page's load, which Selenium and Puppeteer do not wait for)
SHOWN = """(selector) => { const e = document.querySelector(selector);
    return !!e && e.getClientRects().length > 0; }"""
SEARCH_OPEN = "() => !!document.querySelector('dialog.edition-search[open] input')"
HITS_LISTED = "() => document.querySelectorAll('dialog.edition-search[open] a[role=option]').length > 0"
LANDED = """() => { const m = document.querySelector('article mark.edition-search-hit');
  if (!m) return null; const r = m.getBoundingClientRect();
  return {text: m.textContent, top: r.top, bottom: r.bottom, height: innerHeight}; }"""


def call(function: str, *args: object) -> str:
    """A JavaScript expression: `function` applied to `args` (each engine evaluates it alike)."""
    return f"({function})(...{json.dumps(list(args))})"


def scenario(base: str) -> list[dict]:
    """The smoke steps; the `eval` steps' results are what the test checks."""
    part = base + PART
    steps: list[dict] = []
    for width, height in [(390, 800), (1280, 900)]:
        steps += [{"viewport": [width, height]}, {"goto": part}, {"wait": call(FONTS_READY)}]
        steps += [{"eval": call(LAYOUT)}]
    steps += [{"eval": call(SMALL_CAPS)}]
    steps += [
        {"wait": call(SHOWN, "#ref-3")},
        {"hover": "#ref-3"},
        {"wait": call(POPUP_SHOWN)},
        {"eval": call(POPUP_TEXT)},
        {"wait": call(SHOWN, "#goto-page-input")},
        {"type": ["#goto-page-input", str(GOTO_PAGE)]},
        {"press": "Enter"},
        {"wait": call(IN_VIEW, f"#page-{GOTO_PAGE}")},
        {"eval": call(IN_VIEW, f"#page-{GOTO_PAGE}")},
        {"goto": part},
        {"wait": call(FONTS_READY)},
        {"wait": call(SHOWN, ".edition-search-button")},
        {"click": ".edition-search-button"},
        {"wait": call(SEARCH_OPEN)},
        {"type": ["dialog.edition-search[open] input", "Xerxes"]},
        {"wait": call(HITS_LISTED)},
        {"click": "dialog.edition-search[open] a[role=option]"},
        {"wait": call(LANDED)},
        {"eval": call(LANDED)},
    ]
    return steps


def check(results: list, doc, narrowest: int = 390) -> None:
    """What every engine must show (expected values from the model); `narrowest`: the
    narrowest window the engine's browser opens (WebKitGTK's MiniBrowser: about 450 px)."""
    narrow, wide, small_caps, note, landed_page, landed = results
    for layout in (narrow, wide):
        assert layout["scroll"] <= layout["width"], layout  # no sideways scroll
        assert layout["widest"] <= 1.5, layout  # even word spacing on the first screen
    assert narrow["width"] <= narrowest and wide["width"] == 1280
    # the part's title in Literata's own small capitals, not the engine's scaled capitals
    title = next(part.title for part in doc.parts if part.slug + "/" == PART)
    assert small_caps["text"] == title and small_caps["variant"] == "small-caps", small_caps
    assert abs(small_caps["smallCaps"] - small_caps["feature"]) < 0.5, small_caps
    assert abs(small_caps["smallCaps"] - small_caps["lowerCase"]) > 5, small_caps
    text = next(n for n in doc.notes if n.number == "3").blocks[0].text
    assert " ".join(text.split())[:50] in " ".join(note.split())
    assert landed_page is True
    assert landed["text"].lower() == "xerxes" and 0 <= landed["top"] < landed["bottom"] <= landed["height"]


# --- the three engines -----------------------------------------------------------------------


def run_in_playwright(page, steps: list[dict]) -> list:
    results = []
    for step in steps:
        result = None
        if "viewport" in step:
            page.set_viewport_size({"width": step["viewport"][0], "height": step["viewport"][1]})
        elif "goto" in step:
            page.goto(step["goto"], wait_until="load")
        elif "wait" in step:
            page.wait_for_function(step["wait"], polling=100)
        elif "eval" in step:
            result = page.evaluate(step["eval"])
        elif "hover" in step:
            page.hover(step["hover"])
        elif "click" in step:
            page.click(step["click"])
        elif "type" in step:
            page.locator(step["type"][0]).press_sequentially(step["type"][1])
        elif "press" in step:
            page.keyboard.press(step["press"])
        elif "shot" in step:
            page.screenshot(path=step["shot"])
        results.append(result)
    return [r for s, r in zip(steps, results, strict=True) if "eval" in s]


def run_in_selenium(driver, steps: list[dict], timeout: float = 30) -> list:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    results = []
    for step in steps:
        result = None
        if "viewport" in step:
            width, height = step["viewport"]
            driver.set_window_size(width, height)
            inner = driver.execute_script("return [innerWidth, innerHeight]")
            driver.set_window_size(2 * width - inner[0], 2 * height - inner[1])  # the window's frame
        elif "goto" in step:
            driver.get(step["goto"])
        elif "wait" in step:
            WebDriverWait(driver, timeout, poll_frequency=0.1).until(
                lambda d, s=step: d.execute_script("return " + s["wait"]), message=step["wait"][:120]
            )
        elif "eval" in step:
            result = driver.execute_script("return " + step["eval"])
        elif "hover" in step:
            target = driver.find_element(By.CSS_SELECTOR, step["hover"])
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", target)
            ActionChains(driver).move_to_element(target).perform()
        elif "click" in step:
            driver.find_element(By.CSS_SELECTOR, step["click"]).click()
        elif "type" in step:
            driver.find_element(By.CSS_SELECTOR, step["type"][0]).send_keys(step["type"][1])
        elif "press" in step:
            ActionChains(driver).send_keys(getattr(Keys, step["press"].upper())).perform()
        elif "shot" in step:  # once the page has painted what the steps did (WebKitGTK lags a frame)
            driver.execute_async_script("requestAnimationFrame(() => requestAnimationFrame(arguments[0]))")
            driver.save_screenshot(step["shot"])
        results.append(result)
    return [r for s, r in zip(steps, results, strict=True) if "eval" in s]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.browser
def test_chromium_smoke(browser, server, doc):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.set_default_timeout(20000)
    check(run_in_playwright(page, scenario(server)), doc)
    context.close()


@pytest.mark.browser
def test_firefox_smoke(server, doc):  # noqa: F811
    script = ROOT / "tests" / "engines" / "firefox.mjs"
    if not Path(FIREFOX).exists():
        _missing(f"no Firefox at {FIREFOX} (apt-get install firefox-esr)")
    if not shutil.which("node") or not (ROOT / "node_modules" / "puppeteer-core").exists():
        _missing("node or puppeteer-core is missing (npm ci)")
    run = subprocess.run(
        ["node", str(script)],
        input=json.dumps(scenario(server)),
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "FIREFOX": FIREFOX, "PUPPETEER_SKIP_DOWNLOAD": "1"},
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    results = [r for s, r in zip(scenario(server), json.loads(run.stdout), strict=True) if "eval" in s]
    check(results, doc)


@contextlib.contextmanager
def webkit_session():
    """A WebKitGTK session: WebKitWebDriver under xvfb-run on a free port, Selenium's driver."""
    from selenium import webdriver
    from selenium.webdriver.remote.client_config import ClientConfig
    from selenium.webdriver.remote.remote_connection import RemoteConnection
    from selenium.webdriver.webkitgtk.options import Options

    port = free_port()
    driver_process = subprocess.Popen(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1200x24", WEBKIT_DRIVER, f"--port={port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    driver = None
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        options = Options()
        options.add_argument("--automation")
        # a connection made from a ClientConfig: an address string is deprecated in Selenium 4.51
        address = ClientConfig(remote_server_addr=f"http://127.0.0.1:{port}")
        driver = webdriver.Remote(command_executor=RemoteConnection(client_config=address), options=options)
        yield driver
    finally:
        if driver is not None:
            driver.quit()
        os.killpg(driver_process.pid, 15)
        driver_process.wait(timeout=10)


@pytest.mark.browser
def test_webkit_smoke(server, doc):  # noqa: F811
    if not Path(WEBKIT_DRIVER).exists() or not shutil.which("xvfb-run"):
        _missing("no WebKitWebDriver or xvfb-run (apt-get install webkit2gtk-driver xvfb)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        _missing("Selenium is not installed")
    with webkit_session() as driver:
        check(run_in_selenium(driver, scenario(server)), doc, narrowest=460)
