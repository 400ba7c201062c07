"""A due date says why it falls where it does: the working days and the days it skipped."""

import datetime

import pytest
from django.urls import reverse

from erkt.workflow.calendar import WorkingCalendar
from erkt.workflow.deadlines import explain_due
from erkt.workflow.models import CalendarDay, Task
from erkt.workflow.tests.page_helpers import at, open_task, start

D = datetime.date
# Monday 16 March 2026: Nyepi (18-19 Mar) and Idul Fitri 1447 H with its cuti bersama
# (20-24 Mar) follow, as the `holidays` package lists them.
BEFORE_LEBARAN = D(2026, 3, 16)
LEBARAN_SKIPPED = (
    "dilewati: Rab 18 Mar (Cuti Bersama Hari Suci Nyepi), Kam 19 Mar (Hari Suci Nyepi), "
    "Jum 20 Mar (Cuti Bersama Hari Raya Idul Fitri), Sab 21 Mar (Hari Raya Idul Fitri), "
    "Min 22 Mar (Hari kedua dari Hari Raya Idul Fitri), "
    "Sen 23 Mar, Sel 24 Mar (Cuti Bersama Hari Raya Idul Fitri)"
)


@pytest.mark.django_db
def test_a_due_date_over_lebaran_names_every_holiday_it_skipped(demo):
    explanation = explain_due(WorkingCalendar(demo), BEFORE_LEBARAN, 3)
    assert explanation.due == D(2026, 3, 26)
    assert explanation.text == f"3 hari kerja; {LEBARAN_SKIPPED}"


@pytest.mark.django_db
def test_a_plain_weekend_is_named_by_its_day_only(demo):
    explanation = explain_due(WorkingCalendar(demo), D(2026, 3, 26), 2)
    assert explanation.due == D(2026, 3, 30)
    assert explanation.text == "2 hari kerja; dilewati: Sab 28 Mar, Min 29 Mar"


@pytest.mark.django_db
def test_a_week_without_holidays_says_only_the_working_days(demo):
    assert explain_due(WorkingCalendar(demo), D(2026, 3, 30), 3).text == "3 hari kerja"


@pytest.mark.django_db
def test_a_local_day_off_gives_its_name_and_legal_basis(demo):
    CalendarDay.objects.create(
        organization=demo, date=D(2026, 3, 31), kind=CalendarDay.Kind.LIBUR,
        name="Hari Jadi Kabupaten Balangan", dasar_hukum="Keputusan Bupati Nomor 1/2026",
    )  # fmt: skip
    demo.refresh_from_db()
    explanation = explain_due(WorkingCalendar(demo), D(2026, 3, 30), 1)
    assert explanation.due == D(2026, 4, 1)
    assert explanation.text == (
        "1 hari kerja; dilewati: Sel 31 Mar "
        "(Hari Jadi Kabupaten Balangan, Keputusan Bupati Nomor 1/2026)"
    )


@pytest.mark.django_db
def test_a_working_day_exception_is_counted_not_skipped(demo):
    CalendarDay.objects.create(
        organization=demo, date=D(2026, 3, 28), kind=CalendarDay.Kind.KERJA,
        name="Hari kerja pengganti", dasar_hukum="Keputusan Bupati Nomor 2/2026",
    )  # fmt: skip
    demo.refresh_from_db()
    explanation = explain_due(WorkingCalendar(demo), D(2026, 3, 26), 2)
    assert explanation.due == D(2026, 3, 28)
    assert explanation.text == "2 hari kerja"


@pytest.fixture
def lebaran_process(demo, kepala, time_machine):
    """RKT 2027 started on Tuesday 17 March 2026: step 1 (one working day) is due after
    Nyepi and Lebaran, on Wednesday 25 March."""
    time_machine.move_to(at(BEFORE_LEBARAN + datetime.timedelta(days=1)), tick=False)
    return start(demo, kepala)


def first_task(process) -> Task:
    return open_task(process, 1)


def test_the_task_page_explains_the_lebaran_holidays_it_skipped(
    client_for, kepala, lebaran_process
):
    task = first_task(lebaran_process)
    html = client_for(kepala).get(reverse("workflow:task", args=[task.pk])).content.decode()
    assert task.due_date == D(2026, 3, 25)
    assert f'due-explanation">1 hari kerja; {LEBARAN_SKIPPED}<' in html


def test_the_process_page_explains_the_planned_due_dates(client_for, kepala, lebaran_process):
    html = (
        client_for(kepala)
        .get(reverse("workflow:process", args=[lebaran_process.pk]))
        .content.decode()
    )
    assert f'planned-explanation">Rencana: 1 hari kerja; {LEBARAN_SKIPPED}<' in html


def test_the_process_page_names_a_local_day_recorded_after_its_last_visit(
    client_for, kepala, lebaran_process
):
    """The page keeps each span's sentence per version of the office's calendar: a day off
    recorded later is named on the next visit."""
    client = client_for(kepala)
    url = reverse("workflow:process", args=[lebaran_process.pk])
    assert "Hari Jadi" not in client.get(url).content.decode()
    run = lebaran_process.step_runs.get(number=2)
    day_off = run.planned_start + datetime.timedelta(days=1)
    while day_off.weekday() >= 5:  # a weekday the plan counted as a working day
        day_off += datetime.timedelta(days=1)
    assert day_off <= run.planned_due
    CalendarDay.objects.create(
        organization=lebaran_process.organization, date=day_off, kind=CalendarDay.Kind.LIBUR,
        name="Hari Jadi Kabupaten Balangan",
    )  # fmt: skip
    assert "(Hari Jadi Kabupaten Balangan)" in client.get(url).content.decode()
