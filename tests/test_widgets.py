"""The live figures in lossbook.widgets: driving their controls changes what they show."""

from __future__ import annotations

import json
import re

import pytest

from lossbook.neuron import LN9, train_neuron
from lossbook.widgets import RACE_PRESETS, kl_explorer, kl_numbers, neuron_race


def counts(race) -> dict[str, str]:
    return dict(re.findall(r"data-testid='count-([\w-]+)'>(\w+)<", race.counts.value))


def expected(**s) -> dict[str, str]:
    c = dict(w=s["w0"], b=s["b0"], x=s["x"], y=s["y"], eta=s["eta"], tol=s["tol"],
             max_steps=s["max_steps"], learn_bias=s["learn_bias"])
    runs = [train_neuron("mse", **c), train_neuron("ce", **c), train_neuron("ce", stop="excess", **c)]
    return {k: str(r.steps) if r.steps is not None else "none"
            for k, r in zip(("mse", "ce", "ce-excess"), runs)}


def test_seed_preset_shows_287_for_mse():
    race = neuron_race()
    assert counts(race)["mse"] == "287"
    assert counts(race) == expected(**race.settings())
    assert int(counts(race)["ce"]) < 287


def test_moving_sliders_recomputes_counts_and_image():
    race = neuron_race()
    before_png, before = race.image.value, counts(race)
    race.controls["w0"].value = 1.0
    assert counts(race) != before and counts(race) == expected(**race.settings())
    assert race.image.value != before_png
    race.controls["eta"].value = 0.5
    assert counts(race) == expected(**race.settings())
    race.controls["learn_bias"].value = True
    race.controls["tol"].value = 1e-5
    assert counts(race) == expected(**race.settings())
    race.controls["max_steps"].value = 10
    assert counts(race)["mse"] == "none"


@pytest.mark.parametrize("name", list(RACE_PRESETS))
def test_presets(name):
    race = neuron_race(w0=0.0, eta=1.0)
    race.presets[name].click()
    assert race.settings() == {k: (float(v) if k not in ("max_steps", "learn_bias") else v)
                               for k, v in RACE_PRESETS[name].items()}
    assert counts(race) == expected(**RACE_PRESETS[name])


def test_slowdown_presets_show_mse_far_slower():
    race = neuron_race(**RACE_PRESETS["slowdown-2-2"])
    c = counts(race)
    assert int(c["mse"]) > 10 * int(c["ce"])


def test_mount_and_repr():
    race = neuron_race()
    bundle = race._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == ("NeuronRace(w0=2.197, b0=0, x=1, y=0.5, eta=0.2, tol=0.001, "
                                    "max_steps=1000, learn_bias=False)")
    m = re.fullmatch(r"<div class=\"lossbook-figure\" data-figure=\"race\" data-settings='(.*)'>"
                     r"<noscript>.*</noscript></div>", bundle["text/html"])
    assert m
    settings = json.loads(m.group(1))
    assert list(settings) == ["w0", "b0", "x", "y", "eta", "tol", "max_steps", "learn_bias"]
    assert settings["w0"] == LN9 and settings["learn_bias"] is False
    race.controls["w0"].value = 1.0  # the mount keeps the initial settings
    assert race._repr_mimebundle_()["text/html"] == bundle["text/html"]
    assert "lossbook-race" in race._dom_classes
    assert "lossbook-race-counts" in race.counts._dom_classes
    assert {c.description for c in race.controls.values()} >= {"w0", "b0", "x", "y", "eta", "tol"}


def test_bad_values():
    with pytest.raises(ValueError):
        neuron_race(w0=100)
    with pytest.raises(ValueError):
        neuron_race(speed=3)
    with pytest.raises(ValueError):
        neuron_race(max_steps=10.5)
    race = neuron_race()
    race.controls["eta"].value = -5  # a slider clamps to its range
    assert race.controls["eta"].value == 0.01
    assert counts(race) == expected(**race.settings())
    race.controls["w0"].value = float("nan")
    assert "must be finite" in race.error.value
    race.controls["w0"].value = 1.0
    assert race.error.value == "" and counts(race) == expected(**race.settings())


def test_cursor_moves_state_readout():
    race = neuron_race()
    race.cursor.value = 0
    assert "<td>0</td><td>0.9000</td>" in race.state.value


def kl_values(k) -> dict[str, str]:
    return dict(re.findall(r"data-testid='kl-(\w+)'>([^<]+)<", k.values.value))


def test_kl_explorer():
    k = kl_explorer()
    n = kl_numbers(0.9, 0.1)
    assert kl_values(k) == {"hp": f"{n['hp']:.4f}", "hpq": f"{n['hpq']:.4f}",
                            "pq": f"{n['kl_pq']:.4f}", "qp": f"{n['kl_qp']:.4f}"}
    assert abs(n["hpq"] - n["hp"] - n["kl_pq"]) < 1e-12
    png = k.image.value
    k.controls["q"].value = 0.5
    assert kl_values(k)["pq"] == f"{kl_numbers(0.9, 0.5)['kl_pq']:.4f}" and k.image.value != png
    k.controls["base"].value = "bits"
    assert kl_values(k)["hpq"] == f"{kl_numbers(0.9, 0.5, 'bits')['hpq']:.4f}"
    k.controls["p"].value = 1.0
    assert kl_values(k)["qp"] == "inf" and kl_values(k)["hp"] == "0.0000"
    assert repr(k) == "KLExplorer(p=1, q=0.5, base=bits)"
    html = k._repr_mimebundle_()["text/html"]
    assert "data-figure=\"kl\" data-settings='{\"p\": 0.9, \"q\": 0.1, \"base\": \"nats\"}'" in html
    with pytest.raises(ValueError):
        kl_explorer(q=0.0)
    with pytest.raises(ValueError):
        kl_explorer(base="hartleys")
