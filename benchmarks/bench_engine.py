"""Engine benchmark: load+validate times and random-playthrough speed. Prints figures.

    python benchmarks/bench_engine.py           # shipped story, 1,000 and 10,000 scenes
    python benchmarks/bench_engine.py --quick   # fewer repeats (used by CI)

"Cold" is a fresh Python process loading the story once (nothing cached, modules
imported before the clock starts); "warm" is a second load in the same process.
"Cached" is a fresh process loading the same story through its compiled form
(game/engine/compiled.py: load_story_cached, the cache already written and up to
date). Targets on a 2-core machine: 10,000 scenes in under 1.5 s cold; a cached
load at most a tenth of a cold one; 40,000 random choices per second on 1,000 scenes.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.engine import load_story  # noqa: E402
from game.tools.randomtest import random_test  # noqa: E402
from game.tools.synthetic import write_synthetic_story  # noqa: E402

COLD_SNIPPET = """
import sys, time
sys.path.insert(0, {root!r})
from game.engine import load_story
started = time.perf_counter()
story, diagnostics = load_story({folder!r})
elapsed = time.perf_counter() - started
assert story is not None, [str(d) for d in diagnostics if d.severity == "error"][:5]
print(elapsed)
"""


CACHED_SNIPPET = """
import sys, time
sys.path.insert(0, {root!r})
from game.engine import load_story_cached
started = time.perf_counter()
story, diagnostics = load_story_cached({folder!r}, (), {cache!r})
elapsed = time.perf_counter() - started
assert story is not None
print(elapsed)
"""


def cached_load(folder: Path, cache: Path, repeats: int) -> list[float]:
    """Fresh processes loading ``folder`` through an up-to-date compiled cache."""
    from game.engine import load_story_cached

    load_story_cached(folder, (), cache)  # writes the cache
    return cold_load(folder, repeats, CACHED_SNIPPET, cache)


def cold_load(
    folder: Path, repeats: int, snippet: str = COLD_SNIPPET, cache: Path | None = None
) -> list[float]:
    times = []
    for _ in range(repeats):
        code = snippet.format(root=str(ROOT), folder=str(folder), cache=str(cache))
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        times.append(float(result.stdout.strip()))
    return times


def warm_load(folder: Path, repeats: int) -> list[float]:
    load_story(folder)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        load_story(folder)
        times.append(time.perf_counter() - started)
    return times


def describe(times: list[float]) -> str:
    spread = f"min {min(times):.3f}, max {max(times):.3f}, n={len(times)}"
    return f"median {statistics.median(times):.3f} s ({spread})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    repeats = 2 if args.quick else 5
    print(f"Python {sys.version.split()[0]} on {sys.platform}")
    targets = [("shipped story", ROOT / "story")]
    with tempfile.TemporaryDirectory() as tmp:
        for scenes in (1000, 10000):
            folder = write_synthetic_story(Path(tmp) / f"synthetic-{scenes}", scenes, seed=1)
            size = sum(p.stat().st_size for p in folder.iterdir()) / 1_000_000
            targets.append((f"{scenes:,} scenes ({size:.1f} MB)", folder))
        for name, folder in targets:
            story, diagnostics = load_story(folder)
            if story is None:
                print(f"{name}: does not load ({len(diagnostics)} diagnostics); skipped")
                continue
            print(f"load+validate {name}:")
            cold = cold_load(folder, repeats)
            print(f"  cold    {describe(cold)}")
            print(f"  warm    {describe(warm_load(folder, repeats))}")
            cached = cached_load(folder, Path(tmp) / f"cache-{len(name)}", repeats)
            ratio = statistics.median(cold) / statistics.median(cached)
            print(f"  cached  {describe(cached)}: {ratio:.0f}x faster than cold")
        story, _ = load_story(Path(tmp) / "synthetic-1000")
        assert story is not None
        runs = 2000 if args.quick else 10000
        report = random_test(story, runs, seed=1)
        print(
            f"random playthroughs on 1,000 scenes: {report.runs:,} playthroughs,"
            f" {report.choices:,} choices in {report.seconds:.2f} s ="
            f" {report.choices / report.seconds:,.0f} choices/s,"
            f" {report.runs / report.seconds:,.0f} playthroughs/s"
        )
        if report.failures:
            print(f"  ({len(report.failures)} failures: synthetic stories may loop)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
