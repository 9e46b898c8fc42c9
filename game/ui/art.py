"""Backgrounds and portraits: SVG files rasterised at the size they are shown, cached.

Rasterising a full-window SVG takes tens of milliseconds, longer than a frame, so the
window loads art on a worker thread and shows the previous picture until the new one is
ready (a pygame event wakes the loop). Tests and screenshots load synchronously.

A missing or unreadable file never shows as a grey box: a calm drawn card takes its
place (a dusk sky over layered hills for a background, a soft silhouette for a
portrait), and the lint reports the missing file. Art stays in its folder and within
bounds (see :mod:`game.engine.assets`): a file that links out of its mod's or story's
folder is never opened, and an image whose header declares more than 4096x4096 pixels
is never decoded; it is drawn as a card too, and the window says why once on standard
error (``refused`` keeps the reasons).
"""

from __future__ import annotations

import contextlib
import math
import re
import sys
import threading
import zlib
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from queue import Empty, SimpleQueue

import pygame

from game.engine import KINDS, find_asset, image_problem, outside_link, portrait_variant
from game.paths import ASSETS_DIR

ASSET_DIR = ASSETS_DIR
ART_READY = pygame.event.custom_type()

Key = tuple[str, str, tuple[int, int]]  # (kind, name, size)


def art_path(kind: str, name: str, asset_dir: Path = ASSET_DIR) -> Path:
    """background -> assets/backgrounds/, portrait -> assets/portraits/, picture -> assets/."""
    folders = {"background": "backgrounds", "portrait": "portraits", "picture": ""}
    return asset_dir / folders.get(kind, "portraits") / f"{name}.svg"


_VIEWBOX = re.compile(r'viewBox\s*=\s*"\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)')


@lru_cache(maxsize=256)
def svg_aspect(path: Path, default: float) -> float:
    """Width/height of an SVG from its viewBox, read from the file's first kilobytes
    (once per file: ``ArtCache.clear`` forgets them, as after a live reload)."""
    try:
        if not path.is_file():
            return default
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(4096)
    except OSError:
        return default
    match = _VIEWBOX.search(head)
    if not match:
        return default
    width, height = float(match.group(1)), float(match.group(2))
    return width / height if width > 0 and height > 0 else default


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _vertical_gradient(
    surface: pygame.Surface, top: tuple[int, int, int], bottom: tuple[int, int, int]
) -> None:
    w, h = surface.get_size()
    for y in range(h):
        pygame.draw.line(surface, _mix(top, bottom, y / max(1, h - 1)), (0, y), (w, y))


def _hill(
    w: int, h: int, base: float, height: float, phase: int, bumps: int
) -> list[tuple[int, int]]:
    points = [(0, h)]
    steps = 48
    for i in range(steps + 1):
        x = w * i / steps
        wave = 0.5 + 0.5 * math.sin((i / steps) * bumps * math.pi + phase)
        points.append((round(x), round(h * base - h * height * wave)))
    points.append((w, h))
    return points


