"""One language's translated strings, read from gettext PO files (:mod:`game.i18n.pofile`).

A catalogue maps (context, English) to the translation. Entries marked fuzzy (the
English changed since they were translated) and empty ones are left out, so the caller
falls back to English. A PO file that cannot be read is skipped with its problem kept
in :attr:`Catalog.problems`, never a traceback: a broken translation must not stop the
game starting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.i18n.pofile import parse_po

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
            po = parse_po(path.read_bytes().decode("utf-8-sig"), str(path))
        except (OSError, ValueError) as exc:
            catalog.problems.append(f"{path}: cannot be read ({exc})")
            continue
        catalog.problems.extend(po.problems)
        if catalog.plural_rule is None:
            catalog.plural_rule = plural_rule(po.plural_count, po.language or locale)
        for entry in po.entries:
            if not entry.english or entry.fuzzy:
                continue
            if entry.plural is not None:
                count = max(entry.forms, default=-1) + 1
                forms = tuple(entry.forms.get(i, "") for i in range(count))
                if any(forms):
                    catalog.plurals[(entry.context, entry.english)] = forms
            elif entry.forms.get(0):
                catalog.singles[(entry.context, entry.english)] = entry.forms[0]
    return catalog


def plural_rule(count: int, locale: str) -> Callable[[int], int]:
    """Which plural form to use for ``n``, from the PO header's form count and the
    locale's CLDR plural categories (Babel). The header's C expression is never run:
    a catalogue is data, like a story."""
    if count == 1:
        return lambda n: 0
    if count == 2:
        return lambda n: int(n != 1)
    from babel import Locale, UnknownLocaleError

    try:
        plural_form = Locale.parse(locale).plural_form
    except (ValueError, UnknownLocaleError):
        return lambda n: int(n != 1)
    order: list[str] = [
        c for c in ("zero", "one", "two", "few", "many", "other") if c in plural_form.tags
    ]
    if "other" not in order:
        order.append("other")
    return lambda n: min(order.index(str(plural_form(n))), count - 1)
