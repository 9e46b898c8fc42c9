"""What a new player tripped over, each pinned by a test: no window without a display,
Enter that reveals text never chooses, notes that cover nothing, two accounts in the
ledger, the ending's money table, readable overlays, the speaker's name, fullscreen,
typography (curly quotes, hanging quotes, widows), autosaves off the frame, idle waits."""

from __future__ import annotations

import functools
import io
import itertools
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.engine import Story
from game.ui.app import App
from game.ui.layout import wrap_text
from game.ui.saving import BackgroundWriter
from game.ui.screens import story as story_module
from game.ui.screens.ending import EndingScreen, money_table
from game.ui.screens.ledger import LedgerScreen, running_balances
from game.ui.screens.reader import ReaderScreen
from game.ui.screens.story import StoryScreen
from game.ui.text import draw_lines, smarten
from game.ui.theme import DEFAULT, HIGH_CONTRAST, contrast_ratio
from game.ui.widgets import draw_panel
from tests.ui.conftest import key, pump, session, to_choices, top

ROOT = Path(__file__).resolve().parents[2]


def test_no_display_says_so_and_exits_pointing_to_the_text_mode() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("SDL_VIDEODRIVER", None)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "play"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert done.returncode == 3
    assert "cannot open a window" in done.stderr and "play --text" in done.stderr
    assert time.monotonic() - started < 20


def test_a_key_that_reveals_text_never_chooses(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="slow")
    app.choice_delay = 0.3
    app.start_game()
    pump(app)
    screen = top(app, StoryScreen)
    while not screen.on_last_page:
        key(app, pygame.K_RETURN)  # reveal
        key(app, pygame.K_RETURN)  # turn the page
    key(app, pygame.K_RETURN)  # reveals the last page: the choices appear
    assert screen.choices_shown and screen.group.focus == -1, "no choice is preselected"
    key(app, pygame.K_RETURN)  # an Enter meant to hurry the text: nothing is chosen
    key(app, pygame.K_1)  # too soon after the choices appeared
    assert session(app).view.scene_id == "dorm"
    assert screen.choices_since is not None
    screen.choices_since -= 1.0  # they have been on screen a second
    key(app, pygame.K_RETURN)  # still no focus: a hint, no choice
    assert session(app).view.scene_id == "dorm"
    assert any("arrow keys" in t.text for t in app.toasts)
    key(app, pygame.K_DOWN)
    assert screen.group.focus == 0
    key(app, pygame.K_RETURN)
    assert session(app).view.scene_id == "peng"


def test_the_speaker_name_shows_only_over_their_quoted_lines(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="instant")
    app.start_game()
    pump(app)
    to_choices(app)
    key(app, pygame.K_1)  # to Old Peng, who speaks
    screen = top(app, StoryScreen)
    view = screen.view
    assert view.speaker_name
    layout = screen._layout()
    for page in range(len(layout.pages)):
        screen.page = page
        first = layout.lines[layout.pages[page].start]
        assert screen.speaker_shown() == (first[:1] in "\u201c\u2018\"'")


def test_smart_quotes_and_apostrophes() -> None:
    assert smarten('"Don\'t," she said.') == "\u201cDon\u2019t,\u201d she said."
    assert smarten("'08 was the cold year") == "\u201908 was the cold year"
    assert smarten("He said 'no' and left.") == "He said \u2018no\u2019 and left."
    assert smarten("the Zhangs' house") == "the Zhangs\u2019 house"
    assert smarten("rock 'n' roll, 'em all") == "rock \u2019n\u2019 roll, \u2019em all"
    assert smarten('She asks, "Why?"') == "She asks, \u201cWhy?\u201d"
    assert smarten('("quoted")') == "(\u201cquoted\u201d)"
    assert smarten("no quotes at all") == "no quotes at all"


