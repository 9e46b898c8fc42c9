"""Finding English nobody marked for translation, in text written in the pseudo-language.

In ``qps`` every translated string comes back marked and accented ('Save' -> '«Šàvé»').
What is left outside the marks, in a transcript, a page or a file, never met a
catalogue. It may still be fine: the story's own text (translated through the story's
catalogue, not the interface's: see STORY_TEXT below), a name or proper noun from
:data:`NAMES`, numbers, punctuation, or a word the accent table cannot change. Anything
else is a string somebody forgot to wrap in ``_()``.

A marked string counts as marked as a whole, with what its placeholders were filled
with: ``«Çĥàpţéŕ 1: Winter 2006-07»`` is the chapter's heading with the story's title in
it. The same rules as the window's test (tests/ui/test_pseudo_screens.py).

STORY_TEXT: on this branch the story's strings still reach the tools in English (the
story catalogue joins at load with ``lang`` in the translation work's branch), so a run
of text that is part of the story's files is allowed. When the story loads translated,
its strings arrive marked too and this allowance simply stops being used.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

#: Names and proper nouns that stay as they are in every language, kept small: the
#: game's title, the film's maker, the project's licences, file and format names.
NAMES = frozenset(
    {
        "Last Train Home",
        "Lixin Fan",
        "EyeSteelFilm",
        "CC BY",
        "Creative Commons",
        "SIL Open Font License",
        "MIT",
        "JSON",
        "CSV",
        "HTML",
        "Markdown",
        "PDF",
        "A4",
    }
)

#: Words the engine itself puts into story text: the teacher's mark before a prompt
#: that shows on some routes only (game/engine/model.py). The engine's strings are
#: translated by the translation work's branch (not this one), so they are allowed here
#: as the story's own text is.
ENGINE_WORDS = ("(On some routes)",)

#: Letters the accent table leaves alone: a word made only of them cannot show whether
#: it went through the catalogue.
_UNCHANGED = set("bfmpqvxBFMPQVX")
_WORD = re.compile(r"[^\W\d_]+")
_INNERMOST = re.compile("\u00ab[^\u00ab\u00bb]*\u00bb")
_QUOTES = str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''")


def normal(text: str) -> str:
    """Text as the story files spell it: straight quotes, single spaces."""
    return " ".join(text.translate(_QUOTES).split())


def story_corpus(*folders: Path) -> Corpus:
    """Every string in the stories' YAML files (folders, or single files such as the
    map's places.yaml), normalised and case-folded (a title is printed in capitals)."""
    strings: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            strings.append(normal(node))
            # Each paragraph on its own too, for a placeholder filled in one of them.
            strings.extend(normal(part) for part in node.split("\n\n")[1:] if "{" in node)
            if "\n\n" in node and "{" in node:
                strings.append(normal(node.split("\n\n")[0]))
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(key)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for folder in folders:
        for path in [folder] if folder.is_file() else sorted(folder.rglob("*.yaml")):
            walk(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))
    return Corpus("\n".join(strings).casefold())


def outside_marks(text: str) -> list[str]:
    """The stretches of ``text`` outside every marked string (nested ones too)."""
    previous = None
    while previous != text:
        previous, text = text, _INNERMOST.sub("\n", text)
    return [part.strip() for part in re.split(r"[\n\u00ab\u00bb]", text) if part.strip()]


def english_words(text: str) -> list[str]:
    """Words of two or more plain ASCII letters that a translation would have accented."""
    return [
        word
        for word in _WORD.findall(text)
        if len(word) >= 2 and word.isascii() and set(word) - _UNCHANGED
    ]


class Corpus:
    """The story's text, to recognise a run of it: as written, or with its ``{...}``
    placeholders filled in by the game ('You have {money} left' -> 'You have 80 yuan
    left')."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.patterns = []
        for line in text.splitlines():
            parts = re.split(r"\{[^{}]*\}", line)
            # A line of placeholders and punctuation ('{name}:') would match anything.
            if len(parts) > 1 and any(c.isalpha() for c in "".join(parts)):
                self.patterns.append(re.compile(".+?".join(re.escape(p) for p in parts)))

    def __contains__(self, piece: object) -> bool:
        text = normal(str(piece)).casefold()
        # The first words of a scene, cut short: '... Liu is …'.
        text = text.removesuffix("\u2026").removesuffix("...").rstrip()
        if text in self.text or any(p.fullmatch(text) for p in self.patterns):
            return True
        # A placeholder shown as an ellipsis ('Cash: {money}.' in a guide: 'Cash: ….'):
        # each stretch between them is the story's.
        pieces = [part.strip() for part in text.split("\u2026") if part.strip()]
        return len(pieces) > 1 and all(part in self.text for part in pieces)


def unmarked(text: str, corpus: Corpus | None = None, names: Iterable[str] = NAMES) -> list[str]:
    """Each stretch of ``text`` with English words no catalogue touched that is neither
    story text (in ``corpus``) nor a name. A table's row is taken cell by cell."""
    found = []
    for run in outside_marks(text):
        for piece in re.split(r"\s{2,}|\s*[·|]\s*", run):
            words = normal(piece)
            story = piece
            for name in [*sorted(names, key=len, reverse=True), *ENGINE_WORDS]:
                words = words.replace(name, " ")
            for engine_words in ENGINE_WORDS:
                story = story.replace(engine_words, "").strip()
            if english_words(words) and not (corpus is not None and story in corpus):
                found.append(run)
                break
    return found


_READ_ATTRIBUTES = re.compile(r'\b(?:title|alt|aria-label|placeholder)="([^"]*)"')


def page_text(page: str) -> str:
    """An HTML page's text as a reader sees it (tags, styles and scripts left out), with
    the attributes a reader or a screen reader meets (title, alt, aria-label, placeholder)."""
    read = [html.unescape(value) for value in _READ_ATTRIBUTES.findall(page)]
    page = re.sub(r"(?is)<(style|script)\b.*?</\1>", "\n", page)
    page = re.sub(r"(?s)<!--.*?-->", "\n", page)
    page = re.sub(r"<[^>]+>", "\n", page)
    return "\n".join([html.unescape(page), *read])


def markdown_text(text: str) -> str:
    """Markdown as a reader sees it: no emphasis marks, backslash escapes, quote marks,
    heading marks or code spans' backticks, entities decoded."""
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"^(#+|>|-)\s", "", text, flags=re.MULTILINE)
    return html.unescape(text.replace("**", "").replace("*", "").replace("`", ""))
