"""Portraits: every face the story can ask for exists and renders with the game's SVG
renderer (nanosvg) to a real picture, and the story screen draws the face the scene's
mood asks for."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine.assets import GAME_ASSETS, MOODS, find_asset, portrait_variant
from game.engine.loader import load_story
from game.ui.app import App
from game.ui.settings import Settings
from tests.conftest import STORY_DIR
from tests.engine.test_moods import write
from tests.ui.conftest import session

PORTRAIT_SIZE = (260, 346)  # about the portrait box at 1280x720


def wanted_portraits() -> set[str]:
    """Every portrait file the shipped story can show: each speaking scene's portrait in
    its chapter's look with its mood, and every family member in every mood and chapter."""
    story, _ = load_story(STORY_DIR)
    assert story is not None
    names: set[str] = set()
    for scene in story.scenes.values():
        speaker = story.characters.get(scene.speaker) if scene.speaker else None
        portrait = scene.portrait or (speaker.portrait if speaker else None)
        if portrait:
            names.add(portrait_variant(STORY_DIR, portrait, scene.mood, scene.chapter)[0])
    for name in ("qin", "lei", "nainai", "guoping", "xiulan"):
        for chapter in (1, 2, 3, 4):
            for mood in MOODS:
                names.add(portrait_variant(STORY_DIR, name, mood, chapter)[0])
    return names


def test_every_portrait_the_story_asks_for_is_a_file() -> None:
    names = wanted_portraits()
    assert {"qin_angry", "qin_ch2_sad", "qin_ch3_happy", "nainai_ch2_angry"} <= names
    assert [n for n in sorted(names) if find_asset(STORY_DIR, "portrait", n) is None] == []


ALL_FILES = sorted((GAME_ASSETS / "portraits").glob("*.svg"))


@pytest.mark.parametrize("path", ALL_FILES, ids=[p.stem for p in ALL_FILES])
def test_each_portrait_renders_to_a_real_picture(path: Path) -> None:
    pygame.init()
    surface = pygame.image.load_sized_svg(str(path), PORTRAIT_SIZE)
    assert surface.get_size() == PORTRAIT_SIZE
    w, h = PORTRAIT_SIZE
    opaque = colours = 0
    seen: set[tuple[int, int, int]] = set()
    for y in range(0, h, 3):
        for x in range(0, w, 3):
            r, g, b, a = surface.get_at((x, y))
            if a > 200:
                opaque += 1
                seen.add((r // 8, g // 8, b // 8))
    colours = len(seen)
    total = len(range(0, h, 3)) * len(range(0, w, 3))
    assert 0.25 < opaque / total < 0.8, path.name  # a figure on a clear background
    assert colours > 12, path.name  # skin, hair, clothes, eyes, mouth
    # The face: dark eyes inside the skin in the upper half of the picture.
    face = [
        surface.get_at((x, y))
        for y in range(round(h * 0.3), round(h * 0.55))
        for x in range(round(w * 0.38), round(w * 0.62))
    ]
    assert any(p.a > 200 and p.r + p.g + p.b < 150 for p in face), path.name


def test_every_file_is_plain_svg_that_nanosvg_draws() -> None:
    for path in ALL_FILES:
        text = path.read_text(encoding="utf-8")
        for banned in (
            "<text",
            "<filter",
            "<mask",
            "<clipPath",
            "<image",
            "<use",
            "<style",
            "style=",
        ):
            assert banned not in text, (path.name, banned)
        assert "CC BY 4.0" in text and len(text) < 40_000


def test_the_story_screen_draws_the_face_the_mood_asks_for(tmp_path: Path) -> None:
    root = write(tmp_path, "qin", "angry")
    story, diagnostics = load_story(root)
    assert story is not None, diagnostics
    pygame.init()
    try:
        app = App(
            story,
            str(root),
            seed=1,
            data_directory=tmp_path / "data",
            size=(1280, 720),
            asynchronous_art=False,
            persist_settings=False,
            settings=Settings(window_size=(1280, 720)),
        )
        asked: list[str] = []
        real_get = app.art.get

        def spy(kind: str, name: str, size: tuple[int, int]) -> pygame.Surface | None:
            if kind == "portrait":
                asked.append(name)
            return real_get(kind, name, size)

        app.art.get = spy  # type: ignore[method-assign]
        app.start_game()
        assert session(app).view.mood == "angry"
        app.draw()
        assert asked and set(asked) == {"qin_ch2_angry"}
    finally:
        pygame.quit()


def test_the_art_cache_falls_back_to_the_neutral_face(tmp_path: Path) -> None:
    from game.ui.art import ArtCache

    root = write(tmp_path, "ann", "sad")  # ann.svg and ann_sad.svg only
    art = ArtCache(asynchronous=False, story_root=root)
    assert art.portrait_name("ann", "sad", 1) == "ann_sad"
    assert art.portrait_name("ann", "angry", 1) == "ann"
    assert art.portrait_name("ann", None, 1) == "ann"
    # The game's own portraits: the chapter's look, then its face for the mood.
    assert art.portrait_name("qin", "angry", 3) == "qin_ch3_angry"
    assert art.portrait_name("scalper", "angry", 2) == "scalper"
    picture = art.get_now("portrait", art.portrait_name("ann", "angry", 1), (120, 160))
    assert picture.get_size() == (120, 160) and ("portrait", "ann") not in art.missing


def test_the_portrait_files_are_what_make_portraits_draws(tmp_path: Path) -> None:
    """The shipped SVG files and their generator are in step (run make_portraits)."""
    from devtools.make_portraits import write_all

    written = write_all(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in ALL_FILES)
    for path in written:
        shipped = GAME_ASSETS / "portraits" / path.name
        assert path.read_text("utf-8") == shipped.read_text("utf-8"), (
            f"{path.name} differs: run python -m devtools.make_portraits"
        )
