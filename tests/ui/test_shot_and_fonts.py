"""Screenshots without a display, the pygame-ce check, the fonts' coverage of the story,
and that only game/ui touches pygame."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pygame
import pytest

from devtools.subset_fonts import CJK_PUNCTUATION, gb2312_level1
from game.engine import Story
from game.textlayout import is_cjk
from game.ui import app as app_module
from game.ui import text as text_module
from game.ui.shot import SCREENS, ShotError, path_to_scene, render_shot
from game.ui.text import CJK_FACE, CJK_FACES, FACES, FONT_DIR, Fonts
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


def test_path_to_scene_reaches_every_scene(story: Story) -> None:
    from game.engine.runner import Runner

    for scene_id in story.scenes:
        runner = Runner(story, seed=1)
        for choice_id in path_to_scene(story, 1, scene_id):
            runner.choose(choice_id)
        assert runner.scene_id == scene_id


def test_classic_pygame_is_refused_with_advice(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pygame, "IS_CE", False, raising=False)
    assert app_module.run_window(str(UI_STORY), 1) == 2
    err = capsys.readouterr().err
    assert "pip uninstall pygame" in err and "pip install pygame-ce" in err


def test_a_broken_story_is_reported_not_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "story.yaml").write_text("format: 1\nid: broken\n", encoding="utf-8")
    assert app_module.run_window(str(tmp_path), 1) == 1
    assert "errors" in capsys.readouterr().err


def cjk_characters(*folders: Path) -> set[str]:
    """The CJK characters of the story files and translations (PO) in the folders."""
    files = [
        p for folder in folders for pattern in ("*.yaml", "*.po") for p in folder.rglob(pattern)
    ]
    return {ch for path in files for ch in path.read_text("utf-8") if is_cjk(ch)}


def missing_glyphs(font_file: str, characters: Iterable[str]) -> list[str]:
    pygame.font.init()
    font = pygame.font.Font(str(FONT_DIR / font_file), 24)
    wanted = sorted(set(characters))
    metrics = font.metrics("".join(wanted))
    return [ch for ch, m in zip(wanted, metrics, strict=True) if m is None or m[1] <= 0]


CJK_FILES = sorted(set(CJK_FACES.values()))


@pytest.mark.parametrize("font_file", CJK_FILES)
@pytest.mark.parametrize(
    "folder", [ROOT / "story", ROOT / "game" / "locales", UI_STORY, UI_STORY.parent / "story_zh"]
)
def test_the_cjk_fonts_have_every_chinese_character_the_stories_use(
    folder: Path, font_file: str
) -> None:
    missing = missing_glyphs(font_file, cjk_characters(folder))
    assert not missing, (
        f"characters {''.join(missing)} are not in {font_file}: "
        "run python -m devtools.subset_fonts --write (needs fontTools)"
    )


@pytest.mark.parametrize("font_file", CJK_FILES)
def test_the_cjk_fonts_cover_gb2312_level_1_and_the_punctuation(font_file: str) -> None:
    """A mod or a translation written in Chinese renders: the 3,755 common characters,
    the CJK punctuation and the full-width forms are all in every Chinese font."""
    level1 = gb2312_level1()
    assert len(level1) == 3755
    punctuation = CJK_PUNCTUATION + "〔〕〖〗‥～﹏＃＆＊＋－／＜＝＞＠［］＿｛｜｝０１９ＡＺａｚ"
    assert missing_glyphs(font_file, level1 + punctuation) == []


def test_mixed_text_draws_every_character_from_a_font_that_has_it() -> None:
    """No blank boxes: a Latin name in Chinese, pinyin, Chinese quotes, dashes and the
    symbols the Latin fonts lack each come from a font holding their glyph."""
    pygame.font.init()
    fonts = Fonts()
    text = "Qin（秦）说：“我16岁了——chūnyùn 春运……”→ ✓ −190 元，Ж"
    for name in ("serif", "sans", "sans-bold", "serif-bold", "choice"):
        face = fonts.face(name, 20, 1.0)
        for cjk, run in text_module._runs(text, face.main_lacks):
            font = face.cjk if cjk else face.main
            for ch in run.replace(" ", ""):
                box = font.metrics(ch)[0]
                assert (box is not None and box[:4] != (0, 0, 0, 0)) or ch == "Ж", (name, ch)
        assert face.width(text) > 0


def test_story_faces_take_the_serif_chinese_font_and_the_interface_the_sans() -> None:
    fonts = Fonts()
    assert fonts.cjk_file_for("serif") == CJK_FACE == "NotoSerifCJKsc-Subset.otf"
    assert fonts.cjk_file_for("sans") == "NotoSansCJKsc-Subset.otf"
    assert fonts.cjk_file_for("sans-bold") == "NotoSansCJKsc-Bold-Subset.otf"
    assert fonts.cjk_file_for("choice") == "NotoSansCJKsc-Subset.otf"
    fonts.configure("dyslexic", "normal")
    assert fonts.cjk_file_for("serif") == CJK_FACE  # the reading font changes only Latin


def test_the_fonts_and_their_licence_ship() -> None:
    for name in [*FACES.values(), *CJK_FILES]:
        assert (FONT_DIR / name).stat().st_size > 10_000
    assert "SIL OPEN FONT LICENSE" in (FONT_DIR / "OFL.txt").read_text("utf-8")
    listed = (ROOT / "assets" / "LICENSE.md").read_text("utf-8")
    assert all(name in listed for name in CJK_FILES)


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
