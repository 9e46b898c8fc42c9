"""The story in another language: every string a player reads goes through the catalogue,
keyed by scene and place; missing, stale and broken translations fall back to English."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import game.i18n as i18n
from game import paths
from game.engine import (
    CONTINUE_ID,
    Runner,
    SceneView,
    Story,
    compile_story,
    load_story,
    load_story_cached,
    story_from_compiled,
    story_strings,
    translate_story,
)
from tests.i18n.helpers import CLOSE, OPEN, small_story, write_catalog


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.fixture(scope="module")
def marked_story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped story with a catalogue that marks every one of its strings."""
    folder = tmp_path_factory.mktemp("marked") / "story"
    shutil.copytree(paths.STORY_DIR, folder, ignore=shutil.ignore_patterns("locales"))
    english, diagnostics = load_story(folder)
    assert english is not None, diagnostics
    write_catalog(folder / "locales" / "fr.po", story_strings(english))
    return folder


def marked(text: str) -> bool:
    return text.startswith(OPEN) and text.endswith(CLOSE)


def assert_view_translated(view: SceneView, story: Story) -> None:
    assert all(marked(p) for p in view.paragraphs), view.paragraphs
    assert marked(view.chapter_title)
    if view.speaker_name is not None:
        assert marked(view.speaker_name)
    for choice in view.choices:
        if choice.id != CONTINUE_ID:
            assert marked(choice.text), choice.text
        if choice.locked_reason is not None:
            # The writer's reason is the story's; the engine's own names the translated label.
            assert OPEN in choice.locked_reason, choice.locked_reason
    for meter in view.meters:
        assert marked(meter.label)
    for prompt in view.discuss:
        assert marked(prompt)
    for card in view.cards:
        assert marked(card.title) and marked(card.fact) and marked(card.why)
        english_sources = {c.source for s in story.scenes.values() for c in s.cards}
        assert card.source in english_sources  # a citation stays as it was published
    if view.ending is not None:
        assert marked(view.ending.title)
        assert all(marked(p) for p in view.ending.epilogue)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_string_of_a_played_route_is_translated(marked_story: Path, seed: int) -> None:
    story, diagnostics = load_story(marked_story, lang="fr")
    assert story is not None, diagnostics
    runner = Runner(story, seed)
    pick = random.Random(seed)
    steps = 0
    while True:
        view = runner.view()
        assert_view_translated(view, story)
        if view.kind in ("ending", "stuck"):
            break
        result = runner.choose(pick.choice([c.id for c in view.choices if c.enabled]))
        assert all(marked(note) for note in result.notes), result.notes
        assert all(marked(change.label) for change in result.changes)
        steps += 1
    assert view.kind == "ending" and steps > 20
    assert runner.ledger
    for entry in runner.ledger:
        assert marked(entry.label), entry.label
    assert all(marked(label) for label in story.ledger_categories.values())


def test_the_frame_is_translated(marked_story: Path) -> None:
    story, _ = load_story(marked_story, lang="fr")
    assert story is not None
    assert marked(story.title)
    assert all(marked(p) for p in story.about)
    assert all(marked(n) for n in story.content_notes)
    assert all(marked(term) and marked(text) for term, text in story.glossary.values())
    assert all(marked(c.name) for c in story.characters.values())
    assert all(marked(s.summary) for s in story.starts.values())
    assert all(marked(c.title) for c in story.chapters)


def test_the_compiled_story_carries_the_translation(marked_story: Path, tmp_path: Path) -> None:
    story, _ = load_story(marked_story, lang="fr")
    assert story is not None
    again = story_from_compiled(compile_story(story), marked_story)
    assert marked(Runner(again, 1).view().paragraphs[0])
    cached, _ = load_story_cached(marked_story, (), tmp_path, lang="fr")
    assert cached is not None and marked(Runner(cached, 1).view().paragraphs[0])
    english, _ = load_story_cached(marked_story, (), tmp_path)
    assert english is not None and not marked(Runner(english, 1).view().paragraphs[0])


def test_english_is_untouched_and_the_pseudo_language_marks_everything() -> None:
    english, _ = load_story(paths.STORY_DIR)
    assert english is not None
    assert translate_story(english, "en").translated == 0
    story, _ = load_story(paths.STORY_DIR, lang="qps")
    assert story is not None
    view = Runner(story, 1).view()
    assert all(p.startswith("\u00ab") for p in view.paragraphs)


def test_missing_stale_and_broken_fall_back_to_english(tmp_path: Path) -> None:
    folder = small_story(tmp_path / "story")
    english, _ = load_story(folder)
    assert english is not None
    strings = {s.context: s for s in story_strings(english)}
    broken = {
        "alone:epilogue": "Les raviolis de la cantine. {money}",  # a placeholder added
        "home:epilogue": "Trente heures debout.",  # {money} missing
        "window/2:note": "Qin s'en souviendra. {money",  # does not parse
    }
    translations = {
        **broken,
        "window:text": '"Places assises, Chongqing, le 29. Suivant !"',
        "window/1:text": "Deux billets",
        "variable:money:label": "Argent",
    }
    write_catalog(
        folder / "locales" / "fr.po",
        strings.values(),
        lambda s: translations.get(s.context),
        fuzzy=["window/1:text"],
    )
    story, _ = load_story(folder)
    assert story is not None
    result = translate_story(story, "fr")
    assert sorted(s.context for s, _problem in result.broken) == sorted(broken)
    problems = dict((s.context, p) for s, p in result.broken)
    assert "added {money}" in problems["alone:epilogue"]
    assert "missing {money}" in problems["home:epilogue"]
    assert "E035" in problems["window/2:note"]
    view = Runner(story, 1).view()
    assert view.paragraphs == ('"Places assises, Chongqing, le 29. Suivant !"',)
    assert view.choices[0].text == "Two tickets, please"  # fuzzy: stale, so English
    assert view.choices[1].text.startswith("One ticket")  # missing: English, never blank
    assert view.meters[0].label == "Argent"
    runner = Runner(story, 1)
    notes = runner.choose("2").notes
    assert notes == ("Qin will remember this. You have 290 yuan left.",)  # broken: English


