"""The ledger (L): every money entry by date with its label and the running balance, and
this year's totals by category.

"This year" is the story's current year, its chapter: one Spring Festival, with the
months since the last spring (summarised, each entry dated where it happened, and booked
at the chapter's start), so a chapter's totals are a whole year's. The totals are split
by account (cash in Guangzhou, the savings book at home), so a transfer home shows as
money leaving one and arriving in the other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import pygame

from game.engine.view import LedgerEntry
from game.ui.host import Host
from game.ui.hud import format_yuan
from game.ui.layout import Viewport, clamp_scroll, wrap_text
from game.ui.screens.base import Screen, is_back
from game.ui.widgets import blit_text, draw_panel, draw_scrollbar, fit_text

TABLE = (40.0, 112.0, 760.0, 568.0)
TOTALS_X = 820.0
TOTALS_W = 420.0


def category_totals(entries: tuple[LedgerEntry, ...], chapter: int) -> dict[str, dict[str, int]]:
    """Sums per category and account for one chapter: {category: {variable: amount}}."""
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for entry in entries:
        if entry.chapter == chapter:
            totals[entry.category][entry.variable] += entry.amount
    return {cat: dict(by_var) for cat, by_var in totals.items()}


def signed_number(amount: int) -> str:
    return ("+" if amount >= 0 else "\u2212") + f"{abs(amount):,}"


def short_date(iso: str) -> str:
    parts = iso.split("-")
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    if len(parts) == 3 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    return iso or "\u2014"


def totals_columns(
    names: list[str],
    room: int,
    measure: Callable[[str], int],
    measure_bold: Callable[[str], int],
    gap: int,
) -> list[int]:
    """Widths of the totals' account columns: each fits its numbers and, where the
    room allows (the category names keep at least 40%), its whole header on one line;
    a header that still does not fit wraps onto a second line."""
    numbers = measure("\u221288,888") + gap
    widths = [max(numbers, measure_bold(name) + gap) for name in names]
    budget = round(room * 0.6)
    if sum(widths) > budget:
        spare = max(0, budget - numbers * len(names))
        extra = [w - numbers for w in widths]
        total_extra = sum(extra) or 1
        widths = [numbers + round(spare * e / total_extra) for e in extra]
    return widths


class LedgerScreen(Screen):
    name = "ledger"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        session = app.session
        self.entries = session.runner.ledger if session else ()
        self.view = session.view if session else None
        self.scroll = 1e9  # start at the newest entries
        self._row_h = 1.0
        self._view_h = 1.0

    def _accounts(self) -> dict[str, str]:
        names = {m.id: m.label for m in self.view.meters} if self.view else {}
        for entry in self.entries:
            names.setdefault(entry.variable, entry.variable)
        return names

    def handle(self, event: pygame.event.Event) -> bool | None:
        if is_back(event) or (event.type == pygame.KEYDOWN and event.key == pygame.K_l):
            self.app.pop()
            return True
        page = self._view_h * 0.9
        if event.type == pygame.KEYDOWN:
            moves = {
                pygame.K_UP: -self._row_h,
                pygame.K_DOWN: self._row_h,
                pygame.K_PAGEUP: -page,
                pygame.K_PAGEDOWN: page,
                pygame.K_HOME: -1e9,
                pygame.K_END: 1e9,
            }
            if event.key in moves:
                self.scroll += moves[event.key]
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll -= event.y * self._row_h * 3
        return True

    def draw(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        draw_panel(target, app.viewport_rect(), (*theme.backdrop, 255))
        head = app.face("serif-bold", 34)
        small = app.face("sans", max(14, app.ui_px - 3))
        blit_text(target, head, "Ledger", vp.point(40, 30), theme.heading)
        blit_text(
            target,
            small,
            "Every yuan in and out  \u00b7  arrows or wheel scroll  \u00b7  Esc or L closes",
            vp.point(1240, 46),
            theme.text_dim,
            "right",
        )
        self._draw_entries(target, vp)
        self._draw_totals(target, vp)

    def _draw_entries(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        face = app.face("sans", app.ui_px - 1)
        bold = app.face("sans-bold", app.ui_px - 1)
        x, y, w, h = TABLE
        area = pygame.Rect(vp.rect(x, y, w, h))
        draw_panel(target, area, theme.panel, vp.px(10), theme.panel_edge)
        pad = vp.px(16)
        inner = area.inflate(-2 * pad, -2 * pad)
        date_w = face.width("30 Nov 2008") + vp.px(14)
        money_w = face.width("\u221288,888 yuan") + vp.px(14)
        label_w = inner.w - date_w - 2 * money_w - vp.px(10)
        label_x = inner.x + date_w
        amount_right = label_x + label_w + money_w
        balance_right = inner.right - vp.px(10)
        row_h = face.line_height + vp.px(4)
        header_y = inner.y
        for text, pos, align in (
            ("Date", inner.x, "left"),
            ("What", label_x, "left"),
            ("Amount", amount_right, "right"),
            ("Balance", balance_right, "right"),
        ):
            blit_text(target, bold, text, (pos, header_y), theme.accent, align)
        body = pygame.Rect(
            inner.x,
            header_y + row_h + vp.px(6),
            inner.w,
            inner.bottom - header_y - row_h - vp.px(6),
        )
        if not self.entries:
            blit_text(
                target, face, "No money has changed hands yet.", (body.x, body.y), theme.text_dim
            )
            return
        accounts = self._accounts()
        primary = next(iter(accounts), "money")
        rows: list[tuple[LedgerEntry, list[str]]] = []
        for entry in self.entries:
            label = entry.label
            if entry.variable != primary:
                label = f"{label} ({accounts.get(entry.variable, entry.variable)})"
            lines = wrap_text(label, label_w - vp.px(8), face.width)
            if len(lines) > 2:
                lines = [lines[0], fit_text(face, " ".join(lines[1:]), label_w - vp.px(8))]
            rows.append((entry, lines))
        gap = vp.px(4)
        content = sum(len(lines) * face.line_height + gap for _, lines in rows)
        self.scroll = clamp_scroll(self.scroll, content, body.h)
        self._row_h, self._view_h = row_h, body.h
        target_clip = target.get_clip()
        target.set_clip(body.clip(target_clip))
        ry = body.y - round(self.scroll)
        for entry, lines in rows:
            height = len(lines) * face.line_height + gap
            if ry > body.bottom:
                break
            if ry + height >= body.y:
                colour = theme.gain if entry.amount > 0 else theme.loss
                blit_text(target, face, short_date(entry.date), (inner.x, ry), theme.text_dim)
                for n, line in enumerate(lines):
                    blit_text(target, face, line, (label_x, ry + n * face.line_height), theme.text)
                amount = format_yuan(entry.amount, signed=True)
                blit_text(target, face, amount, (amount_right, ry), colour, "right")
                balance = format_yuan(entry.balance)
                blit_text(target, face, balance, (balance_right, ry), theme.text, "right")
            ry += height
        target.set_clip(target_clip)
        draw_scrollbar(target, theme, body.inflate(vp.px(12), 0), self.scroll, content)

    def _draw_totals(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        face = app.face("sans", app.ui_px - 1)
        bold = app.face("sans-bold", app.ui_px - 1)
        title_face = app.face("serif-bold", app.ui_px + 2)
        area = pygame.Rect(vp.rect(TOTALS_X, TABLE[1], TOTALS_W, TABLE[3]))
        draw_panel(target, area, theme.panel, vp.px(10), theme.panel_edge)
        pad = vp.px(16)
        x, y = area.x + pad, area.y + pad
        chapter = self.view.chapter if self.view else 0
        title = "This year"
        if self.view and self.view.chapter_title:
            title = f"This year: {self.view.chapter_title}"
        target.blit(
            title_face.render(fit_text(title_face, title, area.w - 2 * pad), theme.heading), (x, y)
        )
        y += title_face.line_height + vp.px(6)
        accounts = self._accounts()
        totals = category_totals(self.entries, chapter)
        used = [a for a in accounts if any(a in by_var for by_var in totals.values())]
        used = used[:2] or [next(iter(accounts), "money")]
        names = [accounts.get(account, account) for account in used]
        widths = totals_columns(names, area.w - 2 * pad, face.width, bold.width, vp.px(24))
        right_edge = area.right - pad
        col_right = [right_edge - sum(widths[i + 1 :]) for i in range(len(used))]
        header_lines = [
            wrap_text(name, width - vp.px(12), bold.width)
            for name, width in zip(names, widths, strict=True)
        ]
        for lines, right, width in zip(header_lines, col_right, widths, strict=True):
            for n, line in enumerate(lines[:2]):
                text = fit_text(bold, line, width - vp.px(12))
                blit_text(
                    target, bold, text, (right, y + n * bold.line_height), theme.accent, "right"
                )
        header_rows = max(min(2, len(lines)) for lines in header_lines)
        y += (header_rows - 1) * bold.line_height
        blit_text(target, face, "yuan", (x, y), theme.text_dim)
        y += face.line_height + vp.px(4)
        label_w = col_right[0] - widths[0] - x
        categories = self.app.story.ledger_categories
        order = [c for c in categories if c in totals] + [c for c in totals if c not in categories]
        if not order:
            blit_text(target, face, "Nothing yet this year.", (x, y), theme.text_dim)
            return
        net = {a: 0 for a in used}
        for category in order:
            for account in used:
                net[account] += totals[category].get(account, 0)
        for category in order:
            name = categories.get(category, category.capitalize())
            lines = wrap_text(name, label_w, face.width)
            if len(lines) > 2:
                lines = [lines[0], fit_text(face, " ".join(lines[1:]), label_w)]
            if y + len(lines) * face.line_height > area.bottom - face.line_height * 2:
                break
            for n, line in enumerate(lines):
                blit_text(target, face, line, (x, y + n * face.line_height), theme.text)
            for account, right in zip(used, col_right, strict=True):
                amount = totals[category].get(account, 0)
                if amount:
                    colour = theme.gain if amount > 0 else theme.loss
                    blit_text(target, face, signed_number(amount), (right, y), colour, "right")
            y += len(lines) * face.line_height
        y += vp.px(6)
        pygame.draw.line(target, theme.text_dim, (x, y), (area.right - pad, y), 1)
        y += vp.px(6)
        blit_text(target, bold, "Net", (x, y), theme.heading)
        for account, right in zip(used, col_right, strict=True):
            colour = theme.gain if net[account] >= 0 else theme.loss
            blit_text(target, bold, signed_number(net[account]), (right, y), colour, "right")
