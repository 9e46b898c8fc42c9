"""The pseudo-language ``qps``: every string marked and accented, for finding the ones
nobody marked for translation.

``pseudo("Save {n} games")`` is ``"⟦Šàvé {n} ĝàmé𝑠⟧"``: the brackets show where each
translated string begins and ends (a string cut or joined from pieces shows up), the
accents show it went through the catalogue, and the placeholders in braces (and the
``%(name)s`` of a template's ``{% trans %}`` block) and any markup in angle brackets are
kept as they are, so the game still fills them in.
"""

from __future__ import annotations

import re

from game.i18n.catalog import Catalog

OPEN, CLOSE = "\u27e6", "\u27e7"
_ACCENTS = str.maketrans(
    "AaCcDdEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz",
    "ÅàÇçĐđÉéĜĝĤĥÎîĴĵĶķĻļÑñÖöŔŕŠšŢţÛûŴŵÝýŽž",
)


#: The placeholders of a Jinja2 ``{% trans %}`` block: ``%(name)s``; and ``%%``.
_NAMED = re.compile(r"%(?:\(\w+\)[sd]|%)")


def pseudo(text: str) -> str:
    """``text`` marked and accented, with ``{placeholders}``, ``%(placeholders)s`` and
    ``<markup>`` kept."""
    if not text or text.startswith(OPEN):
        return text
    out: list[str] = []
    depth_brace = depth_angle = 0
    kept_until = 0
    for index, char in enumerate(text):
        if index < kept_until:
            out.append(char)
            continue
        named = _NAMED.match(text, index) if char == "%" else None
        if named is not None:
            # A template's {% trans %} placeholder, %(name)s: kept as it is.
            kept_until = named.end()
            out.append(char)
            continue
        if char == "{":
            depth_brace += 1
        elif char == "}" and depth_brace:
            depth_brace -= 1
            out.append(char)
            continue
        elif char == "<":
            depth_angle += 1
        elif char == ">" and depth_angle:
            depth_angle -= 1
            out.append(char)
            continue
        out.append(char if depth_brace or depth_angle else char.translate(_ACCENTS))
    return OPEN + "".join(out) + CLOSE


class PseudoCatalog(Catalog):
    """A catalogue that has every string: its pseudo form."""

    def __init__(self) -> None:
        super().__init__(locale="qps")

    def get(self, context: str, message: str) -> str | None:
        return pseudo(message)

    def get_plural(self, context: str, singular: str, n: int) -> str | None:
        return None  # ngettext falls back; the caller's English is then pseudo'd below
