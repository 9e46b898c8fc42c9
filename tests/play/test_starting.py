"""Chapter starts, lesson paths and a writer's --from/--set: declared, checked, played."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.engine.loader import load_story
from game.engine.model import Story
from game.play.starting import StartError, new_runner, plan_start
from game.saves import SaveStore
from game.textui import TextGame
from tests.conftest import WriteStory, run_main

STORY = """\
format: 1
id: starts
title: Starts
version: '1'
start: a
chapters: [one.yaml, two.yaml]
variables:
  money: {type: money, initial: 100, label: Cash, hud: true}
  qin: {type: int, initial: 3, min: 0, max: 10, label: Qin, hud: true}
  left: {type: bool, initial: false}
"""
STARTS = """\
starts:
  two:
    chapter: 2
    scene: c
    summary: Winter two. Qin has left school; the tin holds 900 yuan.
    values: {money: 900, qin: 1, left: true}
  short:
    chapter: 2
    scene: c
    until: [d]
    summary: Only the first scene of winter two.
    values: {money: 900}
"""
ONE = """\
chapter: 1
title: Winter one
scenes:
  a:
    text: The first winter.
    choices:
      - text: Send money
        effects: ['money -= 50 "Sent home"']
        goto: b
  b:
    text: Spring.
    next: c
"""
TWO = """\
chapter: 2
title: Winter two
scenes:
  c:
    text: "{left:yesno} The second winter."
    next: d
  d:
    text: New Year.
    ending: {title: Home}
"""


def write(write_story: WriteStory, starts: str = STARTS) -> Path:
    folder: Path = write_story(
        {
            "story.yaml": STORY + starts,
            "one.yaml": ONE,
            "two.yaml": TWO.replace("{left:yesno} ", ""),
        }
    )
    return folder


def load(folder: Path) -> Story:
    story, diagnostics = load_story(folder)
    assert story is not None, [str(d) for d in diagnostics]
    return story


def test_a_chapter_start_sets_its_state_and_scene(write_story: WriteStory) -> None:
    story = load(write(write_story))
    plan = plan_start(story, chapter=2)
    assert plan.summary.startswith("Winter two.")
    runner = new_runner(story, 5, plan)
    assert runner.scene_id == "c"
    assert (runner.vars["money"], runner.vars["qin"], runner.vars["left"]) == (900, 1, True)
    assert runner.ledger == ()
    assert plan_start(story, chapter=1).is_story_start


def test_writer_jumps_and_bad_requests_say_why(write_story: WriteStory) -> None:
    story = load(write(write_story))
    plan = plan_start(story, from_scene="d", assignments=["qin=7", "left=true"])
    assert (plan.scene, plan.values) == ("d", {"qin": 7, "left": True})
    assert plan_start(story, lesson="two", assignments=["qin=9"]).values["qin"] == 9
    for kwargs, words in [
        ({"chapter": 3}, "no start for chapter 3"),
        ({"lesson": "shortt"}, "did you mean 'short'"),
        ({"from_scene": "dd"}, "did you mean 'd'"),
        ({"assignments": ["qinn=3"]}, "did you mean 'qin'"),
        ({"assignments": ["qin=11"]}, "0..10"),
        ({"assignments": ["qin=many"]}, "whole number"),
        ({"assignments": ["left=maybe"]}, "true or false"),
        ({"assignments": ["money=" + "9" * 5000]}, "whole number"),
        ({"assignments": ["money=99999999999"]}, "too large"),
        ({"assignments": ["qin"]}, "name=value"),
    ]:
        with pytest.raises(StartError, match=words):
            plan_start(story, **kwargs)  # type: ignore[arg-type]


def test_starts_are_linted_with_places(write_story: WriteStory) -> None:
    bad = (
        "starts:\n  two:\n    chapter: 2\n    scene: cc\n    summary: x\n"
        "    values: {qinn: 1, qin: 12, left: 3}\n    until: [zz]\n"
        "  odd:\n    chapter: 1\n    scene: c\n    summary: y\n"
    )
    folder = write(write_story, bad)
    _story, diagnostics = load_story(folder)
    found = {(d.code, d.line) for d in diagnostics}
    base = STORY.count("\n")
    assert ("E022", base + 4) in found  # unknown scene, with a suggestion
    assert ("E032", base + 6) in found and ("E026", base + 6) in found
    assert ("E034", base + 6) in found
    assert ("E022", base + 7) in found  # until an unknown scene
    assert ("E014", base + 9) in found  # chapter 1 but scene c is in chapter 2
    assert any("did you mean 'c'" in d.message for d in diagnostics)


def play(story: Story, lines: list[str], **kwargs: object) -> str:
    feed = iter(lines)
    out = io.StringIO()
    TextGame(story, 1, out, lambda: next(feed, None), width=72, **kwargs).play()  # type: ignore[arg-type]
    return out.getvalue()


def test_a_lesson_path_stops_at_its_scene_and_writes_the_record(
    write_story: WriteStory, tmp_path: Path
) -> None:
    story = load(write(write_story))
    plan = plan_start(story, lesson="short")
    text = play(
        story,
        ["1", "1"],
        runner=new_runner(story, 1, plan),
        summary=plan.summary,
        until=plan.until,
        record_dir=tmp_path,
        classroom=True,
    )
    assert "Only the first scene of winter two." in text
    assert "END OF THE LESSON PATH" in text and "New Year." not in text
    assert len(list(tmp_path.glob("*.json"))) == 1


def test_text_mode_saves_load_and_autosave_share_the_window_store(
    write_story: WriteStory, tmp_path: Path
) -> None:
    story = load(write(write_story))
    saves = SaveStore(story.id, tmp_path / "saves")
    text = play(story, ["1", "s 4", "v", "u", "o 4", "s x", "o 9", "1", "q"], saves=saves)
    assert "Saved in Slot 4." in text
    assert "Slot 4:     Chapter 1" in text and "cash 50 yuan" in text
    assert "(Opened Slot 4.)" in text and "Spring." in text
    assert "Name a slot from 1 to 9" in text
    assert "Cannot open Slot 9: the slot is empty" in text
    # The autosave follows every choice, the loaded game's too.
    assert saves.read("auto").runner["scene"] == "c"
    # --continue opens the newest save that loads; a damaged file is passed over.
    (tmp_path / "saves" / "slot-5.json").write_text("{", encoding="utf-8")
    result = run_main("play", "--text", "--story", str(write(write_story)), "--continue")
    assert result.returncode == 0


def test_play_options_from_the_command_line(write_story: WriteStory) -> None:
    folder = write(write_story)
    result = run_main("play", "--text", "--story", str(folder), "--chapter", "2", stdin="1\n")
    assert "Winter two. Qin has left school" in result.stdout
    assert "New Year." in result.stdout
    bad = run_main("play", "--text", "--story", str(folder), "--from", "zz")
    assert bad.returncode == 2 and "no scene 'zz'" in bad.stderr
    both = run_main("play", "--text", "--story", str(folder), "--chapter", "2", "--from", "c")
    assert both.returncode == 2
