"""The JSON Schema of story files: valid, drawn from the loader's tables, true to the loader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from game.engine.loader import load_story
from game.engine.yamlread import read_yaml
from game.tools.schema import FIELDS, FILE_KINDS, LOADER_FIELDS, object_schema, story_schema
from tests.conftest import ROOT, STORY_DIR, TEST_STORIES

SHIPPED = sorted(
    [
        *STORY_DIR.glob("*.yaml"),
        *TEST_STORIES.glob("*/*.yaml"),
        *(ROOT / "mods").glob("*/*.yaml"),
    ]
)


def tree_of(text: str, name: str = "file.yaml") -> Any:
    tree, problems = read_yaml(text, name)
    assert problems == [], [str(p) for p in problems]
    return tree


def problems(text: str, kind: str = "all") -> list[str]:
    validator = jsonschema.Draft202012Validator(story_schema(kind))
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(tree_of(text))
    ]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    for kind in FILE_KINDS:
        schema = story_schema(kind)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)


def test_every_field_the_loader_reads_is_described() -> None:
    assert set(FIELDS) == set(LOADER_FIELDS)
    for kind, fields in LOADER_FIELDS.items():
        assert set(FIELDS[kind]) == set(fields), kind
        properties = object_schema(kind)["properties"]
        assert list(properties) == list(fields)
        for name, spec in properties.items():
            assert len(spec["description"]) > 10, f"{kind}.{name}"


@pytest.mark.parametrize("path", SHIPPED, ids=[str(p.relative_to(ROOT)) for p in SHIPPED])
def test_every_shipped_story_file_validates(path: Path) -> None:
    assert problems(path.read_text(encoding="utf-8")) == []


def test_there_are_shipped_files_of_every_kind() -> None:
    names = {path.name for path in SHIPPED}
    assert {"story.yaml", "glossary.yaml", "mod.yaml", "chapter1.yaml"} <= names


def test_each_kind_has_a_schema_of_its_own() -> None:
    story = (TEST_STORIES / "village_day" / "story.yaml").read_text(encoding="utf-8")
    chapter = (TEST_STORIES / "village_day" / "day.yaml").read_text(encoding="utf-8")
    assert problems(story, "story") == []
    assert problems(chapter, "chapter") == []
    assert problems(chapter, "story")  # a chapter file is not a story.yaml
    assert problems("terms: {}\n", "glossary") == []
    assert problems((ROOT / "mods/night_train/mod.yaml").read_text(), "mod") == []


CHAPTER = """\
chapter: 1
scenes:
  a:
    date: 2007-01-28
    text: Hello.
    effects: [qin += 1]
    choices:
      - text: Go
        if: money >= 10
        goto: b
  b:
    ending: {title: End}
