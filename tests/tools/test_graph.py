"""The story map: the graph it draws, and its DOT, Mermaid and self-contained HTML forms."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from game.engine.loader import load_story
from game.engine.model import Story
from game.tools.graph import NODE_H, NODE_W, build_map, edge_caption, edge_style, to_dot
from game.tools.graph_mermaid import to_mermaid
from game.tools.graph_page import to_html
from tests.conftest import ROOT, STORY_DIR, TEST_STORIES

VILLAGE = TEST_STORIES / "village_day"


def load(folder: Path) -> Story:
    story, diagnostics = load_story(folder)
    assert story is not None, [str(d) for d in diagnostics]
    return story


@pytest.fixture
def odd_story(tmp_path: Path) -> Path:
    """village_day with an unreachable scene, a scene called 'end' and nasty text."""
    folder = tmp_path / "odd"
    shutil.copytree(VILLAGE, folder, ignore=shutil.ignore_patterns("trans*"))
    with open(folder / "evening.yaml", "a", encoding="utf-8") as handle:
        handle.write(
            "  lost_room:\n"
            "    text: '</script><script>alert(1)</script> <!-- <b>bold</b> \"quoted\" | pipe'\n"
            "    next: end\n"
            "  end:\n"
            "    ending: {id: the_end, title: The <end>}\n"
        )
    return folder


def payload(page: str) -> dict[str, Any]:
    match = re.search(r'<script id="story-data" type="application/json">(.*?)</script>', page, re.S)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


# -- the graph ---------------------------------------------------------------------------------
def test_the_map_has_every_scene_and_every_way_on() -> None:
    story_map = build_map(load(VILLAGE))
    assert set(story_map.nodes) == set(load(VILLAGE).scenes)
    assert story_map.chapters == {1: "Morning", 2: "Evening"}
    assert story_map.nodes["morning"].start
    assert story_map.nodes["end_spent"].ending == "Money for the road"
    kinds = [(e.source, e.target, e.kind) for e in story_map.edges]
    assert ("market", "walk_home", "next") in kinds
    assert kinds.count(("walk_home", "evening", "outcome")) == 2
    fish = next(e for e in story_map.edges if e.label.startswith("Buy a whole fish"))
    assert fish.requires == "money >= 400" and edge_style(fish) == "requires"
    assert "locked unless money >= 400" in edge_caption(fish)
    home = next(e for e in story_map.edges if e.label == "Walk straight home")
    assert home.condition == 'not visited("qin_room")' and edge_style(home) == "if"
    lottery = [e for e in story_map.edges if e.kind == "outcome"]
    assert sorted(e.share or 0 for e in lottery) == [0.25, 0.75]
    assert edge_caption(lottery[0]).startswith("25%: Try the lottery stall")
    envelope = next(e for e in story_map.edges if e.choice == "envelope")
    assert envelope.label == "Give Qin a red envelope of…"  # shortened


def test_unreachable_scenes_are_flagged(odd_story: Path) -> None:
    story_map = build_map(load(odd_story))
    assert not story_map.nodes["lost_room"].reachable
    assert not story_map.nodes["end"].reachable
    assert story_map.nodes["evening"].reachable


def test_the_reading_panel_data_has_the_text_and_choices() -> None:
    node = build_map(load(VILLAGE)).nodes["market"]
    assert node.text[0] == "The market is loud and smells of firecrackers."
    assert node.text[1].startswith("[if tired > 0] Your back aches")
    assert node.text[2] == "[else] You walk lightly."
    morning = build_map(load(VILLAGE)).nodes["morning"]
    envelope = next(c for c in morning.choices if c["id"] == "envelope")
    assert envelope["text"] == "Give Qin a red envelope of {money / 2:yuan}"
    assert envelope["effects"] == ["qin += 2", 'money -= money / 2 "Red envelope for Qin" [gifts]']


# -- DOT ------------------------------------------------------------------------------------------
def test_dot_has_chapter_clusters_and_marked_scenes(odd_story: Path) -> None:
    dot = to_dot(build_map(load(odd_story)))
    assert dot.count("subgraph cluster_chapter_") == 2
    assert 'label="Chapter 1: Morning"' in dot
    assert '"morning" [label="START\\nmorning"' in dot
    assert "doubleoctagon" in dot and "END: The <end>" in dot
    assert "(unreachable)" in dot and "dashed" in dot
    assert "style=dotted" in dot and "style=dashed" in dot and "arrowhead=empty" in dot
    assert '\\"quoted\\"' not in dot or "lost_room" in dot


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graphviz_renders_the_dot_of_the_shipped_story(tmp_path: Path) -> None:
    source = tmp_path / "map.dot"
    source.write_text(to_dot(build_map(load(STORY_DIR))), encoding="utf-8")
    result = subprocess.run(
        ["dot", "-Tsvg", str(source), "-o", str(tmp_path / "map.svg")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    svg = (tmp_path / "map.svg").read_text(encoding="utf-8")
    assert svg.count('class="node"') >= len(load(STORY_DIR).scenes)
    assert svg.count('class="cluster"') >= len(load(STORY_DIR).chapters)


# -- Mermaid --------------------------------------------------------------------------------------
def test_mermaid_is_a_flowchart_with_chapters_and_styles(odd_story: Path) -> None:
    text = to_mermaid(build_map(load(odd_story)))
    lines = text.splitlines()
    assert lines[1] == "flowchart TD"
    assert '  subgraph chapter_1["Chapter 1: Morning"]' in lines
    assert '    s_end(["end (unreachable)<br/>END: The #lt;end#gt;"])' in lines
    assert any(line.startswith("  s_market ==> s_walk_home") for line in lines)
    assert any("linkStyle" in line and "#c62828" in line for line in lines)
    assert any(line.startswith("  class ") and line.endswith(" unreachable") for line in lines)
    # No raw quotes or pipes inside a label, which would end it early.
    for line in lines:
        for label in re.findall(r'\|"(.*?)"\|', line):
            assert '"' not in label and "|" not in label


# -- HTML -----------------------------------------------------------------------------------------
def test_the_html_map_is_one_self_contained_file(odd_story: Path) -> None:
    page = to_html(build_map(load(odd_story)))
    without_namespace = page.replace('"http://www.w3.org/2000/svg"', "")
    assert not re.search(r"https?://", without_namespace)
    assert not re.search(r"<link|<iframe|@import|url\((?!#)|\bsrc=|fetch\(|XMLHttpRequest", page)
    assert "innerHTML" not in page and "eval(" not in page
    data = payload(page)
    assert {n["id"] for n in data["nodes"]} == set(load(odd_story).scenes)
    assert page.count("</script>") == 2  # the story's '</script>' cannot end the data early
    assert "<!--" not in page
    lost = next(n for n in data["nodes"] if n["id"] == "lost_room")
    assert lost["text"][0].startswith("</script><script>")
    assert lost["reachable"] is False


def boxes_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(abs(a["x"] - b["x"]) < NODE_W and abs(a["y"] - b["y"]) < NODE_H)


def test_the_layout_of_the_shipped_story_is_tidy() -> None:
    story = load(STORY_DIR)
    data = payload(to_html(build_map(story)))
    nodes = data["nodes"]
    assert len(nodes) == len(story.scenes)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            assert not boxes_overlap(a, b), (a["id"], b["id"])
    bands = {band["chapter"]: band for band in data["bands"]}
    for node in nodes:
        band = bands[node["chapter"]]
        assert band["x"] <= node["x"] and node["x"] + NODE_W <= band["x"] + band["width"]
        assert band["y"] <= node["y"] and node["y"] + NODE_H <= band["y"] + band["height"]
    lefts = [bands[number]["x"] for number in sorted(bands)]
    assert lefts == sorted(lefts)  # chapters in order, left to right
    start = next(n for n in nodes if n["start"])
    assert start["y"] == min(n["y"] for n in nodes if n["chapter"] == start["chapter"])


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_the_html_map_draws_in_a_headless_browser(odd_story: Path, tmp_path: Path) -> None:
    page = tmp_path / "map.html"
    page.write_text(to_html(build_map(load(odd_story))), encoding="utf-8")
    result = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri() + "#lost_room",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0 or "<svg" not in result.stdout:
        pytest.skip("Chromium could not run here: " + result.stderr[-300:])
    dom = result.stdout
    drawn = re.findall(r'<g class="node[^"]*" transform=', dom)  # not the legend's samples
    assert len(drawn) == len(load(odd_story).scenes)
    assert "UNREACHABLE: no route leads here" in dom  # the panel opened on #lost_room
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in dom  # shown as text, never run
    assert "9 scenes" in dom and "2 unreachable" in dom


# Drives the page as a reader would (search, zoom, drag, click) and writes what it saw
# into the DOM, which the headless browser then prints.
PROBE = """
<script>
window.addEventListener("load", () => {
  const out = {};
  const view = document.getElementById("view");
  const svg = document.getElementById("map");
  const search = document.getElementById("search");
  const transform = () => view.getAttribute("transform");
  search.value = "qin_ro";
  search.dispatchEvent(new Event("input"));
  out.matches = document.querySelectorAll("#nodes .node.match").length;
  document.getElementById("find").dispatchEvent(new Event("submit", { cancelable: true }));
  out.hash = location.hash;
  out.panel = document.querySelector("#panel h2").textContent;
  out.panelHidden = document.getElementById("panel").hidden;
  const before = transform();
  svg.dispatchEvent(new WheelEvent("wheel", { deltaY: -400, clientX: 300, clientY: 300,
    bubbles: true, cancelable: true }));
  out.zoomed = transform() !== before;
  const zoomed = transform();
  const at = { clientX: 50, clientY: 400, bubbles: true, pointerId: 1 };
  svg.dispatchEvent(new PointerEvent("pointerdown", at));
  svg.dispatchEvent(new PointerEvent("pointermove", { ...at, clientX: 250, clientY: 450 }));
  svg.dispatchEvent(new PointerEvent("pointerup", { ...at, clientX: 250, clientY: 450 }));
  out.panned = transform() !== zoomed;
  document.querySelector("#panel button.go").click();
  out.followed = document.querySelector("#panel h2").textContent;
  const first = document.querySelectorAll("#nodes g.node")[0];
  const press = { bubbles: true, pointerId: 2, clientX: 10, clientY: 10 };
  first.dispatchEvent(new PointerEvent("pointerdown", press));  // a real click's order
  first.dispatchEvent(new PointerEvent("pointerup", press));
  first.dispatchEvent(new MouseEvent("click", { bubbles: true }));
  out.clicked = document.querySelector("#panel h2").textContent;
  document.body.dataset.probe = JSON.stringify(out);
});
</script>
"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_search_zoom_pan_and_reading_work_in_a_headless_browser(tmp_path: Path) -> None:
    page = tmp_path / "map.html"
    page.write_text(
        to_html(build_map(load(VILLAGE))).replace("</body>", PROBE + "</body>"),
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--window-size=1200,800",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    match = re.search(r'data-probe="([^"]*)"', result.stdout)
    if match is None:
        pytest.skip("Chromium could not run here: " + result.stderr[-300:])
    seen = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert seen["matches"] == 1
    assert seen["hash"] == "#qin_room" and seen["panel"] == "qin_room"
    assert seen["panelHidden"] is False
    assert seen["zoomed"] and seen["panned"]
    assert seen["followed"] == "evening"  # qin_room's 'next' button
    assert seen["clicked"] == "morning"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "html"])
def test_the_graph_command_writes_each_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"map.{fmt}"
    result = run("graph", str(VILLAGE), "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "walk_home" in text
    assert {"dot": "digraph story {", "mermaid": "flowchart TD", "html": "<!doctype html>"}[
        fmt
    ] in text


def test_the_graph_command_with_a_mod_and_a_broken_story(tmp_path: Path) -> None:
    mod = ROOT / "mods" / "night_train"
    printed = run("graph", str(STORY_DIR), "--format", "dot", "--mod", str(mod))
    assert printed.returncode == 0 and '"nt_xiaomei"' in printed.stdout
    broken = tmp_path / "broken"
    shutil.copytree(VILLAGE, broken)
    (broken / "day.yaml").write_text("chapter: [\n", encoding="utf-8")
    failed = run("graph", str(broken), "-o", str(tmp_path / "x.html"))
    assert failed.returncode == 1 and "E001" in failed.stderr
    assert not (tmp_path / "x.html").exists()
