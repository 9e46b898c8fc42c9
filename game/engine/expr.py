"""The story expression language: conditions, effects and ``{...}`` interpolation.

A story never runs Python. Its conditions (``money >= 200 and not qin_left_school``),
effects (``money -= 180 "Hard seat" [tickets]``) and text placeholders are parsed
once at load time by the small parser below, checked against the declared variables
and types, and compiled into closures over a whitelist of operations. Unknown names,
wrong types and syntax errors become :class:`ExprError` with the offending offset,
which the loader turns into located diagnostics.

Compiled expressions take an :class:`EvalContext`: the variables, the visited
scenes and the random source of the current moment.

Every expression is bounded, so that no story text can crash the game. At load
time: at most :data:`MAX_EXPR_CHARS` characters (E037), at most
:data:`MAX_NESTING` levels of brackets, calls, ``-`` and ``not`` (E038), number
literals of at most :data:`MAX_LITERAL_DIGITS` digits and at most
:data:`MAX_MAGNITUDE` (E039). Chains of ``+``, ``*``, ``and``, ``or`` are kept as
flat lists, so neither parsing nor running them recurses per term. At run time
arithmetic never raises: every result is kept within ``[-MAX_MAGNITUDE,
MAX_MAGNITUDE]`` (a result outside is clamped to the bound and reported through
:meth:`EvalContext.overflow`; a division by zero gives 0), so no infinity, NaN
or giant integer can appear.

Besides the closure, each :class:`Expression` keeps its small syntax tree
(:data:`Tree`), which :mod:`game.engine.intervals` reads to find conditions that
can never hold.
"""

from __future__ import annotations

import datetime
import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from game.engine.diagnostics import did_you_mean
from game.errors import LastTrainHomeError
from game.i18n import SOURCE_LANGUAGE, format_number, gettext, language

ExprType = Literal["number", "bool"]

#: The largest magnitude of any number in the game: literals, variables and the
#: result of every operation stay within plus or minus one trillion.
MAX_MAGNITUDE = 10**12
#: The longest expression (in characters) a story may write.
MAX_EXPR_CHARS = 1000
#: The deepest nesting of brackets, function calls, unary minus and ``not``.
MAX_NESTING = 32
#: The most digits a number literal may have (before and after the point together).
MAX_LITERAL_DIGITS = 15
#: An outcome's ``weight:`` is 0 (never picked) or between MIN_WEIGHT and MAX_WEIGHT
#: (E042 for a number written outside; a computed weight is clamped at run time).
MIN_WEIGHT = 0.001
MAX_WEIGHT = 1_000_000


class RandomSource(Protocol):
    def random(self) -> float: ...


class EvalContext:
    """What an expression can see: variables, visited scenes, a random source."""

    __slots__ = ("problems", "rng", "vars", "visited")

    def __init__(
        self,
        variables: dict[str, Any],
        visited: Mapping[str, int],
        rng: RandomSource,
        problems: list[str] | None = None,
    ) -> None:
        self.vars = variables
        self.visited = visited
        self.rng = rng
        self.problems = problems

    def overflow(self, source: str, value: Any) -> None:
        """Note that ``source`` computed ``value``, beyond what the game allows."""
        if self.problems is not None and len(self.problems) < 100:
            shown = "not a number" if value != value else f"{float(value):.3g}"
            self.problems.append(
                f"'{source}' computed {shown}, beyond the game's limit of"
                f" {MAX_MAGNITUDE:,}: kept at the limit"
            )


def bound(value: Any, ctx: EvalContext, source: str) -> Any:
    """``value`` kept within the game's range; a value outside is reported and clamped."""
    if -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
        return value
    ctx.overflow(source, value)
    if value != value:  # NaN
        return 0
    return MAX_MAGNITUDE if value > 0 else -MAX_MAGNITUDE


Compiled = Callable[[EvalContext], Any]


class ExprError(LastTrainHomeError):
    """A problem in an expression, at a character offset within its source."""

    def __init__(self, message: str, offset: int, code: str = "E030") -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.code = code


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # num, name, str, op, end
    text: str
    offset: int


