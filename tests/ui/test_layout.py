"""Pure layout: wrapping, pages, the viewport, and that everything fits at every text
size and window size (measured with the real fonts)."""

from __future__ import annotations

import pygame
import pytest

from game.ui.layout import (
    DESIGN_H,
    DESIGN_W,
    PANEL_PAD_Y,
    TEXT_SIZE_PX,
    fit_viewport,
    grid_cells,
    hud_height,
    paginate,
    story_regions,
    wrap_paragraphs,
    wrap_text,
)
from game.ui.text import Fonts
from tests.ui.conftest import SIZES


def mono(text: str) -> int:
    """A fake measure: every character 10 pixels wide."""
    return 10 * len(text)


LONG_SCENE = [
    " ".join(["Two hundred sewing machines make one noise, and the noise is the whole day."] * 5),
    " ".join(["Qin's letter says the fees are due before the holiday, and nothing else."] * 4),
    "Wages came today.",
    " ".join(["Old Peng laughs at his own joke before he reaches the end of it."] * 4),
    "You fold the letter and put it back under the pillow.",
]


def test_wrap_respects_the_width_and_keeps_every_word() -> None:
    text = "The dormitory lights go out at eleven and someone's radio plays opera"
    lines = wrap_text(text, 120, mono)
    assert all(mono(line) <= 120 for line in lines)
    assert " ".join(lines).split() == text.split()


def test_wrap_breaks_a_word_longer_than_the_line() -> None:
    lines = wrap_text("a " + "x" * 35 + " b", 100, mono)
    assert all(mono(line) <= 100 for line in lines)
    assert "".join(lines).replace(" ", "") == "a" + "x" * 35 + "b"


def test_wrap_breaks_between_chinese_characters() -> None:
    lines = wrap_text("Chunyun 春运春运春运春运 is the rush", 80, mono)
    assert all(mono(line) <= 80 for line in lines)
    assert "".join(lines).replace(" ", "") == "Chunyun春运春运春运春运istherush"


def test_wrap_of_empty_text_is_one_empty_line() -> None:
    assert wrap_text("   ", 100, mono) == [""]


def test_pages_never_exceed_their_capacity_and_keep_every_line() -> None:
    wrapped = wrap_paragraphs(LONG_SCENE, 400, mono)
    paras = [p for p, _ in wrapped]
    for capacity in (60, 150, 400, 2000):
        pages = paginate(paras, 30, 12, capacity, 90)
        covered = [i for page in pages for i in range(page.start, page.stop)]
        assert covered == list(range(len(paras)))
        assert all(page.height <= max(capacity, 30 + 90) for page in pages)
        assert pages[-1].height >= 90  # the choices are on the last page


def test_choices_come_with_the_last_paragraph_not_alone() -> None:
    paras = [0] * 6 + [1] * 2
    pages = paginate(paras, 30, 10, 250, 100)
    assert len(pages) == 2
    assert pages[-1].start == 6  # the page with the choices starts at the last paragraph


def test_viewport_letterboxes_and_keeps_the_shape() -> None:
    wide = fit_viewport(2560, 1080)
    assert wide.h == 1080 and wide.x > 0 and wide.y == 0
    tall = fit_viewport(1280, 1000)
    assert tall.w == 1280 and tall.y > 0
    assert abs(wide.w / wide.h - DESIGN_W / DESIGN_H) < 0.01
    assert fit_viewport(1280, 720).scale == 1.0


def test_grid_cells_fill_the_area() -> None:
    cells = grid_cells(9, 3, (0, 0, 300, 300), 0)
    assert cells[0] == (0, 0, 100, 100) and cells[-1] == (200, 200, 100, 100)


@pytest.fixture(scope="module")
def fonts():  # type: ignore[no-untyped-def]
    pygame.font.init()
    return Fonts()


CHOICES = [
    ("Buy two hard seats at the window", None),
    ("Pay the man at the gate for two seats", "Not enough cash: he wants 1,600 yuan"),
    ("One ticket; you stay in Guangzhou for the New Year", None),
    ("Ask Supervisor Liu for an advance on next month", "Only after a full month of overtime"),
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text_size", list(TEXT_SIZE_PX))
def test_a_long_scene_with_four_choices_fits_the_panel(fonts, size, text_size) -> None:  # type: ignore[no-untyped-def]
    body_px, ui_px = TEXT_SIZE_PX[text_size]
    vp = fit_viewport(*size)
    body = fonts.face("serif", body_px, vp.scale)
    choice = fonts.face("sans", ui_px + 1, vp.scale)
    detail = fonts.face("serif-italic", ui_px, vp.scale)
    regions = story_regions(7, ui_px)
    width = vp.px(regions.text_width)
    wrapped = wrap_paragraphs(LONG_SCENE, width, body.width)
    assert all(body.width(line) <= width for _, line in wrapped)
    choice_h = vp.px(18)
    for text, reason in CHOICES:
        lines = wrap_text(text, width - vp.px(82), choice.width)
        reasons = wrap_text(reason, width - vp.px(32), detail.width) if reason else []
        choice_h += len(lines) * choice.line_height + len(reasons) * detail.line_height
        choice_h += vp.px(28)
    capacity = vp.px(regions.panel_capacity) - choice.line_height
    pages = paginate([p for p, _ in wrapped], body.line_height, 10, capacity, choice_h)
    assert all(page.height <= capacity for page in pages)
    assert len(pages) <= 4


@pytest.mark.parametrize("text_size", list(TEXT_SIZE_PX))
def test_the_hud_leaves_room_for_a_portrait(text_size) -> None:  # type: ignore[no-untyped-def]
    _, ui_px = TEXT_SIZE_PX[text_size]
    regions = story_regions(7, ui_px)
    assert regions.hud[1] + hud_height(7, ui_px) < regions.portrait[1]
    assert regions.portrait[3] >= 200
    assert regions.panel_capacity + 2 * PANEL_PAD_Y <= DESIGN_H
