"""Finding a story's images and music: backgrounds, portraits and music named in the
story files.

A name such as ``factory_floor`` is looked up as ``backgrounds/factory_floor.svg``
(or .png/.jpg) first in the story folder's own ``assets/`` (where a mod or another
story keeps its art), then in the game's built-in ``assets/`` folder; a scene's
``music: village`` as ``music/village.ogg`` (or .wav) in the same places. The window
draws and plays what is found; lint warns about what is not (the window then draws a
card, or keeps the music it was playing).

Art stays in its folder: a file that is a symbolic link leading out of the folder that
holds its ``assets/`` (the mod's folder, the story's folder, or the game's ``assets/``)
is never used (:func:`outside_link`). Before any image is decoded, its declared size is
read from its header (:func:`image_size`: PNG, JPEG or SVG) and a picture larger than
:data:`MAX_IMAGE_SIDE` on a side is refused (:func:`image_problem`), since decoding a
small file that declares 20000x20000 pixels would take gigabytes.

Portraits come in looks and moods. A scene's ``mood: angry`` asks for
``portraits/qin_angry.svg`` beside ``portraits/qin.svg`` (the neutral face); a
character who looks different in a later chapter has ``qin_ch2.svg`` (and
``qin_ch2_angry.svg``), and that look lasts until a later chapter has its own. A
mood the look lacks falls back to the look's neutral face (lint warns, W113).
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from game.paths import ASSETS_DIR

#: The game's built-in art and music (game/paths.py knows where, checkout or installed).
GAME_ASSETS = ASSETS_DIR

IMAGE_SUFFIXES = (".svg", ".png", ".jpg")
MUSIC_SUFFIXES = (".ogg", ".wav")
KINDS = {"background": "backgrounds", "portrait": "portraits", "music": "music"}
SUFFIXES = {"background": IMAGE_SUFFIXES, "portrait": IMAGE_SUFFIXES, "music": MUSIC_SUFFIXES}
MOODS = ("neutral", "happy", "sad", "angry")


#: The largest picture the game decodes, in pixels on a side.
MAX_IMAGE_SIDE = 4096
#: How much of an image file is read to find its declared size (a JPEG's size comes
#: after its metadata segments, each at most 64 KiB; a camera's can hold several).
HEADER_BYTES = 512 * 1024


def asset_roots(story_root: str | Path, extra: tuple[str | Path, ...] = ()) -> list[Path]:
    """Folders searched for art, most specific first."""
    roots = [Path(p) / "assets" for p in extra]
    roots.append(Path(story_root) / "assets")
    roots.append(GAME_ASSETS)
    return roots


#: The longest asset name looked for: file systems refuse names of 255 bytes and more.
MAX_NAME = 100


def boundary(root: Path) -> Path:
    """The folder an ``assets/`` folder's files must stay inside: its mod or story folder
    (the game's own ``assets/`` for the game's art)."""
    return root if root == GAME_ASSETS else root.parent


def outside_link(candidate: Path, root: Path) -> bool:
    """Whether ``candidate`` (a file under ``root``) leads out of its folder by a link."""
    try:
        inside = boundary(root).resolve()
        target = candidate.resolve()
    except (OSError, RuntimeError):
        return True
    return not target.is_relative_to(inside)


def find_asset(
    story_root: str | Path, kind: str, name: str, extra: tuple[str | Path, ...] = ()
) -> Path | None:
    """The file for ``name`` of ``kind`` ("background", "portrait" or "music"), or None.

    A file that is a symbolic link leading out of its mod's or story's folder is passed
    over, as if it were not there (:func:`escaping_assets` names them for lint).
    """
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    if len(name) > MAX_NAME or "\0" in name:
        return None  # no such file can exist, and asking the system for it raises
    folder = KINDS[kind]
    for root in asset_roots(story_root, extra):
        for suffix in SUFFIXES[kind]:
            candidate = root / folder / f"{name}{suffix}"
            if candidate.is_file() and not outside_link(candidate, root):
                return candidate
    return None


def escaping_assets(root: Path, kind: str, name: str) -> list[Path]:
    """The files for ``name`` under ``root`` (an ``assets/`` folder) that link outside."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return []
    found = []
    for suffix in SUFFIXES[kind]:
        candidate = root / KINDS[kind] / f"{name}{suffix}"
        if (candidate.is_symlink() or candidate.exists()) and outside_link(candidate, root):
            found.append(candidate)
    return found


