"""Colours of the window: the calm default theme and a high-contrast theme.

The default is a night palette (ink blue panels, warm paper-white text, lantern amber for
focus) that sits quietly over the painted backgrounds. High contrast uses opaque black
panels, white text and yellow focus, with thicker outlines, for players who need it.
"""

from __future__ import annotations

from dataclasses import dataclass

Colour = tuple[int, int, int]
ColourA = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    backdrop: Colour  # letterbox bars and plain screens
    panel: ColourA  # text panel and cards
    panel_edge: ColourA
    text: Colour
    text_dim: Colour
    heading: Colour
    accent: Colour  # focus, the speaker's name, highlights
    button: ColourA
    button_hover: ColourA
    button_disabled: ColourA
    button_text: Colour
    button_text_disabled: Colour
    gain: Colour
    loss: Colour
    meter_track: Colour
    meter_fill: Colour
    damaged: Colour
    shade: ColourA  # dims the story behind a menu
    outline: int  # focus outline width in design units


DEFAULT = Theme(
    name="default",
    backdrop=(14, 17, 26),
    panel=(16, 21, 33, 238),
    panel_edge=(236, 226, 206, 40),
    text=(238, 231, 216),
    text_dim=(170, 166, 158),
    heading=(246, 238, 222),
    accent=(232, 172, 92),
    button=(38, 46, 66, 248),
    button_hover=(46, 54, 76, 253),
    button_disabled=(30, 34, 44, 245),
    button_text=(240, 234, 220),
    button_text_disabled=(140, 138, 134),
    gain=(142, 204, 140),
    loss=(232, 128, 110),
    meter_track=(58, 64, 80),
    meter_fill=(222, 176, 110),
    damaged=(232, 128, 110),
    shade=(8, 10, 16, 200),
    outline=2,
)

HIGH_CONTRAST = Theme(
    name="high-contrast",
    backdrop=(0, 0, 0),
    panel=(0, 0, 0, 255),
    panel_edge=(255, 255, 255, 255),
    text=(255, 255, 255),
    text_dim=(230, 230, 230),
    heading=(255, 255, 255),
    accent=(255, 214, 0),
    button=(30, 30, 30, 255),  # a step above the black panel, so a button shows as one
    button_hover=(56, 56, 0, 255),
    button_disabled=(12, 12, 12, 255),
    button_text=(255, 255, 255),
    button_text_disabled=(200, 200, 200),
    gain=(120, 255, 120),
    loss=(255, 140, 120),
    meter_track=(90, 90, 90),
    meter_fill=(255, 214, 0),
    damaged=(255, 140, 120),
    shade=(0, 0, 0, 215),
    outline=3,
)


def theme_for(high_contrast: bool) -> Theme:
    return HIGH_CONTRAST if high_contrast else DEFAULT


def contrast_ratio(a: Colour, b: Colour) -> float:
    """WCAG contrast ratio of two colours (1 to 21); tests keep text above 4.5."""

    def luminance(colour: Colour) -> float:
        channels = []
        for value in colour:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        r, g, b_ = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
