"""Meters and text without colour: the HUD seen through simulations of deuteranopia,
protanopia and tritanopia (Machado, Oliveira and Fernandes 2009, severity 1.0) keeps every
meter's number readable and tells meters of different values apart by the bar's length;
text meets WCAG 2.2 AA (4.5:1) in both themes, over the theme's colours and over the
panels as they are really drawn."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest

from game.ui.app import App
from game.ui.screens.story import StoryScreen
from game.ui.theme import DEFAULT, HIGH_CONTRAST, Theme, contrast_ratio
from tests.ui.conftest import pump, session

Colour = tuple[int, int, int]
Matrix = tuple[tuple[float, float, float], ...]

#: Machado et al. 2009, "A Physiologically-based Model for Simulation of Color Vision
#: Deficiency", IEEE TVCG 15(6); the matrices for severity 1.0, on linear RGB.
MACHADO: dict[str, Matrix] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _linear(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _srgb(value: float) -> int:
    value = max(0.0, min(1.0, value))
    c = value * 12.92 if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055
    return round(c * 255)


def simulate(colour: Colour, matrix: Matrix) -> Colour:
    lin = [_linear(v) for v in colour[:3]]
    out = [sum(m * c for m, c in zip(row, lin, strict=True)) for row in matrix]
    return (_srgb(out[0]), _srgb(out[1]), _srgb(out[2]))


def distance(a: Colour, b: Colour) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5)


def test_the_simulation_is_the_standard_one() -> None:
    """Greys stay grey; red and green, apart for normal vision, meet for deuteranopia."""
    for matrix in MACHADO.values():
        grey = simulate((128, 128, 128), matrix)
        assert max(grey) - min(grey) <= 2
    red, green = (200, 80, 60), (110, 150, 60)
    deut = MACHADO["deuteranopia"]
    assert distance(simulate(red, deut), simulate(green, deut)) < distance(red, green) / 2


def hud_app(make_app, high_contrast: bool):  # type: ignore[no-untyped-def]
    app = make_app(text_speed="instant", high_contrast=high_contrast, reduced_motion=True)
    app.start_game()
    pump(app)
    pump(app)
    screen = app.top
    assert isinstance(screen, StoryScreen)
    return app, screen


@pytest.mark.parametrize("high_contrast", [False, True], ids=["default", "high-contrast"])
@pytest.mark.parametrize("vision", list(MACHADO))
def test_meters_read_without_colour(
    make_app: Callable[..., App], high_contrast: bool, vision: str
) -> None:
    app, screen = hud_app(make_app, high_contrast)
    surface = app.draw()
    matrix = MACHADO[vision]
    hud = screen.hud
    meters = {m.id: m for m in session(app).view.meters if m.kind == "meter"}
    assert meters and set(meters) <= set(hud.bars) and set(meters) <= set(hud.numbers)
    theme = app.theme
    track = simulate(theme.meter_track, matrix)
    lengths: dict[str, int] = {}
    for meter_id, meter in meters.items():
        # The number is drawn, and it stands out from its panel after the simulation.
        number = hud.numbers[meter_id]
        assert number.w > 0
        under = simulate(surface.get_at((number.x - 2, number.y))[:3], matrix)
        strongest = max(
            contrast_ratio(simulate(surface.get_at((x, y))[:3], matrix), under)
            for x in range(number.x, number.right)
            for y in range(number.y, number.bottom)
        )
        assert strongest >= 4.5, f"{meter.label}'s number fades for {vision}: {strongest:.2f}"
        # The bar's filled length, measured on the simulated pixels of its middle line.
        bar = hud.bars[meter_id]
        fill = simulate(theme.meter_fill, matrix)
        y = bar.centery
        filled = [
            x
            for x in range(bar.x, bar.right)
            if distance(simulate(surface.get_at((x, y))[:3], matrix), fill)
            < distance(simulate(surface.get_at((x, y))[:3], matrix), track)
        ]
        lengths[meter_id] = (max(filled) - bar.x + 1) if filled else 0
        expected = bar.w * (meter.value - (meter.minimum or 0)) / ((meter.maximum or 10) - 0)
        assert abs(lengths[meter_id] - expected) <= max(3, bar.h), (meter.label, vision)
    # Different values, different lengths, in the same order; equal values, equal lengths.
    ids = list(meters)
    for a in ids:
        for b in ids:
            va, vb = meters[a].value, meters[b].value
            if va < vb:
                assert lengths[a] + 2 < lengths[b], (meters[a].label, meters[b].label, vision)
            elif va == vb:
                assert abs(lengths[a] - lengths[b]) <= 1
    assert len({m.value for m in meters.values()}) >= 2  # the story has different values


def text_pairs(theme: Theme) -> list[tuple[str, Colour, Colour]]:
    """Every text colour the theme puts on each surface it puts text on (opaque parts)."""

    def flat(colour: tuple[int, ...]) -> Colour:
        alpha = colour[3] / 255 if len(colour) == 4 else 1.0
        return tuple(  # type: ignore[return-value]
            round(c * alpha + b * (1 - alpha))
            for c, b in zip(colour[:3], theme.backdrop, strict=True)
        )

    surfaces = {
        "backdrop": theme.backdrop,
        "panel": flat(theme.panel),
        "button": flat(theme.button),
        "button_hover": flat(theme.button_hover),
    }
    texts = {
        "text": theme.text,
        "text_dim": theme.text_dim,
        "heading": theme.heading,
        "accent": theme.accent,
        "button_text": theme.button_text,
        "gain": theme.gain,
        "loss": theme.loss,
        "damaged": theme.damaged,
    }
    pairs = [(f"{t} on {s}", tc, sc) for s, sc in surfaces.items() for t, tc in texts.items()]
    # A locked choice's reason is read too: its colour on the disabled button.
    pairs.append(
        (
            "button_text_disabled on button_disabled",
            theme.button_text_disabled,
            flat(theme.button_disabled),
        )
    )
    return pairs


@pytest.mark.parametrize("theme", [DEFAULT, HIGH_CONTRAST], ids=lambda t: t.name)
def test_every_text_colour_meets_wcag_aa(theme: Theme) -> None:
    low = [
        f"{name}: {contrast_ratio(text, under):.2f}"
        for name, text, under in text_pairs(theme)
        if contrast_ratio(text, under) < 4.5
    ]
    assert not low, low


@pytest.mark.parametrize("high_contrast", [False, True], ids=["default", "high-contrast"])
def test_text_on_the_rendered_panels_meets_wcag_aa(
    make_app: Callable[..., App], high_contrast: bool
) -> None:
    """The HUD card and the text box as drawn over the scene's picture: each text colour
    against the darkest and lightest pixels of the panel where no text is."""
    app, screen = hud_app(make_app, high_contrast)
    surface = app.draw()
    theme = app.theme
    panel = screen._panel_rect()
    card = screen.hud.card
    for name, rect in (("text box", panel), ("meters", card)):
        inner = rect.inflate(-8, -40)
        # Sample the panel's left and right edges (padding, never text; not the rounded
        # corners, where the picture shows).
        samples = [
            surface.get_at((x, y))[:3]
            for y in range(inner.y, inner.bottom, 3)
            for x in (inner.x, inner.x + 1, inner.right - 2, inner.right - 1)
        ]
        for text_name in ("text", "text_dim", "heading", "accent"):
            colour = getattr(theme, text_name)
            worst = min(contrast_ratio(colour, s) for s in samples)
            assert worst >= 4.5, f"{text_name} on the {name}: {worst:.2f}"
    pygame.quit()
