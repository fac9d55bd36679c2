"""lossbook: the code shared by the chapters of *Cross-Entropy, Not MSE*.

Modules, each named for an idea:

* :mod:`lossbook.losses`  activations, losses (PyTorch- and Keras-style) and information measures
* :mod:`lossbook.neuron`  one sigmoid neuron trained under MSE or cross-entropy
* :mod:`lossbook.gradcheck` finite-difference checks of derived gradients
* :mod:`lossbook.digits`  softmax regression on scikit-learn's digits under MSE or cross-entropy
* :mod:`lossbook.plots`   the book's colours, labels and matplotlib style
* :mod:`lossbook.live`    the numbers the live figures show (the reference for their JavaScript twins)
* :mod:`lossbook.widgets` the live figures (anywidget views, the same on the site; lossbook/web)
"""

__version__ = "0.1.0"
