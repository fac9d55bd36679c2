"""The book's interactive figures: ipywidgets in a notebook, a JavaScript twin on the web.

Two figures, each one call in a chapter:

* :func:`neuron_race` - one sigmoid neuron trained under MSE and under cross-entropy from the
  same start, side by side: output, loss and weight against iteration, and how many updates
  each loss needs under the same stop rule.
* :func:`kl_explorer` - two coins p and q: the entropy H(p), the cross-entropy H(p, q) and
  both KL divergences, as bars and as curves over q.

Each returns an ``ipywidgets.VBox`` with a dict ``controls`` of its inputs. Setting
``controls[name].value`` recomputes and redraws at once (synchronously), so tests and
benchmarks can drive a figure without a browser. The figure itself is an ``ipywidgets.Image``
holding a PNG drawn by matplotlib's Agg backend; its artists are made once and moved in place.

In a notebook's saved output each widget also leaves a ``text/html`` mount point,
``<div class="lossbook-figure" data-figure="race" data-settings='{...}'>``, where the
dependency-free twins in ``lossbook/web`` (``race.js``, ``kl.js``) draw the same figure live
in the HTML book. The numbers the twins compute equal these to 1e-9 (``tests/test_web_twin.py``).

CSS classes on the Python widgets (the hooks for styling and tests):

=============================  ==============================================================
``lossbook-race``              the race's box
``lossbook-race-controls``     the race's sliders and toggle
``lossbook-race-presets``      the race's preset buttons
``lossbook-race-plot``         the race's figure (an Image)
``lossbook-race-counts``       the counts readout; inside, ``data-testid`` spans
                               ``count-mse``, ``count-ce``, ``count-ce-excess`` hold the number
                               of updates (or ``none``)
``lossbook-race-state``        the readout of a, loss and gradient at iteration t
``lossbook-race-error``        the message shown when a setting cannot be used
``lossbook-race-player``       the play button and the iteration slider ``t``
``lossbook-kl``                the KL explorer's box
``lossbook-kl-controls``       its sliders p, q and the base selector
``lossbook-kl-plot``           its figure (an Image)
``lossbook-kl-values``         its readout; ``data-testid`` spans ``kl-hp``, ``kl-hpq``,
                               ``kl-pq``, ``kl-qp`` hold H(p), H(p, q), KL(p||q), KL(q||p)
=============================  ==============================================================
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import math
from collections.abc import Iterator
from typing import Any

import ipywidgets as W
import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import plots
from .losses import cross_entropy_pq, entropy, kl_divergence
from .neuron import LN9, NeuronRun, delta, loss_floor, train_neuron

__all__ = ["NeuronRace", "KLExplorer", "neuron_race", "kl_explorer", "RACE_PRESETS"]

# --- the race's settings --------------------------------------------------------------------

#: The race's starting settings: the source text's neuron (w = ln 9 gives a = 0.9, target 0.5).
RACE_DEFAULTS: dict[str, Any] = {
    "w0": LN9,
    "b0": 0.0,
    "x": 1.0,
    "y": 0.5,
    "eta": 0.2,
    "tol": 1e-3,
    "max_steps": 1000,
    "learn_bias": False,
}

#: The preset buttons. "seed" is the source text's setting (MSE needs 287 updates). The two
#: "slowdown" starts are the classic saturated neurons (x = 1, target 0, w and b both learned)
#: at eta = 0.15, the classic demo's rate for MSE, used here for both losses so that the race
#: is fair. 4000 steps let all three counts finish (MSE needs about 1000-1200 updates, CE under
#: 100, and CE's stricter excess rule about 3400), while the plot spans only the drawn runs.
RACE_PRESETS: dict[str, dict[str, Any]] = {
    "seed": dict(RACE_DEFAULTS),
    "slowdown-0.6-0.9": {"w0": 0.6, "b0": 0.9, "x": 1.0, "y": 0.0, "eta": 0.15, "tol": 1e-3,
                         "max_steps": 4000, "learn_bias": True},
    "slowdown-2-2": {"w0": 2.0, "b0": 2.0, "x": 1.0, "y": 0.0, "eta": 0.15, "tol": 1e-3,
                     "max_steps": 4000, "learn_bias": True},
}
_PRESET_LABELS = {"seed": "source text: w = ln 9", "slowdown-0.6-0.9": "slow start w=0.6, b=0.9",
                  "slowdown-2-2": "slow start w=2, b=2"}

#: Slider ranges (min, max, step), the same in race.js. ``tol`` is set on a log10 scale.
RACE_RANGES: dict[str, tuple[float, float, float]] = {
    "w0": (-6.0, 6.0, 0.01),
    "b0": (-6.0, 6.0, 0.01),
    "x": (-3.0, 3.0, 0.05),
    "y": (0.0, 1.0, 0.01),
    "eta": (0.01, 2.0, 0.01),
    "tol": (-6.0, -1.0, 0.5),
    "max_steps": (10, 5000, 10),
}
_RACE_KEYS = ("w0", "b0", "x", "y", "eta", "tol", "max_steps", "learn_bias")

# The figure: small and fixed-layout, so a redraw costs little (no constrained layout).
_DPI = 72
_RACE_SIZE = (9.6, 2.9)
_KL_SIZE = (8.4, 2.9)
_PNG = {"compress_level": 1}  # fast zlib; the PNG is redrawn on every slider move


@contextlib.contextmanager
def _book_style() -> Iterator[None]:
    """The book's matplotlib style for the duration of a block, leaving the global one alone."""
    with mpl.rc_context():
        plots.use_book_style()
        yield


