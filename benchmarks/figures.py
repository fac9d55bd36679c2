"""How fast each live figure answers a slider, on the site and in JupyterLab.

    python benchmarks/figures.py [--moves N] [--only race,kl] [--no-lab]

For every figure (tests/browser/figures_helpers.FIGURES), three numbers:

* **kernel**: the Python side of one move, ``fig.set(key=value)`` (lossbook.live computes the
  result and the widget serialises it), median of N moves;
* **site**: one slider move in the site bundle (the figure's view over its JavaScript twin), from
  the ``input`` event to the end of the style and layout it causes (read of offsetHeight), in
  Chromium, on a page opened from disk, median of N moves. Target: under one frame, 16 ms;
* **JupyterLab**: a key press (ArrowRight/ArrowLeft) on the slider to the figure's *settled*
  redraw: the last DOM change inside the widget after the keydown (figure and text; the
  screen-reader announcement, delayed on purpose, is left out), once the kernel is idle and
  nothing has changed for 400 ms, median of N presses; also the first DOM change. Target:
  settled under 50 ms.

It prints a Markdown table and writes it with all the samples to
tests/artifacts/figures_speed.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from figures_helpers import (ARTIFACTS, FIGURES, PROBE_JS, JupyterLab,  # noqa: E402
                             figures_page, key_to_settled, make_notebook, open_and_run_all, settle)

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]

SITE_JS = """(root, [key, n]) => {
  const el = root.querySelector('[data-testid="slider-' + key + '"]');
  const lo = Number(el.min), hi = Number(el.max), out = [];
  for (let i = 0; i < n; i++) {
    el.value = String(lo + (hi - lo) * (0.2 + 0.6 * ((i * 7) % n) / n));
    const t0 = performance.now();
    el.dispatchEvent(new Event('input', {bubbles: true}));
    void root.offsetHeight;
    out.push(performance.now() - t0);
  }
  return out;
}"""


def kernel_times(name: str, key: str, n: int) -> list[float]:
    """ms for fig.set(key=...) in Python plus the JSON the widget sends, over n slider values."""
    import numpy as np

    from lossbook import widgets

    from lossbook.live import _z_of_u

    f = getattr(widgets, FIGURES[name].factory)()
    if key == "zlog":  # the stability figure's logit slider, on a signed log10 scale
        lo, hi, step = -3.0, 3.0, 0.05
    else:
        lo, hi, step = type(f).RANGES.get(key) or type(f).RANGES[key.rstrip("0123456789")]
    out = []
    for i in range(n):
        v = float(np.round((lo + (hi - lo) * (0.2 + 0.6 * ((i * 7) % n) / n)) / step) * step)
        change = {"z": _z_of_u(round(v, 10))} if key == "zlog" else {key: v}
        t0 = time.perf_counter()
        f.set(**change)
        json.dumps(f.result, allow_nan=False)
        out.append((time.perf_counter() - t0) * 1e3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--moves", type=int, default=20)
    ap.add_argument("--only", default="")
    ap.add_argument("--no-lab", action="store_true")
    args = ap.parse_args()
    names = [n for n in FIGURES if not args.only or n in args.only.split(",")]
    figs = {n: FIGURES[n] for n in names}
    results: dict[str, dict] = {n: {} for n in names}

    for n in names:
        results[n]["kernel"] = kernel_times(n, figs[n].sliders[0], args.moves)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                     args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(figures_page(tmp / "figures.html", figures=figs))
        for n, fig in figs.items():
            root = page.locator(f".lossbook-figure[data-figure='{n}'] [data-testid='{n}']")
            root.wait_for()
            root.evaluate(SITE_JS, [fig.sliders[0], 5])  # warm up
            results[n]["site"] = root.evaluate(SITE_JS, [fig.sliders[0], args.moves])
        page.close()

        if not args.no_lab:
            (tmp / "nb").mkdir()
            make_notebook(tmp / "nb" / "figures.ipynb", figs)
            with JupyterLab(tmp / "nb", tmp / "lab") as lab:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.set_default_timeout(120_000)
                open_and_run_all(page, lab, "figures.ipynb")
                settle(page)
                for n, fig in figs.items():
                    root = page.locator(f".jp-OutputArea-output [data-testid='{n}']")
                    root.scroll_into_view_if_needed()
                    root.evaluate(PROBE_JS)
                    key_to_settled(page, root, f"slider-{fig.sliders[0]}", "ArrowRight")  # warm up
                    samples = [key_to_settled(page, root, f"slider-{fig.sliders[0]}",
                                              "ArrowRight" if i % 2 else "ArrowLeft")
                               for i in range(args.moves)]
                    results[n]["lab_first"] = [s["first"] for s in samples]
                    results[n]["lab_settled"] = [s["settled"] for s in samples]
                page.close()
        browser.close()

    med = lambda xs: statistics.median(xs) if xs else float("nan")  # noqa: E731
    lines = ["| figure (slider) | kernel: fig.set, ms | site: slider move, ms (target < 16) "
             "| JupyterLab: key to first change, ms | JupyterLab: key to settled redraw, ms (target < 50) |",
             "| --- | --- | --- | --- | --- |"]
    for n in names:
        r = results[n]
        lines.append(f"| {n} ({figs[n].sliders[0]}) | {med(r['kernel']):.1f} | {med(r['site']):.1f} "
                     f"(max {max(r['site']):.1f}) | {med(r.get('lab_first', [])):.0f} "
                     f"| {med(r.get('lab_settled', [])):.0f} |")
    table = "\n".join(lines)
    print(f"medians of {args.moves} moves each\n\n{table}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "figures_speed.json").write_text(json.dumps(
        {"moves": args.moves, "table": table, "samples_ms": results}, indent=1))


if __name__ == "__main__":
    main()
