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

import functools
import math
from typing import Any

import numpy as np

from .losses import cross_entropy_pq, entropy, kl_divergence
from .neuron import LN9, delta, loss_floor, train_neuron

__all__ = [
    "RACE_DEFAULTS", "RACE_PRESETS", "RACE_RANGES", "race_result",
    "KL_DEFAULTS", "KL_RANGES", "KL_GRID", "BASES", "kl_numbers", "kl_result",
    "LINE_X", "LINE_Y", "LINE_DEFAULTS", "LINE_RANGES", "LINE_PRESETS", "line_fit_result",
    "SOFTMAX_DEFAULTS", "SOFTMAX_RANGES", "SOFTMAX_PRESETS", "softmax_result",
    "STABILITY_DEFAULTS", "STABILITY_RANGES", "STABILITY_PRESETS", "stability_result",
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
            try:
                out[key] = [float(v) for v in value]
            except (TypeError, ValueError) as err:
                raise ValueError(f"{key} must be a list of numbers, got {value!r}") from err
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


# --- chapter 1: fitting a line -----------------------------------------------------------------

#: The source text's five points (source text 2): x and the targets y.
LINE_X: tuple[float, ...] = (-2.0, -1.0, 0.0, 1.0, 2.0)
LINE_Y: tuple[float, ...] = (-3.0, 0.0, 0.0, 3.0, 4.0)
LINE_DEFAULTS: dict[str, Any] = {"w": 2.0, "b": 1.0, "eta": 0.1}
LINE_RANGES: dict[str, tuple[float, float, float]] = {
    "w": (-1.0, 4.0, 0.05), "b": (-2.0, 3.0, 0.05), "eta": (0.01, 1.2, 0.01)}
#: The source text's two settings: (w, b) = (2, 1), plain sum of squares 3, and (0, 0), 34.
LINE_PRESETS: dict[str, dict[str, Any]] = {
    "source-2-1": {"w": 2.0, "b": 1.0, "eta": 0.1},
    "source-0-0": {"w": 0.0, "b": 0.0, "eta": 0.1},
}
#: The contour grid of J over (w, b): 31 x 31 points spanning the sliders' ranges.
LINE_GRID_N = 31
#: Contour levels of J.
LINE_LEVELS: tuple[float, ...] = (0.25, 0.5, 1.0, 2.0, 3.0, 4.5, 6.0, 8.0, 11.0)


def _line_losses(w: float, b: float) -> tuple[float, float, float, float]:
    """J, the plain sum S, dJ/dw and dJ/db at (w, b), summed in the points' order."""
    n = len(LINE_X)
    s = gw = gb = 0.0
    for x, y in zip(LINE_X, LINE_Y):
        r = w * x + b - y
        s += r * r
        gw += r * x
        gb += r
    return s / (2 * n), s, gw / n, gb / n


def check_line(settings: dict[str, Any]) -> dict[str, Any]:
    """The line fit's settings merged into :data:`LINE_DEFAULTS`; ValueError if one is bad."""
    return check_settings(settings, LINE_DEFAULTS, LINE_RANGES)


def line_fit_result(settings: dict[str, Any]) -> dict[str, Any]:
    """What the line-fit figure shows for the line y = w x + b through the five points.

    The residuals r_n = w x_n + b - y_n; the book's loss J = 1/(2N) sum_n r_n^2 (N = 5) and the
    source text's plain sum of squares S = sum_n r_n^2 = 2 N J; the gradient dJ/dw =
    (1/N) sum_n r_n x_n, dJ/db = (1/N) sum_n r_n; one gradient-descent step (w, b) - eta grad J;
    the least-squares optimum (w*, b*) = (cov(x, y) / var(x), mean y - w* mean x); and J on a
    31 x 31 grid over the sliders' ranges (``J[i][j]`` at b = grid_b[i], w = grid_w[j]) for the
    contour plot. Raises ValueError for a setting out of range.
    """
    s = check_line(settings)
    w, b, eta = s["w"], s["b"], s["eta"]
    J, S, gw, gb = _line_losses(w, b)
    n = len(LINE_X)
    mx, my = sum(LINE_X) / n, sum(LINE_Y) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(LINE_X, LINE_Y))
    sxx = sum((x - mx) * (x - mx) for x in LINE_X)
    ws = sxy / sxx
    bs = my - ws * mx
    Js, Ss, _, _ = _line_losses(ws, bs)
    (wlo, whi, _), (blo, bhi, _) = LINE_RANGES["w"], LINE_RANGES["b"]
    k = LINE_GRID_N - 1
    gw_grid = [wlo + (whi - wlo) * j / k for j in range(LINE_GRID_N)]
    gb_grid = [blo + (bhi - blo) * i / k for i in range(LINE_GRID_N)]
    return {
        "error": "", "x": list(LINE_X), "y": list(LINE_Y),
        "pred": [w * x + b for x in LINE_X],
        "resid": [w * x + b - y for x, y in zip(LINE_X, LINE_Y)],
        "J": J, "S": S, "grad": {"w": gw, "b": gb},
        "next": {"w": w - eta * gw, "b": b - eta * gb},
        "optimum": {"w": ws, "b": bs, "J": Js, "S": Ss},
        "grid_w": gw_grid, "grid_b": gb_grid,
        "grid_J": [[_line_losses(gwv, gbv)[0] for gwv in gw_grid] for gbv in gb_grid],
        "levels": list(LINE_LEVELS),
    }


