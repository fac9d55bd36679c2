"""The published book in a real browser, served from 127.0.0.1 with the network cut.

Every page of the built site loads with no console error, no failed request and no request
off the machine, and its math is typeset by the local MathJax. The live figures (the neuron
race and the KL explorer) respond to their controls and show the numbers that the Python
package computes. The race's update and load times are measured and saved to tests/artifacts/.
"""

from __future__ import annotations

import json
import os
import re
import statistics
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOT = ROOT / "book" / "_static" / "screenshots" / "race.png"

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


def _page_with(marker: str) -> str:
    """The page whose HTML contains ``marker`` (the mount point of a live figure)."""
    html = site_dir()
    hits = [p for p in _pages() if marker in (html / p).read_text(encoding="utf-8")]
    assert hits, f"no page of the built site contains {marker!r}: is the chapter in _toc.yml?"
    return hits[0]


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
