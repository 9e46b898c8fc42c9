"""The command as an installed program needs it: one version, shipped mods by name,
missing files named, a window that can close itself for a smoke test."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from game import __version__, cli, paths
from game.paths import Layout
from game.saves import SaveMeta, SaveStore
from tests.conftest import ROOT, TEST_STORIES, run_main


def test_the_version_is_written_in_one_place() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "game.__version__"}
    assert __version__.count(".") == 2 and all(p.isdigit() for p in __version__.split("."))


def test_version_flag_and_saves_carry_the_game_version(tmp_path: Path) -> None:
    result = run_main("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"main.py {__version__}"
    meta = SaveMeta(chapter=1, chapter_title="", date="2006-11-20", money=0, play_seconds=1.0)
    path = SaveStore("tiny", tmp_path).write("1", "1.0.0", meta, {"scene": "x"})
    assert json.loads(path.read_text(encoding="utf-8"))["game_version"] == __version__


def test_the_console_script_runs_the_same_main() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"last-train-home": "game.cli:run"}
    assert "from game.cli import run" in (ROOT / "main.py").read_text(encoding="utf-8")


def test_a_shipped_mod_is_found_by_name_and_a_folder_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.resolve_mod("night_train") == str(paths.MODS_DIR / "night_train")
    assert cli.resolve_mod("no_such_mod") == "no_such_mod"
    (tmp_path / "night_train").mkdir()
    monkeypatch.chdir(tmp_path)
    assert cli.resolve_mod("night_train") == "night_train"


def test_lint_with_a_shipped_mod_by_name() -> None:
    result = run_main("lint", "--mod", "night_train")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("no problems")


def test_missing_shipped_files_are_named_with_the_way_to_restore_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "site-packages" / "game" / "_data"
    monkeypatch.setattr(paths, "LAYOUT", Layout("installed", empty))
    assert cli.main(["lint", str(TEST_STORIES / "village_day")]) == 0  # another story: no check
    capsys.readouterr()
    assert cli.main(["play", "--text"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("This copy of the game is missing files it needs to start:\n")
    assert f"  {empty / 'story' / 'story.yaml'}\n" in err
    assert paths.REINSTALL_HINT in err
    monkeypatch.setattr(paths, "LAYOUT", Layout("checkout", empty))
    assert cli.main(["lint"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("This checkout is missing files") and "git checkout" in err


def test_the_window_closes_itself_after_some_frames(tmp_path: Path) -> None:
    story = str(TEST_STORIES / "village_day")
    result = run_main("play", "--story", story, "--quit-after-frames", "5")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


class FakeKernel:
    def __init__(self, processes: int) -> None:
        self.processes = processes

    def GetConsoleProcessList(self, _buffer: object, _size: int) -> int:
        return self.processes


class FakeWindll:
    def __init__(self, processes: int) -> None:
        self.kernel32 = FakeKernel(processes)


class Tty:
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("status", "frozen", "processes", "waits"),
    [(1, True, 1, True), (0, True, 1, False), (1, False, 1, False), (1, True, 2, False)],
)
def test_a_double_clicked_windows_build_keeps_its_error_on_screen(
    monkeypatch: pytest.MonkeyPatch, status: int, frozen: bool, processes: int, waits: bool
) -> None:
    """Only a frozen Windows build that failed and owns its console (double-clicked) waits."""
    import ctypes

    prompts: list[str] = []
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setattr("sys.frozen", frozen, raising=False)
    monkeypatch.setattr("sys.stdin", Tty())
    monkeypatch.setattr(ctypes, "windll", FakeWindll(processes), raising=False)
    monkeypatch.setattr("builtins.input", prompts.append)
    cli.keep_console_open(status)
    assert prompts == (["Press Enter to close this window."] if waits else [])
