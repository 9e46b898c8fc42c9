"""Reports and the guide against hostile records and story text: no split rows, no markup,
no crash on huge numbers or lone surrogates, and no decision lost to a reserved word."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from game.engine.loader import load_story
from game.engine.model import Story
from game.records import MAX_RECORD_NUMBER, build_record, read_record
from game.tools.guide import build_guide
from game.tools.guide_page import run_guide
from game.tools.guide_page import to_markdown as guide_markdown
from game.tools.reading import measure_reading
from game.tools.report import build_report
from game.tools.report_page import RENDERERS, cell, to_csv
from tests.tools.test_report import VILLAGE, load, play, run, write_all


def story_with(tmp_path: Path, old: str, new: str, name: str = "odd") -> Path:
    folder = tmp_path / name
    shutil.copytree(VILLAGE, folder, ignore=shutil.ignore_patterns("trans*"))
    day = folder / "day.yaml"
    text = day.read_text(encoding="utf-8")
    assert old in text
    day.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def test_no_line_break_in_a_cell_can_split_a_csv_row(village: Story, tmp_path: Path) -> None:
    records = [play(village, seed) for seed in range(2)]
    breaks = "a\rb\r\nc\x0bd\x0ce\x1cf\x1dg\x1eh\x85i\u2028j\u2029k"
    records[0]["decisions"][0]["text"] = breaks
    records[1]["decisions"][0]["text"] = "\r=HYPERLINK(1)"
    paths = write_all(records, tmp_path / "class")
    report = build_report(village, [read_record(p) for p in paths])
    text = to_csv(report)
    assert "\r" not in text
    rows = list(csv.reader(io.StringIO(text)))
    assert all(len(row) == len(rows[0]) for row in rows)
    assert len(rows) == 1 + sum(len(r["decisions"]) for r in records)
    texts = {row[9] for row in rows}
    assert "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk" in texts
    assert "'\n=HYPERLINK(1)" in texts
    # Each line of the file, split as a naive reader would, still starts a real row or
    # continues a quoted cell: splitlines() finds no break the writer did not quote.
    assert text.count("\n") == len(text.splitlines())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("  @SUM(A1)", "'  @SUM(A1)"),
        ("\r-2", "'\n-2"),
        ("plain", "plain"),
        ("x\x00\x1by", "xy"),
    ],
)
def test_cell_guards_formulas_and_controls(raw: str, expected: str) -> None:
    assert cell(raw) == expected


@pytest.fixture(scope="module")
def village() -> Story:
    return load(VILLAGE)


def test_huge_numbers_in_a_record_are_refused_or_reported(village: Story, tmp_path: Path) -> None:
    records = [play(village, seed) for seed in range(3)]
    for meter in records[0]["meters"]:
        meter["end"] = MAX_RECORD_NUMBER
        meter["start"] = -MAX_RECORD_NUMBER
    for by_variable in records[0]["money"].values():
        for name in by_variable:
            by_variable[name] = MAX_RECORD_NUMBER
    records[1]["meters"][0]["end"] = 10**17
    records[2]["decisions"][0]["step"] = 10**40
    paths = write_all(records[:2], tmp_path / "class")
    huge = tmp_path / "class" / "huge.json"
    huge.write_text(json.dumps(records[2]), encoding="utf-8")
    for fmt in RENDERERS:
        status, page = run([tmp_path / "class"], fmt, story_dir=str(VILLAGE))
        assert status == 0
        if fmt != "csv":  # the CSV holds decisions, not meters
            assert f"{MAX_RECORD_NUMBER:,}" in page
    assert read_record(paths[0]).meters[0].end == MAX_RECORD_NUMBER
    with pytest.raises(Exception, match="out of range"):
        read_record(paths[1])
    with pytest.raises(Exception, match="too large"):
        read_record(huge)


def test_lone_surrogates_in_records_never_crash_a_report(tmp_path: Path) -> None:
    """(The story's reader refuses a lone surrogate, E001; a record may still hold one.)"""
    folder = VILLAGE
    story = load(folder)
    records = [play(story, seed, {"morning": ["2"], "walk_home": ["2"]}) for seed in range(2)]
    records[0]["decisions"][0]["text"] = "lost \udfff text"
    records[0]["decisions"][1]["choice"] = "\ud800"
    records[0]["decisions"][1]["scene"] = "gone\ud800"
    records[1]["ending"]["title"] = "\udc00"
    records[1]["meters"][0]["label"] = "\ud83d"
    paths = []
    (tmp_path / "class").mkdir()
    for index, record in enumerate(records):
        path = tmp_path / "class" / f"r{index}.json"
        path.write_text(json.dumps(record), encoding="utf-8")  # ascii escapes: \udfff
        paths.append(path)
    assert "\ufffd" in read_record(paths[0]).decisions[0].text
    for fmt in RENDERERS:
        out = tmp_path / f"report.{fmt}"
        status, _ = run(paths, fmt, story_dir=str(folder), output=str(out))
        assert status == 0
        written = out.read_text(encoding="utf-8")
        assert fmt != "csv" or "lost \ufffd text" in written
        status, page = run(paths, fmt, story_dir=str(folder))
        assert status == 0 and page.encode("utf-8")
    for fmt in ("html", "md"):
        out = tmp_path / f"guide.{fmt}"
        assert run_guide(str(folder), fmt, str(out), runs=10) == 0
        out.read_text(encoding="utf-8")


def test_the_markdown_guide_shows_raw_html_as_text(tmp_path: Path) -> None:
    folder = story_with(
        tmp_path,
        "discuss: What would you buy first?",
        'discuss: "<img src=x onerror=alert(1)> *bold* [link](http://x) # no"',
    )
    story = load(folder)
    markdown = guide_markdown(build_guide(story, measure_reading(story, runs=10)))
    assert "<" not in markdown and ">" not in markdown.replace("\n> ", "\n")
    assert r"&lt;img src=x onerror=alert(1)&gt; \*bold\* \[link\](http://x) \# no" in markdown


@pytest.mark.parametrize("word", ["next", "continue", "undo", "1"])
def test_a_choice_named_like_an_engine_word_is_still_recorded(tmp_path: Path, word: str) -> None:
    """A choice whose id is the engine's 'next' (or another word) keeps its decision."""
    folder = story_with(
        tmp_path,
        "      - text: Buy pork and tangerines\n",
        f"      - text: Buy pork and tangerines\n        id: '{word}'\n",
    )
    story, diagnostics = load_story(folder)
    if story is None:
        # Refused at load time is fine too, as long as it is said clearly.
        assert any(d.severity == "error" for d in diagnostics)
        return
    records = [play(story, seed, {"morning": [word]}) for seed in range(2)]
    for record in records:
        assert record["decisions"][0]["scene"] == "morning"
        assert record["decisions"][0]["choice"] == word
    paths = write_all(records, tmp_path / "class")
    report = build_report(story, [read_record(p) for p in paths])
    morning = next(p for c in report.chapters for p in c.points if p.scene_id == "morning")
    chosen = {row.choice_id: row.count for row in morning.choices}
    assert chosen[word] == 2


def build(story: Story, seed: int) -> dict[str, Any]:
    return play(story, seed)


def test_build_record_skips_only_scenes_that_continue(village: Story) -> None:
    from game.engine.runner import Runner

    runner = Runner(village, 4)
    start = dict(runner.vars)
    while not runner.is_ending:
        runner.choose(runner.available_choice_ids()[0])
    record = build_record(village, runner, start, classroom=False)
    scenes = {d["scene"] for d in record["decisions"]}
    assert all(len(village.scenes[s].choices) >= 2 for s in scenes)
    assert "morning" in scenes
