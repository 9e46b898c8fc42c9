"""The lesson pack (``main.py lesson``): every page written, offline, escaped, and
figures, map and reading times that agree with the story files."""

from __future__ import annotations

import itertools
import math
import re
import shutil
import statistics
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from game.engine.loader import load_story
from game.engine.model import Story
from game.tools.lesson import (
    PAGES,
    PROMPT_TYPES,
    beginning_start,
    build_pack,
    measure_starts_of,
    plan_paths,
    prompt_type,
    render_pack,
    run_lesson,
)
from game.tools.lesson_map import PlacesError, draw_map, find_places, read_places
from game.tools.reading import LESSON_WORDS_PER_MINUTE, WORDS_PER_MINUTE
from tests.conftest import STORY_DIR, TEST_STORIES, run_main

VILLAGE = TEST_STORIES / "village_day"
RUNS = 20
EXPECTED = {"index.html", "map.svg", *(name for name, _, _ in PAGES)}


def load(folder: Path) -> Story:
    story, diagnostics = load_story(folder)
    assert story is not None, [str(d) for d in diagnostics]
    return story


@pytest.fixture(scope="module")
def story() -> Story:
    return load(STORY_DIR)


@pytest.fixture(scope="module")
def pack_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pack") / "lesson"
    assert run_lesson(str(STORY_DIR), str(folder), runs=RUNS, guide_runs=RUNS) == 0
    return folder


