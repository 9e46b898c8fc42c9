"""``translate check``: how much of a language is translated, and what is wrong with it.

For the story (with its mods) and for the interface, each string is one of:
translated; *missing* (no translation: English is shown); *stale* (marked fuzzy, or
translated from an English that has changed since: English is shown); *broken* (a
placeholder such as ``{money}`` missing or added, markup changed, the wrong number of
plural forms, text that does not parse: English is shown, and the check fails). A PO
file that cannot be read is broken too, with its file and line.

:func:`translation_diagnostics` gives the same findings as diagnostics for ``lint``:
each broken entry an error at its PO file's line, and one warning per catalogue that
sums up what is missing or stale.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from collections.abc import Iterable
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from game.engine import (
    Diagnostic,
    Story,
    StoryString,
    story_catalog_paths,
    story_strings,
    translation_checker,
)
from game.i18n import interface_locales_dir, normalise
from game.i18n.catalog import MAX_PO_BYTES

_BRACES = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")
_MARKUP = re.compile(r"<[^<>\n]{1,60}>")


def shown(path: Path) -> str:
    """A path as diagnostics show it: relative to the working directory when inside it."""
    relative = os.path.relpath(path) if path.is_absolute() else str(path)
    return str(path) if relative.startswith("..") else relative


@dataclass(slots=True)
class Finding:
    """One entry that is not translated, or is translated wrongly."""

    kind: str  # "missing", "stale" or "broken"
    context: str
    english: str
    file: str = ""
    line: int = 0
    problem: str = ""


@dataclass(slots=True)
class Report:
    """A language's state: per part (chapter or the interface) translated / total."""

    language: str
    parts: dict[str, tuple[int, int]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def broken(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "broken"]

    def count(self, kind: str) -> int:
        return sum(1 for f in self.findings if f.kind == kind)


@dataclass(slots=True)
class Entry:
    string: str | tuple[str, ...]
    fuzzy: bool
    file: str
    line: int


def read_catalog(path: Path, report: Report) -> Catalog | None:
    """A PO file read strictly; a syntax error is a broken finding with its line, and the
    entries that can be read are still used."""
    try:
        if path.stat().st_size > MAX_PO_BYTES:
            report.findings.append(
                Finding("broken", "", "", shown(path), 1, f"larger than {MAX_PO_BYTES:,} bytes")
            )
            return None
        data = path.read_bytes()
    except OSError as exc:
        report.findings.append(Finding("broken", "", "", shown(path), 1, f"cannot be read: {exc}"))
        return None
    try:
        return read_po(io.BytesIO(data), abort_invalid=True)
    except PoFileError as exc:
        message = str(exc).rsplit(" on ", 1)[0]
        report.findings.append(
            Finding("broken", "", "", shown(path), exc.lineno + 1, f"PO syntax: {message}")
        )
    except (ValueError, UnicodeDecodeError) as exc:
        report.findings.append(Finding("broken", "", "", shown(path), 1, f"cannot be read: {exc}"))
        return None
    with redirect_stdout(io.StringIO()):
        try:
            return read_po(io.BytesIO(data), abort_invalid=False)
        except (ValueError, UnicodeDecodeError, PoFileError):
            return None


def entries(paths: Iterable[Path], report: Report) -> dict[tuple[str, str], Entry]:
    """Every entry of the PO files among ``paths`` that exist, later files winning."""
    found: dict[tuple[str, str], Entry] = {}
    for path in paths:
        if not path.is_file():
            continue
        catalog = read_catalog(path, report)
        if catalog is None:
            continue
        for message in catalog:
            if not message.id:
                continue
            found[(message.context or "", english_of(message.id))] = Entry(
                _forms(message.string), message.fuzzy, shown(path), message.lineno or 1
            )
    return found


def english_of(message_id: object) -> str:
    """A PO entry's English (the singular of a plural entry)."""
    if isinstance(message_id, list | tuple):
        return str(message_id[0]) if message_id else ""
    return str(message_id or "")


def _forms(string: object) -> str | tuple[str, ...]:
    if isinstance(string, list | tuple):
        return tuple(str(s or "") for s in string)
    return str(string or "")


def _english(message_id: object) -> str | tuple[str, ...]:
    if isinstance(message_id, list | tuple):
        return tuple(str(s) for s in message_id)
    return str(message_id or "")


def check_story(story: Story, language: str) -> Report:
    """The story's (and its mods') catalogues for ``language`` against its strings."""
    lang = normalise(language)
    report = Report(lang)
    found = entries(story_catalog_paths(story, lang), report)
    contexts = {context: key for (context, _english), key in found.items()}
    problem_of = translation_checker(story)
    titles = {c.number: c.title for c in story.chapters}
    totals: Counter[str] = Counter()
    done: Counter[str] = Counter()
    for string in story_strings(story):
        part = chapter_name(string.chapter, titles)
        totals[part] += 1
        entry = found.get((string.context, string.english))
        if entry is None or not entry.string:
            kind = "stale" if string.context in contexts and entry is None else "missing"
            report.findings.append(_finding(kind, string))
            continue
        if entry.fuzzy:
            report.findings.append(_finding("stale", string, entry))
            continue
        text = entry.string if isinstance(entry.string, str) else entry.string[0]
        problem = problem_of(string, text)
        if problem is not None:
            report.findings.append(_finding("broken", string, entry, problem))
            continue
        done[part] += 1
    report.parts = {part: (done[part], total) for part, total in totals.items()}
    return report


def chapter_name(number: int, titles: dict[int, str]) -> str:
    if number == 0:
        return "the frame (story.yaml: about, glossary, labels)"
    return f"chapter {number}: {titles.get(number, '')}".rstrip(": ")


def _finding(
    kind: str, string: StoryString, entry: Entry | None = None, problem: str = ""
) -> Finding:
    return Finding(
        kind,
        string.context,
        string.english,
        entry.file if entry else string.file,
        entry.line if entry else string.line,
        problem,
    )


def check_interface(language: str, folder: Path | None = None) -> Report:
    """The interface's catalogue for ``language`` against its template (messages.pot)."""
    lang = normalise(language)
    folder = folder or interface_locales_dir()
    report = Report(lang)
    template_path = folder / "messages.pot"
    if not template_path.is_file():
        return report
    template = read_catalog(template_path, report)
    po_path = folder / f"{lang}.po"
    po = read_catalog(po_path, report) if po_path.is_file() else None
    if template is None:
        return report
    plurals = po.num_plurals if po is not None else 2
    done = total = 0
    for message in template:
        if not message.id:
            continue
        total += 1
        key_id = english_of(message.id)
        context = message.context or ""
        found = po.get(message.id, message.context) if po is not None else None
        if found is None or not _translated(found.string):
            report.findings.append(Finding("missing", context, key_id, shown(po_path), 0))
            continue
        if found.fuzzy:
            report.findings.append(
                Finding("stale", context, key_id, shown(po_path), found.lineno or 0)
            )
            continue
        problem = interface_problem(_english(message.id), _forms(found.string), plurals)
        if problem:
            report.findings.append(
                Finding("broken", context, key_id, shown(po_path), found.lineno or 0, problem)
            )
            continue
        done += 1
    report.parts = {"the interface": (done, total)}
    return report


def _translated(string: object) -> bool:
    if isinstance(string, tuple):
        return any(string)
    return bool(string)


def interface_problem(
    english: str | tuple[str, ...], string: str | tuple[str, ...], plurals: int
) -> str:
    """What is wrong with an interface translation ('' when nothing is)."""
    source = english[-1] if isinstance(english, tuple) else english
    if isinstance(english, tuple):
        forms = string if isinstance(string, tuple) else (string,)
        if len(forms) != plurals:
            return f"{len(forms)} plural forms where the header says {plurals}"
        if not all(forms):
            filled = sum(1 for form in forms if form)
            return f"only {filled} of the {plurals} plural forms are translated"
    else:
        forms = (string,) if isinstance(string, str) else tuple(string)
    wanted = sorted(set(_BRACES.findall(source)))
    for form in forms:
        if not form:
            continue
        got = sorted(set(_BRACES.findall(form)))
        if got != wanted:
            missing = [p for p in wanted if p not in got]
            added = [p for p in got if p not in wanted]
            said = []
            if missing:
                said.append("missing " + ", ".join(missing))
            if added:
                said.append("added " + ", ".join(added))
            return "placeholders differ from the English: " + "; ".join(said)
        if sorted(_MARKUP.findall(form)) != sorted(_MARKUP.findall(source)):
            return "markup changed"
    return ""


def translation_diagnostics(
    story: Story, languages: Iterable[str]
) -> tuple[list[Diagnostic], list[str]]:
    """For ``lint``: broken entries as errors (E070, E071) at their PO file's line, and
    one line per language summing up what is missing or stale (not a problem of the
    story: those strings show in English)."""
    out: list[Diagnostic] = []
    summaries: list[str] = []
    for lang in languages:
        report = check_story(story, lang)
        for finding in report.broken:
            if finding.context:
                out.append(
                    Diagnostic(
                        "E070",
                        "error",
                        finding.file,
                        finding.line,
                        1,
                        f"the {lang} translation of '{finding.context}' is broken:"
                        f" {finding.problem}; English is shown instead until it is fixed",
                    )
                )
            else:
                out.append(
                    Diagnostic("E071", "error", finding.file, finding.line, 1, finding.problem)
                )
        done = sum(d for d, _t in report.parts.values())
        total = sum(t for _d, t in report.parts.values())
        missing, stale = report.count("missing"), report.count("stale")
        summary = f"translation {lang}: {done:,} of {total:,} story strings"
        if missing or stale:
            summary += (
                f"; {missing:,} missing and {stale:,} stale show in English"
                f" (translate check --lang {lang})"
            )
        summaries.append(summary)
    return out, summaries
