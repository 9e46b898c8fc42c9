"""The font subsetter: what the Chinese fonts must hold, and that it writes only when
told to (the report-only run needs fontTools and Debian's Noto CJK fonts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools import subset_fonts
from game.paths import FONTS_DIR, STORY_DIR


def test_gb2312_level_1_is_the_3755_common_characters() -> None:
    level1 = subset_fonts.gb2312_level1()
    assert len(level1) == len(set(level1)) == 3755
    assert level1[0] == "啊" and level1[-1] == "座"
    assert "，" in subset_fonts.gb2312_symbols() and "Ａ" in subset_fonts.gb2312_symbols()


def test_translations_and_story_files_count(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text("title: 归途\n", encoding="utf-8")
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "zh_CN.po").write_text('msgstr "龘 Ж"\n', encoding="utf-8")
    files = subset_fonts.text_sources(tmp_path)
    assert tmp_path / "locales" / "zh_CN.po" in files
    found = subset_fonts.written_characters(files)
    assert {"归", "途", "龘", "Ж"} <= found
    assert not found & set("title msgr")  # Latin stays in the Latin fonts
    assert {"龘", "归"} <= subset_fonts.cjk_required(tmp_path)


def test_a_report_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("fontTools")
    sources = [source for source, _family in subset_fonts.CJK_SOURCES.values()]
    if not all(Path(source).is_file() for source in sources):
        pytest.skip("fonts-noto-cjk is not installed")
    before = {p.name: p.stat().st_mtime_ns for p in FONTS_DIR.iterdir()}
    assert subset_fonts.main(["--story", str(STORY_DIR)]) == 0
    out = capsys.readouterr().out
    assert {p.name: p.stat().st_mtime_ns for p in FONTS_DIR.iterdir()} == before
    for name in subset_fonts.CJK_SOURCES:
        assert f"{name}: unchanged" in out, out
