"""The ledger (L): every money entry by date with its label, what it did and the balance
of each account after it; this year's totals by category; the family's meters as numbers.

The two accounts (cash in Guangzhou, the savings book at home) each have their own
balance column, so a transfer home shows as cash going down and the book going up,
never as one balance jumping between the two. "This year" is the story's current year,
its chapter: one Spring Festival, with the months since the last spring (summarised,
each entry dated where it happened, and booked at the chapter's start), so a chapter's
totals are a whole year's. Esc, L, a right click or the Close button closes it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import pygame

from game.engine import LedgerEntry, MeterView
from game.i18n import _, format_date, format_money, format_number
from game.textlayout import break_units
from game.ui.host import Host
from game.ui.hud import meter_number
from game.ui.layout import Viewport, clamp_scroll, wrap_text
from game.ui.screens.base import Screen, is_back
from game.ui.speech import LineReader
from game.ui.widgets import Button, blit_text, draw_panel, draw_scrollbar, fit_text

TABLE = (40.0, 112.0, 760.0, 568.0)
TOTALS_X = 820.0
TOTALS_W = 420.0


def _words(text: str) -> list[str]:
    """The pieces a heading may wrap between: words, and in Chinese the units the
    line-breaking rules allow (a column is as wide as its widest piece)."""
    return [unit.strip() for unit in break_units(text) if unit.strip()] or [""]


def running_balances(
    entries: tuple[LedgerEntry, ...], accounts: list[str], start: dict[str, int]
) -> list[dict[str, int]]:
    """Each account's balance after every entry: the entry's own account from the entry,
    the others carried over (from ``start`` before their first entry)."""
    balances = {account: start.get(account, 0) for account in accounts}
    rows: list[dict[str, int]] = []
    for entry in entries:
        balances[entry.variable] = entry.balance
        rows.append(dict(balances))
    return rows


def category_totals(entries: tuple[LedgerEntry, ...], chapter: int) -> dict[str, dict[str, int]]:
    """Sums per category and account for one chapter: {category: {variable: amount}}."""
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for entry in entries:
        if entry.chapter == chapter:
            totals[entry.category][entry.variable] += entry.amount
    return {cat: dict(by_var) for cat, by_var in totals.items()}


def signed_number(amount: int) -> str:
    return ("+" if amount >= 0 else "\u2212") + format_number(abs(amount))


def short_date(iso: str) -> str:
    """'2008-11-30' as '30 Nov 2008' in the player's language; no date as a dash."""
    return format_date(iso, "short") if iso else "\u2014"


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
        self.start = {m.id: m.value for m in session.start_meters} if session else {}
        self.close = Button(_("Close"), app.pop, key_hint=_("Esc"))
        self._hover = False
        #: The entries wholly in view at the last frame (self-voicing reads them).
        self._visible: list[int] = []
        self._reader = LineReader()

    def _accounts(self) -> dict[str, str]:
        names = {m.id: m.label for m in self.view.meters} if self.view else {}
        for entry in self.entries:
            names.setdefault(entry.variable, entry.variable)
        return names

    def money_accounts(self) -> list[str]:
        """The money variables, in the order the HUD lists them (cash first)."""
        ids = [m.id for m in self.view.meters if m.kind == "money"] if self.view else []
        for entry in self.entries:
            if entry.variable not in ids:
                ids.append(entry.variable)
        return ids or ["money"]

    def handle(self, event: pygame.event.Event) -> bool | None:
        if is_back(event) or (event.type == pygame.KEYDOWN and event.key == pygame.K_l):
            self.app.pop()
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.close.rect.collidepoint(event.pos):
                self.app.pop()
            return True
        if event.type == pygame.MOUSEMOTION:
            hover = self.close.rect.collidepoint(event.pos)
            changed, self._hover = hover != self._hover, hover
            return changed
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
        title = blit_text(target, head, _("Ledger"), vp.point(40, 24), theme.heading)
        self._draw_close(target, vp)
        hint = _(
            "Every yuan in and out  \u00b7  arrows or the wheel scroll"
            "  \u00b7  Esc, L or a right click closes"
        )
        room = self.close.rect.x - title.right - vp.px(40)
        blit_text(
            target,
            small,
            fit_text(small, hint, room),
            (title.right + vp.px(24), title.bottom - small.height - vp.px(4)),
            theme.text_dim,
        )
        self._draw_entries(target, vp)
        self._draw_totals(target, vp)

    def speech(self) -> list[tuple[str, object, str]]:
        """Self-voicing: the title, then each entry as it scrolls into view, with the
        balance of the account it moved."""
        title = _("Ledger")
        items: list[tuple[str, object, str]] = [("title", title, title)]
        if not self.entries:
            items.append(("lines", "empty", _("No money has changed hands yet.")))
            return items
        if not self._visible:
            return items
        names = self._accounts()
        balances = running_balances(self.entries, [e.variable for e in self.entries], self.start)
        span = (self._visible[0], self._visible[-1] + 1)
        words = []
        for index in self._reader.step(*span):
            entry = self.entries[index]
            if entry.amount > 0:
                template = _("{date}: {label}, {amount} in, {account} {balance}.")
            else:
                template = _("{date}: {label}, {amount} out, {account} {balance}.")
            account = names.get(entry.variable, entry.variable)
            after = balances[index].get(entry.variable, entry.balance)
            words.append(
                template.format(
                    date=short_date(entry.date),
                    label=entry.label,
                    amount=format_money(abs(entry.amount)),
                    account=account,
                    balance=format_number(after),
                )
            )
        items.append(("lines", span, " ".join(words)))
        return items

    def toast_area(self) -> tuple[float, float, float, float]:
        return (TOTALS_X, TABLE[1] + TABLE[3] - 150, TOTALS_W, 140)

    def _draw_close(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        face = app.face("sans", app.ui_px)
        close, esc = _("Close"), _("Esc")
        label_w = face.width(close + " ") + face.width(esc)
        rect = pygame.Rect(0, 0, label_w + vp.px(24), max(vp.px(34), face.line_height))
        rect.midright = vp.point(1240, 52)
        self.close.rect = rect
        draw_panel(target, rect, theme.button_hover if self._hover else theme.button, vp.px(8))
        y = rect.centery - face.height // 2
        x = rect.x + vp.px(12)
        target.blit(face.render(close, theme.text), (x, y))
        target.blit(face.render(esc, theme.accent), (x + face.width(close + " "), y))

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
        accounts_names = self._accounts()
        money = self.money_accounts()[:2]
        date_w = face.width(short_date("2008-11-30")) + vp.px(12)
        money_w = max(
            face.width(signed_number(-88888)) + vp.px(14),
            *(bold.width(w) + vp.px(14) for n in money for w in _words(accounts_names.get(n, n))),
            *(bold.width(w) + vp.px(14) for w in _words(_("Change"))),  # no word split
        )
        columns = 1 + len(money)
        label_w = inner.w - date_w - columns * money_w - vp.px(10)
        label_x = inner.x + date_w
        amount_right = label_x + label_w + money_w
        balance_rights = [amount_right + money_w * (i + 1) for i in range(len(money))]
        balance_rights[-1] = min(balance_rights[-1], inner.right - vp.px(10))
        header_y = inner.y
        headers: list[tuple[str, int, str]] = [
            (_("Date"), inner.x, "left"),
            (_("What"), label_x, "left"),
            (_("Change"), amount_right, "right"),
        ]
        for account, right in zip(money, balance_rights, strict=True):
            headers.append((accounts_names.get(account, account), right, "right"))
        header_rows = 1
        for text, pos, align in headers:
            width = money_w - vp.px(12) if align == "right" else label_w
            lines = wrap_text(text, width, bold.width)[:2]
            header_rows = max(header_rows, len(lines))
            for n, line in enumerate(lines):
                line = fit_text(bold, line, width)
                blit_text(
                    target, bold, line, (pos, header_y + n * bold.line_height), theme.accent, align
                )
        head_h = header_rows * bold.line_height
        row_h = face.line_height + vp.px(4)
        body = pygame.Rect(
            inner.x,
            header_y + head_h + vp.px(6),
            inner.w,
            inner.bottom - header_y - head_h - vp.px(6),
        )
        if not self.entries:
            blit_text(
                target, face, _("No money has changed hands yet."), (body.x, body.y), theme.text_dim
            )
            return
        rows: list[tuple[LedgerEntry, list[str]]] = []
        balances = running_balances(self.entries, money, self.start)
        for entry in self.entries:
            lines = wrap_text(entry.label, label_w - vp.px(8), face.width)
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
        self._visible = []
        for index, ((entry, lines), after) in enumerate(zip(rows, balances, strict=True)):
            height = len(lines) * face.line_height + gap
            if ry > body.bottom:
                break
            if ry >= body.y - 1 and ry + height - gap <= body.bottom + 1:
                self._visible.append(index)
            if ry + height >= body.y:
                colour = theme.gain if entry.amount > 0 else theme.loss
                blit_text(target, face, short_date(entry.date), (inner.x, ry), theme.text_dim)
                for n, line in enumerate(lines):
                    blit_text(target, face, line, (label_x, ry + n * face.line_height), theme.text)
                # The change sits under the account it moved: its column's colour says so.
                blit_text(
                    target, face, signed_number(entry.amount), (amount_right, ry), colour, "right"
                )
                for account, right in zip(money, balance_rights, strict=True):
                    moved = account == entry.variable
                    blit_text(
                        target,
                        bold if moved else face,
                        format_number(after.get(account, 0)),
                        (right, ry),
                        theme.heading if moved else theme.text_dim,
                        "right",
                    )
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
        bottom = self._draw_meters(target, vp, area, pad)
        x, y = area.x + pad, area.y + pad
        chapter = self.view.chapter if self.view else 0
        title = _("This year")
        if self.view and self.view.chapter_title:
            title = _("This year: {chapter}").format(chapter=self.view.chapter_title)
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
        blit_text(target, face, _("yuan"), (x, y), theme.text_dim)
        y += face.line_height + vp.px(4)
        label_w = col_right[0] - widths[0] - x
        categories = self.app.story.ledger_categories
        order = [c for c in categories if c in totals] + [c for c in totals if c not in categories]
        if not order:
            blit_text(target, face, _("Nothing yet this year."), (x, y), theme.text_dim)
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
            if y + len(lines) * face.line_height > bottom - face.line_height * 2:
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
        blit_text(target, bold, _("Net"), (x, y), theme.heading)
        for account, right in zip(used, col_right, strict=True):
            colour = theme.gain if net[account] >= 0 else theme.loss
            blit_text(target, bold, signed_number(net[account]), (right, y), colour, "right")

    def _draw_meters(
        self, target: pygame.Surface, vp: Viewport, area: pygame.Rect, pad: int
    ) -> int:
        """The family's meters as numbers at the foot of the totals; returns their top."""
        app = self.app
        theme = app.theme
        view = self.view
        meters: list[MeterView] = [m for m in view.meters if m.kind == "meter"] if view else []
        if not meters:
            return area.bottom - pad
        face = app.face("sans", app.ui_px - 1)
        head = app.face("serif-bold", app.ui_px + 2)
        widest = max(face.width(m.label) + face.width(meter_number(m)) for m in meters)
        two_fit = widest + vp.px(24) <= (area.w - 2 * pad - vp.px(16)) // 2
        columns = 2 if len(meters) > 3 and two_fit else 1
        rows = -(-len(meters) // columns)
        height = head.line_height + rows * face.line_height
        top = area.bottom - pad - height
        x = area.x + pad
        width = area.w - 2 * pad
        pygame.draw.line(target, theme.text_dim, (x, top - vp.px(8)), (x + width, top - vp.px(8)))
        target.blit(head.render(_("The family now"), theme.heading), (x, top))
        col_w = (width - vp.px(16) * (columns - 1)) // columns
        for index, meter in enumerate(meters):
            cx = x + (index // rows) * (col_w + vp.px(16))
            cy = top + head.line_height + (index % rows) * face.line_height
            number = meter_number(meter)
            room = col_w - face.width(number) - vp.px(8)
            blit_text(target, face, fit_text(face, meter.label, room), (cx, cy), theme.text)
            blit_text(target, face, number, (cx + col_w, cy), theme.heading, "right")
        return top - vp.px(16)
