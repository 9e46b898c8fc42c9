"""Reading a story folder's files and its story-wide sections.

The pieces both :mod:`game.engine.loader` (the story) and :mod:`game.engine.mods`
(the mods laid over it) use: the field lists of each file kind, the state shared
while one story loads (:class:`LoadContext`), reading one file safely
(:func:`read_file`, :func:`safe_child`), and the sections a mod may also add to
(variables, characters, the ledger, the glossary). Keeping them here lets the
loader use the mods without the mods importing the loader back.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine.diagnostics import did_you_mean
from game.engine.expr import MAX_MAGNITUDE
from game.engine.fields import ID_RE, FieldReader, Reporter
from game.engine.model import Character, Loc, Variable
from game.engine.scenes import SourceFile, normalise_text
from game.engine.unread import Unread
from game.engine.yamlread import (
    MAX_FILE_BYTES,
    MAX_STORY_NODES,
    MapNode,
    SeqNode,
    count_nodes,
    decode_source,
    read_yaml,
)
from game.i18n import _

FORMAT_VERSION = 1
STORY_FILE = "story.yaml"

STORY_FIELDS = (
    "format",
    "id",
    "title",
    "version",
    "start",
    "about",
    "content_notes",
    "chapters",
    "glossary",
    "variables",
    "characters",
    "ledger",
    "renames",
    "starts",
)
STORY_REQUIRED = ("format", "id", "title", "version", "start", "chapters")
CHAPTER_FIELDS = ("chapter", "title", "variables", "scenes")
CHAPTER_REQUIRED = ("chapter", "scenes")
VARIABLE_FIELDS = ("type", "initial", "min", "max", "label", "hud", "format")
VARIABLE_REQUIRED = ("type",)
CHARACTER_FIELDS = ("name", "portrait")
CHARACTER_REQUIRED = ("name",)
GLOSSARY_FIELDS = ("terms",)
TERM_FIELDS = ("term", "definition")
VARIABLE_TYPES = ("int", "bool", "money")
# Words of the expression language, which no variable may be called.
RESERVED_NAMES = (
    "and",
    "or",
    "not",
    "true",
    "false",
    "visited",
    "chance",
    "min",
    "max",
    "abs",
    "round",
)
VARIABLE_FORMATS = ("yuan", "number", "meter")


@dataclass
class LoadContext:
    """State shared while one story loads."""

    root: Path
    reporter: Reporter = field(default_factory=Reporter)
    files: dict[str, SourceFile] = field(default_factory=dict)
    variables: dict[str, Variable] = field(default_factory=dict)
    #: Every file read, in order: what a compiled story's freshness is checked against.
    paths: list[Path] = field(default_factory=list)
    #: Values read so far from all files (bounded by MAX_STORY_NODES).
    nodes: int = 0
    #: The files that could not be read, and the names written in them.
    unread: Unread = field(default_factory=Unread)


def display_path(path: Path) -> str:
    """A path as diagnostics show it: relative to the working directory when possible."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(Path(path).resolve()) if relative.startswith("..") else relative


def read_file(ctx: LoadContext, path: Path) -> SourceFile | None:
    """Read and parse one story file; None if it does not exist."""
    name = display_path(path)
    if ctx.nodes > MAX_STORY_NODES:
        if path.exists():
            ctx.reporter.error(
                "E009",
                Loc(name, 1, 1),
                f"not read: the files before it already hold more than {MAX_STORY_NODES:,}"
                " values in all, more than any story needs (the game's own has about"
                " 10,000)",
            )
            return _unread(ctx, name)
        return None
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            ctx.reporter.error(
                "E010", Loc(name, 1, 1), "this is not a regular file: story files are YAML text"
            )
            return _unread(ctx, name)
        if info.st_size > MAX_FILE_BYTES:
            # Refused before reading, so that a huge file costs no memory.
            ctx.reporter.error(
                "E002",
                Loc(name, 1, 1),
                f"file is {info.st_size / (1024 * 1024):.1f} MiB; story files may be at most "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB: split it into several chapter files",
            )
            return _unread(ctx, name)
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        ctx.reporter.error("E010", Loc(name, 1, 1), f"cannot read the file: {exc.strerror}")
        return _unread(ctx, name)
    ctx.paths.append(path)
    text, problems = decode_source(data, name)
    if text is None:
        ctx.reporter.diagnostics.extend(problems)
        return _unread(ctx, name)
    ctx.reporter.texts[name] = text
    tree, problems = read_yaml(text, name)
    ctx.nodes += count_nodes(tree)
    ctx.reporter.diagnostics.extend(problems)
    source = SourceFile(name, text, tree, failed=bool(problems))
    ctx.files[name] = source
    if source.failed:
        ctx.unread.add(name, text)
    return source


