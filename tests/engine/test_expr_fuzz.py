"""Property tests: no expression, however hostile, gets past the parser or play as a crash.

Token soup, deep nesting and huge literals give a diagnostic (ExprError with a code and
an offset inside the text) or a compiled expression, never another exception, within
the deadline. Well-typed generated expressions, run on any state the game can be in,
never raise, always give a number within the game's limit, and always lie inside the
interval the linter computes for them (the soundness W120 relies on). Effects run in a
real story never raise and keep every variable in its declared range.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.expr import (
    MAX_MAGNITUDE,
    EvalContext,
    ExprError,
    VarInfo,
    compile_condition,
    compile_expression,
    parse_effect,
    parse_template,
)
from game.engine.intervals import interval, never_true
from game.engine.loader import load_story
from game.engine.runner import Runner

VARS = {
    "money": VarInfo("money"),
    "qin": VarInfo("int", 0, 10),
    "debt": VarInfo("int", -50, 5),
    "gone": VarInfo("bool"),
}
FAST = settings(
    max_examples=200,
    deadline=1000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)

TOKENS = st.one_of(
    st.sampled_from(
        [
            "(",
            ")",
            "[",
            "]",
            ",",
            "+",
            "-",
            "*",
            "/",
            "%",
            "==",
            "!=",
            "<",
            "<=",
            ">",
            ">=",
            "=",
            "+=",
            "-=",
            "and",
            "or",
            "not",
            "true",
            "false",
            "money",
            "qin",
            "debt",
            "gone",
            "visited",
            "chance",
            "min",
            "max",
            "abs",
            "round",
            "random",
            '"a"',
            "'b'",
            '"',
            "&&",
            "!",
            "0",
            "1",
            "0.5",
            "1.5e3",
            "{",
            "}",
            ":",
            "yuan",
            " ",
            "\t",
            "归",
            "\x00",
        ]
    ),
    st.integers(0, 10**40).map(str),
    st.text(max_size=3),
)


def check(source: str) -> None:
    """Every entry point: a result or an ExprError located inside the text."""
    for compile_ in (compile_expression, compile_condition, parse_effect):
        try:
            compile_(source, VARS)
        except ExprError as exc:
            assert exc.code.startswith("E0") and 0 <= exc.offset <= len(source), exc
    try:
        parse_template(source, VARS, lambda name: name == "money")
    except ExprError as exc:
        assert 0 <= exc.offset <= len(source), exc


@FAST
@given(st.lists(TOKENS, max_size=60).map(" ".join))
def test_token_soup_gives_a_diagnostic_or_an_expression(source: str) -> None:
    check(source)


@FAST
@given(
    st.integers(0, 3000),
    st.sampled_from(
        [
            ("(", ")"),
            ("-", ""),
            ("not ", ""),
            ("abs(", ")"),
            ("max(1, ", ")"),
            ("{", "}"),
            ("[", "]"),
        ]
    ),
    st.sampled_from(["qin", "1", "gone", "qin > 1", ""]),
)
def test_deep_nesting_is_refused_not_recursed(depth: int, wrap: tuple[str, str], core: str) -> None:
    check(wrap[0] * depth + core + wrap[1] * depth)


@FAST
@given(st.integers(1, 6000), st.sampled_from(["", "0.", "qin + ", "-", "chance("]))
def test_huge_literals_are_refused(digits: int, prefix: str) -> None:
    source = prefix + "9" * digits
    check(source)
    try:
        compile_expression(source, VARS)
    except ExprError as exc:
        assert exc.code in {"E037", "E039", "E030", "E043"}
    else:
        assert digits <= 15


# -- well-typed expressions at run time ------------------------------------------------
@st.composite
def number(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 3 or draw(st.integers(0, 2)) == 0:
        return draw(
            st.one_of(
                st.sampled_from(
                    ["money", "qin", "debt", "0", "0.5", "999999999999", "1000000000000"]
                ),
                st.integers(0, 10**12).map(str),
            )
        )
    kind = draw(st.integers(0, 3))
    if kind == 0:
        op = draw(st.sampled_from(["+", "-", "*", "/", "%"]))
        items = [draw(number(depth + 1)) for _ in range(draw(st.integers(2, 5)))]
        return "(" + f" {op} ".join(items) + ")"
    if kind == 1:
        return "-" + draw(number(depth + 1))
    if kind == 2:
        fn = draw(st.sampled_from(["abs", "round"]))
        return f"{fn}({draw(number(depth + 1))})"
    fn = draw(st.sampled_from(["min", "max"]))
    return f"{fn}({draw(number(depth + 1))}, {draw(number(depth + 1))})"


@st.composite
def condition(draw: st.DrawFn) -> str:
    op = draw(st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
    left = draw(number())
    right = draw(number())
    joined = f"{left} {op} {right}"
    return draw(
        st.sampled_from([joined, f"not ({joined})", f"{joined} or gone", f"{joined} and gone"])
    )


STATES = st.fixed_dictionaries(
    {
        "money": st.one_of(
            st.integers(-MAX_MAGNITUDE, MAX_MAGNITUDE), st.sampled_from([0, -1, MAX_MAGNITUDE])
        ),
        "qin": st.integers(0, 10),
        "debt": st.integers(-50, 5),
        "gone": st.booleans(),
    }
)


class _Half:
    def random(self) -> float:
        return 0.5


@settings(FAST, max_examples=150)
@given(number(), STATES)
def test_arithmetic_never_raises_and_stays_in_range_and_in_its_interval(
    source: str, state: dict[str, int]
) -> None:
    try:
        expression = compile_expression(source, VARS)
    except ExprError as exc:
        assert exc.code in {"E037", "E038"}  # generated text can be long or deep
        return
    problems: list[str] = []
    value = expression.run(EvalContext(state, {}, _Half(), problems))
    assert -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE
    lo, hi = interval(expression.tree, VARS)
    assert lo <= value <= hi, (source, state, value, lo, hi)


@settings(FAST, max_examples=150)
@given(condition(), STATES)
def test_a_condition_proved_impossible_is_false_in_every_state(
    source: str, state: dict[str, int]
) -> None:
    try:
        expression = compile_condition(source, VARS)
    except ExprError:
        return
    result = expression.run(EvalContext(state, {}, _Half(), []))
    assert isinstance(result, bool)
    if never_true(expression.tree, VARS):
        assert result is False, (source, state)


STORY = """\
format: 1
id: fuzz
title: Fuzz
version: '1'
start: a
chapters: [c.yaml]
variables:
  money: {type: money, initial: 100, label: Cash}
  qin: {type: int, initial: 3, min: 0, max: 10, label: Qin}
  debt: {type: int, initial: 0, min: -50, max: 5}
  gone: {type: bool}
