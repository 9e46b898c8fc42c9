"""The shipped story's economy, measured: what the years pay, and what nobody gets.

Plays many seeded random playthroughs (the same picker as ``main.py randomtest``:
playthrough ``i`` uses seed ``S + i``) and the three scripted strategies of
``strategies.py`` over many seeds, and prints:

- the ledger's earnings at the endings (wages and overtime over the whole story, and
  over the three winters and the two summers between them), the wages lost to days
  away, what was paid into the savings book, min / p10 / median / p90 / max;
- every meter at the endings, min / p10 / median / p90 / max;
- how many playthroughs end with *everything* (every relationship at 7 or more,
  health 5 or more, the savings book at or above its start, no debt): the story
  promises none does;
- the share of playthroughs that reach each single goal, and the share of each
  scripted strategy's playthroughs that reach the goal it plays for.

    python benchmarks/economy.py            # 5,000 random runs, 200 seeds a strategy
    python benchmarks/economy.py -n 1000 --strategy-seeds 50
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from strategies import STRATEGIES, Strategy, play  # noqa: E402

from game.engine import Runner, Story, load_story  # noqa: E402

RELATIONSHIPS = ("qin", "son", "nainai", "couple")
METERS = (*RELATIONSHIPS, "health", "nainai_health", "money", "savings", "ch3_debt")


def family(values: dict[str, Any]) -> bool:
    return all(values[name] >= 7 for name in RELATIONSHIPS)


def healthy(values: dict[str, Any]) -> bool:
    return bool(values["health"] >= 5)


def solvent(values: dict[str, Any]) -> bool:
    return bool(values["savings"] >= 9000 and values.get("ch3_debt", 0) == 0)


def house(values: dict[str, Any]) -> bool:
    return bool(values.get("ch3_house_started") or values.get("ep_house_late"))


GOALS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "family (every relationship 7+)": family,
    "health 5+": healthy,
    "savings 9,000+ and no debt": solvent,
    "a house built (whole or part)": house,
}

#: The goal each scripted strategy plays for.
STRATEGY_GOALS = {
    "Send everything home": "savings 9,000+ and no debt",
    "Save for the house": "a house built (whole or part)",
    "Keep the family together": "family (every relationship 7+)",
}


def everything(values: dict[str, Any]) -> bool:
    return family(values) and healthy(values) and solvent(values)


def percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def earnings(runner: Runner) -> dict[str, int]:
    totals = {"wages": 0, "wages_1_3": 0, "lost": 0, "sent": 0, "food": 0}
    for entry in runner.ledger:
        if entry.category in ("wages", "overtime") and entry.amount > 0:
            totals["wages"] += entry.amount
            if entry.chapter <= 3:
                totals["wages_1_3"] += entry.amount
        elif entry.category == "lost_wages":
            totals["lost"] += entry.amount
        elif entry.category == "remittance" and entry.variable == "savings":
            totals["sent"] += entry.amount
        elif entry.category == "food":
            totals["food"] += entry.amount
    return totals


def random_runs(story: Story, runs: int, seed: int) -> list[tuple[dict[str, Any], dict[str, int]]]:
    results = []
    for index in range(runs):
        picker = random.Random(seed + index)
        runner = Runner(story, seed + index, record_text=False)
        while not runner.is_ending:
            runner.choose(picker.choice(runner.available_choice_ids()))
        results.append((dict(runner.vars), earnings(runner)))
    return results


def spread(values: list[int]) -> str:
    return (
        f"{min(values):>8,} {percentile(values, 0.1):>8,} {percentile(values, 0.5):>8,}"
        f" {percentile(values, 0.9):>8,} {max(values):>8,}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5000, help="random playthroughs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--strategy-seeds", type=int, default=200)
    args = parser.parse_args()
    story, diagnostics = load_story(ROOT / "story")
    if story is None:
        print("\n".join(str(d) for d in diagnostics), file=sys.stderr)
        return 1
    results = random_runs(story, args.n, args.seed)
    print(f"{args.n} random playthroughs (seeds {args.seed}-{args.seed + args.n - 1})")
    print(f"\n{'At the endings':<32}{'min':>8} {'p10':>8} {'median':>8} {'p90':>8} {'max':>8}")
    for key, label in (
        ("wages", "Earned, Nov 2006 - Jan 2010"),
        ("wages_1_3", "Earned, Nov 2006 - Mar 2009"),
        ("lost", "Wages lost to days away"),
        ("sent", "Paid into the savings book"),
        ("food", "Food and rent"),
    ):
        print(f"  {label:<30}{spread([e[key] for _, e in results])}")
    for name in METERS:
        if name in story.variables:
            label = story.variables[name].label or name
            print(f"  {label:<30}{spread([int(v[name]) for v, _ in results])}")
    count = sum(1 for values, _ in results if everything(values))
    print(f"\nEnd with everything (family, health, savings, no debt): {count} of {args.n}")
    for goal, test in GOALS.items():
        reached = sum(1 for values, _ in results if test(values))
        print(f"  {goal:<34}{reached:>6}  {100 * reached / args.n:5.1f}%")
    print(f"\nScripted strategies, {args.strategy_seeds} seeds each:")
    for strategy in STRATEGIES:
        report_strategy(story, strategy, args.strategy_seeds)
    return 0


def report_strategy(story: Story, strategy: Strategy, seeds: int) -> None:
    goal = STRATEGY_GOALS[strategy.name]
    hits = {name: 0 for name in GOALS}
    all_of_it = 0
    for offset in range(seeds):
        seeded = Strategy(
            strategy.name, strategy.seed + offset, strategy.phrases, strategy.send_weight
        )
        runner, _ = play(story, seeded)
        values = runner.vars
        for name, test in GOALS.items():
            hits[name] += test(values)
        all_of_it += everything(values)
    shares = ", ".join(
        f"{name.split(' (')[0]} {100 * hit / seeds:.0f}%" for name, hit in hits.items()
    )
    print(
        f"  {strategy.name}: its goal ({goal}) {100 * hits[goal] / seeds:.0f}%;"
        f" everything {all_of_it}"
    )
    print(f"    {shares}")


if __name__ == "__main__":
    sys.exit(main())
