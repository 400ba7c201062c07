import datetime

import pytest
from django.urls import reverse

from erkt.documents.archive.models import Berkas
from erkt.documents.archive.services import create_berkas
from erkt.documents.models import IssuedDocument
from erkt.documents.tests.archive.conftest import BERKAS_DATA, user
from erkt.workflow import actions, engine
from erkt.workflow.errors import Invalid
from erkt.workflow.models import Process, Task

pytestmark = pytest.mark.django_db


def _form(**changes) -> dict:
    data = {**BERKAS_DATA, "tanggal": BERKAS_DATA["tanggal"].isoformat(), "version": 0, **changes}
    return data


def _create_url(process) -> str:
    return reverse("archive:create", args=[process.pk])


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("tim1", 200),
        ("tim2", 200),
        ("kepala", 403),
        ("kasubbag.perencanaan", 403),
        ("kabid.ppik", 403),
        ("kepala.disdik", 404),
    ],
)
def test_only_the_tim_perencanaan_opens_the_berkas_form(
    at_step_11, other_org, client_for, username, status
):
    response = client_for(user(username)).get(_create_url(at_step_11))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("username", "status"), [("kepala", 403), ("kabid.psdm", 403), ("kepala.disdik", 404)]
)
def test_no_one_else_can_create_a_berkas(at_step_11, other_org, client_for, username, status):
    issued = IssuedDocument.objects.count()
    response = client_for(user(username)).post(_create_url(at_step_11), _form())
    assert response.status_code == status
    assert not Berkas.objects.exists()
    assert IssuedDocument.objects.count() == issued  # refused before anything is issued


