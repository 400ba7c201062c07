"""The task page: what the step needs and must produce, its deadline, the form to finish it."""

import pytest
from django.urls import reverse

from erkt.workflow import engine
from erkt.workflow.actions import StepAction, register
from erkt.workflow.tests.page_helpers import (
    HTMX,
    MONDAY,
    at,
    crowd,
    finish,
    open_task,
    pdf,
    query_count,
    run_to,
    start,
)


@pytest.fixture
def process(demo, kepala, time_machine):
    time_machine.move_to(at(MONDAY), tick=False)
    return start(demo, kepala)


def page(client, task) -> str:
    response = client.get(reverse("workflow:task", args=[task.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_kelengkapan_output_and_deadline(client_for, kasubbag_perencanaan, process):
    run_to(process, 2)
    html = page(client_for(kasubbag_perencanaan), open_task(process, 2))
    assert "Perencanaan Kegiatan Penyusunan RKT" in html
    assert "Disposisi" in html  # kelengkapan, the output of step 1
    assert "Dokumen Perencanaan dan Program Kerja" in html  # output
    assert "3 November 2026" in html  # due: one working day after Monday
    assert "sisa 1 hari kerja" in html


def test_it_links_the_outputs_of_earlier_steps(client_for, kasubbag_perencanaan, process):
    run_to(process, 2)
    disposisi = process.tasks.get(step_run__number=1).attachments.get()
    html = page(client_for(kasubbag_perencanaan), open_task(process, 2))
    assert reverse("workflow:attachment", args=[disposisi.pk]) in html
    assert "langkah-1.pdf" in html
    assert "Selesai langkah 1." in html


def test_a_step_needing_draft_rkt_links_every_step_that_produced_it(
    client_for, kasubbag_perencanaan, process
):
    run_to(process, 8)
    html = page(client_for(kasubbag_perencanaan), open_task(process, 8))
    assert "langkah-6.pdf" in html  # Mengkompilasi: Draft RKT
    assert html.count("langkah-7.pdf") == 5  # each unit's correction


def test_the_assignee_gets_the_completion_form(client_for, kepala, process):
    html = page(client_for(kepala), open_task(process, 1))
    assert "Selesaikan tugas" in html
    assert ">Catatan</label>" in html
    assert "Unggah" in html
    assert 'type="radio"' not in html  # step 1 is no decision
    assert "on_behalf_reason" not in html


def test_a_decision_step_asks_ya_or_tidak(client_for, sekretaris, process):
    run_to(process, 9)
    html = page(client_for(sekretaris), open_task(process, 9))
    assert 'type="radio" name="decision"' in html
    assert ">Ya</label>" in html
    assert ">Tidak</label>" in html


def test_a_reopened_step_shows_the_correction_note(
    client_for, sekretaris, kasubbag_perencanaan, process
):
    run_to(process, 9)
    finish(open_task(process, 9), sekretaris, decision="tidak", note="Target IKU 2 belum sesuai.")
    html = page(client_for(kasubbag_perencanaan), open_task(process, 8))
    assert "Catatan koreksi" in html
    assert "Target IKU 2 belum sesuai." in html
    assert "putaran 2" in html


def test_someone_else_sees_the_task_without_a_form(client_for, kabid_ppik, process):
    html = page(client_for(kabid_ppik), open_task(process, 1))
    assert "Selesaikan tugas</button>" not in html
    assert "Anda hanya dapat melihat tugas ini." in html


def test_an_administrator_gets_the_form_with_an_on_behalf_reason(
    client_for, administrator, process
):
    html = page(client_for(administrator), open_task(process, 1))
    assert "Selesaikan tugas</button>" in html
    assert "Alasan bertindak atas nama" in html
    # Both forms ask for the reason; each field keeps its own id for its label.
    assert html.count('id="id_on_behalf_reason"') == 1
    assert html.count('id="id_upload_on_behalf_reason"') == 1


def test_a_lane_member_can_claim_and_the_claimant_release(client_for, tim1, tim2, process):
    run_to(process, 5)
    task = open_task(process, 5)
    assert "Ambil tugas" in page(client_for(tim1), task)
    engine.claim_task(task, by=tim1)
    html = page(client_for(tim1), task)
    assert "Lepaskan tugas" in html
    assert "Ambil tugas" not in html
    other = page(client_for(tim2), task)
    assert "Tugas ini sedang dikerjakan oleh Nurul Hikmah, S.E." in other
    assert "Selesaikan tugas</button>" not in other


def test_the_kasubbag_perencanaan_can_reassign_a_lane_task(
    client_for, kasubbag_perencanaan, process
):
    run_to(process, 5)
    html = page(client_for(kasubbag_perencanaan), open_task(process, 5))
    assert "Alihkan kepada" in html
    assert "Ahmad Syarifuddin, S.A.P." in html


def test_a_done_task_shows_its_result(client_for, kepala, process):
    task = finish(open_task(process, 1), kepala, note="Segera disusun.")
    html = page(client_for(kepala), task)
    assert "Diselesaikan oleh" in html
    assert "Segera disusun." in html
    assert "Selesaikan tugas</button>" not in html


def test_a_user_of_another_organisation_gets_404(client_for, stranger, process):
    response = client_for(stranger).get(reverse("workflow:task", args=[open_task(process, 1).pk]))
    assert response.status_code == 404


def test_a_unit_head_sees_the_earlier_outputs_of_their_own_unit_only(
    client_for, kabid_ppik, kasubbag_perencanaan, process
):
    run_to(process, 8)
    task = open_task(process, 8)

    mine = page(client_for(kabid_ppik), task)
    everyone = page(client_for(kasubbag_perencanaan), task)

    assert mine.count("langkah-7.pdf") == 1  # PPIK's own correction
    assert "langkah-6.pdf" in mine  # a task of no unit: everyone's
    assert everyone.count("langkah-7.pdf") == 5


@pytest.mark.database
def test_the_task_page_query_count_is_fixed(
    client_for, kasubbag_perencanaan, process, django_assert_num_queries
):
    """Step 8 after step 7's five unit tasks: the earlier outputs come in two queries.

    session, user with employee (erkt.org.signed_in), positions, badge count, task,
    eligible holders, attachments, earlier tasks, their attachments.
    """
    run_to(process, 8)
    task = open_task(process, 8)
    client = client_for(kasubbag_perencanaan)
    with django_assert_num_queries(10):  # 10th: the process's open suspension
        page(client, task)


@pytest.mark.database
def test_the_query_count_is_the_same_beside_two_busy_offices(
    client_for, kasubbag_perencanaan, process
):
    run_to(process, 8)
    task = open_task(process, 8)
    client = client_for(kasubbag_perencanaan)
    alone = query_count(lambda: page(client, task))
    crowd(2)
    crowd(3)
    assert query_count(lambda: page(client, task)) == alone


@pytest.mark.database
def test_a_kepala_with_open_tasks_in_many_years_costs_as_many_queries(
    client_for, demo, kepala, process
):
    task = open_task(process, 1)
    client = client_for(kepala)
    start(demo, kepala, year=2028)
    few = query_count(lambda: page(client, task))
    for year in range(2029, 2041):
        start(demo, kepala, year=year)
    assert query_count(lambda: page(client, task)) == few


class RecordedOnItsOwnPage(StepAction):
    """Like an app's step: the output is a record on the app's page, not a file."""

    def missing_output(self, task):
        return task.step.output

    def links(self, task, user):
        return [("Isi Lembar Disposisi", "/rkt/proses/1/disposisi/")]


def test_a_step_of_an_app_links_to_the_apps_page(client_for, kepala, process):
    register("rkt.disposisi")(RecordedOnItsOwnPage)
    html = page(client_for(kepala), open_task(process, 1))
    assert (
        '<a class="btn btn-primary" href="/rkt/proses/1/disposisi/">Isi Lembar Disposisi</a>'
        in html
    )
    assert "Unggah dulu output" not in html  # its output is no uploaded file


def test_a_generic_step_asks_for_the_file(client_for, kepala, process):
    html = page(client_for(kepala), open_task(process, 1))
    assert 'id="task-links"' not in html
    assert 'Unggah dulu output "Disposisi" di bagian Lampiran.' in html


SUPPORTING = "Lampiran pendukung (opsional)"


def test_a_step_of_an_app_offers_upload_as_optional_supporting_files(client_for, kepala, process):
    register("rkt.disposisi")(RecordedOnItsOwnPage)
    task = open_task(process, 1)
    html = page(client_for(kepala), task)
    assert '<details class="card mb-4 bg-body-tertiary" id="task-attachments">' in html  # closed
    assert SUPPORTING in html
    assert reverse("workflow:task_upload", args=[task.pk]) in html
    assert ">Lampiran <span" not in html


def test_supporting_files_stay_in_view_once_there_are_some(client_for, kepala, process):
    register("rkt.disposisi")(RecordedOnItsOwnPage)
    task = open_task(process, 1)
    client = client_for(kepala)
    response = client.post(
        reverse("workflow:task_upload", args=[task.pk]), {"file": pdf("undangan.pdf")}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(
        '<details class="card mb-4 bg-body-tertiary" id="task-attachments" open>'
    )
    assert f"{SUPPORTING} (1)" in html
    assert "undangan.pdf" in page(client, task)


def test_a_generic_step_keeps_the_lampiran_card_for_its_output(client_for, kepala, process):
    html = page(client_for(kepala), open_task(process, 1))
    assert '<div class="card shadow-sm mb-4" id="task-attachments">' in html
    assert SUPPORTING not in html


def test_an_app_step_whose_output_is_still_the_file_keeps_the_lampiran_card(
    client_for, kepala, process
):
    register("rkt.disposisi")(lambda task, by, payload: None)
    html = page(client_for(kepala), open_task(process, 1))
    assert '<div class="card shadow-sm mb-4" id="task-attachments">' in html
    assert SUPPORTING not in html
