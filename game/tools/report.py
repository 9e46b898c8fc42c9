"""``python main.py report``: the class report, gathered from many playthroughs' decision files.

A teacher collects the decision files the game writes at each ending
(:mod:`game.records`) and points this command at them, as files or folders. The report
counts what the class did: which endings they reached, where the family's money and
relationships ended up, where the money went, where the class split most evenly (the
best places to start a discussion), and every decision chapter by chapter, with the
scene's opening words and discussion prompts from the story.

Gathering is pure: :func:`build_report` turns a Story and a list of DecisionRecords into
a :class:`Report`, which :mod:`game.tools.report_page` renders as printable HTML,
Markdown or CSV. Files that cannot be counted (damaged, another kind of file, another
story) are listed with the reason, never a traceback. Records hold no names, and the
report shows no seeds except in the CSV, where a teacher may need them to replay a game.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from game.engine import Choice, Scene, Story
from game.i18n import N_, _, format_number, ngettext
from game.paths import STORY_DIR
from game.records import DecisionRecord, RecordError, read_record
from game.tools.guide import literal, opening

#: The shipped story (game/paths.py knows where it is).
SHIPPED_STORY = str(STORY_DIR)

#: A decision must be reached by this many playthroughs to count as a place the class split.
SPLIT_MIN_REACHED = 3
#: How many places the class split most evenly the report names.
SPLIT_COUNT = 5
#: Longer recorded texts are not matched against choices with placeholders (a damaged or
#: hostile record could otherwise make the pattern search take for ever).
MATCH_LIMIT = 500


@dataclass(frozen=True)
class Playthrough:
    """One counted decision file: its name and what it recorded."""

    name: str
    record: DecisionRecord


@dataclass(frozen=True)
class Skipped:
    """A file the report did not count, and why, in words a teacher can act on."""

    name: str
    reason: str


@dataclass(frozen=True)
class EndingCount:
    title: str
    count: int
    share: float


#: The endings table's rows for records that stopped before an ending.
#: (Marked with N_, translated as the report is built.)
NOT_FINISHED = N_("Not finished")
LESSON_PATH_END = N_("End of a lesson path")


@dataclass(frozen=True)
class StopCount:
    """How many unfinished records stopped at one scene: how far those games got."""

    chapter: int
    chapter_title: str
    scene_id: str
    opening: str
    count: int


@dataclass(frozen=True)
class MeterSpread:
    """Where one meter ended over the finished playthroughs."""

    id: str
    label: str
    kind: str
    start: str
    lowest: int
    median: float
    highest: int
    #: "0–10" for a meter with bounds in the story, else "".
    scale: str = ""


@dataclass(frozen=True)
class MoneyLine:
    """One ledger category: the median total per money variable, and how many had any."""

    category: str
    label: str
    medians: tuple[float, ...]
    playthroughs: int


@dataclass(frozen=True)
class ChoiceCount:
    """One choice of a decision: how many of those who reached it took it."""

    text: str
    count: int
    share: float
    #: "story" (a choice of the story), "gone" (an id the story no longer has) or
    #: "recorded" (a record without a choice id whose text matches no story choice).
    source: str = "story"
    prompt: str | None = None
    #: The choice's id in its scene (None for a "recorded" one).
    choice_id: str | None = None
    #: Whole-class play: the hands raised for it, added over the class games.
    hands: int = 0


@dataclass(frozen=True)
class DecisionPoint:
    """A scene where the class made decisions, with what the story asks about it."""

    scene_id: str
    chapter: int
    chapter_title: str
    date: str | None
    opening: str
    prompts: tuple[str, ...]
    reached: int
    choices: tuple[ChoiceCount, ...]
    #: Some playthroughs decided here more than once, so the shares can add up past 100%.
    revisited: bool
    evenness: float

    @property
    def voted(self) -> bool:
        """Whether a whole class voted here by show of hands."""
        return any(choice.hands for choice in self.choices)

    def split_words(self) -> str:
        """'the class split 14 to 11' for a whole-class vote, else ''."""
        hands = sorted((c.hands for c in self.choices if c.hands), reverse=True)
        if not hands:
            return ""
        split = format_number(hands[0])
        for count in hands[1:]:
            split = _("{split} to {count}").format(split=split, count=format_number(count))
        return _("the class split {split}").format(split=split)


@dataclass(frozen=True)
class ChapterDecisions:
    number: int
    title: str
    points: tuple[DecisionPoint, ...]


@dataclass(frozen=True)
class Report:
    """Everything the class report shows, ready for a renderer."""

    title: str
    story_version: str
    runs: int
    classroom_runs: int
    versions: tuple[tuple[str, int], ...]
    first_day: date | None
    last_day: date | None
    endings: tuple[EndingCount, ...]
    unfinished: int
    finished: int
    meters: tuple[MeterSpread, ...]
    money_labels: tuple[str, ...]
    money: tuple[MoneyLine, ...]
    splits: tuple[DecisionPoint, ...]
    chapters: tuple[ChapterDecisions, ...]
    #: Decisions made at scenes this version of the story no longer has.
    gone_scenes: tuple[DecisionPoint, ...]
    skipped: tuple[Skipped, ...]
    playthroughs: tuple[Playthrough, ...]
    chapter_titles: dict[int, str]
    #: Where the games that did not reach an ending stopped, furthest first.
    stopped: tuple[StopCount, ...] = ()

    def summary(self) -> str:
        """'30 playthroughs counted, 2 files not counted'."""
        text = ngettext("{n} playthrough counted", "{n} playthroughs counted", self.runs).format(
            n=format_number(self.runs)
        )
        if self.skipped:
            text = ngettext(
                "{counted}, {n} file not counted",
                "{counted}, {n} files not counted",
                len(self.skipped),
            ).format(counted=text, n=format_number(len(self.skipped)))
        return text


# -- small measures ------------------------------------------------------------------------


def evenness(counts: Iterable[int]) -> float:
    """How evenly a decision split: the normalised entropy of the counts of the choices taken.

    1.0 when every choice somebody took was taken equally often, near 0 when nearly
    everybody took the same one, 0 when everybody did (or only one choice was taken).
    """
    taken = [count for count in counts if count > 0]
    total = sum(taken)
    if len(taken) < 2:
        return 0.0
    entropy = -sum(count / total * math.log(count / total) for count in taken)
    return entropy / math.log(len(taken))


def median(values: Sequence[int]) -> float:
    return float(statistics.median(values)) if values else 0.0


def finished_day(record: DecisionRecord) -> date | None:
    try:
        return date.fromisoformat(record.finished_at[:10])
    except ValueError:
        return None


def current_scene_id(story: Story, scene_id: str) -> str:
    """The id a recorded scene has now, following the story's renames."""
    seen = {scene_id}
    while scene_id not in story.scenes and scene_id in story.renames:
        scene_id = story.renames[scene_id]
        if scene_id in seen:
            break
        seen.add(scene_id)
    return scene_id


