"""Make the desktop build: one folder holding the game, Python and everything it needs.

    pip install pyinstaller                         # dev-only; players never need it
    python -m devtools.build_desktop                # build into dist/last-train-home/
    python -m devtools.build_desktop --archive      # ... and pack it as a .zip/.tar.gz
    python -m devtools.build_desktop --smoke-test   # ... and check the built program

PyInstaller's one-folder mode (a folder with the program ``last-train-home`` or
``last-train-home.exe`` beside its libraries) starts faster than one-file mode, which
unpacks itself to a temporary folder at every start. The shipped story, art, example
mod and schema go into the bundle as ``game/_data/``, where game/paths.py looks for an
installed game's files, so the same code finds them in a checkout, a wheel and this
build. Modules the game never uses (tkinter, numpy, the test suites of Python and
pygame...) are left out.

The smoke test runs the built program from a temporary folder outside the checkout,
with the virtual environment's variables and folders taken out of the environment and
a throwaway data folder: ``--version``, ``lint`` (also with the example mod), ``shot
--screen title``, the text mode from a pipe to an ending or the end of its input, and
the window under SDL's dummy video driver for 30 frames. A traceback anywhere fails it.
Windows, macOS and Linux run the same test (.github/workflows/release.yml).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game import __version__
from game.paths import LAYOUT, SHIPPED, WEB_DEV_FILES

NAME = "last-train-home"
ROOT = LAYOUT.root
#: Left out of the build: the game never imports them (``pygame.surfarray`` would want
#: numpy, and the game does not use it). The smoke test shows nothing needed is missing.
EXCLUDES = (
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "numpy",
    "unittest",
    "doctest",
    "pydoc",
    "pdb",
    "test",
    "lib2to3",
    "distutils",
    "setuptools",
    "pkg_resources",
    "ensurepip",
    "xmlrpc",
    "sqlite3",
    "_sqlite3",
    "asyncio",
    "ssl",  # with _ssl and _hashlib: OpenSSL, 5 MB the game never needs (no network;
    "_ssl",  # hashlib falls back to Python's own hashes)
    "_hashlib",
    "pygame.tests",
    "pygame.examples",
    "pygame.docs",
    "pygame.camera",
    "pygame._camera_opencv",
)
#: Files of the shipped folders that stay out of the build.
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "*.wav", *WEB_DEV_FILES)


def program_path(folder: Path) -> Path:
    """The program inside a one-folder build."""
    return folder / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def stage_data(target: Path) -> Path:
    """Copy the shipped story, art, mod and schema into ``target/game/_data``."""
    data = target / "game" / "_data"
    if data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True)
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, data / name, ignore=SKIP)
        else:
            shutil.copy2(source, data / name)
    return data


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller and return the built folder."""
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        raise SystemExit(
            "build_desktop needs PyInstaller, a developer tool: pip install pyinstaller"
        ) from None
    if LAYOUT.kind != "checkout":
        raise SystemExit("build_desktop runs from a source checkout (it bundles story/, assets/)")
    staged = stage_data(work / "staged")
    args = [
        str(ROOT / "main.py"),
        "--name",
        NAME,
        "--onedir",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work / "pyinstaller"),
        "--specpath",
        str(work),
        "--paths",
        str(ROOT),
        "--add-data",
        f"{staged}{os.pathsep}game/_data",
        # The tools' Jinja2 templates (package data of game.tools: the lesson pack, ...).
        "--add-data",
        f"{ROOT / 'game' / 'tools' / 'templates'}{os.pathsep}game/tools/templates",
    ]
    for module in EXCLUDES:
        args += ["--exclude-module", module]
    if sys.platform.startswith("linux"):
        # Debug symbols out of the libraries: Python's alone drops ~18 MB. Not on Windows
        # (PyInstaller advises against it) nor macOS (stripping breaks code signatures).
        args.append("--strip")
    if sys.platform == "darwin":
        args += ["--osx-bundle-identifier", "org.lasttrainhome.game"]
    pyinstaller.run(args)
    # The licences beside the program, where a player looks (the art's and the fonts' own
    # are inside, with the files they cover).
    shutil.copy2(ROOT / "LICENSE", dist / NAME / "LICENSE.txt")
    return dist / NAME


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under ``folder``."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def archive(folder: Path, out_dir: Path) -> Path:
    """Pack the build as ``last-train-home-VERSION-SYSTEM-MACHINE.zip`` (.tar.gz on Linux)."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    base = out_dir / f"{NAME}-{__version__}-{system}-{platform.machine().lower()}"
    kind = "gztar" if sys.platform.startswith("linux") else "zip"
    return Path(shutil.make_archive(str(base), kind, root_dir=folder.parent, base_dir=folder.name))


# -- the smoke test -------------------------------------------------------------------------


@dataclass
class Check:
    """One command of the smoke test and what it showed."""

    name: str
    ok: bool
    detail: str
    seconds: float


def clean_env(data: Path) -> dict[str, str]:
    """The environment without the virtual environment, with a throwaway data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    prefixes = {Path(sys.prefix).resolve(), Path(sys.exec_prefix).resolve()}
    kept = []
    for entry in env.get("PATH", "").split(os.pathsep):
        resolved = Path(entry).resolve() if entry else None
        if resolved is not None and not any(p in (resolved, *resolved.parents) for p in prefixes):
            kept.append(entry)
    env["PATH"] = os.pathsep.join(kept)
    env.update(
        LTH_DATA_DIR=str(data),
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def pipe_input(seed: int, count: int = 600) -> str:
    """Choice numbers for the text mode, the same for a seed: 1 to 9, low ones more often,
    so that a scene whose first choices are all locked is still left by a later one."""
    rng = random.Random(seed)
    return "".join(f"{rng.choice((1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9))}\n" for _ in range(count))


def smoke_test(program: Path) -> list[Check]:
    """Run the built program as a player would, outside the checkout; every check made."""
    checks: list[Check] = []
    with tempfile.TemporaryDirectory(prefix="lth-smoke-") as temp:
        here = Path(temp)
        env = clean_env(here / "data")

        def run(
            name: str, args: list[str], judge: Callable[[subprocess.CompletedProcess[str]], str]
        ) -> None:
            start = time.perf_counter()
            stdin = pipe_input(1) if "--text" in args else ""
            try:
                result = subprocess.run(
                    [str(program), *args],
                    input=stdin,
                    capture_output=True,
                    text=True,
                    encoding="utf-8",
                    errors="replace",
                    cwd=here,
                    env=env,
                    timeout=180,
                )
            except (OSError, subprocess.TimeoutExpired) as exc:
                checks.append(Check(name, False, str(exc), time.perf_counter() - start))
                return
            problem = ""
            if "Traceback" in result.stderr or "Traceback" in result.stdout:
                problem = "a traceback: " + result.stderr[-1500:]
            elif result.returncode != 0:
                problem = f"exit status {result.returncode}: {result.stderr[-1500:]}"
            detail = problem or judge(result)
            ok = not problem and not detail.startswith("FAIL")
            checks.append(Check(name, ok, detail, time.perf_counter() - start))

        run("version", ["--version"], lambda r: r.stdout.strip())
        run("lint the shipped story", ["lint"], lambda r: last_line(r.stdout, "no problems"))
        run(
            "lint with the example mod",
            ["lint", "--mod", "night_train"],
            lambda r: last_line(r.stdout, "no problems"),
        )
        png = here / "title.png"

        def judge_png(_: subprocess.CompletedProcess[str]) -> str:
            if not png.is_file() or png.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
                return "FAIL: no PNG written"
            return f"title.png, {png.stat().st_size:,} bytes"

        run("shot --screen title", ["shot", "--screen", "title", "-o", str(png)], judge_png)
        run("text mode from a pipe", ["play", "--text", "--seed", "1"], judge_text)
        run("window, 30 frames (dummy video)", ["play", "--quit-after-frames", "30"], judge_window)
    return checks


def last_line(text: str, needed: str) -> str:
    line = text.strip().splitlines()[-1] if text.strip() else ""
    return line if needed in line else f"FAIL: expected '{needed}', got '{line}'"


def judge_text(result: subprocess.CompletedProcess[str]) -> str:
    for line in result.stdout.splitlines():
        if line.startswith("THE END"):
            return f"reached '{line.strip()}'"
    if "end of input" in result.stdout:
        return "played to the end of its input"
    return "FAIL: neither an ending nor the end of input"


def judge_window(result: subprocess.CompletedProcess[str]) -> str:
    if result.stderr.strip():
        return f"FAIL: it said {result.stderr.strip()[-1500:]}"
    return "opened, drew 30 frames and closed"


def report(checks: list[Check]) -> bool:
    for check in checks:
        mark = "ok  " if check.ok else "FAIL"
        print(f"  {mark} {check.name} ({check.seconds:.1f} s): {check.detail}")
    return all(check.ok for check in checks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="where the build goes")
    parser.add_argument("--work", default=str(ROOT / "build" / "desktop"), help="scratch folder")
    parser.add_argument("--archive", action="store_true", help="pack the build as .zip/.tar.gz")
    parser.add_argument("--smoke-test", action="store_true", help="run the built program")
    parser.add_argument(
        "--no-build", action="store_true", help="use the build in --dist (with --smoke-test)"
    )
    args = parser.parse_args(argv)
    dist = Path(args.dist).resolve()
    folder = dist / NAME
    if not args.no_build:
        start = time.perf_counter()
        folder = build(dist, Path(args.work).resolve())
        size, files = folder_size(folder)
        print(
            f"built {folder} in {time.perf_counter() - start:.0f} s:"
            f" {size / 1e6:.1f} MB in {files} files"
        )
    if not program_path(folder).is_file():
        print(f"no build at {folder}: run python -m devtools.build_desktop", file=sys.stderr)
        return 1
    if args.archive:
        packed = archive(folder, dist)
        print(f"archive {packed}: {packed.stat().st_size / 1e6:.1f} MB")
    if args.smoke_test:
        print(f"smoke test of {program_path(folder)}:")
        if not report(smoke_test(program_path(folder))):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
