"""One language's translated strings, read from gettext PO files with Babel.

A catalogue maps (context, English) to the translation. Entries marked fuzzy (the
English changed since they were translated) and empty ones are left out, so the caller
falls back to English. A PO file that cannot be read is skipped with its problem kept
in :attr:`Catalog.problems`, never a traceback: a broken translation must not stop the
game starting.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: A PO file larger than this is not read (a catalogue of the whole story is ~1 MB).
MAX_PO_BYTES = 16 * 1024 * 1024


@dataclass
class Catalog:
    """Translations keyed by (context, English); plural forms by (context, singular)."""

    locale: str = "en"
    singles: dict[tuple[str, str], str] = field(default_factory=dict)
    plurals: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    plural_rule: object = None  # babel's plural function for the locale, or None
    problems: list[str] = field(default_factory=list)

    def get(self, context: str, message: str) -> str | None:
        return self.singles.get((context, message))

    def get_plural(self, context: str, singular: str, n: int) -> str | None:
        forms = self.plurals.get((context, singular))
        if not forms:
            return None
        index = 0
        rule = self.plural_rule
        if callable(rule):
            try:
                index = int(rule(n))
            except (TypeError, ValueError):
                index = 0
        elif n != 1:
            index = 1
        form = forms[index] if index < len(forms) else forms[-1]
        return form or None


def load_catalog(paths: Iterable[Path], locale: str = "en") -> Catalog:
    """Merge the PO files that exist among ``paths``, later ones winning."""
    catalog = Catalog(locale=locale)
    for path in paths:
        if not path.is_file():
            continue
        try:
            if path.stat().st_size > MAX_PO_BYTES:
                catalog.problems.append(f"{path}: larger than {MAX_PO_BYTES} bytes, not read")
                continue
            po = _read(path, catalog.problems)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            catalog.problems.append(f"{path}: cannot be read ({exc})")
            continue
        if catalog.plural_rule is None:
            catalog.plural_rule = _plural_rule(po)
        for message in po:
            if not message.id or message.fuzzy:
                continue
            context = message.context or ""
            if isinstance(message.id, tuple):
                forms = message.string if isinstance(message.string, tuple) else ()
                if any(forms):
                    catalog.plurals[(context, message.id[0])] = tuple(forms)
            elif isinstance(message.string, str) and message.string:
                catalog.singles[(context, str(message.id))] = message.string
    return catalog


def _read(path: Path, problems: list[str]) -> Any:
    """A PO file read strictly; with a syntax error, its problem (file:line) is kept and
    the entries that can be read are still used. Babel's own warnings on stdout are
    swallowed: the game's output is the player's."""
    from babel.messages.pofile import PoFileError, read_po

    data = path.read_bytes()
    try:
        return read_po(io.BytesIO(data), abort_invalid=True)
    except PoFileError as exc:
        problems.append(f"{path}:{exc.lineno + 1}: {str(exc).rsplit(' on ', 1)[0]}")
    with contextlib.redirect_stdout(io.StringIO()):
        return read_po(io.BytesIO(data), abort_invalid=False)


def _plural_rule(po: object) -> object:
    """Which plural form to use for ``n``, from the PO header's form count and the
    locale's CLDR plural categories (Babel). The header's C expression is never run:
    a catalogue is data, like a story."""
    count = getattr(po, "num_plurals", 2) or 2
    if count == 1:
        return lambda n: 0
    if count == 2:
        return lambda n: int(n != 1)
    locale = getattr(po, "locale", None)
    plural_form = getattr(locale, "plural_form", None)
    if plural_form is None:
        return lambda n: int(n != 1)
    order = [c for c in ("zero", "one", "two", "few", "many", "other") if c in plural_form.tags]
    if "other" not in order:
        order.append("other")
    return lambda n: min(order.index(plural_form(n)), count - 1)
