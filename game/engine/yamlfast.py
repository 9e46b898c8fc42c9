"""Fast reader for the plain block-style YAML that story files use (placeholder: always defers)."""

from __future__ import annotations

from typing import Any


class NotSimple(Exception):
    """The text uses YAML outside the fast reader's subset; use the reference reader."""


NOT_SIMPLE: Any = object()


def compose(text: str) -> Any:
    raise NotSimple
