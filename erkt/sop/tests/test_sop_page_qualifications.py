"""The SOP page shows, per pelaksana, who holds the role today and whether they meet the
version's Kualifikasi Pelaksana (holders and their Plt./Plh.)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from erkt.org.models import Employee, Pendidikan, Position, Role, Substitution, Training
from erkt.org.substitutes import today_in
from erkt.sop.models import SopVersion
from erkt.sop.qualifications import pelaksana_qualifications

URL = reverse("sop:detail", args=["penyusunan-rkt"])


def _table(response):
    """The qualification table of the page just read: what the view wrote it from (the
    page is written in Python, without a template context to read it back from)."""
    assert response.status_code == 200
    version = SopVersion.objects.get(sop__code="penyusunan-rkt", status=SopVersion.Status.ACTIVE)
    return pelaksana_qualifications(version, version.sop.organization)


def _rows(response) -> dict[str, object]:
    """Per employee's full name, their row of the qualification table."""
    table = _table(response)
    return {
        person.assessment.employee.full_name: person
        for column in table.columns
        for person in column.people
    }


def test_the_page_shows_a_tim_member_who_does_not_meet_the_kualifikasi(client_for, tim1, demo):
    tim2 = Employee.objects.get(user__username="tim2")
    tim2.pendidikan = Pendidikan.SMA
    tim2.save()
    response = client_for(tim1).get(URL)
    assert response.status_code == 200
    rows = _rows(response)
    assert not rows[tim2.full_name].assessment.meets
    assert [c.status for c in rows[tim2.full_name].assessment.checks] == ["unmet", "unmet"]
    assert rows["Nurul Hikmah, S.E."].assessment.meets
    page = response.content.decode()
    section = page[page.index('data-testid="sop-qualifications"') :]
    assert "Kualifikasi Pelaksana" in page
    assert "S1 - Sarjana sederajat atau D III - Diploma sederajat" in section
    warned = section[section.index(tim2.full_name) :].split("</tr>")[0]
    assert "Belum memenuhi kualifikasi" in warned
    assert "SMA/SMK sederajat" in warned
    ok = section[section.index("Nurul Hikmah, S.E.") :].split("</tr>")[0]
    assert "Belum memenuhi kualifikasi" not in ok


def test_every_pelaksana_column_lists_its_holders(client_for, tim1, demo):
    table = _table(client_for(tim1).get(URL))
    names = {
        column.name: [p.assessment.employee.user.username for p in column.people]
        for column in table.columns
    }
    assert names["Tim Perencanaan"] == ["tim2", "tim1"]  # by name: Ahmad, Nurul
    assert names["Kepala Badan"] == ["kepala"]
    assert len(names["Kasubbag/Kabid"]) == 4


def test_a_plt_of_the_kepala_is_listed_beside_the_holder(client_for, tim1, demo):
    today = today_in(demo)
    sekretaris = Employee.objects.get(user__username="sekretaris")
    Substitution.objects.create(
        organization=demo,
        position=Position.objects.get(organization=demo, role=Role.KEPALA),
        substitute=sekretaris,
        kind=Substitution.Kind.PLT,
        start_date=today,
        end_date=today + datetime.timedelta(days=10),
        sp_number="800/1/2026",
        sp_date=today,
    )
    table = _table(client_for(tim1).get(URL))
    kepala = next(c for c in table.columns if c.name == "Kepala Badan")
    assert [(p.assessment.employee.pk, p.title) for p in kepala.people][1] == (
        sekretaris.pk,
        "Plt. Kepala Badan",
    )


def test_an_sop_without_kualifikasi_shows_no_table(client_for, tim1, demo):
    SopVersion.objects.filter(sop__code="penyusunan-rkt").update(kualifikasi_pelaksana=[])
    response = client_for(tim1).get(URL)
    assert _table(response) is None
    assert 'data-testid="sop-qualifications"' not in response.content.decode()


def _count(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


@pytest.mark.database
def test_the_page_reads_a_fixed_number_of_queries_whatever_the_number_of_employees(
    client_for, tim1, demo
):
    client = client_for(tim1)
    _count(client)  # warm the per-process caches
    before = _count(client)
    tim = Position.objects.get(organization=demo, role=Role.TIM_PERENCANAAN)
    kabid = Position.objects.filter(organization=demo, role=Role.KEPALA_UNIT).first()
    for number in range(8):
        employee = Employee.objects.create(organization=demo, name=f"Staf {number}")
        Training.objects.create(employee=employee, name="Bimtek Penyusunan RKT", year=2025)
        (tim if number % 2 else kabid).holders.add(employee)
    assert _count(client) == before
    assert len(_table(client.get(URL)).columns[0].people) == 6
