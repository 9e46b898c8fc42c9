"""The browser edition in the pseudo-language: its interface words come from the page's
strings table, and nothing a player reads is left in English but the story.

Without a browser: every word of web/index.html is a ``{{word}}`` export-web
translates; every string in web/app.js that a player could read is a ``t()`` call (a
small allow list of what is not words: CSS classes, element names, keys, ids); an
English page embeds no strings and writes today's English; a ``qps`` page embeds every
``t()`` string marked. In headless Chromium (skipped without it, like
tests/web/test_browser.py): the qps page played to its ending with every dialog open
shows no unmarked English outside the story's own text.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from game import i18n
from game.engine import load_story_sources
from game.tools.export_web import WEB_DIR, build_page
from game.tools.web_strings import (
    add_web_messages,
    page_messages,
    script_messages,
    unmarked_words,
    web_messages,
)
from tests.conftest import ROOT, TEST_STORIES
from tests.i18n.unmarked import story_corpus, unmarked

NODE = shutil.which("node")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PLAYWRIGHT = ROOT / "web" / "node_modules" / "playwright-core"
VILLAGE = TEST_STORIES / "village_day"

#: Strings in app.js that are not words a person reads: element and attribute names,
#: CSS classes, storage keys, setting values, event and key names, file name parts.
NOT_WORDS = re.compile(
    r"^([a-z][a-z0-9-]*|[a-z]+[A-Z]\w*|[#.:@\[\]\w\-=' ()>,*\"]*\w[\w-]*\]?|"
    r"application/json|last-train-home decisions|\(prefers-reduced-motion: reduce\)|"
    r"button:not\(\[aria-disabled=\"true\"\]\)|select, input, textarea|button, a, label|"
    r"dialog\[open\]|\[data-act\]|button, a, label)$"
)


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def page_for(lang: str, classroom: bool = False) -> str:
    i18n.set_language(lang)
    story, diagnostics, sources = load_story_sources(VILLAGE)
    assert story is not None, diagnostics
    return build_page(story, sources, classroom)


def config_of(page: str) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="config-data">(.*?)</script>', page)
    assert found is not None
    data = json.loads(found.group(1))
    assert isinstance(data, dict)
    return data


def test_every_word_of_the_page_template_is_marked() -> None:
    template = (WEB_DIR / "index.html").read_text(encoding="utf-8")
    left = [w for w in unmarked_words(template) if re.search(r"[A-Za-z]{2}", w)]
    # The key letters on the buttons, and the game's title (replaced by the story's).
    assert left == ["Last Train Home"]
    assert len(page_messages(template)) >= 50


def test_every_readable_string_of_the_script_goes_through_t() -> None:
    source = (WEB_DIR / "app.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.DOTALL)
    marked = {m.english for m in script_messages(source)}
    literals = re.findall(r'"((?:[^"\\\n]|\\.)*)"|`([^`]*)`', code)
    readable = []
    for double, template in literals:
        text = double or template
        if not text or text in marked or NOT_WORDS.match(text):
            continue
        words = re.sub(r"\$\{[^}]*\}", " ", text)
        if re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{2,}", words):
            readable.append(text)
    assert readable == []
    assert len(marked) >= 60


def test_an_english_page_embeds_no_strings_and_reads_as_before() -> None:
    page = page_for("en")
    config = config_of(page)
    assert config["strings"] == {} and config["lang"] == "en"
    assert '<html lang="en">' in page
    assert ">New game</button>" in page and "{{" not in page.split("<style>")[0]
    assert ">Where the money went</h3>" in page


def test_a_pseudo_page_embeds_every_string_marked() -> None:
    page = page_for("qps", classroom=True)
    config = config_of(page)
    strings = config["strings"]
    assert isinstance(strings, dict)
    script = (WEB_DIR / "app.js").read_text(encoding="utf-8")
    assert set(strings) == {m.english for m in script_messages(script)}
    assert strings["Saved in {slot}."] == i18n.pseudo("Saved in {slot}.")
    assert all(str(v).startswith("«") and str(v).endswith("»") for v in strings.values())
    assert '<html lang="qps">' in page and config["classroom"] is True
    assert f">{i18n.pseudo('New game')}</button>" in page
    body = page.split("<body>")[1].split('<script type="application/json"')[0]
    assert "{{" not in body


def test_a_translation_with_markup_stays_text_in_the_page() -> None:
    """A catalogue is data: a translation with markup in it is escaped in the HTML and
    inserted as text by the script (t() results go into textContent)."""
    i18n.set_language("qps")
    page = page_for("qps")
    assert "<script>" not in page.split("<body>")[1].split("<script type=")[0]


def test_the_web_strings_join_the_interface_catalogue() -> None:
    template = Catalog()
    template.add("Ledger", locations=[("game/ui/screens/ledger.py", 10)])
    added = add_web_messages(template)
    assert added == len(web_messages())
    ledger = template.get("Ledger")
    assert ledger is not None and ("web/index.html", ledger.locations[-1][1]) in ledger.locations
    saved = template.get("Saved in {slot}.")
    assert saved is not None and saved.locations[0][0] == "web/app.js"
    assert "python-brace-format" in saved.flags


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.skipif(not PLAYWRIGHT.is_dir(), reason="playwright-core is not installed")
@pytest.mark.parametrize("classroom", [False, True], ids=["play", "classroom"])
def test_the_pseudo_page_in_a_browser_shows_no_unmarked_english(
    classroom: bool, tmp_path: Path
) -> None:
    page = tmp_path / "qps.html"
    page.write_text(page_for("qps", classroom), encoding="utf-8")
    plan = {"page": str(page), "chromium": CHROMIUM, "choices": 6}
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    done = subprocess.run(
        [str(NODE), str(ROOT / "tests" / "web" / "pseudo.mjs"), str(plan_file)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["errors"] == [] and report["lang"] == "qps"
    corpus = story_corpus(VILLAGE)
    screens: dict[str, list[str]] = report["screens"]
    assert {"title", "scene 0", "ledger", "saves", "settings", "ending"} <= set(screens)
    for name, texts in screens.items():
        # The key letters and the number of a choice are not words; the game's title is a name.
        left = [u for text in texts for u in unmarked(text, corpus)]
        assert left == [], name
