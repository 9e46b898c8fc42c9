"""Any file whatsoever gives diagnostics: never a traceback, a hang or a memory blow-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.loader import load_story

STORY = """\
format: 1
id: t
title: T
version: '1'
start: a
chapters: [c.yaml]
"""

NASTY_CHAPTERS: dict[str, bytes | str] = {
    "empty": "",
    "only a comment": "# nothing here\n",
    "binary": bytes(range(256)) * 64,
    "latin-1": "chapter: 1\ntitle: caf\xe9\n".encode("latin-1"),
    "a list at the top": "- a\n- b\n",
    "a bare string": "just some words\n",
    "a number": "42\n",
    "tab indentation": "chapter: 1\nscenes:\n\ta:\n\t\ttext: hi\n",
    "anchors and aliases": "chapter: 1\nscenes:\n  a: &x\n    ending: {title: A}\n  b: *x\n",
    "alias to a scalar": (
        "chapter: 1\ntitle: &t Hi\nscenes:\n  a:\n    text: *t\n    ending: {title: A}\n"
    ),
    "merge key": "chapter: 1\nbase: &b {title: A}\nscenes:\n  a:\n    <<: *b\n",
    "recursive alias": "chapter: 1\nscenes: &s\n  a: *s\n",
    "billion laughs": "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
    "deep flow nesting": "chapter: 1\nscenes: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "deep block nesting": "chapter: 1\nscenes:\n"
    + "".join("  " * i + f"k{i}:\n" for i in range(1, 400))
    + "  " * 400
    + "v\n",
    "python tag": "chapter: 1\nscenes: !!python/object/apply:os.system ['echo pwned']\n",
    "custom tag": "chapter: !custom 1\nscenes: {}\n",
    "unclosed quote": 'chapter: 1\ntitle: "never closed\nscenes: {}\n',
    "duplicate keys": "chapter: 1\nchapter: 2\nscenes: {}\n",
    "complex key": "? [a, b]\n: c\n",
    "multiple documents": "chapter: 1\n---\nchapter: 2\n",
    "scenes is a list": "chapter: 1\nscenes:\n  - a\n",
    "scene is a number": "chapter: 1\nscenes:\n  a: 3\n",
    "choices of numbers": "chapter: 1\nscenes:\n  a:\n    choices: [1, 2]\n",
    "null everywhere": "chapter: ~\ntitle: ~\nscenes:\n  a: ~\n",
    "huge integer": "chapter: 1" + "0" * 5000 + "\nscenes: {}\n",
    "control characters": "chapter: 1\ntitle: \x07\x1b[31m\nscenes: {}\n",
    "NUL in middle": "chapter: 1\x00\nscenes: {}\n",
    "BOM": "\ufeffchapter: 1\nscenes:\n  a:\n    ending: {title: A}\n",
}


@pytest.mark.parametrize("name", list(NASTY_CHAPTERS))
def test_nasty_chapter_files_give_diagnostics(tmp_path: Path, name: str) -> None:
    (tmp_path / "story.yaml").write_text(STORY, encoding="utf-8")
    content = NASTY_CHAPTERS[name]
    path = tmp_path / "c.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    story, diagnostics = load_story(tmp_path)
    if name == "BOM":
        assert story is not None
        return
    assert story is None
    assert diagnostics, name
    for diagnostic in diagnostics:
        assert diagnostic.line >= 1 and diagnostic.column >= 1
        assert diagnostic.code[0] in "EW" and diagnostic.message
        assert str(diagnostic).startswith(diagnostic.file)


def test_anchors_and_tags_are_refused_with_their_own_codes(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(STORY, encoding="utf-8")
    expectations = {
        "anchors and aliases": "E005",
        "recursive alias": "E005",
        "alias to a scalar": "E005",
        "billion laughs": "E005",
        "python tag": "E006",
        "tab indentation": "E001",
        "binary": "E003",
        "duplicate keys": "E008",
        "deep flow nesting": "E004",
    }
    for name, code in expectations.items():
        content = NASTY_CHAPTERS[name]
        path = tmp_path / "c.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        _, diagnostics = load_story(tmp_path)
        assert code in [d.code for d in diagnostics], (name, [str(d) for d in diagnostics])


def test_a_file_of_many_megabytes_is_refused_quickly(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(STORY, encoding="utf-8")
    with (tmp_path / "c.yaml").open("w") as handle:
        handle.write("chapter: 1\nscenes:\n")
        handle.write(("# " + "x" * 1000 + "\n") * 34_000)
    _, diagnostics = load_story(tmp_path)
    assert [d.code for d in diagnostics] == ["E002"]


def test_a_broken_story_yaml_is_reported_and_nothing_else_crashes(tmp_path: Path) -> None:
    for content in ("", "- 1\n", "format: [\n", "format: 1\nchapters: 7\n"):
        (tmp_path / "story.yaml").write_text(content, encoding="utf-8")
        story, diagnostics = load_story(tmp_path)
        assert story is None and diagnostics
