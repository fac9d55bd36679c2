"""Page weight and main-thread blocking of every chapter of the built site, on a cold load.

    python benchmarks/page_weight.py                  # the built site, _build/html
    python benchmarks/page_weight.py path/to/html     # another built site (e.g. an older build)
    python benchmarks/page_weight.py --json out.json  # also write the numbers

For each page (in headless Chromium, a fresh context each time: nothing cached), served from
127.0.0.1: the bytes fetched until the network is idle (HTTP bodies as served, no compression:
Python's http.server does not compress, so these are upper bounds; and the same bodies gzipped,
about what a host that compresses, such as GitHub Pages, sends),
the number of requests, the total blocking time (the sum over main-thread tasks longer than
50 ms of their excess over 50 ms, from the Long Tasks API, up to 2 s after load), the longest
task, and when MathJax finished typesetting if the page uses MathJax (pages whose maths is
rendered at build time have nothing to wait for). Median of 3 loads. Also the built site's size.

Numbers depend on the machine; they are a benchmark, not a test.
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
from pathlib import Path

from _site import arguments, served

CHROMIUM = "/usr/bin/chromium"
RUNS = 3

OBSERVE_JS = """
window.__lb = {long: []};
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__lb.long.push(e.duration); })
  .observe({type: 'longtask', buffered: true});
"""
MATHJAX_JS = """async () => {
  if (!(window.MathJax && MathJax.startup && MathJax.startup.promise)) return null;
  await MathJax.startup.promise; return performance.now(); }"""



def pages(html: Path) -> list[str]:
    keep = []
    for p in sorted(html.rglob("*.html")):
        rel = p.relative_to(html).as_posix()
        if rel.startswith(("_static", "_sources", "_images")) or rel in ("genindex.html", "search.html"):
            continue
        if 'http-equiv="refresh"' in p.read_text(encoding="utf-8"):
            continue
        keep.append(rel)
    return keep


def measure(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    sizes: list[int] = []
    gzipped: list[int] = []

    def on_response(resp):
        try:
            body = resp.body()
            sizes.append(len(body))
            gzipped.append(len(gzip.compress(body, 6)))
        except Exception:  # a redirect or an aborted request has no body
            pass

    page = context.new_page()
    page.add_init_script(OBSERVE_JS)
    page.on("response", on_response)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    typeset = page.evaluate(MATHJAX_JS)
    page.wait_for_timeout(2000)
    long_tasks = page.evaluate("window.__lb.long")
    nav = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    context.close()
    return {"bytes": sum(sizes), "gzip_bytes": sum(gzipped), "requests": len(sizes),
            "tbt_ms": sum(max(0.0, t - 50) for t in long_tasks),
            "longest_task_ms": max(long_tasks, default=0.0), "load_ms": nav,
            "mathjax_done_ms": typeset}


def site_bytes(html: Path) -> int:
    return sum(p.stat().st_size for p in html.rglob("*") if p.is_file())


def main(argv: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    html, out = arguments(argv)
    results = {}
    with served(html) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu"])
        for path in pages(html):
            runs = [measure(browser, base + path) for _ in range(RUNS)]
            results[path] = {k: (statistics.median(r[k] for r in runs)
                                 if runs[0][k] is not None else None) for k in runs[0]}
        browser.close()
    print(f"site: {html}  total size {site_bytes(html) / 1e6:.1f} MB")
    print(f"{'page':45s} {'kB':>7s} {'gzip kB':>7s} {'req':>4s} {'TBT ms':>7s} {'longest':>8s} {'MathJax done':>12s}")
    for path, r in results.items():
        mj = "-" if r["mathjax_done_ms"] is None else f"{r['mathjax_done_ms']:.0f} ms"
        print(f"{path:45s} {r['bytes'] / 1e3:7.0f} {r['gzip_bytes'] / 1e3:7.0f} {r['requests']:4.0f} {r['tbt_ms']:7.0f} "
              f"{r['longest_task_ms']:8.0f} {mj:>12s}")
    if out:
        out.write_text(json.dumps({"site_bytes": site_bytes(html), "pages": results}, indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
