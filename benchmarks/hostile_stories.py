"""Hostile stories: does any of them crash, hang or balloon `lint` or `randomtest`?

Generates story folders of the kinds that once broke the game (deep brackets, sums of
a thousand terms, literals of thousands of digits, overflowing effects, absurd
weights, chance() outside 0-1, tags that do not convert, tabs and brackets inside
text, deep YAML, hundreds of thousands of keys, stories without an ending or with a
loop, expression token soup) and runs ``main.py lint`` and a short
``main.py randomtest`` on each, every run in its own process with a time limit and a
memory cap. Prints the counts: cases, runs, tracebacks, hangs over 10 s, runs killed
by the memory cap, and the peak memory of any run.

    python benchmarks/hostile_stories.py            # every case
    python benchmarks/hostile_stories.py --quick    # without the slowest sizes
    python benchmarks/hostile_stories.py --keep DIR # keep the generated folders

A clean result is 0 tracebacks, 0 hangs, 0 killed and a peak under 500 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_CAP = 2 * 1024**3  # bytes of address space for each run
TIME_LIMIT = 30.0  # seconds before a run is killed
HANG = 10.0  # seconds that count as a hang

STORY = """\
format: 1
id: hostile
title: Hostile
version: '1'
start: a
chapters: [c.yaml]
variables:
  money: {type: money, initial: 100, label: Cash, hud: true}
  qin: {type: int, initial: 3, min: 0, max: 10, label: Qin, hud: true}
  gone: {type: bool}
ledger:
  tickets: Tickets
"""

CHAPTER = """\
chapter: 1
title: One
scenes:
  a:
    text: Hello {money}.
    choices:
      - text: Go
        if: 'COND'
        effects: ['EFFECT']
        goto: b
      - text: Stay
        outcomes:
          - weight: WEIGHT
            goto: a
          - weight: 1
            goto: b
  b:
    text: Qin {qin}.
    next: c
  c:
    ending:
      title: End
