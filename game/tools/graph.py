"""``python main.py graph``: the story map, as Graphviz DOT, Mermaid or one HTML file.

The map shows every scene, grouped by chapter; the start scene and the endings are
marked, scenes no route reaches are flagged, and with mods the scenes a mod adds or
replaces are marked with its id. Each way on is an edge: ``next`` (bold grey), a
choice (labelled with its text, shortened), a choice shown only ``if`` a condition
holds (dashed blue, with the condition), a choice that ``requires`` something and is
otherwise locked (dotted red, with the condition), and weighted ``outcomes`` (purple,
with their chance).

This module builds the map from a story, lays it out for the HTML page (chapters are
columns from left to right, and within a chapter each scene stands in the row of its
distance from the chapter's entry scenes, in an order that keeps edges short) and
writes Graphviz DOT, whole or one chapter with the scenes of other chapters it
touches. ``graph_mermaid.py`` writes Mermaid; ``graph_page.py`` writes the HTML page
and holds the command.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from game.engine import (
    Choice,
    Effect,
    Expression,
    ModInfo,
    Scene,
    Story,
    TemplatePart,
    TextPart,
    reachable_from,
    read_mod_info,
)

EdgeKind = Literal["next", "choice", "outcome"]
LABEL_WIDTH = 28
CONDITION_WIDTH = 40

NODE_W = 190
NODE_H = 46
GAP_X = 26
GAP_Y = 84
BAND_GAP = 140
BAND_HEADER = 48
BAND_PAD = 24
BAND_MIN_WIDTH = 600
ROW_LIMIT = 7  # a wider layer wraps onto more rows


@dataclass
class Edge:
    """One way from a scene to another."""

    source: str
    target: str
    kind: EdgeKind
    label: str = ""
    choice: str | None = None
    condition: str | None = None
    requires: str | None = None
    weight: str | None = None
    share: float | None = None


@dataclass
class Node:
    """One scene on the map, with what the HTML map's reading panel shows."""

    id: str
    chapter: int
    file: str
    line: int
    start: bool = False
    ending: str | None = None
    reachable: bool = True
    speaker: str | None = None
    date: str | None = None
    background: str | None = None
    text: list[str] = field(default_factory=list)
    effects: list[str] = field(default_factory=list)
    choices: list[dict[str, object]] = field(default_factory=list)
    next: str | None = None
    discuss: list[str] = field(default_factory=list)
    cards: list[str] = field(default_factory=list)
    #: The id of the mod that added or replaced this scene; None for the story's own.
    mod: str | None = None
    #: True when the mod's scene stands in for a story scene of the same id.
    replaced: bool = False
    x: int = 0
    y: int = 0


@dataclass
class Band:
    """A chapter's rectangle on the HTML map."""

    chapter: int
    title: str
    x: int
    y: int
    width: int
    height: int


@dataclass
class StoryMap:
    title: str
    start: str
    chapters: dict[int, str]
    nodes: dict[str, Node]
    edges: list[Edge]
    bands: list[Band] = field(default_factory=list)
    #: The mods laid over the story, id -> name, in the order they were given.
    mods: dict[str, str] = field(default_factory=dict)


# -- from the story to the map ---------------------------------------------------------
def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def template_source(
    parts: tuple[TemplatePart, ...] | None, money: frozenset[str] = frozenset()
) -> str:
    """A template as the writer wrote it, placeholders in braces.

    ``money`` names the money variables, whose ``{name}`` shows in yuan by default.
    """
    if not parts:
        return ""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            expression, fmt = part
            default = "yuan" if expression.source.strip() in money else "number"
            suffix = "" if fmt == default else f":{fmt}"
            out.append("{" + expression.source + suffix + "}")
    return "".join(out)


def text_source(parts: list[TextPart], money: frozenset[str] = frozenset()) -> list[str]:
    lines: list[str] = []
    for part in parts:
        body = template_source(part.template, money)
        if part.condition is None:
            lines.append(body)
            continue
        lines.append(f"[if {part.condition.source}] {body}")
        if part.otherwise is not None:
            lines.append(f"[else] {template_source(part.otherwise, money)}")
    return lines


