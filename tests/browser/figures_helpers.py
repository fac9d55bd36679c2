"""Helpers for the live figures' browser tests and benchmarks (tests/browser/test_figures.py,
tests/browser/test_lab.py, benchmarks/figures.py).

* ``FIGURES``: per figure, the Python call that makes it, the sliders to move, and ``expected``:
  what its readouts must show (text by ``data-testid``) for the settings in use, computed by
  :mod:`lossbook` (Python is the reference).
* ``figures_page``: a stand-alone HTML page that mounts every figure from the committed site
  bundle, opened from disk (``file://``), as a reader who saved the site would.
* ``JupyterLab``: a private JupyterLab server (random port and token, its own settings,
  runtime and IPython dirs, kernels over IPC sockets) that cannot collide with another
  JupyterLab on the machine, and is stopped with every kernel it started.
* ``make_notebook``: a notebook with one cell per figure, as the chapters call them.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "lossbook" / "web"
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: The dark theme's page colour (pydata-sphinx-theme), for pages that imitate the site's dark mode.
DARK_BG = "#14181e"


def fmt_f(v: float, d: int) -> str:
    """Python's twin of common.js fmtf: fixed decimals, U+2212 minus, inf and nan by name."""
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "\u2212inf"
    return f"{v + 0.0:.{d}f}".replace("-", "\u2212") if round(v, d) != 0 else f"{0.0:.{d}f}"


def _num(v: Any) -> float:
    """A number from a JSON value or a shown text (inf, -inf, nan by name)."""
    special = {"inf": math.inf, "-inf": -math.inf, "nan": math.nan}
    return special[v] if isinstance(v, str) and v in special else float(v)


# --- what each figure must show --------------------------------------------------------------


def _race_expected(s: dict) -> dict[str, str]:
    from lossbook.neuron import train_neuron

    c = dict(w=s["w0"], b=s["b0"], x=s["x"], y=s["y"], eta=s["eta"], tol=s["tol"],
             max_steps=int(s["max_steps"]), learn_bias=bool(s["learn_bias"]))
    runs = {"mse": train_neuron("mse", **c).steps, "ce": train_neuron("ce", **c).steps,
            "ce-excess": train_neuron("ce", stop="excess", **c).steps}
    return {f"count-{k}": "none" if v is None else str(v) for k, v in runs.items()}


def _kl_expected(s: dict) -> dict[str, str]:
    from lossbook.live import kl_numbers

    n = kl_numbers(s["p"], s["q"], s["base"])
    keys = {"kl-hp": "hp", "kl-hpq": "hpq", "kl-pq": "kl_pq", "kl-qp": "kl_qp"}
    return {t: (fmt_f(n[k], 4) if math.isfinite(n[k]) else "inf") for t, k in keys.items()}


def _line_expected(s: dict) -> dict[str, str]:
    from lossbook.live import line_fit_result

    r = line_fit_result(s)
    return {"line-J": fmt_f(r["J"], 4), "line-S": fmt_f(r["S"], 4),
            "line-gw": fmt_f(r["grad"]["w"], 4), "line-gb": fmt_f(r["grad"]["b"], 4)}


def _softmax_expected(s: dict) -> dict[str, str]:
    from lossbook.live import softmax_result

    r = softmax_result(s)
    out = {"sm-ce": fmt_f(r["ce"], 4), "sm-mse": fmt_f(r["mse"], 4)}
    for i in range(s["K"]):
        out.update({f"sm-a-{i + 1}": fmt_f(r["a"][i], 4), f"sm-gce-{i + 1}": fmt_f(r["grad_ce"][i], 4),
                    f"sm-gmse-{i + 1}": fmt_f(r["grad_mse"][i], 4)})
    return out


def _stability_expected(s: dict) -> dict[str, str]:
    from lossbook.live import stability_result

    c = stability_result(s)["cases"]
    out = {}
    for kind, key in (("bin", "binary"), ("sm", "softmax")):
        for way in ("naive", "stable"):
            for bits, d in (("32", "float32"), ("64", "float64")):
                out[f"st-{kind}-{way}-{bits}"] = str(c[d][key][way]["loss"])
    return out


