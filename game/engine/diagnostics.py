"""Diagnostics: the located problems that loading and validating a story report.

Every stage returns problems as data; nothing deep in the engine prints or raises
for bad input. A diagnostic prints as ``file:line:col: severity CODE: message``, with
any terminal control character in it (a message may quote the story) written as a
visible escape by :func:`escape_controls`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]

#: Characters a terminal may act on rather than show: C0 controls except tab and line
#: feed, DEL, and the C1 controls (U+0080-U+009F, which include CSI and NEL).
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape_controls(text: str) -> str:
    """``text`` with every terminal control character written as a visible escape.

    ``"\\x1b[2J"`` (clear the screen) prints as the six characters ``\\x1b[2J``, so
    nothing in a story or a mod can act on the player's terminal.
    """
    if CONTROL_RE.search(text) is None:
        return text
    return CONTROL_RE.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in a story file, with its place and a message that says how to fix it."""

    code: str
    severity: Severity
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return escape_controls(
            f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code}: {self.message}"
        )

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.file, d.line, d.column, d.code)
