"""A Renstra import costs the same number of queries however many rows the file has."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from erkt.audit.models import AuditEntry
from erkt.rkt.models import Indikator, IndikatorTarget, Pagu, Renstra
from erkt.rkt.renstra_excel import import_renstra
from erkt.rkt.tests.renstra_helpers import PERIOD, workbook_of

pytestmark = pytest.mark.database


def queries_of_import(organization, content: bytes) -> int:
    with CaptureQueriesContext(connection) as queries:
        import_renstra(organization, content)
    return len(queries)


def numbers(by_year: dict) -> dict:
    return {year: Decimal(value) for year, value in by_year.items()}


def test_creating_a_renstra_of_ten_times_the_rows_costs_the_same_queries(demo, renstra):
    # Up to about 60 sub kegiatan every level fits one insert (SQLite's 999 parameters).
    small = queries_of_import(demo, workbook_of(demo, 5))
    Renstra.objects.filter(organization=demo, period_start=PERIOD).delete()
    large = queries_of_import(demo, workbook_of(demo, 50))
    assert small == large
    stored = Renstra.objects.get(organization=demo, period_start=PERIOD)
    assert Pagu.objects.filter(sub_kegiatan__kegiatan__program__renstra=stored).count() == 250


def test_replacing_a_renstra_of_ten_times_the_rows_costs_the_same_queries(demo, renstra):
    small_file, large_file = workbook_of(demo, 5), workbook_of(demo, 50)
    import_renstra(demo, small_file)
    small = queries_of_import(demo, small_file)
    import_renstra(demo, large_file)
    large = queries_of_import(demo, large_file)
    assert small == large


def test_a_replaced_renstra_leaves_no_row_behind(demo, renstra):
    content = workbook_of(demo, 20)
    import_renstra(demo, content)
    counts = (Indikator.objects.count(), IndikatorTarget.objects.count(), Pagu.objects.count())
    import_renstra(demo, content)
    assert (Indikator.objects.count(), IndikatorTarget.objects.count(), Pagu.objects.count()) == (
        counts
    )


def test_the_audit_summary_of_the_replaced_renstra_matches_what_was_imported(demo, renstra):
    content = workbook_of(demo, 20)
    import_renstra(demo, content)
    import_renstra(demo, content)
    created, replaced = AuditEntry.objects.filter(organization=demo).order_by("-seq")[:2][::-1]
    assert replaced.action == "renstra.replace"
    before, after = replaced.before, created.after
    assert (before["title"], before["period_start"]) == (after["title"], after["period_start"])
    assert before["counts"] == after["counts"]
    assert numbers(before["pagu"]) == numbers(after["pagu"])
    assert [(i["uraian"], numbers(i["targets"])) for i in before["iku"]] == [
        (i["uraian"], numbers(i["targets"])) for i in after["iku"]
    ]
    assert replaced.before["counts"]["sub_kegiatan"] == 20
    assert replaced.before["counts"]["iku"] == 1
