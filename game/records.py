"""A playthrough's decisions, as a file a teacher can collect: write it, and read it back.

At the end of a game the window and the text mode write the player's decisions (in
classroom mode without being asked, otherwise when the player asks) to a plain JSON
file in ``<data dir>/decisions/`` or in a folder the teacher names with
``play --record-dir DIR``. ``python main.py report`` reads many of them and makes the
class report (:mod:`game.tools.report`). A record holds no name: the class report
counts choices, not children. Format 1::

    {"kind": "last-train-home decisions", "format": 1,
     "story_id": ..., "story_version": ..., "seed": ..., "classroom": true,
     "finished_at": ISO time, "ending": {"id": ..., "title": ...} or null,
     "meters": [{"id", "label", "kind", "start", "end"}, ...],
     "money": {category: {variable: total}, ...},
     "decisions": [{"step", "date", "chapter", "scene", "choice", "text",
                    "votes": {choice id: hands} (whole-class play only)}, ...],
     "finished": true or false, "path_end": true or false,
     "stopped_at": {"chapter": ..., "scene": ...}}

In classroom mode the record is written after every decision (over the same file), so a
game cut short by the bell, a closed window or a killed process still leaves its
decisions: ``"finished": false`` and where it stopped. Records from before these fields
existed read as finished when they name an ending.

``choice`` is the choice's id in its scene (null in a game restored from a save made
before ids were recorded). A choice is a decision when its scene offers two or more
choices, whatever its id (a choice may be called ``next`` like the engine's word for
"continue" and is still recorded). Files are written atomically with ordinary
permissions (0644 less the umask, so a teacher can read them on a shared folder) and
read defensively through :mod:`game.storage`: never blocking on a pipe or a device, at
most :data:`MAX_RECORD_BYTES`, JSON within limits, every number bounded. A file that is
not a record, or is damaged, raises :class:`RecordError` with the reason. Text that is
not valid Unicode (a lone surrogate) is kept with U+FFFD in its place.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.engine import Runner, Story
from game.errors import LastTrainHomeError
from game.i18n import _
from game.storage import (
    StorageError,
    data_dir,
    printable,
    read_json,
    remove_stray_temp_files,
    write_json_atomic,
)

RECORD_KIND = "last-train-home decisions"
RECORD_FORMAT = 1
RECORDS_FOLDER = "decisions"
#: A records folder may be shared by a whole class writing at once: only temporary files
#: older than this (seconds) are taken for a crash's leftovers and removed.
STRAY_AGE = 600.0
#: A record of the shipped story is about 20 kB.
MAX_RECORD_BYTES = 4 * 1024 * 1024
#: No number in a record (a meter, a money total, a step, a seed) is larger than this.
MAX_RECORD_NUMBER = 10**15


class RecordError(LastTrainHomeError):
    """A file that is not a usable decision record; the message says why."""


@dataclass(frozen=True, slots=True)
class Decision:
    step: int
    date: str
    chapter: int
    scene: str
    choice: str | None
    text: str
    #: Whole-class play: the hands counted for each open choice, by choice id.
    votes: tuple[tuple[str, int], ...] | None = None


@dataclass(frozen=True, slots=True)
class MeterRecord:
    id: str
    label: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """One playthrough, read back from its file."""

    story_id: str
    story_version: str
    seed: int
    classroom: bool
    finished_at: str
    ending_id: str | None
    ending_title: str | None
    meters: tuple[MeterRecord, ...]
    money: dict[str, dict[str, int]]
    decisions: tuple[Decision, ...]
    #: Whether the playthrough reached an ending (or a lesson path's end); False for a
    #: record written after a decision of a game that was then cut short.
    finished: bool = True
    #: Where the record was last written: the chapter and scene the game had reached.
    stopped_chapter: int | None = None
    stopped_scene: str | None = None
    #: A lesson path that reached its end (not an ending of the story).
    path_end: bool = False


def default_folder() -> Path:
    return data_dir() / RECORDS_FOLDER


def build_record(
    story: Story,
    runner: Runner,
    start: Mapping[str, Any],
    *,
    classroom: bool,
    now: datetime | None = None,
    votes: Mapping[int, Mapping[str, int]] | None = None,
    path_end: bool = False,
) -> dict[str, Any]:
    """The record of ``runner``'s playthrough so far: at its ending, or after any decision.

    ``start`` holds the values the game began with, by variable id; ``votes`` the hands
    counted in whole-class play, by the step of the decision; ``path_end`` says a lesson
    path reached its last scene. A record written before an ending says
    ``"finished": false`` and where the game had got to.
    """
    view = runner.view()
    money: dict[str, dict[str, int]] = defaultdict(dict)
    for line in runner.ledger:
        by_variable = money[line.category]
        by_variable[line.variable] = by_variable.get(line.variable, 0) + line.amount
    decisions = []
    date = ""
    for entry in runner.transcript:
        scene = story.scenes.get(entry.scene_id)
        if scene is not None and scene.date:
            date = scene.date
        # A decision is a choice in a scene that offers two or more; a scene that only
        # continues has none. (Not the id: a writer may call a choice 'next'.)
        if entry.choice_text is None or scene is None or len(scene.choices) < 2:
            continue
        decision: dict[str, Any] = {
            "step": entry.step,
            "date": date,
            "chapter": scene.chapter,
            "scene": entry.scene_id,
            "choice": entry.choice_id,
            "text": entry.choice_text,
        }
        if votes and entry.step in votes:
            decision["votes"] = dict(votes[entry.step])
        decisions.append(decision)
    ending = view.ending
    return {
        "kind": RECORD_KIND,
        "format": RECORD_FORMAT,
        "story_id": story.id,
        "story_version": story.version,
        "seed": runner.seed,
        "classroom": classroom,
        "finished_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
        "ending": {"id": ending.id, "title": ending.title} if ending is not None else None,
        "finished": ending is not None or path_end,
        "path_end": path_end,
        "stopped_at": {"chapter": view.chapter, "scene": view.scene_id},
        "meters": [
            {
                "id": meter.id,
                "label": meter.label,
                "kind": meter.kind,
                "start": int(start.get(meter.id, meter.value)),
                "end": meter.value,
            }
            for meter in view.meters
        ],
        "money": dict(money),
        "decisions": decisions,
    }


def check_record_folder(folder: Path) -> str | None:
    """Why decision records cannot be written in ``folder`` (missing and not creatable,
    read-only, full), or None if they can: said at the start of play, not at the bell."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}.tmp"
        with probe.open("wb") as handle:
            handle.write(b"0" * 4096)
            handle.flush()
            os.fsync(handle.fileno())
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _(
            "decision records cannot be written in {folder} ({reason}); name a folder"
            " you can write to with --record-dir DIR"
        ).format(folder=folder, reason=reason)
    return None


