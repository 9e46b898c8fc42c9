"""MODDING.md is the writers' and modders' manual: it must stay true to the game.

Every diagnostic code the game can report is documented (and nothing else), each with
a wrong example and its fix; every field the loader reads is named; and the examples
a reader would copy (the small story, the five-minute mod) load without a problem.
"""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest

from game.engine.checks import reachable_from
from game.engine.loader import load_story
from game.engine.yamlread import read_yaml
from game.tools.schema import LOADER_FIELDS, story_schema
from tests.conftest import ROOT, STORY_DIR

GUIDE = (ROOT / "MODDING.md").read_text(encoding="utf-8")
CODE = re.compile(r'"([EW]\d{3})"')
HEADING = re.compile(r"^#### ([EW]\d{3}): ", re.MULTILINE)
FILE_BLOCK = re.compile(r"^`([\w./-]+)`:\n\n```yaml\n(.*?)```", re.MULTILINE | re.DOTALL)


def emitted_codes() -> set[str]:
    codes: set[str] = set()
    for path in sorted((ROOT / "game").rglob("*.py")):
        codes.update(CODE.findall(path.read_text(encoding="utf-8")))
    return codes


def documented_sections() -> dict[str, str]:
    marks = list(HEADING.finditer(GUIDE))
    sections: dict[str, str] = {}
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(GUIDE)
        assert mark.group(1) not in sections, f"{mark.group(1)} is documented twice"
        sections[mark.group(1)] = GUIDE[mark.start() : end]
    return sections


def test_every_code_the_game_can_report_is_documented_and_no_other() -> None:
    emitted = emitted_codes()
    documented = set(documented_sections())
    assert len(emitted) > 40
    assert sorted(emitted - documented) == [], "codes missing from MODDING.md"
    assert sorted(documented - emitted) == [], "codes in MODDING.md that nothing reports"


@pytest.mark.parametrize("code", sorted(documented_sections()))
def test_each_code_has_a_wrong_example_and_its_fix(code: str) -> None:
    section = documented_sections()[code]
    assert "**Wrong:**" in section and "**Fix:**" in section, code
    assert section.index("**Wrong:**") < section.index("**Fix:**")


def test_every_field_the_game_reads_is_named() -> None:
    for kind, fields in LOADER_FIELDS.items():
        for name in fields:
            assert f"`{name}`" in GUIDE, f"field '{name}' ({kind}) is not in MODDING.md"


def blocks_under(prefix: str) -> dict[str, str]:
    return {name: text for name, text in FILE_BLOCK.findall(GUIDE) if name.startswith(prefix)}


def test_the_complete_small_story_loads_cleanly(tmp_path: Path) -> None:
    files = {name: text for name, text in FILE_BLOCK.findall(GUIDE) if "/" not in name}
    assert set(files) == {"story.yaml", "tickets.yaml"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    story, diagnostics = load_story(tmp_path)
    assert story is not None and [str(d) for d in diagnostics if d.code != "W105"] == []


def test_the_five_minute_mod_works_as_written(tmp_path: Path) -> None:
    files = blocks_under("mods/orange_seller/")
    assert set(files) == {"mods/orange_seller/mod.yaml", "mods/orange_seller/ferry.yaml"}
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    story, diagnostics = load_story(STORY_DIR, [tmp_path / "mods" / "orange_seller"])
    problems = [str(d) for d in diagnostics if d.severity == "error" or "orange" in d.file]
    assert story is not None and problems == []
    assert "os_orange_seller" in reachable_from(story, story.start)
    assert story.scenes["ch1_ferry"].next == "os_orange_seller"
    base, _ = load_story(STORY_DIR)
    assert base is not None and base.scenes["ch1_ferry"].next in {
        c.target for c in story.scenes["os_orange_seller"].choices
    }


def is_whole_file(tree: object) -> bool:
    if not isinstance(tree, dict):
        return False
    keys = set(tree)
    return (
        {"format", "id"} <= keys
        or {"chapter", "scenes"} <= keys
        or "terms" in keys
        or {"story", "files"} <= keys
    )


def test_the_yaml_examples_of_whole_files_fit_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(story_schema())
    manual = GUIDE[: GUIDE.index("## Diagnostic codes")]  # the wrong examples come after
    whole = []
    for text in re.findall(r"```yaml\n(.*?)```", manual, re.DOTALL):
        tree, problems = read_yaml(text, "example.yaml")
        if not problems and is_whole_file(tree):
            whole.append((text, tree))
    assert len(whole) >= 7
    for text, tree in whole:
        errors = [error.message for error in validator.iter_errors(tree)]
        assert errors == [], text[:200]


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def test_every_link_inside_the_guide_leads_to_a_heading() -> None:
    headings = {slug(h) for h in re.findall(r"^#{1,6} (.+)$", GUIDE, re.MULTILINE)}
    links = set(re.findall(r"\]\(#([^)]+)\)", GUIDE))
    assert links and sorted(links - headings) == []