_TOKEN_RE = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<str>"[^"\\]*"|'[^'\\]*')
  | (?P<op>==|!=|<=|>=|\+=|-=|[-+*/%<>()=,\[\]])
    """,
    re.VERBOSE,
)


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    length = len(source)
    while pos < length:
        match = _TOKEN_RE.match(source, pos)
        if match is None:
            char = source[pos]
            hint = ""
            if char in "&|":
                hint = ": write 'and' / 'or'"
            elif char == "!":
                hint = ": write 'not' for negation, '!=' for not equal"
            elif char in "\"'":
                hint = ": a string is missing its closing quote"
            elif char == "$":
                hint = (
                    ": no '$' here (that is Ren'Py): an effect is just 'qin += 1', and a"
                    " variable in text is written {qin}"
                )
            raise ExprError(f"unexpected character '{char}'{hint}", pos, "E031")
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(Token(kind, match.group(), pos))
        pos = match.end()
    tokens.append(Token("end", "", length))
    return tokens


@dataclass(frozen=True, slots=True)
class VarInfo:
    """What the expression compiler needs to know about a declared variable."""

    type: Literal["int", "bool", "money"]
    minimum: int | None = None
    maximum: int | None = None


#: A parsed expression as a small tree of tuples, first item the kind:
#: ``("num", value)``, ``("bool", value)``, ``("var", name)``, ``("visited", id)``,
#: ``("chance", tree)``, ``("not", tree)``, ``("neg", tree)``, ``("and", trees)``,
#: ``("or", trees)``, ``("cmp", op, left, right)``, ``("sum", ((sign, tree), ...))``,
#: ``("prod", first, ((op, tree), ...))`` and ``("fn", name, trees)``.
Tree = tuple[Any, ...]
Typed = tuple[Tree, ExprType]


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_FUNCTIONS = ("visited", "chance", "min", "max", "abs", "round")
_KEYWORDS = ("and", "or", "not", "true", "false")


class Parser:
    """Recursive-descent parser producing (tree, type) pairs, within the limits above."""

    def __init__(
        self,
        source: str,
        variables: Mapping[str, VarInfo],
        scene_ids: Callable[[str, int], None] | None = None,
    ) -> None:
        if len(source) > MAX_EXPR_CHARS:
            raise ExprError(
                f"the expression is {len(source):,} characters long; at most"
                f" {MAX_EXPR_CHARS:,} are allowed: split the idea over several conditions,"
                " choices or variables",
                MAX_EXPR_CHARS,
                "E037",
            )
        self.source = source
        self.tokens = tokenize(source)
        self.index = 0
        self.depth = 0
        self.variables = variables
        self.check_scene = scene_ids
        self.names_used: set[str] = set()

    # -- token helpers -------------------------------------------------------
    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def accept(self, text: str) -> bool:
        token = self.current
        if token.kind in ("op", "name") and token.text == text:
            self.index += 1
            return True
        return False

    def expect(self, text: str) -> Token:
        token = self.current
        if token.text != text:
            found = "the end" if token.kind == "end" else f"'{token.text}'"
            raise ExprError(f"expected '{text}' but found {found}", token.offset)
        return self.advance()

    def nest(self, token: Token) -> None:
        """Enter one more level of nesting at ``token``; refuse past MAX_NESTING."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ExprError(
                f"the expression nests more than {MAX_NESTING} levels deep (brackets,"
                " function calls, '-' and 'not' inside each other): write it more simply",
                token.offset,
                "E038",
            )

    # -- grammar ---------------------------------------------------------------
    def parse_expression(self) -> Typed:
        return self.parse_or()

    def parse_or(self) -> Typed:
        left, ltype = self.parse_and()
        if not (self.current.kind == "name" and self.current.text == "or"):
            return left, ltype
        items = [left]
        while self.current.kind == "name" and self.current.text == "or":
            token = self.advance()
            right, rtype = self.parse_and()
            self._need_bool(ltype, token, "or")
            self._need_bool(rtype, token, "or")
            items.append(right)
        return ("or", tuple(items)), "bool"

    def parse_and(self) -> Typed:
        left, ltype = self.parse_not()
        if not (self.current.kind == "name" and self.current.text == "and"):
            return left, ltype
        items = [left]
        while self.current.kind == "name" and self.current.text == "and":
            token = self.advance()
            right, rtype = self.parse_not()
            self._need_bool(ltype, token, "and")
            self._need_bool(rtype, token, "and")
            items.append(right)
        return ("and", tuple(items)), "bool"

    def parse_not(self) -> Typed:
        if self.current.kind == "name" and self.current.text == "not":
            token = self.advance()
            self.nest(token)
            inner, itype = self.parse_not()
            self.depth -= 1
            self._need_bool(itype, token, "not")
            return ("not", inner), "bool"
        return self.parse_comparison()

    def parse_comparison(self) -> Typed:
        left, ltype = self.parse_sum()
        token = self.current
        if token.kind == "op" and token.text in _COMPARE:
            self.advance()
            right, rtype = self.parse_sum()
            if token.text in ("==", "!="):
                if ltype != rtype:
                    raise ExprError(
                        f"'{token.text}' compares a {ltype} with a {rtype}", token.offset
                    )
            else:
                self._need_number(ltype, token, token.text)
                self._need_number(rtype, token, token.text)
            nxt = self.current
            if nxt.kind == "op" and nxt.text in _COMPARE:
                raise ExprError(
                    "comparisons cannot be chained: write 'a < b and b < c'", nxt.offset
                )
            return ("cmp", token.text, left, right), "bool"
        if token.kind == "op" and token.text == "=":
            raise ExprError(self._lone_equals(token), token.offset)
        return left, ltype

    def _lone_equals(self, token: Token) -> str:
        """What a '=' in a condition was meant to be: '=>' and '=<' are turned round."""
        after = self.tokens[self.index + 1] if self.index + 1 < len(self.tokens) else None
        if after is not None and after.offset == token.offset + 1 and after.text in "<>":
            turned = after.text + "="
            meaning = "at least" if after.text == ">" else "at most"
            return (
                f"'={after.text}' is not a comparison: write '{turned}' ({meaning}),"
                " or '==' (equal to)"
            )
        return "'=' sets a variable in an effect; to compare, write '=='"

    def parse_sum(self) -> Typed:
        left, ltype = self.parse_product()
        if not (self.current.kind == "op" and self.current.text in ("+", "-")):
            return left, ltype
        terms = [(1, left)]
        while self.current.kind == "op" and self.current.text in ("+", "-"):
            token = self.advance()
            right, rtype = self.parse_product()
            self._need_number(ltype, token, token.text)
            self._need_number(rtype, token, token.text)
            terms.append((1 if token.text == "+" else -1, right))
        return ("sum", tuple(terms)), "number"

    def parse_product(self) -> Typed:
        left, ltype = self.parse_unary()
        if not (self.current.kind == "op" and self.current.text in ("*", "/", "%")):
            return left, ltype
        rest = []
        while self.current.kind == "op" and self.current.text in ("*", "/", "%"):
            token = self.advance()
            right, rtype = self.parse_unary()
            self._need_number(ltype, token, token.text)
            self._need_number(rtype, token, token.text)
            rest.append((token.text, right))
        return ("prod", left, tuple(rest)), "number"

    def parse_unary(self) -> Typed:
        if self.current.kind == "op" and self.current.text in ("-", "+"):
            token = self.advance()
            self.nest(token)
            inner, itype = self.parse_unary()
            self.depth -= 1
            self._need_number(itype, token, token.text)
            if token.text == "+":
                return inner, "number"
            if inner[0] == "num":
                return ("num", -inner[1]), "number"
            return ("neg", inner), "number"
        return self.parse_atom()

    def parse_atom(self) -> Typed:
        token = self.current
        if token.kind == "num":
            self.advance()
            return ("num", parse_number(token)), "number"
        if token.kind == "op" and token.text == "(":
            self.advance()
            self.nest(token)
            inner = self.parse_expression()
            self.depth -= 1
            self.expect(")")
            return inner
        if token.kind == "name":
            self.advance()
            if token.text == "true":
                return ("bool", True), "bool"
            if token.text == "false":
                return ("bool", False), "bool"
            if token.text in ("and", "or", "not"):
                raise ExprError(f"'{token.text}' needs a value before it", token.offset)
            if self.current.kind == "op" and self.current.text == "(":
                self.nest(token)
                call = self.parse_call(token)
                self.depth -= 1
                return call
            return self.parse_variable(token)
        if token.kind == "str":
            raise ExprError(
                'text in quotes is only allowed inside visited("scene_id")', token.offset
            )
        if token.kind == "end":
            raise ExprError("the expression ends too early: a value is missing", token.offset)
        raise ExprError(f"unexpected '{token.text}'", token.offset)

    def parse_variable(self, token: Token) -> Typed:
        info = self.variables.get(token.text)
        if info is None:
            if token.text in _FUNCTIONS:
                raise ExprError(
                    f"'{token.text}' is a function: write {token.text}(...)", token.offset
                )
            raise ExprError(
                f"unknown variable '{token.text}'"
                + did_you_mean(token.text, list(self.variables) + list(_KEYWORDS))
                + "; declare it under 'variables:' in story.yaml",
                token.offset,
                "E032",
            )
        self.names_used.add(token.text)
        return ("var", token.text), ("bool" if info.type == "bool" else "number")

    def parse_call(self, name: Token) -> Typed:
        if name.text not in _FUNCTIONS:
            raise ExprError(
                f"unknown function '{name.text}'"
                + did_you_mean(name.text, _FUNCTIONS)
                + f"; the functions are {', '.join(_FUNCTIONS)}",
                name.offset,
                "E033",
            )
        self.expect("(")
        if name.text == "visited":
            arg = self.current
            if arg.kind != "str":
                raise ExprError(
                    'visited needs a scene id in quotes: visited("scene_id")', arg.offset
                )
            self.advance()
            self.expect(")")
            scene_id = arg.text[1:-1]
            if self.check_scene is not None:
                self.check_scene(scene_id, arg.offset)
            return ("visited", scene_id), "bool"
        args: list[tuple[Tree, ExprType, Token]] = []
        if not (self.current.kind == "op" and self.current.text == ")"):
            while True:
                start = self.current
                tree, ftype = self.parse_expression()
                args.append((tree, ftype, start))
                if not self.accept(","):
                    break
        self.expect(")")
        for _tree, atype, start in args:
            self._need_number(atype, start, name.text)
        trees = tuple(tree for tree, _, _ in args)
        if name.text == "chance":
            if len(trees) != 1:
                raise ExprError("chance takes one probability, e.g. chance(0.3)", name.offset)
            if trees[0][0] == "num" and not 0 <= trees[0][1] <= 1:
                raise ExprError(
                    f"chance({trees[0][1]}) is outside 0 to 1: a probability is between 0"
                    " (never) and 1 (always), e.g. chance(0.3) for 30%",
                    args[0][2].offset,
                    "E043",
                )
            return ("chance", trees[0]), "bool"
        if name.text in ("abs", "round"):
            if len(trees) != 1:
                raise ExprError(f"{name.text} takes one value", name.offset)
            return ("fn", name.text, trees), "number"
        if len(trees) < 2:
            raise ExprError(f"{name.text} takes two or more values", name.offset)
        return ("fn", name.text, trees), "number"

    # -- checks ----------------------------------------------------------------
    @staticmethod
    def _need_bool(kind: ExprType, token: Token, what: str) -> None:
        if kind != "bool":
            raise ExprError(
                f"'{what}' needs true/false values; compare the number, e.g. 'money > 0'",
                token.offset,
                "E034",
            )

    @staticmethod
    def _need_number(kind: ExprType, token: Token, what: str) -> None:
        if kind != "number":
            raise ExprError(f"'{what}' needs numbers, not true/false", token.offset, "E034")


