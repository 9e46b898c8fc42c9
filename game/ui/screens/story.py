"""The story screen: background, HUD, portrait, the text panel with typewriter reveal and
the choices.

Keys: Space, Enter or a click completes the text, the next one turns the page or
continues; arrows/Tab and Enter or 1-9 choose; Esc (or right click) opens the menu; H (or
the mouse wheel up) the history; L the ledger; G the glossary; M what the meters mean; P
(or a middle click) hides the text to look at the picture; U or Backspace undoes the
last choice; C shows the scene's context cards. Locked choices stay visible, greyed,
with their reason. The scene's mood picks the music (game/ui/audio.py).

A key that reveals text never also chooses: choices take input only ``app.choice_delay``
seconds (0.3) after they appear, and none has the focus until the player moves it (an
Enter with no focus says how to choose). The text sits in a box in the lower part of
the screen so the picture keeps its room; the speaker's name shows only over a page
that opens with a quoted line.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial

import pygame

from game.engine import Change, ChoiceResult, SceneView
from game.i18n import _, format_date, ngettext
from game.play.votes import Tally, leaders, split_words
from game.ui.art import art_path, svg_aspect
from game.ui.audio import mood_for
from game.ui.host import Host
from game.ui.hud import Hud
from game.ui.layout import (
    PANEL_PAD_X,
    PANEL_PAD_Y,
    TOP_BAR_H,
    Page,
    StoryRegions,
    Viewport,
    paginate,
    portrait_box,
    reading_panel_top,
    story_regions,
    wrap_paragraphs,
    wrap_text,
)
from game.ui.screens.base import Screen
from game.ui.screens.cards import CardsScreen, DiscussScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.glossary import GlossaryScreen
from game.ui.screens.history import HistoryScreen
from game.ui.screens.ledger import LedgerScreen
from game.ui.screens.lesson_end import LessonEndScreen
from game.ui.screens.meters import MetersScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.title import draw_background
from game.ui.settings import TEXT_SPEED_CPS
from game.ui.speech import change_words
from game.ui.text import OPENING_QUOTES, Face, Typewriter, draw_lines, smarten
from game.ui.widgets import (
    Button,
    ButtonGroup,
    draw_button,
    draw_panel,
    fit_text,
    prepare_panel,
)

AUTO_ADVANCE_BASE = 1.4
AUTO_ADVANCE_PER_CHAR = 0.035


def hands_words(hands: int) -> str:
    """Class play: '1 hand', '14 hands'."""
    return ngettext("{n} hand", "{n} hands", hands).format(n=hands)


@dataclass
class ChoiceBox:
    button: Button
    label: list[str]
    detail: list[str]
    height: int


@dataclass
class StoryLayout:
    """Everything measured for one scene at one window size and text size (pixels)."""

    key: tuple[object, ...]
    regions: StoryRegions
    lines: list[str]
    paras: list[int]
    pages: list[Page]
    line_h: int
    para_gap: int
    header_h: int
    discuss: list[str]
    discuss_h: int
    choices: list[ChoiceBox]
    choices_h: int
    panel_h: int


class StoryScreen(Screen):
    name = "story"
    #: Its picture (or the drawn stand-in) fills the viewport: the window fills only
    #: the letterbox bars behind it.
    covers_viewport = True

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        assert app.session is not None
        self.session = app.session
        self.view: SceneView = self.session.view
        self.hud = Hud(self.view.meters)
        self.group = ButtonGroup()
        self.bar: list[Button] = []
        self.layout: StoryLayout | None = None
        self.page = 0
        self.typewriter = Typewriter(0, None)
        self.auto_timer: float | None = None
        self.last_background: pygame.Surface | None = None
        self.last_background_name: str | None = None
        self.compact = False
        #: The text is hidden so the player can look at the picture (P, middle click).
        self.hidden = False
        #: When the current choices appeared (time.monotonic), None while none show.
        self.choices_since: float | None = None
        self._meter_hover: str | None = None
        #: Whole-class play: the hands counted at this decision (None: no vote here).
        self.tally: Tally | None = None
        #: The step whose discussion prompts were last shown full screen (class play).
        self._prompted_step = -1
        self._enter_scene()

    # -- scene flow -------------------------------------------------------------------
    def _enter_scene(self) -> None:
        self.view = self.session.view
        self.tally = None
        open_ids = tuple(c.id for c in self.view.choices if c.enabled)
        if self.app.class_vote and self.view.kind == "choices" and len(open_ids) >= 2:
            self.tally = Tally(open_ids)
        self.page = 0
        self.layout = None
        self.hidden = False
        self.choices_since = None
        self.group.set_buttons([])
        self._looked_ahead: set[str] = set()
        self._start_page()

    def _cps(self) -> float | None:
        return TEXT_SPEED_CPS.get(self.app.settings.text_speed)

    def _start_page(self) -> None:
        layout = self._layout()
        page = layout.pages[self.page]
        total = sum(len(line) for line in layout.lines[page.start : page.stop])
        self.typewriter = Typewriter(total, self._cps())
        self.auto_timer = None
        if self.typewriter.done:
            self._page_revealed()

    def _page_revealed(self) -> None:
        layout = self._layout()
        if self.page == len(layout.pages) - 1:
            self.group.set_buttons([box.button for box in layout.choices])
            self.group.focus = -1  # nothing chosen for the player: they move the focus
            self.choices_since = time.monotonic()
            self._prompt_class()
        if self.app.settings.auto_advance and self._auto_allowed():
            page = layout.pages[self.page]
            chars = sum(len(line) for line in layout.lines[page.start : page.stop])
            self.auto_timer = AUTO_ADVANCE_BASE + AUTO_ADVANCE_PER_CHAR * chars

    def _prompt_class(self) -> None:
        """Whole-class play: the scene's discussion prompts, full screen, once."""
        if not self.app.class_vote or not self.view.discuss:
            return
        if self._prompted_step == self.view.step:
            return
        self._prompted_step = self.view.step
        self.app.push(DiscussScreen(self.app, list(self.view.discuss)))

    # -- whole-class votes ----------------------------------------------------------------
    def add_hand(self, choice_id: str, hands: int = 1) -> None:
        if self.tally is None:
            return
        self.tally.add(choice_id, hands)
        self.app.play_sound("choice")
        self._refresh_choices()

    def clear_hands(self) -> None:
        if self.tally is not None:
            self.tally.clear()
            self._refresh_choices()

    def go_with_class(self) -> None:
        """Follow the majority; a tie or no hands at all waits for the teacher."""
        if self.tally is None:
            return
        counts = self.tally.full()
        top = leaders(counts)
        if not top:
            self.app.toast(_("No hands counted yet: press a choice's number once for each hand"))
            return
        if len(top) > 1:
            numbers = [str(self._number_of(choice)) for choice in top]
            self.app.toast(
                _(
                    "A tie between {choices} and {last}: press Ctrl and the number of the"
                    " choice the class goes with"
                ).format(choices=_(", ").join(numbers[:-1]), last=numbers[-1]),
                seconds=8,
            )
            return
        self.decide(top[0])

    def decide(self, choice_id: str) -> None:
        """The class goes with ``choice_id``: keep the count and make the choice."""
        if self.tally is not None and self.tally.total:
            counts = self.tally.full()
            self.session.votes[self.session.runner.step] = counts
            self.app.toast(
                _("The class goes with {number} ({split})").format(
                    number=self._number_of(choice_id), split=split_words(list(counts.values()))
                )
            )
        self.choose(choice_id)

    def _number_of(self, choice_id: str) -> int:
        return next((n for n, c in enumerate(self.view.choices, start=1) if c.id == choice_id), 0)

    def _refresh_choices(self) -> None:
        focus = self.group.focus
        self.layout = None
        layout = self._layout()
        if self.on_last_page and self.typewriter.done:
            self.group.set_buttons([box.button for box in layout.choices])
            self.group.focus = focus

    def _auto_allowed(self) -> bool:
        layout = self._layout()
        if self.page < len(layout.pages) - 1:
            return True
        return self.view.kind == "continue"

    @property
    def on_last_page(self) -> bool:
        return self.page == len(self._layout().pages) - 1

    @property
    def choices_shown(self) -> bool:
        return self.on_last_page and self.typewriter.done

    @property
    def choices_ready(self) -> bool:
        """The choices have been on screen long enough to take input (no accidental pick)."""
        if not self.choices_shown or self.choices_since is None:
            return False
        return time.monotonic() - self.choices_since >= self.app.choice_delay

    def wants_decision(self) -> bool:
        """The last page offers real choices (not a plain Continue)."""
        return self.view.kind in ("choices", "stuck") and not self.at_lesson_end

    def advance(self) -> None:
        """Space or a click on the text: finish the text, turn the page, or continue."""
        if not self.typewriter.done:
            self.typewriter.finish()
            self._page_revealed()
            return
        if not self.on_last_page:
            self.page += 1
            self.app.play_sound("page")
            self._start_page()
            return
        if not self.choices_ready:
            return
        if self.at_lesson_end:
            self.open_lesson_end()
        elif self.view.kind == "continue":
            self.choose("next")
        elif self.view.kind == "ending":
            self.open_ending()

    def choose(self, choice_id: str) -> None:
        if not self.choices_ready:
            return
        continuing = self.view.kind == "continue"
        try:
            result = self.session.choose(choice_id)
        except ValueError as exc:
            self.app.toast(str(exc))
            return
        self.app.play_sound("page" if continuing else "choice")
        self._after_choice(result)

    def _after_choice(self, result: ChoiceResult) -> None:
        self.hud.sync(self.session.view.meters, result.changes)
        for note in result.notes:
            self.app.toast(note)
        kinds = {meter.id: meter.kind for meter in self.session.view.meters}
        for change in result.changes:
            if change.delta:
                money = kinds.get(change.variable) == "money"
                self.app.speak(change_words(change.label, change.before, change.after, money))
        if self.session.last_save_error:
            self.app.toast(self.session.last_save_error)
        if self.session.last_record_error:
            self.app.toast(self.session.last_record_error, seconds=8)
        self._enter_scene()
        if result.discuss and self.app.classroom:
            self.app.push(DiscussScreen(self.app, [result.discuss]))

    def undo(self) -> None:
        if not self.app.undo_allowed:
            self.app.toast(_("Undo is turned off (Settings)"))
            return
        if not self.session.undo():
            self.app.toast(_("Nothing to undo yet"))
            return
        self.hud.sync(self.session.view.meters, ())
        self._enter_scene()
        self.app.toast(_("The last choice is undone"))

    def open_menu(self) -> None:
        self.app.push(PauseScreen(self.app))

    def open_history(self) -> None:
        self.app.push(HistoryScreen(self.app))

    def open_ledger(self) -> None:
        self.app.push(LedgerScreen(self.app))

    def open_cards(self) -> None:
        if self.view.cards:
            self.app.push(CardsScreen(self.app, self.view.cards))

    def open_glossary(self) -> None:
        self.app.push(GlossaryScreen(self.app))

    def open_meters(self) -> None:
        self.app.push(MetersScreen(self.app))

    def toggle_text(self) -> None:
        """Hide the text (and the HUD) to look at the picture; any key brings it back."""
        self.hidden = not self.hidden

    @property
    def at_lesson_end(self) -> bool:
        """A lesson path has reached one of its last scenes."""
        return self.view.scene_id in self.app.lesson_until

    def open_lesson_end(self) -> None:
        self.app.push(LessonEndScreen(self.app))

    def open_ending(self) -> None:
        self.app.push(EndingScreen(self.app))

    def back_to_title(self) -> None:
        self.app.go_title()

    # -- events -------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> bool | None:
        if self.hidden:
            if event.type == pygame.KEYDOWN or event.type == pygame.MOUSEBUTTONDOWN:
                self.hidden = False
                return True
            return event.type != pygame.MOUSEMOTION
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame.MOUSEWHEEL:
            if event.y > 0:
                self.open_history()
            return True
        if event.type == pygame.MOUSEMOTION:
            changed = self.group.handle(event) if self.choices_shown else False
            hovered = [b for b in self.bar if b.rect.collidepoint(event.pos)]
            bar_hover = hovered[0].label if hovered else None
            if bar_hover != getattr(self, "_bar_hover", None):
                self._bar_hover = bar_hover
                changed = True
            meter = self.hud.meter_at(event.pos)
            if meter != self._meter_hover:
                self._meter_hover = meter
                changed = True
            return changed
        if event.type == pygame.MOUSEBUTTONDOWN:
            if event.button == 3:
                self.open_menu()
                return True
            if event.button == 2:
                self.toggle_text()
                return True
            if event.button != 1:
                return True
            if self.hud.meter_at(event.pos) is not None or self.hud.contains(event.pos):
                self.open_meters()
                return True
            for button in self.bar:
                if button.rect.collidepoint(event.pos):
                    if button.enabled:
                        button.action()
                    return True
            if self.choices_shown and self.group.index_at(event.pos) is not None:
                return self.group.handle(event)
            if self._panel_rect().collidepoint(event.pos) or not self.choices_shown:
                self.advance()
            return True
        return None

    def _key(self, event: pygame.event.Event) -> bool:
        key = event.key
        shortcuts = {
            pygame.K_ESCAPE: self.open_menu,
            pygame.K_h: self.open_history,
            pygame.K_l: self.open_ledger,
            pygame.K_u: self.undo,
            pygame.K_BACKSPACE: self.clear_hands if self.tally is not None else self.undo,
            pygame.K_c: self.open_cards,
            pygame.K_g: self.open_glossary,
            pygame.K_m: self.open_meters,
            pygame.K_p: self.toggle_text,
        }
        if key in shortcuts:
            shortcuts[key]()
            return True
        if key == pygame.K_SPACE:
            self.advance()
            return True
        if not self.choices_shown:
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.advance()
            return True
        enter = key in (pygame.K_RETURN, pygame.K_KP_ENTER)
        if enter and not self.wants_decision() and self.tally is None:
            self.advance()  # Continue, Read the ending, End of the lesson path
            return True
        if not self.choices_ready:
            return True  # the choices only just appeared: this key was meant for the text
        if pygame.K_1 <= key <= pygame.K_9 or pygame.K_KP1 <= key <= pygame.K_KP9:
            index = key - (pygame.K_1 if key <= pygame.K_9 else pygame.K_KP1)
            if self.tally is not None:
                self._vote_key(index, event.mod)
            else:
                self.group.activate(index)
            return True
        if self.tally is not None and enter:
            focused = self.group.focus
            if focused < len(self.view.choices):
                self.go_with_class()  # Enter decides; a hand is a number key or a click
            else:
                self.group.handle(event)
            return True
        if enter and self.group.focused() is None:
            self.app.toast(_("Choose with a number key, or pick one with the arrow keys first"))
            return True
        self.group.handle(event)
        return True

    def _vote_key(self, index: int, mod: int) -> None:
        """Class play: a number adds a hand; Shift takes one back; Ctrl picks outright."""
        if not 0 <= index < len(self.view.choices):
            return
        choice = self.view.choices[index]
        if not choice.enabled:
            self.app.toast(
                _("Choice {number} is locked: {reason}").format(
                    number=index + 1, reason=choice.locked_reason or _("not now")
                )
            )
            return
        if mod & pygame.KMOD_CTRL:
            self.decide(choice.id)
        elif mod & pygame.KMOD_SHIFT:
            self.add_hand(choice.id, -1)
        else:
            self.add_hand(choice.id)

    # -- time -------------------------------------------------------------------------------
    def update(self, seconds: float) -> bool:
        if self.app.top is not self:
            return False
        busy = False
        if not self.typewriter.done:
            self.typewriter.advance(seconds)
            if self.typewriter.done:
                self._page_revealed()
            busy = True
        if self.hud.update(seconds, self.app.settings.reduced_motion):
            busy = True
            self.app.smooth = True
        if self.auto_timer is not None:
            self.auto_timer -= seconds
            if self.auto_timer <= 0:
                self.auto_timer = None
                self.advance()
                busy = True
        return busy

    def wake_after(self) -> float | None:
        if self.app.top is not self:
            return None
        return self.auto_timer

    def idle_work(self) -> bool:
        """While the player reads the choices, look ahead: for one open choice per call,
        play it in a copy of the runner and measure and draw the text of the scene it
        leads to (and start loading its picture), so that the frame of the real choice
        finds the lines' widths and images in the fonts' caches. True while more
        remains; the window calls it only when it would otherwise sleep."""
        if self.app.top is not self or not self.choices_shown or self.hidden:
            return False
        runner = self.session.runner
        for choice_id in runner.available_choice_ids():
            if choice_id in self._looked_ahead:
                continue
            self._looked_ahead.add(choice_id)
            twin = runner.fork()
            try:
                result = twin.choose(choice_id)
            except ValueError:
                continue
            self._warm(twin.view(), result.notes)
            if result.discuss and self.app.classroom:
                # Classroom mode opens the choice's prompt full screen: draw it once
                # off screen, so its lines are measured and rendered already.
                scratch = pygame.Surface(self.app.window.get_size())
                DiscussScreen(self.app, [result.discuss]).draw(scratch, self.app.vp)
            return True
        return False

    def _warm(self, view: SceneView, notes: tuple[str, ...]) -> None:
        """Measure and render ``view``'s text as the layout and the panel will, and the
        choice's notes as the window's notes will."""
        app = self.app
        vp = app.vp
        theme = app.theme
        body, name_face, choice_face, detail_face = self._faces()
        text_w = vp.px(story_regions(len(view.meters), app.ui_px).text_width)
        paragraphs = [smarten(para) for para in view.paragraphs]
        for _para, line in wrap_paragraphs(paragraphs, text_w, body.width, no_widows=True):
            body.render(line, theme.text)
        if view.speaker_name:
            name_face.render(view.speaker_name, theme.accent)
        if app.classroom and not app.class_vote:
            for prompt in view.discuss:
                for line in wrap_text("Discuss: " + prompt, text_w - vp.px(24), detail_face.width):
                    detail_face.render(line, theme.accent)
        # The text box and the discussion box may grow up to the whole column: their
        # cached panels are made that large now, not on the frame of a choice.
        regions = story_regions(len(view.meters), app.ui_px)
        tallest = vp.px(regions.panel_bottom - regions.panel_top_min)
        prepare_panel((vp.px(regions.panel_w), tallest), theme.panel, vp.px(14), theme.panel_edge)
        prepare_panel((text_w, tallest), theme.button_disabled, vp.px(8))
        label_w = text_w - 2 * vp.px(16) - vp.px(50)
        for number, choice in enumerate(view.choices, start=1):
            for line in wrap_text(f"{number}.  {smarten(choice.text)}", label_w, choice_face.width):
                choice_face.render(line, theme.button_text)
            if choice.locked_reason:
                wrap_text(choice.locked_reason, text_w - 2 * vp.px(16), detail_face.width)
        note_w = vp.px(story_regions(len(view.meters), app.ui_px).panel_w - 32) - 2
        for size in (app.ui_px, max(13, app.ui_px - 5)):  # the two sizes a note may take
            note_face = app.face("sans", size)
            for note in notes:
                for line in wrap_text(note, note_w, note_face.width):
                    note_face.render(line, theme.heading)
        place = self._portrait_place(view, story_regions(len(view.meters), app.ui_px))
        if app.art.asynchronous:
            if view.background:
                app.art.get("background", view.background, (vp.w, vp.h))
            if place is not None:
                app.art.get("portrait", place[0], place[1].size)

    def mood(self) -> str | None:
        """The music for this scene (None: keep what plays)."""
        return mood_for(self.view.music, self.view.background or self.last_background_name)

    def story_reloaded(self) -> None:
        """F6 took new story files: show the scene as it now reads, fully revealed."""
        self.state_changed()

    def state_changed(self, changes: tuple[Change, ...] = ()) -> None:
        """The game's state changed under the screen (live reload, the debug overlay's
        change by hand, its undo): show the scene as it now reads, fully revealed, on
        the same page, with locked choices and text variants as the values now say."""
        session = self.app.session
        assert session is not None, "the state changes during a game"
        self.session = session
        page = self.page
        self.hud.sync(self.session.view.meters, changes)
        self._enter_scene()
        self.page = min(page, len(self._layout().pages) - 1)
        self.typewriter.finish()
        self._page_revealed()

    def on_resume(self) -> None:
        if self.session is not self.app.session:
            return
        if self.session.view.step != self.view.step or self.session.view is not self.view:
            self.hud.sync(self.session.view.meters, ())
            self._enter_scene()

    def relayout(self) -> None:
        if self.layout is None:
            return
        old_page = self.page
        self.layout = None
        layout = self._layout()
        self.page = min(old_page, len(layout.pages) - 1)
        self.typewriter.finish()
        self._page_revealed()

    # -- measuring ----------------------------------------------------------------------------
    def _faces(self) -> tuple[Face, Face, Face, Face]:
        app = self.app
        shrink = 3 if self.compact else 0
        return (
            app.face("serif", app.body_px),
            app.face("sans-bold", app.ui_px + 1),
            app.face("choice", app.ui_px + 1 - shrink),
            app.face("serif-italic", app.ui_px - shrink),
        )

    def _measure_choices(
        self, text_w: int, discuss_h: int, compact: bool
    ) -> tuple[list[ChoiceBox], int]:
        """Wrap the choice buttons; their total height with the gap above them."""
        vp = self.app.vp
        self.compact = compact
        _n, _n, choice_face, detail_face = self._faces()
        pad_x, pad_y = vp.px(16), vp.px(5 if compact else 9)
        gap = vp.px(6 if compact else 10)
        boxes: list[ChoiceBox] = []
        for button in self._choice_items():
            label = wrap_text(button.label, text_w - 2 * pad_x - vp.px(50), choice_face.width)
            detail = []
            if button.detail:
                detail = wrap_text(button.detail, text_w - 2 * pad_x, detail_face.width)
            height = (
                len(label) * choice_face.line_height
                + len(detail) * detail_face.line_height
                + 2 * pad_y
            )
            boxes.append(ChoiceBox(button, label, detail, height))
        total = vp.px(18) + discuss_h + sum(b.height for b in boxes) + gap * max(0, len(boxes) - 1)
        return boxes, total

    def _choice_items(self) -> list[Button]:
        view = self.view
        if self.at_lesson_end:
            return [Button(_("End of the lesson path"), self.open_lesson_end, key_hint=_("Space"))]
        if view.kind == "continue":
            label = smarten(view.choices[0].text)
            return [Button(label, lambda: self.choose("next"), key_hint=_("Space"))]
        if view.kind == "ending":
            return [Button(_("Read the ending"), self.open_ending, key_hint=_("Space"))]
        if self.tally is not None:
            return self._vote_items()
        buttons: list[Button] = []
        for number, choice in enumerate(view.choices, start=1):
            detail = None
            if not choice.enabled:
                detail = choice.locked_reason or _("Not possible now")
            buttons.append(
                Button(
                    f"{number}.  {smarten(choice.text)}",
                    partial(self.choose, choice.id),
                    enabled=choice.enabled,
                    detail=detail,
                )
            )
        if view.kind == "stuck":
            if self.app.undo_allowed and view.can_undo:
                buttons.append(Button(_("Undo the last choice"), self.undo))
            buttons.append(Button(_("Back to the title screen"), self.back_to_title))
        return buttons

    def _vote_items(self) -> list[Button]:
        """Class play: each choice with its hands as a bar; then go with the class."""
        assert self.tally is not None
        counts = self.tally.full()
        buttons: list[Button] = []
        for number, choice in enumerate(self.view.choices, start=1):
            if not choice.enabled:
                reason = choice.locked_reason or _("Not possible now")
                buttons.append(
                    Button(f"{number}.  {choice.text}", lambda: None, enabled=False, detail=reason)
                )
                continue
            hands = counts.get(choice.id, 0)
            buttons.append(
                Button(
                    f"{number}.  {choice.text}",
                    partial(self.add_hand, choice.id),
                    detail=hands_words(hands),
                )
            )
        buttons.append(Button(_("Go with the class"), self.go_with_class, key_hint=_("Enter")))
        buttons.append(Button(_("Count again"), self.clear_hands, key_hint=_("Backspace")))
        return buttons

    def _layout(self) -> StoryLayout:
        app = self.app
        vp = app.vp
        tally = tuple(sorted(self.tally.counts.items())) if self.tally is not None else ()
        key = (
            self.view.step,
            id(self.view),
            vp.scale,
            app.settings.text_size,
            app.classroom,
            tally,
        )
        if self.layout is not None and self.layout.key == key:
            return self.layout
        body, name_face, _choice_face, detail_face = self._faces()
        regions = story_regions(len(self.view.meters), app.ui_px)
        text_w = vp.px(regions.text_width)
        paragraphs = [smarten(para) for para in self.view.paragraphs]
        wrapped = wrap_paragraphs(paragraphs, text_w, body.width, no_widows=True)
        paras = [para for para, _ in wrapped]
        lines = [line for _, line in wrapped]
        line_h = body.line_height
        para_gap = round(line_h * 0.55)
        header_h = name_face.line_height + vp.px(8) if self.view.speaker_name else 0
        discuss: list[str] = []
        if app.classroom and not app.class_vote and self.view.discuss:
            for prompt in self.view.discuss:
                discuss += wrap_text(
                    _("Discuss: {prompt}").format(prompt=prompt),
                    text_w - vp.px(24),
                    detail_face.width,
                )
        discuss_h = len(discuss) * detail_face.line_height + vp.px(24) if discuss else 0
        full = vp.px(regions.panel_capacity) - header_h
        self.compact = False
        boxes, choices_h = self._measure_choices(text_w, discuss_h, compact=False)
        if choices_h + line_h > full:
            # Many long choices at a large text size: a tighter set still fits the panel.
            self.compact = True
            boxes, choices_h = self._measure_choices(text_w, discuss_h, compact=True)
        more_h = detail_face.line_height  # room for "more ▼" under a full page
        # The box keeps to the lower part of the screen so the picture has its room; it
        # grows (up to the whole column) only as far as the choices and a few lines need.
        reading = vp.px(regions.panel_bottom - reading_panel_top(app.settings.text_size))
        reading -= 2 * vp.px(PANEL_PAD_Y) + header_h
        capacity = min(full, max(reading, choices_h + 3 * line_h + more_h))
        pages = paginate(paras, line_h, para_gap, capacity - more_h, choices_h)
        content = max(page.height for page in pages)
        panel_h = header_h + content + 2 * vp.px(PANEL_PAD_Y)
        if len(pages) > 1:
            panel_h += more_h
        self.layout = StoryLayout(
            key,
            regions,
            lines,
            paras,
            pages,
            line_h,
            para_gap,
            header_h,
            discuss,
            discuss_h,
            boxes,
            choices_h,
            panel_h,
        )
        return self.layout

    def _panel_rect(self) -> pygame.Rect:
        layout = self._layout()
        vp = self.app.vp
        r = layout.regions
        left, _n = vp.point(r.panel_x, 0)
        _n, bottom = vp.point(0, r.panel_bottom)
        return pygame.Rect(left, bottom - layout.panel_h, vp.px(r.panel_w), layout.panel_h)

    # -- self-voicing -------------------------------------------------------------------
    def speech(self) -> list[tuple[str, object, str]]:
        """The page as it appears (speaker first), then the choices and the focused one."""
        layout = self._layout()
        page = layout.pages[self.page]
        key = (self.view.step, id(self.view), self.page)
        words: list[str] = []
        paragraph = -1
        for index in range(page.start, page.stop):
            if layout.paras[index] != paragraph and words:
                words.append("\n")
            paragraph = layout.paras[index]
            words.append(layout.lines[index])
        text = " ".join(w for w in words if w != "\n")
        if self.view.speaker_name and self.speaker_shown():
            text = f"{self.view.speaker_name}: {text}"
        if self.on_last_page and layout.discuss:
            text += " " + " ".join(layout.discuss)
        items: list[tuple[str, object, str]] = [("page", key, text)]
        if not self.choices_shown:
            return items
        if self.view.kind in ("choices", "stuck") and not self.at_lesson_end:
            count = len(self.view.choices)
            hint = ngettext(
                "{n} choice: Up and Down to hear it, a number or Enter to choose.",
                "{n} choices: Up and Down to hear them, a number or Enter to choose.",
                count,
            ).format(n=count)
            if self.view.kind == "stuck":
                hint = _("No choice is open here: {hint}").format(hint=hint)
        else:
            button = self.group.buttons[0] if self.group.buttons else None
            hint = _("{label}: press Space.").format(label=button.label) if button else ""
        items.append(("choices", key, hint))
        button = self.group.focused()
        if button is not None:
            spoken = self.describe_button(self.group.focus, button)
            items.append(("focus", (key, self.group.focus, spoken), spoken))
        return items

    def describe_button(self, index: int, button: object) -> str:
        """'choice 2 of 4: ... locked: not enough cash' for a choice; else the label."""
        choices = self.view.choices
        if self.view.kind in ("choices", "stuck") and index < len(choices):
            choice = choices[index]
            words = _("choice {number} of {count}: {text}").format(
                number=index + 1, count=len(choices), text=smarten(choice.text)
            )
            if not choice.enabled:
                words = _("{words}. locked: {reason}").format(
                    words=words, reason=choice.locked_reason or _("not possible now")
                )
            elif self.tally is not None:
                words = _("{words}, {hands}").format(
                    words=words, hands=getattr(button, "detail", "") or _("no hands")
                )
            return words
        return super().describe_button(index, button)

    # -- drawing ----------------------------------------------------------------------------
    def speaker_shown(self) -> bool:
        """Show the speaker's name over this page only if the page opens with their words:
        its first paragraph starts with a quotation mark (narration shows no name)."""
        if not self.view.speaker_name:
            return False
        layout = self._layout()
        page = layout.pages[self.page]
        if page.stop <= page.start:
            return False
        first = layout.lines[page.start].lstrip()
        starts_paragraph = (
            page.start == 0 or layout.paras[page.start] != layout.paras[page.start - 1]
        )
        return starts_paragraph and first[:1] in OPENING_QUOTES

    def toast_area(self) -> tuple[float, float, float, float]:
        """Notes go over the picture, between the top bar and the text box."""
        layout = self._layout()
        r = layout.regions
        top = TOP_BAR_H + 12
        panel_top = r.panel_bottom - layout.panel_h / self.app.vp.scale
        return (r.panel_x, top, r.panel_w, max(40.0, panel_top - 12 - top))

    def draw(self, target: pygame.Surface, vp: Viewport) -> None:
        layout = self._layout()
        self._draw_background(target, vp)
        if self.hidden:
            self._draw_hidden_hint(target, vp)
            return
        self._draw_top_bar(target, vp)
        ui_face = self.app.face("sans", self.app.ui_px)
        self.hud.draw(
            target,
            vp,
            self.app.theme,
            layout.regions.hud,
            ui_face,
            self.app.ui_px,
            self.app.settings.reduced_motion,
            hover=self._meter_hover,
        )
        self._draw_portrait(target, vp, layout)
        self._draw_panel(target, vp, layout)

    def _draw_hidden_hint(self, target: pygame.Surface, vp: Viewport) -> None:
        """The picture alone, with a small note on how to bring the text back."""
        theme = self.app.theme
        face = self.app.face("sans", max(14, self.app.ui_px - 3))
        text = _("Any key or click shows the text again")
        w = face.width(text) + vp.px(24)
        h = face.line_height + vp.px(8)
        x, y = vp.point(1280 - 16, 720 - 16)
        rect = pygame.Rect(x - w, y - h, w, h)
        draw_panel(target, rect, (*theme.backdrop, 255), vp.px(8))
        target.blit(face.render(text, theme.text_dim), (rect.x + vp.px(12), rect.y + vp.px(4)))

    def _draw_background(self, target: pygame.Surface, vp: Viewport) -> None:
        name = self.view.background or self.last_background_name
        picture = self.app.art.get("background", name, (vp.w, vp.h)) if name else None
        if (
            picture is None
            and self.last_background is not None
            and self.last_background.get_size() == (vp.w, vp.h)
        ):
            picture = self.last_background
        self.last_background_name = name
        if picture is None:
            draw_background(self, target, vp, name or "none")
            return
        self.last_background = picture
        target.blit(picture, (vp.x, vp.y))

    def _draw_top_bar(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        draw_panel(
            target,
            vp.rect(0, 0, 1280, 44),
            (*theme.backdrop, 200 if theme.name == "default" else 255),
        )
        face = app.face("sans", app.ui_px)
        bold = app.face("sans-bold", app.ui_px)
        view = self.view
        if view.chapter and view.chapter_title:
            title = _("Chapter {number}: {title}").format(
                number=view.chapter, title=view.chapter_title
            )
        elif view.chapter:
            title = _("Chapter {number}").format(number=view.chapter)
        else:
            title = view.chapter_title
        date = format_date(view.date) if view.date else ""
        _n, top = vp.point(0, 22)
        y = top - face.height // 2
        x, _n = vp.point(24, 0)
        buttons = [
            Button(_("Undo"), self.undo, enabled=app.undo_allowed and view.can_undo, key_hint="U"),
            Button(_("History"), self.open_history, key_hint="H"),
            Button(_("Ledger"), self.open_ledger, key_hint="L"),
            Button(_("Glossary"), self.open_glossary, key_hint="G"),
            Button(_("Picture"), self.toggle_text, key_hint="P"),
            Button(_("Menu"), self.open_menu, key_hint=_("Esc")),
        ]
        if view.cards:
            buttons.insert(0, Button(_("Context"), self.open_cards, key_hint="C"))
        right, _n = vp.point(1280 - 16, 0)
        hover = getattr(self, "_bar_hover", None)
        for button in reversed(buttons):
            label = f"{button.label} {button.key_hint}"
            w = face.width(label) + vp.px(20)
            rect = pygame.Rect(right - w, vp.point(0, 6)[1], w, vp.px(32))
            button.rect = rect
            if hover == button.label and button.enabled:
                draw_panel(target, rect, theme.button_hover, vp.px(6))
            colour = theme.text if button.enabled else theme.button_text_disabled
            lx = rect.x + vp.px(10)
            target.blit(face.render(button.label, colour), (lx, y))
            target.blit(
                face.render(
                    button.key_hint or "",
                    theme.accent if button.enabled else theme.button_text_disabled,
                ),
                (lx + face.width(button.label + " "), y),
            )
            right = rect.x - vp.px(4)
        self.bar = buttons
        room = right - x - vp.px(12)
        left_text = f"{title}   \u00b7   {date}" if date else title
        if bold.width(left_text) > room:
            left_text = fit_text(bold, date or title, room)
        if bold.width(left_text) > room:
            return  # the buttons take the whole bar (long labels, the largest text)
        target.blit(bold.render(left_text, theme.heading), (x, y))

    def _portrait_place(
        self, view: SceneView, regions: StoryRegions
    ) -> tuple[str, pygame.Rect] | None:
        """The portrait file for ``view`` and where it goes, or None when none shows."""
        if not view.portrait:
            return None
        name = self.app.art.portrait_name(view.portrait, view.mood, view.chapter)
        x, y, w, h = regions.portrait
        if h < 120:
            return None
        aspect = svg_aspect(art_path("portrait", name), 0.8)
        bx, by, bw, bh = portrait_box((x, y, w, h), aspect)
        return name, pygame.Rect(self.app.vp.rect(bx, by, bw, bh))

    def _draw_portrait(self, target: pygame.Surface, vp: Viewport, layout: StoryLayout) -> None:
        place = self._portrait_place(self.view, layout.regions)
        if place is None:
            return
        name, rect = place
        picture = self.app.art.get("portrait", name, rect.size)
        draw_panel(
            target,
            rect.inflate(vp.px(8), vp.px(8)),
            self.app.theme.panel,
            vp.px(10),
            self.app.theme.panel_edge,
        )
        if picture is not None:
            target.blit(picture, rect.topleft)

    def _draw_panel(self, target: pygame.Surface, vp: Viewport, layout: StoryLayout) -> None:
        app = self.app
        theme = app.theme
        body, name_face, choice_face, detail_face = self._faces()
        rect = self._panel_rect()
        draw_panel(target, rect, theme.panel, vp.px(14), theme.panel_edge)
        x = rect.x + vp.px(PANEL_PAD_X)
        y = rect.y + vp.px(PANEL_PAD_Y)
        if self.view.speaker_name:
            if self.speaker_shown():
                target.blit(name_face.render(self.view.speaker_name, theme.accent), (x, y))
            y += layout.header_h
        page = layout.pages[self.page]
        lines = layout.lines[page.start : page.stop]
        paras = layout.paras[page.start : page.stop]
        gaps = [
            layout.para_gap if i > 0 and paras[i] != paras[i - 1] else 0 for i in range(len(lines))
        ]
        reveal = None if self.typewriter.done else self.typewriter.count
        y = draw_lines(target, body, lines, x, y, theme.text, reveal, gaps, hang=True)
        if not self.typewriter.done:
            return
        if not self.on_last_page:
            more = detail_face.render(_("more  \u25bc  Space"), theme.accent)
            more_x = rect.right - vp.px(PANEL_PAD_X) - more.get_width()
            more_y = rect.bottom - vp.px(PANEL_PAD_Y) - more.get_height() + vp.px(6)
            target.blit(more, (more_x, more_y))
            return
        y += vp.px(18)
        width = rect.w - 2 * vp.px(PANEL_PAD_X)
        if layout.discuss:
            box = pygame.Rect(x, y, width, layout.discuss_h - vp.px(12))
            draw_panel(target, box, theme.button_disabled, vp.px(8))
            ly = box.y + vp.px(6)
            for line in layout.discuss:
                target.blit(detail_face.render(line, theme.accent), (x + vp.px(12), ly))
                ly += detail_face.line_height
            y += layout.discuss_h
        gap = vp.px(6 if self.compact else 10)
        for index, choice in enumerate(layout.choices):
            box = pygame.Rect(x, y, width, choice.height)
            draw_button(
                target,
                vp,
                theme,
                choice.button,
                box,
                choice_face,
                detail_face,
                focused=index == self.group.focus,
                hovered=index == self.group.hover,
                label_lines=choice.label,
                detail_lines=choice.detail,
            )
            if self.tally is not None and index < len(self.view.choices):
                self._draw_hands(target, box, index, detail_face)
            y += choice.height + gap

    def _draw_hands(self, target: pygame.Surface, box: pygame.Rect, index: int, face: Face) -> None:
        """Class play: the hands for a choice as a bar after its count."""
        assert self.tally is not None
        choice = self.view.choices[index]
        counts = self.tally.full()
        hands, most = counts.get(choice.id, 0), max(counts.values(), default=0)
        if not choice.enabled or hands <= 0 or most <= 0:
            return
        vp = self.app.vp
        label = hands_words(hands)
        start = box.x + vp.px(16) + face.width(label) + vp.px(16)
        room = box.right - vp.px(16) - start
        height = max(4, face.line_height // 2)
        top = box.bottom - vp.px(9) - face.line_height // 2 - height // 2
        bar = pygame.Rect(start, top, max(vp.px(6), round(room * hands / most)), height)
        pygame.draw.rect(target, self.app.theme.accent, bar, border_radius=height // 3)
