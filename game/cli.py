"""Last Train Home: the command line. Argument parsing and dispatch, nothing else.

The installed ``last-train-home`` command, ``python main.py`` in a checkout and the
desktop build all run ``main()`` here:

last-train-home                      play in a window
last-train-home play --text          play in the terminal (--mod DIR lays a mod over it)
last-train-home lint [DIR]           check a story (--mod DIR, --against OLD_DIR,
                                     --against-mod OLD_MOD_DIR)
last-train-home randomtest [DIR]     seeded random playthroughs
last-train-home graph [DIR]          the story map: --format dot|mermaid|html -o FILE, --chapter N
last-train-home schema               JSON Schema of the story files, for editors
                                     (--story DIR --mod DIR: with that story's names)
last-train-home guide [DIR]          a printable discussion guide for teachers
last-train-home lesson -o DIR        a lesson pack: plan, worksheets, map, guide
last-train-home report FILES         a class report from the decision files of playthroughs
last-train-home shot --screen NAME   render a screen to PNG without a display
last-train-home build -o story.json  the compiled story (what the browser edition plays)
last-train-home export-web -o F.html one HTML file that plays the game in any browser
last-train-home translate extract    write/update the translation catalogues (TRANSLATING.md)
last-train-home translate check --lang L   coverage, missing, stale and broken entries

``--lang L`` on play, guide, lesson, report, shot, build and export-web picks the language
(``--lang qps`` marks every translated string); without it, play uses the saved setting
or the system's language, the other commands English.

``--lang L`` on guide, lesson, report and export-web writes the teacher's pages and the
browser edition's words in that language (``--lang qps`` marks every translated string).

Without a folder, the commands use the story shipped with the game (game/paths.py knows
where it is, in a checkout and in an installed package alike). ``--mod NAME`` also finds
a mod shipped with the game by its name (``--mod night_train``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from game import __version__, crash, paths
from game.engine import Story, load_save, read_mod_info
from game.i18n import _
from game.play.starting import StartError, StartPlan, new_runner, plan_start
from game.saves import SaveStore, data_dir
from game.textui import run_text
from game.tools.loading import add_mod_option, load_or_report
from game.tools.loading import resolve_mod as resolve_mod  # the name tests and users know
from game.ui.shot import SCREENS as SHOT_SCREENS

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

DEFAULT_STORY = str(paths.STORY_DIR)
#: Commands that read a story (the shipped one unless another folder is named).
STORY_COMMANDS = (
    "play",
    "lint",
    "graph",
    "guide",
    "lesson",
    "randomtest",
    "shot",
    "report",
    "build",
    "export-web",
    "translate",
)


#: Commands with ``--lang``; the play commands default to the saved or system language.
LANG_COMMANDS = ("play", "guide", "lesson", "report", "shot", "build", "export-web")


def add_lang(command: argparse.ArgumentParser) -> None:
    """The one ``--lang`` option every command that shows story or interface text has."""
    command.add_argument(
        "--lang",
        default=None,
        metavar="CODE",
        help="language, e.g. zh_CN (English where a string is not translated);"
        " qps marks every translatable string",
    )


def apply_language(command: str, args: argparse.Namespace) -> str:
    """Set the interface's language for ``command`` (story loads follow it); its code."""
    from game.i18n import set_language

    asked = getattr(args, "lang", None)
    if command == "play":
        from game.play.language import choose_language

        return set_language(choose_language(asked))
    return set_language(asked)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Last Train Home: a narrative game and its tools.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command")

    play = commands.add_parser("play", help="play the story (in a window, or --text)")
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument("--story", default=DEFAULT_STORY, help="story folder (default: story/)")
    play.add_argument("--seed", type=int, default=None, help="random seed (default: new each game)")
    play.add_argument("--classroom", action="store_true", help="show discussion prompts")
    looks = play.add_mutually_exclusive_group()
    looks.add_argument(
        "--plain",
        dest="plain",
        action="store_true",
        default=None,
        help="text mode for screen readers and speech: no rules, brackets or columns"
        " (the default when NO_COLOR is set or the output is not a terminal)",
    )
    looks.add_argument(
        "--decorated",
        dest="plain",
        action="store_false",
        help="text mode with rules, brackets and columns even into a pipe or file",
    )
    play.add_argument(
        "--class",
        dest="class_vote",
        action="store_true",
        help="whole-class play on one screen: classroom mode, projector-size text, and a vote"
        " by show of hands at every decision",
    )
    add_mod_option(play, "lay a mod over the story")
    play.add_argument(
        "--record-dir",
        default=None,
        metavar="DIR",
        help="at the ending, save the decisions for the teacher in DIR"
        " (classroom mode saves them to the game's data folder when no DIR is named)",
    )
    play.add_argument(
        "--quit-after-frames",
        type=int,
        default=None,
        metavar="N",
        help="close the window after drawing N frames (for smoke tests of a build)",
    )
    where = play.add_mutually_exclusive_group()
    where.add_argument(
        "--chapter", type=int, default=None, metavar="N", help="start at chapter N (story starts)"
    )
    where.add_argument(
        "--lesson", default=None, metavar="ID", help="play a lesson path declared in story.yaml"
    )
    where.add_argument(
        "--from", dest="from_scene", default=None, metavar="SCENE", help="start at any scene"
    )
    where.add_argument(
        "--continue", dest="resume", action="store_true", help="go on from the newest save"
    )
    play.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="VAR=VALUE",
        help="with --chapter, --lesson or --from: set a variable (repeatable)",
    )

    lint = commands.add_parser("lint", help="check a story and list every problem")
    lint.add_argument("story", nargs="?", default=DEFAULT_STORY)
    lint.add_argument("--format", choices=("text", "json"), default="text")
    lint.add_argument("--stats", action="store_true", help="add the story's statistics")
    add_mod_option(lint, "check with a mod laid over it")
    lint.add_argument(
        "--against",
        metavar="OLD_DIR",
        default=None,
        help="warn about edits since the story in OLD_DIR that would strand existing saves",
    )
    lint.add_argument(
        "--against-mod",
        action="append",
        default=[],
        metavar="OLD_MOD_DIR",
        help="the same for a mod: warn about edits since the old version of the mod in"
        " OLD_MOD_DIR (it takes the place of the --mod with the same id) that would strand"
        " saves made with it; e.g. lint --mod mods/x --against-mod old/x",
    )

    graph = commands.add_parser("graph", help="the story map: chapters, scenes and choices")
    graph.add_argument("story", nargs="?", default=DEFAULT_STORY)
    graph.add_argument("--format", choices=("dot", "mermaid", "html"), default="html")
    graph.add_argument(
        "-o",
        "--output",
        default=None,
        help="file to write (default: stdout); for mermaid, a FOLDER/ gets one file a chapter",
    )
    graph.add_argument(
        "--chapter", type=int, default=None, metavar="N", help="only chapter N (mermaid, dot)"
    )
    add_mod_option(graph, "map with a mod laid over it")

    schema = commands.add_parser("schema", help="JSON Schema of the story files, for editors")
    schema.add_argument(
        "--file",
        choices=("all", "story", "chapter", "glossary", "mod"),
        default="all",
        help="one schema for every kind of file (default), or for one kind",
    )
    schema.add_argument(
        "--story",
        default=None,
        metavar="DIR",
        help=_(
            "a schema for this story: its scene ids, variables, speakers, moods, backgrounds"
            " and music offered as you type (default: the format only; with --mod alone,"
            " the shipped story)"
        ),
    )
    add_mod_option(schema, "with a mod's names too")
    schema.add_argument("-o", "--output", default=None, help="file to write (default: stdout)")

    report = commands.add_parser(
        "report", help="a class report from the decision files of many playthroughs"
    )
    report.add_argument("records", nargs="+", metavar="FILE_OR_DIR", help="decision files")
    report.add_argument("--story", default=DEFAULT_STORY, help="story folder (default: story/)")
    report.add_argument("--format", choices=("html", "md", "csv"), default="html")
    report.add_argument(
        "--summary",
        action="store_true",
        help="one printable page: endings, where the families ended, where the class split",
    )
    report.add_argument("-o", "--output", default=None, help="file to write (default: stdout)")
    add_mod_option(report, "with a mod laid over it")

    guide = commands.add_parser("guide", help="a printable discussion guide for teachers")
    guide.add_argument("story", nargs="?", default=DEFAULT_STORY)
    guide.add_argument("--format", choices=("html", "md"), default="html")
    guide.add_argument("-o", "--output", default=None, help="file to write (default: stdout)")
    guide.add_argument(
        "--runs", type=int, default=500, help="random playthroughs that measure reading time"
    )
    add_mod_option(guide, "with a mod laid over it")

    lesson = commands.add_parser(
        "lesson", help="a lesson pack for teachers: plan, worksheets, map, guide (a folder)"
    )
    lesson.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write")
    lesson.add_argument("--story", default=DEFAULT_STORY, help="story folder (default: story/)")
    add_mod_option(lesson, "with a mod laid over it")

    random_test = commands.add_parser("randomtest", help="seeded random playthroughs")
    random_test.add_argument("story", nargs="?", default=DEFAULT_STORY)
    random_test.add_argument("-n", type=int, default=1000, help="number of playthroughs")
    random_test.add_argument("--seed", type=int, default=1)
    random_test.add_argument("--max-steps", type=int, default=5000)
    random_test.add_argument("--json", action="store_true")
    add_mod_option(random_test, "play with a mod laid over the story")

    # -- build / export-web (issue 17) ----------------------------------------------
    build = commands.add_parser("build", help="the compiled story, as JSON (the browser plays it)")
    build.add_argument("story", nargs="?", default=DEFAULT_STORY)
    build.add_argument("-o", "--output", default=None, help="file to write (default: stdout)")
    add_mod_option(build, "with a mod laid over it")
    export_web = commands.add_parser(
        "export-web", help="one self-contained HTML file that plays the game in a browser"
    )
    export_web.add_argument("story", nargs="?", default=DEFAULT_STORY)
    export_web.add_argument("-o", "--output", required=True, help="the HTML file to write")
    add_mod_option(export_web, "with a mod laid over it")
    export_web.add_argument(
        "--classroom", action="store_true", help="classroom mode: prompts, records, no undo"
    )
    # -- end of build / export-web -------------------------------------------------------

    shot = commands.add_parser("shot", help="render a screen to a PNG file without a display")
    shot.add_argument(
        "--screen",
        default="story",
        choices=SHOT_SCREENS,
    )
    shot.add_argument("--scene", default=None)
    shot.add_argument(
        "--reveal", action="store_true", help="show the scene's last page, with its choices"
    )
    shot.add_argument("--story", default=DEFAULT_STORY)
    add_mod_option(shot, "show the story with a mod laid over it")
    shot.add_argument("--size", default="1280x720")
    shot.add_argument("--seed", type=int, default=1)
    shot.add_argument(
        "--text-size", default="medium", choices=("small", "medium", "large", "largest")
    )
    shot.add_argument("--high-contrast", action="store_true", help="the high-contrast theme")
    shot.add_argument(
        "--speech-log",
        default=None,
        metavar="FILE",
        help="append what self-voicing says about the screen to FILE, a line each",
    )
    shot.add_argument("-o", "--output", required=True)

    translate = commands.add_parser(
        "translate", help="translation catalogues: extract them, check one language"
    )
    translate.add_argument("action", choices=("extract", "check"))
    translate.add_argument("--story", default=DEFAULT_STORY, help="story folder (default: story/)")
    add_mod_option(translate, "with a mod laid over the story (extract writes the mod's locales/)")
    translate.add_argument(
        "--lang",
        default=None,
        metavar="CODE",
        help="extract: also start this language; check: the language to check",
    )
    translate.add_argument(
        "--story-only",
        action="store_true",
        help="leave the interface's catalogues (game/locales) out",
    )
    for name in LANG_COMMANDS:
        add_lang(commands.choices[name])
    return parser


