"""Pure layout: where things go on screen, computed from numbers only (no pygame surfaces).

The window is designed at 1280x720 "design units". The viewport scales that design to
the real window, keeping its shape and letterboxing the rest; everything is drawn
straight at the real size (text included, so it stays crisp). Text is wrapped in real
pixels with a ``measure`` function supplied by the caller, which keeps these functions
testable with a fake measure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.textlayout import wrap

DESIGN_W = 1280
DESIGN_H = 720

Measure = Callable[[str], int]

# Text sizes: (reading text, interface text) in design units, per setting.
TEXT_SIZE_PX: dict[str, tuple[int, int]] = {
    "small": (19, 16),
    "medium": (22, 18),
    "large": (26, 21),
    "largest": (31, 24),
}

# The story screen, in design units.
MARGIN = 24
TOP_BAR_H = 44
LEFT_COL_X = MARGIN
LEFT_COL_W = 330
PANEL_X = LEFT_COL_X + LEFT_COL_W + 20
PANEL_RIGHT = DESIGN_W - MARGIN
PANEL_BOTTOM = DESIGN_H - MARGIN
PANEL_TOP_MIN = TOP_BAR_H + 16
PANEL_PAD_X = 36
PANEL_PAD_Y = 26
CHOICE_GAP = 10
#: How high the story's text box may reach for reading (design units, its top edge):
#: the lower part of the screen, more of it at the larger text sizes; the box grows
#: above this only when a page's choices need the room.
READING_PANEL_TOP = {"small": 420, "medium": 400, "large": 350, "largest": 300}
CHOICE_PAD_Y = 10
CHOICE_PAD_X = 16


@dataclass(frozen=True, slots=True)
class Viewport:
    """The design area placed in the window: offset and scale, in real pixels."""

    x: int
    y: int
    w: int
    h: int
    scale: float

    def px(self, value: float) -> int:
        """A design length in real pixels (at least 1 for a positive length)."""
        scaled = round(value * self.scale)
        return max(1, scaled) if value > 0 else scaled

    def point(self, x: float, y: float) -> tuple[int, int]:
        return self.x + round(x * self.scale), self.y + round(y * self.scale)

    def rect(self, x: float, y: float, w: float, h: float) -> tuple[int, int, int, int]:
        left, top = self.point(x, y)
        right, bottom = self.point(x + w, y + h)
        return left, top, right - left, bottom - top

    def to_design(self, px: int, py: int) -> tuple[float, float]:
        return (px - self.x) / self.scale, (py - self.y) / self.scale


def fit_viewport(window_w: int, window_h: int) -> Viewport:
    """Scale the 16:9 design into the window, centred, with bars on the spare sides."""
    window_w, window_h = max(1, window_w), max(1, window_h)
    scale = min(window_w / DESIGN_W, window_h / DESIGN_H)
    w, h = max(1, round(DESIGN_W * scale)), max(1, round(DESIGN_H * scale))
    return Viewport((window_w - w) // 2, (window_h - h) // 2, w, h, scale)


def font_px(design_px: int, scale: float) -> int:
    """A font's real pixel size; never below 8 so text stays legible in tiny windows."""
    return max(8, round(design_px * scale))


# -- wrapping ---------------------------------------------------------------------------


def reading_panel_top(text_size: str) -> int:
    return READING_PANEL_TOP.get(text_size, READING_PANEL_TOP["medium"])


def wrap_text(text: str, width: int, measure: Measure, no_widows: bool = False) -> list[str]:
    """Wrap one paragraph to lines no wider than ``width`` (as measured); never loses text.

    The break rules are :mod:`game.textlayout`'s: English at spaces, Chinese by UAX #14
    with the Chinese punctuation rules; a word longer than a line is broken inside.
    Trailing spaces are dropped from each line. An empty paragraph gives [""]. With
    ``no_widows`` a single word (or a single Chinese character) never ends the
    paragraph alone on its last line where the line above can spare one.

    Remembered (the last few thousand): a frame lays out the same paragraphs with the
    same face again and again, and the choice frame has a budget of 4 ms.
    """
    key = (text, width, measure, no_widows)
    lines = _WRAPPED.get(key)
    if lines is None:
        lines = tuple(wrap(text, width, measure, no_widows))
        if len(_WRAPPED) >= _WRAPPED_MAX:
            _WRAPPED.pop(next(iter(_WRAPPED)))  # the oldest goes
        _WRAPPED[key] = lines
    return list(lines)


