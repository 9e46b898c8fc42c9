"""The story's strings in another language: one walk over the model for both extracting
them (``translate extract``, ``translate check``) and applying a catalogue to a loaded
story (:func:`translate_story`), so the two can never disagree about what is translatable
or how it is keyed.

Every string a player or a teacher reads is keyed by a stable context made of the scene
id and its place in the scene, never by the file it is in, so moving a scene between
files changes nothing for translators (TRANSLATING.md has the whole table)::

    story:title                      the story's title
    story:about.N / story:content_note.N
    chapter:N:title                  chapter N's title
    variable:ID:label                a meter's or a sum's label (the HUD, the ledger)
    character:ID:name                a character's name as shown (names stay names)
    ledger:ID:label                  a ledger category's label
    glossary:ID:term / :definition
    start:ID:title / :summary        a chapter start or lesson path
    SCENE:text, SCENE:text.N         the scene's text; part N (from 0) of a list
    SCENE:text.N.else                the ``else:`` of a conditional part
    SCENE:discuss, SCENE:discuss.N   discussion prompts
    SCENE:card.N:title/fact/why      context card N (its source is a citation: kept)
    SCENE:ending:title, SCENE:epilogue.N
    SCENE:effect.N:label             a ledger line's label of an effect on arrival
    SCENE/CHOICE:text / :note / :locked / :discuss / :effect.N:label
    SCENE/CHOICE:outcome.N:note / :outcome.N:effect.M:label

A translation is checked before it is used: text with ``{...}`` is parsed with the same
safe expression language as the English, and a translation whose placeholders differ
from the English (one missing or added), whose markup (``<...>``) differs, or that does
not parse, is *broken*: the English is kept for it and ``translate check`` reports it.
A string with no translation, or a fuzzy (stale) one, falls back to English.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine.expr import ExprError, TemplatePart, VarInfo, parse_template
from game.engine.model import Chapter, Choice, Effect, Scene, Story, TextPart
from game.engine.scenes import MAX_TEXT_CHARS, normalise_text, requirement_reason
from game.engine.storyfiles import STORY_FILE, display_path
from game.i18n import PSEUDO_LANGUAGE, SOURCE_LANGUAGE, normalise
from game.i18n.catalog import Catalog, load_catalog
from game.i18n.pseudo import PseudoCatalog

#: Where a story's (and a mod's) catalogues are, inside its folder.
LOCALES_DIR = "locales"
#: The template every language's story catalogue is updated from.
STORY_TEMPLATE = "story.pot"

_MARKUP = re.compile(r"<[^<>\n]{1,60}>")

#: A translated value: the parsed template for text with placeholders, else the string.
Setter = Callable[[Any], None]


@dataclass(frozen=True, slots=True)
class StoryString:
    """One translatable string of a story: its key, its English and where it comes from."""

    context: str
    english: str
    file: str
    line: int
    #: The chapter it belongs to, for coverage; 0 for the story's frame (story.yaml).
    chapter: int = 0
    #: A note for translators: who speaks, where a choice leads, when a part shows.
    note: str = ""
    #: A text that may hold ``{...}`` placeholders: parsed as a template when applied.
    template: bool = False


@dataclass(slots=True)
class Translated:
    """What applying a catalogue did: counts, and the broken entries left in English."""

    language: str
    total: int = 0
    translated: int = 0
    broken: list[tuple[StoryString, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def template_source(parts: Sequence[TemplatePart], is_money: Callable[[str], bool]) -> str:
    """The text a template was parsed from, in its canonical spelling: literal braces
    doubled, each placeholder ``{expression}`` with its format only when not the default."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part.replace("{", "{{").replace("}", "}}"))
            continue
        expression, fmt = part
        default = "yuan" if is_money(expression.source) else "number"
        out.append("{" + expression.source + ("" if fmt == default else f":{fmt}") + "}")
    return "".join(out).strip()


def placeholders(parts: Sequence[TemplatePart]) -> list[str]:
    """A template's placeholders as comparable keys (the parsed tree and the format)."""
    return sorted(f"{part[0].tree!r}:{part[1]}" for part in parts if not isinstance(part, str))


def markup(text: str) -> list[str]:
    """The ``<...>`` tags of a text, sorted: a translation must keep the same ones."""
    return sorted(_MARKUP.findall(text))


