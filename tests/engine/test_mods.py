"""Mods laid over a story: the overlay rules, the manifest checks, and malicious mods refused."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from game.engine.checks import reachable_from
from game.engine.diagnostics import Diagnostic
from game.engine.loader import load_story
from game.engine.mods import read_mod_info, unmet_requirement
from game.engine.yamlread import MAX_FILE_BYTES
from game.tools.randomtest import random_test
from tests.conftest import ROOT, STORY_DIR, TEST_STORIES, run_main

EXAMPLE_MOD = ROOT / "mods" / "night_train"

MANIFEST = """\
id: lottery
name: The Lottery Stall
version: 1.0.0
author: A Tester
story: village-day
story_version: ">=1.0, <2"
engine: 1
files: [stall.yaml]
glossary: terms.yaml
variables:
  ticket: {type: bool}
characters:
  seller: {name: Lottery seller}
ledger:
  lottery: Lottery tickets
"""

STALL = """\
chapter: 1
scenes:
  walk_home:
    text: A new stall has gone up by the bridge.
    choices:
      - text: Buy a ticket
        effects: [ticket = true, 'money -= 5 "A lottery ticket" [lottery]']
        goto: stall
      - text: Walk straight home
        goto: evening
  stall:
    speaker: seller
    text: "Good luck! {ticket}"
    next: evening
"""

TERMS = """\
terms:
  hongbao:
    term: Hongbao (红包)
    definition: A red envelope of money.
  lottery:
    term: Welfare lottery
    definition: A state lottery sold at street stalls.
"""


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A copy of the village_day test story."""
    folder = tmp_path / "story"
    shutil.copytree(TEST_STORIES / "village_day", folder, ignore=shutil.ignore_patterns("trans*"))
    return folder


def make_mod(root: Path, name: str, files: dict[str, str | bytes]) -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return folder


def lottery(root: Path, name: str = "lottery", /, **changes: str | bytes) -> Path:
    files: dict[str, str | bytes] = {
        "mod.yaml": MANIFEST,
        "stall.yaml": STALL,
        "terms.yaml": TERMS,
    }
    files.update(changes)
    return make_mod(root, name, files)


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics if d.code != "W105"]


# -- the overlay rules -----------------------------------------------------------------------
def test_a_mod_adds_scenes_replaces_scenes_and_adds_state(story: Path, tmp_path: Path) -> None:
    mod = lottery(tmp_path / "mods")
    loaded, diagnostics = load_story(story, [mod])
    assert loaded is not None, [str(d) for d in diagnostics]
    assert errors(diagnostics) == []
    replaced = loaded.scenes["walk_home"]
    assert replaced.file.endswith("stall.yaml") and replaced.chapter == 1
    assert replaced.choices[0].text == ("Buy a ticket",)
    added = loaded.scenes["stall"]
    assert added.chapter == 1 and added.speaker == "seller"
    assert loaded.variables["ticket"].type == "bool"
    assert loaded.characters["seller"].name == "Lottery seller"
    assert loaded.ledger_categories["lottery"] == "Lottery tickets"
    assert loaded.ledger_categories["other"] == "Other"
    assert loaded.glossary["hongbao"][0] == "Hongbao (红包)"  # replaced
    assert "lottery" in loaded.glossary  # added
    assert list(loaded.scenes)[:4] == ["morning", "market", "walk_home", "qin_room"]
    assert {"stall"} <= reachable_from(loaded, loaded.start)


def test_without_mods_the_story_is_unchanged(story: Path) -> None:
    plain, _ = load_story(story)
    again, _ = load_story(story, mods=())
    assert plain is not None and again is not None
    assert list(plain.scenes) == list(again.scenes)
    assert plain.scenes["walk_home"].file.endswith("day.yaml")


def test_a_replaced_scene_keeps_its_chapter(story: Path, tmp_path: Path) -> None:
    stall = STALL.replace("chapter: 1", "chapter: 2")
    mod = lottery(tmp_path / "mods", **{"stall.yaml": stall})
    loaded, diagnostics = load_story(story, [mod])
    assert loaded is not None, [str(d) for d in diagnostics]
    assert loaded.scenes["walk_home"].chapter == 1
    assert loaded.scenes["stall"].chapter == 2
    assert loaded.chapter_titles == {1: "Morning", 2: "Evening"}


