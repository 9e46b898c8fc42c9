"""Loading a story for a command-line tool, printing its errors if it cannot load."""

from __future__ import annotations

import sys

from game.engine.diagnostics import has_errors
from game.engine.loader import load_story
from game.engine.model import Story


def load_or_report(story_dir: str) -> Story | None:
    """The story in ``story_dir``, or None after printing its errors to stderr."""
    story, diagnostics = load_story(story_dir)
    if story is None or has_errors(diagnostics):
        for diagnostic in diagnostics:
            if diagnostic.severity == "error":
                print(diagnostic, file=sys.stderr)
        print(
            f"The story in {story_dir} has errors; run 'python main.py lint {story_dir}'.",
            file=sys.stderr,
        )
        return None
    return story
