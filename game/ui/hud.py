"""The HUD: money and the relationship meters, with changes that animate.

Each meter shows its number after its bar, so it reads without colour (and the bar's
length alone tells meters apart under any colour-vision deficiency; tested through
simulations). When a choice moves a meter, its shown value glides to the new one and a "+1" or
"-190" tag glows beside it, then fades. With reduced motion the value jumps and the tag
simply stays for a while. The top bar (chapter, date, buttons) is drawn here too.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.engine import Change, MeterView
from game.i18n import _, format_money, format_number
from game.ui.layout import Viewport, hud_row_height
from game.ui.text import Face
from game.ui.theme import Theme
from game.ui.widgets import draw_panel, fit_text

GLIDE_SECONDS = 0.8
TAG_SECONDS = 2.8


def format_delta(meter: MeterView, delta: int) -> str:
    if meter.kind == "money":
        return format_money(delta, signed=True)
    return f"+{format_number(delta)}" if delta > 0 else f"\u2212{format_number(abs(delta))}"


def meter_number(meter: MeterView) -> str:
    """A meter's value in words the player reads at a glance: '6 of 10'."""
    if meter.kind == "money":
        return format_money(meter.value)
    if meter.maximum is not None:
        return _("{value} of {most}").format(
            value=format_number(meter.value), most=format_number(meter.maximum)
        )
    return format_number(meter.value)


@dataclass
class MeterState:
    meter: MeterView
    shown: float
    delta: int = 0
    glide_from: float = 0.0
    glide_t: float = 1.0
    tag_t: float = 0.0  # seconds left for the change tag


