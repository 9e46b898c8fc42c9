"""Finding a story's images and music: backgrounds, portraits and music named in the
story files.

A name such as ``factory_floor`` is looked up as ``backgrounds/factory_floor.svg``
(or .png/.jpg) first in the story folder's own ``assets/`` (where a mod or another
story keeps its art), then in the game's built-in ``assets/`` folder; a scene's
``music: village`` as ``music/village.ogg`` (or .wav) in the same places. The window
draws and plays what is found; lint warns about what is not (the window then draws a
card, or keeps the music it was playing).

Portraits come in looks and moods. A scene's ``mood: angry`` asks for
``portraits/qin_angry.svg`` beside ``portraits/qin.svg`` (the neutral face); a
character who looks different in a later chapter has ``qin_ch2.svg`` (and
``qin_ch2_angry.svg``), and that look lasts until a later chapter has its own. A
mood the look lacks falls back to the look's neutral face (lint warns, W113).
"""

from __future__ import annotations

from pathlib import Path

GAME_ASSETS = Path(__file__).resolve().parent.parent.parent / "assets"
IMAGE_SUFFIXES = (".svg", ".png", ".jpg")
MUSIC_SUFFIXES = (".ogg", ".wav")
KINDS = {"background": "backgrounds", "portrait": "portraits", "music": "music"}
SUFFIXES = {"background": IMAGE_SUFFIXES, "portrait": IMAGE_SUFFIXES, "music": MUSIC_SUFFIXES}
MOODS = ("neutral", "happy", "sad", "angry")


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


def portrait_look(
    story_root: str | Path,
    name: str,
    chapter: int | None,
    extra: tuple[str | Path, ...] = (),
) -> str:
    """The portrait a character wears in ``chapter``: ``name_chN`` for the nearest chapter
    N at or before it that has one, else ``name`` itself."""
    for number in range(chapter or 0, 1, -1):
        look = f"{name}_ch{number}"
        if find_asset(story_root, "portrait", look, extra) is not None:
            return look
    return name


def portrait_variant(
    story_root: str | Path,
    name: str,
    mood: str | None,
    chapter: int | None = None,
    extra: tuple[str | Path, ...] = (),
) -> tuple[str, bool]:
    """The portrait file name to show for ``name`` with ``mood`` in ``chapter``, and
    whether the mood was found (False: the look's neutral face stands in for it)."""
    look = portrait_look(story_root, name, chapter, extra)
    if not mood or mood == "neutral":
        return look, True
    variant = f"{look}_{mood}"
    if find_asset(story_root, "portrait", variant, extra) is not None:
        return variant, True
    return look, False
