"""``main.py export-web``: one self-contained HTML file that plays the story in a browser.

The file holds everything and asks the network for nothing: the page and its style
(``web/index.html``, ``web/style.css``), the runtime and the front end
(``web/engine.js`` and ``web/app.js``, joined into one inline module: there is no
build step, only this concatenation), the compiled story
(:mod:`game.engine.compiled`), the backgrounds and portraits the story uses (SVG,
as data URLs) and the Noto Serif fonts (base64 ``@font-face``; the page falls back
to the system serif if a font is left out to keep the file under its budget).
A story with lint errors is refused, with the errors listed.
"""

from __future__ import annotations

import base64
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from game import paths
from game.engine import (
    GAME_ASSETS,
    Story,
    compile_story,
    find_asset,
    has_errors,
    load_story_sources,
    translate_story,
)
from game.i18n import _, format_number, language
from game.tools.loading import write_output
from game.tools.web_strings import page_strings, script_messages, translate_page

WEB_DIR = paths.WEB_DIR
#: The whole file may be at most this large (issue 17: 3 MB for the shipped story).
MAX_BYTES = 3_000_000
FONTS = (
    ("NotoSerif-Regular.ttf", "normal", "normal"),
    ("NotoSerif-Bold.ttf", "normal", "bold"),
    ("NotoSerif-Italic.ttf", "italic", "normal"),
)
MIME = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg"}
_IMPORT = re.compile(r'^import \{[^}]*\} from "\./engine\.js";\n', re.MULTILINE)


class ExportError(Exception):
    """The page cannot be made; the message says why."""


def _data_url(path: Path) -> str:
    mime = MIME.get(path.suffix.lower(), "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def collect_art(story: Story) -> dict[str, dict[str, str]]:
    """Every background and portrait the story names, as data URLs, by kind and name."""
    wanted: dict[str, set[str]] = {"backgrounds": set(), "portraits": set()}
    for scene in story.scenes.values():
        if scene.background:
            wanted["backgrounds"].add(scene.background)
        if scene.portrait:
            wanted["portraits"].add(scene.portrait)
    for character in story.characters.values():
        if character.portrait:
            wanted["portraits"].add(character.portrait)
    art: dict[str, dict[str, str]] = {"backgrounds": {}, "portraits": {}, "title": {}}
    for root in (*[Path(m) / "assets" for m in story.mod_roots], Path(story.root) / "assets"):
        if (root / "title.svg").is_file():
            art["title"]["title"] = _data_url(root / "title.svg")
            break
    else:
        if (GAME_ASSETS / "title.svg").is_file():
            art["title"]["title"] = _data_url(GAME_ASSETS / "title.svg")
    for kind, names in wanted.items():
        for name in sorted(names):
            path = find_asset(story.root, kind[:-1], name, story.mod_roots)
            if path is not None:
                art[kind][name] = _data_url(path)
    return art


def font_faces(budget: int) -> str:
    """@font-face rules for the Noto Serif fonts that fit in ``budget`` bytes."""
    rules = []
    for name, style, weight in FONTS:
        path = GAME_ASSETS / "fonts" / name
        if not path.is_file():
            continue
        encoded = base64.b64encode(path.read_bytes()).decode("ascii")
        if len(encoded) > budget:
            break
        budget -= len(encoded)
        rules.append(
            f'@font-face{{font-family:"Noto Serif";font-style:{style};font-weight:{weight};'
            f'font-display:swap;src:url(data:font/ttf;base64,{encoded}) format("truetype")}}'
        )
    return "\n".join(rules)


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element: '</' cannot close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


def language_tag() -> str:
    """The current language as the page's lang attribute: 'en', 'zh-CN', 'qps'."""
    return language().replace("_", "-")


def build_page(story: Story, sources: Sequence[Path] = (), classroom: bool = False) -> str:
    """The whole HTML page for ``story``."""
    # The page's own words in the language of --lang (game/tools/web_strings.py).
    template = translate_page((WEB_DIR / "index.html").read_text(encoding="utf-8"))
    template = template.replace('<html lang="en">', f'<html lang="{language_tag()}">', 1)
    style = (WEB_DIR / "style.css").read_text(encoding="utf-8")
    engine = (WEB_DIR / "engine.js").read_text(encoding="utf-8")
    app, count = _IMPORT.subn("", (WEB_DIR / "app.js").read_text(encoding="utf-8"))
    if count != 1:
        raise ExportError("web/app.js must import from ./engine.js in one line")
    compiled = _script_json(compile_story(story, sources))
    art = _script_json(collect_art(story))
    script = engine.replace("</script", "<\\/script") + "\n" + app.replace("</script", "<\\/script")
    config = {
        "classroom": classroom,
        "lang": language_tag(),
        "strings": page_strings(script_messages(app)),
    }
    parts = {
        "/*@STORY@*/": compiled,
        "/*@ART@*/": art,
        "/*@CONFIG@*/": _script_json(config),
        "/*@SCRIPT@*/": script,
    }
    used = len(template) + len(style) + sum(len(v.encode("utf-8")) for v in parts.values())
    parts["/*@STYLE@*/"] = font_faces(MAX_BYTES - used - 50_000) + "\n" + style
    for marker in parts:
        if template.count(marker) != 1:
            raise ExportError(f"web/index.html must hold {marker} once")
    # One pass, so that a marker inside the story's own text is never replaced.
    pattern = re.compile("|".join(re.escape(marker) for marker in parts))
    return pattern.sub(lambda match: parts[match.group()], template)


def run_export_web(
    story_dir: str, output: str, mods: Sequence[str] = (), classroom: bool = False
) -> int:
    """Write the page for the story in ``story_dir`` (with ``mods``) to ``output``."""
    story, diagnostics, sources = load_story_sources(story_dir, mods)
    if story is None or has_errors(diagnostics):
        errors = [d for d in diagnostics if d.severity == "error"]
        for diagnostic in errors:
            print(diagnostic, file=sys.stderr)
        print(
            _(
                "export-web: the story in {folder} has {count} lint error(s); fix them"
                " ({command}) and export again. Nothing was written."
            ).format(
                folder=story_dir, count=len(errors), command=f"python main.py lint {story_dir}"
            ),
            file=sys.stderr,
        )
        return 1
    # The story's strings in the language of --lang (English where untranslated).
    translate_story(story, language())
    try:
        page = build_page(story, sources, classroom)
    except (ExportError, OSError) as exc:
        print(_("export-web: {problem}").format(problem=exc), file=sys.stderr)
        return 1
    size = len(page.encode("utf-8"))
    if size > MAX_BYTES:
        print(
            _(
                "export-web: the page would be {size} bytes, over the {budget} budget;"
                " use smaller art"
            ).format(size=format_number(size), budget=format_number(MAX_BYTES)),
            file=sys.stderr,
        )
        return 1
    if not write_output("export-web", output, page):
        return 1
    line = (
        _("wrote {file} (classroom mode): {size} bytes, {scenes} scenes")
        if classroom
        else _("wrote {file}: {size} bytes, {scenes} scenes")
    )
    print(
        line.format(file=output, size=format_number(size), scenes=len(story.scenes)),
        file=sys.stderr,
    )
    return 0
