"""Save slots on disk: nine slots, an autosave and a quicksave, kept as plain JSON files.

Pure Python (no pygame): the window and the tests use it alike. Each save is a file
``slot-1.json`` ... ``slot-9.json``, ``autosave.json`` or ``quicksave.json`` in the
player's data directory, holding::

    {"format_version": 1, "story_id": ..., "story_version": ..., "game_version": ...,
     "saved_at": ISO time, "play_seconds": ..., "chapter": ..., "chapter_title": ...,
     "date": ISO date, "money": ..., "runner": <Runner.to_json()>}

Files are written atomically (a temporary file in the same folder, flushed, fsynced,
then renamed over the old one), so a crash or a forced kill leaves either the old save
or the new one, never half of one. A file that cannot be read, is not valid JSON, lacks
a field or belongs to another story is listed as damaged with the reason; the other
saves are untouched and keep working.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game import __version__, paths

FORMAT_VERSION = 1

NUMBERED_SLOTS: tuple[str, ...] = tuple(str(n) for n in range(1, 10))
AUTOSAVE = "auto"
QUICKSAVE = "quick"
ALL_SLOTS: tuple[str, ...] = (*NUMBERED_SLOTS, AUTOSAVE, QUICKSAVE)

MAX_SAVE_BYTES = 20 * 1024 * 1024  # a save is a few kilobytes; refuse anything absurd


class SaveFileError(Exception):
    """A save file that cannot be used: the message says why, in words for the player."""


def data_dir() -> Path:
    """The folder for saves and settings (game/paths.py knows where: checkout or installed)."""
    return paths.data_dir()


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that the file is always either the old content or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Compact JSON: the C encoder writes a late-game save in about a millisecond.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_json(path: Path) -> Any:
    """Read a JSON file, turning every way it can fail into a SaveFileError."""
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveFileError(f"the file is too large ({size} bytes)")
        raw = path.read_bytes()
    except SaveFileError:
        raise
    except OSError as exc:
        raise SaveFileError(f"cannot read the file ({exc.strerror or exc})") from exc
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SaveFileError("the file is not text") from exc
    except json.JSONDecodeError as exc:
        raise SaveFileError(f"the file is not valid JSON (line {exc.lineno})") from exc


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
    state: str  # "empty", "ok" or "damaged"
    reason: str | None = None
    meta: SaveMeta | None = None
    saved_at: str | None = None
    story_version: str | None = None

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


def slot_title(slot: str) -> str:
    if slot == AUTOSAVE:
        return "Autosave"
    if slot == QUICKSAVE:
        return "Quicksave"
    return f"Slot {slot}"


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
        raise SaveFileError(f"the save has no '{name}'")
    value = data[name]
    if isinstance(value, bool) and kind is not bool:
        raise SaveFileError(f"'{name}' has the wrong type")
    if not isinstance(value, kind):
        raise SaveFileError(f"'{name}' has the wrong type")
    return value


def parse_save(slot: str, data: Any, story_id: str) -> SaveData:
    """Check a save's JSON and return its parts, or raise SaveFileError saying what is wrong."""
    if not isinstance(data, dict):
        raise SaveFileError("the save is not a JSON object")
    version = _field(data, "format_version", int)
    if version > FORMAT_VERSION:
        raise SaveFileError(f"made by a newer version of the game (save format {version})")
    if version < 1:
        raise SaveFileError(f"unknown save format {version}")
    saved_story = _field(data, "story_id", str)
    if saved_story != story_id:
        raise SaveFileError(f"belongs to another story ('{saved_story}')")
    runner = _field(data, "runner", dict)
    meta = SaveMeta(
        chapter=_field(data, "chapter", int),
        chapter_title=str(data.get("chapter_title", "")),
        date=_field(data, "date", str),
        money=_field(data, "money", int),
        play_seconds=float(_field(data, "play_seconds", (int, float))),
    )
    return SaveData(
        slot=slot,
        meta=meta,
        saved_at=_field(data, "saved_at", str),
        story_version=_field(data, "story_version", str),
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


class SaveStore:
    """The save files of one story in one folder."""

    def __init__(self, story_id: str, directory: Path | None = None) -> None:
        self.story_id = story_id
        self.directory = directory if directory is not None else data_dir() / "saves"

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
        """Read and check one save; SaveFileError says why it cannot be used."""
        path = self.path(slot)
        if not path.exists():
            raise SaveFileError("the slot is empty")
        return parse_save(slot, read_json(path), self.story_id)

    def info(self, slot: str) -> SlotInfo:
        """What the save/load screen shows for a slot. Never raises for a bad file."""
        path = self.path(slot)
        if not path.exists():
            return SlotInfo(slot=slot, path=path, state="empty")
        try:
            save = self.read(slot)
        except SaveFileError as exc:
            return SlotInfo(slot=slot, path=path, state="damaged", reason=str(exc))
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

    def latest(self) -> SlotInfo | None:
        """The most recently written usable save (for Continue), or None."""
        usable = [info for info in self.list_slots() if info.usable]
        if not usable:
            return None
        return max(usable, key=lambda info: info.path.stat().st_mtime)

    def delete(self, slot: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(slot).unlink()


def format_play_time(seconds: float) -> str:
    """Play time as a player reads it: '42 min', '1 h 05 min'."""
    minutes = int(seconds // 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min"
    return "under a minute"


def format_saved_at(saved_at: str, now: datetime | None = None) -> str:
    """When a save was made, short: 'Today 14:05', '3 Mar 2027 09:12'."""
    try:
        when = datetime.fromisoformat(saved_at)
    except ValueError:
        return saved_at
    if when.tzinfo is not None:
        when = when.astimezone()
    now = now or datetime.now().astimezone()
    if now.tzinfo is None or when.tzinfo is None:
        now, when = now.replace(tzinfo=None), when.replace(tzinfo=None)
    if when.date() == now.date():
        return f"Today {when:%H:%M}"
    return f"{when.day} {when:%b %Y %H:%M}"
