"""The text mode: play the story in a terminal, with a screen reader, or from a pipe.

Wrapped text, numbered choices (locked ones shown with their reason), the meters
that moved after each choice, and a few one-letter commands: ``c`` the scene's context
cards, ``l`` ledger, ``u`` undo, ``h`` help, ``q`` quit. Context cards are named in one
line and read with ``c``, as the window opens them with C; classroom mode prints them in
full, with the discussion prompts. End of input ends the game quietly with status 0.

Nothing from a story, a mod or the player's input reaches the terminal raw: terminal
control characters are printed as visible escapes (``\\x1b``), so a story cannot clear
the screen or move the cursor. Input that is not valid UTF-8 reads as a character that
is not a choice; end of input, Ctrl+C and a closed output end the game quietly.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import textwrap
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from game.engine.diagnostics import escape_controls
from game.engine.model import Story
from game.engine.runner import Runner
from game.engine.view import ChoiceResult, SceneView
from game.records import build_record, write_record

HELP = "Type a number to choose. c: card  l: ledger  u: undo  h: help  q: quit"


class TextGame:
    """One text-mode session: reads commands, prints scenes."""

    def __init__(
        self,
        story: Story,
        seed: int,
        out: TextIO,
        read_line: Callable[[], str | None],
        *,
        classroom: bool = False,
        width: int | None = None,
        echo: bool = False,
        record_dir: Path | None = None,
    ) -> None:
        self.story = story
        self.runner = Runner(story, seed)
        self.out = out
        self.read_line = read_line
        self.classroom = classroom
        #: Where the decision record goes at the ending (classroom mode writes one to
        #: the default folder when no folder is named); None writes none.
        self.record_dir = record_dir
        self.width = width or max(40, min(88, shutil.get_terminal_size((80, 24)).columns - 2))
        self.initial = dict(self.runner.vars)
        self.echo = echo
        self.arrival: ChoiceResult | None = None

    # -- output ----------------------------------------------------------------------
    def say(self, text: str = "", indent: str = "", hanging: str | None = None) -> None:
        if not text:
            self.out.write("\n")
            return
        wrapped = textwrap.fill(
            escape_controls(text),
            width=self.width,
            initial_indent=indent,
            subsequent_indent=indent if hanging is None else hanging,
        )
        self.out.write(wrapped + "\n")

    def rule(self) -> None:
        self.out.write("-" * min(self.width, 60) + "\n")

    def intro(self) -> None:
        story = self.story
        self.say(story.title.upper())
        self.say(f"version {story.version}")
        self.say()
        for paragraph in story.about:
            self.say(paragraph)
            self.say()
        if story.content_notes:
            self.say("Content notes:")
            for note in story.content_notes:
                self.say(f"- {note}", indent="  ")
            self.say()
        self.say(HELP)

    def show_scene(self, view: SceneView) -> None:
        self.rule()
        heading = f"Chapter {view.chapter}: {view.chapter_title}" if view.chapter_title else ""
        if view.date:
            heading = (
                f"{heading}  ·  {format_date(view.date)}" if heading else format_date(view.date)
            )
        if heading:
            self.say(heading)
            self.say()
        arrival, self.arrival = self.arrival, None
        if arrival is not None and arrival.on_arrival:
            labels = self.story.variables
            for entry in arrival.arrival_ledger:
                self.say(
                    f"{entry.label}: {entry.amount:+,} yuan ({labels[entry.variable].label})",
                    indent="  ",
                    hanging="    ",
                )
            meters = [c for c in arrival.on_arrival if labels[c.variable].type != "money"]
            if meters:
                self.say("(" + ", ".join(f"{c.label} {c.delta:+,}" for c in meters) + ")", "  ")
            self.say()
        if view.speaker_name:
            self.say(f"{view.speaker_name}:")
        for paragraph in view.paragraphs:
            self.say(paragraph)
            self.say()
        if self.classroom:
            self.show_cards(view)
        elif view.cards:
            titles = "; ".join(card.title for card in view.cards)
            stop = "" if titles.endswith((".", "?", "!")) else "."
            self.say(f"[Context card: {titles}{stop} Type c to read it.]", indent="  ")
            self.say()
        if self.classroom:
            for prompt in view.discuss:
                self.say(f"[Discuss] {prompt}", indent="  ")
            if view.discuss:
                self.say()
        if view.kind == "continue":
            self.say("1. Continue")
            return
        for number, choice in enumerate(view.choices, start=1):
            if choice.enabled:
                self.say(f"{number}. {choice.text}", hanging="   ")
            else:
                reason = choice.locked_reason or "not possible now"
                self.say(f"{number}. (locked) {choice.text}. {reason.rstrip('.')}.", hanging="   ")

    def show_cards(self, view: SceneView) -> None:
        for card in view.cards:
            self.say(f"[Context] {card.title}", indent="  ")
            self.say(card.fact, indent="    ")
            self.say(f"Why it matters: {card.why}", indent="    ")
            self.say(f"Source: {card.source}", indent="    ")
            self.say()

    def show_result(self, result: ChoiceResult) -> None:
        for note in result.notes:
            self.say(f"  {note}")
        if result.by_choice:
            parts = [f"{c.label} {c.delta:+,}" for c in result.by_choice]
            self.say("  (" + ", ".join(parts) + ")")
        self.arrival = result
        if self.classroom and result.discuss:
            self.say(f"  [Discuss] {result.discuss}")

    def show_ledger(self) -> None:
        entries = self.runner.ledger
        self.rule()
        self.say("LEDGER")
        if not entries:
            self.say("No money has changed hands yet.")
        for entry in entries:
            label = self.story.variables[entry.variable].label
            self.say(
                f"{format_date(entry.date):>12}  {entry.amount:>+8,}  {entry.label}"
                f"  ({label}: {entry.balance:,})"
            )
        self.rule()

    def show_ending(self, view: SceneView) -> None:
        assert view.ending is not None
        self.rule()
        self.say(f"THE END: {view.ending.title}")
        self.say()
        for paragraph in view.ending.epilogue:
            self.say(paragraph)
            self.say()
        self.rule()
        self.show_money_totals()
        self.say()
        self.say("How things stand")
        for meter in view.meters:
            start = self.initial[meter.id]
            if meter.kind == "meter":
                self.say(
                    f"{meter.label:<24}{start:>3} -> {meter.value:<3} of {meter.maximum}",
                    indent="  ",
                )
            else:
                self.say(f"{meter.label:<24}{start:>10,} -> {meter.value:,} yuan", indent="  ")

    def save_record(self) -> None:
        """Write the decision record for the teacher, and say where it went."""
        record = build_record(self.story, self.runner, self.initial, classroom=self.classroom)
        try:
            path = write_record(record, self.record_dir)
        except OSError as exc:
            self.say()
            self.say(f"Your decisions could not be saved: {exc.strerror or exc}.")
            return
        self.say()
        self.say("Your decisions are saved for your teacher in this file:")
        self.out.write(f"  {escape_controls(str(path))}\n")

    def show_money_totals(self) -> None:
        """Where the money went: each ledger category, one column per money variable."""
        self.say("Where the money went")
        money = [v for v in self.story.variables.values() if v.type == "money"]
        totals: dict[tuple[str, str], int] = defaultdict(int)
        for entry in self.runner.ledger:
            totals[(entry.category, entry.variable)] += entry.amount
        header = "".join(f"{var.label[:14]:>16}" for var in money)
        self.say(f"{'':<24}{header}", indent="  ")
        for category, label in self.story.ledger_categories.items():
            amounts = [totals.get((category, var.id), 0) for var in money]
            if any(amounts):
                cells = "".join(f"{amount:>+16,}" if amount else f"{'':>16}" for amount in amounts)
                self.say(f"{label[:24]:<24}{cells}", indent="  ")

    # -- loop --------------------------------------------------------------------------
    def play(self) -> int:
        self.intro()
        shown = True
        view = self.runner.view()
        while True:
            if shown:
                if view.kind == "ending":
                    if view.paragraphs:
                        self.show_scene(view)
                    self.show_ending(view)
                    if self.classroom or self.record_dir is not None:
                        self.save_record()
                    return 0
                self.show_scene(view)
                if view.kind == "stuck":
                    self.say("There is no way on from here: this is a fault in the story.")
                    return 1
            shown = False
            self.out.write("> ")
            self.out.flush()
            line = self.read_line()
            if self.echo and line is not None:
                self.out.write(escape_controls(line.rstrip("\n")) + "\n")
            if line is None:
                self.say()
                self.say("(end of input: goodbye)")
                return 0
            command = line.strip().lower()
            if command in ("q", "quit", "exit"):
                self.say("Goodbye.")
                return 0
            if command in ("h", "help", "?"):
                self.say(HELP)
                continue
            if command in ("c", "card", "context"):
                if view.cards:
                    self.show_cards(view)
                else:
                    self.say("This scene has no context card.")
                continue
            if command in ("l", "ledger"):
                self.show_ledger()
                continue
            if command in ("u", "undo"):
                if self.runner.undo():
                    self.say("(The last choice is undone.)")
                    view = self.runner.view()
                    shown = True
                else:
                    self.say("There is nothing to undo.")
                continue
            if command == "" and view.kind == "continue":
                command = "1"
            chosen = self.pick(view, command)
            if chosen is None:
                continue
            result = self.runner.choose(chosen)
            self.show_result(result)
            view = self.runner.view()
            shown = True

    def pick(self, view: SceneView, command: str) -> str | None:
        if not (command.isascii() and command.isdigit()) or len(command) > 6:
            shown = command if len(command) <= 40 else command[:39] + "…"
            self.say(f"'{shown}' is not a choice. {HELP}")
            return None
        number = int(command)
        if not 1 <= number <= len(view.choices):
            self.say(f"Choose a number from 1 to {len(view.choices)}.")
            return None
        choice = view.choices[number - 1]
        if not choice.enabled:
            self.say(f"That choice is locked: {choice.locked_reason or 'not possible now'}.")
            return None
        return choice.id


def format_date(iso: str) -> str:
    """'2007-01-28' -> '28 Jan 2007'."""
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    try:
        year, month, day = iso.split("-")
        return f"{int(day)} {months[int(month) - 1]} {year}"
    except (ValueError, IndexError):
        return iso


def stdin_reader() -> Callable[[], str | None]:
    """Lines from standard input; None at its end, on Ctrl+C, or if it cannot be read."""

    def read() -> str | None:
        if sys.stdin is None:  # started with standard input closed
            return None
        try:
            return bounded_line(sys.stdin)
        except (KeyboardInterrupt, EOFError, OSError, ValueError):
            # ValueError: stdin closed. UnicodeDecodeError cannot happen once
            # tolerant_streams has run, but is a ValueError too.
            return None

    return read


#: The longest line of input read as a command; the rest of a longer line is skipped.
MAX_LINE = 4096
#: A line longer than this (``< /dev/zero``) is taken as the end of the input.
MAX_SKIPPED = 256 * MAX_LINE


def bounded_line(stream: TextIO) -> str | None:
    """The next line of ``stream`` (at most MAX_LINE characters), or None at its end.

    Memory stays bounded whatever comes in: the rest of an over-long line is read and
    dropped, and a line with no end in sight (over MAX_SKIPPED characters) ends the input.
    """
    line = stream.readline(MAX_LINE)
    if not line:
        return None
    if len(line) < MAX_LINE or line.endswith("\n"):
        return line
    skipped = 0
    while skipped < MAX_SKIPPED:
        rest = stream.readline(MAX_LINE)
        if not rest or rest.endswith("\n"):
            return line + "\n"
        skipped += len(rest)
    return None


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


def tolerant_streams() -> None:
    """Make standard input and output survive bytes and characters they cannot code.

    Under a strict UTF-8 locale (or PYTHONIOENCODING=utf-8), a byte that is not UTF-8
    on standard input would end the game with a traceback: it reads as U+FFFD instead
    (not a choice). Output a terminal cannot encode prints as '?' rather than failing.
    """
    for stream, errors in ((sys.stdin, "replace"), (sys.stdout, "replace")):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError, io.UnsupportedOperation):
                stream.reconfigure(errors=errors)


def run_text(
    story: Story, seed: int, classroom: bool = False, record_dir: Path | None = None
) -> int:
    tolerant_streams()
    game = TextGame(
        story,
        seed,
        sys.stdout,
        stdin_reader(),
        classroom=classroom,
        echo=sys.stdin is not None and not _isatty(sys.stdin),
        record_dir=record_dir,
    )
    try:
        return game.play()
    except KeyboardInterrupt:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.write("\n")
            sys.stdout.flush()
        return 0
    except BrokenPipeError:
        # The reader went away (``play --text | head``): stop quietly, and keep Python
        # from complaining as it flushes standard output on the way out.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
