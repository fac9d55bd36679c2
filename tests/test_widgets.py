"""The live figures in lossbook.widgets: their settings, results, presets and notebook output."""

from __future__ import annotations

import json
import re
import subprocess

import numpy as np
import pytest

from lossbook import live
from lossbook.neuron import LN9, train_neuron
from lossbook.widgets import RACE_PRESETS, WEB, kl_explorer, kl_numbers, neuron_race


def expected(s: dict) -> dict:
    c = dict(w=s["w0"], b=s["b0"], x=s["x"], y=s["y"], eta=s["eta"], tol=s["tol"],
             max_steps=s["max_steps"], learn_bias=s["learn_bias"])
    return {"mse": train_neuron("mse", **c).steps, "ce": train_neuron("ce", **c).steps,
            "ce-excess": train_neuron("ce", stop="excess", **c).steps}


def test_source_setting_shows_287_for_mse():
    race = neuron_race()
    assert race.counts()["mse"] == 287
    assert race.counts() == expected(race.values())
    assert race.counts()["ce"] < 287


def test_setting_values_recomputes_the_result():
    race = neuron_race()
    before = race.counts()
    race.set(w0=1.0)
    assert race.counts() != before and race.counts() == expected(race.values())
    race.set(eta=0.5, learn_bias=True, tol=1e-5)
    assert race.counts() == expected(race.values())
    race.set(max_steps=10)
    assert race.counts()["mse"] is None
    # what the view draws: the histories of both runs, and dL/dz at each step
    run = race.result["runs"]["mse"]
    assert len(run["a"]) == len(run["w"]) == len(run["delta"]) == 11
    # assigning the synced trait, as the view does, recomputes too
    race.settings = {**race.settings, "w0": -2.0}
    assert race.counts() == expected(race.values())


@pytest.mark.parametrize("name", list(RACE_PRESETS))
def test_presets(name):
    race = neuron_race(w0=0.0, eta=1.0)
    race.apply_preset(name)
    assert race.values() == live.check_race(RACE_PRESETS[name])
    assert race.counts() == expected(RACE_PRESETS[name])


#: Words about how the text was written, never about its sources (a random seed is fine). The
#: pattern is spelled so that this file does not match itself.
ABOUT_WRITING = re.compile(r"seed'?s (setting|text|starting)|seed\stext|preset-se[e]d|[\"']seed[\"'] *:|re[t]old",
                           re.I)
#: Committed files that are not prose or code: generated data, lock files and binaries.
NOT_TEXT = re.compile(r"(^|/)package-lock\.json$|(^|/)digits-data\.js$|\.(png|jpe?g|gif|webp|svg|pdf|zip|"
                      r"woff2?|ttf|ico|npz|npy|gz)$", re.I)


def test_sources_are_named_as_sources():
    """No committed text file names the source text's setting by how the book was made."""
    assert "source" in RACE_PRESETS and not any("seed" in n for n in RACE_PRESETS)
    root = WEB.parents[1]
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, text=True,
                            timeout=60, check=True).stdout.split("\0")
    files = [root / f for f in listed if f and not NOT_TEXT.search(f)]
    assert len(files) > 20, files
    found = {}
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        hits = [m.group(0) for m in ABOUT_WRITING.finditer(text)]
        if hits:
            found[path.relative_to(root).as_posix()] = hits
    assert not found, found


def test_slowdown_presets_show_mse_far_slower():
    race = neuron_race(**RACE_PRESETS["slowdown-2-2"])
    c = race.counts()
    assert c["mse"] > 10 * c["ce"]


def test_notebook_output_mount_and_repr():
    race = neuron_race()
    data, _ = race._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/plain"] == ("NeuronRace(w0=2.197, b0=0, x=1, y=0.5, eta=0.2, tol=0.001, "
                                  "max_steps=1000, learn_bias=False)")
    m = re.fullmatch(r"<div class=\"lossbook-figure\" data-figure=\"race\" data-settings='(.*)'>"
                     r"<p class=\"lossbook-fallback\">(.*)</p></div>", data["text/html"])
    assert m
    # where no JavaScript runs (GitHub, nbviewer), the reader sees the figure and its settings
    assert m.group(2) == (data["text/plain"] + ". Live figure: it runs on the book's website and in "
                          "JupyterLab; the chapter's static figures show the same ideas.")
    settings = json.loads(m.group(1))
    assert list(settings) == ["w0", "b0", "x", "y", "eta", "tol", "max_steps", "learn_bias"]
    assert settings["w0"] == LN9 and settings["learn_bias"] is False
    race.set(w0=1.0)  # the mount keeps the initial settings: re-execution gives the same output
    assert race._repr_mimebundle_()[0]["text/html"] == data["text/html"]
    assert neuron_race()._repr_mimebundle_()[0]["text/html"] == data["text/html"]
    assert "w0=1," in repr(race)


def test_the_view_is_the_bundled_module():
    race = neuron_race()
    assert race._esm == (WEB / "dist" / "widget" / "race.js").read_text()
    assert race._css == (WEB / "lossbook.css").read_text()
    assert kl_explorer()._esm == (WEB / "dist" / "widget" / "kl.js").read_text()


