"""Helpers of the OPD import tests: the example, spoiled one way or another."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from erkt.notifications.models import NotificationSettings
from erkt.org.models import Employee, Organization, Position, Unit
from erkt.org.opd_demo import example_data
from erkt.org.opd_excel import OpdData, OpdFileError, build_workbook
from erkt.org.opd_import import import_opd
from erkt.sop.models import Sop, SopVersion


def example_file(change: Callable[[OpdData], None] | None = None) -> bytes:
    data = example_data()
    if change is not None:
        change(data)
    return build_workbook(data)


def edited(content: bytes, sheet: str, cell: str, value) -> bytes:
    """The workbook with one cell overwritten as openpyxl writes it (a number stays one)."""
    workbook = load_workbook(BytesIO(content))
    workbook[sheet][cell] = value
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def counts() -> dict[str, int]:
    models = (
        Organization,
        Unit,
        Position,
        Employee,
        get_user_model(),
        Sop,
        SopVersion,
        NotificationSettings,
    )
    return {model.__name__: model.objects.count() for model in models}


def refused(content: bytes, mailoutbox=None) -> list[tuple]:
    """The errors of a refused import, after checking that nothing was written or sent."""
    before = counts()
    with pytest.raises(OpdFileError) as refusal:
        import_opd(content)
    assert counts() == before
    if mailoutbox is not None:
        assert mailoutbox == []
    return [(e.sheet, e.row, e.column, e.message) for e in refusal.value.errors]
