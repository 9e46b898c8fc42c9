"""Self-voicing: a keyboard-only game with the speech log, from the title to an ending;
every focused thing is spoken, in order, and nothing twice in a row; the speaker itself."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.engine import Story
from game.ui.app import App
from game.ui.settings import Settings
from game.ui.speech import (
    SPEECH_LOG_ENV,
    CommandEngine,
    LineReader,
    Pyttsx3Engine,
    Speaker,
    change_words,
    find_engine,
)
from tests.ui.conftest import key, pump, session, to_choices


def voiced_app(
    make_app: Callable[..., App],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    **settings: object,
) -> tuple[App, Path]:
    log = tmp_path / "speech.log"
    monkeypatch.setenv(SPEECH_LOG_ENV, str(log))
    app = make_app(self_voicing=True, **settings)
    app.speaker.engine = None  # the words go to the log only: no sound device needed
    return app, log


def said(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def focused_words(app: App) -> str:
    top = app.top
    group = top.group  # type: ignore[attr-defined]
    return top.describe_button(group.focus, group.focused())


def press(app: App, log: Path, key_code: int) -> list[str]:
    """Press a key; the lines spoken because of it."""
    before = len(said(log))
    key(app, key_code)
    return said(log)[before:]


def test_a_keyboard_only_game_is_spoken_in_order(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app, log = voiced_app(make_app, monkeypatch, tmp_path)
    pump(app)
    lines = said(log)
    assert lines[:2] == [app.story.title, "New game"]
    # The title menu: each item as the focus reaches it.
    for _ in range(len(app.top.group.buttons)):  # type: ignore[attr-defined]
        new = press(app, log, pygame.K_DOWN)
        assert new == [focused_words(app)]
    while app.top.group.focus != 0:  # type: ignore[attr-defined]
        press(app, log, pygame.K_DOWN)
    # The content notes, whole, then their first button.
    new = press(app, log, pygame.K_RETURN)
    assert app.top.name == "notes"
    assert new[0].startswith("Before you begin.") and "The story contains:" in new[0]
    assert new[1] == "Begin"
    # The story: each page as it appears, then the choices, each as the focus moves.
    new = press(app, log, pygame.K_RETURN)
    assert app.top.name == "story"
    assert new and new[0].startswith("The dormitory lights go out at eleven.")
    before = len(said(log))
    to_choices(app)
    pages = said(log)[before:]
    assert pages[0].startswith("Wages came today")
    assert pages[-1].startswith("3 choices:")
    assert press(app, log, pygame.K_DOWN) == ["choice 1 of 3: Send most of it home to Nainai"]
    assert press(app, log, pygame.K_DOWN) == ["choice 2 of 3: Keep it for the tickets"]
    locked = press(app, log, pygame.K_DOWN)
    assert locked == [
        "choice 3 of 3: Buy Qin the phone she asked for."
        " locked: Not enough cash: the phone costs 9,000 yuan"
    ]
    press(app, log, pygame.K_UP)
    # K reads the meters; R repeats the last thing said.
    meters = press(app, log, pygame.K_k)
    assert meters == [
        "Cash 2,750 yuan. Savings book 9,000 yuan. Qin 3 of 10. Lei 6 of 10."
        " Nainai 6 of 10. Each other 6 of 10. Health 7 of 10."
    ]
    assert press(app, log, pygame.K_r) == meters
    # The pause menu: its title, then every item in order.
    new = press(app, log, pygame.K_ESCAPE)
    assert new == ["Paused", "Resume"]
    pause_items = [b.label for b in app.top.group.buttons]  # type: ignore[attr-defined]
    for expected in pause_items[1:]:
        assert press(app, log, pygame.K_DOWN) == [expected]
    press(app, log, pygame.K_DOWN)  # round to Resume
    new = press(app, log, pygame.K_RETURN)
    assert new == ["choice 2 of 3: Keep it for the tickets"]  # back: where the focus is
    # The ledger: its title and the entries in view.
    new = press(app, log, pygame.K_l)
    assert new == ["Ledger", "20 Nov 2006: November wages, 2,100 yuan in, Cash 2,750."]
    press(app, log, pygame.K_ESCAPE)
    # A choice: its notes, the money and meter changes, then the next page.
    press(app, log, pygame.K_2)
    assert session(app).view.scene_id == "peng"
    press(app, log, pygame.K_SPACE)
    press(app, log, pygame.K_SPACE)
    assert session(app).view.scene_id == "window"
    to_choices(app)
    new = press(app, log, pygame.K_2)
    assert new[:4] == [
        "Qin will remember this.",
        "Cash down 190 yuan to 2,560",
        "Qin down 1 to 2",
        "Each other down 1 to 5",
    ]
    assert new[-1] == "Read the ending: press Space."
    # The ending: its lines, the family, the focused button.
    new = press(app, log, pygame.K_SPACE)
    assert app.top.name == "ending"
    assert new[0].startswith("THE END. New Year in the dormitory.")
    assert "You eat them alone." in new[0]
    assert new[1].startswith("The family: Qin 2 of 10.")
    assert new[2] == "Back to the title"
    assert press(app, log, pygame.K_RIGHT) == ["History"]
    # Nothing is said twice in a row, but for R (repeat) which the player asked for.
    lines = said(log)
    repeats = [a for a, b in itertools.pairwise(lines) if a == b]
    assert repeats == [meters[0]]


def test_a_reading_screen_is_read_line_by_line(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app, log = voiced_app(make_app, monkeypatch, tmp_path, text_size="largest")
    app.start_game()
    pump(app)
    to_choices(app)
    new = press(app, log, pygame.K_h)
    assert new[0] == "History"
    first_view = new[1]
    reader = app.top
    assert reader._lines is not None  # type: ignore[attr-defined]
    heard = [first_view]
    for _ in range(40):
        heard += press(app, log, pygame.K_DOWN)
    text = " ".join(heard)
    # Every line of the page was spoken once, in order, as it scrolled in.
    spoken_lines = [t for style, t, _ in reader._lines if style != "rule" and t]  # type: ignore[attr-defined]
    assert " ".join(spoken_lines) == text


def test_the_v_key_and_the_settings_screen(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app, log = voiced_app(make_app, monkeypatch, tmp_path)
    app.settings.self_voicing = False
    pump(app)
    assert said(log) == []
    key(app, pygame.K_v)
    assert app.settings.self_voicing
    lines = said(log)
    assert lines[0].startswith("Self-voicing on.")
    assert lines[1] == "No speech engine found: install espeak-ng or pyttsx3."
    assert lines[2:] == [app.story.title, focused_words(app)]
    from game.ui.screens.settings import SettingsScreen

    app.push(SettingsScreen(app))
    pump(app)
    assert said(log)[-2:] == ["Settings", focused_words(app)]
    labels = [o.label for o in app.top.options]  # type: ignore[attr-defined]
    while app.top.options[app.top.group.focus].label != "Speech rate":  # type: ignore[attr-defined]
        key(app, pygame.K_DOWN)
    assert said(log)[-1] == "Speech rate: 180 wpm. words a minute"
    key(app, pygame.K_RIGHT)  # a value changing is spoken too
    assert said(log)[-1] == "Speech rate: 210 wpm. words a minute"
    assert app.speaker.rate == 210
    assert "Reading font" in labels and "Line spacing" in labels
    voicing = labels.index("Self-voicing")
    note = app.top.options[voicing].note  # type: ignore[attr-defined]
    assert note is not None and note.startswith("No speech engine found")
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_v)
    assert not app.settings.self_voicing
    assert said(log)[-1] == "Self-voicing off"
    count = len(said(log))
    key(app, pygame.K_DOWN)
    key(app, pygame.K_r)
    assert len(said(log)) == count  # off: silent, R and K do nothing


def test_classroom_mode_speaks_too(
    story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.conftest import UI_STORY

    log = tmp_path / "speech.log"
    monkeypatch.setenv(SPEECH_LOG_ENV, str(log))
    pygame.init()
    try:
        app = App(
            story,
            str(UI_STORY),
            seed=1,
            classroom=True,
            data_directory=tmp_path / "data",
            asynchronous_art=False,
            persist_settings=False,
            settings=Settings(self_voicing=True, text_speed="instant"),
        )
        app.speaker.engine = None
        app.choice_delay = 0.0
        app.start_game()
        pump(app)
        to_choices(app)
        key(app, pygame.K_DOWN)
        assert said(log)[-1] == "choice 1 of 3: Send most of it home to Nainai"
    finally:
        pygame.quit()


# -- the speaker ---------------------------------------------------------------------------
class FakeEngine:
    name = "fake"

    def __init__(self) -> None:
        self.spoken: list[tuple[str, int, int]] = []
        self.stops = 0
        self.gate = threading.Event()

    def speak(self, text: str, rate: int, volume: int) -> None:
        self.gate.wait(2)
        self.spoken.append((text, rate, volume))

    def stop(self) -> None:
        self.stops += 1


def test_the_speaker_speaks_on_a_worker_thread(tmp_path: Path) -> None:
    engine = FakeEngine()
    speaker = Speaker(engine, tmp_path / "log.txt", rate=150, volume=80)
    started = time.perf_counter()
    speaker.say("one")
    speaker.say("two", interrupt=False)
    assert time.perf_counter() - started < 0.5  # say() never waits for the voice
    engine.gate.set()
    for _ in range(200):
        if len(engine.spoken) >= 2:
            break
        time.sleep(0.01)
    speaker.close()
    assert [s[0] for s in engine.spoken][-1] == "two"
    assert engine.spoken[-1][1:] == (150, 80)
    assert (tmp_path / "log.txt").read_text(encoding="utf-8") == "one\ntwo\n"
    speaker.repeat()
    assert speaker.spoken[-1] == "two"


def test_interrupting_drops_what_waits(tmp_path: Path) -> None:
    engine = FakeEngine()
    speaker = Speaker(engine)
    speaker.say("first")
    speaker.say("queued", interrupt=False)
    speaker.say("now")  # interrupts: "queued" is never spoken
    engine.gate.set()
    for _ in range(200):
        if engine.spoken and engine.spoken[-1][0] == "now":
            break
        time.sleep(0.01)
    speaker.close()
    assert "queued" not in [s[0] for s in engine.spoken]
    assert engine.stops >= 1


def test_engines_are_found_in_order_and_run_without_a_shell() -> None:
    found = find_engine(lambda name: f"/usr/bin/{name}", allow_library=False)
    assert isinstance(found, CommandEngine) and found.name == "espeak-ng"
    command = found.command("-rf; echo hi", 180, 50)
    assert command == ["/usr/bin/espeak-ng", "-s", "180", "-a", "50", "--", "-rf; echo hi"]
    spd = find_engine(lambda n: "/bin/spd-say" if n == "spd-say" else None, allow_library=False)
    assert isinstance(spd, CommandEngine)
    assert spd.command("hi", 180, 100)[-2:] == ["--", "hi"]
    assert find_engine(lambda name: None, allow_library=False) is None
    silent = Speaker(None)
    silent.say("nothing breaks")
    assert silent.engine_name is None and silent.last == "nothing breaks"


def test_words_for_changes_and_scrolling() -> None:
    assert change_words("Cash", 1480, 1290, money=True) == "Cash down 190 yuan to 1,290"
    assert change_words("Qin", 3, 4) == "Qin up 1 to 4"
    reader = LineReader()
    assert reader.step(0, 5) == [0, 1, 2, 3, 4]
    assert reader.step(0, 5) == []
    assert reader.step(1, 6) == [5]
    assert reader.step(0, 5) == [0]


@pytest.mark.parametrize("bad", [17, "fast", None, True])
def test_speech_settings_are_read_defensively(bad: object) -> None:
    data = Settings().to_json() | {"speech_rate": bad, "self_voicing": bad, "reading_font": bad}
    settings = Settings.from_json(data)
    assert settings.speech_rate == 180
    assert settings.reading_font == "standard"
    assert settings.self_voicing is (bad is True)
    good = Settings.from_json(
        Settings(self_voicing=True, speech_rate=240, reading_font="dyslexic").to_json()
    )
    assert (good.self_voicing, good.speech_rate, good.reading_font) == (True, 240, "dyslexic")


def test_a_shot_writes_its_speech_log(tmp_path: Path) -> None:
    from game.ui.shot import render_shot
    from tests.ui.conftest import UI_STORY

    log = tmp_path / "speech.log"
    render_shot(
        "story",
        str(UI_STORY),
        None,
        (1280, 720),
        str(tmp_path / "story.png"),
        reveal=True,
        speech_log=str(log),
    )
    lines = said(log)
    assert lines == [
        "Wages came today: two envelopes, thin and warm from the supervisor’s pocket.",
        "3 choices: Up and Down to hear them, a number or Enter to choose.",
    ]
    render_shot("title", str(UI_STORY), None, (1280, 720), str(tmp_path / "title.png"))
    assert said(log) == lines  # no --speech-log: nothing more is written


def test_a_mod_is_spoken_like_the_story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example mod's extra choice and glossary term are read out like the story's."""
    from game.engine.loader import load_story
    from game.paths import MODS_DIR, STORY_DIR
    from game.ui.screens.glossary import GlossaryScreen
    from game.ui.shot import path_to_scene

    mod = str(MODS_DIR / "night_train")
    story, diagnostics = load_story(STORY_DIR, mods=[mod])
    assert story is not None, diagnostics
    log = tmp_path / "speech.log"
    monkeypatch.setenv(SPEECH_LOG_ENV, str(log))
    pygame.init()
    try:
        app = App(
            story,
            str(STORY_DIR),
            seed=1,
            data_directory=tmp_path / "data",
            asynchronous_art=False,
            persist_settings=False,
            settings=Settings(self_voicing=True, text_speed="instant"),
            mods=[mod],
            audio=False,
        )
        app.speaker.engine = None
        app.choice_delay = 0.0
        app.start_game()
        session = app.session
        assert session is not None
        for choice_id in path_to_scene(story, 1, "ch1_train"):
            session.choose(choice_id)
        app.top.on_resume()
        pump(app)
        to_choices(app)
        heard: list[str] = []
        for _ in range(len(session.view.choices)):
            heard += press(app, log, pygame.K_DOWN)
        assert any("Offer an orange to the girl in the school tracksuit" in h for h in heard)
        app.push(GlossaryScreen(app))
        pump(app)
        for _ in range(200):
            if "Dagongmei" in " ".join(said(log)):
                break
            key(app, pygame.K_PAGEDOWN)
        assert "Dagongmei" in " ".join(said(log))
    finally:
        pygame.quit()


