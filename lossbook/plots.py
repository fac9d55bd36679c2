"""The book's visual language, set once: one colour per loss, the same names on every axis.

Colours come from the Okabe-Ito palette, which stays distinct under the common forms of
colour blindness. MSE is always vermillion and cross-entropy always blue, in every chapter,
in the notebooks' matplotlib figures and in the web figures (``lossbook/web``).
"""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
from matplotlib.axes import Axes

__all__ = ["COLORS", "TEXT_COLORS", "LABELS", "AXIS", "use_book_style", "color", "label", "style_axes"]

#: One colour per quantity, used everywhere in the book.
COLORS: dict[str, str] = {
    "mse": "#D55E00",  # vermillion
    "ce": "#0072B2",  # blue
    "kl": "#009E73",  # bluish green
    "entropy": "#CC79A7",  # reddish purple
    "target": "#555555",  # dark grey: targets, optima, reference lines
    "accent": "#E69F00",  # orange: a highlighted point or region
    "neutral": "#56B4E9",  # sky blue: anything else
}

#: Text drawn in a quantity's colour must pass WCAG AA contrast (4.5:1) against the page, and some
#: line colours do not (MSE's vermillion is 3.9:1 on white, cross-entropy's blue 3.4:1 on the dark
#: theme's #14181e). These variants keep each hue, darker for light pages and lighter for dark
#: ones; each passes 4.8:1 against the page and the theme's surface colour in its mode
#: (tests/test_plots.py checks it). Lines and bars keep :data:`COLORS`.
TEXT_COLORS: dict[str, dict[str, str]] = {
    "light": {"mse": "#B14E00", "ce": "#0070AE", "kl": "#007A59", "entropy": "#95587A",
              "target": "#555555", "accent": "#8F6300", "neutral": "#367193"},
    "dark": {"mse": "#E08842", "ce": "#5CA5CE", "kl": "#30B08E", "entropy": "#D185AF",
             "target": "#9E9E9E", "accent": "#E69F00", "neutral": "#56B4E9"},
}

#: How each quantity is named in legends.
LABELS: dict[str, str] = {
    "mse": "MSE",
    "ce": "cross-entropy",
    "kl": "KL divergence",
    "entropy": "entropy",
    "target": "target",
}

#: Axis titles, in the book's notation.
AXIS: dict[str, str] = {
    "iteration": "iteration $t$",
    "w": "weight $w$",
    "b": "bias $b$",
    "z": "logit $z$",
    "a": "output $a = \\sigma(z)$",
    "loss": "loss $L$",
    "grad_w": "gradient $\\partial L / \\partial w$",
    "epoch": "epoch",
    "accuracy": "test accuracy",
}

_RC: dict[str, Any] = {
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.constrained_layout.use": True,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "svg.hashsalt": "lossbook",  # deterministic ids if a figure is saved as SVG (chapters use PNG)
    "axes.prop_cycle": mpl.cycler(
        color=[COLORS[k] for k in ("mse", "ce", "kl", "entropy", "accent", "neutral", "target")]
    ),
}


def use_book_style() -> None:
    """Apply the book's matplotlib style (sizes, grid, colour cycle) to every later figure.

    In a notebook, figures are also saved as PNG at twice their pixel size ("retina"), with
    their display size in the output's metadata: sharp on high-density screens, shown at the
    same size in JupyterLab and in the book (myst-nb writes the width and height into the
    <img>, so the page does not shift as figures load). Not SVG: nbval compares an SVG output
    byte for byte (it skips PNGs), and a curve computed through BLAS can differ in its last
    digits on another machine; an SVG of a dense plot (contours, heat maps) is also heavier
    than its PNG, while for a plain line plot the two are about the same size.
    """
    mpl.rcParams.update(_RC)
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # plain Python: nothing to configure
        return
    if get_ipython() is not None:
        set_matplotlib_formats("retina")


def color(name: str) -> str:
    """The book's colour for a quantity such as ``"mse"`` or ``"ce"``."""
    try:
        return COLORS[name]
    except KeyError:
        raise ValueError(f"no book colour for {name!r}; known: {sorted(COLORS)}") from None


def label(name: str) -> str:
    """The book's legend name for a quantity such as ``"mse"`` or ``"ce"``."""
    return LABELS.get(name, name)


def style_axes(ax: Axes, x: str | None = None, y: str | None = None, title: str | None = None) -> Axes:
    """Name an axes' x and y axis with the book's titles (keys of :data:`AXIS`, or free text)."""
    if x is not None:
        ax.set_xlabel(AXIS.get(x, x))
    if y is not None:
        ax.set_ylabel(AXIS.get(y, y))
    if title is not None:
        ax.set_title(title)
    return ax
