"""The fast YAML reader gives exactly the reference reader's tree, or defers to it.

Every test here is differential: whatever :func:`yamlfast.compose` returns must be
what :func:`read_yaml_reference` (PyYAML's C parser) returns for the same text, down
to value types, key order and the position of every container, key and value.
Where the fast reader is unsure it must raise :class:`NotSimple` instead.
"""

from __future__ import annotations

import gc
import itertools
import math
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import yamlfast, yamlread
from game.engine.yamlread import MapNode, SeqNode, read_yaml, read_yaml_reference

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------------------
# Comparing trees


def canonical(value: Any) -> Any:
    """A comparable picture of a located tree: types, values, order and positions."""
    if isinstance(value, MapNode):
        return (
            "map",
            value.pos,
            [
                (type(key).__name__, key, value.key_pos[key], value.value_pos[key], canonical(item))
                for key, item in value.items()
            ],
            sorted(map(repr, value.key_pos)) == sorted(map(repr, value)),
            sorted(map(repr, value.value_pos)) == sorted(map(repr, value)),
        )
    if isinstance(value, SeqNode):
        return (
            "seq",
            value.pos,
            [(pos, canonical(item)) for item, pos in zip(value, value.item_pos, strict=False)],
            len(value) == len(value.item_pos),
        )
    if isinstance(value, dict | list):
        return ("plain container: not located", repr(value))
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def fast_agrees(text: str) -> bool:
    """Assert the fast reader agrees with the reference; False if it deferred."""
    try:
        fast = yamlfast._compose(text)
    except yamlfast.NotSimple:
        return False
    reference, diagnostics = read_yaml_reference(text, "doc.yaml")
    assert not diagnostics, f"fast reader accepted what the reference rejects: {text!r}"
    assert canonical(fast) == canonical(reference), f"trees differ for {text!r}"
    return True


def assert_fast(text: str) -> None:
    """The text is in the fast reader's subset and gives the reference's tree."""
    assert fast_agrees(text), f"fast reader deferred on {text!r}"


# ---------------------------------------------------------------------------
# Hand-written snippets: each must be read by the fast reader itself


