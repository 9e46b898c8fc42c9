"""Every screen at every window size and text size lays out without clipping: no line of
text leaves the panel or button it is drawn in, no two lines overlap, nothing leaves the
window.

The drawing is instrumented: screens draw into a recording surface that notes where
every rendered line of text lands, and where every panel, card and button box is drawn
(translucent panels are blitted surfaces, opaque ones ``pygame.draw.rect``). A line of
text belongs to the smallest box that holds its centre; it must fit inside that box.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import ClassVar

import pygame
import pytest

from game import i18n
from game.ui import text as text_module
from game.ui import widgets
from game.ui.app import App
from game.ui.saving import QueuedSession
from game.ui.screens.ending import EndingScreen
from game.ui.screens.ledger import LedgerScreen
from game.ui.screens.meters import MetersScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.saves import SavesScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.story import StoryScreen
from game.ui.screens.title import ContentNotesScreen
from game.ui.settings import TEXT_SIZES

#: Every screen at every size and text size: seconds each, so out of the quick run.
pytestmark = pytest.mark.slow

WINDOWS = [(800, 600), (1280, 720), (1920, 1080), (2560, 1440)]
SLACK = 2  # pixels of anti-aliasing a glyph box may spill


class Recorder(pygame.Surface):
    """A surface that remembers where text lines and boxes are drawn on it, in order.

    A box drawn later covers what was drawn before it: text under it is forgotten (a
    dialog over a menu hides the menu), and a line of text belongs to the last box
    drawn under its centre before it.
    """

    texts: ClassVar[dict[int, str]] = {}
    panels: ClassVar[set[int]] = set()

    def __init__(self, size: tuple[int, int]) -> None:
        super().__init__(size)
        self.lines: list[tuple[pygame.Rect, str, pygame.Rect | None]] = []
        self.boxes: list[pygame.Rect] = []

    def add_box(self, box: pygame.Rect) -> None:
        self.lines = [line for line in self.lines if not box.contains(line[0])]
        self.boxes.append(box)

    def blit(self, source, dest, area=None, special_flags=0):  # type: ignore[no-untyped-def,override]
        rect = pygame.Rect(dest if len(dest) == 4 else (*dest, *source.get_size()))
        rect.size = source.get_size()
        shown = rect.clip(self.get_clip())
        if shown.w > 0 and shown.h > 0:
            if id(source) in Recorder.texts:
                under = [b for b in self.boxes if b.collidepoint(shown.center) and b.w > 8]
                self.lines.append((shown, Recorder.texts[id(source)], under[-1] if under else None))
            elif id(source) in Recorder.panels:
                self.add_box(shown)
        return super().blit(source, dest, area, special_flags)


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    keep: list[pygame.Surface] = []

    def tag(render: Callable[..., pygame.Surface]) -> Callable[..., pygame.Surface]:
        def tagged(face: text_module.Face, text: str, colour: tuple[int, int, int]):  # type: ignore[no-untyped-def]
            surface = render(face, text, colour)
            if text.strip():
                Recorder.texts[id(surface)] = text
                keep.append(surface)
            return surface

        return tagged

    monkeypatch.setattr(text_module.Face, "render", tag(text_module.Face.render))
    monkeypatch.setattr(text_module.Face, "render_uncached", tag(text_module.Face.render_uncached))
    panel = widgets._panel_surface

    def panel_surface(*args: object) -> pygame.Surface:
        surface = panel(*args)  # type: ignore[arg-type]
        Recorder.panels.add(id(surface))
        keep.append(surface)
        return surface

    panel.cache_clear()
    panel_surface.cache_clear = panel.cache_clear  # type: ignore[attr-defined]
    monkeypatch.setattr(widgets, "_panel_surface", panel_surface)
    draw_rect = pygame.draw.rect

    def rect(surface, colour, box, width=0, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(surface, Recorder):
            shown = pygame.Rect(box).clip(surface.get_clip())
            if shown.w > 0 and shown.h > 0 and width == 0:
                surface.add_box(shown)
        return draw_rect(surface, colour, box, width, *args, **kwargs)

    monkeypatch.setattr(pygame.draw, "rect", rect)
    yield
    Recorder.texts.clear()
    Recorder.panels.clear()
    widgets.clear_caches()


def problems(app: App, label: str) -> list[str]:
    """Draw the app into a recorder and list every line that leaves its box."""
    recorder = Recorder(app.window.get_size())
    app.draw(recorder)
    view = app.viewport_rect()
    found: list[str] = []
    for rect, text, box in recorder.lines:
        if not view.inflate(2 * SLACK, 2 * SLACK).contains(rect):
            found.append(f"{label}: {text!r} leaves the window {rect}")
            continue
        if box is not None and not box.inflate(2 * SLACK, 2 * SLACK).contains(rect):
            found.append(f"{label}: {text!r} {rect} sticks out of its box {box}")
    cores = [(r.inflate(-2, -round(r.h * 0.3)), t) for r, t, _ in recorder.lines]
    for i, (a, ta) in enumerate(cores):
        for b, tb in cores[i + 1 :]:
            if a.colliderect(b) and a != b:
                found.append(f"{label}: {ta!r} overlaps {tb!r}")
    return found


def play_to_ending(app: App) -> None:
    session = app.session
    assert session is not None
    rng = random.Random(3)
    for _ in range(200):
        if session.view.kind == "ending":
            return
        session.choose(rng.choice([c.id for c in session.view.choices if c.enabled]))


def story_screen(app: App) -> StoryScreen:
    screen = app.find("story")
    assert isinstance(screen, StoryScreen)
    return screen


SCREENS: dict[str, Callable[[App], None]] = {
    "title": lambda app: None,
    "notes": lambda app: app.push(ContentNotesScreen(app)),
    "settings": lambda app: app.push(SettingsScreen(app)),
    "load": lambda app: app.push(SavesScreen(app, "load")),
}


def story_pages(app: App) -> list[str]:
    """Every page of the first scenes, the hidden text, and the game's overlays."""
    found: list[str] = []
    app.start_game()
    screen = story_screen(app)
    for step in range(4):
        layout = screen._layout()
        for page in range(len(layout.pages)):
            screen.page = page
            screen.typewriter.finish()
            screen._page_revealed()
            app.toast("Qin will remember this.")
            found += problems(app, f"story step {step} page {page}")
            app.toasts.clear()
        if screen.view.kind == "ending":
            break
        ids = [c.id for c in screen.view.choices if c.enabled]
        app.session.choose(ids[0])  # type: ignore[union-attr]
        screen.on_resume()
    for name, make in (
        ("pause", PauseScreen),
        ("ledger", LedgerScreen),
        ("meters", MetersScreen),
        ("save", lambda a: SavesScreen(a, "save")),
    ):
        app.push(make(app))
        found += problems(app, name)
        app.pop()
    app.push(PauseScreen(app))
    app.top.to_title()  # type: ignore[attr-defined]
    found += problems(app, "confirm")
    app.pop()
    app.pop()
    play_to_ending(app)
    screen.on_resume()
    app.push(EndingScreen(app))
    found += problems(app, "ending")
    return found


