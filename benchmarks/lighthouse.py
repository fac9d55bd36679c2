"""Lighthouse (mobile) performance and accessibility scores of every chapter of the built site.

    python benchmarks/lighthouse.py                   # the built site, _build/html
    python benchmarks/lighthouse.py path/to/html      # another built site
    python benchmarks/lighthouse.py --json out.json   # also write the numbers
    python benchmarks/lighthouse.py --gzip            # serve text gzipped, as a real host does

Lighthouse is not a dependency of the book (not in package.json): the first run installs the
npm package ``lighthouse@12.8.2`` (the last release that runs on Node 20) into a throw-away
cache directory, ``benchmarks/.lighthouse`` (git-ignored), and runs it from there with
``CHROME_PATH=/usr/bin/chromium``. The site is served from 127.0.0.1; Lighthouse's default
mobile profile applies (simulated slow 4G and a 4x slower CPU). A benchmark, not a test: the
goals are performance >= 0.9 and accessibility 1.0 on every chapter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _site import arguments, served

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".lighthouse"
VERSION = "12.8.2"
CHROMIUM = "/usr/bin/chromium"



def lighthouse() -> Path:
    """The lighthouse CLI, installed into the throw-away cache on first use."""
    cli = CACHE / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        (CACHE / "package.json").write_text('{"private": true}\n')
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                        f"lighthouse@{VERSION}"], cwd=CACHE, check=True)
    return cli


def chapters(html: Path) -> list[str]:
    return sorted(p.relative_to(html).as_posix() for p in (html / "notebooks").glob("*.html"))


def score(cli: Path, url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
             "--only-categories=performance,accessibility",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=600)
        data = json.loads(report.read_text())
    audits = data["audits"]
    refs = {r["id"] for r in data["categories"]["accessibility"]["auditRefs"]}
    failed = sorted(k for k in refs if audits.get(k, {}).get("score") == 0)
    return {
        "performance": data["categories"]["performance"]["score"],
        "accessibility": data["categories"]["accessibility"]["score"],
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "accessibility_failed": failed,
    }


def main(argv: list[str]) -> None:
    html, out = arguments(argv)
    cli = lighthouse()
    results = {}
    with served(html, compress="--gzip" in argv) as base:
        for path in chapters(html):
            results[path] = r = score(cli, base + path)
            print(f"{path:45s} performance {r['performance']:.2f}  accessibility "
                  f"{r['accessibility']:.2f}  FCP {r['fcp_ms']:.0f} ms  LCP {r['lcp_ms']:.0f} ms  "
                  f"TBT {r['tbt_ms']:.0f} ms  {r['bytes'] / 1e3:.0f} kB  "
                  f"{' '.join(r['accessibility_failed'])}", flush=True)
    if out:
        out.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
