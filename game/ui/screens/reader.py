"""A scrolling page of styled text blocks: the base of History, About, the glossary,
context cards and the reload errors.

Blocks are wrapped at the real window size, then only the lines in view are drawn.
Arrows, Page Up/Down, Home/End and the mouse wheel scroll; Esc, right click or the
Close button closes. A screen can add buttons of its own beside Close (About opens
the glossary). An overlay reader dims the screen below instead of covering it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.i18n import _
from game.ui.host import Host
from game.ui.layout import DESIGN_W, Viewport, clamp_scroll, wrap_text
from game.ui.screens.base import Screen, draw_shade, is_back
from game.ui.speech import LineReader
from game.ui.text import Face, smarten
from game.ui.widgets import Button, blit_text, draw_panel, draw_scrollbar

STYLES = {
    # style: (face, size offset from the reading size, colour name, space before)
    "title": ("serif-bold", 6, "heading", 10),
    "name": ("sans-bold", -2, "accent", 12),
    "body": ("serif", 0, "text", 4),
    "dim": ("serif-italic", -2, "text_dim", 4),
    "choice": ("sans", -2, "accent", 6),
    "rule": ("sans", 0, "text_dim", 14),
    "code": ("sans-bold", -2, "accent", 14),
    "term": ("serif-bold", 0, "accent", 16),
}
HEADER_Y = 28
BODY_TOP = 96
BODY_H = 600


@dataclass(frozen=True, slots=True)
class Block:
    style: str
    text: str


class ReaderScreen(Screen):
    """Shows blocks of text in a centred column that scrolls."""

    name = "reader"
    panel_w = 900
    close_keys: tuple[int, ...] = ()

    def __init__(
        self, app: Host, title: str, blocks: list[Block], start_at_end: bool = False
    ) -> None:
        super().__init__(app)
        self.title = title
        self.blocks = blocks
        self.scroll = 1e9 if start_at_end else 0.0
        self._lines: list[tuple[str, str, int]] | None = None  # (style, text, y)
        self._content_h = 0
        self._key: tuple[object, ...] | None = None
        self._view_h = 1
        self.header: list[Button] = [
            *self.extra_buttons(),
            Button(_("Close"), app.pop, key_hint=_("Esc")),
        ]
        self._hover: str | None = None
        self._reader = LineReader()
        x = (DESIGN_W - self.panel_w) / 2
        self._toast_area: tuple[float, float, float, float] = (
            x + 240,
            8.0,
            float(self.panel_w - 480),
            80.0,
        )

    def toast_area(self) -> tuple[float, float, float, float]:
        """Notes go in the header, between the title and the buttons."""
        return self._toast_area

    def extra_buttons(self) -> list[Button]:
        """Buttons a screen adds beside Close, in the header."""
        return []

    def relayout(self) -> None:
        self._lines = None

    def _layout(self, width: int) -> list[tuple[str, str, int]]:
        key = (width, self.app.vp.scale, self.app.settings.text_size)
        if self._lines is not None and self._key == key:
            return self._lines
        lines: list[tuple[str, str, int]] = []
        y = 0
        for index, block in enumerate(self.blocks):
            face = self._face(block.style)
            if index:
                y += self.app.vp.px(STYLES[block.style][3])
            if block.style == "rule":
                lines.append(("rule", "", y))
                y += self.app.vp.px(8)
                continue
            text = block.text if block.style == "code" else smarten(block.text)
            for line in wrap_text(text, width, face.width, no_widows=block.style == "body"):
                lines.append((block.style, line, y))
                y += face.line_height
        self._lines, self._key, self._content_h = lines, key, y
        return lines

    def _face(self, style: str) -> Face:
        name, offset, _colour, _size = STYLES[style]
        return self.app.face(name, self.app.body_px + offset)

    def handle(self, event: pygame.event.Event) -> bool | None:
        if is_back(event) or (event.type == pygame.KEYDOWN and event.key in self.close_keys):
            self.app.pop()
            return True
        if event.type == pygame.MOUSEMOTION:
            hovered = next((b.label for b in self.header if b.rect.collidepoint(event.pos)), None)
            changed = hovered != self._hover
            self._hover = hovered
            return changed
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for button in self.header:
                if button.rect.collidepoint(event.pos):
                    button.action()
                    return True
        step = self._face("body").line_height
        if event.type == pygame.KEYDOWN:
            moves = {
                pygame.K_UP: -step,
                pygame.K_DOWN: step,
                pygame.K_PAGEUP: -self._view_h * 0.9,
                pygame.K_PAGEDOWN: self._view_h * 0.9,
                pygame.K_SPACE: self._view_h * 0.9,
                pygame.K_HOME: -1e9,
                pygame.K_END: 1e9,
            }
            if event.key in moves:
                self.scroll += moves[event.key]
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll -= event.y * step * 3
        return True

    def speech(self) -> list[tuple[str, object, str]]:
        """The title, then the lines that came into view, line by line as they scroll in."""
        items: list[tuple[str, object, str]] = [("title", self.title, self.title)]
        if self._lines is None:
            return items
        visible = [
            index
            for index, (style, _, y) in enumerate(self._lines)
            if y >= self.scroll - 1
            and y + self._face(style).line_height <= self.scroll + self._view_h + 1
        ]
        if not visible:
            return items
        span = (visible[0], visible[-1] + 1)
        new = self._reader.step(*span)
        words = [self._lines[i][1] for i in new if self._lines[i][0] != "rule"]
        items.append(("lines", span, " ".join(words)))
        return items

    def draw(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        x = (DESIGN_W - self.panel_w) / 2
        if self.overlay:
            # Over the dimmed game, one calm card holds the header and the text.
            draw_shade(target, app)
            card = vp.rect(x - 24, 12, self.panel_w + 48, 720 - 24)
            draw_panel(target, card, (*theme.backdrop, 250), vp.px(16), theme.panel_edge)
        else:
            draw_panel(target, app.viewport_rect(), (*theme.backdrop, 255))
        head = app.face("serif-bold", 34)
        title = blit_text(target, head, self.title, vp.point(x, HEADER_Y), theme.heading)
        self._draw_header(target, vp, title.right, x + self.panel_w)
        area = pygame.Rect(vp.rect(x, BODY_TOP, self.panel_w, BODY_H))
        draw_panel(target, area, theme.panel, vp.px(12), theme.panel_edge)
        body = area.inflate(-2 * vp.px(32), -2 * vp.px(20))
        lines = self._layout(body.w)
        self._view_h = body.h
        self.scroll = clamp_scroll(self.scroll, self._content_h, body.h)
        clip = target.get_clip()
        target.set_clip(body.clip(clip))
        top = body.y - round(self.scroll)
        for style, text, y in lines:
            if top + y > body.bottom:
                break
            face = self._face(style)
            if top + y + face.line_height < body.y:
                continue
            colour = getattr(theme, STYLES[style][2])
            if style == "rule":
                ry = top + y + vp.px(4)
                pygame.draw.line(target, theme.meter_track, (body.x, ry), (body.right, ry), 1)
                continue
            target.blit(face.render(text, colour), (body.x, top + y))
        target.set_clip(clip)
        draw_scrollbar(
            target, theme, area.inflate(-vp.px(8), -vp.px(24)), self.scroll, self._content_h
        )

    def _draw_header(self, target: pygame.Surface, vp: Viewport, left: int, right_x: float) -> None:
        """The header's buttons at the right, and the scrolling hint where there is room."""
        app = self.app
        theme = app.theme
        face = app.face("sans", app.ui_px)
        hint = app.face("sans", max(14, app.ui_px - 3))
        right, _n = vp.point(right_x, 0)
        _n, mid = vp.point(0, HEADER_Y + 22)
        for button in reversed(self.header):
            label_w = face.width(button.label + " ") + face.width(button.key_hint or "")
            rect = pygame.Rect(0, 0, label_w + vp.px(24), vp.px(34))
            rect.midright = (right, mid)
            button.rect = rect
            fill = theme.button_hover if self._hover == button.label else theme.button
            draw_panel(target, rect, fill, vp.px(8))
            y = rect.centery - face.height // 2
            x = rect.x + vp.px(12)
            target.blit(face.render(button.label, theme.text), (x, y))
            x += face.width(button.label + " ")
            target.blit(face.render(button.key_hint or "", theme.accent), (x, y))
            right = rect.x - vp.px(8)
        lx, _ly = vp.to_design(left, 0)
        rx, _ry = vp.to_design(right, 0)
        self._toast_area = (lx + 16, 8.0, max(120.0, rx - lx - 24), 80.0)
        text = _("arrows or the wheel scroll  \u00b7  right click closes")
        if hint.width(text) < right - left - vp.px(24):
            blit_text(
                target,
                hint,
                text,
                (right - vp.px(8), mid - hint.height // 2),
                theme.text_dim,
                "right",
            )
