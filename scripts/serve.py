#!/usr/bin/env python3
"""The editor's loop: build the edition into site/, serve it, and rebuild on every saved change.

    python scripts/serve.py [--port 8000]        (make serve, make serve PORT=8001)

Builds as `make build` does (prepare, `mkdocs build --strict`, then `scripts/postbuild.py site`),
serves site/ on http://127.0.0.1:PORT with a quiet server, and watches source/, overrides/ and
mkdocs.yml (polling). A change is rebuilt into a staging folder that is swapped in whole; every
page the server sends carries a few lines of script that ask for the build's number and reload
the page when it changes, so the open browser shows the edit by itself. The slow post-build
steps (search index, downloads) run after the swap, and a newer change cuts them short.

A bad edit prints its one-line `file:line: problem` here, shows it in a bar on the open page,
and the site keeps the last good build. Ctrl-C or SIGTERM stop the loop cleanly.

Changes to the pipeline's own code (scripts/) are not picked up: restart for those.
"""

from __future__ import annotations

import argparse
import errno
import http.server
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from build_site import BuildFailed, build_site, prepare_docs
from edition.snapshot import SNAPSHOT

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ("source", "overrides", "mkdocs.yml")
VERSION_URL = "/.serve/version"
POLL_SECONDS = 0.2  # how often the files are looked at; the page asks as often

# Asks the server for the build's number and reloads when it changes; shows a failed build's
# message in a bar. Guarded: Material's instant navigation may run a page's scripts again.
RELOAD_SCRIPT = """<script>(() => {
  if (window.__editionServe) return;
  window.__editionServe = true;
  const built = %d;
  const bar = document.createElement("div");
  bar.setAttribute("role", "alert");
  bar.className = "edition-serve-error";
  // at the foot of the window: the header, its search and the page's top stay usable
  bar.style.cssText = "position:fixed;inset:auto 0 0 0;z-index:1000;padding:.5em 1em;" +
    "background:#8b0000;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap;display:none";
  const ask = async () => {
    try {
      const state = await (await fetch("%s", {cache: "no-store"})).json();
      if (state.version !== built) { location.reload(); return; }
      bar.textContent = state.error ? state.error + "  (showing the last good build)" : "";
      bar.style.display = state.error ? "block" : "none";
      if (!bar.isConnected) document.body.append(bar);
    } catch (error) { /* the server is restarting: ask again */ }
    setTimeout(ask, %d);
  };
  ask();
})();</script>"""


NO_SITE_YET = b"<!doctype html><html><head><title>Building</title></head><body><p>No good build yet: \
the terminal says why. This page reloads when there is one.</p></body></html>"


@dataclass
class SiteState:
    """What the server sends: the current build's number and folder, the last build's error."""

    site: Path
    version: int = 0
    error: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)


# --- building


def swap_in(staging: Path, state: SiteState) -> None:
    """Put the staging folder in the site's place, whole; requests wait the renames out.

    What the last post-build steps made (a search index, the downloads: whatever MkDocs did
    not write) moves into the new build until those steps make it afresh, so that search
    and downloads keep working in between."""
    retired = state.site.with_name(f".{state.site.name}-old")
    shutil.rmtree(retired, ignore_errors=True)
    with state.lock:
        if state.site.exists():
            for entry in state.site.iterdir():
                if not (staging / entry.name).exists():
                    try:
                        entry.rename(staging / entry.name)
                    except FileNotFoundError:
                        pass  # a step's own staging folder, gone since we listed it
            state.site.rename(retired)
        staging.rename(state.site)
        state.version += 1
        state.error = ""
    shutil.rmtree(retired, ignore_errors=True)


def rebuild(root: Path, state: SiteState) -> str:
    """prepare, mkdocs build into staging, swap in; returns a line of timings (or raises)."""
    start = time.perf_counter()
    staging = state.site.with_name(f".{state.site.name}-staging")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
        prepare_docs(root, staging / SNAPSHOT)  # the post-build steps read this copy of source/
        prepared = time.perf_counter()
        build_site(root, staging)
        with STOP.deferred():  # a stop in the middle of the renames would leave no site at all
            swap_in(staging, state)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    done = time.perf_counter()
    return f"built in {done - start:.2f} s (prepare {prepared - start:.2f} s, mkdocs {done - prepared:.2f} s)"


def start_postbuild(root: Path, site: Path) -> subprocess.Popen:
    """The slow steps on the built site (search index, downloads), in a process of their own
    so that a newer change can stop them."""
    command = [sys.executable, str(root / "scripts" / "postbuild.py"), str(site)]
    # unbuffered: its lines reach the terminal as they come, not lost when a change stops it;
    # a session of its own: the terminal's Ctrl-C is ours to handle (we end it, no traceback)
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(command, env=environment, start_new_session=True)


def stop_postbuild(process: subprocess.Popen) -> None:
    """End the post-build steps and what they started (Pagefind's binary), so that nothing
    writes into the site while the next build is swapped in."""
    try:
        os.killpg(process.pid, signal.SIGTERM)  # its own session: the group is its own
    except ProcessLookupError:
        pass  # it ended on its own meanwhile
    process.wait()


# --- watching


def watched_files(root: Path) -> dict[str, tuple[int, int]]:
    """Path → (mtime in ns, size) of every file under the watched paths."""
    seen = {}
    for name in WATCHED:
        top = root / name
        for path in [top] if top.is_file() else sorted(top.rglob("*")):
            try:
                info = path.stat()
            except OSError:
                continue  # removed while we looked: the next look sees it gone
            if path.is_file():
                seen[str(path.relative_to(root))] = (info.st_mtime_ns, info.st_size)
    return seen


