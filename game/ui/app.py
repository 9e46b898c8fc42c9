"""The window: creating it, the event loop, scaling and letterboxing, fullscreen, screens.

``run_window`` is what ``python main.py`` calls. The loop redraws only when something
changed or animates; while the player reads, it sleeps in ``pygame.event.wait`` so the
idle window costs next to no CPU. Window-wide keys live here: F11 and Alt+Enter for
fullscreen, F5 quicksave, F9 quickload, F6 live reload of the story files (a writer's
key: the game goes on from the same state; errors show in an overlay and the old
story plays on), F3 the writer's debug overlay (game/ui/screens/debug.py; not in
classroom mode). The music follows the screens (see game/ui/audio.py).

Self-voicing (V toggles it, R repeats, K reads the meters) is hooked here once: after
each drawn frame the top screen says what it shows (:meth:`Screen.speech`: its title,
the focused button, a revealed page, the lines scrolled into view) and only what
changed is spoken, after the notes (toasts) of the same moment (game/ui/speech.py).
"""

from __future__ import annotations

import dataclasses
import os
import random
import sys
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.engine import (
    STATE_CODES,
    Diagnostic,
    ReloadResult,
    Runner,
    Story,
    load_save,
    load_story,
    reload_game,
)
from game.i18n import N_, _, catalog_dirs, language, ngettext
from game.i18n import set_language as use_language
from game.play.language import (
    chosen_language,
    default_language,
    needs_language_choice,
    player_languages,
)
from game.play.session import GameSession, LoadFailed, LoadNeedsMods
from game.play.starting import StartPlan, new_runner
from game.records import RECORDS_FOLDER, STRAY_AGE
from game.saves import QUICKSAVE, SaveStore, data_dir
from game.storage import remove_stray_temp_files
from game.ui.art import ART_READY, ArtCache
from game.ui.audio import AUDIO_READY, Audio
from game.ui.host import Screen
from game.ui.idle import EventWaiter
from game.ui.layout import TEXT_SIZE_PX, Viewport, fit_viewport, wrap_text
from game.ui.saving import BackgroundWriter, QueuedSession
from game.ui.screens.debug import DebugScreen
from game.ui.screens.language import LanguageScreen
from game.ui.screens.reload import ReloadErrorsScreen
from game.ui.screens.story import StoryScreen
from game.ui.screens.title import ContentNotesScreen, TitleScreen
from game.ui.settings import Settings, SettingsStore
from game.ui.speech import Speaker, meter_words
from game.ui.text import Face, Fonts
from game.ui.theme import Theme, theme_for
from game.ui.widgets import clear_caches, draw_panel

DESIGN_SIZE = (1280, 720)
#: A key meant to hurry the text must never pick a choice that just appeared.
CHOICE_DELAY = 0.3
#: The text size of whole-class play: readable from the back of a classroom.
CLASS_TEXT_SIZE = "largest"
MIN_WINDOW = (640, 360)
FRAME_SECONDS = 1 / 60  # while something slides or fades
TEXT_FRAME_SECONDS = 1 / 30  # while only the typewriter runs: half the work, looks the same
IDLE_WAIT_MS = 10_000
#: SDL video drivers that mean "no display": the game refuses them unless asked for.
HEADLESS_DRIVERS = ("offscreen", "dummy")
NO_DISPLAY_EXIT = 3
NO_DISPLAY_MESSAGE = N_(
    "Last Train Home cannot open a window: {reason}.\n"
    "Play in the terminal instead:\n"
    "    python main.py play --text\n"
    "(or start the game from a desktop session with a display)"
)
TOAST_SECONDS = 3.2
#: Where notes go on a screen that names no place (design units: x, y, w, h).
DEFAULT_TOAST_AREA = (700.0, 12.0, 556.0, 140.0)

CE_MESSAGE = N_(
    "Last Train Home needs pygame-ce, the maintained community edition of pygame.\n"
    "The classic 'pygame' package is installed instead. Fix it with:\n"
    "    python -m pip uninstall pygame\n"
    "    python -m pip install pygame-ce\n"
    "(the two packages both provide the 'pygame' module, so never install both)"
)


def display_surface() -> pygame.Surface:
    """The window's surface (the window is always open while the app runs)."""
    surface = pygame.display.get_surface()
    if surface is None:
        raise RuntimeError("the game window is not open")
    return surface


@dataclass
class Toast:
    text: str
    seconds: float = TOAST_SECONDS
    #: The note's drawn box, kept between frames, and what it was drawn for.
    box: pygame.Surface | None = dataclasses.field(default=None, repr=False, compare=False)
    box_key: tuple[object, ...] = dataclasses.field(default=(), repr=False, compare=False)


