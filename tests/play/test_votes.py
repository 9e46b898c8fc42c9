"""Whole-class play: counts of hands, the majority followed, ties broken, counts kept."""

from __future__ import annotations

import io

import pytest

from game.engine.loader import load_story
from game.engine.model import Story
from game.play.votes import CountError, Tally, bar, leaders, parse_counts, split_words
from game.textui import TextGame
from tests.conftest import TEST_STORIES


def test_typed_counts_are_whole_numbers_from_0_to_99_one_per_choice() -> None:
    assert parse_counts("14 11 0", 3) == [14, 11, 0]
    assert parse_counts(" 3, 4 ", 2) == [3, 4]
    for text, choices in [
        ("14 11", 3),
        ("14 x", 2),
        ("-1 3", 2),
        ("100 1", 2),
        ("1.5 2", 2),
        ("١٢ 3", 2),
        ("", 2),
    ]:
        with pytest.raises(CountError, match=r"nothing (was )?recorded"):
            parse_counts(text, choices)


def test_leaders_ties_and_the_tally() -> None:
    assert leaders({"a": 14, "b": 11}) == ["a"]
    assert leaders({"a": 5, "b": 5, "c": 1}) == ["a", "b"]
    assert leaders({"a": 0, "b": 0}) == []
    assert split_words([11, 14, 0]) == "14 to 11 to 0"
    assert bar(7, 14, 24) == "#" * 12 and bar(0, 14) == "" and bar(1, 99, 10) == "#"
    tally = Tally(("a", "b"))
    for _ in range(3):
        tally.add("a")
    tally.add("b")
    tally.add("b", -5)
    tally.add("zz")
    assert tally.full() == {"a": 3, "b": 0} and tally.total == 3


def story() -> Story:
    loaded, diagnostics = load_story(TEST_STORIES / "two_tickets")
    assert loaded is not None, [str(d) for d in diagnostics]
    return loaded


def play(lines: list[str]) -> tuple[str, TextGame]:
    feed = iter(lines)
    out = io.StringIO()
    game = TextGame(story(), 1, out, lambda: next(feed, None), width=72, class_vote=True)
    game.play()
    return out.getvalue(), game


def test_the_class_goes_with_the_majority_and_the_counts_are_kept() -> None:
    text, game = play(["14 11"])
    assert "The class goes with 2 (14 to 11)." not in text
    assert "The class goes with 1 (14 to 11)." in text
    assert "14 hands" in text and "11 hands" in text
    assert list(game.votes.values()) == [{"1": 14, "2": 11}]


def test_bad_counts_record_nothing_and_a_tie_waits_for_the_teacher() -> None:
    text, game = play(["14", "9 9 9", "lots 3", "0 0", "6 6", "3", "2"])
    assert text.count("nothing was recorded") == 3
    assert "No hands for any choice" in text
    assert "A tie between 1 and 2" in text and "Type 1 and 2." in text
    assert "The class goes with 2 (6 to 6)." in text
    assert list(game.votes.values()) == [{"1": 6, "2": 6}]


def test_one_number_picks_without_a_vote() -> None:
    text, game = play(["2"])
    assert "New Year in the dormitory" in text and game.votes == {}


def test_plain_text_mode_reads_aloud_without_noise() -> None:
    """Plain mode (for screen readers and speech) says changes in words, never symbols."""
    story_ = story()
    feed = iter(["1"])
    out = io.StringIO()
    game = TextGame(story_, 1, out, lambda: next(feed, None), width=72, plain=True)
    game.play()
    text = out.getvalue()
    assert "Cash down 420 yuan to 980." in text or "Cash down 420 yuan" in text
    for noise in ("[", "]", "->", "---", "·", "#", "(Cash", "+420", "-420"):
        assert noise not in text, noise
    assert "Your choice: " in text
