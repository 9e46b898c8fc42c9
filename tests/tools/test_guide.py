"""The teachers' discussion guide, and the reading-time measure it is built on."""

from __future__ import annotations

import random
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.engine.loader import load_story
from game.engine.model import Story
from game.engine.runner import Runner
from game.tools.guide import build_guide, opening
from game.tools.guide_page import how_often, to_html, to_markdown
from game.tools.reading import measure_reading, read_playthrough
from tests.conftest import STORY_DIR, TEST_STORIES, WriteStory, run_main

VILLAGE = TEST_STORIES / "village_day"


def load(folder: Path) -> Story:
    story, diagnostics = load_story(folder)
    assert story is not None, [str(d) for d in diagnostics]
    return story


class TagCollector(HTMLParser):
    """Every start tag of a page, and whether its tags close in order."""

    VOID = frozenset({"meta", "br", "img", "hr", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.open: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.balanced = False


def test_one_playthrough_counts_scene_text_every_choice_shown_and_the_notes() -> None:
    story = load(VILLAGE)
    counted = read_playthrough(story, seed=3)
    runner = Runner(story, 3)
    pick_words = 0
    pick = random.Random(3)
    while True:
        view = runner.view()
        pick_words += sum(len(p.split()) for p in view.paragraphs)
        if view.ending is not None:
            pick_words += sum(len(p.split()) for p in view.ending.epilogue)
            break
        if len(view.choices) > 1:
            pick_words += sum(len(c.text.split()) for c in view.choices)
        result = runner.choose(pick.choice(runner.available_choice_ids()))
        pick_words += sum(len(n.split()) for n in result.notes)
    assert counted.words == pick_words > 0
    assert "morning" in counted.scenes


def test_the_reading_report_gives_shares_and_medians_per_chapter() -> None:
    story = load(VILLAGE)
    report = measure_reading(story, runs=40)
    assert report.runs == 40 == len(report.totals)
    assert report.scene_share["morning"] == 1.0
    assert 0 < report.scene_share["qin_room"] < 1
    assert set(report.chapter_medians) == {1, 2}
    assert report.shortest <= report.median_words <= report.longest
    assert report.minutes(2380) == 10


def test_a_moment_quotes_the_scene_opening_and_says_how_often_it_is_read() -> None:
    story = load(VILLAGE)
    guide = build_guide(story, measure_reading(story, runs=40))
    morning = guide.chapters[0].moments[0]
    assert morning.scene_id == "morning"
    assert morning.speaker == "Nainai"
    assert morning.opening.startswith('"You are up before the rooster," Nainai says.')
    assert morning.prompts == ("What would you buy first?",)
    assert [c.choice for c in morning.choice_prompts] == ["Buy pork and tangerines"]
    assert morning.cards[0].title == "Village incomes"
    assert how_often(morning.share) == "every playthrough"
    assert guide.prompt_count == 2 and guide.card_count == 1


def test_long_openings_are_cut_with_an_ellipsis_and_placeholders_shown_as_one() -> None:
    story = load(VILLAGE)
    text = opening(story.scenes["morning"].text, limit=12)
    assert text.endswith(" …") and len(text.split()) == 13
    assert "{" not in opening(story.scenes["morning"].text, limit=200)


@pytest.mark.parametrize(
    ("share", "words"),
    [
        (1.0, "every playthrough"),
        (0.7, "most playthroughs"),
        (0.34, "about 1 playthrough in 3"),
        (0.14, "about 1 playthrough in 7"),
        (0.02, "about 1 playthrough in 50"),
        (0.019, "rare: under 2%"),
        (0.008, "rare: under 2%"),
        (0.0, "not reached by random play"),
    ],
)
def test_how_often_speaks_plainly(share: float, words: str) -> None:
    assert how_often(share) == words


def test_story_text_never_becomes_markup(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    shutil.copytree(VILLAGE, folder, ignore=shutil.ignore_patterns("trans*"))
    day = folder / "day.yaml"
    day.write_text(
        day.read_text(encoding="utf-8").replace(
            "discuss: What would you buy first?",
            'discuss: "What <script>alert(1)</script> & </li></ul> would you buy?"',
        ),
        encoding="utf-8",
    )
    story = load(folder)
    page = to_html(build_guide(story, measure_reading(story, runs=5)))
    assert "<script>" not in page
    assert "What &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;/li&gt;&lt;/ul&gt;" in page
    collector = TagCollector()
    collector.feed(page)
    assert collector.balanced and not collector.open
    assert "script" not in collector.tags


def test_the_shipped_guide_holds_every_prompt_card_and_term_of_the_story() -> None:
    story = load(STORY_DIR)
    guide = build_guide(story, measure_reading(story, runs=30))
    scene_prompts = sum(len(s.discuss) for s in story.scenes.values())
    choice_prompts = sum(1 for s in story.scenes.values() for c in s.choices if c.discuss)
    cards = sum(len(s.cards) for s in story.scenes.values())
    assert guide.prompt_count == scene_prompts + choice_prompts >= 25
    assert guide.card_count == cards >= 10
    assert len(guide.glossary) == len(story.glossary) >= 12
    assert [c.title for c in guide.chapters] == [c.title for c in story.chapters]
    assert len(guide.endings) == len(story.endings)
    page = to_html(guide)
    collector = TagCollector()
    collector.feed(page)
    assert collector.balanced and not collector.open
    assert page.count('class="card"') == cards
    markdown = to_markdown(guide)
    for term, _ in guide.glossary:
        assert f"**{term}**" in markdown


def test_the_guide_command_writes_a_page_and_says_what_it_holds(tmp_path: Path) -> None:
    target = tmp_path / "guide.html"
    done = run_main("guide", str(VILLAGE), "--runs", "20", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert "2 discussion prompts, 1 context card, " in done.stderr
    page = target.read_text(encoding="utf-8")
    assert "<h1>A Day in the Village: discussion guide</h1>" in page
    assert re.search(r"A playthrough reads about [\d,]+ words", page)
    markdown = run_main("guide", str(VILLAGE), "--runs", "20", "--format", "md")
    assert markdown.returncode == 0
    assert markdown.stdout.startswith("# A Day in the Village: discussion guide")


def test_the_guide_command_reports_a_broken_story_and_an_unwritable_file(
    tmp_path: Path, write_story: WriteStory
) -> None:
    broken = write_story({"story.yaml": "format: 1\nid: x\n"})
    done = run_main("guide", str(broken))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "has errors" in done.stderr
    done = run_main("guide", str(VILLAGE), "--runs", "5", "-o", str(tmp_path / "no" / "g.html"))
    assert done.returncode == 1
    assert "guide: cannot write" in done.stderr and "Traceback" not in done.stderr
