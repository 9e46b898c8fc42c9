"""The installed game: a wheel built from this checkout carries its story and runs anywhere.

Builds the wheel with pip (as ``pip install .`` and pipx do), installs it into a
temporary folder with ``pip install --target``, and runs its ``last-train-home``
command from an unrelated folder: lint, the text mode, a screenshot; then damages the
installed story and checks that the game says what is missing and how to reinstall.
Slow (a wheel build, about 10 s), so marked; the README's test command still runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from game import __version__
from game.paths import SHIPPED
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [built] = out.glob("last_train_home-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    pip = [sys.executable, "-m", "pip", "install", "--no-deps", "-q"]
    subprocess.run(
        [*pip, "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return target


def run_installed(
    target: Path, cwd: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run the installed console command from ``cwd``, importing the game from ``target``."""
    script = target / "bin" / "last-train-home"
    env = {**os.environ, "PYTHONPATH": str(target)}
    command = [sys.executable, str(script)] if script.is_file() else [sys.executable, "-m"]
    if not script.is_file():
        command.append("game.cli")
    return subprocess.run(
        [*command, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_the_sdist_manifest_grafts_every_shipped_folder() -> None:
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8").split()
    for name in SHIPPED:
        assert name in manifest, f"MANIFEST.in must include {name} for the sdist"


def test_the_wheel_carries_the_story_art_mod_and_schema(wheel: Path) -> None:
    assert wheel.name == f"last_train_home-{__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "game/cli.py",
        "game/paths.py",
        "game/_data/story/story.yaml",
        "game/_data/story/chapter1.yaml",
        "game/_data/assets/fonts/OFL.txt",
        "game/_data/assets/title.svg",
        "game/_data/mods/night_train/mod.yaml",
        "game/_data/story.schema.json",
    ):
        assert needed in names, needed
    assert not any(n.startswith(("devtools/", "tests/", "benchmarks/")) for n in names)
    licences = {n.rsplit("licenses/", 1)[1] for n in names if "dist-info/licenses/" in n}
    assert licences == {"LICENSE", "assets/LICENSE.md", "assets/fonts/OFL.txt"}
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "last-train-home = game.cli:run" in text


def test_the_installed_command_lints_and_plays_from_anywhere(
    installed: Path, tmp_path: Path
) -> None:
    story = installed / "game" / "_data" / "story"
    version = run_installed(installed, tmp_path, "--version")
    assert version.stdout.strip().endswith(__version__)
    lint = run_installed(installed, tmp_path, "lint")
    assert lint.returncode == 0, lint.stderr
    assert lint.stdout.strip().endswith(f"{story}: no problems")
    mod = run_installed(installed, tmp_path, "lint", "--mod", "night_train")
    assert mod.returncode == 0, mod.stderr
    played = run_installed(installed, tmp_path, "play", "--text", "--seed", "4", stdin="1\n2\n1\n")
    assert played.returncode == 0, played.stderr
    assert "LAST TRAIN HOME" in played.stdout and "end of input" in played.stdout
    assert played.stderr == ""
    shot = run_installed(installed, tmp_path, "shot", "--screen", "title", "-o", "title.png")
    assert shot.returncode == 0, shot.stderr
    assert (tmp_path / "title.png").read_bytes()[:4] == b"\x89PNG"


def test_a_damaged_install_says_what_is_missing_and_how_to_reinstall(
    installed: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "site"
    shutil.copytree(installed, broken)
    story = broken / "game" / "_data" / "story"
    (story / "chapter2.yaml").unlink()
    for args in (("play", "--text"), ("lint",), ()):
        result = run_installed(broken, tmp_path, *args)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert f"missing files it needs to start:\n  {story / 'chapter2.yaml'}\n" in result.stderr
        assert "Reinstall the game: `pipx reinstall last-train-home`" in result.stderr
    (story / "chapter2.yaml").write_text("scenes:\n  - id: [\n", encoding="utf-8")
    result = run_installed(broken, tmp_path, "play", "--text")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "game/_data/story/chapter2.yaml:" in result.stderr.replace("\\", "/")
    assert "error E001: YAML syntax" in result.stderr
    assert "the installation may be damaged. Reinstall the game" in result.stderr