def parse_number(token: Token) -> int | float:
    """The value of a number literal, refused (E039) when too long or too large."""
    text = token.text
    digits = len(text) - ("." in text)
    if digits > MAX_LITERAL_DIGITS:
        raise ExprError(
            f"the number has {digits:,} digits; at most {MAX_LITERAL_DIGITS} are allowed"
            f" and numbers in the game stay within {MAX_MAGNITUDE:,}",
            token.offset,
            "E039",
        )
    number: int | float = float(text) if "." in text else int(text)
    if number > MAX_MAGNITUDE:
        raise ExprError(
            f"the number {text} is larger than the game's limit of {MAX_MAGNITUDE:,}",
            token.offset,
            "E039",
        )
    return number


def round_half_away(value: float) -> int:
    """Round to the nearest whole number, halves away from zero (2.5 -> 3, -2.5 -> -3)."""
    if isinstance(value, int):
        return value
    if value != value or value in (math.inf, -math.inf):
        return 0 if value != value else (MAX_MAGNITUDE if value > 0 else -MAX_MAGNITUDE)
    return math.floor(value + 0.5) if value >= 0 else -math.floor(-value + 0.5)


# -- compiling a tree into closures ----------------------------------------------
def compile_tree(tree: Tree, source: str) -> Compiled:
    """The closure that computes ``tree``; recursion is bounded by MAX_NESTING."""
    kind = tree[0]
    if kind in ("num", "bool"):
        return _const(tree[1])
    if kind == "var":
        return _variable(tree[1])
    if kind == "visited":
        return _visited(tree[1])
    if kind == "chance":
        return _chance(compile_tree(tree[1], source))
    if kind == "not":
        return _not(compile_tree(tree[1], source))
    if kind == "neg":
        return _negate(compile_tree(tree[1], source))
    if kind == "and":
        return _all([compile_tree(item, source) for item in tree[1]])
    if kind == "or":
        return _any([compile_tree(item, source) for item in tree[1]])
    if kind == "cmp":
        return _compare(
            _COMPARE[tree[1]], compile_tree(tree[2], source), compile_tree(tree[3], source)
        )
    if kind == "sum":
        return _sum([(sign, compile_tree(term, source)) for sign, term in tree[1]], source)
    if kind == "prod":
        return _product(
            compile_tree(tree[1], source),
            [(op, compile_tree(factor, source)) for op, factor in tree[2]],
            source,
        )
    fns = [compile_tree(arg, source) for arg in tree[2]]
    if tree[1] == "abs":
        return _unary_fn(abs, fns[0])
    if tree[1] == "round":
        return _unary_fn(round_half_away, fns[0])
    return _fold(min if tree[1] == "min" else max, fns)