def text_pattern(choice: Choice) -> re.Pattern[str]:
    """A pattern matching the choice's text as shown, whatever its placeholders became."""
    return re.compile(
        "".join(re.escape(part) if isinstance(part, str) else ".+?" for part in choice.text),
        re.DOTALL,
    )


# -- the parts of the report ----------------------------------------------------------------


def count_endings(story: Story, records: Sequence[DecisionRecord]) -> tuple[EndingCount, ...]:
    """Endings reached, most common first (ties in the order first reached).

    An ending is named by its title in the story, or as recorded if the story lost it.
    """
    titles = {ending: scene.ending.title for ending, scene in story.endings.items() if scene.ending}
    counts: Counter[str] = Counter()
    for record in records:
        if record.ending_id is None:
            continue
        titles.setdefault(record.ending_id, record.ending_title or record.ending_id)
        counts[record.ending_id] += 1
    total = len(records)
    rows = [
        EndingCount(titles[ending], count, count / total) for ending, count in counts.most_common()
    ]
    paths = sum(1 for r in records if r.ending_id is None and r.path_end)
    unfinished = sum(1 for r in records if r.ending_id is None and not r.path_end)
    if paths:
        rows.append(EndingCount(_(LESSON_PATH_END), paths, paths / total))
    if unfinished:
        rows.append(EndingCount(_(NOT_FINISHED), unfinished, unfinished / total))
    return tuple(rows)


