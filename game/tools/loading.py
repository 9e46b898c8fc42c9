"""Loading a story for a command-line tool, printing its errors if it cannot load; and
the ``--mod`` option every such tool takes, the same way."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from game import paths
from game.engine import Diagnostic, Story, has_errors, load_story
from game.i18n import _, language
from game.paths import COMMAND


def resolve_mod(folder: str) -> str:
    """A mod folder as given, or the shipped example mod of that name (``night_train``)."""
    if Path(folder).is_dir():
        return folder
    shipped = paths.shipped_mod(folder)
    return str(shipped) if shipped is not None else folder


def add_mod_option(command: argparse.ArgumentParser, what: str = "with a mod laid over it") -> None:
    """``--mod DIR`` (repeatable): every command that reads a story takes it the same way.

    Each value becomes a folder as it is parsed (:func:`resolve_mod`: a folder as given,
    or a shipped mod by its name), and the command hands the list to
    :func:`load_or_report`, so every tool loads the same story with the same mods.
    """
    command.add_argument(
        "--mod",
        action="append",
        default=[],
        type=resolve_mod,
        metavar="DIR",
        help=_("{what}: a mod's folder or a shipped mod's name (repeatable, laid in order)").format(
            what=what
        ),
    )


def load_or_report(
    story_dir: str, mods: Sequence[str] = (), *, cached: bool = False
) -> Story | None:
    """The story in ``story_dir`` (with ``mods``), or None after printing its errors.

    ``cached`` loads through the compiled cache in the data folder
    (:func:`game.engine.compiled.load_story_cached`): for playing, not for checking.
    The story comes in the current language (:func:`game.i18n.language`, set by ``--lang``),
    each string in English where its translation is missing, stale or broken.
    """
    lang = language()
    if cached:
        from game.engine import load_story_cached
        from game.saves import data_dir

        loaded: tuple[Story | None, list[Diagnostic]] = load_story_cached(
            story_dir, mods, data_dir() / "cache", lang=lang
        )
        story, diagnostics = loaded
    else:
        story, diagnostics = load_story(story_dir, mods, lang)
    if story is None or has_errors(diagnostics):
        for diagnostic in diagnostics:
            if diagnostic.severity == "error":
                print(diagnostic, file=sys.stderr)
        with_mods = "".join(f" --mod {mod}" for mod in mods)
        print(
            f"The story in {story_dir} has errors; run '{COMMAND} lint {story_dir}{with_mods}'.",
            file=sys.stderr,
        )
        return None
    return story


def write_output(tool: str, output: str, text: str, encoding: str = "utf-8") -> bool:
    """Write a tool's page or file to ``output``; False after saying why it could not
    (a folder that is not there, no permission), never a traceback."""
    try:
        Path(output).write_text(text, encoding=encoding)
    except OSError as exc:
        print(
            _("{tool}: cannot write {file}: {reason}").format(
                tool=tool, file=output, reason=exc.strerror or exc
            ),
            file=sys.stderr,
        )
        return False
    return True
