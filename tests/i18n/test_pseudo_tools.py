"""The teachers' tools in the pseudo-language: the guide, the lesson pack and the class
report, as HTML and Markdown, hold no English outside a marked string but the story's own
text and the names in tests/i18n/unmarked.py; and story or record text with markup in it
stays text in every page.

The shipped story is used for the guide and the lesson pack (its starts, map, ledger and
prompts fill every branch of the templates); the report is made from records of the
small test story with a whole-class vote, an unfinished game, a file it cannot count and
a scene the story no longer has, so every section of it shows.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from game import i18n
from game.engine import Runner, Story, load_story
from game.records import build_record, write_record
from game.tools.guide import build_guide
from game.tools.guide_page import run_guide, to_html, to_markdown
from game.tools.lesson import build_pack, render_pack
from game.tools.reading import measure_reading
from game.tools.report_page import run_report
from tests.conftest import ROOT, STORY_DIR, TEST_STORIES
from tests.i18n.unmarked import Corpus, markdown_text, page_text, story_corpus, unmarked

VILLAGE = TEST_STORIES / "village_day"
#: The story's text, and the map's places (names and the coordinates' source: data,
#: like the story).
CORPUS: Corpus = story_corpus(STORY_DIR, TEST_STORIES, ROOT / "assets" / "places.yaml")
#: Commands a teacher types, shown as they are typed in every language.
COMMANDS = re.compile(r"python main\.py [\w .\-]*")


@pytest.fixture(autouse=True)
def pseudo() -> Iterator[None]:
    i18n.set_language("qps")
    yield
    i18n.set_language("en")


def loaded(folder: Path) -> Story:
    story, diagnostics = load_story(folder)
    assert story is not None, [str(d) for d in diagnostics]
    return story


def left_unmarked(text: str) -> list[str]:
    return unmarked(COMMANDS.sub(" ", text), CORPUS)


@pytest.fixture(scope="module")
def shipped() -> Story:
    return loaded(STORY_DIR)


def test_the_guide_is_marked_in_html_and_markdown(shipped: Story) -> None:
    i18n.set_language("qps")
    guide = build_guide(shipped, measure_reading(shipped, 20))
    page = to_html(guide)
    assert '<html lang="qps">' in page
    assert i18n.pseudo("Planning a lesson") in page
    assert left_unmarked(page_text(page)) == []
    assert left_unmarked(markdown_text(to_markdown(guide))) == []


def test_the_lesson_pack_is_marked_on_every_page(shipped: Story) -> None:
    i18n.set_language("qps")
    files = render_pack(build_pack(shipped, runs=20, guide_runs=10))
    assert {"index.html", "plan.html", "map.svg", "ledger.html", "answers.html"} <= set(files)
    for name, text in files.items():
        found = left_unmarked(page_text(text))
        assert found == [], name
    assert i18n.pseudo("Three prompts to stop at") in files["plan.html"]
    assert i18n.pseudo("Storm, 2008 (approximate)") in files["map.svg"]


def record(story: Story, seed: int, **extra: Any) -> dict[str, Any]:
    runner = Runner(story, seed)
    start = dict(runner.vars)
    while not runner.is_ending:
        runner.choose(runner.available_choice_ids()[seed % len(runner.available_choice_ids())])
    return build_record(story, runner, start, classroom=True, **extra)


def class_folder(story: Story, folder: Path) -> Path:
    """Records of a class: finished games, a vote, an unfinished one, one not counted,
    a decision at a scene the story no longer has, a file name with markup in it."""
    folder.mkdir()
    for seed in range(6):
        write_record(record(story, seed), folder)
    voted = record(story, 7)
    for decision in voted["decisions"]:
        decision["votes"] = {decision["choice"]: 14}
    write_record(voted, folder)
    unfinished = record(story, 8)
    unfinished.update(finished=False, ending=None)
    unfinished["decisions"] = unfinished["decisions"][:1]
    write_record(unfinished, folder)
    gone = record(story, 9)
    gone["decisions"][0].update(scene="an_old_scene", text="<b>An old choice</b>")
    write_record(gone, folder)
    (folder / "<img src=x onerror=alert(1)>.json").write_text("[1, 2]", encoding="utf-8")
    (folder / "notes.txt").write_text("not a record", encoding="utf-8")
    return folder


@pytest.mark.parametrize("summary", [False, True], ids=["report", "summary"])
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_class_report_is_marked(fmt: str, summary: bool, tmp_path: Path) -> None:
    story = loaded(VILLAGE)
    folder = class_folder(story, tmp_path / "class")
    out = io.StringIO()
    status = run_report([str(folder)], fmt, out=out, story_dir=str(VILLAGE), summary=summary)
    assert status == 0
    text = out.getvalue()
    assert "<img" not in text and "<b>An old" not in text
    if fmt == "html":
        assert "&lt;img src=x onerror=alert(1)&gt;.json" in text
        text = page_text(text)
    else:
        assert "&lt;img src=x onerror=alert(1)&gt;.json" in text
        text = markdown_text(text)
    text = text.replace("<img src=x onerror=alert(1)>.json", " ")
    # File names and the record reasons' quoted values are data, not words.
    text = re.sub(r"\S*\.(json|txt)\b", " ", text)
    assert left_unmarked(text) == []


def test_a_report_in_english_keeps_its_words(tmp_path: Path) -> None:
    """The same records in English: the report reads as it always has."""
    i18n.set_language("en")
    story = loaded(VILLAGE)
    folder = class_folder(story, tmp_path / "class")
    out = io.StringIO()
    assert run_report([str(folder)], "html", out=out, story_dir=str(VILLAGE)) == 0
    page = out.getvalue()
    assert '<html lang="en">' in page
    for words in (
        "Where the class split",
        "Where the unfinished games stopped",
        "Files not counted",
    ):
        assert f"{words}</h" in page
    assert "«" not in page


def test_the_guide_command_writes_the_language_it_is_given(tmp_path: Path) -> None:
    target = tmp_path / "guide.md"
    assert run_guide(str(VILLAGE), "md", str(target), runs=5) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# " + i18n.pseudo("{story}: discussion guide").split("{")[0])
    assert json.dumps(text)  # written as UTF-8 text
