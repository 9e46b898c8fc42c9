"""The class report as a printable HTML page, as Markdown, or as CSV for a spreadsheet.

:func:`to_html` renders the Jinja2 template ``templates/report.html`` (and
:func:`to_summary_html` ``report_summary.html``): one self-contained page in the
discussion guide's style (no scripts, no network, styles inline), with each chapter's
decisions on a new printed page. Autoescaping keeps every piece of story and record
text as text, so nothing in a story, a mod or a decision file becomes markup.
:func:`to_markdown` writes the same content for a word processor (story text through
:func:`game.tools.markdown.md`). :func:`to_csv` writes one row per decision per
playthrough; a text cell that a spreadsheet would take for a formula is quoted with a
leading apostrophe.

Every word a teacher reads is translated at render time (game.i18n, the language of
``--lang``); numbers and dates follow the language too. The CSV's column names stay
English: they are field names a spreadsheet formula or script refers to.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TextIO

from game.i18n import N_, _, format_date, format_number, ngettext
from game.storage import printable
from game.tools.loading import load_or_report, write_output
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
from game.tools.templating import environment

STOPPED_HEADING = N_("Where the unfinished games stopped")

#: The widest bar, in em, for a choice everybody who reached the decision took.
BAR_EM = 6


def playthroughs(count: int) -> str:
    """'1 playthrough', '30 playthroughs' in the current language."""
    return ngettext("{n} playthrough", "{n} playthroughs", count).format(n=format_number(count))


def percent(share: float) -> str:
    return _("{percent}%").format(percent=format_number(round(share * 100)))


def day_text(day: date) -> str:
    return format_date(day)


def number(value: float) -> str:
    """A median as a whole number where it is one, else with one decimal."""
    if value == int(value):
        return format_number(value)
    whole = format_number(int(value))
    return _("{whole}.{tenth}").format(whole=whole, tenth=round(abs(value) * 10) % 10)


def signed(value: float) -> str:
    """Money in (+) or out (−), in whole yuan."""
    amount = round(value)
    if amount == 0:
        return format_number(0)
    return ("+" if amount > 0 else "\u2212") + format_number(abs(amount))


def count_text(value: int) -> str:
    """A count in a table cell, with the language's grouping."""
    return format_number(value)


def summary_line(report: Report) -> str:
    """'30 playthroughs (20 in classroom mode) · story version 0.1.0 · finished ...'."""
    parts = [
        _("{playthroughs} ({classroom} in classroom mode)").format(
            playthroughs=playthroughs(report.runs), classroom=format_number(report.classroom_runs)
        )
    ]
    if len(report.versions) == 1:
        parts.append(_("story version {version}").format(version=report.versions[0][0]))
    else:
        seen = _(", ").join(
            _("{version} ({count})").format(version=version, count=format_number(count))
            for version, count in report.versions
        )
        parts.append(_("story versions {versions}").format(versions=seen))
    first, last = report.first_day, report.last_day
    if first is not None and last is not None:
        if first == last:
            parts.append(_("finished on {date}").format(date=day_text(first)))
        else:
            parts.append(
                _("finished between {first} and {last}").format(
                    first=day_text(first), last=day_text(last)
                )
            )
    if report.skipped:
        parts.append(
            ngettext(
                "{n} file not counted (listed at the end)",
                "{n} files not counted (listed at the end)",
                len(report.skipped),
            ).format(n=format_number(len(report.skipped)))
        )
    return " · ".join(parts)


def version_note(report: Report) -> str | None:
    """Said when some records were made with another version of the story."""
    if all(version == report.story_version for version, _count in report.versions):
        return None
    return _(
        "The report reads every record with version {version} of the story:"
        " a choice or scene that version no longer has is marked so."
    ).format(version=report.story_version)


def endings_sentence(report: Report) -> str:
    text = ngettext(
        "{finished} of {n} playthrough reached an ending.",
        "{finished} of {n} playthroughs reached an ending.",
        report.runs,
    ).format(finished=format_number(report.finished), n=format_number(report.runs))
    if report.unfinished:
        stopped = ngettext(
            "{n} record stopped before one.", "{n} records stopped before one.", report.unfinished
        ).format(n=format_number(report.unfinished))
        text = _("{sentence} {more}").format(sentence=text, more=stopped)
    return text


