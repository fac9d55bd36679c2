"""Unit tests of lossbook.neuron: 287 updates in the source text's setting, the gradients, the stop rules."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lossbook import neuron as N


def test_source_setting_takes_287_mse_updates():
    run = N.train_neuron("mse")
    assert run.steps == 287
    assert run.updates == 287 and len(run.w) == len(run.b) == len(run.a) == len(run.loss) == 288
    # the first state is the source text's: a = sigma(ln 9) = 0.9, loss = 1/2 (0.9 - 0.5)^2 = 0.08
    assert run.a[0] == pytest.approx(0.9, rel=1e-12)
    assert run.loss[0] == pytest.approx(0.08, rel=1e-12)
    assert 0.5 * (run.a[-1] - 0.5) ** 2 < 1e-3 <= 0.5 * (run.a[-2] - 0.5) ** 2


def test_cross_entropy_is_faster_under_the_same_stop_rule():
    mse, ce = N.train_neuron("mse"), N.train_neuron("ce")
    assert ce.steps is not None and ce.steps < mse.steps
    assert 0.5 * (ce.a[-1] - 0.5) ** 2 < 1e-3 <= 0.5 * (ce.a[-2] - 0.5) ** 2


def test_first_update_matches_hand_computation():
    run = N.train_neuron("mse", max_steps=1, tol=1e-12)
    grad = (0.9 - 0.5) * 0.9 * 0.1 * 1.0
    assert run.w[1] == pytest.approx(N.LN9 - 0.2 * grad, rel=1e-12)
    assert run.b == [0.0, 0.0]


@pytest.mark.parametrize("loss", ["mse", "ce"])
@pytest.mark.parametrize("z, y", [(-3.0, 1.0), (0.4, 0.5), (2.5, 0.0), (1.0, 0.3)])
def test_delta_is_the_derivative_of_the_loss(loss, z, y):
    h = 1e-6
    fd = (N.loss_value(loss, z + h, y) - N.loss_value(loss, z - h, y)) / (2 * h)
    a = N.neuron_output(1.0, 0.0, z)
    assert N.delta(loss, a, y) == pytest.approx(fd, rel=1e-6, abs=1e-10)


def test_loss_floor_is_the_minimum():
    zs = np.linspace(-30, 30, 601)
    for y in (0.0, 0.2, 0.5, 0.9, 1.0):
        floor = N.loss_floor("ce", y)
        assert min(N.loss_value("ce", z, y) for z in zs) >= floor - 1e-12
        if 0 < y < 1:  # attained at a = y, i.e. at the logit z = log(y / (1 - y))
            assert N.loss_value("ce", math.log(y / (1 - y)), y) == pytest.approx(floor, rel=1e-12)
        assert N.loss_floor("mse", y) == 0.0
    assert N.loss_floor("ce", 0.5) == pytest.approx(math.log(2), rel=1e-12)


def test_cross_entropy_value_is_finite_at_extreme_logits():
    assert N.loss_value("ce", 1000.0, 0.0) == pytest.approx(1000.0)
    assert N.loss_value("ce", -1000.0, 1.0) == pytest.approx(1000.0)
    assert N.loss_value("ce", 1000.0, 1.0) == 0.0


def test_excess_stop_rule_is_kl():
    run = N.train_neuron("ce", stop="excess")
    a = run.a[-1]
    kl = 0.5 * math.log(0.5 / a) + 0.5 * math.log(0.5 / (1 - a))
    assert kl < 1e-3
    a_prev = run.a[-2]
    assert 0.5 * math.log(0.5 / a_prev) + 0.5 * math.log(0.5 / (1 - a_prev)) >= 1e-3
    # For MSE the excess over the floor is the squared error itself: the same run.
    assert N.train_neuron("mse", stop="excess").steps == 287


def test_stop_at_start_and_never():
    assert N.train_neuron("ce", w=0.0, y=0.5).steps == 0
    never = N.train_neuron("mse", w=10.0, y=0.0, max_steps=50)
    assert never.steps is None and never.updates == 50 and len(never.w) == 51


def test_learn_bias_moves_b():
    run = N.train_neuron("ce", w=2.0, b=2.0, y=0.0, eta=0.15, learn_bias=True, max_steps=5)
    assert run.b[1] < run.b[0]
    assert run.w[1] - run.w[0] == pytest.approx(run.b[1] - run.b[0], rel=1e-12)  # x = 1


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"loss": "mae"}, "loss"),
        ({"loss": "mse", "y": 1.5}, "y"),
        ({"loss": "mse", "eta": 0.0}, "positive"),
        ({"loss": "mse", "eta": -0.1}, "eta"),
        ({"loss": "mse", "w": float("nan")}, "finite"),
        ({"loss": "mse", "max_steps": -1}, "max_steps"),
        ({"loss": "mse", "max_steps": 2.5}, "max_steps"),
        ({"loss": "ce", "stop": "loss"}, "stop"),
        ({"loss": "ce", "x": "one"}, "number"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        N.train_neuron(**kwargs)


@pytest.mark.parametrize("call, message", [
    (lambda: N.loss_value("mae", 0.0, 0.5), "loss must be 'mse' or 'ce'"),
    (lambda: N.delta("mae", 0.5, 0.5), "loss must be 'mse' or 'ce'"),
    (lambda: N.loss_floor("mae", 0.5), "loss must be 'mse' or 'ce'"),
    (lambda: N.loss_floor("ce", 1.5), "y must be at most 1"),
    (lambda: N.loss_value("ce", 0.0, -0.1), "y must be at least 0"),
    (lambda: N.delta("mse", 1.2, 0.5), "a must be at most 1"),
    (lambda: N.loss_value("mse", float("nan"), 0.5), "z must be finite"),
    (lambda: N.neuron_output(float("nan"), 0.0, 1.0), "w must be finite"),
    (lambda: N.neuron_output(1.0, 0.0, "x"), "x must be a number"),
])
def test_bad_input_raises_a_clear_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
