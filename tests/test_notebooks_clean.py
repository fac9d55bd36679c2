"""The committed notebooks are what a reader should see: executed, in order, with no errors.

nbval checks that every notebook re-executes to its committed outputs; these checks catch
what nbval cannot: a cell never run, cells run out of order, an error or a warning that was
committed as an output (nbval would reproduce it and pass), or widget state that would make
the HTML book fetch the ipywidgets manager from a CDN.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _toc_notebooks() -> list[Path]:
    """The notebooks the book's table of contents (_toc.yml) lists."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    return sorted(ROOT / (f + ".ipynb") for f in files if (ROOT / (f + ".ipynb")).exists())


def test_the_notebooks_are_the_books_chapters():
    """Every notebook is in the book and every notebook the book lists is checked here."""
    toc = _toc_notebooks()
    assert len(toc) >= 6, toc
    assert NOTEBOOKS == toc, {"not in _toc.yml": sorted(set(NOTEBOOKS) - set(toc)),
                              "in _toc.yml, missing": sorted(set(toc) - set(NOTEBOOKS))}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_executed_in_order_and_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    counts = [c["execution_count"] for c in code]
    assert all(isinstance(n, int) for n in counts), f"{path.name}: a code cell was never executed"
    assert counts == list(range(1, len(code) + 1)), f"{path.name}: not run top to bottom in a fresh kernel"
    for i, cell in enumerate(code):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name}: code cell {i} has an error output"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), (
                f"{path.name}: code cell {i} wrote to stderr: {''.join(out['text'])[:200]}"
            )
    assert "widgets" not in nb["metadata"], f"{path.name}: saved widget state (the book would load it from a CDN)"
    assert nb["metadata"].get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_hidden_solutions_are_hidden_in_jupyterlab_too(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if "hide-input" in cell["metadata"].get("tags", []):
            assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True, (
                f"{path.name}: cell {i} is hidden in the book but not in JupyterLab"
            )


def _mark_solutions():
    """scripts/mark_solutions.py, imported as a module (scripts/ is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("mark_solutions", ROOT / "scripts" / "mark_solutions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_solution_cell_is_marked(path):
    """Each solution's cells carry the tag `solution`; its code cells are collapsed in JupyterLab.

    The site collapses the cells tagged `solution` into one block; JupyterLab hides a code
    cell's source and output when jupyter.source_hidden and jupyter.outputs_hidden are set.
    Fix with: python scripts/mark_solutions.py
    """
    import nbformat

    ms = _mark_solutions()
    nb = nbformat.read(path, as_version=4)
    problems = ms.unmarked(nb)
    assert not problems, f"{path.name} (run scripts/mark_solutions.py):\n" + "\n".join(problems)


def test_the_solution_check_finds_an_unmarked_solution():
    """The check above fails on an unmarked solution, and mark_solutions fixes it, idempotently."""
    import nbformat

    ms = _mark_solutions()
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("**Exercise 9.1.** Why?"),
        nbformat.v4.new_markdown_cell("<details>\n<summary>Solution</summary>\n\nBecause.\n\n</details>"),
        nbformat.v4.new_code_cell("print(42)", metadata={"tags": ["hide-input"]}),
        nbformat.v4.new_markdown_cell("**Exercise 9.2.** And?"),
        nbformat.v4.new_code_cell("print('not a solution')"),
    ])
    assert len(ms.unmarked(nb)) == 3
    ms.mark(nb)
    assert ms.unmarked(nb) == []
    once = nbformat.writes(nb)
    ms.mark(nb)
    assert nbformat.writes(nb) == once
    assert "solution" not in nb.cells[4].metadata.get("tags", [])
    assert nb.cells[2].metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}
