"""Music and sounds: the shipped loops (size, length, loudness, seamless ends), the mood
of each scene, crossfades, volumes applied live, and silence when no device opens."""

from __future__ import annotations

import array
import math
import shutil
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.engine.loader import load_story
from game.ui.app import App
from game.ui.audio import (
    BACKGROUND_MOODS,
    MIXER_FORMAT,
    MOODS,
    SOUNDS,
    TITLE_MOOD,
    mood_for,
    volume_level,
)
from game.ui.screens.story import StoryScreen
from game.ui.settings import Settings
from tests.ui.conftest import UI_STORY, key, pump, session, to_choices, top

ROOT = Path(__file__).resolve().parents[2]
MUSIC = ROOT / "assets" / "music"
SOUND_DIR = ROOT / "assets" / "sounds"


# -- the mood of a scene ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("background", "mood"),
    [
        ("factory_floor", "factory"),
        ("dormitory", "factory"),
        ("factory_gate", "factory"),
        ("street_phone", "city_night"),
        ("city_street", "city_night"),
        ("restaurant", "city_night"),
        ("station_square", "station"),
        ("ticket_hall", "station"),
        ("station_snow", "station"),
        ("platform_night", "station"),
        ("train_carriage", "train"),
        ("river_ferry", "train"),
        ("country_bus", "train"),
        ("village_house", "village"),
        ("village_path", "village"),
        ("village_fields", "village"),
        ("school_gate", "village"),
        ("clinic", "village"),
        ("new_year_table", "new_year"),
    ],
)
def test_each_background_has_its_mood(background: str, mood: str) -> None:
    assert mood_for(None, background) == mood


def test_a_scenes_music_field_wins_and_unknown_places_keep_the_music() -> None:
    assert mood_for("new_year", "factory_floor") == "new_year"
    assert mood_for(None, "somewhere_new") is None
    assert mood_for(None, None) is None


def test_every_background_the_story_uses_has_a_mood() -> None:
    story, _ = load_story(ROOT / "story")
    assert story is not None
    used = {scene.background for scene in story.scenes.values() if scene.background}
    assert {b for b in used if mood_for(None, b) is None} == set()
    assert set(BACKGROUND_MOODS.values()) <= set(MOODS)


def test_volume_levels() -> None:
    assert volume_level(0, 0.8) == 0.0
    assert volume_level(100, 0.8) == pytest.approx(0.8)
    assert volume_level(50, 0.8) == pytest.approx(0.4)


# -- the shipped files ------------------------------------------------------------------


def decoded(path: Path) -> tuple[array.array[int], int]:
    """The file as the game's mixer plays it: signed 16-bit samples, the channel count."""
    if pygame.mixer.get_init() != MIXER_FORMAT:
        pygame.mixer.quit()
        pygame.mixer.init(*MIXER_FORMAT)
    mixer = pygame.mixer.get_init()
    assert mixer is not None
    _, _, channels = mixer
    samples = array.array("h", pygame.mixer.Sound(str(path)).get_raw())
    return samples, channels


@pytest.mark.parametrize("mood", MOODS)
def test_each_music_loop_is_small_quiet_and_seamless(mood: str) -> None:
    path = MUSIC / f"{mood}.ogg"
    assert path.read_bytes()[:4] == b"OggS"
    assert path.stat().st_size < 400 * 1024
    pygame.mixer.init()
    assert 20 <= pygame.mixer.Sound(str(path)).get_length() <= 40
    samples, channels = decoded(path)
    left = samples[::channels]
    peak = max(max(left), -min(left)) / 32768
    every = left[::7]
    rms = math.sqrt(sum(x * x for x in every) / len(every)) / 32768
    assert peak < 0.5, "peaks stay well below clipping"
    assert 0.01 < rms < 0.08, "quiet, but not silent"
    # The loop point: the last sample leads into the first like any other pair does.
    steps = sorted(abs(left[i + 1] - left[i]) for i in range(0, len(left) - 1, 7))
    typical = steps[int(len(steps) * 0.99)]
    assert abs(left[0] - left[-1]) <= typical


@pytest.mark.parametrize("name", SOUNDS)
def test_each_interface_sound_is_short_and_soft(name: str) -> None:
    path = SOUND_DIR / f"{name}.ogg"
    assert path.read_bytes()[:4] == b"OggS"
    pygame.mixer.init()
    assert pygame.mixer.Sound(str(path)).get_length() < 0.5
    samples, _ = decoded(path)
    assert max(max(samples), -min(samples)) / 32768 < 0.4


def test_the_audio_has_a_licence_and_a_readme() -> None:
    for folder in (MUSIC, SOUND_DIR):
        assert "CC BY 4.0" in (folder / "LICENSE.md").read_text("utf-8")
        assert (folder / "README.md").is_file()
    assert "make_audio" in (MUSIC / "README.md").read_text("utf-8")


# -- the mixer in the window ----------------------------------------------------------------


