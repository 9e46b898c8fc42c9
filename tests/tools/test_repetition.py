"""The repeated-phrase check of ``lint --stats``."""

from __future__ import annotations

from game.engine.loader import load_story
from game.tools.repetition import count_phrase, repeated_phrases
from tests.conftest import WriteStory, run_main

STORY = "format: 1\nid: r\ntitle: R\nversion: '1'\nstart: s0\nchapters: [c.yaml]\n"


def chapter(lines: list[str]) -> str:
    scenes = []
    for index, line in enumerate(lines):
        way = f"next: s{index + 1}" if index + 1 < len(lines) else "ending: {title: End}"
        scenes.append(f"  s{index}:\n    text: {line!r}\n    {way}\n")
    return "chapter: 1\nscenes:\n" + "".join(scenes)


def test_a_phrase_used_four_times_is_listed_once_at_full_length(write_story: WriteStory) -> None:
    lines = [f"Day {n}. As if you had never been away, she says." for n in range(4)]
    lines.append("As if you had never been away. Only once here.")
    story, diagnostics = load_story(write_story({"story.yaml": STORY, "c.yaml": chapter(lines)}))
    assert story is not None, [str(d) for d in diagnostics]
    repeats = repeated_phrases(story)
    assert [(r.phrase, r.uses) for r in repeats] == [("as if you had never been away", 5)]
    assert repeats[0].scenes == ("s0", "s1", "s2", "s3", "s4")
    assert count_phrase(story, "never been away") == 5


def test_three_uses_and_placeholders_do_not_count(write_story: WriteStory) -> None:
    lines = ["The savings book has {money} and the roof leaks."] * 5
    lines += ["Qin says the bus was late again today."] * 3
    story_yaml = STORY + "variables:\n  money: {type: money, initial: 5, label: Cash}\n"
    story, diagnostics = load_story(
        write_story({"story.yaml": story_yaml, "c.yaml": chapter(lines)})
    )
    assert story is not None, [str(d) for d in diagnostics]
    assert repeated_phrases(story) == []


def test_lint_stats_prints_the_repeated_phrases(write_story: WriteStory) -> None:
    lines = ["Lei holds the report book with both hands."] * 4
    folder = write_story({"story.yaml": STORY, "c.yaml": chapter(lines)})
    result = run_main("lint", str(folder), "--stats")
    assert "phrases of 5+ words used more than 3 times: 1" in result.stdout
    assert '4x  "lei holds the report book with both hands"' in result.stdout
