"""The class report as a printable HTML page, as Markdown, or as CSV for a spreadsheet.

:func:`to_html` writes one self-contained page in the discussion guide's style (no
scripts, no network, styles inline), with each chapter's decisions on a new printed
page. Every piece of story and record text is escaped, so nothing in a story, a mod or
a decision file becomes markup. :func:`to_markdown` writes the same content for a word
processor. :func:`to_csv` writes one row per decision per playthrough; a text cell that
a spreadsheet would take for a formula is quoted with a leading apostrophe.
:func:`run_report` is the ``report`` command.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from game.storage import printable
from game.tools.loading import load_or_report
from game.tools.markdown import md
from game.tools.report import (
    SHIPPED_STORY,
    SPLIT_MIN_REACHED,
    ChoiceCount,
    DecisionPoint,
    MeterSpread,
    Report,
    build_report,
    read_records,
)
from game.tools.templating import environment

#: The widest bar, in em, for a choice everybody who reached the decision took.
BAR_EM = 6


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def day_text(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def number(value: float) -> str:
    """A median as a whole number where it is one, else with one decimal."""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def signed(value: float) -> str:
    """Money in (+) or out (−), in whole yuan."""
    amount = round(value)
    if amount == 0:
        return "0"
    return f"+{amount:,}" if amount > 0 else f"−{-amount:,}"


def summary_line(report: Report) -> str:
    """'30 playthroughs (20 in classroom mode) · story version 0.1.0 · finished ...'."""
    parts = [f"{plural(report.runs, 'playthrough')} ({report.classroom_runs} in classroom mode)"]
    if len(report.versions) == 1:
        parts.append(f"story version {report.versions[0][0]}")
    else:
        seen = ", ".join(f"{version} ({count})" for version, count in report.versions)
        parts.append(f"story versions {seen}")
    first, last = report.first_day, report.last_day
    if first is not None and last is not None:
        if first == last:
            parts.append(f"finished on {day_text(first)}")
        else:
            parts.append(f"finished between {day_text(first)} and {day_text(last)}")
    if report.skipped:
        parts.append(f"{plural(len(report.skipped), 'file')} not counted (listed at the end)")
    return " · ".join(parts)


def version_note(report: Report) -> str | None:
    """Said when some records were made with another version of the story."""
    if all(version == report.story_version for version, _ in report.versions):
        return None
    return (
        f"The report reads every record with version {report.story_version} of the story:"
        " a choice or scene that version no longer has is marked so."
    )


def endings_sentence(report: Report) -> str:
    text = f"{report.finished} of {plural(report.runs, 'playthrough')} reached an ending."
    if report.unfinished:
        text += f" {plural(report.unfinished, 'record')} stopped before one."
    return text


def meters_sentence(report: Report) -> str:
    return (
        f"The start, and the lowest, median and highest value at the end, over the"
        f" {plural(report.finished, 'playthrough')} that reached an ending."
    )


def money_sentence(report: Report) -> str:
    return (
        f"The median total of each kind of income (+) and spending (−), in yuan, over the"
        f" {plural(report.runs, 'playthrough')}. A playthrough without such a line counts as"
        " 0, so the medians do not add up to what was left; the last column says how many"
        " playthroughs had any."
    )


SPLIT_SENTENCE = (
    "The decisions the class split over most evenly, each reached by at least"
    f" {SPLIT_MIN_REACHED} playthroughs. They are good places to start a discussion: ask"
    " a student from each side why."
)
NO_SPLIT = (
    f"No decision reached by at least {SPLIT_MIN_REACHED} playthroughs was split: with more"
    " playthroughs this section shows where the class disagreed."
)
DECISIONS_SENTENCE = (
    "Every decision the class made, in story order. Shares are of the playthroughs that"
    " reached the decision."
)
REVISITED = (
    "Some playthroughs came to this decision more than once, so the shares can add up to"
    " more than 100%."
)
GONE_SCENES = (
    "Some records were made with a version of the story that had scenes this one no"
    " longer has. Their decisions are counted here, with the text the players saw."
)


def reached_text(point: DecisionPoint, report: Report) -> str:
    return f"reached by {point.reached} of {plural(report.runs, 'playthrough')}"


def choice_label(choice: ChoiceCount) -> str:
    if choice.source == "gone":
        return f"{choice.text} (no longer in the story)"
    if choice.source == "recorded":
        return f"{choice.text} (as recorded)"
    return choice.text


def meter_median(meter: MeterSpread) -> str:
    """A median meter value; sums of money in whole yuan."""
    return number(round(meter.median)) if meter.kind == "money" else number(meter.median)


def meter_label(meter: MeterSpread) -> str:
    if meter.kind == "money":
        return f"{meter.label} (yuan)"
    return f"{meter.label} ({meter.scale})" if meter.scale else meter.label


# -- HTML ----------------------------------------------------------------------------------


def meta_text(point: DecisionPoint, report: Report, with_chapter: bool = False) -> str:
    """'Chapter · 2007-01-28 · reached by 12 of 30' above a decision."""
    where = [point.chapter_title if with_chapter else "", point.date or ""]
    where.append(reached_text(point, report))
    return " · ".join(w for w in where if w)


def to_html(report: Report) -> str:
    """The report as one printable page, through the Jinja2 template ``report.html``
    (autoescaped: story and record text never becomes markup)."""
    return (
        environment()
        .get_template("report.html")
        .render(
            report=report,
            summary_line=summary_line(report),
            version_note=version_note(report),
            endings_sentence=endings_sentence(report),
            meters_sentence=meters_sentence(report) if report.meters else "",
            money_sentence=money_sentence(report) if report.money else "",
            split_sentence=SPLIT_SENTENCE,
            no_split=NO_SPLIT,
            decisions_sentence=DECISIONS_SENTENCE,
            gone_scenes=GONE_SCENES,
            revisited=REVISITED,
            meta=lambda point, with_chapter: meta_text(point, report, with_chapter),
            choice_label=choice_label,
            meter_label=meter_label,
            meter_median=meter_median,
            percent=percent,
            signed=signed,
            bar_width=lambda share: round(min(share, 1.0) * BAR_EM, 2),
        )
    )


# -- Markdown ------------------------------------------------------------------------------


def table_md(head: list[str], rows: list[list[str]], right: int = 1) -> list[str]:
    """A pipe table whose columns after the first ``right`` are aligned right."""
    align = ["---" if n < right else "---:" for n in range(len(head))]
    lines = [f"| {' | '.join(head)} |", f"| {' | '.join(align)} |"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return [*lines, ""]


def point_markdown(point: DecisionPoint, report: Report, with_chapter: bool = False) -> list[str]:
    where = [
        point.chapter_title if with_chapter else "",
        point.date or "",
        reached_text(point, report),
    ]
    lines = [f"*{' · '.join(md(w) for w in where if w)}*", ""]
    if point.opening:
        lines += [f"> {md(point.opening)}", ""]
    prompts = [f"- {md(prompt)}" for prompt in point.prompts]
    prompts += [f"- After “{md(c.text)}”: {md(c.prompt)}" for c in point.choices if c.prompt]
    if prompts:
        lines += [*prompts, ""]
    rows = [[md(choice_label(c)), str(c.count), percent(c.share)] for c in point.choices]
    lines += table_md(["Choice", "Playthroughs", "Share"], rows)
    if point.revisited:
        lines += [f"*{REVISITED}*", ""]
    return lines


def to_markdown(report: Report) -> str:
    lines = [f"# {md(report.title)}: class report", "", md(summary_line(report)), ""]
    note = version_note(report)
    if note:
        lines += [f"*{md(note)}*", ""]
    lines += ["## Endings", "", endings_sentence(report), ""]
    lines += table_md(
        ["Ending", "Playthroughs", "Share"],
        [[md(e.title), str(e.count), percent(e.share)] for e in report.endings],
    )
    lines += ["## Where the families ended", ""]
    if report.meters:
        lines += [meters_sentence(report), ""]
        lines += table_md(
            ["", "Start", "Lowest", "Median", "Highest"],
            [
                [md(meter_label(m)), m.start, f"{m.lowest:,}", meter_median(m), f"{m.highest:,}"]
                for m in report.meters
            ],
        )
    else:
        lines += ["No playthrough reached an ending, so there are no end values yet.", ""]
    lines += ["## Where the money went", ""]
    if report.money:
        lines += [money_sentence(report), ""]
        lines += table_md(
            ["", *(md(label) for label in report.money_labels), "Playthroughs"],
            [
                [md(line.label), *(signed(v) for v in line.medians), str(line.playthroughs)]
                for line in report.money
            ],
        )
    else:
        lines += ["No money changed hands in these records.", ""]
    lines += ["## Where the class split", ""]
    if report.splits:
        lines += [SPLIT_SENTENCE, ""]
        for point in report.splits:
            lines += point_markdown(point, report, with_chapter=True)
    else:
        lines += [NO_SPLIT, ""]
    for index, chapter in enumerate(report.chapters):
        lines += [f"## {md(chapter.title)}", ""]
        if index == 0:
            lines += [DECISIONS_SENTENCE, ""]
        for point in chapter.points:
            lines += point_markdown(point, report)
    if report.gone_scenes:
        lines += ["## Scenes no longer in the story", "", GONE_SCENES, ""]
        for point in report.gone_scenes:
            lines += point_markdown(point, report)
    if report.skipped:
        lines += ["## Files not counted", ""]
        lines += table_md(
            ["File", "Why"], [[md(s.name), md(s.reason)] for s in report.skipped], right=2
        )
    return "\n".join(lines)


# -- CSV -----------------------------------------------------------------------------------

CSV_HEADER = (
    "file",
    "seed",
    "ending",
    "step",
    "date",
    "chapter",
    "chapter title",
    "scene",
    "choice id",
    "choice text",
)


#: Line breaks other than "\n" (a bare carriage return, vertical tab, form feed, the
#: separators U+001C-U+001E, NEL, U+2028, U+2029): some spreadsheet programs and CSV
#: readers start a new row at them, so a cell never holds one. "\r\n" becomes "\n".
_ODD_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_OTHER_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula, in one row.

    Odd line breaks become "\n" (which the CSV writer quotes), other control
    characters are dropped, and a cell that starts (after any spaces) like a formula
    gets a leading apostrophe.
    """
    text = _OTHER_CONTROLS.sub("", _ODD_BREAKS.sub("\n", text))
    stripped = text.lstrip(" ")
    return "'" + text if stripped[:1] in _FORMULA_START else text


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for playthrough in report.playthroughs:
        record = playthrough.record
        for decision in record.decisions:
            writer.writerow(
                (
                    cell(playthrough.name),
                    record.seed,
                    cell(record.ending_title or ""),
                    decision.step,
                    cell(decision.date),
                    decision.chapter,
                    cell(report.chapter_titles.get(decision.chapter, "")),
                    cell(decision.scene),
                    cell(decision.choice or ""),
                    cell(decision.text),
                )
            )
    return buffer.getvalue()


