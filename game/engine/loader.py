"""Loading a story folder: read the files, build the model, validate it.

``load_story(path)`` returns ``(story, diagnostics)``; the story is ``None`` when
there are errors. Reading (YAML to located trees) is :mod:`game.engine.yamlread`;
building scenes is :mod:`game.engine.scenes`; the whole-story checks (targets,
dead ends, reachability) are :mod:`game.engine.checks`. ``load_story(path, mods)``
lays mod folders over the story on the way: :mod:`game.engine.mods` has the rules.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from pathlib import Path

from game.engine import checks
from game.engine.diagnostics import Diagnostic, did_you_mean, has_errors, sort_key
from game.engine.expr import VarInfo
from game.engine.fields import FieldReader, item_loc, warn_control_characters
from game.engine.model import Chapter, Loc, Story
from game.engine.mods import ModOverlay
from game.engine.renames import Rename, check_renames, merge_renames, read_renames
from game.engine.scenes import SceneBuilder, SourceFile
from game.engine.starts import read_starts
from game.engine.storyfiles import (
    CHAPTER_FIELDS,
    CHAPTER_REQUIRED,
    FORMAT_VERSION,
    STORY_FIELDS,
    STORY_FILE,
    STORY_REQUIRED,
    LoadContext,
    display_path,
    kind_of,
    paragraphs,
    read_characters,
    read_file,
    read_glossary,
    read_ledger,
    read_variables,
    safe_child,
    warn_unlisted,
)
from game.engine.translation import translate_story
from game.engine.yamlhints import warn_misread
from game.engine.yamlread import (
    MapNode,
)


def load_story(
    path: str | os.PathLike[str],
    mods: Sequence[str | os.PathLike[str]] = (),
    lang: str | None = None,
) -> tuple[Story | None, list[Diagnostic]]:
    """Load, build and validate the story in folder ``path``, with ``mods`` laid over it.

    Mods are folders with a ``mod.yaml``, laid in the order given (see
    :mod:`game.engine.mods`); their problems are reported in their own files. ``lang``
    puts the story's strings in that language (:func:`translate_story`), each string
    falling back to English where its translation is missing, stale or broken.
    """
    story, diagnostics, _ = load_story_sources(path, mods)
    if story is not None and lang:
        translate_story(story, lang)
    return story, diagnostics


def load_story_sources(
    path: str | os.PathLike[str], mods: Sequence[str | os.PathLike[str]] = ()
) -> tuple[Story | None, list[Diagnostic], list[Path]]:
    """:func:`load_story`, and the paths of every file it read (for the compiled cache)."""
    root = Path(path)
    ctx = LoadContext(root=root)
    overlay: ModOverlay | None = None
    if mods:
        overlay = ModOverlay([Path(folder) for folder in mods])
    # Loading builds hundreds of thousands of long-lived objects and no cycles worth
    # collecting; pausing the cyclic collector makes large stories load 2-3x faster.
    collecting = gc.isenabled()
    gc.disable()
    try:
        story = _load(ctx, overlay)
        unlisted = ctx.reporter.summary(display_path(root / STORY_FILE))
        diagnostics = sorted([*ctx.reporter.diagnostics, *unlisted], key=sort_key)
    finally:
        # The loaded story lives as long as the game: move it out of the collector's
        # sight so that later collections do not walk it again and again.
        gc.freeze()
        if collecting:
            gc.enable()
    if story is None or has_errors(diagnostics):
        return None, diagnostics, ctx.paths
    return story, diagnostics, ctx.paths


def _load(ctx: LoadContext, overlay: ModOverlay | None = None) -> Story | None:
    story_path = ctx.root / STORY_FILE
    if not ctx.root.is_dir():
        ctx.reporter.error("E010", Loc(display_path(ctx.root), 1, 1), "no such story folder")
        return None
    source = read_file(ctx, story_path)
    if source is None:
        ctx.reporter.error(
            "E010",
            Loc(display_path(story_path), 1, 1),
            "the story folder has no story.yaml: every story starts from one (see MODDING.md)",
        )
        return None
    if not isinstance(source.tree, MapNode):
        if source.tree is not None or not ctx.reporter.diagnostics:
            ctx.reporter.error(
                "E011",
                Loc(source.name, 1, 1),
                "story.yaml should be a mapping of fields (format, id, title, start, ...),"
                f" not {kind_of(source.tree)}",
            )
        return None
    reader = FieldReader(
        source.tree,
        source.name,
        "story.yaml",
        STORY_FIELDS,
        ctx.reporter,
        required=STORY_REQUIRED,
    )
    fmt = reader.integer("format")
    if fmt is not None and fmt != FORMAT_VERSION:
        ctx.reporter.error(
            "E017",
            reader.value_loc("format"),
            f"this game reads story format {FORMAT_VERSION}, not {fmt}",
        )
    ledger = read_ledger(ctx, reader)
    read_variables(ctx, reader.mapping("variables"), source.name)
    characters = read_characters(ctx, reader.mapping("characters"), source.name)
    chapter_sources = _read_chapter_list(ctx, reader)
    chapter_trees: list[tuple[SourceFile, MapNode, FieldReader]] = []
    for chapter_source in chapter_sources:
        tree = chapter_source.tree
        if chapter_source.failed:
            continue
        if not isinstance(tree, MapNode):
            if tree is not None:
                ctx.reporter.error(
                    "E011",
                    Loc(chapter_source.name, 1, 1),
                    "a chapter file should be a mapping (chapter, title, scenes),"
                    f" not {kind_of(tree)}",
                )
            else:
                ctx.reporter.error(
                    "E011", Loc(chapter_source.name, 1, 1), "the chapter file is empty"
                )
            continue
        chapter_reader = FieldReader(
            tree,
            chapter_source.name,
            "a chapter file",
            CHAPTER_FIELDS,
            ctx.reporter,
            required=CHAPTER_REQUIRED,
        )
        read_variables(ctx, chapter_reader.mapping("variables"), chapter_source.name)
        chapter_trees.append((chapter_source, tree, chapter_reader))
    if overlay is not None:
        overlay.read(ctx, reader, fmt or FORMAT_VERSION, ledger, characters)

    var_info = {
        name: VarInfo(var.type, var.minimum, var.maximum) for name, var in ctx.variables.items()
    }
    builder = SceneBuilder(ctx.reporter, var_info, ctx.variables, set(ledger), set(characters))
    chapters: list[Chapter] = []
    for chapter_source, _tree, chapter_reader in chapter_trees:
        number = chapter_reader.integer("chapter", 0) or 0
        title = chapter_reader.text("title", f"Chapter {number}") or f"Chapter {number}"
        chapters.append(Chapter(number, title, chapter_source.name))
        builder.collect(chapter_source, number, chapter_reader.mapping("scenes"))
    story_renames = read_renames(ctx.reporter, reader.mapping("renames"), reader.file, "story.yaml")
    if overlay is not None:
        overlay.collect(ctx, builder, chapters, {r.old: r.new for r in story_renames})
    all_renames: list[Rename] = [*story_renames, *(overlay.renames if overlay else [])]
    renames = merge_renames(ctx.reporter, all_renames)
    builder.renames = renames
    builder.unread = ctx.unread
    scenes = builder.build_all()

    glossary = read_glossary(ctx, reader)
    if overlay is not None:
        overlay.add_glossary(ctx, glossary)
    about = paragraphs(reader.text("about", "") or "")
    notes = reader.strings("content_notes")
    start = reader.identifier("start", "scene")
    story = Story(
        id=reader.text("id", "") or "",
        title=reader.text("title", "") or "",
        version=reader.text("version", "") or "",
        format=fmt or FORMAT_VERSION,
        start=start or "",
        about=about,
        content_notes=notes,
        root=str(ctx.root),
        variables=ctx.variables,
        characters=characters,
        ledger_categories=ledger,
        chapters=chapters,
        scenes=scenes,
        glossary=glossary,
        renames=renames,
        mod_roots=tuple(str(folder) for folder in reversed(overlay.folders)) if overlay else (),
        mods=tuple((mod.id, mod.version) for mod in overlay.mods) if overlay else (),
    )
    chapters_failed = any(source.failed for source in chapter_sources)
    if start is not None and start not in scenes and not chapters_failed:
        ctx.reporter.error(
            "E021",
            reader.value_loc("start"),
            f"the start scene '{start}' does not exist" + did_you_mean(start, scenes),
        )
    story.starts = read_starts(
        ctx.reporter,
        reader,
        scenes,
        ctx.variables,
        story.chapter_titles,
        scenes_complete=not chapters_failed,
    )
    if not chapters_failed:
        check_renames(ctx.reporter, all_renames, renames, builder.pending)
    _warn_unlisted_files(ctx, chapter_sources, reader)
    checks.check_story(story, ctx.reporter, builder, ctx.unread)
    return story


def _read_chapter_list(ctx: LoadContext, reader: FieldReader) -> list[SourceFile]:
    listed = reader.sequence("chapters")
    sources: list[SourceFile] = []
    if listed is None:
        return sources
    seen: set[str] = set()
    for index, item in enumerate(listed):
        loc = item_loc(listed, index, reader.file)
        if not isinstance(item, str):
            ctx.reporter.error("E014", loc, "each chapter is a file name, e.g. chapter1.yaml")
            continue
        if item in seen:
            ctx.reporter.error("E020", loc, f"chapter file '{item}' is listed twice")
            continue
        seen.add(item)
        path = safe_child(ctx, item, loc)
        if path is None:
            continue
        source = read_file(ctx, path)
        if source is None:
            ctx.reporter.error(
                "E010", loc, f"chapter file '{item}' does not exist in {display_path(ctx.root)}"
            )
            continue
        sources.append(source)
    return sources


def _warn_unlisted_files(ctx: LoadContext, chapters: list[SourceFile], reader: FieldReader) -> None:
    """The warnings about whole files, once every file is read: W130 for terminal control
    characters and W150/W151 for misread plain values in any file read (the story's and
    the mods'), W104 for YAML files in the story folder that nothing lists."""
    for source in list(ctx.files.values()):
        if source.tree is not None and not source.failed:
            warn_control_characters(source.tree, source.name, ctx.reporter)
            warn_misread(source.tree, source.lines(), source.name, ctx.reporter)
    listed = {Path(source.name).resolve() for source in chapters}
    glossary = reader.text("glossary")
    if glossary:
        listed.add((ctx.root / glossary).resolve())
    listed.add((ctx.root / STORY_FILE).resolve())
    warn_unlisted(ctx, ctx.root, listed, "'chapters:' in story.yaml")
