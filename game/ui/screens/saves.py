"""Save and load: nine slots, plus the autosave and the quicksave when loading.

Each slot shows its chapter, in-story date, cash, play time and when it was saved. A
damaged file shows as damaged with the reason; it cannot be loaded, can be replaced by
saving over it, and never stops the other slots from working. Delete removes a slot.
"""

from __future__ import annotations

from functools import partial

import pygame

from game.i18n import _, format_date, format_money
from game.saves import (
    AUTOSAVE,
    NUMBERED_SLOTS,
    QUICKSAVE,
    SlotInfo,
    format_play_time,
    format_saved_at,
)
from game.ui.host import Host
from game.ui.layout import DESIGN_W, Viewport, grid_cells
from game.ui.screens.base import ConfirmScreen, Screen, is_back
from game.ui.widgets import Button, ButtonGroup, blit_text, draw_panel, fit_text

GRID = (48.0, 112.0, 1184.0, 568.0)


class SavesScreen(Screen):
    name = "saves"

    def __init__(self, app: Host, mode: str) -> None:
        super().__init__(app)
        self.mode = mode  # "save" or "load"
        self.group = ButtonGroup(columns=3)
        self.infos: list[SlotInfo | None] = []
        self.back = Button(_("Back"), app.pop, key_hint=_("Esc"))
        self.refresh()

    def refresh(self) -> None:
        slots: list[str | None] = list(NUMBERED_SLOTS)
        if self.mode == "load":
            slots = [AUTOSAVE, QUICKSAVE, None, *NUMBERED_SLOTS]
        self.infos = [self.app.saves.info(slot) if slot else None for slot in slots]
        buttons = []
        for info in self.infos:
            if info is None:
                buttons.append(Button(_("Back"), self.app.pop))
                continue
            # A save that needs a mod is picked to hear what it needs and how to load it.
            enabled = (info.usable or info.state == "needs_mods") if self.mode == "load" else True
            buttons.append(Button(info.title, partial(self.pick, info.slot), enabled=enabled))
        focus = self.group.focus
        self.group.set_buttons(buttons)
        if 0 <= focus < len(buttons):
            self.group.focus = focus

    def on_resume(self) -> None:
        self.refresh()

    def language_changed(self) -> None:
        self.back.label = _("Back")
        self.back.key_hint = _("Esc")
        self.refresh()

    def pick(self, slot: str) -> None:
        info = self.app.saves.info(slot)
        if self.mode == "save":
            if info.state == "empty":
                self._save(slot)
            else:
                if info.state == "damaged":
                    message = _("This replaces the damaged save.")
                elif info.state == "needs_mods":
                    message = _("This replaces a save made with a mod that is not loaded.")
                else:
                    message = _("This replaces this save.")
                self.app.push(
                    ConfirmScreen(
                        self.app,
                        _("Overwrite {slot}?").format(slot=info.title),
                        lambda: self._save(slot),
                        yes=_("Overwrite"),
                        message=message,
                    )
                )
            return
        if info.state == "needs_mods":
            self.app.load_slot(slot)  # says which mod it needs, and how to load it
            return
        if not info.usable:
            return
        if self.app.session is not None:
            self.app.push(
                ConfirmScreen(
                    self.app,
                    _("Load {slot}?").format(slot=info.title),
                    lambda: self.app.load_slot(slot),
                    yes=_("Load"),
                    message=_("Your current place stays in the autosave until your next choice."),
                )
            )
        else:
            self.app.load_slot(slot)

    def _save(self, slot: str) -> None:
        if self.app.save_slot(slot):
            self.app.toast(_("Saved in {slot}").format(slot=self.app.saves.info(slot).title))
        self.refresh()

    def delete_focused(self) -> None:
        index = self.group.focus
        if not (0 <= index < len(self.infos)):
            return
        info = self.infos[index]
        if info is None or info.state == "empty":
            return

        def delete() -> None:
            self.app.saves.delete(info.slot)
            self.refresh()

        self.app.push(
            ConfirmScreen(
                self.app,
                _("Delete {slot}?").format(slot=info.title),
                delete,
                yes=_("Delete"),
                message=_("A deleted save cannot be brought back."),
            )
        )

    def handle(self, event: pygame.event.Event) -> bool | None:
        if is_back(event):
            self.app.pop()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_DELETE:
            self.delete_focused()
            return True
        if (
            event.type == pygame.MOUSEBUTTONDOWN
            and event.button == 1
            and self.back.rect.collidepoint(event.pos)
        ):
            self.app.pop()
            return True
        if event.type == pygame.MOUSEMOTION:
            hover = self.back.rect.collidepoint(event.pos)
            changed = hover != getattr(self, "_back_hover", False)
            self._back_hover = hover
            return self.group.handle(event) or changed
        return self.group.handle(event)

    def draw(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        draw_panel(target, app.viewport_rect(), (*theme.backdrop, 255))
        head = app.face("serif-bold", 34)
        title = _("Save the game") if self.mode == "save" else _("Load a game")
        blit_text(target, head, title, vp.point(48, 24), theme.heading)
        hint_face = app.face("sans", max(14, app.ui_px - 3))
        hint = _(
            "Arrows and Enter choose  \u00b7  Delete removes a save"
            "  \u00b7  Esc or a right click goes back"
        )
        hint = fit_text(hint_face, hint, vp.px(GRID[2]))
        _n, hint_y = vp.point(0, GRID[1] - 8)
        blit_text(
            target, hint_face, hint, (vp.point(48, 0)[0], hint_y - hint_face.height), theme.text_dim
        )
        if self.mode == "save":
            self._draw_header_back(target, vp)
        else:
            self.back.rect = pygame.Rect(0, 0, 0, 0)
        cells = grid_cells(len(self.infos), 3, GRID, 14)
        for index, (info, cell) in enumerate(zip(self.infos, cells, strict=True)):
            button = self.group.buttons[index]
            rect = pygame.Rect(vp.rect(*cell))
            button.rect = rect
            focused = index == self.group.focus
            hovered = index == self.group.hover
            if info is None:
                self._draw_back(target, vp, rect, button, focused, hovered)
            else:
                self._draw_slot(target, vp, rect, info, button, focused, hovered)

    def toast_area(self) -> tuple[float, float, float, float]:
        """Notes go in the header row, between the title and the Back button."""
        return (520.0, 6.0, 560.0, 62.0)

    def _draw_header_back(self, target: pygame.Surface, vp: Viewport) -> None:
        """Saving has no Back cell in its grid: a Back button in the header, for the mouse."""
        theme = self.app.theme
        face = self.app.face("sans", self.app.ui_px)
        back, esc = _("Back"), _("Esc")
        label_w = face.width(back + " ") + face.width(esc)
        rect = pygame.Rect(0, 0, label_w + vp.px(24), max(vp.px(34), face.line_height))
        rect.midright = vp.point(DESIGN_W - 48, 44)
        self.back.rect = rect
        hovered = getattr(self, "_back_hover", False)
        draw_panel(target, rect, theme.button_hover if hovered else theme.button, vp.px(8))
        y = rect.centery - face.height // 2
        x = rect.x + vp.px(12)
        target.blit(face.render(back, theme.text), (x, y))
        target.blit(face.render(esc, theme.accent), (x + face.width(back + " "), y))

    def _draw_back(
        self,
        target: pygame.Surface,
        vp: Viewport,
        rect: pygame.Rect,
        button: Button,
        focused: bool,
        hovered: bool,
    ) -> None:
        theme = self.app.theme
        fill = theme.button_hover if (focused or hovered) else theme.button
        draw_panel(target, rect, fill, vp.px(10))
        if focused:
            pygame.draw.rect(
                target, theme.accent, rect, width=vp.px(theme.outline), border_radius=vp.px(10)
            )
        face = self.app.face("sans", self.app.ui_px + 2)
        label = face.render(_("Back  (Esc)"), theme.button_text)
        target.blit(label, label.get_rect(center=rect.center))

    def _draw_slot(
        self,
        target: pygame.Surface,
        vp: Viewport,
        rect: pygame.Rect,
        info: SlotInfo,
        button: Button,
        focused: bool,
        hovered: bool,
    ) -> None:
        app = self.app
        theme = app.theme
        if not button.enabled:
            fill = theme.button_disabled
        else:
            fill = theme.button_hover if (focused or hovered) else theme.button
        radius = vp.px(10)
        draw_panel(target, rect, fill, radius)
        if focused:
            pygame.draw.rect(
                target, theme.accent, rect, width=vp.px(theme.outline), border_radius=radius
            )
        bold = app.face("sans-bold", app.ui_px)
        small = app.face("sans", app.ui_px - 2)
        pad = vp.px(14)
        x, y = rect.x + pad, rect.y + vp.px(10)
        inner = rect.w - 2 * pad
        target.blit(bold.render(info.title, theme.heading), (x, y))
        if info.saved_at:
            when = small.render(format_saved_at(info.saved_at), theme.text_dim)
            target.blit(
                when, (rect.right - pad - when.get_width(), y + (bold.height - small.height) // 2)
            )
        y += bold.line_height
        lines: list[tuple[str, tuple[int, int, int]]] = []
        if info.state == "empty":
            lines.append((_("Empty"), theme.text_dim))
        elif info.state == "damaged":
            lines.append((_("Damaged: cannot be loaded"), theme.damaged))
            lines.append((info.reason or _("unknown reason"), theme.text_dim))
        elif info.state == "needs_mods":
            lines.append((_("Needs a mod that is not loaded"), theme.damaged))
            names = ", ".join(f"'{mod}' {version}" for mod, version in info.missing_mods)
            lines.append((_("Made with: {mods}").format(mods=names), theme.text))
            lines.append((_("Choose it to see how to load it"), theme.text_dim))
        elif info.meta is not None:
            meta = info.meta
            if meta.chapter_title:
                chapter = _("Chapter {number}: {title}").format(
                    number=meta.chapter, title=meta.chapter_title
                )
            else:
                chapter = _("Chapter {number}").format(number=meta.chapter)
            lines.append((chapter, theme.text))
            parts = (
                format_date(meta.date),
                format_money(meta.money),
                format_play_time(meta.play_seconds),
            )
            summary = "  \u00b7  ".join(parts)
            if small.width(summary) > inner:  # a longer language: the short date
                summary = "  \u00b7  ".join((format_date(meta.date, "short"), *parts[1:]))
            lines.append((summary, theme.text_dim))
        for text, colour in lines:
            if y + small.height > rect.bottom - vp.px(4):
                break
            target.blit(small.render(fit_text(small, text, inner), colour), (x, y))
            y += small.line_height