def _unread(ctx: LoadContext, name: str) -> SourceFile:
    """A file that could not be read at all (its text unknown)."""
    ctx.unread.add(name, None)
    return SourceFile(name, "", None, failed=True)


def safe_child(
    ctx: LoadContext,
    relative: str,
    loc: Loc,
    root: Path | None = None,
    folder: str = "story folder",
) -> Path | None:
    """Resolve a file named in story.yaml (or mod.yaml), refusing paths that leave its folder.

    Absolute paths, ``..`` and symbolic links that lead out of ``root`` are refused.
    """
    base = ctx.root if root is None else root
    candidate = Path(relative)
    if candidate.is_absolute() or candidate.drive or ".." in candidate.parts or "\\" in relative:
        ctx.reporter.error(
            "E016",
            loc,
            f"'{relative}' must be a file inside the {folder}: no absolute paths, no '..',"
            " and '/' between folders",
        )
        return None
    try:
        resolved = (base / candidate).resolve()
        resolved.relative_to(base.resolve())
    except (ValueError, OSError, RuntimeError):
        ctx.reporter.error(
            "E016",
            loc,
            f"'{relative}' leads outside the {folder} (a symbolic link?): "
            f"keep every file inside the {folder}",
        )
        return None
    return base / candidate


def kind_of(tree: Any) -> str:
    if tree is None:
        return "an empty file"
    if isinstance(tree, SeqNode):
        return "a list"
    if isinstance(tree, str):
        return "a line of text"
    return f"a single value ({tree!r})"


def paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p for p in normalise_text(text).split("\n\n") if p)


def read_ledger(ctx: LoadContext, reader: FieldReader) -> dict[str, str]:
    """The ledger categories under ``reader``'s 'ledger' field, with ``other`` always there."""
    categories: dict[str, str] = {}
    node = reader.mapping("ledger")
    if node is not None:
        for key, value in node.items():
            line, col = node.key_pos[key]
            loc = Loc(reader.file, line, col)
            if not isinstance(key, str) or not ID_RE.match(key):
                ctx.reporter.error("E015", loc, f"'{key}' is not a valid ledger category id")
                continue
            if not isinstance(value, str):
                vline, vcol = node.value_pos[key]
                ctx.reporter.error(
                    "E014",
                    Loc(reader.file, vline, vcol),
                    f"ledger category '{key}' needs a label (text), not {kind_of(value)}",
                )
                continue
            categories[key] = value
    categories.setdefault("other", _("Other"))  # in the language the story loads in
    return categories


def read_variables(ctx: LoadContext, node: MapNode | None, file: str) -> None:
    """Declare the variables of a 'variables:' mapping in ``ctx`` (E025 for a second one)."""
    if node is None:
        return
    for name, spec in node.items():
        line, col = node.key_pos[name]
        loc = Loc(file, line, col)
        if not isinstance(name, str) or not ID_RE.match(name):
            ctx.reporter.error(
                "E015",
                loc,
                f"'{name}' is not a valid variable name: use lower case letters, digits and _",
            )
            continue
        if name in RESERVED_NAMES:
            ctx.reporter.error("E015", loc, f"'{name}' is a word of the expression language")
            continue
        if name in ctx.variables:
            first = ctx.variables[name].loc
            ctx.reporter.error(
                "E025",
                loc,
                f"variable '{name}' is already declared at {first.file}:{first.line}",
            )
            continue
        if not isinstance(spec, MapNode):
            vline, vcol = node.value_pos[name]
            ctx.reporter.error(
                "E014",
                Loc(file, vline, vcol),
                f"variable '{name}' needs a mapping such as {{type: int, initial: 0}}",
            )
            continue
        fields = FieldReader(
            spec, file, f"variable '{name}'", VARIABLE_FIELDS, ctx.reporter, VARIABLE_REQUIRED
        )
        var_type = fields.text("type")
        if var_type is not None and var_type not in VARIABLE_TYPES:
            ctx.reporter.error(
                "E026",
                fields.value_loc("type"),
                f"unknown type '{var_type}'{did_you_mean(var_type, VARIABLE_TYPES)};"
                " the types are int, bool and money",
            )
            continue
        if var_type is None:
            continue
        minimum = fields.integer("min")
        maximum = fields.integer("max")
        if var_type == "bool":
            initial: int | bool = fields.boolean("initial", False)
            for bound in ("min", "max"):
                if fields.has(bound):
                    ctx.reporter.error(
                        "E026", fields.key_loc(bound), f"a bool variable has no '{bound}'"
                    )
        else:
            initial = fields.integer("initial", 0) or 0
            huge = [
                bound
                for bound, value in (("initial", initial), ("min", minimum), ("max", maximum))
                if value is not None and abs(value) > MAX_MAGNITUDE
            ]
            if huge:
                ctx.reporter.error(
                    "E026",
                    fields.value_loc(huge[0]),
                    f"'{huge[0]}' is beyond the game's limit: numbers stay within"
                    f" {MAX_MAGNITUDE:,} either way",
                )
                continue
            if minimum is not None and maximum is not None and minimum > maximum:
                ctx.reporter.error("E026", fields.key_loc("min"), "'min' is larger than 'max'")
            elif (minimum is not None and initial < minimum) or (
                maximum is not None and initial > maximum
            ):
                ctx.reporter.error(
                    "E026",
                    fields.value_loc("initial") if fields.has("initial") else fields.loc(),
                    f"the initial value {initial} is outside min {minimum} / max {maximum}",
                )
        fmt = fields.text("format") or ("yuan" if var_type == "money" else "number")
        if fmt not in VARIABLE_FORMATS:
            ctx.reporter.error(
                "E026",
                fields.value_loc("format"),
                f"unknown format '{fmt}'{did_you_mean(fmt, VARIABLE_FORMATS)}",
            )
        hud = fields.boolean("hud", False)
        ctx.variables[name] = Variable(
            id=name,
            type=var_type,  # type: ignore[arg-type]
            initial=initial,
            minimum=minimum,
            maximum=maximum,
            label=fields.text("label", name) or name,
            hud=hud,
            format=fmt,
            loc=loc,
        )


