"""What many screens share: going back, the shade behind overlays, menus and confirmations.

A screen handles events, says whether it is animating, and draws itself into the window
at the viewport's scale. Overlay screens (pause, confirm) draw the screen below first,
dimmed.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.i18n import N_, _
from game.ui.host import Host
from game.ui.host import Screen as Screen  # screens import their base class from here
from game.ui.layout import DESIGN_W, Viewport, menu_rows, wrap_text
from game.ui.widgets import Button, ButtonGroup, blit_text, draw_group_button, draw_panel

BACK_KEYS = (pygame.K_ESCAPE,)
BACK_HINT = N_("Esc or a right click goes back")


def is_back(event: pygame.event.Event) -> bool:
    if event.type == pygame.KEYDOWN and event.key in BACK_KEYS:
        return True
    return event.type == pygame.MOUSEBUTTONDOWN and event.button == 3


def draw_shade(target: pygame.Surface, app: Host) -> None:
    draw_panel(target, app.viewport_rect(), app.theme.shade)


class MenuScreen(Screen):
    """A titled panel with a column of buttons; Esc or right click goes back."""

    overlay = True
    width = 440

    def __init__(
        self,
        app: Host,
        title: str,
        items: list[Button],
        on_back: Callable[[], None] | None = None,
        message: str | None = None,
    ) -> None:
        super().__init__(app)
        self.title = title
        self.message = message
        self.group = ButtonGroup(items)
        self.on_back = on_back or app.pop
        self._panel = ((DESIGN_W - self.width) / 2, 20.0, float(self.width), 680.0)

    def toast_area(self) -> tuple[float, float, float, float]:
        """Notes go beside the panel, on the right, never over its buttons."""
        x, _n, w, _n = self._panel
        left = x + w + 16
        return (left, 24.0, DESIGN_W - 16 - left, 672.0)

    def handle(self, event: pygame.event.Event) -> bool | None:
        if is_back(event):
            self.on_back()
            return True
        if event.type == pygame.KEYDOWN and pygame.K_1 <= event.key <= pygame.K_9:
            self.group.activate(event.key - pygame.K_1)
            return True
        return self.group.handle(event)

    def draw(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        draw_shade(target, app)
        title_face = app.face("serif-bold", app.ui_px + 10)
        face = app.face("sans", app.ui_px + 2)
        small = app.face("serif-italic", app.ui_px)
        row_h = round(app.ui_px * 2.6)
        gap = 10
        message_h = 0
        message_lines: list[str] = []
        if self.message:
            message_lines = wrap_text(self.message, vp.px(self.width - 64), small.width)
            message_h = round(len(message_lines) * small.line_height / vp.scale) + 12
        count = len(self.group.buttons)
        hint_face = app.face("sans", max(13, app.ui_px - 5))
        hint_h = round(hint_face.line_height / vp.scale)
        height = 70 + message_h + count * (row_h + gap) + 16 + hint_h + 12
        x = (DESIGN_W - self.width) / 2
        y = max(20, (720 - height) / 2)
        self._panel = (x, y, self.width, height)
        draw_panel(
            target, vp.rect(x, y, self.width, height), theme.panel, vp.px(14), theme.panel_edge
        )
        blit_text(
            target, title_face, self.title, vp.point(DESIGN_W / 2, y + 22), theme.heading, "centre"
        )
        top = y + 70
        for line in message_lines:
            left, ly = vp.point(x + 32, top)
            target.blit(small.render(line, theme.text_dim), (left, ly))
            top += small.line_height / vp.scale
        top += 12 if message_lines else 0
        for index, (row_y, h) in enumerate(menu_rows(count, top, row_h, gap)):
            rect = pygame.Rect(vp.rect(x + 32, row_y, self.width - 64, h))
            draw_group_button(
                target, vp, theme, self.group, index, rect, face, small, align="centre"
            )
        hint_y = y + height - 12 - hint_h
        blit_text(
            target,
            hint_face,
            _(BACK_HINT),
            vp.point(DESIGN_W / 2, hint_y),
            theme.text_dim,
            "centre",
        )


class ConfirmScreen(MenuScreen):
    """Yes/No over the current screen; Esc means no."""

    width = 520

    def __init__(
        self,
        app: Host,
        question: str,
        on_yes: Callable[[], object],
        yes: str | None = None,
        message: str | None = None,
    ) -> None:
        def confirm() -> None:
            app.pop()
            on_yes()

        super().__init__(
            app,
            question,
            [Button(yes or _("Yes"), confirm), Button(_("No"), app.pop)],
            message=message,
        )
        self.group.focus = 1