class StoryWalker:
    """Walks a story's model and yields each translatable string with its setter."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.frame = display_path(Path(story.root) / STORY_FILE)
        #: The variables as they were before any translation: the engine's own locked
        #: reasons are recognised by the English labels they were written with.
        self.english_variables = {k: dataclasses.replace(v) for k, v in story.variables.items()}

    def is_money(self, name: str) -> bool:
        var = self.story.variables.get(name)
        return var is not None and var.type == "money"

    def var_info(self) -> dict[str, VarInfo]:
        return {
            name: VarInfo(var.type, var.minimum, var.maximum)
            for name, var in self.story.variables.items()
        }

    def walk(self) -> Iterator[tuple[StoryString, Setter]]:
        yield from self.frame_strings()
        for scene in self.story.scenes.values():
            yield from self.scene_strings(scene)

    # -- the story's frame -------------------------------------------------------
    def plain(
        self, context: str, english: str, setter: Setter, file: str = "", line: int = 1, **kw: Any
    ) -> Iterator[tuple[StoryString, Setter]]:
        if english and english.strip():
            yield StoryString(context, english, file or self.frame, line, **kw), setter

    def frame_strings(self) -> Iterator[tuple[StoryString, Setter]]:
        story = self.story
        yield from self.plain("story:title", story.title, _attr(story, "title"))
        for index, paragraph in enumerate(story.about):
            yield from self.plain(
                f"story:about.{index}",
                paragraph,
                _tuple_setter(story, "about", index),
                note=f"The About screen, paragraph {index + 1}.",
            )
        for index, content_note in enumerate(story.content_notes):
            yield from self.plain(
                f"story:content_note.{index}",
                content_note,
                _tuple_setter(story, "content_notes", index),
                note="A content note, shown before play.",
            )
        # Files of the same chapter (a mod's among them) share one title: the one shown.
        for number, title in story.chapter_titles.items():
            group = [c for c in story.chapters if c.number == number]
            owner = next(c for c in group if c.title == title)
            yield from self.plain(
                f"chapter:{number}:title",
                title,
                _chapter_setter(group),
                file=owner.file,
                chapter=number,
                note=f"The title of chapter {number}.",
            )
        # A variable with no label of its own (its label is its id) is a hidden flag:
        # nobody reads it, so it is no work for a translator.
        for var in (v for v in story.variables.values() if v.label != v.id):
            yield from self.plain(
                f"variable:{var.id}:label",
                var.label,
                _attr(var, "label"),
                file=var.loc.file,
                line=var.loc.line,
                note=f"The label of the {'sum of money' if var.type == 'money' else 'value'}"
                f" '{var.id}' (the meters, the ledger, locked choices).",
            )
        for character in story.characters.values():
            yield from self.plain(
                f"character:{character.id}:name",
                character.name,
                _attr(character, "name"),
                file=character.loc.file,
                line=character.loc.line,
                note="A name: write it in your script (see the names table in TRANSLATING.md),"
                " do not translate its meaning.",
            )
        for category, label in story.ledger_categories.items():
            yield from self.plain(
                f"ledger:{category}:label",
                label,
                _dict_setter(story.ledger_categories, category),
                note="A ledger category (the money screen).",
            )
        for term_id, (term, definition) in story.glossary.items():
            yield from self.plain(
                f"glossary:{term_id}:term",
                term,
                _glossary_setter(story.glossary, term_id, 0),
                note="A glossary term.",
            )
            yield from self.plain(
                f"glossary:{term_id}:definition",
                definition,
                _glossary_setter(story.glossary, term_id, 1),
                note=f"The definition of the glossary term '{term}'.",
            )
        for start in story.starts.values():
            loc = start.loc
            for name in ("title", "summary"):
                yield from self.plain(
                    f"start:{start.id}:{name}",
                    getattr(start, name),
                    _start_setter(story, start.id, name),
                    file=loc.file if loc else "",
                    line=loc.line if loc else 1,
                    chapter=start.chapter,
                    note=f"The {name} of the {'lesson path' if start.until else 'chapter start'}"
                    f" '{start.id}' (chapter {start.chapter}).",
                )

    # -- scenes ------------------------------------------------------------------
    def template(
        self,
        context: str,
        parts: tuple[TemplatePart, ...] | None,
        setter: Setter,
        file: str,
        line: int,
        chapter: int,
        note: str = "",
    ) -> Iterator[tuple[StoryString, Setter]]:
        if not parts:
            return
        english = template_source(parts, self.is_money)
        if english:
            yield StoryString(context, english, file, line, chapter, note, True), setter

    def scene_strings(self, scene: Scene) -> Iterator[tuple[StoryString, Setter]]:
        file, line, chapter = scene.loc.file, scene.loc.line, scene.chapter
        where = f"Scene {scene.id} (chapter {chapter})"
        speaker = self.story.characters.get(scene.speaker) if scene.speaker else None
        said = f", spoken by {speaker.name}" if speaker else ""
        yield from self.text_parts(
            f"{scene.id}:text", scene.text, file, line, chapter, where + said
        )
        for index, prompt in enumerate(scene.discuss):
            yield from self.plain(
                f"{scene.id}:discuss" + (f".{index}" if index else ""),
                prompt.text,
                _prompt_setter(scene, index),
                file=file,
                line=line,
                chapter=chapter,
                note=f"{where}: a discussion prompt for the class."
                + (f" Shown only if: {prompt.condition.source}" if prompt.condition else ""),
            )
        for index, card in enumerate(scene.cards):
            for name in ("title", "fact", "why"):
                yield from self.plain(
                    f"{scene.id}:card.{index}:{name}",
                    getattr(card, name),
                    _attr(card, name),
                    file=file,
                    line=line,
                    chapter=chapter,
                    note=f"{where}: context card '{card.title}', its {name}."
                    + (" Keep the figures and dates as they are." if name == "fact" else ""),
                )
        yield from self.effect_labels(f"{scene.id}:", scene.effects, chapter, where)
        if scene.ending is not None:
            ending = scene.ending
            yield from self.plain(
                f"{scene.id}:ending:title",
                ending.title,
                _attr(ending, "title"),
                file=file,
                line=line,
                chapter=chapter,
                note=f"{where}: the title of the ending '{ending.id}'.",
            )
            yield from self.text_parts(
                f"{scene.id}:epilogue", ending.epilogue, file, line, chapter, f"{where}: epilogue"
            )
        for choice in scene.choices:
            yield from self.choice_strings(scene, choice, where)

    def text_parts(
        self, key: str, parts: list[TextPart], file: str, line: int, chapter: int, where: str
    ) -> Iterator[tuple[StoryString, Setter]]:
        for index, part in enumerate(parts):
            context = key + (f".{index}" if index else "")
            shown = f" Shown only if: {part.condition.source}." if part.condition else ""
            yield from self.template(
                context,
                part.template,
                _attr(part, "template"),
                file,
                line,
                chapter,
                f"{where}.{shown}",
            )
            if part.otherwise is not None and part.condition is not None:
                yield from self.template(
                    f"{key}.{index}.else" if index else f"{key}.else",
                    part.otherwise,
                    _attr(part, "otherwise"),
                    file,
                    line,
                    chapter,
                    f"{where}. Shown when this does not hold: {part.condition.source}.",
                )

    def effect_labels(
        self, key: str, effects: list[Effect], chapter: int, where: str
    ) -> Iterator[tuple[StoryString, Setter]]:
        for index, effect in enumerate(effects):
            if effect.spec.label:
                yield from self.plain(
                    f"{key}effect.{index}:label",
                    effect.spec.label,
                    _label_setter(effect),
                    file=effect.loc.file,
                    line=effect.loc.line,
                    chapter=chapter,
                    note=f"{where}: a line of the money ledger ({effect.spec.target}).",
                )

    def choice_strings(
        self, scene: Scene, choice: Choice, where: str
    ) -> Iterator[tuple[StoryString, Setter]]:
        key = f"{scene.id}/{choice.id}:"
        file, line, chapter = choice.loc.file, choice.loc.line, scene.chapter
        targets = [choice.target] if choice.target else [o.target for o in choice.outcomes]
        leads = f" It leads to {', '.join(t for t in targets if t)}." if targets else ""
        english = template_source(choice.text, self.is_money)
        yield from self.template(
            key + "text",
            choice.text,
            _attr(choice, "text"),
            file,
            line,
            chapter,
            f"{where}: a choice the player makes (the parents' decision).{leads}",
        )
        about = f"{where}: after the choice '{english}'"
        yield from self.template(
            key + "note",
            choice.note,
            _attr(choice, "note"),
            file,
            line,
            chapter,
            f"{about}, a note of what it did.",
        )
        if choice.locked_reason is not None and not self.generated_reason(choice):
            yield from self.template(
                key + "locked",
                choice.locked_reason,
                _attr(choice, "locked_reason"),
                file,
                line,
                chapter,
                f"{where}: why the choice '{english}' cannot be taken now.",
            )
        if choice.discuss:
            yield from self.plain(
                key + "discuss",
                choice.discuss,
                _attr(choice, "discuss"),
                file=file,
                line=line,
                chapter=chapter,
                note=f"{about}, a discussion prompt for the class.",
            )
        yield from self.effect_labels(key, choice.effects, chapter, about)
        for index, outcome in enumerate(choice.outcomes):
            yield from self.template(
                f"{key}outcome.{index}:note",
                outcome.note,
                _attr(outcome, "note"),
                file,
                outcome.target_loc.line,
                chapter,
                f"{about}, when it turns out one way (to {outcome.target}).",
            )
            yield from self.effect_labels(f"{key}outcome.{index}:", outcome.effects, chapter, about)

    def generated_reason(self, choice: Choice) -> bool:
        """Whether a locked reason is the engine's own ("Not enough money: ..."), written
        from the variable's label and translated with the interface, not the story."""
        if choice.requirement is None or choice.locked_reason is None:
            return False
        parts = choice.locked_reason
        return len(parts) == 1 and parts[0] == requirement_reason(
            choice.requirement.source, self.english_variables
        )