def meters_sentence(report: Report) -> str:
    return ngettext(
        "The start, and the lowest, median and highest value at the end, over the"
        " {n} playthrough that reached an ending.",
        "The start, and the lowest, median and highest value at the end, over the"
        " {n} playthroughs that reached an ending.",
        report.finished,
    ).format(n=format_number(report.finished))


def money_sentence(report: Report) -> str:
    return ngettext(
        "The median total of each kind of income (+) and spending (\u2212), in yuan, over the"
        " {n} playthrough. A playthrough without such a line counts as 0, so the medians"
        " do not add up to what was left; the last column says how many playthroughs had"
        " any.",
        "The median total of each kind of income (+) and spending (\u2212), in yuan, over the"
        " {n} playthroughs. A playthrough without such a line counts as 0, so the medians"
        " do not add up to what was left; the last column says how many playthroughs had"
        " any.",
        report.runs,
    ).format(n=format_number(report.runs))


def split_sentence() -> str:
    return _(
        "The decisions the class split over most evenly, each reached by at least"
        " {n} playthroughs. They are good places to start a discussion: ask"
        " a student from each side why."
    ).format(n=SPLIT_MIN_REACHED)


def no_split_sentence() -> str:
    return _(
        "No decision reached by at least {n} playthroughs was split: with more"
        " playthroughs this section shows where the class disagreed."
    ).format(n=SPLIT_MIN_REACHED)


DECISIONS_SENTENCE = N_(
    "Every decision the class made, in story order. Shares are of the playthroughs that"
    " reached the decision."
)
REVISITED = N_(
    "Some playthroughs came to this decision more than once, so the shares can add up to"
    " more than 100%."
)
GONE_SCENES = N_(
    "Some records were made with a version of the story that had scenes this one no"
    " longer has. Their decisions are counted here, with the text the players saw."
)


def reached_text(point: DecisionPoint, report: Report) -> str:
    return ngettext(
        "reached by {reached} of {n} playthrough",
        "reached by {reached} of {n} playthroughs",
        report.runs,
    ).format(reached=format_number(point.reached), n=format_number(report.runs))


def choice_label(choice: ChoiceCount) -> str:
    if choice.source == "gone":
        return _("{choice} (no longer in the story)").format(choice=choice.text)
    if choice.source == "recorded":
        return _("{choice} (as recorded)").format(choice=choice.text)
    return choice.text


def meter_median(meter: MeterSpread) -> str:
    """A median meter value; sums of money in whole yuan."""
    return number(round(meter.median)) if meter.kind == "money" else number(meter.median)


def meter_label(meter: MeterSpread) -> str:
    if meter.kind == "money":
        return _("{meter} (yuan)").format(meter=meter.label)
    if meter.scale:
        return _("{meter} ({scale})").format(meter=meter.label, scale=meter.scale)
    return meter.label


def where_text(point: DecisionPoint, report: Report, with_chapter: bool = False) -> str:
    """'Chapter title · 30 January 2007 · reached by 12 of 30 playthroughs'."""
    where = [
        point.chapter_title if with_chapter else "",
        format_date(point.date) if point.date else "",
        reached_text(point, report),
    ]
    return " · ".join(w for w in where if w)


def vote_sentence(point: DecisionPoint) -> str:
    """'In the class vote, the class split 14 to 11.'"""
    return _("In the class vote, {split}.").format(split=point.split_words())


def after_text(choice: ChoiceCount) -> str:
    """The words before a choice's own prompt: 'After “Buy the ticket”:'."""
    return _("After “{choice}”:").format(choice=choice.text)


def stop_place(stop: StopCount, report: Report) -> str:
    chapter = stop.chapter_title or report.chapter_titles.get(stop.chapter, "")
    words = stop.opening if len(stop.opening) <= 80 else stop.opening[:77] + "..."
    if chapter:
        return _("{chapter}: {words}").format(chapter=chapter, words=words)
    return words or stop.scene_id


# -- HTML (templates/report.html and report_summary.html) ---------------------------------


