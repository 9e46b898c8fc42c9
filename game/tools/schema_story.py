"""``python main.py schema --story DIR [--mod DIR]``: the JSON Schema of ONE story's files.

The generic schema (:mod:`game.tools.schema`) knows the format: which fields exist and
what shape their values take. This one also knows the story's own names, so that an
editor completes them: scene ids (in ``goto:``, ``next:``, ``start:``, starts, lesson
paths and renames), variable names (a start's ``values:``, and one snippet per variable
where an effect or a condition is written), speakers (character ids), moods,
backgrounds, portraits and music (the files found in the story's, the mods' and the
game's ``assets/`` folders). Each name comes with a description: a scene's chapter,
file and first words, a variable's label, type and range, a character's name, where an
image or a piece of music lives and how many scenes use it. A start's ``values:`` lists
every variable as a property, so that its value is checked against the variable's type
and range too.

The names are offered, not imposed: each slot is ``anyOf: [any well-formed name,
{const: name, description}, ...]``, so a scene or variable added since the schema was made is
not underlined as wrong (``lint`` says whether it exists, E022/E032). VS Code's YAML
extension (yaml-language-server) shows each name's description beside its proposal and
on hover (``markdownDescription``); ``defaultSnippets`` give the effect and condition
snippets, and the moods carry ``markdownEnumDescriptions``. Other editors ignore those
keywords and still complete the names.

Without ``--story`` or ``--mod`` the command prints the generic schema, as
``story.schema.json`` in the repository holds it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from game.engine import GAME_ASSETS, KINDS, MOODS, Scene, Story, asset_roots, find_asset
from game.i18n import _, ngettext
from game.paths import STORY_DIR
from game.tools.loading import load_or_report, write_output
from game.tools.markdown import md
from game.tools.schema import Schema, story_schema

#: How much of a scene's text its description quotes.
FIRST_WORDS = 14
#: Names an asset kind offers at most (a folder of thousands of files stays usable).
MAX_ASSETS = 500

Named = tuple[str, str, str]  # (name, Markdown description, plain description)


def first_words(scene: Scene, count: int = FIRST_WORDS) -> str:
    """The first ``count`` words a player reads in ``scene``; placeholders as ``{...}``."""
    words: list[str] = []
    parts = [part.template for part in scene.text]
    if scene.ending is not None:
        parts += [part.template for part in scene.ending.epilogue]
    for template in parts:
        for piece in template:
            text = piece if isinstance(piece, str) else "{" + piece[0].source + "}"
            words += text.split()
            if len(words) > count:
                return " ".join(words[:count]) + " …"
    return " ".join(words)


def file_name(story: Story, file: str) -> str:
    """A story file as a writer knows it: relative to the story's folder, or to its
    mod's folder with the mod's name in front (night_train/train.yaml)."""
    path = Path(file).resolve()  # the loader names files relative to the working folder
    for root in map(Path, story.mod_roots):
        if path.is_relative_to(root.resolve()):
            return f"{root.resolve().name}/{path.relative_to(root.resolve()).as_posix()}"
    story_root = Path(story.root).resolve()
    return path.relative_to(story_root).as_posix() if path.is_relative_to(story_root) else path.name


def scene_names(story: Story) -> list[Named]:
    """Every scene id with its chapter, file, speaker and first words."""
    named: list[Named] = []
    files: dict[str, str] = {}  # each file's name worked out once, not once a scene
    for scene in story.scenes.values():
        if scene.file not in files:
            files[scene.file] = file_name(story, scene.file)
        where = _("chapter {chapter}, {file}:{line}").format(
            chapter=scene.chapter, file=files[scene.file], line=scene.loc.line
        )
        opening = first_words(scene)
        if scene.speaker is not None:
            speaker = story.characters.get(scene.speaker)
            name = speaker.name if speaker is not None else scene.speaker
            opening = f"{name}: {opening}"
        if scene.ending is not None:
            opening = _("Ending '{title}'. {words}").format(title=scene.ending.title, words=opening)
        plain = f"{where}. {opening}".strip()
        markdown = f"*{md(where)}*  \n{md(opening)}"
        named.append((scene.id, markdown, plain))
    return named


def variable_names(story: Story) -> list[Named]:
    """Every variable with its label, type, range and starting value."""
    named: list[Named] = []
    for variable in story.variables.values():
        if variable.type == "bool":
            kind = _("true/false, starts {value}").format(
                value="true" if variable.initial else "false"
            )
        else:
            low, high = variable.minimum, variable.maximum
            if low is not None and high is not None:
                bounds = _("{type} from {low} to {high}").format(
                    type=variable.type, low=low, high=high
                )
            elif low is not None:
                bounds = _("{type}, at least {low}").format(type=variable.type, low=low)
            elif high is not None:
                bounds = _("{type}, at most {high}").format(type=variable.type, high=high)
            else:
                bounds = variable.type
            kind = _("{bounds}, starts at {value}").format(bounds=bounds, value=variable.initial)
        label = variable.label or variable.id
        named.append((variable.id, f"**{md(label)}**: {md(kind)}", f"{label}: {kind}"))
    return named


def speaker_names(story: Story) -> list[Named]:
    """Every character id with the name shown over what they say."""
    named: list[Named] = []
    for character in story.characters.values():
        if character.portrait:
            plain = _("{name}, portrait {portrait}").format(
                name=character.name, portrait=character.portrait
            )
        else:
            plain = _("{name}, no portrait").format(name=character.name)
        named.append((character.id, md(plain), plain))
    return named


def mood_names() -> list[Named]:
    """The moods, each with the portrait file it asks for."""
    named: list[Named] = []
    for mood in MOODS:
        face = "NAME.svg" if mood == "neutral" else f"NAME_{mood}.svg"
        plain = _("the face in portraits/{file}").format(file=face)
        named.append((mood, md(plain), plain))
    return named


def asset_names(story: Story, kind: str) -> list[Named]:
    """The ``kind`` assets (background, portrait, music) found, nearest folder first."""
    used: Counter[str] = Counter(
        name for scene in story.scenes.values() if (name := getattr(scene, kind))
    )
    if kind == "portrait":
        used.update(c.portrait for c in story.characters.values() if c.portrait)
    found: dict[str, Path] = {}
    for root in asset_roots(story.root, story.mod_roots):
        folder = root / KINDS[kind]
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir())[: MAX_ASSETS * 4]:
            if path.stem in found or len(found) >= MAX_ASSETS:
                continue
            # The file the game would use for this name (an image or music file in the
            # nearest folder, never a link leading out of it), or None: not an asset.
            chosen = find_asset(story.root, kind, path.stem, story.mod_roots)
            if chosen is not None:
                found[path.stem] = chosen
    named: list[Named] = []
    for name, path in sorted(found.items()):
        inside = path.is_relative_to(GAME_ASSETS)
        where = "/".join(path.parts[-3:] if inside else path.parts[-4:])
        count = used[name]
        uses = ngettext("used by {n} scene", "used by {n} scenes", count).format(n=count)
        uses = uses if count else ""
        plain = f"{where}; {uses}" if uses else where
        named.append((name, md(plain), plain))
    return named


def offered(generic: Schema, names: Sequence[Named]) -> Schema:
    """``generic`` that also proposes ``names``, each with its description.

    One ``const`` per name (rather than one ``enum``): VS Code's YAML extension then shows,
    on hover, the description of the name under the mouse alone, not of every name. The
    well-formed-name schema comes first, so that for a malformed name the editor says
    what a name is made of, not "Value must be" followed by every name in the story.
    """
    if not names:
        return generic
    fallback = {key: value for key, value in generic.items() if key != "description"}
    choices: list[Schema] = [
        {"const": name, "description": plain, "markdownDescription": markdown}
        for name, markdown, plain in names
    ]
    return {"description": generic.get("description", ""), "anyOf": [fallback, *choices]}


def start_values(story: Story, generic: Schema) -> Schema:
    """A start's ``values:`` with each variable as a property: completed as a key, with
    its description, and its value checked as the variable's type and range."""
    properties: Schema = {}
    for (name, markdown, plain), variable in zip(
        variable_names(story), story.variables.values(), strict=True
    ):
        value: Schema = {"type": "boolean" if variable.type == "bool" else "integer"}
        if variable.type != "bool":
            if variable.minimum is not None:
                value["minimum"] = variable.minimum
            if variable.maximum is not None:
                value["maximum"] = variable.maximum
        properties[name] = {**value, "description": plain, "markdownDescription": markdown}
    return {**generic, "properties": properties}


