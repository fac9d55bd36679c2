"""The web twins (lossbook/web/race.js, kl.js) compute what the Python package computes.

Each test runs the JavaScript under Node.js over a grid of settings and compares it with
``lossbook.neuron.train_neuron`` and ``lossbook.losses``: the same iteration counts, and the same
histories and numbers to 1e-9.
"""

from __future__ import annotations

import itertools
import json
import math
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from lossbook import widgets
from lossbook.losses import cross_entropy_pq, entropy, kl_divergence
from lossbook.neuron import LN9, train_neuron

WEB = Path(widgets.__file__).resolve().parent / "web"
NODE = shutil.which("node")


def test_node_is_installed():
    # Not a skip: without Node.js nothing below would check the web twins at all.
    assert NODE is not None, "Node.js (node) is needed to test lossbook/web; install nodejs"

# Runs a list of jobs given as JSON on stdin; non-finite numbers travel as strings.
RUNNER = r"""
const race = require(process.argv[1] + "/race.js");
const kl = require(process.argv[1] + "/kl.js");
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map((job) => {
    try {
      if (job.kind === "train") return race.trainNeuron(job.loss, job.opts);
      if (job.kind === "race") return race.race(job.settings);
      if (job.kind === "kl") return kl.klNumbers(job.p, job.q, job.base);
      if (job.kind === "curves") return kl.klCurves(job.p, job.base);
      if (job.kind === "grid") return kl.GRID;
    } catch (e) { return { error: e.message }; }
  });
  process.stdout.write(JSON.stringify(out, (k, v) =>
    typeof v === "number" && !isFinite(v) ? String(v) : v));
});
"""


def run_js(jobs: list[dict]) -> list:
    """Run jobs through the JS twins under node and return their results."""
    proc = subprocess.run([NODE, "-e", RUNNER, str(WEB)], input=json.dumps(jobs),
                          capture_output=True, text=True, timeout=120, check=True)

    def fix(v):
        if isinstance(v, str) and v in ("Infinity", "-Infinity", "NaN"):
            return float(v.replace("Infinity", "inf").replace("NaN", "nan"))
        if isinstance(v, list):
            return [fix(x) for x in v]
        if isinstance(v, dict):
            return {k: fix(x) for k, x in v.items()}
        return v

    return fix(json.loads(proc.stdout))


def close(a: list[float], b: list[float], tol: float = 1e-9) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= tol * max(1.0, abs(y)) for x, y in zip(a, b))


# The grid: the presets, and starts that converge fast, slowly, or never within max_steps.
STARTS = [(LN9, 0.0), (0.6, 0.9), (2.0, 2.0), (-4.0, 1.0), (5.5, -5.5), (0.0, 0.0)]
CASES = [
    dict(w=w, b=b, x=x, y=y, eta=eta, tol=tol, max_steps=ms, learn_bias=lb)
    for (w, b), x, y, eta, tol, ms, lb in itertools.product(
        STARTS, (1.0, -2.5), (0.5, 0.0, 0.83), (0.2, 0.15, 1.7), (1e-3, 1e-5), (300, 4000),
        (False, True))
]


def test_grid_has_converging_and_nonconverging_runs():
    runs = [train_neuron("mse", **c) for c in CASES[::7]]
    assert any(r.steps is None for r in runs) and any(r.steps is not None for r in runs)


@pytest.mark.parametrize("stop", ["squared_error", "excess"])
@pytest.mark.parametrize("loss", ["mse", "ce"])
def test_train_neuron_twin_equals_python(loss, stop):
    jobs = [{"kind": "train", "loss": loss,
             "opts": {"w": c["w"], "b": c["b"], "x": c["x"], "y": c["y"], "eta": c["eta"],
                      "tol": c["tol"], "maxSteps": c["max_steps"], "learnBias": c["learn_bias"],
                      "stop": stop}} for c in CASES]
    js = run_js(jobs)
    never = 0
    for case, got in zip(CASES, js):
        py = train_neuron(loss, stop=stop, **case)
        assert got["steps"] == py.steps, case
        never += py.steps is None
        for key in ("w", "b", "a", "loss"):
            assert close(got[key], getattr(py, key)), (case, key)
    assert 0 < never < len(CASES)  # the grid holds both kinds of run


