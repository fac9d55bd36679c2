"""The book's colours: every text variant passes WCAG AA contrast on the pages it is used on."""

import pytest

from lossbook import plots

# The page and surface colours of the theme (pydata-sphinx-theme) in each mode.
BACKGROUNDS = {"light": ("#ffffff", "#f3f4f6"), "dark": ("#14181e", "#29313d")}


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour '#rrggbb'."""
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#777777") == pytest.approx(1.0)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_text_colours_pass_aa(mode):
    assert set(plots.TEXT_COLORS[mode]) == set(plots.COLORS)
    for name, colour in plots.TEXT_COLORS[mode].items():
        for background in BACKGROUNDS[mode]:
            assert contrast(colour, background) >= 4.5, (mode, name, colour, background)


def test_some_line_colours_fail_as_text():
    """Why the text variants exist: MSE's line colour is below 4.5:1 on white."""
    assert contrast(plots.COLORS["mse"], "#ffffff") < 4.5