def test_no_mixer_while_both_volumes_are_zero(make_app: Callable[..., App]) -> None:
    pygame.mixer.quit()
    app = make_app(music_volume=0, sound_volume=0)
    app.start_game()
    pump(app)
    assert pygame.mixer.get_init() is None
    assert app.audio.state == "off"
    app.settings.music_volume = 40
    app.settings_changed()
    pump(app)
    assert pygame.mixer.get_init() is not None
    assert app.audio.playing == "factory"
    app.settings.music_volume = 0
    app.settings.sound_volume = 0
    app.settings_changed()
    assert pygame.mixer.get_init() is None


def test_no_audio_device_means_silence_not_a_crash(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch
) -> None:
    pygame.mixer.quit()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "init", refuse)
    app = make_app(text_speed="instant")
    pump(app)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    to_choices(app)
    key(app, pygame.K_2)
    assert session(app).view.scene_id == "peng"
    assert app.audio.state == "failed"
    app.settings.music_volume = 100
    app.settings_changed()
    assert app.audio.state == "failed" and app.audio.playing is None
    from game.ui.screens.settings import SettingsScreen

    notes = {o.label: o.note for o in SettingsScreen(app).options}
    assert "no sound device" in (notes["Music volume"] or "")


def test_the_music_follows_the_scene_and_crossfades(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="instant")
    pump(app)
    assert app.wanted_mood() == TITLE_MOOD
    assert app.audio.playing == TITLE_MOOD
    app.start_game()
    pump(app)
    assert app.audio.playing == "factory"  # the dormitory
    to_choices(app)
    key(app, pygame.K_2)  # to Old Peng on the factory floor: the same mood
    assert app.audio.playing == "factory"
    to_choices(app)
    key(app, pygame.K_SPACE)  # to the ticket hall
    assert session(app).view.scene_id == "window"
    assert app.audio.playing == "station"
    assert app.audio.channel_busy(0) and app.audio.channel_busy(1), "one fades out as one comes in"


def test_volumes_apply_at_once(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="instant", music_volume=100)
    app.start_game()
    pump(app)
    loop = app.audio._loops["factory"]
    assert loop.get_volume() == pytest.approx(0.8, abs=0.01)
    app.settings.music_volume = 30
    app.settings_changed()
    assert loop.get_volume() == pytest.approx(0.24, abs=0.01)
    app.settings.music_volume = 0
    app.settings_changed()
    assert app.audio.playing is None
    app.settings.music_volume = 70
    app.settings_changed()
    assert app.audio.playing == "factory"


def test_choices_click_and_pages_rustle(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(text_speed="instant")
    played: list[str] = []
    monkeypatch.setattr(app.audio, "play_sound", played.append)
    app.start_game()
    pump(app)
    to_choices(app)
    played.clear()
    key(app, pygame.K_2)
    to_choices(app)
    key(app, pygame.K_SPACE)  # "continue" turns the page to the next scene
    assert played[0] == "choice" and played[-1] == "page"
    assert set(played) == {"choice", "page"}


def test_interface_sounds_play_on_the_mixer(make_app: Callable[..., App]) -> None:
    app = make_app(sound_volume=50)
    for name in SOUNDS:
        app.play_sound(name)
        assert app.audio._sounds[name].get_volume() == pytest.approx(0.35, abs=0.01)


def test_a_scenes_music_field_and_its_lint_warning(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(UI_STORY, folder)
    chapter = folder / "one.yaml"
    text = chapter.read_text("utf-8")
    text = text.replace(
        "    background: dormitory\n", "    background: dormitory\n    music: new_year\n", 1
    )
    text = text.replace("    background: factory_floor\n", "    music: no_such_tune\n", 1)
    chapter.write_text(text, "utf-8")
    story, diagnostics = load_story(folder)
    assert story is not None
    missing = [d for d in diagnostics if d.code == "W105"]
    assert len(missing) == 1 and "music 'no_such_tune'" in missing[0].message
    assert "assets/music/" in missing[0].message
    pygame.init()
    try:
        app = App(
            story,
            str(folder),
            seed=1,
            data_directory=tmp_path / "data",
            asynchronous_art=False,
            persist_settings=False,
            settings=Settings(),
        )
        app.start_game()
        pump(app)
        assert top(app, StoryScreen).mood() == "new_year"
        assert app.audio.playing == "new_year"
        app.choice_delay = 0.0
        to_choices(app)  # the whole text at once, page by page
        key(app, pygame.K_2)  # to Old Peng: music that does not exist keeps the music playing
        assert session(app).view.scene_id == "peng"
        assert app.audio.playing == "new_year"
    finally:
        pygame.quit()


def test_loops_decode_on_a_worker_and_wake_the_window(make_app: Callable[..., App]) -> None:
    from game.ui.audio import AUDIO_READY, Audio

    make_app()  # the window (and its event queue) exists
    audio = Audio(Settings(music_volume=60), ROOT / "story", asynchronous=True)
    audio.set_mood("village")
    assert audio.playing is None  # not decoded yet: the frame is not held up
    event = pygame.event.Event(pygame.NOEVENT)
    for _ in range(100):  # a generous wait, not a timing assertion
        event = pygame.event.wait(200)
        if event.type == AUDIO_READY:
            break
    assert event.type == AUDIO_READY
    audio.collect()
    assert audio.playing == "village"
    audio.close()