def _read_header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(HEADER_BYTES)


def image_size(path: Path) -> tuple[int, int] | None:
    """The size a PNG, JPEG or SVG file declares, read from its header; None if unknown.

    Never decodes the image and reads at most :data:`HEADER_BYTES`. OSError propagates.
    """
    head = _read_header(path)
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24 and head[12:16] == b"IHDR":
        width, height = struct.unpack(">II", head[16:24])
        return width, height
    if head.startswith(b"\xff\xd8"):
        return _jpeg_size(head)
    if path.suffix.lower() == ".svg" or b"<svg" in head[:4096]:
        return _svg_size(head)
    return None


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 9 <= len(head):
        if head[at] != 0xFF:
            return None
        marker = head[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        (length,) = struct.unpack(">H", head[at + 2 : at + 4])
        if marker in _SOF:
            height, width = struct.unpack(">HH", head[at + 5 : at + 9])
            return width, height
        if length < 2:
            return None
        at += 2 + length
    return None


_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE | re.DOTALL)
_SVG_LENGTH = re.compile(rb"^\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*(px)?\s*$")


def _svg_attribute(tag: bytes, name: bytes) -> bytes | None:
    match = re.search(rb"\s" + name + rb"\s*=\s*([\"'])(.*?)\1", tag, re.DOTALL)
    return match.group(2) if match else None


def _svg_number(text: bytes | None) -> float | None:
    if text is None:
        return None
    match = _SVG_LENGTH.match(text[:64])
    return float(match.group(1)) if match else None


def _svg_size(head: bytes) -> tuple[int, int] | None:
    tag = _SVG_TAG.search(head)
    if tag is None:
        return None
    width = _svg_number(_svg_attribute(tag.group(0), b"width"))
    height = _svg_number(_svg_attribute(tag.group(0), b"height"))
    box = _svg_attribute(tag.group(0), b"viewBox")
    if (width is None or height is None) and box is not None:
        parts = box.replace(b",", b" ").split()
        if len(parts) == 4:
            box_w, box_h = _svg_number(parts[2]), _svg_number(parts[3])
            width = width if width is not None else box_w
            height = height if height is not None else box_h
    if width is None or height is None:
        return None
    if width > 10**9 or height > 10**9:
        return (10**9, 10**9)
    return round(width), round(height)


def image_problem(path: Path) -> str | None:
    """Why the image at ``path`` must not be decoded, or None if it may be.

    Refused: a file whose header declares more than :data:`MAX_IMAGE_SIDE` pixels on a
    side, a PNG or JPEG whose size cannot be read from its header, a file that is not
    a regular file, or one that cannot be read.
    """
    try:
        if not path.is_file():
            return f"{path.name} is not a file"
        size = image_size(path)
    except OSError as exc:
        return f"{path.name} cannot be read ({exc.strerror or exc})"
    if size is None:
        if path.suffix.lower() == ".svg":
            return None  # no declared size: drawn at the size asked for
        return f"{path.name} is not a PNG or JPEG image the game can read"
    width, height = size
    if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE:
        return (
            f"{path.name} declares {width}x{height} pixels, larger than the"
            f" {MAX_IMAGE_SIDE}x{MAX_IMAGE_SIDE} the game draws: scale it down"
        )
    if width < 1 or height < 1:
        return f"{path.name} declares an empty picture ({width}x{height})"
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
