"""Unit tests of lossbook.digits: the generator, the split, the gradients, and batched training."""

from __future__ import annotations

import numpy as np
import pytest

from lossbook import digits as D
from lossbook.gradcheck import gradient_error
from lossbook.losses import cross_entropy, mse_loss

# Outputs of the JavaScript reference implementation of mulberry32 (the function quoted in the
# docstring of lossbook.digits.Mulberry32), run in Node 20: the first five 32-bit outputs for
# each seed, and four Box-Muller normals (cosine branch, u1 = 1 - random()) from seed 7.
JS_UINT32 = {
    0: [1144304738, 1416247, 958946056, 627933444, 2007157716],
    1: [2693262067, 11749833, 2265367787, 4213581821, 4159151403],
    42: [2581720956, 1925393290, 3661312704, 2876485805, 750819978],
    4294967295: [3850105811, 813802916, 3073704848, 4054706436, 3630262831],
    123456789: [1107202814, 4169434471, 3372958138, 885470128, 1301683845],
}
JS_NORMALS_SEED_7 = [0.14197043782155663, -0.8642530248729361, -1.006366324094015,
                     0.07088442311648852]


@pytest.fixture(scope="module")
def data() -> D.DigitsData:
    return D.load(seed=3)


# --- the generator ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", sorted(JS_UINT32))
def test_mulberry32_matches_the_javascript_reference(seed):
    rng = D.Mulberry32(seed)
    assert [rng.next_uint32() for _ in range(5)] == JS_UINT32[seed]


def test_box_muller_normals_match_the_javascript_reference():
    np.testing.assert_allclose(D.random_normal(7, 4), JS_NORMALS_SEED_7, rtol=1e-15, atol=0)


def test_generator_is_uniform_and_normal_enough():
    rng = D.Mulberry32(2024)
    u = np.array([rng.random() for _ in range(20000)])
    assert u.min() >= 0.0 and u.max() < 1.0
    assert abs(u.mean() - 0.5) < 0.01
    z = D.random_normal(5, 20000)
    assert abs(z.mean()) < 0.03 and abs(z.std() - 1.0) < 0.03


@pytest.mark.parametrize("seed", [-1, 2**32, 1.5, "3", True])
def test_bad_seeds_are_refused(seed):
    with pytest.raises(ValueError, match="seed"):
        D.Mulberry32(seed)


# --- the data --------------------------------------------------------------------------------


def test_raw_digits_are_whole_pixels_and_ten_classes():
    pixels, labels = D.load_raw()
    assert pixels.shape == (1797, 64) and pixels.dtype == np.uint8
    assert pixels.min() == 0 and pixels.max() == 16
    assert labels.shape == (1797,) and set(labels.tolist()) == set(range(10))


def test_split_is_stratified_disjoint_and_deterministic():
    _, labels = D.load_raw()
    tr, te = D.stratified_split(labels, 0.2, seed=11)
    assert np.intersect1d(tr, te).size == 0
    assert np.array_equal(np.sort(np.concatenate([tr, te])), np.arange(len(labels)))
    assert np.all(np.diff(tr) > 0) and np.all(np.diff(te) > 0)
    for k in range(10):
        n_k = int(np.sum(labels == k))
        assert int(np.sum(labels[te] == k)) == int(np.floor(n_k * 0.2 + 0.5))
    tr2, te2 = D.stratified_split(labels, 0.2, seed=11)
    assert np.array_equal(te, te2) and np.array_equal(tr, tr2)
    assert not np.array_equal(te, D.stratified_split(labels, 0.2, seed=12)[1])


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1, 2])
def test_split_refuses_a_bad_fraction(fraction):
    with pytest.raises(ValueError, match="test_fraction"):
        D.stratified_split([0, 1, 2, 3], fraction)


def test_split_refuses_labels_out_of_range():
    with pytest.raises(ValueError, match=r"\[0, 9\]"):
        D.stratified_split([0, 1, 10], 0.5)


def test_standardize_uses_the_training_statistics(data):
    pixels, _ = D.load_raw()
    assert np.array_equal(data.X_train.shape, (len(data.train_index), 64))
    np.testing.assert_allclose(data.X_train.mean(0), 0.0, atol=1e-12)
    raw_sd = pixels[data.train_index].astype(float).std(0)
    np.testing.assert_allclose(data.X_train.std(0), np.where(raw_sd > 0, 1.0, 0.0), atol=1e-12)
    assert np.all(data.sd[raw_sd == 0] == 1.0) and np.any(raw_sd == 0)
    expected = (pixels[data.test_index] - data.mean) / data.sd
    np.testing.assert_allclose(data.X_test, expected, rtol=0, atol=0)


def test_standardize_refuses_mismatched_shapes():
    with pytest.raises(ValueError, match="columns"):
        D.standardize(np.zeros((3, 4)), np.zeros((2, 5)))


# --- the initialisation ----------------------------------------------------------------------