def translation_checker(story: Story) -> Callable[[StoryString, str], str | None]:
    """A function telling what is wrong with a translation of one of ``story``'s strings
    (None when it can be used), as :func:`translate_story` judges it."""
    walker = StoryWalker(story)
    var_info = walker.var_info()

    def problem(string: StoryString, text: str) -> str | None:
        return check_translation(string, text, var_info, walker.is_money)[1]

    return problem


def story_strings(story: Story) -> list[StoryString]:
    """Every translatable string of ``story``, in story order (the extraction)."""
    return [string for string, _setter in StoryWalker(story).walk()]


def check_translation(
    string: StoryString, text: str, var_info: Mapping[str, VarInfo], is_money: Callable[[str], bool]
) -> tuple[Any, str | None]:
    """A translation made ready to use (the parsed template, or the text) and None, or
    (None, what is wrong with it)."""
    if len(text) > MAX_TEXT_CHARS:
        return None, f"the translation has {len(text):,} characters, more than {MAX_TEXT_CHARS:,}"
    if markup(text) != markup(string.english):
        return None, (
            f"markup changed: the English has {' '.join(markup(string.english)) or 'none'},"
            f" the translation {' '.join(markup(text)) or 'none'}"
        )
    if not string.template:
        return text, None
    if "{" not in text and "}" not in text and "{" not in string.english:
        return (normalise_text(text),), None
    try:
        parts = parse_template(normalise_text(text), var_info, is_money)
        english = (
            parse_template(string.english, var_info, is_money)
            if "{" in string.english or "}" in string.english
            else (string.english,)
        )
    except ExprError as exc:
        return None, f"[{exc.code}] {exc.message}"
    wanted, found = placeholders(english), placeholders(parts)
    if wanted != found:
        missing = _names(english, wanted, found)
        added = _names(parts, found, wanted)
        said = []
        if missing:
            said.append("missing " + ", ".join(missing))
        if added:
            said.append("added " + ", ".join(added))
        return None, "placeholders differ from the English: " + "; ".join(said)
    return parts, None


