from __future__ import annotations

import datetime

import pytest

from erkt.audit.models import AuditEntry
from erkt.workflow.models import CalendarDay

URL = "/admin/workflow/calendarday/"


@pytest.fixture
def next_year_unknown(time_machine):
    time_machine.move_to(datetime.datetime(2027, 6, 1, 9), tick=False)


def test_the_changelist_warns_when_next_year_has_no_holiday_data(
    administrator, client_for, next_year_unknown
):
    response = client_for(administrator).get(URL, follow=True)
    assert response.status_code == 200
    assert "Data cuti bersama tahun 2028 belum tersedia" in response.content.decode()


def test_an_administrator_records_a_local_day_for_their_organisation(
    demo, administrator, client_for, next_year_unknown
):
    response = client_for(administrator).post(
        URL + "add/",
        {
            "date": "2027-11-08",
            "kind": "libur",
            "name": "Hari Jadi Kabupaten Balangan",
            "dasar_hukum": "Keputusan Bupati Balangan Nomor 188.45/1/2027",
        },
    )
    assert response.status_code == 302
    day = CalendarDay.objects.get()
    assert (day.organization, day.created_by) == (demo, administrator)
    entry = AuditEntry.objects.get(action="calendar.add")
    assert entry.after["dasar_hukum"] == "Keputusan Bupati Balangan Nomor 188.45/1/2027"


def test_the_same_date_cannot_be_recorded_twice(demo, administrator, client_for):
    CalendarDay.objects.create(
        organization=demo, date=datetime.date(2027, 11, 8), kind="libur", name="Hari Jadi",
        dasar_hukum="Keputusan Bupati",
    )  # fmt: skip
    response = client_for(administrator).post(
        URL + "add/",
        {"date": "2027-11-08", "kind": "kerja", "name": "Lain", "dasar_hukum": "Keputusan"},
    )
    assert response.status_code == 200
    assert "sudah tercatat" in response.content.decode()
    assert CalendarDay.objects.count() == 1


def test_a_planning_officer_cannot_open_the_admin(kasubbag_perencanaan, client_for):
    response = client_for(kasubbag_perencanaan).get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
