"""`make serve` (scripts/serve.py), for real: started on a free port in a copy of the project, edited
there as an editor would, stopped with SIGTERM. A data edit reaches the served page (and the open
browser, which reloads by itself); a bad edit prints its `file:line: problem` and the site keeps
the last good build; a busy port is one line naming PORT=."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import serve
from conftest import ROOT
from edition.errors import SourceError
from edition.outputs.markdown.docs import check_docs, generate
from edition.pipeline import Sources, build

PROJECT = ["source", "docs", "overrides", "scripts", "mkdocs.yml"]
BAD_BYTE = "\x1b"  # ESC, as a terminal paste leaves it
# seconds a rebuild may take before a wait for it fails: a few on a quiet machine, far more on a
# loaded 2-core one (CI, helpers' runs beside it); a bound, not a wait: each wait ends when it sees
REBUILT = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:  # a 404 or 503 page is a page too
        return error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(condition, timeout: float, what: str) -> float:
    """Poll `condition` until true; the seconds it took, or fail naming what never happened."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():
            return time.monotonic() - start
        time.sleep(0.1)
    pytest.fail(f"not within {timeout} s: {what}")


class Serving:
    """serve.py running in `project` on `port`, its output in a file."""

    def __init__(self, project: Path, port: int) -> None:
        self.project, self.port = project, port
        self.base = f"http://127.0.0.1:{port}/"
        self.log = project / "serve.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(project / "scripts" / "serve.py"), "--port", str(port)],
                cwd=project,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def state(self) -> dict:
        text = fetch(self.base + ".serve/version")
        return json.loads(text) if text else {}

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project, to edit."""
    copy = tmp_path / "project"
    for name in PROJECT:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, copy / name)
    return copy


@pytest.fixture
def serving(project):
    served = Serving(project, free_port())
    wait_for(lambda: served.state().get("version"), 120, "the first build served")
    yield served
    served.stop()


def edit_correction(project: Path, old: str, new: str) -> str:
    """Change what a corrections.yml entry prints; returns the slug of the part it is in, read
    from the document model of the edited copy."""
    path = project / "source" / "corrections.yml"
    text = path.read_text(encoding="utf-8")
    assert f'text: "{old}"' in text
    path.write_text(text.replace(f'text: "{old}"', f'text: "{new}"', 1), encoding="utf-8")
    doc = build(Sources(project / "source"))
    [slug] = {
        part.slug for part in doc.parts for block in part.blocks if re.search(rf"\b{new}\b", block.text)
    }
    return slug


def test_a_data_edit_is_served_and_a_bad_edit_keeps_the_last_good_build(project, serving):
    # what a post-build step made (MkDocs does not write it) stays until the step remakes it
    (project / "site" / "made-after-the-build").mkdir()
    (project / "site" / "made-after-the-build" / "index.txt").write_text("kept", encoding="utf-8")
    # the word is nowhere in the book before the edit (looked at before it: a fast rebuild could
    # serve the edit before a look after it)
    assert "tribune" in fetch(serving.base + "book/") and "tribunal" not in fetch(serving.base + "book/")
    slug = edit_correction(project, "tribune", "tribunal")
    page = serving.base + f"{slug}/"
    wait_for(lambda: "tribunal" in fetch(page), REBUILT, "the edited word on the served page")
    assert fetch(serving.base + "made-after-the-build/index.txt") == "kept"
    # docs/ is what the edited source gives (the word also stands in the part's tools data)
    assert check_docs(generate(build(Sources(project / "source"))), project / "docs") == []

    book = project / "source" / "book.yml"
    good = book.read_text(encoding="utf-8")
    book.write_text(good.replace("author: Clara Zetkin", f"author: Clara{BAD_BYTE} Zetkin"), encoding="utf-8")
    with pytest.raises(SourceError) as refused:  # the message the pipeline gives for this edit
        build(Sources(project / "source"))
    expected = f"error: {refused.value}"
    assert re.match(r"error: book\.yml:\d+: ", expected)
    wait_for(lambda: expected in serving.output(), REBUILT, f"{expected!r} in the terminal")
    assert serving.state()["error"] == expected
    assert "tribunal" in fetch(page), "the last good build is still served"

    book.write_text(good, encoding="utf-8")
    wait_for(lambda: serving.state().get("error") == "", REBUILT, "the mended edit builds again")
    assert serving.stop() == 0, serving.output()[-2000:]
    assert "Traceback" not in serving.output()
    with socket.socket() as probe:  # the port is free again, for the next `make serve`
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds it
        probe.bind(("127.0.0.1", serving.port))


def test_a_bad_first_build_waits_for_the_fix_and_ctrl_c_stops_it(project):
    names = project / "source" / "names.yml"
    good = names.read_text(encoding="utf-8")
    names.write_text("names: [\n", encoding="utf-8")
    served = Serving(project, free_port())
    try:
        wait_for(lambda: "names.yml:" in served.output(), REBUILT, "the bad first build's message")
        assert re.search(r"error: names\.yml:\d+: invalid YAML", served.output())
        assert "No good build yet" in fetch(served.base), "a page that waits for the first good build"
        names.write_text(good, encoding="utf-8")
        wait_for(lambda: served.state().get("version") == 1, REBUILT, "the mended first build")
        assert "<title>" in fetch(served.base) and "No good build yet" not in fetch(served.base)
        served.process.send_signal(signal.SIGINT)  # Ctrl-C
        assert served.process.wait(timeout=60) == 0
        assert "Traceback" not in served.output()
    finally:
        served.stop()


def test_a_busy_port_is_one_line_naming_port(project):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, str(project / "scripts" / "serve.py"), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"error: port {port} is in use (another `make serve`?): "
        f"choose another, e.g. make serve PORT={port + 1}"
    )


@pytest.mark.browser
def test_the_open_page_reloads_by_itself_and_shows_a_bad_edit(project, serving, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})  # the session's browser
    try:
        page = context.new_page()
        slug = edit_correction(project, "tribune", "tribunal")
        wait_for(lambda: "tribunal" in fetch(serving.base + f"{slug}/"), REBUILT, "the first edit served")
        page.goto(serving.base + f"{slug}/")
        word = page.get_by_text(re.compile(r"\btribunal\b"))
        word.scroll_into_view_if_needed()
        edited = time.monotonic()
        edit_correction(project, "tribunal", "tribunes")
        # no navigation of ours: the page must reload by itself and show the new word
        page.get_by_text(re.compile(r"\btribunes\b")).wait_for(timeout=REBUILT * 1000)
        print(f"\nedit → the open page shows it: {time.monotonic() - edited:.2f} s (figure, not a test)")
        box = page.get_by_text(re.compile(r"\btribunes\b")).bounding_box()
        assert box is not None and box["width"] > 0

        (project / "source" / "names.yml").write_text("names: [\n", encoding="utf-8")
        bar = page.locator(".edition-serve-error")
        bar.wait_for(state="visible", timeout=REBUILT * 1000)
        text = bar.inner_text()
        assert re.match(r"error: names\.yml:\d+: invalid YAML", text), text
        box = bar.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 800, box
        page.screenshot(path=str(project / "serve-error.png"))
    finally:
        context.close()


class SignalInTheSwap:
    """A lock whose taking is where SIGTERM lands: in the middle of `swap_in`'s renames."""

    def __init__(self, stop: serve.StopRequest) -> None:
        self.stop = stop

    def __enter__(self) -> None:
        self.stop(signal.SIGTERM, None)

    def __exit__(self, *exception: object) -> None:
        return None