def _names(parts: Sequence[TemplatePart], ours: list[str], theirs: list[str]) -> list[str]:
    left = list(theirs)
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            continue
        key = f"{part[0].tree!r}:{part[1]}"
        if key in left:
            left.remove(key)
        elif key in ours:
            out.append("{" + part[0].source + "}")
    return out


def story_catalog_paths(story: Story, language: str) -> list[Path]:
    """The PO files of ``language`` for ``story``: its own, then each mod's (the last
    laid wins)."""
    lang = normalise(language)
    folders = [Path(story.root), *[Path(m) for m in reversed(story.mod_roots)]]
    return [folder / LOCALES_DIR / f"{lang}.po" for folder in folders]


def story_catalog(story: Story, language: str) -> Catalog:
    """The story's catalogue for ``language`` (the pseudo-language makes its own)."""
    lang = normalise(language)
    if lang == PSEUDO_LANGUAGE:
        return PseudoCatalog()
    return load_catalog(story_catalog_paths(story, lang), locale=lang)


def translate_story(
    story: Story, language: str | None, catalog: Catalog | None = None
) -> Translated:
    """Put ``story``'s strings in ``language``, in place, string by string; English stays
    where there is no usable translation. English (or None) changes nothing.

    A story read from the compiled cache builds its scenes when first used: its frame is
    translated now and each scene as it is built, so a cached load stays quick (the
    counts in the result then cover the scenes built so far)."""
    lang = normalise(language or SOURCE_LANGUAGE)
    result = Translated(lang)
    if lang == SOURCE_LANGUAGE:
        return result
    if catalog is None:
        catalog = story_catalog(story, lang)
    result.problems.extend(catalog.problems)
    walker = StoryWalker(story)
    var_info = walker.var_info()

    def apply(strings: Iterator[tuple[StoryString, Setter]]) -> None:
        for string, setter in list(strings):
            result.total += 1
            text = catalog.get(string.context, string.english)
            if not text:
                continue
            value, problem = check_translation(string, text, var_info, walker.is_money)
            if problem is not None:
                result.broken.append((string, problem))
                continue
            setter(value)
            result.translated += 1

    def translate_scene(scene: Scene) -> None:
        generated = [choice for choice in scene.choices if walker.generated_reason(choice)]
        apply(walker.scene_strings(scene))
        for choice in generated:
            assert choice.requirement is not None
            reason = requirement_reason(choice.requirement.source, story.variables)
            choice.locked_reason = (reason,)

    apply(walker.frame_strings())
    defer = getattr(story.scenes, "defer", None)
    built = defer(translate_scene) if callable(defer) else list(story.scenes.values())
    for scene in built:
        translate_scene(scene)
    return result


