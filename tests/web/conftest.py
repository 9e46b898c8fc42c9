"""Figures the browser-edition tests report at the end of the run (compared steps, sizes)."""

from __future__ import annotations

from typing import Any

FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if FIGURES:
        terminalreporter.section("browser edition")
        for line in FIGURES:
            terminalreporter.write_line(line)