def test_a_mod_can_add_a_new_chapter(story: Path, tmp_path: Path) -> None:
    mod = lottery(
        tmp_path / "mods",
        **{
            "mod.yaml": MANIFEST.replace("[stall.yaml]", "[stall.yaml, later.yaml]"),
            "stall.yaml": STALL.replace("    next: evening", "    next: tomorrow"),
            "later.yaml": "chapter: 9\ntitle: The next day\nscenes:\n"
            "  tomorrow:\n    next: evening\n",
        },
    )
    loaded, diagnostics = load_story(story, [mod])
    assert loaded is not None, [str(d) for d in diagnostics]
    assert loaded.chapter_titles[9] == "The next day"
    assert loaded.scenes["tomorrow"].chapter == 9


def test_a_mod_may_only_add_variables(story: Path, tmp_path: Path) -> None:
    manifest = MANIFEST.replace("ticket: {type: bool}", "money: {type: int}")
    mod = lottery(tmp_path / "mods", **{"mod.yaml": manifest})
    loaded, diagnostics = load_story(story, [mod])
    assert loaded is None
    clash = next(d for d in diagnostics if d.code == "E025")
    assert clash.file.endswith("mod.yaml") and "story.yaml" in clash.message


def test_a_mod_replaces_a_scene_only_once(story: Path, tmp_path: Path) -> None:
    mod = lottery(tmp_path / "mods", **{"again.yaml": STALL})
    (mod / "mod.yaml").write_text(
        MANIFEST.replace("files: [stall.yaml]", "files: [stall.yaml, again.yaml]"),
        encoding="utf-8",
    )
    _, diagnostics = load_story(story, [mod])
    found = [d for d in diagnostics if d.code == "E020"]
    assert {Path(d.file).name for d in found} == {"again.yaml"}
    assert any("already replaced" in d.message for d in found)
    assert any("already defined" in d.message for d in found)  # the new scene 'stall'


def test_two_mods_replacing_one_scene_warn_and_the_later_wins(story: Path, tmp_path: Path) -> None:
    first = lottery(tmp_path / "mods")
    walk = (
        "chapter: 1\nscenes:\n  walk_home:\n    text: Another stall.\n"
        "    choices:\n      - text: Home\n        goto: evening\n"
    )
    manifest = "id: second\nname: Second\nversion: '1'\nauthor: B\nstory: village-day\n"
    second = make_mod(
        tmp_path / "mods",
        "second",
        {"mod.yaml": manifest + "files: [walk.yaml]\n", "walk.yaml": walk},
    )
    loaded, diagnostics = load_story(story, [first, second])
    assert loaded is not None, [str(d) for d in diagnostics]
    warning = next(d for d in diagnostics if d.code == "W110")
    assert warning.file.endswith("walk.yaml") and "mod 'lottery'" in warning.message
    assert loaded.scenes["walk_home"].file.endswith("walk.yaml")
    assert any(d.code == "W101" and "'stall'" in d.message for d in diagnostics)


def test_unlisted_files_in_a_mod_are_pointed_out(story: Path, tmp_path: Path) -> None:
    mod = lottery(tmp_path / "mods", **{"forgotten.yaml": "chapter: 1\nscenes: {}\n"})
    _, diagnostics = load_story(story, [mod])
    warning = next(d for d in diagnostics if d.code == "W104")
    assert warning.file.endswith("forgotten.yaml") and "'files:' in mod.yaml" in warning.message


def test_problems_in_a_mod_are_reported_in_the_mod_file(story: Path, tmp_path: Path) -> None:
    broken = STALL.replace("goto: evening", "goto: evenin").replace("speaker: seller", "speakr: x")
    mod = lottery(tmp_path / "mods", **{"stall.yaml": broken})
    _, diagnostics = load_story(story, [mod])
    found = {d.code: d for d in errors(diagnostics)}
    assert set(found) == {"E012", "E022"}
    for diagnostic in found.values():
        assert Path(diagnostic.file).resolve().parent == mod.resolve()
    assert "did you mean 'evening'" in found["E022"].message


