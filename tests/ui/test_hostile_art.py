"""The window never decodes a picture too large, nor follows a link out of a mod's folder."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from game.ui.art import ArtCache
from tests.engine.test_mods import png_header


@pytest.fixture
def mod(tmp_path: Path) -> Path:
    folder = tmp_path / "mods" / "harbour"
    (folder / "assets" / "backgrounds").mkdir(parents=True)
    return folder


def test_a_png_declaring_20000_pixels_is_drawn_as_a_card(mod: Path, tmp_path: Path) -> None:
    pygame.init()
    (mod / "assets" / "backgrounds" / "harbour.png").write_bytes(png_header(20000, 20000))
    art = ArtCache(asynchronous=False, story_root=tmp_path / "story", mod_roots=(str(mod),))
    surface = art.get_now("background", "harbour", (320, 180))
    assert surface.get_size() == (320, 180)
    assert "20000x20000" in art.refused[("background", "harbour")]


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
def test_a_picture_linking_out_of_the_mod_is_never_opened(mod: Path, tmp_path: Path) -> None:
    pygame.init()
    outside = tmp_path / "elsewhere.svg"
    outside.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9">'
        '<rect width="16" height="9" fill="#ff0000"/></svg>'
    )
    (mod / "assets" / "backgrounds" / "harbour.svg").symlink_to(outside)
    (mod / "assets" / "backgrounds" / "zero.png").symlink_to("/dev/zero")
    art = ArtCache(asynchronous=False, story_root=tmp_path / "story", mod_roots=(str(mod),))
    surface = art.get_now("background", "harbour", (32, 18))
    # The drawn card, not the red picture the link points at.
    assert surface.get_at((16, 9))[:3] != (255, 0, 0)
    assert ("background", "harbour") in art.missing
    art.get_now("background", "zero", (32, 18))
    assert ("background", "zero") in art.missing
