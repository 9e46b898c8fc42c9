"""Saves written off the frame: an ordered background writer and the window's session.

A choice used to spend most of its frame writing the autosave (JSON, fsync, rename).
The window's :class:`QueuedSession` takes the snapshot on the main thread (the save's
metadata and ``runner.to_json()``, which builds fresh lists and dicts) and hands the
writing to :class:`BackgroundWriter`, one worker thread that writes jobs in the order
they came, each still atomic (``SaveStore.write``: temporary file, flush, fsync,
rename). ``flush()`` waits until everything queued is on disk; the window calls it
before it reads the saves (loading, the title's Continue, the save screens) and on
quit, so no save is ever lost or read half-done. A disk error is kept and shown by the
window as a note.

Classroom mode's decision record, rewritten after every decision, goes the same way:
the record is built on the main thread (a fresh dict of plain values) and written on
the worker, atomically, over the same file each time; an explicit write (the ending's
"Save my decisions") first waits for the queue, so it never races an older record.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.i18n import N_, _
from game.play.session import GameSession
from game.records import default_folder, write_record
from game.saves import AUTOSAVE

Job = Callable[[], object]

#: What a failed job says, translated when the window shows it; {reason} is the disk's.
AUTOSAVE_FAILED = N_("Autosave failed: {reason}")
RECORD_FAILED = N_("Could not save your decisions: {reason}")


class BackgroundWriter:
    """One worker thread that runs write jobs in order; errors are kept, never raised."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Job, str] | None] = queue.Queue()
        self._errors: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.written = 0

    def submit(self, job: Job, failure: str = AUTOSAVE_FAILED) -> None:
        """Queue ``job``; if it fails with a disk error, ``failure`` (a message marked
        with ``N_``, with ``{reason}``) is what the player is told."""
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._work, name="save-writer", daemon=True)
            self._thread.start()
        self._jobs.put((job, failure))

    def _work(self) -> None:
        while True:
            item = self._jobs.get()
            try:
                if item is None:
                    return
                job, failure = item
                try:
                    job()
                except OSError as exc:
                    with self._lock:
                        self._errors.append((failure, str(exc.strerror or exc)))
                else:
                    self.written += 1
            finally:
                self._jobs.task_done()

    def flush(self) -> None:
        """Wait until every job queued so far has been written (or has failed)."""
        if self._thread is not None:
            self._jobs.join()

    def take_errors(self) -> list[str]:
        """The failures since the last call, as notes in the player's language."""
        with self._lock:
            errors, self._errors = self._errors, []
        return [_(failure).format(reason=reason) for failure, reason in errors]

    def close(self) -> None:
        """Write what is queued, then stop the worker."""
        if self._thread is not None and self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()
        self._thread = None


class QueuedSession(GameSession):
    """A game session whose autosaves go through a :class:`BackgroundWriter`.

    Without a writer (set after construction) it saves as the plain session does.
    """

    writer: BackgroundWriter | None = None

    def autosave(self) -> bool:
        writer = self.writer
        if writer is None:
            return super().autosave()
        saves, version = self.saves, self.story.version
        meta, data = self.meta(), self.runner.to_json()
        writer.submit(lambda: saves.write(AUTOSAVE, version, meta, data))
        self.last_save_error = None
        return True

    def record_decisions(self) -> None:
        """After a decision: snapshot the record here, write it on the worker."""
        writer = self.writer
        if writer is None:
            super().record_decisions()
            return
        record = self.build_record()
        folder = self.record_folder or default_folder()
        writer.submit(lambda: self._write_queued_record(record, folder), RECORD_FAILED)

    def _write_queued_record(self, record: dict[str, Any], folder: Path) -> None:
        """On the worker: write over this game's record (the first one names the file)."""
        self.record_path = write_record(record, folder, self.record_path)

    def write_record(self, *, path_end: bool = False) -> Path | None:
        """Write the record now (the ending, a lesson path's end, the player's D key),
        after the records still queued, so the file named is the newest one."""
        if self.writer is not None:
            self.writer.flush()
        return super().write_record(path_end=path_end)
