"""How much a language costs when the story loads. Prints figures.

    python benchmarks/languages.py            # 7 repeats
    python benchmarks/languages.py --quick    # 3 repeats

The shipped story is copied to a temporary folder with a complete zh_CN catalogue (every
one of its strings translated: each msgstr is the English with Chinese brackets round it,
so the file has the size a real translation would), then loaded in English, in zh_CN and
in the pseudo-language qps, directly (load_story: read, build, validate, translate) and
through the compiled cache (load_story_cached, as ``play`` does). Each figure is the
median of the repeats, in the same process.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.pofile import write_po  # noqa: E402

from game.engine import (  # noqa: E402
    load_story,
    load_story_cached,
    story_catalog,
    story_strings,
)
from game.paths import STORY_DIR  # noqa: E402

LANGUAGES = ("en", "zh_CN", "qps")


def median_ms(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def full_catalogue(folder: Path) -> tuple[Path, int]:
    story, diagnostics = load_story(folder)
    assert story is not None, diagnostics
    catalog = Catalog(locale="zh_CN", fuzzy=False)
    strings = story_strings(story)
    for string in strings:
        translated = "\n\n".join(f"「{p}」" for p in string.english.split("\n\n"))
        catalog.add(string.english, translated, context=string.context)
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    path = folder / "locales" / "zh_CN.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path, len(strings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    repeats = 3 if parser.parse_args().quick else 7
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "story"
        shutil.copytree(STORY_DIR, folder, ignore=shutil.ignore_patterns("locales"))
        po, count = full_catalogue(folder)
        cache = Path(tmp) / "cache"
        load_story_cached(folder, (), cache)  # write the cache once
        english, _ = load_story(folder)
        assert english is not None
        print(f"shipped story: {count:,} strings; zh_CN.po {po.stat().st_size / 1e6:.2f} MB")
        read = median_ms(lambda: story_catalog(english, "zh_CN"), repeats)
        print(f"  reading the zh_CN catalogue alone: {read:7.1f} ms")
        print(f"  {'language':<8} {'load_story':>12} {'cached load':>12}")
        for lang in LANGUAGES:
            code = None if lang == "en" else lang
            direct = median_ms(lambda c=code: load_story(folder, lang=c), repeats)  # type: ignore[misc]
            cached = median_ms(
                lambda c=code: load_story_cached(folder, (), cache, lang=c),  # type: ignore[misc]
                repeats,
            )
            print(f"  {lang:<8} {direct:9.1f} ms {cached:9.1f} ms")


if __name__ == "__main__":
    main()