class App:
    """The running window: settings, the screen stack, the current game and drawing."""

    def __init__(
        self,
        story: Story,
        story_dir: str,
        seed: int | None = None,
        classroom: bool = False,
        data_directory: Path | None = None,
        size: tuple[int, int] | None = None,
        asynchronous_art: bool = True,
        persist_settings: bool = True,
        settings: Settings | None = None,
        mods: list[str] | None = None,
        audio: bool = True,
        record_dir: Path | None = None,
        plan: StartPlan | None = None,
        class_vote: bool = False,
        cli_language: str | None = None,
    ) -> None:
        self.story = story
        #: Whole-class play on one projector: votes by hands, projector-size text.
        self.class_vote = class_vote
        #: A lesson path ends at these scenes (set when a game starts from a plan).
        self.lesson_until: tuple[str, ...] = ()
        self.story_dir = story_dir
        self.mods = list(mods or [])
        self.seed = seed
        self.classroom = classroom or class_vote
        folder = data_directory if data_directory is not None else data_dir()
        #: Where decision records go; named by the teacher (--record-dir) or the default.
        self.record_dir = record_dir
        self.records_folder = record_dir if record_dir is not None else folder / RECORDS_FOLDER
        self.settings_store = SettingsStore(folder)
        self.persist_settings = persist_settings
        #: The first start: no settings file yet (the language is asked for, see below).
        first_start = settings is None and persist_settings and not self.settings_store.exists()
        self.settings = settings if settings is not None else self.settings_store.load()
        if class_vote:
            # Projector-size text for this game only: the player's own settings stay.
            self.settings = dataclasses.replace(self.settings, text_size=CLASS_TEXT_SIZE)
            self.persist_settings = False
        # Every slot is checked by restoring it against the story being played (the
        # current one, after a live reload too), so the load screen marks a save that
        # cannot be restored as damaged and Continue passes it by.
        self.saves = SaveStore(
            story.id, folder / "saves", validate=lambda runner: load_save(self.story, runner)
        )
        remove_stray_temp_files(self.records_folder, older_than=STRAY_AGE)
        #: Autosaves are written on a worker thread, in order (game/ui/saving.py).
        self.writer = BackgroundWriter()
        self.fonts = Fonts()
        self.fonts.configure(self.settings.reading_font, self.settings.line_spacing)
        self.art = ArtCache(
            asynchronous=asynchronous_art, story_root=story.root, mod_roots=story.mod_roots
        )
        self.audio = Audio(
            self.settings, story.root, self.mods, asynchronous=asynchronous_art, enabled=audio
        )
        self.audio.apply_settings()
        #: Self-voicing: speaks on a worker thread; LTH_SPEECH_LOG=FILE logs every line.
        self.speaker = Speaker.from_environment(
            self.settings.speech_rate, self.settings.speech_volume
        )
        self._speech_pending: list[str] = []
        self._speech_seen: weakref.WeakKeyDictionary[Screen, dict[str, object]] = (
            weakref.WeakKeyDictionary()
        )
        self._speech_top: Screen | None = None
        self.session: GameSession | None = None  # a QueuedSession: autosaves off the frame
        self.screens: list[Screen] = []
        self.toasts: list[Toast] = []
        self._toast_layout: tuple[object, list[tuple[pygame.Rect, list[str], Face]]] | None = None
        self.running = True
        self.dirty = True
        self.frames_drawn = 0
        #: --quit-after-frames: close the window after this many frames (smoke tests).
        self.quit_after_frames: int | None = None
        self.smooth = False  # set during update when an animation needs 60 frames a second
        #: Seconds choices must be on screen before they take input (tests set 0).
        self.choice_delay = CHOICE_DELAY
        self.windowed_size = size or self.settings.window_size
        self._open_window(self.settings.fullscreen and size is None)
        self.waiter = EventWaiter()
        self.push(TitleScreen(self))
        if plan is not None and not plan.is_story_start:
            if plan.label.startswith("from:"):
                self.start_game(plan)  # a writer's jump: straight into the scene
            else:
                self.push(ContentNotesScreen(self, plan))
        languages = player_languages()
        if first_start and cli_language is None and needs_language_choice(False, languages):
            # Before anything else (the content notes too): the player's language.
            self.push(LanguageScreen(self, languages, default_language(languages)))

    # -- window -------------------------------------------------------------------------
    def _open_window(self, fullscreen: bool) -> None:
        if fullscreen:
            surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            w = max(MIN_WINDOW[0], self.windowed_size[0])
            h = max(MIN_WINDOW[1], self.windowed_size[1])
            surface = pygame.display.set_mode((w, h), pygame.RESIZABLE)
        pygame.display.set_caption(self.story.title)
        self.window = surface
        self._fit()

    def _fit(self) -> None:
        self.window = display_surface()
        w, h = self.window.get_size()
        self.vp: Viewport = fit_viewport(w, h)
        clear_caches()
        for screen in self.screens:
            screen.relayout()
        self.dirty = True

    def viewport_rect(self) -> pygame.Rect:
        return pygame.Rect(self.vp.x, self.vp.y, self.vp.w, self.vp.h)

    def toggle_fullscreen(self) -> None:
        self.set_fullscreen(not self.settings.fullscreen)

    def set_fullscreen(self, on: bool) -> None:
        if on and not self.settings.fullscreen:
            self.windowed_size = self.window.get_size()
        self.settings.fullscreen = on
        self._open_window(on)
        if not on:
            # Leaving fullscreen gives back the window the player had before.
            self.settings.window_size = self.window.get_size()
        self.save_settings()

    # -- look -----------------------------------------------------------------------------
    @property
    def theme(self) -> Theme:
        return theme_for(self.settings.high_contrast)

    @property
    def body_px(self) -> int:
        return TEXT_SIZE_PX[self.settings.text_size][0]

    @property
    def ui_px(self) -> int:
        return TEXT_SIZE_PX[self.settings.text_size][1]

    def face(self, name: str, design_px: int) -> Face:
        return self.fonts.face(name, design_px, self.vp.scale)

    def settings_changed(self) -> None:
        """A setting changed on the Settings screen: apply it and keep it."""
        self.save_settings()
        self.audio.apply_settings()
        self.fonts.configure(self.settings.reading_font, self.settings.line_spacing)
        self.speaker.rate = self.settings.speech_rate
        self.speaker.volume = self.settings.speech_volume
        clear_caches()
        for screen in self.screens:
            screen.relayout()
        self.dirty = True

    def set_language(self, code: str) -> None:
        """Switch the menus and the story to ``code`` at once, keeping the player's place:
        the story is loaded again in that language (through :func:`load_story_files`),
        every screen on the stack shows its labels anew, and the choice is kept in
        settings.json (key ``language``)."""
        code = use_language(code, extra_dirs=catalog_dirs()[1:])  # a mod's catalogues stay
        self.settings.language = code
        self.save_settings()
        self.reload_story(announce=False)
        pygame.display.set_caption(self.story.title)
        clear_caches()
        for screen in self.screens:
            screen.language_changed()
        self.dirty = True

    def save_settings(self) -> None:
        if self.persist_settings:
            self.settings_store.save(self.settings)

    @property
    def undo_allowed(self) -> bool:
        return self.settings.undo_allowed and not self.classroom

    # -- screens --------------------------------------------------------------------------
    @property
    def top(self) -> Screen:
        return self.screens[-1]

    def push(self, screen: Screen) -> None:
        self.screens.append(screen)
        self.dirty = True

    def pop(self) -> None:
        if len(self.screens) > 1:
            self.screens.pop()
            self.screens[-1].on_resume()
        self.dirty = True

    def replace_all(self, screen: Screen) -> None:
        self.screens = [screen]
        self.dirty = True

    def find(self, name: str) -> Screen | None:
        for screen in reversed(self.screens):
            if screen.name == name:
                return screen
        return None

    @property
    def records_automatically(self) -> bool:
        """Classroom mode, or a teacher's folder, saves the decisions at the ending."""
        return self.classroom or self.record_dir is not None

    def save_decisions(self, *, path_end: bool = False) -> Path | None:
        """Write this game's decision record (finished, at the ending or a lesson path's
        end) and tell the player where it went."""
        session = self.session
        if session is None:
            return None
        session.record_folder = session.record_folder or self.records_folder
        path = session.write_record(path_end=path_end or self.at_lesson_end(session))
        if path is None:
            self.toast(session.last_record_error or _("Could not save your decisions"), seconds=8)
            return None
        self.toast(saved_message(path), seconds=8)
        return path

    def at_lesson_end(self, session: GameSession) -> bool:
        return session.view.scene_id in self.lesson_until

    def _classroom_records(self, session: GameSession) -> None:
        """Classroom mode: the record is written after every decision from now on."""
        session.classroom = self.classroom
        if self.records_automatically:
            session.record_folder = self.records_folder

    def toast(self, text: str, seconds: float = TOAST_SECONDS) -> None:
        self.toasts = [*[t for t in self.toasts if t.text != text][-2:], Toast(text, seconds)]
        self.speak(text)
        self.dirty = True

    # -- self-voicing ---------------------------------------------------------------------
    @property
    def self_voicing(self) -> bool:
        return self.settings.self_voicing

    def speak(self, text: str) -> None:
        """Say ``text`` with the next announcement (in order, after what came before)."""
        if self.settings.self_voicing and text:
            self._speech_pending.append(text)
            self.dirty = True

    def announce(self) -> None:
        """Speak the notes waiting and whatever the top screen shows that changed.

        Each screen keeps, per slot (title, focus, page, lines), the key of what was
        last said, so the same focus is never spoken twice in a row; a screen shown
        again after the one above it closes says its focus again.
        """
        if not self.settings.self_voicing or not self.screens:
            self._speech_pending.clear()
            return
        top = self.top
        seen = self._speech_seen.setdefault(top, {})
        if top is not self._speech_top:
            if self._speech_top is not None and top in self._speech_seen and seen:
                seen.pop("focus", None)  # back from a screen above: where am I?
            self._speech_top = top
        said = list(self._speech_pending)
        self._speech_pending.clear()
        for slot, key, text in top.speech():
            if seen.get(slot) != key:
                seen[slot] = key
                said.append(text)
        if said:
            self.speaker.say_all(said)

    def toggle_self_voicing(self) -> None:
        on = not self.settings.self_voicing
        self.settings.self_voicing = on
        self.save_settings()
        if on:
            self._speech_seen.pop(self.top, None)  # say the whole screen from the start
            self.speak(_("Self-voicing on. V turns it off, R repeats, K reads the meters."))
            if self.speaker.engine is None:
                self.speak(_("No speech engine found: install espeak-ng or pyttsx3."))
        else:
            self._speech_pending.clear()
            self.speaker.say(_("Self-voicing off"))
        self.dirty = True

    def repeat_speech(self) -> None:
        if self.settings.self_voicing:
            self.speaker.repeat()

    def read_meters(self) -> None:
        """K: every meter with its number, in the HUD's order."""
        if self.session is None:
            self.speak(_("No game is running: no meters yet"))
            return
        self.speak(meter_words(self.session.view.meters))

    def play_sound(self, name: str) -> None:
        self.audio.play_sound(name)

    def wanted_mood(self) -> str | None:
        """The music the screens ask for: the top-most screen that has a mood decides."""
        for screen in reversed(self.screens):
            mood = getattr(screen, "mood", None)
            if mood is not None:
                wanted = mood()
                return wanted if isinstance(wanted, str) else None
        return None

    # -- the game ---------------------------------------------------------------------------
    def new_seed(self) -> int:
        return self.seed if self.seed is not None else random.SystemRandom().randrange(1, 2**31)

    def flush_saves(self) -> None:
        """Wait for the autosaves still being written (before the saves are read)."""
        self.writer.flush()
        for error in self.writer.take_errors():
            self.toast(error)

    def _adopt_session(self, session: GameSession) -> GameSession:
        if isinstance(session, QueuedSession):
            session.writer = self.writer
        return session

    def start_game(self, plan: StartPlan | None = None) -> None:
        """A new game: from the story's start, or from a chapter start or lesson path."""
        seed = self.new_seed()
        self.flush_saves()
        if plan is None or plan.is_story_start:
            self.session = self._adopt_session(QueuedSession.new(self.story, seed, self.saves))
            self.lesson_until = ()
        else:
            runner = new_runner(self.story, seed, plan)
            self.session = QueuedSession(
                self.story, runner, self.saves, start_meters=runner.view().meters
            )
            self.session.autosave()
            self._adopt_session(self.session)
            self.lesson_until = plan.until
        self._classroom_records(self.session)
        self._note_save_error()
        self.replace_all(StoryScreen(self))

    def load_slot(self, slot: str) -> bool:
        """Load a save and show its scene; on failure say why and stay where we are."""
        self.flush_saves()
        try:
            session = QueuedSession.from_slot(self.story, self.saves, slot)
        except LoadNeedsMods as exc:
            self.toast(_("Cannot load: {reason}").format(reason=exc), 12.0)
            return False
        except LoadFailed as exc:
            self.toast(_("Cannot load: {reason}").format(reason=exc))
            return False
        self.session = self._adopt_session(session)
        self._classroom_records(session)
        self.lesson_until = ()
        self.replace_all(StoryScreen(self))
        if session.notice:
            self.toast(session.notice)
        return True

    def save_slot(self, slot: str) -> bool:
        if self.session is None:
            return False
        self.flush_saves()
        try:
            self.session.save(slot)
        except OSError as exc:
            self.toast(_("Could not save: {reason}").format(reason=exc.strerror or exc))
            return False
        return True

    def quicksave(self) -> None:
        in_story = self.session is not None and self.find("story") is not None
        if in_story and self.save_slot(QUICKSAVE):
            self.toast(_("Quicksaved (F9 to load it)"))

    def quickload(self) -> None:
        self.flush_saves()
        info = self.saves.info(QUICKSAVE)
        if info.state == "empty":
            self.toast(_("No quicksave yet: F5 makes one"))
            return
        if self.load_slot(QUICKSAVE):
            self.toast(_("Quickloaded"))

    def continue_game(self) -> None:
        self.flush_saves()
        latest = self.saves.latest(needing_mods=True)
        if latest is None:
            self.toast(_("No save to continue"))
            return
        if latest.state == "needs_mods":
            # Going on with an older game would autosave over this one: say what it needs.
            self.toast(_("Cannot continue: {reason}").format(reason=latest.reason or ""), 12.0)
            return
        self.load_slot(latest.slot)

    def go_title(self) -> None:
        if self.session is not None:
            self.session.autosave()
        self.flush_saves()
        self.session = None
        self.replace_all(TitleScreen(self))

    def _note_save_error(self) -> None:
        if self.session is not None and self.session.last_save_error:
            self.toast(self.session.last_save_error)

    def quit(self) -> None:
        if self.session is not None:
            self.session.autosave()
        self.flush_saves()
        self.running = False

    # -- live reload (F6) -------------------------------------------------------------------
    def reload_story(self, announce: bool = True) -> bool:
        """Load the story and mod files again and play on from the same state.

        With errors in the files, an overlay lists them and the old story plays on.
        When the current scene was renamed or is gone, a note says where the game went
        and why (game/engine/reload.py decides), and another what undo lost.
        Returns True when the new files were taken. ``announce`` says so in a note (F6).
        """
        notes: list[str] = []
        if self.session is None:
            story, diagnostics = load_story_files(self.story_dir, self.mods)
            if story is None or any(d.severity == "error" for d in diagnostics):
                self._show_reload_errors(diagnostics)
                return False
            notices: list[Diagnostic] = []
        else:
            result = reload_story_files(self.session.runner, self.story_dir, self.mods)
            runner, diagnostics = result.runner, result.diagnostics
            if runner is None:
                self._show_reload_errors(diagnostics)
                return False
            story = runner.story
            self.session.adopt(story, runner)
            # Where the game went is said in the player's words below, not as W109.
            notices = [d for d in diagnostics if d.code in STATE_CODES and d.code != "W109"]
            notes = reload_notes(result)
        self.story = story
        self.art.clear()  # a writer may have added or redrawn a picture too
        self.screens = [s for s in self.screens if s.name != "reload-errors"]
        for screen in self.screens:
            reloaded = getattr(screen, "story_reloaded", None)
            if reloaded is not None:
                reloaded()
        if announce:
            self.toast(_("Story reloaded from the files (F6)"))
        for note in notes:
            self.toast(note, seconds=TOAST_SECONDS * 2.5)
        for notice in notices:
            self.toast(f"{notice.code}: {notice.message}", seconds=TOAST_SECONDS * 2.5)
        self.dirty = True
        return True

    def toggle_debug(self) -> None:
        """F3: the writer's debug overlay over the story (never in classroom mode)."""
        if self.classroom:
            return  # a class plays the story as written: F3 does nothing
        if self.top.name == "debug":
            self.pop()
        elif self.session is not None and self.top.name == "story":
            self.push(DebugScreen(self))

    def _show_reload_errors(self, diagnostics: list[Diagnostic]) -> None:
        errors = [d for d in diagnostics if d.severity == "error"] or list(diagnostics)
        self.screens = [s for s in self.screens if s.name != "reload-errors"]
        self.push(ReloadErrorsScreen(self, errors))

    # -- events and frames ------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self._fit()
            if not self.settings.fullscreen:
                self.settings.window_size = self.window.get_size()
            return
        if event.type == ART_READY:
            if self.art.collect():
                self.dirty = True
            return
        if event.type == AUDIO_READY:
            self.audio.collect()
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED):
            self.dirty = True
            return
        if event.type == pygame.KEYDOWN and self._window_key(event):
            self.dirty = True
            return
        if event.type == pygame.MOUSEMOTION:
            if self.top.handle(event):
                self.dirty = True
            return
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL):
            self.top.handle(event)
            self.dirty = True

    def _window_key(self, event: pygame.event.Event) -> bool:
        key = event.key
        if key == pygame.K_F11 or (
            key in (pygame.K_RETURN, pygame.K_KP_ENTER) and event.mod & pygame.KMOD_ALT
        ):
            self.toggle_fullscreen()
            return True
        if key == pygame.K_F5:
            self.quicksave()
            return True
        if key == pygame.K_F9:
            self.quickload()
            return True
        if key == pygame.K_F6:
            self.reload_story()
            return True
        if key == pygame.K_F3:
            self.toggle_debug()
            return True
        if event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            return False  # Ctrl+number and the like belong to the screens
        if key == pygame.K_v:
            self.toggle_self_voicing()
            return True
        if key == pygame.K_r and self.settings.self_voicing:
            self.repeat_speech()
            return True
        if key == pygame.K_k and self.settings.self_voicing:
            self.read_meters()
            return True
        return False

    def update(self, seconds: float) -> bool:
        """Advance animations; True while anything animates (the loop then keeps drawing)."""
        if self.art.collect():
            self.dirty = True
        for error in self.writer.take_errors():
            self.toast(error)
        self.audio.collect()
        self.audio.set_mood(self.wanted_mood())
        self.smooth = False
        busy = False
        for screen in self.screens:
            if screen.update(seconds):
                busy = True
        if self.toasts:
            for toast in self.toasts:
                toast.seconds -= seconds
            self.toasts = [t for t in self.toasts if t.seconds > 0]
            busy = True
            if any(t.seconds < 0.6 for t in self.toasts) and not self.settings.reduced_motion:
                self.smooth = True
        if busy:
            self.dirty = True
        return busy

    def idle_work(self) -> bool:
        """One small piece of work the top screen does while the player reads (the story
        screen lays out the scenes its choices lead to); True while more remains, and
        the loop then polls instead of sleeping."""
        work = getattr(self.top, "idle_work", None)
        return bool(work is not None and work())

    def wake_after(self) -> float | None:
        """Seconds until a screen wants an update though nothing animates (auto-advance)."""
        waits = [
            w for s in self.screens if (w := getattr(s, "wake_after", lambda: None)()) is not None
        ]
        return min(waits) if waits else None

    def draw(self, target: pygame.Surface | None = None) -> pygame.Surface:
        """Draw every visible screen into the window surface (not flipped), or ``target``."""
        surface = target if target is not None else display_surface()
        theme = self.theme
        start = len(self.screens) - 1
        while start > 0 and self.screens[start].overlay:
            start -= 1
        viewport = self.viewport_rect()
        if getattr(self.screens[start], "covers_viewport", False):
            # The bottom screen paints every pixel of the viewport (the story's picture):
            # only the letterbox bars need the backdrop, not a fill of the whole window.
            window = surface.get_rect()
            for bar in (
                pygame.Rect(0, 0, window.w, viewport.top),
                pygame.Rect(0, viewport.bottom, window.w, window.h - viewport.bottom),
                pygame.Rect(0, viewport.top, viewport.left, viewport.h),
                pygame.Rect(viewport.right, viewport.top, window.w - viewport.right, viewport.h),
            ):
                if bar.w > 0 and bar.h > 0:
                    surface.fill(theme.backdrop, bar)
        else:
            surface.fill(theme.backdrop)
        surface.set_clip(viewport)
        for screen in self.screens[start:]:
            screen.draw(surface, self.vp)
        self._draw_toasts(surface)
        surface.set_clip(None)
        self.dirty = False
        self.frames_drawn += 1
        self.announce()  # after drawing: the screens' layouts (wrapped lines) are ready
        return surface

    def toast_area(self) -> tuple[float, float, float, float]:
        """Where notes go, in design units: the top screen names a place that covers
        nothing the player needs (never the money, the text or a title)."""
        area = getattr(self.top, "toast_area", None)
        found = area() if area is not None else None
        return found if found is not None else DEFAULT_TOAST_AREA

    def toast_boxes(self) -> list[tuple[pygame.Rect, list[str], Face]]:
        """The notes laid out in their area: (rect in pixels, lines, face), newest last.

        A note that does not fit its area at the interface size tries a smaller size;
        older notes that no longer fit are left out until the newer ones go. Kept while
        the notes, their area and the sizes stay the same (every frame of a fade).
        """
        vp = self.vp
        area = self.toast_area()
        key = (tuple(t.text for t in self.toasts), area, vp, self.ui_px, self.settings.reading_font)
        if self._toast_layout is not None and self._toast_layout[0] == key:
            return self._toast_layout[1]
        boxes = self._lay_out_toasts(area)
        self._toast_layout = (key, boxes)
        return boxes

    def _lay_out_toasts(
        self, area: tuple[float, float, float, float]
    ) -> list[tuple[pygame.Rect, list[str], Face]]:
        vp = self.vp
        ax, ay, aw, ah = area
        pad_x, pad_y, gap = 16, 8, 8
        sizes = (self.ui_px, max(13, self.ui_px - 5))
        boxes: list[tuple[pygame.Rect, list[str], Face]] = []
        bottom = ay + ah
        y = ay
        for toast in reversed(self.toasts):  # newest first: it must show
            chosen: tuple[float, float, list[str], Face] | None = None
            for size in sizes:  # the smaller size is loaded only if a note needs it
                face = self.face("sans", size)
                lines = wrap_text(toast.text, vp.px(aw - 2 * pad_x) - 2, face.width)
                h = len(lines) * face.line_height / vp.scale + 2 * pad_y
                w = max(face.width(line) for line in lines) / vp.scale + 2 * pad_x
                chosen = (w, h, lines, face)
                if y + h <= bottom:
                    break
            assert chosen is not None
            w, h, lines, face = chosen
            if y + h > bottom and boxes:
                break
            rect = pygame.Rect(vp.rect(ax + (aw - w) / 2, y, w, h))
            boxes.append((rect, lines, face))
            y += h + gap
        return boxes

    def _draw_toasts(self, surface: pygame.Surface) -> None:
        if not self.toasts:
            return
        vp = self.vp
        theme = self.theme
        newest_first = list(reversed(self.toasts))
        for (rect, lines, face), toast in zip(self.toast_boxes(), newest_first, strict=False):
            # A note's box is drawn once and kept while it shows (same size, look, lines).
            key = (rect.size, tuple(lines), id(face), theme.name, vp.scale)
            box = toast.box if toast.box_key == key else None
            if box is None:
                box = pygame.Surface(rect.size, pygame.SRCALPHA)
                radius = min(rect.h // 2, vp.px(18))
                draw_panel(box, box.get_rect(), (*theme.backdrop, 255), radius, theme.panel_edge)
                for index, line in enumerate(lines):
                    top = vp.px(8) + index * face.line_height
                    box.blit(face.render(line, theme.heading), (vp.px(16), top))
                toast.box, toast.box_key = box, key
            if not self.settings.reduced_motion and toast.seconds < 0.6:
                box.set_alpha(round(255 * max(0.0, toast.seconds) / 0.6))
            else:
                box.set_alpha(None)
            surface.blit(box, rect.topleft)

    def run(self) -> int:
        """The loop: handle events, animate, draw when needed, sleep while idle.

        While nothing animates the loop waits for the player in ``EventWaiter`` (a real
        blocking wait where SDL's video driver has one; else a few polls a second), so an
        idle window wakes only a few times a second, or never.
        """
        clock = time.perf_counter
        last = clock()
        animating = True
        while self.running:
            if animating or self.dirty or self.idle_work():
                events = pygame.event.get()
            else:
                wake = self.wake_after()
                timeout = IDLE_WAIT_MS if wake is None else max(1, int(wake * 1000))
                events = self.waiter.wait(timeout)
            for event in events:
                self.handle_event(event)
                if not self.running:
                    break
            now = clock()
            animating = self.update(min(0.1, now - last))
            last = now
            if self.dirty:
                self.draw()
                pygame.display.flip()
            if self.quit_after_frames is not None:
                self.dirty = True  # draw on every pass, so that the N frames come quickly
                if self.frames_drawn >= self.quit_after_frames:
                    self.quit()
            if animating:
                frame = FRAME_SECONDS if self.smooth else TEXT_FRAME_SECONDS
                spent = clock() - now
                if spent < frame:
                    time.sleep(frame - spent)
        self.save_settings()
        self.writer.close()
        self.art.close()
        self.audio.close()
        self.speaker.close()
        return 0


def open_display() -> str | None:
    """Start SDL's video; None when a real display is there, else the reason there is not.

    Without a display SDL quietly falls back to its "offscreen" or "dummy" driver and a
    game would run in a window nobody can see. Those drivers are refused unless the
    player asked for one by name in SDL_VIDEODRIVER (tests and screenshots do).
    """
    asked = os.environ.get("SDL_VIDEODRIVER", "").strip().lower()
    try:
        pygame.display.init()
    except pygame.error as exc:
        return _("no video driver could start ({reason})").format(reason=exc)
    driver = pygame.display.get_driver()
    if driver in HEADLESS_DRIVERS and driver != asked:
        return _("no display was found (is DISPLAY or WAYLAND_DISPLAY set?)")
    return None


def reload_notes(result: ReloadResult) -> list[str]:
    """What a live reload did to the game in progress, in the player's words: where it
    went when its scene was renamed or is gone, and what undo can no longer reach."""
    notes: list[str] = []
    move = result.move
    if move is not None:
        old, new, n = move.old_scene, move.new_scene, move.taken_back
        if move.reason == "renamed":
            text = _("Scene '{old}' is now '{new}' (renamed in story.yaml): playing on there")
        elif move.reason == "earlier" and n:
            text = ngettext(
                "Scene '{old}' is gone from the files: back at '{new}', the scene before it"
                " on this route, as it was then ({n} choice taken back)",
                "Scene '{old}' is gone from the files: back at '{new}', the nearest earlier"
                " scene on this route, as it was then ({n} choices taken back)",
                n,
            )
        elif move.reason == "earlier":
            text = _(
                "Scene '{old}' is gone from the files: back at '{new}', the last scene of"
                " this route that still exists, with everything you had"
            )
        else:
            text = _(
                "Scene '{old}' is gone from the files and no earlier scene of this route is"
                " left: playing on from '{new}', the start of its chapter"
            )
        notes.append(text.format(old=old, new=new, n=n))
    if result.undo_dropped:
        notes.append(
            ngettext(
                "Undo now stops earlier: scene '{scene}' is gone, so {n} older step can no"
                " longer be taken back",
                "Undo now stops earlier: scene '{scene}' is gone, so {n} older steps can no"
                " longer be taken back",
                result.undo_dropped,
            ).format(scene=result.undo_gone, n=result.undo_dropped)
        )
    return notes


# -- the story in the player's language: the one hook ------------------------------------
# Every load of the story files in the window goes through these two functions (start,
# F6, a language change), so the story's translation joins here: they pass the current
# language (game.i18n.language()) on to the engine's loader.


def load_story_files(story_dir: str, mods: list[str]) -> tuple[Story | None, list[Diagnostic]]:
    """Load the story (and mods) in the current language."""
    return load_story(story_dir, mods=mods, lang=language())


def reload_story_files(runner: Runner, story_dir: str, mods: list[str]) -> ReloadResult:
    """Live reload (F6, a language change): the runner moved onto the story loaded again
    in the current language, with where the game went when its scene changed."""
    return reload_game(runner, story_dir, mods, language())


def saved_message(path: Path) -> str:
    return _("Your decisions are saved for your teacher: {file}, in the folder {folder}").format(
        file=path.name, folder=path.parent
    )


def run_window(
    story_dir: str,
    seed: int | None,
    mods: list[str] | None = None,
    classroom: bool = False,
    record_dir: Path | None = None,
    quit_after_frames: int | None = None,
    plan: StartPlan | None = None,
    resume: bool = False,
    class_vote: bool = False,
    lang: str | None = None,
) -> int:
    """Open the game window and play until the player quits. Returns the exit status.

    ``quit_after_frames`` closes the window after that many frames (a build's smoke test).
    """
    if not getattr(pygame, "IS_CE", False):
        print(_(CE_MESSAGE), file=sys.stderr)
        return 2
    # The language first (--lang, else the saved setting, else the system's), so the
    # story loads in it.
    use_language(chosen_language(SettingsStore(data_dir(), clean=False).load(), lang))
    story, diagnostics = load_story_files(story_dir, list(mods or []))
    errors = [d for d in diagnostics if getattr(d, "severity", "error") == "error"]
    if story is None or errors:
        for diagnostic in diagnostics:
            print(diagnostic, file=sys.stderr)
        print(
            _("The story in {folder} has errors; fix them and start again.").format(
                folder=story_dir
            ),
            file=sys.stderr,
        )
        return 1
    os.environ.setdefault("SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS", "0")
    # The game draws in software; presenting the frame through OpenGL only adds a copy
    # (and, without a GPU, a software GL rasteriser costing more than the game itself).
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
    # Only what the window needs: no joystick polling; the mixer opens only while a
    # volume is above zero and an audio device exists (game/ui/audio.py).
    reason = open_display()
    if reason is not None:
        print(_(NO_DISPLAY_MESSAGE).format(reason=reason), file=sys.stderr)
        pygame.quit()
        return NO_DISPLAY_EXIT
    pygame.font.init()
    try:
        try:
            app = App(
                story,
                story_dir,
                seed=seed,
                classroom=classroom,
                mods=list(mods or []),
                record_dir=record_dir,
                plan=plan,
                class_vote=class_vote,
                cli_language=lang,
            )
        except pygame.error as exc:
            reason = _("the window could not be opened ({reason})").format(reason=exc)
            print(_(NO_DISPLAY_MESSAGE).format(reason=reason), file=sys.stderr)
            return NO_DISPLAY_EXIT
        app.quit_after_frames = quit_after_frames
        if resume:
            app.continue_game()
        return app.run()
    finally:
        pygame.quit()
