"""Line breaking and display width (game.textlayout): the Chinese punctuation rules at
many widths, as a table and as properties; English exactly as before; the text mode's
wrapping by display width."""

from __future__ import annotations

import re
import textwrap
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.textlayout import (
    NO_LINE_END,
    NO_LINE_START,
    UAX14_MAX_CHARS,
    break_units,
    display_width,
    has_cjk,
    is_cjk,
    mend_widow,
    wrap,
    wrap_columns,
)
from game.textui import wrap_for_terminal

CHINESE = [
    "奶奶说：“你们今年回来吗？”秦没有回答。她看着窗外的田，想起2008年1月的那场雪。",
    "火车票（硬座）要两百元；黄牛卖一千元！“太贵了……”爸爸说——他没有钱。",
    "「你为什么不回来？」秦问。『因为要挣钱。』妈妈说，《新闻联播》还在放。",
    "2008年1月30日，广州火车站外有十几万人；温家宝总理用扩音器说话。",
    "Qin 在东莞的工厂里上班，每月1,480元，还要寄一半回家【给奶奶】。",
    "他们说：“春运（chūnyùn）是世界上最大的人口迁移。”对吗？对！",
    "弟弟考了第3名、语文98分、数学100分；奶奶笑了：“好孩子！”",
    "工资、加班费、车票、学费……一年的钱都去哪儿了？",
    "“你们只关心钱。”——秦的话像一把刀。〈她说完就走了〉",
    "He said “go home” and 秦 said no：这不是 English-only 的句子。",
]
LATIN_PUNCTUATION_BOTH = frozenset("“‘([{")  # opening marks a Latin quotation may start


def dropped_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_rules(text: str, lines: list[str], width: int) -> None:
    """The text survives; no line is too wide; no line starts with a closing mark or
    ends with an opening one."""
    assert dropped_spaces("".join(lines)) == dropped_spaces(text)
    for line in lines:
        assert display_width(line) <= width, (line, width)
    for before, line in pairwise(lines):
        assert line[0] not in NO_LINE_START, f"line starts with {line[0]!r}: {lines}"
        assert before[-1] not in NO_LINE_END, f"line ends with {before[-1]!r}: {lines}"


@pytest.mark.parametrize("text", CHINESE)
@pytest.mark.parametrize("width", range(12, 61, 3))
def test_chinese_punctuation_rules_at_every_width(text: str, width: int) -> None:
    lines = wrap(text, width, display_width)
    check_rules(text, lines, width)
    assert len(lines) >= display_width(text) // width


@pytest.mark.parametrize("text", CHINESE)
@pytest.mark.parametrize("width", range(12, 61, 3))
def test_the_widow_rule_keeps_the_punctuation_rules(text: str, width: int) -> None:
    check_rules(text, wrap(text, width, display_width, no_widows=True), width)


def test_numbers_stay_with_their_unit_and_dashes_and_ellipses_stay_whole() -> None:
    units = break_units("2008年1月30日，他说——走了……好吗？")
    assert units[:3] == ("2008年", "1月", "30日，")
    assert "说——" in units and "了……" in units
    assert all(not unit.startswith(("—", "…", "，", "？")) for unit in units)


def test_break_units_join_back_to_the_text() -> None:
    for text in CHINESE:
        assert "".join(break_units(text)) == text


def test_a_lonely_last_character_gets_company() -> None:
    text = "她看着窗外的田，想起那场雪，想起奶奶了。"
    plain = wrap(text, 18, display_width)
    assert plain[-1] == "了。"
    mended = wrap(text, 18, display_width, no_widows=True)
    assert mended[-1] == "奶了。" or len(dropped_spaces(mended[-1])) >= 3
    assert "".join(mended) == text
    # Not when the line above would be left with a single piece.
    assert mend_widow(["你好", "吗"], 10, display_width) == ["你好", "吗"]