"""

BROKEN: dict[str, tuple[str, str, str]] = {
    # name: (text, what the schema says, the loader's code for the same mistake)
    "unknown scene field": (CHAPTER.replace("text: Hello.", "txt: Hello."), "'txt'", "E012"),
    "bad scene id": (
        CHAPTER.replace("  b:", "  Bad-Id:").replace("goto: b", "goto: x"),
        "Bad-Id",
        "E015",
    ),
    "bad date": (CHAPTER.replace("2007-01-28", "28/01/2007"), "date", "E014"),
    "effect without operator": (CHAPTER.replace("qin += 1", "qin plus 1"), "effects", "E040"),
    "effect that compares": (CHAPTER.replace("qin += 1", "qin == 1"), "effects", "E040"),
    "C-style condition": (CHAPTER.replace("money >= 10", "money >= 10 && qin > 1"), "if", "E031"),
    "two ways on": (
        CHAPTER.replace("    ending: {title: End}", "    next: a\n    ending: {title: E}"),
        "b",
        "E023",
    ),
    "no way on": (CHAPTER.replace("    ending: {title: End}", "    text: Stuck."), "b", "E023"),
    "choice leads nowhere": (CHAPTER.replace("        goto: b\n", ""), "choices/0", "E023"),
    "choice without text": (
        CHAPTER.replace("      - text: Go\n        if:", "      - if:"),
        "'text'",
        "E013",
    ),
    "ending without title": (CHAPTER.replace("{title: End}", "{epilogue: Bye}"), "'title'", "E013"),
    "chapter is text": (CHAPTER.replace("chapter: 1", "chapter: one"), "chapter", "E014"),
    "negative weight": (
        CHAPTER.replace(
            "        goto: b\n", "        outcomes:\n          - weight: -1\n            goto: b\n"
        ),
        "weight",
        "E042",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_chapter_files_fail_the_schema_and_the_loader(
    name: str, write_story: Any, tmp_path: Path
) -> None:
    text, where, code = BROKEN[name]
    found = problems(text)
    assert found, "the schema accepted a broken file"
    assert any(where in problem for problem in found), found
    story = (
        "format: 1\nid: t\ntitle: T\nversion: '1'\nstart: a\nchapters: [c.yaml]\n"
        "variables:\n  money: {type: money}\n  qin: {type: int}\n"
    )
    folder = write_story({"story.yaml": story, "c.yaml": text})
    _, diagnostics = load_story(folder)
    assert code in {d.code for d in diagnostics if d.severity == "error"}


STORY = (TEST_STORIES / "village_day" / "story.yaml").read_text(encoding="utf-8")

BROKEN_FRAMES = {
    "wrong format": (STORY.replace("format: 1", "format: 2"), "format"),
    "missing start": (STORY.replace("start: morning\n", ""), "'start'"),
    "chapter outside the folder": (STORY.replace("[day.yaml,", "[../day.yaml,"), "chapters/0"),
    "absolute chapter": (STORY.replace("[day.yaml,", "[/etc/day.yaml,"), "chapters/0"),
    "unknown variable type": (STORY.replace("{type: bool,", "{type: flag,"), "type"),
    "bool with bounds": (
        STORY.replace("{type: bool, initial: false}", "{type: bool, max: 1}"),
        "lucky",
    ),
    "int with a true/false start": (
        STORY.replace("initial: 0, min: 0, max: 3", "initial: true"),
        "tired",
    ),
    "variable named like a keyword": (STORY.replace("  lucky:", "  chance:"), "chance"),
    "character without name": (STORY.replace("qin: {name: Qin}", "qin: {portrait: qin}"), "'name'"),
    "portrait with a path": (
        STORY.replace("portrait: nainai", "portrait: ../x/nainai"),
        "portrait",
    ),
    "glossary not a file name": (
        STORY.replace("glossary: glossary.yaml", "glossary: [a]"),
        "glossary",
    ),
    "mod without a story": (
        (ROOT / "mods/night_train/mod.yaml").read_text().replace("story: last-train-home\n", ""),
        "",
    ),
    "glossary term without definition": ("terms:\n  x: {term: X}\n", "'definition'"),
}


@pytest.mark.parametrize("name", list(BROKEN_FRAMES))
def test_broken_frames_glossaries_and_manifests_fail_the_schema(name: str) -> None:
    text, where = BROKEN_FRAMES[name]
    found = problems(text)
    assert found and any(where in problem for problem in found), found


def test_the_combined_schema_picks_the_kind_by_its_fields() -> None:
    manifest = "id: m\nname: M\nversion: 1\nauthor: A\nstory: s\nfiles: [a.yaml]\n"
    assert problems(manifest) == []
    assert problems(manifest.replace("author: A\n", ""))  # judged as a mod.yaml
    assert problems("chapter: 1\nscenes: {}\n") == []
    assert any("'format'" in p for p in problems("title: Just a title\n"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_the_schema_command_prints_or_writes_it(tmp_path: Path) -> None:
    printed = run("schema")
    assert printed.returncode == 0
    assert json.loads(printed.stdout) == story_schema()
    out = tmp_path / "chapter.schema.json"
    written = run("schema", "--file", "chapter", "-o", str(out))
    assert written.returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["$ref"] == "#/$defs/chapter_file"


def test_the_schema_matches_what_editors_see_in_modding_md() -> None:
    guide = (ROOT / "MODDING.md").read_text(encoding="utf-8")
    assert "yaml.schemas" in guide and "# yaml-language-server: $schema=" in guide
    assert "python main.py schema" in guide


def test_the_shipped_schema_file_is_up_to_date() -> None:
    """story.schema.json in the repo equals what `main.py schema` prints now."""
    import json as _json

    from game.tools.schema import story_schema
    from tests.conftest import ROOT

    shipped = _json.loads((ROOT / "story.schema.json").read_text(encoding="utf-8"))
    assert shipped == story_schema("all"), "run: python main.py schema -o story.schema.json"
