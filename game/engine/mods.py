"""Mods: folders of story data laid over a story while it loads.

A mod folder holds ``mod.yaml`` (its manifest: id, name, version, author, the story
id it is for, the story and engine versions it needs, the files it brings, the story
scenes it replaces and the renames of its own scenes) and the chapter-shaped files it
lists. ``load_story(story_dir, mods=[...])`` lays the mods over the story in the order
given, by these rules:

- **Scenes.** A ``scenes:`` entry whose id already exists (in the story or in an
  earlier mod) replaces that scene whole, and the scene stays in its chapter. A new
  id adds a scene to the chapter the mod file names. An existing choice can only be
  redirected by replacing the scene that holds it. A mod removes nothing.
- **Replacing is declared.** A mod that replaces a story scene names it under
  ``replaces:`` with the hash of the story's scene as the mod copied it
  (:mod:`game.engine.scenehash`). Undeclared: W140. The story's scene has changed
  since: W141. Declared but the mod has no such scene: W142. The story no longer has
  that scene at all: E057. A copy under an id the story has renamed follows the
  rename (W143 says so).
- **Renames.** ``renames:`` in mod.yaml (``old_id: new_id``) works as the story's
  own: saves made at a mod scene since renamed go on at the new id
  (:mod:`game.engine.renames` checks them).
- **Variables** may only be added: declaring an existing name is E025.
- **Characters, ledger categories, glossary terms**: an existing id is replaced, a
  new id is added.
- Nothing else can change: the story's id, start scene, own renames and chapters'
  titles stay the story's own.

Mods are data only. They go through the same safe reader as the story (no tags, no
anchors, size and depth limits), every file they name must stay inside the mod
folder (no absolute paths, no ``..``, no symbolic links that lead out), and the
names of images and music must be plain names. Every problem is reported in the mod
file it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.assets import (
    KINDS,
    SUFFIXES,
    escaping_assets,
    image_problem,
    outside_link,
)
from game.engine.diagnostics import Diagnostic, did_you_mean
from game.engine.fields import FieldReader, item_loc
from game.engine.model import Chapter, Character, Loc
from game.engine.renames import Rename, follow, read_renames
from game.engine.scenehash import saved_hash, scene_hash
from game.engine.scenes import PendingScene, SceneBuilder, SourceFile
from game.engine.storyfiles import (
    CHAPTER_FIELDS,
    CHAPTER_REQUIRED,
    FORMAT_VERSION,
    LoadContext,
    display_path,
    read_characters,
    read_file,
    read_glossary,
    read_ledger,
    read_variables,
    safe_child,
    warn_unlisted,
)
from game.engine.yamlread import MapNode

MOD_FILE = "mod.yaml"
MANIFEST_FIELDS = (
    "id",
    "name",
    "version",
    "author",
    "description",
    "story",
    "story_version",
    "engine",
    "files",
    "glossary",
    "variables",
    "characters",
    "ledger",
    "replaces",
    "renames",
)
MANIFEST_REQUIRED = ("id", "name", "version", "author", "story", "files")
ASSET_FIELDS = ("background", "portrait", "music")
ASSET_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_CLAUSE_RE = re.compile(r"^(==|!=|>=|<=|>|<|=)?\s*v?(\d+(?:\.\d+)*)(?:\.\*)?$")
_VERSION_RE = re.compile(r"^\s*v?(\d+(?:\.\d+)*)")


@dataclass(frozen=True, slots=True)
class ModInfo:
    """What a mod says about itself in its manifest."""

    id: str
    name: str
    version: str
    author: str
    description: str
    story: str
    folder: str


@dataclass
class _Declared:
    """One line of ``replaces:``: a story scene the mod says it replaces, and its hash."""

    scene: str
    hash: str | None
    loc: Loc
    used: bool = False


@dataclass
class _Manifest:
    info: ModInfo
    root: Path
    reader: FieldReader
    replaced: dict[str, Loc] = field(default_factory=dict)
    declared: dict[str, _Declared] = field(default_factory=dict)
    renames: list[Rename] = field(default_factory=list)
    #: The scenes this mod added (not replaced), by id: where they are written.
    added: dict[str, Loc] = field(default_factory=dict)


#: A version's numbers are at most this many digits each, and at most this many parts.
MAX_VERSION_DIGITS = 9
MAX_VERSION_PARTS = 8


def _numbers(text: str) -> tuple[int, ...] | None:
    parts = text.split(".")
    if len(parts) > MAX_VERSION_PARTS or any(len(p) > MAX_VERSION_DIGITS for p in parts):
        return None
    return tuple(int(part) for part in parts)


def short(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def version_numbers(version: str) -> tuple[int, ...] | None:
    """``'1.2.0'`` -> ``(1, 2, 0)``; the numbers at the start of a version, or None.

    None too for a version with a number of more than 9 digits or more than 8 parts.
    """
    match = _VERSION_RE.match(version)
    if match is None:
        return None
    return _numbers(match.group(1))


def unmet_requirement(requirement: str, version: str) -> str | None:
    """Why ``version`` does not meet ``requirement`` (e.g. ``'>=0.1, <2'``), or None if it does.

    A requirement is ``*`` (any), or comparisons joined by commas, each one of
    ``== != >= <= > <`` and a version; a bare version means ``==``.
    """
    text = requirement.strip()
    if text in ("", "*", "any"):
        return None
    have = version_numbers(version)
    if have is None:
        return f"the version '{short(version)}' is not a number such as 1.2.0"
    for clause in text.split(","):
        match = _CLAUSE_RE.match(clause.strip())
        if match is None:
            return (
                f"'{short(clause.strip())}' is not a version requirement: write for example"
                " '>=1.0', '<2' or '>=1.0, <2'"
            )
        op = match.group(1) or "=="
        want = _numbers(match.group(2))
        if want is None:
            return (
                f"'{short(clause.strip())}' is not a version requirement: a version has at"
                f" most {MAX_VERSION_PARTS} numbers of at most {MAX_VERSION_DIGITS} digits"
            )
        width = max(len(have), len(want))
        a = have + (0,) * (width - len(have))
        b = want + (0,) * (width - len(want))
        holds = {
            "==": a == b,
            "=": a == b,
            "!=": a != b,
            ">=": a >= b,
            "<=": a <= b,
            ">": a > b,
            "<": a < b,
        }[op]
        if not holds:
            return f"{version} is not {op}{match.group(2)}"
    return None


class ModOverlay:
    """Lays mod folders over a story while :func:`game.engine.loader.load_story` runs.

    The loader calls :meth:`read` once story.yaml and the chapter files are read,
    :meth:`collect` once the story's scenes are collected, and :meth:`add_glossary`
    once the story's glossary is read.
    """

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self.mods: list[ModInfo] = []
        self._manifests: list[_Manifest] = []
        self._files: list[tuple[_Manifest, SourceFile, FieldReader]] = []
        self._owner: dict[str, str] = {}
        #: The story's own scenes, before any mod changed them (for replaces: hashes).
        self._story_scenes: dict[str, PendingScene] = {}

    @property
    def renames(self) -> list[Rename]:
        """Every mod's ``renames:``, in the order the mods are laid."""
        return [rename for manifest in self._manifests for rename in manifest.renames]

    # -- stage 1: manifests, variables, characters, ledger, files -------------------
    def read(
        self,
        ctx: LoadContext,
        story: FieldReader,
        story_format: int,
        ledger: dict[str, str],
        characters: dict[str, Character],
    ) -> None:
        story_id = story.text("id") or ""
        story_version = story.text("version") or ""
        for folder in self.folders:
            manifest = self._read_manifest(ctx, folder, story_id, story_version, story_format)
            if manifest is None:
                continue
            self._manifests.append(manifest)
            self.mods.append(manifest.info)
            self._read_frame(ctx, manifest, ledger, characters)
            self._read_files(ctx, manifest)

    def _read_manifest(
        self,
        ctx: LoadContext,
        folder: Path,
        story_id: str | None,
        story_version: str | None,
        story_format: int,
    ) -> _Manifest | None:
        shown = display_path(folder)
        if not folder.is_dir():
            ctx.reporter.error("E050", Loc(shown, 1, 1), "no such mod folder")
            return None
        path = safe_child(ctx, MOD_FILE, Loc(shown, 1, 1), folder, "mod folder")
        if path is None:
            return None
        source = read_file(ctx, path)
        if source is None:
            ctx.reporter.error(
                "E050",
                Loc(display_path(path), 1, 1),
                "the mod folder has no mod.yaml: every mod starts from one (see MODDING.md)",
            )
            return None
        if source.failed:
            return None
        if not isinstance(source.tree, MapNode):
            ctx.reporter.error(
                "E011",
                Loc(source.name, 1, 1),
                "mod.yaml should be a mapping of fields (id, name, version, author, story,"
                " files, ...)",
            )
            return None
        reader = FieldReader(
            source.tree, source.name, "mod.yaml", MANIFEST_FIELDS, ctx.reporter, MANIFEST_REQUIRED
        )
        mod_id = reader.identifier("id", "mod") or ""
        info = ModInfo(
            id=mod_id,
            name=reader.text("name", mod_id) or mod_id,
            version=reader.text("version", "") or "",
            author=reader.text("author", "") or "",
            description=" ".join((reader.text("description", "") or "").split()),
            story=reader.text("story", "") or "",
            folder=shown,
        )
        usable = self._check_identity(ctx, reader, info)
        usable = self._check_target(ctx, reader, info, story_id) and usable
        usable = self._check_versions(ctx, reader, story_version, story_format) and usable
        if not usable:
            return None
        manifest = _Manifest(info, folder, reader)
        manifest.declared = self._read_declared(ctx, reader)
        manifest.renames = read_renames(
            ctx.reporter, reader.mapping("renames"), reader.file, "mod.yaml", info.id
        )
        return manifest

    @staticmethod
    def _read_declared(ctx: LoadContext, reader: FieldReader) -> dict[str, _Declared]:
        """``replaces:``: story scene id -> the hash of that scene when the mod copied it."""
        node = reader.mapping("replaces")
        declared: dict[str, _Declared] = {}
        if node is None:
            return declared
        for scene_id, value in node.items():
            line, col = node.key_pos[scene_id]
            loc = Loc(reader.file, line, col)
            if not isinstance(scene_id, str):
                ctx.reporter.error("E014", loc, "each line of 'replaces:' is 'scene_id: hash'")
                continue
            digest = saved_hash(value)
            if digest is None:
                vline, vcol = node.value_pos[scene_id]
                ctx.reporter.error(
                    "E014",
                    Loc(reader.file, vline, vcol),
                    f"'replaces: {scene_id}:' should be the hash of the story's scene, 8"
                    " letters and digits such as 'k7ajq3xe', not"
                    f" '{short(str(value))}': 'lint --mod' prints the scene's hash now",
                )
            declared[scene_id] = _Declared(scene_id, digest, loc)
        return declared

    def _check_identity(self, ctx: LoadContext, reader: FieldReader, info: ModInfo) -> bool:
        for other in self._manifests:
            if info.id and other.info.id == info.id:
                ctx.reporter.error(
                    "E053",
                    reader.value_loc("id"),
                    f"the mod '{info.id}' is already laid over the story (from"
                    f" {other.info.folder}): give each mod once, and each mod its own id",
                )
                return False
        return True

    def _check_target(
        self, ctx: LoadContext, reader: FieldReader, info: ModInfo, story_id: str | None
    ) -> bool:
        if story_id is not None and reader.has("story") and info.story != story_id:
            ctx.reporter.error(
                "E051",
                reader.value_loc("story"),
                f"this mod is for the story '{info.story}', not for '{story_id}' (the 'id'"
                " in story.yaml): it is not laid over this story",
            )
            return False
        return True

    def _check_versions(
        self, ctx: LoadContext, reader: FieldReader, story_version: str | None, story_format: int
    ) -> bool:
        usable = True
        for key, have, what in (
            ("story_version", story_version, "the story's version"),
            ("engine", str(story_format), "this engine's story format"),
        ):
            requirement = reader.text(key)
            if requirement is None or have is None:
                continue
            reason = unmet_requirement(requirement, have)
            if reason is not None:
                usable = False
                ctx.reporter.error(
                    "E052",
                    reader.value_loc(key),
                    f"'{key}: {short(requirement)}' is not met by {what} ({short(have)}): {reason}",
                )
        return usable

    def _read_frame(
        self,
        ctx: LoadContext,
        manifest: _Manifest,
        ledger: dict[str, str],
        characters: dict[str, Character],
    ) -> None:
        reader = manifest.reader
        categories = reader.mapping("ledger")
        for key, label in read_ledger(ctx, reader).items():
            if key != "other" or (categories is not None and "other" in categories):
                ledger[key] = label
        read_variables(ctx, reader.mapping("variables"), reader.file)
        people = reader.mapping("characters")
        if people is not None:
            for spec in people.values():
                if isinstance(spec, MapNode):
                    self._check_assets(ctx, spec, reader.file, ("portrait",), manifest.root)
        characters.update(read_characters(ctx, people, reader.file))

    def _read_files(self, ctx: LoadContext, manifest: _Manifest) -> None:
        reader = manifest.reader
        listed = reader.sequence("files")
        seen: set[str] = set()
        names: set[Path] = {(manifest.root / MOD_FILE).resolve()}
        glossary = reader.text("glossary")
        if glossary:
            names.add((manifest.root / glossary).resolve())
        for index, item in enumerate(listed or []):
            loc = item_loc(listed, index, reader.file) if listed is not None else reader.loc()
            if not isinstance(item, str):
                ctx.reporter.error("E014", loc, "each file is a file name, e.g. encounter.yaml")
                continue
            if item in seen:
                ctx.reporter.error("E020", loc, f"file '{item}' is listed twice")
                continue
            seen.add(item)
            path = safe_child(ctx, item, loc, manifest.root, "mod folder")
            if path is None:
                continue
            names.add(path.resolve())
            source = read_file(ctx, path)
            if source is None:
                ctx.reporter.error(
                    "E010", loc, f"file '{item}' does not exist in {manifest.info.folder}"
                )
                continue
            self._read_chapter_file(ctx, manifest, source)
        self._warn_unlisted(ctx, manifest, names)

    def _read_chapter_file(self, ctx: LoadContext, manifest: _Manifest, source: SourceFile) -> None:
        if source.failed:
            return
        if not isinstance(source.tree, MapNode):
            ctx.reporter.error(
                "E011",
                Loc(source.name, 1, 1),
                "a mod file should be a mapping like a chapter file (chapter, title, scenes)",
            )
            return
        reader = FieldReader(
            source.tree,
            source.name,
            "a mod file",
            CHAPTER_FIELDS,
            ctx.reporter,
            required=CHAPTER_REQUIRED,
        )
        read_variables(ctx, reader.mapping("variables"), source.name)
        self._files.append((manifest, source, reader))

    def _warn_unlisted(self, ctx: LoadContext, manifest: _Manifest, listed: set[Path]) -> None:
        warn_unlisted(ctx, manifest.root, listed, "'files:' in mod.yaml")

    # -- stage 2: scenes --------------------------------------------------------------
    def collect(
        self,
        ctx: LoadContext,
        builder: SceneBuilder,
        chapters: list[Chapter],
        story_renames: dict[str, str] | None = None,
    ) -> None:
        """Add and replace scenes in ``builder``, mod by mod, file by file.

        ``story_renames`` are the story's own renames: a mod's copy of a scene the story
        has renamed replaces the scene under its new id.
        """
        renames = story_renames or {}
        self._story_scenes = dict(builder.pending)
        titles = {chapter.number: chapter.title for chapter in chapters}
        existing: set[str] = set()
        current: _Manifest | None = None
        for manifest, source, reader in self._files:
            if manifest is not current:
                current = manifest
                existing = set(builder.pending)
            number = reader.integer("chapter", 0) or 0
            title = titles.get(number) or reader.text("title") or f"Chapter {number}"
            titles.setdefault(number, title)
            chapters.append(Chapter(number, title, source.name))
            scenes = reader.mapping("scenes")
            if scenes is None:
                continue
            adding = MapNode(scenes.pos)
            for scene_id, node in scenes.items():
                if isinstance(node, MapNode):
                    self._check_assets(ctx, node, source.name, ASSET_FIELDS, manifest.root)
                target = self._renamed_target(ctx, manifest, source, scenes, scene_id, renames)
                if target is not None and target in existing:
                    self._replace(ctx, builder, manifest, source, scenes, scene_id, target)
                    continue
                adding[scene_id] = node
                adding.key_pos[scene_id] = scenes.key_pos[scene_id]
                adding.value_pos[scene_id] = scenes.value_pos[scene_id]
            builder.collect(source, number, adding)
            for scene_id in adding:
                pending = builder.pending.get(scene_id) if isinstance(scene_id, str) else None
                if pending is not None and pending.source is source:
                    self._owner[scene_id] = f"mod '{manifest.info.id}' added it"
                    manifest.added[scene_id] = pending.loc
        for manifest in self._manifests:
            self._check_declared(ctx, manifest, renames)

    def _renamed_target(
        self,
        ctx: LoadContext,
        manifest: _Manifest,
        source: SourceFile,
        scenes: MapNode,
        scene_id: object,
        renames: dict[str, str],
    ) -> str | None:
        """The scene a mod's scene id stands for: itself, or (W143) where the story's
        renames lead it. None for a key that is not an id."""
        if not isinstance(scene_id, str):
            return None
        if scene_id in self._story_scenes or scene_id not in renames:
            return scene_id
        target = follow(renames, self._story_scenes, scene_id)
        if target not in self._story_scenes:
            return scene_id
        line, col = scenes.key_pos[scene_id]
        ctx.reporter.warning(
            "W143",
            Loc(source.name, line, col),
            f"the story has renamed '{scene_id}' to '{target}': this copy now replaces"
            f" '{target}'. Use the new id here"
            + (" and under 'replaces:' in mod.yaml" if scene_id in manifest.declared else ""),
        )
        return target

    def _check_declared(
        self, ctx: LoadContext, manifest: _Manifest, renames: dict[str, str]
    ) -> None:
        """W142 for a ``replaces:`` line the mod has no scene for; E057 for one that names
        a scene the story no longer has."""
        for declared in manifest.declared.values():
            if declared.used:
                continue
            target = follow(renames, self._story_scenes, declared.scene)
            if target in self._story_scenes:
                ctx.reporter.warning(
                    "W142",
                    declared.loc,
                    f"mod '{manifest.info.id}' says it replaces the story's scene"
                    f" '{declared.scene}', but none of its files has a scene"
                    f" '{declared.scene}': add your copy of it, or remove this line",
                )
                continue
            copy = manifest.added.get(declared.scene)
            where = (
                f" Your copy at {copy.file}:{copy.line}:{copy.column} is now a new scene of"
                " its own, which the story does not lead to."
                if copy is not None
                else ""
            )
            ctx.reporter.error(
                "E057",
                declared.loc,
                f"mod '{manifest.info.id}' replaces the story's scene '{declared.scene}', but"
                f" the story has no scene '{declared.scene}' any more (nor a rename of it)"
                + did_you_mean(declared.scene, self._story_scenes)
                + f": the replacement no longer replaces anything.{where} Find the story"
                " scene that took its place, copy it anew and declare that one instead",
            )

    def _replace(
        self,
        ctx: LoadContext,
        builder: SceneBuilder,
        manifest: _Manifest,
        source: SourceFile,
        scenes: MapNode,
        scene_id: str,
        target: str,
    ) -> None:
        line, col = scenes.key_pos[scene_id]
        loc = Loc(source.name, line, col)
        if target in manifest.replaced:
            first = manifest.replaced[target]
            ctx.reporter.error(
                "E020",
                loc,
                f"scene '{target}' is already replaced at {first.file}:{first.line}:"
                f"{first.column}: a mod replaces a scene once",
            )
            return
        previous = builder.pending[target]
        owner = self._owner.get(target)
        if owner is not None:
            at = previous.loc
            ctx.reporter.warning(
                "W110",
                loc,
                f"mod '{manifest.info.id}' replaces scene '{target}', which another mod"
                f" changed too ({owner} at {at.file}:{at.line}); the mod given later wins",
            )
        self._check_copy(ctx, manifest, loc, scene_id, target)
        manifest.replaced[target] = loc
        self._owner[target] = f"mod '{manifest.info.id}' replaced it"
        builder.pending[target] = PendingScene(
            target, previous.chapter, source, scenes[scene_id], loc
        )

    def _check_copy(
        self, ctx: LoadContext, manifest: _Manifest, loc: Loc, scene_id: str, target: str
    ) -> None:
        """W140 for replacing a story scene without declaring it; W141 for a copy of a
        story scene that has changed since the mod recorded its hash."""
        original = self._story_scenes.get(target)
        declared = manifest.declared.get(scene_id) or manifest.declared.get(target)
        if declared is not None:
            declared.used = True
        if original is None:
            return  # a scene another mod added: the story has nothing to compare
        now = scene_hash(original.node)
        at = f"{original.loc.file}:{original.loc.line}:{original.loc.column}"
        if declared is None:
            ctx.reporter.warning(
                "W140",
                loc,
                f"mod '{manifest.info.id}' replaces the story's scene '{target}' ({at})"
                " without saying so. If you mean to replace it, add under 'replaces:' in"
                f" mod.yaml the line '{target}: {now}' (the story scene's hash now, so lint"
                " can tell you when the story changes it); if not, give your scene an id"
                " of its own",
            )
            return
        if declared.hash is not None and declared.hash != now:
            d = declared.loc
            ctx.reporter.warning(
                "W141",
                loc,
                f"the story's scene '{target}' ({at}) has changed since this mod copied it"
                f" (the hash under 'replaces:' at {d.file}:{d.line}:{d.column} is"
                f" '{declared.hash}'; the scene's is now '{now}'). Compare your copy with"
                f" the story's, bring it up to date, then write '{target}: {now}' there",
            )

    def _check_assets(
        self, ctx: LoadContext, node: MapNode, file: str, keys: tuple[str, ...], root: Path
    ) -> None:
        """E054 for a name that is a path; for the mod's own files of that name, E016
        for one that links out of the mod's folder and E055 for a picture too large."""
        for key in keys:
            value = node.get(key)
            if not isinstance(value, str):
                continue
            line, col = node.value_pos.get(key, node.pos)
            if not ASSET_NAME_RE.match(value):
                ctx.reporter.error(
                    "E054",
                    Loc(file, line, col),
                    f"'{short(value)}' is not a plain {key} name: use letters, digits, '_'"
                    " and '-' only (no folders, no file extension)",
                )
                continue
            assets = root / "assets"
            for path in escaping_assets(assets, key, value):
                ctx.reporter.error(
                    "E016",
                    Loc(file, line, col),
                    f"'{path.relative_to(root).as_posix()}' is a link that leads outside the mod"
                    " folder: the game will not use it. Copy the file into the mod folder",
                )
            if key == "music":
                continue
            for suffix in SUFFIXES[key]:
                path = assets / KINDS[key] / f"{value}{suffix}"
                if not path.is_file() or outside_link(path, assets):
                    continue
                problem = image_problem(path)
                if problem is not None:
                    ctx.reporter.error(
                        "E055",
                        Loc(file, line, col),
                        f"{key} '{value}': {problem}; the game draws a plain card instead",
                    )

    # -- stage 3: glossary --------------------------------------------------------------
    def add_glossary(self, ctx: LoadContext, glossary: dict[str, tuple[str, str]]) -> None:
        for manifest in self._manifests:
            glossary.update(read_glossary(ctx, manifest.reader, manifest.root, "mod folder"))


def read_mod_info(folder: str | Path) -> tuple[ModInfo | None, list[Diagnostic]]:
    """A mod's manifest on its own (for a title screen or a list of mods), checked."""
    ctx = LoadContext(root=Path(folder))
    overlay = ModOverlay([])
    manifest = overlay._read_manifest(ctx, Path(folder), None, None, FORMAT_VERSION)
    info = manifest.info if manifest is not None else None
    return info, ctx.reporter.diagnostics