def same_number(shown: str, want: str, digits: int = 6) -> bool:
    """A number shown to ``digits`` significant digits (U+2212 minus; inf, nan) equals ``want``."""
    a, b = _num(shown.replace("\u2212", "-")), _num(want)
    if math.isnan(b) or math.isinf(b) or math.isnan(a) or math.isinf(a):
        return str(a) == str(b)
    return abs(a - b) <= 0.51 * 10 ** (1 - digits) * max(abs(b), 1e-300)


@dataclass
class Figure:
    """One live figure as the browser tests see it."""

    name: str
    factory: str  # its function in lossbook.widgets
    call: str  # the notebook cell that shows it
    sliders: list[str]  # data-testid suffixes of sliders to move (slider-<key>)
    expected: Callable[[dict], dict[str, str]]
    presets: list[str] = field(default_factory=list)
    settings: dict = field(default_factory=dict)  # the mount point's settings on the test page
    announced: list[str] | None = None  # readouts the announcement must state (None: all)
    numeric: bool = False  # readouts are compared as numbers to 6 significant digits


FIGURES: dict[str, Figure] = {
    "line": Figure("line", "line_fit", "from lossbook.widgets import line_fit\n\nline_fit()",
                   ["w", "b"], _line_expected, ["source-0-0", "source-2-1"]),
    "softmax": Figure("softmax", "softmax_explorer",
                      "from lossbook.widgets import softmax_explorer\n\nsoftmax_explorer()",
                      ["z1", "z2", "T"], _softmax_expected,
                      ["source-4-even", "source-4-uneven", "confident-wrong"],
                      announced=["sm-ce", "sm-mse", "sm-a-1"]),
    "stability": Figure("stability", "stability_explorer",
                        "from lossbook.widgets import stability_explorer\n\nstability_explorer()",
                        ["zlog", "pos_weight", "smoothing"], _stability_expected,
                        ["underflow-log", "fine", "overflow-float32"], announced=[], numeric=True),
    "race": Figure("race", "neuron_race", "from lossbook.widgets import neuron_race\n\nneuron_race()",
                   ["w0", "eta", "y"], _race_expected, ["slowdown-2-2", "source"]),
    "kl": Figure("kl", "kl_explorer", "from lossbook.widgets import kl_explorer\n\nkl_explorer()",
                 ["q", "p"], _kl_expected),
}


def setting(s: dict, key: str):
    """A slider's setting: ``s[key]``, or for the softmax logits z1..z5 an element of ``s["z"]``."""
    if key not in s and key[0] == "z" and key[1:].isdigit():
        return s["z"][int(key[1:]) - 1]
    if key == "zlog":  # the stability figure's logit slider: u = sign(z) log10 |z|
        return 0.0 if s["z"] == 0 else math.copysign(math.log10(abs(s["z"])), s["z"])
    return s[key]


def settings_now(root) -> dict:
    """The settings a figure's view has in use (its root's data-settings-now)."""
    return json.loads(root.get_attribute("data-settings-now"))


def shown(root, testids) -> dict[str, str]:
    return {t: root.locator(f"[data-testid='{t}']").first.inner_text().strip() for t in testids}


def check_matches_python(root, fig: Figure, where: str) -> dict:
    """The readouts equal what lossbook computes for the settings in use; the sliders show them."""
    s = settings_now(root)
    want = fig.expected(s)
    got = shown(root, want)
    same = all(same_number(got[k], want[k]) for k in want) if fig.numeric else got == want
    assert same, f"{fig.name}, {where}: settings {s}: the page shows {got}, Python {want}"
    for key in fig.sliders:
        inp = root.locator(f"[data-testid='slider-{key}']")
        step = float(inp.get_attribute("step"))
        value = float(inp.input_value())
        assert abs(value - setting(s, key)) <= step / 2 + 1e-9, (fig.name, key, value, s)
        text = inp.get_attribute("aria-valuetext")  # the value in its units, as shown
        assert text and text == root.locator(f"[data-testid='value-{key}']").inner_text().strip()
    return s


# --- a page with every figure, from disk -----------------------------------------------------


