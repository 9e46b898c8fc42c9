"""The end of a lesson path: the game stops here, says so, and shows how things stand.

A lesson path (``starts:`` with ``until:`` in story.yaml) ends at a scene that is not an
ending. This screen tells the class that the lesson stops, shows the meters and money
against where the lesson began, and offers the title screen and the decision record
(written without asking in classroom mode, as at an ending).
"""

from __future__ import annotations

import pygame

from game.i18n import _, format_money, format_number
from game.ui.host import Host
from game.ui.screens.reader import Block, ReaderScreen
from game.ui.widgets import Button


def standing_blocks(app: Host) -> list[Block]:
    """'How things stand': each meter and money value, from the lesson's start to now."""
    session = app.session
    if session is None:
        return []
    start = {meter.id: meter.value for meter in session.start_meters}
    blocks = [Block("name", _("How things stand"))]
    for meter in session.view.meters:
        before = start.get(meter.id, meter.value)
        if meter.kind == "money":
            line = _("{meter}: {before} then, {now} now").format(
                meter=meter.label, before=format_money(before), now=format_money(meter.value)
            )
        else:
            line = _("{meter}: {before} then, {now} now (of {most})").format(
                meter=meter.label,
                before=format_number(before),
                now=format_number(meter.value),
                most=format_number(meter.maximum or 0),
            )
        blocks.append(Block("body", line))
    return blocks


class LessonEndScreen(ReaderScreen):
    name = "lesson-end"
    close_keys = ()

    def __init__(self, app: Host) -> None:
        blocks = [
            Block(
                "body",
                _(
                    "This lesson stops here. The story goes on from this scene: play the whole"
                    " chapter, or start the next one, to see what follows."
                ),
            ),
            *standing_blocks(app),
        ]
        super().__init__(app, _("End of the lesson path"), blocks)
        session = app.session
        if app.records_automatically and session is not None and session.record_path is None:
            app.save_decisions()

    def extra_buttons(self) -> list[Button]:
        return [
            Button(_("Save my decisions for the teacher"), self.app.save_decisions, key_hint="D"),
            Button(_("Back to the title"), self.app.go_title, key_hint="T"),
        ]

    def handle(self, event: pygame.event.Event) -> bool | None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_d:
            self.app.save_decisions()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_t:
            self.app.go_title()
            return True
        return super().handle(event)
