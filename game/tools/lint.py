"""``python main.py lint``: check a story and print every problem with its place.

Exit status 0 when there are no errors (warnings allowed), 1 with errors.
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from game.engine.diagnostics import has_errors
from game.engine.loader import load_story
from game.tools.stats import story_stats


def run_lint(
    story_dir: str, fmt: str = "text", stats: bool = False, out: TextIO = sys.stdout
) -> int:
    story, diagnostics = load_story(story_dir)
    numbers = story_stats(story) if (stats and story is not None) else None
    failed = has_errors(diagnostics)
    if fmt == "json":
        payload: dict[str, object] = {
            "story": story_dir,
            "ok": not failed,
            "errors": sum(1 for d in diagnostics if d.severity == "error"),
            "warnings": sum(1 for d in diagnostics if d.severity == "warning"),
            "diagnostics": [d.to_dict() for d in diagnostics],
        }
        if stats:
            payload["stats"] = numbers
        json.dump(payload, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 1 if failed else 0
    for diagnostic in diagnostics:
        out.write(f"{diagnostic}\n")
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if numbers is not None:
        out.write("\n")
        width = max(len(k) for k in numbers)
        for key, value in numbers.items():
            out.write(f"  {key.replace('_', ' '):<{width}}  {value:>7,}\n")
    if errors or warnings:
        out.write(f"{story_dir}: {errors} error(s), {warnings} warning(s)\n")
    else:
        out.write(f"{story_dir}: no problems\n")
    return 1 if failed else 0