def _fmt(v: float) -> str:
    """A short, deterministic number for repr and readouts (4 significant digits)."""
    return "inf" if math.isinf(v) else f"{v:.4g}"


def _png(fig: Figure, canvas: FigureCanvasAgg) -> bytes:
    """Render a figure to PNG bytes with the book's style (draw + encode, nothing else)."""
    buf = io.BytesIO()
    with _book_style():
        canvas.print_png(buf, metadata={"Software": None}, pil_kwargs=_PNG)
    return buf.getvalue()


def _mount(figure: str, settings: dict[str, Any]) -> str:
    """The web twin's mount point: a div that race.js / kl.js finds and fills."""
    data = html.escape(json.dumps(settings), quote=False).replace("'", "&#x27;")
    return (f"<div class=\"lossbook-figure\" data-figure=\"{figure}\" data-settings='{data}'>"
            "<noscript>This interactive figure needs JavaScript.</noscript></div>")


def _check_settings(settings: dict[str, Any], defaults: dict[str, Any],
                    ranges: dict[str, tuple[float, float, float]]) -> dict[str, Any]:
    """Merge settings into defaults; raise ValueError for unknown names or values out of range."""
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
            out[key] = value
            continue
        try:
            v = float(value)
        except (TypeError, ValueError) as err:
            raise ValueError(f"{key} must be a number, got {value!r}") from err
        lo, hi, _ = ranges[key]
        if key == "tol":
            lo, hi = 10.0**lo, 10.0**hi
        if not (math.isfinite(v) and lo <= v <= hi):
            raise ValueError(f"{key} must lie in [{lo:g}, {hi:g}], got {value!r}")
        if isinstance(default, int):
            if v != int(v):
                raise ValueError(f"{key} must be a whole number, got {value!r}")
            v = int(v)
        out[key] = v
    return out


# --- the neuron race -------------------------------------------------------------------------


class _LiveFigure(W.VBox):
    """What both figures share: a PNG drawn by Agg, and a notebook output that carries, besides
    the widget, the mount point of its web twin (``FIGURE`` names it, ``race`` or ``kl``) with
    the figure's initial settings."""

    FIGURE = ""
    _initial: dict[str, Any]
    _fig: Figure
    _canvas: FigureCanvasAgg

    def render(self) -> bytes:
        """Draw the figure as it stands to PNG bytes (no recomputation)."""
        return _png(self._fig, self._canvas)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = super()._repr_mimebundle_(**kwargs) or {}
        data["text/plain"] = repr(self)
        data["text/html"] = _mount(self.FIGURE, self._initial)
        return data


