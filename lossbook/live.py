"""The numbers the book's live figures show, computed here and nowhere else.

Each live figure (see :mod:`lossbook.widgets`) draws one dict, its *result*, computed from its
settings by a function of this module: :func:`race_result`, :func:`kl_result`, ... In JupyterLab
the widget calls that function in the kernel; on the published site, which has no kernel, the
figure's JavaScript twin (``lossbook/web/src/<figure>_model.js``) computes the same dict, and
``tests/test_web_twin.py`` checks that both agree to 1e-9 over random settings.

The settings of each figure, their defaults, slider ranges ``(min, max, step)`` and presets are
defined here too (the twins hold copies, tested equal). A result is plain JSON: lists, floats,
ints, strings, None; :func:`jsonable` turns non-finite floats into the strings ``"inf"``,
``"-inf"`` and ``"nan"`` (JSON has no such numbers) before a result is sent to the browser.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .losses import cross_entropy_pq, entropy, kl_divergence
from .neuron import LN9, delta, loss_floor, train_neuron

__all__ = [
    "RACE_DEFAULTS", "RACE_PRESETS", "RACE_RANGES", "race_result",
    "KL_DEFAULTS", "KL_RANGES", "KL_GRID", "BASES", "kl_numbers", "kl_result",
    "DIGITS_DEFAULTS", "DIGITS_PRESETS", "DIGITS_RANGES", "check_digits", "digits_result",
    "check_settings", "jsonable",
]


def jsonable(value: Any) -> Any:
    """``value`` with every non-finite float replaced by ``"inf"``, ``"-inf"`` or ``"nan"``
    (and numpy scalars and arrays by Python floats and lists), so that strict JSON carries it."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [jsonable(v) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return v
    return value


def check_settings(settings: dict[str, Any], defaults: dict[str, Any],
                   ranges: dict[str, tuple[float, float, float]],
                   log10: tuple[str, ...] = ()) -> dict[str, Any]:
    """Merge ``settings`` into ``defaults`` (keeping the defaults' key order) and check them.

    Raises ValueError for an unknown name, a value of the wrong kind, or a number outside its
    slider's range (for names in ``log10`` the range is of log10 of the value).
    """
    unknown = sorted(set(settings) - set(defaults))
    if unknown:
        raise ValueError(f"unknown setting(s) {unknown}; known: {sorted(defaults)}")
    out = dict(defaults)
    for key, value in settings.items():
        default = defaults[key]
        if isinstance(default, bool):
            if not isinstance(value, (bool, np.bool_)):
                raise ValueError(f"{key} must be True or False, got {value!r}")
            out[key] = bool(value)
            continue
        if isinstance(default, str):
            out[key] = str(value)
            continue
        if isinstance(default, list):
            out[key] = [float(v) for v in value]
            continue
        try:
            v = float(value)
        except (TypeError, ValueError) as err:
            raise ValueError(f"{key} must be a number, got {value!r}") from err
        if key in ranges:
            lo, hi, _ = ranges[key]
            if key in log10:
                lo, hi = 10.0**lo, 10.0**hi
            if not (math.isfinite(v) and lo <= v <= hi):
                raise ValueError(f"{key} must lie in [{lo:g}, {hi:g}], got {value!r}")
        if isinstance(default, int):
            if v != int(v):
                raise ValueError(f"{key} must be a whole number, got {value!r}")
            v = int(v)
        out[key] = v
    return out


# --- chapter 2: the neuron race ----------------------------------------------------------------

#: The race's starting settings: the source text's neuron (w = ln 9 gives a = 0.9, target 0.5).
RACE_DEFAULTS: dict[str, Any] = {
    "w0": LN9, "b0": 0.0, "x": 1.0, "y": 0.5, "eta": 0.2, "tol": 1e-3, "max_steps": 1000,
    "learn_bias": False,
}

#: The presets. "source" is the source text's setting (MSE needs 287 updates). The two
#: "slowdown" starts are the classic saturated neurons (x = 1, target 0, w and b both learned)
#: at eta = 0.15, the classic demo's rate for MSE, used here for both losses so that the race
#: is fair. 4000 steps let all three counts finish (MSE needs about 1000-1200 updates, CE under
#: 100, and CE's stricter excess rule about 3400).
RACE_PRESETS: dict[str, dict[str, Any]] = {
    "source": dict(RACE_DEFAULTS),
    "slowdown-0.6-0.9": {"w0": 0.6, "b0": 0.9, "x": 1.0, "y": 0.0, "eta": 0.15, "tol": 1e-3,
                         "max_steps": 4000, "learn_bias": True},
    "slowdown-2-2": {"w0": 2.0, "b0": 2.0, "x": 1.0, "y": 0.0, "eta": 0.15, "tol": 1e-3,
                     "max_steps": 4000, "learn_bias": True},
}

