"""game/paths.py: where the story, art, mods and player data are, in both layouts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game import paths
from game.paths import Layout, data_dir, find_layout, missing_files, shipped_mod
from tests.conftest import ROOT

INDEX = """\
format: 1
id: tiny
chapters:
  - one.yaml
  - two.yaml   # the second winter
glossary: words.yaml
"""


def make_files(root: Path) -> Path:
    """A story index, the files it names, the fonts folder and a mod, under ``root``."""
    (root / "story").mkdir(parents=True)
    (root / "story" / "story.yaml").write_text(INDEX, encoding="utf-8")
    for name in ("one.yaml", "two.yaml", "words.yaml"):
        (root / "story" / name).write_text("scenes: []\n", encoding="utf-8")
    (root / "assets" / "fonts").mkdir(parents=True)
    (root / "mods" / "night_train").mkdir(parents=True)
    (root / "mods" / "night_train" / "mod.yaml").write_text("id: night\n", encoding="utf-8")
    return root


def test_this_repository_is_a_checkout_with_its_files_at_the_top() -> None:
    assert paths.LAYOUT.kind == "checkout" and paths.LAYOUT.root == ROOT
    assert paths.STORY_DIR == ROOT / "story"
    assert paths.ASSETS_DIR == ROOT / "assets"
    assert paths.FONTS_DIR == ROOT / "assets" / "fonts"
    assert paths.SCHEMA_FILE == ROOT / "story.schema.json"
    assert missing_files() == []
    assert shipped_mod("night_train") == ROOT / "mods" / "night_train"


def test_a_checkout_finds_its_files_beside_the_package(tmp_path: Path) -> None:
    make_files(tmp_path)
    (tmp_path / "game").mkdir()
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    layout = find_layout(tmp_path / "game")
    assert layout == Layout("checkout", tmp_path)
    assert layout.story == tmp_path / "story" and layout.mods == tmp_path / "mods"
    assert missing_files(layout) == []


def test_an_installed_package_finds_its_files_inside_it(tmp_path: Path) -> None:
    # site-packages/game/_data/..., with nothing of the game beside the package
    package = tmp_path / "site-packages" / "game"
    make_files(package / "_data")
    layout = find_layout(package)
    assert layout == Layout("installed", package / "_data")
    assert layout.schema == package / "_data" / "story.schema.json"
    assert layout.fonts == package / "_data" / "assets" / "fonts"
    assert missing_files(layout) == []
    assert shipped_mod("night_train", layout) == package / "_data" / "mods" / "night_train"
    assert shipped_mod("../night_train", layout) is None
    assert shipped_mod("nowhere", layout) is None


def test_the_bundled_files_win_over_a_story_beside_the_package(tmp_path: Path) -> None:
    make_files(tmp_path)
    make_files(tmp_path / "game" / "_data")
    assert find_layout(tmp_path / "game").kind == "installed"


def test_an_install_without_its_files_is_installed_and_says_what_is_missing(
    tmp_path: Path,
) -> None:
    package = tmp_path / "site-packages" / "game"
    package.mkdir(parents=True)
    layout = find_layout(package)
    assert layout.kind == "installed"
    assert missing_files(layout) == [str(package / "_data" / "story" / "story.yaml")]


def test_missing_files_names_each_missing_chapter_and_the_fonts(tmp_path: Path) -> None:
    layout = Layout("installed", make_files(tmp_path))
    (tmp_path / "story" / "two.yaml").unlink()
    (tmp_path / "story" / "words.yaml").unlink()
    (tmp_path / "assets" / "fonts").rmdir()
    assert missing_files(layout) == [
        str(tmp_path / "story" / "two.yaml"),
        str(tmp_path / "story" / "words.yaml"),
        str(tmp_path / "assets" / "fonts"),
    ]


def test_an_unreadable_index_is_named(tmp_path: Path) -> None:
    layout = Layout("installed", make_files(tmp_path))
    (tmp_path / "story" / "story.yaml").write_bytes(b"chapters:\n  - \xff\xfe.yaml\n")
    [problem] = missing_files(layout)
    assert problem.startswith(str(tmp_path / "story" / "story.yaml"))
    assert "UnicodeDecodeError" in problem


@pytest.mark.parametrize(
    ("platform", "installed", "checkout"),
    [
        ("linux", "last-train-home", "last-train-home-dev"),
        ("darwin", "Last Train Home", "Last Train Home (dev)"),
        ("win32", "Last Train Home", "Last Train Home (dev)"),
    ],
)
def test_a_checkout_and_an_installed_game_keep_their_data_apart(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, platform: str, installed: str, checkout: str
) -> None:
    monkeypatch.delenv("LTH_DATA_DIR", raising=False)
    monkeypatch.setattr("sys.platform", platform)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    base = {
        "linux": tmp_path / "xdg",
        "darwin": tmp_path / "home" / "Library" / "Application Support",
        "win32": tmp_path / "appdata",
    }[platform]
    assert data_dir(Layout("installed", tmp_path / "x")) == base / installed
    assert data_dir(Layout("checkout", tmp_path / "x")) == base / checkout


def test_the_environment_override_wins_for_both_layouts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LTH_DATA_DIR", str(tmp_path / "mine"))
    for kind in ("installed", "checkout"):
        assert data_dir(Layout(kind, tmp_path)) == tmp_path / "mine"


def test_no_module_but_paths_works_out_the_repository_root() -> None:
    """One module knows the layout: nothing else in game/ or devtools/ climbs __file__."""
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("game", "devtools")
        for path in sorted((ROOT / folder).rglob("*.py"))
        # A module's own __file__; another package's (pygame.__file__) is not the layout.
        if path.name != "paths.py" and re.search(r"(?<![\w.])__file__", path.read_text("utf-8"))
    ]
    assert offenders == []