# -- closure builders ---------------------------------------------------------
def _const(value: Any) -> Compiled:
    return lambda ctx: value


def _variable(name: str) -> Compiled:
    return lambda ctx: ctx.vars[name]


def _all(items: list[Compiled]) -> Compiled:
    if len(items) == 2:
        a, b = items
        return lambda ctx: a(ctx) and b(ctx)

    def run(ctx: EvalContext) -> bool:
        return all(item(ctx) for item in items)

    return run


def _any(items: list[Compiled]) -> Compiled:
    if len(items) == 2:
        a, b = items
        return lambda ctx: a(ctx) or b(ctx)

    def run(ctx: EvalContext) -> bool:
        return any(item(ctx) for item in items)

    return run


def _not(a: Compiled) -> Compiled:
    return lambda ctx: not a(ctx)


def _compare(op: Callable[[Any, Any], bool], a: Compiled, b: Compiled) -> Compiled:
    return lambda ctx: op(a(ctx), b(ctx))


def _sum(terms: list[tuple[int, Compiled]], source: str) -> Compiled:
    # Each term is within MAX_MAGNITUDE and there are at most MAX_EXPR_CHARS of
    # them, so the running total stays finite; it is bounded once at the end.
    if len(terms) == 2:
        (sign_a, a), (sign_b, b) = terms
        if sign_a > 0:

            def two(ctx: EvalContext) -> Any:
                value = a(ctx) + b(ctx) if sign_b > 0 else a(ctx) - b(ctx)
                if -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
                    return value
                return bound(value, ctx, source)

            return two

    def run(ctx: EvalContext) -> Any:
        total: Any = 0
        for sign, term in terms:
            if sign > 0:
                total += term(ctx)
            else:
                total -= term(ctx)
        return bound(total, ctx, source)

    return run


