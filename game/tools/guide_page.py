"""The discussion guide as a printable HTML page or as Markdown, in the language of ``--lang``.

:func:`to_html` writes one self-contained page (no scripts, no network, styles inline)
from the Jinja2 template ``templates/guide.html``, laid out for A4 or Letter paper:
headings stay with what follows and no context card is split across two pages, with no
forced page breaks (which left a nearly blank page 2). Jinja2 escapes every piece of
story text, so nothing in a story or a mod becomes markup. :func:`to_markdown` writes
the same content for a word processor. :func:`run_guide` is the ``guide`` command.
Every heading, label and sentence is translated as the page is made (game.i18n);
numbers, shares and dates follow the language.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from game.i18n import N_, _, format_date, format_number
from game.storage import printable
from game.tools.guide import GUIDE_RUNS, Guide, Moment, build_guide
from game.tools.loading import load_or_report, write_output
from game.tools.markdown import md, md_code
from game.tools.reading import measure_reading
from game.tools.templating import environment

#: Below this share a moment or an ending is called rare (and only then).
RARE = 0.02


def how_often(share: float) -> str:
    """How many players meet a moment, in honest words a teacher can plan with:
    'most playthroughs', 'about 1 playthrough in 7', 'rare: under 2%'."""
    if share >= 0.95:
        return _("every playthrough")
    if share >= 0.6:
        return _("most playthroughs")
    if share >= RARE:
        return _("about 1 playthrough in {n}").format(n=format_number(round(1 / share)))
    if share > 0:
        return _("rare: under {percent}").format(percent=percent_text(RARE * 100))
    return _("not reached by random play")


def percent_text(value: float, decimals: int = 0) -> str:
    """'14%', '0.8%' with the language's digits and its way of writing a percentage."""
    if decimals:
        whole = int(value)
        tenth = round((value - whole) * 10)
        if tenth == 10:
            whole, tenth = whole + 1, 0
        number = _("{whole}.{tenth}").format(whole=format_number(whole), tenth=tenth)
    else:
        number = format_number(round(value))
    return _("{percent}%").format(percent=number)


def reading_sentence(guide: Guide) -> str:
    fast, slow = guide.minutes(guide.median_words)
    return _(
        "A playthrough reads about {words} words, counting the choices and"
        " notes (the median of {runs} random playthroughs): about {fast} minutes at"
        " {rate} words a minute, {slow} at {slow_rate}."
        " Paths range from {shortest} to {longest} words."
    ).format(
        words=format_number(guide.median_words),
        runs=format_number(guide.runs),
        fast=format_number(fast),
        rate=format_number(guide.words_per_minute[0]),
        slow=format_number(slow),
        slow_rate=format_number(guide.words_per_minute[1]),
        shortest=format_number(guide.shortest_words),
        longest=format_number(guide.longest_words),
    )


def minutes_range(guide: Guide, words: int) -> str:
    fast, slow = guide.minutes(words)
    if fast == slow:
        return format_number(fast)
    return _("{low}-{high}").format(low=format_number(fast), high=format_number(slow))


#: Marked with N_ and translated as the page is made. The commands in them stay as
#: typed: a translation keeps them (they are in parentheses or after a colon).
LESSON = (
    N_(
        "Before: read the content notes aloud, and let students choose the text mode"
        " ({command}) if they use a screen reader."
    ),
    N_(
        "Play in classroom mode ({command}): the discussion prompts"
        " appear in the story and undo is off, so each choice stands."
    ),
    N_("Pairs work well: one reads, both decide. Ask them to note one choice they argued about."),
    N_("After: compare endings. No ending is a clean win; ask what each family gave up."),
    N_(
        "For a ready lesson (plan, worksheets, a map, an answer key), make the lesson pack:"
        " {command}."
    ),
)
#: The command each of LESSON's steps names, if any.
LESSON_COMMANDS = (
    "python main.py play --text",
    "python main.py play --classroom",
    "",
    "",
    "python main.py lesson -o DIR",
)


def lesson_steps() -> list[str]:
    """The lesson's steps in the current language, with their commands as typed."""
    return [
        _(step).format(command=command)
        for step, command in zip(LESSON, LESSON_COMMANDS, strict=True)
    ]


def moment_where(moment: Moment) -> str:
    """'28 January 2007 · Old Peng · every playthrough'."""
    where = [format_date(moment.date) if moment.date else "", how_often(moment.share)]
    if moment.speaker:
        where.insert(1, moment.speaker)
    return " · ".join(w for w in where if w)