@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("size", WINDOWS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits(make_app, recording, size, text_size, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QueuedSession, "autosave", lambda self: True)  # layout, not the disk
    app = make_app(size=size, text_size=text_size, text_speed="instant")
    found: list[str] = []
    for name, arrange in SCREENS.items():
        app.replace_all(app.screens[0]) if name != "title" else None
        arrange(app)
        found += problems(app, name)
        while len(app.screens) > 1:
            app.pop()
    found += story_pages(app)
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize("spacing", ["normal", "wide"])
@pytest.mark.parametrize(
    ("size", "text_size"),
    [((1280, 720), "medium"), ((1280, 720), "largest"), ((800, 600), "largest")],
    ids=["1280x720-medium", "1280x720-largest", "800x600-largest"],
)
def test_every_screen_fits_in_the_reading_font(  # type: ignore[no-untyped-def]
    make_app, recording, size, text_size, spacing, monkeypatch
) -> None:
    """OpenDyslexic is wider and taller than Noto Serif; wide spacing adds height."""
    monkeypatch.setattr(QueuedSession, "autosave", lambda self: True)
    app = make_app(
        size=size,
        text_size=text_size,
        text_speed="instant",
        reading_font="dyslexic",
        line_spacing=spacing,
    )
    assert app.face("serif", 20).file == "OpenDyslexic-Regular.otf"
    found: list[str] = []
    for name, arrange in SCREENS.items():
        app.replace_all(app.screens[0]) if name != "title" else None
        arrange(app)
        found += problems(app, name)
        while len(app.screens) > 1:
            app.pop()
    found += story_pages(app)
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("size", [(800, 600), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits_in_a_longer_language(  # type: ignore[no-untyped-def]
    make_app, recording, size, text_size, monkeypatch
) -> None:
    """Translations run longer than English: the pseudo-language (about a third longer,
    every string marked) must fit every button, menu and panel too."""
    monkeypatch.setattr(QueuedSession, "autosave", lambda self: True)
    i18n.set_language("qps")
    try:
        app = make_app(size=size, text_size=text_size, text_speed="instant")
        found: list[str] = []
        for name, arrange in SCREENS.items():
            app.replace_all(app.screens[0]) if name != "title" else None
            arrange(app)
            found += problems(app, name)
            while len(app.screens) > 1:
                app.pop()
        found += story_pages(app)
    finally:
        i18n.set_language("en")
    assert not found, "\n".join(found[:20])
