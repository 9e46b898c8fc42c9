"""The compiled story: one versioned JSON document that holds a whole validated story.

:func:`compile_story` turns a loaded :class:`Story` (its mods already laid over it)
into plain JSON data: every scene, text variant, choice, condition, effect, ledger
label, card, prompt, glossary entry and start, with every expression as the parsed
tree the engine evaluates (see :data:`game.engine.expr.Tree`), never as source text
to parse again. The browser edition (``web/``) plays this form; MODDING.md documents
it field by field. The same story always gives byte-identical output
(:func:`dumps_compiled`).

It is also a load cache for the Python engine: :func:`load_story_cached` keeps the
compiled form of a story in a cache folder, keyed by a hash of every file the story
was read from, the game's version and the engine's own source. A cache file that is
stale, damaged (its checksum does not match), of another format or unreadable is
ignored and rebuilt from the YAML, never trusted. :func:`story_from_compiled` reads
the form back into the same model the loader builds.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from game import __version__, paths
from game.engine import expr as _expr
from game.engine.diagnostics import Diagnostic
from game.engine.expr import EffectSpec, Expression, TemplatePart, Tree
from game.engine.loader import load_story_sources
from game.engine.model import (
    Card,
    Chapter,
    Character,
    Choice,
    Effect,
    Ending,
    Loc,
    Outcome,
    Prompt,
    Scene,
    Start,
    Story,
    TextPart,
    Variable,
)
from game.engine.storyfiles import display_path
from game.engine.translation import translate_story

#: The version of the compiled format. A reader refuses a newer one.
COMPILED_FORMAT = 1
COMPILED_KIND = "last-train-home compiled story"
_ENGINE_DIR = paths.PACKAGE_DIR / "engine"


class CompiledError(Exception):
    """A compiled story that cannot be used; the message says why."""


# -- writing ---------------------------------------------------------------------------
class _Writer:
    """Compiles one story: shares identical expressions in one table."""

    def __init__(self, story: Story, roots: Sequence[Path]) -> None:
        self.story = story
        self.roots = [root.resolve() for root in roots]
        self.files: list[list[Any]] = []
        self.file_index: dict[str, int] = {}
        self.expressions: list[dict[str, Any]] = []
        self.expression_index: dict[str, int] = {}

    def file(self, name: str) -> int:
        index = self.file_index.get(name)
        if index is None:
            index = len(self.files)
            self.file_index[name] = index
            self.files.append(_relative(name, self.roots))
        return index

    def loc(self, loc: Loc | None) -> list[int] | None:
        if loc is None:
            return None
        return [self.file(loc.file), loc.line, loc.column]

    def expr(self, expression: Expression | None) -> int | None:
        if expression is None:
            return None
        entry = {
            "source": expression.source,
            "type": expression.type,
            "names": sorted(expression.names),
            "tree": _tree_json(expression.tree),
        }
        key = json.dumps(entry, sort_keys=True, ensure_ascii=False)
        index = self.expression_index.get(key)
        if index is None:
            index = len(self.expressions)
            self.expression_index[key] = index
            self.expressions.append(entry)
        return index

    def template(self, parts: tuple[TemplatePart, ...] | None) -> list[Any] | None:
        if parts is None:
            return None
        out: list[Any] = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
            else:
                expression, fmt = part
                out.append([self.expr(expression), fmt])
        return out

    def text(self, parts: list[TextPart]) -> list[dict[str, Any]]:
        out = []
        for part in parts:
            item: dict[str, Any] = {"text": self.template(part.template)}
            _put(item, "if", self.expr(part.condition))
            _put(item, "else", self.template(part.otherwise))
            out.append(item)
        return out

    def effects(self, effects: list[Effect]) -> list[dict[str, Any]]:
        out = []
        for effect in effects:
            spec = effect.spec
            item: dict[str, Any] = {
                "target": spec.target,
                "op": spec.op,
                "value": self.expr(spec.value),
            }
            _put(item, "label", spec.label)
            _put(item, "category", spec.category)
            if spec.label_offset >= 0:
                item["label_offset"] = spec.label_offset
            if spec.category_offset >= 0:
                item["category_offset"] = spec.category_offset
            _put(item, "if", self.expr(getattr(spec, "condition", None)))
            _put(item, "date", getattr(spec, "date", None))
            if getattr(spec, "date_offset", -1) >= 0:
                item["date_offset"] = spec.date_offset
            item["loc"] = self.loc(effect.loc)
            out.append(item)
        return out

    def choice(self, choice: Choice) -> dict[str, Any]:
        item: dict[str, Any] = {"id": choice.id, "text": self.template(choice.text)}
        _put(item, "if", self.expr(choice.condition))
        _put(item, "requires", self.expr(choice.requirement))
        _put(item, "locked", self.template(choice.locked_reason))
        _put(item, "effects", self.effects(choice.effects))
        _put(item, "note", self.template(choice.note))
        _put(item, "discuss", choice.discuss)
        _put(item, "goto", choice.target)
        _put(item, "goto_loc", self.loc(choice.target_loc))
        outcomes = []
        for outcome in choice.outcomes:
            entry: dict[str, Any] = {"weight": self.expr(outcome.weight)}
            _put(entry, "if", self.expr(outcome.condition))
            _put(entry, "effects", self.effects(outcome.effects))
            _put(entry, "note", self.template(outcome.note))
            entry["goto"] = outcome.target
            entry["goto_loc"] = self.loc(outcome.target_loc)
            outcomes.append(entry)
        _put(item, "outcomes", outcomes)
        item["loc"] = self.loc(choice.loc)
        return item

    def scene(self, scene: Scene) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": scene.id,
            "chapter": scene.chapter,
            "file": self.file(scene.file),
            "loc": self.loc(scene.loc),
            "text": self.text(scene.text),
        }
        for key in ("speaker", "portrait", "background", "music", "date", "mood"):
            _put(item, key, getattr(scene, key, None))
        _put(item, "mood_loc", self.loc(getattr(scene, "mood_loc", None)))
        _put(item, "effects", self.effects(scene.effects))
        prompts = []
        for prompt in scene.discuss:
            entry: dict[str, Any] = {"text": prompt.text}
            _put(entry, "if", self.expr(prompt.condition))
            prompts.append(entry)
        _put(item, "discuss", prompts)
        _put(
            item,
            "cards",
            [
                {"title": c.title, "fact": c.fact, "source": c.source, "why": c.why}
                for c in scene.cards
            ],
        )
        _put(item, "choices", [self.choice(choice) for choice in scene.choices])
        _put(item, "next", scene.next)
        _put(item, "next_loc", self.loc(scene.next_loc))
        if scene.ending is not None:
            item["ending"] = {
                "id": scene.ending.id,
                "title": scene.ending.title,
                "epilogue": self.text(scene.ending.epilogue),
            }
        item["word_count"] = scene.word_count
        return item


def _put(item: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` unless ``value`` is empty: absent fields mean none."""
    if value is not None and value != [] and value != {}:
        item[key] = value


