"""The browser edition's interface words: found in web/, translated for one page.

The browser edition (web/app.js and web/index.html) shows words of its own: buttons,
dialogs, the ledger's columns, save messages. They are English in the source and
translated when ``export-web`` builds a page for ``--lang``:

- in web/app.js every such string is a call ``t("...")`` (placeholders by name,
  ``t("Saved in {slot}.", { slot })``); :func:`script_messages` finds them with Babel's
  JavaScript extractor, keyword ``t``;
- in web/index.html each one is written ``{{Like this}}``; :func:`page_messages` finds
  them and :func:`translate_page` replaces each with its translation, HTML-escaped;
- the page's ``CONFIG.strings`` (:func:`page_strings`) holds the translation of every
  ``t()`` string that differs from its English, for app.js's ``t()`` to look up.

Translations come from the interface's catalogue through :mod:`game.i18n`, the same
catalogue as the window's and the tools' words (so "Ledger" is translated once for
all). ``translate extract`` adds these strings to it with :func:`add_web_messages`.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract

from game import paths
from game.i18n import gettext

#: The function app.js marks its words with.
KEYWORD = "t"
#: A word of web/index.html: {{English}} (no braces inside).
_PAGE_WORD = re.compile(r"\{\{([^{}<>]+)\}\}")


@dataclass(frozen=True, slots=True)
class WebMessage:
    """One string of the browser edition and where it is written."""

    english: str
    file: str
    line: int


def script_messages(source: str, name: str = "web/app.js") -> list[WebMessage]:
    """Every ``t("...")`` string of a script, with its line."""
    found = extract(
        "javascript",
        io.BytesIO(source.encode("utf-8")),
        keywords={KEYWORD: None},
        comment_tags=("Translators:",),
    )
    return [WebMessage(str(message), name, line) for line, message, _c, _x in found if message]


def page_messages(template: str, name: str = "web/index.html") -> list[WebMessage]:
    """Every ``{{...}}`` word of the page's HTML, with its line."""
    return [
        WebMessage(match.group(1), name, template.count("\n", 0, match.start()) + 1)
        for match in _PAGE_WORD.finditer(template)
    ]


def web_messages(web_dir: Path = paths.WEB_DIR) -> list[WebMessage]:
    """The browser edition's strings: app.js's, then index.html's."""
    script = (web_dir / "app.js").read_text(encoding="utf-8")
    page = (web_dir / "index.html").read_text(encoding="utf-8")
    return [*script_messages(script), *page_messages(page)]


def page_strings(messages: list[WebMessage]) -> dict[str, str]:
    """English -> translation in the current language, for every string that has one
    (an English page embeds an empty table)."""
    table: dict[str, str] = {}
    for message in messages:
        translated = gettext(message.english)
        if translated != message.english:
            table[message.english] = translated
    return table


def translate_page(template: str) -> str:
    """index.html with each ``{{word}}`` in the current language, escaped for HTML."""
    return _PAGE_WORD.sub(lambda match: html.escape(gettext(match.group(1))), template)


def unmarked_words(template: str) -> Iterator[str]:
    """Text between tags of index.html's body that is not a ``{{word}}`` (for tests)."""
    body = template.partition("<body>")[2]
    body = re.sub(r"(?s)<script\b.*?</script>", "", body)
    for text in re.findall(r">([^<]+)<", _PAGE_WORD.sub("", body)):
        if text.strip():
            yield text.strip()


def add_web_messages(template: Catalog, web_dir: Path = paths.WEB_DIR) -> int:
    """Add the browser edition's strings to the interface's template (``translate
    extract``); how many were added. Their locations are relative to the repository."""
    messages = web_messages(web_dir)
    for message in messages:
        existing = template.get(message.english)
        place = (message.file, message.line)
        if existing is not None:
            existing.locations.append(place)
        else:
            flags = ["python-brace-format"] if "{" in message.english else []
            template.add(message.english, locations=[place], flags=flags)
    return len(messages)