def page_helpers() -> dict[str, object]:
    """The words and numbers the report's templates ask for, in the current language."""
    return {
        "bar_em": BAR_EM,
        "summary_line": summary_line,
        "version_note": version_note,
        "endings_sentence": endings_sentence,
        "meters_sentence": meters_sentence,
        "money_sentence": money_sentence,
        "split_sentence": split_sentence,
        "no_split_sentence": no_split_sentence,
        "decisions_sentence": lambda: _(DECISIONS_SENTENCE),
        "revisited_sentence": lambda: _(REVISITED),
        "gone_sentence": lambda: _(GONE_SCENES),
        "stopped_heading": lambda: _(STOPPED_HEADING),
        "where_text": where_text,
        "vote_sentence": vote_sentence,
        "after_text": after_text,
        "choice_label": choice_label,
        "meter_median": meter_median,
        "meter_label": meter_label,
        "stop_place": stop_place,
        "percent": percent,
        "signed": signed,
        "count": count_text,
        "short": short,
        "summary_splits": summary_splits,
        "bar_width": bar_width,
    }


def bar_width(choice: ChoiceCount) -> float:
    """How wide a choice's bar is drawn, in em."""
    return round(min(choice.share, 1.0) * BAR_EM, 2)


def render(template: str, report: Report) -> str:
    page = environment().get_template(template)
    return page.render(report=report, **page_helpers()) + "\n"


def to_html(report: Report) -> str:
    return render("report.html", report)


# -- Markdown ------------------------------------------------------------------------------


def table_md(head: list[str], rows: list[list[str]], right: int = 1) -> list[str]:
    """A pipe table whose columns after the first ``right`` are aligned right."""
    align = ["---" if n < right else "---:" for n in range(len(head))]
    lines = [f"| {' | '.join(head)} |", f"| {' | '.join(align)} |"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return [*lines, ""]


def point_markdown(point: DecisionPoint, report: Report, with_chapter: bool = False) -> list[str]:
    lines = [f"*{md(where_text(point, report, with_chapter))}*", ""]
    if point.opening:
        lines += [f"> {md(point.opening)}", ""]
    prompts = [f"- {md(prompt)}" for prompt in point.prompts]
    prompts += [f"- {md(after_text(c))} {md(c.prompt)}" for c in point.choices if c.prompt]
    if prompts:
        lines += [*prompts, ""]
    if point.voted:
        lines += [md(vote_sentence(point)), ""]
        rows = [
            [md(choice_label(c)), count_text(c.count), percent(c.share), count_text(c.hands)]
            for c in point.choices
        ]
        lines += table_md([_("Choice"), _("Playthroughs"), _("Share"), _("Hands")], rows)
    else:
        rows = [[md(choice_label(c)), count_text(c.count), percent(c.share)] for c in point.choices]
        lines += table_md([_("Choice"), _("Playthroughs"), _("Share")], rows)
    if point.revisited:
        lines += [f"*{md(_(REVISITED))}*", ""]
    return lines


def endings_md(report: Report) -> list[str]:
    return table_md(
        [_("Ending"), _("Playthroughs"), _("Share")],
        [[md(e.title), count_text(e.count), percent(e.share)] for e in report.endings],
    )


def to_markdown(report: Report) -> str:
    title = _("{story}: class report").format(story=report.title)
    lines = [f"# {md(title)}", "", md(summary_line(report)), ""]
    note = version_note(report)
    if note:
        lines += [f"*{md(note)}*", ""]
    lines += [f"## {md(_('Endings'))}", "", md(endings_sentence(report)), ""]
    lines += endings_md(report)
    if report.stopped:
        lines += [f"### {md(_(STOPPED_HEADING))}", ""]
        lines += table_md(
            [_("Where"), _("Playthroughs")],
            [[md(stop_place(stop, report)), count_text(stop.count)] for stop in report.stopped],
        )
    lines += [f"## {md(_('Where the families ended'))}", ""]
    if report.meters:
        lines += [md(meters_sentence(report)), ""]
        lines += table_md(
            ["", _("Start"), _("Lowest"), _("Median"), _("Highest")],
            [
                [
                    md(meter_label(m)),
                    md(m.start),
                    count_text(m.lowest),
                    meter_median(m),
                    count_text(m.highest),
                ]
                for m in report.meters
            ],
        )
    else:
        lines += [md(_("No playthrough reached an ending, so there are no end values yet.")), ""]
    lines += [f"## {md(_('Where the money went'))}", ""]
    if report.money:
        lines += [md(money_sentence(report)), ""]
        lines += table_md(
            ["", *(md(label) for label in report.money_labels), _("Playthroughs")],
            [
                [md(line.label), *(signed(v) for v in line.medians), count_text(line.playthroughs)]
                for line in report.money
            ],
        )
    else:
        lines += [md(_("No money changed hands in these records.")), ""]
    lines += [f"## {md(_('Where the class split'))}", ""]
    if report.splits:
        lines += [md(split_sentence()), ""]
        for point in report.splits:
            lines += point_markdown(point, report, with_chapter=True)
    else:
        lines += [md(no_split_sentence()), ""]
    for index, chapter in enumerate(report.chapters):
        lines += [f"## {md(chapter.title)}", ""]
        if index == 0:
            lines += [md(_(DECISIONS_SENTENCE)), ""]
        for point in chapter.points:
            lines += point_markdown(point, report)
    if report.gone_scenes:
        heading = md(_("Scenes no longer in the story"))
        lines += [f"## {heading}", "", md(_(GONE_SCENES)), ""]
        for point in report.gone_scenes:
            lines += point_markdown(point, report)
    if report.skipped:
        lines += [f"## {md(_('Files not counted'))}", ""]
        lines += table_md(
            [_("File"), _("Why")], [[md(s.name), md(s.reason)] for s in report.skipped], right=2
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
                    "yes" if record.finished else "no",  # a value for formulas: English
                    dict(decision.votes or ()).get(decision.choice or "", ""),
                )
            )
    return buffer.getvalue()


