"""The synthesiser behind the music (devtools/make_audio.py): seamless by
construction, seeded, levelled quiet. Short renders only, so the tests stay fast."""

from __future__ import annotations

import itertools
import random
import wave
from pathlib import Path

import pytest

from devtools import make_audio as synth


def test_aligned_frequencies_make_whole_cycles() -> None:
    freq = synth.aligned(101.3, 24.0)
    assert freq * 24.0 == pytest.approx(round(freq * 24.0))


def test_circular_filters_join_the_loop_ends() -> None:
    rng = random.Random(1)
    noise = synth.periodic_noise(4000, rng)
    looped = synth.lowpass(noise, 300)
    # The loop played on past its end (the filter running on) gives back its start...
    played_twice = synth.lowpass(noise + noise, 300, circular=False)
    assert looped[:50] == pytest.approx(played_twice[4000:4050], abs=1e-9)
    # ...so its last sample leads into its first like any other pair of samples.
    for filtered in (looped, synth.bandpass(noise, 500, 1.0)):
        largest = max(abs(b - a) for a, b in itertools.pairwise(filtered))
        assert abs(filtered[0] - filtered[-1]) <= largest


def test_events_past_the_end_wrap_to_the_start() -> None:
    track = synth.silence(100)
    synth.mix_into(track, [1.0] * 10, start=95 / synth.RATE)
    assert track[95:] == [1.0] * 5 and track[:5] == [1.0] * 5 and sum(track) == 10


def test_level_keeps_the_rms_quiet_and_the_peaks_low() -> None:
    loud = [0.9 if i % 50 == 0 else 0.01 for i in range(5000)]
    levelled = synth.level(loud, target_rms=0.05, peak_limit=0.3)
    assert max(abs(x) for x in levelled) <= 0.3 + 1e-9
    even = synth.level([0.5, -0.5] * 100, target_rms=0.05, peak_limit=0.3)
    assert synth.rms(even) == pytest.approx(0.05)


def test_the_same_seed_gives_the_same_sound_and_it_ends_in_silence() -> None:
    first = synth.choice_click(random.Random("x"))
    assert first == synth.choice_click(random.Random("x"))
    assert abs(first[-1]) < 1e-3
    page = synth.page_turn(random.Random("y"))
    assert abs(page[0]) < 1e-3 and abs(page[-1]) < 1e-3


def test_a_short_loop_renders_and_writes_a_wav(tmp_path: Path) -> None:
    samples = synth.level(synth.train(random.Random(3), 2.6), 0.05, 0.4)
    assert len(samples) == round(2.6 * synth.RATE)
    path = tmp_path / "train.wav"
    synth.write_wav(path, samples)
    with wave.open(str(path)) as handle:
        assert (handle.getnchannels(), handle.getframerate()) == (1, synth.RATE)
        assert handle.getnframes() == len(samples)


def test_every_piece_has_a_name_folder_and_quiet_levels() -> None:
    names = [piece.name for piece in synth.PIECES]
    assert len(names) == len(set(names))
    for piece in synth.PIECES:
        assert piece.folder in ("music", "sounds")
        assert piece.target_rms <= 0.05 and piece.peak <= 0.4