def test_bad_values():
    with pytest.raises(ValueError):
        neuron_race(w0=100)
    with pytest.raises(ValueError):
        neuron_race(speed=3)
    with pytest.raises(ValueError):
        neuron_race(max_steps=10.5)
    race = neuron_race()
    with pytest.raises(ValueError):
        race.set(eta=-5)
    with pytest.raises(ValueError):
        race.apply_preset("fast")
    # a bad value from the page is reported in the result, not raised in the kernel
    race.settings = {**race.settings, "w0": float("nan")}
    assert "w0 must lie in" in race.result["error"]
    race.set(w0=1.0)
    assert race.result["error"] == "" and race.counts() == expected(race.values())


def test_result_is_strict_json():
    k = kl_explorer(p=1.0, q=0.5)
    json.dumps(k.result, allow_nan=False)
    assert k.result["numbers"]["kl_qp"] == "inf"


def test_kl_explorer():
    k = kl_explorer()
    assert k.numbers == pytest.approx(kl_numbers(0.9, 0.1))
    assert abs(k.numbers["hpq"] - k.numbers["hp"] - k.numbers["kl_pq"]) < 1e-12
    k.set(q=0.5)
    assert k.numbers["kl_pq"] == kl_numbers(0.9, 0.5)["kl_pq"]
    k.set(base="bits")
    assert k.numbers["hpq"] == kl_numbers(0.9, 0.5, "bits")["hpq"]
    k.set(p=1.0)
    assert k.numbers["kl_qp"] == float("inf") and k.numbers["hp"] == 0.0
    assert len(k.result["curves"]["hpq"]) == len(k.result["q"]) == live.KL_GRID.size
    assert repr(k) == "KLExplorer(p=1, q=0.5, base=bits)"
    html = k._repr_mimebundle_()[0]["text/html"]
    assert "data-figure=\"kl\" data-settings='{\"p\": 0.9, \"q\": 0.1, \"base\": \"nats\"}'" in html
    with pytest.raises(ValueError):
        kl_explorer(q=0.0)
    with pytest.raises(ValueError):
        kl_explorer(base="hartleys")


# --- chapter 1: the line fit -------------------------------------------------------------------


def test_line_fit_numbers():
    from lossbook.widgets import line_fit

    f = line_fit()
    r = f.result
    # the source text's two settings: plain sums of squares 3 and 34; the book's J is S / (2N)
    assert r["S"] == pytest.approx(3.0) and r["J"] == pytest.approx(0.3)
    f.apply_preset("source-0-0")
    assert f.result["S"] == pytest.approx(34.0) and f.result["J"] == pytest.approx(3.4)
    assert r["resid"] == pytest.approx([0.0, -1.0, 1.0, 0.0, 1.0])
    # least squares, from numpy
    import numpy as np

    A = np.stack([live.LINE_X, np.ones(5)], axis=1)
    (w, b), *_ = np.linalg.lstsq(A, np.array(live.LINE_Y), rcond=None)
    assert (r["optimum"]["w"], r["optimum"]["b"]) == pytest.approx((w, b))
    assert (w, b) == pytest.approx((1.7, 0.8))


def test_line_fit_gradient_and_step():
    from lossbook.widgets import line_fit

    f = line_fit(w=0.4, b=-1.3, eta=0.3)
    r, h = f.result, 1e-6

    def J(w, b):
        return live.line_fit_result({"w": w, "b": b})["J"]

    assert r["grad"]["w"] == pytest.approx((J(0.4 + h, -1.3) - J(0.4 - h, -1.3)) / (2 * h), rel=1e-6)
    assert r["grad"]["b"] == pytest.approx((J(0.4, -1.3 + h) - J(0.4, -1.3 - h)) / (2 * h), rel=1e-6)
    f.set(w=r["next"]["w"], b=r["next"]["b"])
    assert f.result["J"] < r["J"]
    i, j = 5, 7  # a grid value is J at (grid_w[j], grid_b[i])
    assert r["grid_J"][i][j] == pytest.approx(J(r["grid_w"][j], r["grid_b"][i]))
    with pytest.raises(ValueError):
        line_fit(w=10)


# --- chapter 4: softmax ------------------------------------------------------------------------


def test_softmax_source_text_4_outputs():
    from lossbook.widgets import softmax_explorer

    f = softmax_explorer()
    f.apply_preset("source-4-even")
    even = dict(f.result)
    f.apply_preset("source-4-uneven")
    uneven = dict(f.result)
    assert even["a"] == pytest.approx([0.8, 0.1, 0.1]) and uneven["a"] == pytest.approx([0.8, 0.15, 0.05])
    # the same cross-entropy -ln 0.8, different MSE (1/2 of 0.06 and of 0.065)
    assert even["ce"] == pytest.approx(uneven["ce"]) == pytest.approx(-np.log(0.8))
    assert (even["mse"], uneven["mse"]) == pytest.approx((0.03, 0.0325))


