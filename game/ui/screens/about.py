"""About: what the game is (a fictional interpretation inspired by the documentary),
credits, licences and the content notes."""

from __future__ import annotations

from game.ui.screens.reader import Block, ReaderScreen

CREDITS = (
    "Text: Noto Serif, Noto Sans and Noto Serif CJK, under the SIL Open Font License 1.1 "
    "(assets/fonts/OFL.txt).",
    "Pictures: drawn for this game as SVG; their licence is in assets/LICENSE.md.",
    "Made with Python, pygame-ce (LGPL 2.1) and PyYAML (MIT).",
)


def about_blocks(story) -> list[Block]:
    blocks = [Block("title", story.title), Block("dim", f"Story version {story.version}")]
    blocks.extend(Block("body", paragraph) for paragraph in story.about)
    if story.content_notes:
        blocks.append(Block("rule", ""))
        blocks.append(Block("name", "Content notes"))
        blocks.extend(Block("body", "\u2022 " + note) for note in story.content_notes)
    blocks.append(Block("rule", ""))
    blocks.append(Block("name", "Credits"))
    blocks.extend(Block("dim", line) for line in CREDITS)
    return blocks


class AboutScreen(ReaderScreen):
    name = "about"

    def __init__(self, app) -> None:
        super().__init__(app, "About", about_blocks(app.story))
