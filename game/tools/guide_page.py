"""The discussion guide as a printable HTML page or as Markdown.

:func:`to_html` writes one self-contained page (no scripts, no network, styles inline)
from the Jinja2 template ``templates/guide.html``, laid out for A4 or Letter paper:
headings stay with what follows and no context card is split across two pages, with no
forced page breaks (which left a nearly blank page 2). Jinja2 escapes every piece of
story text, so nothing in a story or a mod becomes markup. :func:`to_markdown` writes
the same content for a word processor. :func:`run_guide` is the ``guide`` command.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from game.storage import printable
from game.tools.guide import GUIDE_RUNS, Guide, Moment, build_guide
from game.tools.loading import load_or_report
from game.tools.markdown import md, md_code
from game.tools.reading import measure_reading
from game.tools.templating import environment

#: Below this share a moment or an ending is called rare (and only then).
RARE = 0.02


def how_often(share: float) -> str:
    """How many players meet a moment, in honest words a teacher can plan with:
    'most playthroughs', 'about 1 playthrough in 7', 'rare: under 2%'."""
    if share >= 0.95:
        return "every playthrough"
    if share >= 0.6:
        return "most playthroughs"
    if share >= RARE:
        return f"about 1 playthrough in {round(1 / share)}"
    if share > 0:
        return "rare: under 2%"
    return "not reached by random play"


def reading_sentence(guide: Guide) -> str:
    fast, slow = guide.minutes(guide.median_words)
    return (
        f"A playthrough reads about {guide.median_words:,} words, counting the choices and"
        f" notes (the median of {guide.runs} random playthroughs): about {fast} minutes at"
        f" {guide.words_per_minute[0]} words a minute, {slow} at {guide.words_per_minute[1]}."
        f" Paths range from {guide.shortest_words:,} to {guide.longest_words:,} words."
    )


def minutes_range(guide: Guide, words: int) -> str:
    fast, slow = guide.minutes(words)
    return str(fast) if fast == slow else f"{fast}-{slow}"


LESSON = (
    "Before: read the content notes aloud, and let students choose the text mode"
    " (python main.py play --text) if they use a screen reader.",
    "Play in classroom mode (python main.py play --classroom): the discussion prompts"
    " appear in the story and undo is off, so each choice stands.",
    "Pairs work well: one reads, both decide. Ask them to note one choice they argued about.",
    "After: compare endings. No ending is a clean win; ask what each family gave up.",
    "For a ready lesson (plan, worksheets, a map, an answer key), make the lesson pack:"
    " python main.py lesson -o DIR.",
)


def moment_where(moment: Moment) -> str:
    """'2007-01-28 · Old Peng · every playthrough'."""
    where = [moment.date or "", how_often(moment.share)]
    if moment.speaker:
        where.insert(1, moment.speaker)
    return " · ".join(w for w in where if w)


def share_text(share: float) -> str:
    """A share as a percentage a teacher can compare: '14%', '0.8%', 'none'."""
    if share <= 0:
        return "none"
    if share < 0.02:
        return f"{100 * share:.1f}%"
    return f"{round(100 * share)}%"


def to_html(guide: Guide) -> str:
    """The guide as one printable page, through the Jinja2 template ``guide.html``
    (autoescaped: story text never becomes markup)."""
    return (
        environment()
        .get_template("guide.html")
        .render(
            guide=guide,
            reading_sentence=reading_sentence(guide),
            minutes_range=lambda words: minutes_range(guide, words),
            lesson=LESSON,
            moment_where=moment_where,
            how_often=how_often,
            share_text=share_text,
        )
    )


def moment_markdown(moment: Moment) -> list[str]:
    where = [md(moment.date or ""), md(moment.speaker or ""), how_often(moment.share)]
    lines = [f"*{' · '.join(w for w in where if w)} · `{md_code(moment.scene_id)}`*", ""]
    if moment.opening:
        lines += [f"> {md(moment.opening)}", ""]
    lines += [f"- {md(prompt)}" for prompt in moment.prompts]
    lines += [f"- After “{md(c.choice)}”: {md(c.prompt)}" for c in moment.choice_prompts]
    lines.append("")
    for card in moment.cards:
        lines += [
            f"**{md(card.title)}.** {md(card.fact)}",
            "",
            f"*Why it matters:* {md(card.why)} *Source:* {md(card.source)}",
            "",
        ]
    return lines


def to_markdown(guide: Guide) -> str:
    """The guide as Markdown. Every piece of story text goes through :func:`md`, so raw
    HTML or Markdown in a story or a mod shows as the characters written, never as markup."""
    lines = [
        f"# {md(guide.title)}: discussion guide",
        "",
        f"Story version {md(guide.version)} · {md(guide.summary()).replace(', ', ' · ')}",
        "",
        "## About the game",
        "",
    ]
    for paragraph in guide.about:
        lines += [md(paragraph), ""]
    lines += ["## Content notes", "", *(f"- {md(note)}" for note in guide.content_notes), ""]
    lines += ["## Planning a lesson", "", md(reading_sentence(guide)), ""]
    fast, slow = guide.words_per_minute
    lines += [f"| Chapter | Words read | Minutes at {fast} / {slow} wpm |", "|---|---|---|"]
    for chapter in guide.chapters:
        minutes = minutes_range(guide, chapter.median_words)
        lines.append(f"| {md(chapter.title)} | {chapter.median_words:,} | {minutes} |")
    lines += ["", *(f"- {md(step)}" for step in LESSON), ""]
    for chapter in guide.chapters:
        lines += [f"## {md(chapter.title)}", ""]
        for moment in chapter.moments:
            lines += moment_markdown(moment)
    lines += ["## Endings", "", "| Ending | Reached in | Share |", "|---|---|---|"]
    lines += [
        f"| {md(e.title)} | {how_often(e.share)} | {share_text(e.share)} |" for e in guide.endings
    ]
    lines += ["", "## Glossary", ""]
    for term, text in guide.glossary:
        lines += [f"**{md(term)}**: {md(text)}", ""]
    return "\n".join(lines)


RENDERERS: dict[str, Callable[[Guide], str]] = {"html": to_html, "md": to_markdown}


def run_guide(
    story_dir: str,
    fmt: str = "html",
    output: str | None = None,
    mods: Sequence[str] = (),
    runs: int = GUIDE_RUNS,
    out: TextIO = sys.stdout,
) -> int:
    """Write the discussion guide of the story in ``story_dir``; 0 on success."""
    story = load_or_report(story_dir, mods)
    if story is None:
        return 1
    guide = build_guide(story, measure_reading(story, runs))
    # A lone surrogate in a story cannot be written as UTF-8: it shows as U+FFFD.
    text = printable(RENDERERS[fmt](guide))
    if output is None or output == "-":
        out.write(text)
        return 0
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"guide: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {output}: {guide.summary()}", file=sys.stderr)
    return 0
