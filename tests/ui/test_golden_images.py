"""Golden images: a handful of screens rendered with SDL's dummy driver at 1280x720 and
compared with the reference PNGs in tests/ui/golden/, so a layout regression fails.

The pictures (backgrounds, portraits) are replaced by flat, labelled-by-colour stand-ins:
these images test the layout and the text, not the art, which changes on its own. The
comparison allows small differences in anti-aliasing (font rasterisers differ a little
between builds): a screen fails when more than 0.5% of its pixels differ by more than 40
in any channel, or the mean difference exceeds 1.5.

After an intended change to the layout, look at the new images and update them with:

    LTH_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/ui/test_golden_images.py

(the PNGs that differ are rewritten; commit them with the change).
"""

from __future__ import annotations

import os
import random
import zlib
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.ui.app import App
from game.ui.saving import QueuedSession
from game.ui.screens.ending import EndingScreen
from game.ui.screens.ledger import LedgerScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.story import StoryScreen
from tests.ui.conftest import to_choices

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("LTH_UPDATE_GOLDEN") == "1"
SIZE = (1280, 720)
MAX_BAD_SHARE = 0.005
BAD_CHANNEL = 40
MAX_MEAN = 1.5


def stand_in(kind: str, name: str, size: tuple[int, int]) -> pygame.Surface:
    """A flat picture whose colour depends only on its name (stable across art changes)."""
    seed = zlib.crc32(f"{kind}:{name}".encode())
    surface = pygame.Surface(size)
    surface.fill((40 + seed % 60, 50 + (seed >> 8) % 60, 70 + (seed >> 16) % 60))
    return surface


def play(app: App, steps: int) -> None:
    session = app.session
    assert session is not None
    rng = random.Random(3)
    for _ in range(steps):
        if session.view.kind == "ending":
            return
        session.choose(rng.choice([c.id for c in session.view.choices if c.enabled]))


def arrange_story(app: App) -> None:
    app.start_game()
    to_choices(app)


def arrange_ledger(app: App) -> None:
    app.start_game()
    play(app, 3)
    app.top.on_resume()
    app.push(LedgerScreen(app))


def arrange_ending(app: App) -> None:
    app.start_game()
    play(app, 50)
    story = app.top
    assert isinstance(story, StoryScreen)
    story.on_resume()
    app.push(EndingScreen(app))


SCREENS: dict[str, Callable[[App], None]] = {
    "title": lambda app: None,
    "story": arrange_story,
    "ledger": arrange_ledger,
    "ending": arrange_ending,
    "settings": lambda app: app.push(SettingsScreen(app)),
}


def difference(a: pygame.Surface, b: pygame.Surface) -> tuple[float, float]:
    """(share of pixels off by more than BAD_CHANNEL, mean channel difference)."""
    import array

    pa = array.array("B", pygame.image.tobytes(a, "RGB"))
    pb = array.array("B", pygame.image.tobytes(b, "RGB"))
    bad = total = 0
    for i in range(0, len(pa), 3):
        d = max(abs(pa[i] - pb[i]), abs(pa[i + 1] - pb[i + 1]), abs(pa[i + 2] - pb[i + 2]))
        total += abs(pa[i] - pb[i]) + abs(pa[i + 1] - pb[i + 1]) + abs(pa[i + 2] - pb[i + 2])
        if d > BAD_CHANNEL:
            bad += 1
    pixels = len(pa) // 3
    return bad / pixels, total / len(pa)


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_matches_its_golden_image(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setattr(QueuedSession, "autosave", lambda self: True)
    app = make_app(size=SIZE, text_speed="instant", seed=1)
    monkeypatch.setattr(app.art, "get", stand_in)
    monkeypatch.setattr(app.art, "get_now", stand_in)
    SCREENS[name](app)
    app.toasts.clear()
    surface = app.draw().copy()
    path = GOLDEN / f"{name}.png"
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"no golden image {path.name}: make it with LTH_UPDATE_GOLDEN=1")
        reference = pygame.image.load(str(path)) if path.exists() else None
        if reference is None or difference(surface, reference)[0] > 0:
            pygame.image.save(surface, str(path))
        return
    reference = pygame.image.load(str(path)).convert()
    assert reference.get_size() == surface.get_size()
    bad, mean = difference(surface, reference)
    if bad > MAX_BAD_SHARE or mean > MAX_MEAN:
        failed = path.with_name(f"{name}.actual.png")
        pygame.image.save(surface, str(failed))
        pytest.fail(
            f"{name}: {bad:.2%} of pixels differ (mean {mean:.2f}); see {failed.name}."
            " If the change is intended: LTH_UPDATE_GOLDEN=1 pytest tests/ui/test_golden_images.py"
        )
