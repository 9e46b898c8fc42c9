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
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from game.i18n import _
from game.play.session import GameSession
from game.saves import AUTOSAVE

Job = Callable[[], object]


class BackgroundWriter:
    """One worker thread that runs write jobs in order; errors are kept, never raised."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._errors: list[str] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.written = 0

    def submit(self, job: Job) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._work, name="save-writer", daemon=True)
            self._thread.start()
        self._jobs.put(job)

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                job()
                self.written += 1
            except OSError as exc:
                with self._lock:
                    self._errors.append(
                        _("Autosave failed: {reason}").format(reason=exc.strerror or exc)
                    )
            finally:
                self._jobs.task_done()

    def flush(self) -> None:
        """Wait until every job queued so far has been written (or has failed)."""
        if self._thread is not None:
            self._jobs.join()

    def take_errors(self) -> list[str]:
        with self._lock:
            errors, self._errors = self._errors, []
        return errors

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