def test_no_widow_on_a_paragraphs_last_line() -> None:
    def measure(text: str) -> int:
        return len(text) * 10

    text = "aaaa bbbb cccc dddd"
    plain = wrap_text(text, 140, measure)
    assert plain == ["aaaa bbbb cccc", "dddd"], "the plain wrap leaves one word alone"
    mended = wrap_text(text, 140, measure, no_widows=True)
    assert mended == ["aaaa bbbb", "cccc dddd"]
    assert wrap_text("aaaa bbbb", 60, measure, no_widows=True) == ["aaaa", "bbbb"], (
        "a line of one word above cannot give its word away"
    )


def test_an_opening_quote_hangs_in_the_margin(make_app: Callable[..., App]) -> None:
    app = make_app()
    face = app.face("serif", 22)
    target = pygame.Surface((400, 200), pygame.SRCALPHA)
    blits: list[int] = []
    real = target.blit

    class Spy(pygame.Surface):
        def blit(self, source, dest, *args):  # type: ignore[no-untyped-def,override]
            blits.append(dest[0])
            return real(source, dest, *args)

    spy = Spy((400, 200), pygame.SRCALPHA)
    draw_lines(
        spy, face, ["\u201cGo,\u201d she says.", "and he goes."], 50, 0, (0, 0, 0), hang=True
    )
    assert blits == [50 - face.width("\u201c"), 50]


def test_notes_never_cover_the_money_or_the_text(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="instant", text_size="largest")
    app.start_game()
    pump(app)
    for text in (
        "Qin will remember this.",
        "Quicksaved (F9 to load it)",
        "A third note, longer " * 3,
    ):
        app.toast(text)
    app.draw()
    screen = top(app, StoryScreen)
    boxes = [rect for rect, _, _ in app.toast_boxes()]
    assert boxes
    for rect in boxes:
        assert not rect.colliderect(screen.hud.card), "a note over the money and meters"
        assert not rect.colliderect(screen._panel_rect()), "a note over the story's text"
        assert not rect.colliderect(pygame.Rect(app.vp.rect(0, 0, 1280, 44))), "over the bar"


def test_the_ledger_keeps_cash_and_the_savings_book_apart(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="instant")
    app.start_game()
    pump(app)
    to_choices(app)
    key(app, pygame.K_1)  # sends money home: cash goes down, the book goes up
    ledger = LedgerScreen(app)
    assert ledger.money_accounts()[:2] == ["money", "savings"]
    rows = running_balances(ledger.entries, ["money", "savings"], ledger.start)
    cash = [row["money"] for row in rows]
    book = [row["savings"] for row in rows]
    for entry, row in zip(ledger.entries, rows, strict=True):
        assert row[entry.variable] == entry.balance
    assert book[0] == 9000 or any(e.variable == "savings" for e in ledger.entries[:1])
    assert all(abs(a - b) < 9000 for a, b in itertools.pairwise(cash)), "no jumps"
    app.push(ledger)
    app.draw()
    assert ledger.close.rect.w > 0
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=ledger.close.rect.center, button=1)
    )
    pump(app)
    assert app.top.name == "story", "the Close button closes the ledger"


def test_the_endings_money_table_is_the_text_modes(
    make_app: Callable[..., App], story: Story
) -> None:
    from game.engine.runner import Runner
    from game.textui import TextGame

    runner = Runner(story, seed=3)
    for _ in range(50):
        view = runner.view()
        if view.kind == "ending":
            break
        runner.choose(next(c.id for c in view.choices if c.enabled))
    columns, rows = money_table(story, runner.ledger)
    assert columns == ["Cash", "Savings book"]
    out = io.StringIO()
    ui = TextGame(story, 3, out, lambda: None, runner=runner, width=100)
    ui.show_money_totals()
    printed = out.getvalue().splitlines()[2:]
    assert len(printed) == len(rows)
    for line, (label, amounts) in zip(printed, rows, strict=True):
        assert line.strip().startswith(label[:24].strip())
        numbers = [int(part.replace(",", "")) for part in line[26:].split()]
        assert numbers == [a for a in amounts if a]
    assert any(amounts[1] for _, amounts in rows), "the savings book has its column"


