"""The glossary (G, or the top bar, or from About): the story's words, explained.

Terms are listed alphabetically, each with its definition, in a column that scrolls
and wraps at every text size. G, Esc or a right click closes it.
"""

from __future__ import annotations

import pygame

from game.i18n import _, ngettext
from game.ui.host import Host
from game.ui.screens.reader import Block, ReaderScreen


def glossary_blocks(glossary: dict[str, tuple[str, str]]) -> list[Block]:
    """Each term (alphabetically, ignoring case) followed by its definition."""
    entries = sorted(glossary.values(), key=lambda entry: entry[0].casefold())
    if not entries:
        return [Block("dim", _("This story has no glossary."))]
    blocks: list[Block] = [
        Block(
            "dim",
            ngettext(
                "{n} word the story uses, explained.",
                "{n} words the story uses, explained.",
                len(entries),
            ).format(n=len(entries)),
        )
    ]
    for term, definition in entries:
        blocks.append(Block("term", term))
        blocks.append(Block("body", definition))
    return blocks


class GlossaryScreen(ReaderScreen):
    name = "glossary"
    close_keys = (pygame.K_g,)

    def __init__(self, app: Host) -> None:
        super().__init__(app, _("Glossary"), glossary_blocks(app.story.glossary))
