"""The languages module: codes, fallbacks, catalogues, and numbers, money and dates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import game.i18n as i18n


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def write_po(folder: Path, lang: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{lang}.po"
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {lang}\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
    )
    path.write_text(header + body, encoding="utf-8")
    return path


def test_codes_are_normalised() -> None:
    assert i18n.normalise("zh-cn") == "zh_CN"
    assert i18n.normalise("EN") == "en"
    assert i18n.normalise("zh_hans") == "zh_Hans"
    assert i18n.normalise("") == "en"


def test_english_formats() -> None:
    assert i18n.format_money(1480) == "1,480 yuan"
    assert i18n.format_money(-20, signed=True) == "\u221220 yuan"
    assert i18n.format_date("2007-01-30") == "30 January 2007"
    assert i18n.format_date("2007-01-30", "short") == "30 Jan 2007"
    assert i18n.format_date("not a date") == "not a date"


def test_a_catalogue_translates_and_falls_back(tmp_path: Path) -> None:
    write_po(
        tmp_path,
        "zh_CN",
        'msgid "{amount} yuan"\nmsgstr "{amount} 元"\n\n'
        'msgid "Save"\nmsgstr "存档"\n\n'
        '#, fuzzy\nmsgid "Load"\nmsgstr "旧的"\n\n'
        'msgctxt "menu"\nmsgid "Back"\nmsgstr "返回"\n',
    )
    assert i18n.set_language("zh-CN", extra_dirs=[tmp_path]) == "zh_CN"
    assert i18n._("Save") == "存档"
    assert i18n._("Load") == "Load"  # fuzzy: stale, so English
    assert i18n._("Quit") == "Quit"  # missing: English, never blank
    assert i18n.pgettext("menu", "Back") == "返回"
    assert i18n._("Back") == "Back"
    assert i18n.format_money(1480) == "1,480 元"
    assert i18n.format_date("2007-01-30") == "2007年1月30日"
    assert "zh_CN" in i18n.available_languages()


def test_a_broken_catalogue_never_stops_the_game(tmp_path: Path) -> None:
    (tmp_path / "de.po").write_bytes(b"\xff\xfe garbage \x00 msgid")
    i18n.set_language("de", extra_dirs=[tmp_path])
    assert i18n._("Save") == "Save"


def test_an_unknown_language_formats_as_english() -> None:
    i18n.set_language("qq")
    assert i18n.format_money(1480) == "1,480 yuan"


def test_the_pseudo_language_marks_every_string_and_keeps_placeholders() -> None:
    i18n.set_language("qps")
    marked = i18n._("Save {n} games to <b>slot</b>")
    assert marked.startswith("\u00ab") and marked.endswith("\u00bb")
    assert "{n}" in marked and "<b>" in marked and "Save" not in marked
    assert i18n.ngettext("{n} game", "{n} games", 2).startswith("\u00ab")
    assert i18n.format_money(3).startswith("\u00ab")


def test_the_fast_reader_agrees_with_babel(tmp_path: Path) -> None:
    import io as _io

    from babel.messages.catalog import Catalog as BabelCatalog
    from babel.messages.pofile import read_po, write_po

    from game.i18n.pofile import parse_po

    source = BabelCatalog(locale="fr", fuzzy=False)
    texts = [
        'Quote " and backslash \\ and tab \t',
        "Two\n\nparagraphs, and a long line " + "word " * 40,
        "中文：「引号」，全角标点。",
        "{money} left",
    ]
    for index, text in enumerate(texts):
        source.add(text, f"«{text}»", context=f"scene:text.{index}")
    source.add(("{n} slot", "{n} slots"), ("{n} place", "{n} places"), context="menu")
    source.add("Stale", "Vieux", flags=("fuzzy",))
    source.obsolete["Gone"] = source["Stale"]
    buffer = _io.BytesIO()
    write_po(buffer, source, width=40)
    data = buffer.getvalue()
    theirs = read_po(_io.BytesIO(data))
    ours = parse_po(data.decode("utf-8"), "fr.po")
    assert ours.problems == []
    assert ours.plural_count == theirs.num_plurals
    mine = {(e.context, e.english): (e.forms, e.fuzzy) for e in ours.entries if e.english}
    for message in theirs:
        if not message.id:
            continue
        english = str(message.id[0] if isinstance(message.id, tuple | list) else message.id)
        forms, fuzzy = mine[(message.context or "", english)]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert tuple(forms[i] for i in range(len(strings))) == strings
        assert fuzzy == message.fuzzy
    assert len(mine) == len([m for m in theirs if m.id])  # the obsolete entry is left out