def effect_sources(effects: list[Effect]) -> list[str]:
    return [effect.spec.value.source for effect in effects]


def _source(expression: Expression | None) -> str | None:
    return expression.source if expression is not None else None


def _constant(expression: Expression) -> float | None:
    try:
        return float(expression.source)
    except ValueError:
        return None


def choice_edges(scene: Scene, choice: Choice) -> list[Edge]:
    label = shorten(template_source(choice.text), LABEL_WIDTH)
    condition = _source(choice.condition)
    requires = _source(choice.requirement)
    if choice.target is not None:
        return [Edge(scene.id, choice.target, "choice", label, choice.id, condition, requires)]
    weights = [_constant(outcome.weight) for outcome in choice.outcomes]
    fixed = all(w is not None for w in weights) and not any(o.condition for o in choice.outcomes)
    total = sum(w or 0.0 for w in weights)
    edges: list[Edge] = []
    for outcome, weight in zip(choice.outcomes, weights, strict=True):
        share = (weight or 0.0) / total if fixed and total > 0 else None
        outcome_condition = _source(outcome.condition)
        both = " and ".join(f"({c})" for c in (condition, outcome_condition) if c)
        edges.append(
            Edge(
                scene.id,
                outcome.target,
                "outcome",
                label,
                choice.id,
                both or None,
                requires,
                outcome.weight.source,
                share,
            )
        )
    return edges


def node_of(story: Story, scene: Scene, reachable: set[str]) -> Node:
    speaker = story.characters.get(scene.speaker) if scene.speaker else None
    money = frozenset(name for name, var in story.variables.items() if var.type == "money")
    node = Node(
        id=scene.id,
        chapter=scene.chapter,
        file=scene.loc.file,
        line=scene.loc.line,
        start=scene.id == story.start,
        ending=scene.ending.title if scene.ending else None,
        reachable=scene.id in reachable,
        speaker=speaker.name if speaker else scene.speaker,
        date=scene.date,
        background=scene.background,
        text=text_source(scene.text, money),
        effects=effect_sources(scene.effects),
        next=scene.next,
        discuss=[prompt.for_writer() for prompt in scene.discuss],
        cards=[card.title for card in scene.cards],
    )
    if scene.ending is not None:
        node.text += [
            "",
            f"THE END: {scene.ending.title}",
            *text_source(scene.ending.epilogue, money),
        ]
    for choice in scene.choices:
        node.choices.append(
            {
                "id": choice.id,
                "text": template_source(choice.text, money),
                "if": _source(choice.condition),
                "requires": _source(choice.requirement),
                "locked": template_source(choice.locked_reason, money) or None,
                "effects": effect_sources(choice.effects),
                "note": template_source(choice.note, money) or None,
                "goto": choice.target,
                "outcomes": [
                    {
                        "weight": outcome.weight.source,
                        "if": _source(outcome.condition),
                        "effects": effect_sources(outcome.effects),
                        "goto": outcome.target,
                    }
                    for outcome in choice.outcomes
                ],
            }
        )
    return node


def _mod_owners(story: Story) -> list[tuple[Path, ModInfo]]:
    """Each mod folder laid over ``story`` (resolved) with what its manifest says."""
    owners: list[tuple[Path, ModInfo]] = []
    for root in story.mod_roots:
        info, _problems = read_mod_info(root)
        if info is not None:
            owners.append((Path(root).resolve(), info))
    return owners


def _owner(file: str, owners: list[tuple[Path, ModInfo]]) -> ModInfo | None:
    where = Path(file).resolve()
    return next((info for root, info in owners if where.is_relative_to(root)), None)


