"""The text mode plays a Chinese story: every line fits the terminal by display width
(a Chinese character takes two columns) and keeps the Chinese punctuation rules."""

from __future__ import annotations

import io
from itertools import pairwise

import pytest

from game.engine import load_story
from game.textlayout import NO_LINE_END, NO_LINE_START, display_width, has_cjk
from game.textui import TextGame
from tests.conftest import ROOT

ZH_STORY = ROOT / "tests" / "ui" / "story_zh"


@pytest.mark.parametrize("width", [40, 57, 80])
def test_a_chinese_story_fits_the_terminal(width: int) -> None:
    story, diagnostics = load_story(ZH_STORY)
    assert story is not None, diagnostics
    out = io.StringIO()
    answers = iter(["c\n", "1\n", "1\n", "1\n", "1\n", "q\n"])
    game = TextGame(story, 1, out, lambda: next(answers, None), width=width, classroom=True)
    assert game.play() == 0
    lines = out.getvalue().splitlines()
    chinese = [line for line in lines if has_cjk(line)]
    assert len(chinese) > 20
    # (English lines may hold an unbreakable path, such as the decision record's.)
    assert all(display_width(line) <= width for line in chinese), max(chinese, key=display_width)
    for before, line in pairwise(lines):
        if has_cjk(before) and has_cjk(line) and before.strip() and line.strip():
            # The continuation of a paragraph never starts with a closing mark, nor does
            # the line before end with an opening one.
            if line.startswith(" ") or not before.startswith(" "):
                assert line.strip()[0] not in NO_LINE_START, (before, line)
            assert before.strip()[-1] not in NO_LINE_END, (before, line)
    assert "老彭" in out.getvalue() and "2,100元——" in out.getvalue()
