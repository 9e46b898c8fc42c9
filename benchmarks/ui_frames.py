"""Frame cost of the story screen at 1280x720, start-up time, and the idle window.

    python benchmarks/ui_frames.py [--story DIR] [--frames N] [--choices N] [--display]
                                   [--profile]

Prints the time from launching the game to its first drawn title frame (in a fresh
process, as a player starts it), then the main thread's CPU time per frame (mean, 95th
percentile, max) while the typewriter reveals a scene, on the frame of a choice (the
autosave, and in classroom mode the decision record, are written on a worker thread)
and while the HUD animates its changes, then what the loop costs while it waits for the
player: CPU and wake-ups a second (the main thread's context switches, from /proc).
The choice frame is measured over --choices choices (default 12) in normal play and
again in classroom mode. --profile prints where the choice frames' time goes
(cProfile, the top functions by their own time). Pictures load on a worker thread as
in the game. Targets: the first title frame within 0.5 s, no frame over 4 ms, an idle
window waking at most a few times a second. Runs on SDL's dummy video driver unless
--display asks for the real one (under X11 or Wayland the idle loop sleeps in SDL until
an event). The load average is printed first: other work on the machine slows frames.
LTH_BENCH_DEBUG=1 also prints each measured choice frame with the scene it led to.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:  # the window's modules load inside the functions, after SDL's set-up
    import cProfile

    from game.engine import Story
    from game.play.session import GameSession
    from game.ui.app import App
    from game.ui.screens.story import StoryScreen


def live(app: App) -> GameSession:
    """The window's game session (the benchmark always has a game under way)."""
    assert app.session is not None
    return app.session


def story_screen_of(app: App) -> StoryScreen:
    """The story screen on top of the window."""
    from game.ui.screens.story import StoryScreen

    screen = app.top
    assert isinstance(screen, StoryScreen), screen.name
    return screen


def summary(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"{name:<22} frames {len(samples):>4}  mean {statistics.mean(samples) * 1000:6.2f} ms"
        f"  p95 {p95 * 1000:6.2f} ms  max {max(samples) * 1000:6.2f} ms"
    )


def choice_with_changes(session: GameSession, max_steps: int = 60) -> str | None:
    """Walk the story until a choice would move a meter; return that choice's id."""
    from game.engine import Runner

    for _ in range(max_steps):
        view = session.view
        enabled = [c.id for c in view.choices if c.enabled]
        if not enabled:
            return None
        for choice_id in enabled:
            trial = Runner.from_json(session.story, session.runner.to_json())
            if trial.choose(choice_id).changes:
                return choice_id
        session.choose(enabled[0])
    return None


STARTUP_CODE = """
import os, sys, time
started = time.perf_counter()
sys.path.insert(0, {root!r})
os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
import tempfile
from pathlib import Path
import pygame
from game.engine.loader import load_story
from game.ui.app import App, open_display
from game.ui.settings import Settings
story, _ = load_story({story!r})
assert open_display() is None or os.environ.get("SDL_VIDEODRIVER") == "dummy"
pygame.font.init()
app = App(story, {story!r}, data_directory=Path(tempfile.mkdtemp()), size=(1280, 720),
          persist_settings=False, settings=Settings(), audio=False)
app.draw()
pygame.display.flip()
print(time.perf_counter() - started)
app.art.close()
"""


def startup_seconds(story_dir: str, runs: int = 3) -> tuple[float, float]:
    """(best launch-to-first-title-frame, best time inside Python) over a few launches."""
    import subprocess

    code = STARTUP_CODE.format(root=str(ROOT), story=story_dir)
    walls, insides = [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-X", "frozen_modules=on", "-c", code],
            capture_output=True,
            text=True,
            check=True,
        )
        walls.append(time.perf_counter() - start)
        insides.append(float(done.stdout.strip().splitlines()[-1]))
    return min(walls), min(insides)


def context_switches() -> int | None:
    """The main thread's context switches so far (each is a wake-up), where /proc has them."""
    path = Path(f"/proc/self/task/{threading.get_native_id()}/status")
    try:
        text = path.read_text()
    except OSError:
        return None
    total = 0
    for line in text.splitlines():
        if "ctxt_switches" in line:
            total += int(line.split()[1])
    return total