def test_init_is_scaled_normals_in_row_major_order():
    W, b = D.init_params(9, 0.5)
    draws = D.random_normal(9, 650)
    assert W.shape == (10, 64) and b.shape == (10,)
    assert np.array_equal(W, 0.5 * draws[:640].reshape(10, 64))
    assert np.array_equal(b, 0.5 * draws[640:])
    W2, b2 = D.init_many([9, 10], 0.5)
    assert W2.shape == (2, 10, 64) and np.array_equal(W2[0], W) and not np.array_equal(W2[1], W)


@pytest.mark.parametrize("scale", [-1.0, float("nan"), float("inf")])
def test_init_refuses_a_bad_scale(scale):
    with pytest.raises(ValueError, match="scale"):
        D.init_params(0, scale)


# --- the model -------------------------------------------------------------------------------


@pytest.mark.parametrize("loss", ["mse", "ce"])
def test_delta_is_the_gradient_of_the_sample_loss(loss):
    rng = np.random.default_rng(1)
    for _ in range(5):
        z = rng.normal(0, 3, size=10)
        y = np.eye(10)[rng.integers(10)]
        err = gradient_error(lambda v: float(D.sample_loss(loss, v[None], y[None])[0]),
                             lambda v: D.delta(loss, v[None], y[None])[0], z)
        assert err < 1e-7


def test_sample_loss_agrees_with_lossbook_losses():
    rng = np.random.default_rng(2)
    Z = rng.normal(0, 5, size=(7, 10))
    c = rng.integers(10, size=7)
    Y = D.one_hot(c)
    assert D.sample_loss("ce", Z, Y).mean() == pytest.approx(cross_entropy(Z, c), rel=1e-12)
    # mse_loss is PyTorch's mean over elements with no 1/2: J = K/2 mse_loss
    from lossbook.losses import softmax

    assert D.sample_loss("mse", Z, Y).mean() == pytest.approx(
        5 * mse_loss(softmax(Z), Y), rel=1e-12)


def test_sample_loss_is_stable_at_huge_logits():
    Z = np.array([[1000.0, -1000.0] + [0.0] * 8])
    Y = D.one_hot([1])
    assert D.sample_loss("ce", Z, Y)[0] == pytest.approx(2000.0)
    assert D.sample_loss("mse", Z, Y)[0] == pytest.approx(1.0)


@pytest.mark.parametrize("loss", ["mse", "ce"])
def test_batch_gradient_matches_finite_differences(loss, data):
    X, y = data.X_train[:80], data.y_train[:80]
    W0, b0 = D.init_params(4, 0.3)
    theta = np.concatenate([W0.ravel(), b0])

    def J(th):
        W, b = th[:640].reshape(10, 64), th[640:]
        return float(D.sample_loss(loss, D.logits(W, b, X), D.one_hot(y)).mean())

    def grad(th):
        gW, gb = D.gradients(loss, th[:640].reshape(10, 64), th[640:], X, y)
        return np.concatenate([gW.ravel(), gb])

    assert gradient_error(J, grad, theta) < 1e-7


