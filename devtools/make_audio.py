"""Make the game's music loops and interface sounds (a developer's tool, not the game's).

A small synthesiser in pure Python (``math``, ``random`` with a fixed seed, ``wave``)
renders six calm ambient loops for the moods of the story and two short interface
sounds, then converts them to OGG Vorbis with SoX:

    apt-get install sox libsox-fmt-all      # dev-only; the game plays the .ogg files
    python -m devtools.make_audio [--out assets] [--only train,page] [--keep-wav]

The same seed always gives the same sound. Every loop is seamless by construction:
the length of a loop is its period. Noise is periodic noise filtered circularly (the
filter runs over the loop twice and keeps the second pass, so its state at the end is
its state at the start), slow modulations and drones make whole cycles in the loop,
and every event (a click, a note, a distant announcement) that runs past the end
wraps round to the start. The files are mono at 22,050 Hz, levelled to a quiet RMS
with peaks well below clipping; ``sox FILE -n stat`` shows the figures.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import shutil
import subprocess
import sys
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from game.paths import ASSETS_DIR

RATE = 22_050
SEED = 20_070_207  # the eve of the Spring Festival in chapter one's year
TAU = 2 * math.pi

Buffer = list[float]

# Pitches (Hz) of the D major pentatonic scale the village and New Year use.
D_PENTATONIC = (293.66, 329.63, 369.99, 440.0, 493.88, 587.33, 659.26, 739.99)


# -- building blocks ----------------------------------------------------------------------


def silence(count: int) -> Buffer:
    return [0.0] * count


def periodic_noise(count: int, rng: random.Random) -> Buffer:
    """White noise in -1..1 that is meant to be filtered circularly."""
    return [rng.uniform(-1.0, 1.0) for _ in range(count)]


def aligned(freq: float, seconds: float) -> float:
    """The nearest frequency that makes whole cycles in ``seconds`` (so a loop is seamless)."""
    return max(1, round(freq * seconds)) / seconds


def lowpass(samples: Buffer, cutoff: float, circular: bool = True) -> Buffer:
    """One-pole low-pass; ``circular`` runs it twice so the loop's ends join."""
    a = 1.0 - math.exp(-TAU * cutoff / RATE)
    y = 0.0
    out = silence(len(samples))
    for _ in range(2 if circular else 1):
        for i, x in enumerate(samples):
            y += a * (x - y)
            out[i] = y
    return out


def highpass(samples: Buffer, cutoff: float, circular: bool = True) -> Buffer:
    low = lowpass(samples, cutoff, circular)
    return [x - lo for x, lo in zip(samples, low, strict=True)]


def bandpass(samples: Buffer, centre: float, q: float, circular: bool = True) -> Buffer:
    """A biquad band-pass with 0 dB peak gain (the audio cookbook's form)."""
    w = TAU * centre / RATE
    alpha = math.sin(w) / (2 * q)
    a0 = 1 + alpha
    b0, b2 = alpha / a0, -alpha / a0
    a1, a2 = -2 * math.cos(w) / a0, (1 - alpha) / a0
    x1 = x2 = y1 = y2 = 0.0
    out = silence(len(samples))
    for _ in range(2 if circular else 1):
        for i, x in enumerate(samples):
            y = b0 * x + b2 * x2 - a1 * y1 - a2 * y2
            x2, x1 = x1, x
            y2, y1 = y1, y
            out[i] = y
    return out


def sweep_lowpass(samples: Buffer, cutoffs: Callable[[int], float], block: int = 64) -> Buffer:
    """A one-pole low-pass whose cutoff follows ``cutoffs(i)``, circular."""
    out = silence(len(samples))
    y = 0.0
    for _ in range(2):
        a = 0.0
        for i, x in enumerate(samples):
            if i % block == 0:
                a = 1.0 - math.exp(-TAU * cutoffs(i) / RATE)
            y += a * (x - y)
            out[i] = y
    return out


def smooth_steps(count: int, rate: float, rng: random.Random, low: float, high: float) -> Buffer:
    """A periodic random contour: ``rate`` random levels a second, eased between."""
    points = max(2, round(count / RATE * rate))
    levels = [rng.uniform(low, high) for _ in range(points)]
    out = silence(count)
    span = count / points
    for i in range(count):
        pos = i / span
        k = int(pos)
        t = pos - k
        ease = 0.5 - 0.5 * math.cos(math.pi * t)
        out[i] = levels[k % points] * (1 - ease) + levels[(k + 1) % points] * ease
    return out


