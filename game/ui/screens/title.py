"""The title screen: New game, Continue, Load, Settings, About, Quit; and the content notes
shown before a new game begins."""

from __future__ import annotations

from functools import partial

import pygame

from game import __version__
from game.i18n import N_, _
from game.play.starting import StartPlan, plan_for_start
from game.saves import format_play_time
from game.ui.art import drawn_background
from game.ui.audio import TITLE_MOOD
from game.ui.host import Host
from game.ui.layout import DESIGN_H, DESIGN_W, Viewport, wrap_text
from game.ui.screens.about import AboutScreen
from game.ui.screens.base import MenuScreen, Screen, is_back
from game.ui.screens.saves import SavesScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.text import Face
from game.ui.widgets import Button, ButtonGroup, blit_text, draw_group_button, draw_panel

TITLE_PICTURE = "title"  # assets/title.svg: a night train; its left third is quiet
DISCLAIMER = N_(
    "A fictional interpretation inspired by the documentary Last Train Home "
    "(Lixin Fan, 2009). Not a record of the real family's lives."
)
MENU_X = 96
MENU_W = 380


def draw_background(
    screen: Screen, target: pygame.Surface, vp: Viewport, name: str, kind: str = "background"
) -> None:
    """A full-viewport background picture (or the drawn card while it loads)."""
    size = (vp.w, vp.h)
    picture = screen.app.art.get(kind, name, size)
    if picture is None:
        cached = getattr(screen, "_placeholder", None)
        if cached is None or cached.get_size() != size:
            cached = drawn_background("loading", size)
            screen._placeholder = cached  # type: ignore[attr-defined]
        picture = cached
    target.blit(picture, (vp.x, vp.y))


_shades: dict[tuple[object, ...], pygame.Surface] = {}


def draw_side_shade(
    target: pygame.Surface, vp: Viewport, colour: tuple[int, int, int], width: float
) -> None:
    """Darken the left of the picture, fading out to the right, so text reads calmly."""
    w, h = vp.px(width), vp.h
    key = (w, h, colour)
    shade = _shades.get(key)
    if shade is None:
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        solid = 0.55
        for x in range(w):
            t = x / max(1, w - 1)
            alpha = 215 if t < solid else round(215 * (1 - (t - solid) / (1 - solid)) ** 1.6)
            pygame.draw.line(shade, (*colour, alpha), (x, 0), (x, h))
        _shades.clear()
        _shades[key] = shade
    target.blit(shade, (vp.x, vp.y))


