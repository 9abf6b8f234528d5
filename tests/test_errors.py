"""Bad input: one `Error:` line, a non-zero exit, no traceback, nothing written."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from audio_edition.cli import main
from conftest import run_cli


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_text("   \n\n\t  \n")
    (tmp / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp / "symbols.txt").write_text("#### 1234 ---\n\n!!! 56 ???\n")
    (tmp / "folder").mkdir()
    return {
        "missing": tmp / "no-such-article.txt",
        "directory": tmp / "folder",
        "empty": tmp / "empty.txt",
        "whitespace": tmp / "blank.txt",
        "binary": tmp / "binary.txt",
        "no words": tmp / "symbols.txt",
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "whitespace", "binary", "no words"])
@pytest.mark.parametrize("command", ["build", "plan"])
def test_bad_input_gets_one_error_line_and_writes_nothing(tmp_path, case, command):
    article = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    args = [command, str(article)] + (["--out", str(out), "--engine", "fake"] if command == "build" else [])
    result = CliRunner().invoke(main, args)  # in this process: the same output, without starting Python
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit), "an error escaped as an exception"
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert str(article) in lines[0]
    assert not out.exists() or not any(out.iterdir())


def test_the_command_line_in_its_own_process_gives_one_error_line(tmp_path):
    result = run_cli("build", str(tmp_path / "no-such-article.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr + result.stdout


def test_unknown_engine_lists_the_available_ones(tmp_path, reference):
    result = run_cli("build", str(reference), "--out", str(tmp_path), "--engine", "nope")
    assert result.returncode != 0
    assert result.stderr.strip().startswith("Error: unknown engine 'nope'")
    assert "pyttsx3" in result.stderr and "fake" in result.stderr
    assert not any(tmp_path.iterdir())
