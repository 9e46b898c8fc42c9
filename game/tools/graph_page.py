"""The HTML story map and the ``python main.py graph`` command.

The page (``templates/story_map.html``) is one self-contained file: the laid-out map
and its interface words, in the current language, travel as JSON inside it, made safe
for ``<script>`` here; its script draws the map, searches, filters, closes chapters and
makes the print view. :func:`run_graph` writes any of the three formats.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from markupsafe import Markup

from game.engine import load_story
from game.i18n import _, language, ngettext
from game.tools.graph import (
    BAND_GAP,
    GAP_Y,
    NODE_H,
    NODE_W,
    StoryMap,
    build_map,
    edge_caption,
    edge_style,
    layout,
    to_dot,
)
from game.tools.graph_mermaid import mermaid_too_big, to_mermaid, write_mermaid_chapters
from game.tools.loading import load_or_report
from game.tools.templating import environment


def chapter_summary(story_map: StoryMap, chapter: int) -> list[tuple[str, str]]:
    """A chapter's counts as short phrases: scenes, endings, ways on, unreachable, mods.

    Each phrase comes with its kind ("", "lost" or "mod"), which the page colours.
    """
    members = [node for node in story_map.nodes.values() if node.chapter == chapter]
    inside = {node.id for node in members}
    ways = sum(1 for edge in story_map.edges if edge.source in inside)
    endings = sum(1 for node in members if node.ending is not None)
    lost = sum(1 for node in members if not node.reachable)
    modded = sum(1 for node in members if node.mod is not None)
    lines = [
        ("", ngettext("{n} scene", "{n} scenes", len(members)).format(n=len(members))),
        ("", ngettext("{n} ending", "{n} endings", endings).format(n=endings)),
        ("", ngettext("{n} way on", "{n} ways on", ways).format(n=ways)),
    ]
    if lost:
        lines.append(("lost", ngettext("{n} unreachable", "{n} unreachable", lost).format(n=lost)))
    if modded:
        lines.append(("mod", ngettext("{n} mod scene", "{n} mod scenes", modded).format(n=modded)))
    return lines


def page_strings(story_map: StoryMap) -> dict[str, str]:
    """The map page's interface words, in the current language, for its script.

    Placeholders stay in braces for the script to fill. Counts the script only knows
    while running are written "label: n", which needs no plural forms.
    """
    total = len(story_map.nodes)
    endings = sum(1 for node in story_map.nodes.values() if node.ending is not None)
    ways = len(story_map.edges)
    lost = sum(1 for node in story_map.nodes.values() if not node.reachable)
    return {
        "counts": " \u00b7 ".join(
            [
                ngettext("{n} scene", "{n} scenes", total).format(n=total),
                ngettext("{n} ending", "{n} endings", endings).format(n=endings),
                ngettext("{n} way on", "{n} ways on", ways).format(n=ways),
            ]
        ),
        "lost_button": ngettext("{n} unreachable", "{n} unreachable", lost).format(n=lost),
        "shown_of": ngettext("{shown} of {n} scene shown", "{shown} of {n} scenes shown", total),
        "chapter": _("Chapter {number}: {title}"),
        "chapter_short": _("chapter {number}"),
        "all_chapters": _("All chapters"),
        "all_scenes": _("All scenes"),
        "story_scenes": _("The story's own scenes"),
        "mod_scenes": _("Scenes of the mod {name}"),
        "replaced_scenes": _("Story scenes replaced by mods"),
        "print_chapter": _("Print chapter {number}"),
        "collapse": _("Collapse chapter {number}"),
        "expand": _("Open chapter {number}"),
        "matches": _("Matches: {n}"),
        "hidden": _("hidden by the filters: {n}"),
        "more": _("not listed: {n} more; search for more words"),
        "no_match": _("No scene matches."),
        "filtered": _("Scenes the filter keeps: {n}"),
        "ways_on": _("ways on: {n}"),
        "matches_short": _("matches: {n}"),
        "in_id": _("id"),
        "in_text": _("text"),
        "in_choice": _("choice"),
        "in_speaker": _("speaker"),
        "in_ending": _("ending"),
        "start": _("START"),
        "end": _("END: {title}"),
        "unreachable": _("UNREACHABLE"),
        "unreachable_end": _("UNREACHABLE \u00b7 END"),
        "mod": _("MOD {id}"),
        "replaced": _("REPLACED by {id}"),
        "badge_start": _("START"),
        "badge_ending": _("ENDING"),
        "badge_lost": _("UNREACHABLE: no route leads here"),
        "badge_mod": _("added by the mod {id}"),
        "badge_replaced": _("the mod {id} replaces the story's scene"),
        "speaker": _("speaker: {name}"),
        "background": _("background: {name}"),
        "on_entering": _("On entering"),
        "text": _("Text"),
        "next": _("Next"),
        "choices": _("Choices"),
        "shown_if": _("shown only if"),
        "locked_unless": _("locked unless"),
        "locked_reason": _("locked reason:"),
        "effect": _("effect"),
        "note": _("note:"),
        "outcome": _("\u2192 {scene} (weight {weight})"),
        "outcome_if": _("\u2192 {scene} (weight {weight}, if {condition})"),
        "reached_from": _("Reached from"),
        "story_start": _("the start of the story"),
        "nowhere": _("nowhere"),
        "discuss": _("Discuss"),
        "cards": _("Context cards"),
        "close": _("Close"),
        "lost_next": _("Show the next unreachable scene"),
        "legend_next": _("next (reads on)"),
        "legend_choice": _("choice"),
        "legend_if": _("choice shown only if\u2026"),
        "legend_requires": _("locked unless\u2026 (a locked choice)"),
        "legend_outcome": _("weighted outcome"),
        "legend_many": _("several ways on between chapters (the count on it)"),
        "legend_start": _("start scene"),
        "legend_ending": _("ending"),
        "legend_lost": _("unreachable scene"),
        "legend_mod": _("scene a mod adds"),
        "legend_replaced": _("story scene a mod replaces"),
        "legend_match": _("matches the search"),
        "legend_chapter": _("a closed chapter (click to open)"),
        "scenes_heading": _("Scenes"),
        "leads_to": _("leads to"),
        "map_part": _("Map, part {part} of {parts}"),
    }


def to_html(story_map: StoryMap) -> str:
    layout(story_map)
    data = {
        "title": story_map.title,
        "start": story_map.start,
        "size": {"node_w": NODE_W, "node_h": NODE_H, "gap": BAND_GAP, "row": NODE_H + GAP_Y},
        "bands": [
            {**asdict(band), "summary": chapter_summary(story_map, band.chapter)}
            for band in story_map.bands
        ],
        "nodes": [asdict(node) for node in story_map.nodes.values()],
        "edges": [
            {**asdict(edge), "style": edge_style(edge), "caption": edge_caption(edge)}
            for edge in story_map.edges
        ],
        "mods": story_map.mods,
        "ui": page_strings(story_map),
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Inside <script>, "</script" or "<!--" in a story's text could end or bend the
    # element; "\u003c" is the same "<" to JSON and no markup to the page.
    # Marked safe because it is: HTML entities would not be decoded inside <script>.
    payload = Markup(payload.replace("<", "\\u003c"))
    page = (
        environment()
        .get_template("story_map.html")
        .render(title=story_map.title, data=payload, language=language().replace("_", "-"))
    )
    return page if page.endswith("\n") else page + "\n"


def load_map(story_dir: str, mods: Sequence[str] = ()) -> StoryMap | None:
    """The map of the story in ``story_dir`` with ``mods``, or None after printing errors.

    With mods, the story is read once more without them, to tell a scene a mod
    replaces from one it adds.
    """
    story = load_or_report(story_dir, mods)
    if story is None:
        return None
    original = load_story(story_dir)[0] if mods else None
    return build_map(story, original)


def _chapter_problem(story_map: StoryMap, chapter: int) -> str | None:
    if chapter in story_map.chapters:
        return None
    known = ", ".join(str(number) for number in story_map.chapters)
    return _("there is no chapter {number}; the story's chapters are {known}").format(
        number=chapter, known=known
    )


def run_graph(
    story_dir: str,
    fmt: str = "html",
    output: str | None = None,
    mods: Sequence[str] = (),
    out: TextIO = sys.stdout,
    chapter: int | None = None,
) -> int:
    """Write the story map; the exit status (1: the story has errors, 2: bad options)."""
    if chapter is not None and fmt == "html":
        print(
            _(
                "graph: --chapter is for --format mermaid or dot; the HTML map has its own"
                " chapter filter"
            ),
            file=sys.stderr,
        )
        return 2
    story_map = load_map(story_dir, mods)
    if story_map is None:
        return 1
    if chapter is not None:
        problem = _chapter_problem(story_map, chapter)
        if problem is not None:
            print(f"graph: {problem}", file=sys.stderr)
            return 2
    to_folder = output is not None and (output.endswith(("/", os.sep)) or Path(output).is_dir())
    if fmt == "mermaid" and chapter is None and to_folder and output is not None:
        written = write_mermaid_chapters(story_map, Path(output))
        for path in written:
            print(_("wrote {path}").format(path=path), file=sys.stderr)
        return 0
    if to_folder:
        print(
            _(
                "graph: {output} is a folder; only --format mermaid writes one file a chapter"
                " there; give a file name"
            ).format(output=output),
            file=sys.stderr,
        )
        return 2
    if fmt == "mermaid":
        text = to_mermaid(story_map, chapter)
        too_big = mermaid_too_big(text)
        if too_big is not None:
            chapters = ", ".join(str(number) for number in story_map.chapters)
            print(
                _(
                    "graph: the whole story is too big for Mermaid ({why}).\n"
                    "Map one chapter with --chapter N (chapters: {chapters}), or write one"
                    " file a chapter with -o FOLDER/; --format html or dot draws it whole."
                ).format(why=too_big, chapters=chapters),
                file=sys.stderr,
            )
            return 2
    elif fmt == "dot":
        text = to_dot(story_map, chapter)
    else:
        text = to_html(story_map)
    if output is None or output == "-":
        out.write(text)
        return 0
    Path(output).write_text(text, encoding="utf-8")
    count = sum(
        1 for node in story_map.nodes.values() if chapter is None or node.chapter == chapter
    )
    print(f"wrote {output}: {count} scenes, {fmt}", file=sys.stderr)
    return 0
