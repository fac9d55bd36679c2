"""Build the PDF edition of the book: the whole book as one PDF, from the same sources.

    python scripts/build_pdf.py            # (make pdf) -> _build/html/downloads/<name>.pdf

1. ``jupyter-book build . -W --keep-going --builder singlehtml --path-output _build/pdf``:
   the whole book as one HTML page (in its own directory, so the site's build is untouched).
   ``book/_ext/lossbook_downloads.py`` adds the print stylesheet and script (book/_print/)
   to this build only.
2. Chromium (Debian's, driven by Playwright; no network) opens that page from 127.0.0.1 and
   waits until the fonts have loaded (the maths is typeset by KaTeX at build time, so only its
   fonts need waiting for) and every live figure's mount point
   (``.lossbook-figure[data-figure]``) holds the SVG the site's JavaScript drew, whatever the
   script, and each figure that computes in the page (the digits, ``[data-done]``) has been
   scrolled into view and has finished. A live figure is printed as that drawing: its default
   state.
3. ``lossbookPrint.prepare()`` (book/_print/print.js) keeps the book's text only, opens every
   solution, adds a title page and the contents; the page is printed once, each contents
   entry's page is read from the PDF's named destinations (pypdf), the numbers are filled in
   and the page is printed again (until the numbers no longer move).

Also writes ``_build/pdf/manifest.json`` (the contents with their pages, the live figures'
drawn text, the page count), which ``tests/test_pdf.py`` checks against the PDF.
The LaTeX builder would also work, but costs about 1 GB of TeX on every fresh machine.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from lossbook_downloads import DOWNLOADS_DIR, PDF_NAME  # noqa: E402  (one home for the names)

OUT_DIR = ROOT / "_build" / "pdf"
SINGLE = OUT_DIR / "_build" / "singlehtml"
PRINT_PAGE = "book-print.html"
CHROMIUM = "/usr/bin/chromium"
# A4 minus the side margins of book/_print/print.css (17 mm each): the live figures lay
# themselves out at the width they will be printed at.
VIEWPORT = {"width": 665, "height": 1000}

WAIT_MATH_JS = """async () => { await document.fonts.ready; }"""  # KaTeX's fonts: the maths is HTML
FIGURES_DRAWN_JS = """() => [...document.querySelectorAll('.lossbook-figure[data-figure]')]
  .every(m => m.querySelector('svg'))"""
FIGURES_JS = """() => [...document.querySelectorAll('.lossbook-figure[data-figure]')].map(m => ({
  figure: m.getAttribute('data-figure'),
  text: [...m.querySelectorAll('svg text')].map(t => t.textContent.trim()).filter(Boolean)}))"""
IMAGES_LOADED_JS = "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"


def footer(title: str) -> str:
    """Chromium's footer template: the book's title and the page number."""
    return (
        '<div style="width:100%;font-size:8pt;font-family:sans-serif;color:#555;'
        'text-align:center;padding:0 17mm;">'
        f'{title} &middot; <span class="pageNumber"></span> / <span class="totalPages"></span></div>'
    )


def build_singlehtml() -> None:
    jb = shutil.which("jupyter-book", path=str(Path(sys.executable).parent)) or "jupyter-book"
    cmd = [jb, "build", ".", "-W", "--keep-going", "--builder", "singlehtml",
           "--path-output", str(OUT_DIR.relative_to(ROOT))]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("singlehtml build failed:\n" + done.stdout[-4000:] + done.stderr[-4000:])


def print_page() -> Path:
    """The single page, at the site's root so its relative links (_static/, _images/) resolve.

    (The singlehtml builder names it after the root document, book/intro.html, one folder
    down, but writes its links relative to the root.) It has no search index: drop its link.
    """
    html = (SINGLE / "book" / "intro.html").read_text(encoding="utf-8")
    html = re.sub(r'<script src="searchindex\.js"></script>\s*', "", html)
    out = SINGLE / PRINT_PAGE
    out.write_text(html, encoding="utf-8")
    return out


def parts_of_toc() -> dict[str, str]:
    """Each document's part caption in _toc.yml (e.g. 'Chapters', 'Reference')."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return {c["file"]: p.get("caption", "") for p in toc.get("parts", []) for c in p["chapters"]}