def drawn_background(name: str, size: tuple[int, int]) -> pygame.Surface:
    """A quiet dusk landscape, varied a little by the name, for a missing background."""
    w, h = max(1, size[0]), max(1, size[1])
    seed = zlib.crc32(name.encode("utf-8"))
    surface = pygame.Surface((w, h))
    _vertical_gradient(surface, (34, 44, 68), (196, 150, 118))
    sun_x = w * (0.25 + (seed % 50) / 100)
    pygame.draw.circle(surface, (236, 196, 150), (round(sun_x), round(h * 0.55)), max(2, h // 14))
    layers = (
        ((92, 92, 112), 0.62, 0.08),
        ((64, 68, 92), 0.72, 0.07),
        ((40, 46, 68), 0.84, 0.05),
    )
    for index, (colour, base, height) in enumerate(layers):
        phase = (seed >> (index * 4)) % 7
        pygame.draw.polygon(surface, colour, _hill(w, h, base, height, phase, 2 + index))
    rail_y = round(h * 0.9)
    pygame.draw.line(surface, (28, 32, 48), (0, rail_y), (w, rail_y), max(1, h // 180))
    return surface


def drawn_portrait(name: str, size: tuple[int, int]) -> pygame.Surface:
    """A soft silhouette on a warm card, for a character without a portrait file."""
    w, h = max(1, size[0]), max(1, size[1])
    seed = zlib.crc32(name.encode("utf-8"))
    surface = pygame.Surface((w, h), pygame.SRCALPHA)
    card = pygame.Surface((w, h))
    tint = (seed % 40, (seed >> 8) % 30, (seed >> 16) % 30)
    _vertical_gradient(card, (70 + tint[0], 78 + tint[1], 100 + tint[2]), (150, 126, 108))
    surface.blit(card, (0, 0))
    figure = (36, 40, 56)
    head_r = round(min(w, h) * 0.17)
    cx, cy = w // 2, round(h * 0.42)
    pygame.draw.circle(surface, figure, (cx, cy), head_r)
    shoulders = pygame.Rect(0, 0, round(w * 0.78), round(h * 0.5))
    shoulders.midtop = (cx, cy + round(head_r * 1.15))
    pygame.draw.ellipse(surface, figure, shoulders)
    pygame.draw.rect(surface, figure, (shoulders.x, shoulders.centery, shoulders.w, h))
    return surface


class ArtCache:
    """Rasterised art by (kind, name, size), loaded on a worker thread when asynchronous."""

    def __init__(
        self,
        asset_dir: Path = ASSET_DIR,
        asynchronous: bool = True,
        capacity: int = 12,
        story_root: str | Path | None = None,
        mod_roots: tuple[str, ...] = (),
    ) -> None:
        self.asset_dir = asset_dir
        self.story_root = Path(story_root) if story_root is not None else asset_dir.parent
        self.mod_roots = mod_roots
        self.asynchronous = asynchronous
        self.capacity = capacity
        self._cache: OrderedDict[Key, pygame.Surface] = OrderedDict()
        self._pending: set[Key] = set()
        self._done: SimpleQueue[tuple[Key, pygame.Surface | None]] = SimpleQueue()
        self._requests: SimpleQueue[Key | None] = SimpleQueue()
        self._worker: threading.Thread | None = None
        self.missing: set[tuple[str, str]] = set()
        #: Art found but refused (too large, or a link out of its folder), with the reason.
        self.refused: dict[tuple[str, str], str] = {}
        self._variants: dict[tuple[str, str | None, int | None], str] = {}

    def portrait_name(self, name: str, mood: str | None, chapter: int | None = None) -> str:
        """The portrait file to show for ``name`` with ``mood`` in ``chapter``: the look
        for that chapter (``qin_ch2``), its face for the mood (``qin_ch2_angry``), or the
        look's neutral face when the mood has no picture."""
        key = (name, mood, chapter)
        found = self._variants.get(key)
        if found is None:
            found, _n = portrait_variant(self.story_root, name, mood, chapter, self.mod_roots)
            self._variants[key] = found
        return found

    def get(self, kind: str, name: str, size: tuple[int, int]) -> pygame.Surface | None:
        """The picture if it is ready; otherwise start loading it and return None."""
        key = (kind, name, size)
        surface = self._cache.get(key)
        if surface is not None:
            self._cache.move_to_end(key)
            return surface
        if not self.asynchronous:
            return self._store(key, self._load(key))
        if key not in self._pending:
            self._pending.add(key)
            self._ensure_worker()
            self._requests.put(key)
        return None

    def get_now(self, kind: str, name: str, size: tuple[int, int]) -> pygame.Surface:
        """The picture, loading it on this thread if need be."""
        key = (kind, name, size)
        surface = self._cache.get(key)
        return surface if surface is not None else self._store(key, self._load(key))

    def collect(self) -> bool:
        """Take in pictures the worker finished; True if any arrived (redraw then)."""
        arrived = False
        while True:
            try:
                key, surface = self._done.get_nowait()
            except Empty:
                return arrived
            self._pending.discard(key)
            self._store(key, surface if surface is not None else self._fallback(key))
            arrived = True

    def clear(self) -> None:
        self._cache.clear()
        self._variants.clear()
        svg_aspect.cache_clear()

    def close(self) -> None:
        if self._worker is not None:
            self._requests.put(None)
            self._worker.join(timeout=2)
            self._worker = None

    # -- internals ------------------------------------------------------------------
    def _store(self, key: Key, surface: pygame.Surface) -> pygame.Surface:
        kind = key[0]
        if pygame.display.get_surface() is not None:
            surface = surface.convert() if kind != "portrait" else surface.convert_alpha()
        self._cache[key] = surface
        while len(self._cache) > self.capacity:
            self._cache.popitem(last=False)
        return surface

    def _fallback(self, key: Key) -> pygame.Surface:
        kind, name, size = key
        self.missing.add((kind, name))
        return drawn_portrait(name, size) if kind == "portrait" else drawn_background(name, size)

    def _load(self, key: Key) -> pygame.Surface:
        surface = self._rasterise(key)
        return surface if surface is not None else self._fallback(key)

    def _rasterise(self, key: Key) -> pygame.Surface | None:
        kind, name, size = key
        path: Path | None
        if kind in KINDS:
            # The same search lint uses: mods' assets/, the story's assets/, the game's.
            path = find_asset(self.story_root, kind, name, self.mod_roots)
        else:
            path = art_path(kind, name, self.asset_dir)
            if outside_link(path, self.asset_dir):
                self._refuse(kind, name, f"{path.name} links outside the game's assets folder")
                return None
        if path is None or not path.is_file() or size[0] < 1 or size[1] < 1:
            return None
        problem = image_problem(path)
        if problem is not None:
            self._refuse(kind, name, problem)
            return None
        try:
            if path.suffix == ".svg":
                return pygame.image.load_sized_svg(str(path), size)
            return pygame.transform.smoothscale(pygame.image.load(str(path)), size)
        except (pygame.error, OSError, ValueError):
            return None

    def _refuse(self, kind: str, name: str, reason: str) -> None:
        """Remember why a picture is drawn as a card, and say so once."""
        if (kind, name) not in self.refused:
            self.refused[(kind, name)] = reason
            with contextlib.suppress(OSError, ValueError):
                print(f"art: {kind} '{name}' not drawn: {reason}", file=sys.stderr)

    def _ensure_worker(self) -> None:
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._work, name="art-loader", daemon=True)
            self._worker.start()

    def _work(self) -> None:
        while True:
            key = self._requests.get()
            if key is None:
                return
            surface = self._rasterise(key)
            if surface is None:
                surface = (
                    drawn_portrait(key[1], key[2])
                    if key[0] == "portrait"
                    else drawn_background(key[1], key[2])
                )
                self.missing.add((key[0], key[1]))
            self._done.put((key, surface))
            with contextlib.suppress(pygame.error):
                pygame.event.post(pygame.event.Event(ART_READY))