def build_map(story: Story, original: Story | None = None) -> StoryMap:
    """The map of a loaded story: its scenes as nodes and every way on as an edge.

    With mods laid over the story, each scene a mod wrote is marked with the mod's id;
    ``original`` (the same story loaded without mods) tells which of those replace a
    story scene rather than add one.
    """
    reachable = reachable_from(story, story.start)
    nodes = {scene.id: node_of(story, scene, reachable) for scene in story.scenes.values()}
    owners = _mod_owners(story)
    for node in nodes.values():
        owner = _owner(node.file, owners) if owners else None
        if owner is not None:
            node.mod = owner.id
            node.replaced = original is not None and node.id in original.scenes
    edges: list[Edge] = []
    for scene in story.scenes.values():
        if scene.next is not None:
            edges.append(Edge(scene.id, scene.next, "next"))
        for choice in scene.choices:
            edges.extend(choice_edges(scene, choice))
    chapters: dict[int, str] = {}
    for chapter in sorted(story.chapters, key=lambda c: c.number):
        chapters.setdefault(chapter.number, chapter.title)
    for node in nodes.values():
        chapters.setdefault(node.chapter, f"Chapter {node.chapter}")
    mods = {info.id: info.name for _root, info in reversed(owners)}
    return StoryMap(
        story.title, story.start, dict(sorted(chapters.items())), nodes, edges, mods=mods
    )


def edge_caption(edge: Edge, width: int = CONDITION_WIDTH) -> str:
    """The words an edge carries: its choice, chance and conditions."""
    lines: list[str] = []
    if edge.kind == "outcome":
        chance = f"{edge.share:.0%}" if edge.share is not None else f"weight {edge.weight}"
        lines.append(f"{chance}: {edge.label}" if edge.label else chance)
    elif edge.label:
        lines.append(edge.label)
    if edge.condition:
        lines.append("if " + shorten(edge.condition, width))
    if edge.requires:
        lines.append("locked unless " + shorten(edge.requires, width))
    return "\n".join(lines)


# -- layout --------------------------------------------------------------------------------
def _chapter_depths(story_map: StoryMap, members: list[str]) -> dict[str, int]:
    """Each scene's distance from its chapter's entry scenes, following edges in it."""
    inside = set(members)
    after: dict[str, list[str]] = defaultdict(list)
    entries: list[str] = []
    for edge in story_map.edges:
        if edge.source in inside and edge.target in inside and edge.source != edge.target:
            after[edge.source].append(edge.target)
        elif edge.target in inside and edge.source not in inside:
            entries.append(edge.target)
    if story_map.start in inside:
        entries.insert(0, story_map.start)
    depth: dict[str, int] = {}
    for root in [*entries, *members]:
        if root in depth:
            continue
        depth[root] = 0 if root in entries else _parent_depth(root, after, depth)
        queue = deque([root])
        while queue:
            current = queue.popleft()
            for target in after[current]:
                if target not in depth:
                    depth[target] = depth[current] + 1
                    queue.append(target)
    return depth


def _parent_depth(scene: str, after: dict[str, list[str]], depth: dict[str, int]) -> int:
    """A scene no entry reaches stands one column right of its deepest placed parent."""
    parents = [depth[s] for s, targets in after.items() if scene in targets and s in depth]
    return max(parents) + 1 if parents else 0


def _order_layers(layers: list[list[str]], edges: list[Edge]) -> None:
    """Reorder scenes within each column so that edges cross less (barycentre sweeps).

    Columns are centred on one another, so a scene's place is its offset from its
    column's middle; each sweep sorts a column by the mean place of the scenes linked
    to it in the columns already swept.
    """
    before: dict[str, list[str]] = defaultdict(list)
    after: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        before[edge.target].append(edge.source)
        after[edge.source].append(edge.target)
    place: dict[str, float] = {}
    column: dict[str, int] = {}
    for number, layer in enumerate(layers):
        for row, scene in enumerate(layer):
            place[scene] = row - (len(layer) - 1) / 2
            column[scene] = number
    for sweep in range(8):
        forward = sweep % 2 == 0
        links = before if forward else after
        order = range(1, len(layers)) if forward else range(len(layers) - 2, -1, -1)
        for number in order:
            layer = layers[number]
            keys: dict[str, float] = {}
            for scene in layer:
                spots = [
                    place[other]
                    for other in links[scene]
                    if other in place and column[other] != number
                ]
                keys[scene] = sum(spots) / len(spots) if spots else place[scene]
            layer.sort(key=keys.__getitem__)
            for row, scene in enumerate(layer):
                place[scene] = row - (len(layer) - 1) / 2


