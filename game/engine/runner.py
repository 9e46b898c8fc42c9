"""The runner: plays a loaded story, one choice at a time.

Its surface is narrow on purpose: ``view()`` returns an immutable picture of the
current scene, ``choose(id)`` makes a choice, ``undo()`` takes it back,
``to_json()``/``from_json()`` save and restore. The text mode, the window, the tools
and the tests all drive it the same way. It never imports pygame.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from game.engine.expr import (
    MAX_MAGNITUDE,
    MAX_WEIGHT,
    EvalContext,
    render_template,
    round_half_away,
)
from game.engine.model import Choice, Effect, Scene, Story, TextPart
from game.engine.rng import (
    STREAM_CHOICE_EFFECTS,
    STREAM_CONDITIONS,
    STREAM_ENTER,
    STREAM_OUTCOME,
    STREAM_TEXT,
    StepRandom,
)
from game.engine.savedata import (
    SAVE_FORMAT,
    SavedState,
    SaveError,
    Snapshot,
    TranscriptEntry,
    read_state,
)
from game.engine.view import (
    Change,
    ChoiceResult,
    ChoiceView,
    ContextCard,
    EndingView,
    LedgerEntry,
    MeterView,
    SceneView,
)
from game.i18n import _

__all__ = [
    "CONTINUE_ID",
    "SAVE_FORMAT",
    "Runner",
    "SaveError",
    "Snapshot",
    "TranscriptEntry",
    "split_paragraphs",
]

CONTINUE_ID = "next"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Chinese and Japanese characters and punctuation (the ideographic space U+3000 is
# whitespace, so it is left out). A line break between two of them joins the lines with
# no space: a Chinese writer's wrapped paragraph reads as one run, as in CSS.
_CJK = (
    "\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffef"
)
_CJK_LINE_BREAK = re.compile(f"(?<=[{_CJK}])[^\\S\\n]*\\n\\s*(?=[{_CJK}])")


def _undo_row(snapshot: Snapshot) -> list[Any]:
    row: list[Any] = [snapshot.scene, snapshot.date, dict(snapshot.variables)]
    if snapshot.ledger_size is not None:
        row.append({"edit": True, "ledger": snapshot.ledger_size})
    return row


def split_paragraphs(text: str) -> list[str]:
    """Text as paragraphs: blank lines divide them, runs of whitespace become one space,
    and a line break between two Chinese characters disappears."""
    return [
        " ".join(_CJK_LINE_BREAK.sub("", p).split())
        for p in _PARAGRAPH_BREAK.split(text)
        if p.strip()
    ]


class Runner:
    """Plays one story for one player, deterministically for a seed."""

    def __init__(
        self,
        story: Story,
        seed: int = 0,
        *,
        record_text: bool = True,
        scene: str | None = None,
        values: Mapping[str, int | bool] | None = None,
    ) -> None:
        """A new game from the story's start, or from ``scene`` with ``values`` set.

        ``scene`` and ``values`` are how chapter starts, lesson paths and a writer's
        ``play --from`` begin; callers check them first (:func:`start_values`), so an
        unknown scene or variable here is a programming error (KeyError).
        """
        self.story = story
        self.seed = seed
        self.record_text = record_text
        self.step = 0
        start = scene if scene is not None else story.start
        if start not in story.scenes:
            raise KeyError(f"no scene '{start}' in the story")
        self.scene_id = start
        self.date = ""
        self.vars: dict[str, Any] = {name: var.initial for name, var in story.variables.items()}
        for name, value in (values or {}).items():
            if name not in self.vars:
                raise KeyError(f"no variable '{name}' in the story")
            self.vars[name] = value
        self.visited: dict[str, int] = {}
        self._ledger: list[LedgerEntry] = []
        self._transcript: list[TranscriptEntry] = []
        self._undo: list[Snapshot] = []
        self._shown = [name for name, var in story.variables.items() if var.hud]
        self._enter(start, [])

    # -- reading -------------------------------------------------------------------
    @property
    def scene(self) -> Scene:
        return self.story.scenes[self.scene_id]

    @property
    def ledger(self) -> tuple[LedgerEntry, ...]:
        return tuple(self._ledger)

    @property
    def transcript(self) -> tuple[TranscriptEntry, ...]:
        return tuple(self._transcript)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def problems(self) -> list[str]:
        """Numbers the story computed beyond the game's limit, which were clamped.

        Random playtesting reports them; the player's game never stops for them.
        """
        try:
            return self._problems
        except AttributeError:  # a runner restored from a save
            self._problems: list[str] = []
            return self._problems

    @property
    def is_ending(self) -> bool:
        return self.scene.ending is not None

    def context(self, stream: int) -> EvalContext:
        return EvalContext(
            self.vars, self.visited, StepRandom(self.seed, self.step, stream), self.problems
        )

    def choice_states(self) -> list[tuple[Choice, bool]]:
        """The visible choices of the current scene, each with whether it is enabled."""
        states: list[tuple[Choice, bool]] = []
        for index, choice in enumerate(self.scene.choices):
            ctx = self.context(STREAM_CONDITIONS + index)
            if choice.condition is not None and not choice.condition.run(ctx):
                continue
            enabled = choice.requirement is None or bool(choice.requirement.run(ctx))
            states.append((choice, enabled))
        return states

    def available_choice_ids(self) -> list[str]:
        """Ids the player may choose now: the fast path used by random playtesting."""
        scene = self.scene
        if scene.ending is not None:
            return []
        if scene.next is not None:
            return [CONTINUE_ID]
        return [choice.id for choice, enabled in self.choice_states() if enabled]

    def render(self, parts: list[TextPart]) -> tuple[str, ...]:
        ctx = self.context(STREAM_TEXT)
        pieces: list[str] = []
        for part in parts:
            if part.condition is None or part.condition.run(ctx):
                pieces.append(render_template(part.template, ctx))
            elif part.otherwise is not None:
                pieces.append(render_template(part.otherwise, ctx))
        return tuple(split_paragraphs("\n\n".join(pieces)))

    def meters(self) -> tuple[MeterView, ...]:
        meters: list[MeterView] = []
        for var in self.story.variables.values():
            if not var.hud:
                continue
            if var.type == "money":
                kind = "money"
            elif var.minimum is not None and var.maximum is not None and var.type == "int":
                kind = "meter"
            else:
                kind = "number"
            meters.append(
                MeterView(var.id, var.label, int(self.vars[var.id]), kind, var.minimum, var.maximum)  # type: ignore[arg-type]
            )
        return tuple(meters)

    def view(self) -> SceneView:
        scene = self.scene
        ctx = self.context(STREAM_TEXT)
        choices: list[ChoiceView] = []
        if scene.ending is not None:
            kind = "ending"
        elif scene.next is not None:
            kind = "continue"
            choices.append(ChoiceView(CONTINUE_ID, _("Continue"), True))
        else:
            for choice, enabled in self.choice_states():
                reason = None
                if not enabled and choice.locked_reason is not None:
                    reason = render_template(choice.locked_reason, ctx)
                choices.append(
                    ChoiceView(choice.id, render_template(choice.text, ctx), enabled, reason)
                )
            kind = "choices" if any(c.enabled for c in choices) else "stuck"
        speaker = self.story.characters.get(scene.speaker) if scene.speaker else None
        ending = None
        if scene.ending is not None:
            ending = EndingView(
                scene.ending.id, scene.ending.title, self.render(scene.ending.epilogue)
            )
        return SceneView(
            scene_id=scene.id,
            kind=kind,  # type: ignore[arg-type]
            chapter=scene.chapter,
            chapter_title=self.story.chapter_titles.get(scene.chapter, ""),
            date=self.date,
            speaker=scene.speaker,
            speaker_name=speaker.name if speaker else None,
            portrait=scene.portrait or (speaker.portrait if speaker else None),
            background=scene.background,
            music=scene.music,
            paragraphs=self.render(scene.text),
            choices=tuple(choices),
            meters=self.meters(),
            discuss=tuple(
                prompt.text
                for prompt in scene.discuss
                if prompt.condition is None or prompt.condition.run(ctx)
            ),
            cards=tuple(ContextCard(c.title, c.fact, c.source, c.why) for c in scene.cards),
            ending=ending,
            can_undo=self.can_undo,
            step=self.step,
            mood=scene.mood,
        )

    # -- playing ---------------------------------------------------------------------
    def choose(self, choice_id: str) -> ChoiceResult:
        """Make the choice ``choice_id`` in the current scene and move on."""
        scene = self.scene
        choice: Choice | None = None
        if scene.ending is not None:
            raise ValueError("the story has ended: there is nothing to choose")
        if scene.next is not None:
            if choice_id != CONTINUE_ID:
                raise ValueError(f"this scene only continues: choose '{CONTINUE_ID}'")
        else:
            for candidate, enabled in self.choice_states():
                if candidate.id == choice_id:
                    if not enabled:
                        raise ValueError(f"choice '{choice_id}' is locked")
                    choice = candidate
                    break
            else:
                raise ValueError(f"no choice '{choice_id}' here")
        before = dict(self.vars)
        self._undo.append(Snapshot(self.scene_id, self.date, before))
        if self.record_text:
            choice_text = "Continue"
            if choice is not None:
                choice_text = render_template(choice.text, self.context(STREAM_TEXT))
            self._finish_transcript(choice_text, choice_id)
        self.step += 1
        ledger_start = len(self._ledger)
        notes: list[str] = []
        if choice is None:
            target = scene.next or ""
        else:
            ctx = self.context(STREAM_CHOICE_EFFECTS)
            self._apply(choice.effects, ctx)
            if choice.note is not None:
                notes.append(render_template(choice.note, ctx))
            target = self._target(choice, notes)
        chosen = dict(self.vars)
        arrival_start = len(self._ledger)
        self._enter(target, notes)
        return ChoiceResult(
            changes=self._changes(before, self.vars),
            notes=tuple(notes),
            discuss=choice.discuss if choice is not None else None,
            ledger=tuple(self._ledger[ledger_start:]),
            by_choice=self._changes(before, chosen),
            on_arrival=self._changes(chosen, self.vars),
            arrival_ledger=tuple(self._ledger[arrival_start:]),
        )

    def _changes(self, before: dict[str, Any], after: dict[str, Any]) -> tuple[Change, ...]:
        """How the shown variables moved between two sets of values."""
        return tuple(
            Change(name, self.story.variables[name].label, before[name], after[name])
            for name in self._shown
            if before[name] != after[name]
        )

    def _target(self, choice: Choice, notes: list[str]) -> str:
        if choice.target is not None:
            return choice.target
        ctx = self.context(STREAM_OUTCOME)
        weighted = []
        for outcome in choice.outcomes:
            if outcome.condition is not None and not outcome.condition.run(ctx):
                continue
            raw = outcome.weight.run(ctx)
            weight = float(min(raw, MAX_WEIGHT)) if raw > 0 else 0.0
            weighted.append((outcome, weight))
        total = sum(weight for _, weight in weighted)
        if not weighted:
            # Every outcome's condition failed: take the last outcome, as a writer expects
            # of a final "otherwise" branch.
            picked = choice.outcomes[-1]
        elif total <= 0:
            picked = weighted[-1][0]
        else:
            roll = ctx.rng.random() * total
            picked = weighted[-1][0]
            for outcome, weight in weighted:
                if roll < weight:
                    picked = outcome
                    break
                roll -= weight
        self._apply(picked.effects, ctx)
        if picked.note is not None:
            notes.append(render_template(picked.note, ctx))
        return picked.target

    def _enter(self, scene_id: str, notes: list[str]) -> None:
        self.scene_id = scene_id
        scene = self.story.scenes[scene_id]
        if scene.date:
            self.date = scene.date
        self.visited.setdefault(scene_id, self.step)
        if scene.effects:
            self._apply(scene.effects, self.context(STREAM_ENTER))
        if self.record_text:
            speaker = self.story.characters.get(scene.speaker) if scene.speaker else None
            paragraphs = self.render(scene.text)
            if scene.ending is not None:
                paragraphs += (scene.ending.title, *self.render(scene.ending.epilogue))
            self._transcript.append(
                TranscriptEntry(
                    self.step, scene_id, speaker.name if speaker else None, paragraphs, None
                )
            )

    def _finish_transcript(self, choice_text: str, choice_id: str) -> None:
        if self._transcript:
            last = self._transcript[-1]
            self._transcript[-1] = TranscriptEntry(
                last.step, last.scene_id, last.speaker_name, last.paragraphs, choice_text, choice_id
            )

    def _apply(self, effects: list[Effect], ctx: EvalContext) -> None:
        variables = self.story.variables
        for effect in effects:
            spec = effect.spec
            if spec.condition is not None and not spec.condition.run(ctx):
                continue
            var = variables[spec.target]
            value = spec.value.run(ctx)
            if var.type == "bool":
                self.vars[spec.target] = bool(value)
                continue
            old = self.vars[spec.target]
            amount = round_half_away(value)
            if spec.op == "=":
                new = amount
            elif spec.op == "+=":
                new = old + amount
            else:
                new = old - amount
            if var.minimum is not None and new < var.minimum:
                new = var.minimum
            if var.maximum is not None and new > var.maximum:
                new = var.maximum
            if not -MAX_MAGNITUDE <= new <= MAX_MAGNITUDE:
                ctx.overflow(spec.value.source, new)
                new = MAX_MAGNITUDE if new > 0 else -MAX_MAGNITUDE
            self.vars[spec.target] = new
            if var.type == "money" and new != old:
                self._ledger.append(
                    LedgerEntry(
                        step=self.step,
                        date=spec.date or self.date,
                        chapter=self.scene.chapter,
                        variable=spec.target,
                        amount=new - old,
                        label=spec.label or var.label,
                        category=spec.category or "other",
                        balance=new,
                    )
                )

    def set_value(self, name: str, value: int | bool) -> Change:
        """A writer's change by hand (the window's debug overlay): set one variable.

        Checked like a start's values: ValueError with a readable message for an
        unknown variable, a value of the wrong kind or one outside the declared range.
        Undoable like a choice (``undo()`` takes it back), but the step, the scene and
        its random draws stay as they are. A money variable's change gets a ledger line.
        Returns how the variable moved.
        """
        var = self.story.variables.get(name)
        if var is None:
            raise ValueError(_("no variable '{name}' in the story").format(name=name))
        if var.type == "bool":
            if not isinstance(value, bool):
                raise ValueError(_("'{name}' is true or false").format(name=name))
        else:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(_("'{name}' is a whole number").format(name=name))
            low, high = var.minimum, var.maximum
            if (low is not None and value < low) or (high is not None and value > high):
                raise ValueError(
                    _("'{name}' must stay within {low}..{high}; {value} is outside").format(
                        name=name,
                        low="..." if low is None else low,
                        high="..." if high is None else high,
                        value=value,
                    )
                )
            if abs(value) > MAX_MAGNITUDE:
                raise ValueError(_("'{name}' is too large for the game").format(name=name))
        old = self.vars[name]
        self._undo.append(Snapshot(self.scene_id, self.date, dict(self.vars), len(self._ledger)))
        self.vars[name] = value
        if var.type == "money" and value != old:
            self._ledger.append(
                LedgerEntry(
                    step=self.step,
                    date=self.date,
                    chapter=self.scene.chapter,
                    variable=name,
                    amount=int(value) - int(old),
                    label=_("Changed by hand (debug overlay)"),
                    category="other",
                    balance=int(value),
                )
            )
        return Change(name, var.label, int(old), int(value))

    def undo(self) -> bool:
        """Take back the last choice (or change by hand). False when there is nothing to undo."""
        if not self._undo:
            return False
        snapshot = self._undo.pop()
        if snapshot.ledger_size is not None:  # a change by hand: only the values go back
            self.vars = dict(snapshot.variables)
            del self._ledger[snapshot.ledger_size :]
            return True
        step = self.step
        self.visited = {k: v for k, v in self.visited.items() if v < step}
        while self._ledger and self._ledger[-1].step >= step:
            self._ledger.pop()
        while self._transcript and self._transcript[-1].step >= step:
            self._transcript.pop()
        if self._transcript:
            last = self._transcript[-1]
            self._transcript[-1] = TranscriptEntry(
                last.step, last.scene_id, last.speaker_name, last.paragraphs, None
            )
        self.scene_id = snapshot.scene
        self.date = snapshot.date
        self.vars = dict(snapshot.variables)
        self.step = step - 1
        return True

    def fork(self) -> Runner:
        """An independent copy at this same point, to look ahead with (the window lays
        out the scene each choice leads to while the player reads). Choosing in the
        copy never touches this runner; the copy records no transcript."""
        twin = Runner.__new__(Runner)
        twin.story = self.story
        twin.seed = self.seed
        twin.record_text = False
        twin.step = self.step
        twin.scene_id = self.scene_id
        twin.date = self.date
        twin.vars = dict(self.vars)
        twin.visited = dict(self.visited)
        twin._ledger = list(self._ledger)
        twin._transcript = []
        twin._undo = []
        twin._shown = self._shown
        twin._problems = []
        return twin

    # -- saving -----------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": SAVE_FORMAT,
            "story_id": self.story.id,
            "story_version": self.story.version,
            "seed": self.seed,
            "step": self.step,
            "scene": self.scene_id,
            "chapter": self.scene.chapter,
            "date": self.date,
            "variables": dict(self.vars),
            "visited": dict(self.visited),
            "ledger": [
                [e.step, e.date, e.chapter, e.variable, e.amount, e.label, e.category, e.balance]
                for e in self._ledger
            ],
            "transcript": [
                [t.step, t.scene_id, t.speaker_name, list(t.paragraphs), t.choice_text, t.choice_id]
                for t in self._transcript
            ],
            "undo": [_undo_row(s) for s in self._undo],
        }
        if self.story.mods:
            # Only with mods, so a save of the plain story is what it always was.
            data["mods"] = [{"id": mod, "version": version} for mod, version in self.story.mods]
        return data

    @classmethod
    def from_json(cls, story: Story, data: Any) -> Runner:
        """Restore a runner from ``to_json()`` output, checking everything in it.

        Strict: a save whose scene is gone raises :class:`SaveError` (for the forgiving
        way in, see :func:`game.engine.savecheck.load_save`).
        """
        state, _ = read_state(story, data)
        return cls.restored(story, state)

    @classmethod
    def restored(cls, story: Story, state: SavedState) -> Runner:
        """A runner at exactly the point ``state`` describes (checked by
        :func:`game.engine.savedata.read_state`), without entering its scene again."""
        runner = cls.__new__(cls)
        runner.story = story
        runner.seed = state.seed
        runner.record_text = True
        runner.step = state.step
        runner.scene_id = state.scene_id
        runner.date = state.date
        runner.vars = dict(state.variables)
        runner.visited = dict(state.visited)
        runner._ledger = list(state.ledger)
        runner._transcript = list(state.transcript)
        runner._undo = list(state.undo)
        runner._shown = [name for name, var in story.variables.items() if var.hud]
        return runner
