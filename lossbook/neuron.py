"""One sigmoid neuron, one input, trained by plain gradient descent under MSE or cross-entropy.

The neuron computes z = w x + b and a = sigma(z). For a target y the two losses are

    MSE:  L = 1/2 (a - y)^2                          dL/dz = (a - y) a (1 - a)
    CE:   L = -[y log a + (1 - y) log(1 - a)]        dL/dz = a - y

and, for both, dL/dw = dL/dz * x and dL/db = dL/dz. The factor a (1 - a) is the whole story:
it is nearly 0 when the neuron saturates, so MSE's gradient vanishes exactly when the neuron is
most wrong, while cross-entropy's does not.

Everything here is scalar Python on purpose: it is the reference that the book's in-browser
twin (``lossbook/web/src/race_model.js``) reproduces operation for operation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

Loss = Literal["mse", "ce"]
Stop = Literal["squared_error", "excess"]

__all__ = [
    "NeuronRun",
    "neuron_output",
    "loss_value",
    "loss_floor",
    "delta",
    "train_neuron",
    "LN9",
]

#: The source text's starting weight, w = ln 9, chosen so that a = sigma(ln 9) = 0.9 (to rounding).
LN9 = math.log(9.0)


def _sigmoid(z: float) -> float:
    """sigma(z), written so that exp never overflows (the same branch as the twin race_model.js)."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _softplus(z: float) -> float:
    """log(1 + e^z) = max(z, 0) + log1p(e^{-|z|}), finite for any finite z."""
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def neuron_output(w: float, b: float, x: float) -> float:
    """The neuron's output a = sigma(w x + b)."""
    return _sigmoid(_check("w", w) * _check("x", x) + _check("b", b))


def _loss_name(loss: str) -> Loss:
    if loss not in ("mse", "ce"):
        raise ValueError(f"loss must be 'mse' or 'ce', got {loss!r}")
    return loss  # type: ignore[return-value]


def _loss_value(loss: Loss, z: float, y: float) -> float:
    if loss == "mse":
        return 0.5 * (_sigmoid(z) - y) ** 2
    return _softplus(z) - y * z


def loss_value(loss: Loss, z: float, y: float) -> float:
    """The loss of output a = sigma(z) against target y.

    MSE is 1/2 (a - y)^2. Cross-entropy is -[y log a + (1 - y) log(1 - a)], computed from the
    logit as softplus(z) - y z so that it stays finite when a rounds to 0 or 1.
    """
    return _loss_value(_loss_name(loss), _check("z", z), _check("y", y, 0.0, 1.0))


def _loss_floor(loss: Loss, y: float) -> float:
    if loss == "mse" or y in (0.0, 1.0):
        return 0.0
    return -(y * math.log(y) + (1.0 - y) * math.log1p(-y))


def loss_floor(loss: Loss, y: float) -> float:
    """The smallest value the loss can take for target y: 0 for MSE, the entropy H(y) for CE.

    H(y) = -[y log y + (1 - y) log(1 - y)] is ln 2 = 0.693... at y = 1/2: a cross-entropy
    loss never falls below it, which is why the book's stop rule is not "loss < tol".
    """
    return _loss_floor(_loss_name(loss), _check("y", y, 0.0, 1.0))


def _delta(loss: Loss, a: float, y: float) -> float:
    if loss == "mse":
        return (a - y) * a * (1.0 - a)
    return a - y


def delta(loss: Loss, a: float, y: float) -> float:
    """The error at the neuron, dL/dz: (a - y) a (1 - a) for MSE, a - y for cross-entropy."""
    return _delta(_loss_name(loss), _check("a", a, 0.0, 1.0), _check("y", y, 0.0, 1.0))


@dataclass
class NeuronRun:
    """The trajectory of one training run.

    ``steps`` is the number of updates after which the stop rule first held (0 if it held at
    the start, None if it never held within ``max_steps``). The histories ``w``, ``b``, ``a``
    and ``loss`` start with the initial state at index 0 and have one entry per update after
    it, so each has ``len(w) - 1`` updates behind it.
    """

    loss_name: Loss
    steps: int | None
    w: list[float] = field(default_factory=list)
    b: list[float] = field(default_factory=list)
    a: list[float] = field(default_factory=list)
    loss: list[float] = field(default_factory=list)

    @property
    def updates(self) -> int:
        """How many updates were made (equal to ``steps`` when the run converged)."""
        return len(self.w) - 1


def _check(name: str, value: float, low: float | None = None, high: float | None = None) -> float:
    """``value`` as a float; a ValueError if it is not a finite number in [low, high]."""
    try:
        v = float(value)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be a number, got {value!r}") from err
    if not math.isfinite(v):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if low is not None and v < low:
        raise ValueError(f"{name} must be at least {low}, got {value!r}")
    if high is not None and v > high:
        raise ValueError(f"{name} must be at most {high}, got {value!r}")
    return v


def train_neuron(
    loss: Loss,
    w: float = LN9,
    b: float = 0.0,
    x: float = 1.0,
    y: float = 0.5,
    eta: float = 0.2,
    tol: float = 1e-3,
    max_steps: int = 10_000,
    learn_bias: bool = False,
    stop: Stop = "squared_error",
) -> NeuronRun:
    """Gradient descent on one sigmoid neuron: w <- w - eta dL/dz x, b <- b - eta dL/dz.

    ``loss`` is ``"mse"`` or ``"ce"``. The bias is updated only when ``learn_bias`` is true.
    The run stops at the first state where the stop rule holds, or after ``max_steps`` updates:

    * ``stop="squared_error"`` (the default, the same for both losses): 1/2 (a - y)^2 < tol.
      With the defaults (w = ln 9, b = 0, x = 1, y = 0.5, eta = 0.2, tol = 0.001) MSE needs
      287 updates, as the source text says; cross-entropy needs far fewer.
    * ``stop="excess"``: L - L_min < tol, the loss above its floor (:func:`loss_floor`). For
      MSE this is the same rule; for cross-entropy the excess is KL(y || a).
    """
    loss = _loss_name(loss)
    if stop not in ("squared_error", "excess"):
        raise ValueError(f"stop must be 'squared_error' or 'excess', got {stop!r}")
    w, b, x = _check("w", w), _check("b", b), _check("x", x)
    y = _check("y", y, 0.0, 1.0)
    eta = _check("eta", eta, 0.0)
    tol = _check("tol", tol, 0.0)
    if eta == 0 or tol == 0:
        raise ValueError("eta and tol must be positive")
    if isinstance(max_steps, bool) or not isinstance(max_steps, int) or max_steps < 0:
        raise ValueError(f"max_steps must be a non-negative integer, got {max_steps!r}")

    floor = _loss_floor(loss, y)
    run = NeuronRun(loss_name=loss, steps=None)
    for step in range(max_steps + 1):
        z = w * x + b
        a = _sigmoid(z)
        value = _loss_value(loss, z, y)
        run.w.append(w)
        run.b.append(b)
        run.a.append(a)
        run.loss.append(value)
        gap = 0.5 * (a - y) ** 2 if stop == "squared_error" else value - floor
        if gap < tol:
            run.steps = step
            break
        if step == max_steps:
            break
        d = _delta(loss, a, y)
        w -= eta * d * x
        if learn_bias:
            b -= eta * d
    return run
