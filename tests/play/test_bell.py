"""Records that survive the bell: written after every decision in classroom mode, marked
unfinished, counted by the report (with the hands of a whole-class vote), and a folder
that cannot take them said at the start of play."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from game.engine.loader import load_story
from game.engine.model import Story
from game.records import read_record
from game.saves import SaveStore
from game.textui import TextGame
from game.tools.report import build_report, read_records
from game.tools.report_page import to_html, to_summary_html, to_summary_markdown
from tests.conftest import ROOT, STORY_DIR, TEST_STORIES, run_main


def village() -> Story:
    story, diagnostics = load_story(TEST_STORIES / "village_day")
    assert story is not None, [str(d) for d in diagnostics]
    return story


def play(story: Story, lines: list[str], folder: Path, **kwargs: object) -> TextGame:
    feed = iter(lines)
    game = TextGame(
        story,
        1,
        io.StringIO(),
        lambda: next(feed, None),
        classroom=True,
        record_dir=folder / "records",
        saves=SaveStore(story.id, folder / "saves"),
        **kwargs,  # type: ignore[arg-type]
    )
    game.play()
    return game


def test_a_record_is_written_after_every_decision_and_finished_at_the_end(
    tmp_path: Path,
) -> None:
    story = village()
    play(story, ["2"], tmp_path)  # one decision, then the bell (end of input)
    files = list((tmp_path / "records").glob("*.json"))
    assert len(files) == 1
    record = read_record(files[0])
    assert not record.finished and record.ending_id is None
    assert len(record.decisions) == 1 and record.stopped_scene
    play(story, ["2", "1", "1", "1", "1", "1", "1", "1"], tmp_path / "second")
    (finished,) = list((tmp_path / "second" / "records").glob("*.json"))
    assert read_record(finished).finished


def test_the_report_counts_unfinished_games_and_the_class_vote(tmp_path: Path) -> None:
    story = village()
    play(story, ["2"], tmp_path / "a")
    play(story, ["14 11", "1", "1", "1", "1", "1", "1"], tmp_path / "b", class_vote=True)
    folders = [str(tmp_path / "a" / "records"), str(tmp_path / "b" / "records")]
    counted, skipped = read_records(folders, story)
    assert skipped == [] and len(counted) == 2
    report = build_report(story, [p.record for p in counted])
    rows = {e.title: e.count for e in report.endings}
    assert rows.get("Not finished") == 1 and sum(rows.values()) == 2
    voted = [p for c in report.chapters for p in c.points if p.voted]
    assert voted and voted[0].split_words() == "the class split 14 to 11"
    page = to_html(report)
    assert "In the class vote, the class split 14 to 11." in page
    assert "Where the unfinished games stopped" in page
    one_page = to_summary_html(report)
    assert "the class at a glance" in one_page and "Not finished" in one_page
    assert "Not finished" in to_summary_markdown(report)


def test_a_killed_game_keeps_its_decisions(tmp_path: Path) -> None:
    """A text-mode classroom game killed mid-play leaves a record of its decisions."""
    records = tmp_path / "records"
    env = {**os.environ, "LTH_DATA_DIR": str(tmp_path / "data"), "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, str(ROOT / "main.py"), "play", "--text", "--classroom"]
    command += ["--story", str(STORY_DIR), "--seed", "3", "--record-dir", str(records)]
    game = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert game.stdin is not None
    for _ in range(6):
        game.stdin.write(b"1\n")
    game.stdin.flush()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(records.glob("*.json")):
        time.sleep(0.1)
    time.sleep(0.5)
    game.send_signal(signal.SIGKILL)
    game.wait()
    files = list(records.glob("*.json"))
    assert len(files) == 1, files
    record = read_record(files[0])
    assert not record.finished and record.decisions
    assert json.loads(files[0].read_text(encoding="utf-8"))["stopped_at"]["scene"]


def test_a_folder_that_cannot_take_records_is_said_at_the_start(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_main(
        "play", "--text", "--classroom", "--record-dir", str(blocker / "records"), stdin="1\n"
    )
    assert result.returncode == 2
    assert "decision records cannot be written" in result.stderr
    assert "Traceback" not in result.stderr


def test_report_summary_is_one_page_from_the_command_line(tmp_path: Path) -> None:
    story = village()
    play(story, ["2", "1", "1", "1", "1", "1", "1", "1"], tmp_path)
    out = tmp_path / "summary.html"
    result = run_main(
        "report",
        str(tmp_path / "records"),
        "--story",
        str(TEST_STORIES / "village_day"),
        "--summary",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert "the class at a glance" in out.read_text(encoding="utf-8")
    bad = run_main(
        "report",
        str(tmp_path / "records"),
        "--story",
        str(TEST_STORIES / "village_day"),
        "--summary",
        "--format",
        "csv",
    )
    assert bad.returncode == 1 and "the summary comes as html, md" in bad.stderr
