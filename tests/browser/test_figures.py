"""The live figures in a real browser: the site bundle's views over their JavaScript twins.

Each figure is driven as a reader would (keyboard, dragging, presets) on a page opened from
disk (``file://``, as a saved copy of the site is), and what it shows is compared with what
:mod:`lossbook` computes. Every figure is checked for accessibility (axe-core, WCAG 2.2 A/AA)
in light and dark mode at 1280 and 390 px, for target sizes, for a page that does not scroll
sideways, for one screen-reader announcement per settled change, and for keeping its keys
from the page (JupyterLab). Then the chapters of the built book: the race and the KL explorer
are mounted where the chapters show them, live and equal to Python.

    python -m pytest tests/browser/test_figures.py -q
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figures_helpers import (FIGURES, check_matches_python, disk_figures_page, figures_page,  # noqa: E402
                             run_axe, setting, settings_now)

from conftest import page_with_figure, site_dir  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def disk_page(chromium_browser, tmp_path):
    """A page with every figure, opened from disk; fails the test on any script error."""
    with disk_figures_page(chromium_browser, tmp_path / "figures.html") as page:
        for name in FIGURES:
            page.wait_for_selector(f".lossbook-figure[data-figure='{name}'] [data-testid='{name}']")
        yield page


def root_of(page, name: str):
    return page.locator(f".lossbook-figure[data-figure='{name}'] [data-testid='{name}']")


def version(root, name: str) -> int:
    return int(root.locator(f"[data-testid='{name}-plot']").get_attribute("data-version"))


@pytest.mark.parametrize("name", list(FIGURES))
def test_figure_is_live_and_equals_python(disk_page, name):
    page, fig = disk_page, FIGURES[name]
    root = root_of(page, name)
    check_matches_python(root, fig, "at start")
    start = settings_now(root)
    for key in fig.sliders:
        # from the keyboard, as a reader would
        v0, n0 = version(root, name), setting(settings_now(root), key)
        root.locator(f"[data-testid='slider-{key}']").focus()
        for _ in range(3):
            page.keyboard.press("ArrowLeft" if key == "q" else "ArrowRight")
        assert setting(settings_now(root), key) != n0, f"{name}: the arrow keys did not move {key}"
        assert version(root, name) > v0, f"{name}: moving {key} did not redraw"
        check_matches_python(root, fig, f"after 3 arrow keys on {key}")
        # and by dragging (the value jumps; input events fire)
        inp = root.locator(f"[data-testid='slider-{key}']")
        lo, hi = float(inp.get_attribute("min")), float(inp.get_attribute("max"))
        inp.evaluate("(el, v) => { el.value = String(v); el.dispatchEvent(new Event('input', {bubbles: true})); }",
                     lo + 0.3 * (hi - lo))
        check_matches_python(root, fig, f"after dragging {key}")
    assert settings_now(root) != start
    for preset in fig.presets:
        root.locator(f"[data-testid='preset-{preset}']").click()
        check_matches_python(root, fig, f"after the preset {preset}")


def test_race_presets_set_every_control(disk_page):
    from lossbook.live import RACE_PRESETS, check_race

    root = root_of(disk_page, "race")
    root.locator("[data-testid='preset-slowdown-2-2']").click()
    assert settings_now(root) == pytest.approx(check_race(RACE_PRESETS["slowdown-2-2"]))
    assert root.locator("[data-testid='toggle-learn_bias']").is_checked()
    slowdown = root.locator("[data-testid='race-counts']").inner_text()
    root.locator("[data-testid='preset-source']").click()
    assert root.locator("[data-testid='count-mse']").inner_text() == "287"
    assert root.locator("[data-testid='race-counts']").inner_text() != slowdown
    # the tolerance slider is on a log scale and says so in the units it shows
    tol = root.locator("[data-testid='slider-tol']")
    assert tol.input_value() == "-3" and tol.get_attribute("aria-valuetext") == "0.001"


def test_race_player_moves_the_shown_iteration(disk_page):
    root = root_of(disk_page, "race")
    state = root.locator("[data-testid='race-state']")
    root.locator("[data-testid='step']").click()  # from the end, "step" starts over at t = 0
    assert re.search(r"MSE\s*0\s*0\.9000", state.inner_text())
    root.locator("[data-testid='step']").click()
    assert re.search(r"MSE\s*1\s", state.inner_text())
    root.locator("[data-testid='reset']").click()
    assert re.search(r"MSE\s*287\s", state.inner_text())


def test_kl_units(disk_page):
    root = root_of(disk_page, "kl")
    root.locator("[data-testid='select-base']").select_option("bits")
    check_matches_python(root, FIGURES["kl"], "in bits")
    assert settings_now(root)["base"] == "bits"


def test_one_announcement_per_settled_change(chromium_browser, tmp_path):
    """Six quick key presses give one announcement once the figure settles (the 700 ms debounce).

    The page's clock is Playwright's fake clock: time moves only when the test advances it, so
    a stalled (loaded) machine cannot stretch the 60 ms between presses past the debounce.
    """
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.clock.install()
        page.goto(figures_page(tmp_path / "figures.html"))
        for name in FIGURES:
            page.wait_for_selector(f".lossbook-figure[data-figure='{name}'] [data-testid='{name}']")
        page.clock.run_for(2000)  # every figure's start announcement
        for name, fig in FIGURES.items():
            root = root_of(page, name)
            region = root.locator("[data-testid='announce']")
            assert region.get_attribute("aria-live") == "polite"
            region.evaluate("""el => { window.__said = 0;
                new MutationObserver(() => window.__said++).observe(el, {childList: true, characterData: true, subtree: true}); }""")
            root.locator(f"[data-testid='slider-{fig.sliders[0]}']").focus()
            for _ in range(6):
                page.keyboard.press("ArrowRight")
                page.clock.run_for(60)
            assert page.evaluate("() => window.__said") == 0, f"{name}: announced before settling"
            page.clock.run_for(1200)
            assert page.evaluate("() => window.__said") == 1, f"{name}: not exactly one announcement"
            said = region.inner_text()
            label = root.locator(f"[data-testid='{name}-plot']").get_attribute("aria-label")
            assert said and said in label, f"{name}: the figure's description does not state the result"
            want = fig.expected(settings_now(root))
            for t in (want.values() if fig.announced is None else [want[k] for k in fig.announced]):
                assert t in said, f"{name}: the announcement {said!r} lacks {t!r}"
    finally:
        context.close()
    assert not errors, errors


def test_keys_stay_in_the_figure(disk_page):
    """JupyterLab handles keydown on the notebook: the view stops it at its root."""
    page = disk_page
    page.evaluate("() => { window.__leaked = 0; document.addEventListener('keydown', () => window.__leaked++); }")
    for name, fig in FIGURES.items():
        root_of(page, name).locator(f"[data-testid='slider-{fig.sliders[0]}']").focus()
        page.keyboard.press("ArrowRight")
    assert page.evaluate("() => window.__leaked") == 0


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_figures_accessible(chromium_browser, tmp_path, width, dark):
    context = chromium_browser.new_context(viewport={"width": width, "height": 900},
                                           color_scheme="dark" if dark else "light")
    try:
        page = context.new_page()
        page.goto(figures_page(tmp_path / "figures.html", dark=dark))
        page.wait_for_selector(".lossbook-fig")
        page.wait_for_timeout(900)
        violations = run_axe(page, ".lossbook-fig")
        assert not violations, "\n".join(violations)
        # nothing widens the page
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"the page is {widths[0]} px wide in a {widths[1]} px window"
        # every control shown is a 24 px target, and is labelled in words
        small = page.evaluate("""() => [...document.querySelectorAll('.lossbook-fig input, .lossbook-fig button, .lossbook-fig select')]
            .map(e => [e.getAttribute('data-testid'), e.getBoundingClientRect()])
            .filter(([id, r]) => (r.width > 0 || r.height > 0) && (r.width < 24 || r.height < 24)).map(([id, r]) => id + ' ' + r.width + 'x' + r.height)""")
        assert not small, f"targets under 24 px: {small}"
        labels = page.evaluate("""() => [...document.querySelectorAll('.lossbook-fig input, .lossbook-fig select')]
            .map(e => e.labels && e.labels[0] ? e.labels[0].textContent : '')""")
        assert all(len(t.split()) >= 2 or t in ("units",) for t in labels), labels
        assert not {"eta", "max_steps", "tol", "w0", "b0", "learn_bias"} & set(labels)
        # no light box on a dark page: the figure's own background is transparent
        bgs = page.evaluate("() => [...document.querySelectorAll('.lossbook-fig, .lossbook-panel')].map(e => getComputedStyle(e).backgroundColor)")
        assert set(bgs) == {"rgba(0, 0, 0, 0)"}, bgs
        if width == 1280:  # focus rings are not clipped by the figure
            for name, fig in FIGURES.items():
                inp = root_of(page, name).locator(f"[data-testid='slider-{fig.sliders[0]}']")
                inp.focus()
                page.keyboard.press("Tab")
                page.keyboard.press("Shift+Tab")
                clipped = inp.evaluate("""el => { let p = el.parentElement; const r = el.getBoundingClientRect();
                    while (p) { const s = getComputedStyle(p);
                      if (s.overflow !== 'visible' || s.overflowX !== 'visible') { const q = p.getBoundingClientRect();
                        if (r.left - 4 < q.left || r.right + 4 > q.right) return p.className; }
                      p = p.parentElement; } return ''; }""")
                assert not clipped, f"{name}: the focus ring is clipped by {clipped}"
    finally:
        context.close()


# --- the chapters of the built book ----------------------------------------------------------


@pytest.mark.parametrize("name", ["race", "kl"])
def test_chapter_figure_is_live_on_the_site(site_url, offline_context, name):
    assert (site_dir() / "_static" / "lossbook-figures.js").exists(), \
        "the site bundle is not in _static: see html_static_path in _config.yml"
    page = offline_context.new_page()
    page.goto(site_url + page_with_figure(name), wait_until="load")
    root = page.locator(f".lossbook-figure[data-figure='{name}'] [data-testid='{name}']")
    root.wait_for()
    fig = FIGURES[name]
    check_matches_python(root, fig, "on its chapter page")
    root.locator(f"[data-testid='slider-{fig.sliders[0]}']").focus()
    page.keyboard.press("ArrowRight")
    check_matches_python(root, fig, "after a key press on its chapter page")
    page.evaluate("() => document.documentElement.setAttribute('data-theme', 'dark')")
    violations = run_axe(page, ".lossbook-fig")
    assert not violations, "dark mode:\n" + "\n".join(violations)
    problems = offline_context.watch.problems()
    assert not problems, "\n".join(problems)


def test_line_step_button_descends(disk_page):
    from lossbook.live import line_fit_result

    root = root_of(disk_page, "line")
    root.locator("[data-testid='preset-source-0-0']").click()
    before = line_fit_result(settings_now(root))
    root.locator("[data-testid='step']").click()
    s = settings_now(root)
    assert (s["w"], s["b"]) == pytest.approx((before["next"]["w"], before["next"]["b"]), abs=1e-12)
    check_matches_python(root, FIGURES["line"], "after a gradient-descent step")
    assert float(root.locator("[data-testid='line-J']").inner_text()) < before["J"]
    assert root.locator("[data-testid='line-S']").inner_text() != "34.0000"


def test_stability_typed_logit(disk_page):
    root = root_of(disk_page, "stability")
    box = root.locator("[data-testid='input-z']")
    box.fill("-37.5")
    box.press("Enter")
    assert settings_now(root)["z"] == -37.5
    check_matches_python(root, FIGURES["stability"], "after typing z = -37.5")
    root.locator("[data-testid='preset-overflow-float32']").click()
    assert root.locator("[data-testid='st-sm-naive-32']").inner_text() == "nan"
    assert root.locator("[data-testid='st-sm-stable-32']").inner_text() == "0"


def test_softmax_classes_and_target(disk_page):
    root = root_of(disk_page, "softmax")
    root.locator("[data-testid='select-K']").select_option("5")
    root.locator("[data-testid='select-target']").select_option("5")
    check_matches_python(root, FIGURES["softmax"], "with K = 5, true class 5")
    assert root.locator("[data-testid='slider-z5']").is_visible()
    root.locator("[data-testid='select-K']").select_option("3")
    s = settings_now(root)
    assert (s["K"], s["target"]) == (3, 3) and not root.locator("[data-testid='slider-z5']").is_visible()
    check_matches_python(root, FIGURES["softmax"], "back to K = 3")
