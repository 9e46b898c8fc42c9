"""Waiting for the player without waking the processor: :class:`EventWaiter`.

pygame-ce's ``event.wait(timeout)`` polls SDL every millisecond (about 900 wake-ups a
second on an idle story screen). SDL itself can sleep until the window system has an
event, on the drivers that support it (X11, Wayland, Windows, macOS): ``EventWaiter``
calls ``SDL_WaitEventTimeout(NULL, ms)`` in the SDL library pygame already loaded, which
blocks without taking the event, then lets pygame fetch the events as usual. Events
posted from other threads (art loaded, a save written) wake it too, because SDL sends
the window a wake-up on every pushed event.

Where SDL cannot block (the dummy and offscreen drivers, or no SDL library found), it
falls back to short sleeps: 60 polls a second just after input, easing to
``IDLE_POLLS_PER_SECOND`` once the player has been still for ``SETTLE_SECONDS``.
"""

from __future__ import annotations

import ctypes
import os
import sys
import time
from pathlib import Path

import pygame

#: Drivers whose SDL_WaitEventTimeout really sleeps until an event comes.
BLOCKING_DRIVERS = ("x11", "wayland", "windows", "cocoa")
IDLE_POLLS_PER_SECOND = 4
SETTLE_SECONDS = 1.0
BUSY_POLL = 1 / 60


def _loaded_sdl_path() -> str | None:
    """The file of the SDL2 library this process has loaded (pygame's own copy)."""
    maps = Path("/proc/self/maps")
    if maps.exists():
        try:
            for line in maps.read_text(encoding="utf-8", errors="replace").splitlines():
                path = line.split(maxsplit=5)[-1] if line.count(" ") >= 5 else ""
                name = os.path.basename(path)
                if name.startswith("libSDL2-2") or name.startswith("libSDL2.so"):
                    return path
                if name.startswith("libSDL2") and ".so" in name and "_" not in name:
                    return path
        except OSError:
            return None
        return None
    package = Path(pygame.__file__).resolve().parent
    patterns = ("SDL2.dll",) if sys.platform == "win32" else ("libSDL2*.dylib",)
    for folder in (package, package / ".dylibs", package.parent / "pygame_ce.libs"):
        for pattern in patterns:
            found = sorted(folder.glob(pattern))
            if found:
                return str(found[0])
    return None


def _sdl_wait_function() -> ctypes._CFuncPtr | None:  # type: ignore[name-defined]
    path = _loaded_sdl_path()
    if path is None:
        return None
    try:
        library = ctypes.CDLL(path)
        wait = library.SDL_WaitEventTimeout
    except (OSError, AttributeError):
        return None
    wait.argtypes = [ctypes.c_void_p, ctypes.c_int]
    wait.restype = ctypes.c_int
    return wait


class EventWaiter:
    """Waits up to a timeout for the next events; returns them (maybe none)."""

    def __init__(self, driver: str | None = None) -> None:
        self.driver = driver or pygame.display.get_driver()
        self._sdl_wait = None
        if self.driver in BLOCKING_DRIVERS and os.environ.get("LTH_POLL_EVENTS") != "1":
            self._sdl_wait = _sdl_wait_function()
        self._last_input = time.monotonic()

    @property
    def blocking(self) -> bool:
        """True when waiting really sleeps until an event (no polling)."""
        return self._sdl_wait is not None

    def wait(self, timeout_ms: int) -> list[pygame.event.Event]:
        if self._sdl_wait is not None:
            self._sdl_wait(None, max(0, int(timeout_ms)))
            return self._got(pygame.event.get())
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            events = pygame.event.get()
            if events:
                return self._got(events)
            now = time.monotonic()
            if now >= deadline:
                return []
            settled = now - self._last_input > SETTLE_SECONDS
            step = 1 / IDLE_POLLS_PER_SECOND if settled else BUSY_POLL
            time.sleep(max(0.0, min(step, deadline - now)))

    def _got(self, events: list[pygame.event.Event]) -> list[pygame.event.Event]:
        if events:
            self._last_input = time.monotonic()
        return events