def test_the_ending_shows_the_savings_book(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="instant")
    app.start_game()
    game = session(app)
    for _ in range(50):
        if game.view.kind == "ending":
            break
        game.choose(next(c.id for c in game.view.choices if c.enabled))
    app.top.on_resume()
    app.push(EndingScreen(app))
    shown: list[str] = []
    real = type(app.face("sans", 18)).render

    def spy(face, text, colour):  # type: ignore[no-untyped-def]
        shown.append(text)
        return real(face, text, colour)

    import game.ui.text as text_module

    old = text_module.Face.render
    text_module.Face.render = spy  # type: ignore[method-assign]
    try:
        app.draw()
    finally:
        text_module.Face.render = old  # type: ignore[method-assign]
    assert "Savings book" in " ".join(shown) or "Savings" in shown
    assert "At the start" in shown and "At the end" in shown


def blended(
    colour: tuple[int, int, int, int], behind: tuple[int, int, int]
) -> tuple[int, int, int]:
    """The colour a translucent panel shows over ``behind``, as pygame draws it."""
    surface = pygame.Surface((20, 20))
    surface.fill(behind)
    draw_panel(surface, (0, 0, 20, 20), colour)
    return tuple(surface.get_at((10, 10))[:3])  # type: ignore[return-value]


@pytest.mark.parametrize("theme", [DEFAULT, HIGH_CONTRAST], ids=lambda t: t.name)
def test_overlays_are_opaque_enough_over_a_busy_picture(theme) -> None:  # type: ignore[no-untyped-def]
    """Over the brightest and darkest picture (white, black, saturated), every text colour
    keeps 4.5:1 against the panel it sits on, and the picture shows only as a faint
    texture (the panel over white and over black differ by less than 1.3:1)."""
    pygame.init()
    busy = [(255, 255, 255), (0, 0, 0), (255, 230, 0), (230, 30, 30), (40, 200, 255)]
    panels = {
        "panel": theme.panel,
        "button": theme.button,
        "button_hover": theme.button_hover,
        "toast": (*theme.backdrop, 255),
        "reader card": (*theme.backdrop, 250),
    }
    texts = {
        "text": theme.text,
        "text_dim": theme.text_dim,
        "heading": theme.heading,
        "accent": theme.accent,
    }
    for name, colour in panels.items():
        behind = [blended(colour, b) for b in busy]
        for under in behind:
            for text_name, text in texts.items():
                ratio = contrast_ratio(text, under)
                assert ratio >= 4.5, f"{text_name} on {name}: {ratio:.2f}"
        assert contrast_ratio(behind[0], behind[1]) < 1.3, f"{name} lets the picture through"
    # A menu over the dimmed game: the shade, then the panel.
    for b in busy:
        shaded = blended(theme.shade, b)
        under = blended(theme.panel, shaded)
        assert contrast_ratio(theme.text_dim, under) >= 4.5


def test_leaving_fullscreen_restores_the_window_size(make_app: Callable[..., App]) -> None:
    app = make_app(size=(1000, 640))
    app.set_fullscreen(True)
    app.set_fullscreen(False)
    assert app.window.get_size() == (1000, 640)
    assert app.settings.window_size == (1000, 640)


def test_hiding_the_text_shows_the_picture_and_any_key_brings_it_back(
    make_app: Callable[..., App],
) -> None:
    app = make_app(text_speed="instant")
    app.start_game()
    pump(app)
    key(app, pygame.K_p)
    assert top(app, StoryScreen).hidden
    key(app, pygame.K_1)  # brings the text back; does not choose
    assert not top(app, StoryScreen).hidden and session(app).view.scene_id == "dorm"
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 5), button=2))
    pump(app)
    assert top(app, StoryScreen).hidden


