"""Losses, activations and the information quantities behind them.

Conventions (the book's notation page says them once):

* ``z`` is a logit (a pre-activation), ``a`` an output probability, ``y`` a target.
* Logs are natural (nats) unless a ``base`` is given.
* PyTorch-style functions (``mse_loss``, ``binary_cross_entropy``,
  ``binary_cross_entropy_with_logits``, ``cross_entropy``) take ``(input, target)`` and a
  ``reduction`` of ``"mean"``, ``"sum"`` or ``"none"``, as ``torch.nn.functional`` does.
* Keras-style functions (``sparse_categorical_crossentropy``, ``categorical_crossentropy``)
  take ``(y_true, y_pred)`` and return one loss per sample, as ``keras.losses`` does.

Every function checks its input and raises a ``ValueError`` that says what is wrong (a shape
mismatch, a probability outside [0, 1], a label out of range, a non-finite number) instead of
broadcasting or returning NaN. Everything that takes logits is computed in a form that stays
finite at logits of +-1000 (log-sum-exp and ``log1p(exp(-|z|))``).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

Reduction = Literal["mean", "sum", "none"]
FloatArray = NDArray[np.float64]

__all__ = [
    "sigmoid",
    "sigmoid_prime",
    "softplus",
    "softmax",
    "log_softmax",
    "logsumexp",
    "mse_loss",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "sparse_categorical_crossentropy",
    "categorical_crossentropy",
    "entropy",
    "cross_entropy_pq",
    "kl_divergence",
]

#: Keras clips probabilities to [EPSILON, 1 - EPSILON] before taking logs.
KERAS_EPSILON = 1e-7
#: PyTorch clamps each log in ``binary_cross_entropy`` at -100, so a loss term is at most 100.
TORCH_LOG_CLAMP = -100.0
#: How far from 1 a distribution's sum may be.
SUM_TOLERANCE = 1e-6


# --- input checks -------------------------------------------------------------------------


def _array(x: ArrayLike, name: str) -> FloatArray:
    """``x`` as a float64 array, or a ValueError if it holds NaN or infinity."""
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be numeric, got {x!r}") from err
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite; it contains NaN or infinity")
    return arr


def _probabilities(x: ArrayLike, name: str) -> FloatArray:
    """``x`` as an array of numbers in [0, 1], or a ValueError naming the first bad value."""
    arr = _array(x, name)
    bad = (arr < 0) | (arr > 1)
    if np.any(bad):
        first = arr[bad].flat[0]
        raise ValueError(f"{name} must hold probabilities in [0, 1]; found {first!r}")
    return arr


def _distribution(x: ArrayLike, name: str) -> FloatArray:
    """``x`` as probability vectors along the last axis (non-negative, summing to 1)."""
    arr = _probabilities(x, name)
    if arr.ndim == 0:
        raise ValueError(f"{name} must be a vector of probabilities, got a scalar")
    sums = arr.sum(axis=-1)
    off = np.abs(sums - 1.0) > SUM_TOLERANCE
    if np.any(off):
        raise ValueError(
            f"{name} must sum to 1 along its last axis (within {SUM_TOLERANCE:g}); "
            f"a sum is {sums[off].flat[0]!r}"
        )
    return arr


def _same_shape(a: FloatArray, b: FloatArray, names: str) -> None:
    if a.shape != b.shape:
        raise ValueError(f"{names} must have the same shape, got {a.shape} and {b.shape}")


def _labels(y: ArrayLike, n: int, num_classes: int, name: str) -> NDArray[np.intp]:
    """Class indices as integers in [0, num_classes), one per sample."""
    arr = np.asarray(y)
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or np.any(arr != np.round(arr)):
            raise ValueError(f"{name} must hold whole-number class indices")
    elif arr.dtype.kind not in "iu":
        raise ValueError(f"{name} must hold integer class indices, got dtype {arr.dtype}")
    if arr.shape != (n,):
        raise ValueError(f"{name} must have shape ({n},) to match {n} samples, got {arr.shape}")
    out = arr.astype(np.intp)
    bad = (out < 0) | (out >= num_classes)
    if np.any(bad):
        raise ValueError(
            f"{name} must lie in [0, {num_classes - 1}] for {num_classes} classes; "
            f"found {out[bad][0]}"
        )
    return out


def _logits_2d(x: ArrayLike, name: str) -> FloatArray:
    arr = _array(x, name)
    if arr.ndim != 2:
        raise ValueError(f"{name} must have shape (N, C), got {arr.shape}")
    if arr.shape[1] == 0:
        raise ValueError(f"{name} must have at least one class")
    return arr


def _reduce(loss: FloatArray, reduction: str) -> FloatArray | float:
    """The per-example losses, averaged ("mean"), added ("sum") or returned as they are ("none").

    The mean of no losses is undefined (NumPy would return NaN with a warning): a ValueError.
    """
    if reduction == "mean":
        if loss.size == 0:
            raise ValueError("the input is empty: the mean of no losses is undefined "
                             "(use reduction='sum' or 'none')")
        return float(loss.mean())
    if reduction == "sum":
        return float(loss.sum())
    if reduction == "none":
        return loss
    raise ValueError(f"reduction must be 'mean', 'sum' or 'none', got {reduction!r}")


def _base_factor(base: float | None) -> float:
    """The divisor that turns nats into units of ``base`` (bits for 2, bans for 10)."""
    if base is None:
        return 1.0
    if not np.isfinite(base) or base <= 0 or base == 1:
        raise ValueError(f"base must be a positive number other than 1, got {base!r}")
    return float(np.log(base))


def _scalar_or_array(x: FloatArray) -> FloatArray | float:
    return float(x) if x.ndim == 0 else x


# --- activations --------------------------------------------------------------------------


def sigmoid(z: ArrayLike) -> FloatArray | float:
    """The logistic function, sigma(z) = 1 / (1 + exp(-z)).

    Computed as 1 / (1 + exp(-z)) for z >= 0 and exp(z) / (1 + exp(z)) for z < 0, so that
    exp never overflows: sigmoid(-1000) is 0.0 and sigmoid(1000) is 1.0, with no warning.
    """
    z = _array(z, "z")
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return _scalar_or_array(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def softplus(z: ArrayLike) -> FloatArray | float:
    """softplus(z) = log(1 + exp(z)) = -log sigma(-z), as max(z, 0) + log1p(exp(-|z|)).

    Finite for every finite z: softplus(1000) = 1000 and softplus(-1000) = exp(-1000) = 0.0.
    """
    z = _array(z, "z")
    return _scalar_or_array(np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))))


def sigmoid_prime(z: ArrayLike) -> FloatArray | float:
    """The sigmoid's derivative, sigma'(z) = sigma(z) (1 - sigma(z)); at most 1/4, at z = 0.

    This factor is what slows learning under MSE: it is nearly 0 wherever the neuron saturates.
    """
    s = np.asarray(sigmoid(z))
    return _scalar_or_array(s * (1.0 - s))


def logsumexp(z: ArrayLike, axis: int = -1) -> FloatArray | float:
    """log sum_j exp(z_j), computed as m + log sum_j exp(z_j - m) with m = max_j z_j."""
    z = _array(z, "z")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    m = z.max(axis=axis, keepdims=True)
    out = m + np.log(np.exp(z - m).sum(axis=axis, keepdims=True))
    return _scalar_or_array(np.squeeze(out, axis=axis))


def log_softmax(z: ArrayLike, axis: int = -1) -> FloatArray:
    """log softmax(z)_i = z_i - log sum_j exp(z_j), stable at any logit size."""
    z = _array(z, "z")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    return z - np.expand_dims(np.asarray(logsumexp(z, axis=axis)), axis)


def softmax(z: ArrayLike, axis: int = -1) -> FloatArray:
    """softmax(z)_i = exp(z_i) / sum_j exp(z_j).

    Softmax is unchanged when a constant is added to every z_j, so it is computed from
    z - max_j z_j, whose exponentials lie in (0, 1] and cannot overflow.
    """
    z = _array(z, "z")
    if z.ndim == 0:
        raise ValueError("z must have at least one axis")
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


# --- PyTorch-style losses -----------------------------------------------------------------


def mse_loss(
    input: ArrayLike, target: ArrayLike, reduction: Reduction = "mean"
) -> FloatArray | float:
    """Mean squared error, l_n = (input_n - target_n)^2, then reduced.

    As ``torch.nn.functional.mse_loss``: no factor 1/2, and ``"mean"`` divides by the number
    of elements. Unlike PyTorch, shapes must match exactly (no broadcasting).
    """
    x, t = _array(input, "input"), _array(target, "target")
    _same_shape(x, t, "input and target")
    return _reduce((x - t) ** 2, reduction)


def binary_cross_entropy(
    input: ArrayLike, target: ArrayLike, reduction: Reduction = "mean"
) -> FloatArray | float:
    """Binary cross-entropy of probabilities, l_n = -[y_n log a_n + (1 - y_n) log(1 - a_n)].

    ``input`` holds probabilities a_n in [0, 1], ``target`` holds y_n in [0, 1]. As in
    PyTorch, each log is clamped at -100, so a certain-and-wrong prediction costs 100, not inf.
    """
    a, y = _probabilities(input, "input"), _probabilities(target, "target")
    _same_shape(a, y, "input and target")
    with np.errstate(divide="ignore"):
        log_a = np.maximum(np.log(a), TORCH_LOG_CLAMP)
        log_1ma = np.maximum(np.log1p(-a), TORCH_LOG_CLAMP)
    return _reduce(-(y * log_a + (1.0 - y) * log_1ma), reduction)


def binary_cross_entropy_with_logits(
    input: ArrayLike,
    target: ArrayLike,
    pos_weight: ArrayLike | None = None,
    reduction: Reduction = "mean",
) -> FloatArray | float:
    """Binary cross-entropy of logits, l_n = -[p y_n log sigma(z_n) + (1 - y_n) log(1 - sigma(z_n))].

    Here p is ``pos_weight`` (1 when None), a scalar or one weight per class (the last axis),
    that scales the loss of positive labels: p > 1 favours recall on rare positives (this is
    ``tf.nn.weighted_cross_entropy_with_logits``). With -log sigma(z) = softplus(-z) and
    softplus(u) = max(u, 0) + log(1 + exp(-|u|)), the loss is

        l_n = (1 - y_n) z_n + (1 + (p - 1) y_n) softplus(-z_n),

    which never overflows. It is evaluated as (1 - y) softplus(z) + p y softplus(-z), the same
    number written without the cancellation between (1 - y) z and softplus(-z) that would lose
    all relative accuracy for y = 0 and z << 0; for p = 1 it equals max(z, 0) - z y + log(1 + exp(-|z|)).
    """
    z, y = _array(input, "input"), _probabilities(target, "target")
    _same_shape(z, y, "input and target")
    p = 1.0
    if pos_weight is not None:
        p = _array(pos_weight, "pos_weight")
        if np.any(p < 0):
            raise ValueError("pos_weight must be non-negative")
        if p.ndim > 1 or (p.ndim == 1 and (z.ndim == 0 or p.shape[0] != z.shape[-1])):
            raise ValueError(
                f"pos_weight must be a scalar or have shape (C,) matching the last axis of "
                f"input {z.shape}, got {p.shape}"
            )
    loss = (1.0 - y) * np.asarray(softplus(z)) + p * y * np.asarray(softplus(-z))
    return _reduce(loss, reduction)


def cross_entropy(
    input: ArrayLike,
    target: ArrayLike,
    reduction: Reduction = "mean",
    label_smoothing: float = 0.0,
) -> FloatArray | float:
    """Softmax cross-entropy of logits, l_n = -sum_c y_nc log softmax(z_n)_c.

    ``input`` holds logits of shape (N, C) (or (C,) for one sample). ``target`` is either
    class indices of shape (N,), where y_n is one-hot and l_n = -log softmax(z_n)_{y_n}, or
    class probabilities of the same shape as ``input``. With ``label_smoothing`` e, the
    target becomes (1 - e) y + e / C, as in ``torch.nn.functional.cross_entropy``.
    """
    z = _array(input, "input")
    single = z.ndim == 1
    z = _logits_2d(z[None, :] if single else z, "input")
    n, c = z.shape
    if not 0.0 <= label_smoothing <= 1.0:
        raise ValueError(f"label_smoothing must lie in [0, 1], got {label_smoothing!r}")
    log_p = log_softmax(z, axis=-1)
    t = np.asarray(target)
    shape = (c,) if single else (n, c)
    if t.shape == shape:  # the input's shape: class probabilities
        y = _probabilities(t[None, :] if single else t, "target")
    elif t.ndim == len(shape) - 1:  # one rank less: class indices
        idx = _labels(t.reshape(1) if single and t.ndim == 0 else t, n, c, "target")
        y = np.zeros_like(z)
        y[np.arange(n), idx] = 1.0
    else:
        raise ValueError(f"target must be class indices {shape[:-1] or '()'} or probabilities "
                         f"{shape} (the input's shape), got shape {t.shape}")
    if label_smoothing:
        y = (1.0 - label_smoothing) * y + label_smoothing / c
    loss = -(y * log_p).sum(axis=-1)
    return _reduce(loss[0] if single else loss, reduction)


# --- Keras-style losses -------------------------------------------------------------------


def _keras_log_probs(y_pred: ArrayLike, from_logits: bool) -> FloatArray:
    """log q for Keras: log_softmax of logits, or log of normalised, clipped probabilities."""
    if from_logits:
        return log_softmax(_logits_2d(y_pred, "y_pred"), axis=-1)
    q = _probabilities(y_pred, "y_pred")
    if q.ndim != 2:
        raise ValueError(f"y_pred must have shape (N, C), got {q.shape}")
    sums = q.sum(axis=-1, keepdims=True)
    if np.any(sums == 0):
        raise ValueError("y_pred has a row of zeros: it is not a probability vector")
    q = np.clip(q / sums, KERAS_EPSILON, 1.0 - KERAS_EPSILON)
    return np.log(q)


def sparse_categorical_crossentropy(
    y_true: ArrayLike, y_pred: ArrayLike, from_logits: bool = False
) -> FloatArray:
    """Per-sample categorical cross-entropy with integer labels: l_n = -log q_n[y_n].

    ``y_true`` holds class indices (N,); ``y_pred`` holds probabilities (N, C), or logits
    when ``from_logits=True``. Probabilities are renormalised and clipped to
    [1e-7, 1 - 1e-7] before the log, as Keras does; logits go through a stable log-softmax.
    """
    log_q = _keras_log_probs(y_pred, from_logits)
    idx = _labels(y_true, log_q.shape[0], log_q.shape[1], "y_true")
    return -log_q[np.arange(log_q.shape[0]), idx]


def categorical_crossentropy(
    y_true: ArrayLike, y_pred: ArrayLike, from_logits: bool = False
) -> FloatArray:
    """Per-sample categorical cross-entropy with one-hot (or soft) labels: l_n = -sum_c y_nc log q_nc.

    ``y_true`` holds probabilities (N, C), typically one-hot; ``y_pred`` as in
    :func:`sparse_categorical_crossentropy`. For one-hot rows both give the same numbers.
    """
    log_q = _keras_log_probs(y_pred, from_logits)
    y = _probabilities(y_true, "y_true")
    _same_shape(y, log_q, "y_true and y_pred")
    return -(y * log_q).sum(axis=-1)


# --- information ----------------------------------------------------------------------------


def _xlogy(x: FloatArray, y: FloatArray) -> FloatArray:
    """x log y with the convention 0 log y = 0 (also for y = 0); x log 0 = -inf for x > 0."""
    out = np.zeros(np.broadcast(x, y).shape)
    nz = x > 0
    with np.errstate(divide="ignore"):
        out[nz] = x[nz] * np.log(np.broadcast_to(y, out.shape)[nz])
    return out


def entropy(p: ArrayLike, base: float | None = None) -> FloatArray | float:
    """Shannon entropy H(p) = -sum_i p_i log p_i of the distribution(s) on the last axis.

    Natural log (nats) by default; ``base=2`` gives bits, ``base=10`` bans. 0 log 0 = 0.
    """
    p = _distribution(p, "p")
    return _scalar_or_array(-_xlogy(p, p).sum(axis=-1) / _base_factor(base))


def cross_entropy_pq(p: ArrayLike, q: ArrayLike, base: float | None = None) -> FloatArray | float:
    """Cross-entropy of two distributions, H(p, q) = -sum_i p_i log q_i = H(p) + KL(p || q).

    The average surprisal, under the model q, of outcomes that really follow p. It is inf
    when q gives probability 0 to an outcome that p makes possible.
    """
    p, q = _distribution(p, "p"), _distribution(q, "q")
    _same_shape(p, q, "p and q")
    return _scalar_or_array(-_xlogy(p, q).sum(axis=-1) / _base_factor(base))


def kl_divergence(p: ArrayLike, q: ArrayLike, base: float | None = None) -> FloatArray | float:
    """Kullback-Leibler divergence KL(p || q) = sum_i p_i log(p_i / q_i) >= 0.

    Zero only when p = q; not symmetric; inf when q_i = 0 < p_i. Matches
    ``scipy.stats.entropy(p, q, base)`` for normalised p and q.
    """
    p, q = _distribution(p, "p"), _distribution(q, "q")
    _same_shape(p, q, "p and q")
    return _scalar_or_array((_xlogy(p, p) - _xlogy(p, q)).sum(axis=-1) / _base_factor(base))
