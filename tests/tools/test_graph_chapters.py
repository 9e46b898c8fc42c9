"""The story map for a big story: mod scenes marked, what the HTML page embeds for its
search, filters, closed chapters and print view, and Mermaid one chapter at a time."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import i18n
from game.engine.loader import load_story
from game.engine.model import Story
from game.tools.graph import StoryMap, build_map, to_dot
from game.tools.graph_mermaid import (
    MERMAID_MAX_EDGES,
    MERMAID_MAX_TEXT,
    mermaid_too_big,
    to_mermaid,
)
from game.tools.graph_page import chapter_summary, to_html
from tests.conftest import ROOT, STORY_DIR, TEST_STORIES, run_main
from tests.tools.test_graph import payload

MOD = ROOT / "mods" / "night_train"


def load(folder: Path, mods: tuple[Path, ...] = ()) -> Story:
    story, diagnostics = load_story(folder, [str(mod) for mod in mods])
    assert story is not None, [str(d) for d in diagnostics]
    return story


@pytest.fixture(scope="module")
def modded_map() -> StoryMap:
    return build_map(load(STORY_DIR, (MOD,)), load(STORY_DIR))


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


# -- mods on the map ----------------------------------------------------------------------------
def test_mod_scenes_are_marked_added_or_replaced(modded_map: StoryMap) -> None:
    marked = {n.id: (n.mod, n.replaced) for n in modded_map.nodes.values() if n.mod}
    assert marked == {"ch1_train": ("night_train", True), "nt_xiaomei": ("night_train", False)}
    assert modded_map.mods == {"night_train": "The Girl from Dongguan"}
    # Without the story alone, a mod's scenes are still marked, never called replacements.
    alone = build_map(load(STORY_DIR, (MOD,)))
    assert {n.id for n in alone.nodes.values() if n.mod} == {"ch1_train", "nt_xiaomei"}
    assert not any(n.replaced for n in alone.nodes.values())
    assert not any(n.mod for n in build_map(load(STORY_DIR)).nodes.values())


def test_every_format_shows_the_mod_scenes(modded_map: StoryMap) -> None:
    mermaid = to_mermaid(modded_map, 1)
    assert '    s_ch1_train["ch1_train [replaced by night_train]"]' in mermaid
    assert '    s_nt_xiaomei["nt_xiaomei [mod night_train]"]' in mermaid
    assert re.search(r"^  class (\S+,)*s_nt_xiaomei(,\S+)* mod$", mermaid, re.M)
    dot = to_dot(modded_map)
    assert '"nt_xiaomei" [label="nt_xiaomei\\n[mod night_train]"' in dot
    assert "legend_mod" in dot
    assert "legend_mod" not in to_dot(build_map(load(STORY_DIR)))


# -- what the HTML page embeds ------------------------------------------------------------------
def test_the_page_embeds_text_choices_mods_and_chapter_counts(
    modded_map: StoryMap, english: None
) -> None:
    data = payload(to_html(modded_map))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["nt_xiaomei"]["mod"] == "night_train" and not nodes["nt_xiaomei"]["replaced"]
    assert nodes["ch1_train"]["replaced"] is True
    assert nodes["ch1_machines"]["mod"] is None
    # The search reads scene text and choice text, so both are in the page.
    story = load(STORY_DIR, (MOD,))
    scene = story.scenes["ch3_call"]
    assert "pickles are better" in " ".join(nodes["ch3_call"]["text"])
    first_choice = scene.choices[0]
    assert nodes["ch3_call"]["choices"][0]["id"] == first_choice.id
    assert data["mods"] == {"night_train": "The Girl from Dongguan"}
    bands = {band["chapter"]: band for band in data["bands"]}
    assert set(bands) == {1, 2, 3, 4}
    per_chapter = Counter(scene.chapter for scene in story.scenes.values())
    for number, band in bands.items():
        assert band["summary"][0] == ["", f"{per_chapter[number]} scenes"]
    assert ["mod", "2 mod scenes"] in bands[1]["summary"]
    assert data["ui"]["counts"].startswith(f"{len(story.scenes)} scenes")
    assert data["ui"]["print_chapter"] == "Print chapter {number}"


def test_chapter_counts_use_plural_forms(english: None) -> None:
    story_map = build_map(load(TEST_STORIES / "village_day"))
    summary = [text for _kind, text in chapter_summary(story_map, 2)]
    endings = sum(1 for n in story_map.nodes.values() if n.chapter == 2 and n.ending)
    assert summary[1] == (f"{endings} ending" if endings == 1 else f"{endings} endings")


def test_the_page_is_translated_when_rendered() -> None:
    i18n.set_language("qps")
    try:
        page = to_html(build_map(load(TEST_STORIES / "village_day")))
    finally:
        i18n.set_language("en")
    data = payload(page)
    # Every interface word, in the page and its script, went through _().
    untranslated = [key for key, text in data["ui"].items() if "«" not in text]
    assert untranslated == []
    assert re.search(r'placeholder="«[^"]*»"', page)
    assert re.search(r"<button id=\"fit\"[^>]*>«", page)
    # Placeholders survive translation for the script to fill.
    assert "{number}" in data["ui"]["print_chapter"]


def test_story_text_in_the_page_cannot_become_markup(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    shutil.copytree(TEST_STORIES / "village_day", folder, ignore=shutil.ignore_patterns("trans*"))
    with open(folder / "evening.yaml", "a", encoding="utf-8") as handle:
        handle.write(
            "  lost_room:\n"
            "    text: 'A note: </script><script>alert(1)</script> and <b>x</b>'\n"
            "    choices:\n"
            "      - text: '</SCRIPT><img src=x onerror=alert(2)>'\n"
            "        goto: evening\n"
        )
    page = to_html(build_map(load(folder)))
    assert page.count("</script>") == 2 and "</SCRIPT>" not in page and "<img" not in page
    data = payload(page)
    lost = next(n for n in data["nodes"] if n["id"] == "lost_room")
    assert lost["text"] == ["A note: </script><script>alert(1)</script> and <b>x</b>"]
    assert lost["choices"][0]["text"] == "</SCRIPT><img src=x onerror=alert(2)>"


# -- Mermaid, one chapter at a time -------------------------------------------------------------
NODE = re.compile(r'^    s_([A-Za-z0-9_]+)(\["|\(\["|\[/")(.*?)("\]|"\]\)|"/\])$')
EDGE = re.compile(r'^  s_([A-Za-z0-9_]+) (==>|-->|-\.->)(\|"[^"|]*"\|)? s_([A-Za-z0-9_]+)$')
SUBGRAPH = re.compile(r'^  subgraph [A-Za-z0-9_]+\["[^"]*"\]$')
LINK_STYLE = re.compile(r"^  linkStyle ([0-9,]+) [a-z-]+:[^ ]+( [0-9]+)?(,[a-z-]+:[^ ,]+)*$")
CLASS_DEF = re.compile(r"^  classDef [a-z]+ [a-z-]+:[^ ]+( [0-9]+)?(,[a-z-]+:[^ ,]+( [0-9]+)?)*$")
CLASS = re.compile(r"^  class (s_[A-Za-z0-9_]+(,s_[A-Za-z0-9_]+)*) [a-z]+$")


def check_mermaid(text: str) -> tuple[set[str], int]:
    """A small Mermaid flowchart checker: every line is one statement the generator
    writes, labels hold no raw quote, pipe or angle bracket, subgraphs close, edges
    and classes name declared nodes, and linkStyle counts edges that exist. Returns the
    declared nodes and the number of edges."""
    lines = text.splitlines()
    assert lines[0].startswith("%% ") and lines[1] == "flowchart TD"
    declared: set[str] = set()
    used: set[str] = set()
    classed: set[str] = set()
    edges = 0
    styled: list[int] = []
    depth = 0
    for number, line in enumerate(lines[2:], start=3):
        where = f"line {number}: {line!r}"
        if match := NODE.match(line):
            assert depth == 1, where
            assert not re.search(r'["|<>]', match.group(3).replace("<br/>", "")), where
            assert match.group(1) not in declared, where
            declared.add(match.group(1))
        elif match := EDGE.match(line):
            assert depth == 0, where
            used.update((match.group(1), match.group(4)))
            if match.group(3):
                assert not re.search(r"[<>]", match.group(3).replace("<br/>", "")), where
            edges += 1
        elif SUBGRAPH.match(line):
            assert depth == 0, where
            depth += 1
        elif line == "  end":
            assert depth == 1, where
            depth -= 1
        elif match := LINK_STYLE.match(line):
            styled.extend(int(i) for i in match.group(1).split(","))
        elif match := CLASS.match(line):
            classed.update(name[2:] for name in match.group(1).split(","))
        else:
            assert CLASS_DEF.match(line), where
    assert depth == 0
    assert used <= declared, used - declared
    assert classed <= declared, classed - declared
    assert all(0 <= i < edges for i in styled) and len(styled) == len(set(styled))
    return declared, edges


def test_each_chapter_of_the_shipped_story_is_valid_mermaid_within_limits(
    modded_map: StoryMap,
) -> None:
    seen: set[str] = set()
    for number in modded_map.chapters:
        text = to_mermaid(modded_map, number)
        declared, edges = check_mermaid(text)
        assert mermaid_too_big(text) is None
        assert edges <= MERMAID_MAX_EDGES and len(text) <= MERMAID_MAX_TEXT
        own = {n.id for n in modded_map.nodes.values() if n.chapter == number}
        assert own <= declared
        # Scenes of other chapters appear only as the far ends of this chapter's edges.
        for other in declared - own:
            assert f'    s_{other}[/"{other} (chapter ' in text
        touching = [e for e in modded_map.edges if e.source in own or e.target in own]
        assert edges == len(touching)
        seen |= own
    assert seen == set(modded_map.nodes)


def test_the_whole_story_is_too_big_for_mermaid_but_a_small_one_is_not(
    modded_map: StoryMap,
) -> None:
    whole = to_mermaid(modded_map)
    assert "Mermaid draws at most 500 edges" in (mermaid_too_big(whole) or "")
    small = to_mermaid(build_map(load(TEST_STORIES / "village_day")))
    check_mermaid(small)
    assert mermaid_too_big(small) is None


def test_the_command_refuses_the_whole_story_and_says_what_to_do(tmp_path: Path) -> None:
    refused = run_main("graph", str(STORY_DIR), "--format", "mermaid", "-o", str(tmp_path / "x"))
    assert refused.returncode == 2
    assert "too big for Mermaid" in refused.stderr and "--chapter N" in refused.stderr
    assert "chapters: 1, 2, 3, 4" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "x").exists()
    one = run_main("graph", str(STORY_DIR), "--format", "mermaid", "--chapter", "2")
    assert one.returncode == 0, one.stderr
    declared, _edges = check_mermaid(one.stdout)
    assert "ch2_start" in declared and "Chapter 2: Winter 2007-08" in one.stdout
    folder = tmp_path / "chapters"
    folder.mkdir()
    written = run_main(
        "graph", str(STORY_DIR), "--format", "mermaid", "--mod", str(MOD), "-o", str(folder)
    )
    assert written.returncode == 0, written.stderr
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["chapter-1.mmd", "chapter-2.mmd", "chapter-3.mmd", "chapter-4.mmd"]
    for path in folder.iterdir():
        check_mermaid(path.read_text(encoding="utf-8"))
    assert "nt_xiaomei" in (folder / "chapter-1.mmd").read_text(encoding="utf-8")


def test_bad_chapter_options_get_a_clear_message(tmp_path: Path) -> None:
    missing = run_main("graph", str(STORY_DIR), "--format", "mermaid", "--chapter", "9")
    assert missing.returncode == 2
    assert "there is no chapter 9; the story's chapters are 1, 2, 3, 4" in missing.stderr
    html = run_main("graph", str(STORY_DIR), "--chapter", "1", "-o", str(tmp_path / "m.html"))
    assert html.returncode == 2 and "chapter filter" in html.stderr
    folder = run_main("graph", str(STORY_DIR), "--format", "dot", "-o", str(tmp_path))
    assert folder.returncode == 2 and "is a folder" in folder.stderr
    word = run_main("graph", str(STORY_DIR), "--format", "mermaid", "--chapter", "two")
    assert word.returncode == 2 and "invalid int value" in word.stderr


def test_dot_for_one_chapter_keeps_its_scenes_and_their_neighbours(modded_map: StoryMap) -> None:
    dot = to_dot(modded_map, 4)
    own = [n.id for n in modded_map.nodes.values() if n.chapter == 4]
    for scene in own:
        assert f'  "{scene}" [label=' in dot or f'    "{scene}" [label=' in dot
    assert "subgraph cluster_chapter_4" in dot and "subgraph cluster_chapter_1 " not in dot
    assert "dotted" in dot  # the chapter-3 scenes that lead in, drawn as elsewhere