def where_they_stopped(story: Story, records: Sequence[DecisionRecord]) -> tuple[StopCount, ...]:
    """How far each game that did not reach an ending got, by the scene it stopped at."""
    counts: Counter[str] = Counter()
    for record in records:
        if record.ending_id is None:
            last = record.stopped_scene or (record.decisions[-1].scene if record.decisions else "")
            if last:
                counts[current_scene_id(story, last)] += 1
    order = {scene_id: n for n, scene_id in enumerate(story.scenes)}
    stops = []
    for scene_id, count in counts.items():
        found = story.scenes.get(scene_id)
        chapter = found.chapter if found is not None else 0
        stops.append(
            StopCount(
                chapter,
                story.chapter_titles.get(chapter, ""),
                scene_id,
                opening(found.text) if found is not None else "",
                count,
            )
        )
    stops.sort(key=lambda stop: -order.get(stop.scene_id, -1))
    return tuple(stops)


def meter_spreads(story: Story, records: Sequence[DecisionRecord]) -> tuple[MeterSpread, ...]:
    """Each meter's start and its lowest, median and highest end over finished playthroughs."""
    finished = [record for record in records if record.ending_id is not None]
    ends: dict[str, list[int]] = defaultdict(list)
    starts: dict[str, set[int]] = defaultdict(set)
    labels: dict[str, tuple[str, str]] = {}
    for record in finished:
        for meter in record.meters:
            ends[meter.id].append(meter.end)
            starts[meter.id].add(meter.start)
            labels.setdefault(meter.id, (meter.label, meter.kind))
    order = [name for name in story.variables if name in ends]
    order += [name for name in ends if name not in story.variables]
    spreads = []
    for name in order:
        label, kind = labels[name]
        scale = ""
        variable = story.variables.get(name)
        if variable is not None:
            label = variable.label or label
            if kind != "money" and variable.minimum is not None and variable.maximum is not None:
                scale = _("{low}–{high}").format(
                    low=format_number(variable.minimum), high=format_number(variable.maximum)
                )
        low, high = min(starts[name]), max(starts[name])
        start = (
            format_number(low)
            if low == high
            else _("{low}–{high}").format(low=format_number(low), high=format_number(high))
        )
        values = ends[name]
        spreads.append(
            MeterSpread(name, label, kind, start, min(values), median(values), max(values), scale)
        )
    return tuple(spreads)


def money_lines(
    story: Story, records: Sequence[DecisionRecord]
) -> tuple[tuple[str, ...], tuple[MoneyLine, ...]]:
    """The money variables' labels, and per ledger category the median total of each."""
    seen_variables = {v for record in records for totals in record.money.values() for v in totals}
    variables = [v.id for v in story.variables.values() if v.type == "money"]
    variables += sorted(seen_variables - set(variables))
    seen_categories = {category for record in records for category in record.money}
    categories = [c for c in story.ledger_categories if c in seen_categories]
    categories += sorted(seen_categories - set(categories))
    lines = []
    for category in categories:
        medians = tuple(
            median([record.money.get(category, {}).get(v, 0) for record in records])
            for v in variables
        )
        having = sum(1 for record in records if any(record.money.get(category, {}).values()))
        label = story.ledger_categories.get(category, category)
        lines.append(MoneyLine(category, label, medians, having))
    labels = tuple(story.variables[v].label if v in story.variables else v for v in variables)
    return labels, tuple(lines)


class ChoiceMatcher:
    """Finds which choice of a scene a recorded decision was."""

    def __init__(self, scene: Scene | None) -> None:
        self.choices = list(scene.choices) if scene is not None else []
        self.ids = {choice.id for choice in self.choices}
        self._literal = {literal(choice.text): choice.id for choice in self.choices}
        self._patterns: list[tuple[re.Pattern[str], str]] | None = None

    def key(self, choice_id: str | None, text: str) -> tuple[str, str]:
        """("story", id), ("gone", id) or ("recorded", text)."""
        if choice_id is not None:
            return ("story", choice_id) if choice_id in self.ids else ("gone", choice_id)
        if text in self._literal:
            return ("story", self._literal[text])
        if len(text) > MATCH_LIMIT:
            return ("recorded", text)
        if self._patterns is None:
            self._patterns = [(text_pattern(choice), choice.id) for choice in self.choices]
        for pattern, found in self._patterns:
            if pattern.fullmatch(text):
                return ("story", found)
        return ("recorded", text)


