"""The project's own exceptions share one base class, and keep their names."""

from __future__ import annotations

import pytest

from game.engine import ExprError, SaveError
from game.errors import LastTrainHomeError
from game.play.session import LoadFailed
from game.play.starting import StartError
from game.play.votes import CountError
from game.records import RecordError
from game.saves import SaveFileError
from game.storage import StorageError
from game.tools.lesson_map import PlacesError
from tests.conftest import ROOT


@pytest.mark.parametrize(
    "error",
    [
        ExprError,
        SaveError,
        LoadFailed,
        StartError,
        CountError,
        RecordError,
        SaveFileError,
        StorageError,
        PlacesError,
    ],
)
def test_every_project_error_derives_from_the_base(error: type[Exception]) -> None:
    assert issubclass(error, LastTrainHomeError)


def test_a_damaged_save_is_caught_by_the_base_class() -> None:
    from game.engine import Runner, load_story

    story, _ = load_story(ROOT / "tests" / "stories" / "village_day")
    assert story is not None
    with pytest.raises(LastTrainHomeError, match="damaged"):
        Runner.from_json(story, {"format": "x"})


def test_count_error_is_still_a_value_error() -> None:
    assert issubclass(CountError, ValueError)