#: wrap_text's memory: (text, width, measure, no_widows) -> lines. ``measure`` is a
#: face's bound ``width`` method, equal for the same face, so a new face (another text
#: size) simply gives new entries.
_WRAPPED: dict[tuple[str, int, Measure, bool], tuple[str, ...]] = {}
_WRAPPED_MAX = 4096


def wrap_paragraphs(
    paragraphs: Sequence[str], width: int, measure: Measure, no_widows: bool = False
) -> list[tuple[int, str]]:
    """Wrap several paragraphs: a list of (paragraph index, line)."""
    return [
        (i, line)
        for i, para in enumerate(paragraphs)
        for line in wrap_text(para, width, measure, no_widows)
    ]


# -- pages of text ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """A run of wrapped lines shown together: indexes into the wrapped line list."""

    start: int
    stop: int
    height: int


def line_offsets(paras: Sequence[int], line_h: int, para_gap: int) -> list[int]:
    """The height each line adds: its line height, plus a gap if it starts a paragraph."""
    heights = []
    for i, para in enumerate(paras):
        gap = para_gap if i > 0 and para != paras[i - 1] else 0
        heights.append(line_h + gap)
    return heights


def paginate(
    paras: Sequence[int], line_h: int, para_gap: int, capacity: int, last_extra: int
) -> list[Page]:
    """Split wrapped lines into pages of at most ``capacity`` pixels.

    ``paras`` holds each line's paragraph index. The last page must also hold
    ``last_extra`` (the choices); a page never starts with a paragraph gap. When not even
    one line fits beside the choices, the choices get a page of their own, so nothing is
    ever cut off. A page always holds at least one line, even a line taller than the page.
    """
    count = len(paras)
    heights = line_offsets(paras, line_h, para_gap)
    spans: list[tuple[int, int]] = []
    start = 0
    while start < count:
        used, stop = line_h, start + 1
        while stop < count and used + heights[stop] <= capacity:
            used += heights[stop]
            stop += 1
        stop = _paragraph_break(paras, start, stop)
        spans.append((start, stop))
        start = stop
    if not spans:
        return [Page(0, 0, last_extra)]
    first, stop = spans.pop()
    split = _last_page_start(paras, heights, line_h, first, stop, capacity, last_extra)
    if split > first:
        spans.append((first, split))
    pages = [Page(a, b, _height(heights, a, b, line_h)) for a, b in spans]
    pages.append(Page(split, stop, _height(heights, split, stop, line_h) + last_extra))
    return pages


def _paragraph_break(paras: Sequence[int], start: int, stop: int) -> int:
    """End a full page at a paragraph's end when that keeps at least half of the page."""
    if stop >= len(paras) or paras[stop] != paras[stop - 1]:
        return stop
    for split in range(stop - 1, start, -1):
        if paras[split] != paras[split - 1]:
            return split if split - start >= (stop - start) / 2 else stop
    return stop


def _last_page_start(
    paras: Sequence[int],
    heights: Sequence[int],
    line_h: int,
    first: int,
    stop: int,
    capacity: int,
    extra: int,
) -> int:
    """Where the page with the choices starts, within the last run of lines.

    Everything fits with the choices: start at ``first``. Otherwise break at the latest
    paragraph start whose lines fit beside the choices, so the earlier page is full and
    the choices come with the last paragraph; failing that, keep as many lines of the
    last paragraph with the choices as fit; failing that, the choices stand alone.
    """

    def fits(split: int) -> bool:
        return _height(heights, split, stop, line_h) + extra <= capacity

    if fits(first):
        return first
    for split in range(stop - 1, first, -1):
        if paras[split] != paras[split - 1] and fits(split):
            return split
    split = first + 1
    while split < stop and not fits(split):
        split += 1
    return split


