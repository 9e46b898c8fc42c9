"""How long a playthrough takes to read, measured over seeded random playthroughs.

A player reads each scene's text, every choice shown at a decision (they read them all
before picking one), the notes that follow a choice, and the ending's epilogue. This
module counts those words over many seeded random playthroughs and turns them into
minutes at an ordinary silent reading rate. It also records how many playthroughs pass
through each scene, which tells a teacher whether every student will meet a moment.

Random players pick uniformly among the open choices, so these are figures for a
typical path, not for any one student.
"""

from __future__ import annotations

import random
import statistics
from collections import Counter
from dataclasses import dataclass

from game.engine import Runner, Start, Story

#: Words a minute of an adult reading English silently (the average for non-fiction in
#: Brysbaert's 2019 meta-analysis of reading rates). Slower readers and readers of a
#: second language read nearer :data:`SLOW_WORDS_PER_MINUTE`.
WORDS_PER_MINUTE = 238
SLOW_WORDS_PER_MINUTE = 200
#: Words a minute for a class of 13-15-year-olds reading a projector or a screen shared
#: in pairs, aloud or half aloud: the pace a one-period lesson is planned at.
LESSON_WORDS_PER_MINUTE = 150
#: A step limit that no real path reaches: a story that loops forever stops here.
MAX_STEPS = 5000


@dataclass(frozen=True)
class Playthrough:
    """The words one playthrough read, per chapter, and the scenes it passed through."""

    words_by_chapter: dict[int, int]
    scenes: frozenset[str]

    @property
    def words(self) -> int:
        return sum(self.words_by_chapter.values())


@dataclass(frozen=True)
class ReadingReport:
    """Words read over ``runs`` random playthroughs, and how often each scene was read."""

    runs: int
    totals: tuple[int, ...]
    chapter_medians: dict[int, int]
    scene_share: dict[str, float]

    @property
    def median_words(self) -> int:
        return round(statistics.median(self.totals))

    @property
    def shortest(self) -> int:
        return min(self.totals)

    @property
    def longest(self) -> int:
        return max(self.totals)

    def minutes(self, words: int, words_per_minute: int = WORDS_PER_MINUTE) -> int:
        return round(words / words_per_minute)


def count_words(text: str) -> int:
    return len(text.split())


def read_playthrough(story: Story, seed: int) -> Playthrough:
    """Play one seeded random playthrough and count what its player read."""
    runner = Runner(story, seed, record_text=False)
    pick = random.Random(seed)
    words: Counter[int] = Counter()
    scenes: set[str] = set()
    for _ in range(MAX_STEPS):
        view = runner.view()
        scenes.add(view.scene_id)
        words[view.chapter] += sum(count_words(p) for p in view.paragraphs)
        if view.ending is not None:
            words[view.chapter] += sum(count_words(p) for p in view.ending.epilogue)
            break
        if len(view.choices) > 1:
            words[view.chapter] += sum(count_words(choice.text) for choice in view.choices)
        open_choices = runner.available_choice_ids()
        if not open_choices:
            break
        result = runner.choose(pick.choice(open_choices))
        words[view.chapter] += sum(count_words(note) for note in result.notes)
    return Playthrough(dict(words), frozenset(scenes))


def measure_reading(story: Story, runs: int = 300, seed: int = 1) -> ReadingReport:
    """Words read over ``runs`` playthroughs with seeds ``seed`` .. ``seed + runs - 1``."""
    totals: list[int] = []
    by_chapter: dict[int, list[int]] = {chapter.number: [] for chapter in story.chapters}
    visits: Counter[str] = Counter()
    for offset in range(max(1, runs)):
        playthrough = read_playthrough(story, seed + offset)
        totals.append(playthrough.words)
        for number, words in by_chapter.items():
            words.append(playthrough.words_by_chapter.get(number, 0))
        visits.update(playthrough.scenes)
    count = len(totals)
    return ReadingReport(
        runs=count,
        totals=tuple(totals),
        chapter_medians={n: round(statistics.median(w)) for n, w in by_chapter.items() if w},
        scene_share={scene: visits[scene] / count for scene in story.scenes},
    )


@dataclass(frozen=True)
class StartReading:
    """Words read from a chapter start or lesson path to its end, over random runs."""

    start: Start
    runs: int
    median_words: int
    longest_words: int

    def minutes(self, words_per_minute: int) -> int:
        return round(self.median_words / words_per_minute)


def read_from_start(story: Story, start: Start, seed: int) -> int:
    """Words one random player reads from ``start`` until its lesson path stops, its
    chapter ends (the next chapter's first scene) or the story ends."""
    runner = Runner(story, seed, record_text=False, scene=start.scene, values=start.values)
    pick = random.Random(seed)
    words = 0
    for _ in range(MAX_STEPS):
        view = runner.view()
        if view.scene_id in start.until or view.chapter != start.chapter:
            break
        words += sum(count_words(p) for p in view.paragraphs)
        if view.ending is not None:
            words += sum(count_words(p) for p in view.ending.epilogue)
            break
        if len(view.choices) > 1:
            words += sum(count_words(choice.text) for choice in view.choices)
        open_choices = runner.available_choice_ids()
        if not open_choices:
            break
        result = runner.choose(pick.choice(open_choices))
        words += sum(count_words(note) for note in result.notes)
    return words


def measure_starts(story: Story, runs: int = 200, seed: int = 1) -> list[StartReading]:
    """Reading time of every chapter start and lesson path declared in the story."""
    readings = []
    for start in story.starts.values():
        totals = [read_from_start(story, start, seed + n) for n in range(max(1, runs))]
        readings.append(
            StartReading(start, len(totals), round(statistics.median(totals)), max(totals))
        )
    return readings
