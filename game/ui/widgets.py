"""Drawing helpers and the button list every menu uses (mouse, arrow keys, Enter, numbers).

Buttons remember the real-pixel rectangle they were last drawn at; mouse events are
tested against it, so hit testing always matches what the player sees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import pygame

from game.ui.layout import Viewport, wrap_text
from game.ui.text import Face
from game.ui.theme import ColourA, Theme

Colour = tuple[int, int, int]


@lru_cache(maxsize=64)
def _panel_surface(
    w: int, h: int, colour: ColourA, radius: int, edge: ColourA | None, edge_w: int
) -> pygame.Surface:
    return _new_panel(w, h, colour, radius, edge, edge_w)


def _new_panel(
    w: int, h: int, colour: ColourA, radius: int, edge: ColourA | None, edge_w: int
) -> pygame.Surface:
    """A rounded box drawn on a new transparent surface of its size."""
    surface = pygame.Surface((max(1, w), max(1, h)), pygame.SRCALPHA)
    pygame.draw.rect(surface, colour, (0, 0, w, h), border_radius=radius)
    if edge is not None and edge_w > 0:
        pygame.draw.rect(surface, edge, (0, 0, w, h), width=edge_w, border_radius=radius)
    return surface


#: Panels are cut from one large panel per look, grown in steps of this many pixels.
_PANEL_GROWTH = 128
_PanelLook = tuple[ColourA, int, ColourA | None, int]
_large_panels: dict[_PanelLook, pygame.Surface] = {}


def prepare_panel(
    size: tuple[int, int],
    colour: ColourA,
    radius: int = 0,
    edge: ColourA | None = None,
    edge_w: int = 1,
) -> pygame.Surface:
    """The cached large panel of this look, grown to hold ``size`` if it must. A screen
    may call it ahead (at the largest size it will need) so that no frame grows it."""
    look = (colour, radius, edge, edge_w)
    large = _large_panels.get(look)
    if large is None or large.get_width() < size[0] or large.get_height() < size[1]:
        old_w, old_h = large.get_size() if large is not None else (0, 0)
        w = -(-max(size[0], old_w) // _PANEL_GROWTH) * _PANEL_GROWTH
        h = -(-max(size[1], old_h) // _PANEL_GROWTH) * _PANEL_GROWTH
        large = _new_panel(w, h, colour, radius, edge, edge_w)
        _large_panels[look] = large
    return large


def _blit_panel(
    target: pygame.Surface,
    r: pygame.Rect,
    colour: ColourA,
    radius: int,
    edge: ColourA | None,
    edge_w: int,
) -> None:
    """Blit a rounded panel of any size as four pieces of one large cached panel.

    A panel's rows and columns away from its corners are all alike, so the top-left
    piece, the right edge with its corners, the bottom edge and the bottom-right corner
    cut from a larger panel of the same look give exactly the panel of this size. A new
    size (a new scene's text box, a new note) then costs four blits, not a new surface
    and a rounded rectangle drawn afresh, which used to be most of a choice's frame.
    """
    large = prepare_panel(r.size, colour, radius, edge, edge_w)
    big_w, big_h = large.get_size()
    # The corner's own rows: the radius, and the edge's width for a square panel.
    c = max(radius, edge_w if edge is not None else 0, 1)
    left_w, top_h = r.w - c, r.h - c
    target.blit(large, r.topleft, (0, 0, left_w, top_h))
    target.blit(large, (r.x + left_w, r.y), (big_w - c, 0, c, top_h))
    target.blit(large, (r.x, r.y + top_h), (0, big_h - c, left_w, c))
    target.blit(large, (r.x + left_w, r.y + top_h), (big_w - c, big_h - c, c, c))


def draw_panel(
    target: pygame.Surface,
    rect: pygame.Rect | tuple[int, int, int, int],
    colour: ColourA,
    radius: int = 0,
    edge: ColourA | None = None,
    edge_w: int = 1,
) -> None:
    """A rounded, possibly translucent box (cut from a cached panel, so a redraw or a
    new size is a few blits)."""
    r = pygame.Rect(rect)
    if r.w <= 0 or r.h <= 0:
        return
    if colour[3] >= 255 and edge is None:
        pygame.draw.rect(target, colour[:3], r, border_radius=radius)
        return
    corner = max(radius, edge_w if edge is not None else 0, 1)
    if r.w < 2 * corner + 2 or r.h < 2 * corner + 2:
        target.blit(_panel_surface(r.w, r.h, colour, radius, edge, edge_w), r.topleft)
        return
    _blit_panel(target, r, colour, radius, edge, edge_w)


def clear_caches() -> None:
    _panel_surface.cache_clear()
    _large_panels.clear()


def blit_text(
    target: pygame.Surface,
    face: Face,
    text: str,
    pos: tuple[int, int],
    colour: Colour,
    align: str = "left",
) -> pygame.Rect:
    """Draw one line; ``align`` is left, centre or right of ``pos``. Returns its rect."""
    surface = face.render(text, colour)
    x, y = pos
    if align == "centre":
        x -= surface.get_width() // 2
    elif align == "right":
        x -= surface.get_width()
    return target.blit(surface, (x, y))


def fit_text(face: Face, text: str, width: int) -> str:
    """Shorten a single line with an ellipsis so that it fits ``width`` pixels."""
    if face.width(text) <= width:
        return text
    while text and face.width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


@dataclass
class Button:
    label: str
    action: Callable[[], object]
    enabled: bool = True
    detail: str | None = None  # a second line: a locked choice's reason, a slot's summary
    key_hint: str | None = None
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))


class ButtonGroup:
    """A list of buttons with one keyboard focus and mouse hover."""

    def __init__(self, buttons: list[Button] | None = None, columns: int = 1) -> None:
        self.buttons: list[Button] = buttons or []
        self.columns = columns
        self.focus = self._first_enabled()
        self.hover: int | None = None

    def set_buttons(self, buttons: list[Button], keep_focus: bool = False) -> None:
        self.buttons = buttons
        if not keep_focus or self.focus >= len(buttons):
            self.focus = self._first_enabled()
        self.hover = None

    def _first_enabled(self) -> int:
        for index, button in enumerate(self.buttons):
            if button.enabled:
                return index
        return 0

    def focused(self) -> Button | None:
        return self.buttons[self.focus] if 0 <= self.focus < len(self.buttons) else None

    def move(self, delta: int) -> None:
        """Move the focus; from no focus (-1) the first move lands on the first or last."""
        if not self.buttons:
            return
        if not 0 <= self.focus < len(self.buttons):
            self.focus = 0 if delta > 0 else len(self.buttons) - 1
            return
        self.focus = (self.focus + delta) % len(self.buttons)

    def activate(self, index: int) -> bool:
        if 0 <= index < len(self.buttons) and self.buttons[index].enabled:
            self.focus = index
            self.buttons[index].action()
            return True
        return False

    def index_at(self, pos: tuple[int, int]) -> int | None:
        for index, button in enumerate(self.buttons):
            if button.rect.collidepoint(pos):
                return index
        return None

    def handle(self, event: pygame.event.Event) -> bool:
        """Handle navigation, activation and hover; True if the event was used."""
        if event.type == pygame.KEYDOWN:
            step = {pygame.K_UP: -self.columns, pygame.K_DOWN: self.columns}.get(event.key)
            if self.columns > 1:
                step = step or {pygame.K_LEFT: -1, pygame.K_RIGHT: 1}.get(event.key)
            if event.key == pygame.K_TAB:
                step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            if step:
                self.move(step)
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                return self.activate(self.focus)
            return False
        if event.type == pygame.MOUSEMOTION:
            index = self.index_at(event.pos)
            changed = index != self.hover
            self.hover = index
            if index is not None:
                self.focus = index
            return changed
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            index = self.index_at(event.pos)
            if index is not None:
                self.activate(index)
                return True
        return False


def button_height(
    face: Face, detail_face: Face | None, label_lines: int, detail_lines: int, pad: int
) -> int:
    height = label_lines * face.line_height + 2 * pad
    if detail_face is not None and detail_lines:
        height += detail_lines * detail_face.line_height
    return height


def wrap_button(
    face: Face, detail_face: Face, button: Button, width: int
) -> tuple[list[str], list[str]]:
    label = wrap_text(button.label, width, face.width)
    detail = wrap_text(button.detail, width, detail_face.width) if button.detail else []
    return label, detail


def draw_button(
    target: pygame.Surface,
    vp: Viewport,
    theme: Theme,
    button: Button,
    rect: pygame.Rect,
    face: Face,
    detail_face: Face,
    focused: bool,
    hovered: bool,
    label_lines: list[str] | None = None,
    detail_lines: list[str] | None = None,
    align: str = "left",
) -> None:
    """A button: its box, label lines and a dimmer detail line; focus as an amber edge."""
    button.rect = rect
    if not button.enabled:
        fill = theme.button_disabled
    elif hovered or focused:
        fill = theme.button_hover
    else:
        fill = theme.button
    radius = vp.px(8)
    draw_panel(target, rect, fill, radius)
    if focused:
        pygame.draw.rect(
            target, theme.accent, rect, width=vp.px(theme.outline), border_radius=radius
        )
    pad_x = vp.px(16)
    pad_y = vp.px(9)
    colour = theme.button_text if button.enabled else theme.button_text_disabled
    inner = rect.w - 2 * pad_x
    if label_lines is None:
        # A long label (a longer language) is shortened before the key hint, never over it.
        room = inner
        if button.key_hint:
            hint_room = face.width(button.key_hint) + vp.px(10)
            room -= hint_room if align == "left" else 2 * hint_room
        label_lines = [fit_text(face, button.label, max(vp.px(20), room))]
    if detail_lines is None:
        detail_lines = [fit_text(detail_face, button.detail, inner)] if button.detail else []
    text_h = len(label_lines) * face.line_height + len(detail_lines) * detail_face.line_height
    y = rect.y + (rect.h - text_h) // 2
    for line in label_lines:
        x = rect.x + pad_x if align == "left" else rect.centerx - face.width(line) // 2
        target.blit(face.render(line, colour), (x, y))
        y += face.line_height
    detail_colour = theme.text_dim if button.enabled else theme.button_text_disabled
    for line in detail_lines:
        x = rect.x + pad_x if align == "left" else rect.centerx - detail_face.width(line) // 2
        target.blit(detail_face.render(line, detail_colour), (x, y))
        y += detail_face.line_height
    if button.key_hint:
        hint = face.render(button.key_hint, theme.text_dim)
        top = rect.y + min(pad_y, (rect.h - face.height) // 2)
        target.blit(hint, (rect.right - pad_x - hint.get_width(), top))


def draw_scrollbar(
    target: pygame.Surface, theme: Theme, area: pygame.Rect, offset: float, content: float
) -> None:
    """A thin bar on the right of ``area`` showing where the view is in the content."""
    if content <= area.h:
        return
    track = pygame.Rect(area.right - 6, area.y, 4, area.h)
    pygame.draw.rect(target, theme.meter_track, track, border_radius=2)
    thumb_h = max(20, round(area.h * area.h / content))
    thumb_y = area.y + round((area.h - thumb_h) * offset / max(1.0, content - area.h))
    pygame.draw.rect(target, theme.accent, (track.x, thumb_y, 4, thumb_h), border_radius=2)


def draw_group_button(
    target: pygame.Surface,
    vp: Viewport,
    theme: Theme,
    group: ButtonGroup,
    index: int,
    rect: pygame.Rect,
    face: Face,
    detail_face: Face,
    align: str = "left",
) -> None:
    """Draw button ``index`` of ``group``, focused and hovered as the group says."""
    draw_button(
        target,
        vp,
        theme,
        group.buttons[index],
        rect,
        face,
        detail_face,
        focused=index == group.focus,
        hovered=index == group.hover,
        align=align,
    )
