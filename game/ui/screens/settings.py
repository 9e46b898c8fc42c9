"""The settings screen: every option changes at once and is kept between runs.

Up/Down choose a row, Left/Right (or a click on the arrows) change it, Enter steps it
forward, Esc goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pygame

from game.i18n import _, language, language_name
from game.play.language import player_languages
from game.ui.host import Host
from game.ui.layout import DESIGN_H, DESIGN_W, Viewport
from game.ui.screens.base import Screen, is_back
from game.ui.settings import (
    LINE_SPACINGS,
    READING_FONTS,
    SPEECH_RATES,
    TEXT_SIZES,
    TEXT_SPEEDS,
    VOLUME_STEPS,
)
from game.ui.widgets import (
    Button,
    ButtonGroup,
    blit_text,
    draw_panel,
    draw_scrollbar,
    fit_text,
)

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


class SettingsScreen(Screen):
    name = "settings"

    @property
    def title(self) -> str:
        return _("Settings")

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.options = self._options()
        self.group = ButtonGroup(self._buttons())
        self.arrows: list[tuple[pygame.Rect, pygame.Rect]] = []
        #: The first row in view when the rows do not all fit (the largest text sizes).
        self.first = 0

    def _options(self) -> list[Option]:
        s = self.app.settings

        def setter(name: str) -> Callable[[object], None]:
            return lambda value: setattr(s, name, value)

        volumes: list[object] = list(VOLUME_STEPS)
        volume_names = [_("{volume}%").format(volume=v) for v in VOLUME_STEPS]
        classroom = self.app.classroom
        current = language()
        languages: list[object] = list(player_languages(current))
        if current not in languages:
            languages.append(current)  # a language without a catalogue, chosen by --lang
        silent = _("no sound device found: the game is silent") if self.app.audio.failed else None
        return [
            Option(
                _("Language"),
                languages,
                [language_name(str(code)) for code in languages],
                language,
                lambda code: self.app.set_language(str(code)),
                note=_("menus and story; names stay as they are")
                if len(languages) > 1
                else _("only English is installed"),
                enabled=len(languages) > 1,
            ),
            Option(
                _("Text speed"),
                list(TEXT_SPEEDS),
                [_("Slow"), _("Normal"), _("Fast"), _("Instant")],
                lambda: s.text_speed,
                setter("text_speed"),
            ),
            Option(
                _("Auto-advance"),
                [False, True],
                [_("Off"), _("On")],
                lambda: s.auto_advance,
                setter("auto_advance"),
                note=_("turns pages and continues by itself; never chooses"),
            ),
            Option(
                _("Text size"),
                list(TEXT_SIZES),
                [_("Small"), _("Medium"), _("Large"), _("Largest")],
                lambda: s.text_size,
                setter("text_size"),
            ),
            Option(
                _("High-contrast theme"),
                [False, True],
                [_("Off"), _("On")],
                lambda: s.high_contrast,
                setter("high_contrast"),
            ),
            Option(
                _("Reduced motion"),
                [False, True],
                [_("Off"), _("On")],
                lambda: s.reduced_motion,
                setter("reduced_motion"),
                note=_("no sliding meters or fades"),
            ),
            Option(
                _("Fullscreen"),
                [False, True],
                [_("Off"), _("On")],
                lambda: s.fullscreen,
                lambda value: self.app.set_fullscreen(bool(value)),
                note=_("also F11 or Alt+Enter"),
            ),
            Option(
                _("Music volume"),
                volumes,
                volume_names,
                lambda: s.music_volume,
                setter("music_volume"),
                note=silent or _("quiet loops that follow the scene"),
            ),
            Option(
                _("Sound volume"),
                volumes,
                volume_names,
                lambda: s.sound_volume,
                setter("sound_volume"),
                note=silent or _("a click for choices, a page turning"),
            ),
            Option(
                _("Undo"),
                [True, False],
                [_("Allowed"), _("Off")],
                lambda: s.undo_allowed,
                setter("undo_allowed"),
                note=_("off in classroom mode")
                if classroom
                else _("turn off so choices stand, as in class"),
                enabled=not classroom,
            ),
            Option(
                _("Self-voicing"),
                [False, True],
                [_("Off"), _("On")],
                lambda: s.self_voicing,
                lambda value: self._set_voicing(bool(value)),
                note=_("No speech engine found: install espeak-ng")
                if self.app.speaker.engine is None
                else _("V: speaks text, choices, notes; R repeats, K meters"),
            ),
            Option(
                _("Speech rate"),
                list(SPEECH_RATES),
                [_("{rate} wpm").format(rate=rate) for rate in SPEECH_RATES],
                lambda: s.speech_rate,
                setter("speech_rate"),
                note=_("words a minute"),
            ),
            Option(
                _("Speech volume"),
                volumes,
                volume_names,
                lambda: s.speech_volume,
                setter("speech_volume"),
            ),
            Option(
                _("Reading font"),
                list(READING_FONTS),
                [_("Standard"), _("Dyslexic")],
                lambda: s.reading_font,
                setter("reading_font"),
                note=_("OpenDyslexic, a face made for readers with dyslexia"),
            ),
            Option(
                _("Line spacing"),
                list(LINE_SPACINGS),
                [_("Normal"), _("Wide")],
                lambda: s.line_spacing,
                setter("line_spacing"),
            ),
        ]

    def language_changed(self) -> None:
        """The language changed (from this screen, most often): every label anew, the
        focus kept on the same row."""
        focus = self.group.focus
        self.options = self._options()
        self.group.set_buttons(self._buttons())
        self.group.focus = focus

    def _buttons(self) -> list[Button]:
        buttons = [
            Button(o.label, partial(self._change, o, 1), enabled=o.enabled) for o in self.options
        ]
        buttons.append(Button(_("Back"), self.app.pop, key_hint=_("Esc")))
        return buttons

    def _set_voicing(self, on: bool) -> None:
        if on != self.app.settings.self_voicing:
            self.app.toggle_self_voicing()

    def describe_button(self, index: int, button: object) -> str:
        """'Music volume: 70%. quiet loops that follow the scene' (Left and Right change it)."""
        if index >= len(self.options):
            return _("Back")
        option = self.options[index]
        words = _("{setting}: {value}").format(setting=option.label, value=option.shown)
        if not option.enabled:
            words = _("{words}, unavailable").format(words=words)
        if option.note:
            words = _("{words}. {note}").format(words=words, note=option.note)
        return words

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
        blit_text(target, head, self.title, vp.point(x, 30), theme.heading)
        gap = 6.0
        y = 96.0
        rows = len(self.group.buttons)
        row_h = max(44.0, (app.ui_px + 1) * 1.55 + note_face.line_height / vp.scale)
        # At the largest text sizes every row cannot hold its note and still fit the
        # screen: the notes go (the settings themselves stay readable and reachable).
        notes = y + rows * (row_h + gap) <= DESIGN_H - 8
        shown = range(rows)
        if not notes:
            # Without the notes the rows close up to fit the screen, down to the height
            # their text needs; only when even that is too tall does the list scroll.
            squeezed = (DESIGN_H - 8 - y) / rows - gap
            needed = (app.ui_px + 1) * 1.2 + 4
            row_h = max(44.0, (app.ui_px + 1) * 1.55 + 10)
            if squeezed >= needed:
                row_h = min(row_h, squeezed)
            fit = max(1, int((DESIGN_H - 8 - y + gap) // (row_h + gap)))
            if fit < rows:
                # Still too many rows at this text size: the list scrolls, the focused
                # row always in view, a bar on the right showing where the view is.
                focus = max(0, self.group.focus)
                self.first = min(max(self.first, focus - fit + 1), focus, rows - fit)
                shown = range(self.first, self.first + fit)
                area = pygame.Rect(vp.rect(x, y, PANEL_W + 14, fit * (row_h + gap) - gap))
                step = vp.px(row_h + gap)
                draw_scrollbar(target, theme, area, self.first * step, rows * step - vp.px(gap))
        hidden = pygame.Rect(0, 0, 0, 0)
        self.arrows = [(hidden, hidden) for _option in self.options]
        for index, button in enumerate(self.group.buttons):
            if index not in shown:
                button.rect = hidden  # out of view: no click lands on it
                continue
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
                label = face.render(_("Back  (Esc or right click)"), colour)
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
            self.arrows[index] = (left_arrow, right_arrow)
            arrow_colour = theme.accent if button.enabled else theme.button_text_disabled
            for arrow, glyph in ((left_arrow, "\u2190"), (right_arrow, "\u2192")):
                surf = value_face.render(glyph, arrow_colour)
                target.blit(surf, surf.get_rect(center=arrow.center))
            value_text = fit_text(value_face, option.shown, value_rect.width - vp.px(8))
            value = value_face.render(value_text, colour)
            target.blit(value, value.get_rect(center=value_rect.center))
            y += row_h + gap