def read_characters(ctx: LoadContext, node: MapNode | None, file: str) -> dict[str, Character]:
    """The characters of a 'characters:' mapping."""
    characters: dict[str, Character] = {}
    if node is None:
        return characters
    for cid, spec in node.items():
        line, col = node.key_pos[cid]
        loc = Loc(file, line, col)
        if not isinstance(cid, str) or not ID_RE.match(cid):
            ctx.reporter.error("E015", loc, f"'{cid}' is not a valid character id")
            continue
        if not isinstance(spec, MapNode):
            ctx.reporter.error("E014", loc, f"character '{cid}' needs a mapping like {{name: Qin}}")
            continue
        fields = FieldReader(
            spec, file, f"character '{cid}'", CHARACTER_FIELDS, ctx.reporter, CHARACTER_REQUIRED
        )
        characters[cid] = Character(
            cid, fields.text("name", cid) or cid, fields.text("portrait"), loc
        )
    return characters


def read_glossary(
    ctx: LoadContext, reader: FieldReader, root: Path | None = None, folder: str = "story folder"
) -> dict[str, tuple[str, str]]:
    """The terms of the glossary file that ``reader``'s 'glossary' field names."""
    name = reader.text("glossary")
    glossary: dict[str, tuple[str, str]] = {}
    if name is None:
        return glossary
    path = safe_child(ctx, name, reader.value_loc("glossary"), root, folder)
    if path is None:
        return glossary
    source = read_file(ctx, path)
    if source is None:
        ctx.reporter.error(
            "E010", reader.value_loc("glossary"), f"glossary file '{name}' does not exist"
        )
        return glossary
    if not isinstance(source.tree, MapNode):
        if source.tree is not None:
            ctx.reporter.error(
                "E011", Loc(source.name, 1, 1), "the glossary should be a mapping with 'terms:'"
            )
        return glossary
    top = FieldReader(
        source.tree, source.name, "the glossary", GLOSSARY_FIELDS, ctx.reporter, GLOSSARY_FIELDS
    )
    terms = top.mapping("terms")
    if terms is None:
        return glossary
    for tid, spec in terms.items():
        line, col = terms.key_pos[tid]
        loc = Loc(source.name, line, col)
        if not isinstance(spec, MapNode):
            ctx.reporter.error("E014", loc, f"glossary term '{tid}' needs 'term' and 'definition'")
            continue
        fields = FieldReader(
            spec,
            source.name,
            f"glossary term '{tid}'",
            TERM_FIELDS,
            ctx.reporter,
            TERM_FIELDS,
        )
        term = fields.text("term")
        definition = fields.text("definition")
        if term and definition:
            glossary[str(tid)] = (term, " ".join(definition.split()))
    return glossary


def warn_unlisted(ctx: LoadContext, folder: Path, listed: set[Path], where: str) -> None:
    """W104 for each YAML file in ``folder`` that is not in ``listed``."""
    try:
        candidates = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    except OSError:
        return
    for path in candidates:
        if path.resolve() not in listed:
            ctx.reporter.warning(
                "W104",
                Loc(display_path(path), 1, 1),
                f"this file is not listed under {where}, so the game ignores it",
            )
