"""YAML's traps as writers fall into them: one diagnostic per mistake, on its line, with a fix.

Every case writes a small story with one mistake a Twine or Ren'Py writer makes and
checks the whole list of diagnostics: the right code at the right line and column, a
message that shows the fix, and nothing else (no knock-on warnings). Syntax mistakes
are also checked to reach the reference reader (the fast reader declines them), so
that both readers keep agreeing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from game.engine import yamlfast
from game.engine.loader import load_story
from game.engine.yamlread import read_yaml, read_yaml_reference
from game.engine.yamltraps import quoted_line, quoted_value
from tests.engine.test_yamlfast import canonical

WriteStory = Callable[[dict[str, str]], Path]

STORY = """\
format: 1
id: traps
title: Traps
version: '1'
start: window
chapters: [tickets.yaml]
variables:
  money: {type: money, initial: 500, label: Cash, hud: true}
  qin: {type: int, initial: 3, min: 0, max: 10, label: Qin, hud: true}
  called: {type: bool}
characters:
  clerk: {name: Ticket clerk}
ledger:
  tickets: Train tickets
"""

CHAPTER = """\
chapter: 1
title: The window
scenes:
  window:
    speaker: clerk
    text: Hard seat, Chongqing, the 29th.
    choices:
      - text: Two tickets, please
        if: money >= 420
        effects:
          - money -= 420 "Two hard seats" [tickets]
        goto: home
      - text: One ticket
        effects:
          - money -= 210 "One hard seat" [tickets]
          - qin -= 1
          - called = true
        goto: alone
  home:
    text: You stand for thirty hours.
    ending:
      title: Home together
      epilogue: It is worth it.
  alone:
    text: The canteen serves dumplings.
    ending:
      title: New Year in the dormitory
      epilogue: You eat them alone.