def _choice(options: Iterable[str]) -> str:
    """A snippet's drop-down of ``options`` (characters a snippet treats specially escaped)."""
    escaped = [o.replace("\\", "\\\\").replace(",", "\\,").replace("|", "\\|") for o in options]
    return "${1|" + ",".join(escaped) + "|}"


def effect_snippets(story: Story) -> list[Schema]:
    """One effect snippet per variable: set a flag, move a meter, spend or earn money."""
    categories = list(story.ledger_categories) or ["other"]
    snippets: list[Schema] = []
    for variable in story.variables.values():
        name = variable.id
        label = variable.label or name
        if variable.type == "bool":
            body = f"{name} = ${{1|true,false|}}"
        elif variable.type == "money":
            body = (
                f'{name} -= ${{1:100}} "${{2:what it paid for}}" [${{3|{",".join(categories)}|}}]'
            )
        else:
            body = f"{name} += ${{1:1}}"
        snippets.append(
            {
                "label": f"{name} ({label})" if label != name else name,
                "description": _("An effect on {label}").format(label=label),
                "bodyText": body,
            }
        )
    return snippets


def condition_snippets(story: Story) -> list[Schema]:
    """One condition snippet per variable, and one for ``visited("scene")``."""
    snippets: list[Schema] = []
    for variable in story.variables.values():
        name = variable.id
        label = variable.label or name
        body = name if variable.type == "bool" else f"{name} >= ${{1:{variable.initial}}}"
        snippets.append(
            {
                "label": f"{name} ({label})" if label != name else name,
                "description": _("A condition on {label}").format(label=label),
                "bodyText": body,
            }
        )
    if story.scenes:
        snippets.append(
            {
                "label": "visited(scene)",
                "description": _("True once the player has been in that scene"),
                "bodyText": f'visited("{_choice(story.scenes)}")',
            }
        )
    return snippets


