"""Immutable views of the running story: what a front end may show.

The runner hands these out from ``view()`` and ``choose()``. Text mode, the pygame
window, the tools and the tests all read the same objects; none of them can change
the game's state through a view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SceneKind = Literal["choices", "continue", "ending", "stuck"]


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """One choice as the player sees it. Locked choices stay visible with their reason."""

    id: str
    text: str
    enabled: bool
    locked_reason: str | None = None


@dataclass(frozen=True, slots=True)
class MeterView:
    """A variable the HUD shows: a meter (int with bounds) or a sum of money."""

    id: str
    label: str
    value: int
    kind: Literal["money", "meter", "number"]
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One change to a money variable: when, how much, why, and the balance after."""

    step: int
    date: str
    chapter: int
    variable: str
    amount: int
    label: str
    category: str
    balance: int


@dataclass(frozen=True, slots=True)
class ContextCard:
    """A fact, its source and why it matters here."""

    title: str
    fact: str
    source: str
    why: str


@dataclass(frozen=True, slots=True)
class EndingView:
    id: str
    title: str
    epilogue: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SceneView:
    """Everything a front end needs to draw the current scene."""

    scene_id: str
    kind: SceneKind
    chapter: int
    chapter_title: str
    date: str
    speaker: str | None
    speaker_name: str | None
    portrait: str | None
    background: str | None
    music: str | None
    paragraphs: tuple[str, ...]
    choices: tuple[ChoiceView, ...]
    meters: tuple[MeterView, ...]
    discuss: tuple[str, ...]
    cards: tuple[ContextCard, ...]
    ending: EndingView | None
    can_undo: bool
    step: int
    mood: str | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """How one shown variable moved because of a choice."""

    variable: str
    label: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class ChoiceResult:
    """What happened when the player chose: moved meters, notes, new ledger entries.

    ``changes`` is everything that moved; ``by_choice`` is what the choice itself did
    (its effects and its outcome's) and ``on_arrival`` what entering the next scene
    did (wages paid on arrival, say), so a front end can tell the player which is which.
    """

    changes: tuple[Change, ...]
    notes: tuple[str, ...]
    discuss: str | None
    ledger: tuple[LedgerEntry, ...]
    by_choice: tuple[Change, ...] = ()
    on_arrival: tuple[Change, ...] = ()
    arrival_ledger: tuple[LedgerEntry, ...] = ()