"""

Found = list[tuple[str, str, int, int, str]]


def lint(folder: Path) -> Found:
    _, diagnostics = load_story(folder)
    return [(d.code, Path(d.file).name, d.line, d.column, d.message) for d in diagnostics]


def test_the_base_story_is_clean(write_story: WriteStory) -> None:
    assert lint(write_story({"story.yaml": STORY, "tickets.yaml": CHAPTER})) == []


# (old line(s), new line(s), [(code, line, column)], fragments the first message must hold)
TRAPS: dict[str, tuple[str, str, list[tuple[str, int, int]], tuple[str, ...]]] = {
    "missing colon in a block mapping": (
        "    text: Hard seat, Chongqing, the 29th.",
        '    text "Hard seat, Chongqing"',
        [("E062", 6, 9)],
        ("'text' has no ':'", 'write: text: "Hard seat, Chongqing"'),
    ),
    "missing colon in a list item's mapping": (
        "        goto: home",
        "        goto home",
        [("E062", 12, 13)],
        ("write: goto: home",),
    ),
    "missing colon on a list item's first key": (
        "      - text: One ticket",
        "      - text One ticket",
        [("E062", 13, 13)],
        ("write: - text: One ticket",),
    ),
    "missing colon at the end of the file": (
        "      epilogue: You eat them alone.",
        "      epilogue You eat them alone.",
        [("E062", 28, 15)],
        ("write: epilogue: You eat them alone.",),
    ),
    "a text's second line at the column of the keys": (
        "    text: You stand for thirty hours.",
        "    text: You stand\n    for thirty hours.",
        [("E062", 21, 8)],
        ("if it continues that text, indent it further", "if 'for' is a field"),
    ),
    "text opening with a quote that closes early": (
        "    text: You stand for thirty hours.",
        '    text: "Hi" she said',
        [("E063", 20, 11)],
        ("starts with a double quote", "write: text: '\"Hi\" she said'"),
    ),
    "text opening with a single quote that closes early": (
        "    text: You stand for thirty hours.",
        "    text: 'Hi' she said",
        [("E063", 20, 11)],
        ("write: text: \"'Hi' she said\"",),
    ),
    "text with both quotes needs a block": (
        "    text: You stand for thirty hours.",
        "    text: \"Hi\" she said, 'twice'",
        [("E063", 20, 11)],
        ("write 'text: >-' and the text on the next line",),
    ),
    "a quote that never closes": (
        "    text: You stand for thirty hours.",
        '    text: "You stand for thirty hours.',
        [("E063", 20, 11)],
        ("does not close on its line", 'write: text: "You stand for thirty hours."'),
    ),
    "text starting with a tag": (
        "    text: You stand for thirty hours.",
        "    text: !Hello there",
        [("E063", 20, 11)],
        ("'!'", "write: text: '!Hello there'"),
    ),
    "text starting with @": (
        "    text: You stand for thirty hours.",
        "    text: @clerk says hi",
        [("E063", 20, 11)],
        ("'@'", "write: text: '@clerk says hi'"),
    ),
    "text starting with a backquote": (
        "    text: You stand for thirty hours.",
        "    text: `quiet` she says",
        [("E063", 20, 11)],
        ("backquote", "write: text: '`quiet` she says'"),
    ),
    "text starting with %": (
        "    text: You stand for thirty hours.",
        "    text: %50 of wages",
        [("E063", 20, 11)],
        ("'%'", "write: text: '%50 of wages'"),
    ),
    "text starting with *": (
        "    text: You stand for thirty hours.",
        "    text: *sigh* she says",
        [("E063", 20, 11)],
        ("'*'", "write: text: '*sigh* she says'"),
    ),
    "text starting with &": (
        "    text: You stand for thirty hours.",
        "    text: & then nothing",
        [("E063", 20, 11)],
        ("'&'", "write: text: '& then nothing'"),
    ),
    "text starting with a dash": (
        "    text: You stand for thirty hours.",
        "    text: - nothing, she says",
        [("E063", 20, 11)],
        ("'- '", "write: text: '- nothing, she says'"),
    ),
    "a colon inside unquoted text": (
        "    text: You stand for thirty hours.",
        "    text: Note: you stand.",
        [("E064", 20, 15)],
        ("': '", "write: text: 'Note: you stand.'"),
    ),
    "choices written as a mapping": (
        "      - text: Two tickets, please\n        if: money >= 420",
        "      two:\n        text: Two tickets, please\n        if: money >= 420",
        [("E067", 8, 7)],
        ("start each item with '- '", "'id:'"),
    ),
    "a choice without its dash": (
        "      - text: Two tickets, please",
        "        text: Two tickets, please",
        [("E067", 8, 9)],
        ("write '- text: Two tickets, please' starting at column 7",),
    ),
    "a choice's effects dedented to the dashes": (
        "        effects:\n          - money -= 210",
        "      effects:\n          - money -= 210",
        [("E067", 14, 7)],
        ("write 'effects:' starting at column 9",),
    ),
    "block text not indented under its key": (
        "    text: You stand for thirty hours.",
        "    text: |\n    You stand for thirty hours.",
        [("E068", 21, 5)],
        ("write 'You stand for thirty hours.' starting at column 7",),
    ),
    "a tab for indentation": (
        "        goto: home",
        "\tgoto: home",
        [("E001", 12, 1)],
        ("tab",),
    ),
    "a duplicated key": (
        "    text: You stand for thirty hours.",
        "    text: You stand for thirty hours.\n    text: Again.",
        [("E008", 21, 5)],
        ("first at line 20",),
    ),
}


@pytest.mark.parametrize("case", list(TRAPS), ids=list(TRAPS))
def test_each_yaml_trap_is_one_error_on_its_line_with_the_fix(
    write_story: WriteStory, case: str
) -> None:
    old, new, expected, fragments = TRAPS[case]
    assert old in CHAPTER
    chapter = CHAPTER.replace(old, new, 1)
    found = lint(write_story({"story.yaml": STORY, "tickets.yaml": chapter}))
    assert [(code, line, col) for code, _, line, col, _ in found] == expected, found
    assert all(name == "tickets.yaml" for _, name, *_ in found)
    message = found[0][4]
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    # Both readers agree: the fast one declines, the reference gives the diagnostic.
    with pytest.raises(yamlfast.NotSimple):
        yamlfast.compose(chapter)
    assert read_yaml(chapter, "c.yaml") == read_yaml_reference(chapter, "c.yaml")


# (old, new, [(code, line, column)], fragments): valid YAML that says something else.
MEANINGS: dict[str, tuple[str, str, list[tuple[str, int, int]], tuple[str, ...]]] = {
    "text: No": (
        "    text: You stand for thirty hours.",
        "    text: No",
        [("E065", 20, 11)],
        ("the word 'No'", "reads as false", 'text: "No"'),
    ),
    "a choice's text: Yes, said once": (
        "      - text: One ticket",
        "      - text: Yes",
        [("E065", 13, 15)],
        ("'text' in a choice is the word 'Yes'", 'text: "Yes"'),
    ),
    "an ending's title: Off": (
        "      title: Home together",
        "      title: Off",
        [("E065", 22, 14)],
        ("'title' in an ending", 'title: "Off"'),
    ),
    "text starting with '#' is a comment": (
        "    text: You stand for thirty hours.",
        "    text: #1 in the queue",
        [("E063", 20, 11)],
        ("starts with '#'", "write: text: '#1 in the queue'"),
    ),
    "a choice's text starting with '#'": (
        "      - text: One ticket",
        "      - text: #2 please",
        [("E063", 13, 15)],
        ("'text' in a choice starts with '#'", "write: text: '#2 please'"),
    ),
    "=> in a condition": (
        "        if: money >= 420",
        "        if: money => 420",
        [("E030", 9, 19)],
        ("write '>=' (at least), or '=='",),
    ),
    "=< in a condition": (
        "        if: money >= 420",
        "        if: money =< 420",
        [("E030", 9, 19)],
        ("write '<=' (at most), or '=='",),
    ),
    "# in text starts a comment": (
        "    text: You stand for thirty hours.",
        "    text: Ticket #4 is yours.",
        [("W150", 20, 18)],
        ("'#4 is yours.' is not shown", "text: 'Ticket #4 is yours.'"),
    ),
    "# in a text part": (
        "    text: You stand for thirty hours.",
        "    text:\n      - You stand for thirty hours.\n      - Ticket #4 is yours.",
        [("W150", 22, 16)],
        ("put the whole text in quotes: - 'Ticket #4 is yours.'",),
    ),
    "a deeper '- ' runs on into the item above": (
        '          - money -= 210 "One hard seat" [tickets]\n          - qin -= 1',
        '        - money -= 210 "One hard seat" [tickets]\n          - qin -= 1',
        [("E040", 15, 50), ("W151", 16, 11)],
        ("one effect per item",),
    ),
    "several effects on one line": (
        '        effects:\n          - money -= 420 "Two hard seats" [tickets]',
        "        effects: money -= 420, qin += 1",
        [("E040", 10, 30)],
        ("one effect per item",),
    ),
    "a Ren'Py '$' before an effect": (
        "          - qin -= 1",
        "          - $ qin -= 1",
        [("E031", 16, 13)],
        ("no '$' here",),
    ),
    "'go:' for 'goto:' is one error and no knock-on": (
        "        goto: home",
        "        go: home",
        [("E012", 12, 9)],
        ("did you mean 'goto'",),
    ),
    "'go to:' for 'goto:'": (
        "        goto: home",
        "        go to: home",
        [("E012", 12, 9)],
        ("did you mean 'goto'",),
    ),
    "curly quotes around an id": (
        "        goto: home",
        "        goto: \u201chome\u201d",
        [("E015", 12, 15)],
        ("write: goto: home",),
    ),
    "a capital in an id": (
        "        goto: home",
        "        goto: Home",
        [("E015", 12, 15)],
        ("write: goto: home",),
    ),
}


@pytest.mark.parametrize("case", list(MEANINGS), ids=list(MEANINGS))
def test_yaml_that_means_something_else_is_said_once_with_the_fix(
    write_story: WriteStory, case: str
) -> None:
    old, new, expected, fragments = MEANINGS[case]
    assert old in CHAPTER
    chapter = CHAPTER.replace(old, new, 1)
    found = lint(write_story({"story.yaml": STORY, "tickets.yaml": chapter}))
    assert [(code, line, col) for code, _, line, col, _ in found] == expected, found
    for fragment in fragments:
        assert fragment in found[0][4], found[0][4]
    # The YAML is valid: whichever reader reads it gives the same located tree, so the
    # same warnings.
    fast, problems = read_yaml(chapter, "c.yaml")
    reference, reference_problems = read_yaml_reference(chapter, "c.yaml")
    assert problems == reference_problems == []
    assert canonical(fast) == canonical(reference)


def test_yaml_booleans_in_story_wide_text_fields(write_story: WriteStory) -> None:
    story = (
        STORY.replace("{name: Ticket clerk}", "{name: ON}")
        .replace("label: Qin,", "label: yes,")
        .replace("ledger:", "content_notes: [family separation, No]\nledger:")
    )
    found = lint(write_story({"story.yaml": story, "tickets.yaml": CHAPTER}))
    assert [(code, line) for code, _, line, _, _ in found] == [
        ("E065", 9),
        ("E065", 12),
        ("E065", 13),
    ], found
    messages = " | ".join(message for *_, message in found)
    assert "'label' in variable 'qin' is the word 'yes'" in messages
    assert 'name: "ON"' in messages
    assert "an item of content_notes is the word 'No'" in messages and '- "No"' in messages


def test_comments_a_writer_means_are_not_w150(write_story: WriteStory) -> None:
    chapter = CHAPTER.replace("goto: home", "goto: home  # the good ending").replace(
        "text: You stand for thirty hours.", "text: You stand for thirty hours.  # draft"
    )
    chapter = chapter.replace("title: Home together", "title: Home together # TODO")
    assert lint(write_story({"story.yaml": STORY, "tickets.yaml": chapter})) == []


# -- a scene that only leads to itself (E066) ---------------------------------------------
def test_a_scene_whose_every_choice_returns_to_it_is_e066(write_story: WriteStory) -> None:
    chapter = CHAPTER.replace("goto: home", "goto: window").replace("goto: alone", "goto: window")
    found = lint(write_story({"story.yaml": STORY, "tickets.yaml": chapter}))
    assert [(code, line, col) for code, _, line, col, _ in found] == [
        ("E066", 4, 3),
        ("W102", 19, 3),
        ("W102", 24, 3),
    ]
    assert "every choice goes back to 'window'" in found[0][4]


def test_a_scene_whose_next_is_itself_is_e066_even_unreached(write_story: WriteStory) -> None:
    chapter = CHAPTER + "  limbo:\n    text: Round and round.\n    next: limbo\n"
    found = lint(write_story({"story.yaml": STORY, "tickets.yaml": chapter}))
    assert [(code, line) for code, _, line, _, _ in found] == [("E066", 29), ("W101", 29)]
    assert "its 'next' goes back to 'limbo'" in found[0][4]


def test_a_retry_with_a_way_out_is_not_e066(write_story: WriteStory) -> None:
    chapter = CHAPTER.replace(
        "        goto: home\n",
        "        outcomes:\n          - goto: home\n            weight: 1\n"
        "          - goto: window\n            weight: 1\n",
        1,
    )
    assert lint(write_story({"story.yaml": STORY, "tickets.yaml": chapter})) == []


# -- a broken file gives no knock-on problems --------------------------------------------
TWO_STORY = """\
format: 1
id: two
title: Two
version: '1'
start: a
chapters: [one.yaml, two.yaml]
variables:
  money: {type: money, initial: 500}
  tired: {type: int}
  spare: {type: int}
