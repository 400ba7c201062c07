"""/pemkab/: every OPD's RKT of a year side by side, for a Pemkab reader."""

from __future__ import annotations

import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from erkt.org.models import Organization
from erkt.pemkab.overview import PAGE_SIZE
from erkt.pemkab.tests.conftest import signed_rkt
from erkt.pemkab.tests.shown import by_opd, shown_rows
from erkt.workflow.tests.conftest import at, run_to

URL = reverse("pemkab:overview")


def test_it_shows_every_opd_with_the_running_step(client_for, bappeda, process, other_org):
    run_to(process, 4)
    response = client_for(bappeda).get(URL, {"tahun": 2027})
    assert response.status_code == 200
    shown = by_opd(response)
    assert set(shown) == {"BKPSDM", "DISDIK"}
    assert shown["BKPSDM"].steps == [4]
    assert shown["DISDIK"].process_url is None
    html = response.content.decode()
    assert reverse("workflow:process", args=[process.pk]) in html
    assert "Belum dimulai" in html


def test_without_a_year_it_follows_the_running_rkt(client_for, bappeda, process):
    response = client_for(bappeda).get(URL)
    assert '<option value="2027" selected>' in response.content.decode()
    process_url = reverse("workflow:process", args=[process.pk])
    assert by_opd(response)["BKPSDM"].process_url == process_url


def test_another_year_shows_no_process(client_for, bappeda, process):
    response = client_for(bappeda).get(URL, {"tahun": 2026})
    assert by_opd(response)["BKPSDM"].process_url is None


def test_it_counts_late_tasks_and_the_working_days_late(client_for, bappeda, process, time_machine):
    task = run_to(process, 2)
    # Two working days after the due date (a Monday-Friday week, no holiday in between).
    late_day = task.due_date + datetime.timedelta(days=1)
    while late_day.weekday() >= 5:
        late_day += datetime.timedelta(days=1)
    later = late_day + datetime.timedelta(days=1)
    while later.weekday() >= 5:
        later += datetime.timedelta(days=1)
    time_machine.move_to(at(later), tick=False)
    row = by_opd(client_for(bappeda).get(URL, {"tahun": 2027}))["BKPSDM"]
    assert row.late_tasks == 1
    assert row.days_late >= 1


def test_a_signed_rkt_links_to_its_document_and_its_verification(
    client_for, bappeda, kepala, process
):
    document = signed_rkt(process, kepala)
    html = client_for(bappeda).get(URL, {"tahun": 2027}).content.decode()
    assert reverse("documents:detail", args=[document.pk]) in html
    assert reverse("signing:verify", args=[document.code]) in html
    assert "Ditandatangani" in html


def test_sorting_by_lateness_puts_the_late_opd_first_and_the_filter_keeps_only_it(
    client_for, bappeda, process, other_org, time_machine
):
    task = run_to(process, 2)
    time_machine.move_to(at(task.due_date + datetime.timedelta(days=7)), tick=False)
    client = client_for(bappeda)
    by_name = shown_rows(client.get(URL, {"tahun": 2027}))
    assert [r.short_name for r in by_name] == ["BKPSDM", "DISDIK"]  # B < D
    by_late = shown_rows(client.get(URL, {"tahun": 2027, "urut": "terlambat"}))
    assert by_late[0].short_name == "BKPSDM"
    only_late = shown_rows(client.get(URL, {"tahun": 2027, "terlambat": "1"}))
    assert [r.short_name for r in only_late] == ["BKPSDM"]


def test_it_shows_50_opds_a_page(client_for, bappeda, demo):
    Organization.objects.bulk_create(
        Organization(name=f"Dinas {n:03}", short_name=f"D{n:03}", address="-", city="Paringin")
        for n in range(PAGE_SIZE + 5)
    )
    client = client_for(bappeda)
    assert len(shown_rows(client.get(URL, {"tahun": 2027}))) == PAGE_SIZE
    second = shown_rows(client.get(URL, {"tahun": 2027, "halaman": 2}))
    assert len(second) == 6  # the demo office among them


def test_the_xlsx_export_holds_the_same_table(client_for, bappeda, kepala, process, other_org):
    run_to(process, 4)
    document = signed_rkt(process, kepala)
    response = client_for(bappeda).get(reverse("pemkab:overview_xlsx"), {"tahun": 2027})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="rkt-opd-2027.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    table = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    by_name = {row[1]: row for row in table}
    bkpsdm = by_name[process.organization.name]
    assert bkpsdm[3].startswith("4. ")
    assert bkpsdm[7] == "Ya"
    assert bkpsdm[9].endswith(reverse("signing:verify", args=[document.code]))
    assert by_name[other_org.name][2] == "Belum dimulai"


def test_the_pemkab_readers_home_shows_the_overview(client_for, bappeda, process):
    response = client_for(bappeda).get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="home-pemkab"' in html
    assert 'data-opd="BKPSDM"' in html
    assert "RKT 2027" in html  # the year of the running RKT


def test_the_kepala_home_has_no_pemkab_panel(client_for, kepala, process):
    html = client_for(kepala).get(reverse("home")).content.decode()
    assert 'id="home-pemkab"' not in html


def test_the_overview_speaks_english_when_asked(client_for, bappeda, process):
    client = client_for(bappeda)
    client.cookies["django_language"] = "en"
    html = client.get(URL, {"tahun": 2027}).content.decode()
    assert "RKT 2027 of every OPD" in html
    assert "Working days late" in html
    assert "All OPDs" in html
