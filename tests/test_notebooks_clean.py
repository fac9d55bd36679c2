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

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 2


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
