"""Building scenes, choices, effects and text from chapter files.

:class:`SceneBuilder` works in two passes: ``collect`` gathers every scene id (so
that duplicates across files are found and targets can be checked), ``build_all``
turns each scene's YAML into model objects, compiling conditions, effects and
``{...}`` placeholders once. Identical expression sources are compiled once and
shared, which keeps large stories fast to load.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.engine.assets import MOODS
from game.engine.diagnostics import did_you_mean
from game.engine.expr import (
    MAX_WEIGHT,
    MIN_WEIGHT,
    EffectSpec,
    ExprError,
    Expression,
    TemplatePart,
    VarInfo,
    compile_condition,
    compile_expression,
    constant_expression,
    parse_effect,
    parse_template,
)
from game.engine.fields import ID_RE, FieldReader, Reporter, describe, item_loc, near_id
from game.engine.intervals import describe_ranges, never_true
from game.engine.model import (
    Card,
    Choice,
    Effect,
    Ending,
    Loc,
    Outcome,
    Prompt,
    Scene,
    TextPart,
    Variable,
)
from game.engine.unread import Unread
from game.engine.yamlread import MapNode, SeqNode
from game.i18n import _, format_money, format_number

_NAME = re.compile(r"[a-z][a-z0-9_]*")

SCENE_FIELDS = (
    "text",
    "speaker",
    "portrait",
    "mood",
    "background",
    "music",
    "date",
    "effects",
    "discuss",
    "cards",
    "choices",
    "next",
    "ending",
)
CHOICE_FIELDS = (
    "id",
    "text",
    "if",
    "requires",
    "locked",
    "effects",
    "note",
    "discuss",
    "goto",
    "outcomes",
)
#: The longest text (of a scene, a choice, a note, ...) a story may have, in characters.
MAX_TEXT_CHARS = 20_000
#: All the expressions of a story (and its texts with placeholders), in characters;
#: each placeholder in a text counts PLACEHOLDER_COST more (it is compiled on its own).
MAX_EXPRESSION_CHARS = 300_000
PLACEHOLDER_COST = 50

OUTCOME_FIELDS = ("weight", "if", "effects", "note", "goto")
ENDING_FIELDS = ("id", "title", "epilogue")
CARD_FIELDS = ("title", "fact", "source", "why")
TEXT_PART_FIELDS = ("if", "text", "else")
PROMPT_FIELDS = ("if", "text")

_SINGLE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")
_REQUIREMENT = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*(>=|>)\s*(\d+)\s*$")


def normalise_text(raw: str) -> str:
    """Join wrapped lines into paragraphs; blank lines separate paragraphs.

    Replaces each lone newline by a space, so character offsets stay the same
    (diagnostics inside text point at the right column).
    """
    if "\n" not in raw:
        return raw
    return _SINGLE_NEWLINE.sub(" ", raw)


def count_words(text: str) -> int:
    return len(text.split())


@dataclass
class SourceFile:
    """One story file: its display name, its text and its located YAML tree."""

    name: str
    text: str
    tree: Any
    failed: bool = False
    _lines: list[str] | None = field(default=None, repr=False)

    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def locate(self, loc: Loc, offset: int, raw: str) -> Loc:
        """The place of character ``offset`` of the scalar ``raw`` that starts at ``loc``."""
        lines = self.lines()
        if not 0 < loc.line <= len(lines):
            return loc
        line_text = lines[loc.line - 1]
        start = line_text[loc.column - 1 : loc.column]
        offset = max(0, min(offset, len(raw)))
        if start in ("|", ">"):
            before = raw[:offset]
            row = before.count("\n")
            col = len(before) - (before.rfind("\n") + 1)
            target = loc.line + 1 + row
            indent = 0
            for number in range(loc.line, len(lines)):
                if lines[number].strip():
                    indent = len(lines[number]) - len(lines[number].lstrip(" "))
                    break
            return Loc(loc.file, target, indent + col + 1)
        if "\n" in raw[:offset]:
            return loc
        shift = 1 if start in ("'", '"') else 0
        return Loc(loc.file, loc.line, loc.column + shift + offset)


@dataclass
class PendingScene:
    id: str
    chapter: int
    source: SourceFile
    node: Any
    loc: Loc


class SceneBuilder:
    """Turns collected chapter YAML into :class:`Scene` objects, reporting problems."""

    def __init__(
        self,
        reporter: Reporter,
        var_info: Mapping[str, VarInfo],
        variables: Mapping[str, Variable],
        ledger_categories: set[str],
        characters: set[str],
    ) -> None:
        self.reporter = reporter
        self.var_info = var_info
        self.variables = variables
        self.ledger_categories = ledger_categories
        self.characters = characters
        self.pending: dict[str, PendingScene] = {}
        #: Declared renames (old id -> new id): a goto to an old id says where it went.
        self.renames: dict[str, str] = {}
        self._cache: dict[tuple[str, str], Any] = {}
        self.used_variables: set[str] = set()
        #: The files that failed to read: a 'goto' to a name written there is not E022.
        self.unread = Unread()
        #: Characters of expressions (and of texts with placeholders) still to compile.
        self.budget = MAX_EXPRESSION_CHARS
        self._over_budget = False

    def spend(self, raw: str, loc: Loc, placeholders: int = 0) -> bool:
        """Take ``raw`` from the story's expression budget; False (and E009) when spent."""
        self.budget -= len(raw) + PLACEHOLDER_COST * placeholders
        if self.budget >= 0:
            return True
        if not self._over_budget:
            self._over_budget = True
            self.reporter.error(
                "E009",
                loc,
                f"the story's conditions, effects, weights and texts with {{...}} add up to"
                f" more than {MAX_EXPRESSION_CHARS:,} characters (the game's own have about"
                " 40,000); the rest is not checked: this is not a story a writer made",
            )
        return False

    # -- pass 1 ----------------------------------------------------------------
    def collect(self, source: SourceFile, chapter: int, scenes: MapNode | None) -> None:
        if scenes is None:
            return
        for scene_id, node in scenes.items():
            line, col = scenes.key_pos[scene_id]
            loc = Loc(source.name, line, col)
            if not isinstance(scene_id, str) or not ID_RE.match(scene_id):
                self.reporter.error(
                    "E015",
                    loc,
                    f"'{scene_id}' is not a valid scene id: use lower case letters, digits"
                    " and _, starting with a letter",
                )
                continue
            if scene_id in self.pending:
                first = self.pending[scene_id].loc
                self.reporter.error(
                    "E020",
                    loc,
                    f"scene '{scene_id}' is already defined at {first.file}:{first.line}:"
                    f"{first.column}: scene ids must be unique across all files",
                )
                continue
            self.pending[scene_id] = PendingScene(scene_id, chapter, source, node, loc)

    # -- pass 2 ----------------------------------------------------------------
    def build_all(self) -> dict[str, Scene]:
        scenes: dict[str, Scene] = {}
        for pending in self.pending.values():
            scene = self.build_scene(pending)
            if scene is not None:
                scenes[scene.id] = scene
        return scenes

    def build_scene(self, pending: PendingScene) -> Scene | None:
        node = pending.node
        source = pending.source
        if not isinstance(node, MapNode):
            self.reporter.error(
                "E014",
                pending.loc,
                f"scene '{pending.id}' should be a mapping of fields (text, choices, ...),"
                f" not {describe(node)}",
            )
            return None
        what = f"scene '{pending.id}'"
        fields = FieldReader(node, source.name, what, SCENE_FIELDS, self.reporter)
        scene = Scene(id=pending.id, chapter=pending.chapter, file=source.name, loc=pending.loc)
        if fields.has("text"):
            scene.text = self.text_parts(source, fields, "text")
        scene.word_count = sum(_words(part) for part in scene.text)
        speaker = fields.identifier("speaker", "character")
        if speaker is not None and speaker not in self.characters:
            self.reporter.error(
                "E024",
                fields.value_loc("speaker"),
                f"unknown speaker '{speaker}'"
                + did_you_mean(speaker, self.characters)
                + "; declare characters under 'characters:' in story.yaml",
            )
        scene.speaker = speaker
        scene.portrait = fields.text("portrait")
        scene.mood = self.mood(fields)
        if scene.mood is not None:
            scene.mood_loc = fields.value_loc("mood")
        scene.background = fields.text("background")
        scene.music = fields.text("music")
        scene.date = self.date(fields)
        scene.effects = self.effects(source, fields, "effects")
        scene.discuss = self.prompts(source, fields)
        scene.cards = self.cards(source, fields)
        ways = [key for key in ("choices", "next", "ending") if fields.has(key)]
        if len(ways) > 1:
            self.reporter.error(
                "E023",
                fields.key_loc(ways[1]),
                f"{what} has both '{ways[0]}' and '{ways[1]}': a scene has exactly one of"
                " choices, next or ending",
            )
        elif not ways and fields.misspelled("choices", "next", "ending") is None:
            self.reporter.error(
                "E023",
                pending.loc,
                f"{what} is a dead end: give it 'choices', a 'next' scene, or an 'ending'",
            )
        if fields.has("choices"):
            scene.choices = self.choices(source, fields, scene)
        elif fields.has("next"):
            scene.next = fields.identifier("next", "scene")
            scene.next_loc = fields.value_loc("next")
            if scene.next is not None:
                self.check_target(scene.next, scene.next_loc)
        elif fields.has("ending"):
            scene.ending = self.ending(source, fields, scene)
        elif not ways and fields.misspelled("next") is not None:
            scene.next = self.meant_target(fields.node.get(fields.misspelled("next")))
        return scene

    # -- parts -------------------------------------------------------------------
    def mood(self, fields: FieldReader) -> str | None:
        """The speaker's expression: one of MOODS, or None (neutral)."""
        value = fields.text("mood")
        if value is None:
            return None
        if value not in MOODS:
            self.reporter.error(
                "E047",
                fields.value_loc("mood"),
                f"unknown mood '{value}'"
                + did_you_mean(value, MOODS)
                + f": a mood is one of {', '.join(MOODS)}",
            )
            return None
        return value

    def date(self, fields: FieldReader) -> str | None:
        value = fields.text("date")
        if value is None:
            return None
        try:
            return datetime.date.fromisoformat(value).isoformat()
        except ValueError:
            self.reporter.error(
                "E014",
                fields.value_loc("date"),
                f"date '{value}' should be written YYYY-MM-DD, e.g. 2007-01-28",
            )
            return None

    def names_in_error(self, raw: str) -> None:
        """Count the variables named in an expression that has an error as used: once the
        error is fixed they are, and W106 for them now would be a knock-on warning."""
        self.used_variables.update(word for word in _NAME.findall(raw) if word in self.var_info)

    def meant_target(self, value: Any) -> str | None:
        """The scene a misspelt or miswritten 'goto' meant, if it exists (errors are already
        reported): kept so that its scene does not also look unreachable (W101/W102)."""
        if not isinstance(value, str):
            return None
        meant = value if ID_RE.match(value) else near_id(value)
        return meant if meant in self.pending else None

    def check_target(self, target: str, loc: Loc) -> None:
        if target not in self.pending and not self.unread.may_mention(target):
            renamed = self.renames.get(target)
            hint = (
                f" (it was renamed to '{renamed}' under 'renames:': write the new id)"
                if renamed is not None and renamed in self.pending
                else did_you_mean(target, self.pending)
            )
            self.reporter.error("E022", loc, f"goes to unknown scene '{target}'" + hint)

    def template(self, source: SourceFile, raw: str, loc: Loc) -> tuple[TemplatePart, ...]:
        if len(raw) > MAX_TEXT_CHARS:
            self.reporter.error(
                "E044",
                loc,
                f"this text has {len(raw):,} characters; a text may have at most"
                f" {MAX_TEXT_CHARS:,} (a long scene has about 1,000): split it over"
                " several scenes",
            )
            return (raw[:MAX_TEXT_CHARS],)
        key = ("template", raw)
        cached = self._cache.get(key)
        text = raw
        if cached is None:
            if ("{" in raw or "}" in raw) and not self.spend(raw, loc, raw.count("{")):
                return (raw,)
            text = normalise_text(raw)
            try:
                cached = parse_template(text, self.var_info, self.is_money_name)
            except ExprError as exc:
                cached = exc
            self._cache[key] = cached
        if isinstance(cached, ExprError):
            self.reporter.error(cached.code, source.locate(loc, cached.offset, raw), cached.message)
            self.names_in_error(raw)
            return (normalise_text(raw),)
        for part in cached:
            if not isinstance(part, str):
                self.used_variables.update(part[0].names)
        return cached

    def is_money_name(self, name: str) -> bool:
        var = self.variables.get(name)
        return var is not None and var.type == "money"

    def condition(
        self, source: SourceFile, fields: FieldReader, key: str, consequence: str
    ) -> Expression | None:
        """Compile the condition under ``key``; W120 if it can never be true."""
        raw = fields.text(key)
        if raw is None:
            return None
        expression: Expression | None = self.compile(
            source, raw, fields.value_loc(key), "condition"
        )
        if expression is not None and never_true(expression.tree, self.var_info):
            ranges = describe_ranges(expression.names, self.var_info)
            self.reporter.warning(
                "W120",
                fields.value_loc(key),
                f"'{raw}' can never be true"
                + (f" ({ranges})" if ranges else "")
                + f", so {consequence}: check the numbers against the variables'"
                " declared min and max",
            )
        return expression

    def compile(self, source: SourceFile, raw: str, loc: Loc, kind: str) -> Any:
        cache_key = (kind, raw)
        cached = self._cache.get(cache_key)
        if cached is None:
            if not self.spend(raw, loc):
                return None
            try:
                if kind == "condition":
                    cached = compile_condition(raw, self.var_info, self._check_visited)
                elif kind == "number":
                    cached = compile_expression(raw, self.var_info, self._check_visited)
                    if cached.type != "number":
                        raise ExprError("a weight must be a number", 0, "E034")
                else:
                    cached = parse_effect(raw, self.var_info, self._check_visited)
            except ExprError as exc:
                cached = exc
            self._cache[cache_key] = cached
        if isinstance(cached, ExprError):
            self.reporter.error(cached.code, source.locate(loc, cached.offset, raw), cached.message)
            self.names_in_error(raw)
            return None
        if isinstance(cached, EffectSpec):
            self.used_variables.update(cached.value.names)
            if cached.condition is not None:
                self.used_variables.update(cached.condition.names)
        else:
            self.used_variables.update(cached.names)
        return cached

    def _check_visited(self, scene_id: str, offset: int) -> None:
        if scene_id not in self.pending:
            raise ExprError(
                f"visited() names unknown scene '{scene_id}'"
                + did_you_mean(scene_id, self.pending),
                offset + 1,
                "E036",
            )

    def prompts(self, source: SourceFile, fields: FieldReader) -> tuple[Prompt, ...]:
        """``discuss:``: one prompt, or a list of prompts each plain or ``{if, text}``."""
        if not fields.has("discuss"):
            return ()
        value = fields.node["discuss"]
        if isinstance(value, str):
            return (Prompt(normalise_text(value)),)
        if not isinstance(value, SeqNode):
            self.reporter.error(
                "E014",
                fields.value_loc("discuss"),
                f"'discuss' should be a question or a list of questions, not {describe(value)}",
            )
            return ()
        prompts: list[Prompt] = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                prompts.append(Prompt(normalise_text(item)))
                continue
            if not isinstance(item, MapNode):
                self.reporter.error(
                    "E014",
                    item_loc(value, index, source.name),
                    "a discussion prompt is a question, or a mapping with 'if' and 'text'",
                )
                continue
            part = FieldReader(
                item, source.name, "a discussion prompt", PROMPT_FIELDS, self.reporter, ("text",)
            )
            text = part.text("text")
            if text is None:
                continue
            if not part.has("if"):
                self.reporter.error(
                    "E013",
                    part.loc(),
                    "a prompt with 'text:' needs an 'if:' condition (or write it as plain text)",
                )
            condition = self.condition(source, part, "if", "the prompt is never shown")
            prompts.append(Prompt(normalise_text(text), condition))
        return tuple(prompts)

    def text_parts(self, source: SourceFile, fields: FieldReader, key: str) -> list[TextPart]:
        value = fields.node[key]
        loc = fields.value_loc(key)
        if isinstance(value, str):
            return [TextPart(self.template(source, value, loc))]
        if self.reporter.not_text(loc, key, "a scene", value):
            return []
        if not isinstance(value, SeqNode):
            self.reporter.error(
                "E014",
                loc,
                f"'{key}' should be text or a list of text parts, not {describe(value)}",
            )
            return []
        parts: list[TextPart] = []
        for index, item in enumerate(value):
            item_location = item_loc(value, index, source.name)
            if isinstance(item, str):
                parts.append(TextPart(self.template(source, item, item_location)))
                continue
            if self.reporter.not_text(item_location, None, f"'{key}'", item):
                continue
            if not isinstance(item, MapNode):
                self.reporter.error(
                    "E014",
                    item_location,
                    "a text part is a string, or a mapping with 'if', 'text' and 'else'",
                )
                continue
            part = FieldReader(
                item, source.name, "a text part", TEXT_PART_FIELDS, self.reporter, ("text",)
            )
            condition = self.condition(source, part, "if", "its text is never shown")
            text = part.text("text")
            otherwise = part.text("else")
            if text is None:
                continue
            if not part.has("if"):
                self.reporter.error(
                    "E013",
                    part.loc(),
                    "a text part with 'text:' needs an 'if:' condition (or write it as plain text)",
                )
            parts.append(
                TextPart(
                    self.template(source, text, part.value_loc("text")),
                    condition,
                    self.template(source, otherwise, part.value_loc("else"))
                    if otherwise is not None
                    else None,
                )
            )
        return parts

    def optional_template(
        self, source: SourceFile, fields: FieldReader, key: str
    ) -> tuple[TemplatePart, ...] | None:
        raw = fields.text(key)
        if raw is None:
            return None
        return self.template(source, raw, fields.value_loc(key))

    def effects(self, source: SourceFile, fields: FieldReader, key: str) -> list[Effect]:
        if not fields.has(key):
            return []
        value = fields.node[key]
        loc = fields.value_loc(key)
        items: list[tuple[Any, Loc]]
        if isinstance(value, str):
            items = [(value, loc)]
        elif isinstance(value, SeqNode):
            items = [(item, item_loc(value, i, source.name)) for i, item in enumerate(value)]
        else:
            self.reporter.error(
                "E014", loc, f"'{key}' should be a list of effects such as '- qin += 1'"
            )
            return []
        effects: list[Effect] = []
        for item, item_location in items:
            if isinstance(item, MapNode):
                self.reporter.error(
                    "E041",
                    item_location,
                    "this effect was read as 'key: value' because it contains ': ' (colon and"
                    " space); put the whole effect in single quotes, e.g."
                    " - 'money -= 80 \"Fees: books\" [fees]'",
                )
                continue
            if not isinstance(item, str):
                self.reporter.error(
                    "E040",
                    item_location,
                    f"an effect is a line such as 'qin += 1', not {describe(item)}",
                )
                continue
            spec = self.compile(source, item, item_location, "effect")
            if spec is None:
                continue
            self.check_effect(source, spec, item, item_location)
            effects.append(Effect(spec, item_location))
        return effects

    def check_effect(self, source: SourceFile, spec: EffectSpec, raw: str, loc: Loc) -> None:
        var = self.variables[spec.target]
        self.used_variables.add(spec.target)
        if var.type == "money":
            if spec.label is None:
                self.reporter.error(
                    "E028",
                    source.locate(loc, len(raw), raw),
                    f"a change to '{spec.target}' needs a ledger label in double quotes, e.g."
                    f' {spec.target} {spec.op} ... "Hard seat to Dazhou" [tickets]',
                )
            if spec.category is not None and spec.category not in self.ledger_categories:
                self.reporter.error(
                    "E027",
                    source.locate(loc, spec.category_offset, raw),
                    f"unknown ledger category '{spec.category}'"
                    + did_you_mean(spec.category, self.ledger_categories)
                    + "; declare it under 'ledger:' in story.yaml",
                )
        elif spec.label is not None or spec.category is not None or spec.date is not None:
            self.reporter.warning(
                "W107",
                source.locate(
                    loc, max(spec.label_offset, spec.category_offset, spec.date_offset), raw
                ),
                f"'{spec.target}' is not a money variable, so its label, category and date are"
                " not shown anywhere",
            )

    def cards(self, source: SourceFile, fields: FieldReader) -> tuple[Card, ...]:
        value = fields.sequence("cards")
        if value is None:
            return ()
        cards: list[Card] = []
        for index, item in enumerate(value):
            if not isinstance(item, MapNode):
                self.reporter.error(
                    "E014",
                    item_loc(value, index, source.name),
                    "a context card is a mapping with title, fact, source and why",
                )
                continue
            card = FieldReader(
                item, source.name, "a context card", CARD_FIELDS, self.reporter, CARD_FIELDS
            )
            cards.append(
                Card(*(" ".join((card.text(name, "") or "").split()) for name in CARD_FIELDS))
            )
        return tuple(cards)

    def choices(self, source: SourceFile, fields: FieldReader, scene: Scene) -> list[Choice]:
        value = fields.sequence("choices")
        if value is None:
            return []
        if not value:
            self.reporter.error("E023", fields.value_loc("choices"), "the list of choices is empty")
        choices: list[Choice] = []
        seen_ids: dict[str, Loc] = {}
        for index, item in enumerate(value):
            loc = item_loc(value, index, source.name)
            if not isinstance(item, MapNode):
                self.reporter.error(
                    "E014",
                    loc,
                    f"a choice is a mapping with 'text' and 'goto', not {describe(item)}",
                )
                continue
            choice = self.choice(source, item, index, scene)
            if choice is None:
                continue
            if choice.id in seen_ids:
                self.reporter.error(
                    "E029",
                    choice.loc,
                    f"two choices in scene '{scene.id}' have the id '{choice.id}'",
                )
            seen_ids[choice.id] = choice.loc
            choices.append(choice)
        return choices

    def choice(self, source: SourceFile, node: MapNode, index: int, scene: Scene) -> Choice | None:
        fields = FieldReader(node, source.name, "a choice", CHOICE_FIELDS, self.reporter, ("text",))
        choice_id = fields.text("id", str(index + 1)) or str(index + 1)
        text = self.optional_template(source, fields, "text") or ("",)
        if fields.has("text"):
            scene.word_count += count_words(fields.text("text") or "")
        condition = self.condition(source, fields, "if", "the choice is never shown")
        requirement = self.condition(source, fields, "requires", "the choice can never be unlocked")
        locked = self.optional_template(source, fields, "locked")
        if requirement is None and fields.has("locked") and not fields.has("requires"):
            self.reporter.warning(
                "W108",
                fields.key_loc("locked"),
                "'locked' is shown only when 'requires' fails; add 'requires'",
            )
        if requirement is not None and locked is None:
            locked = (self.describe_requirement(requirement.source),)
        effects = self.effects(source, fields, "effects")
        note = self.optional_template(source, fields, "note")
        discuss = fields.text("discuss")
        target = None
        target_loc = None
        outcomes: list[Outcome] = []
        if fields.has("goto") and fields.has("outcomes"):
            self.reporter.error(
                "E023",
                fields.key_loc("outcomes"),
                "a choice has either 'goto' or 'outcomes', not both",
            )
        elif fields.has("goto"):
            target = fields.identifier("goto", "scene")
            target_loc = fields.value_loc("goto")
            if target is not None:
                self.check_target(target, target_loc)
            else:
                target = self.meant_target(fields.node.get("goto"))
        elif fields.has("outcomes"):
            outcomes = self.outcomes(source, fields)
        elif (misspelled := fields.misspelled("goto", "outcomes")) is not None:
            # E012 already says "did you mean 'goto'?": the way on is there, misspelled.
            target = self.meant_target(fields.node.get(misspelled))
        else:
            self.reporter.error(
                "E023",
                fields.loc(),
                "this choice leads nowhere: give it 'goto: scene_id' or 'outcomes'",
            )
        return Choice(
            id=choice_id,
            text=text,
            condition=condition,
            requirement=requirement,
            locked_reason=locked,
            effects=effects,
            note=note,
            discuss=discuss,
            target=target,
            outcomes=outcomes,
            loc=fields.loc(),
            target_loc=target_loc,
        )

    def outcomes(self, source: SourceFile, fields: FieldReader) -> list[Outcome]:
        value = fields.sequence("outcomes")
        if value is None:
            return []
        if not value:
            self.reporter.error(
                "E023", fields.value_loc("outcomes"), "the list of outcomes is empty"
            )
        outcomes: list[Outcome] = []
        for index, item in enumerate(value):
            loc = item_loc(value, index, source.name)
            if not isinstance(item, MapNode):
                self.reporter.error("E014", loc, "an outcome is a mapping with 'weight' and 'goto'")
                continue
            out = FieldReader(
                item, source.name, "an outcome", OUTCOME_FIELDS, self.reporter, ("goto",)
            )
            weight_value = item.get("weight", 1)
            weight: Expression | None
            if isinstance(weight_value, int | float) and not isinstance(weight_value, bool):
                weight = self.literal_weight(weight_value, out.value_loc("weight"))
            elif isinstance(weight_value, str):
                weight = self.compile(source, weight_value, out.value_loc("weight"), "number")
            else:
                self.reporter.error(
                    "E014",
                    out.value_loc("weight"),
                    f"'weight' should be a number, not {describe(weight_value)}",
                )
                weight = None
            target = out.identifier("goto", "scene")
            if target is not None:
                self.check_target(target, out.value_loc("goto"))
            if weight is None or target is None:
                continue
            outcomes.append(
                Outcome(
                    weight=weight,
                    condition=self.condition(
                        source, out, "if", "this outcome is never picked by its condition"
                    ),
                    effects=self.effects(source, out, "effects"),
                    note=self.optional_template(source, out, "note"),
                    target=target,
                    target_loc=out.value_loc("goto"),
                )
            )
        return outcomes

    def literal_weight(self, value: float, loc: Loc) -> Expression | None:
        """A number written as ``weight:``: 0, or MIN_WEIGHT to MAX_WEIGHT (else E042)."""
        if value == 0 or MIN_WEIGHT <= value <= MAX_WEIGHT:
            return constant_expression(value)
        if value != value or value in (math.inf, -math.inf):
            what = "not a number" if value != value else "infinite"
            problem = f"the weight is {what}"
        elif value < 0:
            problem = "a weight cannot be negative"
        elif value < MIN_WEIGHT:
            problem = f"the weight {value:g} is too small to mean anything"
        elif value < 1e15:
            problem = f"the weight {value:,.0f} is too large"
        else:
            problem = "the weight is far too large"
        self.reporter.error(
            "E042",
            loc,
            f"{problem}: a weight is 0 (never picked) or a number from {MIN_WEIGHT:g}"
            f" to {MAX_WEIGHT:,}; weights count relative to each other, so 1 and 3"
            " mean a 1 in 4 chance",
        )
        return None

    def ending(self, source: SourceFile, fields: FieldReader, scene: Scene) -> Ending | None:
        node = fields.mapping("ending")
        if node is None:
            return None
        ending = FieldReader(
            node, source.name, "an ending", ENDING_FIELDS, self.reporter, ("title",)
        )
        epilogue = self.text_parts(source, ending, "epilogue") if ending.has("epilogue") else []
        scene.word_count += sum(_words(part) for part in epilogue)
        return Ending(
            id=ending.identifier("id", "ending") or scene.id,
            title=ending.text("title", scene.id) or scene.id,
            epilogue=epilogue,
        )

    def describe_requirement(self, source: str) -> str:
        """A reason a locked choice shows when the writer gave none."""
        return requirement_reason(source, self.variables)


def requirement_reason(source: str, variables: Mapping[str, Variable]) -> str:
    """The engine's own reason a locked choice shows when the writer gave none, from its
    ``requires:`` (``money >= 300``: "Not enough money: 300 yuan needed"), in the
    interface's language, with the variable's label as the story has it."""
    match = _REQUIREMENT.match(source)
    if match:
        name, op, number = match.groups()
        amount = int(number) + (1 if op == ">" else 0)
        var = variables.get(name)
        if var is not None and var.type == "money":
            return _("Not enough {label}: {amount} needed").format(
                label=var.label.lower(), amount=format_money(amount)
            )
        if var is not None:
            return _("Needs {label} {amount} or more").format(
                label=var.label, amount=format_number(amount)
            )
    return _("Not possible now")


def _words(part: TextPart) -> int:
    total = sum(count_words(p) for p in part.template if isinstance(p, str))
    if part.otherwise:
        total += sum(count_words(p) for p in part.otherwise if isinstance(p, str))
    return total