def test_batched_gradients_are_each_runs_gradients(data):
    X, y = data.X_train[:50], data.y_train[:50]
    W, b = D.init_many([1, 2, 3], 0.7)
    gW, gb = D.gradients("mse", W, b, X, y)
    for i in range(3):
        gWi, gbi = D.gradients("mse", W[i], b[i], X, y)
        np.testing.assert_allclose(gW[i], gWi, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(gb[i], gbi, rtol=1e-12, atol=1e-15)


def test_batched_logits_are_each_runs_logits(data):
    W, b = D.init_many([1, 2], 0.2)
    Z = D.logits(W, b, data.X_test)
    assert Z.shape == (2, len(data.X_test), 10)
    np.testing.assert_allclose(Z[1], data.X_test @ W[1].T + b[1], rtol=1e-12, atol=1e-12)


# --- training --------------------------------------------------------------------------------


def test_first_update_is_one_gradient_step(data):
    W0, b0 = D.init_params(5, 0.1)
    h = D.train("ce", 0.7, W0, b0, data, epochs=1)
    gW, gb = D.gradients("ce", W0, b0, data.X_train, data.y_train)
    np.testing.assert_allclose(h.W, W0 - 0.7 * gW, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(h.b, b0 - 0.7 * gb, rtol=1e-13, atol=1e-15)
    Z0 = D.logits(W0, b0, data.X_train)
    assert h.loss[0] == pytest.approx(D.sample_loss("ce", Z0, D.one_hot(data.y_train)).mean(),
                                      rel=1e-13)
    assert h.train_accuracy[0] == np.mean(Z0.argmax(1) == data.y_train)
    assert list(h.epoch) == [0, 1]


@pytest.mark.parametrize("loss", ["mse", "ce"])
def test_training_is_deterministic(loss, data):
    W0, b0 = D.init_params(6, 1.0)
    h1 = D.train(loss, 3.0, W0, b0, data, epochs=20)
    h2 = D.train(loss, 3.0, W0, b0, data, epochs=20)
    assert np.array_equal(h1.loss, h2.loss) and np.array_equal(h1.W, h2.W)
    assert np.array_equal(h1.test_accuracy, h2.test_accuracy)


@pytest.mark.parametrize("loss", ["mse", "ce"])
def test_batched_runs_equal_single_runs(loss, data):
    rates = np.array([0.3, 2.0, 10.0])
    scales = np.array([0.01, 1.0, 0.3])
    W0 = np.stack([s * D.init_params(7, 1.0)[0] for s in scales])
    b0 = np.stack([s * D.init_params(7, 1.0)[1] for s in scales])
    many = D.train_many(loss, rates, W0, b0, data.X_train, data.y_train, data.X_test,
                        data.y_test, epochs=40)
    for i in range(3):
        one = D.train(loss, float(rates[i]), W0[i], b0[i], data, epochs=40)
        np.testing.assert_allclose(many.loss[i], one.loss, rtol=1e-10)
        np.testing.assert_allclose(many.W[i], one.W, rtol=1e-9, atol=1e-12)
        np.testing.assert_array_equal(many.test_accuracy[i], one.test_accuracy)
        np.testing.assert_array_equal(many.train_accuracy[i], one.train_accuracy)


def test_recording_less_often_changes_nothing_else(data):
    W0, b0 = D.init_params(8, 0.5)
    full = D.train_many("mse", [1.0], W0[None], b0[None], data.X_train, data.y_train,
                        data.X_test, data.y_test, epochs=25)
    sparse = D.train_many("mse", [1.0], W0[None], b0[None], data.X_train, data.y_train,
                          data.X_test, data.y_test, epochs=25, record_every=10)
    assert list(sparse.epoch) == [0, 10, 20, 25]
    np.testing.assert_array_equal(sparse.loss, full.loss[:, sparse.epoch])
    np.testing.assert_array_equal(sparse.test_accuracy, full.test_accuracy[:, sparse.epoch])
    np.testing.assert_array_equal(sparse.W, full.W)


def test_cross_entropy_learns_the_digits(data):
    W0, b0 = D.init_params(1, 0.01)
    h = D.train("ce", 1.0, W0, b0, data, epochs=60)
    assert h.loss[-1] < 0.5 * h.loss[0]
    assert h.test_accuracy[-1] > 0.9 and h.train_accuracy[-1] > 0.9


def test_saturated_start_slows_mse_at_a_small_rate(data):
    W0, b0 = D.init_params(2, 1.0)
    mse = D.train("mse", 0.5, W0, b0, data, epochs=30)
    ce = D.train("ce", 0.5, W0, b0, data, epochs=30)
    assert mse.test_accuracy[-1] < ce.test_accuracy[-1] - 0.2


# --- bad input -------------------------------------------------------------------------------


def _call(data, **kw):
    W0, b0 = D.init_params(0, 0.1)
    args = dict(loss="ce", lr=[1.0], W0=W0[None], b0=b0[None], X_train=data.X_train,
                y_train=data.y_train, X_test=data.X_test, y_test=data.y_test, epochs=2)
    args.update(kw)
    return D.train_many(**args)


@pytest.mark.parametrize(
    "kw, match",
    [
        ({"loss": "hinge"}, "loss must be"),
        ({"lr": [0.0]}, "learning rate"),
        ({"lr": [float("nan")]}, "learning rate"),
        ({"lr": [1.0, 2.0]}, r"W must have shape \(2,"),
        ({"W0": np.zeros((1, 10, 63))}, "W must have shape"),
        ({"W0": np.zeros((1, 9, 64)), "b0": np.zeros((1, 9))}, "10 rows"),
        ({"b0": np.zeros((1, 11))}, "b must have shape"),
        ({"epochs": -1}, "epochs"),
        ({"epochs": 2.5}, "epochs"),
        ({"record_every": 0}, "record_every"),
        ({"X_test": np.zeros((5, 63)), "y_test": np.zeros(5, int)}, "features"),
        ({"y_test": np.zeros(3, int)}, "one label per row"),
        ({"X_train": np.full((2, 64), np.nan), "y_train": [0, 1]}, "finite"),
    ],
)
def test_train_many_refuses_bad_input(data, kw, match):
    with pytest.raises(ValueError, match=match):
        _call(data, **kw)


def test_labels_out_of_range_are_refused(data):
    y = data.y_train.copy()
    y[0] = 10
    with pytest.raises(ValueError, match=r"y_train must lie in \[0, 9\].*found 10"):
        _call(data, y_train=y)


def test_train_refuses_a_batch(data):
    W0, b0 = D.init_many([0, 1], 0.1)
    with pytest.raises(ValueError, match="one run"):
        D.train("ce", 1.0, W0, b0, data, epochs=1)


def test_sample_loss_refuses_mismatched_or_bad_targets():
    with pytest.raises(ValueError, match="same shape"):
        D.sample_loss("ce", np.zeros((2, 10)), np.zeros((2, 9)))
    with pytest.raises(ValueError, match="probability vector"):
        D.sample_loss("mse", np.zeros((1, 10)), np.full((1, 10), 0.5))
