"""The browser edition without a browser: the exported file, its safety rules, its contrast."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game.engine.loader import load_story_sources
from game.tools.export_web import MAX_BYTES, WEB_DIR, build_page
from tests.conftest import STORY_DIR, TEST_STORIES, run_main


def test_export_web_writes_one_self_contained_file(tmp_path: Path) -> None:
    out = tmp_path / "game.html"
    done = run_main("export-web", "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert len(page.encode("utf-8")) <= MAX_BYTES
    # Nothing is fetched: no external URL in any src, href or url(...).
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert not re.search(r"url\((?!data:)", page)
    assert "connect-src 'none'" in page
    assert "@font-face" in page and "data:image/svg+xml;base64," in page
    assert '"classroom":false' in page
    classroom = tmp_path / "class.html"
    assert run_main("export-web", "--classroom", "-o", str(classroom)).returncode == 0
    assert '"classroom":true' in classroom.read_text(encoding="utf-8")


def test_export_web_refuses_a_story_with_lint_errors(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(TEST_STORIES / "two_tickets", folder)
    chapter = folder / "tickets.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("goto: home", "goto: hoem"))
    out = tmp_path / "game.html"
    done = run_main("export-web", str(folder), "-o", str(out))
    assert done.returncode == 1
    assert "E022" in done.stderr and "hoem" in done.stderr and "Nothing was written" in done.stderr
    assert not out.exists()


def test_story_text_cannot_close_the_script_that_holds_it(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    shutil.copytree(TEST_STORIES / "two_tickets", folder)
    chapter = folder / "tickets.yaml"
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace(
            '"Hard seat, Chongqing', '</script><script>alert(1)</script> <!-- "Hard seat, Chongqing'
        )
    )
    story, diagnostics, sources = load_story_sources(folder)
    assert story is not None, diagnostics
    page = build_page(story, sources)
    template = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    assert page.count("</script>") == template.count("</script>")
    assert "<!--" not in page.split("<body>")[1]
    assert "<\\/script><script>alert(1)<\\/script>" in page


def test_the_front_end_never_inserts_html() -> None:
    for path in WEB_DIR.glob("*.js"):
        source = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in source, f"{path.name} uses {sink}"


def _colours(block: str) -> dict[str, tuple[float, float, float]]:
    found = {}
    for name, value in re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{3,6})\s*;", block):
        value = value.lstrip("#")
        if len(value) == 3:
            value = "".join(c * 2 for c in value)
        found[name] = tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return found  # type: ignore[return-value]


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("theme", ["default", "contrast"])
def test_text_colours_meet_wcag_aa_in_both_themes(theme: str) -> None:
    css = (WEB_DIR / "style.css").read_text(encoding="utf-8")
    base = _colours(css[css.index(":root {") : css.index("}", css.index(":root {"))])
    if theme == "contrast":
        start = css.index(":root.contrast {")
        base.update(_colours(css[start : css.index("}", start)]))
    pairs = [
        ("text", "panel-solid"),
        ("dim", "panel-solid"),
        ("accent", "panel-solid"),
        ("locked", "panel-solid"),
        ("gain", "panel-solid"),
        ("loss", "panel-solid"),
        ("button-text", "button"),
        ("button-text", "button-hover"),
        ("accent", "button"),
        ("text", "bg"),
    ]
    for fg, bg in pairs:
        ratio = contrast(base[fg], base[bg])
        assert ratio >= 4.5, f"{theme}: {fg} on {bg} is {ratio:.2f}:1"
    # Focus outlines and meter fills are non-text: 3:1 against the panel.
    for part in ("focus", "fill"):
        assert contrast(base[part], base["panel-solid"]) >= 3


def test_the_shipped_story_fits_the_size_budget() -> None:
    story, _, sources = load_story_sources(STORY_DIR)
    assert story is not None
    assert len(build_page(story, sources).encode("utf-8")) <= MAX_BYTES


def test_export_web_bakes_a_mod_in(tmp_path: Path) -> None:
    out = tmp_path / "modded.html"
    mod = Path(__file__).resolve().parent.parent.parent / "mods" / "night_train"
    done = run_main("export-web", "--mod", str(mod), "-o", str(out))
    assert done.returncode == 0, done.stderr
    plain = tmp_path / "plain.html"
    assert run_main("export-web", "-o", str(plain)).returncode == 0
    assert '"mods":[{"id":"night_train","version":"1.1.0"}]' in out.read_text(encoding="utf-8")
    assert out.stat().st_size > plain.stat().st_size