def _height(heights: Sequence[int], start: int, stop: int, line_h: int) -> int:
    return line_h + sum(heights[start + 1 : stop]) if stop > start else 0


# -- story screen -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryRegions:
    """Regions of the story screen in design units: (x, y, w, h)."""

    top_bar: tuple[int, int, int, int]
    hud: tuple[int, int, int, int]
    portrait: tuple[int, int, int, int]
    panel_x: int
    panel_w: int
    panel_bottom: int
    panel_top_min: int

    @property
    def text_width(self) -> int:
        return self.panel_w - 2 * PANEL_PAD_X

    @property
    def panel_capacity(self) -> int:
        """The tallest content the text panel can hold, in design units."""
        return self.panel_bottom - self.panel_top_min - 2 * PANEL_PAD_Y


def hud_height(rows: int, ui_px: int) -> int:
    """The HUD card's height for ``rows`` meters at an interface text size."""
    return 2 * 14 + rows * hud_row_height(ui_px)


def hud_row_height(ui_px: int) -> int:
    return round(ui_px * 1.75)


def story_regions(hud_rows: int, ui_px: int) -> StoryRegions:
    hud_h = hud_height(hud_rows, ui_px)
    hud = (LEFT_COL_X, PANEL_TOP_MIN, LEFT_COL_W, hud_h)
    portrait_top = PANEL_TOP_MIN + hud_h + 16
    portrait = (LEFT_COL_X, portrait_top, LEFT_COL_W, PANEL_BOTTOM - portrait_top)
    return StoryRegions(
        top_bar=(0, 0, DESIGN_W, TOP_BAR_H),
        hud=hud,
        portrait=portrait,
        panel_x=PANEL_X,
        panel_w=PANEL_RIGHT - PANEL_X,
        panel_bottom=PANEL_BOTTOM,
        panel_top_min=PANEL_TOP_MIN,
    )


def portrait_box(
    region: tuple[int, int, int, int], aspect: float = 0.8
) -> tuple[int, int, int, int]:
    """The largest box of the given width/height ratio, bottom-centred in the region."""
    x, y, w, h = region
    box_h = min(h, round(w / aspect))
    box_w = round(box_h * aspect)
    return x + (w - box_w) // 2, y + h - box_h, box_w, box_h


# -- menus and grids ---------------------------------------------------------------------


def menu_rows(count: int, top: float, row_h: float, gap: float) -> list[tuple[float, float]]:
    """(y, height) of each row of a vertical menu."""
    return [(top + i * (row_h + gap), row_h) for i in range(count)]


def grid_cells(
    count: int, columns: int, area: tuple[float, float, float, float], gap: float
) -> list[tuple[float, float, float, float]]:
    """Cells of a grid filling ``area`` row by row."""
    x, y, w, h = area
    rows = max(1, -(-count // columns))
    cell_w = (w - gap * (columns - 1)) / columns
    cell_h = (h - gap * (rows - 1)) / rows
    return [
        (
            x + (i % columns) * (cell_w + gap),
            y + (i // columns) * (cell_h + gap),
            cell_w,
            cell_h,
        )
        for i in range(count)
    ]


def clamp_scroll(offset: float, content_h: float, view_h: float) -> float:
    """Keep a scroll offset within the content (0 = top)."""
    return max(0.0, min(offset, max(0.0, content_h - view_h)))


def focus_step(current: int, delta: int, enabled: Sequence[bool]) -> int:
    """Move keyboard focus by ``delta`` through a list, skipping nothing but wrapping round.

    Disabled entries can take focus (so their reason can be read) except where
    ``enabled`` is all False, in which case the focus stays put.
    """
    count = len(enabled)
    if count == 0:
        return 0
    return (current + delta) % count