def new_seed() -> int:
    import secrets

    return secrets.randbelow(2**31)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "play"
    shipped = command in STORY_COMMANDS and uses_shipped_story(args)
    if shipped and (missing := paths.missing_files()):
        say_missing(missing)
        return 1
    if command in LANG_COMMANDS:
        apply_language(command, args)
    status = dispatch(command, args)
    if shipped and status == 1 and command != "report" and paths.LAYOUT.kind == "installed":
        print(
            f"The game's own story files (in {paths.STORY_DIR}) have errors:"
            f" the installation may be damaged. {paths.REINSTALL_HINT}",
            file=sys.stderr,
        )
    return status


def uses_shipped_story(args: argparse.Namespace) -> bool:
    """Whether the command reads the story shipped with the game (no other folder named)."""
    return str(getattr(args, "story", DEFAULT_STORY)) == DEFAULT_STORY


def text_saves(story: Story) -> SaveStore:
    """The text mode's save slots, each checked by restoring it against ``story`` (as the
    window's are), so a save made with mods that are not loaded is listed as such."""
    return SaveStore(
        story.id, data_dir() / "saves", validate=lambda runner: load_save(story, runner)
    )


def say_missing(missing: list[str]) -> None:
    """The installed game lacks some of its own files: which, and how to put them back."""
    where = "This copy of the game" if paths.LAYOUT.kind == "installed" else "This checkout"
    print(f"{where} is missing files it needs to start:", file=sys.stderr)
    for name in missing:
        print(f"  {name}", file=sys.stderr)
    if paths.LAYOUT.kind == "installed":
        print(paths.REINSTALL_HINT, file=sys.stderr)
    else:
        print("Restore them with: git checkout -- story assets", file=sys.stderr)


