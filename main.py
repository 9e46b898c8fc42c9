"""Last Train Home from a source checkout: ``python main.py`` does what ``last-train-home`` does.

The command line itself is ``game/cli.py`` (the installed package's console command runs
the same ``main()``); this file only lets a checkout run it without installing.
"""

from __future__ import annotations

import sys

from game.cli import run

if __name__ == "__main__":
    sys.exit(run())
