"""Execute chapter notebooks in place, top to bottom in a fresh kernel, as nbval will.

    python scripts/run_notebooks.py                 # every notebook in notebooks/
    python scripts/run_notebooks.py notebooks/02_neuron_race.ipynb

The saved notebook keeps its outputs (which nbval then compares) but no widget state and no
timing metadata: widget state would make the book load the ipywidgets manager from a CDN,
and timings would change on every run. Cells tagged ``hide-input`` are also collapsed in
JupyterLab, and exercise solutions are marked (scripts/mark_solutions.py: code and output
collapsed). A notebook with an error or stderr output is not saved.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mark_solutions import mark as mark_solutions  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def run(path: Path) -> float:
    """Execute one notebook in its own folder and save it; return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,
    )
    client.execute()
    problems = [
        f"cell {i}: {out.get('ename') or out.get('name')}"
        for i, cell in enumerate(nb.cells)
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
        or (out.get("output_type") == "stream" and out.get("name") == "stderr")
    ]
    if problems:
        raise SystemExit(f"{path.name}: error or stderr output in " + ", ".join(problems))
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = KERNELSPEC
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("lines_to_next_cell", None)
        if "hide-input" in cell.metadata.get("tags", []):  # collapsed in JupyterLab too
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    mark_solutions(nb)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(args: list[str]) -> None:
    paths = [Path(a) for a in args] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        print(f"{path.name}: {run(path.resolve()):.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
