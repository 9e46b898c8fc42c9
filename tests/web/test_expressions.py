"""Expressions give the same values, and the same text, in the browser runtime as in Python.

Division and remainder by zero and of negative numbers, rounding of halves, float
arithmetic, chance() draws, short-circuits and, where the engine has them, the number
limits: each expression below is evaluated for several sets of values by
``Expression.run`` and by ``web/engine.js``, and every value and every format of it
must be identical.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import cast

import pytest

from game.engine.compiled import _limits, _tree_json
from game.engine.expr import EvalContext, VarInfo, compile_expression, format_value
from game.engine.rng import StepRandom
from tests.conftest import ROOT

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

VARIABLES = {"money": VarInfo("money"), "trust": VarInfo("int"), "big": VarInfo("bool")}
SOURCES = [
    "money + trust * 3 - 7",
    "money / 3",
    "money % 7",
    "-money % 7",
    "money % -7",
    "(money - 1000) / 0",
    "money % 0 + trust % (trust - trust)",
    "round(money / 4)",
    "round(-money / 4)",
    "round(2.5) + round(-2.5) + round(0.5) + round(-0.5)",
    "abs(trust - money)",
    "min(money, trust, 5)",
    "max(money, -trust, 0.5)",
    "money * money * money",
    "money * 1000000 + money * 1000000",
    "money >= 200 and trust < 3 or big",
    "not big and chance(0.5)",
    "chance(0.3) or chance(0.3) or chance(0.3)",
    "money / 3 * 3 == money",
    "trust - money + 2.5",
    "1 / 3 + 1 / 3 - 2 / 3",
    "money / 7 * 2.5 % 3",
    'visited("a") and money > 0',
    "-(money - trust) * -2",
]
CASES = [
    {"vars": {"money": m, "trust": t, "big": b}, "visited": v, "seed": s}
    for m, t, b, v, s in [
        (0, 0, False, [], 1),
        (5, -3, True, ["a"], 2),
        (-5, 7, False, ["a"], 3),
        (1234567, 2, False, [], 4),
        (999999999, -1, True, [], 5),
        (-1000000000, 3, False, ["a"], 6),
        (1000000000000, 1, False, ["a"], 7),
    ]
]


def test_values_and_their_text_match(tmp_path: Path) -> None:
    expressions = [compile_expression(source, VARIABLES) for source in SOURCES]
    payload = {
        "limits": _limits(),
        "trees": [_tree_json(e.tree) for e in expressions],
        "cases": CASES,
    }
    plan = tmp_path / "expressions.json"
    plan.write_text(json.dumps(payload), encoding="utf-8")
    done = subprocess.run(
        [str(NODE), str(Path(__file__).with_name("expressions.mjs")), str(plan)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    theirs = json.loads(done.stdout)
    compared = 0
    for case, results in zip(CASES, theirs, strict=True):
        for expression, (value, *texts) in zip(expressions, results, strict=True):
            ctx = EvalContext(
                dict(cast("dict[str, object]", case["vars"])),
                dict.fromkeys(cast("list[str]", case["visited"]), 0),
                StepRandom(case["seed"], 0, 0),  # type: ignore[arg-type]
            )
            ours = expression.run(ctx)
            if payload["limits"] is None and isinstance(ours, int) and abs(ours) > 2**53:
                # Without the engine's number limits Python's integers grow without
                # bound, beyond what a JavaScript number holds exactly.
                continue
            where = f"{expression.source!r} with {case['vars']}"
            assert type(value) is type(ours) or (
                isinstance(ours, int | float) and not isinstance(ours, bool)
            ), where
            assert value == ours, f"{where}: python {ours!r}, javascript {value!r}"
            formats = ("number", "yuan", "signed", "abs")
            assert texts == [format_value(ours, fmt) for fmt in formats], where
            compared += 1
    assert compared >= len(SOURCES) * len(CASES) - 10