def _tree_json(tree: Tree | list[Any]) -> list[Any]:
    return [_tree_json(part) if isinstance(part, tuple | list) else part for part in tree]


def _tree_from_json(tree: Any) -> Tree:
    if not isinstance(tree, list) or not tree or not isinstance(tree[0], str):
        raise CompiledError("an expression tree is damaged")
    return _tuples(tree)


def _tuples(value: list[Any]) -> Tree:
    return tuple(_tuples(part) if isinstance(part, list) else part for part in value)


def _build(tree: Tree, source: str) -> Any:
    """The closure of a tree (expr.compile_tree: the engine's own, with its limits)."""
    return _expr.compile_tree(tree, source)


def _limits() -> dict[str, int]:
    """The engine's number limits: the largest magnitude and the largest weight."""
    return {"magnitude": _expr.MAX_MAGNITUDE, "weight": _expr.MAX_WEIGHT}


def _relative(name: str, roots: Sequence[Path]) -> list[Any]:
    """A file as [root index, path inside that root]: -1 when it is in none of them."""
    path = Path(name).resolve()
    for index, root in enumerate(roots):
        try:
            return [index, path.relative_to(root).as_posix()]
        except ValueError:
            continue
    return [-1, Path(name).as_posix()]


def compile_story(story: Story, sources: Sequence[Path] = ()) -> dict[str, Any]:
    """The compiled form of ``story`` (plain JSON data; see MODDING.md, 'The compiled story').

    ``sources`` are the files the story was read from; when given, their hash is
    recorded (``source_hash``) so that the form can serve as a load cache.
    """
    roots = [Path(story.root), *reversed([Path(m) for m in story.mod_roots])]
    writer = _Writer(story, roots)
    variables = []
    for var in story.variables.values():
        item: dict[str, Any] = {"id": var.id, "type": var.type, "initial": var.initial}
        _put(item, "min", var.minimum)
        _put(item, "max", var.maximum)
        item.update(label=var.label, hud=var.hud, format=var.format, loc=writer.loc(var.loc))
        variables.append(item)
    characters = []
    for character in story.characters.values():
        entry: dict[str, Any] = {"id": character.id, "name": character.name}
        _put(entry, "portrait", character.portrait)
        entry["loc"] = writer.loc(character.loc)
        characters.append(entry)
    scenes = [writer.scene(scene) for scene in story.scenes.values()]
    starts = []
    for start in story.starts.values():
        item = {
            "id": start.id,
            "chapter": start.chapter,
            "scene": start.scene,
            "title": start.title,
            "summary": start.summary,
            "values": dict(start.values),
        }
        _put(item, "until", list(start.until))
        _put(item, "loc", writer.loc(start.loc))
        starts.append(item)
    chapters = [
        {"number": c.number, "title": c.title, "file": writer.file(c.file)} for c in story.chapters
    ]
    data: dict[str, Any] = {
        "kind": COMPILED_KIND,
        "format": COMPILED_FORMAT,
        "game_version": __version__,
        "source_hash": source_hash(roots, sources) if sources else None,
        "limits": _limits(),
        "story": {
            "id": story.id,
            "title": story.title,
            "version": story.version,
            "format": story.format,
            "start": story.start,
            "about": list(story.about),
            "content_notes": list(story.content_notes),
            "mods": [{"id": mod_id, "version": version} for mod_id, version in story.mods],
        },
        "variables": variables,
        "characters": characters,
        "ledger": dict(story.ledger_categories),
        "chapters": chapters,
        "glossary": [[key, term, text] for key, (term, text) in story.glossary.items()],
        "renames": dict(story.renames),
        "starts": starts,
        "expressions": writer.expressions,
        "scenes": scenes,
        "files": writer.files,
    }
    return data