def page_numbers(pdf: bytes, ids: list[str]) -> dict[str, int]:
    """The page (from 1) of each id, from the named destinations Chromium writes for link targets."""
    reader = PdfReader(io.BytesIO(pdf))
    dests = reader.named_destinations
    pages = {}
    for i in ids:
        dest = dests.get("/" + i) or dests.get(i)
        if dest is not None:
            pages[i] = reader.get_destination_page_number(dest) + 1
    return pages


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def render(title: str, author: str) -> tuple[bytes, dict]:
    handler = functools.partial(_Quiet, directory=str(SINGLE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    problems: list[str] = []
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context(viewport=VIEWPORT, color_scheme="light")

            def route(r):  # nothing may come from another host
                if urlsplit(r.request.url).hostname == "127.0.0.1" or r.request.url.startswith(
                        ("data:", "blob:", "about:")):
                    r.continue_()
                else:
                    problems.append(f"request off the machine: {r.request.url}")
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("response", lambda r: r.status >= 400 and problems.append(
                f"HTTP {r.status}: {r.url}"))
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{PRINT_PAGE}",
                      wait_until="load")
            page.evaluate(WAIT_MATH_JS)
            try:
                page.wait_for_function(FIGURES_DRAWN_JS, timeout=60_000)
                # A figure that computes in the page (the digits) starts when the reader nears
                # it, and says when it is complete (data-done): bring each into view, wait.
                for busy in page.locator(".lossbook-figure [data-done]").all():
                    busy.scroll_into_view_if_needed()
                    page.wait_for_function("(el) => el.getAttribute('data-done') === '1'",
                                           arg=busy.element_handle(), timeout=120_000)
                page.wait_for_function(IMAGES_LOADED_JS, timeout=60_000)
            except Exception as exc:  # noqa: BLE001 - re-raised with what is missing
                raise SystemExit(f"the page did not finish drawing: {exc}") from None
            figures = page.evaluate(FIGURES_JS)
            entries = page.evaluate("(o) => lossbookPrint.prepare(o)", {
                "title": title, "author": author, "parts": parts_of_toc(),
                "note": "The PDF edition of the website. Its live figures are shown in their "
                        "default state; on the website they move.",
            })
            page.evaluate(f"() => {{ document.title = {json.dumps(title)}; }}")
            page.evaluate(WAIT_MATH_JS)
            options = dict(prefer_css_page_size=True, print_background=True, outline=True,
                           tagged=True, display_header_footer=True,
                           header_template="<span></span>", footer_template=footer(title))
            ids = [e["id"] for e in entries]
            pages: dict[str, int] = {}
            for _ in range(4):  # the numbers fill fixed-width slots: one more pass settles them
                page.evaluate("(p) => lossbookPrint.setPages(p)", pages)
                pdf = page.pdf(**options)
                found = page_numbers(pdf, ids)
                if found == pages:
                    break
                pages = found
            else:
                problems.append("the contents' page numbers did not settle")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    missing = [e["id"] for e in entries if e["id"] not in pages]
    if missing:
        problems.append(f"no page found for contents entries {missing}")
    if problems:
        raise SystemExit("PDF build failed:\n  " + "\n  ".join(problems))
    for e in entries:
        e["page"] = pages[e["id"]]
    manifest = {"pages": len(PdfReader(io.BytesIO(pdf)).pages), "contents": entries,
                "live_figures": figures}
    return pdf, manifest


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "_build" / "html" / DOWNLOADS_DIR / PDF_NAME)
    ap.add_argument("--skip-build", action="store_true", help="reuse _build/pdf's singlehtml")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    if not args.skip_build:
        build_singlehtml()
    built = time.perf_counter()
    print_page()
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    pdf, manifest = render(config["title"], config.get("author", ""))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf)
    manifest["pdf"] = str(args.out.resolve().relative_to(ROOT)) if args.out.resolve().is_relative_to(ROOT) else str(args.out)
    (OUT_DIR / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False),
                                           encoding="utf-8")
    done = time.perf_counter()
    print(f"{args.out}: {manifest['pages']} pages, {len(pdf) / 1e6:.1f} MB "
          f"(singlehtml {built - start:.0f} s, print {done - built:.0f} s)")


if __name__ == "__main__":
    main()