def lfo(count: int, cycles: int, phase: float = 0.0, low: float = 0.0, high: float = 1.0) -> Buffer:
    """A sine that makes ``cycles`` whole cycles over the buffer, between low and high."""
    mid, depth = (low + high) / 2, (high - low) / 2
    return [mid + depth * math.sin(TAU * cycles * i / count + phase) for i in range(count)]


def mix_into(track: Buffer, event: Sequence[float], start: float, gain: float = 1.0) -> None:
    """Add an event at ``start`` seconds; whatever runs past the end wraps to the start."""
    count = len(track)
    offset = round(start * RATE) % count
    for i, value in enumerate(event):
        track[(offset + i) % count] += value * gain


def add(*tracks: Buffer) -> Buffer:
    return [sum(values) for values in zip(*tracks, strict=True)]


def scale(samples: Buffer, gain: float) -> Buffer:
    return [x * gain for x in samples]


def multiply(a: Buffer, b: Buffer) -> Buffer:
    return [x * y for x, y in zip(a, b, strict=True)]


def envelope(seconds: float, attack: float, decay: float, sustain: float = 0.0) -> Buffer:
    """Attack (raised cosine), then an exponential fall to ``sustain`` with time constant."""
    count = round(seconds * RATE)
    att = max(1, round(attack * RATE))
    out = silence(count)
    for i in range(count):
        if i < att:
            out[i] = 0.5 - 0.5 * math.cos(math.pi * i / att)
        else:
            t = (i - att) / RATE
            out[i] = sustain + (1 - sustain) * math.exp(-t / decay)
    fade = min(count, round(0.02 * RATE))  # always end at silence
    for i in range(fade):
        out[count - 1 - i] *= i / fade
    return out


def tone(freq: float, seconds: float, partials: Sequence[float], phase: float = 0.0) -> Buffer:
    """A sum of harmonics with the given amplitudes."""
    count = round(seconds * RATE)
    return [
        sum(
            amp * math.sin(TAU * freq * (n + 1) * i / RATE + phase * (n + 1))
            for n, amp in enumerate(partials)
        )
        for i in range(count)
    ]


def pluck(freq: float, seconds: float = 2.8, bend: float = 0.0, bright: float = 0.5) -> Buffer:
    """A soft plucked string: a few decaying partials; ``bend`` slides the pitch down."""
    count = round(seconds * RATE)
    env = envelope(seconds, 0.008, seconds / 4)
    out = silence(count)
    phase = 0.0
    for i in range(count):
        t = i / RATE
        f = freq * (1 + bend * math.exp(-t / 0.06))
        phase += TAU * f / RATE
        fade_high = math.exp(-t / 0.5)
        value = (
            math.sin(phase)
            + bright * 0.5 * fade_high * math.sin(2 * phase)
            + bright * 0.25 * fade_high * math.sin(3 * phase)
        )
        out[i] = value * env[i]
    return out


def bell(freq: float, seconds: float = 2.5) -> Buffer:
    """A gentle chime: a fundamental and two soft inharmonic partials."""
    count = round(seconds * RATE)
    env = envelope(seconds, 0.004, seconds / 5)
    ratios = ((1.0, 1.0), (2.0, 0.25), (2.76, 0.12))
    out = silence(count)
    for i in range(count):
        t = i / RATE
        out[i] = env[i] * sum(a * math.sin(TAU * freq * r * t) for r, a in ratios)
    return out


def noise_burst(rng: random.Random, seconds: float, cutoff: float, decay: float) -> Buffer:
    """A short filtered noise hit: the body of a click or a thump."""
    count = round(seconds * RATE)
    raw = [rng.uniform(-1, 1) for _ in range(count)]
    env = envelope(seconds, 0.001, decay)
    return multiply(lowpass(raw, cutoff, circular=False), env)


