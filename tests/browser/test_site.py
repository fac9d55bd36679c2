"""The published book in a real browser, served from 127.0.0.1 with the network cut.

Every page of the built site loads with no console error, no failed request and no request
off the machine, and its math is typeset by the local MathJax. (The live figures are tested in
tests/browser/test_figures.py.)
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: A redirect page (the site's index.html sends readers to the first page).
REFRESH = re.compile(r'http-equiv="refresh" content="\d+;\s*url=([^"]+)"', re.I)
#: TeX that must not survive typesetting in the visible text of a page.
RAW_TEX = re.compile(r"\\frac|\\partial|\\sigma|\\log|\\sum|\$\$|\\\(|\\\[")


def site_dir() -> Path:
    """The built site (as in conftest.py: ``LOSSBOOK_SITE_DIR`` or ``_build/html``)."""
    return Path(os.environ.get("LOSSBOOK_SITE_DIR", ROOT / "_build" / "html")).resolve()


def _pages() -> list[str]:
    """Every HTML page of the built site, relative to its root (assets and sources excluded).

    The generated index and search pages are included: readers reach them from every page.
    """
    html = site_dir()
    return sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if not p.relative_to(html).parts[0].startswith(("_static", "_sources", "_images"))
    )


# The page's visible text (sidebar and chapter titles included), without code and its outputs
# (which may show TeX on purpose, e.g. a Matplotlib label) and without what MathJax produced.
VISIBLE_TEXT_JS = """() => {
  const root = document.body.cloneNode(true);
  root.querySelectorAll('pre, code, script, style, mjx-container, mjx-assistive-mml, .cell_input,'
    + ' .highlight, .MathJax_Preview').forEach(e => e.remove());
  return root.textContent;
}"""

MATH_STATE_JS = """async () => {
  const maths = document.querySelectorAll('.math');
  if (!maths.length) return {maths: 0};
  if (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) return {maths: maths.length, mathjax: false};
  await MathJax.startup.promise;
  const untypeset = [...maths].filter(e => !e.querySelector('mjx-container')).map(e => e.textContent.slice(0, 80));
  const errors = [...document.querySelectorAll('mjx-merror')].map(e => e.getAttribute('data-mjx-error') || e.textContent);
  return {maths: maths.length, mathjax: true, containers: document.querySelectorAll('mjx-container').length,
          untypeset, errors};
}"""


def _check_page(page, site_url: str, path: str) -> list[str]:
    """Open one page; return what is wrong with its math (requests are checked by the caller)."""
    redirect = REFRESH.search((site_dir() / path).read_text(encoding="utf-8"))
    page.goto(site_url + path, wait_until="load")
    if redirect:  # index.html is a redirect to the first page
        page.wait_for_url(site_url + redirect.group(1), wait_until="load")
    state = page.evaluate(MATH_STATE_JS)
    page.wait_for_load_state("networkidle")
    wrong = []
    if state["maths"]:
        if not state["mathjax"]:
            return [f"{state['maths']} math elements but MathJax did not load"]
        if state["untypeset"]:
            wrong.append(f"math left untypeset: {state['untypeset']}")
        if state["errors"]:
            wrong.append(f"MathJax errors: {state['errors']}")
    raw = sorted(set(RAW_TEX.findall(page.evaluate(VISIBLE_TEXT_JS))))
    if raw:
        wrong.append(f"raw TeX left in the visible text: {raw}")
    return wrong


def test_every_page_loads_offline_with_typeset_math(site_url, offline_context):
    """Every page: no console error, no failed or off-machine request, all math typeset."""
    pages = _pages()
    assert "index.html" in pages and len(pages) > 3, pages
    report = {}
    page = offline_context.new_page()
    for path in pages:
        wrong = _check_page(page, site_url, path)
        wrong += offline_context.watch.problems()
        offline_context.watch.clear()
        if wrong:
            report[path] = wrong
    print(f"\nchecked {len(pages)} pages offline: " + ", ".join(pages))
    assert not report, "\n".join(f"{p}:\n  " + "\n  ".join(w) for p, w in report.items())
