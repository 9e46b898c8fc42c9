"""The settings screen: every option changes at once and is kept between runs.

Up/Down choose a row, Left/Right (or a click on the arrows) change it, Enter steps it
forward, Esc goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pygame

from game.ui.host import Host
from game.ui.layout import DESIGN_H, DESIGN_W, Viewport
from game.ui.screens.base import Screen, is_back
from game.ui.settings import TEXT_SIZES, TEXT_SPEEDS, VOLUME_STEPS
from game.ui.widgets import Button, ButtonGroup, blit_text, draw_panel, fit_text

PANEL_W = 820


@dataclass
class Option:
    label: str
    values: list[object]
    names: list[str]
    get: Callable[[], object]
    set: Callable[[object], None]
    note: str | None = None
    enabled: bool = True

    def index(self) -> int:
        try:
            return self.values.index(self.get())
        except ValueError:
            return 0

    def step(self, delta: int) -> None:
        if self.enabled:
            self.set(self.values[(self.index() + delta) % len(self.values)])

    @property
    def shown(self) -> str:
        return self.names[self.index()]


def _on_off(value: object) -> str:
    return "On" if value else "Off"


class SettingsScreen(Screen):
    name = "settings"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.options = self._options()
        buttons = [
            Button(o.label, partial(self._change, o, 1), enabled=o.enabled) for o in self.options
        ]
        buttons.append(Button("Back", app.pop, key_hint="Esc"))
        self.group = ButtonGroup(buttons)
        self.arrows: list[tuple[pygame.Rect, pygame.Rect]] = []

    def _options(self) -> list[Option]:
        s = self.app.settings

        def setter(name: str) -> Callable[[object], None]:
            return lambda value: setattr(s, name, value)

        volumes: list[object] = list(VOLUME_STEPS)
        volume_names = [f"{v}%" for v in VOLUME_STEPS]
        classroom = self.app.classroom
        silent = "no sound device found: the game is silent" if self.app.audio.failed else None
        return [
            Option(
                "Text speed",
                list(TEXT_SPEEDS),
                ["Slow", "Normal", "Fast", "Instant"],
                lambda: s.text_speed,
                setter("text_speed"),
            ),
            Option(
                "Auto-advance",
                [False, True],
                ["Off", "On"],
                lambda: s.auto_advance,
                setter("auto_advance"),
                note="turns pages and continues by itself; never chooses",
            ),
            Option(
                "Text size",
                list(TEXT_SIZES),
                ["Small", "Medium", "Large", "Largest"],
                lambda: s.text_size,
                setter("text_size"),
            ),
            Option(
                "High-contrast theme",
                [False, True],
                ["Off", "On"],
                lambda: s.high_contrast,
                setter("high_contrast"),
            ),
            Option(
                "Reduced motion",
                [False, True],
                ["Off", "On"],
                lambda: s.reduced_motion,
                setter("reduced_motion"),
                note="no sliding meters or fades",
            ),
            Option(
                "Fullscreen",
                [False, True],
                ["Off", "On"],
                lambda: s.fullscreen,
                lambda value: self.app.set_fullscreen(bool(value)),
                note="also F11 or Alt+Enter",
            ),
            Option(
                "Music volume",
                volumes,
                volume_names,
                lambda: s.music_volume,
                setter("music_volume"),
                note=silent or "quiet loops that follow the scene",
            ),
            Option(
                "Sound volume",
                volumes,
                volume_names,
                lambda: s.sound_volume,
                setter("sound_volume"),
                note=silent or "a click for choices, a page turning",
            ),
            Option(
                "Undo",
                [True, False],
                ["Allowed", "Off"],
                lambda: s.undo_allowed,
                setter("undo_allowed"),
                note="off in classroom mode"
                if classroom
                else "turn off so choices stand, as in class",
                enabled=not classroom,
            ),
        ]

    def toast_area(self) -> tuple[float, float, float, float]:
        """Notes go in the header row, right of the title, above the settings."""
        x = (DESIGN_W - PANEL_W) / 2
        return (x + 260, 6.0, PANEL_W - 260, 84.0)

    def _change(self, option: Option, delta: int) -> None:
        option.step(delta)
        self.app.settings_changed()

    def handle(self, event: pygame.event.Event) -> bool | None:
        if is_back(event):
            self.app.pop()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            index = self.group.focus
            if index < len(self.options):
                self._change(self.options[index], -1 if event.key == pygame.K_LEFT else 1)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for index, (left, right) in enumerate(self.arrows):
                if left.collidepoint(event.pos):
                    self.group.focus = index
                    self._change(self.options[index], -1)
                    return True
                if right.collidepoint(event.pos):
                    self.group.focus = index
                    self._change(self.options[index], 1)
                    return True
        return self.group.handle(event)

    def draw(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        draw_panel(target, app.viewport_rect(), (*theme.backdrop, 255))
        head = app.face("serif-bold", 34)
        face = app.face("sans", app.ui_px + 1)
        value_face = app.face("sans-bold", app.ui_px + 1)
        note_face = app.face("sans", max(13, app.ui_px - 4))
        x = (DESIGN_W - PANEL_W) / 2
        blit_text(target, head, "Settings", vp.point(x, 30), theme.heading)
        gap = 6.0
        y = 96.0
        rows = len(self.group.buttons)
        row_h = max(44.0, (app.ui_px + 1) * 1.55 + note_face.line_height / vp.scale)
        # At the largest text sizes every row cannot hold its note and still fit the
        # screen: the notes go (the settings themselves stay readable and reachable).
        notes = y + rows * (row_h + gap) <= DESIGN_H - 8
        if not notes:
            row_h = min(max(44.0, (app.ui_px + 1) * 1.55 + 10), (DESIGN_H - 8 - y) / rows - gap)
        self.arrows = []
        for index, button in enumerate(self.group.buttons):
            focused = index == self.group.focus
            hovered = index == self.group.hover
            rect = pygame.Rect(vp.rect(x, y, PANEL_W, row_h))
            button.rect = rect
            fill = theme.button_hover if (focused or hovered) else theme.button
            if not button.enabled:
                fill = theme.button_disabled
            draw_panel(target, rect, fill, vp.px(8))
            if focused:
                pygame.draw.rect(
                    target, theme.accent, rect, width=vp.px(theme.outline), border_radius=vp.px(8)
                )
            colour = theme.button_text if button.enabled else theme.button_text_disabled
            pad = vp.px(18)
            if index >= len(self.options):
                label = face.render("Back  (Esc or right click)", colour)
                target.blit(label, label.get_rect(center=rect.center))
                break
            option = self.options[index]
            has_note = bool(option.note) and notes
            text_top = (
                rect.y + (rect.h - face.height - (note_face.line_height if has_note else 0)) // 2
            )
            target.blit(face.render(option.label, colour), (rect.x + pad, text_top))
            if option.note and notes:
                note = fit_text(note_face, option.note, rect.w // 2)
                target.blit(
                    note_face.render(note, theme.text_dim),
                    (rect.x + pad, text_top + face.line_height - vp.px(4)),
                )
            arrow_w = vp.px(40)
            value_w = vp.px(150)
            right_arrow = pygame.Rect(rect.right - pad - arrow_w, rect.y, arrow_w, rect.h)
            value_rect = pygame.Rect(right_arrow.x - value_w, rect.y, value_w, rect.h)
            left_arrow = pygame.Rect(value_rect.x - arrow_w, rect.y, arrow_w, rect.h)
            self.arrows.append((left_arrow, right_arrow))
            arrow_colour = theme.accent if button.enabled else theme.button_text_disabled
            for arrow, glyph in ((left_arrow, "\u2190"), (right_arrow, "\u2192")):
                surf = value_face.render(glyph, arrow_colour)
                target.blit(surf, surf.get_rect(center=arrow.center))
            value = value_face.render(option.shown, colour)
            target.blit(value, value.get_rect(center=value_rect.center))
            y += row_h + gap