def reverb(samples: Buffer, tail: float, wet: float, size: float = 1.0) -> Buffer:
    """A small Schroeder reverb (four combs, two all-passes), not circular; adds ``tail`` s."""
    dry = samples + silence(round(tail * RATE))
    count = len(dry)
    combs = [round(d * size) for d in (778, 809, 746, 711)]
    feedback = 0.8
    wet_sum = silence(count)
    for delay in combs:
        line = silence(delay)
        damp = 0.0
        for i in range(count):
            out = line[i % delay]
            damp += 0.4 * (out - damp)
            line[i % delay] = dry[i] + damp * feedback
            wet_sum[i] += out * 0.25
    for delay in (round(225 * size), round(341 * size)):
        line = silence(delay)
        for i in range(count):
            buffered = line[i % delay]
            value = wet_sum[i]
            line[i % delay] = value + buffered * 0.5
            wet_sum[i] = buffered - value * 0.5
    return [d * (1 - wet) + w * wet for d, w in zip(dry, wet_sum, strict=True)]


def spread_times(rng: random.Random, count: int, seconds: float, gap: float) -> list[float]:
    """``count`` start times in the loop, at least ``gap`` s apart (round the loop too)."""
    for _ in range(500):
        times = sorted(rng.uniform(0, seconds) for _ in range(count))
        gaps = [b - a for a, b in itertools.pairwise(times)]
        gaps.append(times[0] + seconds - times[-1])
        if min(gaps) >= gap:
            return times
    return [i * seconds / count for i in range(count)]


# -- the moods ------------------------------------------------------------------------------


def factory(rng: random.Random, seconds: float) -> Buffer:
    """Many sewing machines at a distance: needle chatter in runs, motors, a slow press."""
    count = round(seconds * RATE)
    room = lowpass(periodic_noise(count, rng), 220)
    chatter_src = bandpass(periodic_noise(count, rng), 700, 1.2)
    machines = silence(count)
    for index in range(5):
        rate = aligned(rng.uniform(10.5, 15.5), seconds)
        motor = aligned(rng.uniform(150, 230), seconds)
        shift = rng.randrange(count)
        runs = silence(count)
        for start in spread_times(rng, 4, seconds, 3.5):
            length = rng.uniform(2.0, 4.5)
            mix_into(runs, envelope(length, 0.25, 0.9, sustain=0.85), start)
        gain = rng.uniform(0.5, 1.0) / (1 + index * 0.15)
        for i in range(count):
            needle = (0.5 + 0.5 * math.sin(TAU * rate * i / RATE)) ** 3
            hum = 0.18 * math.sin(TAU * motor * i / RATE)
            machines[i] += gain * runs[i] * (needle * chatter_src[(i + shift) % count] * 3 + hum)
    machines = lowpass(machines, 1800)
    press = silence(count)
    beat = seconds / round(seconds / 3.0)
    for n in range(round(seconds / beat)):
        thump = add(
            scale(tone(aligned(62, seconds), 0.35, (1.0, 0.2)), 1.0),
            scale(noise_burst(rng, 0.35, 300, 0.05), 0.8),
        )
        mix_into(press, multiply(thump, envelope(0.35, 0.004, 0.07)), n * beat, 0.5)
    mains = lfo(count, round(100 * seconds), 0.0, -0.03, 0.03)  # the lights' hum
    return add(scale(room, 1.6), machines, press, mains)


def city_night(rng: random.Random, seconds: float) -> Buffer:
    """A city after dark: traffic rumble, cars passing, a far horn, a low quiet chord."""
    count = round(seconds * RATE)
    swell = lfo(count, 2, 0.0, 0.6, 1.0)
    rumble = multiply(lowpass(lowpass(periodic_noise(count, rng), 160), 160), swell)
    cars = silence(count)
    for start in spread_times(rng, 5, seconds, 4.0):
        length = rng.uniform(4.5, 7.0)
        n = round(length * RATE)
        raw = [rng.uniform(-1, 1) for _ in range(n)]
        shape = [math.sin(math.pi * i / n) ** 3 for i in range(n)]

        def sweep(i: int, n: int = n) -> float:
            return 1000 - 600 * i / n

        swish = sweep_lowpass(sweep_lowpass(raw, sweep), sweep)  # two poles: a soft hiss
        mix_into(cars, multiply(swish, shape), start, rng.uniform(0.6, 1.0))
    horn = silence(count)
    when = rng.uniform(0, seconds)
    note = add(tone(370, 0.5, (0.6, 0.3, 0.15)), tone(415, 0.5, (0.6, 0.3, 0.15)))
    note = multiply(lowpass(note, 900, circular=False), envelope(0.5, 0.03, 0.4, 0.5))
    mix_into(horn, reverb(note, 2.0, 0.6, 1.3), when, 0.15)
    chord = silence(count)
    for freq, amp in ((110.0, 0.5), (164.81, 0.35), (246.94, 0.2), (261.63, 0.12)):
        f = aligned(freq, seconds)
        swell = lfo(count, 1, rng.uniform(0, TAU), 0.4, 1.0)
        for i in range(count):
            chord[i] += amp * swell[i] * math.sin(TAU * f * i / RATE)
    return add(scale(rumble, 2.2), scale(cars, 0.9), horn, scale(chord, 0.12))


