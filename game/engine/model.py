"""The story model: what a loaded, validated story is made of.

Every node keeps its source location (:class:`Loc`) so that later checks can point
at the place a writer must edit. The model is built by :mod:`game.engine.loader`
and only read afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from game.engine.expr import EffectSpec, Expression, TemplatePart
from game.i18n import _

VarType = Literal["int", "bool", "money"]


@dataclass(frozen=True, slots=True)
class Loc:
    """Where something stands in a story file (1-based)."""

    file: str
    line: int
    column: int


@dataclass(slots=True)
class Variable:
    id: str
    type: VarType
    initial: int | bool
    minimum: int | None
    maximum: int | None
    label: str
    hud: bool
    format: str
    loc: Loc


@dataclass(slots=True)
class Character:
    id: str
    name: str
    portrait: str | None
    loc: Loc


@dataclass(slots=True)
class TextPart:
    """A piece of text: shown always, or only when ``condition`` holds (else ``otherwise``)."""

    template: tuple[TemplatePart, ...]
    condition: Expression | None = None
    otherwise: tuple[TemplatePart, ...] | None = None


@dataclass(frozen=True, slots=True)
class Prompt:
    """A discussion prompt of a scene: shown always, or only when ``condition`` holds."""

    text: str
    condition: Expression | None = None

    def for_teacher(self) -> str:
        """The prompt as a guide or report prints it: conditional ones say so."""
        if self.condition is None:
            return self.text
        return _("(On some routes) {prompt}").format(prompt=self.text)

    def for_writer(self) -> str:
        """The prompt as the story map shows it, with its condition."""
        return self.text if self.condition is None else f"[if {self.condition.source}] {self.text}"


@dataclass(slots=True)
class Effect:
    spec: EffectSpec
    loc: Loc


@dataclass(slots=True)
class Outcome:
    weight: Expression
    condition: Expression | None
    effects: list[Effect]
    note: tuple[TemplatePart, ...] | None
    target: str
    target_loc: Loc


@dataclass(slots=True)
class Choice:
    id: str
    text: tuple[TemplatePart, ...]
    condition: Expression | None
    requirement: Expression | None
    locked_reason: tuple[TemplatePart, ...] | None
    effects: list[Effect]
    note: tuple[TemplatePart, ...] | None
    discuss: str | None
    target: str | None
    outcomes: list[Outcome]
    loc: Loc
    target_loc: Loc | None


@dataclass(slots=True)
class Card:
    title: str
    fact: str
    source: str
    why: str


@dataclass(slots=True)
class Ending:
    id: str
    title: str
    epilogue: list[TextPart]


@dataclass(slots=True)
class Scene:
    id: str
    chapter: int
    file: str
    loc: Loc
    text: list[TextPart] = field(default_factory=list)
    speaker: str | None = None
    portrait: str | None = None
    mood: str | None = None
    mood_loc: Loc | None = None
    background: str | None = None
    music: str | None = None
    date: str | None = None
    effects: list[Effect] = field(default_factory=list)
    discuss: tuple[Prompt, ...] = ()
    cards: tuple[Card, ...] = ()
    choices: list[Choice] = field(default_factory=list)
    next: str | None = None
    next_loc: Loc | None = None
    ending: Ending | None = None
    word_count: int = 0


@dataclass(frozen=True, slots=True)
class Start:
    """Where a game may begin other than the story's start, and in what state."""

    id: str
    chapter: int
    scene: str
    title: str
    summary: str
    values: dict[str, int | bool] = field(default_factory=dict)
    #: A lesson path stops when it reaches one of these scenes.
    until: tuple[str, ...] = ()
    loc: Loc | None = None

    @property
    def is_lesson_path(self) -> bool:
        return bool(self.until)


@dataclass(slots=True)
class Chapter:
    number: int
    title: str
    file: str


@dataclass(slots=True)
class Story:
    """A whole loaded story: its frame from story.yaml and every chapter's scenes."""

    id: str
    title: str
    version: str
    format: int
    start: str
    about: tuple[str, ...]
    content_notes: tuple[str, ...]
    root: str
    variables: dict[str, Variable]
    characters: dict[str, Character]
    ledger_categories: dict[str, str]
    chapters: list[Chapter]
    scenes: dict[str, Scene]
    glossary: dict[str, tuple[str, str]]
    renames: dict[str, str] = field(default_factory=dict)
    #: Mod folders laid over the story, latest first: their assets/ are searched first.
    mod_roots: tuple[str, ...] = ()
    #: Chapter starts and lesson paths (``starts:`` in story.yaml), by id.
    starts: dict[str, Start] = field(default_factory=dict)
    #: The mods laid over the story, in the order laid: (id, version). Saves record them.
    mods: tuple[tuple[str, str], ...] = ()

    def chapter_start(self, chapter: int) -> Start | None:
        """The start of ``chapter`` (not a lesson path), if the story declares one."""
        return next((s for s in self.starts.values() if s.chapter == chapter and not s.until), None)

    @property
    def chapter_titles(self) -> dict[int, str]:
        return {chapter.number: chapter.title for chapter in self.chapters}

    @property
    def endings(self) -> dict[str, Scene]:
        return {s.ending.id: s for s in self.scenes.values() if s.ending is not None}
