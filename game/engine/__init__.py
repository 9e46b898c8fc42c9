"""The story engine: load, validate and run stories. Pure Python; never imports pygame.

``game.engine.compile_story(story) -> dict`` gives the compiled form of a loaded story
(:mod:`game.engine.compiled`); it is imported on first use, so importing the engine
stays cheap.
"""

from __future__ import annotations

from typing import Any

_COMPILED = ("compile_story", "story_from_compiled", "load_story_cached", "CompiledError")


def __getattr__(name: str) -> Any:
    if name in _COMPILED:
        from game.engine import compiled

        return getattr(compiled, name)
    raise AttributeError(f"module 'game.engine' has no attribute {name!r}")
