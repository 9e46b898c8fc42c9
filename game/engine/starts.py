"""Chapter starts and lesson paths: ``starts:`` in story.yaml.

A class with 45 minutes cannot play three winters from the beginning. A *start* lets a
game begin at a chapter (or any scene) with a believable state written by the story's
authors: the money, meters and flags a typical route brings there, and a sentence that
tells the player where the family stands. A start with ``until:`` is a *lesson path*:
the game stops, as at an ending, when it reaches one of those scenes (the storm chapter
from the tickets to New Year, say).

```yaml
starts:
  chapter2:
    chapter: 2
    scene: ch2_start
    summary: Winter 2007-08. Qin is in senior high; the savings book holds 11,900 yuan.
    values: {money: 1400, savings: 11900, qin: 3, qin_fees_paid: true}
  storm:
    chapter: 2
    scene: ch2_tickets
    until: [ch2_new_year_day]
    summary: ...
    values: {...}
```

Every start is checked at load time: its scene exists, its values name declared
variables of the right type within their bounds, and every ``until`` scene exists.
"""

from __future__ import annotations

from game.engine.diagnostics import did_you_mean
from game.engine.fields import FieldReader, Reporter, describe, item_loc
from game.engine.model import Loc, Scene, Start, Variable
from game.engine.yamlread import MapNode, SeqNode

START_FIELDS = ("chapter", "scene", "title", "summary", "values", "until")
START_REQUIRED = ("chapter", "scene", "summary")


def read_starts(
    reporter: Reporter,
    reader: FieldReader,
    scenes: dict[str, Scene],
    variables: dict[str, Variable],
    chapter_titles: dict[int, str],
    scenes_complete: bool = True,
) -> dict[str, Start]:
    """The ``starts:`` of story.yaml, checked; problems go to ``reporter``."""
    node = reader.mapping("starts")
    if node is None:
        return {}
    starts: dict[str, Start] = {}
    for start_id, body in node.items():
        where = Loc(reader.file, *node.key_pos.get(start_id, node.pos))
        if not isinstance(body, MapNode):
            reporter.error(
                "E014", where, f"start '{start_id}' should be a mapping (chapter, scene, ...)"
            )
            continue
        fields = FieldReader(
            body, reader.file, f"start '{start_id}'", START_FIELDS, reporter, START_REQUIRED
        )
        chapter = fields.integer("chapter", 0) or 0
        scene = fields.identifier("scene", "scene") or ""
        if scene and scenes_complete and scene not in scenes:
            reporter.error(
                "E022",
                fields.value_loc("scene"),
                f"start '{start_id}' begins at unknown scene '{scene}'"
                + did_you_mean(scene, scenes),
            )
        elif scene in scenes and chapter and scenes[scene].chapter != chapter:
            reporter.error(
                "E014",
                fields.value_loc("chapter"),
                f"start '{start_id}' says chapter {chapter}, but scene '{scene}' is in"
                f" chapter {scenes[scene].chapter}",
            )
        until = _until(reporter, fields, start_id, scenes, scenes_complete)
        values = _values(reporter, fields, start_id, variables)
        summary = " ".join((fields.text("summary", "") or "").split())
        title = fields.text("title") or chapter_titles.get(chapter, f"Chapter {chapter}")
        starts[str(start_id)] = Start(
            str(start_id), chapter, scene, title, summary, values, until, where
        )
    return starts


def _until(
    reporter: Reporter,
    fields: FieldReader,
    start_id: str,
    scenes: dict[str, Scene],
    scenes_complete: bool,
) -> tuple[str, ...]:
    if not fields.has("until"):
        return ()
    value = fields.node["until"]
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, SeqNode)) or not all(isinstance(i, str) for i in items):
        reporter.error(
            "E014",
            fields.value_loc("until"),
            f"'until' of start '{start_id}' should be a scene id or a list of them,"
            f" not {describe(value)}",
        )
        return ()
    for index, target in enumerate(items):
        if scenes_complete and target not in scenes:
            loc = (
                item_loc(items, index, fields.file)
                if isinstance(items, SeqNode)
                else fields.value_loc("until")
            )
            reporter.error(
                "E022",
                loc,
                f"start '{start_id}' stops at unknown scene '{target}'"
                + did_you_mean(target, scenes),
            )
    return tuple(items)


def _values(
    reporter: Reporter, fields: FieldReader, start_id: str, variables: dict[str, Variable]
) -> dict[str, int | bool]:
    node = fields.mapping("values")
    if node is None:
        return {}
    values: dict[str, int | bool] = {}
    for name, value in node.items():
        where = Loc(fields.file, *node.value_pos.get(name, node.pos))
        var = variables.get(name)
        if var is None:
            reporter.error(
                "E032",
                Loc(fields.file, *node.key_pos.get(name, node.pos)),
                f"start '{start_id}' sets unknown variable '{name}'"
                + did_you_mean(str(name), variables),
            )
            continue
        if var.type == "bool":
            if not isinstance(value, bool):
                reporter.error("E034", where, f"'{name}' is true or false, not {describe(value)}")
                continue
        elif isinstance(value, bool) or not isinstance(value, int):
            reporter.error("E034", where, f"'{name}' is a whole number, not {describe(value)}")
            continue
        elif (var.minimum is not None and value < var.minimum) or (
            var.maximum is not None and value > var.maximum
        ):
            bounds = f"{var.minimum if var.minimum is not None else '...'}.." + (
                f"{var.maximum}" if var.maximum is not None else "..."
            )
            reporter.error(
                "E026", where, f"start '{start_id}' sets '{name}' to {value}, outside {bounds}"
            )
            continue
        values[str(name)] = value
    return values
