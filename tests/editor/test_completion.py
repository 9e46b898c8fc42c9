"""Completion in a real editor's language server: yaml-language-server (what VS Code's YAML
extension runs), over stdio, against the schema ``schema --story story --mod night_train``
writes.

The server is installed from tests/editor/package.json (``cd tests/editor && npm ci``,
which .ci/run does); without it, or without node, these tests are skipped and say why.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, STORY_DIR, run_main
from tests.editor.lsp import LanguageServer

HERE = Path(__file__).resolve().parent
SERVER = HERE / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
NODE = shutil.which("node")

pytestmark = [
    pytest.mark.slow,  # starts node and the server: about three seconds for the module
    pytest.mark.skipif(
        NODE is None or not SERVER.is_file(),
        reason="yaml-language-server is not installed: run 'cd tests/editor && npm ci'"
        " (needs node)",
    ),
]

# A chapter file a mod writer is in the middle of: each line ending in ": " or "- " is
# where they ask for completion (the cursor at the end of the line; "@" marks the
# trailing space, since the source keeps none).
CHAPTER = """\
{modeline}chapter: 1
scenes:
  nt_dining_car:
    speaker: @
    mood: @
    background: @
    music: @
    text: The dining car smells of star anise.
    effects:
      - @
    choices:
      - text: Sit down with Xiaomei
        if: @
        goto: @
""".replace("@\n", "\n")


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The schema of the shipped story with the example mod, as a writer makes it."""
    out = tmp_path_factory.mktemp("schema") / "night_train.schema.json"
    made = run_main("schema", "--story", str(STORY_DIR), "--mod", "night_train", "-o", str(out))
    assert made.returncode == 0, made.stderr
    return out


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workspace")


@pytest.fixture(scope="module")
def server(workspace: Path, schema_file: Path) -> Iterator[LanguageServer]:
    # The VS Code way: "yaml.schemas" in settings.json maps the schema to files by glob.
    settings = {
        "yaml": {
            "validate": True,
            "completion": True,
            "hover": True,
            "schemas": {schema_file.as_uri(): ["mapped/*.yaml"]},
        }
    }
    assert NODE is not None
    running = LanguageServer([NODE, str(SERVER), "--stdio"], workspace, settings)
    try:
        yield running
    finally:
        running.close()


def offered_at(
    server: LanguageServer, path: Path, text: str, line_text: str
) -> list[dict[str, Any]]:
    """The completion items at the end of the first line equal to ``line_text``."""
    uri = server.open(path, text)
    lines = text.split("\n")
    number = lines.index(line_text)
    return server.complete(uri, number, len(line_text))


def labels(items: list[dict[str, Any]]) -> list[str]:
    return [str(item["label"]) for item in items]


def documentation(items: list[dict[str, Any]], label: str) -> str:
    found = next(item for item in items if item["label"] == label)
    doc = found.get("documentation", "")
    return str(doc["value"] if isinstance(doc, dict) else doc)


def with_modeline(schema: Path) -> str:
    return CHAPTER.format(modeline=f"# yaml-language-server: $schema={schema.as_uri()}\n")


def test_goto_offers_the_story_and_mod_scene_ids_with_their_first_words(
    server: LanguageServer, schema_file: Path, workspace: Path
) -> None:
    items = offered_at(
        server, workspace / "modeline.yaml", with_modeline(schema_file), "        goto: "
    )
    offered = labels(items)
    assert {"ch1_train", "ch1_train_night", "ch1_machines", "ep_end_stranger"} <= set(offered)
    assert "nt_xiaomei" in offered  # the mod's own scene
    assert len(offered) > 150
    assert "Two hundred sewing machines" in documentation(items, "ch1_machines")
    assert "chapter 1" in documentation(items, "ch1_machines")


def test_speaker_mood_background_and_music_are_offered(
    server: LanguageServer, schema_file: Path, workspace: Path
) -> None:
    path, text = workspace / "modeline2.yaml", with_modeline(schema_file)
    speakers = offered_at(server, path, text, "    speaker: ")
    assert {"qin", "nainai", "xiaomei"} <= set(labels(speakers))
    assert "Xiaomei" in documentation(speakers, "xiaomei")
    assert labels(offered_at(server, path, text, "    mood: ")) == [
        "neutral",
        "happy",
        "sad",
        "angry",
    ]
    assert "train_carriage" in labels(offered_at(server, path, text, "    background: "))
    assert "village" in labels(offered_at(server, path, text, "    music: "))