# --- chapter 4: softmax and its gradient -------------------------------------------------------

_SRC4_A, _SRC4_B = (0.8, 0.1, 0.1), (0.8, 0.15, 0.05)
SOFTMAX_DEFAULTS: dict[str, Any] = {"K": 3, "z": [2.0, 1.0, 0.1, 0.0, 0.0], "T": 1.0, "target": 1}
#: Ranges: each logit z_i, the temperature T; K (classes) and target (the true class, numbered
#: 1..K as in the maths; code index target - 1) are whole numbers.
SOFTMAX_RANGES: dict[str, tuple[float, float, float]] = {
    "z": (-6.0, 6.0, 0.1), "T": (0.2, 5.0, 0.05), "K": (3, 5, 1), "target": (1, 5, 1)}
#: Source text 4's two outputs for true class 1, [0.8, 0.1, 0.1] and [0.8, 0.15, 0.05], as logits
#: z = ln a (softmax of ln a is a at T = 1): the same cross-entropy, different MSE.
SOFTMAX_PRESETS: dict[str, dict[str, Any]] = {
    "source-4-even": {"K": 3, "z": [math.log(v) for v in _SRC4_A] + [0.0, 0.0], "T": 1.0, "target": 1},
    "source-4-uneven": {"K": 3, "z": [math.log(v) for v in _SRC4_B] + [0.0, 0.0], "T": 1.0, "target": 1},
    "confident-wrong": {"K": 3, "z": [-2.0, 4.0, 0.0, 0.0, 0.0], "T": 1.0, "target": 1},
}


def check_softmax(settings: dict[str, Any]) -> dict[str, Any]:
    """The softmax explorer's settings merged into :data:`SOFTMAX_DEFAULTS`; ValueError if bad.

    :func:`check_settings` merges them and checks names, kinds and the ranges of T, K and the
    target; what is left is the figure's own rule: five logits in range, a target among 1..K.
    """
    s = check_settings(settings, SOFTMAX_DEFAULTS,
                       {k: SOFTMAX_RANGES[k] for k in ("T", "K", "target")})
    z = s["z"]
    lo, hi, _ = SOFTMAX_RANGES["z"]
    if len(z) != 5 or not all(math.isfinite(v) and lo <= v <= hi for v in z):
        raise ValueError(f"z must be 5 logits in [{lo:g}, {hi:g}], got {settings.get('z', z)!r}")
    if s["target"] > s["K"]:
        raise ValueError(f"target must be a class 1..K = 1..{s['K']}, got {s['target']!r}")
    return {"K": s["K"], "z": z, "T": s["T"], "target": s["target"]}


