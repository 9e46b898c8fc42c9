"""Classroom mode's decision record is written on the window's background writer:
built at the choice, written off the frame, complete once the writer is flushed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pygame
import pytest

from game import records
from game.engine import Story
from game.records import read_record
from game.ui import saving
from game.ui.app import App
from game.ui.screens.story import StoryScreen
from game.ui.settings import Settings
from tests.ui.conftest import UI_STORY, to_choices


def classroom_app(story: Story, tmp_path: Path) -> App:
    pygame.init()
    app = App(
        story,
        str(UI_STORY),
        seed=1,
        classroom=True,
        data_directory=tmp_path / "data",
        size=(1280, 720),
        asynchronous_art=False,
        persist_settings=False,
        settings=Settings(window_size=(1280, 720)),
        audio=False,
    )
    app.choice_delay = 0.0
    return app


def choose(app: App, choice_id: str) -> None:
    to_choices(app)
    screen = app.top
    assert isinstance(screen, StoryScreen)
    screen.choose(choice_id)
    while app.top is not screen:  # the discussion prompt a classroom choice opens
        app.pop()


def test_the_record_is_written_by_the_worker_and_complete_after_flush(
    story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    real_write = records.write_record

    def watched(
        record: dict[str, Any], folder: Path | None = None, path: Path | None = None
    ) -> Path:
        threads.append(threading.current_thread().name)
        return real_write(record, folder, path)

    monkeypatch.setattr(saving, "write_record", watched)
    app = classroom_app(story, tmp_path)
    app.start_game()
    choose(app, "1")  # dorm: send money home
    choose(app, "next")  # peng
    choose(app, "2")  # window: one ticket
    app.flush_saves()
    assert threads and set(threads) == {"save-writer"}
    session = app.session
    assert session is not None and session.record_path is not None
    record = read_record(session.record_path)
    assert [d.scene for d in record.decisions] == ["dorm", "window"]
    assert record.classroom and record.stopped_scene == "alone" and record.finished  # an ending
    assert len(list((tmp_path / "data" / "decisions").glob("*.json"))) == 1  # one file, rewritten
    app.writer.close()
    pygame.quit()


def test_a_record_the_disk_refuses_becomes_a_note(
    story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(
        record: dict[str, Any], folder: Path | None = None, path: Path | None = None
    ) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saving, "write_record", refuse)
    app = classroom_app(story, tmp_path)
    app.start_game()
    choose(app, "1")
    app.flush_saves()
    assert any(
        t.text == "Could not save your decisions: No space left on device" for t in app.toasts
    )
    app.writer.close()
    pygame.quit()