def _product(first: Compiled, rest: list[tuple[str, Compiled]], source: str) -> Compiled:
    def run(ctx: EvalContext) -> Any:
        value = first(ctx)
        for op, factor in rest:
            other = factor(ctx)
            if op == "*":
                value = value * other
            elif other == 0:
                value = 0  # dividing by zero gives 0, as documented
            elif op == "/":
                value = value / other
            else:
                value = value % other
            value = bound(value, ctx, source)
        return value

    return run


def _negate(a: Compiled) -> Compiled:
    return lambda ctx: -a(ctx)


def _visited(scene_id: str) -> Compiled:
    return lambda ctx: scene_id in ctx.visited


def _chance(p: Compiled) -> Compiled:
    # rng.random() is in [0, 1), so a probability below 0 never and above 1 always holds.
    return lambda ctx: ctx.rng.random() < p(ctx)


def _unary_fn(fn: Callable[[Any], Any], a: Compiled) -> Compiled:
    return lambda ctx: fn(a(ctx))


def _fold(fn: Callable[..., Any], args: list[Compiled]) -> Compiled:
    return lambda ctx: fn(*[arg(ctx) for arg in args])


# -- public entry points ------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Expression:
    """A parsed expression: its source text, type, compiled closure and syntax tree."""

    source: str
    type: ExprType
    run: Compiled
    names: frozenset[str]
    tree: Tree = ("bool", True)


