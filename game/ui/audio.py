"""Music and interface sounds: a calm loop for each mood of the story, crossfaded.

The music follows the scene: its ``music:`` field when it has one, otherwise a mood
chosen from its background (:func:`mood_for`). A change of mood crossfades over two
and a half seconds on two reserved mixer channels. The volumes in Settings apply at
once (they are the loops' own volumes, so they never fight a fade in progress).

The mixer is opened only while a volume is above zero, and only if an audio device
opens: when none does (no sound card, no sound server), the game plays on in silence
and never asks again. Loops are decoded on a worker thread, as pictures are, because
decoding a half-minute loop takes longer than a frame; a pygame event wakes the loop
when one is ready. Tests and screenshots load synchronously.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from pathlib import Path
from queue import Empty, SimpleQueue

import pygame

from game.engine import GAME_ASSETS, find_asset
from game.ui.settings import Settings

AUDIO_READY = pygame.event.custom_type()

#: The moods of the shipped music, one loop each in assets/music/.
MOODS = ("factory", "city_night", "station", "train", "village", "new_year")
BACKGROUND_MOODS = {
    "factory_floor": "factory",
    "dormitory": "factory",
    "factory_gate": "factory",
    "street_phone": "city_night",
    "city_street": "city_night",
    "restaurant": "city_night",
    "station_square": "station",
    "ticket_hall": "station",
    "station_snow": "station",
    "platform_night": "station",
    "train_carriage": "train",
    "river_ferry": "train",
    "country_bus": "train",
    "school_gate": "village",
    "clinic": "village",
    "new_year_table": "new_year",
}
TITLE_MOOD = "train"  # the title picture is a night train
CROSSFADE_MS = 2500
MUSIC_LEVEL = 0.8  # at 100% in Settings: the loops are already quiet
SOUND_LEVEL = 0.7
MUSIC_CHANNELS = 2  # reserved: the mood playing and the one fading out
SOUNDS = ("choice", "page")
MIXER_FORMAT = (22050, -16, 1)  # the rate, sample format and channels of the files


def mood_for(music: str | None, background: str | None) -> str | None:
    """The music for a scene: its own ``music:`` field, else its background's mood."""
    if music:
        return music
    if not background:
        return None
    if background.startswith("village_"):
        return "village"
    return BACKGROUND_MOODS.get(background)


def volume_level(percent: int, level: float) -> float:
    """A Settings volume (0-100) as a mixer volume (0.0-1.0)."""
    return max(0.0, min(1.0, percent / 100 * level))


