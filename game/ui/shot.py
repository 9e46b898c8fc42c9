"""Screenshots without a display: ``python main.py shot --screen NAME -o FILE.png``.

Renders one screen of the window with SDL's dummy video driver, exactly as the window
draws it, and writes a PNG. Saves and settings go to a temporary folder, so a shot never
touches the player's own saves. For ``story``, ``ledger`` and ``ending`` a scene can be
named; the game then finds a way there by playing (a breadth-first search over the
choices, seeded); ``ending`` with no scene plays seeded random choices until an ending.
``reveal`` shows a story scene's last page, with its choices, instead of its first
(a scene whose text takes several pages shows the "more" sign on its first page).
"""

from __future__ import annotations

import os
import random
import tempfile
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.engine import Runner, Story, load_story
from game.errors import LastTrainHomeError
from game.i18n import language, set_language
from game.play.language import default_language, player_languages
from game.play.session import GameSession
from game.saves import AUTOSAVE, QUICKSAVE

if TYPE_CHECKING:
    from game.ui.app import App

SCREENS = (
    "title",
    "story",
    "ledger",
    "settings",
    "load",
    "save",
    "ending",
    "glossary",
    "meters",
    "pause",
    "language",
)
MAX_SEARCH = 20_000
MAX_RANDOM_STEPS = 2_000


class ShotError(LastTrainHomeError):
    """A shot that cannot be made (unknown screen, broken story, unreachable scene)."""


def path_to_scene(story: Story, seed: int, scene_id: str) -> list[str]:
    """Choice ids leading from the start to ``scene_id``, found breadth-first."""
    if scene_id not in story.scenes:
        raise ShotError(f"unknown scene '{scene_id}'")
    start = Runner(story, seed=seed, record_text=False)
    if start.scene_id == scene_id:
        return []
    queue: deque[tuple[dict[str, Any], list[str]]] = deque([(start.to_json(), [])])
    seen = {start.scene_id}
    explored = 0
    while queue and explored < MAX_SEARCH:
        state, path = queue.popleft()
        for choice_id in Runner.from_json(story, state).available_choice_ids():
            explored += 1
            runner = Runner.from_json(story, state)
            runner.choose(choice_id)
            if runner.scene_id == scene_id:
                return [*path, choice_id]
            if runner.scene_id not in seen:
                seen.add(runner.scene_id)
                queue.append((runner.to_json(), [*path, choice_id]))
    raise ShotError(f"scene '{scene_id}' could not be reached from the start with seed {seed}")


def play_random(session: GameSession, seed: int, until_ending: bool, steps: int) -> None:
    """Make seeded random choices: ``steps`` of them, or until an ending."""
    rng = random.Random(seed)
    for _n in range(MAX_RANDOM_STEPS if until_ending else steps):
        view = session.view
        if view.kind == "ending":
            return
        ids = [c.id for c in view.choices if c.enabled]
        if not ids:
            return
        session.choose(rng.choice(ids))
    if until_ending and session.view.kind != "ending":
        raise ShotError("no ending reached by random play")


def _new_game(app: App) -> GameSession:
    """Start a new game in ``app`` and return its session."""
    app.start_game()
    session = app.session
    if session is None:
        raise ShotError("the game did not start")
    return session


def _sample_saves(app: App, seed: int) -> None:
    """A few saves at different points, and one damaged file, for the Load screen shot."""
    session = _new_game(app)
    session._played_before = 0.0
    plan = [("1", 2, 540.0), ("2", 3, 1260.0), (QUICKSAVE, 2, 1500.0), ("4", 3, 2220.0)]
    for slot, steps, seconds in plan:
        play_random(session, seed + len(slot) + steps, until_ending=False, steps=steps)
        session._played_before = seconds
        session._started = session._clock()
        app.save_slot(slot)
    app.save_slot(AUTOSAVE)
    app.saves.path("6").write_text('{"format_version": 1, "story_id": ', encoding="utf-8")


