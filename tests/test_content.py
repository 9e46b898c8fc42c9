"""Content checks over the shipped story: lint clean, random playthroughs, scale, routes.

These run on every shipped story file, so a writer's change that breaks a route, strands
an ending or leaves a scene unreachable fails here with the scene's name.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable

import pytest

from game.engine.loader import load_story
from game.engine.model import Choice, Scene, Story
from game.tools.randomtest import Report, random_test, summarise
from game.tools.reading import WORDS_PER_MINUTE, measure_reading
from game.tools.stats import story_stats
from tests.conftest import STORY_DIR

RANDOM_RUNS = 5000


@pytest.fixture(scope="module")
def story() -> Story:
    loaded, diagnostics = load_story(STORY_DIR)
    assert loaded is not None, "\n".join(str(d) for d in diagnostics)
    return loaded


@pytest.fixture(scope="module")
def report(story: Story) -> Report:
    return random_test(story, RANDOM_RUNS, seed=1)


@pytest.fixture(scope="module")
def summary(story: Story, report: Report) -> dict[str, object]:
    return summarise(story, report)


def test_lint_is_clean_without_warnings() -> None:
    _, diagnostics = load_story(STORY_DIR)
    assert [str(d) for d in diagnostics] == []


@pytest.mark.slow  # 5,000 random playthroughs of the shipped story
def test_random_playthroughs_never_fail(summary: dict[str, object]) -> None:
    assert summary["failures"] == []


@pytest.mark.slow  # 5,000 random playthroughs of the shipped story
def test_every_ending_and_scene_is_reached(summary: dict[str, object]) -> None:
    assert summary["endings_never_reached"] == []
    assert summary["scenes_never_reached"] == []


def matters(choice: Choice, scene: Scene) -> bool:
    """A choice matters when it changes the state or leads somewhere its siblings don't."""
    if choice.effects or choice.outcomes:
        return True
    targets = {c.target for c in scene.choices}
    return len(targets) > 1


def test_the_story_has_its_promised_scale(story: Story) -> None:
    stats = story_stats(story)
    meaningful = sum(
        1 for scene in story.scenes.values() for choice in scene.choices if matters(choice, scene)
    )
    assert stats["scenes"] >= 150
    assert meaningful >= 60
    assert stats["endings"] >= 8
    assert stats["words"] >= 25_000
    assert stats["discussion_prompts"] >= 25
    assert stats["context_cards"] >= 10
    assert stats["glossary_terms"] >= 12


def test_context_cards_name_their_sources(story: Story) -> None:
    for scene in story.scenes.values():
        for card in scene.cards:
            assert card.title and card.fact and card.source and card.why, scene.id


def chapter_routes(story: Story, runs: int = 400) -> dict[int, set[tuple[str, ...]]]:
    """For each chapter, the distinct paths through the chapter before it that led in."""
    import random

    from game.engine.runner import Runner

    routes: dict[int, set[tuple[str, ...]]] = defaultdict(set)
    for seed in range(runs):
        picker = random.Random(seed)
        runner = Runner(story, seed, record_text=False)
        path = [runner.scene_id]
        while not runner.is_ending:
            runner.choose(picker.choice(runner.available_choice_ids()))
            previous = story.scenes[path[-1]].chapter
            current = runner.scene.chapter
            if current != previous:
                before = tuple(s for s in path if story.scenes[s].chapter == previous)
                routes[current].add(before)
            path.append(runner.scene_id)
        first = tuple(s for s in path if story.scenes[s].chapter == story.scenes[path[0]].chapter)
        routes[story.scenes[path[0]].chapter].add(first)
    return routes


def test_every_chapter_is_reached_by_at_least_two_routes(story: Story) -> None:
    routes = chapter_routes(story)
    chapters = sorted({scene.chapter for scene in story.scenes.values()})
    for number in chapters:
        assert len(routes[number]) >= 2, f"chapter {number} is reached by one route only"


def test_a_typical_playthrough_reads_in_25_to_40_minutes(story: Story) -> None:
    """The median path, counting the choices shown and the notes, fits a class period."""
    report = measure_reading(story, runs=300)
    minutes = report.minutes(report.median_words, WORDS_PER_MINUTE)
    assert 25 <= minutes <= 40, f"a median playthrough reads {report.median_words:,} words"


