"""The text mode against hostile text and input: escapes, bad bytes, EOF, Ctrl+C, W130."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.engine.diagnostics import escape_controls
from game.engine.loader import load_story
from game.textui import TextGame
from tests.conftest import ROOT, TEST_STORIES

VILLAGE = TEST_STORIES / "village_day"


@pytest.fixture
def hostile_story(tmp_path: Path) -> Path:
    """village_day with terminal control characters in a paragraph and a choice."""
    folder = tmp_path / "story"
    shutil.copytree(VILLAGE, folder)
    day = folder / "day.yaml"
    text = day.read_text(encoding="utf-8")
    text = text.replace(
        '"You are up before the rooster," Nainai says.',
        "Nainai says nothing.",
    ).replace(
        "      - text: Buy pork and tangerines\n",
        '      - text: "Buy pork\\e[2J\\x9b31m and tangerines\\a"\n',
    )
    text = text.replace(
        "    discuss: What would you buy first?\n", '    discuss: "Why\\e]0;pwned\\a?"\n'
    )
    day.write_text(text, encoding="utf-8")
    return folder


def test_escape_controls_makes_every_control_character_visible() -> None:
    assert escape_controls("plain 红包 text\tand tabs") == "plain 红包 text\tand tabs"
    assert escape_controls("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert escape_controls("\x9b\x07\x7f\x00\r") == "\\x9b\\x07\\x7f\\x00\\x0d"


def test_control_characters_in_a_story_are_w120_and_never_printed(hostile_story: Path) -> None:
    story, diagnostics = load_story(hostile_story)
    assert story is not None
    found = [d for d in diagnostics if d.code == "W130"]
    assert len(found) == 2
    assert all(d.file.endswith("day.yaml") and d.severity == "warning" for d in found)
    assert {"U+001B"} == {d.message.split("character ")[1][:6] for d in found}
    out = io.StringIO()
    lines = iter(["2\n", "q\n"])
    game = TextGame(story, 1, out, lambda: next(lines, None), classroom=True, echo=True)
    assert game.play() == 0
    printed = out.getvalue()
    assert "Buy pork\\x1b[2J\\x9b31m and tangerines\\x07" in printed
    assert "\x1b" not in printed and "\x9b" not in printed and "\x07" not in printed


def test_control_characters_typed_by_the_player_are_echoed_escaped() -> None:
    story, _ = load_story(VILLAGE)
    assert story is not None
    out = io.StringIO()
    lines = iter(["\x1b[31m\n"])
    TextGame(story, 1, out, lambda: next(lines, None), echo=True).play()
    assert "\x1b" not in out.getvalue() and "\\x1b[31m" in out.getvalue()


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "utf-8"}, {"LC_ALL": "C.UTF-8", "PYTHONUTF8": "1"}],
    ids=["pythonioencoding", "strict-utf8-locale"],
)
def test_bytes_that_are_not_utf8_on_stdin_are_not_a_choice(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "play", "--text", "--story", str(VILLAGE)],
        input=b"\xff\xfe\xc3(\n2\n\x80\n",
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"is not a choice" in result.stdout
    assert b"end of input" in result.stdout


@pytest.mark.skipif(os.name == "nt", reason="SIGINT to a child process")
def test_ctrl_c_at_the_prompt_ends_the_game_quietly() -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "play",
            "--text",
            "--decorated",
            "--story",
            str(VILLAGE),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    seen = b""
    # The prompt is "> ", or "Your choice: " in plain mode (the default when the output
    # is not a terminal, as here); waiting for the wrong one would block forever.
    while not (b"> " in seen or b"choice: " in seen) and time.monotonic() < deadline:
        seen += os.read(process.stdout.fileno(), 4096)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0
    assert b"goodbye" in out or out.endswith(b"\n")
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err


def test_a_diagnostic_quoting_a_control_character_prints_it_escaped() -> None:
    from game.engine.diagnostics import Diagnostic

    shown = str(Diagnostic("E012", "error", "a.yaml", 3, 5, "unknown field 'te\x1b[2Jxt'"))
    assert "\x1b" not in shown and "te\\x1b[2Jxt" in shown


def test_input_lines_are_bounded_and_a_line_without_end_ends_the_input() -> None:
    from game.textui import MAX_LINE, MAX_SKIPPED, bounded_line

    stream = io.StringIO("1\n" + "9" * (MAX_LINE * 3) + "\n2\n")
    assert bounded_line(stream) == "1\n"
    long = bounded_line(stream)
    assert long is not None and len(long) == MAX_LINE + 1
    assert bounded_line(stream) == "2\n"
    assert bounded_line(stream) is None
    endless = io.StringIO("\0" * (MAX_SKIPPED + 2 * MAX_LINE))
    assert bounded_line(endless) is None


def test_a_number_of_thousands_of_digits_is_not_a_choice() -> None:
    story, _ = load_story(VILLAGE)
    assert story is not None
    out = io.StringIO()
    lines = iter(["9" * 5000 + "\n", "²\n", "١\n", "2\n"])
    assert TextGame(story, 1, out, lambda: next(lines, None)).play() == 0
    assert out.getvalue().count("is not a choice") == 3  # superscript 2, Arabic-Indic 1 too
    assert "9" * 5000 not in out.getvalue()


@pytest.mark.skipif(os.name == "nt", reason="/dev/zero")
def test_dev_zero_on_stdin_ends_the_game_quietly() -> None:
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "play", "--text", "--story", str(VILLAGE)],
            stdin=zero,
            capture_output=True,
            cwd=ROOT,
            timeout=60,
        )
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr and b"end of input" in result.stdout