"""


@settings(
    max_examples=40,
    deadline=3000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["money", "qin", "debt"]), st.sampled_from(["=", "+=", "-="]), number()
        ),
        min_size=1,
        max_size=4,
    ),
    condition(),
)
def test_effects_in_play_never_raise_and_keep_variables_in_range(
    tmp_path_factory: pytest.TempPathFactory, effects: list[tuple[str, str, str]], guard: str
) -> None:
    lines = "".join(
        f"          - '{name} {op} {value}" + (' "Fuzz"' if name == "money" else "") + "'\n"
        for name, op, value in effects
    )
    chapter = (
        "chapter: 1\ntitle: One\nscenes:\n  a:\n    text: Money {money}, Qin {qin}.\n"
        f"    choices:\n      - text: Again\n        if: '{guard}'\n        effects:\n{lines}"
        "        goto: a\n      - text: Again, surely\n        effects:\n"
        + lines
        + "        outcomes:\n          - weight: money\n            goto: a\n"
        "          - weight: qin\n            goto: b\n"
        "  b:\n    ending:\n      title: End\n"
    )
    folder: Path = tmp_path_factory.mktemp("fuzz")
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    (folder / "c.yaml").write_text(chapter, encoding="utf-8")
    story, diagnostics = load_story(folder)
    if story is None:
        assert all(d.code in {"E037", "E038"} for d in diagnostics if d.severity == "error")
        return
    runner = Runner(story, seed=len(lines))
    for _ in range(12):
        if runner.is_ending:
            break
        runner.view()
        runner.choose(runner.available_choice_ids()[-1])
        assert 0 <= runner.vars["qin"] <= 10 and -50 <= runner.vars["debt"] <= 5
        assert abs(runner.vars["money"]) <= MAX_MAGNITUDE
