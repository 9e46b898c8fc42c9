"""``schema --story DIR [--mod DIR]``: the schema of one story, with its names offered."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from game.engine import Story, load_story
from game.engine.yamlread import read_yaml
from game.tools.schema import story_schema
from game.tools.schema_story import (
    asset_names,
    first_words,
    run_schema,
    schema_for_story,
)
from tests.conftest import ROOT, STORY_DIR, TEST_STORIES, run_main

VILLAGE = TEST_STORIES / "village_day"
MOD = ROOT / "mods" / "night_train"


def load(folder: Path, mods: tuple[Path, ...] = ()) -> Story:
    story, diagnostics = load_story(str(folder), [str(mod) for mod in mods])
    assert story is not None, [str(d) for d in diagnostics]
    return story


@pytest.fixture(scope="module")
def shipped() -> Story:
    return load(STORY_DIR, (MOD,))


@pytest.fixture(scope="module")
def shipped_schema(shipped: Story) -> dict[str, Any]:
    return schema_for_story(shipped, mods=[str(MOD)])


def offered(schema: dict[str, Any], slot: str) -> dict[str, str]:
    """The names the schema offers for ``slot``, in order, each with its description."""
    choices = schema["$defs"][slot]["anyOf"]
    return {choice["const"]: choice["description"] for choice in choices if "const" in choice}


def markdown(schema: dict[str, Any], slot: str) -> dict[str, str]:
    choices = schema["$defs"][slot]["anyOf"]
    return {c["const"]: c["markdownDescription"] for c in choices if "const" in c}


def problems(schema: dict[str, Any], text: str) -> list[str]:
    tree, yaml_problems = read_yaml(text, "file.yaml")
    assert yaml_problems == []
    validator = jsonschema.Draft202012Validator(schema)
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(tree)
    ]


def test_it_is_a_valid_schema_and_every_shipped_file_passes_it(
    shipped_schema: dict[str, Any],
) -> None:
    jsonschema.Draft202012Validator.check_schema(shipped_schema)
    files = [*STORY_DIR.glob("*.yaml"), *MOD.glob("*.yaml")]
    assert len(files) >= 7
    for path in files:
        assert problems(shipped_schema, path.read_text(encoding="utf-8")) == [], path


def test_scene_ids_are_offered_with_chapter_file_and_first_words(
    shipped: Story, shipped_schema: dict[str, Any]
) -> None:
    described = offered(shipped_schema, "scene_id")
    assert list(described) == list(shipped.scenes)
    assert "nt_xiaomei" in described  # the mod's scene
    assert described["ch1_machines"].startswith("chapter 1, chapter1.yaml:")
    assert "Two hundred sewing machines, all making one noise." in described["ch1_machines"]
    assert described["nt_xiaomei"].startswith("chapter 1, night_train/train.yaml:")
    assert described["nt_xiaomei"].split(". ", 1)[1].startswith("Xiaomei: She takes the orange")
    ending = next(scene for scene in shipped.scenes.values() if scene.ending is not None)
    assert f"Ending '{ending.ending.title}'" in described[ending.id]  # type: ignore[union-attr]
    assert markdown(shipped_schema, "scene_id")["ch1_machines"].startswith(
        "*chapter 1, chapter1.yaml:"
    )


def test_variables_speakers_moods_and_art_are_offered(shipped_schema: dict[str, Any]) -> None:
    described = offered(shipped_schema, "variable_name")
    assert described["money"] == "Cash: money, starts at 650"
    assert described["qin"].startswith("Qin: int from 0 to 10, starts at ")
    assert described["nt_met_xiaomei"] == "nt_met_xiaomei: true/false, starts false"
    speakers = offered(shipped_schema, "speaker")
    assert {"qin", "nainai", "xiaomei"} <= set(speakers)
    assert speakers["xiaomei"] == "Xiaomei, no portrait"
    assert shipped_schema["$defs"]["mood"]["enum"] == ["neutral", "happy", "sad", "angry"]
    assert len(shipped_schema["$defs"]["mood"]["enumDescriptions"]) == 4
    described = offered(shipped_schema, "background")
    assert described["train_carriage"].startswith("assets/backgrounds/train_carriage.svg; used by")
    assert "village" in offered(shipped_schema, "music")
    assert "qin_angry" in offered(shipped_schema, "portrait")


def test_names_are_offered_not_imposed(shipped_schema: dict[str, Any]) -> None:
    """A scene added since the schema was made is no error (lint says if it exists); a
    malformed id, a mood the game lacks or a misspelt field still is."""
    chapter = (
        "chapter: 1\nscenes:\n  new_scene:\n    speaker: new_friend\n    mood: {mood}\n"
        "    background: new_picture\n    text: Hi.\n    choices:\n"
        "      - text: Go\n        goto: {target}\n"
    )
    assert problems(shipped_schema, chapter.format(mood="sad", target="added_later")) == []
    assert problems(shipped_schema, chapter.format(mood="sad", target="Added-Later"))
    assert problems(shipped_schema, chapter.format(mood="sleepy", target="ch1_train"))


def test_start_values_are_checked_against_each_variable(shipped_schema: dict[str, Any]) -> None:
    values = shipped_schema["$defs"]["start"]["properties"]["values"]
    assert values["properties"]["qin_left_school"]["type"] == "boolean"
    assert values["properties"]["qin"] == {
        "type": "integer",
        "minimum": 0,
        "maximum": 10,
        "description": values["properties"]["qin"]["description"],
        "markdownDescription": values["properties"]["qin"]["markdownDescription"],
    }
    story = (VILLAGE / "story.yaml").read_text(encoding="utf-8")
    village_schema = schema_for_story(load(VILLAGE))
    start = (
        "starts:\n  s:\n    chapter: 1\n    scene: morning\n    summary: Morning.\n"
        "    values: {{{values}}}\n"
    )
    assert problems(village_schema, story + start.format(values="qin: 7, lucky: true")) == []
    wrong = problems(village_schema, story + start.format(values="qin: 11, lucky: 1"))
    assert any("starts/s/values/qin" in p for p in wrong), wrong
    assert any("starts/s/values/lucky" in p for p in wrong), wrong


def test_effects_and_conditions_carry_a_snippet_per_variable(shipped: Story) -> None:
    schema = schema_for_story(shipped)
    effects = {s["label"]: s["bodyText"] for s in schema["$defs"]["effect"]["defaultSnippets"]}
    assert len(effects) == len(shipped.variables)
    assert effects["qin (Qin)"] == "qin += ${1:1}"
    assert effects["money (Cash)"].startswith('money -= ${1:100} "${2:what it paid for}" [${3|')
    assert "tickets" in effects["money (Cash)"]
    conditions = schema["$defs"]["condition"]["defaultSnippets"]
    visited = next(s for s in conditions if s["label"] == "visited(scene)")
    assert visited["bodyText"].startswith('visited("${1|ch1_machines,')


def test_first_words_show_placeholders_and_stop_after_fourteen() -> None:
    village = load(VILLAGE)
    assert first_words(village.scenes["morning"]) == (
        '"You are up before the rooster," Nainai says. She does not look up from …'
    )
    words = first_words(village.scenes["morning"], 40)
    assert "{money}" in words and "{savings}" in words


def test_a_story_s_own_art_is_offered_and_a_link_out_of_its_folder_is_not(
    tmp_path: Path,
) -> None:
    story_dir = tmp_path / "story"
    shutil.copytree(VILLAGE, story_dir, ignore=shutil.ignore_patterns("transcripts"))
    own = story_dir / "assets" / "backgrounds"
    own.mkdir(parents=True)
    (own / "hill_top.svg").write_text("<svg/>", encoding="utf-8")
    (own / "notes.txt").write_text("not art", encoding="utf-8")
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg/>", encoding="utf-8")
    os.symlink(secret, own / "escape.svg")
    named = {name: plain for name, _md, plain in asset_names(load(story_dir), "background")}
    assert named["hill_top"] == "story/assets/backgrounds/hill_top.svg"
    assert named["village_house"].startswith("assets/backgrounds/village_house.svg; used by")
    assert "notes" not in named and "escape" not in named
    assert named["village_house"].endswith("; used by 1 scene")


def test_without_a_story_the_command_prints_the_generic_schema() -> None:
    printed = run_main("schema")
    assert printed.returncode == 0 and json.loads(printed.stdout) == story_schema()
    shipped = json.loads((ROOT / "story.schema.json").read_text(encoding="utf-8"))
    assert shipped == story_schema()
    assert "enum" not in json.dumps(shipped["$defs"]["scene_id"])


def test_the_command_writes_a_story_schema_and_reports_what_stops_it(tmp_path: Path) -> None:
    out = tmp_path / "village.schema.json"
    done = run_main("schema", "--story", str(VILLAGE), "--file", "chapter", "-o", str(out))
    assert done.returncode == 0, done.stderr
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["$ref"] == "#/$defs/chapter_file"
    assert next(iter(offered(written, "scene_id"))) == "morning"
    assert "village-day" in written["description"]
    broken = tmp_path / "broken"
    shutil.copytree(VILLAGE, broken)
    (broken / "day.yaml").write_text("chapter: [\n", encoding="utf-8")
    failed = run_main("schema", "--story", str(broken), "-o", str(tmp_path / "x.json"))
    assert failed.returncode == 1 and "E001" in failed.stderr and "lint" in failed.stderr
    assert not (tmp_path / "x.json").exists()
    nowhere = run_main("schema", "--story", str(VILLAGE), "-o", str(tmp_path / "no" / "x.json"))
    assert nowhere.returncode == 1
    assert "schema: cannot write" in nowhere.stderr and "Traceback" not in nowhere.stderr


def test_run_schema_prints_to_a_stream(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_schema("mod", None, str(VILLAGE)) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["$ref"] == "#/$defs/mod_file"
    assert list(offered(printed, "speaker")) == ["nainai", "qin"]
