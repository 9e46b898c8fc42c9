"""The ending: its title and epilogue, and what the years did to the money and to the
family (each meter from its start to its end, and where the money went).

A long epilogue scrolls (the wheel, the arrows, Page Up/Down, Space, Home/End); while
more text lies below, the text fades out at the bottom of its panel and a "more"
sign says so, as the story screen's pages do.
"""

from __future__ import annotations

from collections import defaultdict

import pygame

from game.engine.view import LedgerEntry, MeterView
from game.ui.host import Host
from game.ui.hud import format_yuan
from game.ui.layout import Viewport, clamp_scroll, wrap_text
from game.ui.screens.base import Screen, is_back
from game.ui.screens.title import draw_background
from game.ui.text import Face
from game.ui.widgets import (
    Button,
    ButtonGroup,
    blit_text,
    draw_group_button,
    draw_panel,
    draw_scrollbar,
    fit_text,
)

TEXT_AREA = (40.0, 40.0, 690.0, 560.0)
SUMMARY_AREA = (754.0, 40.0, 486.0, 640.0)
FADE_H = 56  # design units of text that fade into the panel at a scrolling edge
Line = tuple[Face, str, tuple[int, int, int], int]  # face, text, colour, space before


def fade_mask(size: tuple[int, int], fade_h: int, top: bool, bottom: bool) -> pygame.Surface:
    """White with an alpha that falls to nothing over ``fade_h`` pixels at the chosen edges.

    Multiplied into a layer of text (BLEND_RGBA_MULT), it fades the text itself, so the
    fade looks right over any panel and picture behind it.
    """
    w, h = max(1, size[0]), max(1, size[1])
    mask = pygame.Surface((w, h), pygame.SRCALPHA)
    mask.fill((255, 255, 255, 255))
    fade_h = max(1, min(fade_h, h // 2))
    for i in range(fade_h):
        alpha = round(255 * (i / fade_h) ** 1.3)
        if top:
            pygame.draw.line(mask, (255, 255, 255, alpha), (0, i), (w, i))
        if bottom:
            pygame.draw.line(mask, (255, 255, 255, alpha), (0, h - 1 - i), (w, h - 1 - i))
    return mask


def money_summary(entries: tuple[LedgerEntry, ...], variable: str = "money") -> dict[str, int]:
    """Totals by category over the whole game for one account."""
    totals: dict[str, int] = defaultdict(int)
    for entry in entries:
        if entry.variable == variable:
            totals[entry.category] += entry.amount
    return dict(totals)


class EndingScreen(Screen):
    name = "ending"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        session = app.session
        assert session is not None
        self.view = session.view
        self.start_meters = {m.id: m for m in session.start_meters}
        self.entries = session.runner.ledger
        self.scroll = 0.0
        self._content_h = 0
        self._view_h = 1
        self._lines: list[Line] = []
        self._lines_key: tuple[object, ...] | None = None
        self._fades: dict[tuple[object, ...], pygame.Surface] = {}
        self.group = ButtonGroup(
            [
                Button("Back to the title", app.go_title),
                Button("History", self.open_history, key_hint="H"),
                Button("Ledger", self.open_ledger, key_hint="L"),
                Button("Save my decisions for the teacher", app.save_decisions, key_hint="D"),
            ],
            columns=4,
        )
        if app.records_automatically and session.record_path is None:
            app.save_decisions()

    def open_history(self) -> None:
        from game.ui.screens.history import HistoryScreen

        self.app.push(HistoryScreen(self.app))

    def open_ledger(self) -> None:
        from game.ui.screens.ledger import LedgerScreen

        self.app.push(LedgerScreen(self.app))

    def handle(self, event: pygame.event.Event) -> bool | None:
        if is_back(event):
            self.app.pop()
            return True
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_h:
                self.open_history()
                return True
            if event.key == pygame.K_l:
                self.open_ledger()
                return True
            if event.key == pygame.K_d:
                self.app.save_decisions()
                return True
            line = self.app.face("serif", self.app.body_px).line_height
            page = max(line, self._view_h - 2 * line)
            step = {
                pygame.K_UP: -line,
                pygame.K_DOWN: line,
                pygame.K_PAGEUP: -page,
                pygame.K_PAGEDOWN: page,
                pygame.K_SPACE: page,
                pygame.K_HOME: -1e9,
                pygame.K_END: 1e9,
            }
            if event.key in step:
                self.scroll = clamp_scroll(
                    self.scroll + step[event.key], self._content_h, self._view_h
                )
                return True
        if event.type == pygame.MOUSEWHEEL:
            line = self.app.face("serif", self.app.body_px).line_height
            self.scroll = clamp_scroll(
                self.scroll - event.y * 3 * line, self._content_h, self._view_h
            )
            return True
        return self.group.handle(event)

    @property
    def more_below(self) -> bool:
        return self.scroll < self._content_h - self._view_h - 1

    def relayout(self) -> None:
        self._lines_key = None
        self._fades.clear()

    def draw(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        story = self.app.find("story")
        name = self.view.background or getattr(story, "last_background_name", None)
        draw_background(self, target, vp, name or "ending")
        draw_panel(target, app.viewport_rect(), (*theme.backdrop, 150))
        self._draw_epilogue(target, vp)
        self._draw_summary(target, vp)
        face = app.face("sans", app.ui_px + 1)
        small = app.face("sans", app.ui_px - 2)
        row_h = (app.ui_px + 1) * 2.3
        x = TEXT_AREA[0]
        y = 720 - 40 - row_h
        width = (TEXT_AREA[2] - 20) / 3
        for index in range(3):
            rect = pygame.Rect(vp.rect(x + index * (width + 10), y, width, row_h))
            draw_group_button(
                target, vp, theme, self.group, index, rect, face, small, align="centre"
            )
        # The decision record sits under the summary: it belongs with the year's figures.
        rect = pygame.Rect(vp.rect(SUMMARY_AREA[0], y, SUMMARY_AREA[2], row_h))
        draw_group_button(target, vp, theme, self.group, 3, rect, face, small, align="centre")

    def _draw_epilogue(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        x, y, w, _ = TEXT_AREA
        h = 720 - 40 - (app.ui_px + 1) * 2.3 - 20 - y
        area = pygame.Rect(vp.rect(x, y, w, h))
        draw_panel(target, area, theme.panel, vp.px(14), theme.panel_edge)
        inner = area.inflate(-2 * vp.px(36), -2 * vp.px(28))
        lines = self._epilogue_lines(inner.w)
        content = sum(face.line_height + gap for face, _, _, gap in lines)
        self._content_h, self._view_h = content, inner.h
        self.scroll = clamp_scroll(self.scroll, content, inner.h)
        layer = pygame.Surface(inner.size, pygame.SRCALPHA)
        ly = -round(self.scroll)
        for face, text, colour, gap in lines:
            ly += gap
            if -face.line_height < ly < inner.h:
                layer.blit(face.render(text, colour), (0, ly))
            ly += face.line_height
        top, bottom = self.scroll > 1, self.more_below
        if top or bottom:
            key = (inner.size, vp.px(FADE_H), top, bottom)
            mask = self._fades.get(key)
            if mask is None:
                mask = fade_mask(inner.size, vp.px(FADE_H), top, bottom)
                self._fades = {key: mask}
            layer.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        target.blit(layer, inner.topleft)
        draw_scrollbar(
            target, theme, area.inflate(-vp.px(10), -vp.px(28)), self.scroll, self._content_h
        )
        if self.more_below:
            hint = app.face("sans", app.ui_px - 2)
            more = hint.render("more  \u25bc  wheel or \u2193", theme.accent)
            x = inner.right - more.get_width()
            y = inner.bottom + (area.bottom - inner.bottom - more.get_height()) // 2
            target.blit(more, (x, y))

    def _epilogue_lines(self, width: int) -> list[Line]:
        """The title and epilogue wrapped to ``width`` pixels, kept until a resize."""
        app = self.app
        key = (width, app.vp.scale, app.settings.text_size, app.settings.high_contrast)
        if self._lines_key == key:
            return self._lines
        theme = app.theme
        small = app.face("sans-bold", app.ui_px - 1)
        title = app.face("serif-bold", app.body_px + 12)
        body = app.face("serif", app.body_px)
        ending = self.view.ending
        lines: list[Line] = [(small, "THE END", theme.accent, 0)]
        if ending is not None:
            for line in wrap_text(ending.title, width, title.width):
                lines.append((title, line, theme.heading, 0))
            for index, para in enumerate(ending.epilogue):
                gap = app.vp.px(14) if index == 0 else round(body.line_height * 0.5)
                for n, line in enumerate(wrap_text(para, width, body.width)):
                    lines.append((body, line, theme.text, gap if n == 0 else 0))
        self._lines, self._lines_key = lines, key
        return lines

    def _draw_summary(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        sx, sy, sw, _ = SUMMARY_AREA
        area = pygame.Rect(vp.rect(sx, sy, sw, 720 - 40 - (app.ui_px + 1) * 2.3 - 20 - sy))
        draw_panel(target, area, theme.panel, vp.px(14), theme.panel_edge)
        pad = vp.px(24)
        x, y = area.x + pad, area.y + pad
        inner_w = area.w - 2 * pad
        head = app.face("serif-bold", app.ui_px + 3)
        face = app.face("sans", app.ui_px - 1)
        meters = [m for m in self.view.meters if m.kind == "meter"]
        money = [m for m in self.view.meters if m.kind != "meter"]
        target.blit(head.render("The family", theme.heading), (x, y))
        y += head.line_height
        for meter in meters:
            y = self._meter_row(target, vp, face, meter, x, y, inner_w)
        y += vp.px(12)
        target.blit(head.render("The money", theme.heading), (x, y))
        y += head.line_height
        for meter in money:
            start = self.start_meters.get(meter.id)
            before = format_yuan(start.value) if start else ""
            blit_text(target, face, fit_text(face, meter.label, inner_w // 2), (x, y), theme.text)
            blit_text(
                target,
                face,
                f"{before} \u2192 {format_yuan(meter.value)}",
                (x + inner_w, y),
                theme.heading,
                "right",
            )
            y += face.line_height
        totals = money_summary(self.entries)
        categories = app.story.ledger_categories
        ranked = sorted(totals.items(), key=lambda item: item[1])
        spent = [(c, a) for c, a in ranked if a < 0][:4]
        earned = [(c, a) for c, a in reversed(ranked) if a > 0][:2]
        rows = earned + spent
        if rows:
            y += vp.px(6)
            for category, amount in rows:
                if y + face.line_height > area.bottom - pad:
                    break
                colour = theme.gain if amount > 0 else theme.loss
                name = categories.get(category, category.capitalize())
                blit_text(target, face, fit_text(face, name, inner_w // 2), (x, y), theme.text_dim)
                blit_text(
                    target,
                    face,
                    format_yuan(amount, signed=True),
                    (x + inner_w, y),
                    colour,
                    "right",
                )
                y += face.line_height

    def _meter_row(
        self,
        target: pygame.Surface,
        vp: Viewport,
        face: Face,
        meter: MeterView,
        x: int,
        y: int,
        width: int,
    ) -> int:
        theme = self.app.theme
        start = self.start_meters.get(meter.id)
        low, high = meter.minimum or 0, meter.maximum or 10
        span = max(1, high - low)
        label_w = round(width * 0.36)
        blit_text(target, face, fit_text(face, meter.label, label_w - vp.px(6)), (x, y), theme.text)
        value = f"{start.value if start else '?'} \u2192 {meter.value}"
        value_w = face.width("10 \u2192 10") + vp.px(8)
        blit_text(target, face, value, (x + width, y), theme.heading, "right")
        bar_x = x + label_w
        bar_w = width - label_w - value_w
        bar_h = max(4, vp.px(10))
        bar = pygame.Rect(bar_x, y + (face.height - bar_h) // 2, bar_w, bar_h)
        pygame.draw.rect(target, theme.meter_track, bar, border_radius=bar_h // 2)
        fill_w = round(bar_w * (meter.value - low) / span)
        if fill_w > 0:
            pygame.draw.rect(
                target,
                theme.meter_fill,
                (bar.x, bar.y, max(bar_h, fill_w), bar_h),
                border_radius=bar_h // 2,
            )
        if start is not None:
            sx = bar.x + round(bar_w * (start.value - low) / span)
            pygame.draw.line(
                target,
                theme.text,
                (sx, bar.y - vp.px(4)),
                (sx, bar.bottom + vp.px(3)),
                max(1, vp.px(2)),
            )
        return y + face.line_height + vp.px(4)