class NeuronRace(_LiveFigure):
    """One neuron trained under MSE and cross-entropy from the same start: see :func:`neuron_race`.

    Attributes: ``controls`` (the setting widgets by name), ``presets`` (buttons by name),
    ``image`` (the figure), ``counts``/``state``/``error`` (HTML readouts), ``cursor`` (the
    iteration slider ``t``) and ``runs`` (the last :class:`~lossbook.neuron.NeuronRun` per
    ``"mse"``, ``"ce"`` and ``"ce-excess"``).
    """

    FIGURE = "race"

    def __init__(self, **settings: Any) -> None:
        s = _check_settings(settings, RACE_DEFAULTS, RACE_RANGES)
        self._initial = s
        self.runs: dict[str, NeuronRun] = {}
        self._busy = False
        self.controls: dict[str, W.ValueWidget] = {}
        for key in ("w0", "b0", "x", "y", "eta"):
            lo, hi, step = RACE_RANGES[key]
            self.controls[key] = W.FloatSlider(value=s[key], min=lo, max=hi, step=step,
                                               description=key, readout_format=".3f")
        lo, hi, step = RACE_RANGES["tol"]
        self.controls["tol"] = W.FloatLogSlider(value=s["tol"], base=10, min=lo, max=hi,
                                                step=step, description="tol",
                                                readout_format=".1e")
        lo, hi, step = RACE_RANGES["max_steps"]
        self.controls["max_steps"] = W.IntSlider(value=s["max_steps"], min=int(lo), max=int(hi),
                                                 step=int(step), description="max_steps")
        self.controls["learn_bias"] = W.Checkbox(value=s["learn_bias"], description="learn_bias",
                                                 indent=False)
        self.presets = {name: W.Button(description=_PRESET_LABELS[name], tooltip=name)
                        for name in RACE_PRESETS}
        for name, button in self.presets.items():
            button.on_click(lambda _b, n=name: self.apply_preset(n))
            button.add_class(f"lossbook-preset-{name}")
        self.cursor = W.IntSlider(value=0, min=0, max=s["max_steps"], description="t")
        self.play = W.Play(value=0, min=0, max=s["max_steps"], interval=30, description="play")
        W.jslink((self.play, "value"), (self.cursor, "value"))
        self.image = W.Image(format="png")
        self.counts, self.state, self.error = W.HTML(), W.HTML(), W.HTML()
        self._build_figure()

        wrap = W.Layout(flex_flow="row wrap")
        controls = W.HBox(list(self.controls.values()), layout=wrap)
        presets = W.HBox(list(self.presets.values()), layout=wrap)
        player = W.HBox([self.play, self.cursor], layout=wrap)
        for widget, cls in ((controls, "controls"), (presets, "presets"), (self.image, "plot"),
                            (self.counts, "counts"), (self.state, "state"),
                            (self.error, "error"), (player, "player")):
            widget.add_class(f"lossbook-race-{cls}")
        super().__init__([controls, presets, self.image, self.counts, player, self.state,
                          self.error])
        self.add_class("lossbook-race")
        self.update()
        for widget in self.controls.values():
            widget.observe(self._on_setting, names="value")
        self.cursor.observe(self._on_cursor, names="value")

    # settings ------------------------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        """The current settings, in the book's fixed key order."""
        s = {k: self.controls[k].value for k in _RACE_KEYS}
        s["max_steps"] = int(s["max_steps"])
        s["learn_bias"] = bool(s["learn_bias"])
        return {k: (float(v) if k not in ("max_steps", "learn_bias") else v) for k, v in s.items()}

    def apply_preset(self, name: str) -> None:
        """Set every control to a preset's value, then recompute and redraw once."""
        preset = RACE_PRESETS[name]
        self._busy = True
        try:
            for key, value in preset.items():
                self.controls[key].value = value
        finally:
            self._busy = False
        self.update()

    def _on_setting(self, _change: dict[str, Any]) -> None:
        if not self._busy:
            self.update()

    def _on_cursor(self, _change: dict[str, Any]) -> None:
        if not self._busy and self.runs:
            self._show_cursor()
            self.image.value = self.render()

    # computing -----------------------------------------------------------------------------

    def update(self) -> None:
        """Recompute the three runs from the controls, then redraw the figure and readouts."""
        s = self.settings()
        common = dict(w=s["w0"], b=s["b0"], x=s["x"], y=s["y"], eta=s["eta"], tol=s["tol"],
                      max_steps=s["max_steps"], learn_bias=s["learn_bias"])
        try:
            runs = {"mse": train_neuron("mse", **common), "ce": train_neuron("ce", **common),
                    "ce-excess": train_neuron("ce", stop="excess", **common)}
        except ValueError as err:
            self.error.value = f"<span class='lossbook-error'>{html.escape(str(err))}</span>"
            return
        self.error.value = ""
        self.runs = runs
        end = max(len(runs["mse"].w), len(runs["ce"].w)) - 1
        self._busy = True
        try:
            self.play.max = self.cursor.max = end
            self.cursor.value = end
            self.play.value = end
        finally:
            self._busy = False
        self.counts.value = self._counts_html()
        self._move_artists()
        self._show_cursor()
        self.image.value = self.render()

    def _counts_html(self) -> str:
        def count(key: str) -> str:
            n = self.runs[key].steps
            shown = str(n) if n is not None else "none"
            return f"<b data-testid='count-{key}'>{shown}</b>"

        cap = self.settings()["max_steps"]
        return (
            "Updates until &frac12;(a &minus; y)&sup2; &lt; tol: "
            f"<span style='color:{plots.COLORS['mse']}'>MSE {count('mse')}</span>, "
            f"<span style='color:{plots.COLORS['ce']}'>cross-entropy {count('ce')}</span>. "
            f"Cross-entropy until its excess over the floor, KL(y&#8214;a), &lt; tol: "
            f"<span style='color:{plots.COLORS['kl']}'>{count('ce-excess')}</span>. "
            f"(none = not within max_steps = {cap})"
        )

    # drawing -------------------------------------------------------------------------------

    def _build_figure(self) -> None:
        with _book_style():
            fig = Figure(figsize=_RACE_SIZE, dpi=_DPI, layout="none")
            self._canvas = FigureCanvasAgg(fig)
            axes = fig.subplots(1, 3)
            fig.subplots_adjust(left=0.06, right=0.99, bottom=0.17, top=0.86, wspace=0.32)
            self._fig, self._axes = fig, dict(zip(("a", "loss", "w"), axes))
            self._lines: dict[tuple[str, str], Any] = {}
            self._marks: dict[tuple[str, str], Any] = {}
            for panel, ax in self._axes.items():
                ax.set_xlabel("iteration $t$")
                for loss in ("mse", "ce"):
                    c = plots.COLORS[loss]
                    (self._lines[panel, loss],) = ax.plot([], [], color=c, lw=1.8,
                                                          label=plots.label(loss))
                    (self._marks[panel, loss],) = ax.plot([], [], "o", color=c, ms=5)
                self._marks[panel, "cursor"] = ax.axvline(0, color=plots.COLORS["target"],
                                                          lw=0.8, alpha=0.6)
            for loss in ("mse", "ce"):
                (self._lines["b", loss],) = self._axes["w"].plot(
                    [], [], color=plots.COLORS[loss], lw=1.2, ls="--")
            self._target = self._axes["a"].axhline(0.5, color=plots.COLORS["target"], lw=1,
                                                   ls=":", label="target $y$")
            self._floor = self._axes["loss"].axhline(0.0, color=plots.COLORS["entropy"], lw=1,
                                                     ls="--", label="CE floor $H(y)$")
            self._axes["a"].set_ylim(-0.02, 1.02)
            for panel, name in (("a", "output $a$"), ("loss", "loss $L$"),
                                ("w", "weight $w$ (bias $b$ dashed)")):
                self._axes[panel].set_ylabel(name)
            handles = [self._lines["a", "mse"], self._lines["a", "ce"], self._target, self._floor]
            fig.legend(handles=handles, loc="upper center", ncols=4, fontsize=9)

    def _move_artists(self) -> None:
        s = self.settings()
        mse, ce = self.runs["mse"], self.runs["ce"]
        end = max(len(mse.w), len(ce.w)) - 1
        for key, run in (("mse", mse), ("ce", ce)):
            t = np.arange(len(run.w))
            self._lines["a", key].set_data(t, run.a)
            self._lines["loss", key].set_data(t, run.loss)
            self._lines["w", key].set_data(t, run.w)
            if s["learn_bias"]:
                self._lines["b", key].set_data(t, run.b)
            else:
                self._lines["b", key].set_data([], [])
        self._target.set_ydata([s["y"], s["y"]])
        floor = loss_floor("ce", s["y"])
        self._floor.set_ydata([floor, floor])
        top = max(max(mse.loss), max(ce.loss))
        self._axes["loss"].set_ylim(0.0, 1.08 * top if top > 0 else 1.0)
        params = mse.w + ce.w + (mse.b + ce.b if s["learn_bias"] else [])
        lo, hi = min(params), max(params)
        pad = 0.08 * (hi - lo) if hi > lo else 0.5
        self._axes["w"].set_ylim(lo - pad, hi + pad)
        for ax in self._axes.values():
            ax.set_xlim(0, max(end, 1))

    def _show_cursor(self) -> None:
        """Move the iteration markers to t = cursor and write the state readout."""
        t = self.cursor.value
        s = self.settings()
        rows = []
        for key in ("mse", "ce"):
            run = self.runs[key]
            i = min(t, len(run.w) - 1)
            for panel, series in (("a", run.a), ("loss", run.loss), ("w", run.w)):
                self._marks[panel, key].set_data([i], [series[i]])
            d = delta(key, run.a[i], s["y"])
            rows.append(
                f"<tr style='color:{plots.COLORS[key]}'><td>{plots.label(key)}</td>"
                f"<td>{i}</td><td>{run.a[i]:.4f}</td><td>{run.loss[i]:.4f}</td>"
                f"<td>{d * s['x']:.4g}</td><td>{d:.4g}</td></tr>"
            )
        for panel in self._axes:
            self._marks[panel, "cursor"].set_xdata([t, t])
        self.state.value = (
            "<table><tr><th></th><th>t</th><th>a</th><th>L</th><th>&part;L/&part;w</th>"
            "<th>&part;L/&part;b</th></tr>" + "".join(rows) + "</table>"
        )

    def redraw(self) -> None:
        """Re-render the same figure into the image (a bare redraw, for benchmarks)."""
        self.image.value = self.render()

    # display -------------------------------------------------------------------------------

    def __repr__(self) -> str:
        s = self.settings()
        parts = ", ".join(f"{k}={_fmt(v) if not isinstance(v, bool) else v}" for k, v in s.items())
        return f"NeuronRace({parts})"


