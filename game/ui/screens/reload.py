"""The reload errors overlay: what is wrong in the story files after F6, calmly.

Each problem shows its place (file:line:column), its code and its message, in a
column that scrolls over the dimmed game. The old story plays on underneath; Esc
closes the overlay, and F6 after a fix reloads (and closes it).
"""

from __future__ import annotations

import os
from pathlib import Path

from game.engine import Diagnostic, sort_key
from game.i18n import _, ngettext
from game.ui.host import Host
from game.ui.screens.reader import Block, ReaderScreen


def short_path(file: str, story_dir: str) -> str:
    """A file path relative to the story folder's parent when it is inside it."""
    try:
        base = Path(story_dir).resolve().parent
        return os.path.relpath(Path(file).resolve(), base)
    except (OSError, ValueError):
        return file


def error_blocks(diagnostics: list[Diagnostic], story_dir: str) -> list[Block]:
    count = len(diagnostics)
    blocks = [
        Block(
            "dim",
            ngettext(
                "{n} problem in the story files. The game plays on with the story as it was "
                "before the reload. Fix the files, then press F6 again.",
                "{n} problems in the story files. The game plays on with the story as it was "
                "before the reload. Fix the files, then press F6 again.",
                count,
            ).format(n=count),
        )
    ]
    for diagnostic in sorted(diagnostics, key=sort_key):
        place = f"{short_path(diagnostic.file, story_dir)}:{diagnostic.line}:{diagnostic.column}"
        blocks.append(Block("code", f"{place}   {diagnostic.severity} {diagnostic.code}"))
        blocks.append(Block("body", diagnostic.message))
    return blocks


class ReloadErrorsScreen(ReaderScreen):
    name = "reload-errors"
    overlay = True
    panel_w = 1000

    def __init__(self, app: Host, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__(
            app, _("The story files have errors"), error_blocks(diagnostics, app.story_dir)
        )
