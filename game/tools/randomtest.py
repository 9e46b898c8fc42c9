"""``python main.py randomtest``: many seeded random playthroughs of a story.

Playthrough ``i`` of a run with ``--seed S`` uses seed ``S + i`` both for the game
and for picking choices, so ``randomtest -n 1 --seed S+i`` replays it exactly.
Reports failures (exceptions, stuck scenes, broken invariants, endless loops, numbers
computed beyond the game's limit of one trillion, which play clamps) with
the seed that reproduces each, how often each ending was reached, the scenes and
choices never reached, the spread of every variable at the endings, and speed.
Exit status 1 on any failure.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from game.engine import Runner, Story
from game.tools.loading import load_or_report


@dataclass
class Failure:
    seed: int
    kind: str
    message: str
    scene: str
    path: list[str]


@dataclass
class Report:
    runs: int = 0
    choices: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    endings: Counter[str] = field(default_factory=Counter)
    scenes_seen: set[str] = field(default_factory=set)
    choices_seen: set[tuple[str, str]] = field(default_factory=set)
    final_values: dict[str, list[int]] = field(default_factory=dict)


def check_invariants(runner: Runner, before: dict[str, Any] | None = None) -> str | None:
    """A broken invariant, described, or None.

    With ``before`` (the values before the last choice) only the variables that
    changed are checked, which keeps long random runs fast.
    """
    story = runner.story
    if runner.scene_id not in story.scenes:
        return f"the current scene '{runner.scene_id}' does not exist"
    if set(runner.vars) != set(story.variables):
        return "the set of variables changed during play"
    values = runner.vars
    names = (
        list(story.variables)
        if before is None
        else [name for name, _ in values.items() - before.items()]
    )
    for name in names:
        var = story.variables[name]
        value = values[name]
        if var.type == "bool":
            if not isinstance(value, bool):
                return f"'{name}' should be true/false but is {value!r}"
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            return f"'{name}' should be a whole number but is {value!r}"
        if var.minimum is not None and value < var.minimum:
            return f"'{name}' = {value} is below its minimum {var.minimum}"
        if var.maximum is not None and value > var.maximum:
            return f"'{name}' = {value} is above its maximum {var.maximum}"
    return None


def check_ledger(runner: Runner) -> str | None:
    totals: dict[str, int] = {}
    for entry in runner.ledger:
        totals[entry.variable] = totals.get(entry.variable, 0) + entry.amount
    for name, var in runner.story.variables.items():
        if var.type != "money":
            continue
        expected = int(var.initial) + totals.get(name, 0)
        if runner.vars[name] != expected:
            return f"the ledger of '{name}' adds up to {expected}, but it holds {runner.vars[name]}"
    return None


def play_once(story: Story, seed: int, max_steps: int, report: Report) -> None:
    picker = random.Random(seed)
    path: list[str] = []
    runner: Runner | None = None
    try:
        runner = Runner(story, seed, record_text=False)
        report.scenes_seen.add(runner.scene_id)
        path.append(runner.scene_id)
        for _ in range(max_steps):
            if runner.is_ending:
                ending = runner.scene.ending
                assert ending is not None
                report.endings[ending.id] += 1
                problem = check_ledger(runner)
                if problem:
                    report.failures.append(
                        Failure(seed, "invariant", problem, runner.scene_id, path[-8:])
                    )
                for name, value in runner.vars.items():
                    report.final_values.setdefault(name, []).append(int(value))
                return
            options = runner.available_choice_ids()
            if not options:
                report.failures.append(
                    Failure(seed, "stuck", "no choice is open here", runner.scene_id, path[-8:])
                )
                return
            choice_id = picker.choice(options)
            report.choices_seen.add((runner.scene_id, choice_id))
            before = dict(runner.vars)
            runner.choose(choice_id)
            report.choices += 1
            report.scenes_seen.add(runner.scene_id)
            path.append(runner.scene_id)
            problem = check_invariants(runner, before)
            if problem is None and runner.problems:
                problem = runner.problems[0]
                kind = "number too large"
            else:
                kind = "invariant"
            if problem:
                report.failures.append(Failure(seed, kind, problem, runner.scene_id, path[-8:]))
                return
        report.failures.append(
            Failure(
                seed, "loop", f"no ending after {max_steps} choices", runner.scene_id, path[-8:]
            )
        )
    except Exception as exc:  # a crash is exactly what this tool exists to report
        scene = runner.scene_id if runner is not None else story.start
        report.failures.append(
            Failure(seed, "exception", f"{type(exc).__name__}: {exc}", scene, path[-8:])
        )


def random_test(story: Story, runs: int, seed: int, max_steps: int = 5000) -> Report:
    report = Report()
    started = time.perf_counter()
    for index in range(runs):
        play_once(story, seed + index, max_steps, report)
        report.runs += 1
    report.seconds = time.perf_counter() - started
    return report


def all_choices(story: Story) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for scene in story.scenes.values():
        if scene.next is not None:
            pairs.append((scene.id, "next"))
        pairs.extend((scene.id, choice.id) for choice in scene.choices)
    return pairs


def summarise(story: Story, report: Report) -> dict[str, Any]:
    distributions = {}
    for name, values in report.final_values.items():
        if not values:
            continue
        distributions[name] = {
            "min": min(values),
            "median": statistics.median(values),
            "max": max(values),
        }
    endings_all = sorted(story.endings)
    return {
        "runs": report.runs,
        "failures": [f.__dict__ for f in report.failures],
        "endings": {ending: report.endings.get(ending, 0) for ending in endings_all},
        "endings_never_reached": [e for e in endings_all if not report.endings.get(e)],
        "scenes_never_reached": sorted(set(story.scenes) - report.scenes_seen),
        "choices_never_taken": [
            f"{scene}:{choice}"
            for scene, choice in all_choices(story)
            if (scene, choice) not in report.choices_seen
        ],
        "variables_at_endings": distributions,
        "choices_made": report.choices,
        "seconds": round(report.seconds, 3),
        "playthroughs_per_second": round(report.runs / report.seconds, 1)
        if report.seconds
        else None,
        "choices_per_second": round(report.choices / report.seconds) if report.seconds else None,
    }


def print_summary(summary: dict[str, Any], out: TextIO) -> None:
    write = out.write
    write(
        f"{summary['runs']} playthroughs, {summary['choices_made']:,} choices"
        f" in {summary['seconds']} s"
    )
    write(
        f" ({summary['playthroughs_per_second']} playthroughs/s,"
        f" {summary['choices_per_second']:,} choices/s)\n"
    )
    failures = summary["failures"]
    if failures:
        write(f"\nFAILURES: {len(failures)}\n")
        for failure in failures[:20]:
            write(
                f"  seed {failure['seed']}: {failure['kind']} at '{failure['scene']}':"
                f" {failure['message']}\n"
                f"    path: {' -> '.join(failure['path'])}\n"
                f"    replay: python main.py randomtest STORY -n 1 --seed {failure['seed']}\n"
            )
        if len(failures) > 20:
            write(f"  ... and {len(failures) - 20} more\n")
    else:
        write("No failures.\n")
    write("\nEndings reached:\n")
    total = max(1, summary["runs"])
    for ending, count in sorted(summary["endings"].items(), key=lambda item: -item[1]):
        write(f"  {ending:<36}{count:>7}  {100 * count / total:5.1f}%\n")
    for label, key in (
        ("Endings never reached", "endings_never_reached"),
        ("Scenes never reached", "scenes_never_reached"),
        ("Choices never taken", "choices_never_taken"),
    ):
        items = summary[key]
        write(f"\n{label}: {len(items)}\n")
        for item in items[:30]:
            write(f"  {item}\n")
        if len(items) > 30:
            write(f"  ... and {len(items) - 30} more\n")
    write("\nVariables at the endings (min / median / max):\n")
    for name, spread in summary["variables_at_endings"].items():
        write(f"  {name:<24}{spread['min']:>9,} {spread['median']:>11,} {spread['max']:>9,}\n")


def run_randomtest(
    story_dir: str,
    runs: int,
    seed: int,
    max_steps: int,
    as_json: bool,
    mods: Sequence[str] = (),
) -> int:
    story = load_or_report(story_dir, mods)
    if story is None:
        return 1
    report = random_test(story, runs, seed, max_steps)
    summary = summarise(story, report)
    if as_json:
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_summary(summary, sys.stdout)
    return 1 if report.failures else 0