# -- the one-page summary ------------------------------------------------------------------

#: How many of the most evenly split decisions the one-page summary shows.
SUMMARY_SPLITS = 3


def short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def summary_splits(report: Report) -> list[DecisionPoint]:
    return list(report.splits[:SUMMARY_SPLITS])


def to_summary_html(report: Report) -> str:
    """One printable A4 page: endings, where the families ended, where the class split."""
    return render("report_summary.html", report)


def to_summary_markdown(report: Report) -> str:
    title = _("{story}: the class at a glance").format(story=report.title)
    lines = [f"# {md(title)}", "", md(summary_line(report)), ""]
    lines += [f"## {md(_('Endings'))}", ""]
    lines += endings_md(report)
    lines += [f"## {md(_('Where the families ended'))}", ""]
    if report.meters:
        lines += table_md(
            ["", _("Start"), _("Median at the end")],
            [[md(meter_label(m)), md(m.start), meter_median(m)] for m in report.meters],
        )
    else:
        lines += [md(_("No playthrough reached an ending yet.")), ""]
    lines += [f"## {md(_('Where the class split'))}", ""]
    if not summary_splits(report):
        lines += [md(no_split_sentence()), ""]
    for point in summary_splits(report):
        lines += [f"**{md(point.chapter_title)}** · {md(short(point.opening, 110))}", ""]
        head = [_("Choice"), _("Playthroughs"), *([_("Hands")] if point.voted else [])]
        rows = [
            [
                md(short(choice_label(c))),
                count_text(c.count),
                *([count_text(c.hands)] if point.voted else []),
            ]
            for c in point.choices
            if c.count or c.hands
        ]
        lines += table_md(head, rows)
    if report.skipped:
        lines += [f"## {md(_('Files not counted'))}", ""]
        lines += [
            "- " + md(_("{file}: {reason}").format(file=s.name, reason=s.reason))
            for s in report.skipped[:8]
        ]
        if len(report.skipped) > 8:
            more = _("and {n} more (the full report lists them)").format(n=len(report.skipped) - 8)
            lines += [f"- {md(more)}"]
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
        line = (
            _("report: the summary comes as {kinds}, not {format!r}")
            if summary
            else _("report: the report comes as {kinds}, not {format!r}")
        )
        print(line.format(kinds=kinds, format=fmt), file=sys.stderr)
        return 1
    story = load_or_report(story_dir, mods)
    if story is None:
        return 1
    counted, skipped = read_records(paths, story)
    for full_path, item in skipped:
        print(
            _("report: {file}: {reason}").format(file=full_path, reason=item.reason),
            file=sys.stderr,
        )
    if not counted:
        where = ", ".join(paths) if paths else _("the files given")
        print(
            _("report: no decision records found in {where}").format(where=where), file=sys.stderr
        )
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
    if not write_output("report", output, text, encoding):
        return 1
    print(
        _("wrote {file}: {summary}").format(file=output, summary=report.summary()), file=sys.stderr
    )
    return 0
