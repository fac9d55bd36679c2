"""How long a slider move of the neuron race takes, against a bare redraw of the same figure.

    python benchmarks/slider.py [moves]

A move sets ``controls["w0"].value`` (three training runs, artists moved, PNG rendered); a bare
redraw re-renders the same PNG with nothing recomputed. Targets: median move < 100 ms and at most
1.5x a bare redraw.
"""

from __future__ import annotations

import statistics
import sys
import time

from lossbook.widgets import neuron_race


def main(n: int = 30) -> None:
    race = neuron_race()
    race.controls["w0"].value = 1.0  # warm up (fonts, mathtext caches)
    moves, redraws = [], []
    for i in range(n):
        t = time.perf_counter()
        race.controls["w0"].value = 1.5 + 0.03 * i
        moves.append(time.perf_counter() - t)
        t = time.perf_counter()
        race.redraw()
        redraws.append(time.perf_counter() - t)
    m, r = statistics.median(moves) * 1e3, statistics.median(redraws) * 1e3
    print(f"slider move (w0), median of {n}: {m:.1f} ms")
    print(f"bare redraw,      median of {n}: {r:.1f} ms")
    print(f"ratio move / redraw: {m / r:.2f}  (targets: < 100 ms, <= 1.5)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