SNIPPETS: dict[str, str] = {
    "empty": "",
    "blank lines": "\n\n   \n",
    "comment only": "# just a comment\n  # another\n",
    "document start only": "---\n",
    "document start with comment": "--- # the story\nformat: 1\n",
    "document start after comments": "# header\n---\nid: x\n",
    "root plain scalar": "just some words\n",
    "root number": "42",
    "root quoted": "'quoted root'\n",
    "root flow sequence": "[a, b]\n",
    "root block scalar": "|\n  line one\n  line two\n",
    "flat mapping": "format: 1\nid: last-train-home\ntitle: Last Train Home\nversion: 0.1.0\n",
    "no final newline": "a: 1\nb: two",
    "indented root mapping": "  a: 1\n  b: 2\n",
    "nested mappings": "a:\n  b:\n    c: 1\n    d: 2\n  e: 3\nf: 4\n",
    "odd indentation steps": "a:\n     b:\n      c: 1\n     d: 2\n",
    "block sequence": "- a\n- b\n- c\n",
    "nested sequences": "- - a\n  - b\n- - - c\n    - d\n",
    "sequence of mappings": "- text: Take the overtime\n  goto: ch1_overtime\n"
    "- text: Go back\n  goto: ch1_dorm\n",
    "item mapping wider gap": "-   a: 1\n    b: 2\n-  c: 3\n",
    "sequence under key indented": "chapters:\n  - chapter1.yaml\n  - chapter2.yaml\n",
    "sequence under key not indented": "chapters:\n- chapter1.yaml\n- chapter2.yaml\n"
    "glossary: g.yaml\n",
    "indentless sequence of mappings": "choices:\n- text: a\n  goto: x\n- text: b\n  goto: y\n"
    "next: z\n",
    "indentless in item mapping": "- key:\n  - a\n  - b\n  other: 1\n",
    "empty values": "a:\nb: # nothing\nc:   \nd: 1\n",
    "empty at end": "a: 1\nb:",
    "empty items": "- \n-\n- # c\n- x\n",
    "empty item then nested": "-\n  a: 1\n-\n  - b\n",
    "value on next line": "key:\n  value on its own line\nquoted:\n  'q'\nflow:\n  [a]\n",
    "comments everywhere": "# top\na: 1 # trailing\n# between\nb:\n  # inside\n  - x # item\n"
    "    # deeper comment\n  - y\n# end\n",
    "hash inside values": "a: C# and F#\nb: x#y\nc: 'a # b'\nd: \"a # b\"\n",
    "colons inside values": "url: http://example.com/a:b\ntime: 12:30\nlabel: a:b:c\n",
    "keys with spaces": "key with spaces: 1\nkey  : 2\n",
    "keys with colons": "a:b: 1\nx:y:z: 2\n",
    "typed keys": "1: one\n1.5: x\nfalse: no\n~: nothing\n2006-11-20: date key\n0x10: hex\n",
    "quoted keys": "'quoted': 1\n\"double\": 2\n'it''s': 3\n\"\": empty\n'x y': other\n",
    "plain bools": "a: yes\nb: No\nc: ON\nd: off\ne: True\nf: FALSE\ng: y\nh: n\ni: Yes\n",
    "plain nulls": "a: ~\nb: null\nc: Null\nd: NULL\ne: nul\nf: NuLL\n",
    "plain ints": "a: 0\nb: -7\nc: +12\nd: 1_000\ne: 0x1F\nf: 017\ng: 0o17\nh: 0b101\n"
    "i: 1:20\nj: 190:20:30\nk: 08\nl: 00\n",
    "plain floats": "a: 1.5\nb: -0.25\nc: 1e3\nd: 1.5e+3\ne: .inf\nf: -.Inf\ng: .NaN\n"
    "h: 3.\ni: 1_000.5\nj: 1:20.5\nk: .5\nl: 6.8523015e+5\n",
    "plain timestamps": "a: 2006-11-20\nb: 2001-12-14t21:59:43.10-05:00\n"
    "c: 2001-12-14 21:59:43.10\nd: 2002-12-14\ne: 2006-1-2\n",
    "plain strings like numbers": "a: 1.2.3\nb: 0.0.1\nc: 12:30:00x\nd: 1e\ne: +\nf: -x\n",
    "plain strings with quotes": "a: it's\nb: say \"hi\"\nc: a 'b' c\n",
    "unicode": "标题: 归途列车 (2009)\nemoji: 😀 ok\nb: [é, 😀, 春运]\n",
    "unicode positions": "- 归途列车: 😀x\n  b: [é, 😀]\n  c: {归: 途}\n",
    "ideographic space kept": "a: x\u3000\nb\u3000: y\n",
    "no-break space kept": "a: \xa0x\xa0\n",
    "single quoted": "a: 'it''s'\nb: 'a: b # c'\nc: ''\nd: '  spaced  '\ne: '\"'\n",
    "double quoted": 'a: "x"\nb: "a: b # c"\nc: ""\nd: "tab\\there"\ne: "new\\nline"\n',
    "double quoted escapes": 'a: "\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\"\\/\\\\\\N\\_\\L\\P"\n'
    'b: "\\x41\\u00e9\\U0001F600"\n',
    "quoted then comment": "a: 'x' # c\nb: \"y\"   # c\n",
    "literal block": "text: |\n  Two hundred sewing machines, one noise.\n\n  Another line.\n"
    "next: a\n",
    "literal strip": "a: |-\n  x\n  y\n\n\nb: 1\n",
    "literal keep": "a: |+\n  x\n  y\n\n\nb: 1\n",
    "literal keep at end": "a: |+\n  x\n\n",
    "literal more indented": "a: |\n  x\n    y\n  z\n",
    "literal leading blank lines": "a: |\n\n\n  x\n",
    "literal whitespace lines": "a: |\n  x\n     \n  \n  y\nb: 1\n",
    "literal comment inside": "a: |\n  # not a comment\n  x\n",
    "literal at end without newline": "a: |\n  x\n  y",
    "literal empty": "a: |\nb: |-\nc: |+\nd: 1\n",
    "literal in sequence": "- |\n  one\n  two\n- >\n  three\n  four\n",
    "literal in item mapping": "- text: |\n    one\n    two\n  goto: x\n",
    "literal with header comment": "a: | # comment\n  x\n",
    "literal on its own line": "a:\n  |\n   x\n",
    "folded block": "a: >\n  one\n  two\n\n  three\n   indented\n  four\n",
    "folded strip keep": "a: >-\n  x\n  y\n\nb: >+\n  x\n  y\n\n\nc: 1\n",
    "folded more indented lines": "a: >\n  x\n\n    code\n    more\n\n  y\n",
    "flow sequences": "a: [chapter1.yaml, chapter2.yaml]\nb: []\nc: [ ]\nd: [ x , y ]\n",
    "flow sequence quoted brackets": "effects: ['money -= 420 \"Two hard seats\" [tickets]']\n",
    "flow sequence plain with quotes": 'effects: [money -= 10 "x"]\n',
    "flow mapping": "qin: {type: int, initial: 3, min: 0, max: 10, label: Qin, hud: true}\n"
    "e: {}\nf: { a: 1 }\n",
    "flow mapping quoted": "a: {'k': \"v\", \"x y\": 'z'}\n",
    "flow then comment": "a: [x] # c\nb: {k: v}  # c\n",
    "crlf line ends": "a: x\r\nb: |\r\n  y\r\n  z\r\nc:\r\n- 1\r\n",
    "dash strings": "a: -x\nb: --y\n-c: 1\n",
    "document end marker lookalike": "a: ...x\nb: ---\n",
    "long key": "k" * 900 + ": v\n",
}