# -- the economy -------------------------------------------------------------------
RELATIONSHIPS = ("qin", "son", "nainai", "couple")
START_SAVINGS = 9000


def ending_values(report: Report) -> list[dict[str, int]]:
    """The values at each random playthrough's ending, one dict a playthrough."""
    names = list(report.final_values)
    rows = zip(*report.final_values.values(), strict=True)
    return [dict(zip(names, row, strict=True)) for row in rows]


@pytest.mark.slow  # 5,000 random playthroughs of the shipped story
def test_no_playthrough_ends_with_everything(report: Report) -> None:
    """The story's promise: every relationship at 7+, health 5+, the savings book back at
    its start and no debt never come together; and each goal alone stays reachable."""
    values = ending_values(report)
    assert len(values) == RANDOM_RUNS
    goals: dict[str, Callable[[dict[str, int]], bool]] = {
        "family": lambda v: all(v[name] >= 7 for name in RELATIONSHIPS),
        "health": lambda v: v["health"] >= 5,
        "savings": lambda v: v["savings"] >= START_SAVINGS and v["ch3_debt"] == 0,
    }
    everything = [v for v in values if all(goal(v) for goal in goals.values())]
    assert everything == []
    for name, goal in goals.items():
        assert sum(1 for v in values if goal(v)) >= 10, f"nobody reaches the {name} goal"


@pytest.mark.slow  # 5,000 random playthroughs of the shipped story
def test_nainai_answers_absence(report: Report) -> None:
    """Raising two children alone is a cost: her meter sinks over years away, and a
    family that missed two New Years ends lower than one that went home both times."""
    values = ending_values(report)
    assert statistics.median(v["nainai"] for v in values) <= 7
    assert min(v["nainai"] for v in values) <= 3
    away = [v["nainai"] for v in values if v["stayed_in_city_2007"] and v["ch2_city_new_year"]]
    home = [
        v["nainai"] for v in values if not v["stayed_in_city_2007"] and not v["ch2_city_new_year"]
    ]
    assert away and home
    assert statistics.median(away) < statistics.median(home)


def test_the_ledger_tells_the_whole_year(story: Story) -> None:
    """Each chapter's ledger holds a whole year of wages, not only the winter, and three
    years of two wages come to what BACKGROUND.md's averages give (966 a month each in
    2006, 1,417 in 2009: roughly 70-90,000 with the epilogue's year)."""
    import random

    from game.engine.runner import Runner

    earned: list[int] = []
    for seed in range(200):
        picker = random.Random(seed)
        runner = Runner(story, seed, record_text=False)
        while not runner.is_ending:
            runner.choose(picker.choice(runner.available_choice_ids()))
        by_chapter: dict[int, int] = defaultdict(int)
        for entry in runner.ledger:
            if entry.category in ("wages", "overtime") and entry.amount > 0:
                by_chapter[entry.chapter] += entry.amount
        assert by_chapter[2] >= 15_000 and by_chapter[3] >= 15_000, dict(by_chapter)
        assert sum(e.amount for e in runner.ledger if e.category == "lost_wages") < 0
        earned.append(sum(by_chapter.values()))
    assert 60_000 <= statistics.median(earned) <= 95_000


def test_every_lesson_start_fits_a_period_and_says_where_it_begins(story: Story) -> None:
    """Each chapter start and lesson path reads in at most 20 minutes at a class's pace
    (150 words a minute, median of random runs), and its summary names the money it sets."""
    from game.tools.reading import LESSON_WORDS_PER_MINUTE, measure_starts

    readings = measure_starts(story, runs=60)
    assert {r.start.id for r in readings} >= {"chapter2", "chapter3"}
    assert any(r.start.is_lesson_path and r.start.chapter == 1 for r in readings)
    for reading in readings:
        minutes = reading.median_words / LESSON_WORDS_PER_MINUTE
        assert 5 <= minutes <= 20, (reading.start.id, round(minutes, 1))
        for name in ("money", "savings"):
            value = reading.start.values.get(name)
            if value is not None:
                assert f"{value:,}" in reading.start.summary, (reading.start.id, name)