def dispatch(command: str, args: argparse.Namespace) -> int:
    """Run one command; its exit status."""
    # Each command's module is imported only when that command runs (deliberate lazy
    # loads): the text mode and the tools start without loading pygame or Jinja2.
    if command == "lesson":
        from game.tools.lesson import run_lesson

        return run_lesson(args.story, args.output, args.mod)
    if command == "lint":
        from game.tools.lint import run_lint

        return run_lint(
            args.story,
            args.format,
            args.stats,
            mods=args.mod,
            against=args.against,
            against_mods=[resolve_mod(folder) for folder in args.against_mod],
        )
    if command == "graph":
        from game.tools.graph_page import run_graph

        return run_graph(args.story, args.format, args.output, args.mod, chapter=args.chapter)
    if command == "schema":
        from game.tools.schema_story import run_schema

        return run_schema(args.file, args.output, args.story, args.mod)
    if command == "report":
        from game.tools.report_page import run_report

        return run_report(
            args.records, args.format, args.output, args.story, args.mod, summary=args.summary
        )
    if command == "guide":
        from game.tools.guide_page import run_guide

        return run_guide(args.story, args.format, args.output, args.mod, max(1, args.runs))
    if command == "randomtest":
        from game.tools.randomtest import run_randomtest

        return run_randomtest(
            args.story, args.n, args.seed, args.max_steps, args.json, mods=args.mod
        )
    if command == "build":
        from game.tools.build import run_build

        return run_build(args.story, args.output, args.mod)
    if command == "export-web":
        from game.tools.export_web import run_export_web

        return run_export_web(args.story, args.output, args.mod, args.classroom)
    if command == "shot":
        return shot(args)
    if command == "translate":
        from game.tools.translate import run_translate

        return run_translate(
            args.action, args.story, args.mod, args.lang, interface=not args.story_only
        )
    text = getattr(args, "text", False)
    story_dir = getattr(args, "story", DEFAULT_STORY)
    seed = getattr(args, "seed", None)
    class_vote = getattr(args, "class_vote", False)
    classroom = getattr(args, "classroom", False) or class_vote
    mods = getattr(args, "mod", [])
    record_dir = getattr(args, "record_dir", None)
    if command == "play" and (record_dir or classroom):
        from game.records import check_record_folder, default_folder

        problem = check_record_folder(Path(record_dir) if record_dir else default_folder())
        if problem is not None:
            print(f"play: {problem}", file=sys.stderr)
            return 2
    chapter = getattr(args, "chapter", None)
    lesson = getattr(args, "lesson", None)
    from_scene = getattr(args, "from_scene", None)
    assignments = getattr(args, "set", [])
    resume = getattr(args, "resume", False)

    plan = StartPlan()
    story = None
    if text or chapter is not None or lesson or from_scene or assignments:
        story = load_or_report(story_dir, mods, cached=True)
        if story is None:
            return 1
        try:
            plan = plan_start(
                story,
                chapter=chapter,
                lesson=lesson,
                from_scene=from_scene,
                assignments=assignments,
            )
        except StartError as exc:
            print(f"play: {exc}", file=sys.stderr)
            return 2
    if text and story is not None:
        announce_mods(mods)
        seed = new_seed() if seed is None else seed
        crash.start_logging()
        return crash.guarded(
            "text mode",
            lambda: run_text(
                story,
                seed,
                classroom,
                Path(record_dir) if record_dir else None,
                saves=text_saves(story),
                runner=new_runner(story, seed, plan),
                resume=resume,
                summary=plan.summary,
                until=plan.until,
                class_vote=class_vote,
                plain=getattr(args, "plain", None),
            ),
        )
    try:
        # Lazy on purpose: the window needs pygame-ce, which the text mode and the
        # tools must not load (and which may be missing: the message below says so).
        from game.ui.app import run_window
    except ImportError as exc:
        print(f"The window needs pygame-ce, which is not installed ({exc}).", file=sys.stderr)
        print("Install it with: .venv/bin/pip install pygame-ce", file=sys.stderr)
        print(f"Or play in the terminal: {paths.COMMAND} play --text", file=sys.stderr)
        return 2
    crash.start_logging()
    return crash.guarded(
        "window",
        lambda: run_window(
            story_dir,
            seed,
            mods,
            classroom,
            Path(record_dir) if record_dir else None,
            plan=plan,
            resume=resume,
            class_vote=class_vote,
            quit_after_frames=getattr(args, "quit_after_frames", None),
            lang=getattr(args, "lang", None),
        ),
    )


