"""Line coverage of the game, per package, from coverage.py's JSON report; CI's gate.

usage: python -m devtools.coverage_report COVERAGE_JSON [--fail-under PERCENT]

Prints one line per package of ``game/`` (the engine, the window, the tools, the
shared session, the top-level modules) and the total, and exits 1 when the total is
under ``--fail-under`` (85 by default). ``.ci/run`` writes the JSON with
``pytest --cov=game --cov-report=json:FILE``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import PurePosixPath
from typing import Any

FAIL_UNDER = 85.0


def package_of(filename: str) -> str:
    """``game/engine/runner.py`` -> ``game/engine``; ``game/cli.py`` -> ``game``."""
    parts = PurePosixPath(filename.replace("\\", "/")).parts
    start = parts.index("game") if "game" in parts else 0
    inside = parts[start:-1]
    return "/".join(inside[:2]) if inside else "game"


def by_package(report: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Package -> (covered lines, statements)."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for filename, data in report["files"].items():
        summary = data["summary"]
        entry = totals[package_of(filename)]
        entry[0] += summary["covered_lines"]
        entry[1] += summary["num_statements"]
    return {name: (c, n) for name, (c, n) in sorted(totals.items())}


def percent(covered: int, statements: int) -> float:
    return 100.0 * covered / statements if statements else 100.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json_file")
    parser.add_argument("--fail-under", type=float, default=FAIL_UNDER)
    args = parser.parse_args(argv)
    with open(args.json_file, encoding="utf-8") as handle:
        report = json.load(handle)
    packages = by_package(report)
    for name, (covered, statements) in packages.items():
        print(f"coverage {name:<14} {percent(covered, statements):5.1f}%  ({statements} lines)")
    covered = sum(c for c, _ in packages.values())
    statements = sum(n for _, n in packages.values())
    total = percent(covered, statements)
    print(f"coverage {'total':<14} {total:5.1f}%  ({statements} lines)")
    if total < args.fail_under:
        print(f"coverage: {total:.1f}% is under {args.fail_under:.0f}%", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
