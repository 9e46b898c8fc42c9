"""What the meters mean (M, or a click on the money and meters card): each meter with its
number now and a sentence on what it measures and what moves it.

The sentences for the shipped story's meters are here; a meter a mod adds gets a plain
line with its range. M, Esc or a right click closes it.
"""

from __future__ import annotations

import pygame

from game.engine import MeterView
from game.i18n import N_, _, format_number
from game.ui.host import Host
from game.ui.hud import meter_number
from game.ui.screens.reader import Block, ReaderScreen

MEANINGS: dict[str, str] = {
    "money": N_(
        "The cash Guoping and Xiulan carry in Guangzhou: wages come in here, and rent,"
        " food, tickets and what they send home go out."
    ),
    "savings": N_(
        "The savings book at home in the village, kept with Nainai at the credit"
        " co-operative: money sent home lands here, for the school fees and the new house."
    ),
    "qin": N_(
        "How close Qin, the daughter, feels to her parents, from 0 (strangers) to 10"
        " (close). Listening to her and keeping promises raise it; deciding for her lowers it."
    ),
    "son": N_(
        "How close Lei, the son, feels to his parents, from 0 to 10. Calls home, presents"
        " and time together raise it."
    ),
    "nainai": N_(
        "How things stand with Nainai, the grandmother who raises the children, from 0"
        " to 10. Help at home and respect for her care raise it."
    ),
    "couple": N_(
        "Each other: how Guoping and Xiulan stand with one another, from 0 (barely"
        " speaking) to 10 (close). Shared decisions raise it; quarrels over money lower it."
    ),
    "health": N_(
        "The parents' strength, from 0 (worn out) to 10 (well). Overtime and standing"
        " journeys wear it down; rest, food and a doctor bring some back."
    ),
}


def meaning(meter: MeterView) -> str:
    """What a meter measures, in a sentence."""
    known = MEANINGS.get(meter.id)
    if known:
        return _(known)
    if meter.kind == "money":
        return _("{meter}: a sum of money, in yuan.").format(meter=meter.label)
    low = meter.minimum if meter.minimum is not None else 0
    if meter.maximum is not None:
        return _("{meter}: from {low} (lowest) to {high} (highest).").format(
            meter=meter.label, low=format_number(low), high=format_number(meter.maximum)
        )
    return _("{meter}: a count the story keeps.").format(meter=meter.label)


def meter_blocks(meters: tuple[MeterView, ...]) -> list[Block]:
    if not meters:
        return [Block("dim", _("This story shows no meters."))]
    blocks = [
        Block(
            "dim",
            _(
                "The card at the top left shows these. Hover over a meter to see its number;"
                " the ledger (L) lists every yuan."
            ),
        )
    ]
    for meter in meters:
        blocks.append(
            Block(
                "term",
                _("{meter}: {value}").format(meter=meter.label, value=meter_number(meter)),
            )
        )
        blocks.append(Block("body", meaning(meter)))
    return blocks


class MetersScreen(ReaderScreen):
    name = "meters"
    close_keys = (pygame.K_m,)

    def __init__(self, app: Host) -> None:
        session = app.session
        meters = session.view.meters if session is not None else ()
        super().__init__(app, _("What the meters mean"), meter_blocks(meters))
