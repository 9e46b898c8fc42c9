"""What the story files that could not be read may mention.

When one file of a story is broken, the others still load and are checked, but a
scene that only the broken file leads to looks unreachable, a 'goto' to a scene
defined there looks unknown, and a variable used only there looks unused. Those
are knock-on problems: they go away when the file is fixed, and listing them hides
the one real error among false ones. :class:`Unread` collects the names written in
the unread files (any word at all, since the file's structure is unknown), so that
the cross-file checks stay silent about exactly those names and keep the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Unread"]

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass
class Unread:
    """The names written in the files that failed to read (none failed: empty)."""

    words: set[str] = field(default_factory=set)
    #: A file failed whose text is unknown (not UTF-8, too big, unreadable).
    unknown: bool = False
    #: Display names of the files that failed.
    files: list[str] = field(default_factory=list)

    def add(self, name: str, text: str | None) -> None:
        """Note that file ``name`` could not be read; ``text`` is its text if known."""
        self.files.append(name)
        if text:
            self.words.update(_WORD.findall(text))
        else:
            self.unknown = True

    @property
    def any(self) -> bool:
        """Whether any file failed to read."""
        return bool(self.files)

    def may_mention(self, name: str) -> bool:
        """Whether an unread file may use ``name`` (a scene id or a variable)."""
        return self.unknown or name in self.words