def load_languages(folder: str | os.PathLike[str]) -> list[str]:
    """The languages a story (or mod) folder has catalogues for, sorted."""
    locales = Path(folder) / LOCALES_DIR
    if not locales.is_dir():
        return []
    return sorted(normalise(path.stem) for path in locales.glob("*.po"))


# -- setters for the parts of the model that are tuples or frozen -------------------------
def _attr(owner: Any, name: str) -> Setter:
    def set_attr(value: Any) -> None:
        setattr(owner, name, value)

    return set_attr


def _chapter_setter(chapters: list[Chapter]) -> Setter:
    def set_title(value: str) -> None:
        for chapter in chapters:
            chapter.title = value

    return set_title


def _label_setter(effect: Effect) -> Setter:
    def set_label(value: str) -> None:
        effect.spec = dataclasses.replace(effect.spec, label=value)

    return set_label


def _tuple_setter(owner: Any, name: str, index: int) -> Setter:
    def set_item(value: Any) -> None:
        items = list(getattr(owner, name))
        items[index] = value
        setattr(owner, name, tuple(items))

    return set_item


def _dict_setter(mapping: dict[str, Any], key: str) -> Setter:
    def set_item(value: Any) -> None:
        mapping[key] = value

    return set_item


def _glossary_setter(glossary: dict[str, tuple[str, str]], key: str, index: int) -> Setter:
    def set_item(value: str) -> None:
        pair = list(glossary[key])
        pair[index] = value
        glossary[key] = (pair[0], pair[1])

    return set_item


def _start_setter(story: Story, start_id: str, name: str) -> Setter:
    def set_item(value: str) -> None:
        start = story.starts[start_id]
        if name == "title":
            story.starts[start_id] = dataclasses.replace(start, title=value)
        else:
            story.starts[start_id] = dataclasses.replace(start, summary=value)

    return set_item


def _prompt_setter(scene: Scene, index: int) -> Setter:
    def set_item(value: str) -> None:
        prompts = list(scene.discuss)
        prompts[index] = dataclasses.replace(prompts[index], text=value)
        scene.discuss = tuple(prompts)

    return set_item
