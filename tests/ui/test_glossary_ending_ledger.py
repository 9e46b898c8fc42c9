"""The glossary (G, the top bar, About), context cards by mouse, the ending's scrolling
epilogue, the ledger's totals header, and shots of a scene's choices."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.engine.loader import load_story
from game.engine.model import Story
from game.engine.runner import Runner
from game.records import read_record
from game.ui.app import App
from game.ui.screens.ending import EndingScreen, fade_mask
from game.ui.screens.glossary import GlossaryScreen, glossary_blocks
from game.ui.screens.ledger import LedgerScreen, totals_columns
from game.ui.screens.reader import ReaderScreen
from game.ui.screens.story import StoryScreen
from game.ui.screens.title import TitleScreen
from game.ui.settings import TEXT_SIZES, Settings
from game.ui.shot import _arrange, play_random, render_shot
from tests.ui.conftest import SIZES, UI_STORY, key, pump, session, top

ROOT = Path(__file__).resolve().parents[2]


def click(app: App, rect: pygame.Rect, button: int = 1) -> None:
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=button))
    pump(app)


@pytest.fixture
def shipped_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    """An App on the shipped story (its long epilogues and full glossary)."""
    story, _ = load_story(ROOT / "story")
    assert story is not None
    pygame.init()

    def make(size: tuple[int, int] = (1280, 720), **settings: object) -> App:
        return App(
            story,
            str(ROOT / "story"),
            seed=3,
            data_directory=tmp_path / "data",
            size=size,
            asynchronous_art=False,
            persist_settings=False,
            settings=Settings(window_size=size, **settings),  # type: ignore[arg-type]
            audio=False,
        )

    yield make
    pygame.quit()


# -- the glossary ---------------------------------------------------------------------------


def test_glossary_blocks_list_every_term_alphabetically() -> None:
    glossary = {"b": ("hukou (户口)", "Household registration."), "a": ("Chunyun", "The rush.")}
    blocks = glossary_blocks(glossary)
    terms = [b.text for b in blocks if b.style == "term"]
    assert terms == ["Chunyun", "hukou (户口)"]
    assert [b.text for b in blocks if b.style == "body"] == ["The rush.", "Household registration."]
    assert glossary_blocks({})[0].text == "This story has no glossary."


def test_g_opens_and_closes_the_glossary_in_the_story(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="instant")
    app.start_game()
    pump(app)
    key(app, pygame.K_g)
    assert app.top.name == "glossary"
    key(app, pygame.K_g)
    assert app.top.name == "story"
    glossary = next(b for b in top(app, StoryScreen).bar if b.label == "Glossary")
    click(app, glossary.rect)
    assert app.top.name == "glossary"
    click(app, top(app, ReaderScreen).header[-1].rect)  # Close, by mouse
    assert app.top.name == "story"


def test_the_glossary_is_reachable_from_about(make_app: Callable[..., App]) -> None:
    app = make_app()
    pump(app)
    top(app, TitleScreen).open_about()
    pump(app)
    key(app, pygame.K_g)
    assert app.top.name == "glossary"
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "about"
    click(app, next(b for b in top(app, ReaderScreen).header if b.label == "Glossary").rect)
    assert app.top.name == "glossary"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text_size", TEXT_SIZES)
def test_the_glossary_is_readable_at_every_size(
    shipped_app: Callable[..., App], size: tuple[int, int], text_size: str
) -> None:
    app = shipped_app(size, text_size=text_size)
    app.push(GlossaryScreen(app))
    app.draw()
    screen = top(app, GlossaryScreen)
    width = app.vp.px(screen.panel_w - 64)
    lines = screen._layout(width)
    for style, text, _ in lines:
        assert screen._face(style).width(text) <= width
    shown = {text for style, text, _ in lines if style == "term"}
    assert len(shown) == len(app.story.glossary)  # every term, each on one line or more
    key(app, pygame.K_END)
    assert screen.scroll == pytest.approx(max(0, screen._content_h - screen._view_h))
    for button in screen.header:
        assert app.viewport_rect().contains(button.rect)


# -- context cards by mouse -------------------------------------------------------------------


def test_context_cards_open_and_close_by_mouse(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="instant")
    app.start_game()
    pump(app)
    context = next(b for b in top(app, StoryScreen).bar if b.label == "Context")
    click(app, context.rect)
    assert app.top.name == "cards"
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    pump(app)
    click(app, top(app, ReaderScreen).header[-1].rect)
    assert app.top.name == "story"


# -- the ending ------------------------------------------------------------------------------


def longest_ending_seed(story: Story, game_seed: int) -> int:
    """The picking seed in 1-30 whose random playthrough ends with the most epilogue words."""

    def words(seed: int) -> int:
        runner = Runner(story, game_seed, record_text=False)
        rng = random.Random(seed)
        while not runner.is_ending:
            runner.choose(rng.choice(runner.available_choice_ids()))
        ending = runner.view().ending
        assert ending is not None
        return sum(len(paragraph.split()) for paragraph in ending.epilogue)

    return max(range(1, 31), key=words)


def ending_app(
    shipped_app: Callable[..., App],
    size: tuple[int, int] = (1280, 720),
    classroom: bool = False,
    **settings: object,
) -> App:
    """The longest ending that random play reaches from seeds 1-30 (played on the runner:
    no autosaves), so that its epilogue scrolls over more than one page whatever the
    story's economy or wording does to any one seed."""
    app: App = shipped_app(size, **settings)
    app.classroom = classroom
    app.start_game()
    runner = session(app).runner
    rng = random.Random(longest_ending_seed(runner.story, runner.seed))
    while not runner.is_ending:
        runner.choose(rng.choice(runner.available_choice_ids()))
    session(app).view = runner.view()
    app.top.on_resume()
    app.push(EndingScreen(app))
    app.draw()
    return app


