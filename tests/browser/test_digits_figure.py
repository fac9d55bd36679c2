"""The digits figure in a real browser: trained in the page on the site, by the kernel in JupyterLab.

On a page opened from disk (as a saved copy of the site is), the figure loads the digits,
trains both runs in slices and shows their final accuracies; a reader moves a learning rate
with the keyboard and clicks a preset, and after each the page must show exactly what
:func:`lossbook.live.digits_result` computes in Python. It is checked with axe-core in light
and dark mode, and at 390 px. In JupyterLab the same view is an anywidget fed by the kernel.
Every wait has a time limit; no timing is asserted (see benchmarks/digits.py).

    python -m pytest tests/browser/test_digits_figure.py -q
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures_helpers import (Figure, JupyterLab, disk_figures_page, fmt_f, figures_page,  # noqa: E402
                             make_notebook, open_and_run_all, run_axe, settings_now, settle)

from conftest import page_with_figure  # noqa: E402
from lossbook import live  # noqa: E402


def expected(s: dict) -> dict[str, str]:
    """The four final accuracies the figure must show, from Python."""
    r = live.digits_result(s)
    return {f"digits-{k}-{part}": fmt_f(r["runs"][k][f"{part}_accuracy"][-1], 3)
            for k in ("mse", "ce") for part in ("test", "train")}


DIGITS = {"digits": Figure("digits", "digits_trainer",
                           "from lossbook.widgets import digits_trainer\n\ndigits_trainer()",
                           ["lr_mse", "lr_ce"], expected, ["saturated", "standard"])}
DONE = "[data-testid='digits-plot'][data-done='1']"


def shown(root) -> dict[str, str]:
    return {t: root.locator(f"[data-testid='{t}']").inner_text().strip() for t in expected_keys()}


def expected_keys() -> list[str]:
    return [f"digits-{k}-{part}" for k in ("mse", "ce") for part in ("test", "train")]


def wait_done(root, version_before: int | None = None, timeout_ms: int = 120_000) -> None:
    """Until the figure has redrawn (when version_before is given) and both runs are complete."""
    plot = root.locator("[data-testid='digits-plot']")
    plot.scroll_into_view_if_needed()  # the site trains when the reader nears the figure
    if version_before is not None:
        plot.page.wait_for_function(
            "([el, v]) => Number(el.getAttribute('data-version')) > v", arg=[plot.element_handle(), version_before],
            timeout=timeout_ms)
    root.locator(DONE).wait_for(timeout=timeout_ms)


def version(root) -> int:
    return int(root.locator("[data-testid='digits-plot']").get_attribute("data-version"))


def check(root, where: str) -> None:
    s = settings_now(root)
    want, got = expected(s), shown(root)
    assert got == want, f"{where}: settings {s}: the page shows {got}, Python {want}"


@pytest.fixture
def disk_page(chromium_browser, tmp_path):
    with disk_figures_page(chromium_browser, tmp_path / "digits.html", DIGITS) as page:
        yield page


def test_trains_in_the_page_and_equals_python(disk_page):
    page = disk_page
    root = page.locator("[data-testid='digits']")
    wait_done(root)
    check(root, "the default settings")
    for key in ("lr_mse", "lr_ce"):
        before, v0 = settings_now(root)[key], version(root)
        root.locator(f"[data-testid='slider-{key}']").focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        wait_done(root, v0)
        assert settings_now(root)[key] > before, f"the arrow keys did not raise {key}"
        check(root, f"after two arrow keys on {key}")
        inp = root.locator(f"[data-testid='slider-{key}']")
        assert inp.get_attribute("aria-valuetext") == root.locator(f"[data-testid='value-{key}']").inner_text()
    for preset in ("saturated", "shared"):
        v0 = version(root)
        root.locator(f"[data-testid='preset-{preset}']").click()
        wait_done(root, v0)
        assert settings_now(root) == live.DIGITS_PRESETS[preset]
        check(root, f"after the preset {preset}")


def test_a_new_setting_abandons_the_run_in_progress(disk_page):
    page = disk_page
    root = page.locator("[data-testid='digits']")
    wait_done(root)
    root.locator("[data-testid='preset-saturated']").click()
    # at once, before that run can finish: another setting
    root.locator("[data-testid='slider-trial']").focus()
    page.keyboard.press("ArrowRight")
    wait_done(root)
    s = settings_now(root)
    assert s["trial"] == 1 and s["scale"] == 1.0
    check(root, "after a change during training")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_accessible_and_fits_a_phone(chromium_browser, tmp_path, dark, width):
    context = chromium_browser.new_context(viewport={"width": width, "height": 900},
                                           color_scheme="dark" if dark else "light")
    try:
        page = context.new_page()
        page.goto(figures_page(tmp_path / "digits.html", dark=dark, figures=DIGITS))
        wait_done(page.locator("[data-testid='digits']"))
        assert run_axe(page, ".lossbook-figure") == []
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= width, f"the page is {wide} px wide in a {width} px window"
        label = page.locator("[data-testid='digits-plot']").get_attribute("aria-label")
        assert "test accuracy" in label and "MSE" in label
    finally:
        context.close()


def test_on_the_site_it_loads_and_trains_when_the_reader_nears_it(site_url, new_page):
    """The chapter's first screen does not fetch the digits nor train; scrolling to the figure
    does both, and the figure ends as Python says."""
    chapter = page_with_figure("digits")
    page = new_page(width=390)
    fetched = []
    page.on("request", lambda r: "digits-data.js" in r.url and fetched.append(r.url))
    page.goto(site_url + chapter, wait_until="load")
    page.wait_for_load_state("networkidle")
    root = page.locator("[data-testid='digits']")
    page.wait_for_timeout(500)
    assert not fetched, "the digits were fetched before the reader came near the figure"
    assert root.locator("[data-testid='digits-plot']").get_attribute("data-done") == "0"
    wait_done(root)  # scrolls the figure into view
    assert len(fetched) == 1, fetched
    check(root, "the site, default settings")


@pytest.fixture(scope="module")
def lab_page(tmp_path_factory, chromium_browser):
    root = tmp_path_factory.mktemp("notebooks")
    make_notebook(root / "digits.ipynb", figures=DIGITS)
    with JupyterLab(root, tmp_path_factory.mktemp("lab")) as lab:
        context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(120_000)
        try:
            page = context.new_page()
            open_and_run_all(page, lab, "digits.ipynb")
            settle(page)
            yield page
        finally:
            context.close()


def test_in_jupyterlab_the_kernel_trains(lab_page):
    page = lab_page
    root = page.locator(".jp-OutputArea-output [data-testid='digits']")
    root.wait_for()
    wait_done(root)
    check(root, "JupyterLab, default settings")
    root.locator("[data-testid='slider-lr_ce']").focus()
    page.keyboard.press("ArrowLeft")
    settle(page)
    wait_done(root)
    assert settings_now(root)["lr_ce"] < live.DIGITS_DEFAULTS["lr_ce"], "the arrow key did not reach the slider"
    check(root, "JupyterLab, after an arrow key on lr_ce")
    root.locator("[data-testid='preset-saturated']").click()
    settle(page)
    wait_done(root)
    check(root, "JupyterLab, after the saturated preset")
