"""Decision records: what a finished game writes for the teacher, and reading them back."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from game.engine.loader import load_story
from game.engine.model import Story
from game.engine.runner import Runner
from game.records import (
    RECORD_KIND,
    RecordError,
    build_record,
    parse_record,
    read_record,
    write_record,
)
from tests.conftest import TEST_STORIES

VILLAGE = TEST_STORIES / "village_day"


@pytest.fixture(scope="module")
def story() -> Story:
    loaded, diagnostics = load_story(VILLAGE)
    assert loaded is not None, diagnostics
    return loaded


def finished(story: Story, seed: int) -> tuple[Runner, dict[str, Any]]:
    runner = Runner(story, seed)
    start = dict(runner.vars)
    pick = random.Random(seed)
    while not runner.is_ending:
        runner.choose(pick.choice(runner.available_choice_ids()))
    return runner, start


def test_a_record_lists_the_real_decisions_with_their_ids_and_dates(story: Story) -> None:
    runner, start = finished(story, 4)
    when = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    record = build_record(story, runner, start, classroom=True, now=when)
    assert record["kind"] == RECORD_KIND and record["classroom"] is True
    assert record["finished_at"] == "2026-11-24T09:30:00+00:00"
    made = [
        (entry.scene_id, entry.choice_id)
        for entry in runner.transcript
        if entry.choice_id not in (None, "next") and len(story.scenes[entry.scene_id].choices) > 1
    ]
    assert [(d["scene"], d["choice"]) for d in record["decisions"]] == made
    assert record["decisions"][0]["date"] == "2007-02-17"
    ending = story.scenes[runner.scene_id].ending
    assert ending is not None and record["ending"] == {"id": ending.id, "title": ending.title}
    money = {m["id"]: m for m in record["meters"]}["money"]
    assert money["start"] == 300 and money["end"] == runner.vars["money"]
    spent = sum(e.amount for e in runner.ledger if e.variable == "money")
    assert sum(t.get("money", 0) for t in record["money"].values()) == spent


def test_written_records_read_back_the_same_and_never_overwrite(
    story: Story, tmp_path: Path
) -> None:
    runner, start = finished(story, 2)
    when = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    record = build_record(story, runner, start, classroom=False, now=when)
    first = write_record(record, tmp_path / "class")
    second = write_record(record, tmp_path / "class")
    assert first.name == "decisions-20261124-093000-seed2.json"
    assert second.name == "decisions-20261124-093000-seed2-2.json"
    back = read_record(first)
    assert back.seed == 2 and back.classroom is False
    assert [d.choice for d in back.decisions] == [d["choice"] for d in record["decisions"]]
    assert back.meters[0].id == record["meters"][0]["id"]


def test_a_game_restored_from_an_old_save_still_makes_a_record(story: Story) -> None:
    runner, start = finished(story, 3)
    saved = runner.to_json()
    for row in saved["transcript"]:
        del row[5]  # saves made before choice ids were kept
    restored = Runner.from_json(story, json.loads(json.dumps(saved)))
    assert all(entry.choice_id is None for entry in restored.transcript)
    record = build_record(story, restored, start, classroom=False)
    assert record["decisions"] and all(d["choice"] is None for d in record["decisions"])
    assert parse_record(json.loads(json.dumps(record))).decisions[0].choice is None


def test_choice_ids_survive_a_save_and_load(story: Story) -> None:
    runner, _ = finished(story, 5)
    restored = Runner.from_json(story, json.loads(json.dumps(runner.to_json())))
    assert [e.choice_id for e in restored.transcript] == [e.choice_id for e in runner.transcript]


def good_record(story: Story) -> dict[str, Any]:
    runner, start = finished(story, 4)
    record: dict[str, Any] = json.loads(
        json.dumps(build_record(story, runner, start, classroom=True))
    )
    return record


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.update(kind="something else"), "not a Last Train Home decisions file"),
        (lambda r: r.update(format=7), "format 7"),
        (lambda r: r.update(seed="four"), "its 'seed'"),
        (lambda r: r.update(classroom=1), "its 'classroom'"),
        (lambda r: r.update(decisions="none"), "its 'decisions'"),
        (lambda r: r["decisions"][0].update(step=True), "its 'step'"),
        (lambda r: r["decisions"].append(3), "its 'decisions'"),
        (lambda r: r.update(money={"food": {"money": "lots"}}), "money totals"),
        (lambda r: r.pop("meters"), "its 'meters'"),
        (lambda r: r.update(ending={"id": "x"}), "its 'title'"),
    ],
)
def test_a_damaged_record_is_refused_with_the_reason(story: Story, change, message: str) -> None:  # type: ignore[no-untyped-def]
    record = good_record(story)
    change(record)
    with pytest.raises(RecordError, match=message):
        parse_record(record)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not valid JSON"),
        (b"\xff\xfe\x00binary", "not text"),
        (b"[1, 2, 3]", "not a Last Train Home decisions file"),
    ],
)
def test_files_that_are_not_records_say_so(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "odd.json"
    path.write_bytes(content)
    with pytest.raises(RecordError, match=message):
        read_record(path)


def test_a_missing_file_or_a_folder_is_a_record_error_too(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="cannot read"):
        read_record(tmp_path / "nothing.json")
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(RecordError):
        read_record(tmp_path / "folder.json")
