"""``python main.py lesson -o DIR``: a lesson pack a teacher can print or upload.

The pack is a folder of plain HTML pages (and the map as an SVG file), generated from
the story files so that edits and mods flow in:

- ``index.html``: what is in the pack and how to use it;
- ``plan.html``: a lesson plan for 45 minutes and for 2 x 45 minutes, with the chapter
  start or lesson path to play and its reading time (measured by
  :func:`game.tools.reading.measure_starts` at 150 and 238 words a minute), three of the
  story's own discussion prompts to stop at, a plenary and an exit ticket;
- ``worksheet.html`` (predict, decide, reflect) and ``ledger.html`` (arithmetic on the
  game's real wages, fares, fees and remittances), with ``answers.html`` for the teacher;
- ``map.html`` and ``map.svg``: the journey and the 2008 storm, from real coordinates;
- ``care.html``: guidance for sensitive topics, with the story's content notes;
- ``guide.html``: the full discussion guide.

Pages are rendered by Jinja2 templates in ``templates/`` with autoescaping on, so story
text never becomes markup. Nothing is loaded from the internet: no links to fonts,
scripts, styles or images outside the folder.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.engine import Runner, Scene, Start, Story
from game.i18n import N_, _
from game.tools.guide import GUIDE_RUNS, build_guide, opening
from game.tools.guide_page import to_html
from game.tools.lesson_figures import LedgerSheet, ledger_sheet
from game.tools.lesson_map import (
    MapDrawing,
    Places,
    PlacesError,
    draw_map,
    find_places,
    journey_km,
    read_places,
)
from game.tools.loading import load_or_report
from game.tools.reading import (
    LESSON_WORDS_PER_MINUTE,
    MAX_STEPS,
    WORDS_PER_MINUTE,
    StartReading,
    measure_reading,
    measure_starts,
)
from game.tools.templating import environment

#: The minutes of a period a one-period lesson gives to reading (the rest is the
#: starter, the stops, the plenary and the exit ticket).
READING_BUDGET = 22
#: Random playthroughs behind the reading times and how often a scene is met.
START_RUNS = 200
#: The pages of the pack, in the order the index lists them: file, title, who for.
PAGES = (
    ("plan.html", N_("Lesson plan"), N_("teacher")),
    ("care.html", N_("Sensitive topics and content notes"), N_("teacher")),
    ("map.html", N_("Map of the journey and the 2008 storm"), N_("class")),
    ("worksheet.html", N_("Student worksheet: predict, decide, reflect"), N_("students")),
    ("ledger.html", N_("Ledger worksheet: the family's money"), N_("students")),
    ("answers.html", N_("Answer key"), N_("teacher")),
    ("guide.html", N_("Discussion guide to the whole game"), N_("teacher")),
)


@dataclass(frozen=True)
class PromptType:
    """A kind of discussion prompt, recognised by its words, with points students raise.
    The title and points are marked with N_ and translated where a page shows them; the
    words are matched against the story's English prompts."""

    key: str
    title: str
    words: tuple[str, ...]
    points: tuple[str, ...]


