"""Context cards (C) and discussion prompts: a fact, its source and why it matters."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.engine import ContextCard
from game.i18n import _, ngettext
from game.ui.host import Host
from game.ui.screens.reader import Block, ReaderScreen


def card_blocks(cards: Sequence[ContextCard]) -> list[Block]:
    blocks: list[Block] = []
    for index, card in enumerate(cards):
        if index:
            blocks.append(Block("rule", ""))
        blocks.append(Block("title", card.title))
        blocks.append(Block("body", card.fact))
        blocks.append(Block("name", _("Why it matters here")))
        blocks.append(Block("body", card.why))
        blocks.append(Block("dim", _("Source: {source}").format(source=card.source)))
    return blocks


class CardsScreen(ReaderScreen):
    name = "cards"
    close_keys = (pygame.K_c, pygame.K_RETURN, pygame.K_KP_ENTER)

    def __init__(self, app: Host, cards: Sequence[ContextCard]) -> None:
        title = ngettext("Context card", "Context cards", len(cards))
        super().__init__(app, title, card_blocks(cards))


class DiscussScreen(ReaderScreen):
    """Classroom mode: a discussion prompt after a choice, before the story goes on."""

    name = "discuss"
    close_keys = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)

    def __init__(self, app: Host, prompts: list[str]) -> None:
        blocks = [Block("body", prompt) for prompt in prompts]
        blocks.append(Block("dim", _("Talk it over, then press Enter to go on.")))
        super().__init__(app, _("Discuss"), blocks)
