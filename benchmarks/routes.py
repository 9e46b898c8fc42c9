"""Eight routes through the shipped story, kept as golden transcripts for review.

Each route is a way a player might go through the three winters that differs from the
others in the decisions that change the story most: who travels and who stays, Qin in
school, working or at home, each way of getting tickets, stranded in 2008 or not, laid
off in 2009 or not. A route is a seed and a player's leanings (phrases it looks for in
the choices on offer, and per-scene picks); this script plays it as a player would,
reading only the choices, checks that it went where the route says (``expect``), and
writes ``tests/routes/NAME.txt``: the seed and the numbers typed, then the text mode's
whole output. ``tests/test_golden.py`` replays the typed numbers and compares, so an
edit that changes any line of any route shows in review as a diff of that file.

    python benchmarks/routes.py            # play the routes, check them, print a summary
    python benchmarks/routes.py --write    # also (re)write tests/routes/*.txt

Any route can be read in the terminal with its seed and typed numbers:

    grep -A999 '^input:' tests/routes/stranded.txt | sed '1d;/^---$/,$d' \\
        | python main.py play --text --seed 41
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import ChoiceView, Runner, Story, load_story  # noqa: E402
from game.textui import TextGame  # noqa: E402

ROUTES_DIR = ROOT / "tests" / "routes"


@dataclass(frozen=True)
class Route:
    name: str
    seed: int
    about: str
    #: Phrases (lower case) looked for in every choice on offer, with a weight.
    leanings: dict[str, int]
    #: scene id -> a phrase of the choice to take there (wins over the leanings).
    picks: dict[str, str] = field(default_factory=dict)
    #: variable -> the value it must have at the ending, to prove the route is what it says.
    expect: dict[str, int | bool] = field(default_factory=dict)


def score(route: Route, scene_id: str, choice: ChoiceView) -> float:
    text = choice.text.lower()
    wanted = route.picks.get(scene_id)
    if wanted is not None and wanted in text:
        return 1000.0
    return float(sum(weight for phrase, weight in route.leanings.items() if phrase in text))


def typed_numbers(story: Story, route: Route) -> tuple[list[int], Runner]:
    """The numbers a player on ``route`` types, and the runner at the ending."""
    runner = Runner(story, route.seed)
    typed: list[int] = []
    while not runner.is_ending:
        view = runner.view()
        if view.kind == "continue":
            typed.append(1)
            runner.choose(runner.available_choice_ids()[0])
            continue
        open_choices = [(i, c) for i, c in enumerate(view.choices, start=1) if c.enabled]
        number, best = max(
            open_choices, key=lambda item: (score(route, view.scene_id, item[1]), -item[0])
        )
        typed.append(number)
        runner.choose(best.id)
    return typed, runner


def transcript(story: Story, seed: int, typed: list[int]) -> str:
    """The text mode's output for ``typed``, exactly as ``tests/test_golden.py`` plays it."""
    lines = iter(str(n) for n in typed)
    out = io.StringIO()
    TextGame(story, seed, out, lambda: next(lines, None), width=72, echo=True).play()
    return out.getvalue()


def check(runner: Runner, route: Route) -> list[str]:
    """What the route promised and did not do."""
    return [
        f"{name} is {runner.vars.get(name)!r}, the route expects {value!r}"
        for name, value in route.expect.items()
        if runner.vars.get(name) != value
    ]


ROUTES: tuple[Route, ...] = ()


def main(argv: list[str]) -> int:
    story, diagnostics = load_story(ROOT / "story")
    if story is None:
        for diagnostic in diagnostics:
            print(diagnostic)
        return 1
    failed = False
    for route in ROUTES:
        typed, runner = typed_numbers(story, route)
        ending = story.scenes[runner.scene_id].ending
        title = ending.title if ending is not None else "?"
        problems = check(runner, route)
        failed = failed or bool(problems)
        print(f'{route.name} (seed {route.seed}, {len(typed)} steps): "{title}"')
        for problem in problems:
            print(f"  NOT AS DESCRIBED: {problem}")
        if "--write" in argv:
            ROUTES_DIR.mkdir(parents=True, exist_ok=True)
            header = [f"# {route.about}", f"seed: {route.seed}", "input:", *map(str, typed)]
            text = "\n".join(header) + "\n---\n" + transcript(story, route.seed, typed)
            (ROUTES_DIR / f"{route.name}.txt").write_text(text, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
