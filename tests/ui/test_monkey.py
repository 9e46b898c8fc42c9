"""Thousands of seeded random key presses, clicks, wheel turns and resizes: the window
must never raise, and must get somewhere (a game played, saves made). It also starts on
a data folder full of damaged saves and settings (a FIFO, a link to /dev/zero, huge and
deep JSON, NaN, a save that cannot be restored) and plays on regardless."""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.engine import Story
from game.engine.runner import Runner
from game.saves import AUTOSAVE, QUICKSAVE, SaveMeta, SaveStore, slot_filename
from game.ui.app import App
from game.ui.screens.saves import SavesScreen
from game.ui.screens.title import TitleScreen
from tests.ui.conftest import UI_STORY, top

KEYS = [
    pygame.K_SPACE,
    pygame.K_RETURN,
    pygame.K_ESCAPE,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_TAB,
    pygame.K_1,
    pygame.K_2,
    pygame.K_3,
    pygame.K_4,
    pygame.K_9,
    pygame.K_h,
    pygame.K_l,
    pygame.K_u,
    pygame.K_c,
    pygame.K_BACKSPACE,
    pygame.K_DELETE,
    pygame.K_PAGEUP,
    pygame.K_PAGEDOWN,
    pygame.K_HOME,
    pygame.K_END,
    pygame.K_F5,
    pygame.K_F9,
    pygame.K_F11,
    pygame.K_a,
    pygame.K_g,
    pygame.K_F6,
]


def random_event(rng: random.Random, app: App) -> pygame.event.Event:
    w, h = app.window.get_size()
    kind = rng.random()
    if kind < 0.5:
        return pygame.event.Event(
            pygame.KEYDOWN, key=rng.choice(KEYS), mod=0, unicode="", scancode=0
        )
    pos = (rng.randrange(w), rng.randrange(h))
    if kind < 0.75:
        return pygame.event.Event(
            pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice([1, 1, 1, 3, 4, 5])
        )
    if kind < 0.9:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    if kind < 0.98:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-1, 1]), flipped=False)
    return pygame.event.Event(pygame.VIDEORESIZE, size=(w, h), w=w, h=h)


def monkey(rng: random.Random, app: App, events: int, restart) -> tuple[App, set[str], int]:  # type: ignore[no-untyped-def]
    """Feed ``events`` random events; the screens seen and how many times the app quit."""
    seen: set[str] = set()
    restarts = 0
    for index in range(events):
        app.handle_event(random_event(rng, app))
        if not app.running:
            restarts += 1
            app = restart(index)
        app.update(rng.choice([0.0, 0.016, 0.05, 0.1]))
        seen.update(screen.name for screen in app.screens)
        if index % 7 == 0 and app.dirty:
            app.draw()
    app.draw()
    return app, seen, restarts


@pytest.mark.slow  # thousands of random events through the window
def test_random_events_never_raise(make_app: Callable[..., App]) -> None:
    rng = random.Random(20261124)
    app = make_app(text_speed="fast")
    app, seen, restarts = monkey(
        rng, app, 6000, lambda index: make_app(text_speed="fast", seed=index)
    )
    # The monkey got somewhere: it started a game, reached the story, opened the saves
    # and the pause menu, and the window drew frames and kept a screen up throughout.
    assert {"title", "story", "saves", "pause"} <= seen, seen
    assert app.screens and app.frames_drawn > 0
    assert restarts < 6000 // 50
    assert app.saves.info(AUTOSAVE).state == "ok"


def damaged_data_folder(story: Story, folder: Path) -> None:
    """Saves and settings as a crash, an editor or an attacker might leave them."""
    saves = folder / "saves"
    store = SaveStore(story.id, saves)
    good = store.write(
        "6", "1.0", SaveMeta(1, "Winter", "2006-11-20", 650, 61.0), Runner(story, seed=6).to_json()
    )
    text = good.read_text(encoding="utf-8")
    path = {slot: saves / slot_filename(slot) for slot in ("1", "2", "3", "4", "5", "7")}
    if sys.platform != "win32":
        os.mkfifo(path["1"])
        os.symlink("/dev/zero", path["2"])
    path["3"].write_text(text.replace('"money":650', '"money":' + "9" * 6000))
    path["4"].write_text("[" * 200_000)
    path["5"].write_text(text.replace('"play_seconds":61.0', '"play_seconds":NaN'))
    path["7"].write_text(
        text.replace('"chapter_title":"Winter"', '"chapter_title":"' + "x" * 10**6 + '"')
    )
    broken = json.loads(text)
    broken["runner"]["scene"] = "no_such_scene_anywhere"
    broken["runner"]["chapter"] = 999
    broken["runner"]["variables"] = {"money": "lots"}
    (saves / slot_filename(AUTOSAVE)).write_text(json.dumps(broken))
    later = time.time() + 60
    os.utime(saves / slot_filename(AUTOSAVE), (later, later))
    (saves / slot_filename(QUICKSAVE)).write_bytes(b"\xff\xfe{garbage")
    (saves / ".slot-8.json.crash1.tmp").write_text('{"format_version": 1, "sto')
    (folder / "settings.json").write_text('{"music_volume": ' + "7" * 5000 + ', "window_size": [')


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero")
def test_the_window_starts_and_plays_on_over_damaged_saves_and_settings(
    story: Story,
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    damaged_data_folder(story, data)
    pygame.init()

    def start(seed: int = 1) -> App:
        return App(
            story,
            str(UI_STORY),
            seed=seed,
            data_directory=data,
            size=(1280, 720),
            asynchronous_art=False,
            persist_settings=False,
        )

    try:
        started = time.perf_counter()
        app = start()
        print(f"\nstarted over a damaged data folder in {time.perf_counter() - started:.3f} s")
        # Damaged settings give the defaults; the crash's temporary file is gone.
        assert app.settings.music_volume == 70
        assert not (data / "saves" / ".slot-8.json.crash1.tmp").exists()
        # Continue offers the one good save, not the newer autosave that cannot load.
        latest = app.saves.latest()
        assert latest is not None and latest.slot == "6"
        title = top(app, TitleScreen)
        assert title.group.buttons[1].enabled and "Slot 6" in (title.group.buttons[1].detail or "")
        # The load screen lists every slot; each bad one is damaged with a reason.
        screen = SavesScreen(app, "load")
        app.push(screen)
        app.draw()
        states = {info.slot: info for info in screen.infos if info is not None}
        damaged = {slot for slot, info in states.items() if info.state == "damaged"}
        assert damaged == {"1", "2", "3", "4", "5", "7", AUTOSAVE, QUICKSAVE}
        assert all(states[slot].reason for slot in damaged)
        assert states["6"].usable
        app.pop()
        # Continue loads slot 6; then the monkey plays on.
        app.continue_game()
        assert app.screens[-1].name == "story"
        rng = random.Random(7)
        app, seen, _ = monkey(rng, app, 1000, lambda index: start(seed=index))
        assert "story" in seen and app.screens
    finally:
        pygame.quit()
