"""``lint --mod NEW --against-mod OLD``: two versions of a mod compared as --against compares
two stories, run as a modder runs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import ROOT, run_main

EXAMPLE_MOD = ROOT / "mods" / "night_train"


def new_version(tmp_path: Path, renames: str = "") -> Path:
    """The example mod with its scene nt_xiaomei renamed to nt_girl (and ``renames``)."""
    folder = tmp_path / "new" / "night_train"
    shutil.copytree(EXAMPLE_MOD, folder)
    train = folder / "train.yaml"
    train.write_text(train.read_text(encoding="utf-8").replace("nt_xiaomei", "nt_girl"))
    manifest = folder / "mod.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("1.1.0", "1.2.0") + renames,
        encoding="utf-8",
    )
    return folder


def test_a_scene_renamed_without_a_rename_is_reported(tmp_path: Path) -> None:
    new = new_version(tmp_path)
    done = run_main("lint", "--mod", str(new), "--against-mod", str(EXAMPLE_MOD))
    assert done.returncode == 0, done.stderr  # warnings only
    lines = [line for line in done.stdout.splitlines() if "W109" in line]
    assert len(lines) == 1
    assert lines[0].startswith("mods/night_train/train.yaml:")
    assert "scene 'nt_xiaomei' is gone" in lines[0]
    assert "add 'nt_xiaomei: new_id' under 'renames:' in mod.yaml" in lines[0]


def test_with_the_rename_declared_lint_is_clean(tmp_path: Path) -> None:
    new = new_version(tmp_path, "renames:\n  nt_xiaomei: nt_girl\n")
    done = run_main(
        "lint", "--mod", str(new), "--against-mod", str(EXAMPLE_MOD), "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["against_mods"] == [str(EXAMPLE_MOD)]
    assert [d for d in report["diagnostics"] if d["code"] != "W105"] == []


def test_a_changed_mod_id_is_reported(tmp_path: Path) -> None:
    new = new_version(tmp_path, "renames:\n  nt_xiaomei: nt_girl\n")
    manifest = new / "mod.yaml"
    manifest.write_text(manifest.read_text().replace("id: night_train", "id: night_train_2"))
    done = run_main("lint", "--mod", str(new), "--against-mod", str(EXAMPLE_MOD))
    assert done.returncode == 0, done.stderr
    assert "W112" in done.stdout and "from 'night_train' to 'night_train_2'" in done.stdout


def test_an_old_mod_that_matches_no_mod_is_refused_with_a_reason(tmp_path: Path) -> None:
    done = run_main("lint", "--against-mod", str(EXAMPLE_MOD))
    assert done.returncode == 1
    assert "no --mod has that id" in done.stderr and "Traceback" not in done.stderr
    missing = run_main("lint", "--mod", str(EXAMPLE_MOD), "--against-mod", str(tmp_path / "x"))
    assert missing.returncode == 1
    assert "is not a mod folder" in missing.stderr and "Traceback" not in missing.stderr


def test_the_help_says_how_to_compare_two_versions_of_a_mod() -> None:
    done = run_main("lint", "--help")
    assert "--against-mod OLD_MOD_DIR" in done.stdout
    assert "lint --mod mods/x --against-mod old/x" in " ".join(done.stdout.split())