def constant_expression(value: int | float) -> Expression:
    """A number known at load time (a literal ``weight:``) as an expression."""
    return Expression(
        str(value) if abs(value) < 1e15 else "a number",
        "number",
        _const(value),
        frozenset(),
        ("num", value),
    )


def compile_expression(
    source: str,
    variables: Mapping[str, VarInfo],
    check_scene: Callable[[str, int], None] | None = None,
) -> Expression:
    parser = Parser(source, variables, check_scene)
    if parser.current.kind == "end":
        raise ExprError("the expression is empty", 0)
    tree, kind = parser.parse_expression()
    trailing = parser.current
    if trailing.kind != "end":
        raise ExprError(
            f"unexpected '{trailing.text}' after a complete expression"
            " (a missing 'and'/'or', or an extra bracket?)",
            trailing.offset,
        )
    return Expression(source, kind, compile_tree(tree, source), frozenset(parser.names_used), tree)


def compile_condition(
    source: str,
    variables: Mapping[str, VarInfo],
    check_scene: Callable[[str, int], None] | None = None,
) -> Expression:
    expression = compile_expression(source, variables, check_scene)
    if expression.type != "bool":
        raise ExprError(
            f"a condition must be true or false, but '{source}' is a number:"
            f" compare it, e.g. '{source} > 0'",
            0,
            "E034",
        )
    return expression


@dataclass(frozen=True, slots=True)
class EffectSpec:
    """A parsed effect: ``target op value ["label"] [[category]] [if condition] [on date]``.

    ``condition``, when given, must hold for the effect to happen (checked when it is
    applied). ``date`` is the ledger date of a money entry that happened on another day
    than the scene's (the months between the winters, summarised); None means the
    scene's date.
    """

    target: str
    op: Literal["=", "+=", "-="]
    value: Expression
    label: str | None
    category: str | None
    label_offset: int
    category_offset: int
    date: str | None = None
    date_offset: int = -1
    condition: Expression | None = None


