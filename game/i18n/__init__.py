"""The game's languages: translated strings, and numbers, money and dates in the
player's language.

A leaf of the package (the standard library and Babel only, nothing else from the game
but :mod:`game.paths`), so every layer uses it, the engine included: the engine formats
``{money}`` in story text and writes locked reasons ("Not enough money: ...").

How code uses it::

    from game.i18n import _, format_money, format_date, ngettext, pgettext

    _("Save")                                  # a string of the interface
    _("Saved to slot {n}").format(n=3)         # placeholders stay named, in braces
    ngettext("{n} choice", "{n} choices", n).format(n=n)
    pgettext("menu", "Back")                   # the same English, two meanings
    format_money(1480)                         # '1,480 yuan' / '1,480 元'
    format_date("2007-01-30")                  # '30 January 2007' / '2007年1月30日'

Mark every string a player or a teacher reads with ``_()`` (or ``ngettext``/
``pgettext``) where it is used, at the moment it is drawn or printed, never at import
time (a module-level constant is translated once, in English): for constants, mark them
with :func:`N_` and translate at use, ``_(LABEL)``.

The interface's catalogues are gettext PO files, ``game/locales/<lang>.po``, made and
updated by ``python main.py translate extract``; the story's are ``story/locales/<lang>.po``
(see :mod:`game.i18n.story` and TRANSLATING.md). A language is a gettext-style code:
``en``, ``zh_CN``; ``zh-CN`` and ``zh_cn`` mean the same. English is the source language
and needs no catalogue; a string missing from a catalogue, or marked fuzzy (stale), falls
back to English, never to a blank.
"""

from __future__ import annotations

import datetime as _dt
import functools
import locale as _locale
import os
import threading
from collections.abc import Iterable
from pathlib import Path

from game import paths
from game.i18n.catalog import Catalog, load_catalog
from game.i18n.pseudo import PseudoCatalog, pseudo

__all__ = [
    "N_",
    "PSEUDO_LANGUAGE",
    "SOURCE_LANGUAGE",
    "_",
    "available_languages",
    "catalog_dirs",
    "format_date",
    "format_money",
    "format_number",
    "gettext",
    "interface_locales_dir",
    "language",
    "language_name",
    "ngettext",
    "normalise",
    "pgettext",
    "pseudo",
    "set_language",
    "system_language",
]

SOURCE_LANGUAGE = "en"
#: The pseudo-language: every translatable string comes back marked and accented
#: ('Save' -> '«Šàvé»'), placeholders kept, so a screen left with plain English shows
#: a string nobody marked for translation. ``--lang qps`` in every command.
PSEUDO_LANGUAGE = "qps"

_lock = threading.Lock()
_language = SOURCE_LANGUAGE
_catalog: Catalog | None = None
_extra_dirs: tuple[Path, ...] = ()


def interface_locales_dir() -> Path:
    """Where the interface's PO files are: ``game/locales/`` (package data)."""
    return paths.LOCALES_DIR


def normalise(code: str) -> str:
    """A language code in gettext's spelling: 'zh-cn' -> 'zh_CN', 'EN' -> 'en'."""
    code = code.strip().replace("-", "_")
    if not code:
        return SOURCE_LANGUAGE
    lang, _sep, region = code.partition("_")
    lang = lang.lower()
    if not region:
        return lang
    # Script subtags (zh_Hans) keep their title case; regions are upper case.
    region = region.title() if len(region) == 4 else region.upper()
    return f"{lang}_{region}"


def catalog_dirs() -> tuple[Path, ...]:
    """The folders searched for interface catalogues, later ones winning."""
    return (interface_locales_dir(), *_extra_dirs)


def available_languages() -> list[str]:
    """English and every language with an interface catalogue, sorted."""
    found = {SOURCE_LANGUAGE, PSEUDO_LANGUAGE}
    for folder in catalog_dirs():
        if folder.is_dir():
            found.update(normalise(p.stem) for p in folder.glob("*.po"))
    return sorted(found)


