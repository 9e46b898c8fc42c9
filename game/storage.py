"""Files the game writes and reads back: atomic writes, bounded reads, JSON with limits.

Pure Python (no pygame). Saves (:mod:`game.saves`), settings (:mod:`game.ui.settings`)
and decision records (:mod:`game.records`) all go through here, because every one of
those files may have been damaged, edited or replaced by something hostile between
two runs of the game, and none of them may stop the game from starting. They live in
the player's data folder, :func:`data_dir`.

Writing: :func:`write_json_atomic` writes a temporary file in the same folder, flushes
and fsyncs it, then renames it over the old file, so a crash leaves the old file or
the new one, never half of one. Files get ordinary permissions (0644 less the umask),
so a teacher can read decision records on a shared folder. A crash between the write
and the rename can leave a temporary file behind: :func:`remove_stray_temp_files`
removes them when the game starts.

Reading: :func:`read_bounded` opens without blocking (a FIFO in a save's place would
otherwise wait for ever), checks with ``fstat`` that it holds a regular file (a
symbolic link to ``/dev/zero`` would otherwise be read until memory runs out), refuses
a file over the size limit before reading it, and never reads more than that limit.
:func:`parse_json` refuses what Python's JSON reader accepts but nothing of ours ever
writes: ``NaN`` and ``Infinity``, integers of more than 18 digits, floats out of range,
nesting deeper than :data:`MAX_DEPTH`, strings longer than :data:`MAX_STRING`, more than
:data:`MAX_NODES` values in all. Every failure is a :class:`StorageError` whose message
a player can read; nothing here raises anything else for a bad file.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import secrets
import stat
import sys
import time
from pathlib import Path
from typing import Any

from game import paths
from game.errors import LastTrainHomeError
from game.i18n import _, format_number

#: How deep arrays and objects may nest. A save nests five levels.
MAX_DEPTH = 32
#: The longest string a file may hold (a paragraph of the story is under 2,000).
MAX_STRING = 64 * 1024
#: How many values (objects, arrays, strings, numbers...) a file may hold in all. A
#: late-game save of the shipped story holds about 21,000; counting commas and colons (a
#: fast upper bound) before parsing keeps a file of a million small numbers from costing
#: seconds.
MAX_NODES = 150_000
#: Integers are at most this many digits (a signed 64-bit integer has 19).
MAX_INT_DIGITS = 18
#: A number written with more characters than this is refused without converting it.
MAX_NUMBER_CHARS = 40

TEMP_SUFFIX = ".tmp"
DATA_DIR_ENV = paths.DATA_DIR_ENV
_SURROGATE = re.compile("[\ud800-\udfff]")


class StorageError(LastTrainHomeError):
    """A file that cannot be used: the message says why, in words for the player."""


class _Refused(ValueError):
    """Raised from inside json.loads's hooks; turned into a StorageError."""


def data_dir() -> Path:
    """The folder for saves, settings and records (game/paths.py knows where)."""
    return paths.data_dir()