def decision_point(
    story: Story,
    scene_id: str,
    chosen: dict[int, set[tuple[str, str]]],
    texts: dict[tuple[str, str], Counter[str]],
    revisited: bool,
    recorded_date: str | None = None,
    hands: dict[str, int] | None = None,
) -> DecisionPoint:
    """A scene's decisions: ``chosen`` holds, per playthrough, the keys it chose there.

    ``recorded_date`` is the date the records give, for a scene that has none of its own.
    """
    scene = story.scenes.get(scene_id)
    hands = hands or {}
    counts: Counter[tuple[str, str]] = Counter()
    for keys in chosen.values():
        counts.update(keys)
    reached = len(chosen)
    rows: list[ChoiceCount] = []
    for choice in scene.choices if scene is not None else []:
        count = counts.pop(("story", choice.id), 0)
        rows.append(
            ChoiceCount(
                literal(choice.text),
                count,
                count / reached,
                "story",
                choice.discuss,
                choice.id,
                hands.get(choice.id, 0),
            )
        )
    for key, count in sorted(counts.items(), key=lambda item: -item[1]):
        text = texts[key].most_common(1)[0][0]
        choice_id = key[1] if key[0] == "gone" else None
        rows.append(ChoiceCount(text, count, count / reached, key[0], None, choice_id))
    chapter = scene.chapter if scene is not None else 0
    return DecisionPoint(
        scene_id=scene_id,
        chapter=chapter,
        chapter_title=story.chapter_titles.get(chapter, ""),
        date=(scene.date if scene is not None else None) or recorded_date,
        opening=opening(scene.text) if scene is not None else "",
        prompts=tuple(prompt.for_teacher() for prompt in scene.discuss) if scene else (),
        reached=reached,
        choices=tuple(rows),
        revisited=revisited,
        evenness=evenness(row.count for row in rows),
    )