def test_a_long_epilogue_scrolls_with_a_more_sign(shipped_app: Callable[..., App]) -> None:
    app = ending_app(shipped_app)
    ending = top(app, EndingScreen)
    assert ending._content_h > ending._view_h, "seed 3's epilogue is longer than its panel"
    assert ending.more_below and ending.scroll == 0
    before = pygame.Surface.copy(app.draw())
    key(app, pygame.K_PAGEDOWN)
    assert ending.scroll > 0
    key(app, pygame.K_END)
    assert not ending.more_below
    assert ending.scroll == pytest.approx(ending._content_h - ending._view_h)
    key(app, pygame.K_HOME)
    assert ending.scroll == 0
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    pump(app)
    assert ending.scroll > 0
    key(app, pygame.K_UP)
    key(app, pygame.K_UP)
    key(app, pygame.K_UP)
    assert ending.scroll == 0
    assert app.draw().get_at((100, 590)) == before.get_at((100, 590))


def test_the_fade_mask_clears_only_the_chosen_edges() -> None:
    mask = fade_mask((40, 100), 20, top=False, bottom=True)
    assert mask.get_at((5, 0)).a == 255 and mask.get_at((5, 50)).a == 255
    assert mask.get_at((5, 99)).a == 0
    assert mask.get_at((5, 90)).a < 128
    both = fade_mask((40, 100), 20, top=True, bottom=True)
    assert both.get_at((5, 0)).a == 0 and both.get_at((5, 99)).a == 0


def test_the_epilogue_fades_only_where_more_text_lies(shipped_app: Callable[..., App]) -> None:
    app = ending_app(shipped_app)
    ending = top(app, EndingScreen)
    assert [key[2:] for key in ending._fades] == [(False, True)]  # more below: bottom fades
    key(app, pygame.K_PAGEDOWN)
    app.draw()
    assert [key[2:] for key in ending._fades] == [(True, True)]
    key(app, pygame.K_END)
    app.draw()
    assert [key[2:] for key in ending._fades] == [(True, False)]  # the end: only the top


@pytest.mark.parametrize("size", SIZES)
def test_the_ending_renders_scrolled_at_every_size(
    shipped_app: Callable[..., App], size: tuple[int, int]
) -> None:
    app = ending_app(shipped_app, size, text_size="largest")
    key(app, pygame.K_PAGEDOWN)
    key(app, pygame.K_SPACE)
    assert top(app, EndingScreen).scroll > 0
    assert app.draw().get_size() == size


# -- the ledger ------------------------------------------------------------------------------