def softmax_result(settings: dict[str, Any]) -> dict[str, Any]:
    """What the softmax figure shows for logits z_1..z_K at temperature T and true class k.

    a = softmax(z / T) (:func:`lossbook.losses.softmax`), y the one-hot target of class k;
    cross-entropy L = -log a_k (from :func:`lossbook.losses.log_softmax`, stable); MSE
    L = 1/2 ||a - y||^2. The gradients at the logits, with u = z / T (so a 1/T factor):
    cross-entropy dL/dz = (a - y) / T; MSE dL/dz = J^T (a - y) / T with the softmax Jacobian
    J_ij = a_i ([i = j] - a_j), i.e. a_i ((a_i - y_i) - sum_j a_j (a_j - y_j)) / T, whose
    diagonal part a_i (1 - a_i)(a_i - y_i) / T and cross terms are also returned.
    """
    from .digits import _delta as softmax_delta
    from .losses import log_softmax, softmax

    s = check_softmax(settings)
    K, T, k = s["K"], s["T"], s["target"] - 1
    u = np.array(s["z"][:K]) / T
    a = softmax(u)
    ce = -float(log_softmax(u)[k])
    y = [1.0 if i == k else 0.0 for i in range(K)]
    r = [float(a[i]) - y[i] for i in range(K)]
    mse = 0.0
    for i in range(K):
        mse += r[i] * r[i]
    # J^T (a - y): the same function as the digits' training (lossbook.digits.delta)
    g_mse = [float(g) / T for g in softmax_delta("mse", np.asarray(a), np.asarray(r), -1)]
    diag = [float(a[i]) * (1.0 - float(a[i])) * r[i] / T for i in range(K)]
    return {"error": "", "a": [float(v) for v in a], "y": y, "ce": ce, "mse": 0.5 * mse,
            "grad_ce": [ri / T for ri in r], "grad_mse": g_mse, "grad_mse_diag": diag,
            "grad_mse_cross": [g - d for g, d in zip(g_mse, diag)]}


# --- chapter 5: numerical stability ------------------------------------------------------------

STABILITY_DEFAULTS: dict[str, Any] = {"z": 100.0, "y": 0, "pos_weight": 1.0, "smoothing": 0.0}
#: z is set on a signed log10 scale by its slider (z = sign(u) 10^|u|, u in [-3, 3]) or typed.
STABILITY_RANGES: dict[str, tuple[float, float, float]] = {
    "z": (-1000.0, 1000.0, 0.0), "y": (0, 1, 1), "pos_weight": (0.1, 10.0, 0.1),
    "smoothing": (0.0, 0.5, 0.01)}
STABILITY_PRESETS: dict[str, dict[str, Any]] = {
    "overflow-float32": {"z": 100.0, "y": 0, "pos_weight": 1.0, "smoothing": 0.0},
    "underflow-log": {"z": -1000.0, "y": 1, "pos_weight": 1.0, "smoothing": 0.0},
    "fine": {"z": 2.0, "y": 1, "pos_weight": 1.0, "smoothing": 0.0},
}
#: The curves' grid: z = sign(u) 10^|u| for u = -3, -2.95, ..., 3 (121 points).
STABILITY_GRID_U = [round(-3.0 + 0.05 * i, 10) for i in range(121)]
DTYPES = {"float32": np.float32, "float64": np.float64}


def _elementary(t: type) -> tuple[Any, Any, Any]:
    """exp, log and log1p for dtype t: computed in float64 and rounded once to t. For float32
    this is the correctly rounded result in almost every case (numpy's own float32 functions
    may differ from it by an ulp); overflow to inf, underflow to 0 and log 0 = -inf happen
    exactly where float32 makes them happen."""
    def f(fn: Any) -> Any:
        return lambda v: t(fn(np.float64(v)))
    return f(np.exp), f(np.log), f(np.log1p)


def _z_of_u(u: float) -> float:
    """The logit at slider position u: sign(u) 10^|u| (0 at u = 0)."""
    return 0.0 if u == 0 else math.copysign(10.0 ** abs(u), u)


def check_stability(settings: dict[str, Any]) -> dict[str, Any]:
    """The stability explorer's settings merged into :data:`STABILITY_DEFAULTS`; ValueError if bad.

    The label y is a whole number in its range [0, 1], so 0 or 1 (:func:`check_settings`).
    """
    return check_settings(settings, STABILITY_DEFAULTS, STABILITY_RANGES)


