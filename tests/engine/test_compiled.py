"""The compiled story: deterministic, faithful, and a load cache that is never trusted blindly."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from game.engine.compiled import (
    COMPILED_FORMAT,
    CompiledError,
    LazyScenes,
    cache_path,
    compile_story,
    dumps_compiled,
    load_story_cached,
    story_from_compiled,
)
from game.engine.compiled import _build as build_tree
from game.engine.expr import EvalContext, VarInfo, compile_expression
from game.engine.loader import load_story_sources
from game.engine.rng import StepRandom
from game.engine.runner import Runner
from tests.conftest import STORY_DIR, TEST_STORIES, run_main

FOLDERS = [STORY_DIR, TEST_STORIES / "two_tickets", TEST_STORIES / "village_day"]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_the_same_story_compiles_to_the_same_bytes(folder: Path) -> None:
    first = load_story_sources(folder)
    second = load_story_sources(folder)
    assert first[0] is not None and second[0] is not None
    assert dumps_compiled(compile_story(first[0], first[2])) == dumps_compiled(
        compile_story(second[0], second[2])
    )


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_a_story_read_back_plays_exactly_as_the_loaded_one(folder: Path) -> None:
    story, _, sources = load_story_sources(folder)
    assert story is not None
    text = dumps_compiled(compile_story(story, sources))
    again = story_from_compiled(json.loads(text), folder)
    assert dumps_compiled(compile_story(again, sources)) == text
    for seed in range(40):
        ours, theirs = Runner(story, seed), Runner(again, seed)
        pick = random.Random(seed)
        while ids := ours.available_choice_ids():
            assert ours.view() == theirs.view()
            choice = pick.choice(ids)
            assert ours.choose(choice) == theirs.choose(choice)
        assert ours.to_json() == theirs.to_json()


def test_expression_trees_are_json_and_build_the_same_closures() -> None:
    variables = {"money": VarInfo("money"), "trust": VarInfo("int"), "left": VarInfo("bool")}
    values = {"money": 450, "trust": -3, "left": True}
    for source in (
        "money >= 200 and not left",
        "-money % 7 + trust * 3 / 2",
        "round(money / 3) - abs(trust) + min(1, trust, 9) + max(2, money)",
        "money / 0 == 0 or left",
        "(trust - 1) % -4",
    ):
        expression = compile_expression(source, variables)
        tree = json.loads(json.dumps(expression.tree))
        rebuilt = build_tree(tuple(_tuples(tree)), source)

        ctx = EvalContext(values, {}, StepRandom(1, 0, 0))
        assert rebuilt(ctx) == expression.run(ctx), source


def _tuples(tree: list[object]) -> list[object]:
    return [tuple(_tuples(p)) if isinstance(p, list) else p for p in tree]


def test_a_newer_or_foreign_compiled_form_is_refused_with_a_message() -> None:
    story, _, sources = load_story_sources(TEST_STORIES / "two_tickets")
    assert story is not None
    data = compile_story(story, sources)
    with pytest.raises(CompiledError, match="newer than this game reads"):
        story_from_compiled({**data, "format": COMPILED_FORMAT + 1}, story.root)
    with pytest.raises(CompiledError, match="not a compiled story"):
        story_from_compiled({"kind": "something else"}, story.root)
    damaged = json.loads(json.dumps(data))
    del damaged["scenes"][0]["text"]
    with pytest.raises(CompiledError, match="damaged"):
        story_from_compiled(damaged, story.root)


def test_the_cache_is_used_when_fresh_and_rebuilt_when_stale_or_damaged(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(TEST_STORIES / "two_tickets", folder)
    cache = tmp_path / "cache"
    story, _ = load_story_cached(folder, (), cache)
    assert story is not None and not isinstance(story.scenes, LazyScenes)
    target = cache_path(cache, folder, [])
    assert target.is_file()
    cached, _ = load_story_cached(folder, (), cache)
    assert cached is not None and isinstance(cached.scenes, LazyScenes)
    assert Runner(cached, 3).view() == Runner(story, 3).view()
    # A changed story file: the cache is stale, the new text is what loads.
    chapter = folder / "tickets.yaml"
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace(
            "Two hundred and ten", "Two hundred and twenty"
        ),
        encoding="utf-8",
    )
    fresh, _ = load_story_cached(folder, (), cache)
    assert fresh is not None and not isinstance(fresh.scenes, LazyScenes)
    assert "Two hundred and twenty" in " ".join(Runner(fresh, 1).view().paragraphs)
    # A damaged cache (one byte changed inside a scene's text) is ignored and rebuilt.
    raw = bytearray(target.read_bytes())
    where = raw.rindex(b"Two hundred and twenty")
    raw[where] = ord("X")
    target.write_bytes(bytes(raw))
    again, _ = load_story_cached(folder, (), cache)
    assert again is not None and not isinstance(again.scenes, LazyScenes)
    assert "Two hundred and twenty" in " ".join(Runner(again, 1).view().paragraphs)
    # Garbage instead of a cache: rebuilt, no exception.
    target.write_bytes(b"\x00not json at all")
    assert load_story_cached(folder, (), cache)[0] is not None


def test_a_story_with_errors_is_never_cached(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(TEST_STORIES / "two_tickets", folder)
    chapter = folder / "tickets.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("goto: home", "goto: nowhere"))
    story, diagnostics = load_story_cached(folder, (), tmp_path / "cache")
    assert story is None and any(d.code == "E022" for d in diagnostics)
    assert not (tmp_path / "cache").exists()


def test_build_writes_the_compiled_story(tmp_path: Path) -> None:
    out = tmp_path / "story.json"
    done = run_main("build", str(TEST_STORIES / "village_day"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["kind"] == "last-train-home compiled story" and data["format"] == COMPILED_FORMAT
    assert data["expressions"] and all(isinstance(e["tree"], list) for e in data["expressions"])


def test_build_refuses_a_story_with_errors(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(TEST_STORIES / "two_tickets", folder)
    chapter = folder / "tickets.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("goto: home", "goto: nowhere"))
    done = run_main("build", str(folder), "-o", str(tmp_path / "out.json"))
    assert done.returncode == 1
    assert "E022" in done.stderr and not (tmp_path / "out.json").exists()
