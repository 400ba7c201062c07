from __future__ import annotations

import datetime

import pytest

from erkt.workflow import calendar
from erkt.workflow.engine import plan_pass
from erkt.workflow.models import CalendarDay

D = datetime.date

# Working days after Monday 21 December 2026, listed by hand from the calendar:
# 24 Dec cuti bersama Natal, 25 Dec Natal, 1 Jan Tahun Baru, 5 Jan 2027 Isra Mikraj.
WORKING_DAYS_AFTER_21_DEC_2026 = [
    D(2026, 12, 22), D(2026, 12, 23),
    D(2026, 12, 28), D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31),
    D(2027, 1, 4), D(2027, 1, 6), D(2027, 1, 7), D(2027, 1, 8),
    D(2027, 1, 11), D(2027, 1, 12), D(2027, 1, 13), D(2027, 1, 14), D(2027, 1, 15),
    D(2027, 1, 18), D(2027, 1, 19), D(2027, 1, 20), D(2027, 1, 21), D(2027, 1, 22),
    D(2027, 1, 25), D(2027, 1, 26), D(2027, 1, 27),
]  # fmt: skip


def local_day(org, day, kind, name="Hari Jadi Kabupaten Balangan", user=None):
    return CalendarDay.objects.create(
        organization=org, date=day, kind=kind, name=name,
        dasar_hukum="Keputusan Bupati Balangan Nomor 188.45/1/2026", created_by=user,
    )  # fmt: skip


def test_the_holiday_package_knows_cuti_bersama_and_natal_2026():
    holidays_2026 = calendar.national_holidays(2026)
    assert "Cuti Bersama" in holidays_2026[D(2026, 12, 24)]
    assert "Natal" in holidays_2026[D(2026, 12, 25)]


@pytest.mark.django_db
def test_weekends_are_not_working_days(demo):
    assert calendar.is_working_day(demo, D(2026, 12, 18))  # Friday
    assert not calendar.is_working_day(demo, D(2026, 12, 19))
    assert not calendar.is_working_day(demo, D(2026, 12, 20))
    assert calendar.add_working_days(demo, D(2026, 12, 18), 1) == D(2026, 12, 21)


@pytest.mark.django_db
def test_the_day_a_task_opens_does_not_count(demo):
    assert calendar.add_working_days(demo, D(2026, 12, 21), 1) == D(2026, 12, 22)
    assert calendar.add_working_days(demo, D(2026, 12, 21), 0) == D(2026, 12, 21)


@pytest.mark.django_db
def test_a_deadline_skips_cuti_bersama_and_natal(demo):
    assert not calendar.is_working_day(demo, D(2026, 12, 24))
    assert not calendar.is_working_day(demo, D(2026, 12, 25))
    assert calendar.add_working_days(demo, D(2026, 12, 23), 1) == D(2026, 12, 28)


@pytest.mark.django_db
def test_it_counts_working_days_as_listed_by_hand(demo):
    for n, expected in enumerate(WORKING_DAYS_AFTER_21_DEC_2026, start=1):
        assert calendar.add_working_days(demo, D(2026, 12, 21), n) == expected


@pytest.mark.django_db
def test_a_local_non_working_day_is_skipped(demo, administrator):
    local_day(demo, D(2026, 12, 28), CalendarDay.Kind.LIBUR, user=administrator)
    assert not calendar.is_working_day(demo, D(2026, 12, 28))
    assert calendar.add_working_days(demo, D(2026, 12, 23), 1) == D(2026, 12, 29)


@pytest.mark.django_db
def test_a_working_day_exception_on_a_saturday_counts(demo):
    local_day(demo, D(2026, 12, 26), CalendarDay.Kind.KERJA, name="Hari kerja pengganti")
    assert calendar.is_working_day(demo, D(2026, 12, 26))
    assert calendar.add_working_days(demo, D(2026, 12, 23), 1) == D(2026, 12, 26)


@pytest.mark.django_db
def test_local_days_of_another_organisation_do_not_count(demo, other_org):
    local_day(other_org, D(2026, 12, 28), CalendarDay.Kind.LIBUR)
    assert calendar.is_working_day(demo, D(2026, 12, 28))


@pytest.mark.django_db
def test_working_days_between_is_the_inverse_of_adding_them(demo):
    assert calendar.working_days_between(demo, D(2026, 12, 21), D(2026, 12, 28)) == 3
    assert calendar.working_days_between(demo, D(2026, 12, 28), D(2026, 12, 28)) == 0
    assert calendar.working_days_between(demo, D(2026, 12, 28), D(2026, 12, 21)) == -3


@pytest.mark.django_db
def test_a_full_pass_of_the_seed_ends_on_the_23rd_working_day(demo):
    from erkt.sop.models import SopVersion

    version = SopVersion.objects.get(
        sop__organization=demo, sop__code="penyusunan-rkt", status="active"
    )
    plan = plan_pass(demo, version, D(2026, 12, 21))

    nth = dict(enumerate(WORKING_DAYS_AFTER_21_DEC_2026, start=1))
    assert plan[1] == (D(2026, 12, 21), nth[1])
    assert plan[4] == (nth[3], nth[6])  # 3 hari kerja from Monday 28 December
    assert plan[8] == (nth[15], nth[20])  # 1 minggu = 5 hari kerja
    assert plan[11] == (nth[22], nth[23])
    assert max(due for _opens, due in plan.values()) == D(2027, 1, 27)


@pytest.mark.django_db
def test_administrators_are_warned_when_next_year_has_no_cuti_bersama(demo, time_machine):
    time_machine.move_to(datetime.datetime(2027, 6, 1, 9), tick=False)
    assert not calendar.has_cuti_bersama_data(2028)
    assert "2028" in calendar.missing_holiday_data_warning(demo)


@pytest.mark.django_db
def test_no_warning_when_next_years_data_is_known(demo, time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 1, 9), tick=False)
    assert calendar.missing_holiday_data_warning(demo) == ""


@pytest.mark.django_db
def test_days_recorded_by_hand_silence_the_warning(demo, time_machine):
    time_machine.move_to(datetime.datetime(2027, 6, 1, 9), tick=False)
    local_day(demo, D(2028, 1, 3), CalendarDay.Kind.LIBUR, name="Cuti bersama")
    assert calendar.missing_holiday_data_warning(demo) == ""


@pytest.mark.django_db
def test_today_is_the_date_in_wita(demo, time_machine):
    # 23:30 UTC on 21 December is 07:30 on 22 December in Balangan.
    time_machine.move_to(datetime.datetime(2026, 12, 21, 23, 30, tzinfo=datetime.UTC), tick=False)
    assert calendar.today_for(demo) == D(2026, 12, 22)
