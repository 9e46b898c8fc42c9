"""Hostile files in the saves folder, settings and decision records never stop the game.

Each bad file is 'damaged' with a reason, never an exception and never a hang; the
other slots, Continue and the settings keep working. The property-based tests feed
generated JSON of every shape (huge, deep, wrong types) and raw bytes to the readers.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.loader import load_story
from game.engine.runner import Runner
from game.engine.savecheck import load_save
from game.records import RecordError, build_record, parse_record, read_record, write_record
from game.saves import ALL_SLOTS, AUTOSAVE, SaveMeta, SaveStore, parse_save, slot_filename
from game.storage import (
    StorageError,
    parse_json,
    read_bounded,
    remove_stray_temp_files,
    write_json_atomic,
)
from game.ui.settings import Settings, SettingsStore

ROOT = Path(__file__).resolve().parent.parent
UI_STORY = ROOT / "tests" / "ui" / "story"
STORY_ID = "ui-test-story"
META = SaveMeta(chapter=1, chapter_title="Winter", date="2006-11-20", money=650, play_seconds=61)
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero")


@pytest.fixture(scope="module")
def story():  # type: ignore[no-untyped-def]
    loaded, diagnostics = load_story(UI_STORY)
    assert loaded is not None, diagnostics
    return loaded


def good_save(story: Any) -> dict[str, Any]:
    """The JSON of a real save of the UI test story, to be spoiled field by field."""
    runner = Runner(story, seed=3)
    return {
        "format_version": 1,
        "story_id": STORY_ID,
        "story_version": "1.0",
        "saved_at": "2027-03-01T10:00:00+00:00",
        "play_seconds": 61.0,
        "chapter": 1,
        "chapter_title": "Winter",
        "date": "2006-11-20",
        "money": 650,
        "runner": runner.to_json(),
    }


def spoiled(story: Any, **changes: Any) -> str:
    data = good_save(story)
    data.update(changes)
    return json.dumps(data)


def hostile_folder(story: Any, folder: Path) -> dict[str, str]:
    """Fill ``folder`` with one bad file per slot; the slot -> what is wrong with it."""
    folder.mkdir(parents=True)
    good = json.dumps(good_save(story))
    cases: dict[str, str] = {
        "1": "a FIFO",
        "2": "a symbolic link to /dev/zero",
        "3": "an integer of 5,000 digits",
        "4": "JSON nested 100,000 deep",
        "5": "NaN in play_seconds",
        "6": "saved_at in the year 1",
        "7": "a chapter title of a megabyte",
        "8": "money as a string",
        "9": "a runner whose scene the story lacks, with no chapter",
        AUTOSAVE: "a good save",
        "quick": "Infinity in money",
    }
    path = {slot: folder / slot_filename(slot) for slot in ALL_SLOTS}
    os.mkfifo(path["1"])
    os.symlink("/dev/zero", path["2"])
    path["3"].write_text(good.replace('"money": 650', '"money": ' + "9" * 5000))
    path["4"].write_text("[" * 100_000 + "]" * 100_000)
    path["5"].write_text(good.replace('"play_seconds": 61.0', '"play_seconds": NaN'))
    path["6"].write_text(spoiled(story, saved_at="0001-01-01T00:00:00+05:00"))
    path["7"].write_text(spoiled(story, chapter_title="x" * 1_000_000))
    path["8"].write_text(spoiled(story, money="650"))
    runner = good_save(story)["runner"]
    runner["scene"] = 17
    path["9"].write_text(spoiled(story, runner=runner))
    path[AUTOSAVE].write_text(good)
    path["quick"].write_text(good.replace('"money": 650', '"money": Infinity'))
    return cases


@posix_only
def test_a_folder_of_hostile_saves_lists_every_slot_and_continue_skips_them(
    story: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "saves"
    cases = hostile_folder(story, folder)
    store = SaveStore(STORY_ID, folder, validate=lambda runner: load_save(story, runner))
    started = time.perf_counter()
    infos = {info.slot: info for info in store.list_slots()}
    elapsed = time.perf_counter() - started
    print(f"\nlisted {len(infos)} hostile slots in {elapsed * 1000:.1f} ms")
    for slot, what in cases.items():
        info = infos[slot]
        if what == "a good save":
            assert info.state == "ok", info.reason
        else:
            assert info.state == "damaged", f"{what}: {info.state}"
            assert info.reason, what
    assert "pipe" in (infos["1"].reason or "")
    assert "device" in (infos["2"].reason or "")
    assert "too large" in (infos["3"].reason or "")
    assert "nests too deeply" in (infos["4"].reason or "")
    assert "year 1" in (infos["6"].reason or "")
    assert "too long" in (infos["7"].reason or "")
    latest = store.latest()
    assert latest is not None and latest.slot == AUTOSAVE
    # The good slot still loads; the FIFO is still a FIFO (nothing wrote to or removed it).
    assert store.read(AUTOSAVE).meta.money == 650
    assert stat.S_ISFIFO(os.lstat(folder / slot_filename("1")).st_mode)


def test_continue_skips_a_newer_save_that_cannot_be_restored(story: Any, tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    store = SaveStore(STORY_ID, folder, validate=lambda runner: load_save(story, runner))
    store.write("1", "1.0", META, Runner(story, seed=1).to_json())
    time.sleep(0.01)
    broken = Runner(story, seed=2).to_json()
    broken["variables"] = "none"
    store.write("2", "1.0", META, broken)
    os.utime(store.path("2"), (time.time() + 5, time.time() + 5))
    assert store.info("2").state == "damaged"
    assert "variables" in (store.info("2").reason or "")
    latest = store.latest()
    assert latest is not None and latest.slot == "1"
    # Without a validator the store alone cannot tell, and offers it.
    plain = SaveStore(STORY_ID, folder)
    assert plain.latest() is not None and plain.latest().slot == "2"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("money", 10**15, "out of range"),
        ("chapter", -1, "out of range"),
        ("play_seconds", -5, "out of range"),
        ("saved_at", "9999-12-31T23:59:59", "year 9999"),
        ("saved_at", "soon", "not a date"),
        ("date", 20061120, "wrong type"),
        ("chapter_title", "a\x1b[2Jb", "control characters"),
        ("story_version", ["1"], "wrong type"),
        ("format_version", True, "wrong type"),
        ("runner", [], "wrong type"),
    ],
)
def test_each_absurd_field_is_a_reason(story: Any, field: str, value: Any, reason: str) -> None:
    data = good_save(story)
    data[field] = value
    with pytest.raises(StorageError, match=reason):
        parse_save("1", data, STORY_ID)


def test_stray_temporary_files_are_removed_when_the_store_starts(tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    stray = folder / ".autosave.json.k2j3h4.tmp"
    stray.write_text('{"half": ')
    kept = folder / "notes.tmp"
    kept.write_text("mine")
    (folder / ".slot-1.json.abc.tmp").mkdir()  # a folder of that name is not ours to remove
    settings_stray = tmp_path / ".settings.json.x1.tmp"
    settings_stray.write_text("{")
    SaveStore(STORY_ID, folder)
    SettingsStore(tmp_path)
    assert not stray.exists()
    assert not settings_stray.exists()
    assert kept.exists()
    assert (folder / ".slot-1.json.abc.tmp").is_dir()
    assert remove_stray_temp_files(tmp_path / "missing") == 0


@posix_only
def test_saves_and_records_are_written_readable_by_others(story: Any, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        store = SaveStore(STORY_ID, tmp_path / "saves")
        path = store.write("1", "1.0", META, Runner(story, seed=1).to_json())
        runner = Runner(story, seed=1)
        record = write_record(build_record(story, runner, runner.vars, classroom=True), tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert stat.S_IMODE(record.stat().st_mode) == 0o644


@posix_only
def test_settings_from_a_fifo_a_device_or_a_damaged_file_are_the_defaults(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    for make in (
        lambda p: os.mkfifo(p),
        lambda p: os.symlink("/dev/zero", p),
        lambda p: p.write_text('{"music_volume": ' + "1" * 4000 + "}"),
        lambda p: p.write_text('{"window_size": [1e999, 720]}'),
        lambda p: p.write_text("[" * 50_000),
        lambda p: p.write_bytes(b"\xff\xfe\x00garbage"),
    ):
        store.path.unlink(missing_ok=True)
        make(store.path)
        assert store.load() == Settings()
    store.path.unlink()
    assert store.save(Settings(music_volume=30))
    assert store.load().music_volume == 30


@posix_only
def test_records_from_a_fifo_or_a_device_are_record_errors(tmp_path: Path) -> None:
    fifo = tmp_path / "a.json"
    os.mkfifo(fifo)
    with pytest.raises(RecordError, match="pipe"):
        read_record(fifo)
    link = tmp_path / "b.json"
    os.symlink("/dev/zero", link)
    with pytest.raises(RecordError, match="device"):
        read_record(link)


def test_read_bounded_never_reads_past_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"0" * 5000)
    with pytest.raises(StorageError, match="too large"):
        read_bounded(path, 4096)
    assert read_bounded(path, 5000) == b"0" * 5000


def test_write_json_atomic_refuses_nan_rather_than_writing_a_file_it_cannot_read(
    tmp_path: Path,
) -> None:
    with pytest.raises(ValueError):
        write_json_atomic(tmp_path / "x.json", {"n": float("nan")})
    assert list(tmp_path.iterdir()) == []


# -- property-based: generated JSON of every shape, and raw bytes -----------------------
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=40,
)
SAVE_KEYS = (
    "format_version",
    "story_id",
    "story_version",
    "saved_at",
    "play_seconds",
    "chapter",
    "chapter_title",
    "date",
    "money",
    "runner",
)
RUNNER_KEYS = ("format", "story_id", "seed", "step", "scene", "date", "variables", "visited")
FAST = settings(
    max_examples=100,
    deadline=1000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def text_of(value: Any) -> bytes:
    return json.dumps(value, allow_nan=True).encode()


def deep(depth: int, shape: str) -> bytes:
    opening, closing = {"list": ("[", "]"), "dict": ('{"a":', "}")}[shape]
    return (opening * depth + "0" + closing * depth).encode()


def saves_of(data: bytes, story: Any, tmp_path: Path) -> None:
    """Write ``data`` as a slot and list the store: a clean result or 'damaged', quickly."""
    folder = tmp_path / "saves"
    folder.mkdir(exist_ok=True)
    (folder / slot_filename("1")).write_bytes(data)
    store = SaveStore(STORY_ID, folder, validate=lambda runner: load_save(story, runner))
    started = time.perf_counter()
    info = store.info("1")
    assert time.perf_counter() - started < 2.0
    assert info.state in ("ok", "damaged")
    if info.state == "damaged":
        assert info.reason
    else:
        assert info.meta is not None and store.latest() is not None


@FAST
@given(value=json_values)
def test_any_json_in_a_slot_is_ok_or_damaged(story: Any, tmp_path: Path, value: Any) -> None:
    saves_of(text_of(value), story, tmp_path)


@FAST
@given(
    changes=st.dictionaries(st.sampled_from(SAVE_KEYS), json_values, max_size=4),
    runner_changes=st.dictionaries(st.sampled_from(RUNNER_KEYS), json_values, max_size=3),
)
def test_a_real_save_with_fields_replaced_is_ok_or_damaged(
    story: Any, tmp_path: Path, changes: dict[str, Any], runner_changes: dict[str, Any]
) -> None:
    data = good_save(story)
    data.update(changes)
    if isinstance(data.get("runner"), dict):
        data["runner"].update(runner_changes)
    saves_of(text_of(data), story, tmp_path)


@FAST
@given(raw=st.binary(max_size=300))
def test_raw_bytes_in_a_slot_are_ok_or_damaged(story: Any, tmp_path: Path, raw: bytes) -> None:
    saves_of(raw, story, tmp_path)


@settings(max_examples=20, deadline=2000)
@given(
    depth=st.integers(min_value=1, max_value=200_000),
    shape=st.sampled_from(["list", "dict"]),
    digits=st.integers(min_value=1, max_value=20_000),
)
def test_huge_and_deep_json_is_refused_or_read_quickly(depth: int, shape: str, digits: int) -> None:
    for raw in (deep(depth, shape), b"[" + b"7" * digits + b"]"):
        started = time.perf_counter()
        try:
            parse_json(raw)
        except StorageError as exc:
            assert str(exc)
        assert time.perf_counter() - started < 1.0


RECORD_KEYS = (
    "kind",
    "format",
    "story_id",
    "story_version",
    "seed",
    "classroom",
    "finished_at",
    "ending",
    "meters",
    "money",
    "decisions",
)


_RECORDS: dict[int, str] = {}


def real_record(story: Any) -> dict[str, Any]:
    """A fresh copy of the record of a whole playthrough (played once per story)."""
    if id(story) not in _RECORDS:
        runner = Runner(story, seed=5)
        while ids := runner.available_choice_ids():
            runner.choose(ids[-1])
        record = build_record(story, runner, Runner(story, seed=5).vars, classroom=True)
        _RECORDS[id(story)] = json.dumps(record)
    loaded: dict[str, Any] = json.loads(_RECORDS[id(story)])
    return loaded


@FAST
@given(
    changes=st.dictionaries(st.sampled_from(RECORD_KEYS), json_values, max_size=4),
    decision=st.dictionaries(
        st.sampled_from(("step", "date", "chapter", "scene", "choice", "text")),
        json_values,
        max_size=3,
    ),
)
def test_a_record_with_fields_replaced_is_read_or_refused(
    story: Any, tmp_path: Path, changes: dict[str, Any], decision: dict[str, Any]
) -> None:
    data = real_record(story)
    data.update(changes)
    decisions = data.get("decisions")
    if isinstance(decisions, list) and decisions and isinstance(decisions[0], dict):
        decisions[0].update(decision)
    path = tmp_path / "record.json"
    path.write_bytes(text_of(data))
    started = time.perf_counter()
    try:
        record = read_record(path)
    except RecordError as exc:
        assert str(exc)
    else:
        assert record.story_id == data["story_id"]
        for meter in record.meters:
            assert abs(meter.end) <= 10**15
    assert time.perf_counter() - started < 1.0


@FAST
@given(value=json_values)
def test_any_json_as_a_record_is_read_or_refused(value: Any) -> None:
    try:
        parse_record(value)
    except RecordError as exc:
        assert str(exc)


def test_restored_values_outside_their_declared_range_are_clamped(story: Any) -> None:
    runner = Runner(story, seed=1).to_json()
    bounded = next(
        var for var in story.variables.values() if var.type != "bool" and var.maximum is not None
    )
    runner["variables"][bounded.id] = 10**17
    restored = load_save(story, runner).runner
    assert restored.vars[bounded.id] == bounded.maximum
    runner["format"] = -1
    with pytest.raises(Exception, match="format"):
        load_save(story, runner)


@FAST
@given(raw=st.binary(max_size=300) | json_values.map(text_of))
def test_any_bytes_as_a_record_file_are_read_or_refused(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "record.json"
    path.write_bytes(raw)
    started = time.perf_counter()
    try:
        read_record(path)
    except RecordError as exc:
        assert str(exc)
    assert time.perf_counter() - started < 1.0


SETTING_KEYS = (
    "text_speed",
    "auto_advance",
    "music_volume",
    "sound_volume",
    "fullscreen",
    "text_size",
    "window_size",
    "undo_allowed",
)


@FAST
@given(
    changes=st.dictionaries(st.sampled_from(SETTING_KEYS), json_values, max_size=5),
    raw=st.none() | st.binary(max_size=200),
)
def test_any_settings_file_gives_settings_within_their_ranges(
    tmp_path: Path, changes: dict[str, Any], raw: bytes | None
) -> None:
    store = SettingsStore(tmp_path, clean=False)
    if raw is not None:
        store.path.write_bytes(raw)
    else:
        store.path.write_bytes(text_of({**Settings().to_json(), **changes}))
    settings = store.load()
    assert 0 <= settings.music_volume <= 100 and 0 <= settings.sound_volume <= 100
    assert 320 <= settings.window_size[0] <= 10000 and 180 <= settings.window_size[1] <= 10000
    assert isinstance(settings.fullscreen, bool)


def test_a_shared_records_folder_keeps_a_classmate_s_write_in_progress(
    story: Any, tmp_path: Path
) -> None:
    """Only old temporary files go: another player's record may be being written now."""
    fresh = tmp_path / ".decisions-20261202-0900-seed1.json.a1b2.tmp"
    fresh.write_text('{"kind": ')
    old = tmp_path / ".decisions-20261101-0900-seed2.json.c3d4.tmp"
    old.write_text('{"kind": ')
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    runner = Runner(story, seed=1)
    write_record(build_record(story, runner, runner.vars, classroom=True), tmp_path)
    assert fresh.exists() and not old.exists()
