"""The browser runtime records a save's mods and checks them as the engine does: a page
built with a mod writes them; a page without it refuses such a save, saying which mod."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from game.engine import Runner, compile_story, dumps_compiled, load_story_sources
from tests.conftest import ROOT, STORY_DIR

NODE = shutil.which("node")
EXAMPLE_MOD = ROOT / "mods" / "night_train"

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

SCRIPT = """
import { readFileSync } from "node:fs";
import { Runner, Story } from "%s";
const [storyPath, savePath] = process.argv.slice(1);
const story = new Story(JSON.parse(readFileSync(storyPath, "utf8")));
const out = { fresh: new Runner(story, 7).toJSON() };
try {
  const restored = Runner.fromJSON(story, JSON.parse(readFileSync(savePath, "utf8")), true);
  out.loaded = restored.runner.toJSON();
  out.message = restored.message;
} catch (error) {
  out.error = String(error.message);
}
console.log(JSON.stringify(out));
"""


def browser(tmp_path: Path, mods: list[Path], save: dict[str, Any]) -> dict[str, Any]:
    story, diagnostics, sources = load_story_sources(STORY_DIR, mods)
    assert story is not None, [str(d) for d in diagnostics]
    compiled = tmp_path / f"story{len(mods)}.json"
    compiled.write_text(dumps_compiled(compile_story(story, sources)), encoding="utf-8")
    saved = tmp_path / "save.json"
    saved.write_text(json.dumps(save), encoding="utf-8")
    script = SCRIPT % (ROOT / "web" / "engine.js").as_uri()
    done = subprocess.run(
        [str(NODE), "--input-type=module", "-e", script, str(compiled), str(saved)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_the_browser_writes_and_checks_the_mods_as_the_engine_does(tmp_path: Path) -> None:
    story, _, _ = load_story_sources(STORY_DIR, [EXAMPLE_MOD])
    assert story is not None
    desktop = Runner(story, seed=7).to_json()
    modded = browser(tmp_path, [EXAMPLE_MOD], desktop)
    assert modded["fresh"] == desktop  # the same save, mods included
    assert modded["fresh"]["mods"] == [{"id": "night_train", "version": "1.1.0"}]
    assert modded["loaded"] == desktop and modded["message"] is None

    older = dict(desktop, mods=[{"id": "night_train", "version": "1.0.0"}])
    note = browser(tmp_path, [EXAMPLE_MOD], older)["message"]
    assert "version 1.0.0 of the mod 'night_train'; version 1.1.0 is loaded now" in note

    plain = browser(tmp_path, [], desktop)
    assert "mods" not in plain["fresh"]
    assert plain["error"].startswith(
        "this save was made with the mod 'night_train' 1.1.0, which this page does not have"
    )
    damaged = browser(tmp_path, [], dict(desktop, mods=[{"id": "x", "version": "\x1b[2J"}]))
    assert damaged["error"] == "the save is damaged: its list of mods"
