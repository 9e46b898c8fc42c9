"""Moods: a scene's ``mood`` is checked (E047, W113), carried into the SceneView, and
resolved to a portrait file: the look for the chapter, then its face for the mood."""

from __future__ import annotations

from pathlib import Path

from game.engine.assets import MOODS, find_asset, portrait_look, portrait_variant
from game.engine.loader import load_story
from game.engine.runner import Runner
from tests.conftest import STORY_DIR

STORY = """\
format: 1
id: moods
title: Moods
version: 1.0.0
start: {start}
chapters: [one.yaml]
characters:
  ann: {{name: Ann, portrait: ann}}
  qin: {{name: Qin, portrait: qin}}
"""

CHAPTER = """\
chapter: 2
title: One
scenes:
  first:
    speaker: {speaker}
    mood: {mood}
    text: Hello.
    next: last
  last:
    text: Bye.
    ending: {{title: The end}}
"""

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 640">'
    '<rect width="480" height="640"/></svg>'
)


def write(root: Path, speaker: str, mood: str) -> Path:
    (root / "story.yaml").write_text(STORY.format(start="first"), encoding="utf-8")
    (root / "one.yaml").write_text(CHAPTER.format(speaker=speaker, mood=mood), encoding="utf-8")
    portraits = root / "assets" / "portraits"
    portraits.mkdir(parents=True, exist_ok=True)
    (portraits / "ann.svg").write_text(SVG, encoding="utf-8")
    (portraits / "ann_sad.svg").write_text(SVG, encoding="utf-8")
    return root


def test_an_unknown_mood_is_an_error_with_its_place_and_a_suggestion(tmp_path: Path) -> None:
    _, diagnostics = load_story(write(tmp_path, "ann", "angy"))
    errors = [d for d in diagnostics if d.code == "E047"]
    assert len(errors) == 1, [str(d) for d in diagnostics]
    error = errors[0]
    assert error.severity == "error"
    assert error.file.endswith("one.yaml") and (error.line, error.column) == (6, 11)
    assert "unknown mood 'angy'" in error.message and "did you mean 'angry'?" in error.message
    assert "neutral, happy, sad, angry" in error.message


def test_a_mood_the_portrait_lacks_warns_and_falls_back_to_neutral(tmp_path: Path) -> None:
    story, diagnostics = load_story(write(tmp_path, "ann", "angry"))
    assert story is not None
    warnings = [d for d in diagnostics if d.code == "W113"]
    assert len(warnings) == 1, [str(d) for d in diagnostics]
    assert (warnings[0].line, warnings[0].column) == (6, 11)
    assert "'ann' has no 'angry' face" in warnings[0].message
    assert portrait_variant(tmp_path, "ann", "angry", 2) == ("ann", False)


def test_a_mood_the_portrait_has_is_clean_and_shown(tmp_path: Path) -> None:
    story, diagnostics = load_story(write(tmp_path, "ann", "sad"))
    assert story is not None and [str(d) for d in diagnostics] == []
    view = Runner(story, 1).view()
    assert view.mood == "sad" and view.portrait == "ann"
    assert portrait_variant(tmp_path, view.portrait, view.mood, view.chapter) == (
        "ann_sad",
        True,
    )


def test_a_mood_without_a_portrait_warns(tmp_path: Path) -> None:
    root = write(tmp_path, "ann", "sad")
    (root / "one.yaml").write_text(
        CHAPTER.format(speaker="ann", mood="sad").replace("    speaker: ann\n", ""),
        encoding="utf-8",
    )
    _, diagnostics = load_story(root)
    assert [d.code for d in diagnostics] == ["W113"]
    assert "shows no portrait" in diagnostics[0].message


def test_a_scene_with_mood_angry_shows_the_angry_face(tmp_path: Path) -> None:
    story, diagnostics = load_story(write(tmp_path, "qin", "angry"))
    assert story is not None and [str(d) for d in diagnostics] == []
    view = Runner(story, 1).view()
    assert (view.speaker, view.portrait, view.mood, view.chapter) == ("qin", "qin", "angry", 2)
    assert view.portrait is not None
    name, found = portrait_variant(tmp_path, view.portrait, view.mood, view.chapter)
    assert (name, found) == ("qin_ch2_angry", True)
    path = find_asset(tmp_path, "portrait", name)
    assert path is not None and path.name == "qin_ch2_angry.svg"


def test_a_look_lasts_until_a_later_chapter_has_its_own() -> None:
    assert portrait_look(STORY_DIR, "qin", 1) == "qin"
    assert portrait_look(STORY_DIR, "qin", 2) == "qin_ch2"
    assert portrait_look(STORY_DIR, "qin", 3) == "qin_ch3"
    assert portrait_look(STORY_DIR, "qin", 4) == "qin_ch3"  # the epilogue
    assert portrait_look(STORY_DIR, "nainai", 3) == "nainai_ch2"
    assert portrait_look(STORY_DIR, "lei", 3) == "lei"
    assert portrait_variant(STORY_DIR, "qin", "neutral", 3) == ("qin_ch3", True)
    assert portrait_variant(STORY_DIR, "qin", None, 1) == ("qin", True)
    # A variant named directly keeps its own face.
    assert portrait_variant(STORY_DIR, "qin_ch3_sad", None, 1) == ("qin_ch3_sad", True)


def test_the_family_has_every_mood_in_every_chapter() -> None:
    for name in ("qin", "lei", "nainai", "guoping", "xiulan"):
        for chapter in (1, 2, 3, 4):
            for mood in MOODS:
                shown, found = portrait_variant(STORY_DIR, name, mood, chapter)
                assert found, (name, mood, chapter)
                assert find_asset(STORY_DIR, "portrait", shown) is not None


def test_the_shipped_story_uses_known_moods_only() -> None:
    story, diagnostics = load_story(STORY_DIR)
    assert story is not None
    assert not [str(d) for d in diagnostics if d.code in ("E047", "W113")]
    assert all(scene.mood in (None, *MOODS) for scene in story.scenes.values())
