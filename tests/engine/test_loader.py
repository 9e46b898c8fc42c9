"""Loading and validating: every diagnostic is located, coded and explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.loader import load_story
from tests.conftest import TEST_STORIES, WriteStory

STORY = """\
format: 1
id: t
title: T
version: '1'
start: a
chapters: [c.yaml]
variables:
  money: {type: money, initial: 100, label: Cash, hud: true}
  qin: {type: int, initial: 3, min: 0, max: 10, label: Qin, hud: true}
  gone: {type: bool}
characters:
  qin: {name: Qin}
ledger:
  tickets: Tickets
"""

CHAPTER = """\
chapter: 1
title: One
scenes:
  a:
    text: Hello.
    choices:
      - text: Go
        effects: [gone = true]
        goto: b
  b:
    ending:
      title: End
"""


def codes(folder: Path) -> list[tuple[str, str, int, int, str]]:
    _, diagnostics = load_story(folder)
    return [(d.code, Path(d.file).name, d.line, d.column, d.message) for d in diagnostics]


def test_the_minimal_story_is_clean(write_story: WriteStory) -> None:
    folder = write_story({"story.yaml": STORY, "c.yaml": CHAPTER})
    story, diagnostics = load_story(folder)
    assert diagnostics == []
    assert story is not None and set(story.scenes) == {"a", "b"}


# Each case: a replacement chapter text, and the (code, line, column, message part) expected.
CHAPTER_CASES = [
    ("goto: b", "goto: bb", ("E022", 9, 15, "unknown scene 'bb' (did you mean 'b'?)")),
    (
        "text: Hello.",
        "txt: Hello.",
        ("E012", 5, 5, "unknown field 'txt' in scene 'a' (did you mean 'text'?)"),
    ),
    ("effects: [gone = true]", "effects: [gone = yes]", ("E032", 8, 26, "unknown variable 'yes'")),
    ("effects: [gone = true]", "effects: [money -= 5]", ("E028", 8, 29, "needs a ledger label")),
    (
        "effects: [gone = true]",
        "effects: ['money -= 5 \"x\" [tikets]']",
        ("E027", 8, 36, "did you mean 'tickets'"),
    ),
    ("effects: [gone = true]", "if: money", ("E034", 8, 13, "must be true or false")),
    ("effects: [gone = true]", "requires: money >= 10 &&", ("E031", 8, 31, "'and'")),
    ("text: Hello.", "text: Hello {mony}.", ("E032", 5, 18, "did you mean 'money'")),
    ("text: Hello.", "text: 'Hello {money'", ("E035", 5, 18, "no closing")),
    ("text: Hello.", "speaker: nainai\n    text: Hi", ("E024", 5, 14, "unknown speaker 'nainai'")),
    ("    ending:\n      title: End\n", "    text: Stuck.\n", ("E023", 10, 3, "dead end")),
    ("        goto: b\n", "", ("E023", 7, 9, "leads nowhere")),
    ("text: Hello.", "text: Hello.\n    next: b", ("E023", 6, 5, "has both 'choices' and 'next'")),
    (
        "effects: [gone = true]",
        'effects: [- money -= 5 "Fees: books"]',
        ("E001", 8, 19, "YAML syntax"),
    ),
    (
        "effects: [gone = true]",
        'effects:\n          - money -= 5 "Fees: x" [tickets]',
        ("E041", 9, 13, "read as 'key: value'"),
    ),
    ("text: Hello.", "text: Hello.\n    date: 28/01/2007", ("E014", 6, 11, "YYYY-MM-DD")),
    ("text: Hello.", "text: [1, 2]", ("E014", 5, 12, "a text part is a string")),
    (
        "effects: [gone = true]",
        "effects: ['money -= 5 \"x\" [tickets] on 30 June']",
        ("E046", 8, 48, "YYYY-MM-DD"),
    ),
    (
        "effects: [gone = true]",
        "effects: ['money -= 5 \"x\" on 2008-02-30']",
        ("E046", 8, 38, "not a day of the calendar"),
    ),
    ("effects: [gone = true]", "effects: [qin -= 1 if money]", ("E034", 8, 28, "after 'if'")),
    ("effects: [gone = true]", "effects: [qin -= 1 if]", ("E040", 8, 30, "needs a condition")),
    ("effects: [gone = true]", 'if: visited("z")', ("E036", 8, 22, "unknown scene 'z'")),
]


@pytest.mark.parametrize(("old", "new", "expected"), CHAPTER_CASES)
def test_chapter_problems_are_located(write_story, old, new, expected) -> None:  # type: ignore[no-untyped-def]
    chapter = CHAPTER.replace(old, new, 1)
    assert chapter != CHAPTER
    folder = write_story({"story.yaml": STORY, "c.yaml": chapter})
    found = codes(folder)
    code, line, column, message = expected
    matches = [f for f in found if f[0] == code and f[1] == "c.yaml"]
    assert matches, found
    assert (matches[0][2], matches[0][3]) == (line, column), found
    assert message in matches[0][4]


STORY_CASES = [
    ("start: a", "start: x", ("E021", 5, 8, "the start scene 'x' does not exist")),
    ("format: 1", "format: 2", ("E017", 1, 9, "story format 1")),
    (
        "chapters: [c.yaml]",
        "chapters: [c.yaml, d.yaml]",
        ("E010", 6, 20, "'d.yaml' does not exist"),
    ),
    ("chapters: [c.yaml]", "chapters: [../c.yaml]", ("E016", 6, 12, "inside the story folder")),
    ("chapters: [c.yaml]", "chapters: [/etc/passwd]", ("E016", 6, 12, "no absolute paths")),
    ("title: T\n", "", ("E013", 1, 1, "missing the required field 'title'")),
    ("  gone: {type: bool}", "  gone: {type: boolean}", ("E026", 10, 16, "did you mean 'bool'")),
    ("  gone: {type: bool}", "  qin: {type: bool}", ("E008", 10, 3, "appears twice")),
    ("initial: 3, min: 0", "initial: 30, min: 0", ("E026", 9, 29, "outside min")),
    ("id: t", "id: t\nauthor: me", ("E012", 3, 1, "unknown field 'author'")),
]


@pytest.mark.parametrize(("old", "new", "expected"), STORY_CASES)
def test_story_file_problems_are_located(write_story, old, new, expected) -> None:  # type: ignore[no-untyped-def]
    story = STORY.replace(old, new, 1)
    assert story != STORY
    folder = write_story({"story.yaml": story, "c.yaml": CHAPTER})
    found = codes(folder)
    code, line, column, message = expected
    matches = [f for f in found if f[0] == code]
    assert matches, found
    assert (matches[0][2], matches[0][3]) == (line, column), found
    assert message in matches[0][4]


def test_duplicate_scene_ids_across_files(write_story: WriteStory) -> None:
    story = STORY.replace("chapters: [c.yaml]", "chapters: [c.yaml, d.yaml]")
    other = "chapter: 2\nscenes:\n  b:\n    ending: {title: Other}\n"
    found = codes(write_story({"story.yaml": story, "c.yaml": CHAPTER, "d.yaml": other}))
    duplicate = [f for f in found if f[0] == "E020"]
    assert duplicate and duplicate[0][1:4] == ("d.yaml", 3, 3)
    assert "already defined at" in duplicate[0][4] and "c.yaml:10:3" in duplicate[0][4]


def test_chapter_variables_may_not_be_declared_twice(write_story: WriteStory) -> None:
    chapter = "variables:\n  qin: {type: int}\n" + CHAPTER
    found = codes(write_story({"story.yaml": STORY, "c.yaml": chapter}))
    assert ("E025", "c.yaml", 2, 3) in [f[:4] for f in found]


def test_unreachable_scenes_and_endings_are_warnings(write_story: WriteStory) -> None:
    chapter = CHAPTER + "  lost:\n    next: b\n  lost_end:\n    ending: {title: Never}\n"
    story, diagnostics = load_story(write_story({"story.yaml": STORY, "c.yaml": chapter}))
    assert story is not None
    assert {(d.code, d.severity, d.line) for d in diagnostics} == {
        ("W101", "warning", 13),
        ("W102", "warning", 15),
    }


def test_all_conditional_choices_warn_of_a_stuck_player(write_story: WriteStory) -> None:
    chapter = CHAPTER.replace("      - text: Go\n", "      - text: Go\n        if: qin > 5\n")
    _, diagnostics = load_story(write_story({"story.yaml": STORY, "c.yaml": chapter}))
    assert [d.code for d in diagnostics] == ["W103"]


def test_unlisted_yaml_files_are_reported(write_story: WriteStory) -> None:
    folder = write_story({"story.yaml": STORY, "c.yaml": CHAPTER, "forgotten.yaml": "x: 1\n"})
    _, diagnostics = load_story(folder)
    assert [(d.code, Path(d.file).name) for d in diagnostics] == [("W104", "forgotten.yaml")]


def test_locked_reasons_are_written_from_the_requirement(write_story: WriteStory) -> None:
    chapter = CHAPTER.replace("effects: [gone = true]", "requires: money >= 600")
    story, _ = load_story(write_story({"story.yaml": STORY, "c.yaml": chapter}))
    assert story is not None
    reason = story.scenes["a"].choices[0].locked_reason
    assert reason == ("Not enough cash: 600 yuan needed",)


def test_a_missing_folder_or_story_file_is_explained(tmp_path: Path) -> None:
    _, diagnostics = load_story(tmp_path / "nowhere")
    assert [d.code for d in diagnostics] == ["E010"]
    _, diagnostics = load_story(tmp_path)
    assert diagnostics[0].code == "E010" and "no story.yaml" in diagnostics[0].message


@pytest.mark.parametrize("name", sorted(p.name for p in TEST_STORIES.iterdir() if p.is_dir()))
def test_every_test_story_loads_clean(name: str) -> None:
    story, diagnostics = load_story(TEST_STORIES / name)
    assert story is not None
    assert [str(d) for d in diagnostics] == []
