"""A fast, forgiving reader of gettext PO files, for the game's start-up.

Babel's reader (which the translator's tools use: ``translate extract`` and ``check``)
keeps every comment, location and flag, and takes about 0.2 s for the story's whole
catalogue; the game needs only each entry's context, English, translations and whether
it is fuzzy, and reads the same file several times faster with this one. A line it
cannot read is a problem with its file and line, skipped, never an exception: a broken
catalogue must not stop the game.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d{1,2})\])?)\s+(".*)$')
_PLURALS = re.compile(r"nplurals\s*=\s*(\d{1,2})")


@dataclass(slots=True)
class PoEntry:
    """One entry: ``forms`` holds msgstr (one) or msgstr[0..n] (a plural entry)."""

    context: str = ""
    english: str | None = None
    plural: str | None = None
    forms: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False
    line: int = 0


@dataclass(slots=True)
class PoFile:
    entries: list[PoEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: From the header's Plural-Forms (``nplurals=N``); 2 when it does not say.
    plural_count: int = 2
    language: str = ""


def _unquote(text: str) -> str | None:
    text = text.strip()
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        return None
    inner = text[1:-1]
    if "\\" not in inner:
        return inner
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), inner)


def parse_po(text: str, name: str) -> PoFile:
    """The entries of a PO file's ``text`` (obsolete ``#~`` entries left out)."""
    result = PoFile()
    entry = PoEntry()
    field_name = ""  # which part the next "..." line continues
    fuzzy_next = False

    def finish() -> None:
        nonlocal entry, field_name
        if entry.english is not None:
            result.entries.append(entry)
        entry = PoEntry()
        field_name = ""

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if entry.forms:
                finish()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy_next = True
            continue
        if line.startswith('"'):
            value = _unquote(line)
            if value is None or not field_name:
                result.problems.append(f"{name}:{number}: a string outside an entry, or unclosed")
                continue
            _append(entry, field_name, value)
            continue
        match = _KEYWORD.match(line)
        if match is None:
            result.problems.append(f"{name}:{number}: unknown or misformatted line {line[:40]!r}")
            continue
        keyword, index, quoted = match.groups()
        value = _unquote(quoted)
        if value is None:
            result.problems.append(f"{name}:{number}: a string is not closed by a quote")
            field_name = ""
            continue
        # A new entry begins at its msgctxt, or at a msgid after a complete entry.
        started = entry.forms or entry.english is not None
        if (keyword == "msgctxt" and started) or (keyword == "msgid" and entry.english is not None):
            finish()
        if keyword == "msgctxt":
            entry.context = value
        elif keyword == "msgid":
            entry.english = value
            entry.line = number
            entry.fuzzy = fuzzy_next
            fuzzy_next = False
        elif keyword == "msgid_plural":
            entry.plural = value
        else:
            entry.forms[int(index or 0)] = value
            keyword = f"msgstr[{int(index or 0)}]"
        field_name = keyword
    finish()
    for found in result.entries:
        if found.english == "" and not found.context:
            header = found.forms.get(0, "")
            plurals = _PLURALS.search(header)
            if plurals:
                result.plural_count = max(1, int(plurals.group(1)))
            for header_line in header.splitlines():
                if header_line.lower().startswith("language:"):
                    result.language = header_line.split(":", 1)[1].strip()
            break
    return result


def _append(entry: PoEntry, field_name: str, value: str) -> None:
    if field_name == "msgctxt":
        entry.context += value
    elif field_name == "msgid":
        entry.english = (entry.english or "") + value
    elif field_name == "msgid_plural":
        entry.plural = (entry.plural or "") + value
    else:
        index = int(field_name[7:-1]) if "[" in field_name else 0
        entry.forms[index] = entry.forms.get(index, "") + value
