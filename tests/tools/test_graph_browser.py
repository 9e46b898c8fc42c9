"""The HTML story map of the shipped story (with the example mod) in a real browser.

tests/tools/story_map.mjs drives headless Chromium through playwright-core, from
file:// with the network off, as a writer would: searches for a phrase of scene text by
keyboard and opens a result, filters by chapter, closes one chapter and then all of
them, brings a mod's scenes forward, and opens the print view of a chapter. This test
compares what it saw with the map's own data, prints a chapter to PDF with
``chromium --headless --print-to-pdf`` and reads the PDF back, and refreshes the
screenshots in docs/screenshots/map/. Skipped (with the reason) when node, chromium or
web/node_modules is missing; `.ci/run` installs them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from game.engine.loader import load_story
from game.tools.graph import StoryMap, build_map
from game.tools.graph_page import to_html
from tests.conftest import ROOT, STORY_DIR, TEST_STORIES

NODE = shutil.which("node")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PLAYWRIGHT = ROOT / "web" / "node_modules" / "playwright-core"
SCREENSHOTS = ROOT / "docs" / "screenshots" / "map"
MOD = ROOT / "mods" / "night_train"
PHRASE = "pickles are better"
CHAPTER = 2

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(NODE is None, reason="node is not installed"),
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
    ),
    pytest.mark.skipif(
        not PLAYWRIGHT.is_dir(), reason="playwright-core is not installed (cd web && npm ci)"
    ),
]


def the_map() -> StoryMap:
    story, problems = load_story(STORY_DIR, [str(MOD)])
    original, _ = load_story(STORY_DIR)
    assert story is not None, problems
    return build_map(story, original)


def searched(story_map: StoryMap, phrase: str) -> set[str]:
    """The scenes whose id, text, choices, speaker or ending hold ``phrase`` (any case)."""
    q = phrase.lower()
    hits = set()
    for node in story_map.nodes.values():
        words = [node.id, *node.text, *(str(c["text"]) for c in node.choices)]
        words += [node.speaker or "", node.ending or ""]
        if any(q in word.lower() for word in words):
            hits.add(node.id)
    return hits


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("map")
    page = tmp / "map.html"
    page.write_text(to_html(the_map()), encoding="utf-8")
    odd = tmp / "odd"
    shutil.copytree(TEST_STORIES / "village_day", odd, ignore=shutil.ignore_patterns("trans*"))
    with open(odd / "evening.yaml", "a", encoding="utf-8") as handle:
        handle.write(
            "  lost_room:\n"
            "    text: '</script><script>alert(1)</script> <b>bold</b>'\n"
            "    next: evening\n"
        )
    story, problems = load_story(odd)
    assert story is not None, problems
    markup = tmp / "odd.html"
    markup.write_text(to_html(build_map(story)), encoding="utf-8")
    return {"map": page, "markup": markup, "tmp": tmp}


@pytest.fixture(scope="module")
def seen(pages: dict[str, Path]) -> dict[str, Any]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    plan = {
        "chromium": CHROMIUM,
        "page": str(pages["map"]),
        "markupPage": str(pages["markup"]),
        "phrase": PHRASE,
        "chapter": CHAPTER,
        "mod": "night_train",
        "screenshots": str(SCREENSHOTS),
    }
    plan_file = pages["tmp"] / "plan.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    assert NODE is not None
    done = subprocess.run(
        [NODE, str(ROOT / "tests" / "tools" / "story_map.mjs"), str(plan_file)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    if done.returncode != 0 or not done.stdout.startswith("{"):
        pytest.fail("the browser driver failed: " + done.stderr[-2000:] + done.stdout[-500:])
    report: dict[str, Any] = json.loads(done.stdout)
    assert report["errors"] == []
    return report


def test_search_finds_a_phrase_of_scene_text_and_opens_it_by_keyboard(
    seen: dict[str, Any],
) -> None:
    story_map = the_map()
    expected = searched(story_map, PHRASE)
    assert expected and not any(PHRASE in scene for scene in expected)  # not found by id
    search = seen["search"]
    assert set(search["results"]) == expected
    assert search["head"] == f"Matches: {len(expected)}"
    assert search["marked"] == len(expected)  # highlighted on the map
    assert all(mark.lower() == PHRASE for mark in search["snippetMarks"])
    assert search["opened"] == search["results"][0]
    assert search["hash"] == "#" + search["opened"]
    assert PHRASE in [mark.lower() for mark in search["panelMarks"]]
    assert search["cleared"] is True


def test_the_chapter_filter_shows_one_chapter(seen: dict[str, Any]) -> None:
    story_map = the_map()
    own = [n for n in story_map.nodes.values() if n.chapter == CHAPTER]
    assert seen["full"] == {"nodes": len(story_map.nodes), "bands": len(story_map.chapters)}
    assert seen["filter"]["nodes"] == len(own)
    assert (
        len(seen["filter"]["bands"]) == 1
        and "Chapter 2: Winter 2007-08" in (seen["filter"]["bands"][0])
    )
    assert seen["filter"]["shown"] == f"{len(own)} of {len(story_map.nodes)} scenes shown"
    assert seen["filter"]["print"] == f"Print chapter {CHAPTER}"


def test_closed_chapters_are_one_box_each_with_edges_gathered(seen: dict[str, Any]) -> None:
    story_map = the_map()
    chapter_of = {n.id: n.chapter for n in story_map.nodes.values()}
    first = min(story_map.chapters)
    collapse = seen["collapse"]
    assert collapse["closed"] == 1
    assert collapse["nodes"] == sum(1 for c in chapter_of.values() if c != first)
    # With every chapter closed, each pair of chapters has one edge carrying its count.
    between: dict[tuple[int, int], int] = {}
    for edge in story_map.edges:
        pair = (chapter_of[edge.source], chapter_of[edge.target])
        if pair[0] != pair[1]:
            between[pair] = between.get(pair, 0) + 1
    assert collapse["allClosed"] == len(story_map.chapters)
    assert sorted(collapse["allMany"]) == sorted(f"ways on: {n}" for n in between.values())
    for number in story_map.chapters:
        count = sum(1 for c in chapter_of.values() if c == number)
        assert f"{count} scenes" in collapse["boxText"]
    assert "2 mod scenes" in collapse["boxText"]
    assert collapse["reopened"]["closed"] == len(story_map.chapters) - 1
    assert collapse["expanded"] == len(story_map.nodes)


def test_the_mod_filter_brings_the_mods_scenes_forward(seen: dict[str, Any]) -> None:
    story_map = the_map()
    mod = seen["mod"]
    assert sorted(mod["listed"]) == ["ch1_train", "nt_xiaomei"]
    assert mod["dim"] == len(story_map.nodes) - 2
    assert mod["modNodes"] == 2 and mod["replaced"] == 1
    for words in ("scene a mod adds", "story scene a mod replaces", "ending", "start scene"):
        assert words in mod["legend"]
    assert any(w.startswith("locked unless") for w in mod["legend"])


def test_the_print_view_has_the_chapters_map_and_scenes(seen: dict[str, Any]) -> None:
    story_map = the_map()
    own = [n.id for n in story_map.nodes.values() if n.chapter == CHAPTER]
    printed = seen["print"]
    assert printed["title"].endswith("Chapter 2: Winter 2007-08")
    assert sorted(printed["articles"]) == sorted(own)
    assert printed["slices"] >= 2 and printed["sliceNodes"] == printed["slices"] * len(own)
    assert printed["hash"] == f"#print-{CHAPTER}" and printed["mapHidden"] and printed["back"]


def test_story_markup_is_shown_as_text_in_results_and_panel(seen: dict[str, Any]) -> None:
    markup = seen["markup"]
    assert markup["snippets"] == ["</script><script>alert(1)</script> <b>bold</b>"]
    assert markup["panel"] == ["</script><script>alert(1)</script> <b>bold</b>"]
    assert markup["scripts"] == 2 and markup["bold"] == 0  # no script or <b> was made


def test_a_chapter_prints_to_pdf(pages: dict[str, Path]) -> None:
    pdf = pages["tmp"] / "chapter.pdf"
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--virtual-time-budget=5000",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            pages["map"].as_uri() + f"#print-{CHAPTER}",
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    if not pdf.exists():
        pytest.skip("Chromium could not print here: " + done.stderr[-300:])
    pdftotext = shutil.which("pdftotext")
    pdftoppm = shutil.which("pdftoppm")
    if pdftotext is None or pdftoppm is None:
        pytest.skip("poppler-utils (pdftotext, pdftoppm) is not installed")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60
    ).stdout
    pages_text = text.split("\f")
    assert len([p for p in pages_text if p.strip()]) >= 3
    assert "Chapter 2: Winter 2007-08" in pages_text[0]
    story_map = the_map()
    for node in story_map.nodes.values():
        if node.chapter == CHAPTER:
            assert node.id in text
    # The map's controls are not printed.
    assert "Open all" not in text and "Back to the map" not in text
    for old in SCREENSHOTS.glob("print-chapter-*.png"):
        old.unlink()
    subprocess.run(
        [pdftoppm, "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf), str(SCREENSHOTS / "print")],
        check=True,
        timeout=120,
    )
    for made in SCREENSHOTS.glob("print-*.png"):
        made.rename(made.with_name(re.sub(r"print-0*(\d+)", r"print-chapter-2-page-\1", made.name)))
    assert len(list(SCREENSHOTS.glob("print-chapter-2-page-*.png"))) == 2
