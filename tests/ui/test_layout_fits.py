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
from pathlib import Path
from typing import ClassVar

import pygame
import pytest

from game import i18n
from game.engine import Story, load_story
from game.i18n import format_money, set_language
from game.textlayout import NO_LINE_END, NO_LINE_START, has_cjk
from game.ui import text as text_module
from game.ui import widgets
from game.ui.app import App
from game.ui.saving import QueuedSession
from game.ui.screens.about import AboutScreen
from game.ui.screens.cards import CardsScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.glossary import GlossaryScreen
from game.ui.screens.history import HistoryScreen
from game.ui.screens.ledger import LedgerScreen
from game.ui.screens.meters import MetersScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.saves import SavesScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.story import StoryScreen
from game.ui.screens.title import ContentNotesScreen
from game.ui.settings import TEXT_SIZES, Settings
from tests.ui.conftest import session

#: Every screen at every size and text size: seconds each, so out of the quick run.
pytestmark = pytest.mark.slow

WINDOWS = [(800, 600), (1280, 720), (1920, 1080), (2560, 1440)]
SLACK = 2  # pixels of anti-aliasing a glyph box may spill
#: Every line of text the last :func:`problems` calls saw drawn.
DRAWN: list[str] = []


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
        self._piece_of: int | None = None

    def add_box(self, box: pygame.Rect) -> None:
        self.lines = [line for line in self.lines if not box.contains(line[0])]
        self.boxes.append(box)

    def blit(self, source, dest, area=None, special_flags=0):  # type: ignore[no-untyped-def,override]
        rect = pygame.Rect(dest if len(dest) == 4 else (*dest, *source.get_size()))
        # A piece of a larger surface (a panel is cut from a cached large one) covers
        # only the piece's size.
        rect.size = pygame.Rect(area).size if area is not None else source.get_size()
        shown = rect.clip(self.get_clip())
        if shown.w > 0 and shown.h > 0:
            if id(source) in Recorder.texts:
                under = [b for b in self.boxes if b.collidepoint(shown.center) and b.w > 8]
                self.lines.append((shown, Recorder.texts[id(source)], under[-1] if under else None))
            elif id(source) in Recorder.panels:
                last = self.boxes[-1] if self.boxes else None
                piece = area is not None and self._piece_of == id(source)
                if piece and last is not None and last.inflate(2, 2).colliderect(shown):
                    # The next piece of the same panel: the panel is their union.
                    self.boxes.pop()
                    shown = last.union(shown)
                self._piece_of = id(source) if area is not None else None
                self.add_box(shown)
        return super().blit(source, dest, area, special_flags)


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    keep: list[pygame.Surface] = []
    DRAWN.clear()

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
        surface = panel(*args)
        Recorder.panels.add(id(surface))
        keep.append(surface)
        return surface

    panel.cache_clear()
    panel_surface.cache_clear = panel.cache_clear  # type: ignore[attr-defined]
    monkeypatch.setattr(widgets, "_panel_surface", panel_surface)
    new_panel = widgets._new_panel

    def large_panel(*args: object) -> pygame.Surface:
        surface = new_panel(*args)  # type: ignore[arg-type]
        Recorder.panels.add(id(surface))
        keep.append(surface)
        return surface

    widgets.clear_caches()  # panels made before this point were not recorded
    monkeypatch.setattr(widgets, "_new_panel", large_panel)
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
    DRAWN.extend(text for _rect, text, _box in recorder.lines)
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
        session(app).choose(ids[0])
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


def screen_problems(app: App) -> list[str]:
    """Every screen of ``python main.py shot`` arranged in turn: what leaves its box."""
    found: list[str] = []
    for name, arrange in SCREENS.items():
        if name != "title":
            app.replace_all(app.screens[0])
        arrange(app)
        found += problems(app, name)
        while len(app.screens) > 1:
            app.pop()
    return found