def neuron_race(**settings: Any) -> NeuronRace:
    """The race between MSE and cross-entropy on one sigmoid neuron, as a live figure.

    Settings (all optional; the defaults are the source text's neuron, :data:`RACE_DEFAULTS`):
    ``w0``, ``b0`` (start), ``x`` (input), ``y`` (target), ``eta`` (learning rate), ``tol``
    (stop when 1/2 (a - y)^2 < tol), ``max_steps`` and ``learn_bias``. Both losses are trained
    by :func:`lossbook.neuron.train_neuron` under the same stop rule; cross-entropy is also run
    to the rule "excess over its floor < tol" (that excess is KL(y || a)), and all three counts
    are shown. A value out of a slider's range raises ValueError.
    """
    return NeuronRace(**settings)


# --- the KL explorer -------------------------------------------------------------------------

#: Units: the divisor's base for each name (nats use the natural log).
BASES: dict[str, float | None] = {"nats": None, "bits": 2.0, "bans": 10.0}
KL_DEFAULTS: dict[str, Any] = {"p": 0.9, "q": 0.1, "base": "nats"}
KL_RANGES: dict[str, tuple[float, float, float]] = {"p": (0.0, 1.0, 0.01), "q": (0.01, 0.99, 0.01)}
#: The grid of q on which the curves are drawn (the same in kl.js).
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
        return {"hp": float(entropy(P, b)), "hpq": float(cross_entropy_pq(P, Q, b)),
                "kl_pq": float(kl_divergence(P, Q, b)), "kl_qp": float(kl_divergence(Q, P, b))}


