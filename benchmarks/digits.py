"""How fast the digits figure trains in the browser, and how long the page is ever blocked.

    python benchmarks/digits.py [--runs 5]

Opens the figure from disk in headless Chromium (the site's bundle, as a saved copy of the site
runs it) and measures, for the default settings and for a click on each preset: the time to the
first frame of the new run and to the end of training (both losses), and the longest main-thread
task (PerformanceObserver "longtask": the page is blocked for that long at most). Medians over
``--runs`` page loads; written to tests/artifacts/digits_timing.json. Goals: a full run of the
default settings under 1 s, no task over 50 ms.

Then the same figure in JupyterLab (a private server, as tests/browser/test_digits_figure.py
starts it; skip with ``--no-lab``): the kernel trains, so for a click on each preset it measures
the time to the first redraw and to the trained figure (``--runs`` clicks each, medians).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from figures_helpers import (ARTIFACTS, JupyterLab, figures_page, make_notebook,  # noqa: E402
                             open_and_run_all, settle)
from test_digits_figure import DIGITS  # noqa: E402

PROBE = """() => {
  window.__long = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long = Math.max(window.__long, e.duration); })
    .observe({type: 'longtask'});  // tasks from now on
  const plot = document.querySelector("[data-testid='digits-plot']");
  window.__marks = {};
  new MutationObserver(() => {
    const t = performance.now(), m = window.__marks;
    if (plot.getAttribute('data-done') === '0' && document.querySelector("[data-testid='digits-status']").textContent.startsWith('Training'))
      m.first = m.first || t;
    if (plot.getAttribute('data-done') === '1') m.done = m.done || t;
  }).observe(plot, {attributes: true});
}"""


#: In JupyterLab the result arrives whole from the kernel: the first redraw after a click and
#: the moment the figure shows both runs complete.
LAB_PROBE = """() => {
  const plot = document.querySelector(".jp-OutputArea-output [data-testid='digits-plot']");
  window.__marks = {};
  new MutationObserver(() => {
    const t = performance.now(), m = window.__marks;
    m.first = m.first || t;
    if (plot.getAttribute('data-done') === '1') m.done = m.done || t;
  }).observe(plot, {attributes: true, attributeFilter: ['data-version', 'data-done']});
}"""


def time_preset(page, probe: str, button: str, row: dict[str, list[float]]) -> None:
    """Click a preset with ``probe`` installed; add its first frame and trained times to ``row``."""
    page.evaluate(probe)
    t0 = page.evaluate("() => performance.now()")
    page.click(button)
    page.wait_for_function("() => window.__marks.done", timeout=120_000)
    m = page.evaluate("() => window.__marks")
    row.setdefault("first frame (ms)", []).append(m.get("first", m["done"]) - t0)
    row.setdefault("trained (ms)", []).append(m["done"] - t0)


def lab_rows(browser, runs: int) -> dict[str, dict[str, list[float]]]:
    """First redraw and trained figure after each preset's click, the kernel computing."""
    rows: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root, home = Path(tmp) / "notebooks", Path(tmp) / "lab"
        root.mkdir()
        home.mkdir()
        make_notebook(root / "digits.ipynb", figures=DIGITS)
        with JupyterLab(root, home) as lab:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(120_000)
            open_and_run_all(page, lab, "digits.ipynb")
            page.wait_for_selector(".jp-OutputArea-output [data-testid='digits-plot'][data-done='1']")
            settle(page)
            for _ in range(runs):
                for preset in ("saturated", "shared", "standard"):
                    time_preset(page, LAB_PROBE, f".jp-OutputArea-output [data-testid='preset-{preset}']",
                                rows.setdefault(f"JupyterLab, preset {preset}", {}))
                    settle(page)
            page.close()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-lab", action="store_true", help="measure the site only")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    rows: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        url = figures_page(Path(tmp) / "digits.html", figures=DIGITS)
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-background-networking"])
        for _ in range(args.runs):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.add_init_script("""window.__long = 0; new PerformanceObserver((l) => { for (const e of l.getEntries())
              window.__long = Math.max(window.__long, e.duration); }).observe({type: 'longtask', buffered: true});""")
            page.goto(url)
            page.wait_for_selector("[data-testid='digits-plot'][data-done='1']", timeout=120_000)
            load = page.evaluate("() => window.__long")
            done_at = page.evaluate("() => performance.now()")
            row = rows.setdefault("default settings, page load to trained", {})
            row.setdefault("trained (ms after load start)", []).append(done_at)
            row.setdefault("longest task (ms)", []).append(load)
            for preset in ("saturated", "shared", "standard"):
                row = rows.setdefault(f"preset {preset}", {})
                time_preset(page, PROBE, f"[data-testid='preset-{preset}']", row)
                row.setdefault("longest task (ms)", []).append(page.evaluate("() => window.__long"))
            page.close()
        if not args.no_lab:
            rows.update(lab_rows(browser, args.runs))
        browser.close()
    out = {name: {k: round(statistics.median(v), 1) for k, v in row.items()} for name, row in rows.items()}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "digits_timing.json").write_text(json.dumps(out, indent=1))
    for name, row in out.items():
        print(f"{name:<40} " + "   ".join(f"{k} {v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
