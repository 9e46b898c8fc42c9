"""Which values an expression can take, from the declared ranges of its variables.

Lint uses this to find conditions that can never be true (W120): ``qin > 10`` when
``qin`` is declared with ``max: 10``. The reasoning is interval arithmetic over the
expression tree of :mod:`game.engine.expr`, and it is sound: every value the game can
compute at run time lies inside the interval found here, so a condition is reported
only when it is provably false for every state of the game. (It may miss some: it
treats each use of a variable on its own, so ``qin > 5 and qin < 3`` is not
reported.)

What the run time guarantees and this module relies on: an ``int`` or ``money``
variable always lies within its ``min``/``max`` (changes are clamped) and within
:data:`~game.engine.expr.MAX_MAGNITUDE`; every arithmetic result is clamped to
that magnitude; a division or remainder by zero gives 0; ``chance(p)`` is true with
probability ``p`` (never for ``p <= 0``, always for ``p >= 1``).
"""

from __future__ import annotations

from collections.abc import Mapping

from game.engine.expr import MAX_MAGNITUDE, Tree, VarInfo, round_half_away

Interval = tuple[float, float]
#: The truth values a condition can take: a subset of {True, False}.
Truths = frozenset[bool]

_BOTH: Truths = frozenset((True, False))
_TRUE: Truths = frozenset((True,))
_FALSE: Truths = frozenset((False,))
_EVERY: Interval = (-MAX_MAGNITUDE, MAX_MAGNITUDE)


def _clamp(lo: float, hi: float) -> Interval:
    """An interval cut to the game's range, as the run time clamps every result."""
    return (
        min(max(lo, -MAX_MAGNITUDE), MAX_MAGNITUDE),
        max(min(hi, MAX_MAGNITUDE), -MAX_MAGNITUDE),
    )


def variable_range(info: VarInfo) -> Interval:
    lo = -MAX_MAGNITUDE if info.minimum is None else info.minimum
    hi = MAX_MAGNITUDE if info.maximum is None else info.maximum
    return _clamp(lo, hi)


def interval(tree: Tree, variables: Mapping[str, VarInfo]) -> Interval:
    """Bounds for every value the number expression ``tree`` can take."""
    kind = tree[0]
    if kind == "num":
        return (tree[1], tree[1])
    if kind == "var":
        info = variables.get(tree[1])
        return variable_range(info) if info is not None else _EVERY
    if kind == "neg":
        lo, hi = interval(tree[1], variables)
        return (-hi, -lo)
    if kind == "sum":
        total_lo = total_hi = 0.0
        for sign, term in tree[1]:
            lo, hi = interval(term, variables)
            if sign > 0:
                total_lo += lo
                total_hi += hi
            else:
                total_lo -= hi
                total_hi -= lo
        return _clamp(total_lo, total_hi)
    if kind == "prod":
        value = interval(tree[1], variables)
        for op, factor in tree[2]:
            value = _clamp(*_product(op, value, interval(factor, variables)))
        return value
    if kind == "fn":
        args = [interval(arg, variables) for arg in tree[2]]
        name = tree[1]
        if name == "abs":
            lo, hi = args[0]
            if lo >= 0:
                return (lo, hi)
            if hi <= 0:
                return (-hi, -lo)
            return (0, max(-lo, hi))
        if name == "round":
            lo, hi = args[0]
            return (round_half_away(lo), round_half_away(hi))
        pick = min if name == "min" else max
        return (pick(lo for lo, _ in args), pick(hi for _, hi in args))
    return _EVERY  # not a number expression: nothing known


def _product(op: str, a: Interval, b: Interval) -> Interval:
    if op == "*":
        corners = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]
        return (min(corners), max(corners))
    if op == "%":
        # A result has the divisor's sign and is smaller than it; by 0 it is 0.
        return (min(0, b[0]), max(0, b[1]))
    if b[0] <= 0 <= b[1]:
        return _EVERY  # the divisor may be 0 (gives 0) or come near it
    corners = [a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1]]
    return (min(corners), max(corners))


def truths(tree: Tree, variables: Mapping[str, VarInfo]) -> Truths:
    """The truth values the condition ``tree`` can take."""
    kind = tree[0]
    if kind == "bool":
        return _TRUE if tree[1] else _FALSE
    if kind == "not":
        return frozenset(not value for value in truths(tree[1], variables))
    if kind == "and":
        parts = [truths(item, variables) for item in tree[1]]
        can_true = all(True in part for part in parts)
        can_false = any(False in part for part in parts)
        return _from(can_true, can_false)
    if kind == "or":
        parts = [truths(item, variables) for item in tree[1]]
        can_true = any(True in part for part in parts)
        can_false = all(False in part for part in parts)
        return _from(can_true, can_false)
    if kind == "chance":
        lo, hi = interval(tree[1], variables)
        if hi <= 0:
            return _FALSE
        if lo >= 1:
            return _TRUE
        return _BOTH
    if kind == "cmp":
        return _compare(tree, variables)
    return _BOTH  # a true/false variable, visited(): either


def _from(can_true: bool, can_false: bool) -> Truths:
    if can_true and can_false:
        return _BOTH
    return _TRUE if can_true else _FALSE


def _is_bool(tree: Tree, variables: Mapping[str, VarInfo]) -> bool:
    kind = tree[0]
    if kind == "var":
        info = variables.get(tree[1])
        return info is not None and info.type == "bool"
    return kind in ("bool", "not", "and", "or", "chance", "cmp", "visited")


def _compare(tree: Tree, variables: Mapping[str, VarInfo]) -> Truths:
    _, op, left, right = tree
    if _is_bool(left, variables):
        a, b = truths(left, variables), truths(right, variables)
        if len(a) == 1 and len(b) == 1:
            same = a == b
            return _TRUE if same == (op == "==") else _FALSE
        return _BOTH
    alo, ahi = interval(left, variables)
    blo, bhi = interval(right, variables)
    if op == "<":
        return _from(alo < bhi, ahi >= blo)
    if op == "<=":
        return _from(alo <= bhi, ahi > blo)
    if op == ">":
        return _from(ahi > blo, alo <= bhi)
    if op == ">=":
        return _from(ahi >= blo, alo < bhi)
    overlap = alo <= bhi and blo <= ahi
    single = alo == ahi == blo == bhi
    if op == "==":
        return _from(overlap, not single)
    return _from(not single, overlap)


def never_true(tree: Tree, variables: Mapping[str, VarInfo]) -> bool:
    """Whether the condition ``tree`` is false in every state of the game."""
    return True not in truths(tree, variables)


def describe_ranges(names: frozenset[str], variables: Mapping[str, VarInfo]) -> str:
    """``qin is 0 to 10, money is at least 0`` for the number variables in ``names``."""
    parts: list[str] = []
    for name in sorted(names):
        info = variables.get(name)
        if info is None or info.type == "bool":
            continue
        if info.minimum is not None and info.maximum is not None:
            parts.append(f"{name} is {info.minimum} to {info.maximum}")
        elif info.minimum is not None:
            parts.append(f"{name} is at least {info.minimum}")
        elif info.maximum is not None:
            parts.append(f"{name} is at most {info.maximum}")
    return ", ".join(parts)
