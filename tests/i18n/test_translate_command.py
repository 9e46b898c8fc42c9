"""``translate extract`` and ``translate check``, lint's part, and choosing the language."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import game.i18n as i18n
from game.cli import main
from game.play.language import choose_language, default_language, saved_language
from game.tools.lint import run_lint
from game.tools.translate import run_translate
from game.tools.translate_check import check_interface
from game.tools.translate_extract import interface_template
from tests.i18n.helpers import small_story


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def translate(
    action: str, story: str, mods: Sequence[str] = (), lang: str | None = None
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_translate(action, story, mods, lang, interface=False, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def read(path: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {(m.context or "", str(m.id)): (str(m.string), m.fuzzy) for m in catalog if m.id}


def set_translation(path: Path, context: str, text: str) -> None:
    body = path.read_text(encoding="utf-8")
    marker = f'msgctxt "{context}"\n'
    start = body.index(marker)
    end = body.index('msgstr ""', start)
    body = body[:end] + f"msgstr {json.dumps(text, ensure_ascii=False)}" + body[end + 9 :]
    path.write_text(body, encoding="utf-8")


def test_extract_writes_a_template_and_starts_a_language(tmp_path: Path) -> None:
    folder = small_story(tmp_path / "story")
    status, out, err = translate("extract", str(folder), (), "fr")
    assert status == 0, err
    pot = (folder / "locales" / "story.pot").read_text(encoding="utf-8")
    assert "#: story/tickets.yaml:" in pot
    assert 'msgctxt "window/2:note"' in pot
    assert "#. Scene window (chapter 1): after the choice" in pot
    assert "spoken by Ticket clerk" in pot
    assert (folder / "locales" / "fr.po").is_file()
    assert "story.pot: 17 strings" in out


def test_extract_updates_like_msgmerge(tmp_path: Path) -> None:
    folder = small_story(tmp_path / "story")
    assert translate("extract", str(folder), (), "fr")[0] == 0
    po = folder / "locales" / "fr.po"
    set_translation(po, "window/1:text", "Deux billets, s'il vous plaît")
    set_translation(po, "alone:ending:title", "Nouvel An au dortoir")
    set_translation(po, "home:ending:title", "Ensemble à la maison")
    tickets = folder / "tickets.yaml"
    text = tickets.read_text(encoding="utf-8")
    text = text.replace("Two tickets, please", "Two tickets, please, for the 29th")
    text = text.replace("title: New Year in the dormitory", "title: New Year at the factory")
    tickets.write_text(text, encoding="utf-8")
    assert translate("extract", str(folder))[0] == 0
    entries = read(po)
    changed = entries[("window/1:text", "Two tickets, please, for the 29th")]
    assert changed == ("Deux billets, s'il vous plaît", True)  # kept, but stale
    assert entries[("home:ending:title", "Home together")] == ("Ensemble à la maison", False)
    assert (
        "#~ msgctxt" in po.read_text(encoding="utf-8")
        or entries[("alone:ending:title", "New Year at the factory")][1]
    )


def test_check_reports_coverage_missing_stale_and_broken(tmp_path: Path) -> None:
    folder = small_story(tmp_path / "story")
    translate("extract", str(folder), (), "fr")
    po = folder / "locales" / "fr.po"
    set_translation(po, "window/1:text", "Deux billets")
    set_translation(po, "home:epilogue", "Trente heures debout.")  # {money} missing
    body = po.read_text(encoding="utf-8")
    po.write_text(
        body.replace('msgctxt "window/1:text"', '#, fuzzy\nmsgctxt "window/1:text"'),
        encoding="utf-8",
    )
    status, out, _err = translate("check", str(folder), (), "fr")
    assert status == 1
    assert "chapter 1: The window" in out and "0 / 11" in out
    assert "stale (1):" in out and "[window/1:text]" in out
    assert "broken (1):" in out
    line = next(i for i, x in enumerate(po.read_text().splitlines(), 1) if "home:epilogue" in x)
    assert f"fr.po:{line + 1}: [home:epilogue]" in out  # the msgid line
    assert "missing {money}" in out
    assert "missing (" in out
    set_translation_fixed = po.read_text(encoding="utf-8").replace(
        '"Trente heures debout."', '"Trente heures debout. Il vous reste {money}."'
    )
    po.write_text(set_translation_fixed, encoding="utf-8")
    status, out, _err = translate("check", str(folder), (), "fr")
    assert status == 0, out
    assert "fr: 0 broken" in out


def test_check_explains_the_pseudo_language_and_needs_a_language(tmp_path: Path) -> None:
    folder = small_story(tmp_path / "story")
    status, out, _ = translate("check", str(folder), (), "qps")
    assert status == 0 and "pseudo-language" in out
    status, _, err = translate("check", str(folder))
    assert status == 2 and "--lang" in err
    status, _, err = translate("extract", str(folder), (), "qps")
    assert status == 2 and "pseudo-language" in err
    status, _, err = translate("extract", str(folder), (), "not a language")
    assert status == 2 and "not a language code" in err


def test_a_po_syntax_error_is_broken_with_its_line(tmp_path: Path) -> None:
    folder = small_story(tmp_path / "story")
    translate("extract", str(folder), (), "fr")
    po = folder / "locales" / "fr.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    lines.insert(20, "this is not PO")
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, out, _ = translate("check", str(folder), (), "fr")
    assert status == 1
    assert "fr.po:21: PO syntax: Unknown or misformatted keyword" in out


def test_lint_includes_the_check(tmp_path: Path) -> None:
    folder = small_story(tmp_path / "story")
    translate("extract", str(folder), (), "fr")
    po = folder / "locales" / "fr.po"
    out = io.StringIO()
    assert run_lint(str(folder), out=out) == 0
    summary = [line for line in out.getvalue().splitlines() if "translation fr" in line]
    assert summary == [
        "translation fr: 0 of 17 story strings; 17 missing and 0 stale show in English"
        " (translate check --lang fr)"
    ]
    assert out.getvalue().strip().endswith("no problems")
    set_translation(po, "home:epilogue", "Trente heures. {argent}")
    out = io.StringIO()
    assert run_lint(str(folder), out=out) == 1
    errors = [line for line in out.getvalue().splitlines() if "E070" in line]
    assert len(errors) == 1 and "fr.po:" in errors[0] and "home:epilogue" in errors[0]


def test_a_mods_strings_go_to_the_mods_catalogue(tmp_path: Path) -> None:
    folder = small_story(tmp_path / "story")
    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "mod.yaml").write_text(
        "id: night\nname: Night\nversion: 1.0.0\nauthor: Test\nstory: tickets-demo\n"
        "description: A night shift.\nengine: 1\nstory_version: '*'\nfiles: [night.yaml]\n",
        encoding="utf-8",
    )
    (mod / "night.yaml").write_text(
        "chapter: 1\nscenes:\n  alone:\n    ending:\n      title: Night shift\n"
        "      epilogue: You work through the night.\n",
        encoding="utf-8",
    )
    status, _out, err = translate("extract", str(folder), (str(mod),), "fr")
    assert status == 0, err
    entries = read(mod / "locales" / "fr.po")
    assert set(entries) == {
        ("alone:ending:title", "Night shift"),
        ("alone:epilogue", "You work through the night."),
    }
    assert not (folder / "locales").exists()


def test_the_interface_is_extracted_from_code_and_templates(tmp_path: Path) -> None:
    package = tmp_path / "game"
    (package / "templates").mkdir(parents=True)
    (package / "screen.py").write_text(
        "from game.i18n import _, N_, ngettext, pgettext\n"
        "TITLE = N_('Saves')\n"
        "def draw(n: int) -> str:\n"
        "    # Translators: the button that leaves the game\n"
        "    return _('Quit') + pgettext('menu', 'Back') + ngettext('{n} slot', '{n} slots', n)\n",
        encoding="utf-8",
    )
    (package / "templates" / "page.html").write_text(
        "<h1>{{ _('Discussion guide') }}</h1>{% trans %}For {{ n }} students{% endtrans %}",
        encoding="utf-8",
    )
    template = interface_template(package)
    ids = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id}
    assert {
        (None, "Saves"),
        (None, "Quit"),
        ("menu", "Back"),
        (None, "{n} slot"),
        (None, "Discussion guide"),
        (None, "For %(n)s students"),
    } <= ids
    quit_entry = template.get("Quit")
    assert quit_entry is not None
    assert quit_entry.auto_comments == ["the button that leaves the game"]


def test_the_interface_check_finds_broken_placeholders_and_plurals(tmp_path: Path) -> None:
    (tmp_path / "messages.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Saved to slot {n}"\nmsgstr ""\n\n'
        'msgid "{n} choice"\nmsgid_plural "{n} choices"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
        'msgid "Quit"\nmsgstr ""\n\nmsgid "Load"\nmsgstr ""\n',
        encoding="utf-8",
    )
    (tmp_path / "fr.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "Saved to slot {n}"\nmsgstr "Enregistré"\n\n'
        'msgid "{n} choice"\nmsgid_plural "{n} choices"\nmsgstr[0] "{n} choix"\n\n'
        'msgid "Quit"\nmsgstr "Quitter"\n',
        encoding="utf-8",
    )
    report = check_interface("fr", tmp_path)
    kinds = {(f.kind, f.english): f.problem for f in report.findings}
    assert "missing {n}" in kinds[("broken", "Saved to slot {n}")]
    assert "plural forms" in kinds[("broken", "{n} choice")]
    assert ("missing", "Load") in kinds
    assert report.parts == {"the interface": (1, 4)}


def test_the_language_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert saved_language(tmp_path) is None
    (tmp_path / "settings.json").write_text('{"language": "zh-cn"}', encoding="utf-8")
    assert saved_language(tmp_path) == "zh_CN"
    assert choose_language(None, tmp_path) == "zh_CN"
    assert choose_language("fr", tmp_path) == "fr"
    (tmp_path / "settings.json").write_text('{"language": 3}', encoding="utf-8")
    assert saved_language(tmp_path) is None
    monkeypatch.setenv("LC_ALL", "fr_CA.UTF-8")
    assert default_language(["en", "fr", "qps"]) == "fr"
    assert default_language(["en", "qps"]) == "en"
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert default_language(["en", "zh_CN"]) == "zh_CN"


def test_lang_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "guide.md"
    assert main(["guide", "--lang", "qps", "--format", "md", "--runs", "3", "-o", str(out)]) == 0
    guide = out.read_text(encoding="utf-8")
    assert "\u00ab" in guide  # the story's strings went through the pseudo-language
    assert i18n.language() == "qps"
    built = tmp_path / "story.json"
    assert main(["build", "--lang", "qps", "-o", str(built)]) == 0
    assert "\u00ab" in built.read_text(encoding="utf-8")
    assert main(["translate", "check", "--lang", "qps"]) == 0
    assert "pseudo-language" in capsys.readouterr().out


def test_the_browser_page_gets_its_interface_strings(tmp_path: Path) -> None:
    """The browser edition's words come from the interface catalogue: a translated one
    is in the page's table, a fuzzy (stale) one is not, and English embeds nothing."""
    from game import i18n
    from game.paths import LAYOUT
    from game.tools.web_strings import page_strings, script_messages

    (tmp_path / "fr.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Continue"\nmsgstr "Continuer"\n\n'
        '#, fuzzy\nmsgid "Balance"\nmsgstr "Solde"\n',
        encoding="utf-8",
    )
    messages = script_messages((LAYOUT.root / "web" / "app.js").read_text(encoding="utf-8"))
    english = {m.english for m in messages}
    assert {"Continue", "Balance"} <= english
    try:
        i18n.set_language("fr", extra_dirs=[tmp_path])
        assert page_strings(messages) == {"Continue": "Continuer"}
        i18n.set_language("en")
        assert page_strings(messages) == {}
    finally:
        i18n.set_language("en")
