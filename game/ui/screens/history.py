"""History (H, or the mouse wheel up): the text read so far and the choices made."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.engine import TranscriptEntry
from game.i18n import _
from game.ui.host import Host
from game.ui.screens.reader import Block, ReaderScreen


def history_blocks(transcript: Sequence[TranscriptEntry]) -> list[Block]:
    """The transcript as blocks: speaker, paragraphs, then the choice made there."""
    blocks: list[Block] = []
    for index, entry in enumerate(transcript):
        if index:
            blocks.append(Block("rule", ""))
        if entry.speaker_name:
            blocks.append(Block("name", entry.speaker_name))
        blocks.extend(Block("body", paragraph) for paragraph in entry.paragraphs)
        if entry.choice_text:
            blocks.append(Block("choice", "\u2192 " + entry.choice_text))
    return blocks or [Block("dim", _("Nothing has been read yet."))]


class HistoryScreen(ReaderScreen):
    name = "history"
    close_keys = (pygame.K_h,)

    def __init__(self, app: Host) -> None:
        transcript = app.session.runner.transcript if app.session else ()
        super().__init__(app, _("History"), history_blocks(transcript), start_at_end=True)

    def handle(self, event: pygame.event.Event) -> bool | None:
        # Wheel down past the end returns to the story, as in most visual novels.
        if (
            event.type == pygame.MOUSEWHEEL
            and event.y < 0
            and self.scroll >= self._content_h - self._view_h - 1
        ):
            self.app.pop()
            return True
        return super().handle(event)
