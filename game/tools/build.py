"""``main.py build``: write the compiled story (the JSON form the browser edition plays)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from game.engine import (
    compile_story,
    dumps_compiled,
    has_errors,
    load_story_sources,
    translate_story,
)
from game.i18n import language


def run_build(story_dir: str, output: str | None, mods: Sequence[str] = ()) -> int:
    """Compile the story in ``story_dir`` (with ``mods``) to ``output`` (stdout if None)."""
    story, diagnostics, sources = load_story_sources(story_dir, mods)
    if story is None or has_errors(diagnostics):
        for diagnostic in diagnostics:
            if diagnostic.severity == "error":
                print(diagnostic, file=sys.stderr)
        print(f"build: the story in {story_dir} has errors; nothing written", file=sys.stderr)
        return 1
    # In the language of --lang (the strings of the story; English where untranslated).
    translate_story(story, language())
    text = dumps_compiled(compile_story(story, sources))
    if output is None or output == "-":
        sys.stdout.write(text + "\n")
        return 0
    try:
        Path(output).write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        print(f"build: cannot write {output}: {exc.strerror}", file=sys.stderr)
        return 1
    print(
        f"wrote {output}: {len(story.scenes)} scenes, {len(text.encode()):,} bytes", file=sys.stderr
    )
    return 0
