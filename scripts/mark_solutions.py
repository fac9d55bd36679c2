"""Mark every exercise's solution cells, so that the answer stays hidden until a reader opens it.

    python scripts/mark_solutions.py                  # every notebook in notebooks/
    python scripts/mark_solutions.py notebooks/04_softmax.ipynb
    python scripts/mark_solutions.py --check          # change nothing; exit 1 if a cell is unmarked

A solution (docs: the team's shared conventions) is a markdown cell that starts with
``<details>`` + ``<summary>Solution</summary>`` and ends with ``</details>``, followed by the code
cells that check it (every code cell up to the next markdown cell). Each of these cells gets the
tag ``solution``; each code cell also gets the tag ``hide-input`` and the metadata
``"jupyter": {"source_hidden": true, "outputs_hidden": true}``, which JupyterLab reads to show
the cell collapsed (its code AND its output). The site turns each run of ``solution`` cells into
one collapsed block (book/_ext/lossbook_site.py).

Idempotent: a marked notebook is left byte for byte as it was. Only metadata changes; sources and
outputs are untouched.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOLUTION_START = re.compile(r"^\s*<details>\s*<summary>\s*Solution\s*</summary>")
TAG = "solution"


def is_solution_markdown(cell) -> bool:
    """True for the markdown part of a solution: ``<details><summary>Solution</summary>`` ..."""
    return cell.cell_type == "markdown" and bool(SOLUTION_START.match("".join(cell.source)))


def solution_cells(nb) -> list[int]:
    """Indices of the solution cells: each solution's markdown cell and the code cells after it."""
    found = []
    inside = False
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            inside = is_solution_markdown(cell)
            if inside:
                found.append(i)
        elif cell.cell_type == "code" and inside:
            found.append(i)
    return found


def _add_tag(cell, tag: str) -> None:
    tags = cell.metadata.setdefault("tags", [])
    if tag not in tags:
        tags.append(tag)


def mark(nb) -> None:
    """Tag and collapse a notebook's solution cells (in place)."""
    for i in solution_cells(nb):
        cell = nb.cells[i]
        _add_tag(cell, TAG)
        if cell.cell_type == "code":
            _add_tag(cell, "hide-input")
            jupyter = cell.metadata.setdefault("jupyter", {})
            jupyter["source_hidden"] = True
            jupyter["outputs_hidden"] = True


def unmarked(nb) -> list[str]:
    """What is missing, cell by cell (empty when every solution cell is marked)."""
    missing = []
    expected = set(solution_cells(nb))
    for i in sorted(expected):
        cell = nb.cells[i]
        if TAG not in cell.metadata.get("tags", []):
            missing.append(f"cell {i}: no tag {TAG!r}")
        if cell.cell_type == "code":
            if "hide-input" not in cell.metadata.get("tags", []):
                missing.append(f"cell {i}: no tag 'hide-input'")
            jupyter = cell.metadata.get("jupyter", {})
            if not (jupyter.get("source_hidden") is True and jupyter.get("outputs_hidden") is True):
                missing.append(f"cell {i}: not collapsed in JupyterLab "
                               "(jupyter.source_hidden and jupyter.outputs_hidden)")
    for i, cell in enumerate(nb.cells):
        if TAG in cell.metadata.get("tags", []) and i not in expected:
            missing.append(f"cell {i}: tagged {TAG!r} but not part of a solution")
    return missing


def main(args: list[str]) -> int:
    check = "--check" in args
    paths = [Path(a) for a in args if a != "--check"] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    status = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if check:
            for problem in unmarked(nb):
                print(f"{path.name}: {problem}")
                status = 1
            continue
        before = nbformat.writes(nb)
        mark(nb)
        if nbformat.writes(nb) != before:
            nbformat.write(nb, path)
            print(f"{path.name}: marked {len(solution_cells(nb))} solution cells")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
