"""The class report as a printable HTML page, as Markdown, or as CSV for a spreadsheet.

:func:`to_html` writes one self-contained page in the discussion guide's style (no
scripts, no network, styles inline), with each chapter's decisions on a new printed
page. Every piece of story and record text is escaped, so nothing in a story, a mod or
a decision file becomes markup. :func:`to_markdown` writes the same content for a word
processor. :func:`to_csv` writes one row per decision per playthrough; a text cell that
a spreadsheet would take for a formula is quoted with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from html import escape
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
    StopCount,
    build_report,
    read_records,
)

STOPPED_HEADING = "Where the unfinished games stopped"

#: The printed page's look (as the guide's), then the report's own rules.
STYLE = """
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 Georgia, "Noto Serif", serif; color: #222; max-width: 46em;
  margin: 2em auto; padding: 0 1em; }
h1 { font-size: 22pt; margin: 0 0 .2em; }
h2 { font-size: 16pt; margin: 1.6em 0 .4em; border-bottom: 1px solid #bbb; }
h3 { font-size: 12pt; margin: 1.2em 0 .3em; }
.sub { color: #555; margin: 0 0 1.2em; }
.meta { color: #555; font-size: 9.5pt; margin: 0 0 .3em; }
.opening { font-style: italic; color: #444; margin: 0 0 .5em; }
.moment { margin: 0 0 1.1em; padding-left: .8em; border-left: 3px solid #c9b98f; }
.prompts { margin: .3em 0; padding-left: 1.3em; }
.prompts li { margin: .25em 0; }
.after { color: #555; }
.card { border: 1px solid #c9b98f; background: #faf6ea; padding: .5em .8em; margin: .5em 0;
  break-inside: avoid; }
.card h4 { margin: 0 0 .25em; font-size: 11pt; }
.card p { margin: .2em 0; }
.card .label { font-weight: bold; }
table { border-collapse: collapse; margin: .4em 0; }
td, th { text-align: left; padding: .15em .9em .15em 0; vertical-align: top; }
dt { font-weight: bold; margin-top: .5em; }
dd { margin: 0 0 0 1.2em; }
.chapter { break-before: page; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""

REPORT_STYLE = """
td.n, th.n { text-align: right; padding-right: 1.2em; font-variant-numeric: tabular-nums; }
table.wide { width: 100%; table-layout: fixed; }
table.wide th.n { width: 6.5em; }
table.wide th.share { width: 4.8em; }
table.wide th.track { width: 7em; }
.none td { color: #888; }
.bar { display: inline-block; height: .55em; background: #c9b98f; vertical-align: middle;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.note { color: #555; font-size: 9.5pt; }
.moment, table { break-inside: avoid; }
h2 { break-after: avoid; }
th { border-bottom: 1px solid #ccc; font-weight: normal; color: #555; }
"""

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

NONE = ' class="none"'


def num(text: str) -> str:
    """A table cell holding a number (already formatted and escaped), aligned right."""
    return f'<td class="n">{text}</td>'


def meta_html(point: DecisionPoint, report: Report, with_chapter: bool = False) -> str:
    where = [point.chapter_title if with_chapter else "", point.date or ""]
    where.append(reached_text(point, report))
    return f'<p class="meta">{" · ".join(escape(w) for w in where if w)}</p>'


def choices_html(point: DecisionPoint) -> str:
    hands_head = '<th class="n">Hands</th>' if point.voted else ""
    rows = [
        '<table class="wide"><tr><th>Choice</th><th class="n">Playthroughs</th>'
        f'<th class="n share">Share</th>{hands_head}<th class="track"></th></tr>'
    ]
    for choice in point.choices:
        width = round(min(choice.share, 1.0) * BAR_EM, 2)
        bar = f'<span class="bar" style="width:{width}em"></span>' if choice.count else ""
        hands = num(str(choice.hands)) if point.voted else ""
        rows.append(
            f"<tr{NONE if not choice.count else ''}>"
            f"<td>{escape(choice_label(choice))}</td>"
            f"{num(str(choice.count))}{num(percent(choice.share))}{hands}"
            f"<td>{bar}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def prompts_html(point: DecisionPoint) -> str:
    items = [f"<li>{escape(prompt)}</li>" for prompt in point.prompts]
    items += [
        f'<li><span class="after">After “{escape(c.text)}”:</span> {escape(c.prompt)}</li>'
        for c in point.choices
        if c.prompt
    ]
    return f'<ul class="prompts">{"".join(items)}</ul>' if items else ""


def point_html(point: DecisionPoint, report: Report, with_chapter: bool = False) -> str:
    """A decision: where it is, how it opens, what to ask, and what the class chose."""
    parts = ['<div class="moment">', meta_html(point, report, with_chapter)]
    if point.opening:
        parts.append(f'<p class="opening">{escape(point.opening)}</p>')
    parts.append(prompts_html(point))
    if point.voted:
        parts.append(f'<p class="note">In the class vote, {escape(point.split_words())}.</p>')
    parts.append(choices_html(point))
    if point.revisited:
        parts.append(f'<p class="note">{escape(REVISITED)}</p>')
    parts.append("</div>")
    return "\n".join(part for part in parts if part)


def meters_html(report: Report) -> list[str]:
    if not report.meters:
        return ["<p>No playthrough reached an ending, so there are no end values yet.</p>"]
    return [
        f"<p>{escape(meters_sentence(report))}</p>",
        '<table><tr><th></th><th class="n">Start</th><th class="n">Lowest</th>'
        '<th class="n">Median</th><th class="n">Highest</th></tr>',
        *(
            f"<tr><td>{escape(meter_label(m))}</td>{num(escape(m.start))}"
            f"{num(f'{m.lowest:,}')}{num(meter_median(m))}{num(f'{m.highest:,}')}</tr>"
            for m in report.meters
        ),
        "</table>",
    ]


def money_html(report: Report) -> list[str]:
    if not report.money:
        return ["<p>No money changed hands in these records.</p>"]
    head = "".join(f'<th class="n">{escape(label)}</th>' for label in report.money_labels)
    return [
        f"<p>{escape(money_sentence(report))}</p>",
        f'<table><tr><th></th>{head}<th class="n">Playthroughs</th></tr>',
        *(
            f"<tr><td>{escape(line.label)}</td>"
            + "".join(num(signed(value)) for value in line.medians)
            + f"{num(str(line.playthroughs))}</tr>"
            for line in report.money
        ),
        "</table>",
    ]


def stopped_html(report: Report) -> list[str]:
    """How far the games that stopped before an ending got (a lesson cut by the bell)."""
    if not report.stopped:
        return []
    rows = [
        f"<tr><td>{escape(stop_place(stop, report))}</td>{num(str(stop.count))}</tr>"
        for stop in report.stopped
    ]
    return [
        f"<h3>{escape(STOPPED_HEADING)}</h3>",
        f'<table><tr><th>Where</th><th class="n">Playthroughs</th></tr>{"".join(rows)}</table>',
    ]


def stop_place(stop: StopCount, report: Report) -> str:
    chapter = stop.chapter_title or report.chapter_titles.get(stop.chapter, "")
    words = stop.opening if len(stop.opening) <= 80 else stop.opening[:77] + "..."
    return f"{chapter}: {words}" if chapter else words or stop.scene_id


def to_html(report: Report) -> str:
    title = escape(report.title)
    body = [
        f"<h1>{title}: class report</h1>",
        f'<p class="sub">{escape(summary_line(report))}</p>',
    ]
    note = version_note(report)
    if note:
        body.append(f'<p class="note">{escape(note)}</p>')
    body += [
        "<h2>Endings</h2>",
        f"<p>{escape(endings_sentence(report))}</p>",
        '<table><tr><th></th><th class="n">Playthroughs</th><th class="n">Share</th></tr>',
        *(
            f"<tr><td>{escape(e.title)}</td>{num(str(e.count))}{num(percent(e.share))}</tr>"
            for e in report.endings
        ),
        "</table>",
        *stopped_html(report),
        "<h2>Where the families ended</h2>",
        *meters_html(report),
        "<h2>Where the money went</h2>",
        *money_html(report),
        "<h2>Where the class split</h2>",
    ]
    if report.splits:
        body.append(f"<p>{escape(SPLIT_SENTENCE)}</p>")
        body.extend(point_html(point, report, with_chapter=True) for point in report.splits)
    else:
        body.append(f"<p>{escape(NO_SPLIT)}</p>")
    for index, chapter in enumerate(report.chapters):
        body.append(f'<section class="chapter"><h2>{escape(chapter.title)}</h2>')
        if index == 0:
            body.append(f"<p>{escape(DECISIONS_SENTENCE)}</p>")
        body.extend(point_html(point, report) for point in chapter.points)
        body.append("</section>")
    if report.gone_scenes:
        body += [
            '<section class="chapter"><h2>Scenes no longer in the story</h2>',
            f"<p>{escape(GONE_SCENES)}</p>",
            *(point_html(point, report) for point in report.gone_scenes),
            "</section>",
        ]
    if report.skipped:
        body += [
            "<h2>Files not counted</h2>",
            "<table><tr><th>File</th><th>Why</th></tr>",
            *(
                f"<tr><td>{escape(s.name)}</td><td>{escape(s.reason)}</td></tr>"
                for s in report.skipped
            ),
            "</table>",
        ]
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}: class report</title>\n<style>{STYLE}{REPORT_STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
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
    if point.voted:
        lines += [f"In the class vote, {md(point.split_words())}.", ""]
        rows = [
            [md(choice_label(c)), str(c.count), percent(c.share), str(c.hands)]
            for c in point.choices
        ]
        lines += table_md(["Choice", "Playthroughs", "Share", "Hands"], rows)
    else:
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
    if report.stopped:
        lines += [f"### {STOPPED_HEADING}", ""]
        lines += table_md(
            ["Where", "Playthroughs"],
            [[md(stop_place(stop, report)), str(stop.count)] for stop in report.stopped],
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
    "finished",
    "hands",
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
                    "yes" if record.finished else "no",
                    dict(decision.votes or ()).get(decision.choice or "", ""),
                )
            )
    return buffer.getvalue()


# -- the one-page summary ------------------------------------------------------------------

#: How many of the most evenly split decisions the one-page summary shows.
SUMMARY_SPLITS = 3
SUMMARY_STYLE = """
@page { size: auto; margin: 12mm; }
body { max-width: 46em; font-size: 10.5pt; line-height: 1.3; }
h1 { font-size: 16pt; margin: 0 0 .2em; } h2 { font-size: 12pt; margin: .8em 0 .3em; }
table { margin: .2em 0; } td, th { padding: .1em .5em; }
.split { break-inside: avoid; margin: .3em 0 .5em; }
.split p { margin: .1em 0; }
"""


def short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def summary_splits(report: Report) -> list[DecisionPoint]:
    return list(report.splits[:SUMMARY_SPLITS])


def to_summary_html(report: Report) -> str:
    """One printable A4 page: endings, where the families ended, where the class split."""
    title = escape(report.title)
    body = [
        f"<h1>{title}: the class at a glance</h1>",
        f'<p class="sub">{escape(summary_line(report))}</p>',
        "<h2>Endings</h2>",
        '<table><tr><th></th><th class="n">Playthroughs</th><th class="n">Share</th></tr>',
        *(
            f"<tr><td>{escape(e.title)}</td>{num(str(e.count))}{num(percent(e.share))}</tr>"
            for e in report.endings
        ),
        "</table>",
        "<h2>Where the families ended</h2>",
    ]
    if report.meters:
        body += [
            '<table><tr><th></th><th class="n">Start</th><th class="n">Median at the end</th></tr>',
            *(
                f"<tr><td>{escape(meter_label(m))}</td>{num(escape(m.start))}"
                f"{num(meter_median(m))}</tr>"
                for m in report.meters
            ),
            "</table>",
        ]
    else:
        body.append("<p>No playthrough reached an ending yet.</p>")
    body.append("<h2>Where the class split</h2>")
    points = summary_splits(report)
    if not points:
        body.append(f"<p>{escape(NO_SPLIT)}</p>")
    for point in points:
        rows = "".join(
            f"<tr><td>{escape(short(choice_label(c)))}</td>{num(str(c.count))}"
            + (num(str(c.hands)) if point.voted else "")
            + "</tr>"
            for c in point.choices
            if c.count or c.hands
        )
        head = '<th class="n">Hands</th>' if point.voted else ""
        body.append(
            '<div class="split">'
            f"<p><b>{escape(point.chapter_title)}</b> · {escape(short(point.opening, 110))}</p>"
            f'<table><tr><th>Choice</th><th class="n">Playthroughs</th>{head}</tr>{rows}'
            "</table></div>"
        )
    if report.skipped:
        items = "".join(
            f"<li>{escape(s.name)}: {escape(s.reason)}</li>" for s in report.skipped[:8]
        )
        more = len(report.skipped) - 8
        if more > 0:
            items += f"<li>and {more} more (the full report lists them)</li>"
        body += ["<h2>Files not counted</h2>", f"<ul>{items}</ul>"]
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}: the class at a glance</title>\n"
        f"<style>{STYLE}{REPORT_STYLE}{SUMMARY_STYLE}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def to_summary_markdown(report: Report) -> str:
    lines = [f"# {md(report.title)}: the class at a glance", "", md(summary_line(report)), ""]
    lines += ["## Endings", ""]
    lines += table_md(
        ["Ending", "Playthroughs", "Share"],
        [[md(e.title), str(e.count), percent(e.share)] for e in report.endings],
    )
    lines += ["## Where the families ended", ""]
    if report.meters:
        lines += table_md(
            ["", "Start", "Median at the end"],
            [[md(meter_label(m)), md(m.start), meter_median(m)] for m in report.meters],
        )
    else:
        lines += ["No playthrough reached an ending yet.", ""]
    lines += ["## Where the class split", ""]
    for point in summary_splits(report):
        lines += [f"**{md(point.chapter_title)}**: {md(short(point.opening, 110))}", ""]
        head = ["Choice", "Playthroughs", *(["Hands"] if point.voted else [])]
        rows = [
            [md(short(choice_label(c))), str(c.count), *([str(c.hands)] if point.voted else [])]
            for c in point.choices
            if c.count or c.hands
        ]
        lines += table_md(head, rows)
    if report.skipped:
        lines += ["## Files not counted", ""]
        lines += [f"- {md(s.name)}: {md(s.reason)}" for s in report.skipped[:8]]
        if len(report.skipped) > 8:
            lines += [f"- and {len(report.skipped) - 8} more (the full report lists them)"]
        lines += [""]
    return "\n".join(lines)


RENDERERS: dict[str, Callable[[Report], str]] = {
    "html": to_html,
    "md": to_markdown,
    "csv": to_csv,
}
SUMMARY_RENDERERS: dict[str, Callable[[Report], str]] = {
    "html": to_summary_html,
    "md": to_summary_markdown,
}


def run_report(
    paths: Sequence[str],
    fmt: str = "html",
    output: str | None = None,
    story_dir: str = SHIPPED_STORY,
    mods: Sequence[str] = (),
    out: TextIO = sys.stdout,
    summary: bool = False,
) -> int:
    """Write the class report of the decision files in ``paths``; 0 if any were counted.

    With ``summary``, the one-page summary (HTML or Markdown) instead of the whole report.
    """
    renderers = SUMMARY_RENDERERS if summary else RENDERERS
    if fmt not in renderers:
        kinds = ", ".join(renderers)
        what = "the summary" if summary else "the report"
        print(f"report: {what} comes as {kinds}, not {fmt!r}", file=sys.stderr)
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
    text = printable(renderers[fmt](report))
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
