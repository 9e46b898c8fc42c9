"""Where a new game begins: the story's start, a chapter start, a lesson path, or a
writer's ``--from SCENE --set var=value``.

Front ends turn the command line (or the title screen's "Start at a chapter") into a
:class:`StartPlan`, then build the runner with :func:`new_runner`. Bad requests (an
unknown chapter, scene or variable, a value of the wrong kind) come back as a message
for the player, never an exception.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from game.engine import Runner, Start, Story, did_you_mean
from game.errors import LastTrainHomeError
from game.i18n import _

#: The largest value ``--set`` accepts (money included): far above anything the story uses.
MAX_SET_VALUE = 10**9


@dataclass(frozen=True)
class StartPlan:
    """A new game's first scene and state, and where a lesson path stops."""

    scene: str | None = None
    values: dict[str, int | bool] = field(default_factory=dict)
    #: The sentence shown before the first scene ("Winter 2007-08. Qin is ...").
    summary: str = ""
    #: Scenes at which a lesson path ends.
    until: tuple[str, ...] = ()
    #: The start's id, for records ("chapter2"), or "from:SCENE" for a writer's jump.
    label: str = ""

    @property
    def is_story_start(self) -> bool:
        return self.scene is None and not self.values


class StartError(LastTrainHomeError):
    """A start the story cannot make, with the reason in words."""


def plan_for_start(start: Start) -> StartPlan:
    return StartPlan(start.scene, dict(start.values), start.summary, start.until, start.id)


def plan_start(
    story: Story,
    *,
    chapter: int | None = None,
    lesson: str | None = None,
    from_scene: str | None = None,
    assignments: Sequence[str] = (),
) -> StartPlan:
    """The plan for the options given (at most one of chapter, lesson and from_scene)."""
    plan = StartPlan()
    if chapter is not None:
        if chapter == 1 and story.chapter_start(1) is None:
            plan = StartPlan(label="chapter1")
        else:
            start = story.chapter_start(chapter)
            if start is None:
                have = sorted(s.chapter for s in story.starts.values() if not s.until)
                listed = ", ".join(str(n) for n in ([1, *have] if 1 not in have else have))
                raise StartError(
                    _(
                        "the story has no start for chapter {chapter}; it has starts for"
                        " chapters {listed}"
                    ).format(chapter=chapter, listed=listed)
                )
            plan = plan_for_start(start)
    elif lesson is not None:
        start = story.starts.get(lesson)
        if start is None:
            raise StartError(
                _("no lesson path or start called '{name}'{hint}; the story has: {starts}").format(
                    name=lesson,
                    hint=did_you_mean(lesson, story.starts),
                    starts=", ".join(sorted(story.starts)) or _("none"),
                )
            )
        plan = plan_for_start(start)
    elif from_scene is not None:
        if from_scene not in story.scenes:
            raise StartError(
                _("no scene '{scene}' in the story{hint}").format(
                    scene=from_scene, hint=did_you_mean(from_scene, story.scenes)
                )
            )
        plan = StartPlan(scene=from_scene, label=f"from:{from_scene}")
    if assignments:
        values = dict(plan.values)
        values.update(parse_assignments(story, assignments))
        plan = StartPlan(plan.scene, values, plan.summary, plan.until, plan.label)
    return plan


def parse_assignments(story: Story, assignments: Sequence[str]) -> dict[str, int | bool]:
    """``["qin=5", "qin_left_school=true"]`` as values, checked against the story."""
    values: dict[str, int | bool] = {}
    for text in assignments:
        name, equals, raw = (part.strip() for part in text.partition("="))
        if not equals or not name:
            raise StartError(
                _("--set wants name=value, like qin=5, not '{typed}'").format(typed=text)
            )
        if name not in story.variables:
            raise StartError(
                _("--set names unknown variable '{name}'{hint}").format(
                    name=name, hint=did_you_mean(name, story.variables)
                )
            )
        values[name] = parse_value(story, name, raw)
    return values


def parse_value(story: Story, name: str, raw: str) -> int | bool:
    """``raw`` as a value of the story's variable ``name``: true/false for a flag, a
    whole number (commas and underscores allowed) within its declared range otherwise.
    StartError says what is wrong, in the player's language."""
    var = story.variables.get(name)
    if var is None:
        raise StartError(
            _("no variable '{name}' in the story").format(name=name)
            + did_you_mean(name, story.variables)
        )
    raw = raw.strip()
    if var.type == "bool":
        if raw.lower() not in ("true", "false"):
            raise StartError(_("'{name}' is true or false, not '{raw}'").format(name=name, raw=raw))
        return raw.lower() == "true"
    try:
        number = int(raw.replace(",", "").replace("_", ""))
    except ValueError:
        raise StartError(
            _("'{name}' is a whole number, not '{raw}'").format(name=name, raw=raw[:20])
        ) from None
    low, high = var.minimum, var.maximum
    if abs(number) > MAX_SET_VALUE:
        raise StartError(
            _("'{name}' = {raw} is too large for the game").format(name=name, raw=raw[:20])
        )
    if (low is not None and number < low) or (high is not None and number > high):
        raise StartError(
            _("'{name}' must stay within {low}..{high}; {value} is outside").format(
                name=name,
                low=low if low is not None else "...",
                high=high if high is not None else "...",
                value=number,
            )
        )
    return number


def new_runner(story: Story, seed: int, plan: StartPlan) -> Runner:
    """A runner at the plan's first scene with its values set."""
    if plan.is_story_start:
        return Runner(story, seed)
    return Runner(story, seed, scene=plan.scene, values=plan.values)
