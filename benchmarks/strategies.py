"""Three ways to play the shipped story, and where each one ends.

The story promises that no strategy affords everything and that very different
strategies still reach an ending. This script plays three strategies that a player
might set out with, one seeded playthrough each, and prints where each ended: the
ending, the meters, the money, what was sent home and what is owed. It also prints
the numbers typed at each step, so any of the three can be replayed and read in the
text mode:

    python benchmarks/strategies.py
    printf '1\\n2\\n...' | python main.py play --text --seed 11

A strategy is a set of phrases it looks for in the choices on offer, each with a
weight; at every decision it takes the open choice with the highest score (the first
on the list when scores tie). It reads the choices as a player would, and never
looks at the effects behind them.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import ChoiceView, Runner, Story, load_story  # noqa: E402


@dataclass(frozen=True)
class Strategy:
    name: str
    seed: int
    phrases: dict[str, int]
    #: Weight per 1,000 yuan of a "Send N" choice: how much this player likes sending.
    send_weight: float = 0.0


STRATEGIES = (
    Strategy(
        "Send everything home",
        11,
        {
            "both names": 4,
            "both of you take": 4,
            "every shift": 4,
            "keep going": 3,
            "every hour": 4,
            "nights too": 3,
            "every festival shift": 4,
            "holiday shifts": 3,
            "queue": 2,
            "window": 2,
            "standing": 2,
            "nothing yet": 2,
            "small": 2,
            "no envelopes": 1,
            "pay back": 3,
            "pay off": 4,
            "both go back out": 4,
            "both of you go back": 3,
            "keep the savings": 3,
            "keep the book shut": 2,
            "back at the machine": 3,
            "from the savings book": -2,
            "scalper": -3,
            "1,400": -3,
            "haggle": -2,
            "rank": 1,
            "do better": 1,
            "work harder": 1,
            "be firm": 1,
            "what one term costs": 1,
        },
        send_weight=3.0,
    ),
    Strategy(
        "Save for the house",
        22,
        {
            "both names": 4,
            "both of you take": 3,
            "every shift": 3,
            "every hour": 3,
            "keep going": 2,
            "queue": 2,
            "window": 2,
            "nothing yet": 2,
            "small": 2,
            "build all of it": 6,
            "on loans": 5,
            "the whole house": 6,
            "upper floor": 6,
            "ground floor": 4,
            "not this term": 3,
            "both go back out": 4,
            "both of you go back": 3,
            "keep it in hand": -2,
            "mend the kitchen roof": -2,
            "rank": 1,
            "do better": 1,
            "study hard": 1,
            "be firm": 1,
            "great many seams": 1,
        },
        send_weight=2.0,
    ),
    Strategy(
        "Keep the family together",
        33,
        {
            "neither": 4,
            "keep your sundays": 4,
            "phones home": 3,
            "call home": 4,
            "go down and call": 4,
            "listen": 4,
            "what she wants": 4,
            "proud": 4,
            "promise": 3,
            "stays home for good": 5,
            "xiulan stays": 4,
            "both stay": 6,
            "sunday calls": 4,
            "sit with": 3,
            "go home, whatever": 5,
            "1,400": 3,
            "pay for two": 3,
            "pay for three": 3,
            "three tickets": 3,
            "two hard seats": 3,
            "clinic": 3,
            "the good things": 2,
            "everything, even the pig": 4,
            "read you the composition": 3,
            "take turns": 2,
            "sunday off": 3,
            "take the days": 3,
            "rest the other days": 3,
            "dinner together": 4,
            "each other": 2,
            "mend the kitchen roof": 4,
            "keep the savings": 3,
            "on loans": -5,
            "don't go home": -6,
            "staying in guangzhou": -5,
            "stay in guangzhou": -5,
            "festival shift": -3,
            "every hour": -3,
            "both go back out": -4,
            "first next year": -3,
            "why he isn't first": -4,
        },
        send_weight=0.5,
    ),
)

AMOUNT = re.compile(r"send (?:home )?([\d,]+)", re.IGNORECASE)


def score(strategy: Strategy, choice: ChoiceView) -> float:
    text = choice.text.lower()
    total: float = sum(weight for phrase, weight in strategy.phrases.items() if phrase in text)
    match = AMOUNT.search(choice.text)
    if match:
        total += strategy.send_weight * int(match.group(1).replace(",", "")) / 1000
    elif text.startswith("send nothing") or text.startswith("keep the cash"):
        total -= strategy.send_weight
    return total


def play(story: Story, strategy: Strategy) -> tuple[Runner, list[int]]:
    runner = Runner(story, strategy.seed)
    typed: list[int] = []
    while not runner.is_ending:
        view = runner.view()
        if view.kind == "continue":
            typed.append(1)
            runner.choose(runner.available_choice_ids()[0])
            continue
        open_choices = [(i, c) for i, c in enumerate(view.choices, start=1) if c.enabled]
        number, best = max(open_choices, key=lambda item: (score(strategy, item[1]), -item[0]))
        typed.append(number)
        runner.choose(best.id)
    return runner, typed


def report(story: Story, strategy: Strategy) -> None:
    runner, typed = play(story, strategy)
    ending = story.scenes[runner.scene_id].ending
    assert ending is not None
    sent = sum(e.amount for e in runner.ledger if e.category == "remittance" and e.amount > 0)
    values = runner.vars
    meters = ", ".join(
        f"{story.variables[name].label} {values[name]}"
        for name in ("qin", "son", "nainai", "couple", "health")
    )
    print(f'{strategy.name} (seed {strategy.seed}): "{ending.title}"')
    print(f"  {meters}")
    print(
        f"  cash {values['money']:,}, savings {values['savings']:,},"
        f" sent home {sent:,}, owed {values.get('ch3_debt', 0):,}"
    )
    flags = [
        name
        for name in (
            "qin_left_school",
            "stranded_2008",
            "argument_2008",
            "mother_home_for_good",
            "father_home_for_good",
            "ch3_house_started",
            "ch3_house_half",
            "ch3_qin_gaokao",
        )
        if values.get(name)
    ]
    print(f"  {', '.join(flags) or 'no flags'}")
    print(f"  typed: {' '.join(map(str, typed))}")


def main() -> int:
    story, diagnostics = load_story(ROOT / "story")
    if story is None:
        print("\n".join(str(d) for d in diagnostics), file=sys.stderr)
        return 1
    for strategy in STRATEGIES:
        report(story, strategy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
