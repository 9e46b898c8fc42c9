"""``python main.py guide``: a printable discussion guide for teachers.

The guide gathers the classroom material written into a story (the About text and
content notes, each chapter's discussion prompts and context cards in story order, the
endings, the glossary) and adds what a teacher plans a lesson with: how long a
playthrough takes to read and whether every student will meet a given moment, both
measured by seeded random playthroughs (:mod:`game.tools.reading`). It is rendered by
:mod:`game.tools.guide_page` as one self-contained HTML page to print, or as Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.engine import Card, Scene, Story, TemplatePart, TextPart
from game.i18n import _, format_number, ngettext
from game.tools.reading import (
    SLOW_WORDS_PER_MINUTE,
    WORDS_PER_MINUTE,
    ReadingReport,
)

#: Random playthroughs behind the guide's figures (the README quotes the same number).
GUIDE_RUNS = 500
#: How many words of a scene's opening the guide quotes to place a moment.
OPENING_WORDS = 28


@dataclass(frozen=True)
class ChoicePrompt:
    """A discussion prompt that follows one choice."""

    choice: str
    prompt: str


@dataclass(frozen=True)
class Moment:
    """A scene with classroom material: where it is, how often it is read, what to ask."""

    scene_id: str
    date: str | None
    speaker: str | None
    opening: str
    share: float
    prompts: tuple[str, ...]
    choice_prompts: tuple[ChoicePrompt, ...]
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class ChapterGuide:
    number: int
    title: str
    median_words: int
    moments: tuple[Moment, ...]


@dataclass(frozen=True)
class EndingGuide:
    title: str
    share: float


@dataclass(frozen=True)
class Guide:
    """Everything the guide shows, ready for a renderer."""

    title: str
    version: str
    about: tuple[str, ...]
    content_notes: tuple[str, ...]
    runs: int
    median_words: int
    shortest_words: int
    longest_words: int
    chapters: tuple[ChapterGuide, ...]
    endings: tuple[EndingGuide, ...]
    glossary: tuple[tuple[str, str], ...]
    prompt_count: int = 0
    card_count: int = 0
    words_per_minute: tuple[int, int] = (WORDS_PER_MINUTE, SLOW_WORDS_PER_MINUTE)

    def summary(self) -> str:
        """'57 discussion prompts, 26 context cards, 24 glossary terms'."""
        return _(", ").join(
            (
                ngettext(
                    "{n} discussion prompt", "{n} discussion prompts", self.prompt_count
                ).format(n=format_number(self.prompt_count)),
                ngettext("{n} context card", "{n} context cards", self.card_count).format(
                    n=format_number(self.card_count)
                ),
                ngettext("{n} glossary term", "{n} glossary terms", len(self.glossary)).format(
                    n=format_number(len(self.glossary))
                ),
            )
        )

    def minutes(self, words: int) -> tuple[int, int]:
        """Minutes to read ``words`` at the ordinary and at the slower rate."""
        fast, slow = self.words_per_minute
        return round(words / fast), round(words / slow)


def literal(parts: Sequence[TemplatePart]) -> str:
    """Template text with each ``{...}`` placeholder shown as an ellipsis."""
    return "".join(part if isinstance(part, str) else "…" for part in parts)


def opening(parts: Sequence[TextPart], limit: int = OPENING_WORDS) -> str:
    """The first words of a scene: its first part that always shows (or its first part)."""
    if not parts:
        return ""
    first = next((part for part in parts if part.condition is None), parts[0])
    words = literal(first.template).split()
    if len(words) <= limit:
        return " ".join(words)
    cut = " ".join(words[:limit])
    return cut + " …"


def moment_of(story: Story, scene: Scene, share: float) -> Moment | None:
    """The scene's classroom material as a moment, or None if it has none."""
    choice_prompts = tuple(
        ChoicePrompt(literal(choice.text), choice.discuss)
        for choice in scene.choices
        if choice.discuss
    )
    if not (scene.discuss or scene.cards or choice_prompts):
        return None
    speaker = story.characters[scene.speaker].name if scene.speaker in story.characters else None
    return Moment(
        scene_id=scene.id,
        date=scene.date,
        speaker=speaker,
        opening=opening(scene.text),
        share=share,
        prompts=tuple(prompt.for_teacher() for prompt in scene.discuss),
        choice_prompts=choice_prompts,
        cards=scene.cards,
    )


def build_guide(story: Story, reading: ReadingReport) -> Guide:
    """The guide of ``story``, with the reading figures of ``reading``."""
    chapters = []
    for chapter in story.chapters:
        moments = []
        for scene in story.scenes.values():
            if scene.chapter == chapter.number:
                moment = moment_of(story, scene, reading.scene_share.get(scene.id, 0.0))
                if moment is not None:
                    moments.append(moment)
        chapters.append(
            ChapterGuide(
                chapter.number,
                chapter.title,
                reading.chapter_medians.get(chapter.number, 0),
                tuple(moments),
            )
        )
    endings = sorted(
        (
            EndingGuide(scene.ending.title, reading.scene_share.get(scene.id, 0.0))
            for scene in story.scenes.values()
            if scene.ending is not None
        ),
        key=lambda ending: -ending.share,
    )
    moments = [moment for chapter in chapters for moment in chapter.moments]
    return Guide(
        title=story.title,
        version=story.version,
        about=story.about,
        content_notes=story.content_notes,
        runs=reading.runs,
        median_words=reading.median_words,
        shortest_words=reading.shortest,
        longest_words=reading.longest,
        chapters=tuple(chapters),
        endings=tuple(endings),
        glossary=tuple(sorted(story.glossary.values(), key=lambda term: term[0].lower())),
        prompt_count=sum(len(m.prompts) + len(m.choice_prompts) for m in moments),
        card_count=sum(len(m.cards) for m in moments),
    )
