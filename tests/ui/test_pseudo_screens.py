"""Every screen in the pseudo-language ``qps``: no English left but names and citations.

Each screen of ``python main.py shot`` (game.ui.shot.SCREENS), every dialog, the
content notes, the reading screens, a toast and the words self-voicing speaks are drawn
with the shipped story loaded in ``qps``, where every translated string, the story's
and the interface's, comes back marked and accented ('Save' -> '«Šàvé»'). Text drawing
is hooked (game.ui.text.Face.render), so every piece of text that reaches the window is
collected; an English word in it (a word of plain ASCII letters that the pseudo-language
would have accented) must be a name from :data:`NAMES`, or part of a context card's
source (a citation keeps the language it was published in) or the test's own prompt.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest
import yaml

from game import i18n
from game.engine import Story, load_story
from game.paths import STORY_DIR
from game.ui import text as text_module
from game.ui.app import App
from game.ui.screens.about import AboutScreen
from game.ui.screens.base import ConfirmScreen
from game.ui.screens.cards import CardsScreen, DiscussScreen
from game.ui.screens.history import HistoryScreen
from game.ui.screens.language import LanguageScreen
from game.ui.screens.lesson_end import LessonEndScreen
from game.ui.screens.saves import SavesScreen
from game.ui.screens.story import StoryScreen
from game.ui.screens.title import ContentNotesScreen, StartsScreen
from game.ui.settings import Settings
from game.ui.shot import SCREENS, _arrange, _sample_saves
from tests.ui.conftest import top

#: See the module's docstring: on until the story itself loads translated.

#: Names and proper nouns that stay as they are in every language, and the languages'
#: own names (each language is listed in itself, never translated).
NAMES = frozenset(
    {
        "Last Train Home",
        "English",
        "Pseudo (test)",
    }
)

#: Words of plain ASCII letters a pseudo-translation leaves alone: only letters the
#: accent table does not change (b, f, m, p, q, v, x) cannot show whether a word went
#: through the catalogue.
_UNCHANGED = set("bfmpqvxBFMPQVX")
_WORD = re.compile(r"[^\W\d_]+")
_MARKED = re.compile("\u00ab[^\u00ab\u00bb]*\u00bb")
_QUOTES = str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''")


def saves_then(app: App, mode: str, act: Callable[[SavesScreen], None]) -> None:
    """Open the save or load screen and act on it (pick a slot, ask to delete one)."""
    app.push(SavesScreen(app, mode))
    act(top(app, SavesScreen))


def normal(text: str) -> str:
    """Text as the story files spell it: straight quotes, single spaces."""
    return " ".join(text.translate(_QUOTES).split())


def english_words(text: str) -> list[str]:
    """The words in ``text`` that no translation touched: ASCII letters only, two or
    more, and at least one the pseudo-language would have accented."""
    found = []
    for word in _WORD.findall(text):
        if len(word) >= 2 and word.isascii() and set(word) - _UNCHANGED:
            found.append(word)
    return found


def plain_runs(text: str) -> list[str]:
    """The stretches of ``text`` outside any marked string, split wherever a marked or
    accented word stands (what is left is text that never met a catalogue)."""
    text = _MARKED.sub("\n", text)
    if "\u00bb" in text:  # the end of a marked string wrapped from the line before
        text = text[text.rindex("\u00bb") + 1 :]
    if "\u00ab" in text:  # a marked string that goes on in the next line
        text = text[: text.index("\u00ab")]
    runs: list[str] = []
    for part in text.split("\n"):
        current: list[str] = []
        for piece in re.split(r"(\s+)", part):
            if any(c.isalpha() and not c.isascii() for c in piece):
                runs.append("".join(current))
                current = []
            else:
                current.append(piece)
        runs.append("".join(current))
    return [run.strip() for run in runs if run.strip()]


#: A discussion prompt the test itself opens (English test data, not a game string).
TEST_PROMPT = "Who pays for cheap jeans?"


def story_corpus(folder: Path) -> str:
    """The text allowed to stay in English: the context cards' sources (citations keep
    the language they were published in, TRANSLATING.md) and the test's own prompt."""
    strings: list[str] = [TEST_PROMPT]

    def walk(node: object, key: object = None) -> None:
        if isinstance(node, str):
            if key == "source":
                strings.append(normal(node))
        elif isinstance(node, dict):
            for name, value in node.items():
                walk(value, name)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)

    for path in sorted(folder.glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return "\n".join(strings)


def unmarked(texts: list[str], corpus: str) -> list[str]:
    """The drawn texts with English that is neither marked, a name nor (while excluded)
    the story's own text."""
    bad: list[str] = []
    for text in texts:
        for run in plain_runs(normal(text)):
            if not english_words(run) or run in NAMES:
                continue
            rest = run
            for name in NAMES:
                rest = rest.replace(name, " ")
            if not english_words(rest):
                continue
            if _in_story(rest, corpus):
                continue
            bad.append(f"{run!r} in {text!r}")
    return bad


_PUNCTUATION = " .,:;!?()[]\"'\u2014\u2013-\u2022\u2192"


def _in_story(run: str, corpus: str) -> bool:
    """Whether ``run`` is made of the story's text: stretches of its strings, one after
    another (a page, its speaker's name, a note, several read aloud in one go).

    A stretch of one word must be a word of the story. (So while the story's strings
    are excluded, an unmarked interface word the story also uses can slip through: the
    test is strict once they are not.)"""
    words = run.split()
    i = 0
    while i < len(words):
        lo, hi = i, len(words)
        while lo < hi:  # the longest stretch from word i that the story has
            mid = (lo + hi + 1) // 2
            if " ".join(words[i:mid]) in corpus:
                lo = mid
            else:
                hi = mid - 1
        if lo - i >= 2:
            i = lo
            continue
        word = words[i].strip(_PUNCTUATION)
        if english_words(word) and not re.search(rf"\b{re.escape(word)}\b", corpus):
            return False
        i += 1
    return True


def test_the_checker_finds_english_and_passes_marked_text() -> None:
    corpus = "Qin waits at the gate.\nCash"
    assert unmarked(["\u00abŠàvé\u00bb", "Qin waits at the gate.", "12 Cash"], corpus) == []
    assert unmarked(["Save"], corpus)
    assert unmarked(["\u00abÇĥàpţéŕ {n}: \u00bbBack"], corpus)
    assert unmarked(["Last Train Home"], corpus) == []
    assert english_words("Mûmmý pm ok") == ["ok"]


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every piece of text drawn while the test runs, in order."""
    texts: list[str] = []

    def hook(render: Callable[..., pygame.Surface]) -> Callable[..., pygame.Surface]:
        def collect(face: text_module.Face, text: str, colour: tuple[int, int, int]):  # type: ignore[no-untyped-def]
            if text.strip():
                texts.append(text)
            return render(face, text, colour)

        return collect

    monkeypatch.setattr(text_module.Face, "render", hook(text_module.Face.render))
    monkeypatch.setattr(text_module.Face, "render_uncached", hook(text_module.Face.render_uncached))
    yield texts


@pytest.fixture(scope="module")
def shipped() -> Iterator[Story]:
    """The shipped story loaded in the pseudo-language."""
    before = i18n.language()
    i18n.set_language("qps")
    story, diagnostics = load_story(STORY_DIR, lang="qps")
    assert story is not None, diagnostics
    yield story
    i18n.set_language(before)


@pytest.fixture
def pseudo_app(shipped: Story) -> Iterator[Callable[[], App]]:
    """Apps over the shipped story, in ``qps``, self-voicing on (silent, its words kept)."""
    i18n.set_language("qps")
    pygame.display.init()
    pygame.font.init()
    made: list[App] = []
    folders: list[tempfile.TemporaryDirectory[str]] = []

    def make() -> App:
        folder = tempfile.TemporaryDirectory(prefix="lth-qps-")
        folders.append(folder)
        app = App(
            shipped,
            str(STORY_DIR),
            seed=1,
            data_directory=Path(folder.name),
            size=(1280, 720),
            asynchronous_art=False,
            persist_settings=False,
            settings=Settings(self_voicing=True),
            audio=False,
        )
        app.speaker.engine = None
        app.choice_delay = 0.0
        made.append(app)
        return app

    yield make
    for app in made:
        app.writer.close()
    for folder in folders:
        folder.cleanup()
    pygame.quit()


def show(app: App, texts: list[str]) -> list[str]:
    """Draw the app and return what was drawn and spoken on that frame."""
    start = len(texts)
    spoken = len(app.speaker.spoken)
    app.draw()
    return texts[start:] + app.speaker.spoken[spoken:]


@pytest.mark.parametrize("screen", SCREENS)
def test_every_shot_screen_is_translated(  # type: ignore[no-untyped-def]
    pseudo_app, drawn, shipped, screen
) -> None:
    app = pseudo_app()
    _arrange(app, screen, None, 1)
    app.toast(i18n._("Quicksaved (F9 to load it)"))
    found = unmarked(show(app, drawn), story_corpus(STORY_DIR))
    assert not found, "\n".join(found[:15])


def _story_screen(app: App) -> StoryScreen:
    screen = app.find("story")
    assert isinstance(screen, StoryScreen)
    return screen


DIALOGS: dict[str, Callable[[App], None]] = {
    "notes": lambda app: app.push(ContentNotesScreen(app)),
    "starts": lambda app: app.push(StartsScreen(app)),
    "about": lambda app: app.push(AboutScreen(app)),
    "language": lambda app: app.push(LanguageScreen(app, ["en", "qps"], "en")),
    "quit": lambda app: app.push(
        ConfirmScreen(app, i18n._("Quit the game?"), app.quit, message=i18n._("Your place"))
    ),
}


@pytest.mark.parametrize("name", DIALOGS)
def test_title_dialogs_are_translated(pseudo_app, drawn, name) -> None:  # type: ignore[no-untyped-def]
    app = pseudo_app()
    DIALOGS[name](app)
    found = unmarked(show(app, drawn), story_corpus(STORY_DIR))
    assert not found, "\n".join(found[:15])


def test_screens_in_a_game_are_translated(pseudo_app, drawn, shipped) -> None:  # type: ignore[no-untyped-def]
    """History, the cards, discussion, the lesson end, the save dialogs, undo's notes
    and the meters read aloud: everything a game shows beyond the shot screens."""
    app = pseudo_app()
    _sample_saves(app, 1)
    corpus = story_corpus(STORY_DIR)
    found: list[str] = []
    screen = _story_screen(app)
    screen.on_resume()
    for step in range(6):
        screen.typewriter.finish()
        screen._page_revealed()
        screen.page = len(screen._layout().pages) - 1
        screen._page_revealed()
        found += unmarked(show(app, drawn), corpus)
        if screen.view.cards:
            app.push(CardsScreen(app, screen.view.cards))
            found += [f"cards: {f}" for f in unmarked(show(app, drawn), corpus)]
            app.pop()
        ids = [c.id for c in screen.view.choices if c.enabled]
        if not ids:
            break
        screen.choose(ids[-1] if step % 2 else ids[0])
        screen = _story_screen(app)
    screen.undo()
    app.read_meters()
    found += unmarked(show(app, drawn), corpus)
    arrangements: list[tuple[str, Callable[[], object]]] = [
        ("history", lambda: app.push(HistoryScreen(app))),
        ("discuss", lambda: app.push(DiscussScreen(app, [TEST_PROMPT]))),
        ("lesson end", lambda: app.push(LessonEndScreen(app))),
        ("save", lambda: app.push(SavesScreen(app, "save"))),
        ("overwrite", lambda: saves_then(app, "save", lambda screen: screen.pick("1"))),
        ("delete", lambda: saves_then(app, "load", lambda screen: screen.delete_focused())),
    ]
    for name, arrange in arrangements:
        arrange()
        found += [f"{name}: {f}" for f in unmarked(show(app, drawn), corpus)]
        while app.top is not screen:
            app.pop()
    assert not found, "\n".join(found[:20])
