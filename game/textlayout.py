"""Where a line of text may break, and how wide text is in a terminal: shared by the
window, the text mode and the tools (pure Python, no pygame).

English (text without Chinese, Japanese or Korean characters) breaks at spaces only,
exactly as the game always has: a word is never split unless it is wider than a line.

Text with CJK characters breaks where the Unicode line-breaking algorithm (UAX #14,
through the ``uniseg`` library) allows, tailored with the Chinese rules (禁则, kinsoku):

- no line starts with closing or trailing punctuation (``，。、；：？！」』）》〉】…—～”``
  and the rest of :data:`NO_LINE_START`);
- no line ends with opening punctuation (``「『（《〈【“‘`` and the rest of
  :data:`NO_LINE_END`);
- a number stays with the character after it (``2008年``, ``1月``, ``1480元``), so a date
  breaks between its parts, never inside one;
- the two-character dash ``——`` and ellipsis ``……`` are never split.

Full-width punctuation is kept as written; nothing is spaced out to justify a line. A
paragraph longer than :data:`UAX14_MAX_CHARS` characters breaks around every CJK
character and after spaces instead (the same Chinese rules applied), so the time to lay
out any text stays small. The
break rules do not depend on the width: :func:`break_units` cuts a paragraph into the
pieces a line is built from (each keeps its trailing space), cached by text, and
:func:`wrap` fills lines greedily with any ``measure`` (pixels in the window, columns
from :func:`display_width` in the terminal).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from uniseg.linebreak import line_break, line_break_breakables

Measure = Callable[[str], int]

__all__ = [
    "NO_LINE_END",
    "NO_LINE_START",
    "break_units",
    "display_width",
    "has_cjk",
    "is_cjk",
    "is_wide",
    "mend_widow",
    "wrap",
    "wrap_columns",
]

#: Characters that never start a line in Chinese text: closing brackets and quotes,
#: sentence and clause punctuation, the dash and the ellipsis, iteration marks, small
#: kana and the prolonged sound mark, and the half-width forms of the same.
NO_LINE_START = frozenset(
    "，。、；：？！…‥—～·・」』）》〉】〕〗〙〛｝］〞〟”’"
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞︰︱︲︳︶︸︺︼︾﹀﹂﹄"
    "％．，：；？！）］｝｡｣､･〜〻々ゝゞヽヾー"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    ",.;:?!%)]}›»‰℃°′″"
)
#: Characters that never end a line in Chinese text: opening brackets and quotes.
NO_LINE_END = frozenset("「『（《〈【〔〖〘〚｛［〝“‘﹙﹛﹝｟([{‹«")

_DIGITS = frozenset("0123456789０１２３４５６７８９")
#: How many paragraphs' break units are remembered.
_CACHE_SIZE = 4096
#: uniseg takes about 90 microseconds a character: a paragraph longer than this (a
#: twenty-line paragraph of Chinese) breaks by the simple rule of :func:`_simple_breakables`
#: with the same Chinese tailoring, so layout stays fast whatever a mod holds.
UAX14_MAX_CHARS = 2000
#: Each character's Line_Break property, remembered (halves uniseg's time).
_line_break_class = lru_cache(maxsize=8192)(line_break)


def is_cjk(char: str) -> bool:
    """True for Chinese, Japanese and Korean characters, their punctuation and the
    full-width forms: the characters the CJK fonts supply and that break as CJK."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK punctuation, kana, bopomofo, ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFE30 <= code <= 0xFE4F  # CJK compatibility forms (vertical punctuation)
        or 0xFF00 <= code <= 0xFFEF  # full-width and half-width forms
        or 0x20000 <= code <= 0x3FFFF  # the supplementary ideographs
        or 0x1100 <= code <= 0x11FF  # Hangul jamo
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
    )


#: The ranges of :func:`is_cjk` as one character class (a search runs in C: layout asks
#: this of every line it measures).
_CJK_CHAR = re.compile(
    "[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef\U00020000-\U0003ffff]"
)


def has_cjk(text: str) -> bool:
    """Does ``text`` hold any CJK character (and so break by the CJK rules)?"""
    return _CJK_CHAR.search(text) is not None


def is_wide(char: str) -> bool:
    """Two terminal columns: East Asian Wide or Fullwidth."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes: wide and full-width characters two,
    combining marks, format characters (zero-width joiners) and controls none, the
    rest one."""
    if text.isascii():
        return sum(1 for c in text if c.isprintable())
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
            continue
        width += 2 if is_wide(char) else 1
    return width


def _is_han(char: str) -> bool:
    return is_cjk(char) and unicodedata.category(char) == "Lo"


def _tailor(text: str, breakables: list[int]) -> list[int]:
    """Apply the Chinese rules to UAX #14's break opportunities (1: a line may start at
    this index)."""
    for index in range(1, len(text)):
        if not breakables[index]:
            continue
        char, before = text[index], text[index - 1]
        if (
            char in NO_LINE_START
            or before in NO_LINE_END
            or (before in _DIGITS and _is_han(char))
            or (char == before and char in "—…")
        ):
            breakables[index] = 0
    return breakables