def render_shot(
    screen: str,
    story_dir: str,
    scene: str | None,
    size: tuple[int, int],
    out_path: str,
    seed: int = 1,
    reveal: bool = False,
    text_size: str = "medium",
    high_contrast: bool = False,
    speech_log: str | None = None,
    mods: Sequence[str] = (),
    lang: str | None = None,
) -> None:
    """Render ``screen`` at ``size`` to a PNG at ``out_path``. Raises ShotError on failure.

    ``mods`` are laid over the story as ``play --mod`` lays them (their scenes, characters
    and art).

    ``speech_log`` appends what self-voicing says about the screen to that file, a line
    an utterance (nothing is spoken aloud: ``espeak-ng -f FILE`` reads it).
    """
    if screen not in SCREENS:
        raise ShotError(f"unknown screen '{screen}' (one of: {', '.join(SCREENS)})")
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    # pygame and the window's modules load only now, after SDL is told to draw without
    # a display (deliberate lazy imports: the driver is read when pygame starts).
    import pygame

    from game.ui.settings import Settings

    previous = language()
    if lang is not None:
        set_language(lang)  # back to the language before when the shot is made
    story, diagnostics = load_story(story_dir, list(mods), lang=language())
    errors = [d for d in diagnostics if getattr(d, "severity", "error") == "error"]
    if story is None or errors:
        set_language(previous)
        raise ShotError(
            "the story has errors:\n" + "\n".join(str(d) for d in errors or diagnostics)
        )
    pygame.display.init()
    pygame.font.init()
    try:
        with tempfile.TemporaryDirectory(prefix="lth-shot-") as folder:
            from game.ui.app import App

            app = App(
                story,
                story_dir,
                seed=seed,
                mods=list(mods),
                data_directory=Path(folder),
                size=size,
                asynchronous_art=False,
                persist_settings=False,
                settings=Settings(
                    window_size=size,
                    text_size=text_size,
                    high_contrast=high_contrast,
                    self_voicing=speech_log is not None,
                ),
                audio=False,
            )
            app.speaker.engine = None  # a shot is silent; the log has the words
            app.speaker.log_path = Path(speech_log) if speech_log is not None else None
            try:
                _arrange(app, screen, scene, seed, reveal)
                surface = app.draw()
                Path(out_path).parent.mkdir(parents=True, exist_ok=True)
                pygame.image.save(surface, out_path)
            finally:
                app.writer.close()  # the autosaves are written before the folder goes
    finally:
        pygame.quit()
        set_language(previous)


def _arrange(app: App, screen: str, scene: str | None, seed: int, reveal: bool = False) -> None:
    """Put the app in the state the shot shows."""
    from game.ui.screens.ending import EndingScreen
    from game.ui.screens.glossary import GlossaryScreen
    from game.ui.screens.language import LanguageScreen
    from game.ui.screens.ledger import LedgerScreen
    from game.ui.screens.meters import MetersScreen
    from game.ui.screens.pause import PauseScreen
    from game.ui.screens.saves import SavesScreen
    from game.ui.screens.settings import SettingsScreen
    from game.ui.screens.story import StoryScreen

    if screen == "title":
        return
    if screen == "language":
        languages = player_languages(language())
        app.push(LanguageScreen(app, languages, default_language(languages)))
        return
    if screen == "settings":
        app.push(SettingsScreen(app))
        return
    if screen == "load":
        _sample_saves(app, seed)
        app.go_title()
        app.push(SavesScreen(app, "load"))
        return
    session = _new_game(app)
    if scene is not None:
        for choice_id in path_to_scene(app.story, seed, scene):
            session.choose(choice_id)
    elif screen == "ledger":
        play_random(session, seed, until_ending=False, steps=12)
    elif screen == "ending":
        play_random(session, seed, until_ending=True, steps=0)
    story_screen = app.top
    assert isinstance(story_screen, StoryScreen)
    story_screen.on_resume()
    story_screen.hud.update(10.0, True)
    if reveal:
        story_screen.page = len(story_screen._layout().pages) - 1
    story_screen.typewriter.finish()
    story_screen._page_revealed()
    if screen == "ledger":
        app.push(LedgerScreen(app))
    elif screen == "ending":
        if session.view.kind != "ending":
            raise ShotError(f"scene '{session.view.scene_id}' is not an ending")
        app.push(EndingScreen(app))
    elif screen == "glossary":
        app.push(GlossaryScreen(app))
    elif screen == "meters":
        app.push(MetersScreen(app))
    elif screen == "pause":
        app.push(PauseScreen(app))
    elif screen == "save":
        app.push(SavesScreen(app, "save"))
    app.toasts.clear()