def test_presets_and_race_counts_equal_python():
    jobs = [{"kind": "race", "settings": s} for s in widgets.RACE_PRESETS.values()]
    for settings, got in zip(widgets.RACE_PRESETS.values(), run_js(jobs)):
        common = dict(w=settings["w0"], b=settings["b0"], x=settings["x"], y=settings["y"],
                      eta=settings["eta"], tol=settings["tol"], max_steps=settings["max_steps"],
                      learn_bias=settings["learn_bias"])
        assert got["mse"]["steps"] == train_neuron("mse", **common).steps
        assert got["ce"]["steps"] == train_neuron("ce", **common).steps
        assert got["ce-excess"]["steps"] == train_neuron("ce", stop="excess", **common).steps
    assert run_js([{"kind": "race", "settings": widgets.RACE_PRESETS["seed"]}])[0]["mse"]["steps"] == 287


def test_js_presets_and_ranges_are_pythons():
    src = (WEB / "race.js").read_text()
    for name in widgets.RACE_PRESETS:
        assert f'"{name}"' in src
    for key, (lo, hi, step) in widgets.RACE_RANGES.items():
        assert f"{key}: [{lo:g}, {hi:g}, {step:g}," in src, key


def test_bad_settings_are_refused_by_the_twin():
    jobs = [{"kind": "train", "loss": "mse", "opts": {"eta": 0}},
            {"kind": "train", "loss": "mse", "opts": {"y": 1.5}},
            {"kind": "train", "loss": "hinge", "opts": {}}]
    assert all("error" in r for r in run_js(jobs))


PQ = [(p, q) for p in (0.0, 0.01, 0.1, 0.37, 0.5, 0.9, 1.0) for q in (0.01, 0.1, 0.5, 0.73, 0.99)]


@pytest.mark.parametrize("base", ["nats", "bits", "bans"])
def test_kl_numbers_twin_equals_losses(base):
    b = widgets.BASES[base]
    got = run_js([{"kind": "kl", "p": p, "q": q, "base": base} for p, q in PQ])
    infinities = 0
    for (p, q), js in zip(PQ, got):
        P, Q = np.array([p, 1 - p]), np.array([q, 1 - q])
        with np.errstate(divide="ignore"):
            want = {"hp": entropy(P, b), "hpq": cross_entropy_pq(P, Q, b),
                    "kl_pq": kl_divergence(P, Q, b), "kl_qp": kl_divergence(Q, P, b)}
        assert widgets.kl_numbers(p, q, base) == pytest.approx(want, rel=1e-12, abs=0)
        for key, v in want.items():
            if math.isinf(v):
                infinities += 1
                assert js[key] == v
            else:
                assert abs(js[key] - v) <= 1e-9 * max(1.0, abs(v)), (p, q, key)
    assert infinities > 0  # p = 0 or 1 makes KL(q||p) infinite, in both


def test_kl_curves_twin_equals_losses():
    grid = run_js([{"kind": "grid"}])[0]
    assert close(grid, list(widgets.KL_GRID), 0.0)
    for p, base in [(0.9, "nats"), (0.3, "bits"), (1.0, "bans")]:
        js = run_js([{"kind": "curves", "p": p, "base": base}])[0]
        P = np.broadcast_to([p, 1 - p], (widgets.KL_GRID.size, 2))
        G = np.stack([widgets.KL_GRID, 1 - widgets.KL_GRID], axis=1)
        b = widgets.BASES[base]
        with np.errstate(divide="ignore"):
            for key, want in (("hpq", cross_entropy_pq(P, G, b)), ("kl_pq", kl_divergence(P, G, b)),
                              ("kl_qp", kl_divergence(G, P, b))):
                got = np.array(js[key])
                assert np.array_equal(np.isinf(got), np.isinf(want))
                fin = np.isfinite(want)
                assert np.allclose(got[fin], want[fin], rtol=1e-9, atol=1e-12), (p, base, key)


def test_web_colours_are_the_books_colours():
    # One colour per quantity, set once in lossbook.plots: the web figures must not drift.
    from lossbook.plots import COLORS

    script = f'process.stdout.write(JSON.stringify(require({json.dumps(str(WEB / "common.js"))}).COLORS))'
    out = subprocess.run([NODE, "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == COLORS