class Hud:
    """The shown meters, following the runner's meters with animation."""

    def __init__(self, meters: tuple[MeterView, ...]) -> None:
        self.states: dict[str, MeterState] = {}
        self.order: list[str] = []
        self._label_w = 0
        #: Where each meter's row and the whole card were last drawn (pixels).
        self.rows: dict[str, pygame.Rect] = {}
        #: Each meter's bar and its number (always shown: the meter reads without colour).
        self.bars: dict[str, pygame.Rect] = {}
        self.numbers: dict[str, pygame.Rect] = {}
        self.card = pygame.Rect(0, 0, 0, 0)
        self.sync(meters, ())

    def meter_at(self, pos: tuple[int, int]) -> str | None:
        """The meter whose row is under the mouse, if any."""
        return next((mid for mid, rect in self.rows.items() if rect.collidepoint(pos)), None)

    def contains(self, pos: tuple[int, int]) -> bool:
        return self.card.collidepoint(pos)

    def sync(self, meters: tuple[MeterView, ...], changes: tuple[Change, ...]) -> None:
        """Take the new meter values; the ``changes`` of a choice start their animation."""
        moved = {change.variable: change for change in changes}
        self.order = [meter.id for meter in meters]
        fresh: dict[str, MeterState] = {}
        for meter in meters:
            state = self.states.get(meter.id)
            if state is None:
                fresh[meter.id] = MeterState(meter, float(meter.value))
                continue
            change = moved.get(meter.id)
            if change is not None and change.delta:
                state.glide_from = state.shown
                state.glide_t = 0.0
                state.delta = change.delta
                state.tag_t = TAG_SECONDS
            elif float(meter.value) != state.shown and state.glide_t >= 1.0:
                state.shown = float(meter.value)  # undo or load: jump, no tag
            state.meter = meter
            fresh[meter.id] = state
        self.states = fresh

    def update(self, seconds: float, reduced_motion: bool) -> bool:
        """Advance the animations; True while anything is still moving or showing a tag."""
        busy = False
        for state in self.states.values():
            target = float(state.meter.value)
            if state.glide_t < 1.0:
                if reduced_motion:
                    state.glide_t = 1.0
                else:
                    state.glide_t = min(1.0, state.glide_t + seconds / GLIDE_SECONDS)
                ease = 1 - (1 - state.glide_t) ** 3
                state.shown = state.glide_from + (target - state.glide_from) * ease
                busy = True
            else:
                state.shown = target
            if state.tag_t > 0:
                state.tag_t = max(0.0, state.tag_t - seconds)
                busy = True
        return busy

    def draw(
        self,
        target: pygame.Surface,
        vp: Viewport,
        theme: Theme,
        area: tuple[int, int, int, int],
        face: Face,
        ui_px: int,
        reduced_motion: bool,
        hover: str | None = None,
    ) -> None:
        x, y, w, h = area
        self.card = pygame.Rect(vp.rect(x, y, w, h))
        draw_panel(target, self.card, theme.panel, vp.px(10), theme.panel_edge)
        row_h = hud_row_height(ui_px)
        top = y + 14
        labels = [s.meter.label for s in self.states.values() if s.meter.kind == "meter"]
        widest = max((face.width(label) for label in labels), default=0) + vp.px(10)
        inner = vp.px(w - 32)
        self._label_w = min(round(inner * 0.55), max(round(inner * 0.3), widest))
        self.rows = {}
        self.bars = {}
        self.numbers = {}
        for index, meter_id in enumerate(self.order):
            state = self.states[meter_id]
            row = (x + 16, top + index * row_h, w - 32, row_h)
            self.rows[meter_id] = pygame.Rect(vp.rect(*row))
            self._draw_row(target, vp, theme, state, row, face, reduced_motion, hover == meter_id)

    def _draw_row(
        self,
        target: pygame.Surface,
        vp: Viewport,
        theme: Theme,
        state: MeterState,
        row: tuple[int, int, int, int],
        face: Face,
        reduced_motion: bool,
        hovered: bool = False,
    ) -> None:
        x, y, w, h = row
        meter = state.meter
        left, top = vp.point(x, y)
        row_px = vp.px(h)
        width = vp.px(w)
        text_y = top + (row_px - face.height) // 2
        tag = None
        if state.tag_t > 0 and state.delta:
            colour = theme.gain if state.delta > 0 else theme.loss
            tag = face.render(format_delta(meter, state.delta), colour)
            if not reduced_motion and state.tag_t < 0.8:
                tag = tag.copy()
                tag.set_alpha(round(255 * state.tag_t / 0.8))
        if meter.kind == "meter" and meter.maximum is not None:
            label_w = self._label_w
            tag_zone = face.width("\u22122") + vp.px(10)
            # The number always shows after the bar: the meter reads without colour.
            number_zone = face.width(format_number(meter.maximum)) + vp.px(8)
            label = fit_text(face, meter.label, label_w - vp.px(6))
            target.blit(face.render(label, theme.text), (left, text_y))
            bar_w = width - label_w - tag_zone - number_zone
            if hovered and tag is None:
                # The number itself, on hover: "6 of 10" in place of the bar.
                number = face.render(meter_number(meter), theme.heading)
                target.blit(number, (left + label_w, text_y))
                return
            self._draw_bar(target, vp, theme, state, left + label_w, top, bar_w, row_px)
            figure = face.render(format_number(round(state.shown)), theme.heading)
            right = left + label_w + bar_w + number_zone
            self.numbers[meter.id] = target.blit(figure, (right - figure.get_width(), text_y))
            if tag is not None:
                target.blit(tag, (left + width - tag.get_width(), text_y))
            return
        value = round(state.shown)
        text = format_money(value) if meter.kind == "money" else format_number(value)
        rendered = face.render(text, theme.heading)
        target.blit(rendered, (left + width - rendered.get_width(), text_y))
        room = width - rendered.get_width() - vp.px(10)
        if tag is not None and tag.get_width() <= room:
            target.blit(tag, (left, text_y))
        else:
            label = fit_text(face, meter.label, room)
            target.blit(face.render(label, theme.text), (left, text_y))

    def _draw_bar(
        self,
        target: pygame.Surface,
        vp: Viewport,
        theme: Theme,
        state: MeterState,
        x: int,
        top: int,
        width: int,
        row_px: int,
    ) -> None:
        meter = state.meter
        low = meter.minimum or 0
        high = meter.maximum or 10
        span = max(1, high - low)
        bar_h = max(4, vp.px(10))
        bar = pygame.Rect(x, top + (row_px - bar_h) // 2, width, bar_h)
        self.bars[meter.id] = bar
        pygame.draw.rect(target, theme.meter_track, bar, border_radius=bar_h // 2)
        fraction = max(0.0, min(1.0, (state.shown - low) / span))
        if fraction > 0:
            fill = pygame.Rect(bar.x, bar.y, max(bar_h, round(bar.w * fraction)), bar_h)
            pygame.draw.rect(target, theme.meter_fill, fill, border_radius=bar_h // 2)
        for tick in range(1, span):
            tx = bar.x + round(bar.w * tick / span)
            pygame.draw.line(target, theme.panel[:3], (tx, bar.y), (tx, bar.bottom - 1), 1)
