"""Fonts and text: loading the shipped fonts at the real pixel size, measuring, drawing
lines with a CJK font beside the Latin one, the typewriter that reveals a page of text,
and the typography of story text at render time (:func:`smarten`: curly quotes and
apostrophes; opening quotes hang into the margin in :func:`draw_lines`).

Every face pairs a Latin font with a Chinese one of the same role: Noto Serif CJK SC
with the serif faces (story text), Noto Sans CJK SC with the sans faces (the interface).
A line is drawn in runs: CJK characters, the symbols the Latin fonts lack, and any
character the Latin font has no glyph for come from the Chinese font, so a Latin name
inside Chinese text (or a Chinese word inside English) never shows a blank box. In a
line with Chinese in it, the quotation marks, dashes, ellipsis and middle dot come
from the Chinese font too, full-width as Chinese sets them.

Text is always rendered at the window's real scale (never a scaled bitmap), so it stays
crisp at every window size. Rendered lines are cached, so a frame that redraws the same
text costs only blits.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.paths import FONTS_DIR
from game.textlayout import has_cjk, is_cjk
from game.ui.layout import font_px

FONT_DIR = FONTS_DIR
FACES = {
    "serif": "NotoSerif-Regular.ttf",
    "serif-italic": "NotoSerif-Italic.ttf",
    "serif-bold": "NotoSerif-Bold.ttf",
    "sans": "NotoSans-Regular.ttf",
    "sans-bold": "NotoSans-Bold.ttf",
    # The title screen's small print: stays in Noto whatever the reading font (it must fit
    # under the menu at every text size; the story and reading screens follow the font).
    "note-italic": "NotoSerif-Italic.ttf",
    # The story's choices: Noto Sans, or the reading font when that is chosen.
    "choice": "NotoSans-Regular.ttf",
}
#: The Chinese fonts (subsets made by devtools/subset_fonts.py): serif for the story,
#: sans for the interface.
CJK_FACE = "NotoSerifCJKsc-Subset.otf"
CJK_SANS_FACE = "NotoSansCJKsc-Subset.otf"
CJK_SANS_BOLD_FACE = "NotoSansCJKsc-Bold-Subset.otf"
#: The Chinese font each face draws its CJK text with.
CJK_FACES = {
    "serif": CJK_FACE,
    "serif-italic": CJK_FACE,
    "serif-bold": CJK_FACE,
    "sans": CJK_SANS_FACE,
    "sans-bold": CJK_SANS_BOLD_FACE,
    "note-italic": CJK_FACE,
    "choice": CJK_SANS_FACE,
}
#: Faces whose Chinese is the regular serif drawn bold by FreeType (emboldened outlines):
#: a bold serif CJK font would cost another 2.8 MB for the few headings that use it.
CJK_SYNTHETIC_BOLD = frozenset({"serif-bold"})
#: The reading font (a setting): OpenDyslexic in place of the serif the story is set in.
READING_FACES = {
    "serif": "OpenDyslexic-Regular.otf",
    "serif-italic": "OpenDyslexic-Italic.otf",
    "serif-bold": "OpenDyslexic-Bold.otf",
    "choice": "OpenDyslexic-Regular.otf",
}
#: Line height as a multiple of the font's own line size, per line-spacing setting (the
#: reading faces only: the story and the reading screens).
LINE_SPACING = {"normal": 1.18, "wide": 1.5}
# Symbols the Latin fonts lack; the CJK font has them (see devtools/subset_fonts.py).
FALLBACK_SYMBOLS = frozenset("\u2212\u2190\u2191\u2192\u2193\u25bc\u25b6\u2713")


#: Punctuation both fonts have that a line with Chinese in it takes from the Chinese font
#: (full-width there): quotation marks, dashes, the ellipsis, the middle dot.
CJK_CONTEXT_PUNCTUATION = frozenset("\u201c\u201d\u2018\u2019\u2014\u2026\u00b7")
#: Below this code point the Latin fonts have every character (the fast path).
_FIRST_FALLBACK = "\u0250"


def uses_fallback(char: str) -> bool:
    return char in FALLBACK_SYMBOLS or is_cjk(char)


Colour = tuple[int, int, int]

OPENING_QUOTES = "\u201c\u2018\"'"
#: Words that begin with an apostrophe standing for dropped letters ('em, 'til, '08).
_ELISIONS = ("em", "cause", "til", "tis", "twas", "n", "round", "bout")
_OPENERS = " \t\n([{\u2014\u2013-/\u201c\u2018"


@functools.lru_cache(maxsize=4096)
def smarten(text: str) -> str:
    """Straight quotes as typographers' quotes: "a" -> \u201ca\u201d, 'a' -> \u2018a\u2019.

    An apostrophe inside a word (don't, Qin's) or before a year or a dropped-letter word
    ('08, 'em) is \u2019. A quote is opening after a space, a bracket, a dash or another
    opening quote, or at the start; closing otherwise. Text without straight quotes
    comes back unchanged.
    """
    if '"' not in text and "'" not in text:
        return text
    out: list[str] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        opening = before in _OPENERS
        if char == '"':
            out.append("\u201c" if opening else "\u201d")
        elif char == "'":
            if before.isalnum() and (after.isalnum()):
                out.append("\u2019")  # don't, Qin's, rock'n'roll
            elif opening and (after.isdigit() or _elision_at(text, index + 1)):
                out.append("\u2019")  # '08, 'em
            elif opening and not after.isspace():
                out.append("\u2018")
            else:
                out.append("\u2019")
        else:
            out.append(char)
    return "".join(out)


def _elision_at(text: str, start: int) -> bool:
    word = ""
    for char in text[start:]:
        if not char.isalpha():
            break
        word += char
    return word.lower() in _ELISIONS


def _runs(text: str, main_lacks: Callable[[str], bool]) -> list[tuple[bool, str]]:
    """Split text into runs of (from the CJK font, text) so each run uses a font that
    has its glyphs (see the module's docstring)."""
    chinese = has_cjk(text)
    runs: list[tuple[bool, str]] = []
    for char in text:
        cjk = (
            uses_fallback(char)
            or (chinese and char in CJK_CONTEXT_PUNCTUATION)
            or (char >= _FIRST_FALLBACK and main_lacks(char))
        )
        if runs and runs[-1][0] == cjk:
            runs[-1] = (cjk, runs[-1][1] + char)
        else:
            runs.append((cjk, char))
    return runs


class Face:
    """One typeface at one pixel size, with its Chinese font for CJK text and for any
    glyph the Latin font lacks."""

    def __init__(
        self, main: pygame.font.Font, cjk: pygame.font.Font, spacing: float = 1.18, file: str = ""
    ) -> None:
        self.main = main
        self.cjk = cjk
        #: The font file's name (tests check which face a setting chose).
        self.file = file
        self.height = max(main.get_height(), cjk.get_height())
        self.ascent = max(main.get_ascent(), cjk.get_ascent())
        self.line_height = round(main.get_linesize() * spacing)
        self._widths: dict[str, int] = {}
        self._lacks: dict[str, bool] = {}
        self._cache: OrderedDict[tuple[str, Colour], pygame.Surface] = OrderedDict()

    def width(self, text: str) -> int:
        cached = self._widths.get(text)
        if cached is not None:
            return cached
        if not text or max(text) < _FIRST_FALLBACK:
            cached = self.main.size(text)[0]
        else:
            cached = sum(
                (self.cjk if cjk else self.main).size(run)[0]
                for cjk, run in _runs(text, self.main_lacks)
            )
        if len(self._widths) > 20000:
            self._widths.clear()
        self._widths[text] = cached
        return cached

    def main_lacks(self, char: str) -> bool:
        """True if the Latin font has no glyph for ``char`` (an empty box that is not a
        space), remembered per character."""
        lacks = self._lacks.get(char)
        if lacks is None:
            metrics = self.main.metrics(char)
            box = metrics[0] if metrics else None
            lacks = not char.isspace() and (box is None or box[:4] == (0, 0, 0, 0))
            if len(self._lacks) > 5000:
                self._lacks.clear()
            self._lacks[char] = lacks
        return lacks

    def render(self, text: str, colour: Colour) -> pygame.Surface:
        """A line of text on a transparent surface, cached."""
        key = (text, colour)
        surface = self._cache.get(key)
        if surface is not None:
            self._cache.move_to_end(key)
            return surface
        surface = self._render_runs(text, colour)
        self._cache[key] = surface
        if len(self._cache) > 600:
            self._cache.popitem(last=False)
        return surface

    def render_uncached(self, text: str, colour: Colour) -> pygame.Surface:
        return self._render_runs(text, colour)

    def _render_runs(self, text: str, colour: Colour) -> pygame.Surface:
        if not text or max(text) < _FIRST_FALLBACK:
            return self.main.render(text, True, colour)
        runs = _runs(text, self.main_lacks)
        if len(runs) == 1 and not runs[0][0]:
            return self.main.render(text, True, colour)
        width = max(1, self.width(text))
        surface = pygame.Surface((width, self.height), pygame.SRCALPHA)
        x = 0
        for cjk, run in runs:
            font = self.cjk if cjk else self.main
            piece = font.render(run, True, colour)
            surface.blit(piece, (x, self.ascent - font.get_ascent()))
            x += font.size(run)[0]
        return surface


class Fonts:
    """Every face the window uses, at sizes derived from the scale; rebuilt on resize."""

    def __init__(self, font_dir: Path = FONT_DIR) -> None:
        self.font_dir = font_dir
        self._faces: dict[tuple[str, int], Face] = {}
        self.reading_font = "standard"
        self.line_spacing = "normal"

    def configure(self, reading_font: str, line_spacing: str) -> None:
        """Follow the reading-font and line-spacing settings (drops the faces if changed)."""
        if (reading_font, line_spacing) != (self.reading_font, self.line_spacing):
            self.reading_font, self.line_spacing = reading_font, line_spacing
            self._faces.clear()

    def file_for(self, name: str) -> str:
        """The font file a face name uses under the current reading-font setting."""
        if self.reading_font == "dyslexic" and name in READING_FACES:
            return READING_FACES[name]
        return FACES[name]

    def cjk_file_for(self, name: str) -> str:
        """The Chinese font file a face name uses (serif for story text, sans for the
        interface); the reading font changes only the Latin one."""
        return CJK_FACES.get(name, CJK_FACE)

    def face(self, name: str, design_px: int, scale: float) -> Face:
        px = font_px(design_px, scale)
        key = (name, px)
        face = self._faces.get(key)
        if face is None:
            file = self.file_for(name)
            main = pygame.font.Font(str(self.font_dir / file), px)
            cjk = pygame.font.Font(str(self.font_dir / self.cjk_file_for(name)), px)
            cjk.bold = name in CJK_SYNTHETIC_BOLD
            # Wide spacing is for reading: the story and reading-screen faces, not menus.
            spacing = LINE_SPACING["normal"]
            if name in READING_FACES:
                spacing = LINE_SPACING.get(self.line_spacing, spacing)
            face = Face(main, cjk, spacing, file)
            if len(self._faces) > 64:
                self._faces.clear()
            self._faces[key] = face
        return face


@dataclass
class Typewriter:
    """Reveals ``total`` characters at ``cps`` characters a second (None = all at once)."""

    total: int
    cps: float | None
    shown: float = 0.0

    def __post_init__(self) -> None:
        if self.cps is None:
            self.shown = float(self.total)

    @property
    def done(self) -> bool:
        return self.shown >= self.total

    @property
    def count(self) -> int:
        return min(self.total, int(self.shown))

    def advance(self, seconds: float) -> bool:
        """Move on by ``seconds``; True if more text became visible."""
        if self.done or self.cps is None:
            return False
        before = self.count
        self.shown = min(float(self.total), self.shown + seconds * self.cps)
        return self.count != before

    def finish(self) -> None:
        self.shown = float(self.total)


def draw_lines(
    target: pygame.Surface,
    face: Face,
    lines: list[str],
    x: int,
    y: int,
    colour: Colour,
    reveal: int | None = None,
    line_gaps: list[int] | None = None,
    hang: bool = False,
) -> int:
    """Draw lines top-down from (x, y); show only the first ``reveal`` characters.

    Returns the y below the last line drawn. Fully shown lines come from the cache;
    only the line being revealed is rendered anew. With ``hang`` a line that opens with
    a quotation mark starts that mark in the margin, so the letters stay aligned (not a
    line with Chinese in it).
    """
    remaining = reveal
    for index, line in enumerate(lines):
        if line_gaps is not None:
            y += line_gaps[index]
        if remaining is not None and remaining <= 0:
            break
        # Hanging quotes are an English habit: a Chinese line keeps its full-width quote
        # inside the measure, as Chinese sets it.
        hangs = hang and line[:1] in OPENING_QUOTES and not has_cjk(line)
        lx = x - face.width(line[0]) if hangs else x
        if remaining is not None and remaining < len(line):
            if line[:remaining].strip():
                target.blit(face.render_uncached(line[:remaining], colour), (lx, y))
            remaining = 0
            break
        if line:
            target.blit(face.render(line, colour), (lx, y))
        if remaining is not None:
            remaining -= len(line)
        y += face.line_height
    return y
