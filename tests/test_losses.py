"""Unit tests of lossbook.losses: agreement with SciPy, stability at extreme logits, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special, stats

from lossbook import losses as L

RTOL = 1e-6
rng = np.random.default_rng(20261121)


def random_logits(n: int = 50, c: int = 4, scale: float = 5.0) -> np.ndarray:
    return rng.normal(scale=scale, size=(n, c))


EXTREME = np.array([[-1000.0, 0.0, 1000.0], [1000.0, 999.0, -1000.0], [-1000.0, -1000.0, -999.0]])


def random_distributions(n: int = 50, c: int = 5) -> np.ndarray:
    p = rng.gamma(0.5, size=(n, c))
    return p / p.sum(axis=1, keepdims=True)


# --- activations ----------------------------------------------------------------------------


@pytest.mark.parametrize("z", [random_logits(), EXTREME, np.linspace(-800, 800, 101)])
def test_sigmoid_matches_scipy(z):
    np.testing.assert_allclose(L.sigmoid(z), special.expit(z), rtol=RTOL, atol=1e-300)


def test_sigmoid_extremes_exact_and_quiet():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert L.sigmoid(1000.0) == 1.0
        assert L.sigmoid(-1000.0) == 0.0
        assert L.sigmoid(0.0) == 0.5
    assert isinstance(L.sigmoid(0.3), float)


def test_sigmoid_prime_is_s_times_one_minus_s():
    z = np.linspace(-10, 10, 41)
    s = special.expit(z)
    np.testing.assert_allclose(L.sigmoid_prime(z), s * (1 - s), rtol=RTOL)
    h = 1e-6
    fd = (special.expit(z + h) - special.expit(z - h)) / (2 * h)
    np.testing.assert_allclose(L.sigmoid_prime(z), fd, rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize("z", [random_logits(), EXTREME])
@pytest.mark.parametrize("axis", [-1, 0])
def test_softmax_family_matches_scipy(z, axis):
    np.testing.assert_allclose(L.softmax(z, axis=axis), special.softmax(z, axis=axis), rtol=RTOL, atol=1e-300)
    np.testing.assert_allclose(L.log_softmax(z, axis=axis), special.log_softmax(z, axis=axis), rtol=RTOL)
    np.testing.assert_allclose(L.logsumexp(z, axis=axis), special.logsumexp(z, axis=axis), rtol=RTOL)


def test_softmax_is_shift_invariant_and_finite_at_extremes():
    z = random_logits()
    np.testing.assert_allclose(L.softmax(z + 123.0), L.softmax(z), rtol=1e-12)
    s = L.softmax(EXTREME)
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(L.log_softmax(EXTREME)))
    np.testing.assert_allclose(s.sum(axis=-1), 1.0)


# --- PyTorch-style losses -------------------------------------------------------------------


def test_mse_loss_reductions():
    x, t = rng.normal(size=(6, 3)), rng.normal(size=(6, 3))
    sq = (x - t) ** 2
    assert L.mse_loss(x, t) == pytest.approx(sq.mean(), rel=1e-12)
    assert L.mse_loss(x, t, reduction="sum") == pytest.approx(sq.sum(), rel=1e-12)
    np.testing.assert_allclose(L.mse_loss(x, t, reduction="none"), sq)


def test_binary_cross_entropy_matches_scipy():
    a = rng.uniform(0.001, 0.999, size=200)
    y = rng.uniform(0, 1, size=200)
    expected = -(special.xlogy(y, a) + special.xlogy(1 - y, 1 - a))
    np.testing.assert_allclose(L.binary_cross_entropy(a, y, reduction="none"), expected, rtol=RTOL)
    assert L.binary_cross_entropy(a, y) == pytest.approx(expected.mean(), rel=RTOL)


def test_binary_cross_entropy_clamps_like_torch():
    # A certain, wrong prediction costs 100 (log clamped at -100), not infinity.
    out = L.binary_cross_entropy([0.0, 1.0, 0.0, 1.0], [1.0, 0.0, 0.0, 1.0], reduction="none")
    np.testing.assert_array_equal(out, [100.0, 100.0, 0.0, 0.0])


@pytest.mark.parametrize("z", [random_logits(), EXTREME])
def test_bce_with_logits_matches_scipy_and_probabilities(z):
    y = rng.uniform(0, 1, size=z.shape)
    expected = -(y * special.log_expit(z) + (1 - y) * special.log_expit(-z))
    got = L.binary_cross_entropy_with_logits(z, y, reduction="none")
    assert np.all(np.isfinite(got))
    np.testing.assert_allclose(got, expected, rtol=RTOL)


def test_bce_with_logits_extreme_values():
    got = L.binary_cross_entropy_with_logits([1000.0, -1000.0, 1000.0, -1000.0], [0, 1, 1, 0], reduction="none")
    np.testing.assert_allclose(got, [1000.0, 1000.0, 0.0, 0.0], atol=1e-300)


def test_bce_with_logits_keeps_relative_accuracy_in_the_tail():
    # y = 0, z << 0: the loss is log(1 + e^z) ~ e^z, tiny but not zero.
    z = np.array([-30.0, -40.0, -700.0])
    got = L.binary_cross_entropy_with_logits(z, np.zeros(3), reduction="none")
    np.testing.assert_allclose(got, -special.log_expit(-z), rtol=1e-12)
    got = L.binary_cross_entropy_with_logits(-z, np.ones(3), pos_weight=2.0, reduction="none")
    np.testing.assert_allclose(got, -2.0 * special.log_expit(-z), rtol=1e-12)


def test_softplus_matches_scipy():
    z = np.array([-1000.0, -40.0, -1.0, 0.0, 2.5, 40.0, 1000.0])
    np.testing.assert_allclose(L.softplus(z), -special.log_expit(-z), rtol=1e-12, atol=1e-300)


def test_bce_with_logits_pos_weight():
    z = random_logits(20, 3)
    y = (rng.uniform(size=z.shape) > 0.5).astype(float)
    p = np.array([1.0, 3.0, 0.5])
    expected = -(p * y * special.log_expit(z) + (1 - y) * special.log_expit(-z))
    got = L.binary_cross_entropy_with_logits(z, y, pos_weight=p, reduction="none")
    np.testing.assert_allclose(got, expected, rtol=RTOL)
    # pos_weight = 1 is the unweighted loss
    assert L.binary_cross_entropy_with_logits(z, y, pos_weight=1.0) == pytest.approx(
        L.binary_cross_entropy_with_logits(z, y), rel=1e-12
    )


@pytest.mark.parametrize("z", [random_logits(), EXTREME])
def test_cross_entropy_indices_and_probabilities(z):
    n, c = z.shape
    idx = rng.integers(0, c, size=n)
    expected = -special.log_softmax(z, axis=1)[np.arange(n), idx]
    np.testing.assert_allclose(L.cross_entropy(z, idx, reduction="none"), expected, rtol=RTOL)
    onehot = np.eye(c)[idx]
    np.testing.assert_allclose(L.cross_entropy(z, onehot, reduction="none"), expected, rtol=RTOL)
    soft = random_distributions(n, c)
    expected_soft = -(soft * special.log_softmax(z, axis=1)).sum(axis=1)
    np.testing.assert_allclose(L.cross_entropy(z, soft, reduction="none"), expected_soft, rtol=RTOL)


def test_cross_entropy_extreme_value():
    assert L.cross_entropy([[1000.0, -1000.0]], [1]) == pytest.approx(2000.0, rel=1e-12)
    assert L.cross_entropy([[1000.0, -1000.0]], [0]) == 0.0


def test_cross_entropy_single_sample_and_reductions():
    z = np.array([2.0, 0.5, 6.0])
    assert L.cross_entropy(z, 2) == pytest.approx(-special.log_softmax(z)[2], rel=1e-12)
    zz = random_logits(5, 3)
    t = rng.integers(0, 3, size=5)
    per = L.cross_entropy(zz, t, reduction="none")
    assert L.cross_entropy(zz, t, reduction="sum") == pytest.approx(per.sum(), rel=1e-12)
    assert L.cross_entropy(zz, t) == pytest.approx(per.mean(), rel=1e-12)


def test_cross_entropy_label_smoothing():
    z = random_logits(10, 4)
    t = rng.integers(0, 4, size=10)
    e = 0.1
    y = (1 - e) * np.eye(4)[t] + e / 4
    expected = -(y * special.log_softmax(z, axis=1)).sum(axis=1)
    np.testing.assert_allclose(L.cross_entropy(z, t, reduction="none", label_smoothing=e), expected, rtol=RTOL)


# --- Keras-style losses ---------------------------------------------------------------------


def test_sparse_and_categorical_agree_from_logits():
    z = random_logits(30, 5)
    idx = rng.integers(0, 5, size=30)
    sparse = L.sparse_categorical_crossentropy(idx, z, from_logits=True)
    onehot = L.categorical_crossentropy(np.eye(5)[idx], z, from_logits=True)
    np.testing.assert_allclose(sparse, onehot, rtol=1e-12)
    np.testing.assert_allclose(sparse, L.cross_entropy(z, idx, reduction="none"), rtol=1e-12)


def test_keras_probabilities_are_clipped():
    q = np.array([[0.0, 1.0], [0.25, 0.75]])
    got = L.sparse_categorical_crossentropy([0, 1], q)
    np.testing.assert_allclose(got, [-np.log(L.KERAS_EPSILON), -np.log(0.75)], rtol=1e-9)
    got = L.categorical_crossentropy([[1.0, 0.0], [0.0, 1.0]], q)
    np.testing.assert_allclose(got, [-np.log(L.KERAS_EPSILON), -np.log(0.75)], rtol=1e-9)


# --- information ----------------------------------------------------------------------------


@pytest.mark.parametrize("base", [None, 2, 10])
def test_information_matches_scipy(base):
    p, q = random_distributions(), random_distributions()
    np.testing.assert_allclose(L.entropy(p, base=base), stats.entropy(p, base=base, axis=1), rtol=RTOL)
    np.testing.assert_allclose(L.kl_divergence(p, q, base=base), stats.entropy(p, q, base=base, axis=1), rtol=RTOL)
    np.testing.assert_allclose(
        L.cross_entropy_pq(p, q, base=base),
        L.entropy(p, base=base) + L.kl_divergence(p, q, base=base),
        rtol=RTOL,
    )


def test_information_edge_cases():
    assert L.entropy([1.0, 0.0]) == 0.0
    assert L.kl_divergence([0.5, 0.5], [0.5, 0.5]) == 0.0
    assert L.kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert L.kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(np.log(2), rel=1e-12)
    assert L.cross_entropy_pq([0.0, 1.0], [1.0, 0.0]) == np.inf
    assert L.entropy([0.5, 0.5], base=2) == pytest.approx(1.0, rel=1e-12)


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: L.mse_loss([1.0, 2.0], [1.0, 2.0, 3.0]), "same shape"),
        (lambda: L.mse_loss([[1.0, 2.0]], [1.0, 2.0]), "same shape"),
        (lambda: L.mse_loss([1.0], [1.0], reduction="avg"), "reduction"),
        (lambda: L.mse_loss([np.nan], [1.0]), "finite"),
        (lambda: L.mse_loss(["a"], [1.0]), "numeric"),
        (lambda: L.binary_cross_entropy([1.2], [1.0]), r"\[0, 1\]"),
        (lambda: L.binary_cross_entropy([0.5], [-0.1]), r"\[0, 1\]"),
        (lambda: L.binary_cross_entropy_with_logits([0.0, 1.0], [0.0]), "same shape"),
        (lambda: L.binary_cross_entropy_with_logits([0.0], [2.0]), r"\[0, 1\]"),
        (lambda: L.binary_cross_entropy_with_logits([[0.0, 1.0]], [[0.0, 1.0]], pos_weight=[1, 2, 3]), "pos_weight"),
        (lambda: L.binary_cross_entropy_with_logits([0.0], [1.0], pos_weight=-1.0), "pos_weight"),
        (lambda: L.binary_cross_entropy_with_logits([np.inf], [1.0]), "finite"),
        (lambda: L.cross_entropy([[1.0, 2.0]], [2]), r"\[0, 1\]"),
        (lambda: L.cross_entropy([[1.0, 2.0]], [-1]), r"\[0, 1\]"),
        (lambda: L.cross_entropy([[1.0, 2.0]], [0.5]), "whole-number"),
        (lambda: L.cross_entropy([[1.0, 2.0]], [0, 1]), r"shape \(1,\)"),
        (lambda: L.cross_entropy([[1.0, 2.0]], [[0.5, 0.5, 0.0]]), "the input.s shape"),
        (lambda: L.cross_entropy([[1.0, 2.0]], [[1.5, -0.5]]), r"\[0, 1\]"),
        (lambda: L.cross_entropy([[1.0, 2.0]], [1], label_smoothing=2.0), "label_smoothing"),
        (lambda: L.cross_entropy([[[1.0]]], [0]), r"\(N, C\)"),
        (lambda: L.sparse_categorical_crossentropy([3], [[0.5, 0.5]]), r"\[0, 1\]"),
        (lambda: L.sparse_categorical_crossentropy([0], [[0.5, 1.5]]), r"\[0, 1\]"),
        (lambda: L.sparse_categorical_crossentropy(["x"], [[0.5, 0.5]]), "integer"),
        (lambda: L.categorical_crossentropy([[1.0, 0.0]], [[0.5, 0.3, 0.2]]), "same shape"),
        (lambda: L.categorical_crossentropy([[1.0, 0.0]], [[0.0, 0.0]]), "row of zeros"),
        (lambda: L.entropy([0.5, 0.6]), "sum to 1"),
        (lambda: L.entropy([1.5, -0.5]), r"\[0, 1\]"),
        (lambda: L.entropy(0.5), "vector"),
        (lambda: L.kl_divergence([0.5, 0.5], [0.2, 0.3, 0.5]), "same shape"),
        (lambda: L.kl_divergence([0.5, 0.5], [0.5, 0.5], base=1), "base"),
        (lambda: L.cross_entropy_pq([0.5, 0.5], [0.9, 0.2]), "sum to 1"),
        (lambda: L.softmax(3.0), "axis"),
    ],
)
def test_bad_input_raises_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("call", [
    lambda: L.mse_loss([], []),
    lambda: L.binary_cross_entropy([], []),
    lambda: L.binary_cross_entropy_with_logits([], []),
    lambda: L.cross_entropy(np.zeros((0, 3)), np.zeros(0, dtype=int)),
])
def test_mean_of_empty_input_is_an_error_not_nan(call):
    with pytest.raises(ValueError, match="empty"):
        call()


def test_empty_input_sums_to_zero():
    assert L.mse_loss([], [], reduction="sum") == 0.0
    assert L.cross_entropy(np.zeros((0, 3)), np.zeros(0, dtype=int), reduction="none").shape == (0,)


@pytest.mark.parametrize("target", [[[2], [1]], np.zeros((2, 2)), np.zeros((2, 3, 1))])
def test_cross_entropy_target_of_wrong_shape_names_both_forms(target):
    with pytest.raises(ValueError, match=r"class indices \(2,\) or probabilities \(2, 3\).*got shape"):
        L.cross_entropy(np.zeros((2, 3)), target)
