"""The game's log file, and a crash report when something unexpected stops it.

:func:`start_logging` sends the ``game`` loggers to a small rotating file,
``<data folder>/logs/last-train-home.log`` (256 KiB, two old copies kept).
:func:`note_scene` remembers the scene the player is in (the session and the text
mode call it as the game moves), so a report can say where it happened.

:func:`guarded` runs a front end (the window or the text mode). An exception that
escapes it is a bug, not bad input (bad story files, saves and records are reported
as diagnostics and messages long before this): the traceback, the last scene, the
game's version and the platform are written to ``logs/crash-<time>.txt``, and the
player is told, in one line, where that file is and what to do with it. The report
holds no save, no text the player typed, and nothing from outside the game.

Pure Python: used by the window and the text mode alike.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from game import __version__, paths
from game.i18n import _

LOG_NAME = "last-train-home.log"
LOG_BYTES = 256 * 1024
LOG_BACKUPS = 2

log = logging.getLogger("game")

_last_scene: str | None = None


def logs_dir() -> Path:
    """Where the log file and crash reports go: ``logs`` in the data folder."""
    return paths.data_dir() / "logs"


def start_logging(folder: Path | None = None) -> Path | None:
    """Log the ``game`` loggers (INFO and up) to the rotating file; its path, or None
    when the data folder cannot be written (the game plays on without a log)."""
    folder = folder or logs_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / LOG_NAME, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in log.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        log.removeHandler(old)
        old.close()
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    return folder / LOG_NAME


def note_scene(scene_id: str) -> None:
    """Remember the scene the player is in, for a crash report."""
    global _last_scene
    _last_scene = scene_id


def last_scene() -> str | None:
    return _last_scene


def write_report(exc: BaseException, mode: str, folder: Path | None = None) -> Path | None:
    """Write a crash report for ``exc``; its path, or None if it could not be written."""
    folder = folder or logs_dir()
    lines = [
        f"Last Train Home {__version__} crashed in the {mode}.",
        f"time: {time.strftime('%Y-%m-%d %H:%M:%S %z')}",
        f"last scene: {_last_scene or '(none yet)'}",
        f"python: {platform.python_version()} on {platform.platform()}",
        "",
        *traceback.format_exception(exc),
    ]
    text = "\n".join(line.rstrip("\n") for line in lines) + "\n"
    log.error("crash in the %s at scene %s: %r", mode, _last_scene, exc)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(100):
            path = folder / (f"crash-{stamp}.txt" if n == 0 else f"crash-{stamp}-{n}.txt")
            try:
                with path.open("x", encoding="utf-8", errors="replace") as out:
                    out.write(text)
            except FileExistsError:
                continue
            return path
    except OSError:
        pass
    return None


def guarded(mode: str, run: Callable[[], int], err: TextIO | None = None) -> int:
    """Run a front end; on an unexpected exception write a crash report, tell the
    player where it is, and return 70 (EX_SOFTWARE). Ctrl+C and exits pass through."""
    try:
        return run()
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        err = err or sys.stderr
        path = write_report(exc, mode)
        if path:
            where = _("the details are in {path}").format(path=path)
        else:
            where = _("the report could not be written")
        if _last_scene:
            stopped = _("The game stopped because of a bug at scene '{scene}'").format(
                scene=_last_scene
            )
        else:
            stopped = _("The game stopped because of a bug")
        message = _(
            "{stopped}: {where}. Your saves are untouched; please send that file to the"
            " people who gave you the game."
        ).format(stopped=stopped, where=where)
        print(message, file=err)
        return 70