def test_totals_columns_fit_their_headers_when_there_is_room() -> None:
    def measure(text: str) -> int:
        return 9 * len(text)

    widths = totals_columns(["Cash", "Savings book"], 400, measure, measure, 24)
    assert widths[1] >= measure("Savings book") + 24
    assert widths[0] >= measure("\u221288,888")
    narrow = totals_columns(["Cash", "Savings book"], 260, measure, measure, 24)
    assert sum(narrow) <= 260 * 0.6 + 1 or narrow == [measure("\u221288,888") + 24] * 2


@pytest.mark.parametrize("size", SIZES)
def test_the_savings_book_header_is_not_cut_at_medium_text(
    make_app: Callable[..., App], size: tuple[int, int]
) -> None:
    app = make_app(size, text_speed="instant")
    app.start_game()
    play_random(session(app), 3, until_ending=False, steps=1)
    app.top.on_resume()
    app.push(LedgerScreen(app))
    app.draw()
    bold = app.face("sans-bold", app.ui_px - 1)
    face = app.face("sans", app.ui_px - 1)
    room = app.vp.px(420) - 2 * app.vp.px(16)
    widths = totals_columns(["Cash", "Savings book"], room, face.width, bold.width, app.vp.px(24))
    assert widths[1] - app.vp.px(12) >= bold.width("Savings book")


# -- shots of the choices ------------------------------------------------------------------------


def test_reveal_shows_the_last_page_with_its_choices(make_app: Callable[..., App]) -> None:
    app = make_app((960, 540), text_size="largest")
    _arrange(app, "story", "dorm", 1, reveal=False)
    story = top(app, StoryScreen)
    assert len(story._layout().pages) > 1 and story.page == 0 and not story.choices_shown
    app = make_app((960, 540), text_size="largest")
    _arrange(app, "story", "dorm", 1, reveal=True)
    assert top(app, StoryScreen).on_last_page and top(app, StoryScreen).choices_shown
    assert len(top(app, StoryScreen).group.buttons) == 3


def test_shots_of_the_glossary_and_of_revealed_choices(tmp_path: Path) -> None:
    render_shot("glossary", str(UI_STORY), None, (640, 360), str(tmp_path / "g.png"))
    render_shot("story", str(UI_STORY), "window", (640, 360), str(tmp_path / "c.png"), reveal=True)
    assert pygame.image.load(str(tmp_path / "c.png")).get_size() == (640, 360)
    assert (tmp_path / "g.png").stat().st_size > 1000


# -- decisions for the teacher ---------------------------------------------------------------


def test_d_on_the_ending_saves_the_decisions_once_and_says_where(
    shipped_app: Callable[..., App], tmp_path: Path
) -> None:
    app = ending_app(shipped_app)
    folder = tmp_path / "data" / "decisions"
    assert not folder.exists(), "outside classroom mode nothing is written unasked"
    key(app, pygame.K_d)
    files = list(folder.glob("decisions-*.json"))
    assert len(files) == 1
    record = read_record(files[0])
    ending = session(app).view.ending
    assert ending is not None and record.ending_title == ending.title
    assert [d.scene for d in record.decisions][:1] == ["ch1_liu_offer"]
    assert any(files[0].name in toast.text for toast in app.toasts)
    key(app, pygame.K_d)
    assert len(list(folder.glob("*.json"))) == 1, "a second press does not write a copy"
    assert len(app.toasts) == 1, "and says so in the same words, once"
    pygame.image.save(app.draw(), "/tmp/lth-toast.png")


def test_classroom_mode_saves_the_decisions_at_the_ending_unasked(
    shipped_app: Callable[..., App], tmp_path: Path
) -> None:
    ending_app(shipped_app, classroom=True)
    files = list((tmp_path / "data" / "decisions").glob("*.json"))
    assert len(files) == 1 and read_record(files[0]).classroom


def test_a_folder_that_cannot_be_written_is_reported_not_raised(
    shipped_app: Callable[..., App], tmp_path: Path
) -> None:
    app = ending_app(shipped_app)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    app.records_folder = blocker / "decisions"
    assert app.save_decisions() is None
    assert any("Could not save your decisions" in toast.text for toast in app.toasts)
    assert session(app).record_path is None