def _binary(z: float, y: float, beta: float, t: type) -> dict[str, Any]:
    """Binary cross-entropy at logit z, target y (smoothed), pos_weight beta, in dtype t, two
    ways. Naive: e = exp(-z), a = 1/(1 + e), L = -[beta y log a + (1 - y) log(1 - a)]. Stable
    (lossbook.losses.binary_cross_entropy_with_logits): L = (1 - y) softplus(z) + beta y
    softplus(-z), softplus(v) = max(v, 0) + log1p(exp(-|v|)); and dL/dz = (1 - y) sigma(z) -
    beta y sigma(-z) with the two-branch sigmoid. Every operation rounds to t."""
    exp, log, log1p = _elementary(t)
    one, zt, yt, bt = t(1.0), t(z), t(y), t(beta)
    e = exp(-zt)
    a = one / (one + e)
    log_a, log_1ma = log(a), log(one - a)
    naive = -(bt * yt * log_a + (one - yt) * log_1ma)

    def softplus(v: Any) -> Any:
        return np.maximum(v, t(0.0)) + log1p(exp(-np.abs(v)))

    def sigmoid(v: Any) -> Any:
        if v >= 0:
            return one / (one + exp(-v))
        ev = exp(v)
        return ev / (one + ev)

    sp_pos, sp_neg = softplus(zt), softplus(-zt)
    stable = (one - yt) * sp_pos + bt * yt * sp_neg
    grad = (one - yt) * sigmoid(zt) - bt * yt * sigmoid(-zt)
    return {"naive": {"e": e, "a": a, "log_a": log_a, "log_1ma": log_1ma, "loss": naive},
            "stable": {"softplus_z": sp_pos, "softplus_neg_z": sp_neg, "loss": stable, "grad": grad}}


def _softmax3(z: float, eps: float, t: type) -> dict[str, Any]:
    """Softmax cross-entropy of the logits (z, 0, -z) with true class 1 and label smoothing
    eps (y = (1 - eps) onehot + eps/3), in dtype t, two ways. Naive: exp, sum, a = exp / sum,
    L = -sum y log a. Stable: log_softmax(u) = u - (m + log sum exp(u - m)), m = max u."""
    exp, log, _ = _elementary(t)
    zt, one = t(z), t(1.0)
    u = [zt, t(0.0), -zt]
    y = [one - t(eps) + t(eps) / t(3.0), t(eps) / t(3.0), t(eps) / t(3.0)]
    ex = [exp(v) for v in u]
    total = ex[0] + ex[1] + ex[2]
    a = [v / total for v in ex]
    naive = -(y[0] * log(a[0]) + y[1] * log(a[1]) + y[2] * log(a[2]))
    m = max(u)
    lse = m + log(exp(u[0] - m) + exp(u[1] - m) + exp(u[2] - m))
    stable = -(y[0] * (u[0] - lse) + y[1] * (u[1] - lse) + y[2] * (u[2] - lse))
    return {"naive": {"exp": ex, "sum": total, "a": a, "loss": naive},
            "stable": {"logsumexp": lse, "loss": stable}}


@functools.lru_cache(maxsize=64)
def _stability_curves(y: float, beta: float, eps: float, dtype: str) -> dict[str, list[Any]]:
    """The naive and stable binary and softmax losses over the grid of z, in one dtype (they do
    not depend on z: cached, so that moving z recomputes only the point)."""
    t = DTYPES[dtype]
    curves: dict[str, list[Any]] = {"binary_naive": [], "binary_stable": [], "softmax_naive": [],
                                    "softmax_stable": []}
    with np.errstate(all="ignore"):
        for u in STABILITY_GRID_U:
            g = _z_of_u(u)
            b, sm = _binary(g, y, beta, t), _softmax3(g, eps, t)
            curves["binary_naive"].append(b["naive"]["loss"])
            curves["binary_stable"].append(b["stable"]["loss"])
            curves["softmax_naive"].append(sm["naive"]["loss"])
            curves["softmax_stable"].append(sm["stable"]["loss"])
    return jsonable(curves)