#: Slider ranges (min, max, step). ``tol`` is set on a log10 scale.
RACE_RANGES: dict[str, tuple[float, float, float]] = {
    "w0": (-6.0, 6.0, 0.01), "b0": (-6.0, 6.0, 0.01), "x": (-3.0, 3.0, 0.05), "y": (0.0, 1.0, 0.01),
    "eta": (0.01, 2.0, 0.01), "tol": (-6.0, -1.0, 0.5), "max_steps": (10, 5000, 10),
}


def check_race(settings: dict[str, Any]) -> dict[str, Any]:
    """The race's settings merged into :data:`RACE_DEFAULTS`; ValueError if one is out of range."""
    return check_settings(settings, RACE_DEFAULTS, RACE_RANGES, log10=("tol",))


def race_result(settings: dict[str, Any]) -> dict[str, Any]:
    """What the race figure shows: three runs of :func:`lossbook.neuron.train_neuron`.

    MSE and cross-entropy from the same start (w0, b0), input x, target y, rate eta, both to the
    squared-error rule 1/2 (a - y)^2 < tol within max_steps updates, and cross-entropy also to
    the excess rule (its loss above the floor H(y), i.e. KL(y || a), < tol). Returns
    ``{"error": "", "floor": H(y), "runs": {"mse": run, "ce": run, "ce-excess": {"steps": n}}}``
    where a run is ``{"steps", "w", "b", "a", "loss", "delta"}`` (histories from the start;
    ``delta`` = dL/dz at each step, so dL/dw = delta x and dL/db = delta) and ``steps`` is None
    when the rule never held. Raises ValueError for a setting out of range.
    """
    s = check_race(settings)
    common = dict(w=s["w0"], b=s["b0"], x=s["x"], y=s["y"], eta=s["eta"], tol=s["tol"],
                  max_steps=s["max_steps"], learn_bias=s["learn_bias"])
    runs: dict[str, Any] = {}
    for key in ("mse", "ce"):
        r = train_neuron(key, **common)
        runs[key] = {"steps": r.steps, "w": r.w, "b": r.b, "a": r.a, "loss": r.loss,
                     "delta": [delta(key, a, s["y"]) for a in r.a]}
    runs["ce-excess"] = {"steps": train_neuron("ce", stop="excess", **common).steps}
    return {"error": "", "floor": loss_floor("ce", s["y"]), "runs": runs}


# --- chapter 3: the KL explorer ----------------------------------------------------------------

#: Units: the logarithm's base for each name (nats use the natural log).
BASES: dict[str, float | None] = {"nats": None, "bits": 2.0, "bans": 10.0}
KL_DEFAULTS: dict[str, Any] = {"p": 0.9, "q": 0.1, "base": "nats"}
KL_RANGES: dict[str, tuple[float, float, float]] = {"p": (0.0, 1.0, 0.01), "q": (0.01, 0.99, 0.01)}
#: The grid of q on which the curves are drawn.
KL_GRID = np.linspace(0.005, 0.995, 199)


def kl_numbers(p: float, q: float, base: str = "nats") -> dict[str, float]:
    """H(p), H(p, q), KL(p||q) and KL(q||p) for the coins (p, 1 - p) and (q, 1 - q).

    Keys ``"hp"``, ``"hpq"``, ``"kl_pq"``, ``"kl_qp"``; computed by :mod:`lossbook.losses`.
    KL(q||p) is inf when p is 0 or 1 and q is not.
    """
    if base not in BASES:
        raise ValueError(f"base must be one of {list(BASES)}, got {base!r}")
    b = BASES[base]
    P, Q = np.array([p, 1.0 - p]), np.array([q, 1.0 - q])
    with np.errstate(divide="ignore"):
        return {"hp": float(entropy(P, b)) + 0.0, "hpq": float(cross_entropy_pq(P, Q, b)) + 0.0,
                "kl_pq": float(kl_divergence(P, Q, b)) + 0.0,
                "kl_qp": float(kl_divergence(Q, P, b)) + 0.0}


def check_kl(settings: dict[str, Any]) -> dict[str, Any]:
    """The KL explorer's settings merged into :data:`KL_DEFAULTS`; ValueError if one is bad."""
    s = check_settings(settings, KL_DEFAULTS, KL_RANGES)
    if s["base"] not in BASES:
        raise ValueError(f"base must be one of {list(BASES)}, got {s['base']!r}")
    return s


