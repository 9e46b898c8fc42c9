"""Where the game's files are: the shipped story, art, example mods, schema and player data.

The one module that knows the layout, so nothing else works it out from ``__file__``.
The game runs from three layouts:

``checkout``
    A source checkout (also an editable install): ``story/``, ``assets/``, ``mods/`` and
    ``story.schema.json`` sit beside the ``game`` package, at the top of the repository.
``installed``
    A wheel (``pip install .``, ``pipx install .``) or the desktop build (PyInstaller):
    the build step copies them into the package, under ``game/_data/``.

The player's data (saves, settings, decision records, logs) lives in the system's
user data folder. An installed game and a checkout keep theirs apart, so that a
developer's test play never overwrites a player's saves: a checkout adds " (dev)" (or
``-dev`` on Linux) to the folder's name. ``LTH_DATA_DIR`` overrides both.

A leaf module (the standard library only, nothing else from the game), so that every
layer may use it, the engine included: the engine's asset lookup and lint need the
game's built-in art folder, and the engine must not import anything above it. (DESIGN.md
sketched ``game/play/paths.py``; the engine's need is why it sits at the package's top.)
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

#: The ``game`` package folder (in a frozen build: ``game/`` inside the bundle).
PACKAGE_DIR = Path(__file__).resolve().parent
#: The Jinja2 templates of the tools' HTML pages (package data of ``game.tools``).
TEMPLATES_DIR = PACKAGE_DIR / "tools" / "templates"
#: The interface's translation catalogues (package data, in a checkout and installed).
LOCALES_DIR = PACKAGE_DIR / "locales"
#: Where a wheel or the desktop build keeps the shipped files, inside the package.
DATA_SUBDIR = "_data"
#: The shipped files and folders a build copies into ``game/_data/`` (setup.py for the
#: wheel, devtools/build_desktop.py for the desktop build; MANIFEST.in grafts them too).
SHIPPED = ("story", "assets", "mods", "story.schema.json", "web")
#: What a build leaves out of web/: the test tools installed there (npm), never shipped.
WEB_DEV_FILES = ("node_modules", "package.json", "package-lock.json", "tsconfig.json")

DATA_DIR_ENV = "LTH_DATA_DIR"
APP_DIR_NAME = "Last Train Home"
LINUX_DIR_NAME = "last-train-home"

REINSTALL_HINT = (
    "Reinstall the game: `pipx reinstall last-train-home` (or `pipx install --force`"
    " with the folder or .whl file you installed it from); for the download, unpack the"
    " archive again, whole."
)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the shipped files of one copy of the game are."""

    kind: str  # "checkout" or "installed"
    root: Path  # the folder holding story/, assets/, mods/ and story.schema.json

    @property
    def story(self) -> Path:
        return self.root / "story"

    @property
    def assets(self) -> Path:
        return self.root / "assets"

    @property
    def mods(self) -> Path:
        return self.root / "mods"

    @property
    def schema(self) -> Path:
        return self.root / "story.schema.json"

    @property
    def fonts(self) -> Path:
        return self.assets / "fonts"

    @property
    def web(self) -> Path:
        """The browser edition's page, style and scripts (``export-web`` bundles them)."""
        return self.root / "web"


def find_layout(package_dir: Path = PACKAGE_DIR) -> Layout:
    """The layout of the copy of the game whose ``game`` package is ``package_dir``.

    ``game/_data/`` wins when it exists (a wheel, the desktop build); otherwise the files
    are beside the package (a checkout). If neither holds a story (a damaged install),
    the installed layout is still returned: ``missing_files`` then says what is gone.
    """
    bundled = package_dir / DATA_SUBDIR
    if bundled.is_dir():
        return Layout("installed", bundled)
    top = package_dir.parent
    if (top / "story").is_dir() or (top / "pyproject.toml").is_file():
        return Layout("checkout", top)
    return Layout("installed", bundled)


LAYOUT = find_layout()
#: How the player starts the game's commands, for messages that name one.
COMMAND = "python main.py" if LAYOUT.kind == "checkout" else "last-train-home"
STORY_DIR = LAYOUT.story
ASSETS_DIR = LAYOUT.assets
MODS_DIR = LAYOUT.mods
SCHEMA_FILE = LAYOUT.schema
FONTS_DIR = LAYOUT.fonts
WEB_DIR = LAYOUT.web


def shipped_mod(name: str, layout: Layout | None = None) -> Path | None:
    """The example mod called ``name`` (``night_train``) shipped with the game, or None."""
    layout = layout or LAYOUT
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    folder = layout.mods / name
    return folder if (folder / "mod.yaml").is_file() else None


def missing_files(layout: Layout | None = None) -> list[str]:
    """The shipped files the game needs that are not there (empty when all is well).

    Checks the story's index file and every chapter file it names is present and
    readable, and that the fonts folder exists; what the loader finds wrong inside a
    file is the loader's to say.
    """
    layout = layout or LAYOUT
    story = layout.story
    missing: list[str] = []
    index = story / "story.yaml"
    if not index.is_file():
        return [str(index)]
    try:
        text = index.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{index} ({exc.__class__.__name__})"]
    for name in _chapter_files(text):
        if not (story / name).is_file():
            missing.append(str(story / name))
    if not layout.fonts.is_dir():
        missing.append(str(layout.fonts))
    return missing


def _chapter_files(index_text: str) -> list[str]:
    """The file names a story index lists (chapters, glossary), read line by line."""
    names = []
    for line in index_text.splitlines():
        item = line.split("#")[0].strip().removeprefix("- ")
        value = item.partition(":")[2] if ":" in item else item
        value = value.strip().strip("'\"")
        if value.endswith((".yaml", ".yml")) and "/" not in value and " " not in value:
            names.append(value)
    return names


def data_dir(layout: Layout = LAYOUT) -> Path:
    """The folder for saves, settings, decision records and logs.

    ``LTH_DATA_DIR`` if set; else the platform's user data folder, with a separate
    folder for a checkout so that it never shares saves with an installed game.
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    dev = (layout or LAYOUT).kind == "checkout"
    home = Path.home()
    app = f"{APP_DIR_NAME} (dev)" if dev else APP_DIR_NAME
    if sys.platform == "win32":
        base = os.environ.get("APPDATA")
        return (Path(base) if base else home / "AppData" / "Roaming") / app
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / app
    xdg = os.environ.get("XDG_DATA_HOME")
    linux = f"{LINUX_DIR_NAME}-dev" if dev else LINUX_DIR_NAME
    return (Path(xdg) if xdg else home / ".local" / "share") / linux
