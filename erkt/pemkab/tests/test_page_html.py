"""The Pemkab overview is written in Python (erkt.pemkab.page_html): its HTML is the
template's it replaced (former_overview.html, pemkab/overview.html, with former_table.html,
pemkab/_table.html), with one page or several, a sort and the late filter, no OPD at all,
in both languages, names with markup escaped."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from erkt.org.access import pemkab_membership_of
from erkt.org.models import Organization
from erkt.pemkab import views
from erkt.pemkab.overview import PAGE_SIZE, overview
from erkt.pemkab.page_html import table_html
from erkt.pemkab.table import rows_html
from erkt.pemkab.tests.test_table import every_kind_of_row
from erkt.workflow.tests.conftest import at, run_to

HERE = Path(__file__).parent
EVIL = '<script>alert("x")</script> & Co'
CSRF = re.compile(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')


def former(name: str):
    return engines["django"].from_string((HERE / name).read_text())


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("rows", [every_kind_of_row(), []], ids=["rows", "none"])
def test_the_table_is_the_former_template_around_the_rows(rows, language):
    with translation.override(language):
        body = rows_html(rows)
        assert table_html(body) == former("former_table.html").render({"rows_html": body})


def the_view_and_the_former_template(bappeda, query: dict, language: str) -> tuple[str, str]:
    """The view's page and render() of the template it replaced, the same message shown
    above both, their CSRF tokens masked."""
    request = RequestFactory().get(reverse("pemkab:overview"), query)
    request.user = bappeda
    request.session = {}
    with translation.override(language):
        request._messages = FallbackStorage(request)
        request._messages.add(20, EVIL)
        html = views.opd_overview(request).content.decode()
        request._messages = FallbackStorage(request)
        request._messages.add(20, EVIL)
        year, sort = views.year_of(request), views.sort_of(request)
        late_only = query.get("terlambat") == "1"
        page = overview(year, page=query.get("halaman"), sort=sort, late_only=late_only)
        context = {
            "membership": pemkab_membership_of(bappeda),
            "year": year,
            "year_options": views.year_options(year),
            "sort": sort,
            "late_only": late_only,
            "page": page,
            "rows_html": rows_html(page.object_list),
            "table": former("former_table.html"),
        }
        expected = former("former_overview.html").render(context, request)
    return CSRF.sub(r"\1-", html), CSRF.sub(r"\1-", expected)


QUERIES = [
    {"tahun": "2027"},
    {"tahun": "2027", "halaman": "2"},
    {"tahun": "2027", "halaman": "3"},  # beyond the last: the last page
    {"tahun": "2027", "urut": "terlambat"},
    {"tahun": "2027", "urut": "terlambat", "terlambat": "1"},
    {"tahun": "2027", "terlambat": "1", "halaman": "2"},
    {"tahun": "2026"},
    {},
]


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_whole_page_is_the_former_template_in_every_state(
    bappeda, kepala, process, other_org, time_machine, language
):
    task = run_to(process, 2)
    time_machine.move_to(at(task.due_date + datetime.timedelta(days=9)), tick=False)
    # A short name is at most 30 characters.
    Organization.objects.filter(pk=other_org.pk).update(name=EVIL, short_name='<b>"x"</b> & Co')
    Organization.objects.bulk_create(
        Organization(name=f"Dinas {n:03}", short_name=f"D{n:03}", address="-", city="Paringin")
        for n in range(PAGE_SIZE)
    )
    for query in QUERIES:
        html, expected = the_view_and_the_former_template(bappeda, query, language)
        assert html == expected, query
    html, _ = the_view_and_the_former_template(bappeda, QUERIES[0], language)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'aria-label="' in html  # the pagination: two pages


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_page_without_any_late_opd_is_the_former_template(bappeda, process, language):
    html, expected = the_view_and_the_former_template(
        bappeda, {"tahun": "2027", "terlambat": "1"}, language
    )
    assert html == expected
