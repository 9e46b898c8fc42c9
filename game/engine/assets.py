"""Finding a story's images and music: backgrounds, portraits and music named in the
story files.

A name such as ``factory_floor`` is looked up as ``backgrounds/factory_floor.svg``
(or .png/.jpg) first in the story folder's own ``assets/`` (where a mod or another
story keeps its art), then in the game's built-in ``assets/`` folder; a scene's
``music: village`` as ``music/village.ogg`` (or .wav) in the same places. The window
draws and plays what is found; lint warns about what is not (the window then draws a
card, or keeps the music it was playing).
"""

from __future__ import annotations

from pathlib import Path

from game.paths import ASSETS_DIR

#: The game's built-in art and music (game/paths.py knows where, checkout or installed).
GAME_ASSETS = ASSETS_DIR

IMAGE_SUFFIXES = (".svg", ".png", ".jpg")
MUSIC_SUFFIXES = (".ogg", ".wav")
KINDS = {"background": "backgrounds", "portrait": "portraits", "music": "music"}
SUFFIXES = {"background": IMAGE_SUFFIXES, "portrait": IMAGE_SUFFIXES, "music": MUSIC_SUFFIXES}


def asset_roots(story_root: str | Path, extra: tuple[str | Path, ...] = ()) -> list[Path]:
    """Folders searched for art, most specific first."""
    roots = [Path(p) / "assets" for p in extra]
    roots.append(Path(story_root) / "assets")
    roots.append(GAME_ASSETS)
    return roots


def find_asset(
    story_root: str | Path, kind: str, name: str, extra: tuple[str | Path, ...] = ()
) -> Path | None:
    """The file for ``name`` of ``kind`` ("background", "portrait" or "music"), or None."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    folder = KINDS[kind]
    for root in asset_roots(story_root, extra):
        for suffix in SUFFIXES[kind]:
            candidate = root / folder / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    return None