@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("size", WINDOWS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits(make_app, recording, size, text_size, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QueuedSession, "autosave", lambda self: True)  # layout, not the disk
    app = make_app(size=size, text_size=text_size, text_speed="instant")
    found = screen_problems(app)
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
    found = screen_problems(app)
    found += story_pages(app)
    assert not found, "\n".join(found[:20])


# -- in Chinese ---------------------------------------------------------------------------

ZH_STORY = Path(__file__).resolve().parent / "story_zh"
#: A small interface catalogue: the strings the window's screens are likely to show.
ZH_INTERFACE = {
    "{amount} yuan": "{amount} 元",
    "New game": "新游戏",
    "Continue": "继续",
    "Load": "读取",
    "Save": "保存",
    "Settings": "设置",
    "Quit": "退出",
    "Back": "返回",
    "Ledger": "账本",
    "History": "回顾",
    "Glossary": "词汇表",
    "About": "关于",
    "Menu": "菜单",
    "Resume": "继续游戏",
    "Title screen": "标题画面",
    "Text size": "文字大小",
    "Text speed": "文字速度",
    "Language": "语言",
    "High contrast": "高对比度",
    "Self-voicing": "自动朗读",
    "Reading font": "阅读字体",
    "Line spacing": "行距",
    "Volume": "音量",
    "Music": "音乐",
    "Sounds": "音效",
    "Full screen": "全屏",
    "Content notes": "内容提示",
    "The story contains:": "故事包含：",
    "Begin": "开始",
    "Discuss": "讨论",
    "Context card": "背景卡片",
    "Context cards": "背景卡片",
    "Talk it over, then press Enter to go on.": "讨论一下，然后按回车继续。",
    "Empty": "空",
    "Autosave": "自动存档",
    "Quicksave": "快速存档",
    "Meters": "关系",
    "Where the money went": "钱去哪儿了",
    "The end": "完",
    "Yes": "是",
    "No": "否",
}


@pytest.fixture
def chinese(tmp_path: Path) -> Iterator[Story]:
    """Chinese story text and a Chinese interface catalogue; English again afterwards."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale="zh_CN")
    for english, chinese_text in ZH_INTERFACE.items():
        catalog.add(english, chinese_text)
    folder = tmp_path / "locales"
    folder.mkdir()
    with (folder / "zh_CN.po").open("wb") as po:
        write_po(po, catalog)
    set_language("zh_CN", [folder])
    story, diagnostics = load_story(ZH_STORY)
    assert story is not None, diagnostics
    try:
        yield story
    finally:
        set_language("en")


def chinese_app(story: Story, folder: Path, size: tuple[int, int], text_size: str) -> App:
    pygame.init()
    app = App(
        story,
        str(ZH_STORY),
        seed=1,
        data_directory=folder / "data",
        size=size,
        asynchronous_art=False,
        persist_settings=False,
        settings=Settings(window_size=size, text_size=text_size, text_speed="instant"),
    )
    app.choice_delay = 0.0
    return app


def reading_screens(app: App) -> list[str]:
    """The reading screens (glossary, history, the scene's context card, About) in a game."""
    found: list[str] = []
    app.start_game()
    screen = story_screen(app)
    for name, make in (
        ("glossary", GlossaryScreen),
        ("history", HistoryScreen),
        ("cards", lambda a: CardsScreen(a, screen.view.cards)),
        ("about", AboutScreen),
    ):
        app.push(make(app))
        found += problems(app, name)
        app.pop()
    app.go_title()
    return found


@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits_in_chinese(  # type: ignore[no-untyped-def]
    chinese, recording, size, text_size, monkeypatch, tmp_path
) -> None:
    """The same screens with Chinese story text (mixed full-width punctuation, Latin
    names, numbers) and a Chinese interface catalogue: nothing leaves its box, and the
    Chinese text is really drawn, in lines that keep the Chinese punctuation rules."""
    monkeypatch.setattr(QueuedSession, "autosave", lambda self: True)
    app = chinese_app(chinese, tmp_path, size, text_size)
    try:
        found = screen_problems(app)
        found += reading_screens(app)
        found += story_pages(app)
        assert not found, "\n".join(found[:20])
        chinese_lines = [line for line in DRAWN if has_cjk(line)]
        assert len(chinese_lines) > 40
        assert format_money(1480) == "1,480 元"  # the test catalogue is in force
        for line in chinese_lines:
            assert line.strip()[0] not in NO_LINE_START, line
            assert line.strip()[-1] not in NO_LINE_END, line
    finally:
        pygame.quit()


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
        found = screen_problems(app)
        found += story_pages(app)
    finally:
        i18n.set_language("en")
    assert not found, "\n".join(found[:20])