def write_record(
    record: dict[str, Any], folder: Path | None = None, path: Path | None = None
) -> Path:
    """Write ``record`` into ``folder`` under a new name, or over ``path`` (the same
    game's record, written again after its next decision); OSError if the disk refuses."""
    if path is not None:
        write_json_atomic(path, record)
        return path
    folder = folder or default_folder()
    remove_stray_temp_files(folder, older_than=STRAY_AGE)
    stamp = record["finished_at"][:19].replace("-", "").replace(":", "").replace("T", "-")
    base = f"decisions-{stamp}-seed{record['seed']}"
    path = folder / f"{base}.json"
    number = 2
    while path.exists():
        path = folder / f"{base}-{number}.json"
        number += 1
    write_json_atomic(path, record)
    return path


def read_record(path: Path) -> DecisionRecord:
    """Read one record file; RecordError says what is wrong with it."""
    try:
        data = read_json(path, MAX_RECORD_BYTES, allow_surrogates=True)
    except StorageError as exc:
        raise RecordError(str(exc)) from exc
    return parse_record(data)


def parse_record(data: Any) -> DecisionRecord:
    """Check a record's JSON field by field and return it as a DecisionRecord."""
    if not isinstance(data, dict) or data.get("kind") != RECORD_KIND:
        raise RecordError(_("not a Last Train Home decisions file"))
    if data.get("format") != RECORD_FORMAT:
        raise RecordError(
            _("a decisions file of format {format}, not 1").format(
                format=f"{data.get('format')!r:.40}"
            )
        )
    ending = _field(data, "ending", (dict, type(None)))
    meters = tuple(
        MeterRecord(
            _field(m, "id", str),
            _field(m, "label", str),
            _field(m, "kind", str),
            _field(m, "start", int),
            _field(m, "end", int),
        )
        for m in _list_of_dicts(data, "meters")
    )
    money_raw = _field(data, "money", dict)
    money: dict[str, dict[str, int]] = {}
    for category, by_variable in money_raw.items():
        if not isinstance(by_variable, dict) or not all(
            _is_number(v) for v in by_variable.values()
        ):
            raise RecordError(_("the file is damaged: its money totals"))
        money[printable(category)] = {printable(k): v for k, v in by_variable.items()}
    decisions = tuple(
        Decision(
            _field(d, "step", int),
            _field(d, "date", str),
            _field(d, "chapter", int),
            _field(d, "scene", str),
            _field(d, "choice", (str, type(None))),
            _field(d, "text", str),
            _votes(d),
        )
        for d in _list_of_dicts(data, "decisions")
    )
    stopped = data.get("stopped_at")
    if stopped is not None and not isinstance(stopped, dict):
        raise RecordError(_("the file is damaged: its '{field}'").format(field="stopped_at"))
    return DecisionRecord(
        story_id=_field(data, "story_id", str),
        story_version=_field(data, "story_version", str),
        seed=_field(data, "seed", int),
        classroom=_field(data, "classroom", bool),
        finished_at=_field(data, "finished_at", str),
        ending_id=_field(ending, "id", str) if ending is not None else None,
        ending_title=_field(ending, "title", str) if ending is not None else None,
        meters=meters,
        money=money,
        decisions=decisions,
        finished=_field(data, "finished", bool) if "finished" in data else ending is not None,
        stopped_chapter=_field(stopped, "chapter", int) if stopped else None,
        stopped_scene=_field(stopped, "scene", str) if stopped else None,
        path_end=_field(data, "path_end", bool) if "path_end" in data else False,
    )


