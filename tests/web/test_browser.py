"""The exported page in a real browser: headless Chromium, file://, network off.

tests/web/browser.mjs plays a seeded route by clicks and by keys and checks each
scene's text against the Python runner's for the same route; saves, reloads the
page and loads; refuses damaged and foreign save files without touching the saves;
plays a classroom-mode route to its ending by keyboard and downloads the decision
record, which game/records.py must read and which must match the Python runner's;
and takes the screenshots in docs/screenshots/web/. Skipped (with the reason) when
chromium or web/node_modules is missing; `.ci/run` installs both.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from game.engine.loader import load_story_sources
from game.engine.model import Story
from game.engine.rng import StepRandom
from game.engine.runner import Runner
from game.records import build_record, parse_record
from game.saves import SaveFileError, SaveMeta, SaveStore, parse_save
from game.tools.export_web import build_page
from tests.conftest import ROOT, STORY_DIR, TEST_STORIES
from tests.web.conftest import FIGURES

NODE = shutil.which("node")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PLAYWRIGHT = ROOT / "web" / "node_modules" / "playwright-core"
SCREENSHOTS = ROOT / "docs" / "screenshots" / "web"
MARKUP = "<script>alert('hi')</script> and <b>not bold</b>"

pytestmark = [
    pytest.mark.skipif(NODE is None, reason="node is not installed"),
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
    ),
    pytest.mark.skipif(
        not PLAYWRIGHT.is_dir(), reason="playwright-core is not installed (cd web && npm ci)"
    ),
]


def route(story: Story, seed: int, limit: int, policy: int) -> tuple[list[dict[str, Any]], Runner]:
    """Play ``limit`` steps (or to an ending) in Python: each step's text and the choice taken."""
    runner = Runner(story, seed)
    steps: list[dict[str, Any]] = []
    notes: list[str] = []
    for k in range(limit + 1):
        view = runner.view()
        step: dict[str, Any] = {
            "paragraphs": list(view.paragraphs),
            "choices": [c.text for c in view.choices],
            "discuss": list(view.discuss),
            "ending": (
                {"title": view.ending.title, "epilogue": list(view.ending.epilogue)}
                if view.ending
                else None
            ),
            "continue_only": view.kind == "continue",
            "notes": notes,
            "take": None,
        }
        steps.append(step)
        enabled = [i for i, c in enumerate(view.choices) if c.enabled]
        if not enabled or k == limit:
            break
        index = enabled[int(StepRandom(policy, k, 9).random() * len(enabled))]
        step["take"] = index
        notes = list(runner.choose(view.choices[index].id).notes)
    return steps, runner


