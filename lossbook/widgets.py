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
from .live import (BASES, KL_DEFAULTS, KL_GRID, KL_RANGES, RACE_DEFAULTS, RACE_PRESETS,
                   RACE_RANGES, kl_numbers)

__all__ = ["LiveFigure", "NeuronRace", "KLExplorer", "DigitsTrainer", "neuron_race", "kl_explorer",
           "digits_trainer",
           "RACE_DEFAULTS", "RACE_PRESETS", "RACE_RANGES", "KL_DEFAULTS", "KL_RANGES",
           "KL_GRID", "BASES", "kl_numbers", "WEB"]

#: The figures' web sources and bundles (lossbook/web).
WEB = Path(__file__).resolve().parent / "web"


def _fmt(v: Any) -> str:
    """A short, deterministic number for a repr (4 significant digits)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    return "inf" if math.isinf(v) else f"{v:.4g}"


def mount_html(figure: str, settings: dict[str, Any]) -> str:
    """The site's mount point for a figure: a div that the site bundle finds and fills."""
    data = html.escape(json.dumps(settings), quote=False).replace("'", "&#x27;")
    return (f"<div class=\"lossbook-figure\" data-figure=\"{figure}\" data-settings='{data}'>"
            "<noscript>This interactive figure needs JavaScript.</noscript></div>")


class LiveFigure(anywidget.AnyWidget):
    """What every live figure shares: ``settings`` in, ``result`` out (see the module doc).

    A subclass sets ``FIGURE`` (its name: the bundle ``dist/widget/<FIGURE>.js`` and the mount
    point's ``data-figure``), ``_esm``, ``_css``, ``PRESETS`` and the two functions ``check``
    (settings -> checked settings, ValueError if bad) and ``compute`` (checked settings ->
    result) from :mod:`lossbook.live`.
    """

    FIGURE: ClassVar[str] = ""
    PRESETS: ClassVar[dict[str, dict[str, Any]]] = {}
    #: slider ranges (min, max, step) by setting
    RANGES: ClassVar[dict[str, tuple[float, float, float]]] = {}
    settings = traitlets.Dict().tag(sync=True)
    result = traitlets.Dict().tag(sync=True)

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
        data["text/html"] = mount_html(self.FIGURE, self._initial)
        return data, metadata

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={_fmt(v)}" for k, v in self.values().items())
        return f"{type(self).__name__}({parts})"


class NeuronRace(LiveFigure):
    """One neuron trained under MSE and cross-entropy from the same start: see :func:`neuron_race`."""

    FIGURE = "race"
    PRESETS = RACE_PRESETS
    RANGES = RACE_RANGES
    _esm = WEB / "dist" / "widget" / "race.js"
    _css = WEB / "lossbook.css"
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
    _esm = WEB / "dist" / "widget" / "kl.js"
    _css = WEB / "lossbook.css"
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


class DigitsTrainer(LiveFigure):
    """Softmax regression on the digits under both losses: see :func:`digits_trainer`."""

    FIGURE = "digits"
    PRESETS = live.DIGITS_PRESETS
    RANGES = live.DIGITS_RANGES
    _esm = WEB / "dist" / "widget" / "digits.js"
    _css = WEB / "lossbook.css"
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
    ``epochs`` and ``seed`` (the split, and the initial weights from seed 1000 + seed). Both
    runs start from the same weights (:func:`lossbook.live.digits_result`); the figure draws the
    training loss and the training and test accuracy against the epoch.
    """
    return DigitsTrainer(**settings)