def share_text(share: float) -> str:
    """A share as a percentage a teacher can compare: '14%', '0.8%', 'none'."""
    if share <= 0:
        return _("none")
    if share < 0.02:
        return percent_text(100 * share, decimals=1)
    return percent_text(100 * share)


def guide_title(guide: Guide) -> str:
    return _("{story}: discussion guide").format(story=guide.title)


def version_line(guide: Guide) -> str:
    """'Story version 0.1.0 · 57 discussion prompts · 26 context cards · ...'."""
    return _("Story version {version} · {counts}").format(
        version=guide.version, counts=guide.summary().replace(_(", "), " · ")
    )


def minutes_heading(guide: Guide) -> str:
    fast, slow = guide.words_per_minute
    return _("Minutes at {fast} / {slow} words a minute").format(
        fast=format_number(fast), slow=format_number(slow)
    )


def endings_sentence(guide: Guide) -> str:
    return _(
        "How often the {runs} random playthroughs reached each ending. Students who compare"
        " endings see what each path cost."
    ).format(runs=format_number(guide.runs))


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
            lesson=lesson_steps(),
            moment_where=moment_where,
            how_often=how_often,
            share_text=share_text,
            guide_title=guide_title(guide),
            version_line=version_line(guide),
            minutes_heading=minutes_heading(guide),
            endings_sentence=endings_sentence(guide),
        )
    )


def moment_markdown(moment: Moment) -> list[str]:
    lines = [f"*{md(moment_where(moment))} · `{md_code(moment.scene_id)}`*", ""]
    if moment.opening:
        lines += [f"> {md(moment.opening)}", ""]
    lines += [f"- {md(prompt)}" for prompt in moment.prompts]
    lines += [
        f"- {md(_('After “{choice}”:').format(choice=c.choice))} {md(c.prompt)}"
        for c in moment.choice_prompts
    ]
    lines.append("")
    for card in moment.cards:
        lines += [
            f"**{md(_('{title}.').format(title=card.title))}** {md(card.fact)}",
            "",
            f"*{md(_('Why it matters:'))}* {md(card.why)} *{md(_('Source:'))}* {md(card.source)}",
            "",
        ]
    return lines


def to_markdown(guide: Guide) -> str:
    """The guide as Markdown. Every piece of story text goes through :func:`md`, so raw
    HTML or Markdown in a story or a mod shows as the characters written, never as markup."""
    lines = [
        f"# {md(guide_title(guide))}",
        "",
        md(version_line(guide)),
        "",
        f"## {md(_('About the game'))}",
        "",
    ]
    for paragraph in guide.about:
        lines += [md(paragraph), ""]
    lines += [f"## {md(_('Content notes'))}", ""]
    lines += [*(f"- {md(note)}" for note in guide.content_notes), ""]
    lines += [f"## {md(_('Planning a lesson'))}", "", md(reading_sentence(guide)), ""]
    head = [_("Chapter"), _("Words read"), minutes_heading(guide)]
    lines += [f"| {' | '.join(md(h) for h in head)} |", "|---|---|---|"]
    for chapter in guide.chapters:
        minutes = minutes_range(guide, chapter.median_words)
        words = format_number(chapter.median_words)
        lines.append(f"| {md(chapter.title)} | {words} | {minutes} |")
    lines += ["", *(f"- {md(step)}" for step in lesson_steps()), ""]
    for chapter in guide.chapters:
        lines += [f"## {md(chapter.title)}", ""]
        for moment in chapter.moments:
            lines += moment_markdown(moment)
        if not chapter.moments:
            lines += [md(_("No discussion prompts or context cards in this chapter.")), ""]
    head = [_("Ending"), _("Reached in"), _("Share")]
    lines += [f"## {md(_('Endings'))}", "", md(endings_sentence(guide)), ""]
    lines += [f"| {' | '.join(md(h) for h in head)} |", "|---|---|---|"]
    lines += [
        f"| {md(e.title)} | {md(how_often(e.share))} | {md(share_text(e.share))} |"
        for e in guide.endings
    ]
    lines += ["", f"## {md(_('Glossary'))}", ""]
    for term, text in guide.glossary:
        # The term on its own line (a hard break), its meaning below: a definition
        # list, with no colon to translate.
        lines += [f"**{md(term)}**  ", md(text), ""]
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
    if not write_output("guide", output, text):
        return 1
    print(
        _("wrote {file}: {summary}").format(file=output, summary=guide.summary()), file=sys.stderr
    )
    return 0
