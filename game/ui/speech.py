"""Self-voicing: the game speaks its text, focus and notes through the system's voice.

Pure Python (no pygame). A :class:`Speaker` takes utterances with :meth:`Speaker.say`
and speaks them on a worker thread, so speaking never blocks a frame. The engine is
the first that works of:

* ``pyttsx3`` (the optional ``speech`` extra: eSpeak NG on Linux, SAPI5 on Windows,
  the system voice on macOS);
* the ``espeak-ng`` or ``spd-say`` command on PATH (run with an argument list, never
  through a shell);
* none: :attr:`Speaker.engine_name` is ``None`` and the game plays on silently.

A speech log (``LTH_SPEECH_LOG=FILE``, or ``shot ... --speech-log FILE``) appends
every utterance as one line, so tests and writers can check the words without a
sound device (``espeak-ng -f FILE`` reads a scene aloud).
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from game.i18n import _, format_money, format_number
from game.ui.settings import SPEECH_RATES as SPEECH_RATES

#: The environment variable naming the speech log.
SPEECH_LOG_ENV = "LTH_SPEECH_LOG"
#: Speech rates the Settings screen offers, in words a minute.
DEFAULT_RATE = 180
#: The longest utterance sent to an engine (a whole page is well under this).
MAX_UTTERANCE = 4000


class Engine(Protocol):
    """A voice: speaks one utterance (blocking, on the worker thread) or stops."""

    name: str

    def speak(self, text: str, rate: int, volume: int) -> None: ...
    def stop(self) -> None: ...


class CommandEngine:
    """``espeak-ng`` or ``spd-say`` run as a child process for each utterance."""

    def __init__(self, name: str, path: str) -> None:
        self.name = name
        self.path = path
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def command(self, text: str, rate: int, volume: int) -> list[str]:
        """The argument list for one utterance (``--`` keeps text from being an option)."""
        if self.name == "spd-say":
            # spd-say takes rate and volume from -100 to 100; -w waits until spoken.
            spd_rate = max(-100, min(100, round((rate - DEFAULT_RATE) / 2)))
            spd_volume = max(-100, min(100, volume * 2 - 100))
            return [self.path, "-w", "-r", str(spd_rate), "-i", str(spd_volume), "--", text]
        # espeak-ng: -s words a minute, -a amplitude (100 is its normal loudness).
        return [self.path, "-s", str(rate), "-a", str(volume), "--", text]

    def speak(self, text: str, rate: int, volume: int) -> None:
        try:
            process = subprocess.Popen(
                self.command(text, rate, volume),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            return
        with self._lock:
            self._process = process
        process.wait()
        with self._lock:
            self._process = None

    def stop(self) -> None:
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()


class Pyttsx3Engine:
    """The pyttsx3 library (created and used only on the worker thread)."""

    name = "pyttsx3"

    def __init__(self, module: Any) -> None:
        self._module = module
        self._engine: Any = None

    def speak(self, text: str, rate: int, volume: int) -> None:
        if self._engine is None:
            self._engine = self._module.init()
        engine = self._engine
        engine.setProperty("rate", rate)
        engine.setProperty("volume", max(0.0, min(1.0, volume / 100)))
        engine.say(text)
        engine.runAndWait()

    def stop(self) -> None:
        """Ask the voice to stop, on a thread of its own: pyttsx3's drivers may block in
        ``stop()`` until the utterance ends (eSpeak NG's does, for ever when there is no
        sound device), and the window's thread must never wait for a voice."""
        engine = self._engine
        if engine is None:
            return

        def halt() -> None:
            with contextlib.suppress(Exception):  # a failing voice must not stop the game
                engine.stop()

        threading.Thread(target=halt, name="speech-stop", daemon=True).start()


def find_engine(
    which: Callable[[str], str | None] = shutil.which, allow_library: bool = True
) -> Engine | None:
    """The first speech engine available here, or None.

    On Linux the ``espeak-ng`` / ``spd-say`` commands come first: a child process can
    always be stopped, where pyttsx3's eSpeak driver can hang without a sound device.
    Elsewhere pyttsx3 (SAPI5, the macOS voices) comes first."""
    commands: list[Engine] = []
    for name in ("espeak-ng", "spd-say"):
        path = which(name)
        if path:
            commands.append(CommandEngine(name, path))
    if sys.platform.startswith("linux") and commands:
        return commands[0]
    if allow_library:
        try:
            import pyttsx3  # type: ignore[import-not-found, import-untyped, unused-ignore]
        except Exception:  # missing, or broken on this system
            pass
        else:
            return Pyttsx3Engine(pyttsx3)
    return commands[0] if commands else None


def clean(text: str) -> str:
    """One line to speak: whitespace collapsed, marks a voice would read as noise gone."""
    text = text.replace("…", "...").replace("\u2190", "").replace("\u2192", "")
    text = " ".join(text.split())
    return text[:MAX_UTTERANCE]


