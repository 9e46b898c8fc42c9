"""Making catalogues for tests: every string of a story marked, or a chosen few."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from game.engine import StoryString

OPEN, CLOSE = "\u27ea", "\u27eb"


def mark(english: str) -> str:
    """Every paragraph of ``english`` between ⟪ and ⟫, placeholders and markup kept."""
    return "\n\n".join(f"{OPEN}{p}{CLOSE}" for p in english.split("\n\n"))


def write_catalog(
    path: Path,
    strings: Iterable[StoryString],
    translate: Callable[[StoryString], str | None] = lambda s: mark(s.english),
    locale: str = "fr",
    fuzzy: Iterable[str] = (),
) -> Path:
    """A PO file at ``path`` with ``translate(string)`` for each string (None: left out)."""
    catalog = Catalog(locale=locale, fuzzy=False)
    stale = set(fuzzy)
    for string in strings:
        text = translate(string)
        if text is None:
            continue
        flags = ("fuzzy",) if string.context in stale else ()
        catalog.add(string.english, text, context=string.context, flags=flags)
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path


SMALL_STORY = {
    "story.yaml": """\
format: 1
id: tickets-demo
title: Two Tickets
version: 0.1.0
start: window
chapters: [tickets.yaml]
variables:
  money: {type: money, initial: 500, label: Cash, hud: true}
  qin:   {type: int, initial: 3, min: 0, max: 10, label: Qin, hud: true}
characters:
  clerk: {name: Ticket clerk}
ledger:
  tickets: Train tickets
""",
    "tickets.yaml": """\
chapter: 1
title: The window
scenes:
  window:
    date: 2007-01-28
    speaker: clerk
    text: |
      "Hard seat, Chongqing, the 29th. Two hundred and ten each. Next!"
    choices:
      - text: Two tickets, please
        requires: money >= 420
        effects: ['money -= 420 "Two hard seats" [tickets]']
        goto: home
      - text: One ticket; your wife goes home, you stay
        effects:
          - money -= 210 "One hard seat" [tickets]
          - qin -= 1
        note: Qin will remember this. You have {money} left.
        goto: alone
  home:
    ending:
      title: Home together
      epilogue: You stand for thirty hours. It is worth it. You have {money} left.
  alone:
    ending:
      title: New Year in the dormitory
      epilogue: The factory canteen serves dumplings. You eat them alone.
""",
}


def small_story(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in SMALL_STORY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
