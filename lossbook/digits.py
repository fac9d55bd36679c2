"""Softmax regression on scikit-learn's handwritten digits, trained under MSE or cross-entropy.

The model is ten-class softmax regression on the 8x8 digit images (64 pixel features):

    z = W x + b,   a = softmax(z),   W is K x d (K = 10 classes, d = 64 features).

In code the samples are rows, so the logits of a data set are ``Z = X @ W.T + b``. Training is
plain full-batch gradient descent on the mean loss J over the training set, under one of

    "mse":  L = 1/2 ||a - y||^2     delta = dL/dz = J_s^T (a - y) = a * [(a - y) - <a, a - y>]
    "ce":   L = -log a_c            delta = dL/dz = a - y

where y is the one-hot target of the true class c, J_s = diag(a) - a a^T is the softmax Jacobian
(symmetric, so J_s^T = J_s) and * is the element-wise product. For both losses

    dJ/dW = (1/N) sum_n delta_n x_n^T,    dJ/db = (1/N) sum_n delta_n,

and one epoch is one update W <- W - eta dJ/dW, b <- b - eta dJ/db.

Everything random (the train/test split and the initial weights) comes from :class:`Mulberry32`, a
tiny 32-bit generator written here in full, so that the in-browser twin of this experiment can draw
exactly the same numbers from the same integer seed (numpy's generators would have to be
re-implemented bit for bit in JavaScript; this one is a dozen lines). :func:`train` is the single
run that the twin mirrors operation for operation; :func:`train_many` runs the same arithmetic for
a whole batch of runs at once (one run per entry of a leading batch axis: learning rates x
initialisations x seeds), and :func:`train` is that function with a batch of one, so the maths is
written once.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .losses import _labels

Loss = Literal["mse", "ce"]
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

__all__ = [
    "N_CLASSES",
    "N_FEATURES",
    "PIXEL_MAX",
    "Mulberry32",
    "random_normal",
    "load_raw",
    "stratified_split",
    "standardize",
    "DigitsData",
    "load",
    "init_params",
    "init_many",
    "logits",
    "one_hot",
    "sample_loss",
    "delta",
    "gradients",
    "History",
    "train",
    "train_many",
    "WEB_DATA",
    "web_data",
]

#: The digits have ten classes (0..9); class k in the maths (1..K) is index k - 1 in code, and
#: for the digits the index is also the digit drawn.
N_CLASSES = 10
#: 8 x 8 pixels per image.
N_FEATURES = 64
#: Pixels are whole numbers of ink from 0 to 16.
PIXEL_MAX = 16

_UINT32 = 0xFFFFFFFF


# --- random numbers that JavaScript can reproduce --------------------------------------------


def _imul(x: int, y: int) -> int:
    """The low 32 bits of x * y, as JavaScript's ``Math.imul`` (read as unsigned)."""
    return (x * y) & _UINT32