def choice_frames(
    story: Story,
    story_dir: str,
    classroom: bool,
    count: int,
    profile: cProfile.Profile | None,
    ahead: list[float],
) -> list[float]:
    """CPU time of ``count`` choice frames: the choice itself (engine, autosave and, in
    classroom mode, the decision record handed to the writer) plus the frame that shows
    its result, each at a choice that moves a meter, with the page's text shown whole.
    ``profile`` (a cProfile.Profile or None) runs around each choice frame only; the
    idle look-ahead before each choice is appended to ``ahead``."""
    import pygame

    from game.ui.app import App
    from game.ui.settings import Settings

    samples: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        app = App(
            story,
            story_dir,
            seed=1,
            classroom=classroom,
            data_directory=Path(folder),
            size=(1280, 720),
            asynchronous_art=True,
            persist_settings=False,
            settings=Settings(text_speed="instant"),
        )
        app.choice_delay = 0.0
        app.start_game()
        for _ in range(3):
            frame(app, 1 / 60)
        for _ in range(count):
            choice = choice_with_changes(live(app))
            if choice is None:
                break
            screen = app.top
            while screen.name != "story":  # a classroom prompt over the story
                app.pop()
                screen = app.top
            screen = story_screen_of(app)
            screen.on_resume()
            screen.page = len(screen._layout().pages) - 1
            screen.typewriter.finish()
            screen._page_revealed()
            app.art.get_now("background", live(app).view.background or "", (1280, 720))
            for _ in range(3):
                frame(app, 1 / 60)
            # The player reads: the loop's idle time looks ahead (the story screen lays
            # out where each choice leads), the pictures and the saves finish on their
            # workers. Measured apart: it is not on any frame.
            start = time.thread_time()
            while app.idle_work():
                pass
            ahead.append(time.thread_time() - start)
            app.flush_saves()
            waited = 0.0
            while app.art._pending and waited < 5:  # the pictures it asked for arrive
                time.sleep(0.01)
                waited += 0.01
            frame(app, 1 / 60)
            if profile is not None:
                profile.enable()
            start = time.thread_time()
            screen.choose(choice)
            spent = time.thread_time() - start + frame(app, 1 / 60)
            if profile is not None:
                profile.disable()
            samples.append(spent)
            if os.environ.get("LTH_BENCH_DEBUG"):
                print(f"  {live(app).view.scene_id:<24} {spent * 1000:.2f} ms")
            while app.top is not screen:
                app.pop()
        app.quit()
        app.writer.close()
        app.art.close()
        app.audio.close()
    pygame.event.clear()
    return samples


