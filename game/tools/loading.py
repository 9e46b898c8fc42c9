"""Loading a story for a command-line tool, printing its errors if it cannot load."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from game.engine import Diagnostic, Story, has_errors, load_story
from game.i18n import language
from game.paths import COMMAND


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
