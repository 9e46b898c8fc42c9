"""Save slots on disk: nine slots, an autosave and a quicksave, kept as plain JSON files.

Pure Python (no pygame): the window and the tests use it alike. Each save is a file
``slot-1.json`` ... ``slot-9.json``, ``autosave.json`` or ``quicksave.json`` in the
player's data directory, holding::

    {"format_version": 1, "story_id": ..., "story_version": ..., "game_version": ...,
     "saved_at": ISO time, "play_seconds": ..., "chapter": ..., "chapter_title": ...,
     "date": ISO date, "money": ..., "runner": <Runner.to_json()>}

Files are written atomically by :mod:`game.storage` (a temporary file in the same
folder, flushed, fsynced, then renamed over the old one), so a crash or a forced kill
leaves either the old save or the new one, never half of one; temporary files a crash
left behind are removed when the store is created. Every file is read defensively
(never blocking on a pipe or a device, at most :data:`MAX_SAVE_BYTES`, JSON within
limits) and every field is checked before anything trusts it. A file that cannot be
read, is not valid JSON, lacks a field, holds an absurd value, belongs to another story
or (with a validator) cannot be restored is listed as damaged with the reason; the other
saves are untouched and keep working, and Continue passes it by.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game import __version__, storage
from game.engine import ModsNotLoaded
from game.i18n import _, format_date, format_number
from game.storage import StorageError, remove_stray_temp_files
from game.storage import data_dir as data_dir
from game.storage import write_json_atomic as write_json_atomic

FORMAT_VERSION = 1

NUMBERED_SLOTS: tuple[str, ...] = tuple(str(n) for n in range(1, 10))
AUTOSAVE = "auto"
QUICKSAVE = "quick"
ALL_SLOTS: tuple[str, ...] = (*NUMBERED_SLOTS, AUTOSAVE, QUICKSAVE)

#: A late-game save of the shipped story is about 270 kB; refuse anything absurd.
MAX_SAVE_BYTES = 4 * 1024 * 1024
#: Bounds on what a save's fields may hold, so nothing downstream sees absurd values.
MAX_TITLE_CHARS = 200
MAX_SHORT_CHARS = 64
MAX_MONEY = 10**12
MAX_CHAPTER = 10_000
MAX_PLAY_SECONDS = 100 * 365 * 24 * 3600.0
SAVED_YEARS = (1970, 2999)

#: A save file that cannot be used: the message says why, in words for the player.
#: (The same class as :class:`game.storage.StorageError`, so either name catches both.)
SaveFileError = StorageError


class SaveNeedsMods(SaveFileError):
    """A good save made with mods that are not loaded now (the validator raised
    :class:`game.engine.ModsNotLoaded`): listed as ``needs_mods``, never as damaged.
    ``missing`` holds the (id, version) of each mod it needs."""

    def __init__(self, message: str, missing: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(message)
        self.missing = missing


def read_json(path: Path, limit: int = MAX_SAVE_BYTES) -> Any:
    """Read a save's JSON defensively (bounded, never blocking); SaveFileError says why not."""
    return storage.read_json(path, limit)


@dataclass(frozen=True, slots=True)
class SaveMeta:
    """What a slot shows without loading the game: where, when, how much money."""

    chapter: int
    chapter_title: str
    date: str
    money: int
    play_seconds: float


@dataclass(frozen=True, slots=True)
class SlotInfo:
    """One slot as the save/load screen lists it."""

    slot: str
    path: Path
    state: str  # "empty", "ok", "damaged" or "needs_mods" (made with mods not loaded now)
    reason: str | None = None
    meta: SaveMeta | None = None
    saved_at: str | None = None
    story_version: str | None = None
    #: For a save that needs mods: the (id, version) of each mod it was made with.
    missing_mods: tuple[tuple[str, str], ...] = ()

    @property
    def usable(self) -> bool:
        return self.state == "ok"

    @property
    def title(self) -> str:
        return slot_title(self.slot)


@dataclass(frozen=True, slots=True)
class SaveData:
    """A save read back and checked: its metadata and the runner's own JSON."""

    slot: str
    meta: SaveMeta
    saved_at: str
    story_version: str
    runner: dict[str, Any]


