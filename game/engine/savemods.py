"""The mods a save was made with, and what to tell the player when they differ now.

``Runner.to_json()`` writes ``"mods": [{"id": ..., "version": ...}, ...]`` when mods
are laid over the story (and nothing when none are, so saves of the plain story are
as before). Reading a save back (:func:`game.engine.savedata.read_state`):

- a mod the save was made with that is not loaded now refuses the save, with a message
  that names the mod and its version and how to load it (:func:`missing_message`):
  the save stays as it is, untouched;
- a mod loaded now in another version than the save was made with loads, with a note
  (:func:`changed_note`): the mod's renames and the forgiving load take care of scenes
  it has renamed or removed;
- a mod loaded now that the save was made without changes nothing.

Every string here is checked before it is shown: a save is untrusted data.
"""

from __future__ import annotations

import re
from typing import Any

from game.i18n import _, ngettext

#: At most this many mods in a save, each id and version at most this many characters.
MAX_SAVED_MODS = 64
MAX_MOD_TEXT = 64

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_PRINTABLE = re.compile(r"^[^\x00-\x1f\x7f-\x9f]*$")


class DamagedMods(ValueError):
    """The save's list of mods is not a list of ids and versions."""


def saved_mods(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The (id, version) of each mod a save was made with; DamagedMods if the list is bad."""
    raw = data.get("mods", [])
    if not isinstance(raw, list) or len(raw) > MAX_SAVED_MODS:
        raise DamagedMods
    mods: list[tuple[str, str]] = []
    for item in raw:
        if not isinstance(item, dict):
            raise DamagedMods
        mod_id, version = item.get("id"), item.get("version")
        if not (isinstance(mod_id, str) and isinstance(version, str)):
            raise DamagedMods
        if len(mod_id) > MAX_MOD_TEXT or len(version) > MAX_MOD_TEXT:
            raise DamagedMods
        if not _ID.match(mod_id) or not _PRINTABLE.match(version):
            raise DamagedMods
        mods.append((mod_id, version))
    return mods


def compare_mods(
    saved: list[tuple[str, str]], loaded: tuple[tuple[str, str], ...]
) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """The saved mods not loaded now, and those loaded in another version:
    ``(missing, changed)``, changed as (id, saved version, loaded version)."""
    now = dict(loaded)
    missing = [(mod_id, version) for mod_id, version in saved if mod_id not in now]
    changed = [
        (mod_id, version, now[mod_id])
        for mod_id, version in saved
        if mod_id in now and now[mod_id] != version
    ]
    return missing, changed


def _named(mod_id: str, version: str) -> str:
    return f"'{mod_id}' {version}".rstrip()


def missing_message(missing: list[tuple[str, str]]) -> str:
    """Why a save cannot load: the mods it was made with that are not loaded, and how."""
    names = _named(*missing[0]) if missing else ""
    if len(missing) > 1:
        names = _("{first} and {rest}").format(
            first=", ".join(_named(m, v) for m, v in missing[:-1]),
            rest=_named(*missing[-1]),
        )
    flags = " ".join(f"--mod mods/{mod_id}" for mod_id, _version in missing)
    return ngettext(
        "this save was made with the mod {names}, which is not loaded. To go on from it,"
        " start the game with the mod: {flags} (the folder the mod is in)",
        "this save was made with the mods {names}, which are not loaded. To go on from it,"
        " start the game with the mods: {flags} (the folders the mods are in)",
        len(missing),
    ).format(names=names, flags=flags)


def changed_note(changed: list[tuple[str, str, str]]) -> str:
    """What to tell the player when a save's mods are loaded in other versions."""
    return " ".join(
        _(
            "This save was made with version {saved} of the mod '{mod}'; version {now} is"
            " loaded now, and the game goes on with it."
        ).format(saved=saved or "?", mod=mod_id, now=now or "?")
        for mod_id, saved, now in changed
    )
