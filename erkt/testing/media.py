"""Uploads made by a test land in its own temporary directory, never in data/media."""

import pytest


@pytest.fixture(autouse=True)
def _media_root_in_tmp_path(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
