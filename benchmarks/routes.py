"""Eight routes through the shipped story, kept as golden transcripts for review.

Each route is a way a player might go through the three winters that differs from the
others in the decisions that change the story most: who travels and who stays, Qin in
school, working or at home, each way of getting tickets, stranded in 2008 or not, laid
off in 2009 or not. A route is told by what it must have done (``expect``); this script
finds a seeded playthrough that did it (a player choosing at random among the open
choices) and writes ``tests/routes/NAME.txt``: the seed and the numbers typed, then the text mode's
whole output. ``tests/test_golden.py`` replays the typed numbers and compares, so an
edit that changes any line of any route shows in review as a diff of that file.

    python benchmarks/routes.py            # check the recorded routes still walk as described
    python benchmarks/routes.py --write    # (re)write tests/routes/*.txt from their numbers
    python benchmarks/routes.py --find     # find a seed for every route again, and write

Any route can be read in the terminal with its seed and typed numbers:

    grep -A999 '^input:' tests/routes/stranded.txt | sed '1d;/^---$/,$d' \\
        | python main.py play --text --seed 41
"""

from __future__ import annotations

import io
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import Runner, Story, load_story  # noqa: E402
from game.textui import TextGame  # noqa: E402

ROUTES_DIR = ROOT / "tests" / "routes"


@dataclass(frozen=True)
class Route:
    """A kind of playthrough, told by what it must have done at its ending."""

    name: str
    about: str
    #: variable -> the value it must have at the ending.
    expect: dict[str, int | bool] = field(default_factory=dict)
    #: variables that must differ from these values (e.g. "ch1_tickets": 0: bought some).
    avoid: dict[str, int | bool] = field(default_factory=dict)


ROUTES: tuple[Route, ...] = (
    Route(
        "window_stranded",
        "Window tickets in 2007; Qin stays in school; stranded at the station in 2008.",
        {"ch1_tickets": 1, "qin_left_school": False, "stranded_2008": True},
    ),
    Route(
        "scalper_qin_works",
        "A scalper in 2007; Qin leaves school to work; the parents stay in the city in 2008.",
        {"ch1_tickets": 2, "qin_working": True, "ch2_city_new_year": True},
    ),
    Route(
        "phone_mother_home",
        "Phone booking in 2007; Qin in school; Xiulan comes home for good in 2009.",
        {"ch1_tickets": 3, "qin_left_school": False, "mother_home_for_good": True},
    ),
    Route(
        "bus_laid_off",
        "The sleeper bus in 2007; laid off in the crisis of 2009; Guoping home for good.",
        {"ch1_tickets": 4, "laid_off_2009": True, "father_home_for_good": True},
    ),
    Route(
        "city_2007_both_away",
        "New Year 2007 in the dormitory; both parents still away at the end.",
        {
            "stayed_in_city_2007": True,
            "mother_home_for_good": False,
            "father_home_for_good": False,
        },
    ),
    Route(
        "qin_at_home",
        "Qin walks out of school and stays in the village; the argument at New Year 2008.",
        {"qin_left_school": True, "qin_working": False, "argument_2008": True},
    ),
    Route(
        "qin_on_the_train",
        "Qin works in the city and travels home with her parents in 2008.",
        {"qin_working": True, "qin_on_train_2008": True},
    ),
    Route(
        "home_2008_stranded",
        "Home for New Year 2008 through the storm; not laid off in 2009.",
        {"ch2_city_new_year": False, "laid_off_2009": False},
        {"ch1_tickets": 1},
    ),
)

#: Seeds searched for a playthrough of each route.
MAX_SEEDS = 30_000


def random_playthrough(story: Story, seed: int) -> tuple[list[int], Runner]:
    """A player who picks among the open choices at random (from ``seed``)."""
    runner = Runner(story, seed, record_text=False)
    pick = random.Random(seed * 7919 + 1)
    typed: list[int] = []
    while not runner.is_ending and len(typed) < 5000:
        view = runner.view()
        numbers = [n for n, c in enumerate(view.choices, start=1) if c.enabled]
        if not numbers:
            break
        number = pick.choice(numbers)
        typed.append(number)
        runner.choose(view.choices[number - 1].id)
    return typed, runner


def fits(route: Route, values: dict[str, object]) -> bool:
    return all(values.get(k) == v for k, v in route.expect.items()) and all(
        values.get(k) != v for k, v in route.avoid.items()
    )


def find(story: Story, route: Route, taken: set[int]) -> tuple[int, list[int]] | None:
    """The first seed whose random player walks ``route``, and the numbers it typed."""
    for seed in range(1, MAX_SEEDS):
        if seed in taken:
            continue
        typed, runner = random_playthrough(story, seed)
        if runner.is_ending and fits(route, runner.vars):
            return seed, typed
    return None


def transcript(story: Story, seed: int, typed: list[int]) -> str:
    """The text mode's output for ``typed``, exactly as ``tests/test_golden.py`` plays it."""
    lines = iter(str(n) for n in typed)
    out = io.StringIO()
    TextGame(story, seed, out, lambda: next(lines, None), width=72, echo=True).play()
    return out.getvalue()


def replay(story: Story, seed: int, typed: list[int]) -> Runner:
    runner = Runner(story, seed, record_text=False)
    for number in typed:
        if runner.is_ending:
            break
        runner.choose(runner.view().choices[number - 1].id)
    return runner


def read_case(path: Path) -> tuple[int, list[int]]:
    header = path.read_text(encoding="utf-8").partition("\n---\n")[0].splitlines()
    seed = int(next(line for line in header if line.startswith("seed:")).split(":")[1])
    typed = [int(line) for line in header[header.index("input:") + 1 :]]
    return seed, typed


def main(argv: list[str]) -> int:
    story, diagnostics = load_story(ROOT / "story")
    if story is None:
        for diagnostic in diagnostics:
            print(diagnostic)
        return 1
    find_again = "--find" in argv
    taken: set[int] = set()
    failed = False
    for route in ROUTES:
        path = ROUTES_DIR / f"{route.name}.txt"
        found: tuple[int, list[int]] | None = None
        if path.exists() and not find_again:
            seed, typed = read_case(path)
            if fits(route, replay(story, seed, typed).vars):
                found = seed, typed
            else:
                print(f"{route.name}: the recorded numbers no longer walk this route")
        if found is None and (find_again or "--write" in argv or not path.exists()):
            found = find(story, route, taken)
        if found is None:
            print(f"{route.name}: NOT FOUND in {MAX_SEEDS} seeds")
            failed = True
            continue
        seed, typed = found
        taken.add(seed)
        runner = replay(story, seed, typed)
        ending = story.scenes[runner.scene_id].ending
        title = ending.title if ending is not None else "?"
        print(f'{route.name} (seed {seed}, {len(typed)} steps): "{title}"')
        if "--write" in argv or find_again:
            ROUTES_DIR.mkdir(parents=True, exist_ok=True)
            header = [f"# {route.about}", f"seed: {seed}", "input:", *map(str, typed)]
            text = "\n".join(header) + "\n---\n" + transcript(story, seed, typed)
            path.write_text(text, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
