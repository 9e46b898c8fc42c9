"""Hostile saves, settings and decision records: does anything stop the game?

Builds a few hundred bad files of the kinds that broke the game before (special files in
a slot's place, integers of thousands of digits, JSON nested a million deep, NaN and
Infinity, dates in the year 1 or 9999, megabyte titles, wrong types in every field,
random bytes, huge files) and reads each in its own process, as the game does at
start: the save store lists every slot and finds Continue, the settings load, and the
class report is made from the records. Each case runs in a child process with a time
limit of 10 s and an address-space limit of 2 GB, so a hang or a runaway allocation is
counted, not suffered. Prints the counts:

    cases tried, tracebacks, hangs (over 10 s), launches blocked (the good slot or
    Continue lost), median and max time (s; the slowest case of each kind is named),
    max memory (MB, peak resident size of a child)

Times are wall-clock inside a busy child process: on a loaded machine the max is
mostly scheduling noise (read the median, and rerun a slow case on its own).

The time is measured inside the child, around what the game does (listing every slot
and finding Continue; loading the settings; making the report in three formats with
the story loaded each time). Run: ``python benchmarks/hostile_saves.py`` (a few
minutes; ``--quick`` for a tenth of the cases, ``-v`` to print every case).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
UI_STORY = ROOT / "tests" / "ui" / "story"
VILLAGE = ROOT / "tests" / "stories" / "village_day"
TIME_LIMIT = 10.0
MEMORY_LIMIT = 2 * 1024**3

# The child: reads the case the way the game does and prints one line of JSON.
CHILD = r"""
import json, resource, sys, time, io
resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
kind, folder, story_dir = sys.argv[1], sys.argv[2], sys.argv[3]
from pathlib import Path
from game.engine import load_story
started = time.perf_counter()
result = {}
if kind == "save":
    from game.engine import load_save
    from game.saves import SaveStore
    story, _ = load_story(story_dir)
    started = time.perf_counter()
    store = SaveStore(story.id, Path(folder), validate=lambda r: load_save(story, r))
    infos = {info.slot: info for info in store.list_slots()}
    latest = store.latest()
    result = {
        "hostile": infos["1"].state,
        "reason": infos["1"].reason,
        "good": infos["2"].state,
        "continue": latest.slot if latest else None,
    }
elif kind == "settings":
    from game.ui.settings import SettingsStore
    started = time.perf_counter()
    settings = SettingsStore(Path(folder)).load()
    result = {"settings": settings.music_volume}
elif kind == "record":
    from game.tools.report_page import run_report
    story_ok = True
    for fmt in ("html", "md", "csv"):
        out = io.StringIO()
        status = run_report([folder], fmt, story_dir=story_dir, out=out)
        out.getvalue().encode("utf-8")
        story_ok = story_ok and status == 0
    result = {"counted": story_ok}