def test_the_meters_legend_opens_from_the_hud(make_app: Callable[..., App]) -> None:
    app = make_app(text_speed="instant")
    app.start_game()
    pump(app)
    screen = top(app, StoryScreen)
    row = screen.hud.rows["couple"]
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=row.center, rel=(0, 0), buttons=(0, 0, 0))
    )
    pump(app)
    assert screen._meter_hover == "couple"
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=row.center, button=1))
    pump(app)
    assert app.top.name == "meters"
    texts = [b.text for b in top(app, ReaderScreen).blocks]
    assert "Each other: 6 of 10" in texts and any("Guoping and Xiulan" in t for t in texts)
    key(app, pygame.K_m)
    assert app.top.name == "story"


def test_autosaves_are_written_in_order_off_the_frame(tmp_path: Path) -> None:
    writer = BackgroundWriter()
    order: list[int] = []
    for n in range(20):
        writer.submit(functools.partial(order.append, n))
    writer.flush()
    assert order == list(range(20))

    def refuse() -> None:
        raise OSError(28, "No space left on device")

    writer.submit(refuse)
    writer.flush()
    assert writer.take_errors() == ["Autosave failed: No space left on device"]
    writer.close()


def test_autosave_reaches_the_disk_before_the_saves_are_read(make_app: Callable[..., App]) -> None:
    from game.saves import AUTOSAVE

    app = make_app(text_speed="instant")
    app.start_game()
    pump(app)
    to_choices(app)
    key(app, pygame.K_1)
    app.flush_saves()
    data = app.saves.read(AUTOSAVE)
    assert data.runner["scene"] == session(app).view.scene_id


def test_the_idle_wait_polls_only_a_few_times_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where SDL cannot sleep until an event, the settled loop polls about 4 times a second."""
    from game.ui import idle

    clock = [0.0]
    sleeps: list[float] = []
    monkeypatch.setattr(time, "monotonic", lambda: clock[0])

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        clock[0] += seconds

    monkeypatch.setattr(time, "sleep", sleep)
    monkeypatch.setattr(pygame.event, "get", lambda: [])
    waiter = idle.EventWaiter(driver="dummy")
    assert not waiter.blocking
    clock[0] = 5.0  # the player has been still for a while
    assert waiter.wait(10_000) == []
    assert clock[0] == pytest.approx(15.0)
    assert len(sleeps) / 10 <= idle.IDLE_POLLS_PER_SECOND + 0.5


def test_story_screen_constant_is_a_third_of_a_second() -> None:
    from game.ui.app import CHOICE_DELAY

    assert 0.25 <= CHOICE_DELAY <= 0.5
    assert story_module.StoryScreen.choices_ready.__doc__


def test_whole_class_voting_still_counts_hands_and_decides(story: Story, tmp_path: Path) -> None:
    """No choice has the focus in class play either: numbers add hands, Enter decides."""
    from game.ui.app import App
    from game.ui.settings import Settings
    from tests.ui.conftest import UI_STORY

    pygame.init()
    app = App(
        story,
        str(UI_STORY),
        seed=1,
        data_directory=tmp_path / "data",
        asynchronous_art=False,
        persist_settings=False,
        settings=Settings(text_speed="instant"),
        audio=False,
        class_vote=True,
    )
    app.choice_delay = 0.0
    app.start_game()
    pump(app)
    while app.top.name != "story":
        key(app, pygame.K_ESCAPE)  # the discussion prompts, full screen
    to_choices(app)
    screen = top(app, StoryScreen)
    assert screen.tally is not None and screen.group.focus == -1
    key(app, pygame.K_1)
    key(app, pygame.K_1)
    key(app, pygame.K_2)
    assert screen.tally.full()["1"] == 2
    key(app, pygame.K_RETURN)
    assert session(app).view.scene_id == "peng"
    assert session(app).votes[0] == {"1": 2, "2": 1}
    app.writer.close()
