"""The class report: what it counts from many decision files, and how it says it."""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from game.engine.loader import load_story
from game.engine.model import Story
from game.engine.runner import Runner
from game.records import build_record, read_record, write_record
from game.tools.report import (
    ChoiceCount,
    DecisionPoint,
    Report,
    build_report,
    evenness,
    where_the_class_split,
)
from game.tools.report_page import run_report, to_csv, to_html, to_markdown
from tests.conftest import STORY_DIR, TEST_STORIES, WriteStory
from tests.tools.test_guide import TagCollector

VILLAGE = TEST_STORIES / "village_day"
DAY_ONE = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def load(folder: Path) -> Story:
    story, diagnostics = load_story(folder)
    assert story is not None, [str(d) for d in diagnostics]
    return story


def play(story: Story, seed: int, picks: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """A playthrough to its ending as a record: random choices, or ``picks`` per scene."""
    runner = Runner(story, seed)
    start = dict(runner.vars)
    pick = random.Random(seed)
    planned = {scene: list(ids) for scene, ids in (picks or {}).items()}
    while not runner.is_ending:
        ids = runner.available_choice_ids()
        wanted = planned.get(runner.scene_id)
        runner.choose(wanted.pop(0) if wanted else pick.choice(ids))
    return build_record(
        story, runner, start, classroom=seed % 2 == 0, now=DAY_ONE + timedelta(days=seed % 3)
    )


def write_all(records: Sequence[dict[str, Any]], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [write_record(record, folder) for record in records]


def report_of(story: Story, records: Sequence[dict[str, Any]], tmp_path: Path) -> Report:
    """The report of ``records`` as the command builds it: written, read back, gathered."""
    paths = write_all(records, tmp_path / "class")
    return build_report(story, [read_record(path) for path in paths])


def point(report: Report, scene_id: str) -> DecisionPoint:
    return next(p for c in report.chapters for p in c.points if p.scene_id == scene_id)


def run(paths: Sequence[Path | str], fmt: str = "html", **kwargs: Any) -> tuple[int, str]:
    out = io.StringIO()
    status = run_report([str(p) for p in paths], fmt, out=out, **kwargs)
    return status, out.getvalue()


@pytest.fixture(scope="module")
def shipped() -> Story:
    return load(STORY_DIR)


@pytest.fixture(scope="module")
def village() -> Story:
    return load(VILLAGE)


def test_endings_and_end_values_are_those_the_playthroughs_reached(
    shipped: Story, tmp_path: Path
) -> None:
    records = [play(shipped, seed) for seed in range(24)]
    report = report_of(shipped, records, tmp_path)
    reached = Counter(r["ending"]["title"] for r in records)
    assert {e.title: e.count for e in report.endings} == reached
    counts = [e.count for e in report.endings]
    assert counts == sorted(counts, reverse=True) and sum(counts) == 24
    assert report.finished == 24 and report.unfinished == 0
    assert report.runs == 24 and report.classroom_runs == 12
    cash = next(m for m in report.meters if m.id == "money")
    ends = [next(m["end"] for m in r["meters"] if m["id"] == "money") for r in records]
    assert (cash.label, cash.start) == ("Cash", "650")
    assert (cash.lowest, cash.median, cash.highest) == (
        min(ends),
        statistics.median(ends),
        max(ends),
    )
    assert [m.id for m in report.meters] == [
        "money",
        "savings",
        "qin",
        "son",
        "nainai",
        "couple",
        "health",
    ]
    wages = next(line for line in report.money if line.category == "wages")
    assert wages.label == "Wages" and report.money_labels == ("Cash", "Savings book")
    assert wages.medians[0] == statistics.median(r["money"]["wages"]["money"] for r in records)
    assert (report.first_day, report.last_day) == (DAY_ONE.date(), DAY_ONE.date() + timedelta(2))


def test_a_playthrough_without_an_ending_counts_everywhere_but_the_end_values(
    village: Story, tmp_path: Path
) -> None:
    runner = Runner(village, 7)
    start = dict(runner.vars)
    runner.choose("2")
    stopped = build_record(village, runner, start, classroom=True, now=DAY_ONE)
    records = [play(village, seed) for seed in range(3)] + [stopped]
    report = report_of(village, records, tmp_path)
    assert (report.runs, report.finished, report.unfinished) == (4, 3, 1)
    assert sum(e.count for e in report.endings) == 4
    assert [(e.title, e.count) for e in report.endings if e.title == "Not finished"] == [
        ("Not finished", 1)
    ]
    assert [(stop.scene_id, stop.count) for stop in report.stopped] == [(runner.scene_id, 1)]
    assert point(report, "morning").reached == 4
    page = to_html(report)
    assert "3 of 4 playthroughs reached an ending. 1 record stopped before one." in page
    assert "Where the unfinished games stopped" in page
    assert "over the 3 playthroughs that reached an ending" in page
    assert "Qin (0–10)" in page and "Cash (yuan)" in page


def test_each_choice_is_counted_once_per_playthrough_that_took_it(
    shipped: Story, tmp_path: Path
) -> None:
    records = [play(shipped, seed) for seed in range(30, 60)]
    report = report_of(shipped, records, tmp_path)
    taken: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for number, record in enumerate(records):
        for decision in record["decisions"]:
            taken[decision["scene"]][decision["choice"]].add(number)
    points = [p for c in report.chapters for p in c.points]
    assert {p.scene_id for p in points} == set(taken)
    order = list(shipped.scenes)
    assert [p.scene_id for p in points] == sorted(taken, key=order.index)
    for p in points:
        reached = set().union(*taken[p.scene_id].values())
        assert p.reached == len(reached)
        assert [c.choice_id for c in p.choices] == [
            c.id for c in shipped.scenes[p.scene_id].choices
        ]
        for c in p.choices:
            assert c.count == len(taken[p.scene_id].get(c.choice_id or "", set()))
            assert c.share == pytest.approx(c.count / p.reached)
    scalper = [p for p in points if p.revisited]
    assert all(sum(c.count for c in p.choices) >= p.reached for p in scalper)


def test_an_even_split_ranks_above_a_one_sided_one(village: Story, tmp_path: Path) -> None:
    records = [
        play(
            village,
            seed,
            {
                "morning": ["2"],
                "walk_home": ["1" if seed < 3 else "2"],
                "evening": ["1" if seed < 5 else "2"],
            },
        )
        for seed in range(6)
    ]
    report = report_of(village, records, tmp_path)
    assert [p.scene_id for p in report.splits] == ["walk_home", "evening"]
    assert [c.count for c in report.splits[0].choices] == [3, 3]
    morning = point(report, "morning")
    assert [c.count for c in morning.choices] == [0, 6, 0] and morning.evenness == 0
    assert evenness([5, 5]) == pytest.approx(1.0) == evenness([4, 4, 4, 0])
    assert evenness([9, 1]) < evenness([6, 4]) < 1
    assert evenness([7]) == evenness([]) == 0
    page = to_html(report)
    assert page.index("Where the class split") < page.index("Try the lottery stall")


def test_near_even_splits_are_ranked_by_how_many_reached_them() -> None:
    def split(scene_id: str, *counts: int) -> DecisionPoint:
        reached = sum(counts)
        choices = tuple(ChoiceCount(str(n), n, n / reached) for n in counts)
        return DecisionPoint(
            scene_id, 1, "", None, "", (), reached, choices, False, evenness(counts)
        )

    points = [split("small", 3, 3), split("one_sided", 9, 1), split("class", 14, 16)]
    points.append(split("unanimous", 30, 0))
    ranked = [p.scene_id for p in where_the_class_split(points)]
    assert ranked == ["class", "small", "one_sided"]


def test_rarely_reached_decisions_are_not_called_a_split(village: Story, tmp_path: Path) -> None:
    records = [play(village, seed, {"walk_home": [str(seed + 1)]}) for seed in range(2)]
    report = report_of(village, records, tmp_path)
    assert report.splits == ()
    assert "No decision reached by at least 3 playthroughs was split" in to_html(report)


def test_bad_files_are_listed_with_the_reason_and_not_counted(
    village: Story, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "class"
    write_all([play(village, 1), play(village, 2)], folder)
    damaged = play(village, 3)
    damaged["decisions"][0]["step"] = "three"
    other_story = dict(play(village, 4), story_id="someone-elses-story")
    bad = {
        "notes.json": b"these are my notes",
        "empty.json": b"",
        "binary.json": bytes(range(256)),
        "save.json": json.dumps({"kind": "last-train-home save", "format": 1}).encode(),
        "list.json": b"[1, 2, 3]",
        "deep.json": b"[" * 50_000 + b"]" * 50_000,
        "damaged.json": json.dumps(damaged).encode(),
        "other.json": json.dumps(other_story).encode(),
    }
    for name, content in bad.items():
        (folder / name).write_bytes(content)
    (folder / "folder.json").mkdir()
    (folder / "readme.txt").write_text("not a record", encoding="utf-8")
    status, page = run([folder], story_dir=str(VILLAGE))
    err = capsys.readouterr().err
    assert status == 0
    assert "Traceback" not in err and "Traceback" not in page
    assert "2 playthroughs (1 in classroom mode)" in page
    assert "10 files not counted" in page
    section = page[page.index("<h2>Files not counted</h2>") :]
    for name in [*bad, "folder.json"]:
        assert f"<td>{name}</td>" in section
        assert f"report: {folder / name}: " in err
    assert "<td>readme.txt</td><td>not a decisions file (decision files end in .json)</td>" in page
    assert "not a Last Train Home decisions file" in section
    assert "the file is damaged: its &#39;step&#39;" in section  # escaped
    assert "made with another story: &#39;someone-elses-story&#39;" in section
    assert "the file is not valid JSON" in section


def test_no_countable_record_exits_1_and_says_so(
    village: Story, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    status, page = run([tmp_path / "empty", tmp_path / "bad.json", tmp_path / "nowhere"])
    err = capsys.readouterr().err
    assert status == 1 and page == ""
    assert f"report: {tmp_path / 'nowhere'}: no such file or folder" in err
    assert f"report: {tmp_path / 'bad.json'}: not a Last Train Home decisions file" in err
    assert "report: no decision records found in " in err and "Traceback" not in err


def test_a_story_that_cannot_load_exits_1(
    tmp_path: Path, write_story: WriteStory, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = write_story({"story.yaml": "format: 1\nid: x\n"})
    status, page = run([tmp_path], story_dir=str(broken))
    err = capsys.readouterr().err
    assert status == 1 and page == ""
    assert "has errors" in err and "Traceback" not in err


def test_files_and_folders_are_read_once_each(
    village: Story, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "class"
    paths = write_all([play(village, seed) for seed in range(3)], folder)
    (folder / "._decisions-mac-junk.json").write_bytes(b"\x00\x05\x16\x07")
    status, page = run([folder, paths[0]], "md", story_dir=str(VILLAGE))
    assert status == 0, capsys.readouterr().err
    assert "3 playthroughs" in page and "not counted" not in page
    status, page = run([paths[1]], "md", story_dir=str(VILLAGE))
    assert status == 0 and "1 playthrough (0 in classroom mode)" in page
    copy = tmp_path / "handed-in-twice.json"
    shutil.copy(paths[2], copy)
    status, page = run([folder, copy], "md", story_dir=str(VILLAGE))
    assert status == 0 and "3 playthroughs" in page
    assert f"handed-in-twice.json | the same playthrough as {paths[2].name}" in page


def test_story_and_record_text_never_becomes_markup(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    shutil.copytree(VILLAGE, folder, ignore=shutil.ignore_patterns("trans*"))
    day = folder / "day.yaml"
    day.write_text(
        day.read_text(encoding="utf-8")
        .replace("Walk straight home", '"Walk <script>alert(1)</script> & home"')
        .replace("discuss: What would you buy first?", 'discuss: "Buy </li></ul> what?"'),
        encoding="utf-8",
    )
    story = load(folder)
    records = [play(story, seed, {"morning": ["2"], "walk_home": ["2"]}) for seed in range(3)]
    records[0]["decisions"][0].update(choice="gone", text="<b>An old choice</b>")
    paths = write_all(records, tmp_path / "class")
    status, page = run(paths, story_dir=str(folder))
    assert status == 0
    assert "<script>" not in page and "<b>" not in page
    assert "Walk &lt;script&gt;alert(1)&lt;/script&gt; &amp; home" in page
    assert "&lt;b&gt;An old choice&lt;/b&gt; (no longer in the story)" in page
    assert "Buy &lt;/li&gt;&lt;/ul&gt; what?" in page
    collector = TagCollector()
    collector.feed(page)
    assert collector.balanced and not collector.open
    assert "script" not in collector.tags
    assert "seed" not in page.lower()
    markdown = to_markdown(build_report(story, [read_record(p) for p in paths]))
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown


def test_records_without_choice_ids_are_matched_by_their_text(
    village: Story, tmp_path: Path
) -> None:
    records = [play(village, seed, {"morning": ["envelope"]}) for seed in range(3)]
    records += [play(village, seed, {"morning": ["2"]}) for seed in range(3, 5)]
    for record in records:
        record["decisions"][0]["choice"] = None
    records[4]["decisions"][0]["text"] = "Buy a goose"
    report = report_of(village, records, tmp_path)
    morning = point(report, "morning")
    assert [(c.text, c.count, c.source) for c in morning.choices] == [
        ("Buy a whole fish for the New Year table", 0, "story"),
        ("Buy pork and tangerines", 1, "story"),
        ("Give Qin a red envelope of …", 3, "story"),
        ("Buy a goose", 1, "recorded"),
    ]


def test_records_of_another_version_are_counted_and_named(village: Story, tmp_path: Path) -> None:
    records = [play(village, seed) for seed in range(4)]
    records[0]["story_version"] = "1.1.0"
    records[1]["decisions"][0]["scene"] = "old_morning"
    report = report_of(village, records, tmp_path)
    assert report.runs == 4
    assert dict(report.versions) == {"1.2.0": 3, "1.1.0": 1}
    assert [p.scene_id for p in report.gone_scenes] == ["old_morning"]
    page = to_html(report)
    assert "story versions 1.2.0 (3), 1.1.0 (1)" in page
    assert "Scenes no longer in the story" in page


def test_the_csv_has_one_row_per_decision(village: Story, tmp_path: Path) -> None:
    records = [play(village, seed) for seed in range(5)]
    records[0]["decisions"][0]["text"] = "=HYPERLINK(1)"
    report = report_of(village, records, tmp_path)
    rows = list(csv.reader(io.StringIO(to_csv(report))))
    assert rows[0][:3] == ["file", "seed", "ending"]
    assert len(rows) == 1 + sum(len(r["decisions"]) for r in records)
    seeds = {int(row[1]) for row in rows[1:]}
    assert seeds == set(range(5))
    first = next(row for row in rows[1:] if row[1] == "0")
    assert first[9] == "'=HYPERLINK(1)" and first[10:] == ["yes", ""]
    assert first[5:8] == ["1", "Morning", "morning"]


def test_an_unwritable_output_exits_1_without_a_traceback(
    village: Story, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = write_all([play(village, 1)], tmp_path / "class")
    target = tmp_path / "no" / "such" / "report.html"
    status = run_report([str(paths[0])], "html", str(target), str(VILLAGE), out=io.StringIO())
    err = capsys.readouterr().err
    assert status == 1
    assert f"report: cannot write {target}: " in err and "Traceback" not in err
    written = tmp_path / "report.csv"
    assert run_report([str(paths[0])], "csv", str(written), str(VILLAGE)) == 0
    assert written.read_bytes().startswith(b"\xef\xbb\xbffile,seed,")
    assert f"wrote {written}: 1 playthrough counted" in capsys.readouterr().err


def test_the_shipped_story_report_shows_every_section(shipped: Story, tmp_path: Path) -> None:
    records = [play(shipped, seed) for seed in range(12)]
    report = report_of(shipped, records, tmp_path)
    page = to_html(report)
    for heading in (
        "Last Train Home: class report",
        "<h2>Endings</h2>",
        "<h2>Where the families ended</h2>",
        "<h2>Where the money went</h2>",
        "<h2>Where the class split</h2>",
        *(f"<h2>{c.title}</h2>" for c in report.chapters),
    ):
        assert heading in page
    assert len(report.splits) == 5
    first = report.chapters[0].points[0]
    assert first.opening and first.prompts
    markdown = to_markdown(report)
    assert markdown.startswith("# Last Train Home: class report")
    assert markdown.count("| Choice | Playthroughs | Share |") == page.count("<th>Choice</th>")
