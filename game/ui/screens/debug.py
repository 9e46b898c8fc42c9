"""The writer's debug overlay (F3): where the game stands, and a variable changed by hand.

A panel over the story's left column (the story's text box and its choices stay in
view) shows the current scene's id, its file:line, the random seed and step, and every
story variable with its value. A writer picks a variable with the arrow keys or a
click and changes it: a flag toggles (Space, Enter or a click on its value); a number
takes a new value typed in (Enter or a click starts, Enter applies, Esc cancels), or
moves with Left/Right and the - and + buttons (by 1, or 100 for money). Every value is
checked against the variable's declared type and range, with a clear message when it
does not fit; the change goes through the runner (``GameSession.set_value``), so it is
autosaved and undoable (Backspace here, or the story's U), and the scene below updates at
once: locked choices, text variants, the meters. Typing a name's first letters finds it.

F3, Esc or a right click closes it. It is off until asked for, and never opens in
classroom mode (the window ignores F3 there).
"""

from __future__ import annotations

import time

import pygame

from game.engine import Change, Story
from game.i18n import _
from game.play.starting import StartError, parse_value
from game.ui.host import Host
from game.ui.layout import LEFT_COL_W, LEFT_COL_X, PANEL_BOTTOM, PANEL_TOP_MIN, Viewport, wrap_text
from game.ui.screens.base import Screen, is_back
from game.ui.text import Face
from game.ui.widgets import draw_panel, fit_text

#: How far Left/Right and the - and + buttons move a number (money moves in hundreds).
STEP = 1
MONEY_STEP = 100
#: The longest value a writer can type.
MAX_TYPED = 12
#: Letters typed within this many seconds of each other make one name to find.
SEARCH_PAUSE = 1.0
PANEL = (
    float(LEFT_COL_X),
    float(PANEL_TOP_MIN),
    float(LEFT_COL_W),
    float(PANEL_BOTTOM - PANEL_TOP_MIN),
)