class Speaker:
    """Speaks utterances on a worker thread; remembers the last one for :meth:`repeat`."""

    def __init__(
        self,
        engine: Engine | None = None,
        log_path: str | Path | None = None,
        rate: int = DEFAULT_RATE,
        volume: int = 100,
    ) -> None:
        self.engine = engine
        self.log_path = Path(log_path) if log_path else None
        self.rate = rate
        self.volume = volume
        self.enabled = True
        self.last = ""
        self.spoken: list[str] = []  # everything said, newest last (tests read it)
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._log_failed = False

    @classmethod
    def from_environment(cls, rate: int = DEFAULT_RATE, volume: int = 100) -> Speaker:
        """The system's engine, and the speech log ``LTH_SPEECH_LOG`` names (if any)."""
        return cls(find_engine(), os.environ.get(SPEECH_LOG_ENV) or None, rate, volume)

    @property
    def engine_name(self) -> str | None:
        return self.engine.name if self.engine is not None else None

    def say(self, text: str, interrupt: bool = True) -> None:
        """Speak ``text``; ``interrupt`` drops what is still waiting or being spoken."""
        text = clean(text)
        if not text or not self.enabled:
            return
        self.last = text
        self.spoken.append(text)
        del self.spoken[:-500]
        self._log(text)
        if self.engine is None:
            return
        if interrupt:
            self._drain()
            self.engine.stop()
        self._ensure_thread()
        self._queue.put(text)

    def say_all(self, texts: Iterable[str]) -> None:
        """Several utterances in order, the first interrupting what was being said."""
        first = True
        for text in texts:
            if clean(text):
                self.say(text, interrupt=first)
                first = False

    def repeat(self) -> None:
        """Say the last utterance again (not logged twice as new speech: logged once more)."""
        if self.last:
            self.say(self.last)

    def stop(self) -> None:
        self._drain()
        if self.engine is not None:
            self.engine.stop()

    def close(self) -> None:
        """Stop speaking and end the worker thread."""
        self.stop()
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=1.0)
            self._thread = None

    # -- inside -----------------------------------------------------------------------------
    def _log(self, text: str) -> None:
        if self.log_path is None or self._log_failed:
            return
        try:
            with self.log_path.open("a", encoding="utf-8") as log:
                log.write(text + "\n")
        except OSError:
            self._log_failed = True  # the game goes on; the log is a convenience

    def _drain(self) -> None:
        try:
            while True:
                self._queue.get_nowait()
        except queue.Empty:
            pass

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._work, name="speech", daemon=True)
            self._thread.start()

    def _work(self) -> None:
        while True:
            text = self._queue.get()
            if text is None:
                return
            engine = self.engine
            if engine is None:
                continue
            try:
                engine.speak(text, self.rate, self.volume)
            except Exception:  # a broken voice goes silent, the game goes on
                self.engine = None
                return


def money_words(amount: int) -> str:
    """1290 -> '1,290'."""
    return format_number(amount)


def change_words(label: str, before: int, after: int, money: bool = False) -> str:
    """'Cash down 190 yuan to 1,290' for money, 'Qin up 1 to 4' for a meter."""
    delta = after - before
    amount = format_money(abs(delta)) if money else money_words(abs(delta))
    if delta > 0:
        words = _("{label} up {amount} to {after}")
    else:
        words = _("{label} down {amount} to {after}")
    return words.format(label=label, amount=amount, after=money_words(after))


def meter_words(meters: Iterable[object]) -> str:
    """'Cash 1,290 yuan. Health 7 of 10.' for the meters of a scene view."""
    parts: list[str] = []
    for meter in meters:
        label = str(getattr(meter, "label", ""))
        value = int(getattr(meter, "value", 0))
        kind = getattr(meter, "kind", "number")
        maximum = getattr(meter, "maximum", None)
        if kind == "money":
            parts.append(_("{label} {amount}").format(label=label, amount=format_money(value)))
        elif kind == "meter" and maximum is not None:
            parts.append(
                _("{label} {value} of {most}").format(
                    label=label, value=money_words(value), most=money_words(int(maximum))
                )
            )
        else:
            parts.append(_("{label} {value}").format(label=label, value=money_words(value)))
    return _("{sentences}.").format(sentences=_(". ").join(parts)) if parts else _("No meters.")


class LineReader:
    """For a scrolling screen: which lines came into view since it last spoke.

    The first time, every line in view; then, as the player scrolls, only the lines
    that scrolled in (at the bottom going down, at the top going up), so reading a
    screen from the top to the end speaks each line once, in order.
    """

    def __init__(self) -> None:
        self.shown: tuple[int, int] | None = None

    def step(self, first: int, stop: int) -> list[int]:
        before = self.shown
        self.shown = (first, stop)
        if before is None:
            return list(range(first, stop))
        if before == (first, stop):
            return []
        return [i for i in range(first, stop) if not before[0] <= i < before[1]]