@pytest.mark.parametrize("name", list(SNIPPETS))
def test_snippet_is_read_fast_and_matches_the_reference(name: str) -> None:
    assert_fast(SNIPPETS[name])


def test_snippets_survive_windows_line_ends() -> None:
    for name, text in SNIPPETS.items():
        crlf = text.replace("\r\n", "\n").replace("\n", "\r\n")
        assert fast_agrees(crlf), name


def test_empty_and_comment_only_text_give_none() -> None:
    for text in ("", "\n", "   \n\n", "# c\n", "---\n", "# a\n---\n# b\n"):
        assert yamlfast.compose(text) is None


def test_positions_of_a_small_story_by_hand() -> None:
    text = "scenes:\n  s1:\n    choices:\n    - text: Go\n      goto: s2\n    next:\n"
    tree = yamlfast.compose(text)
    assert tree.pos == (1, 1)
    scene = tree["scenes"]["s1"]
    assert tree["scenes"].value_pos["s1"] == (3, 5) == scene.pos
    choices = scene["choices"]
    assert choices.pos == (4, 5)
    assert choices.item_pos == [(4, 7)]
    assert choices[0].key_pos["goto"] == (5, 7)
    assert choices[0].value_pos["goto"] == (5, 13)
    assert scene["next"] is None
    assert scene.value_pos["next"] == (6, 10)


# ---------------------------------------------------------------------------
# The files in the repository


def _repository_yaml_files() -> list[Path]:
    files = sorted((ROOT / "story").rglob("*.yaml")) + sorted((ROOT / "tests").rglob("*.yaml"))
    return [path for path in files if path.is_file()]


@pytest.mark.parametrize(
    "path", _repository_yaml_files(), ids=lambda path: str(path.relative_to(ROOT))
)
def test_repository_yaml_files_match_the_reference(path: Path) -> None:
    assert fast_agrees(path.read_bytes().decode("utf-8-sig")), f"the fast reader deferred on {path}"