def read(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


class Refs(HTMLParser):
    """Every tag with the URL it points to (href, src, xlink:href)."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "xlink:href", "srcset", "data") and value is not None:
                self.refs.append((tag, value))
            if name == "id" and value:
                self.ids.add(value)


def test_the_pack_has_every_page(pack_dir: Path) -> None:
    assert {p.name for p in pack_dir.iterdir()} == EXPECTED
    for name in EXPECTED:
        assert len(read(pack_dir, name)) > 1000, name


def test_links_between_pages_resolve_and_nothing_comes_from_the_internet(
    pack_dir: Path,
) -> None:
    for page in pack_dir.glob("*.html"):
        refs = Refs()
        refs.feed(read(pack_dir, page.name))
        assert refs.refs or page.name == "guide.html", page.name
        for tag, url in refs.refs:
            assert not re.match(r"^(https?:)?//", url), f"{page.name}: <{tag}> loads {url}"
            target, _, anchor = url.partition("#")
            if target:
                assert (pack_dir / target).is_file(), f"{page.name}: {url} is not in the pack"
            if anchor:
                assert anchor in refs.ids, f"{page.name}: no #{anchor}"
        text = read(pack_dir, page.name)
        assert "@import" not in text and "url(" not in text, page.name
        assert "<link" not in text and "<script" not in text and "<img" not in text, page.name
    index = read(pack_dir, "index.html")
    for name, _, _ in PAGES:
        assert f'href="{name}"' in index


def test_story_text_is_escaped_everywhere(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    shutil.copytree(VILLAGE, folder, ignore=shutil.ignore_patterns("trans*"))
    story_file = folder / "story.yaml"
    story_file.write_text(
        story_file.read_text(encoding="utf-8").replace(
            "content_notes: [A test note]",
            'content_notes: ["A <script>alert(1)</script> note & more"]',
        ),
        encoding="utf-8",
    )
    day = folder / "day.yaml"
    day.write_text(
        day.read_text(encoding="utf-8").replace(
            "discuss: What would you buy first?",
            'discuss: "What <script>alert(2)</script> would you buy?"',
        ),
        encoding="utf-8",
    )
    odd = load(folder)
    files = render_pack(build_pack(odd, runs=5, guide_runs=5))
    assert set(files) == EXPECTED
    for name, text in files.items():
        assert "<script" not in text, name
    assert "A &lt;script&gt;alert(1)&lt;/script&gt; note &amp; more" in files["care.html"]
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in files["plan.html"]
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in files["guide.html"]


def chapter_one_cash(story_dir: Path) -> list[tuple[str, str, int, str, str]]:
    """(scene, where, signed amount, label, category) of each fixed cash effect in
    chapter1.yaml, read from the YAML itself (not through the game's code)."""
    data = yaml.safe_load((story_dir / "chapter1.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(r'^money (\+|-)= (\d+) "([^"]+)" \[(\w+)\]$')
    found = []

    def walk(scene: str, where: str, effects: list[str]) -> None:
        for effect in effects or []:
            match = pattern.match(effect.strip())
            if match:
                sign = 1 if match.group(1) == "+" else -1
                amount = sign * int(match.group(2))
                found.append((scene, where, amount, match.group(3), match.group(4)))

    for scene_id, scene in data["scenes"].items():
        walk(scene_id, "scene", scene.get("effects"))
        for choice in scene.get("choices") or []:
            walk(scene_id, "choice", choice.get("effects"))
            for outcome in choice.get("outcomes") or []:
                walk(scene_id, "choice", outcome.get("effects"))
    return found


def test_the_answer_key_matches_the_story_figures(pack_dir: Path) -> None:
    cash = chapter_one_cash(STORY_DIR)
    wage_scene, _, wage, _, _ = next(
        c for c in cash if c[4] == "wages" and c[1] == "scene" and c[2] > 0
    )
    food = -next(c[2] for c in cash if c[0] == wage_scene and c[4] == "food")
    fares = [-c[2] for c in cash if c[4] == "tickets" and c[2] < 0]
    window = min(statistics.multimode(fares))
    dearest = max(fares)
    remit = max(-c[2] for c in cash if c[4] == "remittance" and c[1] == "choice")
    answers = read(pack_dir, "answers.html")
    keyed = re.findall(r'<td class="answer">([^<]+)</td>', answers)
    assert f"{wage - food:,} yuan" in keyed
    assert f"{round(100 * food / wage)}%" in keyed
    assert f"{dearest / window:.1f} times" in keyed
    assert f"{(dearest - window) / (wage / 26):.1f} days" in keyed
    assert f"{round(100 * remit / wage)}%" in keyed
    ledger = read(pack_dir, "ledger.html")
    for amount in (wage, food, window, dearest, remit):
        assert f"{amount:,}" in ledger
    assert len(keyed) == len(re.findall(r"<strong>\d+\.</strong>", ledger)) >= 5


def test_the_map_places_cities_where_they_are(pack_dir: Path) -> None:
    svg = read(pack_dir, "map.svg")
    assert svg.startswith("<?xml") and "<svg" in read(pack_dir, "map.html")
    points = {
        m[0]: (float(m[1]), float(m[2]))
        for m in re.findall(r'cx="([\d.]+)" cy="([\d.]+)" r="3.5"[^>]*data-place="(\w+)"', svg)
        for m in [(m[2], m[0], m[1])]
    }
    assert {"guangzhou", "chongqing", "dazhou", "chengdu", "changsha", "wuhan"} <= set(points)
    gz, cq, dz, cd = (points[k] for k in ("guangzhou", "chongqing", "dazhou", "chengdu"))
    assert gz[0] > cq[0] and gz[1] > cq[1], "Guangzhou is south-east of Chongqing"
    assert dz[0] > cq[0] and dz[1] < cq[1], "Dazhou is north-east of Chongqing"
    assert cd[0] < cq[0], "Chengdu is west of Chongqing"
    # Equirectangular: x per degree of longitude is cos(middle latitude) of y per degree.
    places = read_places(find_places(STORY_DIR))
    a, b = places.places["guangzhou"], places.places["chongqing"]
    drawing = draw_map(places)
    box = [p for p in places.places.values() if p.on_map]
    lats = [p.lat for p in box] + [lat for lat, _ in places.storm_outline]
    middle = (min(lats) - 0.8 + max(lats) + 0.8) / 2
    x_per_degree = (gz[0] - cq[0]) / (a.lon - b.lon)
    y_per_degree = (gz[1] - cq[1]) / (b.lat - a.lat)
    assert x_per_degree / y_per_degree == pytest.approx(math.cos(math.radians(middle)), 0.01)
    # The scale bar: its km over its length matches a degree of latitude (111.32 km).
    units_per_km = drawing.scale_length / drawing.scale_km
    assert y_per_degree / units_per_km == pytest.approx(111.32, 0.01)
    assert f">{drawing.scale_km} km<" in svg
    assert "approximate" in svg and "Beijing" in svg


def test_bad_places_are_reported_with_their_place(tmp_path: Path) -> None:
    shipped = (find_places(STORY_DIR)).read_text(encoding="utf-8")
    bad = tmp_path / "places.yaml"
    bad.write_text(shipped.replace("lat: 23.13", "lat: 123.13"), encoding="utf-8")
    with pytest.raises(PlacesError, match=r"places\.yaml:\d+:\d+: 'lat' of 'guangzhou'"):
        read_places(bad)
    bad.write_text(shipped.replace("changsha, wuhan, beijing]", "changsha, atlantis]"))
    with pytest.raises(PlacesError, match=r"'atlantis' is not one of the places"):
        read_places(bad)


def test_the_plan_names_its_start_and_reading_time(pack_dir: Path, story: Story) -> None:
    """The shipped story declares starts: the one-period plan takes the one that fits."""
    plan = read(pack_dir, "plan.html")
    best, plans = plan_paths(story, RUNS)
    assert {p.start.id for p in plans} == set(story.starts)
    assert best.minutes_lesson <= 22
    assert best.command in plan and best.start.summary in plan
    assert "declares no chapter starts" not in plan
    assert (
        f"about <strong>{best.minutes_lesson} minutes at"
        f" {LESSON_WORDS_PER_MINUTE} words a minute</strong>"
    ) in plan
    assert f"{best.reading.minutes(WORDS_PER_MINUTE)} at {WORDS_PER_MINUTE}" in plan
    stops = re.findall(
        r'<div class="stop">\s*<p class="kind">[^<]*</p>\s*<p><strong>(.+?)</strong>', plan
    )
    prompts = {p.text for s in story.scenes.values() for p in s.discuss}
    assert len(stops) == 3 and all(s.replace("&#39;", "'") in prompts for s in stops)
    for word in ("Objectives", "push and pull", "hukou", "Plenary", "Exit ticket", "2 x 45"):
        assert word in plan, word


def test_a_story_without_starts_is_planned_from_its_beginning(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(STORY_DIR, folder)
    story_file = folder / "story.yaml"
    text = story_file.read_text(encoding="utf-8")
    start, end = text.index("\nstarts:\n"), text.index("\nchapters:\n")
    story_file.write_text(text[:start] + text[end:], encoding="utf-8")
    story = load(folder)
    assert story.starts == {}
    plan = render_pack(build_pack(story, runs=10, guide_runs=5))["plan.html"]
    reading = measure_starts_of(story, [beginning_start(story)], 10)[0]
    assert "declares no chapter starts" in plan
    assert "python main.py play --classroom" in plan
    assert f"{reading.minutes(LESSON_WORDS_PER_MINUTE)} minutes at" in plan


def test_prompt_types_have_points_and_catch_their_words() -> None:
    assert prompt_type("What pushed them out of the village?").key == "push_pull"
    assert prompt_type("Whose decision was that?").key == "responsibility"
    assert prompt_type("How much would you send home?").key == "money"
    assert prompt_type("What is a promise worth?").key == "family"
    assert prompt_type("Why?").key == "open"
    assert prompt_type("Who cut the power lines?").key == "open", "'owe' is not in 'power'"
    assert all(len(kind.points) >= 3 for kind in PROMPT_TYPES)


def test_the_guide_has_no_forced_page_break_and_honest_frequencies(pack_dir: Path) -> None:
    guide = read(pack_dir, "guide.html")
    assert "break-before: page" not in guide and "page-break-before" not in guide
    assert "a rare path" not in guide
    rows = re.findall(r"<tr><td>[^<]+</td><td>([^<]+)</td><td class=\"num\">([^<]+)</td>", guide)
    assert rows
    for words, share in rows:
        if share == "none":
            assert words == "not reached by random play"
            continue
        percent = float(share.rstrip("%"))
        assert (words == "rare: under 2%") == (percent < 2), (words, share)
    assert f"median of {RUNS} random playthroughs" in guide


def test_the_guide_and_readme_sample_the_same_number_of_runs() -> None:
    from game.tools.guide import GUIDE_RUNS

    readme = (STORY_DIR.parent / "README.md").read_text(encoding="utf-8")
    assert f"medians of {GUIDE_RUNS} seeded random" in readme.replace("\n", " ")
    main = (STORY_DIR.parent / "game" / "cli.py").read_text(encoding="utf-8")
    assert f'"--runs", type=int, default={GUIDE_RUNS}' in main


def test_the_lesson_command_writes_the_pack_and_refuses_a_file(tmp_path: Path) -> None:
    result = run_main("lesson", "--story", str(VILLAGE), "-o", str(tmp_path / "pack"))
    assert result.returncode == 0, result.stderr
    assert "index.html" in result.stderr
    assert {p.name for p in (tmp_path / "pack").iterdir()} == EXPECTED
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_main("lesson", "--story", str(VILLAGE), "-o", str(blocker))
    assert result.returncode == 1 and "is a file" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_mod_flows_into_the_pack(tmp_path: Path) -> None:
    mod = STORY_DIR.parent / "mods" / "night_train"
    folder = tmp_path / "pack"
    assert run_lesson(str(STORY_DIR), str(folder), [str(mod)], runs=5, guide_runs=5) == 0
    assert "Xiaomei left school at fifteen to work." in read(folder, "guide.html")


def test_a_broken_places_file_stops_the_pack_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "story"
    shutil.copytree(VILLAGE, folder, ignore=shutil.ignore_patterns("trans*"))
    (folder / "assets").mkdir()
    (folder / "assets" / "places.yaml").write_text(
        "source: a test\nplaces:\n  here: {name: Here, lat: north, lon: 1}\nstorm: {}\n",
        encoding="utf-8",
    )
    assert run_lesson(str(folder), str(tmp_path / "pack"), runs=2, guide_runs=2) == 1
    err = capsys.readouterr().err
    assert "places.yaml:3:" in err and "'lat' of 'here' should be a number" in err
    assert not (tmp_path / "pack").exists()


def test_the_one_period_timeline_fills_45_minutes(story: Story) -> None:
    from dataclasses import replace

    from game.tools.lesson import one_period_timeline

    plan = build_pack(story, runs=3, guide_runs=2).one_period
    rows = one_period_timeline(plan)
    assert rows[0][0] == 0 and rows[-1][1] == 45
    assert all(a[1] == b[0] for a, b in itertools.pairwise(rows))
    short = replace(plan, reading=replace(plan.reading, median_words=8 * LESSON_WORDS_PER_MINUTE))
    rows = one_period_timeline(short)
    assert [what for _, _, what in rows] == [
        "starter",
        "setup",
        "play",
        "ledger",
        "plenary",
        "exit",
    ]
    assert rows[-1][1] == 45 and all(a[1] == b[0] for a, b in itertools.pairwise(rows))


def test_every_page_is_well_formed(pack_dir: Path) -> None:
    from tests.tools.test_guide import TagCollector

    for page in pack_dir.glob("*.html"):
        collector = TagCollector()
        collector.feed(read(pack_dir, page.name))
        assert collector.balanced and not collector.open, page.name