class Mulberry32:
    """The mulberry32 generator (Tommy Ettinger, public domain): 32 bits of state, period 2^32.

    Each call adds 0x6D2B79F5 to the state (mod 2^32) and scrambles it; in JavaScript, with
    ``a`` the state::

        a = (a + 0x6D2B79F5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;

    Here every intermediate is held as an unsigned 32-bit integer, which gives the same bits.
    It is not a cryptographic or high-quality generator; it is small, fast and easy to
    reproduce exactly, which is all this experiment needs.
    """

    def __init__(self, seed: int) -> None:
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
            raise ValueError(f"seed must be an integer, got {seed!r}")
        if not 0 <= int(seed) <= _UINT32:
            raise ValueError(f"seed must lie in [0, 2**32 - 1], got {seed}")
        self.state = int(seed)

    def next_uint32(self) -> int:
        """The next 32-bit output, an integer in [0, 2^32)."""
        self.state = (self.state + 0x6D2B79F5) & _UINT32
        a = self.state
        t = _imul(a ^ (a >> 15), 1 | a)
        t = ((t + _imul(t ^ (t >> 7), 61 | t)) & _UINT32) ^ t
        return (t ^ (t >> 14)) & _UINT32

    def random(self) -> float:
        """A uniform number in [0, 1): the next output divided by 2^32 (exact in float64)."""
        return self.next_uint32() / 4294967296.0

    def normal(self) -> float:
        """A standard normal number by the Box-Muller transform, cosine branch only.

        With u1 = 1 - random() in (0, 1] (so the log is finite) and u2 = random(),
        z = sqrt(-2 ln u1) cos(2 pi u2). Each normal uses two uniforms; the sine branch is not
        used, so no state is carried between calls.
        """
        u1 = 1.0 - self.random()
        u2 = self.random()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def random_normal(seed: int, n: int) -> FloatArray:
    """n standard normal numbers from a fresh :class:`Mulberry32` started at ``seed``."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    rng = Mulberry32(seed)
    return np.array([rng.normal() for _ in range(int(n))], dtype=np.float64)


# --- the data --------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _digits() -> tuple[NDArray[np.uint8], NDArray[np.uint8]]:
    from sklearn.datasets import load_digits  # scikit-learn ships the data: no download

    X, labels = load_digits(return_X_y=True)
    if X.shape[1] != N_FEATURES or np.any(X != np.round(X)) or X.min() < 0 or X.max() > PIXEL_MAX:
        raise ValueError("scikit-learn's digits are not 64 whole-number pixels in 0..16")
    return X.astype(np.uint8), np.asarray(labels).astype(np.uint8)


def load_raw() -> tuple[NDArray[np.uint8], NDArray[np.uint8]]:
    """The 1797 digit images as raw pixels and their labels, as shipped with scikit-learn.

    Returns ``pixels`` of shape (1797, 64), whole numbers 0..16 (row-major 8 x 8 images), and
    ``labels`` of shape (1797,), the digit 0..9 (which is also its class index in code).
    Fresh copies on every call (the file is read once).
    """
    pixels, labels = _digits()
    return pixels.copy(), labels.copy()


def _int_labels(labels: ArrayLike, name: str = "labels") -> IntArray:
    """One class index in [0, 10) per sample, as int64 (checked by ``losses._labels``)."""
    arr = np.asarray(labels)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    return _labels(arr, arr.shape[0], N_CLASSES, name).astype(np.int64)


def stratified_split(
    labels: ArrayLike, test_fraction: float = 0.2, seed: int = 0
) -> tuple[IntArray, IntArray]:
    """Row indices of a stratified train/test split, drawn from :class:`Mulberry32` (``seed``).

    For each class k = 0, 1, ..., 9 in turn, the indices of its samples in ascending order are
    shuffled by Fisher-Yates (for i from n_k - 1 down to 1, swap entry i with entry
    j = floor(random() * (i + 1))), and the first floor(n_k * test_fraction + 1/2) of them go to
    the test set. One generator serves all classes, in class order. Both index arrays are
    returned sorted ascending, so that sums over samples run in the same order everywhere.
    """
    y = _int_labels(labels)
    if not (isinstance(test_fraction, (int, float)) and 0.0 < test_fraction < 1.0):
        raise ValueError(f"test_fraction must lie strictly between 0 and 1, got {test_fraction!r}")
    rng = Mulberry32(seed)
    test: list[int] = []
    for k in range(N_CLASSES):
        idx = [int(i) for i in np.flatnonzero(y == k)]
        for i in range(len(idx) - 1, 0, -1):
            j = math.floor(rng.random() * (i + 1))
            idx[i], idx[j] = idx[j], idx[i]
        test.extend(idx[: math.floor(len(idx) * test_fraction + 0.5)])
    is_test = np.zeros(len(y), dtype=bool)
    is_test[test] = True
    if is_test.all() or not is_test.any():
        raise ValueError("the split leaves the training or the test set empty")
    return np.flatnonzero(~is_test).astype(np.int64), np.flatnonzero(is_test).astype(np.int64)


def standardize(
    train_pixels: ArrayLike, test_pixels: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Standardise both sets with the training set's statistics: x' = (x - mean) / sd.

    mean and sd are per feature over the training rows, sd the population standard deviation
    sqrt(mean((x - mean)^2)); a feature with sd = 0 (a border pixel that is always blank in the
    training set) gets sd = 1, so it stays 0 in training and stays finite in the test set.
    Returns (X_train, X_test, mean, sd).
    """
    tr = np.asarray(train_pixels, dtype=np.float64)
    te = np.asarray(test_pixels, dtype=np.float64)
    if tr.ndim != 2 or te.ndim != 2 or tr.shape[1] != te.shape[1]:
        raise ValueError(
            f"train and test pixels must be 2-D with the same number of columns, "
            f"got {tr.shape} and {te.shape}"
        )
    if tr.shape[0] == 0:
        raise ValueError("the training set is empty")
    if not (np.all(np.isfinite(tr)) and np.all(np.isfinite(te))):
        raise ValueError("pixels must be finite")
    mean = tr.mean(axis=0)
    sd = np.sqrt(((tr - mean) ** 2).mean(axis=0))
    sd[sd == 0] = 1.0
    return (tr - mean) / sd, (te - mean) / sd, mean, sd