def test_effects_and_conditions_offer_a_snippet_per_variable(
    server: LanguageServer, schema_file: Path, workspace: Path
) -> None:
    path, text = workspace / "modeline3.yaml", with_modeline(schema_file)
    effects = offered_at(server, path, text, "      - ")
    by_label = {item["label"]: item for item in effects}
    assert "qin (Qin)" in by_label and "nt_met_xiaomei" in by_label
    assert by_label["qin (Qin)"]["insertText"].startswith("qin += ")
    assert by_label["nt_met_xiaomei"]["insertText"].startswith("nt_met_xiaomei = ")
    assert '"${2:what it paid for}" [${3|' in by_label["money (Cash)"]["insertText"]
    conditions = offered_at(server, path, text, "        if: ")
    inserted = {item["label"]: item["insertText"] for item in conditions}
    assert inserted["money (Cash)"].startswith("money >= ")
    assert inserted["qin_left_school"] == "qin_left_school"


STORY_FRAME = """\
{modeline}format: 1
id: night-train-test
title: Night train
version: 1
start: ch1_train
chapters: [train.yaml]
starts:
  xiaomei:
    chapter: 1
    scene: nt_xiaomei
    summary: On the train home, January 2007.
    values:
      qin: 3
      @
""".replace("@\n", "\n")


def test_a_start_s_values_complete_the_variables_not_yet_set(
    server: LanguageServer, schema_file: Path, workspace: Path
) -> None:
    text = STORY_FRAME.format(modeline=f"# yaml-language-server: $schema={schema_file.as_uri()}\n")
    items = offered_at(server, workspace / "story.yaml", text, "      ")
    offered = labels(items)
    assert {"money", "qin_left_school", "nt_met_xiaomei"} <= set(offered)
    assert "qin" not in offered  # set already on the line above
    assert documentation(items, "money") == "**Cash**: money, starts at 650"


def test_hovering_a_scene_id_shows_that_scene_alone(
    server: LanguageServer, schema_file: Path, workspace: Path
) -> None:
    text = STORY_FRAME.format(modeline=f"# yaml-language-server: $schema={schema_file.as_uri()}\n")
    uri = server.open(workspace / "hover.yaml", text)
    line = text.split("\n").index("    scene: nt_xiaomei")
    hover = server.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": line, "character": 14}},
    )
    shown = hover["contents"]["value"]
    assert "She takes the orange with both hands" in shown
    assert "Two hundred sewing machines" not in shown  # not a list of every scene


def test_settings_json_yaml_schemas_mapping_works_too(
    server: LanguageServer, workspace: Path
) -> None:
    """No modeline: the file is under the glob that "yaml.schemas" maps to the schema."""
    (workspace / "mapped").mkdir(exist_ok=True)
    items = offered_at(
        server, workspace / "mapped" / "train.yaml", CHAPTER.format(modeline=""), "        goto: "
    )
    assert {"ch1_train_night", "nt_xiaomei"} <= set(labels(items))


def test_a_modeline_with_a_path_beside_the_file_works(
    server: LanguageServer, schema_file: Path, workspace: Path
) -> None:
    """MODDING.md's worked example: the schema in the mod's folder, named relatively."""
    mod = workspace / "mods" / "night_train"
    mod.mkdir(parents=True, exist_ok=True)
    shutil.copy(schema_file, mod / "names.schema.json")
    text = CHAPTER.format(modeline="# yaml-language-server: $schema=names.schema.json\n")
    items = offered_at(server, mod / "train.yaml", text, "    speaker: ")
    assert {"qin", "xiaomei"} <= set(labels(items))


def test_the_editor_marks_a_wrong_field_but_not_a_new_scene(
    server: LanguageServer, schema_file: Path, workspace: Path
) -> None:
    """The names are offered, not imposed: a scene added since the schema was made is no
    error in the editor (lint checks it exists), while a misspelt field still is."""
    text = with_modeline(schema_file).replace("        goto: \n", "        goto: nt_brand_new\n")
    text = text.replace("    music: \n", "    musik: train\n").replace("    mood: \n", "")
    text = text.replace("    speaker: \n", "    speaker: xiaomei\n").replace(
        "    background: \n", "    background: train_carriage\n"
    )
    text = text.replace("      - \n", "      - nt_met_xiaomei = true\n").replace(
        "        if: \n", "        if: qin >= 3\n"
    )
    uri = server.open(workspace / "checked.yaml", text)
    found = server.diagnostics(uri)
    messages = [d["message"] for d in found]
    lines = text.split("\n")
    assert any("musik" in m for m in messages), messages
    assert {lines[d["range"]["start"]["line"]].strip() for d in found} == {"musik: train"}


def test_a_malformed_name_is_told_what_a_name_is_not_every_name(
    server: LanguageServer, schema_file: Path, workspace: Path
) -> None:
    text = with_modeline(schema_file).replace("        goto: \n", "        goto: Dining-Car\n")
    uri = server.open(workspace / "malformed.yaml", text)
    messages = [d["message"] for d in server.diagnostics(uri)]
    assert "A scene id is lower case letters, digits and _." in messages, messages
    assert not any("ch1_machines" in m for m in messages), messages


def test_the_schema_it_reads_is_the_one_the_command_writes(schema_file: Path) -> None:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert "night_train" in schema["description"]
    assert (ROOT / "tests" / "editor" / "package-lock.json").is_file()
