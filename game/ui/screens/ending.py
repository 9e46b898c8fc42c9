"""The ending: its title and epilogue, and what the years did to the money and to the
family (each meter from its start to its end, and where the money went).

A long epilogue scrolls (the wheel, the arrows, Page Up/Down, Space, Home/End); while
more text lies below, the text fades out at the bottom of its panel and a "more"
sign says so, as the story screen's pages do.
"""

from __future__ import annotations

from collections import defaultdict

import pygame

from game.engine import LedgerEntry, MeterView, Story
from game.i18n import _, format_number, ngettext
from game.ui.host import Host
from game.ui.layout import Viewport, clamp_scroll, wrap_text
from game.ui.screens.base import Screen, is_back
from game.ui.screens.history import HistoryScreen
from game.ui.screens.ledger import LedgerScreen
from game.ui.screens.title import draw_background
from game.ui.speech import LineReader, meter_words
from game.ui.text import Face, smarten
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
#: Below the buttons: the strip where notes (the decision record's file) go.
BOTTOM_GAP = 50
FADE_H = 56  # design units of text that fade into the panel at a scrolling edge
Colour = tuple[int, int, int]
#: face, text, colour, space before, and the cells of a table row (right-aligned columns)
Line = tuple[Face, str, Colour, int, tuple[tuple[str, Colour], ...]]


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