def _votes(decision: dict[str, Any]) -> tuple[tuple[str, int], ...] | None:
    """A decision's hands by choice id (whole-class play), checked; None if not voted."""
    if "votes" not in decision:
        return None
    raw = decision["votes"]
    if not isinstance(raw, dict) or len(raw) > 20:
        raise RecordError(_("the file is damaged: a decision's 'votes'"))
    votes: dict[str, int] = {}
    for choice, hands in raw.items():
        if not isinstance(hands, int) or isinstance(hands, bool) or not 0 <= hands <= 99:
            raise RecordError(_("the file is damaged: a count of hands"))
        votes[printable(str(choice))] = hands
    return tuple(votes.items())


def _field(data: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = data.get(name)
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if name not in data or not isinstance(value, kinds) or _is_bool_for_int(value, kinds):
        raise RecordError(_("the file is damaged: its '{field}'").format(field=name))
    if isinstance(value, int) and not isinstance(value, bool) and not _is_number(value):
        raise RecordError(
            _("the file is damaged: its '{field}' is out of range").format(field=name)
        )
    if isinstance(value, str):
        return printable(value)
    return value


def _is_number(value: Any) -> bool:
    """A whole number a record may hold: not a bool, at most MAX_RECORD_NUMBER."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and -MAX_RECORD_NUMBER <= value <= MAX_RECORD_NUMBER
    )


def _is_bool_for_int(value: Any, kinds: tuple[type, ...]) -> bool:
    return isinstance(value, bool) and bool not in kinds


def _list_of_dicts(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    items = _field(data, name, list)
    if not all(isinstance(item, dict) for item in items):
        raise RecordError(_("the file is damaged: its '{field}'").format(field=name))
    return list(items)