def swap_with_a_stop_inside(tmp_path: Path, defer: bool) -> tuple[Path, Path]:
    site, staging = tmp_path / "site", tmp_path / ".site-staging"
    tmp_path.mkdir(exist_ok=True)
    for folder, text in ((site, "old"), (staging, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    stop = serve.StopRequest()
    state = serve.SiteState(site=site, lock=SignalInTheSwap(stop))
    with pytest.raises(KeyboardInterrupt):
        if defer:
            with stop.deferred():
                serve.swap_in(staging, state)
        else:
            serve.swap_in(staging, state)
    assert stop.requested
    return site, staging


def test_a_stop_during_the_swap_waits_until_the_new_site_is_whole(tmp_path):
    site, staging = swap_with_a_stop_inside(tmp_path, defer=True)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert not staging.exists()
    assert not (tmp_path / ".site-old").exists()
    # the same signal, not deferred, stops the swap before its renames: the old site stays
    site, staging = swap_with_a_stop_inside(tmp_path / "undeferred", defer=False)
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert (staging / "index.html").read_text(encoding="utf-8") == "new"


def test_a_stop_that_mkdocs_turns_into_a_build_failure_still_stops(tmp_path, monkeypatch):
    """A SIGTERM landing inside MkDocs can come out as one of its errors, which build_site makes
    a BuildFailed: the loop must see the stop, not wait for the next edit (the test's 60 s)."""
    stop = serve.StopRequest()
    monkeypatch.setattr(serve, "STOP", stop)
    monkeypatch.setattr(serve.signal, "signal", lambda *_: None)  # not from this thread, not pytest's

    def rebuild_stopped(root: Path, state: serve.SiteState) -> str:
        stop.requested = True  # the signal arrived; MkDocs caught its exception
        raise serve.BuildFailed("error: mkdocs: KeyboardInterrupt")

    monkeypatch.setattr(serve, "rebuild", rebuild_stopped)
    ended: list[int] = []
    loop = threading.Thread(target=lambda: ended.append(serve.run(tmp_path, free_port())), daemon=True)
    loop.start()
    loop.join(timeout=60)
    assert ended == [0]
