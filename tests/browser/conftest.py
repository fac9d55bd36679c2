"""Fixtures for the browser tests: a headless Chromium and the built book served on 127.0.0.1.

* ``chromium_browser`` (session): Debian's Chromium driven by Playwright's sync API. Playwright
  downloads no browser here; if /usr/bin/chromium is missing the tests FAIL (they are part of
  the suite, not optional): install it with ``make browser``.
* ``site_url`` (session): ``_build/html`` served by ``http.server`` on 127.0.0.1 and a free
  port, in a thread. If ``_build/html/index.html`` is missing, the book is built first with
  ``jupyter-book build . -W --keep-going``. ``LOSSBOOK_SITE_DIR`` may name another built site.
* ``offline_context`` (function): a fresh browser context (no cache, no cookies) in which every
  request that does not go to 127.0.0.1 is recorded and aborted, as if the network were cut.
  Its ``.watch`` records console errors, page errors, failed requests and HTTP errors.
* ``new_page`` (function): a factory ``new_page(width=1280, scheme="light")`` of pages, each in
  its own offline context of that viewport width and ``prefers-color-scheme``, closed after
  the test; ``page.context.watch`` as above.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Schemes that never touch the network.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def site_dir() -> Path:
    return Path(os.environ.get("LOSSBOOK_SITE_DIR", ROOT / "_build" / "html")).resolve()


def page_with_figure(figure: str) -> str:
    """The built site's page (relative to its root) that mounts the live figure ``figure``."""
    html = site_dir()
    hits = sorted(p for p in html.rglob("*.html") if not p.relative_to(html).parts[0].startswith("_")
                  and f'data-figure="{figure}"' in p.read_text(encoding="utf-8"))
    assert hits, f"no page of the built site mounts the figure {figure!r}: is it in _toc.yml?"
    return hits[0].relative_to(html).as_posix()


def is_local(url: str) -> bool:
    """True for URLs that stay on this machine: 127.0.0.1, or data:/blob:/about: URLs."""
    if url.startswith(LOCAL_SCHEMES):
        return True
    return urlsplit(url).hostname == "127.0.0.1"


@pytest.fixture(scope="session")
def chromium_browser():
    """Headless Debian Chromium (Playwright sync API), shared by every browser test."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests need Debian's Chromium. "
            "Install it with `make browser` (sudo apt-get install chromium).",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -r requirements.txt", pytrace=False)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="session")
def site_dir_built() -> Path:
    """The built site's directory, building the book first if it has not been built."""
    html = site_dir()
    if not (html / "index.html").exists():
        if "LOSSBOOK_SITE_DIR" in os.environ:
            pytest.fail(f"LOSSBOOK_SITE_DIR={html} holds no index.html", pytrace=False)
        jb = shutil.which("jupyter-book", path=str(Path(sys.executable).parent)) or "jupyter-book"
        done = subprocess.run(
            [jb, "build", ".", "-W", "--keep-going"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not (html / "index.html").exists():
            pytest.fail(
                "jupyter-book build . -W --keep-going failed:\n" + done.stdout[-4000:]
                + done.stderr[-4000:],
                pytrace=False,
            )
    return html


@pytest.fixture(scope="session")
def site_url(site_dir_built):
    """Base URL (ending in '/') of the built book, served from 127.0.0.1 on a free port."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir_built))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Watch:
    """What went wrong while pages were open in one context."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed_requests]
            + [f"request off the machine: {m}" for m in self.external_requests]
        )

    def clear(self) -> None:
        for items in (self.console_errors, self.page_errors, self.failed_requests,
                      self.external_requests):
            items.clear()


def _offline(browser, width: int = 1200, height: int = 900, scheme: str = "light"):
    """A new context where requests off 127.0.0.1 are recorded and aborted; ``.watch`` set."""
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    watch = Watch()

    def route(r):
        url = r.request.url
        if is_local(url):
            r.continue_()
        else:
            watch.external_requests.append(url)
            r.abort("internetdisconnected")

    def on_page(page):
        page.on("console", lambda m: m.type == "error" and watch.console_errors.append(
            f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: watch.page_errors.append(f"{page.url}: {e}"))

    def on_failed(req):
        if is_local(req.url):  # external ones are already recorded (and aborted on purpose)
            watch.failed_requests.append(f"{req.url} ({req.failure})")

    def on_response(resp):
        if resp.status >= 400:
            watch.failed_requests.append(f"{resp.url} (HTTP {resp.status})")

    context.route("**/*", route)
    context.on("page", on_page)
    context.on("requestfailed", on_failed)
    context.on("response", on_response)
    context.watch = watch
    return context


@pytest.fixture
def offline_context(chromium_browser):
    """A fresh context where requests off 127.0.0.1 are recorded and aborted (network cut)."""
    context = _offline(chromium_browser)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def new_page(chromium_browser):
    """``new_page(width=1280, scheme="light")``: a page in its own offline context."""
    contexts = []

    def make(width: int = 1280, scheme: str = "light", height: int = 900):
        context = _offline(chromium_browser, width=width, height=height, scheme=scheme)
        contexts.append(context)
        return context.new_page()

    try:
        yield make
    finally:
        for context in contexts:
            context.close()