def test_softmax_gradients_by_finite_differences():
    from lossbook.losses import softmax

    s = {"K": 4, "z": [0.7, -1.2, 2.5, 0.3, 0.0], "T": 1.7, "target": 2}
    r = live.softmax_result(s)
    h = 1e-6

    def losses(z):
        a = softmax(np.array(z[:4]) / 1.7)
        y = np.eye(4)[1]
        return -np.log(a[1]), 0.5 * np.sum((a - y) ** 2)

    for i in range(4):
        zp, zm = list(s["z"]), list(s["z"])
        zp[i] += h
        zm[i] -= h
        (cp, mp), (cm, mm) = losses(zp), losses(zm)
        assert r["grad_ce"][i] == pytest.approx((cp - cm) / (2 * h), abs=1e-7)
        assert r["grad_mse"][i] == pytest.approx((mp - mm) / (2 * h), abs=1e-7)
        assert r["grad_mse"][i] == pytest.approx(r["grad_mse_diag"][i] + r["grad_mse_cross"][i])
    from lossbook.widgets import softmax_explorer

    f = softmax_explorer(**s)
    f.set(z3=-1.0)
    assert f.values()["z"][2] == -1.0
    with pytest.raises(ValueError):
        f.set(target=5)


# --- chapter 5: numerical stability ------------------------------------------------------------


def test_stability_stable_way_is_the_packages_loss():
    from lossbook.losses import binary_cross_entropy_with_logits, cross_entropy

    for z, y, beta, eps in [(100.0, 0, 1.0, 0.0), (-1000.0, 1, 2.5, 0.1), (3.0, 1, 0.4, 0.3),
                            (-40.0, 0, 1.0, 0.0)]:
        r = live.stability_result({"z": z, "y": y, "pos_weight": beta, "smoothing": eps})
        ys = y * (1 - eps) + eps / 2
        want = binary_cross_entropy_with_logits(np.array([z]), np.array([ys]), pos_weight=beta)
        assert r["cases"]["float64"]["binary"]["stable"]["loss"] == pytest.approx(want, rel=1e-12, abs=1e-300)
        ysm = np.array([[1 - eps + eps / 3, eps / 3, eps / 3]])
        want_sm = cross_entropy(np.array([[z, 0.0, -z]]), ysm)
        assert r["cases"]["float64"]["softmax"]["stable"]["loss"] == pytest.approx(want_sm, rel=1e-12, abs=1e-12)
        # float32 agrees with float64 to float32's precision wherever the stable way is used
        s32 = r["cases"]["float32"]["binary"]["stable"]["loss"]
        assert s32 == pytest.approx(float(want), rel=1e-6, abs=1e-30)


def test_stability_naive_breaks_where_float_breaks():
    # float32 exp overflows above about 88.7, float64 above about 709.8
    r = live.stability_result({"z": 100.0, "y": 0})
    c32, c64 = r["cases"]["float32"], r["cases"]["float64"]
    assert c32["softmax"]["naive"]["exp"][0] == "inf" and c32["softmax"]["naive"]["loss"] == "nan"
    assert c64["softmax"]["naive"]["loss"] == pytest.approx(0.0, abs=1e-40)
    # a = sigma(100) rounds to 1, so log(1 - a) = -inf in both: the naive binary loss is inf
    assert c32["binary"]["naive"]["loss"] == c64["binary"]["naive"]["loss"] == "inf"
    assert c64["binary"]["stable"]["loss"] == pytest.approx(100.0)
    r = live.stability_result({"z": -1000.0, "y": 1})
    assert r["cases"]["float64"]["binary"]["naive"]["a"] == 0.0  # underflow, then log 0
    assert r["cases"]["float64"]["binary"]["naive"]["log_a"] == "-inf"
    assert r["cases"]["float64"]["binary"]["stable"]["loss"] == pytest.approx(1000.0)
    # label smoothing: the naive softmax loss meets 0 * log 0 = nan or y log 0 = inf
    r = live.stability_result({"z": 1000.0, "y": 1, "smoothing": 0.1})
    assert r["cases"]["float64"]["softmax"]["naive"]["loss"] in ("inf", "nan")
    assert r["cases"]["float64"]["softmax"]["stable"]["loss"] == pytest.approx(0.1 / 3 * (1000 + 2000), rel=1e-9)
    from lossbook.widgets import stability_explorer

    with pytest.raises(ValueError):
        stability_explorer(z=2000)
    with pytest.raises(ValueError):
        stability_explorer(y=0.5)


@pytest.mark.parametrize("bad, message", [
    ({"K": 6}, r"K must lie in \[3, 5\]"), ({"target": 4}, "target must be a class 1..K = 1..3"),
    ({"z": [1, 2]}, "z must be 5 logits"), ({"z": "ab"}, "z must be a list of numbers"),
    ({"T": 9}, r"T must lie in \[0.2, 5\]"), ({"temperature": 1}, "unknown setting"),
])
def test_softmax_settings_are_checked(bad, message):
    with pytest.raises(ValueError, match=message):
        live.check_softmax(bad)
