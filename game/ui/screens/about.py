"""About: what the game is (a fictional interpretation inspired by the documentary),
credits, licences and the content notes; the way to the glossary from the title."""

from __future__ import annotations

import pygame

from game.engine import Story
from game.i18n import N_, _
from game.ui.host import Host
from game.ui.screens.glossary import GlossaryScreen
from game.ui.screens.reader import Block, ReaderScreen
from game.ui.widgets import Button

CREDITS = (
    N_(
        "Text: Noto Serif, Noto Sans and Noto Serif CJK, under the SIL Open Font License 1.1 "
        "(assets/fonts/OFL.txt)."
    ),
    N_("Pictures: drawn for this game as SVG; their licence is in assets/LICENSE.md."),
    N_(
        "Music and sounds: synthesised for this game (devtools/make_audio.py), CC BY 4.0; "
        "see assets/music/LICENSE.md."
    ),
    N_("Made with Python, pygame-ce (LGPL 2.1) and PyYAML (MIT)."),
)


def about_blocks(story: Story) -> list[Block]:
    blocks = [
        Block("title", story.title),
        Block("dim", _("Story version {version}").format(version=story.version)),
    ]
    blocks.extend(Block("body", paragraph) for paragraph in story.about)
    if story.content_notes:
        blocks.append(Block("rule", ""))
        blocks.append(Block("name", _("Content notes")))
        blocks.extend(Block("body", "\u2022 " + note) for note in story.content_notes)
    blocks.append(Block("rule", ""))
    blocks.append(Block("name", _("Credits")))
    blocks.extend(Block("dim", _(line)) for line in CREDITS)
    return blocks


class AboutScreen(ReaderScreen):
    """About the game; its header also opens the glossary (G)."""

    name = "about"

    def __init__(self, app: Host) -> None:
        super().__init__(app, _("About"), about_blocks(app.story))

    def extra_buttons(self) -> list[Button]:
        if not self.app.story.glossary:
            return []
        return [Button(_("Glossary"), self.open_glossary, key_hint="G")]

    def open_glossary(self) -> None:
        self.app.push(GlossaryScreen(self.app))

    def handle(self, event: pygame.event.Event) -> bool | None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_g and self.app.story.glossary:
            self.open_glossary()
            return True
        return super().handle(event)
