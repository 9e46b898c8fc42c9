"""The desktop build's own parts that need no PyInstaller: what it bundles, the clean
environment its smoke test runs in, and how the smoke test judges what it sees.
(The build itself is made and smoke-tested by CI: .ci/run.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from devtools import build_desktop
from game.paths import Layout, missing_files
from tests.conftest import ROOT


def test_the_staged_data_is_a_complete_installed_layout(tmp_path: Path) -> None:
    data = build_desktop.stage_data(tmp_path)
    assert data == tmp_path / "game" / "_data"
    assert missing_files(Layout("installed", data)) == []
    assert (data / "story.schema.json").read_bytes() == (ROOT / "story.schema.json").read_bytes()
    assert (data / "mods" / "night_train" / "mod.yaml").is_file()
    shipped = sorted(p.relative_to(ROOT / "assets") for p in (ROOT / "assets").rglob("*.ogg"))
    staged = sorted(p.relative_to(data / "assets") for p in (data / "assets").rglob("*.ogg"))
    assert staged == shipped and shipped
    assert not list(data.rglob("__pycache__")) and not list(data.rglob("*.wav"))


def test_the_smoke_test_runs_without_the_virtual_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv_bin = str(Path(sys.prefix) / ("Scripts" if sys.platform == "win32" else "bin"))
    monkeypatch.setenv("PATH", os.pathsep.join([venv_bin, "/usr/bin"]))
    monkeypatch.setenv("VIRTUAL_ENV", sys.prefix)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    env = build_desktop.clean_env(tmp_path / "data")
    assert env["PATH"] == "/usr/bin"
    assert "VIRTUAL_ENV" not in env
    assert "PYTHONPATH" not in env
    assert env["LTH_DATA_DIR"] == str(tmp_path / "data")
    assert env["SDL_VIDEODRIVER"] == "dummy"


def test_the_piped_choices_are_the_same_for_a_seed() -> None:
    lines = build_desktop.pipe_input(1).splitlines()
    assert lines == build_desktop.pipe_input(1).splitlines()
    assert len(lines) == 600 and set(lines) == {str(n) for n in range(1, 10)}


def completed(stdout: str, stderr: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.CompletedProcess([], 0, stdout, stderr)


def test_the_text_mode_passes_at_an_ending_or_the_end_of_input_only() -> None:
    ending = completed("...\nTHE END: The book grows\n")
    assert build_desktop.judge_text(ending) == "reached 'THE END: The book grows'"
    eof = completed("> \n(end of input: goodbye)\n")
    assert build_desktop.judge_text(eof) == "played to the end of its input"
    assert build_desktop.judge_text(completed("LAST TRAIN HOME\n")).startswith("FAIL")


def test_lint_passes_only_without_problems() -> None:
    assert build_desktop.last_line("x\nstory: no problems\n", "no problems") == (
        "story: no problems"
    )
    assert build_desktop.last_line("story: 2 error(s)\n", "no problems").startswith("FAIL")
    assert build_desktop.last_line("", "no problems").startswith("FAIL")


def test_a_failed_check_fails_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    good = build_desktop.Check("lint", True, "no problems", 0.2)
    bad = build_desktop.Check("window", False, "a traceback: ...", 0.5)
    assert build_desktop.report([good]) is True
    assert build_desktop.report([good, bad]) is False
    out = capsys.readouterr().out
    assert "  ok   lint (0.2 s): no problems" in out
    assert "  FAIL window (0.5 s): a traceback: ..." in out


def test_the_window_passes_only_in_silence() -> None:
    assert build_desktop.judge_window(completed("")) == "opened, drew 30 frames and closed"
    assert build_desktop.judge_window(completed("", "No available video device")).startswith(
        "FAIL: it said No available video device"
    )


def test_the_program_is_named_for_the_system() -> None:
    program = build_desktop.program_path(Path("dist") / "last-train-home")
    assert program.name == ("last-train-home.exe" if sys.platform == "win32" else "last-train-home")
