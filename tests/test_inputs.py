"""What a build reads: hidden files in a folder, oversized and endless input."""

from conftest import EXAMPLE, run_cli

SHORT = "A Short Letter\n\nBy A. Writer\n\nA few words to speak.\n"


def test_hidden_files_in_a_folder_are_not_articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "letter.txt").write_text(SHORT)
    (folder / ".DS_Store").write_bytes(b"Bud1" + bytes(range(256)) * 8)
    (folder / ".notes.txt").write_text("Notes\n\nNot an article, only notes kept beside them.\n")
    result = run_cli("build", str(folder), "--out", str(tmp_path / "out"), "--engine", "fake",
                     "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a-short-letter"]


def test_endless_standard_input_is_refused_with_one_error_line(tmp_path):
    import subprocess
    import sys

    with open("/dev/zero", "rb") as zero:
        result = subprocess.run([sys.executable, "-m", "audio_edition", "plan", "-"], stdin=zero,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("Error: standard input: is larger than")
    assert "Traceback" not in result.stderr


def test_an_endless_file_is_refused_with_one_error_line(tmp_path):
    link = tmp_path / "endless.txt"
    link.symlink_to("/dev/zero")
    result = run_cli("plan", str(link), timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"Error: {link}: is larger than"), result.stderr[-500:]


def test_the_size_limit_is_configurable(tmp_path):
    size = EXAMPLE.stat().st_size
    small = run_cli("plan", str(EXAMPLE), "--max-size", str((size - 100) / 1e6))
    assert small.returncode == 1 and small.stderr.startswith(f"Error: {EXAMPLE}: is larger than")
    assert "--max-size" in small.stderr
    enough = run_cli("plan", str(EXAMPLE), "--max-size", str((size + 100) / 1e6))
    assert enough.returncode == 0, enough.stderr
    build = run_cli("build", str(EXAMPLE), "--out", str(tmp_path), "--engine", "fake", "--max-size", "0.001")
    assert build.returncode == 1 and "is larger than" in build.stderr


def test_an_edition_folder_that_is_a_symbolic_link_is_refused(tmp_path):
    article = tmp_path / "letter.txt"
    article.write_text(SHORT)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a-short-letter").symlink_to(elsewhere)
    result = run_cli("build", str(article), "--out", str(tmp_path / "out"), "--engine", "fake",
                     "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 1
    assert result.stderr.strip() == (f"Error: {tmp_path / 'out' / 'a-short-letter'}: is a symbolic link; "
                                     "editions are written only into real folders")
    assert not any(elsewhere.iterdir())


def test_an_endless_plan_is_refused_with_one_error_line(tmp_path):
    plan = tmp_path / "endless.json"
    plan.symlink_to("/dev/zero")
    result = run_cli("build", "--plan", str(plan), "--out", str(tmp_path / "out"), "--engine", "fake", timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().startswith(f"Error: {plan}: is larger than"), result.stderr[-500:]