#: Checked in order; the first whose words appear in a prompt gives its type.
PROMPT_TYPES = (
    PromptType(
        "push_pull",
        N_("Migration: push and pull"),
        ("push", "pull", "leave the place", "leaving", "map", "grew up", "village", "city"),
        (
            N_("Push factors: low farm incomes, few jobs near home, debts, a family to keep."),
            N_(
                "Pull factors: wages several times a farm income, work in factories, seeing"
                " the world; some of these pull on young people as much as on parents."
            ),
            N_("Obstacles between: distance, the cost of tickets, hukou rules on schools."),
            N_("Some reasons last for years; others change when a family's needs change."),
        ),
    ),
    PromptType(
        "responsibility",
        N_("Who decides, who pays"),
        (
            "whose decision",
            "who should",
            "who pays",
            "fair",
            "who is right",
            "owe",
            "blame",
            "loss",
        ),
        (
            N_(
                "Decisions are shared and constrained: buyers, factory owners, supervisors,"
                " parents and children each decide something, none decides everything."
            ),
            N_("Fairness can mean equal shares, or shares by need, or by who did the work."),
            N_(
                "Asking 'who is to blame' can close a discussion; 'what could each person"
                " change?' often opens it."
            ),
        ),
    ),
    PromptType(
        "money",
        N_("Money and trade-offs"),
        (
            "money",
            "yuan",
            "send home",
            "cost",
            "ledger",
            "pay",
            "afford",
            "spent",
            "income",
            "earn",
        ),
        (
            N_("Every yuan has more than one use: fees now, the house later, tickets home."),
            N_("Money sent home can be a way of caring, and can feel like a substitute for it."),
            N_("Opportunity cost: what else the same sum would buy, in days of work."),
            N_("Some things money cannot settle: time together, trust, a child's own choice."),
        ),
    ),
    PromptType(
        "family",
        N_("Family and separation"),
        ("children", "child", "parents", "family", "promise", "home", "school", "rank"),
        (
            N_(
                "What children gain (fees paid, a house) and lose (time, being known) when"
                " parents work far away; grandparents who raise them."
            ),
            N_("How families keep in touch across distance: calls, letters, money, visits."),
            N_("Students may speak from their own families: nobody has to."),
        ),
    ),
)
OPEN_QUESTION = PromptType(
    "open",
    N_("An open question"),
    (),
    (
        N_("There is no right answer: ask for reasons, and for what the other side would say."),
        N_("Link back to what the characters said and did in the scene."),
    ),
)


def prompt_type(text: str) -> PromptType:
    """The type of a discussion prompt, from its words."""
    lowered = text.lower()
    for kind in PROMPT_TYPES:
        # Words match at the start of a word: "pay" finds "pays", "owe" not "power".
        if any(re.search(r"\b" + re.escape(word), lowered) for word in kind.words):
            return kind
    return OPEN_QUESTION


@dataclass(frozen=True)
class Stop:
    """A discussion prompt to stop at, in the scene where it appears."""

    scene_id: str
    date: str | None
    opening: str
    prompt: str
    kind: PromptType
    share: float


@dataclass(frozen=True)
class PathPlan:
    """What a class plays: a declared start (or the story's beginning), its reading
    time and the prompts to stop at."""

    start: Start
    declared: bool
    command: str
    reading: StartReading
    stops: tuple[Stop, ...]

    @property
    def minutes_lesson(self) -> int:
        return self.reading.minutes(LESSON_WORDS_PER_MINUTE)

    @property
    def minutes_adult(self) -> int:
        return self.reading.minutes(WORDS_PER_MINUTE)

    @property
    def is_lesson_path(self) -> bool:
        return bool(self.start.until)


def beginning_start(story: Story) -> Start:
    """The story's beginning as a start of chapter 1 (the whole chapter)."""
    scene = story.scenes[story.start]
    title = next((c.title for c in story.chapters if c.number == scene.chapter), "")
    return Start(
        "beginning", scene.chapter, story.start, title, _("The story's beginning."), {}, ()
    )


def scene_shares(story: Story, start: Start, runs: int, seed: int = 1) -> dict[str, float]:
    """How many random players from ``start`` pass through each scene of its path."""
    visits: Counter[str] = Counter()
    for n in range(max(1, runs)):
        runner = Runner(story, seed + n, record_text=False, scene=start.scene, values=start.values)
        pick = random.Random(seed + n)
        seen = set()
        for _step in range(MAX_STEPS):
            view = runner.view()
            if view.scene_id in start.until or view.chapter != start.chapter:
                break
            seen.add(view.scene_id)
            ids = runner.available_choice_ids()
            if view.ending is not None or not ids:
                break
            runner.choose(pick.choice(ids))
        visits.update(seen)
    return {scene: count / max(1, runs) for scene, count in visits.items()}