def kl_result(settings: dict[str, Any]) -> dict[str, Any]:
    """What the KL figure shows: :func:`kl_numbers` at (p, q), and H(p, q), KL(p||q), KL(q||p)
    as curves over q on :data:`KL_GRID` (p fixed). Returns ``{"error": "", "numbers": {...},
    "q": grid, "curves": {"hpq", "kl_pq", "kl_qp"}}``. Raises ValueError for a bad setting."""
    s = check_kl(settings)
    b = BASES[s["base"]]
    g = KL_GRID
    P = np.broadcast_to([s["p"], 1.0 - s["p"]], (g.size, 2))
    G = np.stack([g, 1.0 - g], axis=1)
    with np.errstate(divide="ignore"):
        curves = {"hpq": cross_entropy_pq(P, G, b), "kl_pq": kl_divergence(P, G, b),
                  "kl_qp": kl_divergence(G, P, b)}
    return {"error": "", "numbers": kl_numbers(s["p"], s["q"], s["base"]), "q": g.tolist(),
            "curves": {k: [float(v) for v in c] for k, c in curves.items()}}


# --- chapter 4: digits, trained under both losses ---------------------------------------------

#: The digits figure's settings: a learning rate per loss (each tuned for the standard start in
#: chapter 4's sweep), the initial weights' scale, the number of epochs and the seed (split seed
#: ``seed``, initialisation seed ``1000 + seed``, as in chapter 4).
DIGITS_DEFAULTS: dict[str, Any] = {"lr_mse": 3.16, "lr_ce": 1.0, "scale": 0.01, "epochs": 60,
                                   "seed": 0}
#: Presets: the standard start at each loss's tuned rate, the saturated start at the rate that
#: suits cross-entropy there, and one shared rate for both losses.
DIGITS_PRESETS: dict[str, dict[str, Any]] = {
    "standard": dict(DIGITS_DEFAULTS),
    "saturated": {"lr_mse": 10.0, "lr_ce": 10.0, "scale": 1.0, "epochs": 60, "seed": 0},
    "shared": {"lr_mse": 0.5, "lr_ce": 0.5, "scale": 0.01, "epochs": 60, "seed": 0},
}
#: Slider ranges (min, max, step); the learning rates are set on a log10 scale.
DIGITS_RANGES: dict[str, tuple[float, float, float]] = {
    "lr_mse": (-2.0, 3.0, 0.1), "lr_ce": (-2.0, 3.0, 0.1), "scale": (0.0, 1.5, 0.01),
    "epochs": (10, 300, 10), "seed": (0, 9, 1),
}


def check_digits(settings: dict[str, Any]) -> dict[str, Any]:
    """The digits figure's settings merged into :data:`DIGITS_DEFAULTS`; ValueError if one is bad."""
    return check_settings(settings, DIGITS_DEFAULTS, DIGITS_RANGES, log10=("lr_mse", "lr_ce"))


def digits_result(settings: dict[str, Any]) -> dict[str, Any]:
    """What the digits figure shows: softmax regression trained under each loss by
    :func:`lossbook.digits.train` from the same start, on the same split.

    Split seed ``seed``, initial weights ``scale`` times standard normals from seed
    ``1000 + seed``, ``epochs`` full-batch updates at ``lr_mse`` (MSE) and ``lr_ce``
    (cross-entropy). Returns ``{"error": "", "done": True, "epochs": E, "epoch": [0..E],
    "runs": {"mse": run, "ce": run}}``, a run being the training loss J, the training and the
    test accuracy at every epoch (``loss``, ``train_accuracy``, ``test_accuracy``). A run that
    overflows (J not finite) reports its history up to there as computed.
    """
    from . import digits

    s = check_digits(settings)
    data = digits.load(seed=int(s["seed"]))
    W0, b0 = digits.init_params(1000 + int(s["seed"]), float(s["scale"]))
    runs = {}
    for loss in ("mse", "ce"):
        with np.errstate(over="ignore", invalid="ignore"):
            h = digits.train(loss, float(s[f"lr_{loss}"]), W0, b0, data, int(s["epochs"]))
        runs[loss] = {"loss": h.loss.tolist(), "train_accuracy": h.train_accuracy.tolist(),
                      "test_accuracy": h.test_accuracy.tolist()}
    return {"error": "", "done": True, "epochs": int(s["epochs"]),
            "epoch": list(range(int(s["epochs"]) + 1)), "runs": runs}
