"""Unit tests of lossbook.gradcheck."""

import numpy as np
import pytest

from lossbook.gradcheck import gradient_error, numerical_gradient
from lossbook.losses import log_softmax, softmax


def test_numerical_gradient_of_a_quadratic():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    f = lambda x: 0.5 * x @ A @ x  # noqa: E731
    x = np.array([0.3, -1.2])
    np.testing.assert_allclose(numerical_gradient(f, x), A @ x, rtol=1e-8)


def test_gradient_error_tells_right_from_wrong():
    y = np.array([0.0, 1.0, 0.0])
    ce = lambda z: -float(y @ log_softmax(z))  # noqa: E731
    z = np.array([0.5, -1.0, 2.0])
    assert gradient_error(ce, lambda z: softmax(z) - y, z) < 1e-8
    assert gradient_error(ce, lambda z: y - softmax(z), z) > 0.1


def test_bad_arguments():
    with pytest.raises(ValueError, match="h must be positive"):
        numerical_gradient(lambda x: 0.0, [1.0], h=0)
    with pytest.raises(ValueError, match="shape"):
        gradient_error(lambda x: float(x.sum()), lambda x: np.ones(3), [1.0, 2.0])
