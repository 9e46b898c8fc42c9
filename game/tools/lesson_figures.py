"""The ledger worksheet's figures and questions, read from a story's money effects.

Every sum on the worksheet is a real effect in the story files (``money -= 380 "Two
standing tickets to Dazhou" [tickets]``), so an edit to the economy flows into the
worksheet and its answer key. Only effects with a fixed amount count (``350 *
ch2_overtime`` depends on the route). Each question is asked only when the chapter
has the figures it needs, so a mod or a small story gets the questions it can answer.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass

from game.engine import Effect, EvalContext, Story
from game.i18n import _, format_money, format_number

#: Working days in a month, the 2008 survey's average for migrant workers (BACKGROUND.md:
#: "11 hours a day, 26 days a month"); used to turn a month's wages into a day's.
WORKING_DAYS = 26
MONEY_TARGETS = ("money", "savings")
#: Rows in the worksheet's table of figures (it has to fit on the page with the questions).
MAX_TABLE = 14


@dataclass(frozen=True)
class Figure:
    """One fixed sum of money moved in the story, with its ledger label."""

    scene: str
    date: str | None
    label: str
    category: str
    target: str
    amount: int  # positive: money in; negative: money out
    in_scene: bool  # True when the scene itself moves it (every reader meets it)
    choice: int | None  # index of the choice that moves it, if a choice does


@dataclass(frozen=True)
class Question:
    """A worksheet question, its answer and the working for the teacher."""

    text: str
    answer: str
    working: str


class _NoVariables:
    """What a fixed amount sees: no variables, no visits, no randomness."""

    def random(self) -> float:
        raise LookupError("random")


def _constant(effect: Effect) -> int | None:
    """The amount of an effect that names no variable and draws nothing at random."""
    spec = effect.spec
    if spec.value.names - {spec.target}:
        return None
    try:
        value = spec.value.run(EvalContext({}, {}, _NoVariables()))
    except (LookupError, KeyError, TypeError, ZeroDivisionError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def chapter_figures(story: Story, chapter: int) -> list[Figure]:
    """Every fixed money effect of ``chapter``, in story order (choices' outcomes too)."""
    figures = []

    def add(
        scene_id: str, date: str | None, effect: Effect, in_scene: bool, index: int | None
    ) -> None:
        amount = _constant(effect)
        spec = effect.spec
        if amount is None or spec.target not in MONEY_TARGETS or spec.op == "=":
            return
        figures.append(
            Figure(
                scene_id,
                date,
                spec.label or "",
                spec.category or "",
                spec.target,
                amount if spec.op == "+=" else -amount,
                in_scene,
                index,
            )
        )

    for scene in story.scenes.values():
        if scene.chapter != chapter:
            continue
        for effect in scene.effects:
            add(scene.id, scene.date, effect, True, None)
        for index, choice in enumerate(scene.choices):
            for effect in choice.effects:
                add(scene.id, scene.date, effect, False, index)
            for outcome in choice.outcomes:
                for effect in outcome.effects:
                    add(scene.id, scene.date, effect, False, index)
    return figures


@dataclass(frozen=True)
class LedgerSheet:
    """The figures a worksheet quotes and the questions asked about them."""

    chapter: int
    chapter_title: str
    figures: tuple[Figure, ...]
    questions: tuple[Question, ...]


def _money(figures: list[Figure]) -> Iterator[Figure]:
    return (f for f in figures if f.label)


def yuan(amount: float) -> str:
    """'1,370 yuan' ('−130 yuan' with a true minus sign), in the current language."""
    return format_money(amount)


def n(value: float) -> str:
    """A whole number with the language's grouping: '1,370' ('−130')."""
    return ("\u2212" if value < 0 else "") + format_number(abs(value))


def one_place(value: float, places: int = 1) -> str:
    """A number to ``places`` decimal places ('2.5'); the grouping of the language."""
    text = f"{abs(value):.{places}f}"
    whole, _dot, fraction = text.partition(".")
    sign = "\u2212" if value < 0 and float(text) != 0 else ""
    return sign + _("{whole}.{fraction}").format(whole=format_number(int(whole)), fraction=fraction)


def percent(value: float) -> str:
    return _("{percent}%").format(percent=format_number(round(value)))


def ledger_sheet(story: Story, chapter: int) -> LedgerSheet:
    """The ledger worksheet of ``chapter``: its figures and the questions they answer."""
    figures = [f for f in _money(chapter_figures(story, chapter)) if f.scene]
    cash = [f for f in figures if f.label]
    wage = next((f for f in cash if f.category == "wages" and f.in_scene and f.amount > 0), None)
    food = None
    if wage is not None:
        food = next(
            (f for f in cash if f.scene == wage.scene and f.category == "food" and f.amount < 0),
            None,
        )
    fares = [-f.amount for f in cash if f.category == "tickets" and f.amount < 0]
    window: Figure | None
    dearest: Figure | None
    ticket_costs = [f for f in cash if f.category == "tickets" and f.amount < 0]
    window = dearest = None
    if len(set(fares)) >= 2:
        # The dearest way home, against the usual price of the same number of tickets
        # elsewhere in the chapter ("Two hard seats from the man at the gate" against
        # "Two standing tickets to Dazhou"): labels that start with the same word.
        dearest = max(ticket_costs, key=lambda f: -f.amount)
        first = dearest.label.split()[0].lower() if dearest.label.split() else ""
        alike = (
            [
                f
                for f in ticket_costs
                if f.scene != dearest.scene and f.label.lower().split()[:1] == [first]
            ]
            or [f for f in ticket_costs if f.scene != dearest.scene]
            or ticket_costs
        )
        window_amount = min(statistics.multimode(-f.amount for f in alike))
        window = next(f for f in alike if -f.amount == window_amount)
        if window_amount >= -dearest.amount:
            window = dearest = None
    remit_scene = next(
        (f.scene for f in cash if f.category == "remittance" and f.choice is not None), None
    )
    remittances = sorted(
        {
            -f.amount
            for f in cash
            if f.scene == remit_scene and f.category == "remittance" and f.amount < 0
        },
        reverse=True,
    )
    fee = min(
        (f for f in cash if f.category == "fees" and f.amount < 0),
        key=lambda f: f.amount,
        default=None,
    )

    questions: list[Question] = []
    quoted: list[Figure] = []
    if wage is not None and food is not None:
        w, f = wage.amount, -food.amount
        quoted += [wage, food]
        questions.append(
            Question(
                _(
                    "The month's wages are {wages} (“{wage}”) and “{food}” costs {cost}."
                    " How much is left?"
                ).format(wages=yuan(w), wage=wage.label, food=food.label, cost=yuan(f)),
                yuan(w - f),
                f"{n(w)} − {n(f)} = {n(w - f)}",
            )
        )
        questions.append(
            Question(
                _(
                    "What share of the month's wages goes on food, the dormitory and phone"
                    " cards? Give a percentage to the nearest whole number."
                ),
                percent(100 * f / w),
                _("{sum}, about {rounded}").format(
                    sum=f"{n(f)} ÷ {n(w)} × 100 = {one_place(100 * f / w)}",
                    rounded=percent(100 * f / w),
                ),
            )
        )
    if window is not None and dearest is not None:
        a, b = -window.amount, -dearest.amount
        quoted += [window, dearest]
        questions.append(
            Question(
                _(
                    "“{first}” cost {first_cost}; “{second}” cost {second_cost}. How many"
                    " times as much as the first does the second cost? Give one decimal place."
                ).format(
                    first=window.label,
                    first_cost=yuan(a),
                    second=dearest.label,
                    second_cost=yuan(b),
                ),
                _("{n} times").format(n=one_place(b / a)),
                _("{sum}, about {rounded}").format(
                    sum=f"{n(b)} ÷ {n(a)} = {one_place(b / a, 2)}", rounded=one_place(b / a)
                ),
            )
        )
        if wage is not None:
            day = wage.amount / WORKING_DAYS
            questions.append(
                Question(
                    _(
                        "The two of them work {days} days a month for {wages}. How many days"
                        " of their work pay for the difference between the two ways home?"
                        " Give one decimal place."
                    ).format(days=WORKING_DAYS, wages=yuan(wage.amount)),
                    _("{n} days").format(n=one_place((b - a) / day)),
                    _("a day's pay: {pay}; the difference: {difference}; {days}").format(
                        pay=_("{sum} yuan").format(
                            sum=f"{n(wage.amount)} ÷ {WORKING_DAYS} = {one_place(day, 2)}"
                        ),
                        difference=f"{n(b)} − {n(a)} = {n(b - a)}",
                        days=f"{n(b - a)} ÷ {one_place(day, 2)} = {one_place((b - a) / day, 2)}",
                    ),
                )
            )
    if remittances and wage is not None:
        r, w = remittances[0], wage.amount
        if len(remittances) > 1:
            options = _("{some} or {last}").format(
                some=_(", ").join(n(x) for x in remittances[:-1]), last=n(remittances[-1])
            )
        else:
            options = n(remittances[-1])
        quoted += [f for f in cash if f.scene == remit_scene and f.category == "remittance"][:1]
        questions.append(
            Question(
                _(
                    "At the post office the choice is to send {options} yuan home. What"
                    " percentage of the month's wages ({wages}) is the largest sum?"
                ).format(options=options, wages=yuan(w)),
                percent(100 * r / w),
                _("{sum}, about {rounded}").format(
                    sum=f"{n(r)} ÷ {n(w)} × 100 = {one_place(100 * r / w)}",
                    rounded=percent(100 * r / w),
                ),
            )
        )
        if food is not None:
            left = w + food.amount - r
            questions.append(
                Question(
                    _(
                        "If they send the largest sum, what is left of the month's wages after"
                        " food and rent too? What does the answer tell you?"
                    ),
                    yuan(left),
                    (
                        _("{sum} (less than nothing: the rest has to come from cash saved before)")
                        if left < 0
                        else "{sum}"
                    ).format(sum=f"{n(w)} − {n(-food.amount)} − {n(r)} = {yuan(left)}"),
                )
            )
    if fee is not None and wage is not None and food is not None:
        t, spare = -fee.amount, wage.amount + food.amount
        quoted.append(fee)
        if spare > 0:
            questions.append(
                Question(
                    _(
                        "“{fee}” is {cost}. How many months of what is left after food"
                        " and rent does it take to pay it? Give one decimal place."
                    ).format(fee=fee.label, cost=yuan(t)),
                    _("{n} months").format(n=one_place(t / spare)),
                    f"{n(t)} ÷ {n(spare)} = {one_place(t / spare, 2)}",
                )
            )
    # The table: the figures the questions quote, then others of the chapter, once each
    # (a transfer shows as money sent, not again as savings received), in story order.
    seen: set[tuple[str, int]] = set()
    table = []
    for figure in quoted + cash:
        key = (figure.label, figure.amount)
        mirror = figure.target != "money" and figure.category == "remittance"
        if key in seen or mirror or figure.category not in story.ledger_categories:
            continue
        seen.add(key)
        table.append(figure)
    table = table[: max(len(set(quoted)), MAX_TABLE)]
    order = {id(f): n for n, f in enumerate(cash)}
    table.sort(key=lambda f: order.get(id(f), 0))
    title = next(
        (c.title for c in story.chapters if c.number == chapter),
        _("Chapter {number}").format(number=chapter),
    )
    return LedgerSheet(chapter, title, tuple(table), tuple(questions))