def layout(story_map: StoryMap) -> None:
    """Place every scene: chapters as columns left to right, rows by depth in the chapter."""
    by_chapter: dict[int, list[str]] = defaultdict(list)
    for node in story_map.nodes.values():
        by_chapter[node.chapter].append(node.id)
    pitch_x = NODE_W + GAP_X
    pitch_y = NODE_H + GAP_Y
    left = 0
    story_map.bands = []
    for number, title in story_map.chapters.items():
        members = by_chapter.get(number, [])
        if not members:
            continue
        depths = _chapter_depths(story_map, members)
        layers: list[list[str]] = [[] for _ in range(max(depths.values()) + 1)]
        for scene in members:
            layers[depths[scene]].append(scene)
        _order_layers(layers, story_map.edges)
        rows = [
            layer[i : i + ROW_LIMIT] for layer in layers for i in range(0, len(layer), ROW_LIMIT)
        ]
        widest = max(len(row) for row in rows)
        width = max(BAND_MIN_WIDTH, 2 * BAND_PAD + widest * pitch_x - GAP_X)
        for number_in_band, row in enumerate(rows):
            start_x = left + (width - (len(row) * pitch_x - GAP_X)) / 2
            for column, scene in enumerate(row):
                node = story_map.nodes[scene]
                node.x = round(start_x + column * pitch_x)
                node.y = BAND_HEADER + BAND_PAD + number_in_band * pitch_y
        height = BAND_HEADER + 2 * BAND_PAD + len(rows) * pitch_y - GAP_Y
        story_map.bands.append(Band(number, title, left, 0, width, height))
        left += width + BAND_GAP
    tallest = max((band.height for band in story_map.bands), default=0)
    for band in story_map.bands:
        band.height = tallest


# -- Graphviz DOT ------------------------------------------------------------------------
def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _chapter_part(story_map: StoryMap, chapter: int | None) -> tuple[list[Edge], dict[str, bool]]:
    """The edges to draw for ``chapter`` (all when None), and the scenes to draw:
    id -> True for a scene of another chapter that one of those edges touches."""
    if chapter is None:
        return story_map.edges, {scene: False for scene in story_map.nodes}
    inside = {node.id for node in story_map.nodes.values() if node.chapter == chapter}
    edges = [e for e in story_map.edges if e.source in inside or e.target in inside]
    drawn = {scene: False for scene in inside}
    for edge in edges:
        for end in (edge.source, edge.target):
            drawn.setdefault(end, True)
    return edges, drawn


def _dot_node(node: Node, elsewhere: bool = False) -> str:
    label = node.id
    attrs: dict[str, str] = {}
    if node.mod is not None:
        label += f"\n[{'replaced by' if node.replaced else 'mod'} {node.mod}]"
        attrs.update(fillcolor='"#dff3f1"', color='"#00796b"', penwidth="2")
    if node.ending is not None:
        label += "\nEND: " + shorten(node.ending, LABEL_WIDTH)
        attrs.update(shape="doubleoctagon", fillcolor='"#f6e0c8"', color='"#a0522d"')
    if node.start:
        label = "START\n" + label
        attrs.update(fillcolor='"#d9eed9"', color='"#2e7d32"', penwidth="2")
    if not node.reachable:
        label += "\n(unreachable)"
        attrs.update(
            style='"rounded,filled,dashed"',
            fillcolor='"#ffecec"',
            color='"#c62828"',
            fontcolor='"#c62828"',
            penwidth="2",
        )
    if elsewhere:
        attrs.update(fillcolor='"#eeeeee"', color='"#9e9e9e"', fontcolor='"#555555"')
        attrs["style"] = '"rounded,filled,dotted"'
    extra = "".join(f", {key}={value}" for key, value in attrs.items())
    return f"    {_dot_text(node.id)} [label={_dot_text(label)}{extra}];"


