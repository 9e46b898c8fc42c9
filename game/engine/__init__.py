"""The story engine: load, validate and run stories. Pure Python; never imports pygame.

This package's namespace is its public face: front ends (the window, the text mode,
the web build), the tools and the benchmarks import only what ``__all__`` names, from
``game.engine`` itself, never from its submodules (``tests/test_imports.py`` checks
it). Everything else in ``game/engine/`` is private and may change without notice.
docs/ENGINE.md describes the API with an example of driving a story from Python.

The surface, by job:

- loading: :func:`load_story` (story folder, mods -> ``(Story | None, diagnostics)``),
  :func:`reload_game` / :func:`reload_story` (a writer's live reload: where the game
  went, :class:`ReloadResult`, :class:`SceneMove`), :func:`read_mod_info`;
- playing: :class:`Runner` and what it hands out (:class:`SceneView`,
  :class:`ChoiceView`, :class:`ChoiceResult`, :class:`Change`, :class:`MeterView`,
  :class:`ContextCard`, :class:`LedgerEntry`, :class:`TranscriptEntry`);
- saves: ``Runner.to_json`` / ``Runner.from_json``, :func:`load_save` (forgiving),
  :class:`SaveError`, :class:`ModsNotLoaded`, :func:`stranded_saves`;
- the story model the tools read: :class:`Story`, :class:`Scene`, :class:`Choice`,
  :class:`Effect`, :class:`TextPart`, :class:`Card`, :class:`Start`;
- diagnostics: :class:`Diagnostic`, :func:`has_errors`, :func:`sort_key`,
  :func:`did_you_mean`, :func:`escape_controls`;
- expressions, for tools that evaluate story text: :class:`EvalContext`,
  :class:`Expression`, :class:`TemplatePart`;
- the compiled story (the browser's form and a load cache): :func:`compile_story`,
  :func:`story_from_compiled`, :func:`load_story_cached`, :class:`CompiledError`,
  imported on first use so that importing the engine stays cheap;
- translations of the story's strings: :func:`translate_story` (or ``lang=`` of
  :func:`load_story`), :func:`story_strings` (the extraction), :func:`translation_checker`,
  :func:`story_catalog`, :class:`StoryString`, :class:`Translated`;
- assets: :func:`find_asset`, :func:`asset_roots`, :func:`portrait_variant`,
  :func:`image_problem`, :func:`outside_link`, ``GAME_ASSETS``, ``KINDS``, ``MOODS``.
"""

from typing import Any

from game.engine.assets import (
    GAME_ASSETS,
    KINDS,
    MOODS,
    asset_roots,
    find_asset,
    image_problem,
    outside_link,
    portrait_variant,
)
from game.engine.checks import reachable_from
from game.engine.diagnostics import (
    Diagnostic,
    did_you_mean,
    escape_controls,
    has_errors,
    sort_key,
)
from game.engine.expr import EvalContext, ExprError, Expression, TemplatePart
from game.engine.fields import ID_RE
from game.engine.loader import load_story, load_story_sources
from game.engine.model import Card, Choice, Effect, Scene, Start, Story, TextPart
from game.engine.mods import ModInfo, read_mod_info
from game.engine.reload import STATE_CODES, ReloadResult, SceneMove, reload_game, reload_story
from game.engine.runner import CONTINUE_ID, SAVE_FORMAT, Runner, SaveError, TranscriptEntry
from game.engine.savecheck import LoadedSave, Relocation, load_save, stranded_saves
from game.engine.savedata import ModsNotLoaded
from game.engine.translation import (
    LOCALES_DIR,
    STORY_TEMPLATE,
    StoryString,
    Translated,
    load_languages,
    story_catalog,
    story_catalog_paths,
    story_strings,
    translate_story,
    translation_checker,
)
from game.engine.view import (
    Change,
    ChoiceResult,
    ChoiceView,
    ContextCard,
    LedgerEntry,
    MeterView,
    SceneView,
)

__all__ = [
    "CONTINUE_ID",
    "GAME_ASSETS",
    "ID_RE",
    "KINDS",
    "LOCALES_DIR",
    "MOODS",
    "SAVE_FORMAT",
    "STATE_CODES",
    "STORY_TEMPLATE",
    "Card",
    "Change",
    "Choice",
    "ChoiceResult",
    "ChoiceView",
    "CompiledError",
    "ContextCard",
    "Diagnostic",
    "Effect",
    "EvalContext",
    "ExprError",
    "Expression",
    "LedgerEntry",
    "LoadedSave",
    "MeterView",
    "ModInfo",
    "ModsNotLoaded",
    "ReloadResult",
    "Relocation",
    "Runner",
    "SaveError",
    "Scene",
    "SceneMove",
    "SceneView",
    "Start",
    "Story",
    "StoryString",
    "TemplatePart",
    "TextPart",
    "TranscriptEntry",
    "Translated",
    "asset_roots",
    "compile_story",
    "did_you_mean",
    "dumps_compiled",
    "escape_controls",
    "find_asset",
    "has_errors",
    "image_problem",
    "load_languages",
    "load_save",
    "load_story",
    "load_story_cached",
    "load_story_sources",
    "outside_link",
    "portrait_variant",
    "reachable_from",
    "read_mod_info",
    "reload_game",
    "reload_story",
    "sort_key",
    "story_catalog",
    "story_catalog_paths",
    "story_from_compiled",
    "story_strings",
    "stranded_saves",
    "translate_story",
    "translation_checker",
]

#: The compiled story's functions, imported on first use (game.engine.compiled).
_COMPILED = (
    "compile_story",
    "story_from_compiled",
    "load_story_cached",
    "dumps_compiled",
    "CompiledError",
)


def __getattr__(name: str) -> Any:
    if name in _COMPILED:
        from game.engine import compiled

        return getattr(compiled, name)
    raise AttributeError(f"module 'game.engine' has no attribute {name!r}")
