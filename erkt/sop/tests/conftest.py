"""Fixtures of the SOP tests: the finished processes of the monev SOP tests."""

from erkt.sop.tests.monev_helpers import history  # noqa: F401