class KLExplorer(_LiveFigure):
    """Two coins p and q and the information between them: see :func:`kl_explorer`."""

    FIGURE = "kl"

    def __init__(self, **settings: Any) -> None:
        s = _check_settings(settings, KL_DEFAULTS, KL_RANGES)
        if s["base"] not in BASES:
            raise ValueError(f"base must be one of {list(BASES)}, got {s['base']!r}")
        self._initial = s
        self.controls: dict[str, W.ValueWidget] = {
            key: W.FloatSlider(value=s[key], min=lo, max=hi, step=st, description=key,
                               readout_format=".2f")
            for key, (lo, hi, st) in KL_RANGES.items()
        }
        self.controls["base"] = W.ToggleButtons(options=list(BASES), value=s["base"],
                                                description="units")
        self.image = W.Image(format="png")
        self.values = W.HTML()
        self.error = W.HTML()
        self._build_figure()
        controls = W.HBox(list(self.controls.values()), layout=W.Layout(flex_flow="row wrap"))
        controls.add_class("lossbook-kl-controls")
        self.image.add_class("lossbook-kl-plot")
        self.values.add_class("lossbook-kl-values")
        super().__init__([controls, self.image, self.values, self.error])
        self.add_class("lossbook-kl")
        self.numbers: dict[str, float] = {}
        self.update()
        for widget in self.controls.values():
            widget.observe(lambda _c: self.update(), names="value")

    def settings(self) -> dict[str, Any]:
        """The current settings, in the fixed key order p, q, base."""
        return {"p": float(self.controls["p"].value), "q": float(self.controls["q"].value),
                "base": self.controls["base"].value}

    def _build_figure(self) -> None:
        with _book_style():
            fig = Figure(figsize=_KL_SIZE, dpi=_DPI, layout="none")
            self._canvas = FigureCanvasAgg(fig)
            bars_ax, curve_ax = fig.subplots(1, 2, width_ratios=[1, 1.6])
            fig.subplots_adjust(left=0.07, right=0.99, bottom=0.17, top=0.95, wspace=0.22)
            self._fig, self._bars_ax, self._curve_ax = fig, bars_ax, curve_ax
            names = ["$H(p)$", "$H(p,q)$", "KL$(p\\|q)$", "KL$(q\\|p)$"]
            colors = [plots.COLORS[k] for k in ("entropy", "ce", "kl", "kl")]
            self._bars = bars_ax.bar(range(4), [0] * 4, color=colors)
            self._bars[3].set_hatch("//")
            self._bars[3].set_alpha(0.6)
            bars_ax.set_xticks(range(4), names)
            bars_ax.grid(axis="x", visible=False)
            self._bar_text = [bars_ax.text(i, 0, "", ha="center", va="bottom", fontsize=8)
                              for i in range(4)]
            g = KL_GRID
            self._curves = {}
            for key, color, ls, lab in (("hpq", "ce", "-", "$H(p,q)$"),
                                        ("kl_pq", "kl", "-", "KL$(p\\|q)$"),
                                        ("kl_qp", "kl", "--", "KL$(q\\|p)$")):
                (self._curves[key],) = curve_ax.plot(g, np.zeros_like(g), color=plots.COLORS[color],
                                                     ls=ls, lw=1.8, label=lab)
            self._hline = curve_ax.axhline(0, color=plots.COLORS["entropy"], lw=1.2, ls=":",
                                           label="$H(p)$")
            self._qline = curve_ax.axvline(0, color=plots.COLORS["target"], lw=0.8)
            (self._qdots,) = curve_ax.plot([], [], "o", color=plots.COLORS["target"], ms=5)
            curve_ax.set_xlim(0, 1)
            curve_ax.set_xlabel("model $q$")
            curve_ax.legend(loc="upper right", fontsize=8, ncols=2)

    def update(self) -> None:
        """Recompute the four numbers and the curves, then redraw."""
        s = self.settings()
        try:
            nums = kl_numbers(s["p"], s["q"], s["base"])
        except ValueError as err:
            self.error.value = f"<span class='lossbook-error'>{html.escape(str(err))}</span>"
            return
        self.error.value = ""
        nums = {k: v + 0.0 for k, v in nums.items()}  # no -0.0
        self.numbers = nums
        unit = s["base"]
        b = BASES[unit]
        div = 1.0 if b is None else math.log(b)
        p, g = s["p"], KL_GRID
        P = np.broadcast_to([p, 1.0 - p], (g.size, 2))
        G = np.stack([g, 1.0 - g], axis=1)
        hp = nums["hp"]
        hpq = cross_entropy_pq(P, G, b)
        kl_pq = kl_divergence(P, G, b)
        kl_qp = kl_divergence(G, P, b)
        for key, ys in (("hpq", hpq), ("kl_pq", kl_pq), ("kl_qp", kl_qp)):
            self._curves[key].set_ydata(ys)
        self._hline.set_ydata([hp, hp])
        q = s["q"]
        self._qline.set_xdata([q, q])
        self._qdots.set_data([q, q, q], [nums["hpq"], nums["kl_pq"], nums["kl_qp"]])
        finite = [v for v in (*hpq, *kl_pq) if math.isfinite(v)]
        top = min(max(finite + [nums["hpq"], 1e-9]) * 1.15, 8.0 / div)
        self._curve_ax.set_ylim(0, top)
        self._curve_ax.set_ylabel(unit)
        vals = [nums["hp"], nums["hpq"], nums["kl_pq"], nums["kl_qp"]]
        btop = max([v for v in vals if math.isfinite(v)] + [1e-9]) * 1.25
        for bar, txt, v in zip(self._bars, self._bar_text, vals):
            h = v if math.isfinite(v) else btop
            bar.set_height(h)
            txt.set_position((txt.get_position()[0], h))
            txt.set_text(f"{v:.3f}" if math.isfinite(v) else "∞")
        self._bars_ax.set_ylim(0, btop * 1.15)
        self._bars_ax.set_ylabel(unit)
        spans = "; ".join(
            f"{name} = <b data-testid='kl-{tid}'>{_fmt(nums[key]) if math.isinf(nums[key]) else f'{nums[key]:.4f}'}</b>"
            for name, tid, key in (("H(p)", "hp", "hp"), ("H(p, q)", "hpq", "hpq"),
                                   ("KL(p&#8214;q)", "pq", "kl_pq"), ("KL(q&#8214;p)", "qp", "kl_qp"))
        )
        self.values.value = f"{spans} ({unit}); H(p, q) = H(p) + KL(p&#8214;q)."
        self.image.value = self.render()

    def __repr__(self) -> str:
        s = self.settings()
        return f"KLExplorer(p={_fmt(s['p'])}, q={_fmt(s['q'])}, base={s['base']})"


def kl_explorer(**settings: Any) -> KLExplorer:
    """Entropy, cross-entropy and KL divergence of two coins, as a live figure.

    Settings: ``p`` and ``q`` (the probability of the first outcome, p in [0, 1], q in
    [0.01, 0.99]) and ``base`` (``"nats"``, ``"bits"`` or ``"bans"``). The bars show H(p),
    H(p, q), KL(p||q) and KL(q||p); the curves show the last three as functions of q, with the
    current q marked, and H(p) as a line: H(p, q) touches it exactly at q = p.
    """
    return KLExplorer(**settings)
