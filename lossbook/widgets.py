"""The book's live figures: one view per figure, the same in JupyterLab and on the site.

Each figure is an :class:`anywidget.AnyWidget` whose view is one ES module, written once in
``lossbook/web/src/<figure>.js`` and bundled (with what it shares) into
``lossbook/web/dist/widget/<figure>.js``. The widget holds two synced traits:

* ``settings``: the figure's inputs (the sliders), set by the view or from Python;
* ``result``: what the figure draws, computed from ``settings`` in the kernel by the figure's
  function in :mod:`lossbook.live` (Python is the reference for every number).

On the published site there is no kernel: the same view runs over a small local model whose
``result`` comes from the figure's JavaScript twin (``lossbook/web/src/<figure>_model.js``,
tested equal to :mod:`lossbook.live` in ``tests/test_web_twin.py``). It is mounted at the
notebook output's ``text/html``, ``<div class="lossbook-figure" data-figure="race"
data-settings='{...}'>``, which holds the figure's initial settings. Where neither a kernel nor
the site's script runs (GitHub, nbviewer), a reader sees that output's ``text/plain`` line,
which names the figure's settings, and the chapter's own static figures.

Figures (each one call in a chapter):

* :func:`line_fit` (chapter 1): the line y = w x + b through the source text's five points,
  its loss J and the source's plain sum of squares, J's contours and gradient.
* :func:`softmax_explorer` (chapter 4): softmax of 3-5 logits at a temperature, cross-entropy
  and MSE, and the gradient at each logit under both.
* :func:`stability_explorer` (chapter 5): binary and softmax cross-entropy at logits out to
  +-1000, naive and stable, float32 and float64; pos_weight and label smoothing.
* :func:`neuron_race` (chapter 2): one sigmoid neuron trained under MSE and under
  cross-entropy from the same start.
* :func:`kl_explorer` (chapter 3): two coins p and q: entropy, cross-entropy, both KL
  divergences.
* :func:`digits_trainer` (chapter 4): softmax regression on the handwritten digits, trained
  under MSE and under cross-entropy, each at its own learning rate (on the site it trains in
  the reader's browser).

Tests and benchmarks drive a figure without a browser: ``fig.set(w0=1.0)`` (or assigning
``fig.settings``) recomputes ``fig.result`` at once; ``fig.apply_preset(name)`` applies a preset.
"""

from __future__ import annotations

import html
import json
import math
from pathlib import Path
from typing import Any, ClassVar

import anywidget
import traitlets

from . import live
from .live import (BASES, KL_DEFAULTS, KL_GRID, KL_RANGES, LINE_PRESETS, LINE_RANGES,
                   RACE_DEFAULTS, RACE_PRESETS, RACE_RANGES, SOFTMAX_PRESETS, SOFTMAX_RANGES,
                   STABILITY_PRESETS, STABILITY_RANGES, kl_numbers)

__all__ = ["LiveFigure", "NeuronRace", "KLExplorer", "LineFit", "neuron_race", "kl_explorer",
           "line_fit", "SoftmaxExplorer", "softmax_explorer", "StabilityExplorer",
           "stability_explorer", "DigitsTrainer", "digits_trainer",
           "RACE_DEFAULTS", "RACE_PRESETS", "RACE_RANGES", "KL_DEFAULTS", "KL_RANGES",
           "KL_GRID", "BASES", "kl_numbers", "WEB"]

#: The figures' web sources and bundles (lossbook/web).
WEB = Path(__file__).resolve().parent / "web"