# -- the manifest -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("manifest", "code", "words"),
    [
        (MANIFEST.replace("story: village-day", "story: other-story"), "E051", "other-story"),
        (MANIFEST.replace('">=1.0, <2"', '">=2.0"'), "E052", "1.2.0 is not >=2.0"),
        (MANIFEST.replace("engine: 1", "engine: '>=2'"), "E052", "story format"),
        (MANIFEST.replace('">=1.0, <2"', '"about one"'), "E052", "not a version requirement"),
        (MANIFEST.replace("author: A Tester\n", ""), "E013", "'author'"),
        (MANIFEST.replace("name:", "nam:"), "E012", "did you mean 'name'"),
        (MANIFEST.replace("id: lottery", "id: Lottery Stall"), "E015", "not a valid mod id"),
        ("- just\n- a list\n", "E011", "mapping of fields"),
    ],
)
def test_manifest_problems_are_named_in_mod_yaml(
    story: Path, tmp_path: Path, manifest: str, code: str, words: str
) -> None:
    mod = lottery(tmp_path / "mods", **{"mod.yaml": manifest})
    loaded, diagnostics = load_story(story, [mod])
    assert loaded is None
    match = next(d for d in diagnostics if d.code == code)
    assert match.file.endswith("mod.yaml") and words in match.message


def test_a_mod_for_another_story_is_not_laid_at_all(story: Path, tmp_path: Path) -> None:
    manifest = MANIFEST.replace("story: village-day", "story: other-story")
    mod = lottery(tmp_path / "mods", **{"mod.yaml": manifest, "stall.yaml": "[broken"})
    _, diagnostics = load_story(story, [mod])
    assert codes(errors(diagnostics)) == ["E051"]
    assert "not for 'village-day'" in errors(diagnostics)[0].message


