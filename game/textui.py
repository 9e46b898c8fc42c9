"""The text mode: play the story in a terminal, with a screen reader, or from a pipe.

Wrapped text, numbered choices (locked ones shown with their reason), the meters
that moved after each choice, and a few one-letter commands: ``c`` the scene's context
cards, ``l`` ledger, ``u`` undo, ``h`` help, ``q`` quit. Context cards are named in one
line and read with ``c``, as the window opens them with C; classroom mode prints them in
full, with the discussion prompts. End of input ends the game quietly with status 0.

With a save store (as ``play --text`` has) the game autosaves after every choice and
``s N`` saves to slot N, ``o N`` opens one, ``v`` lists them: the same slots, files
and format as the window, so a game saved in one opens in the other.

Nothing from a story, a mod or the player's input reaches the terminal raw: terminal
control characters are printed as visible escapes (``\\x1b``), so a story cannot clear
the screen or move the cursor. Input that is not valid UTF-8 reads as a character that
is not a choice; end of input, Ctrl+C and a closed output end the game quietly.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import sys
import textwrap
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from game import crash
from game.engine import Change, ChoiceResult, Runner, SceneView, Story, escape_controls
from game.i18n import N_, _, format_date, format_money, format_number, ngettext
from game.play.session import GameSession, LoadFailed, LoadNeedsMods
from game.play.votes import CountError, bar, leaders, parse_counts, split_words
from game.records import build_record, default_folder, write_record
from game.saves import (
    AUTOSAVE,
    NUMBERED_SLOTS,
    QUICKSAVE,
    SaveStore,
    format_play_time,
    slot_title,
)
from game.textlayout import has_cjk, wrap_columns

#: Dates in the text mode are short: "28 Jan 2007".
SHORT = "short"
# Marked with N_ and translated where they are printed (the language can change).
HELP = N_("Type a number to choose. c: card  l: ledger  u: undo  h: help  q: quit")
VOTE_HELP = N_(
    "Class vote: at each decision, count the hands for each open choice and type the"
    " counts in order (14 11 0); or type one choice's number to pick it without a vote."
)
SAVE_HELP = N_("s N: save in slot N (1 to 9)  o N: open slot N (or o auto)  v: list the saves")
SLOT_WORDS = {"auto": AUTOSAVE, "autosave": AUTOSAVE, "quick": QUICKSAVE, "quicksave": QUICKSAVE}


def wrap_for_terminal(text: str, width: int, indent: str = "", hanging: str | None = None) -> str:
    """Wrap a paragraph to ``width`` terminal columns.

    Text with Chinese (or other CJK) characters wraps by display width (a wide character
    takes two columns) with the Chinese line-breaking rules of :mod:`game.textlayout`,
    as the window does; English text keeps :func:`textwrap.fill` (spaces and hyphens),
    as it always has.
    """
    if has_cjk(text) or has_cjk(indent) or has_cjk(hanging or ""):
        return wrap_columns(text, width, indent, hanging)
    return textwrap.fill(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=indent if hanging is None else hanging,
    )


def signed(amount: int) -> str:
    """'+1,480' or '-190': a change, with the language's grouping (ASCII sign, as the
    terminal columns have always shown it)."""
    return ("+" if amount >= 0 else "-") + format_number(abs(amount))


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
        saves: SaveStore | None = None,
        runner: Runner | None = None,
        session: GameSession | None = None,
        summary: str = "",
        until: tuple[str, ...] = (),
        class_vote: bool = False,
        plain: bool = False,
    ) -> None:
        self.story = story
        #: For screen readers and speech: one line per paragraph, no rules, brackets,
        #: arrows or columns; changes said in words ("Cash down 190 yuan").
        self.plain = plain
        if session is not None:
            runner = session.runner
        self.runner = runner if runner is not None else Runner(story, seed)
        #: With a save store: the session that autosaves after every choice.
        self.saves = saves
        if session is None and saves is not None:
            session = GameSession(story, self.runner, saves, start_meters=self.runner.view().meters)
            session.autosave()
        self.session = session
        #: A chapter start's or lesson path's sentence, shown before the first scene.
        self.summary = summary
        #: A lesson path ends when it reaches one of these scenes.
        self.until = until
        #: Whole-class play: the class votes by hands at every decision.
        self.class_vote = class_vote
        #: Hands counted at each decision, by the step it was made at: {choice id: hands}.
        self.votes: dict[int, dict[str, int]] = {}
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
        if self.plain:
            self.out.write(speakable(" ".join(text.split())) + "\n")
            return
        self.out.write(wrap_for_terminal(escape_controls(text), self.width, indent, hanging) + "\n")

    def rule(self) -> None:
        self.out.write("\n" if self.plain else "-" * min(self.width, 60) + "\n")

    def tagged(self, tag: str, text: str, indent: str = "  ") -> None:
        """A labelled line: '[Discuss] ...' on a terminal, 'Discuss: ...' in plain mode."""
        line = _("{tag}: {text}") if self.plain else _("[{tag}] {text}")
        self.say(line.format(tag=tag, text=text), indent=indent)

    def changes_line(self, changes: Sequence[Change]) -> str:
        """'(Cash -190, Qin +1)', or in plain mode 'Cash down 190 yuan to 460. Qin up 1.'"""
        if not self.plain:
            parts = [
                _("{meter} {change}").format(meter=c.label, change=signed(c.delta)) for c in changes
            ]
            return _("({changes})").format(changes=_(", ").join(parts))
        words = []
        for change in changes:
            var = self.story.variables.get(change.variable)
            up = change.delta > 0
            if var is not None and var.type == "money":
                line = (
                    _("{meter} up {amount} to {total}.")
                    if up
                    else _("{meter} down {amount} to {total}.")
                )
                words.append(
                    line.format(
                        meter=change.label,
                        amount=format_money(abs(change.delta)),
                        total=format_number(change.after),
                    )
                )
            else:
                line = _("{meter} up {amount}.") if up else _("{meter} down {amount}.")
                words.append(
                    line.format(meter=change.label, amount=format_number(abs(change.delta)))
                )
        return " ".join(words)

    def intro(self) -> None:
        story = self.story
        self.say(story.title.upper())
        self.say(_("version {version}").format(version=story.version))
        self.say()
        for paragraph in story.about:
            self.say(paragraph)
            self.say()
        if story.content_notes:
            self.say(_("Content notes:"))
            for note in story.content_notes:
                line = _("{note}.") if self.plain else _("- {note}")
                self.say(line.format(note=note), indent="  ")
            self.say()
        self.say(_(HELP))
        if self.session is not None:
            self.say(_(SAVE_HELP))
        if self.class_vote:
            self.say(_(VOTE_HELP))
        if self.summary:
            self.say()
            self.say(self.summary)

    def show_scene(self, view: SceneView) -> None:
        self.rule()
        heading = (
            _("Chapter {number}: {title}").format(number=view.chapter, title=view.chapter_title)
            if view.chapter_title
            else ""
        )
        if view.date:
            date = format_date(view.date, SHORT)
            line = _("{heading}, {date}") if self.plain else _("{heading}  ·  {date}")
            heading = line.format(heading=heading, date=date) if heading else date
        if heading:
            self.say(heading)
            self.say()
        arrival, self.arrival = self.arrival, None
        if arrival is not None and arrival.on_arrival:
            labels = self.story.variables
            for entry in arrival.arrival_ledger:
                account = labels[entry.variable].label
                if self.plain:
                    way = (
                        _("{label}: in {amount}, {account}.")
                        if entry.amount > 0
                        else _("{label}: out {amount}, {account}.")
                    )
                    line = way.format(
                        label=entry.label, amount=format_money(abs(entry.amount)), account=account
                    )
                else:
                    line = _("{label}: {change} yuan ({account})").format(
                        label=entry.label, change=signed(entry.amount), account=account
                    )
                self.say(line, indent="  ", hanging="    ")
            meters = [c for c in arrival.on_arrival if labels[c.variable].type != "money"]
            if meters:
                self.say(self.changes_line(meters), "  ")
            self.say()
        if view.speaker_name:
            self.say(_("{speaker}:").format(speaker=view.speaker_name))
        for paragraph in view.paragraphs:
            self.say(paragraph)
            self.say()
        if self.classroom:
            self.show_cards(view)
        elif view.cards:
            titles = _("; ").join(card.title for card in view.cards)
            if not titles.endswith((".", "?", "!", "。", "？", "！")):
                titles = _("{title}.").format(title=titles)
            line = ngettext(
                "Context card: {titles} Type c to read it.",
                "Context cards: {titles} Type c to read them.",
                len(view.cards),
            ).format(titles=titles)
            self.say(line if self.plain else _("[{line}]").format(line=line), indent="  ")
            self.say()
        if self.classroom:
            for prompt in view.discuss:
                self.tagged(_("Discuss"), prompt)
            if view.discuss:
                self.say()
        if view.kind == "continue":
            self.say(_("{number}. {choice}").format(number=1, choice=_("Continue")))
            return
        for number, choice in enumerate(view.choices, start=1):
            if choice.enabled:
                self.say(
                    _("{number}. {choice}").format(number=number, choice=choice.text),
                    hanging="   ",
                )
            else:
                reason = (choice.locked_reason or _("not possible now")).rstrip(".")
                line = (
                    _("{number}. locked: {choice}. {reason}.")
                    if self.plain
                    else _("{number}. (locked) {choice}. {reason}.")
                )
                self.say(
                    line.format(number=number, choice=choice.text, reason=reason), hanging="   "
                )

    def show_cards(self, view: SceneView) -> None:
        for card in view.cards:
            self.tagged(_("Context"), card.title)
            self.say(card.fact, indent="    ")
            self.say(_("Why it matters: {why}").format(why=card.why), indent="    ")
            self.say(_("Source: {source}").format(source=card.source), indent="    ")
            self.say()

    def show_result(self, result: ChoiceResult) -> None:
        for note in result.notes:
            self.say(f"  {note}")
        if result.by_choice:
            self.say("  " + self.changes_line(result.by_choice))
        self.arrival = result
        if self.classroom and result.discuss:
            self.tagged(_("Discuss"), result.discuss)

    def show_ledger(self) -> None:
        entries = self.runner.ledger
        self.rule()
        self.say(_("LEDGER"))
        if not entries:
            self.say(_("No money has changed hands yet."))
        for entry in entries:
            label = self.story.variables[entry.variable].label
            date = format_date(entry.date, SHORT)
            if self.plain:
                line = (
                    _("{date}: {label}, in {amount}. {account} {balance}.")
                    if entry.amount > 0
                    else _("{date}: {label}, out {amount}. {account} {balance}.")
                )
                self.say(
                    line.format(
                        date=date,
                        label=entry.label,
                        amount=format_money(abs(entry.amount)),
                        account=label,
                        balance=format_money(entry.balance),
                    )
                )
                continue
            self.say(
                _("{date}  {change}  {label}  ({account}: {balance})").format(
                    date=f"{date:>12}",
                    change=f"{signed(entry.amount):>8}",
                    label=entry.label,
                    account=label,
                    balance=format_number(entry.balance),
                )
            )
        self.rule()

    def show_ending(self, view: SceneView) -> None:
        assert view.ending is not None
        self.rule()
        self.say(_("THE END: {title}").format(title=view.ending.title))
        self.say()
        for paragraph in view.ending.epilogue:
            self.say(paragraph)
            self.say()
        self.rule()
        self.show_money_totals()
        self.say()
        self.show_standing(view)

    def show_path_end(self, view: SceneView) -> None:
        """A lesson path reached its last scene: say so, and how things stand."""
        self.rule()
        self.say(_("END OF THE LESSON PATH"))
        self.say()
        self.say(
            _(
                "This lesson stops here. The story goes on from this scene: play the whole"
                " chapter, or start the next one, to see what follows."
            )
        )
        self.say()
        self.show_standing(view)

    def show_standing(self, view: SceneView) -> None:
        self.say(_("How things stand"))
        for meter in view.meters:
            start = self.initial[meter.id]
            if self.plain:
                if meter.kind == "money":
                    line = _("{meter}: {start} at the start, {now} now.").format(
                        meter=meter.label, start=format_money(start), now=format_money(meter.value)
                    )
                elif meter.kind == "meter":
                    line = _("{meter}: {start} at the start, {now} now, out of {most}.").format(
                        meter=meter.label,
                        start=format_number(start),
                        now=format_number(meter.value),
                        most=format_number(meter.maximum or 0),
                    )
                else:
                    line = _("{meter}: {start} at the start, {now} now.").format(
                        meter=meter.label,
                        start=format_number(start),
                        now=format_number(meter.value),
                    )
                self.say(line)
                continue
            if meter.kind == "meter":
                line = _("{meter}{start} -> {now} of {most}").format(
                    meter=f"{meter.label:<24}",
                    start=f"{format_number(start):>3}",
                    now=f"{format_number(meter.value):<3}",
                    most=format_number(meter.maximum or 0),
                )
            else:
                line = _("{meter}{start} -> {now}").format(
                    meter=f"{meter.label:<24}",
                    start=f"{format_number(start):>10}",
                    now=format_money(meter.value),
                )
            self.say(line, indent="  ")

    def save_record(self, *, path_end: bool = False) -> None:
        """Write the decision record for the teacher (finished), and say where it went."""
        if self.session is not None:
            self.keep_records(self.session)
            found = self.session.write_record(path_end=path_end)
            if found is None:
                self.say()
                self.say(_("{error}.").format(error=self.session.last_record_error))
                return
            path = found
        else:
            record = build_record(
                self.story,
                self.runner,
                self.initial,
                classroom=self.classroom,
                votes=self.votes,
                path_end=path_end,
            )
            try:
                path = write_record(record, self.record_dir)
            except OSError as exc:
                self.say()
                self.say(
                    _("Your decisions could not be saved: {reason}.").format(
                        reason=exc.strerror or exc
                    )
                )
                return
        self.say()
        self.say(_("Your decisions are saved for your teacher in this file:"))
        self.out.write(f"  {escape_controls(str(path))}\n")

    def show_money_totals(self) -> None:
        """Where the money went: each ledger category, one column per money variable."""
        self.say(_("Where the money went"))
        money = [v for v in self.story.variables.values() if v.type == "money"]
        totals: dict[tuple[str, str], int] = defaultdict(int)
        for entry in self.runner.ledger:
            totals[(entry.category, entry.variable)] += entry.amount
        if self.plain:
            for category, label in self.story.ledger_categories.items():
                parts = [
                    (
                        _("{account} in {amount}") if total > 0 else _("{account} out {amount}")
                    ).format(account=var.label, amount=format_money(abs(total)))
                    for var in money
                    if (total := totals.get((category, var.id), 0))
                ]
                if parts:
                    self.say(
                        _("{category}: {amounts}.").format(
                            category=label, amounts=_(", ").join(parts)
                        )
                    )
            return
        header = "".join(f"{var.label[:14]:>16}" for var in money)
        self.say(f"{'':<24}{header}", indent="  ")
        for category, label in self.story.ledger_categories.items():
            amounts = [totals.get((category, var.id), 0) for var in money]
            if any(amounts):
                cells = "".join(
                    f"{signed(amount):>16}" if amount else f"{'':>16}" for amount in amounts
                )
                self.say(f"{label[:24]:<24}{cells}", indent="  ")

    # -- loop --------------------------------------------------------------------------
    def play(self) -> int:
        self.intro()
        if self.session is not None and self.session.notice:
            # --continue: how the save was restored (moved, or another version of a mod).
            self.say(self.session.notice)
        shown = True
        view = self.runner.view()
        crash.note_scene(self.runner.scene_id)
        while True:
            if shown:
                if view.scene_id in self.until:
                    self.show_path_end(view)
                    if self.classroom or self.record_dir is not None:
                        self.save_record(path_end=True)
                    return 0
                if view.kind == "ending":
                    if view.paragraphs:
                        self.show_scene(view)
                    self.show_ending(view)
                    if self.classroom or self.record_dir is not None:
                        self.save_record()
                    return 0
                self.show_scene(view)
                if view.kind == "stuck":
                    self.say(_("There is no way on from here: this is a fault in the story."))
                    return 1
            shown = False
            self.out.write(_("Your choice: ") if self.plain else "> ")
            self.out.flush()
            line = self.read_line()
            if self.echo and line is not None:
                self.out.write(escape_controls(line.rstrip("\n")) + "\n")
            if line is None:
                self.say()
                self.say(_("(end of input: goodbye)"))
                return 0
            command = line.strip().lower()
            if command in ("q", "quit", "exit"):
                self.say(_("Goodbye."))
                return 0
            if command in ("h", "help", "?"):
                self.say(_(HELP))
                if self.session is not None:
                    self.say(_(SAVE_HELP))
                continue
            word, _space, argument = command.partition(" ")
            if word in ("s", "save", "o", "open", "load", "v", "saves"):
                if self.session is None:
                    self.say(_("Saving is not available in this game."))
                elif word in ("v", "saves"):
                    self.list_saves()
                elif word in ("s", "save"):
                    self.save_to(argument.strip())
                elif self.open_slot(argument.strip()):
                    view = self.runner.view()
                    shown = True
                continue
            if command in ("c", "card", "context"):
                if view.cards:
                    self.show_cards(view)
                else:
                    self.say(_("This scene has no context card."))
                continue
            if command in ("l", "ledger"):
                self.show_ledger()
                continue
            if command in ("u", "undo"):
                if self.session.undo() if self.session is not None else self.runner.undo():
                    self.say(_("(The last choice is undone.)"))
                    view = self.runner.view()
                    shown = True
                else:
                    self.say(_("There is nothing to undo."))
                continue
            if command == "" and view.kind == "continue":
                command = "1"
            if self.class_vote and len(self.open_numbers(view)) >= 2:
                chosen = self.vote(view, command)
            else:
                chosen = self.pick(view, command)
            if chosen is None:
                continue
            result = self.choose(chosen)
            self.show_result(result)
            view = self.runner.view()
            shown = True

    def choose(self, choice_id: str) -> ChoiceResult:
        """Make a choice; with a save store, the autosave follows it (and in classroom
        mode the decision record so far, so that the bell loses nothing)."""
        if self.session is None:
            result = self.runner.choose(choice_id)
            crash.note_scene(self.runner.scene_id)
            return result
        self.keep_records(self.session)
        result = self.session.choose(choice_id)
        if self.session.last_save_error:
            self.say(_("({error})").format(error=self.session.last_save_error))
        if self.session.last_record_error:
            self.say(_("({error})").format(error=self.session.last_record_error))
        return result

    def keep_records(self, session: GameSession) -> None:
        """Classroom mode (or a teacher's folder): the session writes the record after
        every decision, with the hands counted in whole-class play."""
        if self.classroom or self.record_dir is not None:
            session.classroom = self.classroom
            session.record_folder = self.record_dir or default_folder()
        session.votes = self.votes

    # -- saves -------------------------------------------------------------------------
    def slot_of(self, argument: str) -> str | None:
        """The slot a player named ('3', 'auto', 'quick'), or None after saying why not."""
        slot = SLOT_WORDS.get(argument, argument)
        if slot in NUMBERED_SLOTS or slot in (AUTOSAVE, QUICKSAVE):
            return slot
        self.say(
            _("Name a slot from 1 to {last} (or auto): for example s 3.").format(
                last=len(NUMBERED_SLOTS)
            )
        )
        return None

    def list_saves(self) -> None:
        assert self.saves is not None
        for info in self.saves.list_slots():
            if info.state == "empty":
                detail = _("empty")
            elif info.state == "needs_mods":
                detail = _("needs a mod: {reason}").format(reason=info.reason or "")
            elif info.meta is None:
                detail = _("damaged: {reason}").format(reason=info.reason or _("unreadable"))
            else:
                meta = info.meta
                when = format_date(meta.date, SHORT) if meta.date else ""
                detail = _("Chapter {number}, {date}, cash {money}, played {time}").format(
                    number=meta.chapter,
                    date=when,
                    money=format_money(meta.money),
                    time=format_play_time(meta.play_seconds),
                )
            title = _("{slot}:").format(slot=info.title)
            self.say(f"{title:<11} {detail}", indent="  ", hanging="              ")

    def save_to(self, argument: str) -> None:
        assert self.session is not None
        slot = self.slot_of(argument) if argument else None
        if slot is None:
            if not argument:
                self.say(_("Save where? Type s and a slot number from 1 to 9: s 3."))
            return
        try:
            self.session.save(slot)
        except OSError as exc:
            self.say(_("Could not save: {reason}.").format(reason=exc.strerror or exc))
            return
        self.say(_("Saved in {slot}.").format(slot=slot_title(slot)))

    def open_slot(self, argument: str) -> bool:
        """Load a slot in place of this game; True when it was loaded."""
        assert self.saves is not None
        slot = self.slot_of(argument) if argument else None
        if slot is None:
            if not argument:
                self.say(_("Open which save? Type o and a slot number (or o auto). v lists them."))
            return False
        try:
            session = GameSession.from_slot(self.story, self.saves, slot)
        except LoadFailed as exc:
            self.say(_("Cannot open {slot}: {reason}").format(slot=slot_title(slot), reason=exc))
            return False
        self.adopt(session)
        self.say(_("(Opened {slot}.)").format(slot=slot_title(slot)))
        if session.notice:
            self.say(session.notice)
        return True

    def adopt(self, session: GameSession) -> None:
        """Play on with a loaded session."""
        self.session = session
        self.runner = session.runner
        self.initial = {meter.id: meter.value for meter in session.start_meters}
        for name, value in self.runner.vars.items():
            self.initial.setdefault(name, value)

    # -- whole-class votes ------------------------------------------------------------
    @staticmethod
    def open_numbers(view: SceneView) -> list[int]:
        if view.kind != "choices":
            return []
        return [n for n, choice in enumerate(view.choices, start=1) if choice.enabled]

    def vote(self, view: SceneView, command: str) -> str | None:
        """Counts of hands for the open choices, or one number to pick without a vote."""
        numbers = self.open_numbers(view)
        if command.isdigit() and len(command.split()) == 1 and int(command) <= len(view.choices):
            return self.pick(view, command)
        try:
            counts = parse_counts(command, len(numbers))
        except CountError as exc:
            self.say(_("Hands: {problem}.").format(problem=exc))
            return None
        by_choice = {
            view.choices[n - 1].id: count for n, count in zip(numbers, counts, strict=True)
        }
        most = max(counts)
        for number, count in zip(numbers, counts, strict=True):
            hands = ngettext("{n} hand", "{n} hands", count).format(n=format_number(count))
            if self.plain:
                self.say(_("Choice {number}: {hands}.").format(number=number, hands=hands))
            else:
                self.say(f"{number}. {bar(count, most):<24} {hands}", "  ")
        top = leaders(by_choice)
        if not top:
            self.say(_("No hands for any choice: count again, or type a choice's number."))
            return None
        chosen: str | None = top[0]
        if len(top) > 1:
            chosen = self.break_tie(view, [n for n in numbers if view.choices[n - 1].id in top])
            if chosen is None:
                return None
        self.votes[self.runner.step] = by_choice
        number = next(n for n in numbers if view.choices[n - 1].id == chosen)
        self.say(
            _("The class goes with {number} ({split}).").format(
                number=number, split=split_words(counts)
            ),
            "  ",
        )
        return chosen

    def break_tie(self, view: SceneView, tied: list[int]) -> str | None:
        listed = _("{first} and {last}").format(
            first=_(", ").join(str(n) for n in tied[:-1]), last=tied[-1]
        )
        self.say(
            _("A tie between {choices}. Teacher: type the number the class goes with.").format(
                choices=listed
            )
        )
        while True:
            self.out.write(_("tie> "))
            self.out.flush()
            line = self.read_line()
            if line is None:
                return None
            if self.echo:
                self.out.write(line.rstrip("\n") + "\n")
            answer = line.strip()
            if answer.isdigit() and int(answer) in tied:
                return view.choices[int(answer) - 1].id
            self.say(_("Type {choices}.").format(choices=listed))

    def pick(self, view: SceneView, command: str) -> str | None:
        if not (command.isascii() and command.isdigit()) or len(command) > 6:
            shown = command if len(command) <= 40 else command[:39] + "…"
            self.say(_("'{typed}' is not a choice. {help}").format(typed=shown, help=_(HELP)))
            return None
        number = int(command)
        if not 1 <= number <= len(view.choices):
            self.say(_("Choose a number from 1 to {last}.").format(last=len(view.choices)))
            return None
        choice = view.choices[number - 1]
        if not choice.enabled:
            reason = choice.locked_reason or _("not possible now")
            self.say(_("That choice is locked: {reason}.").format(reason=reason))
            return None
        return choice.id


_YEAR_SPAN = re.compile(r"\b(\d{2})(\d{2})-(\d{2})\b")


def speakable(text: str) -> str:
    """Plain text as a speech engine should read it: 'Winter 2006-07' becomes 'Winter
    2006 to 2007' (read aloud, the hyphen is 'dash')."""
    return _YEAR_SPAN.sub(lambda m: f"{m[1]}{m[2]} to {m[1]}{m[3]}", text)


def wants_plain() -> bool:
    """Plain output when NO_COLOR is set (https://no-color.org) or stdout is not a terminal."""
    return "NO_COLOR" in os.environ or not sys.stdout.isatty()


def latest_session(story: Story, saves: SaveStore) -> GameSession | None:
    """The newest save that really loads (a damaged or foreign one is passed over).

    LoadNeedsMods when the newest save that is not damaged was made with mods that are
    not loaded: going on with an older game instead would autosave over it.
    """
    usable = [info for info in saves.list_slots() if info.usable or info.state == "needs_mods"]
    for info in sorted(usable, key=lambda info: info.saved_at or "", reverse=True):
        if info.state == "needs_mods":
            raise LoadNeedsMods(info.reason or "")
        try:
            return GameSession.from_slot(story, saves, info.slot)
        except LoadNeedsMods:
            raise
        except LoadFailed:
            continue
    return None


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
    story: Story,
    seed: int,
    classroom: bool = False,
    record_dir: Path | None = None,
    *,
    saves: SaveStore | None = None,
    runner: Runner | None = None,
    resume: bool = False,
    summary: str = "",
    until: tuple[str, ...] = (),
    class_vote: bool = False,
    plain: bool | None = None,
) -> int:
    tolerant_streams()
    """Play in the terminal. With ``resume``, open the newest save that loads."""
    session = None
    if resume and saves is not None:
        try:
            session = latest_session(story, saves)
        except LoadNeedsMods as exc:
            print(_("Cannot continue: {reason}").format(reason=exc), file=sys.stderr)
            return 1
        if session is None:
            print(_("No save to continue: starting a new game."), file=sys.stderr)
    game = TextGame(
        story,
        seed,
        sys.stdout,
        stdin_reader(),
        classroom=classroom,
        echo=sys.stdin is not None and not _isatty(sys.stdin),
        record_dir=record_dir,
        saves=saves,
        runner=runner,
        session=session,
        summary="" if session is not None else summary,
        until=until,
        class_vote=class_vote,
        plain=wants_plain() if plain is None else plain,
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
