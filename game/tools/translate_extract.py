"""``translate extract``: the translation templates and catalogues, made and kept up to date.

Two kinds of catalogue, both gettext PO files:

- the story's: ``story/locales/story.pot`` (the template) and ``story/locales/<lang>.po``,
  from :func:`game.engine.story_strings` (one entry per string, its msgctxt the scene id
  and its place, ``#:`` the English's file and line, ``#.`` a note for the translator);
  a mod's strings go to the mod's own ``locales/`` folder;
- the interface's: ``game/locales/messages.pot`` and ``game/locales/<lang>.po``, extracted
  with Babel from ``game/**/*.py`` (``_``, ``N_``, ``gettext``, ``ngettext``, ``pgettext``)
  and from the Jinja2 templates (``_()`` and ``{% trans %}``).

Existing catalogues are updated the way ``msgmerge`` does it (Babel's ``Catalog.update``):
translations kept, an entry whose English changed marked fuzzy (stale), entries no longer
in the game kept at the end as obsolete (``#~``) when they hold a translation, new ones
added untranslated.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from game import __version__
from game.engine import LOCALES_DIR, STORY_TEMPLATE, Story, StoryString, story_strings
from game.i18n import PSEUDO_LANGUAGE, SOURCE_LANGUAGE, interface_locales_dir, normalise
from game.tools.web_strings import add_web_messages

#: The interface's template, beside its catalogues.
INTERFACE_TEMPLATE = "messages.pot"
#: What Babel reads for the interface's strings (paths relative to the game package).
METHOD_MAP = [
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.svg", "jinja2"),
    ("**.py", "python"),
]
_JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}
OPTIONS_MAP = {"**/templates/**.html": _JINJA_OPTIONS, "**/templates/**.svg": _JINJA_OPTIONS}
COMMENT_TAGS = ("Translators:",)
BUGS_ADDRESS = "https://github.com/last-train-home/last-train-home/issues"


@dataclass(slots=True)
class Written:
    """What one extraction wrote: each file, and how many strings the template has."""

    files: list[Path] = field(default_factory=list)
    strings: int = 0
    #: For each updated language: (new untranslated, newly stale, obsolete).
    changes: dict[str, tuple[int, int, int]] = field(default_factory=dict)


class ExtractError(Exception):
    """A language code Babel does not know, or a folder that cannot be written."""


def check_language(code: str) -> str:
    """``code`` normalised, or ExtractError saying why it cannot start a catalogue."""
    lang = normalise(code)
    if lang == PSEUDO_LANGUAGE:
        raise ExtractError(
            "qps is the pseudo-language built into the game (every string marked «like this»):"
            " it needs no catalogue; try it with --lang qps"
        )
    if lang == SOURCE_LANGUAGE:
        raise ExtractError("English is the source language: it needs no catalogue")
    try:
        Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        raise ExtractError(
            f"'{code}' is not a language code Babel knows: use a code such as zh_CN, zh_TW,"
            " fr or de"
        ) from None
    return lang


def owned_by(string: StoryString, folder: Path, others: Iterable[Path]) -> bool:
    """Whether ``string`` was written in ``folder`` (and not in a folder inside it, such
    as a mod kept in the story's folder)."""
    place = Path(string.file).resolve()
    mine = place.is_relative_to(folder)
    return mine and not any(
        place.is_relative_to(other) and other != folder and other.is_relative_to(folder)
        for other in others
    )


def story_template(story: Story, folder: Path, mods: Iterable[Path] = ()) -> Catalog:
    """The template of the strings written in ``folder`` (the story's or a mod's)."""
    folder = folder.resolve()
    others = [Path(story.root).resolve(), *(m.resolve() for m in mods)]
    template = new_catalog(None, f"{story.title} (story)", story.version)
    base = folder.parent
    for string in story_strings(story):
        if not owned_by(string, folder, others):
            continue
        place = Path(string.file).resolve()
        where = place.relative_to(base).as_posix() if place.is_relative_to(base) else string.file
        template.add(
            string.english,
            context=string.context,
            locations=[(where, string.line)],
            auto_comments=[string.note] if string.note else [],
        )
    return template


def interface_template(package: Path) -> Catalog:
    """The interface's template: every marked string of the game's code and templates."""
    template = new_catalog(None, "Last Train Home (interface)", __version__)
    found = extract_from_dir(
        package,
        METHOD_MAP,
        OPTIONS_MAP,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
        directory_filter=lambda name: "__pycache__" not in name and "locales" not in name,
    )
    for filename, lineno, message, comments, context in found:
        where = (Path(package.name) / filename).as_posix()
        template.add(
            message,
            None,
            [(where, lineno)],
            auto_comments=comments,
            context=context,
            flags=("python-brace-format",) if _has_braces(message) else (),
        )
    add_web_messages(template)  # the browser edition's words (web/app.js, index.html)
    return template


def _has_braces(message: str | tuple[str, ...]) -> bool:
    texts = message if isinstance(message, tuple) else (message,)
    return any("{" in text for text in texts)


def new_catalog(locale: str | None, project: str, version: str) -> Catalog:
    return Catalog(
        locale=locale,
        project=project,
        version=version,
        msgid_bugs_address=BUGS_ADDRESS,
        copyright_holder="Last Train Home game project",
        charset="utf-8",
        fuzzy=False,
    )


def write_catalogues(
    folder: Path, template: Catalog, template_name: str, languages: Iterable[str]
) -> Written:
    """Write ``template`` as ``folder/template_name`` and update (or start) the catalogue of
    every language already in ``folder`` and of ``languages``."""
    written = Written(strings=len(template))
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / template_name, template)
    written.files.append(folder / template_name)
    wanted = {normalise(p.stem) for p in folder.glob("*.po")} | {normalise(x) for x in languages}
    for lang in sorted(wanted):
        path = folder / f"{lang}.po"
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=lang, abort_invalid=True)
        else:
            catalog = new_catalog(lang, template.project, template.version)
        before_fuzzy = {m.id for m in catalog if m.id and m.fuzzy}
        catalog.update(template, update_header_comment=False)
        # Obsolete entries are kept for the translations in them; an empty one holds none.
        for key in [k for k, m in catalog.obsolete.items() if not _has_text(m.string)]:
            del catalog.obsolete[key]
        new = sum(1 for m in catalog if m.id and not m.string and not m.fuzzy)
        stale = sum(1 for m in catalog if m.id and m.fuzzy and m.id not in before_fuzzy)
        written.changes[lang] = (new, stale, len(catalog.obsolete))
        _write(path, catalog)
        written.files.append(path)
    return written


def _has_text(string: object) -> bool:
    return any(string) if isinstance(string, tuple | list) else bool(string)


def _write(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=90, include_previous=True)
    path.write_bytes(buffer.getvalue())


def extract_story(
    story: Story, folder: Path, languages: Iterable[str], mods: Iterable[Path] = ()
) -> Written:
    """The story's (or a mod's, when ``folder`` is the mod's) template and catalogues."""
    template = story_template(story, folder, mods)
    return write_catalogues(folder / LOCALES_DIR, template, STORY_TEMPLATE, languages)


def extract_interface(languages: Iterable[str], package: Path | None = None) -> Written:
    """The interface's template and catalogues in ``game/locales``."""
    package = package or interface_locales_dir().parent
    template = interface_template(package)
    return write_catalogues(interface_locales_dir(), template, INTERFACE_TEMPLATE, languages)
