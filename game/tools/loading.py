"""Loading a story for a command-line tool, printing its errors if it cannot load."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from game.engine import Story, has_errors, load_story
from game.paths import COMMAND


def load_or_report(story_dir: str, mods: Sequence[str] = ()) -> Story | None:
    """The story in ``story_dir`` (with ``mods``), or None after printing its errors."""
    story, diagnostics = load_story(story_dir, mods)
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
