"""The contract between the window and its screens: :class:`Screen` and :class:`Host`.

A :class:`Screen` handles events, says whether it is animating, and draws itself into
the window at the viewport's scale; overlay screens (pause, confirm) draw the screen
below first, dimmed. Screens are handed the running window (``game.ui.app.App``) and
talk to it only through the :class:`Host` protocol: the screen stack, the settings and
the look, the saves, the current game, toasts and sounds. Because screens depend on
this small interface and not on ``App`` itself, the window imports the screens and no
screen imports the window: the screen stack has no import circle.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pygame

from game.engine import Story
from game.i18n import _
from game.play.session import GameSession
from game.play.starting import StartPlan
from game.saves import SaveStore
from game.ui.art import ArtCache
from game.ui.audio import Audio
from game.ui.layout import Viewport
from game.ui.settings import Settings
from game.ui.speech import Speaker
from game.ui.text import Face
from game.ui.theme import Theme


class Screen:
    """A screen of the window. Subclasses override what they need."""

    overlay = False  # draw the screen below first (dimmed)
    name = "screen"

    def __init__(self, app: Host) -> None:
        self.app = app

    def handle(self, event: pygame.event.Event) -> bool | None:
        """React to one event (already filtered of window-level keys).

        For mouse motion, return True when the screen must be redrawn (hover changed).
        """
        return None

    def update(self, seconds: float) -> bool:
        """Advance animations; True while the screen needs more frames."""
        return False

    def draw(self, target: pygame.Surface, vp: Viewport) -> None:
        """Draw the whole screen inside the viewport."""

    def on_resume(self) -> None:
        """Called when the screen above this one closes."""

    def relayout(self) -> None:
        """The window size, text size or theme changed: drop size-dependent state."""

    def language_changed(self) -> None:
        """The language changed: show every label anew. Screens that build their labels
        once (menus, buttons) override this to build them again; by default the
        size-dependent state is dropped, so wrapped text is laid out again."""
        self.relayout()

    def speech(self) -> list[tuple[str, object, str]]:
        """What self-voicing says about this screen: (slot, key, words) in reading order.

        The window speaks an entry when its key differs from the last one said for that
        slot. By default: the screen's title, then the focused button of ``self.group``.
        """
        items: list[tuple[str, object, str]] = []
        title = getattr(self, "title", None)
        message = getattr(self, "message", None)
        if isinstance(title, str) and title:
            words = (
                _("{title}. {message}").format(title=title, message=message)
                if isinstance(message, str) and message
                else title
            )
            items.append(("title", title, words))
        group = getattr(self, "group", None)
        if group is not None:
            button = group.focused()
            if button is not None:
                words = self.describe_button(group.focus, button)
                items.append(("focus", (group.focus, words), words))
        return items

    def describe_button(self, index: int, button: object) -> str:
        """The words for a focused button: its label, detail, and whether it is dimmed."""
        label = str(getattr(button, "label", ""))
        detail = getattr(button, "detail", None)
        words = label
        if not getattr(button, "enabled", True):
            words = _("{words}, unavailable").format(words=words)
        if detail:
            words = _("{words}: {detail}").format(words=words, detail=detail)
        return words


class Host(Protocol):
    """The window as its screens see it."""

    story: Story
    story_dir: str
    class_vote: bool
    classroom: bool
    settings: Settings
    saves: SaveStore
    session: GameSession | None
    art: ArtCache
    audio: Audio
    vp: Viewport
    window: pygame.Surface
    smooth: bool
    dirty: bool
    choice_delay: float

    # The screen stack.
    @property
    def top(self) -> Screen: ...
    def push(self, screen: Screen) -> None: ...
    def pop(self) -> None: ...
    def find(self, name: str) -> Screen | None: ...

    # The look.
    @property
    def theme(self) -> Theme: ...
    @property
    def body_px(self) -> int: ...
    @property
    def ui_px(self) -> int: ...
    def face(self, name: str, design_px: int) -> Face: ...
    def settings_changed(self) -> None: ...
    def set_language(self, code: str) -> None: ...
    def set_fullscreen(self, on: bool) -> None: ...
    def viewport_rect(self) -> pygame.Rect: ...

    # The game.
    @property
    def undo_allowed(self) -> bool: ...
    @property
    def records_automatically(self) -> bool: ...

    lesson_until: tuple[str, ...]

    def start_game(self, plan: StartPlan | None = None) -> None: ...
    def continue_game(self) -> None: ...
    def load_slot(self, slot: str) -> bool: ...
    def save_slot(self, slot: str) -> bool: ...
    def save_decisions(self) -> Path | None: ...
    def flush_saves(self) -> None: ...
    def go_title(self) -> None: ...
    def quit(self) -> None: ...

    # Feedback.
    def toast(self, text: str, seconds: float = ...) -> None: ...
    def speak(self, text: str) -> None: ...
    def toggle_self_voicing(self) -> None: ...

    speaker: Speaker

    def play_sound(self, name: str) -> None: ...