def old_wrap(text: str, width: int, measure: object) -> list[str]:
    """The window's English wrapping before Chinese rules existed (spaces only)."""
    assert callable(measure)
    text = " ".join(text.split())
    if not text:
        return [""]
    words = text.split(" ")
    tokens = [word + " " for word in words[:-1]] + [words[-1]]
    lines: list[str] = []
    line = ""
    for token in tokens:
        candidate = line + token
        if measure(candidate.rstrip()) <= width:
            line = candidate
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = ""
        if measure(token.rstrip()) <= width:
            line = token
            continue
        piece = ""
        for char in token.rstrip():
            if piece and measure(piece + char) > width:
                lines.append(piece)
                piece = char
            else:
                piece += char
        line = piece + (" " if token.endswith(" ") else "")
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


ENGLISH = st.text(
    alphabet=st.sampled_from(list("abcdefghij ABC-—,.;:!?'\"“”()0123456789é")), max_size=200
)


@settings(max_examples=300, deadline=None)
@given(ENGLISH, st.integers(min_value=1, max_value=50))
def test_english_wraps_exactly_as_before(text: str, width: int) -> None:
    assert not has_cjk(text)
    assert wrap(text, width, len) == old_wrap(text, width, len)


MIXED = st.text(
    alphabet=st.sampled_from(
        list("春运回家奶奶秦钱工厂火车票年月日元的了吗")
        + list("，。、；：？！…—～”’」』）》〉】「『（《〈【“‘")
        + list("abcQin 0123456789-.,")
    ),
    max_size=120,
)


@settings(max_examples=400, deadline=None)
@given(MIXED, st.integers(min_value=2, max_value=40), st.booleans())
def test_any_mixed_text_keeps_the_rules_where_its_pieces_fit(
    text: str, width: int, no_widows: bool
) -> None:
    lines = wrap(text, width, display_width, no_widows)
    assert dropped_spaces("".join(lines)) == dropped_spaces(text)
    assert all(display_width(line) <= width for line in lines)
    normal = " ".join(text.split())
    # An opening mark followed by a space ('‘ 〈') may end a line wherever it stands:
    # the space is a break the text itself makes, and no rule can move it.
    opening_then_space = any(f"{mark} " in normal for mark in NO_LINE_END)
    fits = all(display_width(u.rstrip()) <= width for u in break_units(normal))
    if has_cjk(normal) and fits and not opening_then_space:
        for before, line in pairwise(lines):
            assert line[0] not in NO_LINE_START, lines
            assert before[-1] not in NO_LINE_END, lines


def test_display_width() -> None:
    assert display_width("Qin") == 3
    assert display_width("秦") == 2
    assert display_width("，。") == 4  # full-width punctuation
    assert display_width("ＡＢ") == 4  # full-width forms
    assert display_width("e\u0301") == 1  # a combining accent takes no column
    assert display_width("a\u200db") == 2  # nor does a zero-width joiner
    assert display_width("2008年1月") == 9
    assert display_width("") == 0


def test_is_cjk() -> None:
    assert all(is_cjk(c) for c in "秦，。「」ＡあㄅＡ")
    assert not any(is_cjk(c) for c in "Qin é—“")


@pytest.mark.parametrize("text", CHINESE)
@pytest.mark.parametrize("columns", [20, 40, 60, 80])
def test_the_text_mode_wraps_chinese_by_display_width(text: str, columns: int) -> None:
    wrapped = wrap_for_terminal(text, columns, "  ", "    ").splitlines()
    assert all(display_width(line) <= columns for line in wrapped)
    assert wrapped[0].startswith("  ") and all(line.startswith("    ") for line in wrapped[1:])
    check_rules(text, [line.strip() for line in wrapped], columns)


def test_the_text_mode_wraps_english_as_textwrap_does() -> None:
    text = "A well-known co-operative runs the night train; tickets cost 150-250 yuan. " * 4
    assert wrap_for_terminal(text, 40, "  ") == textwrap.fill(
        text, 40, initial_indent="  ", subsequent_indent="  "
    )
    assert wrap_columns("秦", 10) == "秦"


def test_a_very_long_paragraph_is_fast_and_keeps_the_rules() -> None:
    import time

    text = "".join(CHINESE) * 30
    assert len(text) > UAX14_MAX_CHARS
    started = time.perf_counter()
    lines = wrap(text, 41, display_width, no_widows=True)
    assert time.perf_counter() - started < 1.0
    check_rules(text, lines, 41)