def short_reason(exc: BaseException, limit: int = MAX_TITLE_CHARS) -> str:
    """An exception's message cut to fit a line of the load screen (it may quote the file)."""
    text = " ".join((str(exc) or type(exc).__name__).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def slot_title(slot: str) -> str:
    if slot == AUTOSAVE:
        return _("Autosave")
    if slot == QUICKSAVE:
        return _("Quicksave")
    return _("Slot {slot}").format(slot=slot)


def slot_filename(slot: str) -> str:
    if slot == AUTOSAVE:
        return "autosave.json"
    if slot == QUICKSAVE:
        return "quicksave.json"
    if slot in NUMBERED_SLOTS:
        return f"slot-{slot}.json"
    raise ValueError(f"unknown save slot {slot!r}")


def _field(data: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    if name not in data:
        raise SaveFileError(_("the save has no '{field}'").format(field=name))
    value = data[name]
    if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
        raise SaveFileError(_("'{field}' has the wrong type").format(field=name))
    return value


def _text(data: dict[str, Any], name: str, limit: int, default: str | None = None) -> str:
    if default is not None and name not in data:
        return default
    value: str = _field(data, name, str)
    if len(value) > limit:
        raise SaveFileError(
            _("'{field}' is too long ({count} characters)").format(
                field=name, count=format_number(len(value))
            )
        )
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in value):
        raise SaveFileError(_("'{field}' holds control characters").format(field=name))
    return value


def _number(data: dict[str, Any], name: str, low: float, high: float) -> Any:
    value = _field(data, name, int if name != "play_seconds" else (int, float))
    if isinstance(value, float) and not math.isfinite(value):
        raise SaveFileError(_("'{field}' is not a number").format(field=name))
    if not low <= value <= high:
        raise SaveFileError(
            _("'{field}' is out of range ({value})").format(field=name, value=value)
        )
    return value


def _saved_at(data: dict[str, Any]) -> str:
    text = _text(data, "saved_at", MAX_SHORT_CHARS)
    try:
        when = datetime.fromisoformat(text)
    except ValueError as exc:
        raise SaveFileError(_("'saved_at' is not a date and time")) from exc
    if not SAVED_YEARS[0] <= when.year <= SAVED_YEARS[1]:
        raise SaveFileError(_("'saved_at' is in the year {year}").format(year=when.year))
    return text


def parse_save(slot: str, data: Any, story_id: str) -> SaveData:
    """Check a save's JSON and return its parts, or raise SaveFileError saying what is wrong.

    Every field is checked for its type and a sensible range or length, so the load
    screen, Continue and the game never meet a value they cannot show.
    """
    if not isinstance(data, dict):
        raise SaveFileError(_("the save is not a JSON object"))
    version = _field(data, "format_version", int)
    if version > FORMAT_VERSION:
        raise SaveFileError(
            _("made by a newer version of the game (save format {version})").format(version=version)
        )
    if version < 1:
        raise SaveFileError(_("unknown save format {version}").format(version=version))
    saved_story = _text(data, "story_id", MAX_TITLE_CHARS)
    if saved_story != story_id:
        raise SaveFileError(_("belongs to another story ('{story}')").format(story=saved_story))
    runner = _field(data, "runner", dict)
    meta = SaveMeta(
        chapter=_number(data, "chapter", 0, MAX_CHAPTER),
        chapter_title=_text(data, "chapter_title", MAX_TITLE_CHARS, default=""),
        date=_text(data, "date", MAX_SHORT_CHARS),
        money=_number(data, "money", -MAX_MONEY, MAX_MONEY),
        play_seconds=float(_number(data, "play_seconds", 0, MAX_PLAY_SECONDS)),
    )
    return SaveData(
        slot=slot,
        meta=meta,
        saved_at=_saved_at(data),
        story_version=_text(data, "story_version", MAX_SHORT_CHARS),
        runner=runner,
    )


def build_save(
    story_id: str, story_version: str, meta: SaveMeta, runner_json: dict[str, Any]
) -> dict[str, Any]:
    """The JSON object written for one save."""
    return {
        "format_version": FORMAT_VERSION,
        "story_id": story_id,
        "story_version": story_version,
        "game_version": __version__,
        "saved_at": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        "play_seconds": round(meta.play_seconds, 1),
        "chapter": meta.chapter,
        "chapter_title": meta.chapter_title,
        "date": meta.date,
        "money": meta.money,
        "runner": runner_json,
    }


#: Checks a save's runner JSON against the story (the window passes one that restores
#: it); whatever it raises marks the save damaged, with the exception's message.
Validator = Callable[[dict[str, Any]], object]


class SaveStore:
    """The save files of one story in one folder.

    ``validate``, when given, is run on every save's runner JSON as it is read, so a
    slot whose game cannot be restored shows as damaged and Continue passes it by.
    Creating a store removes temporary files a crash mid-save left in the folder.
    """

    def __init__(
        self,
        story_id: str,
        directory: Path | None = None,
        validate: Validator | None = None,
        *,
        clean: bool = True,
    ) -> None:
        self.story_id = story_id
        self.directory = directory if directory is not None else data_dir() / "saves"
        self.validate = validate
        if clean:
            remove_stray_temp_files(self.directory)

    def path(self, slot: str) -> Path:
        return self.directory / slot_filename(slot)

    def write(
        self, slot: str, story_version: str, meta: SaveMeta, runner_json: dict[str, Any]
    ) -> Path:
        """Write a save atomically and return its path. OSError propagates to the caller."""
        path = self.path(slot)
        write_json_atomic(path, build_save(self.story_id, story_version, meta, runner_json))
        return path

    def read(self, slot: str) -> SaveData:
        """Read and check one save; SaveFileError says why it cannot be used.

        Bounded in time and memory whatever is in the slot's place (see
        :func:`game.storage.read_bounded`); never raises anything else for a bad file.
        """
        path = self.path(slot)
        if not os.path.lexists(path):
            raise SaveFileError(_("the slot is empty"))
        save = parse_save(slot, read_json(path), self.story_id)
        if self.validate is not None:
            try:
                self.validate(save.runner)
            except RecursionError as exc:
                raise SaveFileError(_("the save is damaged: it nests too deeply")) from exc
            except ModsNotLoaded as exc:
                raise SaveNeedsMods(str(exc), exc.missing) from exc
            except Exception as exc:  # a save is untrusted data: any failure means damaged
                reason = str(exc) or type(exc).__name__
                raise SaveFileError(reason[: MAX_TITLE_CHARS * 2]) from exc
        return save

    def info(self, slot: str) -> SlotInfo:
        """What the save/load screen shows for a slot. Never raises for a bad file."""
        path = self.path(slot)
        if not os.path.lexists(path):
            return SlotInfo(slot=slot, path=path, state="empty")
        try:
            save = self.read(slot)
        except SaveNeedsMods as exc:
            return SlotInfo(
                slot=slot,
                path=path,
                state="needs_mods",
                reason=short_reason(exc, 400),
                missing_mods=exc.missing,
            )
        except SaveFileError as exc:
            return SlotInfo(slot=slot, path=path, state="damaged", reason=short_reason(exc))
        return SlotInfo(
            slot=slot,
            path=path,
            state="ok",
            meta=save.meta,
            saved_at=save.saved_at,
            story_version=save.story_version,
        )

    def list_slots(self, slots: tuple[str, ...] = ALL_SLOTS) -> list[SlotInfo]:
        return [self.info(slot) for slot in slots]

    def latest(self, *, needing_mods: bool = False) -> SlotInfo | None:
        """The most recently written usable save (for Continue), or None.

        ``needing_mods`` counts saves made with mods not loaded now too, so Continue can
        say that the newest game needs its mods rather than go on with an older one.
        """
        best: tuple[float, SlotInfo] | None = None
        for info in self.list_slots():
            if not (info.usable or (needing_mods and info.state == "needs_mods")):
                continue
            try:
                when = info.path.stat().st_mtime
            except OSError:
                continue
            if best is None or when > best[0]:
                best = (when, info)
        return best[1] if best is not None else None

    def delete(self, slot: str) -> None:
        """Remove a slot's file (or whatever is in its place, short of a folder)."""
        with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
            self.path(slot).unlink()


def format_play_time(seconds: float) -> str:
    """Play time as a player reads it: '42 min', '1 h 05 min'."""
    minutes = int(seconds // 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("{hours} h {minutes:02d} min").format(hours=hours, minutes=minutes)
    if minutes:
        return _("{minutes} min").format(minutes=minutes)
    return _("under a minute")


def format_saved_at(saved_at: str, now: datetime | None = None) -> str:
    """When a save was made, short: 'Today 14:05', '3 Mar 2027 09:12'."""
    try:
        when = datetime.fromisoformat(saved_at)
        if when.tzinfo is not None:
            when = when.astimezone()
    except (ValueError, OverflowError, OSError):
        return saved_at[:MAX_SHORT_CHARS]
    now = now or datetime.now().astimezone()
    if now.tzinfo is None or when.tzinfo is None:
        now, when = now.replace(tzinfo=None), when.replace(tzinfo=None)
    if when.date() == now.date():
        return _("Today {time}").format(time=f"{when:%H:%M}")
    return _("{date} {time}").format(date=format_date(when.date(), "short"), time=f"{when:%H:%M}")
