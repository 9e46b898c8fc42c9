"""Repeated phrases: the wording a story leans on too often, for ``lint --stats``.

A writer rereading one scene cannot see that "will remember this" closes twenty-eight
others. This module lists every phrase of :data:`MIN_WORDS` or more words that the
story's prose (scene text with all its variants, choices, notes, locked reasons and
epilogues) uses more than :data:`MAX_USES` times, with the scenes it stands in.
Words are compared in lower case without punctuation, so "Will remember this." and
"will remember this," count as one phrase. The work is linear in the story's words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from game.engine import Scene, Story, TemplatePart, TextPart

#: A phrase is this many words or more.
MIN_WORDS = 5
#: A phrase used more often than this is listed.
MAX_USES = 3

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_BREAK = "\x00"


def _word_runs(text: str) -> Iterator[list[str]]:
    """The runs of words in ``text``, lower case, split where a placeholder stood."""
    for segment in text.lower().replace("’", "'").split(_BREAK):
        yield _WORD.findall(segment)


@dataclass(frozen=True)
class RepeatedPhrase:
    """A phrase, how many times the story uses it, and the scenes it stands in."""

    phrase: str
    uses: int
    scenes: tuple[str, ...]


def _plain(parts: Sequence[TemplatePart]) -> str:
    """The literal text of a template; a ``{...}`` placeholder breaks a phrase."""
    return _BREAK.join(part for part in parts if isinstance(part, str))


def _parts_text(parts: Sequence[TextPart]) -> Iterator[str]:
    for part in parts:
        yield _plain(part.template)
        if part.otherwise is not None:
            yield _plain(part.otherwise)


def scene_texts(scene: Scene) -> Iterator[str]:
    """Every piece of prose a player can read in ``scene``, one string a piece."""
    yield from _parts_text(scene.text)
    for choice in scene.choices:
        yield _plain(choice.text)
        if choice.note is not None:
            yield _plain(choice.note)
        if choice.locked_reason is not None:
            yield _plain(choice.locked_reason)
        for outcome in choice.outcomes:
            if outcome.note is not None:
                yield _plain(outcome.note)
    if scene.ending is not None:
        yield from _parts_text(scene.ending.epilogue)


def repeated_phrases(
    story: Story, min_words: int = MIN_WORDS, max_uses: int = MAX_USES
) -> list[RepeatedPhrase]:
    """Phrases of ``min_words`` or more words used more than ``max_uses`` times.

    Overlapping windows of one longer phrase are joined into that phrase, so "as if you
    had never been away" is listed once, not as three five-word windows.
    """
    places: dict[tuple[str, ...], list[tuple[int, int, str]]] = defaultdict(list)
    pieces: list[list[str]] = []
    for scene in story.scenes.values():
        for text in scene_texts(scene):
            for words in _word_runs(text):
                index = len(pieces)
                pieces.append(words)
                for start in range(len(words) - min_words + 1):
                    gram = tuple(words[start : start + min_words])
                    places[gram].append((index, start, scene.id))
    frequent = {gram: where for gram, where in places.items() if len(where) > max_uses}
    found: list[RepeatedPhrase] = []
    covered: set[tuple[int, int]] = set()  # (piece, word) inside a phrase already listed
    for _gram, where in sorted(frequent.items(), key=lambda item: (-len(item[1]), item[0])):
        if all((p, s) in covered or (p, s + min_words - 1) in covered for p, s, _ in where):
            continue
        piece, start, _ = where[0]
        # Grow the phrase both ways while the next window is just as frequent.
        words = pieces[piece]
        end = start + min_words
        while end < len(words):
            following = tuple(words[end - min_words + 1 : end + 1])
            if len(frequent.get(following, ())) != len(where):
                break
            end += 1
        while start > 0:
            preceding = tuple(words[start - 1 : start - 1 + min_words])
            if len(frequent.get(preceding, ())) != len(where):
                break
            start -= 1
        phrase = words[start:end]
        first = tuple(phrase[:min_words])
        uses: list[str] = []
        for p, s, scene_id in frequent[first]:
            if pieces[p][s : s + len(phrase)] == phrase:
                uses.append(scene_id)
                covered.update((p, w) for w in range(s, s + len(phrase)))
        scenes = tuple(dict.fromkeys(uses))
        found.append(RepeatedPhrase(" ".join(phrase), len(uses), scenes))
    found.sort(key=lambda phrase: (-phrase.uses, phrase.phrase))
    return found


def count_phrase(story: Story, phrase: str) -> int:
    """How many times the story's prose uses ``phrase`` (case and punctuation ignored)."""
    wanted = _WORD.findall(phrase.lower())
    total = 0
    for scene in story.scenes.values():
        for text in scene_texts(scene):
            for words in _word_runs(text):
                total += sum(
                    1
                    for start in range(len(words) - len(wanted) + 1)
                    if words[start : start + len(wanted)] == wanted
                )
    return total
