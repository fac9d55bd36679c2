"""The chapters in JupyterLab 4, driven as a reader would, in Debian's Chromium.

Starts JupyterLab on 127.0.0.1 (random token, temporary settings/workspace/runtime dirs, no
autosave so the repository's notebooks are never written), opens the two widget chapters,
runs "Restart Kernel and Run All Cells" from the Kernel menu, then moves sliders and clicks a
preset through the page and checks the numbers shown against :mod:`lossbook`. It also measures
the time from a keyboard move of the w0 slider to the redrawn figure (median of 10) and writes
it to ``tests/artifacts/lab_latency.txt``.

    python -m pytest tests/browser/test_lab.py -q -s
"""
from __future__ import annotations

import json
import math
import os
import secrets
import signal
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
RUN_TIMEOUT_MS = 120_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _kernels_of(server_pid: int) -> list[int]:
    """Processes started by this server's kernel manager (jupyter_client marks them with
    JPY_PARENT_PID and starts them in their own session, outside the server's group)."""
    mark = f"JPY_PARENT_PID={server_pid}".encode()
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if mark in (d / "environ").read_bytes().split(b"\0"):
                    out.append(int(d.name))
            except OSError:
                continue
    return out


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lab")
    env = dict(os.environ)
    for var, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                     ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                     # the kernels' own state (IPython's history database) stays private too
                     ("IPYTHONDIR", "ipython")]:
        (tmp / sub).mkdir()
        env[var] = str(tmp / sub)
    settings = {
        # Never write to the repository's notebooks, and no pop-ups over the page.
        "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
        # Every cell in the DOM, so that no error output can hide off screen.
        "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                        "checkForUpdates": False},
    }
    for plugin, values in settings.items():
        f = tmp / "settings" / (plugin + ".jupyterlab-settings")
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(values))
    port, token = _free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    log = open(tmp / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip", "127.0.0.1",
         "--port", str(port), f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={ROOT}", "--ServerApp.port_retries=0",
         # kernels talk over sockets in the private runtime dir, not TCP ports that another
         # process on the machine could take between their choice and their use
         "--KernelManager.transport=ipc"]
        + (["--allow-root"] if os.geteuid() == 0 else []),
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("JupyterLab did not start:\n" + (tmp / "lab.log").read_text())
            time.sleep(0.25)
        yield {"base": base, "token": token}
    finally:
        # Clean shutdown first (it stops the kernels), then the process group, then any kernel
        # left behind (e.g. one caught in a restart), so no process outlives the test.
        kernels = set(_kernels_of(proc.pid))
        try:
            req = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST")
            urllib.request.urlopen(req, timeout=5).close()
            proc.wait(timeout=20)
        except Exception:
            pass
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        deadline = time.monotonic() + 10
        while (left := kernels.union(_kernels_of(proc.pid))) and time.monotonic() < deadline:
            kernels = {k for k in left if Path(f"/proc/{k}").exists()}
            if not kernels:
                break
            time.sleep(0.2)
        for pid in kernels.union(_kernels_of(proc.pid)):
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        log.close()




# --- driving JupyterLab ------------------------------------------------------------------------

ERROR_OUTPUTS = (
    ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
    " .jp-OutputArea-output.jp-mod-error, .jp-RenderedText[data-mime-type*='error']"
)


