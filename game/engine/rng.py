"""Deterministic randomness: the same seed and the same choices give the same story.

Instead of a generator whose hidden state must be saved and restored, every random
draw is a pure function of (seed, step, stream, index), mixed with SplitMix64. A
save therefore needs only the seed and the step count, undo needs nothing at all,
and showing a scene twice rolls the same ``chance()`` both times.
"""

from __future__ import annotations

_MASK = (1 << 64) - 1


def mix64(value: int) -> int:
    """SplitMix64's finaliser: a well-spread 64-bit hash of a 64-bit integer."""
    value = (value + 0x9E3779B97F4A7C15) & _MASK
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


class StepRandom:
    """The random numbers of one moment of play: a seed, a step and a stream."""

    __slots__ = ("_base", "_count", "_seed", "_step", "_stream")

    def __init__(self, seed: int, step: int, stream: int) -> None:
        self._seed = seed
        self._step = step
        self._stream = stream
        self._base = -1  # computed on the first draw: most moments draw nothing
        self._count = 0

    def random(self) -> float:
        """A float in [0, 1)."""
        if self._base < 0:
            self._base = mix64(mix64(mix64(self._seed & _MASK) ^ self._step) ^ self._stream)
        self._count += 1
        return (mix64(self._base ^ self._count) >> 11) / 9007199254740992.0


# Streams: which purpose a draw serves within a step, so draws never collide.
STREAM_CHOICE_EFFECTS = 1
STREAM_OUTCOME = 2
STREAM_ENTER = 3
STREAM_TEXT = 4
STREAM_CONDITIONS = 16  # + choice index