def test_the_archive_pages_send_anonymous_users_to_sign_in(archived, client):
    for url in [
        reverse("archive:index"),
        _create_url(archived.process),
        reverse("archive:detail", args=[archived.pk]),
        reverse("archive:download", args=[archived.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_archive_pages_refuse_other_methods(archived, client_for, tim1):
    client = client_for(tim1)
    assert client.post(reverse("archive:index")).status_code == 405
    assert client.post(reverse("archive:detail", args=[archived.pk])).status_code == 405
    assert client.post(reverse("archive:download", args=[archived.pk])).status_code == 405
    assert client.put(_create_url(archived.process)).status_code == 405


def test_the_form_suggests_the_klasifikasi_for_perencanaan_and_today(at_step_11, client_for, tim1):
    form = client_for(tim1).get(_create_url(at_step_11)).context["form"]
    assert form["kode_klasifikasi"].value() == "000.7"
    assert form["tanggal"].value() == datetime.date(2026, 11, 2)
    assert (form["retensi_aktif"].value(), form["nasib_akhir"].value()) == (2, "permanen")


def test_creating_the_berkas_archives_and_completes_the_process(at_step_11, client_for, tim2):
    response = client_for(tim2).post(_create_url(at_step_11), _form(kode_klasifikasi="000.7.3"))
    berkas = Berkas.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("archive:detail", args=[berkas.pk])
    assert (berkas.kode_klasifikasi, berkas.arsiparis_name) == ("000.7.3", tim2.employee.full_name)
    assert berkas.bundle and len(berkas.manifest) == 6  # 4 document files, audit, README
    at_step_11.refresh_from_db()
    assert at_step_11.status == Process.Status.COMPLETED
    task = Task.objects.get(process=at_step_11, step_run__number=11)
    assert (task.status, task.completed_by) == (Task.Status.DONE, tim2)


@pytest.mark.parametrize(
    "changes",
    [
        {"nomor_berkas": ""},
        {"kode_klasifikasi": "perencanaan"},
        {"tanggal": "2026-11-03"},  # tomorrow
        {"tanggal": "2026-10-30"},  # before the process started
        {"retensi_aktif": "-1"},
        {"nasib_akhir": "dibakar"},
    ],
)
def test_a_wrong_berkas_form_changes_nothing(at_step_11, client_for, tim1, changes):
    response = client_for(tim1).post(_create_url(at_step_11), _form(**changes))
    assert response.status_code == 422
    assert not Berkas.objects.exists()
    at_step_11.refresh_from_db()
    assert at_step_11.is_running


def test_an_archived_process_opens_its_berkas_instead_of_the_form(archived, client_for, tim1):
    response = client_for(tim1).get(_create_url(archived.process))
    assert response.status_code == 302
    assert response["Location"] == reverse("archive:detail", args=[archived.pk])


def test_a_nomor_berkas_already_used_is_refused(
    archived, demo, kepala, client_for, tim1, monkeypatch
):
    from erkt.documents.tests.archive.conftest import run_to_step_11

    second = run_to_step_11(demo, kepala, monkeypatch, year=2028)  # 2027 cannot start again
    response = client_for(tim1).post(_create_url(second), _form())
    assert response.status_code == 422
    assert "sudah dipakai" in response.content.decode()
    assert Berkas.objects.count() == 1


def test_the_step_cannot_be_completed_before_the_berkas_exists(at_step_11, tim1):
    task = Task.objects.get(process=at_step_11, step_run__number=11)
    with pytest.raises(Invalid, match="Berkas RKT"):
        engine.complete_task(task, by=tim1)


def test_the_task_page_links_to_the_berkas_form(at_step_11, client_for, tim1):
    task = Task.objects.get(process=at_step_11, step_run__number=11)
    links = actions.get("rkt.arsip").links(task, tim1)
    assert links == [("Isi Berkas arsip", _create_url(at_step_11))]
    page = client_for(tim1).get(reverse("workflow:task", args=[task.pk]))
    assert _create_url(at_step_11) in page.content.decode()


def test_the_form_answers_409_before_the_archiving_step(
    demo, kepala, client_for, tim1, monkeypatch
):
    from erkt.documents.tests.archive.conftest import run_to_step_11

    process = run_to_step_11(demo, kepala, monkeypatch)
    engine.cancel_process(process, by=kepala, reason="Uji.")
    assert client_for(tim1).get(_create_url(process)).status_code == 409


@pytest.mark.parametrize("username", ["kepala", "kabid.mpk", "tim2"])
def test_every_member_reads_the_archive_and_the_berkas(archived, client_for, username):
    client = client_for(user(username))
    index = client.get(reverse("archive:index"))
    assert index.status_code == 200
    html = index.content.decode()
    assert "RKT 2027" in html and archived.nomor_berkas in html
    assert reverse("archive:download", args=[archived.pk]) in html
    for document in archived.documents.all():
        assert reverse("documents:download", args=[document.pk, "docx"]) in html
    detail = client.get(reverse("archive:detail", args=[archived.pk]))
    assert detail.status_code == 200
    assert detail.context["report"].ok
    assert "dokumen/test.arsip/RKT-2027-2.docx" in detail.content.decode()


def test_another_organisation_sees_neither_the_berkas_nor_its_year(archived, client_for, stranger):
    client = client_for(stranger)
    assert client.get(reverse("archive:detail", args=[archived.pk])).status_code == 404
    assert client.get(reverse("archive:download", args=[archived.pk])).status_code == 404
    index = client.get(reverse("archive:index"))
    assert archived.nomor_berkas not in index.content.decode()


def test_the_bundle_downloads_as_stored(archived, client_for, kabid_ppik):
    response = client_for(kabid_ppik).get(reverse("archive:download", args=[archived.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    with archived.bundle.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_a_running_year_lists_its_latest_documents(at_step_11, client_for, tim1):
    from erkt.documents.tests.archive.conftest import issue_documents

    issue_documents(at_step_11, by=tim1)
    html = client_for(tim1).get(reverse("archive:index")).content.decode()
    assert "Draft RKT versi 1" in html
    assert reverse("archive:create", args=[at_step_11.pk]) not in html  # the task page links it
    assert "bi-file-zip" not in html  # no bundle yet


def test_a_berkas_form_loaded_before_someone_else_archived_is_refused_with_409(
    at_step_11, client_for, tim1, tim2
):
    loaded = _form(nomor_berkas="000.7/002/BKPSDM/2026")  # tim2 opens the form first
    create_berkas(at_step_11, by=tim1, data=dict(BERKAS_DATA))

    response = client_for(tim2).post(_create_url(at_step_11), loaded)

    assert response.status_code == 409
    assert (
        "Data telah diubah oleh Nurul Hikmah, S.E. pada 2 November 2026 09.00; muat ulang"
        in response.content.decode()
    )
    assert list(Berkas.objects.values_list("nomor_berkas", "arsiparis")) == [
        (BERKAS_DATA["nomor_berkas"], tim1.pk)
    ]