"""


def chapter(
    cond: str = "qin >= 0", effect: str = 'money -= 1 "Fare" [tickets]', weight: str = "1"
) -> str:
    return CHAPTER.replace("COND", cond).replace("EFFECT", effect).replace("WEIGHT", weight)


def cases(quick: bool) -> Iterator[tuple[str, dict[str, str]]]:
    """(name, {file: text}) for every hostile story."""
    yield "baseline", {"c.yaml": chapter()}
    for depth in (33, 100, 1000, 100_000):
        yield f"parens {depth}", {"c.yaml": chapter(cond="(" * depth + "qin > 1" + ")" * depth)}
        yield f"minus {depth}", {"c.yaml": chapter(effect="qin = " + "-" * depth + "1")}
        yield f"not {depth}", {"c.yaml": chapter(cond="not " * depth + "gone")}
        yield (
            f"text braces {depth}",
            {
                "c.yaml": chapter().replace(
                    "Hello {money}", "Hi {" + "(" * depth + "1" + ")" * depth + "}"
                )
            },
        )
    for terms in (100, 1000, 10_000):
        yield (
            f"sum {terms}",
            {"c.yaml": chapter(effect="money = " + " + ".join(["money"] * terms) + ' "Sum"')},
        )
        yield f"and {terms}", {"c.yaml": chapter(cond=" and ".join(["qin > 1"] * terms))}
    for digits in (16, 400, 5000, 100_000):
        yield f"literal {digits}", {"c.yaml": chapter(effect=f'money += {"9" * digits} "Big"')}
        yield f"yaml int {digits}", {"c.yaml": chapter(weight="9" * digits)}
        yield (
            f"initial {digits}",
            {
                "story.yaml": STORY.replace("initial: 100", "initial: " + "9" * digits),
                "c.yaml": chapter(),
            },
        )
    for effect in (
        'money = money * money * money * money * money "Grow"',
        'money += 999999999999 * 999999999999 * 999999999999 "Grow"',
        'money = 1 / 0.000000000001 * 1000000 "Grow"',
        'money -= 0 - money * 1000000 "Grow"',
        "qin = qin * 1000000000000 * 1000000000000",
        'money = money % 0 + money / 0 "Zero"',
    ):
        yield f"overflow {effect[:30]}", {"c.yaml": chapter(effect=effect)}
    for weight in (
        "0.00001",
        "1.0e+20",
        ".inf",
        "-.inf",
        ".nan",
        "-1",
        "1e400",
        "money * money * money",
        "0 - money",
        "'1' * 3",
    ):
        yield f"weight {weight}", {"c.yaml": chapter(weight=weight)}
    for cond in (
        "chance(30)",
        "chance(-1)",
        "chance(money)",
        "chance(1.0000001)",
        "qin > 10",
        "money < 0 and qin > 10",
    ):
        yield f"cond {cond}", {"c.yaml": chapter(cond=cond)}
    for value in (
        '!!bool "maybe"',
        '!!timestamp "soon"',
        '!!int ""',
        "!!str {a: 1}",
        '!!int "1"',
        "!!float [1]",
        "!x 1",
        "&a 1",
    ):
        yield f"tag {value}", {"c.yaml": chapter().replace("title: One", f"title: {value}")}
    yield (
        "tab in block",
        {
            "c.yaml": chapter().replace(
                "    text: Qin {qin}.", "    text: |\n      Qin\n      \tindented {qin}"
            )
        },
    )
    yield (
        "brackets in text",
        {"c.yaml": chapter().replace("Qin {qin}.", "'" + "[" * 200 + "{{" * 100 + "'")},
    )
    yield (
        "dashes in text",
        {"c.yaml": chapter().replace("    text: Qin {qin}.", "    text: |\n      " + "-" * 5000)},
    )
    yield "comment brackets", {"c.yaml": "# " + "[" * 5000 + "\n" + chapter()}
    for depth in (70, 1000, 200_000):
        yield (
            f"yaml flow depth {depth}",
            {"c.yaml": chapter() + "x: " + "[" * depth + "]" * depth + "\n"},
        )
        yield f"yaml dash depth {depth}", {"c.yaml": chapter() + "x:\n" + "- " * depth + "1\n"}
    for quote in ("'", '"'):
        yield (
            f"text of 25 MB {quote}",
            {"c.yaml": chapter().replace("Qin {qin}.", quote + "word " * 5_000_000 + quote)},
        )
    yield (
        "a million placeholders",
        {"c.yaml": chapter().replace("Qin {qin}.", "'" + "{qin} " * 1_000_000 + "'")},
    )
    yield (
        "many texts of placeholders",
        {
            "c.yaml": chapter()
            + "".join(
                f"  t{i}:\n    text: '" + f"{{qin + {i}}} " * 1500 + "'\n    next: c\n"
                for i in range(400)
            )
        },
    )
    yield (
        "many distinct conditions",
        {
            "c.yaml": chapter().replace(
                "        goto: b\n",
                "        goto: b\n"
                + "".join(
                    f"      - text: C{i}\n        if: qin + {i} * (qin - {i}) > {i} or gone\n"
                    "        goto: c\n"
                    for i in range(8000)
                ),
                1,
            )
        },
    )
    yield (
        "no ending",
        {"c.yaml": chapter().replace("    ending:\n      title: End\n", "    next: a\n")},
    )
    yield (
        "loop",
        {
            "c.yaml": chapter()
            .replace("        goto: b\n", "        goto: a\n")
            .replace("            goto: b\n", "            goto: a\n")
        },
    )
    sizes = (10_000, 100_000) if quick else (10_000, 100_000, 300_000)
    for size in sizes:
        yield (
            f"scenes {size}",
            {
                "c.yaml": chapter()
                + "".join(f"  s{i}:\n    text: Hi.\n    next: c\n" for i in range(size))
            },
        )
        yield (
            f"keys {size}",
            {
                "c.yaml": chapter().replace(
                    "    text: Qin {qin}.\n",
                    "    text: Qin.\n" + "".join(f"    k{i}: 1\n" for i in range(size)),
                )
            },
        )
        yield (
            f"flow keys {size}",
            {"c.yaml": chapter() + "x: {" + ", ".join(f"k{i}: {i}" for i in range(size)) + "}\n"},
        )
    files = {
        f"c{n}.yaml": chapter().replace("  a:", f"  a{n}:")
        + "".join(f"  f{n}_{i}:\n    text: Hi.\n    next: c\n" for i in range(6000))
        for n in range(30)
    }
    yield (
        "30 chapters of 6,000 scenes",
        {
            "story.yaml": STORY.replace(
                "chapters: [c.yaml]", f"chapters: [c.yaml, {', '.join(files)}]"
            ),
            "c.yaml": chapter(),
            **files,
        },
    )
    entries = 3500
    yield (
        "3,500 ways into one endless loop",
        {
            "story.yaml": STORY.replace("chapters: [c.yaml]", "chapters: [c.yaml, loop.yaml]"),
            "c.yaml": chapter().replace(
                "      - text: Stay\n",
                "".join(f"      - text: S{i}\n        goto: s{i}\n" for i in range(entries))
                + "      - text: Stay\n",
            ),
            "loop.yaml": "chapter: 2\ntitle: Two\nscenes:\n"
            + "".join(f"  s{i}:\n    text: x\n    next: l0\n" for i in range(entries))
            + "".join(
                f"  l{i}:\n    text: x\n    next: l{(i + 1) % entries}\n" for i in range(entries)
            ),
        },
    )
    rng = random.Random(11)
    soup = [
        "(",
        ")",
        "+",
        "-",
        "*",
        "/",
        "%",
        "==",
        "<",
        "and",
        "or",
        "not",
        "money",
        "qin",
        "gone",
        "chance",
        "min",
        "max",
        "abs",
        "round",
        "visited",
        '"a"',
        "1",
        "0.5",
        "9" * 30,
        ",",
        "true",
    ]
    for index in range(30):
        tokens = " ".join(rng.choice(soup) for _ in range(rng.randint(1, 40)))
        yield (
            f"soup {index}",
            {
                "c.yaml": chapter(
                    cond=tokens.replace("'", ""),
                    effect="money = " + tokens.replace("'", "") + ' "S"',
                )
            },
        )


def run(args: list[str], folder: Path) -> tuple[float, int, int, str]:
    """Run main.py with a memory cap; (seconds, exit code, peak KiB, stderr)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), *args, str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=err,
            preexec_fn=limit,
            cwd=ROOT,
        )
        status = 0
        usage = None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > TIME_LIMIT:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return time.perf_counter() - started, proc.returncode, usage.ru_maxrss if usage else 0, stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="leave out the largest sizes")
    parser.add_argument("--keep", default=None, help="write the folders here and keep them")
    options = parser.parse_args()
    base = Path(options.keep or tempfile.mkdtemp(prefix="hostile-"))
    counts = {"cases": 0, "runs": 0, "tracebacks": 0, "hangs": 0, "killed": 0}
    peak = 0
    slowest = {"lint": (0.0, ""), "randomtest": (0.0, "")}
    bad: list[str] = []
    for index, (name, files) in enumerate(cases(options.quick)):
        folder = base / f"case{index:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "story.yaml").write_text(files.get("story.yaml", STORY), encoding="utf-8")
        for file, text in files.items():
            (folder / file).write_text(text, encoding="utf-8")
        counts["cases"] += 1
        for args in (["lint"], ["randomtest", "-n", "50", "--seed", "1"]):
            seconds, code, rss, stderr = run(args, folder)
            counts["runs"] += 1
            peak = max(peak, rss)
            if seconds > slowest[args[0]][0]:
                slowest[args[0]] = (seconds, name)
            problem = None
            if "Traceback (most recent call last)" in stderr:
                counts["tracebacks"] += 1
                problem = "traceback: " + stderr.strip().splitlines()[-1][:160]
            elif seconds > HANG:
                counts["hangs"] += 1
                problem = f"took {seconds:.1f} s"
            elif code not in (0, 1):
                counts["killed"] += 1
                problem = f"exit {code}"
            if problem:
                bad.append(f"  {args[0]:<10} {name}: {problem}")
    if not options.keep:
        shutil.rmtree(base, ignore_errors=True)
    print(
        f"cases {counts['cases']}, runs {counts['runs']}, tracebacks {counts['tracebacks']},"
        f" hangs over {HANG:.0f} s {counts['hangs']}, killed {counts['killed']},"
        f" peak memory {peak / 1024:.0f} MB"
    )
    for command, (seconds, name) in slowest.items():
        print(f"slowest {command}: {seconds:.2f} s ({name})")
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
