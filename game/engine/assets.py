"""Finding a story's images: backgrounds and portraits named in the story files.

A name such as ``factory_floor`` is looked up as ``backgrounds/factory_floor.svg``
(or .png/.jpg) first in the story folder's own ``assets/`` (where a mod or another
story keeps its art), then in the game's built-in ``assets/`` folder. The window
draws what is found; lint warns about what is not (the window then draws a card).
"""

from __future__ import annotations

from pathlib import Path

GAME_ASSETS = Path(__file__).resolve().parent.parent.parent / "assets"
IMAGE_SUFFIXES = (".svg", ".png", ".jpg")
KINDS = {"background": "backgrounds", "portrait": "portraits"}


def asset_roots(story_root: str | Path, extra: tuple[str | Path, ...] = ()) -> list[Path]:
    """Folders searched for art, most specific first."""
    roots = [Path(p) / "assets" for p in extra]
    roots.append(Path(story_root) / "assets")
    roots.append(GAME_ASSETS)
    return roots


def find_asset(
    story_root: str | Path, kind: str, name: str, extra: tuple[str | Path, ...] = ()
) -> Path | None:
    """The file for an image ``name`` of ``kind`` ("background" or "portrait"), or None."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    folder = KINDS[kind]
    for root in asset_roots(story_root, extra):
        for suffix in IMAGE_SUFFIXES:
            candidate = root / folder / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    return None