def frame(app: App, seconds: float) -> float:
    """One frame as the loop runs it (update, draw, flip); returns its CPU time."""
    import pygame

    start = time.thread_time()
    app.update(seconds)
    if app.dirty:
        app.draw()
        pygame.display.flip()
    return time.thread_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", default=None, help="story folder (default: the shipped one)")
    parser.add_argument("--frames", type=int, default=240)
    parser.add_argument("--choices", type=int, default=12, help="choice frames to measure")
    parser.add_argument("--display", action="store_true", help="use the real display")
    parser.add_argument("--profile", action="store_true", help="profile the choice frames")
    args = parser.parse_args()
    with contextlib.suppress(OSError):
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if not args.display:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")  # as run_window does
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.engine import load_story
    from game.ui.app import App
    from game.ui.settings import Settings

    story_dir = args.story
    story = None
    for candidate in (
        [story_dir] if story_dir else [str(ROOT / "story"), str(ROOT / "tests/ui/story")]
    ):
        story, _diagnostics = load_story(candidate)
        if story is not None:
            story_dir = candidate
            break
    if story is None:
        print("no story could be loaded", file=sys.stderr)
        return 1
    wall, inside = startup_seconds(story_dir)
    print(
        f"start-up: {wall:.2f} s from launch to the first drawn title frame"
        f" ({inside:.2f} s of it after Python started; target 0.5 s)"
    )
    pygame.display.init()
    pygame.font.init()
    with tempfile.TemporaryDirectory() as folder:
        app = App(
            story,
            story_dir,
            seed=1,
            data_directory=Path(folder),
            size=(1280, 720),
            asynchronous_art=True,
            persist_settings=False,
            settings=Settings(text_speed="normal"),
        )
        app.choice_delay = 0.0  # the benchmark picks at once; a player cannot within 0.3 s
        app.start_game()
        app.art.get_now("background", live(app).view.background or "", (1280, 720))
        app.draw()
        story_screen = story_screen_of(app)
        print(f"story: {story_dir}  window 1280x720  driver {pygame.display.get_driver()}")
        reveal: list[float] = []
        while not story_screen.typewriter.done and len(reveal) < args.frames:
            reveal.append(frame(app, 1 / 60))
        if not story_screen.typewriter.done:
            story_screen.advance()
        for _ in range(3):
            frame(app, 1 / 60)
        hud: list[float] = []
        choice = choice_with_changes(live(app))
        if choice is not None:
            story_screen = story_screen_of(app)
            story_screen.on_resume()
            story_screen.page = len(story_screen._layout().pages) - 1
            story_screen.typewriter.finish()
            story_screen._page_revealed()
            app.settings.text_speed = "instant"
            while app.idle_work():  # what the loop does while the player reads
                pass
            start = time.thread_time()
            story_screen.choose(choice)
            chosen = time.thread_time() - start + frame(app, 1 / 60)
            while len(hud) < 150:
                hud.append(frame(app, 1 / 60))
        hover: list[float] = []
        for index in range(60):
            pos = (800, 400 + (index % 6) * 40)
            pygame.event.post(
                pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
            )
            start = time.thread_time()
            for event in pygame.event.get():
                app.handle_event(event)
            hover.append(time.thread_time() - start + frame(app, 1 / 60))
        print(summary("typewriter reveal", reveal))
        if hud:
            print(summary("HUD animation", hud))
            print(
                f"{'the choice itself':<22} one frame: {chosen * 1000:.2f} ms"
                " (engine, autosave, new layout)"
            )
        print(summary("mouse hover", hover))
        every = reveal + hud + hover + ([chosen] if hud else [])
        profile = None
        if args.profile:
            import cProfile

            profile = cProfile.Profile(time.thread_time)  # CPU time, as the frames
        ahead: list[float] = []
        for classroom in (False, True):
            choices = choice_frames(story, story_dir, classroom, args.choices, profile, ahead)
            if choices:
                name = "choice, classroom" if classroom else "choice, normal play"
                print(summary(name, choices))
                every += choices
        if ahead:
            print(
                f"{'look-ahead (idle)':<22} per choice: mean {statistics.mean(ahead) * 1000:.2f} ms"
                f"  max {max(ahead) * 1000:.2f} ms (while the player reads, not on a frame)"
            )
        over = sum(1 for s in every if s > 0.004)
        print(f"frames over 4 ms: {over} of {len(every)}")
        if profile is not None:
            import pstats

            print("where the choice frames' CPU time goes (own time; cProfile inflates it):")
            pstats.Stats(profile).sort_stats(
                os.environ.get("LTH_BENCH_SORT", "tottime")
            ).print_stats(int(os.environ.get("LTH_BENCH_ROWS", "18")))

        app.toasts.clear()
        app.update(10.0)
        app.draw()
        idle_seconds = 3.0
        timer = threading.Timer(
            idle_seconds, lambda: pygame.event.post(pygame.event.Event(pygame.QUIT))
        )
        cpu = time.process_time()
        wall = time.perf_counter()
        switches = context_switches()
        timer.start()
        app.run()
        cpu = time.process_time() - cpu
        wall = time.perf_counter() - wall
        after = context_switches()
        print(
            f"idle: {cpu * 1000:.1f} ms of CPU in {wall:.1f} s waiting"
            f" ({100 * cpu / wall:.2f}% of one core)"
        )
        how = "SDL waits for events" if app.waiter.blocking else "polls, easing to 4 a second"
        if switches is not None and after is not None:
            print(f"idle wake-ups: {(after - switches) / wall:.1f} a second ({how})")
    pygame.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
