"""Build the runnable download: every chapter, with exactly what it needs on a reader's machine.

    python scripts/build_download.py       # (make download) -> _build/html/downloads/<name>.zip

The zip holds one folder, ``cross-entropy-not-mse/``, with

* ``notebooks/``: every notebook of the book (executed, as committed), and ``book/``: the
  book's Markdown pages (notation, glossary, references, introduction) the chapters link to;
* ``lossbook-<version>-py3-none-any.whl``: the book's package, built from this checkout by
  ``pip wheel --no-deps`` (its JavaScript figures and type marker included);
* ``requirements.txt``: what running the notebooks in JupyterLab needs, pinned to the
  versions the notebooks were checked with, and the wheel itself;
* ``README.md``: the one command that installs them and starts JupyterLab.

Nothing about the build leaks: every notebook is checked for absolute paths of this machine
(in its metadata and outputs) and the build fails if it finds one; the zip's entries are
sorted, with one fixed timestamp (the last commit's, or 1980-01-01 outside git) and fixed
permissions, and the wheel is built with SOURCE_DATE_EPOCH, so the same sources give the
same bytes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from importlib.metadata import version
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from lossbook_downloads import DOWNLOADS_DIR, ZIP_NAME  # noqa: E402  (one home for the names)

FOLDER = "cross-entropy-not-mse"
#: What the notebooks import or need to run in JupyterLab (distribution names), nothing of the
#: site's build or test tools. Pinned to the versions installed here, which ran them.
RUNTIME = ["numpy", "scipy", "sympy", "matplotlib", "scikit-learn", "anywidget", "ipywidgets",
           "ipykernel", "jupyterlab"]
FIRST_CHAPTER = "notebooks/01_loss_and_mse.ipynb"
#: Absolute paths of a build machine (POSIX homes and scratch dirs, Windows drives, file URLs).
LEAKS = re.compile(r"(?<![\w.])(/work/|/tmp/|/home/|/root/|/Users/|/private/var/|[A-Z]:\\\\|file://)")

README = """# {title}: the chapters, runnable

{description}

This folder holds every chapter of the book as a Jupyter notebook (`notebooks/`), the book's
reference pages (`book/`), the small package the chapters share (`{wheel}`) and the list
of what they need (`requirements.txt`). The notebooks are saved with their outputs: you can
read them as they are, or run them again.

## Run them

With Python {python} or newer, in this folder:

```bash
python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/jupyter lab {first}
```

(On Windows: `py -m venv .venv`, then `.venv\\Scripts\\pip install -r requirements.txt` and
`.venv\\Scripts\\jupyter lab {first}`.)

JupyterLab opens the first chapter. Run Kernel → "Restart Kernel and Run All Cells": the
interactive figures are anywidget widgets and need the running kernel. Solutions to the exercises are
in collapsed cells at the end of each chapter.
"""


def commit_time() -> int:
    """The last commit's time (seconds since 1970), or 1980-01-01 (the zip format's first day)."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                             text=True, check=True, timeout=60).stdout.strip()
        return max(int(out), 315532800)
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired, ValueError):
        return 315532800


def toc_files() -> list[str]:
    """The book's pages in _toc.yml order, as repo-relative paths with their suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for p in toc.get("parts", []) for c in p["chapters"]]
    out = []
    for name in names:
        for suffix in (".ipynb", ".md"):
            if (ROOT / (name + suffix)).exists():
                out.append(name + suffix)
                break
        else:
            raise SystemExit(f"_toc.yml names {name}, which has no .ipynb or .md")
    return out


def clean_notebook(path: Path) -> bytes:
    """The notebook as the reader gets it: no widget state, no timings; no machine paths."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    text = nbformat.writes(nb) + "\n"
    leak = LEAKS.search(text)
    if leak:
        line = text[: leak.start()].count("\n") + 1
        raise SystemExit(f"{path.relative_to(ROOT)} line {line}: an absolute path of this machine "
                         f"({text[leak.start():leak.start() + 60]!r}); re-run the notebook so "
                         "its outputs print no paths")
    return text.encode("utf-8")


def build_wheel(epoch: int, into: Path) -> Path:
    """``pip wheel --no-deps`` on a clean copy of the package's sources (what pyproject.toml
    packages), so no build/ or egg-info is left in the checkout and none is reused."""
    src = into / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "lossbook", src / "lossbook",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    env.pop("PYTHONPATH", None)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(into),
         str(src)], capture_output=True, text=True, env=env, timeout=600)
    if done.returncode != 0:
        raise SystemExit("pip wheel failed:\n" + done.stdout[-3000:] + done.stderr[-3000:])
    (wheel,) = into.glob("lossbook-*.whl")
    return wheel


def requirements(wheel_name: str) -> str:
    lines = [
        "# What the chapters need to run in JupyterLab: the versions they were checked with.",
        "# Install from this folder: pip install -r requirements.txt",
        *[f"{name}=={version(name)}" for name in RUNTIME],
        "# The book's own package (this folder's wheel).",
        f"./{wheel_name}",
    ]
    return "\n".join(lines) + "\n"


def build(out: Path) -> dict:
    epoch = commit_time()
    stamp = time.gmtime(epoch)[:6]
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    files: dict[str, bytes] = {}
    for rel in toc_files():
        path = ROOT / rel
        files[rel] = clean_notebook(path) if rel.endswith(".ipynb") else path.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_wheel(epoch, Path(tmp))
        files[wheel.name] = wheel.read_bytes()
    files["requirements.txt"] = requirements(wheel.name).encode()
    context = config.get("sphinx", {}).get("config", {}).get("html_context", {})
    description = " ".join(str(context.get("description", "")).split()) or (
        "Why classifiers are trained with cross-entropy and not mean squared error.")
    python = re.search(r'requires-python\s*=\s*">=([\d.]+)"',
                       (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
    files["README.md"] = README.format(title=config["title"], description=description,
                                       wheel=wheel.name, python=python,
                                       first=FIRST_CHAPTER).encode()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = out.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp_out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for rel in sorted(files):
            info = zipfile.ZipInfo(f"{FOLDER}/{rel}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the machine
            zf.writestr(info, files[rel])
    tmp_out.replace(out)
    return {"files": sorted(files), "wheel": wheel.name}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "_build" / "html" / DOWNLOADS_DIR / ZIP_NAME)
    args = ap.parse_args(argv)
    start = time.perf_counter()
    info = build(args.out)
    print(f"{args.out}: {len(info['files'])} files, {args.out.stat().st_size / 1e6:.1f} MB "
          f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
