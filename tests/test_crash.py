"""The log file and the crash report: a bug writes a report and says where; bad input
never does (it gets diagnostics)."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import cli, crash
from game.textui import TextGame
from tests.conftest import ROOT

VILLAGE = str(ROOT / "tests" / "stories" / "village_day")


@pytest.fixture
def data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setenv("LTH_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(crash, "_last_scene", None)
    yield tmp_path
    for handler in list(crash.log.handlers):
        crash.log.removeHandler(handler)
        handler.close()


def reports(data: Path) -> list[Path]:
    return sorted((data / "logs").glob("crash-*.txt"))


def test_a_bug_in_the_text_mode_writes_a_crash_report(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(self: TextGame, result: object) -> None:
        raise RuntimeError("injected failure")

    monkeypatch.setattr(TextGame, "show_result", broken)
    monkeypatch.setattr("sys.stdin", io.StringIO("2\n2\n2\n2\n"))
    status = cli.main(["play", "--text", "--story", VILLAGE, "--seed", "3"])
    assert status == 70
    [report] = reports(data)
    text = report.read_text(encoding="utf-8")
    assert "RuntimeError: injected failure" in text
    assert "in broken" in text  # the traceback, down to the failing function
    scene = crash.last_scene()
    assert scene is not None and f"last scene: {scene}" in text
    err = capsys.readouterr().err
    assert str(report) in err and "because of a bug" in err
    log = (data / "logs" / crash.LOG_NAME).read_text(encoding="utf-8")
    assert "crash in the text mode" in log and "injected failure" in log


def test_a_bug_in_the_window_writes_a_crash_report(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import game.ui.app

    def broken(*args: object, **kwargs: object) -> int:
        crash.note_scene("station_morning")
        raise ZeroDivisionError("injected")

    monkeypatch.setattr(game.ui.app, "run_window", broken)
    assert cli.main(["play", "--story", VILLAGE]) == 70
    [report] = reports(data)
    text = report.read_text(encoding="utf-8")
    assert "crashed in the window" in text and "last scene: station_morning" in text
    assert "ZeroDivisionError: injected" in text
    assert str(report) in capsys.readouterr().err


def test_bad_input_gets_diagnostics_not_a_crash_report(data: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "story.yaml").write_text("format: 1\nid: [unclosed\n", encoding="utf-8")
    assert cli.main(["play", "--text", "--story", str(broken)]) == 1
    assert reports(data) == []


def test_ctrl_c_is_not_a_crash(data: Path) -> None:
    def interrupted() -> int:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        crash.guarded("window", interrupted)
    assert reports(data) == []


def test_the_log_file_rotates_and_stays_small(data: Path) -> None:
    path = crash.start_logging()
    assert path == data / "logs" / crash.LOG_NAME
    for n in range(4000):
        logging.getLogger("game.test").info("line %d %s", n, "x" * 100)
    logs = sorted((data / "logs").glob(crash.LOG_NAME + "*"))
    assert len(logs) == 1 + crash.LOG_BACKUPS
    assert all(p.stat().st_size <= crash.LOG_BYTES for p in logs)


def test_an_unwritable_data_folder_means_no_log_not_a_failure(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = data / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert crash.start_logging(blocker / "logs") is None
    assert crash.write_report(RuntimeError("x"), "window", blocker / "logs") is None
