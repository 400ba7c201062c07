"""The demo Renstra, its workbook, and helpers to spoil a workbook, shared by the RKT tests."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from erkt.rkt.demo import demo_renstra_data, load_demo_renstra
from erkt.rkt.models import Indikator, Renstra, SubKegiatan
from erkt.rkt.renstra_data import renstra_data_of
from erkt.rkt.renstra_excel import build_workbook
from erkt.rkt.tests.drafts_helpers import (  # noqa: F401
    at_step_6,
    at_step_7,
    at_step_8,
    at_step_9,
    at_step_10,
    compiled,
)
from erkt.rkt.tests.preparation_helpers import rkt_process, rkt_today  # noqa: F401


@pytest.fixture
def renstra(demo) -> Renstra:
    """The demo Renstra 2025-2029 of BKPSDM, stored."""
    return load_demo_renstra(demo)


@pytest.fixture
def demo_xlsx(demo) -> bytes:
    """The demo Renstra as a filled template (nothing stored)."""
    return build_workbook(demo, period_start=2025, data=demo_renstra_data())


def spoil(content: bytes, change: Callable[[Workbook], None]) -> bytes:
    """The workbook `content` after `change` was applied to it."""
    workbook = load_workbook(BytesIO(content))
    change(workbook)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row_of(ws: Worksheet, code: str, column: int = 1) -> int:
    """The number of the first row whose cell in `column` holds `code`."""
    for (cell,) in ws.iter_rows(min_col=column, max_col=column):
        if cell.value == code:
            return cell.row
    raise LookupError(code)


def snapshot(organization) -> tuple:
    """What a refused import must leave untouched: the stored Renstra and its row counts."""
    renstra_list = list(Renstra.objects.filter(organization=organization).order_by("pk"))
    return (
        [(r.pk, renstra_data_of(r)) for r in renstra_list],
        Indikator.objects.count(),
        SubKegiatan.objects.count(),
    )