def test_missing_folders_and_manifests(story: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    _, diagnostics = load_story(story, [tmp_path / "nowhere", empty])
    found = {Path(d.file).name: d.message for d in diagnostics if d.code == "E050"}
    assert found["nowhere"] == "no such mod folder"
    assert "the mod folder has no mod.yaml" in found["mod.yaml"]


def test_the_same_mod_twice_is_refused(story: Path, tmp_path: Path) -> None:
    mod = lottery(tmp_path / "mods")
    _, diagnostics = load_story(story, [mod, mod])
    assert "E053" in codes(diagnostics)


@pytest.mark.parametrize(
    ("requirement", "version", "ok"),
    [
        ("*", "0.0.1", True),
        (">=0.1", "0.1.0", True),
        (">=0.1, <1", "0.9.9", True),
        (">=0.1, <1", "1.0", False),
        ("1.2", "1.2.0", True),
        ("==1.2", "1.2.1", False),
        ("!=1.2", "1.2.1", True),
        ("<=2", "2.0.0", True),
        (">1", "1", False),
        ("1", "1", True),
        (">=1", "beta", False),
    ],
)
def test_version_requirements(requirement: str, version: str, ok: bool) -> None:
    assert (unmet_requirement(requirement, version) is None) is ok


def test_read_mod_info_describes_the_example_mod() -> None:
    info, diagnostics = read_mod_info(EXAMPLE_MOD)
    assert diagnostics == []
    assert info is not None and info.id == "night_train" and info.story == "last-train-home"


# -- malicious mods ------------------------------------------------------------------------------
def mod_listing(file_name: str) -> str:
    return MANIFEST.replace("files: [stall.yaml]", f"files: ['{file_name}']")


@pytest.mark.parametrize(
    ("listed", "words"),
    [
        ("../story/day.yaml", "no '..'"),
        ("sub/../../story/day.yaml", "no '..'"),
        ("/etc/passwd", "no absolute paths"),
        ("..\\\\story\\\\day.yaml", "'/' between folders"),
    ],
)
def test_paths_that_climb_out_of_the_mod_are_refused(
    story: Path, tmp_path: Path, listed: str, words: str
) -> None:
    mod = lottery(tmp_path / "mods", **{"mod.yaml": mod_listing(listed)})
    loaded, diagnostics = load_story(story, [mod])
    assert loaded is None
    refusal = next(d for d in diagnostics if d.code == "E016")
    assert refusal.file.endswith("mod.yaml")
    assert "inside the mod folder" in refusal.message and words in refusal.message


def test_a_glossary_outside_the_mod_is_refused(story: Path, tmp_path: Path) -> None:
    manifest = MANIFEST.replace("glossary: terms.yaml", "glossary: ../story/glossary.yaml")
    mod = lottery(tmp_path / "mods", **{"mod.yaml": manifest})
    _, diagnostics = load_story(story, [mod])
    assert any(d.code == "E016" and "mod folder" in d.message for d in diagnostics)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symlink_that_leads_out_of_the_mod_is_refused(story: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("chapter: 1\nscenes: {}\n", encoding="utf-8")
    mod = lottery(tmp_path / "mods")
    (mod / "stall.yaml").unlink()
    try:
        (mod / "stall.yaml").symlink_to(secret)
    except OSError:
        pytest.skip("cannot make symbolic links here")
    loaded, diagnostics = load_story(story, [mod])
    assert loaded is None
    refusal = next(d for d in diagnostics if d.code == "E016")
    assert "leads outside the mod folder" in refusal.message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_manifest_that_is_a_symlink_out_of_the_mod_is_refused(
    story: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(MANIFEST, encoding="utf-8")
    mod = lottery(tmp_path / "mods")
    (mod / "mod.yaml").unlink()
    try:
        (mod / "mod.yaml").symlink_to(outside)
    except OSError:
        pytest.skip("cannot make symbolic links here")
    _, diagnostics = load_story(story, [mod])
    assert [d.code for d in errors(diagnostics)] == ["E016"]


def test_a_symlink_inside_the_mod_is_fine(story: Path, tmp_path: Path) -> None:
    mod = lottery(tmp_path / "mods")
    (mod / "real.yaml").write_text(STALL, encoding="utf-8")
    (mod / "stall.yaml").unlink()
    try:
        (mod / "stall.yaml").symlink_to(mod / "real.yaml")
    except OSError:
        pytest.skip("cannot make symbolic links here")
    loaded, diagnostics = load_story(story, [mod])
    assert loaded is not None, [str(d) for d in diagnostics]


def test_a_huge_file_is_refused_without_being_read(story: Path, tmp_path: Path) -> None:
    mod = lottery(tmp_path / "mods")
    with open(mod / "stall.yaml", "wb") as handle:  # sparse: no disk or memory used
        handle.truncate(MAX_FILE_BYTES + 1)
    loaded, diagnostics = load_story(story, [mod])
    assert loaded is None
    refusal = next(d for d in diagnostics if d.code == "E002")
    assert refusal.file.endswith("stall.yaml") and "at most 32 MiB" in refusal.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_on_it(story: Path, tmp_path: Path) -> None:
    mod = lottery(tmp_path / "mods")
    (mod / "stall.yaml").unlink()
    os.mkfifo(mod / "stall.yaml")
    _, diagnostics = load_story(story, [mod])
    assert any(d.code == "E010" and "not a regular file" in d.message for d in diagnostics)


YAML_TRICKS: dict[str, tuple[str | bytes, str]] = {
    "anchors and aliases": ("chapter: 1\nscenes:\n  a: &x {next: evening}\n  b: *x\n", "E005"),
    "billion laughs": (
        "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
        "E005",
    ),
    "python object": ("chapter: !!python/object/apply:os.system ['echo pwned']\n", "E006"),
    "merge key": ("base: &b {next: evening}\nchapter: 1\nscenes:\n  a:\n    <<: *b\n", "E005"),
    "deep nesting": ("chapter: 1\nscenes: " + "[" * 5000 + "]" * 5000 + "\n", "E004"),
    "not text": (b"\x00\x01\x02binary", "E003"),
}


@pytest.mark.parametrize("trick", list(YAML_TRICKS))
def test_yaml_tricks_in_a_mod_are_refused(story: Path, tmp_path: Path, trick: str) -> None:
    text, code = YAML_TRICKS[trick]
    mod = lottery(tmp_path / "mods", **{"stall.yaml": text})
    loaded, diagnostics = load_story(story, [mod])
    assert loaded is None
    refusal = next(d for d in diagnostics if d.code == code)
    assert refusal.file.endswith("stall.yaml")


def test_image_names_in_a_mod_cannot_point_at_files(story: Path, tmp_path: Path) -> None:
    stall = STALL.replace("speaker: seller", "speaker: seller\n    background: ../../../etc/x")
    manifest = MANIFEST.replace("{name: Lottery seller}", "{name: S, portrait: /tmp/face}")
    mod = lottery(tmp_path / "mods", **{"stall.yaml": stall, "mod.yaml": manifest})
    _, diagnostics = load_story(story, [mod])
    found = [d for d in diagnostics if d.code == "E054"]
    assert {Path(d.file).name for d in found} == {"stall.yaml", "mod.yaml"}
    assert all("plain" in d.message for d in found)


def test_nothing_in_a_mod_runs(story: Path, tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    stall = STALL.replace(
        'text: "Good luck! {ticket}"',
        f"text: \"{{__import__('os').system('touch {canary}')}}\"",
    )
    assert "__import__" in stall
    mod = lottery(tmp_path / "mods", **{"stall.yaml": stall})
    _, diagnostics = load_story(story, [mod])
    assert errors(diagnostics)
    assert not canary.exists()


# -- the example mod and the command line ----------------------------------------------------------
def test_the_example_mod_lays_cleanly_over_the_shipped_story() -> None:
    base, _ = load_story(STORY_DIR)
    modded, diagnostics = load_story(STORY_DIR, [EXAMPLE_MOD])
    assert base is not None and modded is not None, [str(d) for d in errors(diagnostics)]
    assert errors(diagnostics) == []
    assert not [d for d in diagnostics if "night_train" in d.file and d.code != "W105"]
    train = modded.scenes["ch1_train"]
    assert train.file.endswith("train.yaml")
    targets = {c.target for c in train.choices}
    assert "nt_xiaomei" in targets
    assert {c.target for c in base.scenes["ch1_train"].choices} <= targets
    assert "nt_xiaomei" in reachable_from(modded, modded.start)
    assert modded.glossary["dagongmei"][0].startswith("Dagongmei")
    report = random_test(modded, 150, seed=3)
    assert report.failures == []
    assert "nt_xiaomei" in report.scenes_seen


def test_play_text_with_a_mod_reaches_the_mod_scene(story: Path, tmp_path: Path) -> None:
    mod = lottery(tmp_path / "mods")
    result = run_main(
        "play", "--text", "--story", str(story), "--mod", str(mod), "--seed", "2",
        stdin="2\n1\n1\n1\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "[mod] The Lottery Stall 1.0.0 by A Tester" in result.stdout
    assert "A new stall has gone up by the bridge." in result.stdout
    assert "Good luck! yes" in result.stdout


def test_lint_with_a_broken_mod_names_the_mod_file(story: Path, tmp_path: Path) -> None:
    mod = lottery(tmp_path / "mods", **{"stall.yaml": STALL.replace("goto: stall", "goto: stal")})
    result = run_main("lint", str(story), "--mod", str(mod))
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "E022" in line)
    assert "stall.yaml:8:15:" in line and "did you mean 'stall'" in line
    clean = run_main("lint", str(story), "--mod", str(lottery(tmp_path / "ok", "fine")))
    assert clean.returncode == 0, clean.stdout


def test_play_text_refuses_a_broken_mod_without_a_traceback(story: Path, tmp_path: Path) -> None:
    mod = lottery(tmp_path / "mods", **{"mod.yaml": mod_listing("../story/day.yaml")})
    result = run_main("play", "--text", "--story", str(story), "--mod", str(mod))
    assert result.returncode == 1
    assert "E016" in result.stderr and "--mod" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_mod_brings_its_own_pictures(tmp_path: Path) -> None:
    """A background in the mod's own assets/ is found by lint (and by the window)."""
    from game.engine.assets import find_asset

    mod = tmp_path / "night_train"
    shutil.copytree(ROOT / "mods" / "night_train", mod)
    train = mod / "train.yaml"
    train.write_text(
        train.read_text(encoding="utf-8").replace(
            "background: train_carriage", "background: sleeper_bunks"
        ),
        encoding="utf-8",
    )
    _, without = load_story(ROOT / "story", [mod])
    assert any(d.code == "W105" and "sleeper_bunks" in d.message for d in without)
    (mod / "assets" / "backgrounds").mkdir(parents=True)
    picture = mod / "assets" / "backgrounds" / "sleeper_bunks.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9"/>')
    story, with_art = load_story(ROOT / "story", [mod])
    assert story is not None
    assert not any(d.code == "W105" for d in with_art)
    assert find_asset(story.root, "background", "sleeper_bunks", story.mod_roots) == picture


def png_header(width: int, height: int) -> bytes:
    """The first bytes of a PNG declaring ``width`` x ``height`` (no pixels follow)."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + b"\x00" * 1000
    )


def jpeg_header(width: int, height: int) -> bytes:
    import struct

    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\x00" * 100


def test_image_size_is_read_from_the_header_without_decoding(tmp_path: Path) -> None:
    from game.engine.assets import image_problem, image_size

    png = tmp_path / "a.png"
    png.write_bytes(png_header(20000, 20000))
    jpg = tmp_path / "b.jpg"
    jpg.write_bytes(jpeg_header(5000, 300))
    svg = tmp_path / "c.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="9000px" height="10"/>')
    boxed = tmp_path / "d.svg"
    boxed.write_text('<?xml version="1.0"?>\n<svg viewBox="0 0 1280 720"></svg>')
    junk = tmp_path / "e.png"
    junk.write_bytes(b"not a picture")
    assert image_size(png) == (20000, 20000)
    assert image_size(jpg) == (5000, 300)
    assert image_size(svg) == (9000, 10)
    assert image_size(boxed) == (1280, 720)
    assert "20000x20000" in (image_problem(png) or "")
    assert "5000x300" in (image_problem(jpg) or "")
    assert "9000x10" in (image_problem(svg) or "")
    assert image_problem(boxed) is None
    assert "not a PNG or JPEG" in (image_problem(junk) or "")
    small = tmp_path / "f.png"
    small.write_bytes(png_header(1280, 720))
    assert image_problem(small) is None
    for shipped in (ROOT / "assets").rglob("*.svg"):
        assert image_problem(shipped) is None, shipped


def test_a_picture_declaring_a_huge_size_is_refused_by_lint(story: Path, tmp_path: Path) -> None:
    stall = STALL.replace("speaker: seller", "speaker: seller\n    background: bridge")
    files: dict[str, str | bytes] = {
        "stall.yaml": stall,
        "assets/backgrounds/bridge.png": png_header(20000, 20000),
    }
    mod = lottery(tmp_path / "mods", **files)
    _, diagnostics = load_story(story, [mod])
    found = [d for d in diagnostics if d.code == "E055"]
    assert len(found) == 1 and found[0].file.endswith("stall.yaml")
    assert "20000x20000" in found[0].message and "4096" in found[0].message


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
def test_art_that_links_out_of_the_mod_is_refused_and_never_found(
    story: Path, tmp_path: Path
) -> None:
    from game.engine.assets import find_asset

    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9"/>')
    stall = STALL.replace("speaker: seller", "speaker: seller\n    background: bridge")
    mod = lottery(tmp_path / "mods", **{"stall.yaml": stall})
    (mod / "assets" / "backgrounds").mkdir(parents=True)
    (mod / "assets" / "backgrounds" / "bridge.svg").symlink_to(secret)
    (mod / "assets" / "backgrounds" / "inside.svg").symlink_to(mod / "stall.yaml")
    loaded, diagnostics = load_story(story, [mod])
    assert loaded is None
    found = [d for d in diagnostics if d.code == "E016"]
    assert len(found) == 1 and "bridge.svg" in found[0].message
    assert find_asset(story, "background", "bridge", (str(mod),)) is None
    # A link that stays inside the mod's folder is followed as before.
    inside = find_asset(story, "background", "inside", (str(mod),))
    assert inside == mod / "assets" / "backgrounds" / "inside.svg"


@pytest.mark.parametrize(
    "requirement", ['"' + "9" * 5000 + '"', '">=1.' + "0" * 5000 + '"', '"1.2.3.4.5.6.7.8.9"']
)
def test_absurd_version_numbers_in_a_manifest_are_an_error_not_a_crash(
    story: Path, tmp_path: Path, requirement: str
) -> None:
    manifest = MANIFEST.replace('story_version: ">=1.0, <2"', f"story_version: {requirement}")
    mod = lottery(tmp_path / "mods", **{"mod.yaml": manifest})
    loaded, diagnostics = load_story(story, [mod])
    assert loaded is None
    found = [d for d in diagnostics if d.code == "E052"]
    assert len(found) == 1 and len(found[0].message) < 400
    assert unmet_requirement("9" * 5000, "1.0") is not None
    assert unmet_requirement(">=1", "9" * 5000) is not None


def test_control_characters_in_a_mod_are_w130_in_the_mod_file(story: Path, tmp_path: Path) -> None:
    stall = STALL.replace(
        "A new stall has gone up by the bridge.", '"A new stall\\e[2J has gone up."'
    )
    manifest = MANIFEST.replace("{name: Lottery seller}", '{name: "Seller\\x9b"}')
    mod = lottery(tmp_path / "mods", **{"stall.yaml": stall, "mod.yaml": manifest})
    loaded, diagnostics = load_story(story, [mod])
    assert loaded is not None
    found = [d for d in diagnostics if d.code == "W130"]
    assert sorted(Path(d.file).name for d in found) == ["mod.yaml", "stall.yaml"]


def test_a_jpeg_whose_size_follows_large_metadata_is_read(tmp_path: Path) -> None:
    import struct

    from game.engine.assets import image_problem, image_size

    exif = b"\xff\xe1" + struct.pack(">H", 65535) + b"\x00" * 65533
    body = jpeg_header(1600, 1200)
    path = tmp_path / "photo.jpg"
    path.write_bytes(body[:2] + exif * 3 + body[2:])
    assert image_size(path) == (1600, 1200)
    assert image_problem(path) is None
