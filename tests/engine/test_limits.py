"""Bounded expressions, weights and story sizes, and the linter's proofs about the story.

Hostile stories (deep brackets, huge literals, sums of a thousand terms, absurd
weights, stories without an ending, files of hundreds of thousands of keys) must give
located diagnostics, and play must never raise whatever a story computes.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game.engine.expr import (
    MAX_EXPR_CHARS,
    MAX_MAGNITUDE,
    MAX_NESTING,
    EvalContext,
    ExprError,
    VarInfo,
    compile_condition,
    compile_expression,
)
from game.engine.intervals import interval, never_true, truths
from game.engine.loader import load_story
from game.engine.runner import Runner
from game.engine.yamlread import MAX_LINES, MAX_NODES
from game.tools.randomtest import random_test
from tests.conftest import WriteStory
from tests.engine.test_loader import CHAPTER, STORY

VARS = {
    "money": VarInfo("money"),
    "savings": VarInfo("money", 0, None),
    "qin": VarInfo("int", 0, 10),
    "gone": VarInfo("bool"),
}


def diagnostics(folder: Path) -> list[tuple[str, str, int, int, str]]:
    _, found = load_story(folder)
    return [(d.code, Path(d.file).name, d.line, d.column, d.message) for d in found]


def with_condition(condition: str) -> str:
    return CHAPTER.replace("      - text: Go\n", f"      - text: Go\n        if: {condition}\n")


def expr_code(source: str) -> tuple[str, int]:
    with pytest.raises(ExprError) as caught:
        compile_expression(source, VARS)
    return caught.value.code, caught.value.offset


# -- load-time limits ------------------------------------------------------------------
def test_deep_brackets_are_e038_at_the_bracket_past_the_limit() -> None:
    source = "(" * 100 + "qin" + ")" * 100
    assert expr_code(source) == ("E038", MAX_NESTING)
    for deep in ("-" * 200 + "1", "not " * 200 + "gone", "abs(" * 100 + "1" + ")" * 100):
        assert expr_code(deep)[0] == "E038"
    # Within the limit it parses and runs.
    fine = compile_expression("(" * MAX_NESTING + "qin" + ")" * MAX_NESTING, VARS)
    assert fine.run(EvalContext({"qin": 4}, {}, _Never())) == 4


def test_long_expressions_are_e037_and_long_chains_do_not_recurse() -> None:
    assert expr_code("+".join(["qin"] * 1000)) == ("E037", MAX_EXPR_CHARS)
    # The longest chain that fits runs without recursion (a flat list of terms).
    chain = compile_expression("+".join(["1"] * 500), VARS)
    assert chain.run(EvalContext({}, {}, _Never())) == 500
    many_ands = compile_condition(" and ".join(["gone"] * 100), VARS)
    assert many_ands.run(EvalContext({"gone": True}, {}, _Never())) is True


def test_huge_number_literals_are_e039() -> None:
    assert expr_code("1" * 999) == ("E039", 0)
    assert expr_code("1" * 5000)[0] == "E037"
    assert expr_code("qin + 0." + "0" * 40 + "1") == ("E039", 6)
    assert expr_code(str(MAX_MAGNITUDE + 1))[0] == "E039"
    assert compile_expression(str(MAX_MAGNITUDE), VARS).run(EvalContext({}, {}, _Never())) == (
        MAX_MAGNITUDE
    )


def test_chance_outside_zero_to_one_is_e043() -> None:
    for bad in ("chance(30)", "chance(-0.5)", "chance(1.01)"):
        with pytest.raises(ExprError) as caught:
            compile_condition(bad, VARS)
        assert caught.value.code == "E043" and caught.value.offset == 7
    compile_condition("chance(0) or chance(1)", VARS)


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        ("0.00001", "too small"),
        ("1.0e+20", "far too large"),
        ("1000001", "1,000,001 is too large"),
        ("9" * 400, "far too large"),
        (".inf", "infinite"),
        (".nan", "not a number"),
        ("-1", "cannot be negative"),
    ],
)
def test_absurd_literal_weights_are_e042(
    write_story: WriteStory, weight: str, message: str
) -> None:
    chapter = CHAPTER.replace(
        "        goto: b\n",
        f"        outcomes:\n          - weight: {weight}\n            goto: b\n"
        "          - weight: 1\n            goto: b\n",
    )
    found = diagnostics(write_story({"story.yaml": STORY, "c.yaml": chapter}))
    assert [(code, line, col) for code, _, line, col, _ in found] == [("E042", 10, 21)]
    assert message in found[0][4]


def test_sensible_weights_load(write_story: WriteStory) -> None:
    chapter = CHAPTER.replace(
        "        goto: b\n",
        "        outcomes:\n          - weight: 0\n            goto: b\n"
        "          - weight: 0.001\n            goto: b\n"
        "          - weight: 1000000\n            goto: b\n",
    )
    assert diagnostics(write_story({"story.yaml": STORY, "c.yaml": chapter})) == []


def test_declared_values_beyond_the_limit_are_e026(write_story: WriteStory) -> None:
    story = STORY.replace("initial: 100,", "initial: 100, max: 10000000000000,")
    found = diagnostics(write_story({"story.yaml": story, "c.yaml": CHAPTER}))
    assert [(code, line) for code, _, line, _, _ in found][:1] == [("E026", 8)]


def test_hostile_expressions_in_story_files_are_located(write_story: WriteStory) -> None:
    cases = {
        "(" * 100 + "qin > 1" + ")" * 100: ("E038", 33),
        "qin" + " + qin" * 400 + " > 1": ("E037", 1001),
        "qin > " + "9" * 900: ("E039", 7),
    }
    for condition, (code, offset) in cases.items():
        found = diagnostics(
            write_story({"story.yaml": STORY, "c.yaml": with_condition(f"'{condition}'")})
        )
        assert [(c, line, col) for c, _, line, col, _ in found] == [(code, 8, 13 + offset)]


# -- run time: arithmetic never raises ---------------------------------------------------
OVERFLOW_CHAPTER = """\
chapter: 1
title: One
scenes:
  a:
    text: Money {money * money * money * money}.
    choices:
      - text: Grow
        effects:
          - 'money = money * money * money * money * money "Grow"'
          - 'money += 999999999999 * 999999999999 / 0.000000000001 "More"'
          - 'money -= 0 - money * 1000 "Again"'
        goto: a
      - text: Stop
        outcomes:
          - weight: money * money
            goto: b
          - weight: 1
            goto: b
  b:
    ending:
      title: End
