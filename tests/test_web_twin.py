"""The live figures' JavaScript twins compute what lossbook.live computes, and the committed
bundles are what the sources build to.

Each twin (``lossbook/web/src/<figure>_model.js``) runs under Node.js over random settings and
its result is compared with the figure's function in :mod:`lossbook.live`: the same structure,
the same integers and strings, every float equal to 1e-9 (relative, or absolute below 1). The
same holds for the shared constants (colours, defaults, ranges, presets).
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from lossbook import live, plots
from lossbook.neuron import train_neuron
from lossbook.widgets import WEB

SRC = WEB / "src"
NODE = shutil.which("node")
ROOT = WEB.parents[1]


def test_node_is_installed():
    # Not a skip: without Node.js nothing below would check the web twins at all.
    assert NODE is not None, "Node.js (node) is needed to test lossbook/web; install nodejs"


# Runs jobs [module, function or constant name, args] given as JSON on stdin; a constant when
# args is null. Non-finite numbers travel as the strings lossbook.live.jsonable uses.
RUNNER = r"""
const src = process.argv[1];
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", async () => {
  const mods = {};
  const out = [];
  for (const [mod, name, args] of JSON.parse(input)) {
    mods[mod] = mods[mod] || await import(src + "/" + mod);
    const f = mods[mod][name];
    try { out.push(args === null ? f : f(...args)); } catch (e) { out.push({ thrown: e.message }); }
  }
  process.stdout.write(JSON.stringify(out, (k, v) => typeof v === "number" && !isFinite(v)
    ? (Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf") : v));
});
"""


def run_js(jobs: list[tuple[str, str, list | None]]) -> list:
    """Call twin functions under node: each job is (module file in src/, name, args or None)."""
    proc = subprocess.run([NODE, "--input-type=module", "-e", RUNNER, SRC.as_uri()],
                          input=json.dumps(live.jsonable(jobs)), capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def ulps(a: float, b: float) -> float:
    """How many float32 units in the last place apart two float32 values are."""
    fa, fb = np.float32(a), np.float32(b)
    if fa == fb:
        return 0.0
    ia, ib = (int(np.array(v, np.float32).view(np.int32)) for v in (fa, fb))
    ia, ib = (i if i >= 0 else -(i & 0x7FFFFFFF) for i in (ia, ib))  # a monotone integer line
    return float(abs(ia - ib))


#: float32 values (under a "float32" key) may differ by this many units in the last place:
#: numpy's float32 exp/log/log1p and float64 ones rounded to float32 are each within an ulp or two.
MAX_ULPS = 4


def diff(py, js, tol: float = 1e-9, path: str = "") -> list[str]:
    """Where two JSON values differ (floats within tol, relative above 1, absolute below; under
    a "float32" key within MAX_ULPS units in the last place of float32)."""
    if isinstance(py, dict) and isinstance(js, dict):
        if set(py) != set(js):
            return [f"{path}: keys {sorted(py)} != {sorted(js)}"]
        return [d for k in py for d in diff(py[k], js[k], tol, f"{path}.{k}")]
    if isinstance(py, list) and isinstance(js, list):
        if len(py) != len(js):
            return [f"{path}: length {len(py)} != {len(js)}"]
        out = []
        for i, (a, b) in enumerate(zip(py, js)):
            out += diff(a, b, tol, f"{path}[{i}]")
            if len(out) > 5:
                break
        return out
    if isinstance(py, (int, float)) and not isinstance(py, bool) and isinstance(js, (int, float)) \
            and not isinstance(js, bool):
        if ".float32" in path:
            return [] if ulps(py, js) <= MAX_ULPS else [f"{path}: {py!r} != {js!r} ({ulps(py, js):g} ulps)"]
        return [] if abs(py - js) <= tol * max(1.0, abs(py)) else [f"{path}: {py!r} != {js!r}"]
    return [] if py == js else [f"{path}: {py!r} != {js!r}"]


def assert_twin(py_results: list, js_results: list, tol: float = 1e-9) -> None:
    for i, (py, js) in enumerate(zip(py_results, js_results, strict=True)):
        problems = diff(live.jsonable(py), js, tol)
        assert not problems, f"case {i}: " + "; ".join(problems[:5])


def test_diff_finds_differences():
    # The comparison itself can fail: a float off by 1e-6, a missing key, another length.
    assert diff({"a": [1.0, 2.0]}, {"a": [1.0, 2.000002]})
    assert diff({"a": 1}, {"b": 1}) and diff([1, 2], [1]) and diff(None, 0) and diff("inf", 1e308)
    assert not diff({"a": [1.0, "inf", None]}, {"a": [1.0 + 1e-12, "inf", None]})
    one_ulp = float(np.nextafter(np.float32(1.5), np.float32(2)))
    assert not diff({"float32": 1.5}, {"float32": one_ulp}) and diff({"float64": 1.5}, {"float64": one_ulp})
    assert diff({"float32": 1.5}, {"float32": 1.5 + 1e-5}) and diff({"float32": "inf"}, {"float32": "nan"})


# --- shared constants --------------------------------------------------------------------------


def test_colours_are_the_books_colours():
    got = run_js([("common.js", "COLORS", None), ("common.js", "TEXT_COLORS", None)])
    assert got == [plots.COLORS, plots.TEXT_COLORS]


def test_settings_tables_are_pythons():
    got = run_js([("race_model.js", "DEFAULTS", None), ("race_model.js", "PRESETS", None),
                  ("race_model.js", "RANGES", None), ("kl_model.js", "DEFAULTS", None),
                  ("kl_model.js", "RANGES", None), ("kl_model.js", "GRID", None)])
    want = [live.RACE_DEFAULTS, live.RACE_PRESETS, {k: list(v) for k, v in live.RACE_RANGES.items()},
            live.KL_DEFAULTS, {k: list(v) for k, v in live.KL_RANGES.items()}, list(live.KL_GRID)]
    assert_twin(want, got, tol=0.0)


# --- chapter 2: the race -----------------------------------------------------------------------


def random_race_settings(rng: np.random.Generator, n: int) -> list[dict]:
    """Random settings on the sliders' grids (as a reader can set them)."""
    out = []
    for _ in range(n):
        s = {k: round(float(rng.uniform(lo, hi)) / st) * st
             for k, (lo, hi, st) in live.RACE_RANGES.items() if k not in ("tol", "max_steps")}
        s = {k: float(np.clip(round(v, 10), *live.RACE_RANGES[k][:2])) for k, v in s.items()}
        s["tol"] = float(10.0 ** rng.choice(np.arange(-6, -0.5, 0.5)))
        s["max_steps"] = int(rng.choice([10, 300, 1000, 2500]))
        s["learn_bias"] = bool(rng.integers(2))
        out.append(s)
    return out


def test_race_result_twin_equals_python():
    rng = np.random.default_rng(2024)
    cases = random_race_settings(rng, 60) + [dict(p) for p in live.RACE_PRESETS.values()]
    py = [live.race_result(s) for s in cases]
    js = run_js([("race_model.js", "raceResult", [s]) for s in cases])
    assert_twin(py, js)
    steps = [r["runs"]["mse"]["steps"] for r in py]
    assert None in steps and any(s is not None for s in steps), "the cases hold both kinds of run"
    assert js[len(cases) - 3]["runs"]["mse"]["steps"] == 287  # the source text's setting


@pytest.mark.parametrize("stop", ["squared_error", "excess"])
@pytest.mark.parametrize("loss", ["mse", "ce"])
def test_train_neuron_twin_equals_python(loss, stop):
    rng = np.random.default_rng(7)
    cases = [dict(w=float(rng.uniform(-6, 6)), b=float(rng.uniform(-6, 6)), x=float(rng.uniform(-3, 3)),
                  y=float(rng.choice([0.0, 0.5, 0.83, 1.0])), eta=float(rng.uniform(0.01, 2)),
                  tol=float(10.0 ** rng.uniform(-6, -1)), max_steps=int(rng.integers(1, 3000)),
                  learn_bias=bool(rng.integers(2))) for _ in range(40)]
    py = []
    for c in cases:
        r = train_neuron(loss, stop=stop, **c)
        py.append({"steps": r.steps, "w": r.w, "b": r.b, "a": r.a, "loss": r.loss})
    js = run_js([("race_model.js", "trainNeuron", [loss, {
        "w": c["w"], "b": c["b"], "x": c["x"], "y": c["y"], "eta": c["eta"], "tol": c["tol"],
        "maxSteps": c["max_steps"], "learnBias": c["learn_bias"], "stop": stop}]) for c in cases])
    assert_twin(py, js)


def test_bad_race_settings_give_an_error_in_both():
    bad = [{**live.RACE_DEFAULTS, "w0": 100.0}, {**live.RACE_DEFAULTS, "eta": 0.0},
           {**live.RACE_DEFAULTS, "y": 1.5}]
    for s, js in zip(bad, run_js([("race_model.js", "raceResult", [s]) for s in bad])):
        with pytest.raises(ValueError):
            live.race_result(s)
        assert js["error"] and js["runs"] is None


# --- chapter 3: the KL explorer ----------------------------------------------------------------


def test_kl_result_twin_equals_python():
    rng = np.random.default_rng(3)
    cases = [{"p": float(p), "q": float(q), "base": str(b)}
             for p, q, b in zip(np.round(rng.uniform(0, 1, 40), 2), np.round(rng.uniform(0.01, 0.99, 40), 2),
                                rng.choice(list(live.BASES), 40))]
    cases += [{"p": p, "q": 0.5, "base": b} for p in (0.0, 1.0) for b in live.BASES]
    py = [live.kl_result(s) for s in cases]
    js = run_js([("kl_model.js", "klResult", [s]) for s in cases])
    assert_twin(py, js)
    assert js[-1]["numbers"]["kl_qp"] == "inf"  # p = 1: KL(q||p) is infinite, in both


def test_kl_numbers_are_losses():
    from lossbook.losses import cross_entropy_pq, entropy, kl_divergence

    for p, q, base in [(0.9, 0.1, "nats"), (0.3, 0.6, "bits"), (0.0, 0.2, "bans")]:
        P, Q, b = np.array([p, 1 - p]), np.array([q, 1 - q]), live.BASES[base]
        n = live.kl_numbers(p, q, base)
        assert n["hpq"] == pytest.approx(float(cross_entropy_pq(P, Q, b)), rel=1e-12)
        assert n["hp"] == pytest.approx(float(entropy(P, b)), abs=1e-15)
        assert n["kl_pq"] == pytest.approx(float(kl_divergence(P, Q, b)), rel=1e-12)
        assert n["hpq"] == pytest.approx(n["hp"] + n["kl_pq"], rel=1e-12)


# --- the committed bundles ---------------------------------------------------------------------


def test_bundles_are_built_from_the_sources(tmp_path):
    """Rebuilding lossbook/web/dist (``make figures``) gives the committed files byte for byte."""
    esbuild = ROOT / "node_modules" / "esbuild"
    assert esbuild.exists(), "npm ci first (make node): esbuild is needed to check the bundles"
    proc = subprocess.run([NODE, str(WEB / "build.mjs"), str(tmp_path)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    built = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.js"))
    # digits-data.js is the digits' data, not a bundle (tests/test_digits_twin.py checks it)
    committed = sorted(p.relative_to(WEB / "dist").as_posix() for p in (WEB / "dist").rglob("*.js")
                       if p.name != "digits-data.js")
    assert built == committed, "dist/ holds other files than the build makes: run make figures"
    stale = [f for f in built if (tmp_path / f).read_bytes() != (WEB / "dist" / f).read_bytes()]
    assert not stale, f"stale bundles {stale}: run `make figures` and commit lossbook/web/dist"
    figures = {Path(f).stem for f in built if f.startswith("widget/")}
    assert {"race", "kl"} <= figures
    # Every figure's bundle is one module with no import left, and exports render.
    for f in built:
        text = (tmp_path / f).read_text(encoding="ascii")  # ASCII only: safe for any page charset
        assert not any(line.startswith("import ") for line in text.splitlines()), f
    for name in figures:
        assert "render" in (tmp_path / "widget" / f"{name}.js").read_text().split("export {")[-1]


def test_every_figure_is_mounted_by_the_site_bundle():
    site = (SRC / "site.js").read_text()
    for f in (WEB / "dist" / "widget").glob("*.js"):
        assert f"./{f.name}" in site, f"src/site.js does not mount {f.stem}"


def test_non_finite_numbers_travel_as_strings():
    assert live.jsonable({"a": [math.inf, -math.inf, math.nan, 1.5, np.float32(2.0)], "b": None}) == \
        {"a": ["inf", "-inf", "nan", 1.5, 2.0], "b": None}
    json.dumps(live.jsonable(live.kl_result({"p": 1.0, "q": 0.5})), allow_nan=False)


# --- chapter 1: the line fit -------------------------------------------------------------------


def test_line_fit_twin_equals_python():
    rng = np.random.default_rng(11)
    lo = {k: v[0] for k, v in live.LINE_RANGES.items()}
    hi = {k: v[1] for k, v in live.LINE_RANGES.items()}
    cases = [{k: float(rng.uniform(lo[k], hi[k])) for k in live.LINE_RANGES} for _ in range(40)]
    cases += [dict(p) for p in live.LINE_PRESETS.values()]
    py = [live.line_fit_result(s) for s in cases]
    js = run_js([("line_model.js", "lineFitResult", [s]) for s in cases])
    assert_twin(py, js)
    assert (js[-2]["S"], js[-1]["S"]) == (3.0, 34.0)
    assert run_js([("line_model.js", "lineFitResult", [{"w": 9.0, "b": 0.0, "eta": 0.1}])])[0]["error"]


def test_line_constants_are_pythons():
    got = run_js([("line_model.js", k, None) for k in ("X", "Y", "DEFAULTS", "RANGES", "PRESETS", "LEVELS", "GRID_N")])
    want = [list(live.LINE_X), list(live.LINE_Y), live.LINE_DEFAULTS,
            {k: list(v) for k, v in live.LINE_RANGES.items()}, live.LINE_PRESETS,
            list(live.LINE_LEVELS), live.LINE_GRID_N]
    assert_twin(want, got, tol=0.0)


# --- chapter 4: softmax ------------------------------------------------------------------------


def test_softmax_twin_equals_python():
    rng = np.random.default_rng(5)
    cases = []
    for _ in range(50):
        K = int(rng.integers(3, 6))
        cases.append({"K": K, "z": [float(v) for v in np.round(rng.uniform(-6, 6, 5), 1)],
                      "T": float(np.round(rng.uniform(0.2, 5), 2)), "target": int(rng.integers(1, K + 1))})
    cases += [dict(p) for p in live.SOFTMAX_PRESETS.values()]
    py = [live.softmax_result(s) for s in cases]
    js = run_js([("softmax_model.js", "softmaxResult", [s]) for s in cases])
    assert_twin(py, js)
    bad = {"K": 3, "z": [0.0] * 5, "T": 1.0, "target": 4}
    with pytest.raises(ValueError):
        live.softmax_result(bad)
    assert run_js([("softmax_model.js", "softmaxResult", [bad])])[0]["error"]


def test_softmax_constants_are_pythons():
    got = run_js([("softmax_model.js", k, None) for k in ("DEFAULTS", "RANGES", "PRESETS")])
    want = [live.SOFTMAX_DEFAULTS, {k: list(v) for k, v in live.SOFTMAX_RANGES.items()},
            live.SOFTMAX_PRESETS]
    assert_twin(want, got, tol=0.0)


# --- chapter 5: numerical stability ------------------------------------------------------------


def test_stability_twin_equals_python():
    rng = np.random.default_rng(9)
    cases = [{"z": float(np.round(live._z_of_u(round(float(rng.uniform(-3, 3)), 2)), 6)), "y": int(rng.integers(2)),
              "pos_weight": float(np.round(rng.uniform(0.1, 10), 1)),
              "smoothing": float(np.round(rng.uniform(0, 0.5), 2))} for _ in range(12)]
    cases += [dict(p) for p in live.STABILITY_PRESETS.values()]
    cases += [{"z": z, "y": y, "pos_weight": 1.0, "smoothing": e}
              for z in (-1000.0, -89.0, -30.5, 0.0, 17.0, 88.0, 710.0, 1000.0) for y in (0, 1) for e in (0.0, 0.1)]
    py = [live.stability_result(s) for s in cases]
    js = run_js([("stability_model.js", "stabilityResult", [s]) for s in cases])
    assert_twin(py, js)
    # where the naive way breaks, both break the same way (inf, nan) and the stable one does not
    kinds = {v for r in py for d in ("float32", "float64") for v in r["curves"][d]["binary_naive"]
             + r["curves"][d]["softmax_naive"] if isinstance(v, str)}
    assert kinds == {"inf", "nan"}
    assert all(isinstance(v, float) for r in py for d in ("float32", "float64")
               for k in ("binary_stable", "softmax_stable") for v in r["curves"][d][k])


def test_stability_constants_are_pythons():
    got = run_js([("stability_model.js", k, None) for k in ("DEFAULTS", "RANGES", "PRESETS", "GRID_U")])
    want = [live.STABILITY_DEFAULTS, {k: list(v) for k, v in live.STABILITY_RANGES.items()},
            live.STABILITY_PRESETS, live.STABILITY_GRID_U]
    assert_twin(want, got, tol=0.0)