def choose_stops(story: Story, shares: dict[str, float], count: int = 3) -> tuple[Stop, ...]:
    """The ``count`` prompts on the most-read scenes, of different types where possible,
    in story order."""
    order = {scene_id: n for n, scene_id in enumerate(story.scenes)}
    candidates: list[tuple[float, Scene, str]] = []
    for scene_id, share in shares.items():
        scene = story.scenes[scene_id]
        texts = [p.text for p in scene.discuss if p.condition is None]
        texts += [c.discuss for c in scene.choices if c.discuss and c.condition is None]
        if texts:
            candidates.append((share, scene, texts[0]))
    candidates.sort(key=lambda c: (-c[0], order[c[1].id]))
    chosen: list[tuple[float, Scene, str]] = []
    kinds: set[str] = set()
    for candidate in candidates:  # first pass: one of each type
        kind = prompt_type(candidate[2]).key
        if kind not in kinds and len(chosen) < count:
            chosen.append(candidate)
            kinds.add(kind)
    for candidate in candidates:
        if len(chosen) >= count:
            break
        if candidate not in chosen:
            chosen.append(candidate)
    chosen.sort(key=lambda c: order[c[1].id])
    return tuple(
        Stop(scene.id, scene.date, opening(scene.text, 18), text, prompt_type(text), share)
        for share, scene, text in chosen
    )


def plan_paths(story: Story, runs: int = START_RUNS) -> tuple[PathPlan, list[PathPlan]]:
    """The path for one period (the declared start whose reading at 150 words a minute
    best fits :data:`READING_BUDGET`, or chapter 1 when none is declared) and every
    declared start (or the beginning) with its reading time."""
    declared = list(story.starts.values())
    starts = declared or [beginning_start(story)]
    readings = measure_starts_of(story, starts, runs)
    plans = []
    for start, reading in zip(starts, readings, strict=True):
        if not declared:
            command = "python main.py play --classroom"
        elif start.until or story.chapter_start(start.chapter) is not start:
            command = f"python main.py play --classroom --lesson {start.id}"
        else:
            command = f"python main.py play --classroom --chapter {start.chapter}"
        stops = choose_stops(story, scene_shares(story, start, min(runs, 100)))
        plans.append(PathPlan(start, bool(declared), command, reading, stops))
    fitting = [p for p in plans if p.minutes_lesson <= READING_BUDGET]
    if fitting:
        best = max(fitting, key=lambda p: (p.minutes_lesson, p.is_lesson_path))
    else:
        best = min(plans, key=lambda p: p.minutes_lesson)
    return best, plans


def measure_starts_of(story: Story, starts: Sequence[Start], runs: int) -> list[StartReading]:
    """:func:`measure_starts` for ``starts`` (declared or not), in their order."""
    from dataclasses import replace

    probe = replace(story, starts={start.id: start for start in starts})
    readings = {r.start.id: r for r in measure_starts(probe, runs)}
    return [readings[start.id] for start in starts]


@dataclass(frozen=True)
class Pack:
    """Everything the pack's pages show."""

    story: Story
    one_period: PathPlan
    paths: tuple[PathPlan, ...]
    chapter_minutes: tuple[tuple[int, str, int, int, int], ...]  # number, title, words, 150, 238
    ledger: LedgerSheet
    places: Places
    drawing: MapDrawing
    journey_km: int | None
    guide_html: str


def build_pack(
    story: Story, runs: int = START_RUNS, guide_runs: int = GUIDE_RUNS, places: Places | None = None
) -> Pack:
    """The pack's content for ``story``; :class:`PlacesError` if its places are bad."""
    if places is None:
        places = read_places(find_places(story.root, story.mod_roots))
    one_period, paths = plan_paths(story, runs)
    reading = measure_reading(story, guide_runs)
    chapter_minutes = tuple(
        (
            chapter.number,
            chapter.title,
            words,
            round(words / LESSON_WORDS_PER_MINUTE),
            round(words / WORDS_PER_MINUTE),
        )
        for chapter in story.chapters
        if (words := reading.chapter_medians.get(chapter.number, 0))
    )
    return Pack(
        story=story,
        one_period=one_period,
        paths=tuple(paths),
        chapter_minutes=chapter_minutes,
        ledger=ledger_sheet(story, one_period.start.chapter)
        if _has_wages(story, one_period.start.chapter)
        else ledger_sheet(story, _first_chapter_with_wages(story)),
        places=places,
        drawing=draw_map(places),
        journey_km=journey_km(places),
        guide_html=to_html(build_guide(story, reading)),
    )