def figures_page(path: Path, dark: bool = False, figures: dict[str, Figure] | None = None) -> str:
    """Write an HTML page mounting each figure from the committed bundle; return its file:// URL."""
    from lossbook.widgets import mount_html

    figures = figures or FIGURES
    mounts = "\n".join(f"<section><h2>{f.name}</h2>{mount_html(f.name, f.settings)}</section>"
                       for f in figures.values())
    theme = ' data-theme="dark"' if dark else ' data-theme="light"'
    body = f' style="background:{DARK_BG};color:#ced6dd"' if dark else ""
    path.write_text(f"""<!DOCTYPE html><html lang="en"{theme}><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Live figures</title>
<link rel="stylesheet" href="{(WEB / 'lossbook.css').as_uri()}">
<script defer src="{(WEB / 'dist' / 'site' / 'lossbook-figures.js').as_uri()}"></script></head>
<body{body}><main><h1>Live figures</h1>{mounts}</main></body></html>""", encoding="utf-8")
    return path.as_uri()


@contextlib.contextmanager
def disk_figures_page(browser, path: Path, figures: dict[str, Figure] | None = None):
    """The page of :func:`figures_page`, opened from disk in a new 1280 px context; on leaving,
    fails on any script error or console error the page had."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(figures_page(path, figures=figures))
    try:
        yield page
    finally:
        context.close()
    assert not errors, errors


def run_axe(page, selector: str) -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations inside ``selector`` (empty: none)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (sel) => { const r = await axe.run(document.querySelectorAll(sel),
             {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
           return r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')
             + ' ' + n.failureSummary.replace(/\\s+/g, ' ')).join(' | ')); }""", selector)
    return result


# --- JupyterLab ------------------------------------------------------------------------------


def free_port() -> int:
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


def make_notebook(path: Path, figures: dict[str, Figure] | None = None) -> None:
    """A notebook with one code cell per figure, as the chapters call them."""
    figures = figures or FIGURES
    cells = [{"cell_type": "code", "execution_count": None, "id": f"fig-{f.name}", "metadata": {},
              "outputs": [], "source": f.call} for f in figures.values()]
    nb = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "language": "python",
                                                      "display_name": "Python 3 (ipykernel)"},
                                       "language_info": {"name": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb, indent=1))


class JupyterLab:
    """A private JupyterLab 4 on 127.0.0.1 serving ``root`` (use as a context manager)."""

    def __init__(self, root: Path, tmp: Path, start_timeout: float = 120) -> None:
        self.root, self.tmp, self.start_timeout = root, tmp, start_timeout

    def __enter__(self) -> JupyterLab:
        tmp, env = self.tmp, dict(os.environ)
        for var, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                         ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
                         ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")]:
            (tmp / sub).mkdir(parents=True, exist_ok=True)
            env[var] = str(tmp / sub)
        # the kernel imports lossbook from this worktree
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
        settings = {
            "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
            "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
            "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        }
        for plugin, values in settings.items():
            f = tmp / "settings" / (plugin + ".jupyterlab-settings")
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(json.dumps(values))
        self.token = secrets.token_hex(16)
        self.log_path = tmp / "lab.log"
        self.log = open(self.log_path, "w")
        # A port chosen by the OS and no retry: if another process takes it in between, the
        # server exits and we try again with a new one (never joining someone else's server).
        for _attempt in range(5):
            self.port = free_port()
            self.base = f"http://127.0.0.1:{self.port}"
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip", "127.0.0.1",
                 "--port", str(self.port), f"--IdentityProvider.token={self.token}",
                 f"--ServerApp.root_dir={self.root}", "--ServerApp.port_retries=0",
                 "--KernelManager.transport=ipc", "--LabApp.news_url=", "--ServerApp.open_browser=False"]
                + (["--allow-root"] if os.geteuid() == 0 else []),
                env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
            if self._wait_up():
                return self
            self._stop_process()
        raise RuntimeError("JupyterLab did not start:\n" + self.log_path.read_text()[-4000:])

    def _wait_up(self) -> bool:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2) as r:
                    # our own server: it knows our token (another server would answer 403)
                    if r.status == 200:
                        return True
            except OSError:
                pass
            time.sleep(0.25)
        return False

    def url(self, path: str, workspace: str) -> str:
        return f"{self.base}/lab/workspaces/{workspace}/tree/{path}?reset&token={self.token}"

    def _stop_process(self) -> None:
        proc = self.proc
        kernels = set(_kernels_of(proc.pid))
        if proc.poll() is None:
            try:
                req = urllib.request.Request(f"{self.base}/api/shutdown?token={self.token}", method="POST")
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
        while time.monotonic() < deadline:
            kernels = {k for k in kernels.union(_kernels_of(proc.pid)) if Path(f"/proc/{k}").exists()}
            if not kernels:
                break
            time.sleep(0.2)
        for pid in kernels:
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def __exit__(self, *exc) -> None:
        self._stop_process()
        self.log.close()