"""
ONE = """\
chapter: 1
scenes:
  a:
    text: Start.
    choices:
      - text: Go on
        goto: b
      - text: Rest
        goto: c
  c:
    text: Rest.
    next: b
  lonely:
    text: Nobody comes here.
    next: b
  after:
    text: Only the broken file leads here, through 'later'.
    next: c
  later:
    text: Reached from the broken file.
    next: after
"""
TWO = """\
chapter: 2
scenes:
  b:
    text: Two.
    effects: [money -= 5]
    choices:
      - text: "Back to c"
        if: tired > 1
        goto: c
      - text End
        goto: later
"""


def test_a_broken_file_gives_its_error_and_only_the_real_warnings(
    write_story: WriteStory,
) -> None:
    found = lint(write_story({"story.yaml": TWO_STORY, "one.yaml": ONE, "two.yaml": TWO}))
    assert [(code, name, line) for code, name, line, _, _ in found] == [
        ("W101", "one.yaml", 13),  # 'lonely': nothing anywhere leads there
        ("W106", "story.yaml", 10),  # 'spare': written nowhere, not even in two.yaml
        ("E062", "two.yaml", 10),
    ]


def test_a_file_that_is_not_text_silences_every_cross_file_warning(
    write_story: WriteStory,
) -> None:
    folder = write_story({"story.yaml": TWO_STORY, "one.yaml": ONE})
    (folder / "two.yaml").write_bytes(b"chapter: 2\n\xff\xfe\n")
    found = lint(folder)
    assert [code for code, *_ in found] == ["E003"]


# -- the quoting the fixes show reads back as the text -----------------------------------
@pytest.mark.parametrize(
    "value",
    ['"Hi" she said', "'Hi' she said", "Note: 5", "#4 is yours", 'it\'s "fine"', "*sigh*"],
)
def test_the_quoting_shown_reads_back_as_the_same_text(value: str) -> None:
    quoted = quoted_value(value)
    if quoted is None:
        assert "write 'text: >-'" in quoted_line("text: ", value)
        block = f"text: >-\n  {value}\n"
        assert yaml.safe_load(block) == {"text": value}
    else:
        assert yaml.safe_load(f"text: {quoted}\n") == {"text": value}