def test_large_generated_story_matches_the_reference() -> None:
    rng = random.Random(7)
    words = ["the", "sewing", "machine", "train", "ticket", "money", "Qin", "village", "归途"]
    lines = ["scenes:"]
    for number in range(300):
        lines.append(f"  s{number}:")
        lines.append("    text: |")
        for _ in range(3):
            lines.append("      " + " ".join(rng.choice(words) for _ in range(12)))
        lines.append("    choices:")
        for choice in range(rng.randint(1, 3)):
            lines.append(f"      - text: Go to {choice}")
            if rng.random() < 0.4:
                lines.append("        if: money > 120")
            lines.append('        effects: [money -= 10 "x"]')
            lines.append(f"        goto: s{rng.randrange(300)}")
    assert_fast("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------
# Block scalars: every header against every kind of body, in every context

_BODIES = [
    "  x\n",
    "  x\n  y\n",
    "  x\n\n  y\n",
    "  x\n\n\n",
    "  x\n  \n    \n",
    "\n  x\n",
    "    \n  x\n",
    "  \n\n  x\n  y",
    "  x\n   y\n  z\n",
    "   x\n  y\n",
    "  x\n    y\n\n    z\n  w\n",
    "  x\n\n   y\n\n  z\n",
    "  x\n      \n  y\n",
    "",
    "\n",
    "\n\n",
    "  ",
    "  x\n y\n",
    "x\n",
    "  # x\n  y\n",
    "  x",
]
_CONTEXTS = [
    "a: {header}\n{body}",
    "a: {header}\n{body}b: 1\n",
    "- {header}\n{body}- z\n",
    "- k: {header}\n{indented}  j: 1\n",
    "k:\n- {header}\n{body}z: 1\n",
    "{header}\n{body}",
    "a:\n  b: {header}\n{indented}  c: 2\n",
]


@pytest.mark.parametrize(
    "header", ["|", "|-", "|+", ">", ">-", ">+", "| # c", ">+  # c"], ids=lambda h: repr(h)
)
def test_block_scalars_match_the_reference(header: str) -> None:
    accepted = 0
    for body, context in itertools.product(_BODIES, _CONTEXTS):
        indented = "".join("  " + line if line.strip() else line for line in body.splitlines(True))
        text = context.format(header=header, body=body, indented=indented)
        accepted += fast_agrees(text)
    assert accepted > len(_BODIES) * len(_CONTEXTS) // 2


# ---------------------------------------------------------------------------
# Plain scalars: typed exactly as PyYAML's resolver types them

_PLAIN_SAMPLES = [
    "yes",
    "Yes",
    "YES",
    "yEs",
    "no",
    "No",
    "NO",
    "on",
    "On",
    "ON",
    "off",
    "Off",
    "OFF",
    "true",
    "True",
    "TRUE",
    "false",
    "False",
    "FALSE",
    "y",
    "Y",
    "n",
    "N",
    "~",
    "null",
    "Null",
    "NULL",
    "nULL",
    "<<",
    "0",
    "00",
    "007",
    "08",
    "0o7",
    "0x0",
    "0xFf",
    "0b1",
    "0b12",
    "-0",
    "+0",
    "1_0",
    "_1",
    "1__2",
    "1:2",
    "1:60",
    "1:2:3",
    "-1:20",
    "+1:2",
    ".inf",
    ".Inf",
    ".INF",
    "-.inf",
    "+.inf",
    ".nan",
    ".NaN",
    ".NAN",
    ".nAn",
    "1.",
    "1.e5",
    "1.0e+5",
    "1.0e5",
    "1e+5",
    "-.5",
    "+.5",
    "1_0.5",
    "0.1_2",
    "1:2.5",
    "6.8e-3",
    "1.2.3",
    ".5.",
    ".",
    "-",
    "+",
    "--",
    "++",
    "0x",
    "0b",
    "0o",
    "1e",
    "1.0e",
    "2001-12-14",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14T21:59:43Z",
    "2001-12-14 21:59:43",
    "2001-12-14 21:59:43.10 -5",
    "2001-12-14 21:59:43.1234567",
    "2001-13-14",
    "2001-02-30",
    "2001-1-1",
    "2001-01-01x",
    "money > 120",
    "text",
    "nothing",
    "onwards",
    "yesterday",
    "1st",
    "=",
    "==",
]


def test_resolver_shortcut_matches_pyyaml() -> None:
    resolver = yaml.resolver.Resolver()
    extra = [f"{a}{b}" for a in "yntfo0-+.~<=1" for b in ("", "es", "ull", "rue", "1", ".5", "x")]
    for text in _PLAIN_SAMPLES + extra:
        expected = resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        assert yamlfast._resolve_plain(text) == expected, text


# Documents the fast reader leaves to the reference: a merge key, the value key '=',
# a lone '-' where it would be an indicator, dates that do not exist (problems there),
# and ':' inside a flow collection (libyaml's rules for it are subtle).
_DEFERRED_PLAIN = {
    *(
        f"{form}\n"
        for text in ("<<", "=", "2001-13-14", "2001-02-30")
        for form in (f"v: {text}", f"{text}: v", f"- {text}", f"v: [{text}]")
    ),
    "v: -\n",
    "-: v\n",
    "v: [-]\n",
    *(
        f"v: [{text}]\n"
        for text in (
            "1:2",
            "1:60",
            "1:2:3",
            "-1:20",
            "+1:2",
            "1:2.5",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14T21:59:43Z",
            "2001-12-14 21:59:43",
            "2001-12-14 21:59:43.10 -5",
            "2001-12-14 21:59:43.1234567",
        )
    ),
}


@pytest.mark.parametrize("text", _PLAIN_SAMPLES)
def test_plain_scalars_are_typed_like_the_reference(text: str) -> None:
    for document in (f"v: {text}\n", f"{text}: v\n", f"- {text}\n", f"v: [{text}]\n"):
        expected = document not in _DEFERRED_PLAIN
        assert fast_agrees(document) == expected, document
        assert fast_agrees(document) == expected  # once more, from the cache


def test_every_short_plain_scalar_matches_the_reference() -> None:
    alphabet = "aynNoT0159._:-+ex~"
    accepted = 0
    for length in (1, 2, 3):
        for chars in itertools.product(alphabet, repeat=length):
            accepted += fast_agrees("v: " + "".join(chars) + "\n")
    assert accepted > 3000


# ---------------------------------------------------------------------------
# Input outside the subset: the fast reader defers

OUTSIDE_THE_SUBSET = {
    "anchor": "a: &x 1\nb: 2\n",
    "alias": "a: &x 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "local tag": "a: !thing 1\n",
    "complex key": "? a\n: b\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "document end": "a: 1\n...\n",
    "document start with content": "--- a\n",
    "tab indentation": "a:\n\tb: 1\n",
    "tab in value": "a: x\ty\n",
    "duplicate key": "a: 1\na: 2\n",
    "duplicate key by type": "1: a\ntrue: b\n",
    "duplicate in flow": "a: {x: 1, x: 2}\n",
    "flow key": "[a, b]: c\n",
    "mapping key": "{a: b}: c\n",
    "quoted key with colon": "'a: b': c\n",
    "multi-line plain": "a: one\n  two\n",
    "multi-line plain in sequence": "- one\n  two\n",
    "multi-line quoted": "a: 'one\n  two'\n",
    "multi-line double quoted": 'a: "one\\\n  two"\n',
    "multi-line flow": "a: [x,\n  y]\n",
    "nested flow": "a: [x, [y]]\n",
    "flow trailing comma": "a: [x, y,]\n",
    "flow colon in plain": "a: [x:y]\n",
    "flow single pair": "a: [x: y]\n",
    "explicit indentation indicator": "a: |2\n   x\n",
    "merge key": "a: {x: 1}\n<<: {y: 2}\n",
    "value key": "=: 1\n",
    "mapping value in value": "a: b: c\n",
    "value ending in colon": "a: b:\n",
    "bad indentation": "a:\n    b: 1\n  c: 2\n",
    "more indented after value": "a: 1\n  b: 2\n",
    "sequence in mapping column": "a: 1\n- b\n",
    "key in sequence column": "- a\nb: 1\n",
    "unclosed quote": "a: 'never closed\n",
    "junk after quote": "a: 'x' y\n",
    "junk after flow": "a: [x] y\n",
    "bad escape": 'a: "\\q"\n',
    "surrogate escape": 'a: "\\ud800"\n',
    "control character": "a: \x07\n",
    "next line character": "a: x\x85y\n",
    "byte order mark": "\ufeffa: 1\n",
    "lone carriage return": "a: 1\rb: 2\n",
    "huge integer": "a: 1" + "0" * 5000 + "\n",
    "bad date": "a: 2006-13-45\n",
    "long key": "k" * 1030 + ": v\n",
    "deep nesting": "".join("  " * depth + f"k{depth}:\n" for depth in range(100))
    + "  " * 100
    + "v\n",
    "question mark plain": "a: ?x\n",
    "reserved indicator": "a: @x\n",
    "sequence entry as value": "a: - b\n",
    "hash right after quote": "a: 'x'#c\n",
    "block header junk": "a: | x\n  y\n",
}


@pytest.mark.parametrize("name", list(OUTSIDE_THE_SUBSET))
def test_input_outside_the_subset_is_left_to_the_reference(name: str) -> None:
    with pytest.raises(yamlfast.NotSimple):
        yamlfast._compose(OUTSIDE_THE_SUBSET[name])
    with pytest.raises(yamlfast.NotSimple):
        yamlfast.compose(OUTSIDE_THE_SUBSET[name])


MALFORMED = [
    "a:\n\tb: 1\n",
    "a:\n  b: 1\n   c: 2\n",
    "a:\n    b: 1\n  c: 2\n",
    "a: 'unclosed\nb: 1\n",
    'a: "unclosed\n',
    "a: 1\na: 2\n",
    "scenes:\n  x: 1\n  x: 2\n",
    "a: &x [1]\nb: *x\n",
    "a: *nowhere\n",
    "a: b: c\n",
    "- a\nb: 1\n",
    "a: [x, y\n",
    "a: {x: 1\n",
    "a: !!python/object:os.system x\n",
    "<<: {a: 1}\n",
    "a: 2006-13-45\n",
    "a: |0\n  x\n",
    "\x00",
    "a: \x07\n",
    "k" * 1030 + ": v\n",
    "a: 1\n---\nb: 2\n",
    "? [a]\n: b\n",
    "[a]: b\n",
]


@pytest.mark.parametrize("text", MALFORMED)
def test_read_yaml_gives_the_reference_diagnostics(text: str) -> None:
    tree, diagnostics = read_yaml(text, "bad.yaml")
    expected_tree, expected_diagnostics = read_yaml_reference(text, "bad.yaml")
    assert canonical(tree) == canonical(expected_tree)
    assert diagnostics == expected_diagnostics
    assert diagnostics, "these inputs are all malformed for a story file"


def test_read_yaml_uses_the_fast_tree_for_simple_input() -> None:
    text = SNIPPETS["sequence of mappings"]
    tree, diagnostics = read_yaml(text, "ok.yaml")
    assert diagnostics == []
    assert canonical(tree) == canonical(read_yaml_reference(text, "ok.yaml")[0])


_TOO_DEEP = [
    "a: " + "[" * 70 + "]" * 70 + "\n",
    "a: " + "{a: " * 70 + "\n",
    "- " * 70 + "x\n",
    "".join(" " * i + f"k{i}:\n" for i in range(70)),
    "a: " + "[" * 200_000 + "\n",  # libyaml's own limit, reported as E004 too
    "- " * 100_000 + "x\n",
]


@pytest.mark.parametrize("text", _TOO_DEEP, ids=range(len(_TOO_DEEP)))
def test_real_nesting_past_the_limit_is_e004_from_both_readers(text: str) -> None:
    with pytest.raises(yamlfast.NotSimple):
        yamlfast._compose(text)
    tree, diagnostics = read_yaml(text, "deep.yaml")
    assert tree is None
    assert [d.code for d in diagnostics] == ["E004"]
    assert diagnostics == read_yaml_reference(text, "deep.yaml")[1]


# Brackets, dashes and colons that are text, not structure: no nesting at all.
_DEEP_LOOKING_TEXT = [
    "a: '" + "[" * 70 + "'\n",
    'a: "' + "{" * 2000 + '"\n',
    "a: |\n  " + "{" * 65 + "\n",
    "# " + "[" * 65 + "\na: 1\n",
    "a: x" + "[{" * 40 + "\n",
    "a:\n" + " " * 1000 + "b: 1\n",
    "a: |\n  " + ":" * 1000 + "\n",
    "a: |\n " + "-" * 999 + "\n",
    "a: >\n  " + "- " * 1000 + "\n",
    "a:\r\n" + " " * 1000 + "b: 1\r\n",
]


@pytest.mark.parametrize("text", _DEEP_LOOKING_TEXT, ids=range(len(_DEEP_LOOKING_TEXT)))
def test_brackets_and_dashes_in_text_are_not_nesting(text: str) -> None:
    reference, diagnostics = read_yaml_reference(text, "text.yaml")
    assert diagnostics == []
    assert canonical(read_yaml(text, "text.yaml")[0]) == canonical(reference)
    assert reference == yaml.load(text, Loader=yaml.CSafeLoader)


def test_brackets_in_text_never_make_the_fast_reader_defer() -> None:
    rng = random.Random(3)
    accepted = 0
    for _ in range(400):
        brackets = "".join(rng.choice("[[[{]}] x") for _ in range(rng.randint(60, 200)))
        for text in (f"a: |\n  {brackets}\n", f"# {brackets}\na: 1\n"):
            assert fast_agrees(text), text
            accepted += 1
        plain = f"a: b{brackets}\n"
        if not fast_agrees(plain):  # a plain scalar with ": " or " #" in it is deferred
            assert ": " in plain[3:] or " #" in plain or read_yaml_reference(plain, "p.yaml")[1]
    assert accepted == 800
    assert_fast("a: |\n  " + "[" * 300 + "\n")
    assert_fast("a: |\n " + " " * 998 + "x\n")


def test_the_reference_reader_forgets_the_nodes_it_constructed() -> None:
    read_yaml_reference(SNIPPETS["plain floats"], "doc.yaml")
    assert not yamlread._constructor.constructed_objects
    read_yaml_reference("a: 2006-13-45\n", "doc.yaml")
    assert not yamlread._constructor.recursive_objects


def test_garbage_collection_setting_is_restored() -> None:
    assert gc.isenabled()
    yamlfast.compose("a: 1\n")
    assert gc.isenabled()
    with pytest.raises(yamlfast.NotSimple):
        yamlfast.compose("a: &x 1\n")
    assert gc.isenabled()
    gc.disable()
    try:
        yamlfast.compose("a: 1\n")
        assert not gc.isenabled()
    finally:
        gc.enable()


# ---------------------------------------------------------------------------
# Random documents (seeded, so a failure names its seed)

_CLEAN_PLAIN = [
    "a",
    "Go to the station",
    "money > 120",
    "yes",
    "No",
    "~",
    "null",
    "0x1F",
    "017",
    "1_000",
    "1:20",
    "1.5e+3",
    ".inf",
    "-7",
    "2006-11-20",
    "a:b",
    "C# and F#",
    "http://x.y/z",
    "-x",
    "归途列车",
    "it's",
    'say "hi"',
    'money -= 10 "x" [tickets]',
    "😀",
    "1.2.3",
]
_ODD_PLAIN = [
    "a #b",
    "x:",
    "- x",
    "?x",
    ":x",
    "&a",
    "*a",
    "!t",
    "%x",
    "@x",
    "|",
    ">",
    "[a]",
    "{a: b}",
    ", x",
    "a: b",
    "<<",
    "=",
    "2006-13-45",
    "...",
    "---",
    "#x",
    "",
]
_KEYS = ["a", "b", "text", "goto", "if", "1", "false", "2006-01-01", "key with space", "é", "-k"]
_ODD_KEYS = ['"q"', "'it''s'", '"a: b"', "a:b", "? x", "&a", "<<", "=", "k#", "~", "1.0"]


class _DocumentMaker:
    """Writes random YAML documents, mostly in the subset, sometimes just outside it."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.oddness = rng.choice([0.0, 0.0, 0.02, 0.05, 0.15])

    def odd(self) -> bool:
        return self.rng.random() < self.oddness

    def scalar(self) -> str:
        rng = self.rng
        kind = rng.random()
        if self.odd():
            return rng.choice([*_ODD_PLAIN, '"\\q"', "'a", '"\\ud800"', "a\x07"])
        if kind < 0.7:
            return rng.choice(_CLEAN_PLAIN)
        if kind < 0.85:
            return '"' + rng.choice(["a", "b c", "x: y", "é\\n", '\\"q\\"', "#1", "[t]", ""]) + '"'
        return "'" + rng.choice(["a", "b c", "x: y", "it''s", '"q"', "#1", "[t]", ""]) + "'"

    def flow(self) -> str:
        rng = self.rng
        separator = rng.choice([", ", ",", " , "]) if self.odd() else ", "
        if rng.random() < 0.5:
            items = [self.scalar() for _ in range(rng.randint(0, 4))]
            return "[" + separator.join(items) + ("," if self.odd() else "") + "]"
        keys = rng.sample(_KEYS, rng.randint(0, 4))
        return "{" + separator.join(f"{key}: {self.scalar()}" for key in keys) + "}"

    def block_scalar(self, indent: int) -> tuple[str, list[str]]:
        rng = self.rng
        header = rng.choice("|>") + rng.choice(["", "-", "+"])
        if self.odd():
            header += rng.choice(["2", " x", "#c"])
        base = indent + (rng.choice([0, 1, 2, 3]) if self.odd() else rng.choice([1, 2]))
        lines = []
        for _ in range(rng.randint(0, 5)):
            shape = rng.random()
            if shape < 0.2:
                lines.append(" " * rng.randint(0, base + 2))
            elif shape < 0.35:
                lines.append(" " * (base + rng.randint(1, 3)) + "more indented")
            else:
                lines.append(" " * base + rng.choice(["one line", "two # words", "x: y", "- z"]))
        return " " + header, lines

    def value(self, indent: int, depth: int, in_mapping: bool) -> tuple[str, list[str]]:
        rng = self.rng
        shape = rng.random() * (0.7 if depth > 4 else 1.0)
        if shape < 0.35:
            comment = rng.choice(["", "", " # c", "  "]) if not self.odd() else "#c"
            return " " + self.scalar() + comment, []
        if shape < 0.45:
            return " " + self.flow(), []
        if shape < 0.55:
            return self.block_scalar(indent)
        if shape < 0.6:
            return rng.choice(["", " ", " # c"]), []
        if shape < 0.65:
            return "", [" " * (indent + rng.choice([1, 2])) + self.scalar()]
        kind = rng.choice(["map", "seq"])
        if self.odd():
            step = rng.choice([-1, 0, 1, 3])
        else:
            step = rng.choice([1, 2, 2, 4] + ([0, 0] if kind == "seq" and in_mapping else []))
        return rng.choice(["", " # c"]), self.collection(max(0, indent + step), depth + 1, kind)

    def collection(self, indent: int, depth: int, kind: str) -> list[str]:
        rng = self.rng
        out: list[str] = []
        if kind == "map":
            keys = rng.sample(_KEYS, rng.randint(1, 4))
            for key in keys:
                if rng.random() < 0.15:
                    out.append(rng.choice(["", "  ", "# c", "     # deep comment"]))
                if self.odd():
                    key = rng.choice(_ODD_KEYS + keys)
                inline, more = self.value(indent, depth, in_mapping=True)
                out.append(" " * indent + key + ":" + inline)
                out.extend(more)
            return out
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.35 and depth < 6:
                gap = rng.choice([1, 1, 2, 3])
                column = indent + 1 + gap
                inner = self.collection(column, depth + 1, rng.choice(["map", "map", "seq"]))
                out.append(" " * indent + "-" + " " * gap + inner[0][column:])
                out.extend(inner[1:])
            else:
                inline, more = self.value(indent, depth, in_mapping=False)
                out.append(" " * indent + "-" + inline)
                out.extend(more)
        return out

    def document(self) -> str:
        rng = self.rng
        lines = []
        if rng.random() < 0.1:
            lines.append(rng.choice(["---", "--- # x", "# header"]))
        if rng.random() < 0.05:
            lines.append(self.scalar())
        else:
            lines.extend(self.collection(rng.choice([0, 0, 0, 2]), 0, rng.choice(["map", "seq"])))
        text = "\n".join(lines) + rng.choice(["\n", "", "\n\n", "\n  ", "\n# end"])
        if rng.random() < 0.05:
            text = text.replace("\n", "\r\n")
        return text

    def mutate(self, text: str) -> str:
        rng = self.rng
        chars = list(text)
        for _ in range(rng.randint(1, 3)):
            place = rng.randint(0, len(chars))
            if rng.random() < 0.4 and chars:
                del chars[min(place, len(chars) - 1)]
            else:
                chars.insert(place, rng.choice([" ", "-", ":", "#", "\n", "'", '"', "[", "|", "x"]))
        return "".join(chars)


@pytest.mark.parametrize("block", range(8))
def test_random_documents_match_the_reference(block: int) -> None:
    accepted = 0
    for seed in range(block * 250, (block + 1) * 250):
        maker = _DocumentMaker(random.Random(seed))
        text = maker.document()
        accepted += fast_agrees(text)
        fast_agrees(maker.mutate(text))
    assert accepted > 60  # most clean documents stay in the fast subset


# Hypothesis: random documents written in the subset's styles must be read fast.

_WORDS = [
    "a",
    "b c",
    "Qin",
    "money > 120",
    "归途",
    "😀 x",
    "it's",
    "1",
    "-2",
    "0.5",
    "~",
]
_quotable = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp"))
    | st.sampled_from("\"'#:\\[]{}, "),
    max_size=12,
)


@st.composite
def _scalar_text(draw: st.DrawFn) -> str:
    style = draw(st.sampled_from(["plain", "single", "double"]))
    if style == "plain":
        return draw(st.sampled_from([*_WORDS, "yes", "Off", "2006-11-20", "0x1F"]))
    body = draw(_quotable)
    if style == "single":
        return "'" + body.replace("'", "''") + "'"
    return '"' + body.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def _block(draw: st.DrawFn, indent: int, depth: int, is_map: bool) -> list[str]:
    """Lines of a block collection at ``indent``; the first line holds its first entry."""
    size = draw(st.integers(1, 3))
    keys = draw(st.lists(st.sampled_from(_WORDS), min_size=size, max_size=size, unique=True))
    lines: list[str] = []
    for key in keys:
        lead = " " * indent + (f"{key}:" if is_map else "-")
        choice = draw(st.integers(0, 4 if depth < 4 else 2))
        if choice == 0:
            lines.append(f"{lead} {draw(_scalar_text())}")
        elif choice == 1:
            items = draw(st.lists(_scalar_text(), max_size=3))
            lines.append(f"{lead} [{', '.join(items)}]")
        elif choice == 2:
            header = draw(st.sampled_from(["|", "|-", "|+", ">", ">-", ">+"]))
            body = ["first", *draw(st.lists(st.sampled_from(["one", "", "  two", "x y"])))]
            lines.append(f"{lead} {header}")
            lines.extend((" " * (indent + 2) + line) if line else "" for line in body)
        else:
            inner_is_map = draw(st.booleans())
            lowest_step = 0 if is_map and not inner_is_map else 1
            step = draw(st.integers(lowest_step, 3))
            lines.append(lead)
            lines.extend(draw(_block(indent + step, depth + 1, inner_is_map)))
    return lines


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.booleans().flatmap(lambda is_map: _block(0, 0, is_map)))
def test_hypothesis_documents_are_read_fast_and_match(lines: list[str]) -> None:
    assert_fast("\n".join(lines) + "\n")
