"""``python main.py lint``: check a story and print every problem with its place.

Every language with a catalogue in the story's (or a mod's) ``locales/`` is checked too:
a broken translation is an error at its PO file's line (E070, E071), and what is missing
or stale is one line per language (not a warning: those strings show in English).
``--mod DIR`` checks the story with mods laid over it; ``--against OLD_DIR`` also warns
about edits that would strand existing saves (W109, W111, W112).
``--against-mod OLD_MOD_DIR`` does the same for a new version of a mod: the old
version is the story with the old mod laid in place of the ``--mod`` of the same id
(or of the only ``--mod``), so scenes of the mod removed or renamed without a
``renames:`` line in its mod.yaml are reported as the story's are.
Exit status 0 when there are no errors (warnings allowed), 1 with errors.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from game.engine import (
    Diagnostic,
    Story,
    has_errors,
    load_languages,
    load_story,
    read_mod_info,
    sort_key,
    stranded_saves,
)
from game.tools.repetition import MAX_USES, MIN_WORDS, repeated_phrases
from game.tools.stats import story_stats
from game.tools.translate_check import translation_diagnostics


def run_lint(
    story_dir: str,
    fmt: str = "text",
    stats: bool = False,
    out: TextIO = sys.stdout,
    mods: Sequence[str] = (),
    against: str | None = None,
    against_mods: Sequence[str] = (),
) -> int:
    story, diagnostics = load_story(story_dir, mods)
    translations: list[str] = []
    if story is not None and not has_errors(diagnostics):
        languages = sorted(
            {lang for folder in (story_dir, *mods) for lang in load_languages(folder)}
        )
        found, translations = translation_diagnostics(story, languages)
        diagnostics = sorted([*diagnostics, *found], key=sort_key)
    if (against is not None or against_mods) and story is not None:
        paired = pair_old_mods(mods, against_mods)
        if paired is None:
            return 1
        old_mods, renamed = paired
        old = load_old_story(against or story_dir, story_dir, old_mods)
        if old is None:
            return 1
        found = [*stranded_saves(old, story), *renamed]
        diagnostics = sorted([*diagnostics, *found], key=sort_key)
    numbers = story_stats(story) if (stats and story is not None) else None
    repeats = repeated_phrases(story) if (stats and story is not None) else []
    failed = has_errors(diagnostics)
    if fmt == "json":
        payload: dict[str, object] = {
            "story": story_dir,
            "mods": list(mods),
            "against": against,
            "against_mods": list(against_mods),
            "ok": not failed,
            "errors": sum(1 for d in diagnostics if d.severity == "error"),
            "warnings": sum(1 for d in diagnostics if d.severity == "warning"),
            "diagnostics": [d.to_dict() for d in diagnostics],
            "translations": translations,
        }
        if stats:
            payload["stats"] = numbers
            payload["repeated_phrases"] = [
                {"phrase": r.phrase, "uses": r.uses, "scenes": list(r.scenes)} for r in repeats
            ]
        json.dump(payload, out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 1 if failed else 0
    for diagnostic in diagnostics:
        out.write(f"{diagnostic}\n")
    for line in translations:
        out.write(f"{line}\n")
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if numbers is not None:
        out.write("\n")
        width = max(len(k) for k in numbers)
        for key, value in numbers.items():
            out.write(f"  {key.replace('_', ' '):<{width}}  {value:>7,}\n")
        out.write(
            f"\n  phrases of {MIN_WORDS}+ words used more than {MAX_USES} times: {len(repeats)}\n"
        )
        for repeat in repeats:
            shown = ", ".join(repeat.scenes[:4]) + (" ..." if len(repeat.scenes) > 4 else "")
            out.write(f'    {repeat.uses:>3}x  "{repeat.phrase}"  ({shown})\n')
    if errors or warnings:
        out.write(f"{story_dir}: {errors} error(s), {warnings} warning(s)\n")
    else:
        out.write(f"{story_dir}: no problems\n")
    return 1 if failed else 0


def load_old_story(old_dir: str, story_dir: str, old_mods: Sequence[str] = ()) -> Story | None:
    """The old version of a story for ``--against`` (with the old versions of its mods
    for ``--against-mod``), or None after saying why not."""
    old, problems = load_story(old_dir, old_mods)
    if old is not None and not has_errors(problems):
        return old
    for problem in problems:
        if problem.severity == "error":
            print(problem, file=sys.stderr)
    with_mods = "".join(f" --mod {mod}" for mod in old_mods)
    print(
        f"lint --against: the old version ({old_dir}{with_mods}) has errors, so {story_dir}"
        " cannot be compared with it",
        file=sys.stderr,
    )
    return None


def pair_old_mods(
    mods: Sequence[str], against_mods: Sequence[str]
) -> tuple[list[str], list[Diagnostic]] | None:
    """The mods of the old version: each ``--mod`` replaced by the ``--against-mod`` of
    the same id (or, with one of each, by that one), and W112 for a mod whose id changed.
    None after saying why when an old mod matches none of the new ones."""
    old_mods = list(mods)
    ids = [read_mod_info(folder)[0] for folder in mods]
    changed: list[Diagnostic] = []
    for old_folder in against_mods:
        info, problems = read_mod_info(old_folder)
        if info is None:
            for problem in problems:
                print(problem, file=sys.stderr)
            print(f"lint --against-mod: {old_folder} is not a mod folder", file=sys.stderr)
            return None
        match = [i for i, new in enumerate(ids) if new is not None and new.id == info.id]
        if not match and len(mods) == 1 and len(against_mods) == 1 and ids[0] is not None:
            match = [0]
            new_info = ids[0]
            changed.append(
                Diagnostic(
                    "W112",
                    "warning",
                    str(Path(mods[0]) / "mod.yaml"),
                    1,
                    1,
                    f"the mod's id changed from '{info.id}' to '{new_info.id}': saves made"
                    f" with '{info.id}' will say that mod is not loaded, and will not load."
                    " Keep a mod's id once people play it",
                )
            )
        if not match:
            print(
                f"lint --against-mod: the old mod in {old_folder} is '{info.id}', and no"
                f" --mod has that id: give the new version of the mod with --mod",
                file=sys.stderr,
            )
            return None
        old_mods[match[0]] = old_folder
    return old_mods, changed
