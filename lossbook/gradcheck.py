"""Finite differences: the independent check of every gradient the book derives.

A derivative found by hand or by SymPy is only believed once it agrees with the central
difference (f(x + h e_i) - f(x - h e_i)) / 2h, whose error is O(h^2).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["numerical_gradient", "gradient_error"]


def numerical_gradient(
    f: Callable[[NDArray[np.float64]], float], x: ArrayLike, h: float = 1e-6
) -> NDArray[np.float64]:
    """The central-difference gradient of a scalar function f at x, one coordinate at a time.

    df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h), for every index i of x (any shape).
    """
    if not h > 0:
        raise ValueError(f"h must be positive, got {h!r}")
    x = np.array(x, dtype=np.float64)
    if not np.all(np.isfinite(x)):
        raise ValueError("x must be finite")
    grad = np.empty_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = float(f(x))
        x[i] = old - h
        down = float(f(x))
        x[i] = old
        grad[i] = (up - down) / (2 * h)
    return grad


def gradient_error(
    f: Callable[[NDArray[np.float64]], float],
    grad: Callable[[NDArray[np.float64]], ArrayLike],
    x: ArrayLike,
    h: float = 1e-6,
) -> float:
    """The largest relative difference between an analytic gradient and the numerical one.

    max_i |g_i - n_i| / max(1, |g_i|, |n_i|): about 1e-9 or less when ``grad`` is right,
    of order 1 when it is wrong.
    """
    x = np.asarray(x, dtype=np.float64)
    g = np.asarray(grad(x.copy()), dtype=np.float64)
    n = numerical_gradient(f, x, h)
    if g.shape != n.shape:
        raise ValueError(f"grad returned shape {g.shape}, but x has shape {n.shape}")
    return float(np.max(np.abs(g - n) / np.maximum(1.0, np.maximum(np.abs(g), np.abs(n)))))
