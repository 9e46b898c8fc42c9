"""The command line as users and scripts see it: output, JSON and exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import TEST_STORIES, run_main

VILLAGE = str(TEST_STORIES / "village_day")


def broken_story(tmp_path: Path) -> Path:
    source = TEST_STORIES / "village_day"
    for path in source.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(), encoding="utf-8")
    day = tmp_path / "day.yaml"
    day.write_text(day.read_text().replace("goto: qin_room", "goto: qin_rom"), encoding="utf-8")
    return tmp_path


def test_lint_clean_story_exits_zero_with_stats() -> None:
    result = run_main("lint", VILLAGE, "--stats")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout
    assert "discussion prompts" in result.stdout and "context cards" in result.stdout


def test_lint_reports_located_errors_and_exits_one(tmp_path: Path) -> None:
    folder = broken_story(tmp_path)
    result = run_main("lint", str(folder))
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "E022" in line)
    assert line.endswith("error E022: goes to unknown scene 'qin_rom' (did you mean 'qin_room'?)")
    assert line.split(":")[1:3] == ["37", "15"]


def test_lint_json_has_diagnostics_and_stats(tmp_path: Path) -> None:
    result = run_main("lint", str(broken_story(tmp_path)), "--format", "json", "--stats")
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False and payload["errors"] == 1
    assert payload["diagnostics"][0]["code"] == "E022"
    assert payload["diagnostics"][0]["line"] == 37
    clean = json.loads(run_main("lint", VILLAGE, "--format", "json", "--stats").stdout)
    assert clean["stats"]["scenes"] == 7 and clean["stats"]["endings"] == 2


def test_text_mode_from_a_pipe_reaches_an_ending() -> None:
    result = run_main("play", "--text", "--story", VILLAGE, "--seed", "4", stdin="3\n1\n1\n")
    assert result.returncode == 0, result.stderr
    assert "THE END: The book grows" in result.stdout
    assert "How things stand" in result.stdout and "Savings" in result.stdout


def test_text_mode_end_of_input_exits_cleanly() -> None:
    result = run_main("play", "--text", "--story", VILLAGE, "--seed", "4", stdin="2\n")
    assert result.returncode == 0
    assert "end of input" in result.stdout
    assert result.stderr == ""


def test_text_mode_refuses_a_broken_story_without_a_traceback(tmp_path: Path) -> None:
    result = run_main("play", "--text", "--story", str(broken_story(tmp_path)))
    assert result.returncode == 1
    assert "E022" in result.stderr and "Traceback" not in result.stderr


def test_randomtest_reports_endings_and_speed() -> None:
    result = run_main("randomtest", VILLAGE, "-n", "300", "--seed", "5", "--json")
    assert result.returncode == 0, result.stdout
    summary = json.loads(result.stdout)
    assert summary["runs"] == 300 and summary["failures"] == []
    assert set(summary["endings"]) == {"end_saved", "journey_money"}
    assert all(count > 0 for count in summary["endings"].values())
    assert summary["scenes_never_reached"] == []
    assert summary["variables_at_endings"]["money"]["min"] >= 0
    assert summary["choices_per_second"] > 0


def test_randomtest_finds_a_stuck_scene_and_names_the_seed(tmp_path: Path) -> None:
    folder = broken_story(tmp_path)
    evening = folder / "day.yaml"
    evening.write_text(
        evening.read_text()
        .replace("goto: qin_rom", "goto: qin_room")
        .replace(
            "      - text: Try the lottery stall\n",
            "      - text: Try the lottery stall\n        if: lucky\n",
        )
        .replace('if: not visited("qin_room")', "if: lucky"),
        encoding="utf-8",
    )
    result = run_main("randomtest", str(folder), "-n", "200", "--seed", "1")
    assert result.returncode == 1
    assert "stuck at 'walk_home'" in result.stdout
    assert "replay: python main.py randomtest STORY -n 1 --seed" in result.stdout


def test_shot_reports_bad_input_without_a_traceback(tmp_path: Path) -> None:
    result = run_main(
        "shot", "--screen", "story", "--scene", "nowhere", "-o", str(tmp_path / "x.png")
    )
    assert result.returncode == 1
    assert "unknown scene 'nowhere'" in result.stderr and "Traceback" not in result.stderr
    result = run_main("shot", "--size", "huge", "-o", str(tmp_path / "x.png"))
    assert result.returncode == 2 and "WIDTHxHEIGHT" in result.stderr


def test_shot_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "title.png"
    result = run_main("shot", "--screen", "title", "--size", "960x540", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_text_mode_names_a_card_in_one_line_and_reads_it_on_c(tmp_path: Path) -> None:
    source = TEST_STORIES / "village_day"
    for path in source.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(), encoding="utf-8")
    day = tmp_path / "day.yaml"
    day.write_text(
        day.read_text().replace("title: Village incomes", "title: Is the village poor?"),
        encoding="utf-8",
    )
    result = run_main(
        "play", "--text", "--decorated", "--story", str(tmp_path), "--seed", "1", stdin="c\n"
    )
    assert result.returncode == 0, result.stderr
    assert "[Context card: Is the village poor? Type c to read it.]" in result.stdout
    plain = run_main("play", "--text", "--story", str(tmp_path), "--seed", "1", stdin="")
    assert "\nContext card: Is the village poor? Type c to read it.\n" in plain.stdout
    assert result.stdout.count("Rural net income per person") == 1
    classroom = run_main("play", "--text", "--classroom", "--story", str(tmp_path), stdin="")
    assert "Rural net income per person" in classroom.stdout
    assert "Type c to read it" not in classroom.stdout


def test_text_mode_saves_the_decisions_where_the_teacher_says(tmp_path: Path) -> None:
    from game.records import read_record

    folder = tmp_path / "class 7b"
    typed = "2\n1\n" * 20
    result = run_main(
        "play",
        "--text",
        "--story",
        VILLAGE,
        "--seed",
        "4",
        "--record-dir",
        str(folder),
        stdin=typed,
    )
    assert result.returncode == 0, result.stderr
    assert "THE END" in result.stdout
    files = list(folder.glob("decisions-*-seed4.json"))
    assert len(files) == 1
    assert str(files[0]) in result.stdout
    record = read_record(files[0])
    assert record.story_id == "village-day" and not record.classroom
    assert record.decisions and record.decisions[0].scene == "morning"
    assert record.ending_title is not None


def test_text_mode_without_classroom_or_a_folder_saves_nothing(tmp_path: Path) -> None:
    result = run_main("play", "--text", "--story", VILLAGE, "--seed", "4", stdin="2\n1\n" * 20)
    assert "THE END" in result.stdout
    assert "saved for your teacher" not in result.stdout


def test_report_command_reads_the_text_modes_records(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    for seed in ("4", "5"):
        run_main(
            "play",
            "--text",
            "--story",
            VILLAGE,
            "--seed",
            seed,
            "--record-dir",
            str(folder),
            stdin="2\n1\n" * 20,
        )
    (folder / "stray.json").write_text("{}", encoding="utf-8")
    target = tmp_path / "report.md"
    result = run_main(
        "report", str(folder), "--story", VILLAGE, "--format", "md", "-o", str(target)
    )
    assert result.returncode == 0, result.stderr
    assert "2 playthroughs counted, 1 file not counted" in result.stderr
    assert "stray.json" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8").startswith("# A Day in the Village: class report")
    empty = run_main("report", str(tmp_path / "nothing-here"), "--story", VILLAGE)
    assert empty.returncode == 1 and "Traceback" not in empty.stderr
