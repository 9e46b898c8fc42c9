"""The pseudo-language ``qps``: every string marked and accented, for finding the ones
nobody marked for translation.

``pseudo("Save {n} games")`` is ``"«Šàvé {n} ĝàmé𝑠»"``: the brackets show where each
translated string begins and ends (a string cut or joined from pieces shows up), the
accents show it went through the catalogue, and the placeholders in braces (and the
``%(name)s`` of a template's ``{% trans %}`` block) and any markup in angle brackets are
kept as they are, so the game still fills them in.
"""

from __future__ import annotations

import re

from game.i18n.catalog import Catalog

OPEN, CLOSE = "\u00ab", "\u00bb"
_ACCENTS = str.maketrans(
    "AaCcDdEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz",
    "ÅàÇçĐđÉéĜĝĤĥÎîĴĵĶķĻļÑñÖöŔŕŠšŢţÛûŴŵÝýŽž",
)


#: What stays as it is: ``{placeholders}`` (nested ones too), ``<markup>``, and a
#: Jinja2 ``{% trans %}`` block's ``%(name)s`` and ``%%``.
_KEPT = re.compile(r"\{(?:[^{}]|\{[^{}]*\})*\}|<[^<>]*>|%(?:\(\w+\)[sd]|%)")


def pseudo(text: str) -> str:
    """``text`` marked and accented, with ``{placeholders}``, ``%(placeholders)s`` and
    ``<markup>`` kept."""
    if not text or text.startswith(OPEN):
        return text
    if "\n\n" in text:
        # Each paragraph marked on its own: a page shows where every one comes from.
        return "\n\n".join(pseudo(part) if part.strip() else part for part in text.split("\n\n"))
    if "{" not in text and "<" not in text and "%" not in text:
        return OPEN + text.translate(_ACCENTS) + CLOSE
    out: list[str] = []
    last = 0
    for kept in _KEPT.finditer(text):
        out.append(text[last : kept.start()].translate(_ACCENTS))
        out.append(kept.group())
        last = kept.end()
    out.append(text[last:].translate(_ACCENTS))
    return OPEN + "".join(out) + CLOSE


class PseudoCatalog(Catalog):
    """A catalogue that has every string: its pseudo form."""

    def __init__(self) -> None:
        super().__init__(locale="qps")

    def get(self, context: str, message: str) -> str | None:
        return pseudo(message)

    def get_plural(self, context: str, singular: str, n: int) -> str | None:
        return None  # ngettext falls back; the caller's English is then pseudo'd below
