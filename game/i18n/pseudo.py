"""The pseudo-language ``qps``: every string marked and accented, for finding the ones
nobody marked for translation.

``pseudo("Save {n} games")`` is ``"⟦Šàvé {n} ĝàmé𝑠⟧"``: the brackets show where each
translated string begins and ends (a string cut or joined from pieces shows up), the
accents show it went through the catalogue, and the placeholders in braces and any
markup in angle brackets are kept as they are, so the game still fills them in.
"""

from __future__ import annotations

from game.i18n.catalog import Catalog

OPEN, CLOSE = "\u27e6", "\u27e7"
_ACCENTS = str.maketrans(
    "AaCcDdEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz",
    "ÅàÇçĐđÉéĜĝĤĥÎîĴĵĶķĻļÑñÖöŔŕŠšŢţÛûŴŵÝýŽž",
)


def pseudo(text: str) -> str:
    """``text`` marked and accented, with ``{placeholders}`` and ``<markup>`` kept."""
    if not text or text.startswith(OPEN):
        return text
    if "\n\n" in text:
        # Each paragraph marked on its own: a page shows where every one comes from.
        return "\n\n".join(pseudo(part) if part.strip() else part for part in text.split("\n\n"))
    out: list[str] = []
    depth_brace = depth_angle = 0
    for char in text:
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
