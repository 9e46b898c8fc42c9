"""Whole-class play on one screen: hands counted at each decision, the majority followed.

In class mode the teacher reads aloud (or the projector shows large text) and, at each
decision, the class votes by show of hands. The teacher types the count for each open
choice (``14 11 0``) in the text mode, or presses a choice's number once per hand in the
window. The game shows the tally, goes with the majority, and asks the teacher to break
a tie. Every count is kept, so the decision record (and the class report) can say
"the class split 14 to 11".

This module is the pure part shared by both front ends: reading typed counts, who won,
and the tally as text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from game.errors import LastTrainHomeError
from game.i18n import _, format_number

#: The most hands one choice can get: a class, not a stadium.
MAX_HANDS = 99


class CountError(LastTrainHomeError, ValueError):
    """Typed counts that cannot be used; the message says why (nothing was recorded)."""


def parse_counts(text: str, choices: int) -> list[int]:
    """``"14 11 0"`` as one whole number from 0 to 99 per open choice, in order."""
    parts = text.replace(",", " ").split()
    if len(parts) != choices:
        raise CountError(
            _(
                "type {n} counts, one for each open choice in order"
                " (for example {example}); nothing was recorded"
            ).format(n=choices, example=" ".join(["0"] * choices))
        )
    counts = []
    for part in parts:
        if not part.isdigit() or not part.isascii():
            raise CountError(
                _("'{typed}' is not a count of hands; nothing was recorded").format(typed=part[:12])
            )
        number = int(part)
        if number > MAX_HANDS:
            raise CountError(
                _("{n} hands? Counts go from 0 to {most}; nothing recorded").format(
                    n=number, most=MAX_HANDS
                )
            )
        counts.append(number)
    return counts


def leaders(counts: Mapping[str, int]) -> list[str]:
    """The choice ids with the most hands (more than one: a tie). Empty with no hands."""
    most = max(counts.values(), default=0)
    if most == 0:
        return []
    return [choice for choice, count in counts.items() if count == most]


def bar(count: int, most: int, width: int = 24) -> str:
    """A bar of ``width`` cells at most, in proportion to ``most``."""
    if most <= 0 or count <= 0:
        return ""
    return "#" * max(1, round(width * count / most))


def split_words(counts: Sequence[int]) -> str:
    """'14 to 11', '14 to 11 to 0': how the class split, largest first."""
    ordered = sorted(counts, reverse=True)
    if not ordered:
        return ""
    words = format_number(ordered[0])
    for count in ordered[1:]:
        words = _("{split} to {count}").format(split=words, count=format_number(count))
    return words


@dataclass
class Tally:
    """Hands counted in the window, one press at a time."""

    choices: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, choice: str, hands: int = 1) -> None:
        if choice in self.choices:
            now = self.counts.get(choice, 0) + hands
            self.counts[choice] = max(0, min(MAX_HANDS, now))

    def clear(self) -> None:
        self.counts.clear()

    def full(self) -> dict[str, int]:
        return {choice: self.counts.get(choice, 0) for choice in self.choices}

    @property
    def total(self) -> int:
        return sum(self.counts.values())
