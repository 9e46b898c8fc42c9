"""The base class of the game's own exceptions.

Every exception the project defines for a known, explainable failure derives from
:class:`LastTrainHomeError`: a damaged save (``SaveError``), a file that cannot be
read or written safely (``StorageError``), a bad decision record (``RecordError``),
a save slot that will not load (``LoadFailed``), a start that cannot be made
(``StartError``), a bad expression (``ExprError``), bad lesson places
(``PlacesError``), a screenshot that cannot be rendered (``ShotError``), a class vote
that cannot be counted (``CountError``), a YAML problem on its way to a diagnostic
(``YamlProblem``). Each carries a message a player or writer can read. So a front end
can tell "the game explained this" from "the game has a bug": anything else that
reaches the top is unexpected and gets a crash report (:mod:`game.crash`).

A leaf: it imports nothing, so every layer (the engine included) may use it.
Internal control-flow signals (``yamlfast.NotSimple``) are not errors and do not
derive from it.
"""

from __future__ import annotations


class LastTrainHomeError(Exception):
    """A failure the game knows about and can explain in its message."""