def schema_for_story(story: Story, kind: str = "all", mods: Sequence[str] = ()) -> Schema:
    """The schema for files of ``kind`` of ``story`` (with ``mods``), knowing its names."""
    schema = story_schema(kind)
    with_mods = "".join(f" --mod {Path(mod).name}" for mod in mods)
    schema["title"] = _("{title}: story files").format(title=story.title)
    schema["description"] = _(
        "Story format 1 (see MODDING.md), with the names of the story '{id}' {version}"
        "{mods}: its {scenes} scenes, {variables} variables and {characters} characters."
        " Generated by 'python main.py schema --story'; make it again after adding scenes."
    ).format(
        id=story.id,
        version=story.version,
        mods=with_mods,
        scenes=len(story.scenes),
        variables=len(story.variables),
        characters=len(story.characters),
    )
    defs: dict[str, Schema] = schema["$defs"]
    defs["scene_id"] = offered(defs["scene_id"], scene_names(story))
    defs["variable_name"] = offered(defs["variable_name"], variable_names(story))
    defs["speaker"] = offered(defs["speaker"], speaker_names(story))
    moods = mood_names()
    defs["mood"] = {
        **defs["mood"],
        "markdownEnumDescriptions": [markdown for _name, markdown, _plain in moods],
        "enumDescriptions": [plain for _name, _md, plain in moods],
    }
    for asset in ("background", "portrait", "music"):
        defs[asset] = offered(defs[asset], asset_names(story, asset))
    start_fields = defs["start"]["properties"]
    start_fields["values"] = start_values(story, start_fields["values"])
    defs["effect"] = {**defs["effect"], "defaultSnippets": effect_snippets(story)}
    defs["condition"] = {**defs["condition"], "defaultSnippets": condition_snippets(story)}
    return schema


def run_schema(
    kind: str = "all",
    output: str | None = None,
    story_dir: str | None = None,
    mods: Sequence[str] = (),
    out: TextIO | None = None,
) -> int:
    """Print or write the schema: generic, or for the story in ``story_dir`` with ``mods``.

    ``--mod`` without ``--story`` gives the schema of the shipped story with those mods.
    """
    if story_dir is None and not mods:
        schema = story_schema(kind)
    else:
        story = load_or_report(story_dir or str(STORY_DIR), mods)
        if story is None:
            return 1
        schema = schema_for_story(story, kind, mods)
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if output is None or output == "-":
        (out or sys.stdout).write(text)
        return 0
    if not write_output("schema", output, text):
        return 1
    return 0