# -- writing ---------------------------------------------------------------------------
def _create_temp(folder: Path, name: str) -> tuple[int, str]:
    """Create a new temporary file beside ``name`` in ``folder``: its descriptor and path.

    Made with mode 0666 and O_EXCL, so the umask alone decides its permissions (0644 for
    the usual 022) and no existing file is ever opened in its place.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        candidate = folder / f".{name}.{secrets.token_hex(6)}{TEMP_SUFFIX}"
        try:
            return os.open(candidate, flags, 0o666), str(candidate)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name for {name} in {folder}")


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON so that the file is always either the old content or the new one."""
    # Compact JSON: the C encoder writes a late-game save in about a millisecond.
    text = json.dumps(
        data, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False
    )
    write_text_atomic(path, text)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) atomically: temp file, flush, fsync, rename, fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Saves and records are ordinary files (0644 less the umask, not mkstemp's 0600), so
    # a teacher can read the records a class leaves on a shared folder.
    fd, tmp_name = _create_temp(path.parent, path.name)
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


def is_temp_name(name: str) -> bool:
    """Whether ``name`` is a temporary file :func:`write_text_atomic` makes."""
    return name.startswith(".") and name.endswith(TEMP_SUFFIX) and name.count(".") >= 3


def remove_stray_temp_files(folder: Path, older_than: float = 0.0) -> int:
    """Delete the temporary files a crash mid-write left in ``folder``; how many went.

    Only names :func:`write_text_atomic` makes (``.NAME.xxxx.tmp``) are touched, and only
    files or links, never folders. ``older_than`` (seconds) spares newer ones. A folder
    that does not exist or cannot be listed is left alone.
    """
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not is_temp_name(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                continue
            if older_than and now - info.st_mtime < older_than:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed += 1
    return removed


# -- reading ---------------------------------------------------------------------------
def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Never blocks on a FIFO or a device and never reads past ``limit``: StorageError
    says what is wrong instead. FileNotFoundError is a StorageError too.
    """
    try:
        before = os.stat(path)
    except FileNotFoundError as exc:
        if os.path.islink(path):
            raise StorageError(_("cannot read the file (a link to nothing)")) from exc
        raise StorageError(_("cannot read the file (it is missing)")) from exc
    except OSError as exc:
        raise StorageError(
            _("cannot read the file ({reason})").format(reason=exc.strerror or exc)
        ) from exc
    _check_regular(before.st_mode, before.st_size, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise StorageError(
            _("cannot read the file ({reason})").format(reason=exc.strerror or exc)
        ) from exc
    try:
        # Check again on what was opened: the path may have been swapped in between.
        info = os.fstat(fd)
        _check_regular(info.st_mode, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise StorageError(
                    _("the file is too large (over {limit} bytes)").format(
                        limit=format_number(limit)
                    )
                )
        return b"".join(chunks)
    except BlockingIOError as exc:
        raise StorageError(_("the file cannot be read without waiting")) from exc
    except OSError as exc:
        raise StorageError(
            _("cannot read the file ({reason})").format(reason=exc.strerror or exc)
        ) from exc
    finally:
        os.close(fd)


def _check_regular(mode: int, size: int, limit: int) -> None:
    if stat.S_ISDIR(mode):
        raise StorageError(_("a folder is in the file's place"))
    if not stat.S_ISREG(mode):
        kind = "a pipe" if stat.S_ISFIFO(mode) else "a device or other special file"
        raise StorageError(_("not a file ({kind})").format(kind=kind))
    if size > limit:
        raise StorageError(
            _("the file is too large ({size} bytes; at most {limit})").format(
                size=format_number(size), limit=format_number(limit)
            )
        )


def _parse_int(text: str) -> int:
    digits = len(text) - (1 if text.startswith("-") else 0)
    if digits > MAX_INT_DIGITS:
        raise _Refused(_("a number is too large ({digits} digits)").format(digits=digits))
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused(_("a number is written with too many digits"))
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(_("a number is out of range"))
    return value


def _parse_constant(name: str) -> Any:
    raise _Refused(_("'{name}' is not a number the game writes").format(name=name))


def parse_json(
    raw: bytes,
    *,
    max_depth: int = MAX_DEPTH,
    max_string: int = MAX_STRING,
    max_nodes: int = MAX_NODES,
    allow_surrogates: bool = False,
) -> Any:
    """Parse ``raw`` (UTF-8 JSON) within the limits above; StorageError says what is wrong.

    A lone surrogate (``"\\ud800"``) in a string is refused unless ``allow_surrogates``;
    a caller that allows them must pass its strings through :func:`printable`.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StorageError(_("the file is not text")) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    if text.count(",") + text.count(":") > max_nodes:
        raise StorageError(_("the file is damaged: it holds too many values"))
    try:
        data = json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
        )
    except _Refused as exc:
        raise StorageError(_("the file is damaged: {reason}").format(reason=exc)) from exc
    except RecursionError as exc:
        raise StorageError(_("the file is damaged: it nests too deeply")) from exc
    except json.JSONDecodeError as exc:
        raise StorageError(
            _("the file is not valid JSON (line {line})").format(line=exc.lineno)
        ) from exc
    except (ValueError, MemoryError) as exc:
        raise StorageError(_("the file is not valid JSON")) from exc
    check_shape(
        data,
        max_depth=max_depth,
        max_string=max_string,
        max_nodes=max_nodes,
        allow_surrogates=allow_surrogates,
    )
    return data


def check_shape(
    data: Any,
    *,
    max_depth: int = MAX_DEPTH,
    max_string: int = MAX_STRING,
    max_nodes: int = MAX_NODES,
    allow_surrogates: bool = False,
) -> None:
    """Walk ``data`` (without recursion) and refuse what is too deep, long or big.

    Only containers go on the stack; numbers and strings are checked where they stand,
    so a file of :data:`MAX_NODES` values is walked in a few tens of milliseconds.
    """
    if isinstance(data, str):
        _check_string(data, max_string, allow_surrogates)
    if not isinstance(data, dict | list):
        return
    stack: list[tuple[dict[Any, Any] | list[Any], int]] = [(data, 1)]
    nodes = 1
    while stack:
        container, depth = stack.pop()
        if depth > max_depth:
            raise StorageError(_("the file is damaged: it nests too deeply"))
        nodes += len(container)
        if nodes > max_nodes:
            raise StorageError(_("the file is damaged: it holds too many values"))
        if isinstance(container, dict):
            for key in container:
                _check_string(key, max_string, allow_surrogates)
            items: Any = container.values()
        else:
            items = container
        for item in items:
            kind = type(item)
            if kind is str:
                if len(item) > max_string or (not allow_surrogates and not item.isascii()):
                    _check_string(item, max_string, allow_surrogates)
            elif kind is dict or kind is list:
                stack.append((item, depth + 1))


def _check_string(text: str, max_string: int, allow_surrogates: bool) -> None:
    if len(text) > max_string:
        raise StorageError(
            _("the file is damaged: a text is too long ({count} characters)").format(
                count=format_number(len(text))
            )
        )
    if not allow_surrogates and has_surrogates(text):
        raise StorageError(_("the file is damaged: it holds text that is not valid Unicode"))


def read_json(path: Path, limit: int, **limits: Any) -> Any:
    """Read and parse a JSON file defensively (:func:`read_bounded`, :func:`parse_json`)."""
    return parse_json(read_bounded(path, limit), **limits)


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (it cannot be written as UTF-8)."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def printable(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, so it can always be written."""
    return _SURROGATE.sub("\ufffd", text) if has_surrogates(text) else text