def _fmt(v: Any) -> str:
    """A short, deterministic number for a repr (4 significant digits)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    return "inf" if math.isinf(v) else f"{v:.4g}"


#: What a reader sees where the figure cannot run (GitHub, nbviewer: they show the text/html
#: output, which they prefer to text/plain, but run no JavaScript).
FALLBACK = ("Live figure: it runs on the book's website and in JupyterLab; the chapter's static "
            "figures show the same ideas.")


def mount_html(figure: str, settings: dict[str, Any], shown: str | None = None) -> str:
    """The site's mount point for a figure: a div that the site bundle finds and fills.

    Until the bundle mounts the figure, the div holds a visible fallback paragraph (class
    ``lossbook-fallback``): ``shown`` (the figure and its settings, e.g. ``repr`` of the widget)
    and :data:`FALLBACK`. ``mountAll`` in ``web/src/common.js`` removes it. The output is a
    pure function of its arguments, so notebook outputs re-execute identically.
    """
    data = html.escape(json.dumps(settings), quote=False).replace("'", "&#x27;")
    text = html.escape(f"{shown}. {FALLBACK}" if shown else FALLBACK, quote=False)
    return (f"<div class=\"lossbook-figure\" data-figure=\"{figure}\" data-settings='{data}'>"
            f"<p class=\"lossbook-fallback\">{text}</p></div>")


class LiveFigure(anywidget.AnyWidget):
    """What every live figure shares: ``settings`` in, ``result`` out (see the module doc).

    A subclass sets ``FIGURE`` (its name: the bundle ``dist/widget/<FIGURE>.js``, which becomes
    its ``_esm``, and the mount point's ``data-figure``), ``RANGES``, ``PRESETS`` and the two
    functions ``check``
    (settings -> checked settings, ValueError if bad) and ``compute`` (checked settings ->
    result) from :mod:`lossbook.live`.
    """

    FIGURE: ClassVar[str] = ""
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {}
    #: slider ranges (min, max, step) by setting
    RANGES: ClassVar[dict[str, tuple[float, float, float]]] = {}
    settings = traitlets.Dict().tag(sync=True)
    result = traitlets.Dict().tag(sync=True)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # The view: the figure's bundle, and the shared CSS (anywidget reads both files). Only
        # for a class that names its figure (anywidget also subclasses each widget when it adds
        # the _esm and _css traits).
        if "FIGURE" in cls.__dict__:
            cls._esm = WEB / "dist" / "widget" / f"{cls.FIGURE}.js"
            cls._css = WEB / "lossbook.css"
        super().__init_subclass__(**kwargs)

    @staticmethod
    def check(settings: dict[str, Any]) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    @staticmethod
    def compute(settings: dict[str, Any]) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def __init__(self, **settings: Any) -> None:
        s = self.check(settings)
        self._initial = s
        super().__init__(settings=s, result=self._result_of(s))

    def _result_of(self, settings: dict[str, Any]) -> dict[str, Any]:
        try:
            return live.jsonable(self.compute(self.check(settings)))
        except ValueError as err:  # from the page: say what is wrong, draw nothing new
            return {"error": str(err)}

    @traitlets.observe("settings")
    def _on_settings(self, change: dict[str, Any]) -> None:
        self.result = self._result_of(change["new"])

    def set(self, **changes: Any) -> None:
        """Change some settings (ValueError if one is bad) and recompute the result at once."""
        self.settings = self.check({**self.settings, **changes})

    def apply_preset(self, name: str) -> None:
        """Set every setting to a preset's value and recompute once."""
        if name not in self.PRESETS:
            raise ValueError(f"unknown preset {name!r}; known: {sorted(self.PRESETS)}")
        self.settings = self.check(dict(self.PRESETS[name]))

    def values(self) -> dict[str, Any]:
        """The current settings, checked, in the figure's fixed key order."""
        return self.check(dict(self.settings))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        data, metadata = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = repr(self)
        data["text/html"] = mount_html(self.FIGURE, self._initial, self._describe(self._initial))
        return data, metadata

    def _describe(self, settings: dict[str, Any]) -> str:
        """``Name(key=value, ...)`` for checked settings: the repr, and the mount's fallback text."""
        parts = ", ".join(f"{k}={_fmt(v)}" for k, v in settings.items())
        return f"{type(self).__name__}({parts})"

    def __repr__(self) -> str:
        return self._describe(self.values())


class NeuronRace(LiveFigure):
    """One neuron trained under MSE and cross-entropy from the same start: see :func:`neuron_race`."""

    FIGURE = "race"
    PRESETS = RACE_PRESETS
    RANGES = RACE_RANGES
    check = staticmethod(live.check_race)
    compute = staticmethod(live.race_result)

    def counts(self) -> dict[str, int | None]:
        """The number of updates of each run (None: the rule never held), as the figure shows."""
        return {k: r["steps"] for k, r in self.result["runs"].items()}


def neuron_race(**settings: Any) -> NeuronRace:
    """The race between MSE and cross-entropy on one sigmoid neuron, as a live figure.

    Settings (all optional; the defaults are the source text's neuron, :data:`RACE_DEFAULTS`):
    ``w0``, ``b0`` (start), ``x`` (input), ``y`` (target), ``eta`` (learning rate), ``tol``
    (stop when 1/2 (a - y)^2 < tol), ``max_steps`` and ``learn_bias``. Both losses are trained
    by :func:`lossbook.neuron.train_neuron` under the same stop rule; cross-entropy is also run
    to the rule "excess over its floor < tol" (that excess is KL(y || a)), and all three counts
    are shown (:func:`lossbook.live.race_result`). A value out of a slider's range raises
    ValueError.
    """
    return NeuronRace(**settings)


class KLExplorer(LiveFigure):
    """Two coins p and q and the information between them: see :func:`kl_explorer`."""

    FIGURE = "kl"
    RANGES = KL_RANGES
    check = staticmethod(live.check_kl)
    compute = staticmethod(live.kl_result)

    @property
    def numbers(self) -> dict[str, float]:
        """H(p), H(p, q), KL(p||q), KL(q||p) as the figure shows them (keys hp, hpq, kl_pq, kl_qp)."""
        return {k: float(v) for k, v in self.result["numbers"].items()}


def kl_explorer(**settings: Any) -> KLExplorer:
    """Entropy, cross-entropy and KL divergence of two coins, as a live figure.

    Settings: ``p`` and ``q`` (the probability of the first outcome, p in [0, 1], q in
    [0.01, 0.99]) and ``base`` (``"nats"``, ``"bits"`` or ``"bans"``). The bars show H(p),
    H(p, q), KL(p||q) and KL(q||p); the curves show the last three as functions of q, with the
    current q marked, and H(p) as a line: H(p, q) touches it exactly at q = p
    (:func:`lossbook.live.kl_result`).
    """
    return KLExplorer(**settings)


class LineFit(LiveFigure):
    """A line through the source text's five points, its loss and gradient: see :func:`line_fit`."""

    FIGURE = "line"
    PRESETS = LINE_PRESETS
    RANGES = LINE_RANGES
    check = staticmethod(live.check_line)
    compute = staticmethod(live.line_fit_result)


def line_fit(**settings: Any) -> LineFit:
    """Fitting the line y = w x + b to the source text's points, as a live figure (chapter 1).

    Settings: ``w`` (slope, in [-1, 4]), ``b`` (intercept, in [-2, 3]) and ``eta`` (the
    learning rate of the "one gradient-descent step" button, in [0.01, 1.2]). The figure shows
    the points x = (-2, -1, 0, 1, 2), y = (-3, 0, 0, 3, 4), the line and its residuals; the
    book's loss J = 1/(2N) sum (w x + b - y)^2 and the source text's plain sum of squares (3 at
    (w, b) = (2, 1), 34 at (0, 0): the presets); J's contours over (w, b) with the current
    point, the descent direction -grad J and the least-squares optimum (w, b) = (1.7, 0.8)
    (:func:`lossbook.live.line_fit_result`).
    """
    return LineFit(**settings)


class SoftmaxExplorer(LiveFigure):
    """Softmax, cross-entropy, MSE and their gradients: see :func:`softmax_explorer`."""

    FIGURE = "softmax"
    PRESETS = SOFTMAX_PRESETS
    RANGES = SOFTMAX_RANGES
    check = staticmethod(live.check_softmax)
    compute = staticmethod(live.softmax_result)

    def set(self, **changes: Any) -> None:
        """As :meth:`LiveFigure.set`; also ``z1=...`` ... ``z5=...`` for one logit."""
        z = list(self.settings["z"])
        for i in range(5):
            if f"z{i + 1}" in changes:
                z[i] = changes.pop(f"z{i + 1}")
        super().set(z=z, **changes)


def softmax_explorer(**settings: Any) -> SoftmaxExplorer:
    """Softmax and its gradient under cross-entropy and MSE, as a live figure (chapter 4).

    Settings: ``K`` (3, 4 or 5 classes), ``z`` (5 logits in [-6, 6], the first K used), ``T``
    (temperature, in [0.2, 5]) and ``target`` (the true class, 1..K as in the maths). Shows
    a = softmax(z / T) against the one-hot y, cross-entropy -log a_k and MSE 1/2 ||a - y||^2,
    and dL/dz under both: (a - y)/T against J^T (a - y)/T with its cross terms. Presets: source
    text 4's outputs [0.8, 0.1, 0.1] and [0.8, 0.15, 0.05] (the same cross-entropy, different
    MSE), and a confident wrong output (:func:`lossbook.live.softmax_result`).
    """
    return SoftmaxExplorer(**settings)


class StabilityExplorer(LiveFigure):
    """Naive against stable cross-entropy in float32 and float64: see :func:`stability_explorer`."""

    FIGURE = "stability"
    PRESETS = STABILITY_PRESETS
    RANGES = STABILITY_RANGES
    check = staticmethod(live.check_stability)
    compute = staticmethod(live.stability_result)


def stability_explorer(**settings: Any) -> StabilityExplorer:
    """Where naive cross-entropy breaks and the stable one does not, as a live figure (chapter 5).

    Settings: ``z`` (the logit, in [-1000, 1000]; its slider is on a signed log scale and it can
    be typed), ``y`` (the binary label, 0 or 1), ``pos_weight`` (beta, in [0.1, 10]) and
    ``smoothing`` (label smoothing epsilon, in [0, 0.5]). Binary cross-entropy computed naively,
    -[beta y log sigma(z) + (1 - y) log(1 - sigma(z))], and stably, (1 - y) softplus(z) +
    beta y softplus(-z); softmax cross-entropy of (z, 0, -z) naively (exp, sum, divide, log) and
    with log-sum-exp; each in float32 and float64, with the curves over z and the points where
    the naive way gives inf or nan (:func:`lossbook.live.stability_result`).
    """
    return StabilityExplorer(**settings)


class DigitsTrainer(LiveFigure):
    """Softmax regression on the digits under both losses: see :func:`digits_trainer`."""

    FIGURE = "digits"
    PRESETS = live.DIGITS_PRESETS
    RANGES = live.DIGITS_RANGES
    check = staticmethod(live.check_digits)
    compute = staticmethod(live.digits_result)

    def accuracies(self) -> dict[str, dict[str, float]]:
        """Each loss's final test and training accuracy, as the figure shows them."""
        return {k: {"test": r["test_accuracy"][-1], "train": r["train_accuracy"][-1]}
                for k, r in self.result["runs"].items()}


def digits_trainer(**settings: Any) -> DigitsTrainer:
    """Softmax regression on scikit-learn's digits, trained under MSE and cross-entropy, live.

    Settings (all optional; defaults :data:`lossbook.live.DIGITS_DEFAULTS`): ``lr_mse`` and
    ``lr_ce`` (each loss's learning rate), ``scale`` (the standard deviation of the initial
    weights: 0.01 starts every softmax near uniform, 1 starts most of them saturated),
    ``epochs`` and ``trial`` (trial t: the data split from seed t, the initial weights from
    seed 1000 + t). Both
    runs start from the same weights (:func:`lossbook.live.digits_result`); the figure draws the
    training loss and the training and test accuracy against the epoch.
    """
    return DigitsTrainer(**settings)