EDGE_STYLES: dict[str, dict[str, str]] = {
    "next": {"style": "bold", "color": '"#9e9e9e"'},
    "choice": {"color": '"#37474f"'},
    "if": {"style": "dashed", "color": '"#1e6bb8"', "fontcolor": '"#1e6bb8"'},
    "requires": {
        "style": "dotted",
        "color": '"#c62828"',
        "fontcolor": '"#c62828"',
        "arrowhead": "odot",
        "penwidth": "1.6",
    },
    "outcome": {"color": '"#7b4fb0"', "fontcolor": '"#7b4fb0"', "arrowhead": "empty"},
}


def edge_style(edge: Edge) -> str:
    """The edge's look: next, choice, if (conditional), requires (locked) or outcome."""
    if edge.requires:
        return "requires"
    if edge.kind == "outcome":
        return "outcome"
    if edge.condition:
        return "if"
    return edge.kind


def to_dot(story_map: StoryMap, chapter: int | None = None) -> str:
    """Graphviz DOT of the whole map, or of one chapter and the scenes it touches."""
    edges, drawn = _chapter_part(story_map, chapter)
    lines = [
        "// Story map generated by 'python main.py graph': render with"
        " dot -Tsvg map.dot -o map.svg",
        "digraph story {",
        f"  graph [label={_dot_text(story_map.title + ': story map')}, labelloc=t, fontsize=20,"
        ' fontname="Helvetica", rankdir=TB, newrank=true, nodesep=0.25, ranksep=0.6];',
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#607d8b",'
        ' fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=8, arrowsize=0.7];',
    ]
    for number, title in story_map.chapters.items():
        members = [
            node for node in story_map.nodes.values() if node.chapter == number and node.id in drawn
        ]
        if not members:
            continue
        cluster = str(number) if number >= 0 else f"m{-number}"
        lines.append(f"  subgraph cluster_chapter_{cluster} {{")
        lines.append(
            f"    label={_dot_text(f'Chapter {number}: {title}')}; fontsize=16;"
            ' style="rounded,filled"; fillcolor="#f5f2ea"; color="#c8bfa6";'
        )
        lines.extend(_dot_node(node, elsewhere=drawn[node.id]) for node in members)
        lines.append("  }")
    for edge in edges:
        attrs = dict(EDGE_STYLES[edge_style(edge)])
        caption = edge_caption(edge)
        if caption:
            attrs["label"] = _dot_text(caption)
        extra = ", ".join(f"{key}={value}" for key, value in attrs.items())
        lines.append(f"  {_dot_text(edge.source)} -> {_dot_text(edge.target)} [{extra}];")
    lines.extend(_dot_legend(bool(story_map.mods)))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_legend(with_mods: bool = False) -> list[str]:
    lines = [
        "  subgraph cluster_legend {",
        '    label="Legend"; fontsize=14; style="rounded"; color="#9e9e9e";',
        '    legend_a [label="scene", shape=box];',
        '    legend_b [label="scene"];',
        '    legend_end [label="ending", shape=doubleoctagon, fillcolor="#f6e0c8"];',
        '    legend_lost [label="unreachable", style="rounded,filled,dashed",'
        ' fillcolor="#ffecec", color="#c62828", fontcolor="#c62828"];',
    ]
    samples = [
        ("next", "next"),
        ("choice", "choice"),
        ("if", "shown only if ..."),
        ("requires", "locked unless ..."),
        ("outcome", "weighted outcome"),
    ]
    for style, text in samples:
        attrs = ", ".join(f"{k}={v}" for k, v in EDGE_STYLES[style].items())
        lines.append(f'    legend_a -> legend_b [label="{text}", {attrs}];')
    lines.append("    legend_b -> legend_end [style=invis];")
    lines.append("    legend_end -> legend_lost [style=invis];")
    if with_mods:
        lines.append(
            '    legend_mod [label="mod scene\\n[mod ID] or [replaced by ID]",'
            ' fillcolor="#dff3f1", color="#00796b", penwidth=2];'
        )
        lines.append("    legend_lost -> legend_mod [style=invis];")
    lines.append("  }")
    return lines