def stability_result(settings: dict[str, Any]) -> dict[str, Any]:
    """What the stability figure shows: binary and softmax cross-entropy at logit z, computed
    naively and stably, in float32 and float64 (see ``_binary`` and ``_softmax3`` for the
    formulas), with label smoothing (binary: y (1 - eps) + eps/2) and pos_weight (binary);
    and the binary and softmax losses of both ways over z = sign(u) 10^|u|, u in [-3, 3].
    Non-finite values (inf, nan) are kept: they are where the naive way breaks. Every
    float32 value is rounded to float32 after each operation (numpy float32 arithmetic;
    exp, log and log1p rounded once from float64, see ``_elementary``).
    """
    s = check_stability(settings)
    z, eps, beta = s["z"], s["smoothing"], s["pos_weight"]
    y = s["y"] * (1.0 - eps) + 0.5 * eps
    out: dict[str, Any] = {"error": "", "z": z, "y_smooth": y, "cases": {}, "curves": {}}
    out["grid_z"] = [_z_of_u(u) for u in STABILITY_GRID_U]
    with np.errstate(all="ignore"):
        for name, t in DTYPES.items():
            out["cases"][name] = {"binary": _binary(z, y, beta, t), "softmax": _softmax3(z, eps, t)}
            out["curves"][name] = _stability_curves(y, beta, eps, name)
    return jsonable(out)


# --- chapter 4: digits, trained under both losses ---------------------------------------------

#: The digits figure's settings: a learning rate per loss (each tuned for the standard start in
#: chapter 4's sweep), the initial weights' scale, the number of epochs and the trial t (the data
#: split from seed t, the initial weights from seed 1000 + t, as in chapter 4).
DIGITS_DEFAULTS: dict[str, Any] = {"lr_mse": 3.16, "lr_ce": 1.0, "scale": 0.01, "epochs": 60,
                                   "trial": 0}
#: Presets: the standard start at each loss's tuned rate, the saturated start at the rate that
#: suits cross-entropy there, and one shared rate for both losses.
DIGITS_PRESETS: dict[str, dict[str, Any]] = {
    "standard": dict(DIGITS_DEFAULTS),
    "saturated": {"lr_mse": 10.0, "lr_ce": 10.0, "scale": 1.0, "epochs": 60, "trial": 0},
    "shared": {"lr_mse": 0.5, "lr_ce": 0.5, "scale": 0.01, "epochs": 60, "trial": 0},
}
#: Slider ranges (min, max, step); the learning rates are set on a log10 scale.
DIGITS_RANGES: dict[str, tuple[float, float, float]] = {
    "lr_mse": (-2.0, 3.0, 0.1), "lr_ce": (-2.0, 3.0, 0.1), "scale": (0.0, 1.5, 0.01),
    "epochs": (10, 300, 10), "trial": (0, 9, 1),
}


def check_digits(settings: dict[str, Any]) -> dict[str, Any]:
    """The digits figure's settings merged into :data:`DIGITS_DEFAULTS`; ValueError if one is bad."""
    return check_settings(settings, DIGITS_DEFAULTS, DIGITS_RANGES, log10=("lr_mse", "lr_ce"))


def digits_result(settings: dict[str, Any]) -> dict[str, Any]:
    """What the digits figure shows: softmax regression trained under each loss by
    :func:`lossbook.digits.train` from the same start, on the same split.

    Trial t: the split from seed t, initial weights ``scale`` times standard normals from seed
    ``1000 + t``, ``epochs`` full-batch updates at ``lr_mse`` (MSE) and ``lr_ce``
    (cross-entropy). Returns ``{"error": "", "done": True, "epochs": E, "epoch": [0..E],
    "runs": {"mse": run, "ce": run}}``, a run being the training loss J, the training and the
    test accuracy at every epoch (``loss``, ``train_accuracy``, ``test_accuracy``). A run that
    overflows (J not finite) reports its history up to there as computed.
    """
    from . import digits

    s = check_digits(settings)
    data = digits.load(seed=int(s["trial"]))
    W0, b0 = digits.init_params(1000 + int(s["trial"]), float(s["scale"]))
    runs = {}
    for loss in ("mse", "ce"):
        with np.errstate(over="ignore", invalid="ignore"):
            h = digits.train(loss, float(s[f"lr_{loss}"]), W0, b0, data, int(s["epochs"]))
        runs[loss] = {"loss": h.loss.tolist(), "train_accuracy": h.train_accuracy.tolist(),
                      "test_accuracy": h.test_accuracy.tolist()}
    return {"error": "", "done": True, "epochs": int(s["epochs"]),
            "epoch": list(range(int(s["epochs"]) + 1)), "runs": runs}