def parse_effect(
    source: str,
    variables: Mapping[str, VarInfo],
    check_scene: Callable[[str, int], None] | None = None,
) -> EffectSpec:
    parser = Parser(source, variables, check_scene)
    target = parser.current
    if target.kind != "name":
        raise ExprError(
            "an effect starts with a variable name, e.g. 'qin += 1' or"
            " 'money -= 190 \"Hard seat\" [tickets]'",
            target.offset,
            "E040",
        )
    parser.advance()
    info = variables.get(target.text)
    if info is None:
        raise ExprError(
            f"unknown variable '{target.text}'"
            + did_you_mean(target.text, variables)
            + "; declare it under 'variables:' in story.yaml",
            target.offset,
            "E032",
        )
    op_token = parser.current
    if op_token.text not in ("=", "+=", "-="):
        hint = (
            " (to compare, use 'if:'; an effect changes a variable)"
            if op_token.text in _COMPARE
            else ""
        )
        raise ExprError(
            f"expected '=', '+=' or '-=' after '{target.text}'{hint}", op_token.offset, "E040"
        )
    parser.advance()
    if parser.current.kind in ("end", "str") or parser.current.text == "[":
        raise ExprError(f"'{op_token.text}' needs a value after it", parser.current.offset, "E040")
    value_tree, value_type = parser.parse_expression()
    value = Expression(
        source,
        value_type,
        compile_tree(value_tree, source),
        frozenset(parser.names_used | {target.text}),
        value_tree,
    )
    wanted: ExprType = "bool" if info.type == "bool" else "number"
    if op_token.text != "=" and info.type == "bool":
        raise ExprError(
            f"'{target.text}' is true/false: set it with '{target.text} = true'",
            op_token.offset,
            "E034",
        )
    if value_type != wanted:
        raise ExprError(
            f"'{target.text}' is a {'true/false flag' if wanted == 'bool' else 'number'},"
            f" but the value is {'true/false' if value_type == 'bool' else 'a number'}",
            op_token.offset,
            "E034",
        )
    label: str | None = None
    category: str | None = None
    label_offset = category_offset = -1
    if parser.current.kind == "str":
        label_offset = parser.current.offset
        label = parser.advance().text[1:-1]
    if parser.current.kind == "op" and parser.current.text == "[":
        parser.advance()
        cat = parser.current
        if cat.kind != "name":
            raise ExprError(
                "a ledger category is a word in brackets, e.g. [tickets]", cat.offset, "E040"
            )
        parser.advance()
        parser.expect("]")
        category = cat.text
        category_offset = cat.offset
    condition: Expression | None = None
    if parser.current.kind == "name" and parser.current.text == "if":
        if_token = parser.advance()
        if parser.current.kind == "end":
            raise ExprError("'if' needs a condition after it", parser.current.offset, "E040")
        start = parser.current.offset
        condition_tree, condition_type = parser.parse_expression()
        if condition_type != "bool":
            raise ExprError(
                "the condition after 'if' must be true or false: compare it, e.g."
                " 'if savings >= 1600'",
                if_token.offset,
                "E034",
            )
        end = parser.current.offset
        condition_source = source[start:end].strip()
        condition = Expression(
            condition_source,
            "bool",
            compile_tree(condition_tree, condition_source),
            frozenset(parser.names_used),
            condition_tree,
        )
    date: str | None = None
    date_offset = -1
    if parser.current.kind == "name" and parser.current.text == "on":
        parser.advance()
        date_offset = parser.current.offset
        date = _effect_date(source[date_offset:].strip(), date_offset)
        while parser.current.kind != "end":
            parser.advance()
    trailing = parser.current
    if trailing.kind != "end" and trailing.text in (",", "-"):
        raise ExprError(
            f"unexpected '{trailing.text}': one effect per item. Write each effect as an item"
            " of its own, '- money -= 5' and '- qin += 1' on lines of their own, each '- '"
            " at the same indent",
            trailing.offset,
            "E040",
        )
    if trailing.kind != "end":
        raise ExprError(
            f"unexpected '{trailing.text}': an effect is 'name op value', then an optional"
            ' "label" in double quotes, then an optional [category], then an optional'
            " 'if condition', then an optional 'on YYYY-MM-DD'",
            trailing.offset,
            "E040",
        )
    op: Literal["=", "+=", "-="] = (
        "=" if op_token.text == "=" else ("+=" if op_token.text == "+=" else "-=")
    )
    return EffectSpec(
        target.text,
        op,
        value,
        label,
        category,
        label_offset,
        category_offset,
        date,
        date_offset,
        condition,
    )