def set_language(code: str | None, extra_dirs: Iterable[Path] = ()) -> str:
    """Switch the interface to ``code`` (None or '' means English) and return the
    normalised code. A language with no catalogue is kept (its numbers and dates still
    follow it) and every string falls back to English."""
    global _language, _catalog, _extra_dirs
    lang = normalise(code or SOURCE_LANGUAGE)
    with _lock:
        _extra_dirs = tuple(extra_dirs)
        _language = lang
        if lang == SOURCE_LANGUAGE:
            _catalog = None
        elif lang == PSEUDO_LANGUAGE:
            _catalog = PseudoCatalog()
        else:
            _catalog = load_catalog([d / f"{lang}.po" for d in catalog_dirs()])
    return lang


def language() -> str:
    """The current language's code ('en' unless set)."""
    return _language


def system_language() -> str:
    """The system's language, as the default on first start ('en' when unknown)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return normalise(value.split(":")[0].split(".")[0].split("@")[0])
    try:
        code = _locale.getlocale()[0]
    except ValueError:
        code = None
    return normalise(code) if code else SOURCE_LANGUAGE


def N_(message: str) -> str:
    """Mark a constant for extraction without translating it now (translate at use)."""
    return message


def gettext(message: str) -> str:
    """``message`` in the current language, or itself."""
    catalog = _catalog
    if catalog is None or not message:
        return message
    return catalog.get("", message) or message


_ = gettext


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same English by
    ``context``."""
    catalog = _catalog
    if catalog is None or not message:
        return message
    return catalog.get(context, message) or message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language."""
    catalog = _catalog
    if catalog is not None:
        found = catalog.get_plural("", singular, n)
        if found:
            return found
    english = singular if n == 1 else plural
    return pseudo(english) if _language == PSEUDO_LANGUAGE else english


def language_name(code: str) -> str:
    """A language's name in that language, short enough for a settings row: 'English',
    '简体中文', 'Português (Brasil)'."""
    from babel import Locale, UnknownLocaleError

    if normalise(code) == PSEUDO_LANGUAGE:
        return "Pseudo (test)"
    try:
        locale = Locale.parse(normalise(code))
    except (ValueError, UnknownLocaleError):
        return code
    if locale.language == "zh":
        traditional = locale.script == "Hant" or locale.territory in ("TW", "HK", "MO")
        return "繁體中文" if traditional else "简体中文"
    name = locale.get_language_name() or code
    if locale.territory:
        territory = locale.territories.get(locale.territory)
        if territory:
            name = f"{name} ({territory})"
    return name[:1].upper() + name[1:]


def _babel_locale() -> str:
    """The current language as a Babel locale, English when Babel does not know it
    (a made-up test language still works)."""
    return _known_locale(_language)


@functools.lru_cache(maxsize=64)
def _known_locale(code: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return "en"
    return code


@functools.lru_cache(maxsize=4096)
def _number_in(value: int, locale: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale)


def format_number(value: int | float) -> str:
    """A whole number with the language's grouping: '1,480'. (Cached: a frame draws the
    same amounts again and again, and Babel takes tens of microseconds a number.)"""
    number = round(value)
    locale = _babel_locale()
    if locale == "en":
        return f"{number:,}"  # what Babel gives for English, without the lookup
    return _number_in(number, locale)


def format_money(amount: int | float, signed: bool = False) -> str:
    """An amount in yuan: '1,480 yuan' / '1,480 元'; ``signed`` puts '+' or '−' first."""
    number = round(amount)
    text = gettext("{amount} yuan").format(amount=format_number(abs(number)))
    if signed:
        return ("+" if number >= 0 else "\u2212") + text
    return ("\u2212" if number < 0 else "") + text


@functools.lru_cache(maxsize=1024)
def _date_in(day: _dt.date, style: str, locale: str) -> str:
    from babel.dates import format_date as babel_date

    return babel_date(day, format="long" if style == "long" else "medium", locale=locale)


def format_date(when: str | _dt.date, style: str = "long") -> str:
    """A date in the language: long '30 January 2007' / '2007年1月30日', short
    '30 Jan 2007'. A string that is not an ISO date comes back unchanged."""
    if isinstance(when, str):
        try:
            day = _dt.date.fromisoformat(when)
        except ValueError:
            return when
    else:
        day = when
    locale = _babel_locale()
    if locale == "en" or locale.startswith("en_"):
        # British order, as the story is written: '30 January 2007'.
        locale = "en_GB"
    text = _date_in(day, style, locale)
    return pseudo(text) if _language == PSEUDO_LANGUAGE else text
