"""Save slots on disk: atomic writes, damaged files, saves from an earlier run, settings."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from game.engine import Story
from game.engine.loader import load_story
from game.engine.runner import Runner
from game.play.session import GameSession, LoadFailed
from game.saves import (
    ALL_SLOTS,
    AUTOSAVE,
    QUICKSAVE,
    SaveFileError,
    SaveMeta,
    SaveStore,
    data_dir,
    format_play_time,
    write_json_atomic,
)
from game.ui.settings import Settings, SettingsStore

ROOT = Path(__file__).resolve().parent.parent
UI_STORY = ROOT / "tests" / "ui" / "story"
EARLIER_SAVE = ROOT / "tests" / "ui" / "fixtures" / "earlier-save.json"
META = SaveMeta(
    chapter=1, chapter_title="Winter 2006-07", date="2006-11-20", money=650, play_seconds=61.0
)


@pytest.fixture(scope="module")
def story():  # type: ignore[no-untyped-def]
    loaded, diagnostics = load_story(UI_STORY)
    assert loaded is not None, diagnostics
    return loaded


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore("ui-test-story", tmp_path / "saves")


def test_data_dir_follows_the_environment_override(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LTH_DATA_DIR", str(tmp_path / "here"))
    assert data_dir() == tmp_path / "here"


def test_data_dir_on_linux_uses_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("LTH_DATA_DIR", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert data_dir() == tmp_path / "last-train-home-dev"  # a checkout: see test_paths.py


def test_every_slot_starts_empty(store: SaveStore) -> None:
    infos = store.list_slots()
    assert [i.slot for i in infos] == list(ALL_SLOTS)
    assert len([s for s in ALL_SLOTS if s.isdigit()]) == 9
    assert all(i.state == "empty" for i in infos)
    assert store.latest() is None


def test_write_then_read_round_trip(store: SaveStore) -> None:
    path = store.write("3", "1.2.0", META, {"scene": "dorm"})
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in (
        "format_version",
        "story_id",
        "story_version",
        "saved_at",
        "play_seconds",
        "chapter",
        "date",
        "money",
        "runner",
    ):
        assert key in data
    save = store.read("3")
    assert save.meta == META
    assert save.runner == {"scene": "dorm"}
    info = store.info("3")
    assert info.usable and info.meta is not None and info.meta.money == 650


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    write_json_atomic(target, {"n": 1})
    write_json_atomic(target, {"n": 2})
    assert json.loads(target.read_text()) == {"n": 2}
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_a_failed_write_keeps_the_old_save(
    store: SaveStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write("1", "1.2.0", META, {"scene": "old"})

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.write("1", "1.2.0", META, {"scene": "new"})
    monkeypatch.undo()
    assert store.read("1").runner == {"scene": "old"}
    assert sorted(p.name for p in store.directory.iterdir()) == ["slot-1.json"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"format_version": 1, "story_id": ', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not text"),
        (b"[1, 2, 3]", "not a JSON object"),
        (b'{"format_version": 1, "story_id": "ui-test-story"}', "no 'runner'"),
        (b'{"format_version": 99, "story_id": "ui-test-story"}', "newer version"),
        (b'{"format_version": 1, "story_id": "another-story", "runner": {}}', "another story"),
    ],
)
def test_damaged_files_are_listed_with_a_reason_and_harm_no_other_save(
    store: SaveStore, content: bytes, reason: str
) -> None:
    store.write("1", "1.2.0", META, {"scene": "dorm"})
    store.directory.mkdir(parents=True, exist_ok=True)
    store.path("2").write_bytes(content)
    infos = {i.slot: i for i in store.list_slots()}
    assert infos["2"].state == "damaged"
    assert reason in (infos["2"].reason or "")
    assert infos["1"].usable
    latest = store.latest()
    assert latest is not None and latest.slot == "1"
    with pytest.raises(SaveFileError):
        store.read("2")


def test_an_unreadable_folder_entry_is_damaged_not_a_crash(store: SaveStore) -> None:
    store.directory.mkdir(parents=True)
    store.path("4").mkdir()  # a folder where a file should be
    assert store.info("4").state == "damaged"


def test_save_from_an_earlier_run_still_loads(story: Story, tmp_path: Path) -> None:
    store = SaveStore(story.id, tmp_path / "saves")
    store.directory.mkdir(parents=True)
    shutil.copy(EARLIER_SAVE, store.path("5"))
    info = store.info("5")
    assert info.usable, info.reason
    assert info.meta is not None and info.meta.money == 1250 and info.meta.date == "2007-01-28"
    session = GameSession.from_slot(story, store, "5")
    assert session.view.scene_id == "window"
    assert session.play_seconds >= 754.2
    assert [c.id for c in session.view.choices if c.enabled] == ["1", "2"]


def test_session_autosaves_after_each_choice_and_loads_back(story: Story, tmp_path: Path) -> None:
    store = SaveStore(story.id, tmp_path / "saves")
    session = GameSession.new(story, 4, store)
    assert store.info(AUTOSAVE).usable
    session.choose("2")
    auto = store.read(AUTOSAVE)
    assert Runner.from_json(story, auto.runner).view().scene_id == "peng"
    session.save(QUICKSAVE)
    session.choose("next")
    loaded = GameSession.from_slot(story, store, QUICKSAVE)
    assert loaded.view.scene_id == "peng"
    assert GameSession.from_slot(story, store, AUTOSAVE).view.scene_id == "window"


def test_loading_a_damaged_save_says_why(story: Story, tmp_path: Path) -> None:
    store = SaveStore(story.id, tmp_path / "saves")
    store.directory.mkdir(parents=True)
    data = json.loads(EARLIER_SAVE.read_text())
    data["runner"]["variables"] = "scribbled over"
    store.path("7").write_text(json.dumps(data))
    with pytest.raises(LoadFailed, match="variables"):
        GameSession.from_slot(story, store, "7")
    # A save whose scene is gone is not damaged: it continues at its chapter's start
    # (tests/ui/test_relocated_save.py); one for another story is refused.
    data = json.loads(EARLIER_SAVE.read_text())
    data["runner"]["story_id"] = "another-story"
    store.path("6").write_text(json.dumps(data))
    with pytest.raises(LoadFailed, match="another story"):
        GameSession.from_slot(story, store, "6")
    store.path("8").write_text("{")
    with pytest.raises(LoadFailed, match="JSON"):
        GameSession.from_slot(story, store, "8")


def test_settings_round_trip_and_defaults(tmp_path: Path) -> None:
    settings_store = SettingsStore(tmp_path)
    assert settings_store.load() == Settings()
    changed = Settings(
        text_speed="instant", text_size="largest", high_contrast=True, music_volume=30
    )
    assert settings_store.save(changed)
    assert settings_store.load() == changed


def test_damaged_settings_fall_back_to_defaults_field_by_field(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text("{not json")
    assert SettingsStore(tmp_path).load() == Settings()
    (tmp_path / "settings.json").write_text(
        json.dumps({"text_size": "huge", "music_volume": 500, "high_contrast": True, "extra": 1})
    )
    loaded = SettingsStore(tmp_path).load()
    assert loaded.text_size == "medium" and loaded.music_volume == 70 and loaded.high_contrast


def test_play_time_reads_well() -> None:
    assert format_play_time(20) == "under a minute"
    assert format_play_time(60 * 42) == "42 min"
    assert format_play_time(3600 + 5 * 60) == "1 h 05 min"