RENDERERS: dict[str, Callable[[Report], str]] = {
    "html": to_html,
    "md": to_markdown,
    "csv": to_csv,
}


def run_report(
    paths: Sequence[str],
    fmt: str = "html",
    output: str | None = None,
    story_dir: str = SHIPPED_STORY,
    mods: Sequence[str] = (),
    out: TextIO = sys.stdout,
) -> int:
    """Write the class report of the decision files in ``paths``; 0 if any were counted."""
    if fmt not in RENDERERS:
        print(f"report: no format {fmt!r}; use one of {', '.join(RENDERERS)}", file=sys.stderr)
        return 1
    story = load_or_report(story_dir, mods)
    if story is None:
        return 1
    counted, skipped = read_records(paths, story)
    for full_path, item in skipped:
        print(f"report: {full_path}: {item.reason}", file=sys.stderr)
    if not counted:
        where = ", ".join(paths) if paths else "the files given"
        print(f"report: no decision records found in {where}", file=sys.stderr)
        return 1
    report = build_report(
        story,
        [p.record for p in counted],
        names=[p.name for p in counted],
        skipped=[item for _, item in skipped],
    )
    # Text that is not valid Unicode (a lone surrogate in a story) cannot be written
    # as UTF-8: it shows as U+FFFD rather than stopping the report.
    text = printable(RENDERERS[fmt](report))
    if output is None or output == "-":
        out.write(text)
        return 0
    # A BOM lets spreadsheet programs read a CSV file's Chinese characters as UTF-8.
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    try:
        Path(output).write_text(text, encoding=encoding)
    except OSError as exc:
        print(f"report: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {output}: {report.summary()}", file=sys.stderr)
    return 0