def announcement(rng: random.Random) -> Buffer:
    """A station chime, then a voice-like murmur through formant filters: no words."""
    chime = silence(round(1.6 * RATE))
    for k, freq in enumerate((659.26, 523.25, 392.0)):
        mix_into(chime, bell(freq, 1.2), 0.32 * k, 0.5)
    seconds = rng.uniform(3.5, 5.0)
    count = round(seconds * RATE)
    voice = silence(count)
    pitch = rng.uniform(120, 170)
    phase = 0.0
    syllable = round(0.17 * RATE)
    formants = ((730, 1090), (270, 2290), (530, 1840), (570, 840), (440, 1020), (300, 870))
    source = silence(count)
    for i in range(count):
        t = i / RATE
        phase += TAU * pitch * (1 + 0.06 * math.sin(TAU * 0.7 * t)) / RATE
        source[i] = (phase / TAU % 1.0) * 2 - 1  # a buzz, like a voice's
    for start in range(0, count, syllable):
        piece = source[start : start + syllable]
        f1, f2 = rng.choice(formants)
        shaped = add(
            bandpass(piece, f1, 4.0, circular=False), scale(bandpass(piece, f2, 5.0, False), 0.6)
        )
        level = 0.0 if rng.random() < 0.15 else rng.uniform(0.5, 1.0)
        for i, value in enumerate(shaped):
            env = math.sin(math.pi * i / len(shaped))
            voice[start + i] = value * env * level
    voice = lowpass(lowpass(voice, 1400, circular=False), 1400, circular=False)
    return reverb(chime + scale(voice, 3.0), 2.5, 0.55, 1.6)


def station(rng: random.Random, seconds: float) -> Buffer:
    """A crowded hall: a murmur of many voices as filtered noise, two far announcements."""
    count = round(seconds * RATE)
    low = bandpass(periodic_noise(count, rng), 420, 0.7)
    high = bandpass(periodic_noise(count, rng), 1300, 1.1)
    talk_low = [smooth_steps(count, rng.uniform(3.5, 6.0), rng, 0.1, 1.0) for _ in range(6)]
    talk_high = [smooth_steps(count, rng.uniform(4.0, 6.5), rng, 0.0, 1.0) for _ in range(6)]
    murmur = silence(count)
    for i in range(count):
        a = sum(t[i] for t in talk_low) / 6
        b = sum(t[i] for t in talk_high) / 6
        murmur[i] = low[i] * (0.5 + a) + 0.5 * high[i] * b
    murmur = lowpass(murmur, 2500)
    room = lowpass(periodic_noise(count, rng), 120)
    pa = silence(count)
    for start in (rng.uniform(2, 6), rng.uniform(19, 24)):
        mix_into(pa, lowpass(announcement(rng), 2000, circular=False), start, 0.8)
    return add(scale(murmur, 1.3), scale(room, 2.0), pa)


def train(rng: random.Random, seconds: float) -> Buffer:
    """Inside a carriage: the wheels over the rail joints, the rumble and sway."""
    count = round(seconds * RATE)
    rumble = lowpass(lowpass(periodic_noise(count, rng), 140), 140)
    roll = bandpass(periodic_noise(count, rng), 320, 1.0)
    sway = lfo(count, round(seconds / 3.4), 0.0, 0.75, 1.0)
    bed = [(3.0 * r + 0.35 * o) * s for r, o, s in zip(rumble, roll, sway, strict=True)]
    joints = silence(count)
    period = seconds / round(seconds / 1.3)
    pattern = ((0.0, 1.0), (0.13, 0.85), (0.64, 0.55), (0.77, 0.5))
    for n in range(round(seconds / period)):
        for offset, gain in pattern:
            click = add(
                scale(noise_burst(rng, 0.12, 900, 0.018), 1.0),
                scale(tone(rng.uniform(66, 74), 0.12, (1.0,)), 0.7),
            )
            click = multiply(click, envelope(0.12, 0.002, 0.03))
            start = n * period + offset + rng.uniform(-0.006, 0.006)
            mix_into(joints, click, start, gain * rng.uniform(0.85, 1.0))
    joints = lowpass(joints, 1500)
    return add(bed, scale(joints, 0.9))


