"""Markdown escaping: the one helper the guide and the class report write Markdown with.

Story, mod and record text goes through :func:`md` (or :func:`md_code` inside a code
span) before it lands in Markdown, so raw HTML or Markdown in a story shows as the
characters written, never as markup or a broken table.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = str.maketrans({**{c: "\\" + c for c in "\\`*_[]|#"}, "<": "&lt;", ">": "&gt;"})
_ENTITY_START = re.compile(r"&(?=[A-Za-z#])")


def md(text: str) -> str:
    """Story or record text, with Markdown's special characters taken literally.

    ``<`` and ``>`` become entities (every Markdown flavour decodes them as text, while
    some let ``\\<`` through as HTML), and so does an ``&`` that would start one, so raw
    HTML in a story shows as the characters written. Line breaks become spaces.
    """
    return _ENTITY_START.sub("&amp;", " ".join(text.split())).translate(_MARKDOWN_SPECIAL)


def md_code(text: str) -> str:
    """Text inside a Markdown code span: backticks and line breaks cannot end it early."""
    return " ".join(text.split()).replace("`", "'")
