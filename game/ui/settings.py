"""The player's settings, kept between runs in settings.json beside the saves.

Pure Python (no pygame). A missing, damaged or partly wrong file gives the defaults for
whatever cannot be read; unknown keys are ignored. The file is read defensively by
:mod:`game.storage` (never blocking on a pipe or a device, at most 64 KiB, JSON within
limits); writes are atomic like the saves, and a temporary file a crash left behind is
removed when the store is created.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.i18n import normalise
from game.play.language import valid_code
from game.storage import (
    StorageError,
    data_dir,
    read_json,
    remove_stray_temp_files,
    write_json_atomic,
)

#: A settings file is a few hundred bytes.
MAX_SETTINGS_BYTES = 64 * 1024

TEXT_SPEEDS: tuple[str, ...] = ("slow", "normal", "fast", "instant")
TEXT_SPEED_CPS: dict[str, float] = {"slow": 28.0, "normal": 55.0, "fast": 110.0}
TEXT_SIZES: tuple[str, ...] = ("small", "medium", "large", "largest")
VOLUME_STEPS: tuple[int, ...] = tuple(range(0, 101, 10))
#: Speech rates in words a minute (game/ui/speech.py uses the same list).
SPEECH_RATES: tuple[int, ...] = (120, 150, 180, 210, 240, 300, 360)
READING_FONTS: tuple[str, ...] = ("standard", "dyslexic")
LINE_SPACINGS: tuple[str, ...] = ("normal", "wide")


@dataclass(slots=True)
class Settings:
    """Every setting the Settings screen offers, with its default."""

    text_speed: str = "normal"
    auto_advance: bool = False
    music_volume: int = 70
    sound_volume: int = 70
    fullscreen: bool = False
    text_size: str = "medium"
    high_contrast: bool = False
    reduced_motion: bool = False
    undo_allowed: bool = True
    window_size: tuple[int, int] = field(default=(1280, 720))
    #: Self-voicing (V): the game speaks its text, the focus and the notes.
    self_voicing: bool = False
    speech_rate: int = 180
    speech_volume: int = 100
    #: "dyslexic": OpenDyslexic for the story and the reading screens.
    reading_font: str = "standard"
    line_spacing: str = "normal"
    #: The interface's and story's language ('' until the player chooses one: the
    #: system's language is used then, see game/play/language.py).
    language: str = ""

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["window_size"] = list(self.window_size)
        return data

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        """Settings from JSON, keeping the default for every value that is missing or bad."""
        settings = cls()
        if not isinstance(data, dict):
            return settings
        choice_fields: dict[str, tuple[object, ...]] = {
            "text_speed": TEXT_SPEEDS,
            "text_size": TEXT_SIZES,
            "reading_font": READING_FONTS,
            "line_spacing": LINE_SPACINGS,
            "speech_rate": SPEECH_RATES,
        }
        for name, allowed in choice_fields.items():
            if data.get(name) in allowed:
                setattr(settings, name, data[name])
        flags = ("auto_advance", "fullscreen", "high_contrast", "reduced_motion", "self_voicing")
        for name in flags:
            if isinstance(data.get(name), bool):
                setattr(settings, name, data[name])
        if isinstance(data.get("undo_allowed"), bool):
            settings.undo_allowed = data["undo_allowed"]
        for name in ("music_volume", "sound_volume", "speech_volume"):
            value = data.get(name)
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
                setattr(settings, name, value)
        if valid_code(data.get("language")):
            settings.language = normalise(data["language"])
        size = data.get("window_size")
        if (
            isinstance(size, list)
            and len(size) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in size)
            and 320 <= size[0] <= 10000
            and 180 <= size[1] <= 10000
        ):
            settings.window_size = (size[0], size[1])
        return settings


class SettingsStore:
    """Reads and writes settings.json in the data directory."""

    def __init__(self, directory: Path | None = None, *, clean: bool = True) -> None:
        self.path = (directory if directory is not None else data_dir()) / "settings.json"
        if clean:
            remove_stray_temp_files(self.path.parent)

    def exists(self) -> bool:
        """Whether a settings file is there (the first start has none)."""
        return self.path.exists()

    def load(self) -> Settings:
        """The saved settings; the defaults for a file that is missing or cannot be used."""
        try:
            return Settings.from_json(read_json(self.path, MAX_SETTINGS_BYTES, max_depth=4))
        except StorageError:
            return Settings()

    def save(self, settings: Settings) -> bool:
        """Write the settings; False (and the game goes on) if the disk refuses."""
        try:
            write_json_atomic(self.path, settings.to_json())
        except OSError:
            return False
        return True
