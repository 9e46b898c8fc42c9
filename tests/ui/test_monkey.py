"""Thousands of seeded random key presses, clicks, wheel turns and resizes: the window
must never raise."""

from __future__ import annotations

import random

import pygame

from game.ui.app import App

KEYS = [
    pygame.K_SPACE,
    pygame.K_RETURN,
    pygame.K_ESCAPE,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_TAB,
    pygame.K_1,
    pygame.K_2,
    pygame.K_3,
    pygame.K_4,
    pygame.K_9,
    pygame.K_h,
    pygame.K_l,
    pygame.K_u,
    pygame.K_c,
    pygame.K_BACKSPACE,
    pygame.K_DELETE,
    pygame.K_PAGEUP,
    pygame.K_PAGEDOWN,
    pygame.K_HOME,
    pygame.K_END,
    pygame.K_F5,
    pygame.K_F9,
    pygame.K_F11,
    pygame.K_a,
    pygame.K_g,
    pygame.K_F6,
]


def random_event(rng: random.Random, app: App) -> pygame.event.Event:
    w, h = app.window.get_size()
    kind = rng.random()
    if kind < 0.5:
        return pygame.event.Event(
            pygame.KEYDOWN, key=rng.choice(KEYS), mod=0, unicode="", scancode=0
        )
    pos = (rng.randrange(w), rng.randrange(h))
    if kind < 0.75:
        return pygame.event.Event(
            pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice([1, 1, 1, 3, 4, 5])
        )
    if kind < 0.9:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    if kind < 0.98:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-1, 1]), flipped=False)
    return pygame.event.Event(pygame.VIDEORESIZE, size=(w, h), w=w, h=h)


def test_random_events_never_raise(make_app) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(20261124)
    app = make_app(text_speed="fast")
    restarts = 0
    for index in range(6000):
        app.handle_event(random_event(rng, app))
        if not app.running:
            restarts += 1
            app = make_app(text_speed="fast", seed=index)
        app.update(rng.choice([0.0, 0.016, 0.05, 0.1]))
        if index % 7 == 0 and app.dirty:
            app.draw()
    app.draw()
    assert restarts >= 0