def parse_size(text: str) -> tuple[int, int] | None:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        return None
    size = (int(width), int(height))
    return size if 320 <= size[0] <= 7680 and 240 <= size[1] <= 4320 else None


def shot(args: argparse.Namespace) -> int:
    """Render one screen to a PNG file without a display."""
    size = parse_size(args.size)
    if size is None:
        print(f"--size {args.size}: write WIDTHxHEIGHT, e.g. 1280x720", file=sys.stderr)
        return 2
    from game.ui.shot import ShotError, render_shot  # lazy: pygame, as for the window

    try:
        render_shot(
            args.screen,
            args.story,
            args.scene,
            size,
            args.output,
            seed=args.seed,
            reveal=args.reveal,
            text_size=args.text_size,
            high_contrast=args.high_contrast,
            speech_log=args.speech_log,
            mods=args.mod,
            lang=args.lang,
        )
    except ShotError as exc:
        print(f"shot: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"shot: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 1
    print(args.output)
    return 0


def announce_mods(mods: list[str]) -> None:
    """Say which mods are laid over the story, before the text mode starts."""

    for folder in mods:
        info, _ = read_mod_info(folder)
        if info is not None:
            by = f" by {info.author}" if info.author else ""
            print(f"[mod] {info.name} {info.version}{by}")


def utf8_streams() -> None:
    """Write UTF-8 to pipes and files, whatever the system's code page.

    The story has Chinese words; Windows writes a pipe or a file in its legacy code page,
    which has no such characters. A console (a tty) keeps its own encoding.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure") and not stream.isatty():
            stream.reconfigure(encoding="utf-8")


def keep_console_open(status: int) -> None:
    """The Windows desktop build, double-clicked, has a console that closes when it ends:
    after a failure (a damaged install, say), wait for Enter so the message can be read.
    """
    if status == 0 or sys.platform != "win32" or not getattr(sys, "frozen", False):
        return
    try:
        import ctypes

        processes = (ctypes.c_uint * 4)()
        alone = ctypes.windll.kernel32.GetConsoleProcessList(processes, 4) == 1
    except (AttributeError, OSError):
        return
    if alone and sys.stdin is not None and sys.stdin.isatty():
        with contextlib.suppress(EOFError, OSError):
            input("Press Enter to close this window.")


def run() -> int:
    """main(), quiet when the reader of our output goes away (e.g. `| head`)."""
    utf8_streams()
    try:
        status = main()
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit: point it nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    keep_console_open(status)
    return status


if __name__ == "__main__":
    sys.exit(run())
