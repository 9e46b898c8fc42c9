"""Which language the game starts in: the command line's ``--lang``, else the player's
saved choice (settings.json, key ``language``), else the system's language when the game
has a catalogue for it, else English.

Pure Python, shared by every front end (no pygame): the window calls
:func:`chosen_language` with its loaded settings; the text mode and the tools call
:func:`choose_language`, which reads the setting from settings.json itself (the file the
window's Settings screen writes, game/ui/settings.py); :func:`needs_language_choice`
says whether the first start asks the player (only when more than one real language is
installed).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from game.i18n import (
    PSEUDO_LANGUAGE,
    SOURCE_LANGUAGE,
    available_languages,
    normalise,
    system_language,
)
from game.storage import StorageError, data_dir, read_json

#: The key in settings.json.
SETTING = "language"
#: A settings file is a few hundred bytes (as game/ui/settings.py reads it).
MAX_SETTINGS_BYTES = 64 * 1024
#: Longest language code a settings file may hold ('zh_Hant_TW' is 10).
MAX_CODE_CHARS = 16


class HasLanguage(Protocol):
    """Anything with the saved language setting ('' when the player never chose)."""

    language: str


def valid_code(code: object) -> bool:
    """A plausible language code from a settings file: letters, '_' or '-', short."""
    return (
        isinstance(code, str)
        and 2 <= len(code) <= MAX_CODE_CHARS
        and all(c.isascii() and (c.isalpha() or c in "_-") for c in code)
    )


def player_languages(current: str | None = None) -> list[str]:
    """The languages a player can pick: English and every language with a catalogue.

    The pseudo-language (a translator's test) is left out unless it is ``current``.
    """
    found = [code for code in available_languages() if code != PSEUDO_LANGUAGE]
    if current is not None and normalise(current) == PSEUDO_LANGUAGE:
        found.append(PSEUDO_LANGUAGE)
    return found


def default_language(languages: Sequence[str] | None = None) -> str:
    """The system's language when the game has it (or its base language: 'zh' for
    'zh_TW' only if 'zh' is there), else English."""
    known = list(languages) if languages is not None else player_languages()
    system = system_language()
    if system in known:
        return system
    base = system.split("_")[0]
    if base in known:
        return base
    return next((code for code in known if code.split("_")[0] == base), SOURCE_LANGUAGE)


def chosen_language(settings: HasLanguage | None, cli_lang: str | None) -> str:
    """The language to play in: ``--lang`` wins for this run; then the saved setting
    (kept even if its catalogue went away: every string then falls back to English);
    then :func:`default_language`."""
    if cli_lang:
        return normalise(cli_lang)
    saved = settings.language if settings is not None else ""
    if saved and valid_code(saved):
        return normalise(saved)
    return default_language()


def needs_language_choice(settings_existed: bool, languages: Sequence[str] | None = None) -> bool:
    """Ask for a language on first start (no settings file yet), and only when there is
    a real choice: more than one language other than the pseudo-language."""
    known = list(languages) if languages is not None else player_languages()
    return not settings_existed and len(known) > 1


def saved_language(directory: Path | None = None) -> str | None:
    """The language saved in settings.json, or None when there is none (or it is bad)."""
    path = (directory if directory is not None else data_dir()) / "settings.json"
    try:
        data = read_json(path, MAX_SETTINGS_BYTES, max_depth=4)
    except (StorageError, OSError, ValueError):
        return None
    value = data.get(SETTING) if isinstance(data, dict) else None
    return normalise(value) if isinstance(value, str) and valid_code(value) else None


def choose_language(asked: str | None, directory: Path | None = None) -> str:
    """The language to play in without the window's settings at hand: ``asked``
    (``--lang``), else the saved setting, else :func:`default_language`."""
    if asked:
        return normalise(asked)
    return saved_language(directory) or default_language()
