"""One game being played: the runner, play time, autosave and the slots.

Pure Python (no pygame), shared by the window and the text mode. The front ends ask
the session to choose, undo, save and load; the session keeps the runner and the save
files in step, writing the autosave after every scene.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game import crash
from game.engine import (
    Change,
    ChoiceResult,
    MeterView,
    ModsNotLoaded,
    Runner,
    SaveError,
    SceneView,
    Story,
    load_save,
)
from game.errors import LastTrainHomeError
from game.i18n import _
from game.records import build_record, default_folder, write_record
from game.saves import AUTOSAVE, SaveFileError, SaveMeta, SaveNeedsMods, SaveStore, short_reason


class LoadFailed(LastTrainHomeError):
    """A save that cannot be played, with the reason in words for the player."""


class LoadNeedsMods(LoadFailed):
    """A good save made with mods that are not loaded: the reason names them and says
    how to start the game with them. The save is kept as it is."""


def money_of(meters: tuple[MeterView, ...]) -> int:
    """The cash a save lists: the 'money' meter, else the first money meter, else 0."""
    for meter in meters:
        if meter.id == "money":
            return meter.value
    for meter in meters:
        if meter.kind == "money":
            return meter.value
    return 0


class GameSession:
    """A running game with its clock; autosaves after each choice and undo."""

    def __init__(
        self,
        story: Story,
        runner: Runner,
        saves: SaveStore,
        play_seconds: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        start_meters: tuple[MeterView, ...] | None = None,
    ) -> None:
        self.story = story
        self.runner = runner
        self.saves = saves
        self._clock = clock
        self._played_before = play_seconds
        self._started = clock()
        self.view: SceneView = runner.view()
        crash.note_scene(runner.scene_id)
        self.last_save_error: str | None = None
        #: A message for the player about how the game was restored (a save whose scene
        #: the story no longer has continues at the start of its chapter; a save made
        #: with another version of a mod).
        self.notice: str | None = None
        #: Where this game's decision record was written, once it has been.
        self.record_path: Path | None = None
        #: Whole-class play: hands counted at each decision, by the step it was made at.
        self.votes: dict[int, dict[str, int]] = {}
        #: Classroom mode: where the decision record is written after every decision
        #: (None: only when the player asks, at the ending).
        self.record_folder: Path | None = None
        self.classroom = False
        self.last_record_error: str | None = None
        self.start_meters = start_meters or (
            Runner(story, seed=runner.seed, record_text=False).view().meters
        )

    @classmethod
    def new(
        cls, story: Story, seed: int, saves: SaveStore, clock: Callable[[], float] = time.monotonic
    ) -> GameSession:
        session = cls(story, Runner(story, seed=seed), saves, clock=clock)
        session.autosave()
        return session

    @classmethod
    def from_slot(
        cls, story: Story, saves: SaveStore, slot: str, clock: Callable[[], float] = time.monotonic
    ) -> GameSession:
        """Load a slot; LoadFailed says why a damaged or incompatible save cannot be used."""
        try:
            data = saves.read(slot)
            loaded = load_save(story, data.runner)
        except (SaveNeedsMods, ModsNotLoaded) as exc:
            raise LoadNeedsMods(short_reason(exc, 400)) from exc
        except (SaveFileError, SaveError) as exc:
            raise LoadFailed(short_reason(exc)) from exc
        except RecursionError as exc:
            raise LoadFailed(_("the save is damaged: it nests too deeply")) from exc
        session = cls(story, loaded.runner, saves, play_seconds=data.meta.play_seconds, clock=clock)
        session.notice = loaded.message
        return session

    @property
    def play_seconds(self) -> float:
        return self._played_before + (self._clock() - self._started)

    def meta(self) -> SaveMeta:
        view = self.view
        return SaveMeta(
            chapter=view.chapter,
            chapter_title=view.chapter_title,
            date=view.date,
            money=money_of(view.meters),
            play_seconds=self.play_seconds,
        )

    def choose(self, choice_id: str) -> ChoiceResult:
        """Make a choice (ValueError for a locked or unknown one), autosave, and in
        classroom mode write the decision record so far."""
        result = self.runner.choose(choice_id)
        self.view = self.runner.view()
        crash.note_scene(self.runner.scene_id)
        self.autosave()
        if self.record_folder is not None:
            self.record_decisions()
        return result

    def record_decisions(self) -> None:
        """Classroom mode, after each decision: bring the decision record up to date.

        Here it is written at once; the window's session hands the writing to its
        background writer (game/ui/saving.py).
        """
        self.write_record()

    def build_record(self, *, path_end: bool = False) -> dict[str, Any]:
        """This game's decision record as it stands (a fresh dict, safe to hand on)."""
        start = {meter.id: meter.value for meter in self.start_meters}
        return build_record(
            self.story,
            self.runner,
            start,
            classroom=self.classroom,
            votes=self.votes,
            path_end=path_end,
        )

    def write_record(self, *, path_end: bool = False) -> Path | None:
        """Write this game's decision record (over its earlier version, if any).

        Written after every decision in classroom mode, so a game cut short still leaves
        its decisions; a disk error is remembered in ``last_record_error``, never raised.
        """
        record = self.build_record(path_end=path_end)
        try:
            folder = self.record_folder or default_folder()
            self.record_path = write_record(record, folder, self.record_path)
        except OSError as exc:
            self.last_record_error = _("Could not save your decisions: {reason}").format(
                reason=exc.strerror or exc
            )
            return None
        self.last_record_error = None
        return self.record_path

    def undo(self) -> bool:
        if not self.runner.undo():
            return False
        self.view = self.runner.view()
        crash.note_scene(self.runner.scene_id)
        self.autosave()
        return True

    def set_value(self, name: str, value: int | bool) -> Change:
        """A writer's change by hand (the window's debug overlay): through the runner,
        undoable, autosaved. ValueError says why a value does not fit the variable."""
        change = self.runner.set_value(name, value)
        self.view = self.runner.view()
        self.autosave()
        return change

    def adopt(self, story: Story, runner: Runner) -> None:
        """Live reload: play on with the reloaded story and the runner moved onto it."""
        self.story = story
        self.runner = runner
        self.view = runner.view()
        crash.note_scene(runner.scene_id)
        self.autosave()

    def save(self, slot: str) -> Path:
        """Write a slot; OSError propagates so the screen can say the disk refused."""
        return self.saves.write(slot, self.story.version, self.meta(), self.runner.to_json())

    def autosave(self) -> bool:
        """Write the autosave; a disk error is remembered, never raised mid-play."""
        try:
            self.save(AUTOSAVE)
        except OSError as exc:
            self.last_save_error = _("Autosave failed: {reason}").format(reason=exc.strerror or exc)
            return False
        self.last_save_error = None
        return True