def money_table(
    story: Story, entries: tuple[LedgerEntry, ...]
) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """Where the money went, as the text mode prints it (game/textui.py): one column per
    money variable (cash and the savings book), one row per ledger category with any
    money in it, in the story's order of categories. Returns (column labels, rows)."""
    money = [v for v in story.variables.values() if v.type == "money"]
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for entry in entries:
        totals[(entry.category, entry.variable)] += entry.amount
    rows: list[tuple[str, list[int]]] = []
    for category, label in story.ledger_categories.items():
        amounts = [totals.get((category, var.id), 0) for var in money]
        if any(amounts):
            rows.append((label, amounts))
    return [var.label for var in money], rows


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
        self._column_w = 1
        self._lines_key: tuple[object, ...] | None = None
        self._fades: dict[tuple[object, ...], pygame.Surface] = {}
        self._reader = LineReader()
        self.group = ButtonGroup(
            [
                Button(_("Back to the title"), app.go_title),
                Button(_("History"), self.open_history, key_hint="H"),
                Button(_("Ledger"), self.open_ledger, key_hint="L"),
                Button(_("Save my decisions for the teacher"), app.save_decisions, key_hint="D"),
            ],
            columns=4,
        )
        if app.records_automatically and session.record_path is None:
            app.save_decisions()

    def open_history(self) -> None:
        self.app.push(HistoryScreen(self.app))

    def open_ledger(self) -> None:
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

    def speech(self) -> list[tuple[str, object, str]]:
        """Self-voicing: the ending's lines as they scroll into view (the money table with
        its figures), the family's meters once, then the focused button."""
        items: list[tuple[str, object, str]] = []
        if self._lines:
            visible: list[int] = []
            y = 0
            for index, (face, _text, _colour, gap, _cells) in enumerate(self._lines):
                y += gap
                if y >= self.scroll - 1 and y + face.line_height <= self.scroll + self._view_h + 1:
                    visible.append(index)
                y += face.line_height
            if visible:
                span = (visible[0], visible[-1] + 1)
                words = []
                for index in self._reader.step(*span):
                    face, text, _colour, _gap, cells = self._lines[index]
                    figures = " ".join(cell for cell, _ in cells if cell)
                    line = " ".join(part for part in (text, figures) if part)
                    after = self._lines[index + 1] if index + 1 < len(self._lines) else None
                    # A sentence ends where the paragraph, the style or the row ends.
                    if after is None or cells or after[3] or after[0] is not face:
                        line = line if line[-1:] in '.!?”"' else line + "."
                    words.append(line)
                items.append(("lines", span, " ".join(words)))
            family = [m for m in self.view.meters if m.kind == "meter"]
            if family:
                summary = _("The family: {meters}").format(meters=meter_words(family))
                items.append(("summary", summary, summary))
        items += [item for item in super().speech() if item[0] == "focus"]
        return items

    def toast_area(self) -> tuple[float, float, float, float]:
        """Notes go under the buttons, never over the title or the figures."""
        return (TEXT_AREA[0], 720 - BOTTOM_GAP + 4, 1200.0, BOTTOM_GAP - 6)

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
        y = 720 - BOTTOM_GAP - row_h
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
        x, y, w, _n = TEXT_AREA
        h = 720 - BOTTOM_GAP - (app.ui_px + 1) * 2.3 - 20 - y
        area = pygame.Rect(vp.rect(x, y, w, h))
        draw_panel(target, area, theme.panel, vp.px(14), theme.panel_edge)
        inner = area.inflate(-2 * vp.px(36), -2 * vp.px(28))
        lines = self._epilogue_lines(inner.w)
        content = sum(face.line_height + gap for face, _, _, gap, _ in lines)
        self._content_h, self._view_h = content, inner.h
        self.scroll = clamp_scroll(self.scroll, content, inner.h)
        layer = pygame.Surface(inner.size, pygame.SRCALPHA)
        ly = -round(self.scroll)
        col_w = self._column_w
        for face, text, colour, gap, cells in lines:
            ly += gap
            if -face.line_height < ly < inner.h:
                if text:
                    layer.blit(face.render(text, colour), (0, ly))
                for index, (cell, cell_colour) in enumerate(cells):
                    if cell:
                        rendered = face.render(cell, cell_colour)
                        right = inner.w - col_w * (len(cells) - 1 - index)
                        layer.blit(rendered, (right - rendered.get_width(), ly))
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
            more = hint.render(_("more  \u25bc  wheel or \u2193"), theme.accent)
            x = inner.right - more.get_width()
            y = inner.bottom + (area.bottom - inner.bottom - more.get_height()) // 2
            y = min(y, area.bottom - vp.px(4) - more.get_height())  # inside, at any size
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
        lines: list[Line] = [(small, _("THE END"), theme.accent, 0, ())]
        if ending is not None:
            for line in wrap_text(smarten(ending.title), width, title.width):
                lines.append((title, line, theme.heading, 0, ()))
            for index, para in enumerate(ending.epilogue):
                gap = app.vp.px(14) if index == 0 else round(body.line_height * 0.5)
                for n, line in enumerate(wrap_text(smarten(para), width, body.width, True)):
                    lines.append((body, line, theme.text, gap if n == 0 else 0, ()))
        lines += self._table_lines(width)
        self._lines, self._lines_key = lines, key
        return lines

    def _table_lines(self, width: int) -> list[Line]:
        """Where the money went, in full, after the epilogue (as the text mode prints it):
        a row per category, a column per account, then each account at the end."""
        app = self.app
        theme = app.theme
        face = app.face("sans", app.ui_px - 1)
        bold = app.face("sans-bold", app.ui_px - 1)
        head = app.face("serif-bold", app.ui_px + 3)
        columns, rows = money_table(app.story, self.entries)
        if not columns or not rows:
            return []
        col_w = max(
            face.width("\u221288,888") + app.vp.px(16),
            *(bold.width(word) + app.vp.px(16) for name in columns for word in name.split()),
        )
        self._column_w = col_w
        label_w = width - col_w * len(columns)
        gap = round(face.line_height * 0.8)
        lines: list[Line] = [(head, _("Where the money went"), theme.heading, gap * 2, ())]
        heads = [wrap_text(name, col_w - app.vp.px(10), bold.width)[:2] for name in columns]
        for n in range(max(len(h) for h in heads)):
            cells = tuple((h[n] if n < len(h) else "", theme.accent) for h in heads)
            lines.append((bold, _("yuan") if n == 0 else "", theme.text_dim, 0, cells))
        for label, amounts in rows:
            cells = tuple(
                (
                    (("+" if a > 0 else "\u2212") + format_number(abs(a))) if a else "",
                    theme.gain if a > 0 else theme.loss,
                )
                for a in amounts
            )
            lines.append(
                (face, fit_text(face, label, label_w - app.vp.px(8)), theme.text, 0, cells)
            )
        money = {m.label: m for m in self.view.meters if m.kind == "money"}
        ends = tuple(
            (format_number(money[c].value) if c in money else "", theme.heading) for c in columns
        )
        lines.append((bold, _("At the end"), theme.heading, app.vp.px(6), ends))
        return lines

    def _draw_summary(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        sx, sy, sw, _n = SUMMARY_AREA
        area = pygame.Rect(vp.rect(sx, sy, sw, 720 - BOTTOM_GAP - (app.ui_px + 1) * 2.3 - 20 - sy))
        draw_panel(target, area, theme.panel, vp.px(14), theme.panel_edge)
        pad = vp.px(24)
        x, y = area.x + pad, area.y + pad
        inner_w = area.w - 2 * pad
        head = app.face("serif-bold", app.ui_px + 3)
        face = app.face("sans", app.ui_px - 1)
        meters = [m for m in self.view.meters if m.kind == "meter"]
        target.blit(head.render(_("The family"), theme.heading), (x, y))
        y += head.line_height
        for meter in meters:
            y = self._meter_row(target, vp, face, meter, x, y, inner_w)
        y += vp.px(12)
        self._draw_money_table(target, vp, x, y, inner_w, area.bottom - pad)

    def _draw_money_table(
        self, target: pygame.Surface, vp: Viewport, x: int, y: int, width: int, bottom: int
    ) -> None:
        """The money: each account at the start, where the money went (the text mode's
        table, cash and the savings book side by side) and each account at the end."""
        app = self.app
        theme = app.theme
        head = app.face("serif-bold", app.ui_px + 3)
        face = app.face("sans", app.ui_px - 3)
        bold = app.face("sans-bold", app.ui_px - 3)
        columns, rows = money_table(app.story, self.entries)
        by_label = {m.label: m for m in self.view.meters if m.kind == "money"}
        if not columns:
            return
        col_w = max(
            face.width("\u221288,888") + vp.px(12),
            *(bold.width(word) + vp.px(12) for name in columns for word in name.split()),
        )
        rights = [x + width - col_w * (len(columns) - 1 - i) for i in range(len(columns))]
        label_w = width - col_w * len(columns)
        head_lines = [wrap_text(name, col_w - vp.px(8), bold.width)[:2] for name in columns]
        target.blit(head.render(_("The money"), theme.heading), (x, y))
        header_h = max(len(lines) for lines in head_lines) * bold.line_height
        top = y + max(0, head.line_height - header_h)
        for lines, right in zip(head_lines, rights, strict=True):
            for n, line in enumerate(lines):
                blit_text(
                    target, bold, line, (right, top + n * bold.line_height), theme.accent, "right"
                )
        y = max(y + head.line_height, top + header_h)

        def balances(label: str, values: list[int | None], style: Face) -> None:
            nonlocal y
            blit_text(target, style, label, (x, y), theme.text)
            for value, right in zip(values, rights, strict=True):
                if value is not None:
                    blit_text(
                        target, style, format_number(value), (right, y), theme.heading, "right"
                    )
            y += style.line_height

        meters = [by_label.get(column) for column in columns]
        starts = [
            self.start_meters[m.id].value if m is not None and m.id in self.start_meters else None
            for m in meters
        ]
        balances(_("At the start"), starts, face)
        room = bottom - y - bold.line_height - vp.px(8)
        fits = max(0, room // max(1, face.line_height))
        shown = rows
        if len(rows) > fits:
            # Too many to list here: the largest sums, in the story's order; the ledger
            # lists every one.
            biggest = sorted(rows, key=lambda row: -sum(abs(a) for a in row[1]))[: fits - 1]
            shown = [row for row in rows if row in biggest]
        for label, amounts in shown:
            name = fit_text(face, label, label_w - vp.px(8))
            blit_text(target, face, name, (x, y), theme.text_dim)
            for amount, right in zip(amounts, rights, strict=True):
                if amount:
                    colour = theme.gain if amount > 0 else theme.loss
                    text = ("+" if amount > 0 else "\u2212") + format_number(abs(amount))
                    blit_text(target, face, text, (right, y), colour, "right")
            y += face.line_height
        if len(shown) < len(rows):
            hidden = len(rows) - len(shown)
            more = ngettext(
                "{n} more: the full table follows the epilogue",
                "{n} more: the full table follows the epilogue",
                hidden,
            ).format(n=hidden)
            blit_text(target, face, fit_text(face, more, width), (x, y), theme.text_dim)
            y += face.line_height
        y += vp.px(4)
        pygame.draw.line(target, theme.text_dim, (x, y), (x + width, y))
        y += vp.px(4)
        balances(_("At the end"), [m.value if m is not None else None for m in meters], bold)

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
