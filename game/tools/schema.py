"""``python main.py schema``: a JSON Schema (draft 2020-12) of the story files, for editors.

With it, an editor that understands JSON Schema (VS Code's YAML extension and many
others) completes field names, shows what each field means on hover, and marks wrong
fields and values as the writer types. MODDING.md says how to set it up.

The schema is generated from the loader's own tables of fields (``STORY_FIELDS``,
``SCENE_FIELDS``, ...): every field the loader reads must have an entry in
:data:`FIELDS` below, or generating the schema fails, so the two cannot drift apart.
Patterns carry a ``patternErrorMessage`` (read by VS Code's YAML extension) so that
editors say what to write instead of quoting a regular expression. The schema only
marks what the loader refuses too; the loader checks more (that
scenes and variables exist, that expressions make sense) and ``lint`` reports it.

``--file all`` (the default) gives one schema for every kind of file, which picks
the right part by the fields a file has: ``terms`` (a glossary), ``chapter`` or
``scenes`` (a chapter file), ``story`` or ``files`` (a mod's mod.yaml), anything
else (story.yaml). ``--file story|chapter|glossary|mod`` gives the schema of one kind.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from game.engine.assets import MOODS
from game.engine.fields import ID_RE
from game.engine.mods import ASSET_NAME_RE, MANIFEST_FIELDS, MANIFEST_REQUIRED
from game.engine.scenes import (
    CARD_FIELDS,
    CHOICE_FIELDS,
    ENDING_FIELDS,
    OUTCOME_FIELDS,
    SCENE_FIELDS,
    TEXT_PART_FIELDS,
)
from game.engine.starts import START_FIELDS, START_REQUIRED
from game.engine.storyfiles import (
    CHAPTER_FIELDS,
    CHAPTER_REQUIRED,
    CHARACTER_FIELDS,
    CHARACTER_REQUIRED,
    FORMAT_VERSION,
    GLOSSARY_FIELDS,
    RESERVED_NAMES,
    STORY_FIELDS,
    STORY_REQUIRED,
    TERM_FIELDS,
    VARIABLE_FIELDS,
    VARIABLE_FORMATS,
    VARIABLE_REQUIRED,
    VARIABLE_TYPES,
)

Schema = dict[str, Any]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILE_KINDS = ("all", "story", "chapter", "glossary", "mod")
EFFECT_PATTERN = r"^\s*[a-z][a-z0-9_]*\s*(\+=|-=|=(?!=))\s*\S[\s\S]*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
FILE_PATTERN = r"^(?![/\\])(?![A-Za-z]:)(?!.*\\)(?!(.*/)?\.\.(/|$)).+$"
CONDITION_PATTERN = r"^(?![\s\S]*(&&|\|\|))[\s\S]*\S[\s\S]*$"

# Reusable pieces, referred to as {"$ref": "#/$defs/NAME"}.
DEFS: dict[str, Schema] = {
    "id": {
        "type": "string",
        "pattern": ID_RE.pattern,
        "patternErrorMessage": "An id is lower case letters, digits and _, starting with a letter.",
        "description": "An id: lower case letters, digits and _, starting with a letter"
        " (ch1_dorm_night, qin, money).",
    },
    "scene_id": {
        "type": "string",
        "pattern": ID_RE.pattern,
        "patternErrorMessage": "A scene id is lower case letters, digits and _.",
        "description": "The id of a scene, in any chapter file.",
    },
    # Names a story defines: any well-formed name here; `schema --story DIR` replaces
    # each with the story's own names (game/tools/schema_story.py), for completion.
    "variable_name": {
        "$ref": "#/$defs/id",
        "description": "The name of a variable declared in story.yaml, a chapter or a mod.",
    },
    "speaker": {
        "$ref": "#/$defs/id",
        "description": "A character id from 'characters' in story.yaml or a mod.",
    },
    "mood": {
        "enum": list(MOODS),
        "description": "A face of the speaker's portrait.",
    },
    "background": {
        "$ref": "#/$defs/asset",
        "description": "An image name in assets/backgrounds/, without extension.",
    },
    "portrait": {
        "$ref": "#/$defs/asset",
        "description": "An image name in assets/portraits/, without extension.",
    },
    "music": {
        "$ref": "#/$defs/asset",
        "description": "A music name in assets/music/, without extension.",
    },
    "words": {
        "type": ["string", "number"],
        "description": "Text shown to players.",
    },
    "text_line": {
        "type": ["string", "number"],
        "description": "Text that may show values: {money}, {qin:signed}, {money - 300:yuan}."
        " Write {{ and }} for literal braces.",
    },
    "text": {
        "description": "What the player reads: one text (use | for several lines; a blank"
        " line starts a paragraph), or a list of parts, each a text or"
        " {if: condition, text: ..., else: ...}. {...} shows a value: {money},"
        " {money:number}, {expr:signed}, {expr:abs}.",
        "anyOf": [
            {"type": "string"},
            {
                "type": "array",
                "items": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/text_part"}]},
            },
        ],
    },
    "condition": {
        "type": "string",
        "pattern": CONDITION_PATTERN,
        "patternErrorMessage": "Write 'and' / 'or', not && / ||.",
        "description": "A condition in the story's expression language, true or false:"
        " money >= 200 and not qin_left_school. Comparisons == != < <= > >=; and, or,"
        ' not; + - * / %; visited("scene_id"), chance(p), min, max, abs, round.',
    },
    "effect": {
        "type": "string",
        "pattern": EFFECT_PATTERN,
        "patternErrorMessage": "An effect is 'name = value', 'name += value' or 'name -= value'.",
        "description": "One effect: 'name = value', 'name += value' or 'name -= value'. A"
        " change to money needs a label in double quotes and may have a [category]: money"
        ' -= 180 "Hard seat to Dazhou" [tickets]. Any effect may then have a condition (if'
        " promised_qin_visit), and a money change a ledger date (on 2007-06-30). If the label"
        ' has ": ", quote the whole effect in single quotes.',
    },
    "effects": {
        "description": "Effects, one per line, applied in order.",
        "anyOf": [
            {"$ref": "#/$defs/effect"},
            {"type": "array", "items": {"$ref": "#/$defs/effect"}},
        ],
    },
    "date": {
        "type": "string",
        "pattern": DATE_PATTERN,
        "patternErrorMessage": "Write the date as YYYY-MM-DD, e.g. 2007-01-28.",
        "description": "The in-story date, YYYY-MM-DD (2007-01-28). It stays in force until a"
        " scene sets another; ledger entries carry it.",
    },
    "asset": {
        "type": "string",
        "pattern": ASSET_NAME_RE.pattern,
        "patternErrorMessage": "A plain name: letters, digits, _ and -; no folder, no extension.",
        "description": "An image or music name without folder or extension (factory_floor).",
    },
    "file": {
        "type": "string",
        "pattern": FILE_PATTERN,
        "patternErrorMessage": "A file inside this folder: no absolute path, no '..'.",
        "description": "A file inside this folder, relative to it: no absolute path, no '..',"
        " '/' between folders.",
    },
    "prompts": {
        "description": "Discussion prompts: one question or a list. Open questions, no right"
        " answer.",
        "anyOf": [
            {"type": "string"},
            {
                "type": "array",
                "items": {
                    "anyOf": [
                        {"type": "string"},
                        {
                            "type": "object",
                            "description": "A prompt shown only when 'if' holds, so that it"
                            " quotes only what the player saw on that route.",
                            "properties": {
                                "if": {"type": "string", "description": "The condition."},
                                "text": {"type": "string", "description": "The prompt."},
                            },
                            "required": ["if", "text"],
                            "additionalProperties": False,
                        },
                    ]
                },
            },
        ],
    },
    "requirement": {
        "type": ["string", "number"],
        "description": "A version requirement: * (any), or comparisons joined by commas, each"
        " one of == != >= <= > < and a version: '>=0.1, <2'. A bare version means ==.",
    },
}

# Every field the loader reads, by kind of mapping: (schema, description).
FIELDS: dict[str, dict[str, tuple[Schema, str]]] = {
    "story": {
        "format": (
            {"const": FORMAT_VERSION},
            f"The story format version; this game reads format {FORMAT_VERSION}.",
        ),
        "id": (
            {"type": ["string", "number"]},
            "The story's id, stored in every save. Never change it once saves exist.",
        ),
        "title": ({"$ref": "#/$defs/words"}, "The title, shown on the title screen."),
        "version": (
            {"type": ["string", "number"]},
            "Your story's own version (1.0.0), shown on the About screen and stored in saves.",
        ),
        "start": ({"$ref": "#/$defs/scene_id"}, "The id of the first scene."),
        "about": ({"$ref": "#/$defs/words"}, "About/credits text for the About screen."),
        "content_notes": (
            {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
            "Short lines shown before play: what the story contains.",
        ),
        "chapters": (
            {"type": "array", "items": {"$ref": "#/$defs/file"}, "minItems": 1},
            "The chapter files, relative to the story folder, in the order they are read.",
        ),
        "glossary": ({"$ref": "#/$defs/file"}, "A glossary file, relative to the story folder."),
        "variables": ({"$ref": "#/$defs/variables"}, "The state the story tracks."),
        "characters": ({"$ref": "#/$defs/characters"}, "Who can speak, by character id."),
        "ledger": (
            {"$ref": "#/$defs/ledger"},
            "Money categories: id to label, in the order charts show them. 'other' always exists.",
        ),
        "renames": (
            {
                "type": "object",
                "additionalProperties": {"$ref": "#/$defs/scene_id"},
            },
            "Scenes renamed since saves were made: old_id: new_id. Old saves follow them.",
        ),
        "starts": (
            {
                "type": "object",
                "propertyNames": {"$ref": "#/$defs/id"},
                "additionalProperties": {"$ref": "#/$defs/start"},
            },
            "Chapter starts and lesson paths by id: where a lesson may begin, in what state.",
        ),
    },
    "start": {
        "chapter": ({"type": "integer"}, "The chapter this start begins in."),
        "scene": ({"$ref": "#/$defs/scene_id"}, "The first scene played."),
        "title": ({"$ref": "#/$defs/words"}, "A title (default: the chapter's title)."),
        "summary": (
            {"$ref": "#/$defs/words"},
            "Where the family stands, shown before the first scene: money, Qin, the house.",
        ),
        "values": (
            {
                "type": "object",
                "propertyNames": {"$ref": "#/$defs/variable_name"},
                "additionalProperties": {"type": ["integer", "boolean"]},
            },
            "Variables set at the start: the state a typical route brings here.",
        ),
        "until": (
            {
                "anyOf": [
                    {"$ref": "#/$defs/scene_id"},
                    {"type": "array", "items": {"$ref": "#/$defs/scene_id"}},
                ]
            },
            "A lesson path: the game stops when it reaches one of these scenes.",
        ),
    },
    "chapter": {
        "chapter": ({"type": "integer"}, "The chapter's number."),
        "title": ({"$ref": "#/$defs/words"}, "The chapter's title (Winter 2006-07)."),
        "variables": (
            {"$ref": "#/$defs/variables"},
            "Variables only this chapter uses (flags). A name is declared only once.",
        ),
        "scenes": (
            {
                "type": "object",
                "propertyNames": {"$ref": "#/$defs/id"},
                "additionalProperties": {"$ref": "#/$defs/scene"},
            },
            "The scenes, by id. Scene ids are unique across all files.",
        ),
    },
    "variable": {
        "type": (
            {"enum": list(VARIABLE_TYPES)},
            "int (a whole number), bool (true/false) or money (whole yuan, with a ledger).",
        ),
        "initial": (
            {"type": ["integer", "boolean"]},
            "The value at the start; 0 or false if left out.",
        ),
        "min": ({"type": "integer"}, "Lower bound for int and money: changes stop there."),
        "max": ({"type": "integer"}, "Upper bound for int and money: changes stop there."),
        "label": ({"$ref": "#/$defs/words"}, "The name players see (Cash, Qin)."),
        "hud": (
            {"type": "boolean"},
            "true to show it on screen: an int with min and max as a meter, money as a sum.",
        ),
        "format": (
            {"enum": list(VARIABLE_FORMATS)},
            "How {name} shows it: yuan (the default for money), number or meter.",
        ),
    },
    "character": {
        "name": ({"$ref": "#/$defs/words"}, "The name shown over what they say."),
        "portrait": (
            {"$ref": "#/$defs/portrait"},
            "An image name in assets/portraits/, without extension.",
        ),
    },
    "scene": {
        "text": ({"$ref": "#/$defs/text"}, "What the player reads."),
        "speaker": ({"$ref": "#/$defs/speaker"}, "A character id; leave it out for narration."),
        "portrait": ({"$ref": "#/$defs/portrait"}, "An image name to override the speaker's own."),
        "mood": (
            {"$ref": "#/$defs/mood"},
            "The speaker's expression: which face of the portrait is shown (default neutral).",
        ),
        "background": ({"$ref": "#/$defs/background"}, "An image name in assets/backgrounds/."),
        "music": ({"$ref": "#/$defs/music"}, "A music name in assets/music/."),
        "date": ({"$ref": "#/$defs/date"}, "The in-story date, YYYY-MM-DD."),
        "effects": ({"$ref": "#/$defs/effects"}, "Effects applied on entering the scene."),
        "discuss": ({"$ref": "#/$defs/prompts"}, "Discussion prompts for the classroom."),
        "cards": (
            {"type": "array", "items": {"$ref": "#/$defs/card"}},
            "Context cards: title, fact, source and why it matters here.",
        ),
        "choices": (
            {"type": "array", "items": {"$ref": "#/$defs/choice"}, "minItems": 1},
            "The choices. A scene has exactly one of choices, next or ending.",
        ),
        "next": (
            {"$ref": "#/$defs/scene_id"},
            "The scene to continue to after reading. Exactly one of choices, next or ending.",
        ),
        "ending": (
            {"$ref": "#/$defs/ending"},
            "This scene ends the game. Exactly one of choices, next or ending.",
        ),
    },
    "choice": {
        "id": (
            {"type": ["string", "number"]},
            "A stable id for saves and transcripts; default: its number, 1, 2, ...",
        ),
        "text": ({"$ref": "#/$defs/text_line"}, "The choice as the player sees it."),
        "if": ({"$ref": "#/$defs/condition"}, "When false, the choice is hidden."),
        "requires": (
            {"$ref": "#/$defs/condition"},
            "When false, the choice is shown but locked, with the reason.",
        ),
        "locked": (
            {"$ref": "#/$defs/text_line"},
            "The reason shown when 'requires' fails; without it the game writes one.",
        ),
        "effects": ({"$ref": "#/$defs/effects"}, "Effects applied when the player chooses it."),
        "note": (
            {"$ref": "#/$defs/text_line"},
            "A short line shown after choosing (Qin will remember this.).",
        ),
        "discuss": ({"type": "string"}, "A discussion prompt attached to this choice."),
        "goto": (
            {"$ref": "#/$defs/scene_id"},
            "The next scene. A choice has exactly one of goto or outcomes.",
        ),
        "outcomes": (
            {"type": "array", "items": {"$ref": "#/$defs/outcome"}, "minItems": 1},
            "Weighted random outcomes, drawn from the game's seeded generator.",
        ),
    },
    "outcome": {
        "weight": (
            {"anyOf": [{"type": "number", "minimum": 0, "maximum": 1_000_000}, {"type": "string"}]},
            "How likely, against the other outcomes: a number or an expression"
            " (max(1, 8 - health)). Default 1; a number is 0 or 0.001 to 1,000,000.",
        ),
        "if": ({"$ref": "#/$defs/condition"}, "The outcome can happen only when this holds."),
        "effects": ({"$ref": "#/$defs/effects"}, "Effects applied when this outcome happens."),
        "note": ({"$ref": "#/$defs/text_line"}, "A short line shown when it happens."),
        "goto": ({"$ref": "#/$defs/scene_id"}, "The scene this outcome leads to."),
    },
    "ending": {
        "id": ({"$ref": "#/$defs/id"}, "The ending's id; defaults to the scene id."),
        "title": ({"$ref": "#/$defs/words"}, "The ending's title."),
        "epilogue": ({"$ref": "#/$defs/text"}, "What the player reads at the end."),
    },
    "card": {
        "title": ({"$ref": "#/$defs/words"}, "The card's title."),
        "fact": ({"$ref": "#/$defs/words"}, "The fact. Where figures are contested, a range."),
        "source": ({"$ref": "#/$defs/words"}, "Where the fact comes from."),
        "why": ({"$ref": "#/$defs/words"}, "Why it matters here."),
    },
    "text_part": {
        "if": ({"$ref": "#/$defs/condition"}, "The part shows only when this holds."),
        "text": ({"$ref": "#/$defs/text_line"}, "Shown when the condition holds."),
        "else": ({"$ref": "#/$defs/text_line"}, "Shown when it does not (optional)."),
    },
    "glossary": {
        "terms": (
            {"type": "object", "additionalProperties": {"$ref": "#/$defs/term"}},
            "The glossary's terms, by id.",
        ),
    },
    "term": {
        "term": ({"$ref": "#/$defs/words"}, "The term as shown: Chunyun (春运)."),
        "definition": ({"$ref": "#/$defs/words"}, "What it means, in a sentence or two."),
    },
    "mod": {
        "id": ({"$ref": "#/$defs/id"}, "The mod's id: lower case letters, digits and _."),
        "name": ({"$ref": "#/$defs/words"}, "The mod's name, as players see it."),
        "version": ({"type": ["string", "number"]}, "The mod's own version (1.0.0)."),
        "author": ({"$ref": "#/$defs/words"}, "Who made it."),
        "description": ({"$ref": "#/$defs/words"}, "What it adds, in a sentence or two."),
        "story": (
            {"type": ["string", "number"]},
            "The id of the story this mod is for (the 'id' in its story.yaml).",
        ),
        "story_version": (
            {"$ref": "#/$defs/requirement"},
            "The story versions this mod works with: '>=0.1, <2'.",
        ),
        "engine": (
            {"$ref": "#/$defs/requirement"},
            f"The story format versions the mod is written for; this engine reads"
            f" {FORMAT_VERSION}.",
        ),
        "files": (
            {"type": "array", "items": {"$ref": "#/$defs/file"}},
            "The mod's chapter-shaped files, inside the mod folder, laid in this order.",
        ),
        "glossary": ({"$ref": "#/$defs/file"}, "A glossary file of terms to add or replace."),
        "variables": (
            {"$ref": "#/$defs/variables"},
            "New variables (existing ones cannot change).",
        ),
        "characters": ({"$ref": "#/$defs/characters"}, "New or replaced characters."),
        "ledger": ({"$ref": "#/$defs/ledger"}, "New or relabelled ledger categories."),
        "replaces": (
            {
                "type": "object",
                "propertyNames": {"$ref": "#/$defs/scene_id"},
                "additionalProperties": {"type": ["string", "integer"], "pattern": "^[a-z2-7]{8}$"},
            },
            "The story scenes this mod replaces: scene_id: the hash of the story's scene when"
            " the mod copied it ('lint --mod' prints it).",
        ),
        "renames": (
            {"type": "object", "additionalProperties": {"$ref": "#/$defs/scene_id"}},
            "The mod's own scenes renamed since saves were made: old_id: new_id.",
        ),
    },
}

# The loader's table of allowed fields for each kind above.
LOADER_FIELDS: dict[str, tuple[str, ...]] = {
    "story": STORY_FIELDS,
    "start": START_FIELDS,
    "chapter": CHAPTER_FIELDS,
    "variable": VARIABLE_FIELDS,
    "character": CHARACTER_FIELDS,
    "scene": SCENE_FIELDS,
    "choice": CHOICE_FIELDS,
    "outcome": OUTCOME_FIELDS,
    "ending": ENDING_FIELDS,
    "card": CARD_FIELDS,
    "text_part": TEXT_PART_FIELDS,
    "glossary": GLOSSARY_FIELDS,
    "term": TERM_FIELDS,
    "mod": MANIFEST_FIELDS,
}

REQUIRED: dict[str, tuple[str, ...]] = {
    "story": STORY_REQUIRED,
    "start": START_REQUIRED,
    "chapter": CHAPTER_REQUIRED,
    "variable": VARIABLE_REQUIRED,
    "character": CHARACTER_REQUIRED,
    "choice": ("text",),
    "outcome": ("goto",),
    "ending": ("title",),
    "card": CARD_FIELDS,
    "text_part": ("if", "text"),
    "glossary": GLOSSARY_FIELDS,
    "term": TERM_FIELDS,
    "mod": MANIFEST_REQUIRED,
}

TITLES = {
    "story": "story.yaml: the story's frame",
    "chapter": "A chapter file: scenes keyed by id",
    "glossary": "A glossary file",
    "mod": "mod.yaml: a mod's manifest",
}

# What a mapping of each kind must also satisfy beyond its fields.
EXTRA: dict[str, Schema] = {
    # Exactly one way on. Written as "at least one" plus "not with the others" (rather
    # than oneOf) so that editors can say which field is missing or not allowed.
    "scene": {
        "anyOf": [{"required": ["choices"]}, {"required": ["next"]}, {"required": ["ending"]}],
        "dependentSchemas": {
            "choices": {"properties": {"next": False, "ending": False}},
            "next": {"properties": {"ending": False}},
        },
    },
    "choice": {
        "anyOf": [{"required": ["goto"]}, {"required": ["outcomes"]}],
        "dependentSchemas": {"goto": {"properties": {"outcomes": False}}},
    },
    "variable": {
        "if": {"properties": {"type": {"const": "bool"}}, "required": ["type"]},
        "then": {
            "properties": {"initial": {"type": "boolean"}, "min": False, "max": False},
        },
        "else": {"properties": {"initial": {"type": "integer"}}},
    },
}


def object_schema(kind: str) -> Schema:
    """The schema of one kind of mapping, built from the loader's table of its fields."""
    specs = FIELDS[kind]
    properties: Schema = {}
    for name in LOADER_FIELDS[kind]:
        spec, description = specs[name]  # a KeyError here: document the new field above
        properties[name] = {**spec, "description": description}
    schema: Schema = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    required = REQUIRED.get(kind, ())
    if required:
        schema["required"] = list(required)
    schema.update(EXTRA.get(kind, {}))
    return schema