@pytest.fixture(scope="module")
def browser_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("browser")
    story, diagnostics, sources = load_story_sources(STORY_DIR)
    assert story is not None, diagnostics
    page = tmp / "last-train-home.html"
    page.write_text(build_page(story, sources), encoding="utf-8")
    classroom_page = tmp / "classroom.html"
    classroom_page.write_text(build_page(story, sources, classroom=True), encoding="utf-8")
    # A copy of a golden story whose first line holds markup.
    markup_dir = tmp / "markup"
    shutil.copytree(TEST_STORIES / "two_tickets", markup_dir)
    chapter = markup_dir / "tickets.yaml"
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace(
            '"Hard seat, Chongqing', f'{MARKUP} "Hard seat, Chongqing', 1
        ),
        encoding="utf-8",
    )
    markup_story, problems, markup_sources = load_story_sources(markup_dir)
    assert markup_story is not None, problems
    markup_page = tmp / "markup.html"
    markup_page.write_text(build_page(markup_story, markup_sources), encoding="utf-8")

    newer_page = tmp / "newer.html"
    text = page.read_text(encoding="utf-8")
    marker = '{"kind":"last-train-home compiled story","format":1,'
    assert text.count(marker) == 1
    newer_page.write_text(text.replace(marker, marker.replace(":1,", ":99,")), encoding="utf-8")

    # A save the desktop game wrote, seven choices into another route.
    desktop_steps, desktop_runner = route(story, seed=99, limit=7, policy=3)
    store = SaveStore(story.id, tmp / "saves")
    meta = SaveMeta(desktop_runner.scene.chapter, "", desktop_runner.date, 0, 12.5)
    path = store.write("3", story.version, meta, desktop_runner.to_json())
    desktop_save = {"content": path.read_text(encoding="utf-8"), "step": desktop_steps[-1]}

    steps, runner = route(story, seed=4242, limit=14, policy=11)
    # The browser exports after the desktop save's import, so the export is that game.
    runner = desktop_runner
    class_steps, class_runner = route(story, seed=777, limit=5000, policy=5)
    assert class_steps[-1]["ending"] is not None
    good = json.dumps({"format_version": 1, "story_id": story.id})
    bad_saves = [
        ("damaged.json", '{"format_version": 1, "story_id": '),
        ("foreign.json", good.replace(story.id, "another-story")),
        ("newer.json", good.replace('"format_version": 1', '"format_version": 99')),
        ("not-a-save.json", "[1, 2, 3]"),
        # A real save with an absurd field (game/saves.py refuses it too).
        (
            "absurd-money.json",
            json.dumps({**json.loads(str(desktop_save["content"])), "money": 10**13}),
        ),
        (
            "control-characters.json",
            json.dumps({**json.loads(str(desktop_save["content"])), "date": "\x07"}),
        ),
    ]
    for _name, content in bad_saves[-2:]:
        with pytest.raises(SaveFileError):
            parse_save("1", json.loads(content), story.id)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    downloads = tmp / "downloads"
    downloads.mkdir()
    plan = {
        "chromium": CHROMIUM,
        "page": str(page),
        "classroom_page": str(classroom_page),
        "markup_page": str(markup_page),
        "markup_text": MARKUP,
        "newer_page": str(newer_page),
        "route": {"seed": 4242, "steps": steps, "save_at": 5, "undo_check": True},
        "classroom_route": {
            "seed": 777,
            "steps": class_steps,
            "ledger_rows": len(class_runner.ledger),
            "ledger_tables": len({entry.variable for entry in class_runner.ledger}),
        },
        "glossary_terms": len(story.glossary),
        "content_notes": list(story.content_notes),
        "bad_saves": bad_saves,
        "desktop_save": desktop_save,
        "sizes": [[390, 844], [768, 1024], [1280, 720], [1920, 1080]],
        "screenshots": str(SCREENSHOTS),
        "downloads": str(downloads),
        "report": str(tmp / "report.json"),
    }
    plan_file = tmp / "plan.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    done = subprocess.run(
        [str(NODE), str(Path(__file__).with_name("browser.mjs")), str(plan_file)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads((tmp / "report.json").read_text(encoding="utf-8"))
    FIGURES.append(
        f"browser: page {page.stat().st_size:,} bytes; ready in"
        f" {report['timings']['ready_ms']} ms, first scene"
        f" {report['timings']['first_scene_ms']} ms after opening (page clock: title"
        f" {report['timings']['page_ready_ms']} ms, first scene"
        f" {report['timings']['page_first_scene_ms']} ms, the New game click included);"
        f" {len(report['checks'])} checks"
    )
    return {
        "report": report,
        "story": story,
        "runner": runner,
        "class_runner": class_runner,
        "page": page,
    }


def test_every_check_in_the_browser_passes(browser_run: dict[str, Any]) -> None:
    report = browser_run["report"]
    failed = [c for c in report["checks"] if not c["ok"]]
    assert not failed, json.dumps(failed, indent=2)[:6000]
    assert len(report["checks"]) > 40
    assert not report["errors"], report["errors"]


def test_the_page_is_small_and_fast(browser_run: dict[str, Any]) -> None:
    assert browser_run["page"].stat().st_size <= 3_000_000
    assert browser_run["report"]["timings"]["first_scene_ms"] < 5000  # 1 s on a quiet machine


def test_the_downloaded_record_is_what_the_desktop_writes(browser_run: dict[str, Any]) -> None:
    story = browser_run["story"]
    runner = browser_run["class_runner"]
    data = json.loads(Path(browser_run["report"]["record"]).read_text(encoding="utf-8"))
    record = parse_record(data)
    assert record.classroom is True
    start = {m.id: m.value for m in Runner(story, runner.seed).view().meters}
    expected = build_record(story, runner, start, classroom=True)
    for key in ("story_id", "story_version", "seed", "ending", "meters", "money", "decisions"):
        assert data[key] == expected[key], key
    assert Path(browser_run["report"]["record"]).name.startswith("decisions-")


def test_an_exported_save_loads_in_the_desktop_game(browser_run: dict[str, Any]) -> None:
    story = browser_run["story"]
    data = json.loads(Path(browser_run["report"]["exported_save"]).read_text(encoding="utf-8"))
    save = parse_save("1", data, story.id)
    restored = Runner.from_json(story, save.runner)
    assert restored.to_json() == browser_run["runner"].to_json()


def test_screenshots_are_taken(browser_run: dict[str, Any]) -> None:
    for size in ("390x844", "1280x720", "1920x1080"):
        assert (SCREENSHOTS / f"scene-{size}.png").stat().st_size > 10_000