"""


def test_overflow_in_play_is_clamped_and_reported_not_raised(write_story: WriteStory) -> None:
    story = STORY.replace("money: {type: money, initial: 100", "money: {type: money, initial: 99")
    folder = write_story({"story.yaml": story, "c.yaml": OVERFLOW_CHAPTER})
    loaded, found = load_story(folder)
    assert loaded is not None, found
    runner = Runner(loaded, seed=3)
    for _ in range(5):
        runner.choose("1")
        view = runner.view()
        assert "yuan" in view.paragraphs[0] or view.paragraphs
        assert abs(runner.vars["money"]) <= MAX_MAGNITUDE
    assert runner.problems and "beyond the game's limit" in runner.problems[0]
    runner.choose("2")
    assert runner.is_ending
    report = random_test(loaded, 20, seed=7, max_steps=50)
    kinds = {failure.kind for failure in report.failures}
    assert kinds == {"number too large"}, report.failures
    assert all(failure.seed >= 7 for failure in report.failures)


def test_division_by_zero_and_modulo_by_zero_give_zero() -> None:
    ctx = EvalContext({"qin": 0}, {}, _Never())
    assert compile_expression("5 / qin + 5 % qin", VARS).run(ctx) == 0


# -- interval reasoning (W120) ---------------------------------------------------------
@pytest.mark.parametrize(
    "condition",
    [
        "qin > 10",
        "qin < 0",
        "qin >= 11",
        "savings < 0",
        "qin == 11",
        "qin * 2 > 20",
        "abs(qin - 5) > 5",
        "max(qin, 3) < 3",
        "round(qin / 2) > 5",
        "qin > 10 and gone",
        "not (qin <= 10)",
        "chance(qin - 10)",
        "false",
        "qin + savings < 0",
    ],
)
def test_impossible_conditions_are_proved(condition: str) -> None:
    expression = compile_condition(condition, VARS)
    assert never_true(expression.tree, VARS), condition


@pytest.mark.parametrize(
    "condition",
    [
        "qin >= 10",
        "qin > 9.5",
        "money < 0",  # money without a min can go below 0
        "savings > 999999999",
        "qin == 10",
        "qin != 10",
        "gone or qin > 10",
        "qin / (qin - 5) > 4",  # the divisor may be near zero: nothing is claimed
        "qin > 5 and qin < 3",  # impossible, but only with reasoning it does not do
        "chance(0.1)",
        'visited("a")' if False else "gone == false",
    ],
)
def test_possible_conditions_are_not_reported(condition: str) -> None:
    expression = compile_condition(condition, VARS)
    assert not never_true(expression.tree, VARS), condition


def test_intervals_contain_every_run_time_value() -> None:
    """Soundness on a grid: the value computed lies inside the interval found."""
    sources = [
        "qin * qin - 3 * qin",
        "qin / (qin + 1)",
        "qin % 4 - 7 % (qin + 1)",
        "min(qin, 3) - max(qin, 8)",
    ]
    for source in sources:
        expression = compile_expression(source, VARS)
        lo, hi = interval(expression.tree, VARS)
        for qin in range(0, 11):
            value = expression.run(EvalContext({"qin": qin}, {}, _Never()))
            assert lo <= value <= hi, (source, qin, value, lo, hi)
        assert truths(("cmp", "<", expression.tree, ("num", lo)), VARS) == frozenset({False})


def test_w120_names_the_ranges_and_what_follows(write_story: WriteStory) -> None:
    chapter = CHAPTER.replace(
        "      - text: Go\n",
        "      - text: Wait\n        if: qin > 10\n        goto: b\n"
        "      - text: Pay\n        requires: savings < 0 and not gone\n        goto: b\n"
        "      - text: Go\n",
    )
    story = STORY.replace(
        "gone: {type: bool}", "gone: {type: bool}\n  savings: {type: money, min: 0}"
    )
    found = diagnostics(write_story({"story.yaml": story, "c.yaml": chapter}))
    assert [(code, line, col) for code, _, line, col, _ in found] == [
        ("W120", 8, 13),
        ("W120", 11, 19),
    ]
    assert "qin is 0 to 10" in found[0][4] and "never shown" in found[0][4]
    assert "savings is at least 0" in found[1][4] and "never be unlocked" in found[1][4]


# -- the shape of the story (E060, E061) ----------------------------------------------
def test_a_story_without_an_ending_is_e060(write_story: WriteStory) -> None:
    chapter = CHAPTER.replace("    ending:\n      title: End\n", "    next: a\n")
    found = diagnostics(write_story({"story.yaml": STORY, "c.yaml": chapter}))
    assert [(code, line, col) for code, _, line, col, _ in found] == [("E060", 4, 3)]


def test_a_loop_with_no_way_to_an_ending_is_e061_at_its_entry(write_story: WriteStory) -> None:
    chapter = CHAPTER.replace(
        "        goto: b\n", "        goto: b\n      - text: Queue\n        goto: q1\n"
    )
    chapter += (
        "  q1:\n    text: The queue.\n    choices:\n      - text: Wait\n        if: qin > 3\n"
        "        goto: q2\n      - text: Stay\n        goto: q1\n"
        "  q2:\n    text: Still the queue.\n    next: q1\n"
    )
    found = diagnostics(write_story({"story.yaml": STORY, "c.yaml": chapter}))
    assert [(code, line, col) for code, _, line, col, _ in found] == [("E061", 15, 3)]
    assert "q1, q2" in found[0][4]


def test_the_start_scene_looping_on_itself_is_e066_not_also_e061(write_story: WriteStory) -> None:
    chapter = CHAPTER.replace("        goto: b\n", "        goto: a\n")
    found = diagnostics(write_story({"story.yaml": STORY, "c.yaml": chapter}))
    assert [code for code, *_ in found] == ["E066", "W102"]
    assert "only leads to itself" in found[0][4]


# -- absurd sizes (E009, W122) -----------------------------------------------------------
def test_a_file_of_too_many_lines_is_e009_quickly(write_story: WriteStory) -> None:
    chapter = CHAPTER + "".join(
        f"  s{i}:\n    text: Hi.\n    next: b\n" for i in range(MAX_LINES // 3 + 10)
    )
    folder = write_story({"story.yaml": STORY, "c.yaml": chapter})
    started = time.perf_counter()
    found = diagnostics(folder)
    assert time.perf_counter() - started < 2
    assert [(code, line) for code, _, line, _, _ in found if code == "E009"] == [
        ("E009", MAX_LINES + 1)
    ]


def test_a_file_of_too_many_values_is_e009(write_story: WriteStory) -> None:
    flow = "extra: {" + ", ".join(f"k{i}: {i}" for i in range(MAX_NODES)) + "}\n"
    block = "extra:\n" + "".join(f"  k{i}: {i}\n" for i in range(MAX_NODES // 2))
    for tail in (flow, block):
        found = diagnostics(write_story({"story.yaml": STORY, "c.yaml": CHAPTER + tail}))
        assert [code for code, *_ in found if code.startswith("E")] == ["E009"], found[:3]


def test_the_story_as_a_whole_is_bounded_too(write_story: WriteStory) -> None:
    filler = "".join(f"  f{i}:\n    text: Hi.\n    next: b\n" for i in range(MAX_NODES // 8))
    files = {
        f"c{n}.yaml": CHAPTER.replace("  a:", f"  a{n}:")
        .replace("  b:", f"  b{n}:")
        .replace("goto: b", f"goto: b{n}")
        .replace("next: b", f"next: b{n}")
        + filler.replace("  f", f"  f{n}_").replace("next: b", f"next: b{n}")
        for n in range(5)
    }
    story = STORY.replace("chapters: [c.yaml]", f"chapters: [{', '.join(files)}]")
    found = diagnostics(write_story({"story.yaml": story, **files}))
    refused = [name for code, name, *_ in found if code == "E009"]
    assert refused and all(name in files for name in refused)


def test_problems_past_500_are_counted_not_listed(write_story: WriteStory) -> None:
    keys = "".join(f"    k{i}: 1\n" for i in range(3000))
    chapter = CHAPTER.replace("    text: Hello.\n", "    text: Hello.\n" + keys)
    started = time.perf_counter()
    found = diagnostics(write_story({"story.yaml": STORY, "c.yaml": chapter}))
    assert time.perf_counter() - started < 2
    assert sum(1 for code, *_ in found if code == "E012") == 500
    summary = [message for code, *_, message in found if code == "W122"]
    assert summary and summary[0].startswith("2,500 more error(s)")


class _Never:
    def random(self) -> float:
        return 0.5


def test_a_huge_text_is_e044_and_costs_little(write_story: WriteStory) -> None:
    for quote in ("'", '"'):
        text = quote + "word " * 1_000_000 + quote
        chapter = CHAPTER.replace("text: Hello.", "text: " + text)
        started = time.perf_counter()
        found = diagnostics(write_story({"story.yaml": STORY, "c.yaml": chapter}))
        assert time.perf_counter() - started < 3
        assert [(code, line, col) for code, _, line, col, _ in found] == [("E044", 5, 11)]


def test_the_expression_budget_stops_a_flood_of_placeholders(write_story: WriteStory) -> None:
    scenes = "".join(
        f"  f{i}:\n    text: '" + f"{{qin + {i}}} " * 1500 + "'\n    next: b\n" for i in range(60)
    )
    chapter = CHAPTER.replace("goto: b", "goto: f0") + scenes
    started = time.perf_counter()
    found = diagnostics(write_story({"story.yaml": STORY, "c.yaml": chapter}))
    assert time.perf_counter() - started < 3
    assert [code for code, *_ in found if code.startswith("E")] == ["E009"]


def test_the_manuals_wrong_expressions_give_their_codes() -> None:
    """MODDING.md's wrong examples for the expression limits fail with their own code."""
    import re

    from game.engine.expr import parse_effect
    from tests.tools.test_modding_doc import documented_sections

    sections = documented_sections()
    for code in ("E038", "E039", "E043"):
        wrong = sections[code].split("**Wrong:**")[1].split("**Fix:**")[0]
        fixed = sections[code].split("**Fix:**")[1]
        for part, should_fail in ((wrong, True), (fixed, False)):
            line = re.search(r"(if: |- )(.+)", part)
            assert line is not None, code
            source = line.group(2).strip()
            try:
                if line.group(1) == "- ":
                    parse_effect(source, VARS)
                else:
                    compile_condition(source, VARS)
            except ExprError as exc:
                assert should_fail and exc.code == code, (code, source, exc.code)
            else:
                assert not should_fail, (code, source)