def village(rng: random.Random, seconds: float) -> Buffer:
    """Winter wind over the terraces, and now and then a soft pentatonic note."""
    count = round(seconds * RATE)
    gust = add(
        lfo(count, 2, rng.uniform(0, TAU), -0.5, 0.5),
        lfo(count, 3, rng.uniform(0, TAU), -0.3, 0.3),
        lfo(count, 5, rng.uniform(0, TAU), -0.2, 0.2),
    )
    level = [0.55 + 0.45 * g for g in gust]

    def gusting(i: int) -> float:
        return 260 + 500 * level[i]

    wind = sweep_lowpass(sweep_lowpass(periodic_noise(count, rng), gusting), gusting)
    whistle = bandpass(periodic_noise(count, rng), 740, 8.0)
    air = [(2.2 * w + 0.5 * h * lv) * lv for w, h, lv in zip(wind, whistle, level, strict=True)]
    notes = silence(count)
    for start in spread_times(rng, 7, seconds, 3.0):
        freq = rng.choice(D_PENTATONIC[:6])
        note = pluck(freq, 3.0, bend=0.004, bright=0.35)
        mix_into(notes, reverb(note, 2.5, 0.35, 1.2), start, rng.uniform(0.5, 0.8))
    for start in spread_times(rng, 2, seconds, 10.0):
        for k in range(2):
            n = round(0.09 * RATE)
            chirp = [
                math.sin(TAU * (2600 + 900 * i / n) * i / RATE) * math.sin(math.pi * i / n)
                for i in range(n)
            ]
            mix_into(notes, chirp, start + 0.16 * k, 0.05)
    return add(scale(air, 1.5), scale(notes, 0.9))


