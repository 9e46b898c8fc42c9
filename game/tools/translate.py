"""``python main.py translate extract|check``: the translator's commands.

``extract`` writes the templates and updates every catalogue (the story's, a mod's with
``--mod``, and the interface's); ``--lang L`` starts a new language. ``check --lang L``
prints the coverage per chapter and for the interface, then lists the missing, stale and
broken entries; it exits 1 when any entry is broken. TRANSLATING.md is the guide.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from babel.messages.pofile import PoFileError

from game.engine import has_errors, load_story
from game.i18n import PSEUDO_LANGUAGE, SOURCE_LANGUAGE, normalise
from game.tools.translate_check import Report, check_interface, check_story, shown
from game.tools.translate_extract import (
    ExtractError,
    Written,
    check_language,
    extract_interface,
    extract_story,
)

#: How many entries of each kind ``check`` lists before saying "and N more".
LIST_LIMIT = 40


def run_translate(
    action: str,
    story_dir: str,
    mods: Sequence[str] = (),
    lang: str | None = None,
    interface: bool = True,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    if action == "extract":
        return run_extract(story_dir, mods, lang, interface, out, err)
    if lang is None:
        print(
            "translate check: name the language to check with --lang, e.g. --lang zh_CN", file=err
        )
        return 2
    return run_check(story_dir, mods, lang, interface, out, err)


def run_extract(
    story_dir: str,
    mods: Sequence[str],
    lang: str | None,
    interface: bool,
    out: TextIO,
    err: TextIO,
) -> int:
    languages: list[str] = []
    try:
        if lang is not None:
            languages.append(check_language(lang))
    except ExtractError as exc:
        print(f"translate extract: {exc}", file=err)
        return 2
    story, diagnostics = load_story(story_dir, mods)
    if story is None or has_errors(diagnostics):
        for diagnostic in diagnostics:
            if diagnostic.severity == "error":
                print(diagnostic, file=err)
        print(f"translate extract: the story in {story_dir} has errors: fix them first", file=err)
        return 1
    mod_paths = [Path(m) for m in mods]
    try:
        if mods:
            # The strings a mod writes go to the mod's catalogues: the last mod named.
            written = extract_story(story, mod_paths[-1], languages, [Path(story_dir), *mod_paths])
        else:
            written = extract_story(story, Path(story_dir), languages)
        say_written(written, out)
        if interface and not mods:
            say_written(extract_interface(languages), out)
    except PoFileError as exc:
        print(f"translate extract: a catalogue cannot be read: {exc}; fix it first", file=err)
        return 1
    except OSError as exc:
        print(f"translate extract: cannot write: {exc}", file=err)
        return 1
    return 0


def say_written(written: Written, out: TextIO) -> None:
    template, *catalogues = written.files
    out.write(f"{shown(template)}: {written.strings:,} strings\n")
    for path in catalogues:
        new, stale, obsolete = written.changes.get(normalise(path.stem), (0, 0, 0))
        out.write(
            f"{shown(path)}: updated ({new:,} untranslated, {stale:,} newly stale,"
            f" {obsolete:,} obsolete kept as #~)\n"
        )


def run_check(
    story_dir: str,
    mods: Sequence[str],
    lang: str,
    interface: bool,
    out: TextIO,
    err: TextIO,
) -> int:
    code = normalise(lang)
    if code == PSEUDO_LANGUAGE:
        out.write(
            "qps is the pseudo-language built into the game: every translatable string is"
            " shown marked and accented («Šàvé»), placeholders kept, so any plain English"
            " left on a screen is a string nobody marked for translation. It has no"
            " catalogue to check. Try it: python main.py play --lang qps\n"
        )
        return 0
    if code == SOURCE_LANGUAGE:
        out.write("English is the source language: there is nothing to translate.\n")
        return 0
    story, diagnostics = load_story(story_dir, mods)
    if story is None or has_errors(diagnostics):
        print(f"translate check: the story in {story_dir} has errors: run lint first", file=err)
        return 1
    reports = [check_story(story, code)]
    if interface:
        reports.append(check_interface(code))
    say_coverage(code, reports, out)
    broken = 0
    for kind in ("broken", "stale", "missing"):
        found = [f for report in reports for f in report.findings if f.kind == kind]
        if kind == "broken":
            broken = len(found)
        if not found:
            continue
        out.write(f"\n{kind} ({len(found):,}):\n")
        for finding in found[:LIST_LIMIT]:
            where = f"{finding.file}:{finding.line}: " if finding.line else f"{finding.file}: "
            what = f"[{finding.context}] " if finding.context else ""
            english = " ".join(finding.english.split())
            english = english if len(english) <= 70 else english[:67] + "..."
            problem = f": {finding.problem}" if finding.problem else ""
            out.write(
                f"  {where}{what}{english!r}{problem}\n" if english else f"  {where}{problem[2:]}\n"
            )
        if len(found) > LIST_LIMIT:
            out.write(f"  ... and {len(found) - LIST_LIMIT:,} more\n")
    out.write(
        f"\n{code}: {broken:,} broken"
        + (" (English is shown for them; fix them and check again)" if broken else "")
        + "\n"
    )
    return 1 if broken else 0


def say_coverage(code: str, reports: list[Report], out: TextIO) -> None:
    out.write(f"Coverage of {code}:\n")
    rows = [(part, done, total) for r in reports for part, (done, total) in r.parts.items()]
    width = max((len(part) for part, _d, _t in rows), default=10)
    for part, done, total in rows:
        share = 100 * done / total if total else 100.0
        out.write(f"  {part:<{width}}  {done:>6,} / {total:<6,} {share:5.1f}%\n")