def _has_wages(story: Story, chapter: int) -> bool:
    return bool(ledger_sheet(story, chapter).questions)


def _first_chapter_with_wages(story: Story) -> int:
    for chapter in story.chapters:
        if _has_wages(story, chapter.number):
            return chapter.number
    return story.chapters[0].number if story.chapters else 1


def timeline(steps: Sequence[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """Steps of (minutes, what) as (from, to, what), minute 0 being the bell."""
    rows, clock = [], 0
    for minutes, what in steps:
        rows.append((clock, clock + minutes, what))
        clock += minutes
    return rows


def one_period_timeline(plan: PathPlan) -> list[tuple[int, int, str]]:
    """45 minutes: starter, set-up, reading with three stops, plenary, exit ticket; a
    short path leaves time for the ledger worksheet before the plenary."""
    reading = min(plan.minutes_lesson, READING_BUDGET)
    play = reading + 2 * len(plan.stops)
    spare = 45 - 4 - 3 - 4 - play
    steps = [(4, "starter"), (3, "setup"), (play, "play")]
    if spare >= 14:
        steps += [(spare - 7, "ledger"), (7, "plenary")]
    else:
        steps.append((spare, "plenary"))
    return timeline([*steps, (4, "exit")])


def render_pack(pack: Pack) -> dict[str, str]:
    """File name -> text of every file in the pack."""
    env = environment()
    common = {
        "pack": pack,
        "story": pack.story,
        "pages": [(file, _(title), _(who)) for file, title, who in PAGES],
        "lesson_wpm": LESSON_WORDS_PER_MINUTE,
        "adult_wpm": WORDS_PER_MINUTE,
        "reading_budget": READING_BUDGET,
        "timeline": one_period_timeline(pack.one_period),
        "glossary": {term.lower(): text for term, text in pack.story.glossary.values()},
    }
    files = {"map.svg": env.get_template("map.svg").render(map=pack.drawing, standalone=True)}
    svg = env.get_template("map.svg").render(map=pack.drawing, standalone=False)
    for name in ("index.html", *(page for page, _title, _who in PAGES if page != "guide.html")):
        files[name] = env.get_template(name).render(**common, page=name, map_svg=svg)
    files["guide.html"] = pack.guide_html
    return files


def write_pack(files: dict[str, str], folder: Path) -> None:
    """Write the files into ``folder`` (made if missing); OSError if it cannot be."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        target = folder / name
        temp = target.with_name(f".{name}.tmp")
        temp.write_text(text, encoding="utf-8")
        temp.replace(target)


def run_lesson(
    story_dir: str,
    output: str,
    mods: Sequence[str] = (),
    runs: int = START_RUNS,
    guide_runs: int = GUIDE_RUNS,
) -> int:
    """Write the lesson pack of the story in ``story_dir`` into ``output``; 0 on success."""
    story = load_or_report(story_dir, mods)
    if story is None:
        return 1
    try:
        pack = build_pack(story, runs, guide_runs)
    except PlacesError as exc:
        print(_("lesson: {problem}").format(problem=exc), file=sys.stderr)
        return 1
    files = render_pack(pack)
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        print(
            _("lesson: {folder} is a file; name a folder for the pack").format(folder=output),
            file=sys.stderr,
        )
        return 1
    try:
        write_pack(files, folder)
    except OSError as exc:
        print(
            _("lesson: cannot write the pack into {folder}: {reason}").format(
                folder=output, reason=exc.strerror or exc
            ),
            file=sys.stderr,
        )
        return 1
    plan = pack.one_period
    print(
        _(
            "wrote {count} files to {folder}: open {index}. One period: {start} ({minutes}"
            " minutes of reading at {rate} words a minute)"
        ).format(
            count=len(files),
            folder=output,
            index=folder / "index.html",
            start=plan.start.title,
            minutes=plan.minutes_lesson,
            rate=LESSON_WORDS_PER_MINUTE,
        ),
        file=sys.stderr,
    )
    return 0