class Audio:
    """The game's sound: starts the mixer when needed, plays the mood and the clicks."""

    def __init__(
        self,
        settings: Settings,
        story_root: str | Path = GAME_ASSETS.parent,
        mods: Sequence[str | Path] = (),
        asynchronous: bool = True,
        enabled: bool = True,
    ) -> None:
        self.settings = settings
        self.story_root = Path(story_root)
        self.mods = tuple(mods)
        self.asynchronous = asynchronous
        # off, on, failed (no audio device: silence for good) or disabled (screenshots)
        self.state = "off" if enabled else "disabled"
        self.wanted: str | None = None  # the mood the game is in
        self.playing: str | None = None  # the mood on the current channel
        self._channel = 0
        self._loops: dict[str, pygame.mixer.Sound] = {}
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._unplayable: set[str] = set()
        self._pending: set[str] = set()
        self._requests: SimpleQueue[tuple[int, str, Path] | None] = SimpleQueue()
        self._done: SimpleQueue[tuple[int, str, pygame.mixer.Sound | None]] = SimpleQueue()
        self._generation = 0  # one per opening of the mixer: older loops are dropped
        self._worker: threading.Thread | None = None

    # -- the mixer ---------------------------------------------------------------------
    @property
    def failed(self) -> bool:
        """No audio device could be opened: the game is silent."""
        return self.state == "failed"

    @property
    def music_volume(self) -> float:
        return volume_level(self.settings.music_volume, MUSIC_LEVEL)

    @property
    def sound_volume(self) -> float:
        return volume_level(self.settings.sound_volume, SOUND_LEVEL)

    def _start(self) -> bool:
        """Open the mixer if it is not open; False (and silence for good) if it cannot."""
        if self.state == "on":
            return True
        if self.state in ("failed", "disabled"):
            return False
        try:
            if pygame.mixer.get_init() != MIXER_FORMAT:
                # The files' own rate: the mixer then never resamples a loop, so no
                # resampling edge can put a click at the loop point.
                pygame.mixer.quit()
                pygame.mixer.init(*MIXER_FORMAT, buffer=1024)
            pygame.mixer.set_num_channels(max(8, pygame.mixer.get_num_channels()))
            pygame.mixer.set_reserved(MUSIC_CHANNELS)
        except (pygame.error, OSError):
            self.state = "failed"
            return False
        self.state = "on"
        if self.asynchronous and self.settings.sound_volume > 0:
            # The interface sounds load on a worker now, so the first choice's click
            # costs its frame nothing (decoding one took about 9 ms on the main thread).
            threading.Thread(target=self._warm_sounds, name="sound-loader", daemon=True).start()
        return True

    def _warm_sounds(self) -> None:
        for name in SOUNDS:
            path = GAME_ASSETS / "sounds" / f"{name}.ogg"
            if name not in self._sounds and path.is_file():
                sound = _load(path)
                if sound is not None:
                    self._sounds.setdefault(name, sound)

    def _stop(self) -> None:
        """Both volumes at zero: close the mixer so no audio thread runs at all."""
        if self.state != "on":
            return
        self._loops.clear()
        self._sounds.clear()
        self._pending.clear()
        self._generation += 1
        with contextlib.suppress(pygame.error):
            pygame.mixer.quit()
        self.state = "off"
        self.playing = None

    def apply_settings(self) -> None:
        """The volumes changed: apply them now, starting or stopping the mixer as needed."""
        if self.settings.music_volume <= 0 and self.settings.sound_volume <= 0:
            self._stop()
            return
        if not self._start():
            return
        for sound in self._loops.values():
            sound.set_volume(self.music_volume)
        for sound in self._sounds.values():
            sound.set_volume(self.sound_volume)
        if self.settings.music_volume <= 0:
            self._fade_out()
        else:
            self._follow()

    # -- music --------------------------------------------------------------------------
    def set_mood(self, mood: str | None) -> None:
        """Play ``mood`` (crossfading from the one before); None keeps what plays."""
        if mood is None or mood == self.wanted:
            return
        self.wanted = mood
        if self.settings.music_volume > 0 and self._start():
            self._follow()

    def _follow(self) -> None:
        mood = self.wanted
        if mood is None or mood == self.playing or mood in self._unplayable:
            return
        loop = self._loops.get(mood)
        if loop is None:
            self._request(mood)
            return
        self._crossfade(mood, loop)

    def _crossfade(self, mood: str, loop: pygame.mixer.Sound) -> None:
        try:
            old = pygame.mixer.Channel(self._channel)
            if self.playing is not None:
                old.fadeout(CROSSFADE_MS)
                self._channel = (self._channel + 1) % MUSIC_CHANNELS
            channel = pygame.mixer.Channel(self._channel)
            loop.set_volume(self.music_volume)
            channel.set_volume(1.0)
            channel.play(loop, loops=-1, fade_ms=CROSSFADE_MS)
        except pygame.error:
            return
        self.playing = mood

    def _fade_out(self) -> None:
        if self.playing is None:
            return
        with contextlib.suppress(pygame.error):
            for index in range(MUSIC_CHANNELS):
                pygame.mixer.Channel(index).fadeout(CROSSFADE_MS // 2)
        self.playing = None

    def channel_busy(self, index: int) -> bool:
        """Whether a music channel is sounding (for tests)."""
        if self.state != "on":
            return False
        return bool(pygame.mixer.Channel(index).get_busy())

    # -- loading --------------------------------------------------------------------------
    def music_path(self, mood: str) -> Path | None:
        return find_asset(self.story_root, "music", mood, self.mods)

    def _request(self, mood: str) -> None:
        path = self.music_path(mood)
        if path is None:
            self._unplayable.add(mood)
            return
        if not self.asynchronous:
            self._arrive(mood, _load(path))
            return
        if mood in self._pending:
            return
        self._pending.add(mood)
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._work, name="audio-loader", daemon=True)
            self._worker.start()
        self._requests.put((self._generation, mood, path))

    def _work(self) -> None:
        while True:
            request = self._requests.get()
            if request is None:
                return
            generation, mood, path = request
            loop = _load(path) if pygame.mixer.get_init() else None
            self._done.put((generation, mood, loop))
            with contextlib.suppress(pygame.error):
                pygame.event.post(pygame.event.Event(AUDIO_READY))

    def collect(self) -> None:
        """Take in loops the worker decoded and start the one the game wants."""
        while True:
            try:
                generation, mood, loop = self._done.get_nowait()
            except Empty:
                return
            if generation != self._generation or self.state != "on":
                continue
            self._pending.discard(mood)
            self._arrive(mood, loop)

    def _arrive(self, mood: str, loop: pygame.mixer.Sound | None) -> None:
        if loop is None:
            self._unplayable.add(mood)
            return
        self._loops[mood] = loop
        while len(self._loops) > 3:  # keep memory small: a loop is a few megabytes
            oldest = next(m for m in self._loops if m not in (self.wanted, self.playing))
            del self._loops[oldest]
        if mood == self.wanted and self.settings.music_volume > 0:
            self._crossfade(mood, loop)

    # -- interface sounds ---------------------------------------------------------------
    def play_sound(self, name: str) -> None:
        """A short interface sound (``choice``, ``page``) at the sound volume."""
        if self.settings.sound_volume <= 0 or not self._start():
            return
        sound = self._sounds.get(name)
        if sound is None:
            path = GAME_ASSETS / "sounds" / f"{name}.ogg"
            sound = _load(path) if path.is_file() else None
            if sound is None:
                return
            self._sounds[name] = sound
        sound.set_volume(self.sound_volume)
        with contextlib.suppress(pygame.error):
            sound.play()

    def close(self) -> None:
        if self._worker is not None:
            self._requests.put(None)
            self._worker.join(timeout=2)
            self._worker = None


def _load(path: Path) -> pygame.mixer.Sound | None:
    try:
        return pygame.mixer.Sound(str(path))
    except (pygame.error, OSError):
        return None
