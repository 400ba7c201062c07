"""Test support: the test settings and the pytest plugins registered by conftest.py."""