class TitleScreen(Screen):
    name = "title"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.group = ButtonGroup()
        self.refresh()

    def refresh(self) -> None:
        app = self.app
        latest = app.saves.latest(needing_mods=True)
        detail = None
        if latest is not None and latest.state == "needs_mods":
            detail = _("{slot}: needs a mod that is not loaded").format(slot=latest.title)
        elif latest is not None and latest.meta is not None:
            meta = latest.meta
            detail = _("{slot}: chapter {chapter}, {time}").format(
                slot=latest.title, chapter=meta.chapter, time=format_play_time(meta.play_seconds)
            )
        buttons = [
            Button(_("New game"), self.new_game),
            Button(_("Continue"), app.continue_game, enabled=latest is not None, detail=detail),
            Button(_("Load"), self.open_load),
            *([Button(_("Start at a chapter"), self.open_starts)] if app.story.starts else []),
            Button(_("Settings"), self.open_settings),
            Button(_("About"), self.open_about),
            Button(_("Quit"), app.quit),
        ]
        focus = 1 if latest is not None else 0
        self.group.set_buttons(buttons)
        self.group.focus = focus

    def on_resume(self) -> None:
        self.refresh()

    def language_changed(self) -> None:
        focus = self.group.focus
        self.refresh()
        self.group.focus = focus

    def speech(self) -> list[tuple[str, object, str]]:
        """Self-voicing: the story's title, then the focused menu item."""
        title = self.app.story.title
        return [("title", title, title), *super().speech()]

    def mood(self) -> str:
        return TITLE_MOOD

    def new_game(self) -> None:
        self.app.push(ContentNotesScreen(self.app))

    def open_starts(self) -> None:
        self.app.push(StartsScreen(self.app))

    def open_load(self) -> None:
        self.app.push(SavesScreen(self.app, "load"))

    def open_settings(self) -> None:
        self.app.push(SettingsScreen(self.app))

    def open_about(self) -> None:
        self.app.push(AboutScreen(self.app))

    def handle(self, event: pygame.event.Event) -> bool | None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.group.focus = len(self.group.buttons) - 1
            return True
        return self.group.handle(event)

    def _menu_rows(
        self, vp: Viewport, bottom: float
    ) -> tuple[Face, Face, list[tuple[float, float]]]:
        """The menu's faces and each button's (y, height) in design units, between the
        subtitle and the note. Every label keeps its padding: when the buttons do not fit
        at the comfortable size, the gaps close up, then the labels step down a size."""
        app = self.app
        count = len(self.group.buttons)
        top = 232.0
        for step in (3, 1, -1, -3):
            face = app.face("sans", app.ui_px + step)
            detail = app.face("sans", app.ui_px + step - 5)
            text_h = face.height / vp.scale
            detail_h = detail.line_height / vp.scale
            least = text_h + 12
            extra = sum(detail_h for b in self.group.buttons if b.detail)
            for gap in (10.0, 6.0):
                room = bottom - 20 - top - extra - gap * (count - 1)
                row_h = min(max(least, round((app.ui_px + 3) * 2.3)), room / count)
                if row_h >= least:
                    rows = []
                    y = top
                    for button in self.group.buttons:
                        h = row_h + (detail_h if button.detail else 0)
                        rows.append((y, h))
                        y += h + gap
                    return face, detail, rows
        rows = [(top + i * (least + 6), least) for i in range(count)]
        return face, detail, rows

    def draw(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        draw_background(self, target, vp, TITLE_PICTURE, "picture")
        draw_side_shade(target, vp, theme.backdrop, MENU_X + MENU_W + 260)
        title_face = app.face("serif-bold", 60)
        sub_face = app.face("serif-italic", 22)
        blit_text(target, title_face, app.story.title, vp.point(MENU_X, 92), theme.heading)
        blit_text(
            target,
            sub_face,
            _("A story of three Spring Festivals"),
            vp.point(MENU_X + 2, 180),
            theme.accent,
        )
        note_face = app.face("note-italic", max(15, app.ui_px - 3))
        lines = wrap_text(_(DISCLAIMER), vp.px(MENU_W + 40), note_face.width)
        note_top = DESIGN_H - 40 - len(lines) * note_face.line_height / vp.scale
        face, detail, rows = self._menu_rows(vp, note_top)
        for index, (y, h) in enumerate(rows):
            rect = pygame.Rect(vp.rect(MENU_X, y, MENU_W, h))
            draw_group_button(target, vp, theme, self.group, index, rect, face, detail)
        y = note_top
        for line in lines:
            blit_text(target, note_face, line, vp.point(MENU_X, y), theme.text_dim)
            y += note_face.line_height / vp.scale
        version = app.face("sans", 14)
        blit_text(
            target,
            version,
            _("version {version} · story {story_version}").format(
                version=__version__, story_version=app.story.version
            ),
            vp.point(DESIGN_W - 24, DESIGN_H - 34),
            theme.text_dim,
            "right",
        )


class StartsScreen(MenuScreen):
    """Start at a chapter: the story's beginning, then every chapter start and lesson path."""

    name = "starts"
    width = 640

    def __init__(self, app: Host) -> None:
        items = [Button(_("Chapter 1 from the beginning"), partial(self.pick, None))]
        for start in app.story.starts.values():
            if start.is_lesson_path:
                label = _("Lesson path: {title}").format(title=start.title)
            else:
                label = _("Chapter {number}: {title}").format(
                    number=start.chapter, title=start.title
                )
            items.append(Button(label, partial(self.pick, start.id)))
        items.append(Button(_("Back"), app.pop, key_hint=_("Esc")))
        super().__init__(
            app,
            _("Start at a chapter"),
            items,
            message=_(
                "Each start sets the family's money and meters as a typical route leaves"
                " them, and says so before the first scene."
            ),
        )

    def pick(self, start_id: str | None) -> None:
        plan = None if start_id is None else plan_for_start(self.app.story.starts[start_id])
        self.app.pop()
        self.app.push(ContentNotesScreen(self.app, plan))


NOTES_INTRO = N_(
    "This story is a fictional interpretation inspired by the documentary Last Train "
    "Home. The family in the game is invented; it is not a record of real lives."
)


class ContentNotesScreen(Screen):
    """Before play: what the story contains, what it is (and is not), and where a chapter
    start begins."""

    name = "notes"

    def __init__(self, app: Host, plan: StartPlan | None = None) -> None:
        super().__init__(app)
        self.plan = plan
        self.group = ButtonGroup([Button(_("Begin"), self.begin), Button(_("Back"), app.pop)])

    def begin(self) -> None:
        self.app.start_game(self.plan)

    def speech(self) -> list[tuple[str, object, str]]:
        """Self-voicing: the whole note before play, then the focused button."""
        words = [_("Before you begin."), _(NOTES_INTRO), _("The story contains:")]
        words += [f"{note}." for note in self.app.story.content_notes]
        if self.plan is not None and self.plan.summary:
            words += [_("Where this game begins:"), self.plan.summary]
        notes = " ".join(words)
        return [("title", notes, notes), *super().speech()]

    def handle(self, event: pygame.event.Event) -> bool | None:
        if is_back(event):
            self.app.pop()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_SPACE:
            self.begin()
            return True
        return self.group.handle(event)

    def draw(self, target: pygame.Surface, vp: Viewport) -> None:
        app = self.app
        theme = app.theme
        draw_background(self, target, vp, TITLE_PICTURE, "picture")
        panel_w = 820
        x = (DESIGN_W - panel_w) / 2
        head = app.face("serif-bold", app.ui_px + 12)
        body = app.face("serif", app.body_px)
        width_px = vp.px(panel_w - 96)
        intro = _(NOTES_INTRO)
        blocks: list[tuple[list[str], tuple[int, int, int]]] = [
            (wrap_text(intro, width_px, body.width), theme.text),
            (wrap_text(_("The story contains:"), width_px, body.width), theme.text_dim),
        ]
        for note in app.story.content_notes:
            blocks.append((wrap_text("\u2022 " + note, width_px, body.width), theme.text))
        if self.plan is not None and self.plan.summary:
            blocks.append(
                (wrap_text(_("Where this game begins:"), width_px, body.width), theme.text_dim)
            )
            blocks.append((wrap_text(self.plan.summary, width_px, body.width), theme.accent))
        line_h = body.line_height / vp.scale
        text_h = sum(len(lines) for lines, _ in blocks) * line_h + 10 * len(blocks)
        row_h = round((app.ui_px + 2) * 2.4)
        height = 48 + 60 + text_h + 24 + row_h + 36
        y = max(16, (DESIGN_H - height) / 2)
        draw_panel(target, vp.rect(x, y, panel_w, height), theme.panel, vp.px(14), theme.panel_edge)
        blit_text(target, head, _("Before you begin"), vp.point(x + 48, y + 40), theme.heading)
        top = y + 48 + 60
        for lines, colour in blocks:
            for line in lines:
                blit_text(target, body, line, vp.point(x + 48, top), colour)
                top += line_h
            top += 10
        face = app.face("sans", app.ui_px + 2)
        small = app.face("sans", app.ui_px - 2)
        top += 24
        button_w = 200
        for index in range(len(self.group.buttons)):
            bx = x + 48 + index * (button_w + 16)
            rect = pygame.Rect(vp.rect(bx, top, button_w, row_h))
            draw_group_button(
                target, vp, theme, self.group, index, rect, face, small, align="centre"
            )
