"""Every command that reads a story takes ``--mod`` (a folder or a shipped mod's name) and
really lays the mod over the story: the example mod's scene, prompt or variable shows up
in what each tool writes.

The example mod (mods/night_train) adds the scene ``nt_xiaomei`` (speaker ``xiaomei``,
a discussion prompt about Xiaomei) and the variable ``nt_met_xiaomei``; it is named here
as a user names it, ``--mod night_train``.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import pytest

from game.cli import STORY_COMMANDS, build_parser
from game.engine import Runner, load_story
from game.records import build_record
from tests.conftest import ROOT, STORY_DIR, run_main

MOD = "night_train"
PROMPT = "Xiaomei left school at fifteen to work."
SCENE_TEXT = "She takes the orange with both hands"


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("command", [*STORY_COMMANDS, "schema"])
def test_every_story_command_takes_a_repeatable_mod_option(command: str) -> None:
    options = {
        option: action
        for action in subcommands()[command]._actions
        for option in action.option_strings
    }
    assert "--mod" in options, f"'{command}' lacks --mod"
    assert isinstance(options["--mod"], argparse._AppendAction)
    assert "shipped mod's name" in str(options["--mod"].help)


def test_lint_counts_the_mod_scene_and_play_announces_the_mod() -> None:
    modded = run_main("lint", "--format", "json", "--stats", "--mod", MOD)
    plain = run_main("lint", "--format", "json", "--stats")
    assert modded.returncode == 0 and plain.returncode == 0, modded.stderr
    with_mod, without = json.loads(modded.stdout), json.loads(plain.stdout)
    assert with_mod["mods"] == [str(ROOT / "mods" / MOD)]  # the name found the folder
    assert with_mod["stats"]["scenes"] == without["stats"]["scenes"] + 1  # nt_xiaomei
    played = run_main("play", "--text", "--seed", "1", "--mod", MOD, stdin="q\n")
    assert "[mod] The Girl from Dongguan 1.1.0" in played.stdout


def test_guide_with_and_without_the_mod() -> None:
    modded = run_main("guide", "--format", "md", "--runs", "5", "--mod", MOD)
    assert modded.returncode == 0, modded.stderr
    assert PROMPT in modded.stdout and "`nt_xiaomei`" in modded.stdout
    plain = run_main("guide", "--format", "md", "--runs", "5")
    assert plain.returncode == 0 and PROMPT not in plain.stdout


def test_graph_build_and_schema_name_the_mod_scene() -> None:
    graph = run_main("graph", "--format", "mermaid", "--chapter", "1", "--mod", MOD)
    assert graph.returncode == 0 and "nt_xiaomei" in graph.stdout
    built = run_main("build", "--mod", MOD)
    assert built.returncode == 0, built.stderr
    compiled = json.loads(built.stdout)
    assert "nt_xiaomei" in {scene["id"] for scene in compiled["scenes"]}
    assert "nt_met_xiaomei" in {variable["id"] for variable in compiled["variables"]}
    schema = run_main("schema", "--mod", MOD)
    assert schema.returncode == 0, schema.stderr
    defs = json.loads(schema.stdout)["$defs"]
    assert "nt_xiaomei" in [c.get("const") for c in defs["scene_id"]["anyOf"]]
    assert "nt_met_xiaomei" in [c.get("const") for c in defs["variable_name"]["anyOf"]]
    assert "xiaomei" in [c.get("const") for c in defs["speaker"]["anyOf"]]


@pytest.mark.slow
def test_randomtest_plays_the_mod() -> None:
    modded = run_main("randomtest", "-n", "200", "--seed", "3", "--json", "--mod", MOD)
    assert modded.returncode == 0, modded.stderr
    summary = json.loads(modded.stdout)
    assert summary["variables_at_endings"]["nt_met_xiaomei"]["max"] == 1  # met on some run
    assert "nt_xiaomei" not in summary["scenes_never_reached"]
    plain = run_main("randomtest", "-n", "5", "--json")
    assert "nt_met_xiaomei" not in json.loads(plain.stdout)["variables_at_endings"]


@pytest.mark.slow
def test_shot_shows_a_mod_scene(tmp_path: Path) -> None:
    log = tmp_path / "speech.txt"
    png = tmp_path / "xiaomei.png"
    args = ["shot", "--screen", "story", "--scene", "nt_xiaomei", "--speech-log", str(log)]
    made = run_main(*args, "--mod", MOD, "-o", str(png))
    assert made.returncode == 0, made.stderr
    assert png.stat().st_size > 10_000
    assert SCENE_TEXT in log.read_text(encoding="utf-8")
    without = run_main(*args, "-o", str(tmp_path / "none.png"))
    assert without.returncode == 1 and "unknown scene 'nt_xiaomei'" in without.stderr


@pytest.mark.slow
def test_lesson_pack_takes_the_mod(tmp_path: Path) -> None:
    made = run_main("lesson", "-o", str(tmp_path / "pack"), "--mod", MOD)
    assert made.returncode == 0, made.stderr
    assert PROMPT in (tmp_path / "pack" / "guide.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_report_reads_records_of_games_played_with_the_mod(tmp_path: Path) -> None:
    story, diagnostics = load_story(str(STORY_DIR), [str(ROOT / "mods" / MOD)])
    assert story is not None, [str(d) for d in diagnostics]
    for seed in range(200):  # a seeded game that takes the mod's new choice on the train
        runner, rng = Runner(story, seed), random.Random(seed)
        start = dict(runner.vars)
        seen: list[str] = []
        while not runner.is_ending:
            ids = runner.available_choice_ids()
            runner.choose("4" if runner.scene_id == "ch1_train" and "4" in ids else rng.choice(ids))
            seen.append(runner.scene_id)
        if "nt_xiaomei" in seen:
            break
    else:
        pytest.fail("no seed reached the mod's scene")
    record = build_record(story, runner, start, classroom=True)
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "game.json").write_text(json.dumps(record), encoding="utf-8")
    modded = run_main("report", str(tmp_path / "records"), "--format", "md", "--mod", MOD)
    assert modded.returncode == 0, modded.stderr
    assert SCENE_TEXT in modded.stdout and PROMPT in modded.stdout
    plain = run_main("report", str(tmp_path / "records"), "--format", "md")
    assert plain.returncode == 0 and PROMPT not in plain.stdout


@pytest.mark.slow
def test_export_web_takes_a_mod_by_name(tmp_path: Path) -> None:
    out = tmp_path / "modded.html"
    made = run_main("export-web", "--mod", MOD, "-o", str(out))
    assert made.returncode == 0, made.stderr
    page = out.read_text(encoding="utf-8")
    assert "nt_xiaomei" in page and "Xiaomei" in page


def test_an_unknown_mod_is_a_clear_error_for_every_tool(tmp_path: Path) -> None:
    for args in (["randomtest", "-n", "1"], ["schema"], ["build"]):
        failed = run_main(*args, "--mod", "no_such_mod")
        assert failed.returncode == 1, args
        assert "E050" in failed.stderr and "Traceback" not in failed.stderr, failed.stderr


def test_the_typical_state_tool_takes_the_mod_too(capsys: pytest.CaptureFixture[str]) -> None:
    from game.tools.typical import main as typical

    assert typical(["-n", "3", "--mod", MOD]) == 0
    assert "# chapter 2" in capsys.readouterr().out
    assert typical(["-n", "3", "--mod", "no_such_mod"]) == 1
    assert "E050" in capsys.readouterr().err