result["seconds"] = time.perf_counter() - started
result["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(result))
""".replace("MEMORY_CAP", str(MEMORY_LIMIT))

Maker = Callable[[Path], None]


def _write(text: str | bytes) -> Maker:
    def make(path: Path) -> None:
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return make


def _special(kind: str) -> Maker:
    def make(path: Path) -> None:
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "socket":
            with socket.socket(socket.AF_UNIX) as sock:
                sock.bind(str(path))
        elif kind == "dir":
            path.mkdir()
        elif kind == "dangling":
            path.symlink_to(path.parent / "nothing-here")
        elif kind == "loop":
            path.symlink_to(path)
        else:
            path.symlink_to(kind)

    return make


def good_save() -> dict[str, Any]:
    from game.engine import Runner, load_story

    story, _ = load_story(UI_STORY)
    assert story is not None
    runner = Runner(story, seed=3)
    while len(runner.transcript) < 6 and runner.available_choice_ids():
        runner.choose(runner.available_choice_ids()[0])
    return {
        "format_version": 1,
        "story_id": story.id,
        "story_version": story.version,
        "saved_at": "2027-03-01T10:00:00+00:00",
        "play_seconds": 61.0,
        "chapter": 1,
        "chapter_title": "Winter",
        "date": "2006-11-20",
        "money": 650,
        "runner": runner.to_json(),
    }


def good_record() -> dict[str, Any]:
    from game.engine import Runner, load_story
    from game.records import build_record

    story, _ = load_story(VILLAGE)
    assert story is not None
    runner = Runner(story, 4)
    start = dict(runner.vars)
    while not runner.is_ending:
        runner.choose(runner.available_choice_ids()[0])
    return build_record(story, runner, start, classroom=True)


ODD_VALUES: list[tuple[str, str]] = [
    ("null", "null"),
    ("true", "true"),
    ("list", "[1, 2]"),
    ("dict", '{"a": 1}'),
    ("string", '"x"'),
    ("float", "1.5"),
    ("negative", "-1"),
    ("int-19-digits", "9" * 19),
    ("int-4300-digits", "9" * 4300),
    ("int-5000-digits", "9" * 5000),
    ("int-100000-digits", "9" * 100_000),
    ("NaN", "NaN"),
    ("Infinity", "Infinity"),
    ("-Infinity", "-Infinity"),
    ("1e999", "1e999"),
    ("float-5000-digits", "0." + "1" * 5000),
    ("megabyte-string", json.dumps("x" * 1_000_000)),
    ("lone-surrogate", '"\\ud800"'),
    ("control-chars", '"\\u001b[2J\\u0007"'),
    ("deep-list", "[" * 5000 + "]" * 5000),
    ("year-1", '"0001-01-01T00:00:00+05:00"'),
    ("year-9999", '"9999-12-31T23:59:59-05:00"'),
]


def with_field(data: dict[str, Any], path: tuple[str | int, ...], raw: str) -> str:
    """``data`` as JSON with the value at ``path`` replaced by the raw JSON text ``raw``."""
    marker = "@@HOSTILE@@"
    copy = json.loads(json.dumps(data))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = marker
    return json.dumps(copy).replace(json.dumps(marker), raw)


def raw_cases(rng: random.Random) -> Iterator[tuple[str, Maker]]:
    """Files that are bad whatever they are meant to hold."""
    for kind in ("fifo", "socket", "dir", "dangling", "loop", "/dev/zero", "/dev/urandom"):
        yield f"special:{kind}", _special(kind)
    yield "empty", _write(b"")
    yield "bom-only", _write(b"\xef\xbb\xbf")
    yield "utf16", _write('{"a": 1}'.encode("utf-16"))
    yield "latin1", _write(b'{"a": "\xe9"}')
    for depth in (100, 1000, 100_000, 1_000_000):
        yield f"deep-list-{depth}", _write("[" * depth + "]" * depth)
        yield f"deep-dict-{depth}", _write('{"a":' * depth + "1" + "}" * depth)
        yield f"deep-unclosed-{depth}", _write("[" * depth)
    yield "int-1M-digits", _write("9" * 1_000_000)
    yield "many-small-numbers", _write("[" + "1," * 1_900_000 + "1]")
    yield "many-strings", _write("[" + '"",' * 1_300_000 + '""]')
    yield "many-keys", _write("{" + ",".join(f'"{i}":0' for i in range(300_000)) + "}")
    yield "5MB-spaces", _write(b" " * 5_000_000)
    yield "60MB-zeros", _write(b"\x00" * 60_000_000)
    for index in range(20):
        size = rng.choice([1, 10, 100, 1000, 10_000])
        yield f"random-bytes-{index}", _write(rng.randbytes(size))


def save_cases(rng: random.Random) -> Iterator[tuple[str, Maker]]:
    yield from raw_cases(rng)
    good = good_save()
    for key in good:
        if key == "runner":
            continue
        for name, raw in ODD_VALUES:
            yield f"{key}={name}", _write(with_field(good, (key,), raw))
    for key in ("format", "story_id", "seed", "step", "scene", "date", "variables", "visited"):
        for name, raw in ODD_VALUES:
            yield f"runner.{key}={name}", _write(with_field(good, ("runner", key), raw))
    for var in list(good["runner"]["variables"])[:3]:
        for name, raw in ODD_VALUES:
            yield (
                f"runner.variables.{var}={name}",
                _write(with_field(good, ("runner", "variables", var), raw)),
            )
    for key in ("ledger", "transcript", "undo"):
        for name, raw in [("rows-of-garbage", "[[1],[2,3]]"), *ODD_VALUES[:8]]:
            yield f"runner.{key}={name}", _write(with_field(good, ("runner", key), raw))
    yield "missing-runner", _write(json.dumps({k: v for k, v in good.items() if k != "runner"}))
    yield "other-story", _write(json.dumps({**good, "story_id": "another"}))


def settings_cases(rng: random.Random) -> Iterator[tuple[str, Maker]]:
    yield from raw_cases(rng)
    base = {"music_volume": 30, "window_size": [1280, 720], "text_speed": "fast"}
    for key in ("music_volume", "window_size", "text_speed", "fullscreen"):
        for name, raw in ODD_VALUES:
            yield f"{key}={name}", _write(with_field({**base, key: 0}, (key,), raw))


def record_cases(rng: random.Random) -> Iterator[tuple[str, Maker]]:
    yield from raw_cases(rng)
    good = good_record()
    for key in ("seed", "finished_at", "story_version", "ending", "meters", "money"):
        for name, raw in ODD_VALUES:
            yield f"{key}={name}", _write(with_field(good, (key,), raw))
    for key in ("step", "chapter", "scene", "choice", "text", "date"):
        for name, raw in ODD_VALUES:
            yield f"decisions[0].{key}={name}", _write(with_field(good, ("decisions", 0, key), raw))
    if good["meters"]:
        for name, raw in ODD_VALUES:
            yield f"meters[0].end={name}", _write(with_field(good, ("meters", 0, "end"), raw))
    for text in ("\r=cmd|' /C calc'!A0", "a\rb\rc", "<script>alert(1)</script>", "\ud800"):
        data = json.loads(json.dumps(good))
        data["decisions"][0]["text"] = text
        yield f"decision text {text[:12]!r}", _write(json.dumps(data))


def prepare(kind: str, name: str, make: Maker, base: Path, good: str) -> Path:
    folder = Path(tempfile.mkdtemp(dir=base))
    if kind == "save":
        make(folder / "slot-1.json")
        (folder / "slot-2.json").write_text(good, encoding="utf-8")
        os.utime(folder / "slot-2.json", (time.time() - 3600, time.time() - 3600))
    elif kind == "settings":
        make(folder / "settings.json")
    else:
        (folder / "a-good-record.json").write_text(good, encoding="utf-8")
        make(folder / "hostile.json")
    return folder


def run_case(kind: str, folder: Path) -> dict[str, Any]:
    story = str(UI_STORY if kind == "save" else VILLAGE)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, kind, str(folder), story],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=TIME_LIMIT,
        )
    except subprocess.TimeoutExpired:
        return {"hang": True, "wall": time.perf_counter() - started}
    if done.returncode != 0 or not done.stdout.strip():
        return {"traceback": done.stderr.strip().splitlines()[-1:] or ["(no output)"]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def blocked(kind: str, result: dict[str, Any]) -> bool:
    """The case kept the game from working: the good save lost, Continue gone, no report."""
    if kind == "save":
        return result.get("good") != "ok" or result.get("continue") is None
    if kind == "record":
        return not result.get("counted")
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the cases")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every case")
    parser.add_argument("--jobs", type=int, default=min(8, os.cpu_count() or 1))
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    rng = random.Random(20261202)
    goods = {
        "save": json.dumps(good_save()),
        "settings": "",
        "record": json.dumps(good_record()),
    }
    makers = {"save": save_cases, "settings": settings_cases, "record": record_cases}
    base = Path(tempfile.mkdtemp(prefix="lth-hostile-"))
    cases: list[tuple[str, str, Path]] = []
    try:
        for kind, cases_of in makers.items():
            for index, (name, make) in enumerate(cases_of(rng)):
                if args.quick and index % 10:
                    continue
                cases.append((kind, name, prepare(kind, name, make, base, goods[kind])))
        counts = {"tried": 0, "tracebacks": 0, "hangs": 0, "blocked": 0}
        worst_time = 0.0
        worst_memory = 0
        slowest: dict[str, tuple[float, str]] = {}
        times: list[float] = []
        damaged_saves = 0
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = pool.map(lambda case: run_case(case[0], case[2]), cases)
            for (kind, name, _), result in zip(cases, results, strict=True):
                counts["tried"] += 1
                if result.get("hang"):
                    counts["hangs"] += 1
                    print(f"HANG      {kind} {name}")
                    continue
                if "traceback" in result:
                    counts["tracebacks"] += 1
                    print(f"TRACEBACK {kind} {name}: {result['traceback']}")
                    continue
                if blocked(kind, result):
                    counts["blocked"] += 1
                    print(f"BLOCKED   {kind} {name}: {result}")
                damaged_saves += kind == "save" and result.get("hostile") == "damaged"
                worst_time = max(worst_time, result["seconds"])
                times.append(result["seconds"])
                if result["seconds"] > slowest.get(kind, (-1.0, ""))[0]:
                    slowest[kind] = (result["seconds"], name)
                worst_memory = max(worst_memory, result["maxrss_kb"])
                if args.verbose:
                    print(f"ok        {kind} {name}: {result.get('reason') or ''}")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    saves = sum(1 for kind, _, _ in cases if kind == "save")
    print(
        f"cases tried: {counts['tried']} ({saves} saves, of which {damaged_saves} damaged)\n"
        f"tracebacks: {counts['tracebacks']}\n"
        f"hangs (over {TIME_LIMIT:.0f} s): {counts['hangs']}\n"
        f"launches blocked: {counts['blocked']}\n"
        f"median time: {statistics.median(times) if times else 0.0:.4f} s\n"
        f"max time: {worst_time:.3f} s ("
        + ", ".join(f"{kind} {t:.3f} s: {name}" for kind, (t, name) in slowest.items())
        + ")\n"
        f"max memory: {worst_memory / 1024:.0f} MB"
    )
    return 0 if counts["tracebacks"] == counts["hangs"] == counts["blocked"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
