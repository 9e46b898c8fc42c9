"""Build step: put the shipped story, art, example mod and schema into the wheel.

The repository keeps ``story/``, ``assets/``, ``mods/`` and ``story.schema.json`` at its
top, beside the ``game`` package. A wheel (``pip install .``, ``pipx install .``,
``python -m build``) must carry them inside the package, so this build_py step copies
them to ``game/_data/`` in the build folder only; ``game/paths.py`` looks there first.
An editable install (``pip install -e .``) copies nothing: it runs from the checkout.
Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from game.paths import SHIPPED, WEB_DEV_FILES  # noqa: E402  (one list: paths, wheel and desktop build)

SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "*.wav", *WEB_DEV_FILES)


class BuildWithData(build_py):
    """build_py, then copy the shipped files to game/_data/ in the build folder."""

    def run(self) -> None:
        editable = getattr(self, "editable_mode", False)
        if not editable:
            # An in-tree build folder keeps modules since moved or deleted: start clean.
            shutil.rmtree(Path(self.build_lib) / "game", ignore_errors=True)
        super().run()
        if editable:
            return
        target = Path(self.build_lib) / "game" / "_data"
        target.mkdir(parents=True)
        for name in SHIPPED:
            source = HERE / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=SKIP)
            elif source.is_file():
                shutil.copy2(source, target / name)
            else:
                raise SystemExit(f"setup.py: {source} is missing; the game cannot ship without it")


setup(cmdclass={"build_py": BuildWithData})