def test_a_translated_placeholder_is_filled_in_the_language(tmp_path: Path) -> None:
    folder = small_story(tmp_path / "story")
    english, _ = load_story(folder)
    assert english is not None
    write_catalog(
        folder / "locales" / "zh_CN.po",
        story_strings(english),
        lambda s: "秦会记住的。你还剩 {money}。" if s.context == "window/2:note" else None,
        locale="zh_CN",
    )
    i18n.set_language("zh_CN", extra_dirs=[tmp_path / "none"])
    i18n_po = tmp_path / "ui"
    i18n_po.mkdir()
    (i18n_po / "zh_CN.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "{amount} yuan"\nmsgstr "{amount} 元"\n',
        encoding="utf-8",
    )
    i18n.set_language("zh_CN", extra_dirs=[i18n_po])
    story, _ = load_story(folder, lang="zh_CN")
    assert story is not None
    notes = Runner(story, 1).choose("2").notes
    assert notes == ("秦会记住的。你还剩 290 元。",)


def test_a_translation_that_is_too_long_or_changes_markup_is_broken(tmp_path: Path) -> None:
    folder = small_story(tmp_path / "story")
    english, _ = load_story(folder)
    assert english is not None
    write_catalog(
        folder / "locales" / "fr.po",
        story_strings(english),
        lambda s: {"window/1:text": "<b>Deux</b> billets", "story:title": "x" * 30_000}.get(
            s.context
        ),
    )
    story, _ = load_story(folder)
    assert story is not None
    result = translate_story(story, "fr")
    problems = {s.context: p for s, p in result.broken}
    assert "markup changed" in problems["window/1:text"]
    assert "characters" in problems["story:title"]
    assert story.title == "Two Tickets"


def test_contexts_do_not_depend_on_the_file_a_scene_is_in(tmp_path: Path) -> None:
    one = small_story(tmp_path / "one")
    two = small_story(tmp_path / "two")
    tickets = (two / "tickets.yaml").read_text(encoding="utf-8")
    head, alone = tickets.split("  alone:\n")
    (two / "tickets.yaml").write_text(head, encoding="utf-8")
    (two / "more.yaml").write_text(
        "chapter: 1\ntitle: The window\nscenes:\n  alone:\n" + alone, encoding="utf-8"
    )
    story_yaml = (two / "story.yaml").read_text(encoding="utf-8")
    (two / "story.yaml").write_text(
        story_yaml.replace("[tickets.yaml]", "[tickets.yaml, more.yaml]"), encoding="utf-8"
    )
    first, _ = load_story(one)
    second, problems = load_story(two)
    assert first is not None and second is not None, problems
    keys = sorted((s.context, s.english) for s in story_strings(first))
    assert keys == sorted((s.context, s.english) for s in story_strings(second))
    moved = [s for s in story_strings(second) if s.context.startswith("alone:")]
    assert moved and all(s.file.endswith("more.yaml") for s in moved)


def test_a_mods_catalogue_is_laid_over_the_storys(tmp_path: Path) -> None:
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
    english, problems = load_story(folder, [mod])
    assert english is not None, problems
    strings = story_strings(english)
    write_catalog(
        folder / "locales" / "fr.po",
        strings,
        lambda s: {"window:text": "Guichet", "alone:ending:title": "Ancien titre"}.get(s.context),
    )
    write_catalog(
        mod / "locales" / "fr.po",
        strings,
        lambda s: {"alone:ending:title": "Équipe de nuit"}.get(s.context),
    )
    story, _ = load_story(folder, [mod], lang="fr")
    assert story is not None
    assert story.scenes["window"].text[0].template == ("Guichet",)
    assert story.scenes["alone"].ending is not None
    assert story.scenes["alone"].ending.title == "Équipe de nuit"


def test_a_broken_catalogue_file_never_stops_the_story(tmp_path: Path) -> None:
    folder = small_story(tmp_path / "story")
    (folder / "locales").mkdir()
    (folder / "locales" / "fr.po").write_text(
        'msgctxt "story:title"\nmsgid "Two Tickets"\nmsgstr "Deux billets"\n\n'
        'msgid "a"\nmsgstr "b"\nthis line is not PO\n',
        encoding="utf-8",
    )
    story, _ = load_story(folder)
    assert story is not None
    result = translate_story(story, "fr")
    assert any("fr.po:7: unknown or misformatted line" in p for p in result.problems)
    assert story.title == "Deux billets"  # what can be read is still used