@pytest.fixture
def page(chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        yield context.new_page()
    finally:
        context.close()


def open_and_run_all(page, lab, notebook: str) -> None:
    """Open a notebook and run Kernel > Restart Kernel and Run All Cells, as a reader would."""
    # A workspace of its own, so that only this notebook is open.
    workspace = Path(notebook).stem
    page.goto(f"{lab['base']}/lab/workspaces/{workspace}/tree/{notebook}?reset&token={lab['token']}")
    page.wait_for_selector(
        ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").click()
    page.locator(".lm-Menu-item[data-command='runmenu:restart-and-run-all']").click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    # Done when every non-empty code cell shows an execution count and the kernel is idle.
    try:
        _wait_all_run(page)
    except Exception:
        prompts = page.eval_on_selector_all(
            ".jp-Notebook .jp-CodeCell .jp-InputArea-prompt", "ps => ps.map(p => p.textContent)")
        status = page.locator(".jp-Notebook-ExecutionIndicator").first.get_attribute("data-status")
        page.screenshot(path=str(ARTIFACTS / "lab_failure.png"))
        raise AssertionError(f"{notebook}: Run All did not finish; kernel {status}, prompts {prompts}")


def _wait_all_run(page) -> None:
    """Until the kernel is idle and every non-empty code cell shows an execution count."""
    deadline = time.monotonic() + RUN_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        page.wait_for_timeout(500)
        if page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count() == 0:
            continue
        prompts = page.eval_on_selector_all(
            ".jp-Notebook .jp-CodeCell",
            """cells => cells.map(c => {
                const src = c.querySelector('.cm-content');
                const p = c.querySelector('.jp-InputArea-prompt');
                // a cell whose source is hidden shows no input prompt: judged by the others
                return (!p || (src && src.textContent.trim() === '')) ? '[0]' : p.textContent;
            })""")
        if prompts and all(re.search(r"\[\d+\]", p) for p in prompts):
            return
    raise TimeoutError("Run All did not finish")


def assert_clean(page, notebook: str) -> None:
    """No error output in any cell; no widget showing an error or a loading placeholder."""
    errors = page.locator(ERROR_OUTPUTS)
    texts = [errors.nth(i).inner_text()[:2000] for i in range(errors.count())]
    assert not texts, f"{notebook}: error output(s):\n" + "\n---\n".join(texts)
    body = page.locator(".jp-Notebook").inner_text()
    for bad in ("Error displaying widget", "Loading widget", "Traceback (most recent call last)"):
        assert bad not in body, f"{notebook}: the page shows {bad!r}"


def slider(root, name: str):
    return root.locator(".widget-slider").filter(
        has=root.page.locator(".widget-label", has_text=re.compile(rf"^{re.escape(name)}$")))


def shown(root, name: str) -> float:
    """The value a slider shows in its readout."""
    return float(slider(root, name).locator(".widget-readout").inner_text())


def press(page, root, name: str, key: str) -> None:
    handle = slider(root, name).locator(".noUi-handle")
    handle.focus()
    page.keyboard.press(key)


def image_src(img) -> str:
    return img.get_attribute("src") or ""


def wait_src_change(page, img, old: str, timeout: float = 20_000) -> str:
    page.wait_for_function("([el, old]) => el.getAttribute('src') !== old",
                           arg=[img.element_handle(), old], timeout=timeout)
    return image_src(img)


def settle(page, ms: int = 400) -> None:
    """Wait until the kernel is idle and nothing has changed for a moment."""
    page.wait_for_selector(
        ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=30_000)
    page.wait_for_timeout(ms)


# --- the neuron race ---------------------------------------------------------------------------


def race_counts(race) -> dict[str, str]:
    return {k: race.locator(f"[data-testid='count-{k}']").inner_text().strip()
            for k in ("mse", "ce", "ce-excess")}


def race_expected(race) -> dict[str, str]:
    """What lossbook.neuron.train_neuron gives for the settings the page shows."""
    from lossbook.neuron import train_neuron

    s = {k: shown(race, k) for k in ("w0", "b0", "x", "y", "eta", "tol")}
    s["max_steps"] = int(shown(race, "max_steps"))
    s["learn_bias"] = race.locator(".widget-checkbox input").is_checked()
    common = dict(w=s["w0"], b=s["b0"], x=s["x"], y=s["y"], eta=s["eta"], tol=s["tol"],
                  max_steps=s["max_steps"], learn_bias=s["learn_bias"])
    runs = {"mse": train_neuron("mse", **common), "ce": train_neuron("ce", **common),
            "ce-excess": train_neuron("ce", stop="excess", **common)}
    return {k: ("none" if r.steps is None else str(r.steps)) for k, r in runs.items()}


def measure_latency(page, race, img, moves: int = 10) -> list[float]:
    """ms from the keydown on the w0 slider's handle to the figure's new src, per move."""
    page.evaluate(
        """(img) => {
            window.__lat = {t0: null, t1: null};
            document.addEventListener('keydown', () => {
                window.__lat = {t0: performance.now(), t1: null};
            }, true);
            new MutationObserver(() => {
                if (window.__lat.t0 !== null && window.__lat.t1 === null)
                    window.__lat.t1 = performance.now();
            }).observe(img, {attributes: true, attributeFilter: ['src']});
        }""",
        img.element_handle(),
    )
    out = []
    for i in range(moves):
        press(page, race, "w0", "ArrowRight" if i % 2 == 0 else "ArrowLeft")
        page.wait_for_function("() => window.__lat.t1 !== null", timeout=20_000, polling="raf")
        out.append(page.evaluate("() => window.__lat.t1 - window.__lat.t0"))
        settle(page, 200)
    return out


def run_chapter(page, lab, nb: str, cls: str, what: str):
    """Run a chapter as a reader would; return its widget (class ``cls``) and the widget's image."""
    open_and_run_all(page, lab, nb)
    assert_clean(page, nb)
    found = page.locator(f".jp-Notebook .{cls}")
    assert found.count() >= 1, f"the {what} did not render"
    widget = found.last
    widget.scroll_into_view_if_needed()
    return widget, widget.locator(f"img.{cls}-plot")


def test_neuron_race_in_lab(lab, page):
    nb = "notebooks/02_neuron_race.ipynb"
    race, img = run_chapter(page, lab, nb, "lossbook-race", "race widget")
    assert image_src(img).startswith("blob:") or image_src(img).startswith("data:")
    before = race_counts(race)
    assert before == race_expected(race), "counts shown at start differ from lossbook.neuron"

    # Move w0 with the keyboard, through the page: the counts follow, the figure is redrawn.
    w_before, src = shown(race, "w0"), image_src(img)
    for _ in range(5):
        press(page, race, "w0", "ArrowLeft")
    src = wait_src_change(page, img, src)
    settle(page)
    assert shown(race, "w0") < w_before
    assert race_counts(race) == race_expected(race)

    # Type a value into w0's readout (editable in ipywidgets 8).
    readout = slider(race, "w0").locator(".widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("4.5")
    page.keyboard.press("Enter")
    src = wait_src_change(page, img, src)
    settle(page)
    assert shown(race, "w0") == 4.5
    after_w = race_counts(race)
    assert after_w == race_expected(race)
    assert after_w != before, "moving w0 from ln 9 to 4.5 should change the counts"

    # Click a preset button.
    race.locator(".lossbook-preset-slowdown-2-2").click()
    src = wait_src_change(page, img, src)
    settle(page)
    assert (shown(race, "w0"), shown(race, "b0")) == (2.0, 2.0)
    assert race.locator(".widget-checkbox input").is_checked()
    assert race_counts(race) == race_expected(race)
    assert race_counts(race) != after_w

    # One figure, redrawn in place: still one image, no stacked copies.
    assert race.locator("img.lossbook-race-plot").count() == 1
    assert page.locator(".jp-Notebook .lossbook-race").count() == 1, "the chapter has one race"

    # Latency: keyboard move of w0 -> new figure src, median of 10.
    race.locator(".lossbook-preset-seed").click()
    settle(page)
    times = measure_latency(page, race, img)
    median = statistics.median(times)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    line = (f"JupyterLab, chromium headless: w0 slider keydown -> figure src changed, "
            f"median of {len(times)} = {median:.0f} ms (each: "
            + ", ".join(f"{t:.0f}" for t in times) + " ms); target < 150 ms")
    (ARTIFACTS / "lab_latency.txt").write_text(line + "\n")
    print("\n" + line)
    assert_clean(page, nb)


# --- the KL explorer ---------------------------------------------------------------------------


def kl_shown(kl) -> dict[str, str]:
    return {k: kl.locator(f"[data-testid='kl-{k}']").inner_text().strip()
            for k in ("hp", "hpq", "pq", "qp")}


def kl_expected(kl) -> dict[str, str]:
    from lossbook.widgets import kl_numbers

    unit = kl.locator(".widget-toggle-buttons button.mod-active").inner_text().strip()
    n = kl_numbers(shown(kl, "p"), shown(kl, "q"), unit)
    keys = {"hp": "hp", "hpq": "hpq", "pq": "kl_pq", "qp": "kl_qp"}
    return {t: (f"{n[k]:.4f}" if math.isfinite(n[k]) else None) for t, k in keys.items()}


def assert_kl_matches(kl) -> None:
    got, want = kl_shown(kl), kl_expected(kl)
    for k, v in want.items():
        if v is None:
            assert "∞" in got[k] or "inf" in got[k].lower(), (k, got[k])
        else:
            assert got[k] == v, (k, got, want)


def test_kl_explorer_in_lab(lab, page):
    nb = "notebooks/03_entropy_kl_likelihood.ipynb"
    kl, img = run_chapter(page, lab, nb, "lossbook-kl", "KL explorer")
    assert_kl_matches(kl)
    start = kl_shown(kl)

    q0, src = shown(kl, "q"), image_src(img)
    for _ in range(3):
        press(page, kl, "q", "ArrowRight")
    src = wait_src_change(page, img, src)
    settle(page)
    assert shown(kl, "q") > q0
    assert_kl_matches(kl)
    assert kl_shown(kl) != start

    # The units toggle: a click through the page.
    kl.locator(".widget-toggle-buttons button", has_text="bits").click()
    src = wait_src_change(page, img, src)
    settle(page)
    assert_kl_matches(kl)
    assert kl.locator("img.lossbook-kl-plot").count() == 1
    assert_clean(page, nb)
