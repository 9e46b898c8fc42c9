"""What keeps a choice's frame short: panels cut from a cached large panel (pixel for
pixel the panel drawn whole) and the story screen's look-ahead while the player reads."""

from __future__ import annotations

import random
from collections.abc import Callable

import pygame

from game.ui import widgets
from game.ui.app import App
from game.ui.text import smarten
from tests.ui.conftest import pump, to_choices


def test_a_panel_cut_in_pieces_is_the_panel_drawn_whole(make_app: Callable[..., App]) -> None:
    make_app()  # a display, for surfaces
    widgets.clear_caches()
    rng = random.Random(7)
    for _ in range(120):
        w, h = rng.randint(1, 600), rng.randint(1, 400)
        radius = rng.choice([0, 5, 8, 14, 18, 40])
        edge = rng.choice([None, (236, 226, 206, 40)])
        colour = rng.choice([(16, 21, 33, 238), (38, 46, 66, 248)])
        whole = pygame.Surface((w + 10, h + 10), pygame.SRCALPHA)
        cut = whole.copy()
        whole.blit(widgets._new_panel(w, h, colour, radius, edge, 1), (5, 5))
        widgets.draw_panel(cut, (5, 5, w, h), colour, radius, edge)
        assert pygame.image.tobytes(whole, "RGBA") == pygame.image.tobytes(cut, "RGBA"), (
            w,
            h,
            radius,
            edge,
        )


def test_the_look_ahead_warms_the_next_scene_and_changes_nothing(
    make_app: Callable[..., App],
) -> None:
    app = make_app(text_speed="instant")
    app.start_game()
    pump(app)
    to_choices(app)
    session = app.session
    assert session is not None
    before = session.runner.to_json()
    body = app.face("serif", app.body_px)
    worked = 0
    while app.idle_work():
        worked += 1
    open_choices = session.runner.available_choice_ids()
    assert worked == len(open_choices) and not app.idle_work()  # one choice a call, then done
    assert session.runner.to_json() == before, "looking ahead never moves the game"
    twin = session.runner.fork()
    twin.choose(open_choices[0])
    first_line = smarten(twin.view().paragraphs[0]).split()[0]
    assert any(key[0].startswith(first_line) for key in body._cache), "its lines are drawn"
    app.top.choose(open_choices[0])  # type: ignore[attr-defined]
    assert session.view.paragraphs == twin.view().paragraphs
    assert app.idle_work()  # a new scene: the look-ahead starts again
