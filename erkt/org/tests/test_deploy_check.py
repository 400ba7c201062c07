"""The production settings pass Django's deployment checklist without a warning."""

import os
import secrets
import string
import subprocess
import sys


def test_check_deploy_finds_no_issue_under_production_settings(tmp_path):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    # Not the browser harness's DJANGO_ALLOW_ASYNC_UNSAFE: production never has it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "erkt.settings",
        "DEBUG": "0",
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(50)),
        "ALLOWED_HOSTS": "erkt.example.go.id",
        "SECURE_HTTPS": "1",
        "DATA_DIR": str(tmp_path),
    }

    result = subprocess.run(
        [sys.executable, "-m", "erkt", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr.upper()
