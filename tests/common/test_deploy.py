"""Production settings pass Django's deployment checks; the secret key survives restarts."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

KONGRES = Path(sys.executable).parent / "kongres"


def clean_environment(**overrides: str) -> dict[str, str]:
    """The current environment without any KONGRES_* or Django setting, plus ``overrides``."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("KONGRES_")
        and name not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(overrides)
    return env


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(KONGRES), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def random_key(length: int = 50) -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def printed_secret_key(data_dir: Path) -> str:
    result = run(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        env=clean_environment(KONGRES_DATA_DIR=str(data_dir)),
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def production_environment(data_dir: Path) -> dict[str, str]:
    return clean_environment(
        KONGRES_DEBUG="0",
        KONGRES_HTTPS="1",
        KONGRES_SECRET_KEY=random_key(),
        KONGRES_ALLOWED_HOSTS="kongres.example.org",
        KONGRES_DATA_DIR=str(data_dir),
    )


def test_deploy_check_passes_with_production_environment(tmp_path):
    result = run(
        "check", "--deploy", "--fail-level", "WARNING", env=production_environment(tmp_path)
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_fails_with_debug_on(tmp_path):
    env = production_environment(tmp_path) | {"KONGRES_DEBUG": "1"}

    result = run("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode != 0
    assert "security.W018" in result.stderr


def test_deploy_check_fails_without_https(tmp_path):
    env = production_environment(tmp_path) | {"KONGRES_HTTPS": "0"}

    result = run("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode != 0
    assert "security.W008" in result.stderr


def test_secret_key_is_generated_into_data_folder_and_reused(tmp_path):
    first = printed_secret_key(tmp_path)
    second = printed_secret_key(tmp_path)

    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "secret_key").read_text().strip() == first


def test_secret_key_file_is_readable_by_owner_only(tmp_path):
    printed_secret_key(tmp_path)

    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_secret_key_differs_between_data_folders(tmp_path):
    first = printed_secret_key(tmp_path / "one")
    second = printed_secret_key(tmp_path / "two")

    assert first != second


def test_secret_key_from_environment_wins_over_data_folder(tmp_path):
    printed_secret_key(tmp_path)
    key = random_key()

    result = run(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        env=clean_environment(KONGRES_DATA_DIR=str(tmp_path), KONGRES_SECRET_KEY=key),
    )

    assert result.stdout.strip().splitlines()[-1] == key


def test_generated_secret_key_passes_deploy_check(tmp_path):
    env = production_environment(tmp_path)
    del env["KONGRES_SECRET_KEY"]

    result = run("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