def _simple_breakables(text: str) -> list[int]:
    """Break opportunities for a very long paragraph: after a run of spaces, and on
    either side of a CJK character (the Chinese rules are applied after)."""
    found = [0]
    for index in range(1, len(text)):
        before, char = text[index - 1], text[index]
        found.append(
            int(
                (before == " " and char != " ")
                or (char != " " and before != " " and (is_cjk(before) or is_cjk(char)))
            )
        )
    return found


@lru_cache(maxsize=_CACHE_SIZE)
def break_units(text: str) -> tuple[str, ...]:
    """``text`` cut at every place a line may break; each piece keeps the spaces after
    it, and the pieces joined give ``text`` back.

    English: words with their trailing space. CJK text: UAX #14 with the Chinese rules.
    """
    if not text:
        return ()
    if not has_cjk(text):
        words = text.split(" ")
        return tuple(word + " " for word in words[:-1]) + ((words[-1],) if words[-1] else ())
    if len(text) <= UAX14_MAX_CHARS:
        found = list(line_break_breakables(text, property=_line_break_class))
    else:
        found = _simple_breakables(text)
    breakables = _tailor(text, found)
    units: list[str] = []
    start = 0
    for index in range(1, len(text)):
        if breakables[index]:
            units.append(text[start:index])
            start = index
    units.append(text[start:])
    return tuple(units)


def _split_long(unit: str, width: int, measure: Measure) -> list[str]:
    """Break a piece wider than the line into pieces that fit (a character each at
    least)."""
    pieces: list[str] = []
    piece = ""
    for char in unit:
        if piece and measure(piece + char) > width:
            pieces.append(piece)
            piece = char
        else:
            piece += char
    if piece:
        pieces.append(piece)
    return pieces


def wrap(text: str, width: int, measure: Measure, no_widows: bool = False) -> list[str]:
    """Wrap one paragraph to lines no wider than ``width`` (as ``measure`` says); never
    loses text.

    Runs of white space count as one space; spaces at the ends of lines are dropped. A
    piece wider than a line is broken inside. An empty paragraph gives ``[""]``. With
    ``no_widows`` the last line is not left with a single word (English) or a single
    character (Chinese) where the line above can spare one (:func:`mend_widow`).
    """
    text = " ".join(text.split())
    if not text:
        return [""]
    lines: list[str] = []
    line = ""
    for unit in break_units(text):
        candidate = line + unit
        if measure(candidate.rstrip()) <= width:
            line = candidate
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = ""
        if measure(unit.rstrip()) <= width:
            line = unit
            continue
        pieces = _split_long(unit.rstrip(), width, measure)
        lines.extend(pieces[:-1])
        line = pieces[-1] + (" " if unit.endswith(" ") else "")
    if line.strip():
        lines.append(line.rstrip())
    lines = lines or [""]
    return mend_widow(lines, width, measure) if no_widows else lines


def _letters(text: str) -> int:
    """Characters that are neither punctuation nor space."""
    return sum(1 for c in text if not c.isspace() and not unicodedata.category(c).startswith("P"))


def mend_widow(lines: list[str], width: int, measure: Measure) -> list[str]:
    """Bring a piece of the line above down to a lonely last line, where that is cheap.

    English: a single word alone on the last line gets the word before it, when the line
    above keeps at least two words and the new last line fits. Chinese: a last line of
    one character (with its punctuation, as ``了。``) gets the last piece of the line
    above, when that line keeps at least two pieces and the new last line fits.
    """
    if len(lines) < 2:
        return lines
    above, last = lines[-2], lines[-1]
    if has_cjk(above + last):
        return _mend_cjk_widow(lines, width, measure)
    if " " in last:
        return lines
    head, _, moved = above.rpartition(" ")
    if not head or " " not in head.strip():
        return lines
    new_last = f"{moved} {last}"
    if measure(new_last) > width:
        return lines
    return [*lines[:-2], head.rstrip(), new_last]


def _mend_cjk_widow(lines: list[str], width: int, measure: Measure) -> list[str]:
    above, last = lines[-2], lines[-1]
    # Only where the break was between two CJK characters (no space was dropped there).
    if _letters(last) > 1 or not is_cjk(above[-1]) or not is_cjk(last[0]):
        return lines
    units = break_units(above)
    if len(units) < 3:
        return lines
    new_last = units[-1] + last
    if _letters(units[-1]) == 0 or measure(new_last) > width:
        return lines
    return [*lines[:-2], "".join(units[:-1]).rstrip(), new_last]


def wrap_columns(text: str, columns: int, indent: str = "", hanging: str | None = None) -> str:
    """Wrap for a terminal by display width (wide characters take two columns), with
    ``indent`` before the first line and ``hanging`` (default: ``indent``) before the
    others; the lines joined by newlines."""
    hanging = indent if hanging is None else hanging
    room = max(1, columns - max(display_width(indent), display_width(hanging)))
    lines = wrap(text, room, display_width)
    return "\n".join((indent if i == 0 else hanging) + line for i, line in enumerate(lines))
