"""Screenshots without a display, the pygame-ce check, the fonts' coverage of the story,
and that only game/ui touches pygame."""

from __future__ import annotations

import ast
from pathlib import Path

import pygame
import pytest

from game.textlayout import is_cjk
from game.ui import app as app_module
from game.ui.shot import SCREENS, ShotError, path_to_scene, render_shot
from game.ui.text import CJK_FACE, FACES, FONT_DIR
from tests.ui.conftest import UI_STORY

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("screen", SCREENS)
def test_every_shot_screen_writes_a_png(screen: str, tmp_path: Path) -> None:
    out = tmp_path / f"{screen}.png"
    render_shot(screen, str(UI_STORY), None, (640, 360), str(out), seed=2)
    image = pygame.image.load(str(out))
    assert image.get_size() == (640, 360)


def test_a_shot_of_a_named_scene(tmp_path: Path) -> None:
    out = tmp_path / "home.png"
    render_shot("story", str(UI_STORY), "home", (480, 270), str(out))
    assert out.stat().st_size > 1000


def test_a_shot_of_an_unknown_scene_or_screen_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(ShotError, match="unknown scene"):
        render_shot("story", str(UI_STORY), "nowhere", (320, 180), str(tmp_path / "x.png"))
    with pytest.raises(ShotError, match="unknown screen"):
        render_shot("credits", str(UI_STORY), None, (320, 180), str(tmp_path / "x.png"))


def test_path_to_scene_reaches_every_scene(story) -> None:  # type: ignore[no-untyped-def]
    from game.engine.runner import Runner

    for scene_id in story.scenes:
        runner = Runner(story, seed=1)
        for choice_id in path_to_scene(story, 1, scene_id):
            runner.choose(choice_id)
        assert runner.scene_id == scene_id


def test_classic_pygame_is_refused_with_advice(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(app_module.pygame, "IS_CE", False, raising=False)
    assert app_module.run_window(str(UI_STORY), 1) == 2
    err = capsys.readouterr().err
    assert "pip uninstall pygame" in err and "pip install pygame-ce" in err


def test_a_broken_story_is_reported_not_opened(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "story.yaml").write_text("format: 1\nid: broken\n", encoding="utf-8")
    assert app_module.run_window(str(tmp_path), 1) == 1
    assert "errors" in capsys.readouterr().err


def cjk_characters(folder: Path) -> set[str]:
    return {ch for path in folder.rglob("*.yaml") for ch in path.read_text("utf-8") if is_cjk(ch)}


@pytest.mark.parametrize("folder", [ROOT / "story", UI_STORY])
def test_the_cjk_font_has_every_chinese_character_the_story_uses(folder: Path) -> None:
    pygame.font.init()
    font = pygame.font.Font(str(FONT_DIR / CJK_FACE), 24)
    missing = sorted(ch for ch in cjk_characters(folder) if font.metrics(ch)[0][1] <= 0)
    assert not missing, (
        f"characters {''.join(missing)} are not in {CJK_FACE}: "
        "run python -m devtools.subset_fonts (needs fontTools)"
    )


def test_the_fonts_and_their_licence_ship() -> None:
    for name in [*FACES.values(), CJK_FACE]:
        assert (FONT_DIR / name).stat().st_size > 10_000
    assert "SIL OPEN FONT LICENSE" in (FONT_DIR / "OFL.txt").read_text("utf-8")


@pytest.mark.parametrize("module", ["game/saves.py", "game/ui/settings.py", "game/play/session.py"])
def test_pure_modules_do_not_import_pygame(module: str) -> None:
    tree = ast.parse((ROOT / module).read_text("utf-8"))
    names = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.split(".")[0] == "pygame" for name in names)
