"""Chinese text in the window: the typewriter reveals it a character at a time, quotes
and dashes in a Chinese line are full-width from the Chinese font, hanging quotes stay
English, and the story's wrapping keeps the Chinese rules at pixel widths."""

from __future__ import annotations

from itertools import pairwise

import pygame

from game.textlayout import NO_LINE_END, NO_LINE_START
from game.ui.layout import wrap_text
from game.ui.text import Fonts, Typewriter, draw_lines

PARAGRAPH = (
    "老彭（Old Peng）扳着手指数离过年还有几天，数到四十就数乱了，"
    "上铺的人敲了敲床架：“睡觉！”一共2,100元——加班费算进去了吗？"
)


def test_the_typewriter_reveals_chinese_a_character_at_a_time() -> None:
    pygame.font.init()
    face = Fonts().face("serif", 22, 1.0)
    lines = wrap_text(PARAGRAPH, 300, face.width)
    assert len(lines) > 2
    total = sum(len(line) for line in lines)
    writer = Typewriter(total, cps=10)
    target = pygame.Surface((400, 400), pygame.SRCALPHA)
    widths = []
    for _ in range(6):
        writer.advance(0.1)  # one character
        target.fill((0, 0, 0, 0))
        draw_lines(target, face, lines, 20, 10, (255, 255, 255), reveal=writer.count)
        widths.append(target.get_bounding_rect().w)
    assert writer.count == 6
    assert widths == sorted(widths) and widths[0] < widths[-1]  # 老, 老彭, 老彭（, ...


def test_quotes_and_dashes_in_a_chinese_line_are_full_width() -> None:
    pygame.font.init()
    face = Fonts().face("serif", 20, 1.0)
    em = face.width("中")
    assert face.width("“中”") == 3 * em
    assert face.width("“go”") < face.width("go") + 2 * em  # English keeps its quotes
    # No hanging: a Chinese line opening with a quote starts at the margin.
    target = pygame.Surface((300, 60), pygame.SRCALPHA)
    draw_lines(target, face, ["“睡觉！”"], 40, 0, (255, 255, 255), hang=True)
    assert target.get_bounding_rect().x >= 40


def test_pixel_wrapping_keeps_the_chinese_rules_at_every_width() -> None:
    pygame.font.init()
    for name in ("serif", "choice", "sans-bold"):
        face = Fonts().face(name, 20, 1.0)
        for width in range(160, 700, 23):
            lines = wrap_text(PARAGRAPH, width, face.width, no_widows=True)
            assert "".join(lines).replace(" ", "") == PARAGRAPH.replace(" ", "")
            assert all(face.width(line) <= width for line in lines)
            for before, line in pairwise(lines):
                assert line[0] not in NO_LINE_START and before[-1] not in NO_LINE_END, lines