def decision_points(story: Story, records: Sequence[DecisionRecord]) -> list[DecisionPoint]:
    """Every scene somebody decided at: the story's in story order, then any it lost."""
    chosen: dict[str, dict[int, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    texts: dict[str, dict[tuple[str, str], Counter[str]]] = defaultdict(
        lambda: defaultdict(Counter)
    )
    dates: dict[str, Counter[str]] = defaultdict(Counter)
    hands: dict[str, Counter[str]] = defaultdict(Counter)
    revisited: set[str] = set()
    matchers: dict[str, ChoiceMatcher] = {}
    for number, record in enumerate(records):
        visits: Counter[str] = Counter()
        for decision in record.decisions:
            scene_id = current_scene_id(story, decision.scene)
            matcher = matchers.get(scene_id)
            if matcher is None:
                matcher = matchers[scene_id] = ChoiceMatcher(story.scenes.get(scene_id))
            key = matcher.key(decision.choice, decision.text)
            chosen[scene_id][number].add(key)
            texts[scene_id][key][decision.text] += 1
            dates[scene_id][decision.date] += 1
            visits[scene_id] += 1
            for choice_id, raised in decision.votes or ():
                hands[scene_id][choice_id] += raised
        revisited.update(scene for scene, times in visits.items() if times > 1)
    order = [scene_id for scene_id in story.scenes if scene_id in chosen]
    order += sorted(scene_id for scene_id in chosen if scene_id not in story.scenes)
    points = []
    for scene_id in order:
        recorded_date = dates[scene_id].most_common(1)[0][0] or None
        points.append(
            decision_point(
                story,
                scene_id,
                chosen[scene_id],
                texts[scene_id],
                scene_id in revisited,
                recorded_date,
                dict(hands[scene_id]),
            )
        )
    return points


def where_the_class_split(points: Sequence[DecisionPoint]) -> tuple[DecisionPoint, ...]:
    """The decisions reached by enough playthroughs whose choices were most evenly split.

    Evenness is compared to one decimal, then the decision more playthroughs reached comes
    first: 14 against 16 of 30 says more about a class than 3 against 3 of 6.
    """
    candidates = [
        (index, point)
        for index, point in enumerate(points)
        if point.reached >= SPLIT_MIN_REACHED and point.evenness > 0
    ]
    candidates.sort(key=lambda item: (-round(item[1].evenness, 1), -item[1].reached, item[0]))
    return tuple(point for _, point in candidates[:SPLIT_COUNT])


def group_by_chapter(
    story: Story, points: Sequence[DecisionPoint]
) -> tuple[tuple[ChapterDecisions, ...], tuple[DecisionPoint, ...]]:
    """The points of each chapter in story order, and those whose scene is gone."""
    chapters = tuple(
        ChapterDecisions(
            chapter.number,
            chapter.title,
            tuple(p for p in points if p.scene_id in story.scenes and p.chapter == chapter.number),
        )
        for chapter in story.chapters
    )
    gone = tuple(p for p in points if p.scene_id not in story.scenes)
    return tuple(c for c in chapters if c.points), gone


def build_report(
    story: Story,
    records: Sequence[DecisionRecord],
    *,
    names: Sequence[str] = (),
    skipped: Sequence[Skipped] = (),
) -> Report:
    """The class report of ``records`` (played on ``story``), ready for a renderer."""
    names = list(names) + [_("record {n}").format(n=n + 1) for n in range(len(names), len(records))]
    days = sorted(day for day in map(finished_day, records) if day is not None)
    versions = Counter(record.story_version for record in records)
    points = decision_points(story, records)
    chapters, gone = group_by_chapter(story, points)
    money_labels, money = money_lines(story, records)
    finished = sum(1 for record in records if record.ending_id is not None)
    return Report(
        title=story.title,
        story_version=story.version,
        runs=len(records),
        classroom_runs=sum(1 for record in records if record.classroom),
        versions=tuple(versions.most_common()),
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        endings=count_endings(story, records) if records else (),
        unfinished=len(records) - finished,
        finished=finished,
        meters=meter_spreads(story, records),
        money_labels=money_labels,
        money=money,
        splits=where_the_class_split(points),
        chapters=chapters,
        gone_scenes=gone,
        skipped=tuple(skipped),
        playthroughs=tuple(Playthrough(n, r) for n, r in zip(names, records, strict=False)),
        chapter_titles=story.chapter_titles,
        stopped=where_they_stopped(story, records),
    )


# -- reading the files ----------------------------------------------------------------------


def record_files(paths: Sequence[str]) -> tuple[list[Path], list[Skipped]]:
    """The files named, with each folder's ``*.json`` (sorted, hidden files left out)."""
    files: list[Path] = []
    missing: list[Skipped] = []
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            try:
                children = sorted(c for c in path.iterdir() if not c.name.startswith("."))
            except OSError as exc:
                missing.append(
                    Skipped(
                        given,
                        _("cannot read the folder ({reason})").format(reason=exc.strerror or exc),
                    )
                )
                continue
            found = [child for child in children if child.name.endswith(".json")]
            # Anything else in a records folder (notes.txt, a photo of the board) is
            # named as not counted, so a teacher never wonders where a file went.
            missing += [
                Skipped(child.name, _("not a decisions file (decision files end in .json)"))
                for child in children
                if not child.name.endswith(".json") and not child.is_dir()
            ]
        elif path.exists() or path.is_symlink():
            found = [path]
        else:
            missing.append(Skipped(given, _("no such file or folder")))
            continue
        for file in found:
            key = _identity(file)
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files, missing


def _identity(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())


def read_one(path: Path, story: Story) -> DecisionRecord | str:
    """The record in ``path`` if the report can count it, else the reason it cannot."""
    if path.exists() and not path.is_file() and not path.is_dir():
        return "not a file (a pipe or a device)"  # reading one could wait for ever
    try:
        record = read_record(path)
    except RecordError as exc:
        return str(exc)
    except RecursionError:
        return _("the file is not a decisions file (its JSON is nested too deeply)")
    except ValueError:
        return _("the file is not valid JSON")
    except MemoryError:
        return _("the file is too large")
    if record.story_id != story.id:
        return _("made with another story: {story!r}").format(story=record.story_id)
    return record


def read_records(
    paths: Sequence[str], story: Story
) -> tuple[list[Playthrough], list[tuple[str, Skipped]]]:
    """The playthroughs the report counts, and each file it does not with its full path.

    A file holding the same playthrough as one already read (handed in twice, or copied
    into two folders) is not counted again.
    """
    files, missing = record_files(paths)
    counted: list[Playthrough] = []
    skipped = [(item.name, item) for item in missing]
    first_of: dict[tuple[object, ...], str] = {}
    for path in files:
        result = read_one(path, story)
        if isinstance(result, str):
            skipped.append((str(path), Skipped(path.name, result)))
            continue
        same = (result.seed, result.finished_at, result.ending_id, result.decisions)
        if same in first_of:
            reason = _("the same playthrough as {file}").format(file=first_of[same])
            skipped.append((str(path), Skipped(path.name, reason)))
            continue
        first_of[same] = path.name
        counted.append(Playthrough(path.name, result))
    return counted, skipped