class BlockingVoice:
    """A pyttsx3 engine whose stop() blocks until released, as eSpeak NG's driver does
    without a sound device."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.said: list[str] = []

    def setProperty(self, name: str, value: object) -> None:
        pass

    def say(self, text: str) -> None:
        self.said.append(text)

    def runAndWait(self) -> None:
        pass

    def stop(self) -> None:
        self.release.wait(10)


class BlockingModule:
    def __init__(self) -> None:
        self.voice = BlockingVoice()

    def init(self) -> BlockingVoice:
        return self.voice


def test_a_voice_that_blocks_in_stop_never_blocks_the_window() -> None:
    module = BlockingModule()
    speaker = Speaker(Pyttsx3Engine(module))
    speaker.say("first")
    deadline = time.monotonic() + 5
    while not module.voice.said and time.monotonic() < deadline:
        time.sleep(0.01)
    start = time.monotonic()
    for word in ("second", "third", "fourth"):
        speaker.say(word)  # each interrupts: stop() runs off the caller's thread
    assert time.monotonic() - start < 0.5
    module.voice.release.set()
    speaker.close()


def test_on_linux_the_commands_come_before_the_library() -> None:
    import sys

    found = find_engine(lambda name: f"/usr/bin/{name}")
    if sys.platform.startswith("linux"):
        assert isinstance(found, CommandEngine)