def changed(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    """The files added, removed or changed between two looks.

    >>> changed({"a": (1, 1), "b": (1, 1)}, {"a": (2, 1), "c": (1, 1)})
    ['a', 'b', 'c']
    """
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


# --- serving


def make_handler(state: SiteState) -> type[http.server.SimpleHTTPRequestHandler]:
    """A request handler for the current build: quiet, uncached, with the reload script."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(state.site), **kwargs)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # quiet: the terminal is for the build's messages

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            if self.path.split("?")[0] == VERSION_URL:
                self._send(200, "application/json", json.dumps(vars_of(state)).encode())
                return
            super().do_GET()

        def send_head(self) -> io.BytesIO | object | None:
            with state.lock:
                if not (state.site / "index.html").is_file():  # no good build yet: wait for one
                    return self._html(503, NO_SITE_YET, state.version)
                path = Path(self.translate_path(self.path))
                if (
                    path.is_dir()
                    and (path / "index.html").is_file()
                    and self.path.split("?")[0].endswith("/")
                ):
                    path = path / "index.html"
                if path.suffix == ".html" and path.is_file():
                    return self._html(200, path.read_bytes(), state.version)
                if not path.exists() and (state.site / "404.html").is_file():
                    return self._html(404, (state.site / "404.html").read_bytes(), state.version)
                return super().send_head()

        def _html(self, status: int, page: bytes, version: int) -> io.BytesIO:
            script = (RELOAD_SCRIPT % (version, VERSION_URL, POLL_SECONDS * 1000)).encode()
            head_end = page.find(b"</head>")
            page = page[:head_end] + script + page[head_end:] if head_end >= 0 else page + script
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            return io.BytesIO(page)

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def vars_of(state: SiteState) -> dict[str, object]:
    return {"version": state.version, "error": state.error}


class QuietServer(http.server.ThreadingHTTPServer):
    """The threading server, silent about a client that hangs up mid-answer (a reload, a closed
    tab, a prefetch cut short): that is no error of the edition's, and a traceback each time
    buried the build's own messages (247 of them under 200 parallel requests)."""

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], HUNG_UP):
            return
        super().handle_error(request, client_address)


HUNG_UP = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


def open_server(port: int, state: SiteState) -> http.server.ThreadingHTTPServer:
    """Bind 127.0.0.1:port; a busy port is a one-line message, not a traceback."""
    try:
        server = QuietServer(("127.0.0.1", port), make_handler(state))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise BuildFailed(
                f"error: port {port} is in use (another `make serve`?): choose another, "
                f"e.g. make serve PORT={port + 1}"
            ) from None
        raise BuildFailed(f"error: cannot serve on 127.0.0.1:{port}: {error.strerror}") from None
    server.daemon_threads = True
    return server


# --- the loop


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class StopRequest:
    """SIGTERM or Ctrl-C: stop at once, except inside a swap, which is finished first.

    A signal's exception can land anywhere, even inside `shutil.rmtree`'s own clean-up,
    which then raises `OSError` in its place; so a stop is also known by its flag."""

    def __init__(self) -> None:
        self.requested = False
        self.deferring = 0

    def __call__(self, signum: int, frame: object) -> None:
        self.requested = True
        if not self.deferring:
            raise KeyboardInterrupt

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Within this block a stop waits for the block's end."""
        self.deferring += 1
        try:
            yield
        finally:
            self.deferring -= 1
        if self.requested and not self.deferring:
            raise KeyboardInterrupt


STOP = StopRequest()


def run(root: Path, port: int) -> int:
    state = SiteState(site=root / "site")
    server = open_server(port, state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    signal.signal(signal.SIGTERM, STOP)
    signal.signal(signal.SIGINT, STOP)
    postbuild: subprocess.Popen | None = None
    try:
        seen = watched_files(root)
        pending = True
        say(f"building; then serving http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        while True:
            if pending:
                pending = False
                if postbuild and postbuild.poll() is None:
                    stop_postbuild(postbuild)  # a newer change: its work would be swapped out anyway
                    postbuild = None
                    say("postbuild stopped: a newer change")
                try:
                    say(rebuild(root, state))
                    postbuild = start_postbuild(root, state.site)
                except BuildFailed as failure:
                    if STOP.requested:  # the stop's exception, caught inside MkDocs and made a failure
                        raise KeyboardInterrupt from None
                    state.error = str(failure)
                    kept = (
                        "the site keeps the last good build"
                        if (state.site / "index.html").is_file()
                        else "nothing to serve until it is fixed"
                    )
                    say(f"{failure}  ({kept})")
            time.sleep(POLL_SECONDS)
            now = watched_files(root)
            if names := changed(seen, now):
                say(f"changed: {', '.join(names[:3])}{' …' if len(names) > 3 else ''}")
                seen, pending = now, True
            if postbuild and postbuild.poll() not in (None, 0):
                say(f"error: postbuild exited with status {postbuild.returncode} (see above)")
                postbuild = None
    except KeyboardInterrupt:
        say("stopping")
    except Exception:
        if not STOP.requested:
            raise
        say("stopping")  # the stop's exception became another one on its way out (see StopRequest)
    finally:
        if postbuild and postbuild.poll() is None:
            stop_postbuild(postbuild)
        server.shutdown()
        server.server_close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    args = parser.parse_args(argv)
    try:
        return run(ROOT, args.port)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