IDLE = ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status='idle']"


def open_and_run_all(page, lab: JupyterLab, notebook: str, timeout_s: float = 240) -> None:
    """Open a notebook and run every cell (Run > Run All Cells), waiting for all of them."""
    page.goto(lab.url(notebook, Path(notebook).stem), wait_until="domcontentloaded")
    page.wait_for_selector(".jp-NotebookPanel", timeout=timeout_s * 1000)
    # A kernel dialog (if JupyterLab asks which kernel): take the one it proposes.
    try:
        page.locator(".jp-Dialog .jp-mod-accept").click(timeout=5_000)
    except Exception:
        pass
    page.wait_for_selector(IDLE, timeout=timeout_s * 1000)
    page.locator(".jp-NotebookPanel").first.click(position={"x": 5, "y": 5})
    page.keyboard.press("Escape")
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-item[data-command='runmenu:run-all']").click()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        page.wait_for_timeout(400)
        if page.locator(IDLE).count() == 0:
            continue
        prompts = page.eval_on_selector_all(".jp-Notebook .jp-CodeCell .jp-InputArea-prompt",
                                            "ps => ps.map(p => p.textContent)")
        if prompts and all(any(c.isdigit() for c in p) for p in prompts):
            return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "lab_failure.png"))
    raise AssertionError(f"{notebook}: Run All did not finish in {timeout_s} s")


def settle(page, ms: int = 400, timeout_s: float = 120) -> None:
    """Until the kernel is idle and nothing in the notebook has changed for ``ms``."""
    page.wait_for_selector(IDLE, timeout=timeout_s * 1000)
    page.evaluate("""(ms) => new Promise(done => {
        const root = document.querySelector('.jp-Notebook');
        let timer = setTimeout(finish, ms);
        const obs = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, ms); });
        function finish() { obs.disconnect(); done(); }
        obs.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
    })""", ms)
    page.wait_for_selector(IDLE, timeout=timeout_s * 1000)


# Key press on a slider to the widget's settled redraw: a probe records the keydown's time (in
# the capture phase, before the view sees it) and the time of the first and of the last DOM
# change inside the figure's root after it. The screen-reader announcement, delayed on purpose
# until the reader stops moving a control, is left out.
PROBE_JS = """(root) => {
  const skip = root.querySelector('[data-testid="announce"]');
  window.__probe = {t0: null, first: null, last: null};
  document.addEventListener('keydown', () => {
    window.__probe = {t0: performance.now(), first: null, last: null};
  }, true);
  new MutationObserver((muts) => {
    const p = window.__probe;
    if (p.t0 === null || muts.every(m => skip && skip.contains(m.target))) return;
    const now = performance.now();
    if (p.first === null) p.first = now;
    p.last = now;
  }).observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
}"""


def key_to_settled(page, root, slider_testid: str, key: str, quiet_ms: int = 400) -> dict[str, float]:
    """Press ``key`` on a slider; return ms from the keydown to the first and to the last
    (settled) DOM change of the figure, waiting for an idle kernel and ``quiet_ms`` of calm."""
    root.locator(f"[data-testid='{slider_testid}']").focus()
    page.keyboard.press(key)
    settle(page, quiet_ms)
    p = page.evaluate("() => window.__probe")
    assert p["t0"] is not None and p["last"] is not None, f"no DOM change after {key}: {p}"
    return {"first": p["first"] - p["t0"], "settled": p["last"] - p["t0"]}
