"""``--lang`` on the teachers' tools and the browser edition, from the command line."""

from __future__ import annotations

from pathlib import Path

from game.i18n import pseudo
from tests.conftest import TEST_STORIES, run_main

VILLAGE = str(TEST_STORIES / "village_day")


def test_guide_lesson_and_export_web_take_lang(tmp_path: Path) -> None:
    guide = tmp_path / "guide.md"
    done = run_main("guide", VILLAGE, "--format", "md", "--lang", "qps", "-o", str(guide))
    assert done.returncode == 0, done.stderr
    assert pseudo("About the game") in guide.read_text(encoding="utf-8")
    assert done.stderr.startswith("«")  # 'wrote ...' in the language too
    pack = tmp_path / "pack"
    done = run_main("lesson", "--story", VILLAGE, "--lang", "qps", "-o", str(pack))
    assert done.returncode == 0, done.stderr
    assert pseudo("Lesson plan: one family's way home") in (pack / "plan.html").read_text("utf-8")
    page = tmp_path / "web.html"
    done = run_main("export-web", VILLAGE, "--lang", "qps", "-o", str(page))
    assert done.returncode == 0, done.stderr
    assert '<html lang="qps">' in page.read_text(encoding="utf-8")


def test_report_takes_lang_and_says_its_errors_in_it(tmp_path: Path) -> None:
    done = run_main("report", str(tmp_path / "none"), "--story", VILLAGE, "--lang", "qps")
    assert done.returncode == 1
    assert pseudo("no such file or folder") in done.stderr
    assert "Traceback" not in done.stderr


def test_without_lang_the_tools_write_english(tmp_path: Path) -> None:
    guide = tmp_path / "guide.md"
    done = run_main("guide", VILLAGE, "--format", "md", "-o", str(guide))
    assert done.returncode == 0, done.stderr
    text = guide.read_text(encoding="utf-8")
    assert "## About the game" in text and "«" not in text
