"""The lock files in requirements/ are the only source of versions, and they match pyproject.toml."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "lock.py"), "check"],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_locks_were_written_from_this_pyproject() -> None:
    result = run_check(ROOT)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def copy_of_the_project(tmp_path: Path) -> Path:
    for name in ("pyproject.toml", "scripts", "requirements"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    return tmp_path


def test_a_dependency_added_by_hand_fails_and_says_to_run_make_lock(
    copy_of_the_project: Path,
) -> None:
    pyproject = copy_of_the_project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(
            "dependencies = [\n", 'dependencies = [\n    "left-pad>=1",\n', 1
        )
    )
    result = run_check(copy_of_the_project)
    assert result.returncode == 1
    assert "run `make lock`" in result.stderr
    assert "left-pad is not pinned" in result.stderr


def test_a_narrowed_range_the_pin_no_longer_meets_fails(copy_of_the_project: Path) -> None:
    pyproject = copy_of_the_project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"flask>=3.0"', '"flask>=99"', 1))
    result = run_check(copy_of_the_project)
    assert result.returncode == 1
    assert "does not satisfy 'flask>=99'" in result.stderr


def test_tool_settings_in_pyproject_do_not_need_a_new_lock(copy_of_the_project: Path) -> None:
    pyproject = copy_of_the_project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("line-length = 100", "line-length = 101"))
    assert run_check(copy_of_the_project).returncode == 0


def test_every_install_step_uses_the_locks() -> None:
    makefile = (ROOT / "Makefile").read_text()
    installs = [line for line in makefile.splitlines() if "pip install" in line or "$(PIP)" in line]
    for line in installs:
        assert "--require-hashes" in line or "--no-deps" in line, line
    dockerfile = (ROOT / "Dockerfile").read_text()
    for line in dockerfile.splitlines():
        if "pip install" in line and "-r " not in line:
            assert "--no-deps" in line, line
