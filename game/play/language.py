"""Which language a game starts in: ``--lang``, else the saved setting, else the system's.

The setting is the ``language`` key of settings.json in the data folder, the file the
window's Settings screen writes (game/ui/settings.py); it is read here, without the
window, so that the text mode honours it too. With no setting, the system's language is
used when the game has a catalogue for it or for its base language (``fr`` for
``fr_CA``), else English.
"""

from __future__ import annotations

from pathlib import Path

from game.i18n import SOURCE_LANGUAGE, available_languages, normalise, system_language
from game.storage import StorageError, data_dir, read_json

#: The key in settings.json.
SETTING = "language"
#: A settings file is a few hundred bytes (as game/ui/settings.py reads it).
MAX_SETTINGS_BYTES = 64 * 1024


def saved_language(directory: Path | None = None) -> str | None:
    """The language saved in settings.json, or None when there is none (or it is bad)."""
    path = (directory if directory is not None else data_dir()) / "settings.json"
    try:
        data = read_json(path, MAX_SETTINGS_BYTES, max_depth=4)
    except (StorageError, OSError, ValueError):
        return None
    value = data.get(SETTING) if isinstance(data, dict) else None
    if not isinstance(value, str) or not value.strip() or len(value) > 32:
        return None
    return normalise(value)


def default_language(known: list[str] | None = None) -> str:
    """The system's language if the game has a catalogue for it (or for its base
    language), else English."""
    known = known if known is not None else available_languages()
    system = system_language()
    if system in known:
        return system
    base = system.split("_")[0]
    if base in known:
        return base
    return next((code for code in known if code.split("_")[0] == base), SOURCE_LANGUAGE)


def choose_language(asked: str | None, directory: Path | None = None) -> str:
    """The language to play in: ``asked`` (``--lang``), else the saved setting, else
    :func:`default_language`."""
    if asked:
        return normalise(asked)
    return saved_language(directory) or default_language()