def value_text(value: object) -> str:
    """A value as a story file writes it: true/false, or the number."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def kind_text(story: Story, name: str) -> str:
    """What a variable holds, in words: its type and declared range."""
    var = story.variables[name]
    if var.type == "bool":
        return _("true or false")
    low = "..." if var.minimum is None else str(var.minimum)
    high = "..." if var.maximum is None else str(var.maximum)
    if var.type == "money":
        return _("money (yuan), {low} to {high}").format(low=low, high=high)
    return _("whole number, {low} to {high}").format(low=low, high=high)


class DebugScreen(Screen):
    """The F3 overlay: the game's state, and one variable at a time changed by hand."""

    name = "debug"
    overlay = True

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.selected = 0
        #: The text being typed for the selected number, or None when not editing.
        self.typed: str | None = None
        self.message = ""
        self.message_is_error = False
        self.scroll = 0  # the first variable row shown
        self.rows: list[tuple[str, pygame.Rect]] = []
        self.value_rects: dict[str, pygame.Rect] = {}
        self.step_buttons: list[tuple[int, pygame.Rect]] = []
        self.close_rect = pygame.Rect(0, 0, 0, 0)
        self.visible_rows = 1
        self._search = ""
        self._search_at = 0.0
        #: What the header last showed: the scene, its file:line, the seed and step.
        self.facts: list[str] = []

    # -- state ---------------------------------------------------------------------------
    @property
    def names(self) -> list[str]:
        return list(self.app.story.variables)

    @property
    def current(self) -> str | None:
        names = self.names
        return names[self.selected] if 0 <= self.selected < len(names) else None

    def value_of(self, name: str) -> object:
        session = self.app.session
        return session.runner.vars.get(name) if session is not None else None

    def select(self, index: int) -> None:
        count = len(self.names)
        if not count:
            return
        self.selected = max(0, min(count - 1, index))
        self.typed = None
        if self.selected < self.scroll:
            self.scroll = self.selected
        elif self.selected >= self.scroll + self.visible_rows:
            self.scroll = self.selected - self.visible_rows + 1

    def close(self) -> None:
        self.app.pop()

    # -- changing a value ----------------------------------------------------------------------
    def apply(self, name: str, value: int | bool) -> bool:
        """Set ``name`` through the session; the scene below shows the new state."""
        session = self.app.session
        if session is None:
            return False
        try:
            change = session.set_value(name, value)
        except ValueError as exc:
            self._say(str(exc), error=True)
            return False
        self._refresh_story((change,))
        self._say(
            _("{name}: {before} → {after} (Backspace undoes it)").format(
                name=name,
                before=value_text(self._shown(name, change.before)),
                after=value_text(value),
            )
        )
        if session.last_save_error:
            self.app.toast(session.last_save_error)
        return True

    def _shown(self, name: str, number: int) -> object:
        return bool(number) if self.app.story.variables[name].type == "bool" else number

    def submit_typed(self) -> None:
        name, typed = self.current, self.typed
        if name is None or typed is None:
            return
        try:
            value = parse_value(self.app.story, name, typed)
        except StartError as exc:
            self._say(str(exc), error=True)
            return  # still editing: fix the number or Esc
        if self.apply(name, value):
            self.typed = None

    def toggle_or_edit(self) -> None:
        """Enter, Space or a click on the value: a flag toggles, a number is typed."""
        name = self.current
        if name is None:
            return
        value = self.value_of(name)
        if isinstance(value, bool):
            self.apply(name, not value)
        else:
            self.typed = ""
            self._say(kind_text(self.app.story, name))

    def nudge(self, direction: int) -> None:
        """Left/Right and the - and + buttons: a number moves by one step."""
        name = self.current
        value = self.value_of(name) if name is not None else None
        if name is None or isinstance(value, bool) or not isinstance(value, int):
            return
        var = self.app.story.variables[name]
        step = MONEY_STEP if var.type == "money" else STEP
        target = value + direction * step
        if var.minimum is not None:
            target = max(var.minimum, target)
        if var.maximum is not None:
            target = min(var.maximum, target)
        if target != value:
            self.apply(name, target)
        else:
            self._say(_("'{name}' is already at its limit").format(name=name), error=True)

    def undo(self) -> None:
        session = self.app.session
        if session is None:
            return
        if not self.app.undo_allowed:
            self._say(_("Undo is turned off (Settings)"), error=True)
            return
        if not session.undo():
            self._say(_("Nothing to undo yet"), error=True)
            return
        self.typed = None
        self._refresh_story(())
        self._say(_("Undone: the scene and the values are as they were"))

    def _refresh_story(self, changes: tuple[Change, ...]) -> None:
        story_screen = self.app.find("story")
        refresh = getattr(story_screen, "state_changed", None)
        if refresh is not None:
            refresh(changes)
        self.app.dirty = True

    def _say(self, text: str, error: bool = False) -> None:
        self.message = text
        self.message_is_error = error
        self.app.speak(text)

    # -- events ----------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool | None:
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame.MOUSEBUTTONDOWN:
            return self._click(event)
        if event.type == pygame.MOUSEWHEEL:
            count = len(self.names)
            top = max(0, count - self.visible_rows)
            self.scroll = max(0, min(top, self.scroll - event.y))
            # The chosen row stays in view: it moves with the page.
            last = self.scroll + self.visible_rows - 1
            self.selected = max(self.scroll, min(last, self.selected))
            self.typed = None
            return True
        return None

    def _key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if self.typed is not None:
            if key == pygame.K_ESCAPE:
                self.typed = None
                self._say(_("Not changed"))
            elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.submit_typed()
            elif key == pygame.K_BACKSPACE:
                self.typed = self.typed[:-1]
            elif key in (pygame.K_UP, pygame.K_DOWN):
                self.select(self.selected + (1 if key == pygame.K_DOWN else -1))
            else:
                char = getattr(event, "unicode", "")
                if char and (char.isdigit() or char in "-,_") and len(self.typed) < MAX_TYPED:
                    self.typed += char
            return True
        char = getattr(event, "unicode", "")
        if not (char and (char.isalnum() or char == "_")):
            self._search = ""  # any other key ends a name being typed
        if key in (pygame.K_ESCAPE, pygame.K_F3):
            self.close()
        elif key in (pygame.K_UP, pygame.K_DOWN):
            self.select(self.selected + (1 if key == pygame.K_DOWN else -1))
        elif key == pygame.K_PAGEUP:
            self.select(self.selected - self.visible_rows)
        elif key == pygame.K_PAGEDOWN:
            self.select(self.selected + self.visible_rows)
        elif key == pygame.K_HOME:
            self.select(0)
        elif key == pygame.K_END:
            self.select(len(self.names) - 1)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.toggle_or_edit()
        elif key in (pygame.K_LEFT, pygame.K_MINUS, pygame.K_KP_MINUS):
            self.nudge(-1)
        elif key in (pygame.K_RIGHT, pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.nudge(1)
        elif key == pygame.K_BACKSPACE or (key == pygame.K_z and event.mod & pygame.KMOD_CTRL):
            self.undo()
        else:
            self.find(char)
        return True

    def find(self, char: str) -> None:
        """Letters typed in quick succession select the first variable they begin."""
        if not char or not (char.isalnum() or char == "_"):
            return
        now = time.monotonic()
        if now - self._search_at > SEARCH_PAUSE:
            self._search = ""
        self._search_at = now
        self._search += char.lower()
        names = self.names
        for index, name in enumerate(names):
            if name.lower().startswith(self._search):
                self.select(index)
                return
        self._say(_("No variable begins with '{text}'").format(text=self._search), error=True)

    def _click(self, event: pygame.event.Event) -> bool:
        if is_back(event):
            if self.typed is not None:
                self.typed = None
            else:
                self.close()
            return True
        if event.button != 1:
            return True
        pos = event.pos
        if self.close_rect.collidepoint(pos):
            self.close()
            return True
        for direction, rect in self.step_buttons:
            if rect.collidepoint(pos):
                self.nudge(direction)
                return True
        for index, (name, rect) in enumerate(self.rows):
            if not rect.collidepoint(pos):
                continue
            position = self.scroll + index
            if position == self.selected and self.typed is None:
                self.toggle_or_edit()  # a second click on the chosen row changes it
            elif position != self.selected:
                self.select(position)
                value = self.value_rects.get(name)
                if value is not None and value.collidepoint(pos):
                    self.toggle_or_edit()  # a click on the value changes it at once
            return True
        return True  # the overlay is modal: clicks elsewhere do nothing

    # -- drawing -----------------------------------------------------------------------------------
    def _faces(self) -> tuple[Face, Face, Face]:
        app = self.app
        size = max(14, app.ui_px - 2)
        return (
            app.face("sans-bold", size + 1),
            app.face("sans", size),
            app.face("serif-italic", max(13, size - 1)),
        )

    def toast_area(self) -> tuple[float, float, float, float]:
        """Notes go to the right of the panel, over the picture."""
        x, y, w, _h = PANEL
        left = x + w + 16
        return (left, y, 1280 - 24 - left, 200.0)

    def draw(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        session = app.session
        bold, face, small = self._faces()
        x, y, w, h = PANEL
        panel = pygame.Rect(vp.rect(x, y, w, h))
        draw_panel(target, panel, (*theme.backdrop, 250), vp.px(12), theme.panel_edge)
        pad = vp.px(14)
        left, right = panel.x + pad, panel.right - pad
        width = right - left
        top = panel.y + pad
        # The title, with a Close button on its right.
        close_label = _("Close")
        close_w = face.width(close_label) + vp.px(16)
        self.close_rect = pygame.Rect(right - close_w, top - vp.px(2), close_w, face.line_height)
        draw_panel(target, self.close_rect, theme.button, vp.px(6))
        target.blit(face.render(close_label, theme.text), (self.close_rect.x + vp.px(8), top))
        title = fit_text(bold, _("Debug (F3)"), width - close_w - vp.px(8))
        target.blit(bold.render(title, theme.heading), (left, top))
        top += bold.line_height + vp.px(4)
        if session is None:
            return
        runner = session.runner
        scene = runner.scene
        place = f"{scene.loc.file}:{scene.loc.line}"
        facts = [
            (_("Scene: {scene}").format(scene=runner.scene_id), theme.text),
            (place, theme.text_dim),
            (_("Seed {seed} · step {step}").format(seed=runner.seed, step=runner.step), theme.text),
        ]
        self.facts = [text for text, _colour in facts]
        for text, colour in facts:
            used = small if colour == theme.text_dim else face
            for line in wrap_text(text, width, used.width):
                target.blit(used.render(line, colour), (left, top))
                top += used.line_height
        top += vp.px(6)
        # The bottom: the message and the keys, laid out first so the rows get the rest.
        hints = wrap_text(
            _("Enter changes · type a name to find it · Backspace undoes · Esc closes"),
            width,
            small.width,
        )
        message_lines = wrap_text(self.message, width, small.width) if self.message else []
        bottom_h = (len(hints) + len(message_lines)) * small.line_height + vp.px(8)
        rows_bottom = panel.bottom - pad - bottom_h
        self._draw_rows(target, vp, face, small, left, top, width, rows_bottom)
        by = rows_bottom + vp.px(8)
        colour = theme.loss if self.message_is_error else theme.accent
        for line in message_lines:
            target.blit(small.render(line, colour), (left, by))
            by += small.line_height
        for line in hints:
            target.blit(small.render(line, theme.text_dim), (left, by))
            by += small.line_height

    def _draw_rows(
        self,
        target: pygame.Surface,
        vp: Viewport,
        face: Face,
        small: Face,
        left: int,
        top: int,
        width: int,
        bottom: int,
    ) -> None:
        theme = self.app.theme
        names = self.names
        row_h = face.line_height + vp.px(6)
        detail_h = small.line_height
        self.visible_rows = max(1, (bottom - top - detail_h) // row_h)
        if self.selected < self.scroll:
            self.scroll = self.selected
        elif self.selected >= self.scroll + self.visible_rows:
            self.scroll = self.selected - self.visible_rows + 1
        self.scroll = max(0, min(self.scroll, max(0, len(names) - self.visible_rows)))
        self.rows, self.value_rects, self.step_buttons = [], {}, []
        y = top
        shown = names[self.scroll : self.scroll + self.visible_rows]
        for offset, name in enumerate(shown):
            index = self.scroll + offset
            rect = pygame.Rect(left - vp.px(6), y, width + vp.px(12), row_h)
            chosen = index == self.selected
            if chosen:
                draw_panel(target, rect, theme.button_hover, vp.px(6), theme.panel_edge)
            if self.typed is not None and chosen:
                value = self.typed + "▏"
                colour = theme.accent
            else:
                value = value_text(self.value_of(name))
                colour = theme.accent if chosen else theme.text
            value_w = face.width(value)
            steps_w = 0
            value_obj = self.value_of(name)
            if chosen and self.typed is None and not isinstance(value_obj, bool):
                steps_w = self._draw_steps(target, vp, face, rect)
            value_x = rect.right - vp.px(8) - steps_w - value_w
            label = fit_text(face, name, max(vp.px(20), value_x - left - vp.px(8)))
            text_y = y + vp.px(3)
            target.blit(face.render(label, theme.heading if chosen else theme.text), (left, text_y))
            target.blit(face.render(value, colour), (value_x, text_y))
            self.value_rects[name] = pygame.Rect(value_x - vp.px(4), y, value_w + vp.px(8), row_h)
            self.rows.append((name, rect))
            y += row_h
        if len(names) > self.visible_rows:
            more = _("{first}-{last} of {count} · ↑↓, the wheel").format(
                first=self.scroll + 1, last=self.scroll + len(shown), count=len(names)
            )
            target.blit(small.render(fit_text(small, more, width), theme.text_dim), (left, y))
        elif self.current is not None:
            words = kind_text(self.app.story, self.current)
            target.blit(small.render(fit_text(small, words, width), theme.text_dim), (left, y))

    def _draw_steps(
        self, target: pygame.Surface, vp: Viewport, face: Face, row: pygame.Rect
    ) -> int:
        """The - and + buttons at the right of the chosen number's row; their width."""
        theme = self.app.theme
        size = row.h - vp.px(6)
        gap = vp.px(4)
        x = row.right - vp.px(4) - 2 * size - gap
        for direction, label in ((-1, "−"), (1, "+")):
            rect = pygame.Rect(x, row.y + vp.px(3), size, size)
            draw_panel(target, rect, theme.button, vp.px(5), theme.panel_edge)
            glyph = face.render(label, theme.text)
            target.blit(glyph, glyph.get_rect(center=rect.center))
            self.step_buttons.append((direction, rect))
            x += size + gap
        return 2 * size + gap + vp.px(6)

    # -- self-voicing ------------------------------------------------------------------------------
    def speech(self) -> list[tuple[str, object, str]]:
        name = self.current
        items: list[tuple[str, object, str]] = [("title", "debug", _("Debug overlay"))]
        if name is not None:
            words = f"{name}: {value_text(self.value_of(name))}"
            items.append(("focus", (name, words), words))
        return items
