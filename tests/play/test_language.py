"""Which language the game starts in (game/play/language.py) and the saved setting."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from game.i18n import PSEUDO_LANGUAGE
from game.play import language as choosing
from game.ui.settings import Settings, SettingsStore


@dataclass
class Saved:
    language: str = ""


def test_the_command_line_wins_then_the_setting_then_the_system(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(choosing, "available_languages", lambda: ["en", "qps", "zh_CN"])
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert choosing.chosen_language(Saved("en"), "zh-cn") == "zh_CN"
    assert choosing.chosen_language(Saved("en"), None) == "en"
    assert choosing.chosen_language(Saved(""), None) == "zh_CN"
    assert choosing.chosen_language(None, None) == "zh_CN"
    # A saved language whose catalogue went away stays chosen (strings fall back).
    assert choosing.chosen_language(Saved("de"), None) == "de"
    # Nonsense in the settings file is ignored.
    assert choosing.chosen_language(Saved("../../etc"), None) == "zh_CN"


def test_the_system_language_is_the_default_only_when_the_game_has_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert choosing.default_language(["en", "zh_CN"]) == "en"
    assert choosing.default_language(["en", "fr"]) == "fr"  # the base language
    monkeypatch.setenv("LC_ALL", "zh_CN")
    assert choosing.default_language(["en", "zh_CN"]) == "zh_CN"


def test_the_first_start_asks_only_when_there_is_a_real_choice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert not choosing.needs_language_choice(False, ["en"])
    assert choosing.needs_language_choice(False, ["en", "zh_CN"])
    assert not choosing.needs_language_choice(True, ["en", "zh_CN"])
    monkeypatch.setattr(choosing, "available_languages", lambda: ["en", PSEUDO_LANGUAGE])
    assert choosing.player_languages() == ["en"]  # the test language is not a choice
    assert choosing.player_languages("qps") == ["en", "qps"]
    assert not choosing.needs_language_choice(False)


def test_the_language_is_kept_in_settings_json(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    assert not store.exists()
    assert store.load().language == ""
    assert store.save(Settings(language="zh_CN"))
    assert store.exists()
    assert store.load().language == "zh_CN"
    for bad in (12, "", "x" * 40, "zh CN", None, ["en"]):
        assert Settings.from_json({"language": bad}).language == ""
    assert Settings.from_json({"language": "zh-cn"}).language == "zh_CN"