def new_year(rng: random.Random, seconds: float) -> Buffer:
    """A warm room on New Year's Eve: a slow chord round, a plucked tune, far crackers."""
    count = round(seconds * RATE)
    chords = (
        (146.83, 220.0, 369.99),  # D
        (123.47, 185.0, 293.66),  # Bm
        (98.0, 146.83, 246.94),  # G
        (110.0, 164.81, 277.18),  # A
    )
    span = seconds / len(chords)
    pad = silence(count)
    for k, chord in enumerate(chords):
        length = span + 2.5
        n = round(length * RATE)
        shape = [math.sin(math.pi * i / n) ** 1.5 for i in range(n)]
        voice = silence(n)
        for freq in chord:
            for detune in (-0.25, 0.25):
                f = freq + detune
                for i in range(n):
                    x = TAU * f * i / RATE
                    voice[i] += math.sin(x) + 0.25 * math.sin(2 * x)
        mix_into(pad, multiply(lowpass(voice, 900, circular=False), shape), k * span - 1.25)
    tune = silence(count)
    for start in spread_times(rng, 9, seconds, 2.2):
        chord = chords[int(start // span) % len(chords)]
        choices = [f for f in D_PENTATONIC if any(abs(f / c - round(f / c)) < 0.02 for c in chord)]
        freq = rng.choice(choices or D_PENTATONIC)
        mix_into(tune, reverb(pluck(freq, 2.6, bend=0.01, bright=0.6), 2.0, 0.3), start, 0.7)
    crackle = silence(round(2.0 * RATE))
    for _ in range(60):
        burst = noise_burst(rng, 0.03, 2500, 0.004)
        mix_into(crackle, burst, rng.uniform(0, 1.6), rng.uniform(0.3, 1))
    far = reverb(lowpass(crackle, 700, circular=False), 2.0, 0.5, 1.5)
    sparks = silence(count)
    mix_into(sparks, far, rng.uniform(0, seconds), 0.25)
    return add(scale(pad, 0.05), scale(tune, 0.4), sparks)


# -- interface sounds -------------------------------------------------------------------


def choice_click(rng: random.Random) -> Buffer:
    """A soft wooden click for making a choice."""
    seconds = 0.09
    body = add(tone(1050, seconds, (1.0, 0.0, 0.25)), scale(tone(1580, seconds, (1.0,)), 0.3))
    body = multiply(body, envelope(seconds, 0.001, 0.016))
    tick = noise_burst(rng, seconds, 2200, 0.003)
    return lowpass(add(body, scale(tick, 0.6)), 3500, circular=False)


def page_turn(rng: random.Random) -> Buffer:
    """Paper: a short rustle that rises and falls, like a page turned over."""
    seconds = 0.34
    count = round(seconds * RATE)
    raw = [rng.uniform(-1, 1) for _ in range(count)]
    paper = highpass(bandpass(raw, 3200, 0.6, circular=False), 900, circular=False)
    grain = smooth_steps(count, 60, rng, 0.3, 1.0)
    shape = [
        (math.sin(math.pi * i / count) ** 2) * (0.6 + 0.4 * math.sin(math.pi * 2 * i / count))
        for i in range(count)
    ]
    return lowpass(multiply(multiply(paper, grain), shape), 6000, circular=False)


# -- levels and files ------------------------------------------------------------------------


def rms(samples: Sequence[float]) -> float:
    return math.sqrt(sum(x * x for x in samples) / max(1, len(samples)))


def level(samples: Buffer, target_rms: float, peak_limit: float) -> Buffer:
    """Scale to ``target_rms`` unless that would put a peak above ``peak_limit``."""
    current = rms(samples)
    peak = max(abs(x) for x in samples) or 1.0
    gain = min(target_rms / current if current else 1.0, peak_limit / peak)
    return scale(samples, gain)


def write_wav(path: Path, samples: Sequence[float]) -> None:
    frames = bytearray()
    for x in samples:
        value = max(-32767, min(32767, round(x * 32767)))
        frames += value.to_bytes(2, "little", signed=True)
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(bytes(frames))


def encode_ogg(wav_path: Path, ogg_path: Path, quality: int = 3) -> None:
    """SoX writes OGG Vorbis at the given quality (-C); raises if SoX is missing."""
    if shutil.which("sox") is None:
        raise SystemExit("sox is needed: apt-get install sox libsox-fmt-all")
    subprocess.run(["sox", str(wav_path), "-C", str(quality), str(ogg_path)], check=True)


@dataclass(frozen=True)
class Piece:
    name: str
    folder: str  # "music" or "sounds"
    make: Callable[[random.Random], Buffer]
    target_rms: float
    peak: float


def loop(
    mood: Callable[[random.Random, float], Buffer], seconds: float
) -> Callable[[random.Random], Buffer]:
    """A mood as a piece: rendered as a loop of ``seconds``."""
    return lambda rng: mood(rng, seconds)


PIECES = (
    Piece("factory", "music", loop(factory, 24.0), 0.045, 0.35),
    Piece("city_night", "music", loop(city_night, 32.0), 0.04, 0.35),
    Piece("station", "music", loop(station, 36.0), 0.045, 0.35),
    Piece("train", "music", loop(train, 31.2), 0.05, 0.4),
    Piece("village", "music", loop(village, 36.0), 0.04, 0.35),
    Piece("new_year", "music", loop(new_year, 32.0), 0.045, 0.35),
    Piece("choice", "sounds", choice_click, 0.05, 0.3),
    Piece("page", "sounds", page_turn, 0.03, 0.22),
)


def make(piece: Piece, out: Path, keep_wav: bool = False) -> Path:
    """Render one piece (seeded by its name) and write assets/<folder>/<name>.ogg."""
    rng = random.Random(f"{SEED}:{piece.name}")
    samples = level(piece.make(rng), piece.target_rms, piece.peak)
    folder = out / piece.folder
    folder.mkdir(parents=True, exist_ok=True)
    wav_path = folder / f"{piece.name}.wav"
    write_wav(wav_path, samples)
    ogg_path = folder / f"{piece.name}.ogg"
    encode_ogg(wav_path, ogg_path)
    if not keep_wav:
        wav_path.unlink()
    return ogg_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ASSETS_DIR), help="assets folder")
    parser.add_argument("--only", default="", help="comma-separated names (default: all)")
    parser.add_argument("--keep-wav", action="store_true", help="keep the .wav beside the .ogg")
    args = parser.parse_args(argv)
    wanted = {name for name in args.only.split(",") if name}
    unknown = wanted - {p.name for p in PIECES}
    if unknown:
        print(f"unknown piece(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    for piece in PIECES:
        if wanted and piece.name not in wanted:
            continue
        path = make(piece, Path(args.out), args.keep_wav)
        print(f"{path}: {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
