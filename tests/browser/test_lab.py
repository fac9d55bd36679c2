"""The live figures in JupyterLab 4 (anywidget views fed by the kernel), driven in Chromium.

Starts a private JupyterLab on 127.0.0.1 (random port and token, its own settings, runtime
and IPython directories, kernels over IPC sockets, no autosave: see figures_helpers.JupyterLab),
so that another JupyterLab on the machine can neither be joined nor disturbed. It opens a
notebook with one cell per figure, called as the chapters call them, runs all cells, then moves
the sliders with the keyboard and clicks presets through the page, and checks that what each
figure shows equals what :mod:`lossbook` computes for the settings in use. Every wait has a
time limit (no test can hang); no timing is asserted (see benchmarks/figures.py).

    python -m pytest tests/browser/test_lab.py -q
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures_helpers import (FIGURES, JupyterLab, check_matches_python,  # noqa: E402
                             make_notebook, open_and_run_all, setting, settings_now, settle)

ERROR_OUTPUTS = (".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
                 " .jp-OutputArea-output.jp-mod-error")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("notebooks")
    make_notebook(root / "figures.ipynb")
    with JupyterLab(root, tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.fixture(scope="module")
def page(lab, chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(120_000)
    try:
        page = context.new_page()
        open_and_run_all(page, lab, "figures.ipynb")
        settle(page)
        yield page
    finally:
        context.close()


def figure(page, name: str):
    return page.locator(f".jp-OutputArea-output [data-testid='{name}']")


def test_every_figure_renders_as_a_widget(page):
    errors = page.locator(ERROR_OUTPUTS)
    assert errors.count() == 0, [errors.nth(i).inner_text()[:500] for i in range(errors.count())]
    body = page.locator(".jp-Notebook").inner_text()
    for bad in ("Error displaying widget", "Loading widget", "Traceback"):
        assert bad not in body
    for name in FIGURES:
        assert figure(page, name).count() == 1, f"{name}: not rendered (or rendered twice)"
        # the anywidget view, not the site's mount point
        assert page.locator(f".jp-OutputArea-output .lossbook-figure[data-figure='{name}']").count() == 0


@pytest.mark.parametrize("name", list(FIGURES))
def test_figure_follows_the_keyboard_and_equals_python(page, name):
    fig, root = FIGURES[name], figure(page, name)
    root.scroll_into_view_if_needed()
    check_matches_python(root, fig, "after Run All")
    for key in fig.sliders:
        before = setting(settings_now(root), key)
        root.locator(f"[data-testid='slider-{key}']").focus()
        for _ in range(3):
            page.keyboard.press("ArrowLeft" if key == "q" else "ArrowRight")
        settle(page)
        assert setting(settings_now(root), key) != before, f"{name}: the arrow keys did not move {key}"
        check_matches_python(root, fig, f"after 3 arrow keys on {key}")
    for preset in fig.presets:
        root.locator(f"[data-testid='preset-{preset}']").click()
        settle(page)
        check_matches_python(root, fig, f"after the preset {preset}")


def test_keys_on_a_slider_stay_with_the_slider(page):
    """Without the view stopping keydown, JupyterLab's command mode takes the arrow keys."""
    name = next(iter(FIGURES))
    root = figure(page, name)
    active = "() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].findIndex(c => c.classList.contains('jp-mod-active'))"
    inp = root.locator(f"[data-testid='slider-{FIGURES[name].sliders[0]}']")
    inp.focus()
    cell, value = page.evaluate(active), inp.input_value()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    settle(page)
    assert page.evaluate(active) == cell, "the notebook moved to another cell"
    assert inp.input_value() != value, "the slider did not move"
