"""A Renstra workbook of any size, for a period beside the demo's."""

from __future__ import annotations

from erkt.rkt.renstra_excel import build_workbook
from erkt.rkt.renstra_sizes import renstra_of_size

PERIOD = 2030  # beside the demo Renstra 2025-2029


def workbook_of(organization, sub_kegiatan: int) -> bytes:
    unit = organization.units.order_by("pk").first().short_name
    data = renstra_of_size(sub_kegiatan, period_start=PERIOD, unit=unit)
    return build_workbook(organization, period_start=PERIOD, data=data)