@dataclass(frozen=True)
class DigitsData:
    """One split of the digits, standardised with its training set's mean and sd."""

    X_train: FloatArray  #: (N_train, 64) standardised features
    y_train: IntArray  #: (N_train,) class indices 0..9
    X_test: FloatArray  #: (N_test, 64)
    y_test: IntArray  #: (N_test,)
    train_index: IntArray  #: rows of :func:`load_raw`'s arrays in the training set, ascending
    test_index: IntArray  #: rows in the test set, ascending
    mean: FloatArray  #: (64,) training mean per pixel
    sd: FloatArray  #: (64,) training sd per pixel (1 where it was 0)


def load(seed: int = 0, test_fraction: float = 0.2) -> DigitsData:
    """The digits, split by :func:`stratified_split` (``seed``) and :func:`standardize`-d."""
    pixels, labels = load_raw()
    tr, te = stratified_split(labels, test_fraction, seed)
    X_tr, X_te, mean, sd = standardize(pixels[tr], pixels[te])
    return DigitsData(X_tr, labels[tr].astype(np.int64), X_te, labels[te].astype(np.int64),
                      tr, te, mean, sd)


def init_params(
    seed: int, scale: float, n_classes: int = N_CLASSES, n_features: int = N_FEATURES
) -> tuple[FloatArray, FloatArray]:
    """Initial W (K x d) and b (K,): scale times standard normals from :func:`random_normal`.

    One generator started at ``seed`` draws K * d + K normals: W row by row (W[0, 0], W[0, 1],
    ..., W[K-1, d-1]), then b. With standardised features a logit is then roughly normal with
    sd scale * sqrt(d + 1): a small scale starts every softmax near uniform, a scale near 1
    starts most of them saturated (near a corner of the simplex).
    """
    if not (isinstance(scale, (int, float, np.floating)) and math.isfinite(scale) and scale >= 0):
        raise ValueError(f"scale must be a finite non-negative number, got {scale!r}")
    for name, v in (("n_classes", n_classes), ("n_features", n_features)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{name} must be a positive integer, got {v!r}")
    draws = scale * random_normal(seed, n_classes * n_features + n_classes)
    n_w = n_classes * n_features
    return draws[:n_w].reshape(n_classes, n_features), draws[n_w:]


def init_many(
    seeds: ArrayLike, scale: float, n_classes: int = N_CLASSES, n_features: int = N_FEATURES
) -> tuple[FloatArray, FloatArray]:
    """:func:`init_params` for each seed, stacked: W0 (S, K, d) and b0 (S, K)."""
    pairs = [init_params(int(s), scale, n_classes, n_features) for s in np.ravel(seeds)]
    if not pairs:
        raise ValueError("seeds is empty")
    return np.stack([w for w, _ in pairs]), np.stack([b for _, b in pairs])


# --- the model: one run, or a batch of runs on a leading axis --------------------------------


def _check_loss(loss: str) -> None:
    if loss not in ("mse", "ce"):
        raise ValueError(f"loss must be 'mse' or 'ce', got {loss!r}")


def logits(W: FloatArray, b: FloatArray, X: FloatArray) -> FloatArray:
    """Z = X W^T + b for one run, W (K, d), b (K,), X (N, d) -> Z (N, K): samples in rows.

    For a batch of runs, W (B, K, d) and b (B, K) give Z (B, N, K).
    """
    Xa = _features(X, "X")
    single = np.ndim(W) == 2
    Wa, ba = _params(W, b, Xa.shape[1], 1 if single else np.shape(W)[0])
    if single:
        return Xa @ Wa[0].T + ba[0]
    return np.moveaxis(_logits(Wa, ba, np.ascontiguousarray(Xa.T)), 1, 2)


def _logits(W: FloatArray, b: FloatArray, XT: FloatArray) -> FloatArray:
    """The batch's logits with the classes on axis 1: W (B, K, d), X^T (d, N) -> (B, K, N).

    All runs share X, so their weight matrices are stacked into one (B K, d) matrix and every
    run's logits come from a single matrix product. Classes on the middle axis and samples on
    the last make every sum over classes a sum of K contiguous rows (fast in numpy).
    """
    B, K, d = W.shape
    return (W.reshape(B * K, d) @ XT).reshape(B, K, XT.shape[1]) + b[:, :, None]


def _softmax(Z: FloatArray, axis: int) -> tuple[FloatArray, FloatArray]:
    """softmax along ``axis`` and log sum exp, from z - max z (no overflow)."""
    m = Z.max(axis=axis, keepdims=True)
    E = np.exp(Z - m)
    S = E.sum(axis=axis, keepdims=True)
    return E / S, np.squeeze(m + np.log(S), axis=axis)


def _delta(loss: str, A: FloatArray, G: FloatArray, axis: int) -> FloatArray:
    """delta from a = softmax(z) and the residual G = a - y (see :func:`delta`)."""
    if loss == "ce":
        return G
    return A * (G - (A * G).sum(axis=axis, keepdims=True))


def _sample_loss(
    loss: str, Z: FloatArray, lse: FloatArray, G: FloatArray, Y: FloatArray, axis: int
) -> FloatArray:
    """L per sample: 1/2 sum_k (a_k - y_k)^2 ("mse") or logsumexp(z) - sum_k y_k z_k ("ce")."""
    if loss == "ce":
        return lse - (Y * Z).sum(axis=axis)
    return 0.5 * (G * G).sum(axis=axis)


def _checked_targets(Z: ArrayLike, Y: ArrayLike) -> tuple[FloatArray, FloatArray]:
    Za, Ya = np.asarray(Z, dtype=np.float64), np.asarray(Y, dtype=np.float64)
    if Za.shape != Ya.shape or Za.ndim == 0:
        raise ValueError(
            f"logits and targets must have the same shape, got {Za.shape} and {Ya.shape}"
        )
    if not (np.all(np.isfinite(Za)) and np.all(np.isfinite(Ya))):
        raise ValueError("logits and targets must be finite")
    if np.any(Ya < 0) or np.any(np.abs(Ya.sum(axis=-1) - 1.0) > 1e-9):
        raise ValueError("each target must be a probability vector (non-negative, summing to 1)")
    return Za, Ya


def delta(loss: Loss, Z: ArrayLike, Y: ArrayLike) -> FloatArray:
    """The error at the logits, delta = dL/dz, for each row of logits Z against targets Y.

    "ce": a - y. "mse": J_s^T (a - y) with J_s = diag(a) - a a^T, which is
    a * [(a - y) - sum_k a_k (a_k - y_k)], computed without forming the K x K matrix.
    Classes are on the last axis; Y holds probability vectors (one-hot for a label).
    """
    _check_loss(loss)
    Za, Ya = _checked_targets(Z, Y)
    A, _ = _softmax(Za, -1)
    return _delta(loss, A, A - Ya, -1)


def sample_loss(loss: Loss, Z: ArrayLike, Y: ArrayLike) -> FloatArray:
    """The loss L of each row of logits Z against targets Y (classes on the last axis).

    "mse": 1/2 ||softmax(z) - y||^2. "ce": -sum_k y_k log softmax(z)_k, computed as
    logsumexp(z) - sum_k y_k z_k (stable at any logit size, since sum_k y_k = 1).
    """
    _check_loss(loss)
    Za, Ya = _checked_targets(Z, Y)
    A, lse = _softmax(Za, -1)
    return _sample_loss(loss, Za, lse, A - Ya, Ya, -1)


def one_hot(y: ArrayLike) -> FloatArray:
    """The one-hot rows of class indices y (N,) -> (N, 10)."""
    yi = _int_labels(y, "y")
    return np.eye(N_CLASSES)[yi]


def gradients(
    loss: Loss, W: ArrayLike, b: ArrayLike, X: ArrayLike, y: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """dJ/dW = (1/N) sum_n delta_n x_n^T and dJ/db = (1/N) sum_n delta_n, J the mean loss.

    W (K, d) and b (K,) give one run's gradients; W (B, K, d) and b (B, K) give each run's.
    """
    _check_loss(loss)
    X = _features(X, "X")
    yi = _int_labels(y, "y")
    if len(yi) != X.shape[0]:
        raise ValueError(f"y must have one label per row of X ({X.shape[0]}), got {len(yi)}")
    single = np.ndim(W) == 2
    Wb, bb = _params(W, b, X.shape[1], 1 if single else np.shape(W)[0])
    Yt = one_hot(yi).T[None]
    A, _ = _softmax(_logits(Wb, bb, np.ascontiguousarray(X.T)), 1)
    gW, gb = _grads(_delta(loss, A, A - Yt, 1), X)
    return (gW[0], gb[0]) if single else (gW, gb)


def _grads(D: FloatArray, X: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Mean gradients from the errors D (B, K, N): dJ/dW (B, K, d) and dJ/db (B, K)."""
    B, K, N = D.shape
    return (D.reshape(B * K, N) @ X).reshape(B, K, X.shape[1]) / N, D.sum(axis=2) / N


def _accuracy(Z: FloatArray, Y: FloatArray) -> FloatArray:
    """Per run, the fraction of samples whose class has the strictly largest logit (ties: wrong).

    Z (B, K, N) logits, Y (1, K, N) one-hot: right when z_c > max_{k != c} z_k.
    """
    z_true = (Y * Z).sum(axis=1)
    z_other = np.where(Y > 0, -np.inf, Z).max(axis=1)
    return (z_true > z_other).mean(axis=1)


# --- training --------------------------------------------------------------------------------


@dataclass(frozen=True)
class History:
    """What a training run records at the epochs in ``epoch`` (every epoch, by default).

    Entry t is the state after ``epoch[t]`` updates (entry 0: the start). For a batch of runs
    every array but ``epoch`` has a leading batch axis (B, ...).
    """

    epoch: IntArray  #: the recorded epochs, (T,): 0, every, 2 every, ..., and the last
    loss: FloatArray  #: training loss J at each recorded epoch, (T,)
    train_accuracy: FloatArray  #: fraction of training images classified right, (T,)
    test_accuracy: FloatArray  #: the same on the test images, (T,)
    W: FloatArray  #: the final weights, (K, d)
    b: FloatArray  #: the final biases, (K,)


def _features(X: ArrayLike, name: str) -> FloatArray:
    arr = np.asarray(X, dtype=np.float64)
    if arr.ndim != 2 or arr.shape[0] == 0:
        raise ValueError(f"{name} must have shape (N, d) with N >= 1, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite")
    return arr


def _params(W: ArrayLike, b: ArrayLike, d: int, batch: int) -> tuple[FloatArray, FloatArray]:
    """W and b as (B, K, d) and (B, K) float arrays, or a ValueError naming the mismatch."""
    Wa, ba = np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if Wa.ndim == 2:
        Wa, ba = Wa[None], ba[None] if ba.ndim == 1 else ba
    if Wa.ndim != 3 or Wa.shape[0] != batch or Wa.shape[2] != d:
        raise ValueError(
            f"W must have shape ({batch}, K, {d}) (or (K, {d}) for one run), got {np.shape(W)}"
        )
    if Wa.shape[1] != N_CLASSES:
        raise ValueError(f"W must have {N_CLASSES} rows (one per class), got {Wa.shape[1]}")
    if ba.shape != Wa.shape[:2]:
        raise ValueError(f"b must have shape {Wa.shape[:2]} to match W, got {np.shape(b)}")
    if not (np.all(np.isfinite(Wa)) and np.all(np.isfinite(ba))):
        raise ValueError("W and b must be finite")
    return Wa.copy(), ba.copy()


def train_many(
    loss: Loss,
    lr: ArrayLike,
    W0: ArrayLike,
    b0: ArrayLike,
    X_train: ArrayLike,
    y_train: ArrayLike,
    X_test: ArrayLike,
    y_test: ArrayLike,
    epochs: int,
    record_every: int = 1,
) -> History:
    """B runs of full-batch gradient descent at once, each with its own rate and start.

    ``lr`` has shape (B,), ``W0`` (B, K, d) and ``b0`` (B, K); all runs share the data and the
    loss. Each epoch t = 0, ..., epochs records J(W_t, b_t), the training and the test accuracy
    (a sample counts as right when its class has the strictly largest logit; a tie counts as
    wrong), then, while t < epochs,
    updates every run: W <- W - lr dJ/dW, b <- b - lr dJ/db (see the module docstring).
    Runs do not interact: run i gives the numbers :func:`train` gives for lr[i], W0[i], b0[i]
    (to rounding: a matrix product over more columns may group its sums differently).
    With ``record_every`` = r > 1 only epochs 0, r, 2r, ... and the last are recorded (faster
    sweeps; the training itself is the same).
    """
    _check_loss(loss)
    X_tr, X_te = _features(X_train, "X_train"), _features(X_test, "X_test")
    y_tr, y_te = _int_labels(y_train, "y_train"), _int_labels(y_test, "y_test")
    if X_te.shape[1] != X_tr.shape[1]:
        raise ValueError(f"X_test has {X_te.shape[1]} features, X_train {X_tr.shape[1]}")
    if len(y_tr) != len(X_tr) or len(y_te) != len(X_te):
        raise ValueError("y_train and y_test must have one label per row of X_train and X_test")
    rates = np.asarray(lr, dtype=np.float64)
    if rates.ndim != 1 or rates.size == 0:
        raise ValueError(f"lr must have shape (B,) with B >= 1, got {rates.shape}")
    if not np.all(np.isfinite(rates)) or np.any(rates <= 0):
        raise ValueError("every learning rate must be positive and finite")
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs must be a non-negative integer, got {epochs!r}")
    if (isinstance(record_every, bool) or not isinstance(record_every, (int, np.integer))
            or record_every < 1):
        raise ValueError(f"record_every must be a positive integer, got {record_every!r}")
    W, b = _params(W0, b0, X_tr.shape[1], rates.size)
    B = rates.size
    recorded = np.unique(np.append(np.arange(0, epochs + 1, record_every), epochs)).astype(np.int64)
    XT_tr, XT_te = np.ascontiguousarray(X_tr.T), np.ascontiguousarray(X_te.T)
    Y_tr, Y_te = one_hot(y_tr).T[None], one_hot(y_te).T[None]  # (1, K, N): classes on axis 1
    hist_loss = np.empty((B, recorded.size))
    hist_tr = np.empty((B, recorded.size))
    hist_te = np.empty((B, recorded.size))
    r = 0
    for t in range(epochs + 1):
        Z = _logits(W, b, XT_tr)
        A, lse = _softmax(Z, 1)
        G = A - Y_tr
        if t == recorded[r]:
            hist_loss[:, r] = _sample_loss(loss, Z, lse, G, Y_tr, 1).mean(axis=1)
            hist_tr[:, r] = _accuracy(Z, Y_tr)
            hist_te[:, r] = _accuracy(_logits(W, b, XT_te), Y_te)
            r += 1
        if t < epochs:
            gW, gb = _grads(_delta(loss, A, G, 1), X_tr)
            W -= rates[:, None, None] * gW
            b -= rates[:, None] * gb
    return History(recorded, hist_loss, hist_tr, hist_te, W, b)


def train(
    loss: Loss,
    lr: float,
    W0: ArrayLike,
    b0: ArrayLike,
    data: DigitsData,
    epochs: int,
) -> History:
    """One run of full-batch gradient descent on ``data`` from W0 (K x d), b0 (K,).

    This is the run the in-browser twin reproduces: per epoch, Z = X W^T + b, a = softmax(z)
    per row, record J, the training and the test accuracy, then W <- W - lr (1/N) sum delta x^T
    and b <- b - lr (1/N) sum delta, with delta from :func:`delta`. It is :func:`train_many`
    with a batch of one, so the two cannot drift apart.

    At large learning rates training stops settling and becomes chaotic: the order of the sums
    alone changes the result, so another implementation (the in-browser twin) matches it there
    only over the first epochs, before rounding has grown (``tests/test_digits_twin.py``).
    Chapter 4 finds where, by re-running each setting from a start moved by one part in 10^6
    (after 100 epochs: MSE from a saturated start from a rate of about 30 on, otherwise from
    about 300 on).
    """
    if np.ndim(W0) != 2:
        raise ValueError(f"W0 must have shape (K, d) for one run, got {np.shape(W0)}")
    if np.ndim(b0) != 1:
        raise ValueError(f"b0 must have shape (K,) for one run, got {np.shape(b0)}")
    if not isinstance(lr, (int, float, np.floating)) or isinstance(lr, bool):
        raise ValueError(f"lr must be a number, got {lr!r}")
    h = train_many(loss, [float(lr)], np.asarray(W0)[None], np.asarray(b0)[None],
                   data.X_train, data.y_train, data.X_test, data.y_test, epochs)
    return History(h.epoch, h.loss[0], h.train_accuracy[0], h.test_accuracy[0], h.W[0], h.b[0])


# --- the data, as the site ships it ------------------------------------------------------------

#: The site's copy of the digits: lossbook/web/dist/site/digits-data.js, loaded by the digits
#: figure on the page that shows it (a classic script, so that a page opened from disk loads it).
WEB_DATA = "digits-data.js"


def web_data() -> str:
    """The digits as a small JavaScript file: one character per pixel, base 17 ("0".."9",
    "a".."g" for 0..16), one digit per label, assigned to ``window.lossbookDigitsData``.

    About 117 kB for 1797 images of 64 pixels (a quarter of that gzip-compressed);
    ``decodeDigits`` in ``lossbook/web/src/digits_model.js`` reads it back.
    """
    pixels, labels = load_raw()
    alphabet = "0123456789abcdefg"
    text = "".join(alphabet[p] for p in pixels.ravel())
    return ("// scikit-learn's handwritten digits (1797 images, 8 x 8 pixels of 0..16), made by\n"
            "// lossbook.digits.web_data(): one base-17 character per pixel, one digit per label.\n"
            f'window.lossbookDigitsData = {{pixels: "{text}",\n'
            f'  labels: "{"".join(str(int(c)) for c in labels)}"}};\n')