def definitions() -> dict[str, Schema]:
    defs = dict(DEFS)
    for kind in LOADER_FIELDS:
        name = f"{kind}_file" if kind in TITLES else kind
        defs[name] = object_schema(kind)
        if kind in TITLES:
            defs[name]["title"] = TITLES[kind]
    defs["variables"] = {
        "type": "object",
        "propertyNames": {"$ref": "#/$defs/id", "not": {"enum": list(RESERVED_NAMES)}},
        "additionalProperties": {"$ref": "#/$defs/variable"},
        "description": "Variables by name: {type: int, initial: 3, min: 0, max: 10, label: Qin}.",
    }
    defs["characters"] = {
        "type": "object",
        "propertyNames": {"$ref": "#/$defs/id"},
        "additionalProperties": {"$ref": "#/$defs/character"},
        "description": "Characters by id: {name: Qin, portrait: qin}.",
    }
    defs["ledger"] = {
        "type": "object",
        "propertyNames": {"$ref": "#/$defs/id"},
        "additionalProperties": {"type": "string"},
        "description": "Ledger categories: id to label.",
    }
    return defs


def _picks(field_names: list[str]) -> Schema:
    return {"type": "object", "anyOf": [{"required": [name]} for name in field_names]}


def story_schema(kind: str = "all") -> Schema:
    """The JSON Schema for files of ``kind`` (one of :data:`FILE_KINDS`)."""
    if kind not in FILE_KINDS:
        raise ValueError(f"unknown kind of file '{kind}'; the kinds are {', '.join(FILE_KINDS)}")
    schema: Schema = {
        "$schema": DRAFT,
        "title": "Last Train Home story files" if kind == "all" else TITLES[kind],
        "description": "Story format 1 (see MODDING.md). Generated by 'python main.py schema'.",
    }
    if kind == "all":
        schema.update(
            {
                "if": _picks(["terms"]),
                "then": {"$ref": "#/$defs/glossary_file"},
                "else": {
                    "if": _picks(["chapter", "scenes"]),
                    "then": {"$ref": "#/$defs/chapter_file"},
                    "else": {
                        "if": _picks(["story", "files"]),
                        "then": {"$ref": "#/$defs/mod_file"},
                        "else": {"$ref": "#/$defs/story_file"},
                    },
                },
            }
        )
    else:
        schema["$ref"] = f"#/$defs/{kind}_file"
    schema["$defs"] = definitions()
    return schema


def run_schema(kind: str = "all", output: str | None = None, out: TextIO = sys.stdout) -> int:
    text = json.dumps(story_schema(kind), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        out.write(text)
        return 0
    with open(output, "w", encoding="utf-8") as handle:
        handle.write(text)
    return 0
