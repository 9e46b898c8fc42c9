"""The story expression language: conditions, effects and ``{...}`` interpolation.

A story never runs Python. Its conditions (``money >= 200 and not qin_left_school``),
effects (``money -= 180 "Hard seat" [tickets]``) and text placeholders are parsed
once at load time by the small parser below, checked against the declared variables
and types, and compiled into closures over a whitelist of operations. Unknown names,
wrong types and syntax errors become :class:`ExprError` with the offending offset,
which the loader turns into located diagnostics.

The parser builds a small tree of tuples (:data:`Tree`, e.g.
``("cmp", ">=", ("var", "money"), ("num", 200))``); :func:`build` turns a tree into
a closure, and the same tree, as JSON lists, is what the compiled story
(:mod:`game.engine.compiled`) stores and the browser runtime evaluates. Compiled
expressions take an :class:`EvalContext`: the variables, the visited scenes and
the random source of the current moment.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from game.engine.diagnostics import did_you_mean

ExprType = Literal["number", "bool"]


class RandomSource(Protocol):
    def random(self) -> float: ...


class EvalContext:
    """What an expression can see: variables, visited scenes, a random source."""

    __slots__ = ("rng", "vars", "visited")

    def __init__(
        self, variables: dict[str, Any], visited: Mapping[str, int], rng: RandomSource
    ) -> None:
        self.vars = variables
        self.visited = visited
        self.rng = rng


Compiled = Callable[[EvalContext], Any]
#: A parsed expression: ``(kind, *operands)``; see :func:`build` for every kind.
Tree = tuple[Any, ...]


class ExprError(Exception):
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
    """Recursive-descent parser producing (tree, type) pairs."""

    def __init__(
        self,
        source: str,
        variables: Mapping[str, VarInfo],
        scene_ids: Callable[[str, int], None] | None = None,
    ) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.index = 0
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

    # -- grammar ---------------------------------------------------------------
    def parse_expression(self) -> tuple[Tree, ExprType]:
        return self.parse_or()

    def parse_or(self) -> tuple[Tree, ExprType]:
        left, ltype = self.parse_and()
        while self.current.kind == "name" and self.current.text == "or":
            token = self.advance()
            right, rtype = self.parse_and()
            self._need_bool(ltype, token, "or")
            self._need_bool(rtype, token, "or")
            left = ("or", left, right)
            ltype = "bool"
        return left, ltype

    def parse_and(self) -> tuple[Tree, ExprType]:
        left, ltype = self.parse_not()
        while self.current.kind == "name" and self.current.text == "and":
            token = self.advance()
            right, rtype = self.parse_not()
            self._need_bool(ltype, token, "and")
            self._need_bool(rtype, token, "and")
            left = ("and", left, right)
            ltype = "bool"
        return left, ltype

    def parse_not(self) -> tuple[Tree, ExprType]:
        if self.current.kind == "name" and self.current.text == "not":
            token = self.advance()
            inner, itype = self.parse_not()
            self._need_bool(itype, token, "not")
            return ("not", inner), "bool"
        return self.parse_comparison()

    def parse_comparison(self) -> tuple[Tree, ExprType]:
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
            raise ExprError(
                "'=' sets a variable in an effect; to compare, write '=='", token.offset
            )
        return left, ltype

    def parse_sum(self) -> tuple[Tree, ExprType]:
        left, ltype = self.parse_product()
        while self.current.kind == "op" and self.current.text in ("+", "-"):
            token = self.advance()
            right, rtype = self.parse_product()
            self._need_number(ltype, token, token.text)
            self._need_number(rtype, token, token.text)
            left = ("add" if token.text == "+" else "sub", left, right)
            ltype = "number"
        return left, ltype

    def parse_product(self) -> tuple[Tree, ExprType]:
        left, ltype = self.parse_unary()
        while self.current.kind == "op" and self.current.text in ("*", "/", "%"):
            token = self.advance()
            right, rtype = self.parse_unary()
            self._need_number(ltype, token, token.text)
            self._need_number(rtype, token, token.text)
            left = ({"*": "mul", "/": "div", "%": "mod"}[token.text], left, right)
            ltype = "number"
        return left, ltype

    def parse_unary(self) -> tuple[Tree, ExprType]:
        if self.current.kind == "op" and self.current.text in ("-", "+"):
            token = self.advance()
            inner, itype = self.parse_unary()
            self._need_number(itype, token, token.text)
            if token.text == "+":
                return inner, "number"
            return ("neg", inner), "number"
        return self.parse_atom()

    def parse_atom(self) -> tuple[Tree, ExprType]:
        token = self.current
        if token.kind == "num":
            self.advance()
            number: float | int = float(token.text) if "." in token.text else int(token.text)
            return ("num", number), "number"
        if token.kind == "op" and token.text == "(":
            self.advance()
            inner = self.parse_expression()
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
                return self.parse_call(token)
            return self.parse_variable(token)
        if token.kind == "str":
            raise ExprError(
                'text in quotes is only allowed inside visited("scene_id")', token.offset
            )
        if token.kind == "end":
            raise ExprError("the expression ends too early: a value is missing", token.offset)
        raise ExprError(f"unexpected '{token.text}'", token.offset)

    def parse_variable(self, token: Token) -> tuple[Tree, ExprType]:
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

    def parse_call(self, name: Token) -> tuple[Tree, ExprType]:
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
                fn, ftype = self.parse_expression()
                args.append((fn, ftype, start))
                if not self.accept(","):
                    break
        self.expect(")")
        for _, atype, start in args:
            self._need_number(atype, start, name.text)
        fns = [fn for fn, _, _ in args]
        if name.text == "chance":
            if len(fns) != 1:
                raise ExprError("chance takes one probability, e.g. chance(0.3)", name.offset)
            return ("chance", fns[0]), "bool"
        if name.text in ("abs", "round"):
            if len(fns) != 1:
                raise ExprError(f"{name.text} takes one value", name.offset)
            return (name.text, fns[0]), "number"
        if len(fns) < 2:
            raise ExprError(f"{name.text} takes two or more values", name.offset)
        return (name.text, *fns), "number"

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


def round_half_away(value: float) -> int:
    """Round to the nearest whole number, halves away from zero (2.5 -> 3, -2.5 -> -3)."""
    if isinstance(value, int):
        return value
    return math.floor(value + 0.5) if value >= 0 else -math.floor(-value + 0.5)


# -- closure builders ---------------------------------------------------------
def _const(value: Any) -> Compiled:
    return lambda ctx: value


def _variable(name: str) -> Compiled:
    return lambda ctx: ctx.vars[name]


def _or(a: Compiled, b: Compiled) -> Compiled:
    return lambda ctx: a(ctx) or b(ctx)


def _and(a: Compiled, b: Compiled) -> Compiled:
    return lambda ctx: a(ctx) and b(ctx)


def _not(a: Compiled) -> Compiled:
    return lambda ctx: not a(ctx)


def _compare(op: Callable[[Any, Any], bool], a: Compiled, b: Compiled) -> Compiled:
    return lambda ctx: op(a(ctx), b(ctx))


def _arith(op: Callable[[Any, Any], Any], a: Compiled, b: Compiled) -> Compiled:
    return lambda ctx: op(a(ctx), b(ctx))


def _divide(a: Compiled, b: Compiled, modulo: bool) -> Compiled:
    def run(ctx: EvalContext) -> Any:
        divisor = b(ctx)
        if divisor == 0:
            return 0
        return a(ctx) % divisor if modulo else a(ctx) / divisor

    return run


def _negate(a: Compiled) -> Compiled:
    return lambda ctx: -a(ctx)


def _visited(scene_id: str) -> Compiled:
    return lambda ctx: scene_id in ctx.visited


def _chance(p: Compiled) -> Compiled:
    return lambda ctx: ctx.rng.random() < p(ctx)


def _unary_fn(fn: Callable[[Any], Any], a: Compiled) -> Compiled:
    return lambda ctx: fn(a(ctx))


def _fold(fn: Callable[..., Any], args: list[Compiled]) -> Compiled:
    return lambda ctx: fn(*[arg(ctx) for arg in args])


_ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
}


def build(tree: Tree) -> Compiled:
    """The closure that evaluates ``tree`` (a tree the parser made, or read back from JSON)."""
    kind = tree[0]
    if kind in ("num", "bool"):
        return _const(tree[1])
    if kind == "var":
        return _variable(tree[1])
    if kind == "or":
        return _or(build(tree[1]), build(tree[2]))
    if kind == "and":
        return _and(build(tree[1]), build(tree[2]))
    if kind == "not":
        return _not(build(tree[1]))
    if kind == "cmp":
        return _compare(_COMPARE[tree[1]], build(tree[2]), build(tree[3]))
    if kind in _ARITH:
        return _arith(_ARITH[kind], build(tree[1]), build(tree[2]))
    if kind in ("div", "mod"):
        return _divide(build(tree[1]), build(tree[2]), kind == "mod")
    if kind == "neg":
        return _negate(build(tree[1]))
    if kind == "visited":
        return _visited(tree[1])
    if kind == "chance":
        return _chance(build(tree[1]))
    if kind in ("abs", "round"):
        return _unary_fn(abs if kind == "abs" else round_half_away, build(tree[1]))
    if kind in ("min", "max"):
        return _fold(min if kind == "min" else max, [build(arg) for arg in tree[1:]])
    raise ValueError(f"unknown expression node {kind!r}")


# -- public entry points ------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Expression:
    """A parsed expression: its source text, type and compiled closure."""

    source: str
    type: ExprType
    run: Compiled
    names: frozenset[str]
    tree: Tree = ()


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
    return Expression(source, kind, build(tree), frozenset(parser.names_used), tree)


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
    """A parsed effect statement: ``target op value ["label"] [[category]]``."""

    target: str
    op: Literal["=", "+=", "-="]
    value: Expression
    label: str | None
    category: str | None
    label_offset: int
    category_offset: int


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
        build(value_tree),
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
    trailing = parser.current
    if trailing.kind != "end":
        raise ExprError(
            f"unexpected '{trailing.text}': an effect is 'name op value', then an optional"
            ' "label" in double quotes, then an optional [category]',
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
        category_offset,  # type: ignore[arg-type]
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
            body, _, fmt = inner.partition(":")
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
    if isinstance(value, bool):
        return "yes" if value else "no"
    number = round_half_away(value)
    if fmt == "yuan":
        return f"{number:,} yuan"
    if fmt == "signed":
        return f"{number:+,}"
    if fmt == "abs":
        return f"{abs(number):,}"
    return f"{number:,}"


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
