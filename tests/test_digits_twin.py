"""The digits figure: its JavaScript twin trains exactly as lossbook.digits does, and the site's
copy of the data is the data.

``lossbook/web/src/digits_model.js`` runs under Node.js: the same random numbers (mulberry32 and
Box-Muller), the same split and standardisation, and the same full-batch training, equal to
:func:`lossbook.live.digits_result` to 1e-9 over random settings where training is stable.
At large learning rates MSE from a saturated start is chaotic: the summation order alone (numpy's
matrix products against the twin's loops) changes its accuracy by whole images there, so the
twins are compared in that region on the first epochs only, where rounding has not yet grown.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from lossbook import digits, live
from lossbook.widgets import WEB, digits_trainer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_web_twin import NODE, SRC, diff, run_js  # noqa: E402

RAW = None


def raw() -> dict:
    """The digits as the twin takes them: flat pixels and labels (lists)."""
    global RAW
    if RAW is None:
        pixels, labels = digits.load_raw()
        RAW = {"pixels": pixels.ravel().tolist(), "labels": labels.tolist()}
    return RAW


def test_constants_equal_python():
    got = run_js([("digits_model.js", n, None) for n in ("DEFAULTS", "PRESETS", "RANGES")])
    assert got[0] == live.DIGITS_DEFAULTS
    assert got[1] == live.DIGITS_PRESETS
    assert got[2] == {k: list(v) for k, v in live.DIGITS_RANGES.items()}


def test_random_numbers_split_and_start_are_the_same():
    script = f"""
import * as m from "{(SRC / 'digits_model.js').as_uri()}";
const r = m.mulberry32(12345), u = [], g = m.mulberry32(7), z = [];
for (let i = 0; i < 1000; i++) u.push(r.random());
for (let i = 0; i < 1000; i++) z.push(g.normal());
const labels = JSON.parse(process.argv[1]);
const split = m.stratifiedSplit(labels, 0.2, 3);
const p = m.initParams(1003, 0.5);
console.log(JSON.stringify({{u, z, split, W: Array.from(p.W), b: Array.from(p.b)}}));
"""
    proc = subprocess.run([NODE, "--input-type=module", "-e", script, json.dumps(raw()["labels"])],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    js = json.loads(proc.stdout)
    rng = digits.Mulberry32(12345)
    assert js["u"] == [rng.random() for _ in range(1000)]  # bit for bit
    assert np.allclose(js["z"], digits.random_normal(7, 1000), rtol=0, atol=1e-15)
    train, test = digits.stratified_split(raw()["labels"], 0.2, 3)
    assert js["split"] == {"train": train.tolist(), "test": test.tolist()}
    W, b = digits.init_params(1003, 0.5)
    assert np.allclose(js["W"], W.ravel(), rtol=0, atol=1e-15) and np.allclose(js["b"], b, rtol=0, atol=1e-15)


# Settings where training is stable: rates up to 30 from the standard start, up to 10 from a
# large one (chapter 4's sweep: MSE's sensitive region starts at rate 32 from the large start).
def stable_settings(n: int) -> list[dict]:
    rng = np.random.default_rng(2026)
    out = []
    for _ in range(n):
        scale = float(rng.choice([0.0, 0.01, 0.3, 1.0]))
        top = 1.5 if scale < 0.5 else 1.0
        out.append({"lr_mse": float(np.round(10 ** rng.uniform(-2, top), 3)),
                    "lr_ce": float(np.round(10 ** rng.uniform(-2, top), 3)),
                    "scale": scale, "epochs": int(rng.choice([10, 20, 40])), "trial": int(rng.integers(0, 10))})
    return out


def test_training_equals_python_where_stable():
    settings = stable_settings(6) + [live.DIGITS_DEFAULTS] + list(live.DIGITS_PRESETS.values())
    got = run_js([("digits_model.js", "digitsResult", [s, raw()]) for s in settings])
    for s, js in zip(settings, got):
        py = live.jsonable(live.digits_result(s))
        assert diff(py, js) == [], (s, diff(py, js)[:3])


def test_chaotic_region_agrees_at_first():
    s = {"lr_mse": 1000.0, "lr_ce": 1000.0, "scale": 1.0, "epochs": 10, "trial": 1}
    js = run_js([("digits_model.js", "digitsResult", [s, raw()])])[0]
    py = live.jsonable(live.digits_result(s))
    # the first epochs agree to 1e-9; later ones may not (rounding grows), and are not compared
    for loss in ("mse", "ce"):
        assert diff(py["runs"][loss]["loss"][:3], js["runs"][loss]["loss"][:3]) == []


def test_streaming_gives_the_same_result_as_one_run():
    """The site's streaming compute, run to the end in slices, equals the one-shot twin."""
    script = f"""
import * as m from "{(SRC / 'digits_model.js').as_uri()}";
import fs from "node:fs";
const raw = JSON.parse(fs.readFileSync(0, "utf8"));
const settings = {{lr_mse: 3.16, lr_ce: 1.0, scale: 0.3, epochs: 30, trial: 2}};
const model = {{ results: [], set(k, v) {{ this.results.push(v); if (v.done) finish(v); }} }};
const first = m.streamingCompute((cb) => cb(raw), 1)({{ settings }}, model);
function finish(v) {{
  const once = m.digitsResult(settings, raw);
  console.log(JSON.stringify({{ first: first.result, slices: model.results.length, last: v, once }}));
}}
"""
    proc = subprocess.run([NODE, "--input-type=module", "-e", script], input=json.dumps(raw()),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["first"]["done"] is False and out["first"]["runs"] is None
    assert out["slices"] > 1, "the run was not cut into slices"
    assert out["last"] == out["once"]


def test_site_data_is_the_data_and_up_to_date():
    committed = (WEB / "dist" / "site" / digits.WEB_DATA).read_text()
    assert committed == digits.web_data(), "run `make figures` to refresh the site's digits"
    script = f"""
import * as m from "{(SRC / 'digits_model.js').as_uri()}";
globalThis.window = {{}};
await import("{(WEB / 'dist' / 'site' / digits.WEB_DATA).as_uri()}");
const d = m.decodeDigits(window.lossbookDigitsData.pixels, window.lossbookDigitsData.labels);
console.log(JSON.stringify({{ pixels: Array.from(d.pixels), labels: Array.from(d.labels) }}));
"""
    proc = subprocess.run([NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == raw()


def test_widget_computes_in_python():
    fig = digits_trainer(epochs=20)
    want = live.digits_result(fig.values())
    assert fig.result == live.jsonable(want)
    assert fig.accuracies()["ce"]["test"] == want["runs"]["ce"]["test_accuracy"][-1]
    fig.set(lr_mse=10.0)
    assert fig.result["runs"]["mse"] == live.jsonable(live.digits_result(fig.values()))["runs"]["mse"]
    fig.apply_preset("saturated")
    assert fig.values()["scale"] == 1.0
    with pytest.raises(ValueError, match="lr_ce must lie in"):
        fig.set(lr_ce=5000.0)
    with pytest.raises(ValueError, match="unknown setting"):
        digits_trainer(rate=1.0)
    assert 'data-figure="digits"' in fig._repr_mimebundle_()[0]["text/html"]