_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _effect_date(text: str, offset: int) -> str:
    """The ISO date after 'on' in an effect, checked; E042 when it is not a real date."""
    problem = ""
    if not _DATE_RE.fullmatch(text):
        problem = "should be written YYYY-MM-DD, e.g. 'on 2007-06-30'"
    else:
        try:
            return datetime.date.fromisoformat(text).isoformat()
        except ValueError:
            problem = "is not a day of the calendar"
    shown = text or "nothing"
    raise ExprError(
        f"the ledger date after 'on' ({shown}) {problem}; 'on' comes last, after the label"
        " and the [category]",
        offset,
        "E046",
    )


# -- interpolation ---------------------------------------------------------------
FORMATS = ("yuan", "number", "signed", "abs")
TemplatePart = str | tuple[Expression, str]


def parse_template(
    text: str, variables: Mapping[str, VarInfo], default_money: Callable[[str], bool]
) -> tuple[TemplatePart, ...]:
    """Split text into literal strings and ``{expression:format}`` placeholders."""
    if "{" not in text and "}" not in text:
        return (text,)
    parts: list[TemplatePart] = []
    literal: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        char = text[i]
        if char == "{":
            if i + 1 < n and text[i + 1] == "{":
                literal.append("{")
                i += 2
                continue
            end = text.find("}", i + 1)
            if end < 0:
                raise ExprError(
                    "'{' has no closing '}' (write '{{' for a literal brace)", i, "E035"
                )
            inner = text[i + 1 : end]
            body, _sep, fmt = inner.partition(":")
            fmt = fmt.strip()
            if fmt and fmt not in FORMATS:
                raise ExprError(
                    f"unknown format '{fmt}'{did_you_mean(fmt, FORMATS)};"
                    f" formats: {', '.join(FORMATS)}",
                    i + 1 + len(body) + 1,
                    "E035",
                )
            try:
                expression = compile_expression(body.strip(), variables)
            except ExprError as exc:
                lead = len(body) - len(body.lstrip())
                raise ExprError(
                    f"in {{{inner}}}: {exc.message}", i + 1 + lead + exc.offset, exc.code
                ) from None
            if not fmt:
                fmt = "yuan" if default_money(body.strip()) else "number"
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append((expression, fmt))
            i = end + 1
            continue
        if char == "}":
            if i + 1 < n and text[i + 1] == "}":
                literal.append("}")
                i += 2
                continue
            raise ExprError(
                "'}' without an opening '{' (write '}}' for a literal brace)", i, "E035"
            )
        literal.append(char)
        i += 1
    if literal:
        parts.append("".join(literal))
    return tuple(parts)


def format_value(value: Any, fmt: str) -> str:
    """A value in story text, in the interface's language: '1,480 yuan' / '1,480 元'."""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    number = round_half_away(value)
    if language() == SOURCE_LANGUAGE:
        # English, as every golden route was recorded; other languages go through Babel.
        if fmt == "yuan":
            return f"{number:,} yuan"
        if fmt == "signed":
            return f"{number:+,}"
        if fmt == "abs":
            return f"{abs(number):,}"
        return f"{number:,}"
    if fmt == "yuan":
        sign = "-" if number < 0 else ""
        return sign + gettext("{amount} yuan").format(amount=format_number(abs(number)))
    if fmt == "signed":
        return ("+" if number >= 0 else "-") + format_number(abs(number))
    if fmt == "abs":
        return format_number(abs(number))
    return format_number(number)


def render_template(parts: tuple[TemplatePart, ...], ctx: EvalContext) -> str:
    if len(parts) == 1 and isinstance(parts[0], str):
        return parts[0]
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            expression, fmt = part
            out.append(format_value(expression.run(ctx), fmt))
    return "".join(out)