def dumps_compiled(data: dict[str, Any]) -> str:
    """The compiled form as text: compact, UTF-8, the same bytes for the same story."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def source_hash(roots: Sequence[Path], sources: Sequence[Path]) -> str:
    """SHA-256 over every source file's place (within its root) and bytes."""
    resolved = [root.resolve() for root in roots]
    digest = hashlib.sha256()
    for path in sources:
        where = _relative(str(path), resolved)
        digest.update(json.dumps(where).encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


# -- reading -----------------------------------------------------------------------------
class _Reader:
    def __init__(self, data: dict[str, Any], roots: Sequence[Path], checked: bool) -> None:
        self.files: list[str] = []
        for index, name in data["files"]:
            if 0 <= index < len(roots):
                self.files.append(display_path(roots[index] / name))
            else:
                self.files.append(str(name))
        self.expressions: list[Expression] = []
        for entry in data["expressions"]:
            # A checksummed cache keeps its trees as JSON lists (build() reads both).
            tree = entry["tree"] if checked else _tree_from_json(entry["tree"])
            kind = entry["type"]
            if kind not in ("number", "bool"):
                raise CompiledError("an expression has an unknown type")
            self.expressions.append(
                Expression(
                    str(entry["source"]),
                    kind,
                    _lazy(tree, str(entry["source"])),
                    frozenset(entry["names"]),
                    tree,
                )
            )

    def loc(self, raw: list[int] | None) -> Loc | None:
        if raw is None:
            return None
        return Loc(self.files[raw[0]], raw[1], raw[2])

    def expr(self, index: int | None) -> Expression | None:
        return None if index is None else self.expressions[index]

    def template(self, raw: list[Any] | None) -> tuple[TemplatePart, ...] | None:
        if raw is None:
            return None
        if len(raw) == 1 and isinstance(raw[0], str):
            return (raw[0],)
        return tuple(
            part if isinstance(part, str) else (self.expressions[part[0]], str(part[1]))
            for part in raw
        )

    def text(self, raw: list[dict[str, Any]]) -> list[TextPart]:
        return [
            TextPart(
                self.template(item["text"]),  # type: ignore[arg-type]
                self.expr(item.get("if")),
                self.template(item.get("else")),
            )
            for item in raw
        ]

    def effects(self, raw: list[dict[str, Any]] | None) -> list[Effect]:
        if not raw:
            return []
        out = []
        for item in raw:
            spec = EffectSpec(
                item["target"],
                item["op"],
                self.expressions[item["value"]],
                item.get("label"),
                item.get("category"),
                item.get("label_offset", -1),
                item.get("category_offset", -1),
                item.get("date"),
                item.get("date_offset", -1),
                self.expr(item.get("if")),
            )
            out.append(Effect(spec, self.loc(item["loc"])))  # type: ignore[arg-type]
        return out

    def choice(self, item: dict[str, Any]) -> Choice:
        get = item.get
        outcomes = [
            Outcome(
                self.expressions[entry["weight"]],
                self.expr(entry.get("if")),
                self.effects(entry.get("effects")),
                self.template(entry.get("note")),
                entry["goto"],
                self.loc(entry["goto_loc"]),  # type: ignore[arg-type]
            )
            for entry in get("outcomes", ())
        ]
        return Choice(
            item["id"],
            self.template(item["text"]),  # type: ignore[arg-type]
            self.expr(get("if")),
            self.expr(get("requires")),
            self.template(get("locked")),
            self.effects(get("effects")),
            self.template(get("note")),
            get("discuss"),
            get("goto"),
            outcomes,
            self.loc(item["loc"]),  # type: ignore[arg-type]
            self.loc(get("goto_loc")),
        )

    def scene(self, item: dict[str, Any]) -> Scene:
        get = item.get
        ending = get("ending")
        return Scene(
            id=item["id"],
            chapter=item["chapter"],
            file=self.files[item["file"]],
            loc=self.loc(item["loc"]),  # type: ignore[arg-type]
            text=self.text(item["text"]),
            speaker=get("speaker"),
            portrait=get("portrait"),
            background=get("background"),
            music=get("music"),
            date=get("date"),
            mood=get("mood"),
            mood_loc=self.loc(get("mood_loc")),
            effects=self.effects(get("effects")),
            discuss=tuple(Prompt(p["text"], self.expr(p.get("if"))) for p in get("discuss", ())),
            cards=tuple(
                Card(c["title"], c["fact"], c["source"], c["why"]) for c in get("cards", ())
            ),
            choices=[self.choice(choice) for choice in get("choices", ())],
            next=get("next"),
            next_loc=self.loc(get("next_loc")),
            ending=(
                Ending(ending["id"], ending["title"], self.text(ending["epilogue"]))
                if ending is not None
                else None
            ),
            word_count=item["word_count"],
        )


def _lazy(tree: Tree, source: str) -> Any:
    """A closure that builds the real one on its first call: most expressions never run."""
    compiled: Any = None

    def run(ctx: Any) -> Any:
        nonlocal compiled
        if compiled is None:
            compiled = _build(_tuples(tree) if isinstance(tree, list) else tree, source)
        return compiled(ctx)

    return run


def check_header(data: Any) -> None:
    """CompiledError unless ``data`` is a compiled story of a format this game reads."""
    if not isinstance(data, dict) or data.get("kind") != COMPILED_KIND:
        raise CompiledError("this is not a compiled story of Last Train Home")
    fmt = data.get("format")
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        raise CompiledError("the compiled story has no format version")
    if fmt > COMPILED_FORMAT:
        raise CompiledError(
            f"the compiled story has format {fmt}, newer than this game reads"
            f" ({COMPILED_FORMAT}): rebuild it with this game's 'main.py build'"
        )
    if fmt < 1:
        raise CompiledError(f"unknown compiled format {fmt}")


class LazyScenes(dict):  # type: ignore[type-arg]
    """The scenes of a cached story: each is read from its JSON line when first used.

    A dict whose values start as the raw JSON of each scene; looking a scene up
    builds it once. ``values()``, ``items()`` and the like build every scene first,
    so the mapping behaves as a plain ``dict[str, Scene]`` for every reader.
    """

    def __init__(self, raw: dict[str, bytes], reader: _Reader) -> None:
        super().__init__(raw)
        self._reader = reader
        self._pending = len(raw)
        self._hooks: list[Callable[[Scene], None]] = []

    def __getitem__(self, key: str) -> Scene:
        value = super().__getitem__(key)
        if isinstance(value, bytes):
            value = self._reader.scene(json.loads(value))
            for hook in self._hooks:
                hook(value)
            super().__setitem__(key, value)
            self._pending -= 1
        return value  # type: ignore[no-any-return]

    def defer(self, hook: Callable[[Scene], None]) -> list[Scene]:
        """Call ``hook`` on each scene when it is built (a translation, say); the scenes
        built already are returned, for the caller to do the same to them now."""
        self._hooks.append(hook)
        return [v for v in super().values() if not isinstance(v, bytes)]

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default  # noqa: SIM401 (self.get is this)

    def _build_all(self) -> None:
        if self._pending:
            for key in list(super().keys()):
                self[key]

    def values(self) -> Any:
        self._build_all()
        return super().values()

    def items(self) -> Any:
        self._build_all()
        return super().items()

    def copy(self) -> dict[str, Scene]:
        self._build_all()
        return dict(super().items())

    def __eq__(self, other: object) -> bool:
        self._build_all()
        return super().__eq__(other)

    __hash__ = None


def story_from_compiled(
    data: Any, root: str | os.PathLike[str], mods: Sequence[str | os.PathLike[str]] = ()
) -> Story:
    """The :class:`Story` a compiled form holds; CompiledError if it is damaged or too new.

    ``root`` and ``mods`` are the folders the story was compiled from: file names in
    locations, assets and mod assets are found through them.
    """
    check_header(data)
    try:
        scenes = data["scenes"]
        if not isinstance(scenes, list):
            raise CompiledError("the compiled story is damaged: its scenes")
        return _story(
            data, root, mods, lambda reader: {i["id"]: reader.scene(i) for i in scenes}, False
        )
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise CompiledError(f"the compiled story is damaged ({type(exc).__name__})") from None


def _story(
    data: dict[str, Any],
    root: str | os.PathLike[str],
    mods: Sequence[str | os.PathLike[str]],
    make_scenes: Callable[[_Reader], dict[str, Scene]],
    checked: bool,
) -> Story:
    roots = [Path(root), *[Path(m) for m in mods]]
    reader = _Reader(data, roots, checked)
    frame = data["story"]
    if len(frame["mods"]) != len(mods):
        raise CompiledError("the compiled story was built with other mods")
    variables = {}
    for item in data["variables"]:
        variables[item["id"]] = Variable(
            item["id"],
            item["type"],
            item["initial"],
            item.get("min"),
            item.get("max"),
            item["label"],
            item["hud"],
            item["format"],
            reader.loc(item["loc"]),  # type: ignore[arg-type]
        )
    characters = {
        item["id"]: Character(
            item["id"],
            item["name"],
            item.get("portrait"),
            reader.loc(item["loc"]),  # type: ignore[arg-type]
        )
        for item in data["characters"]
    }
    starts = {
        item["id"]: Start(
            item["id"],
            item["chapter"],
            item["scene"],
            item["title"],
            item["summary"],
            dict(item["values"]),
            tuple(item.get("until", ())),
            reader.loc(item.get("loc")),
        )
        for item in data["starts"]
    }
    story = Story(
        id=frame["id"],
        title=frame["title"],
        version=frame["version"],
        format=frame["format"],
        start=frame["start"],
        about=tuple(frame["about"]),
        content_notes=tuple(frame["content_notes"]),
        root=str(root),
        variables=variables,
        characters=characters,
        ledger_categories=dict(data["ledger"]),
        chapters=[
            Chapter(c["number"], c["title"], reader.files[c["file"]]) for c in data["chapters"]
        ],
        scenes=make_scenes(reader),
        glossary={key: (term, text) for key, term, text in data["glossary"]},
        renames=dict(data["renames"]),
        mod_roots=tuple(str(folder) for folder in reversed(list(mods))),
        starts=starts,
        mods=tuple((str(m["id"]), str(m["version"])) for m in frame["mods"]),
    )
    if story.start not in story.scenes:
        raise CompiledError("the compiled story is damaged: its start scene is missing")
    return story


# -- the load cache ---------------------------------------------------------------------
def engine_fingerprint() -> str:
    """A hash of the game's version and the engine's source: a new engine means a new cache."""
    digest = hashlib.sha256(f"{__version__}\0{COMPILED_FORMAT}\0".encode())
    for path in sorted(_ENGINE_DIR.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_path(cache_dir: Path, root: Path, mods: Sequence[Path]) -> Path:
    """Where the cached compiled form of a story (with these mods) lives."""
    key = "\0".join(str(p.resolve()) for p in (root, *mods))
    return cache_dir / f"story-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"


def load_story_cached(
    path: str | os.PathLike[str],
    mods: Sequence[str | os.PathLike[str]] = (),
    cache_dir: str | os.PathLike[str] | None = None,
    lang: str | None = None,
) -> tuple[Story | None, list[Diagnostic]]:
    """Like :func:`load_story`, but through a compiled cache in ``cache_dir``.

    The cache holds the English story; ``lang`` translates it after reading
    (:func:`game.engine.translate_story`), so one cache serves every language.

    An up-to-date cache loads in a fraction of the time; anything else (no cache,
    a changed file, another engine, a damaged or unreadable cache) loads the YAML
    and writes a fresh cache. A story with errors is never cached. Diagnostics of
    a cached load are the warnings of the load that built the cache.
    """
    story, diagnostics = _load_cached(path, mods, cache_dir)
    if story is not None and lang:
        translate_story(story, lang)
    return story, diagnostics


def _load_cached(
    path: str | os.PathLike[str],
    mods: Sequence[str | os.PathLike[str]],
    cache_dir: str | os.PathLike[str] | None,
) -> tuple[Story | None, list[Diagnostic]]:
    root = Path(path)
    mod_paths = [Path(m) for m in mods]
    if cache_dir is None:
        story, diagnostics, _ = load_story_sources(root, mod_paths)
        return story, diagnostics
    target = cache_path(Path(cache_dir), root, mod_paths)
    cached = _read_cache(target, root, mod_paths)
    if cached is not None:
        return cached
    story, diagnostics, sources = load_story_sources(root, mod_paths)
    if story is not None:
        _write_cache(target, story, diagnostics, sources, mod_paths)
    return story, diagnostics


def _read_cache(
    target: Path, root: Path, mods: list[Path]
) -> tuple[Story, list[Diagnostic]] | None:
    """The story in an up-to-date, intact cache file, else None.

    The file is three parts, one JSON document per line: a header (the key and a
    checksum), the compiled form without its scenes, then one line per scene, which
    is parsed only when the game first needs that scene.
    """
    try:
        raw = target.read_bytes()
        header_end = raw.index(b"\n")
        header = json.loads(raw[:header_end])
        body = memoryview(raw)[header_end + 1 :]
        if (
            not isinstance(header, dict)
            or header.get("engine") != engine_fingerprint()
            or header.get("crc32") != zlib.crc32(body)
            or header.get("size") != len(body)
        ):
            return None
        sources = [Path(p) for p in header["sources"]]
        if header.get("source_hash") != source_hash([root, *mods], sources):
            return None
        lines = raw[header_end + 1 :].split(b"\n")
        frame = json.loads(lines[0])
        check_header(frame)
        ids = frame["scene_ids"]
        if not isinstance(ids, list) or len(ids) != len(lines) - 1:
            return None
        raw_scenes = dict(zip(ids, lines[1:], strict=True))
        story = _story(frame, root, mods, lambda reader: LazyScenes(raw_scenes, reader), True)
        diagnostics = [Diagnostic(*row) for row in header["warnings"]]
    except (OSError, ValueError, KeyError, TypeError, IndexError, CompiledError):
        return None
    return story, diagnostics


def _write_cache(
    target: Path,
    story: Story,
    diagnostics: list[Diagnostic],
    sources: list[Path],
    mods: list[Path],
) -> None:
    roots = [Path(story.root), *mods]
    try:
        data = compile_story(story, sources)
        scenes = data.pop("scenes")
        data["scene_ids"] = [scene["id"] for scene in scenes]
        body = "\n".join([dumps_compiled(data), *map(dumps_compiled, scenes)]).encode("utf-8")
        header = {
            "engine": engine_fingerprint(),
            "crc32": zlib.crc32(body),
            "size": len(body),
            "source_hash": source_hash(roots, sources),
            "sources": [str(p.resolve()) for p in sources],
            "warnings": [
                [d.code, d.severity, d.file, d.line, d.column, d.message] for d in diagnostics
            ],
        }
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(json.dumps(header).encode("utf-8") + b"\n" + body)
        os.replace(tmp, target)
    except OSError:
        return  # a cache that cannot be written only costs time
