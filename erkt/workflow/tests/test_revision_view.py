"""The "Mulai Perubahan RKT" form on the page of a signed, archived year."""

import pytest
from django.urls import reverse

from erkt.workflow.models import Process
from erkt.workflow.tests.page_helpers import MONDAY, at, start

REASON = "Penyesuaian pagu setelah APBD Perubahan."


@pytest.fixture
def signed(demo, kepala, time_machine) -> Process:
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    Process.objects.filter(pk=process.pk).update(status=Process.Status.COMPLETED)
    return process


def revise_url(process: Process) -> str:
    return reverse("workflow:process_revise", args=[process.pk])


def test_the_kepala_sees_the_revision_form_on_a_signed_year(client_for, kepala, signed):
    html = client_for(kepala).get(reverse("workflow:process", args=[signed.pk])).content.decode()
    assert 'id="revise-process"' in html
    assert "Alasan perubahan" in html


def test_others_do_not_see_the_revision_form(client_for, sekretaris, signed):
    page = reverse("workflow:process", args=[signed.pk])
    assert 'id="revise-process"' not in client_for(sekretaris).get(page).content.decode()


def test_the_kepala_starts_a_revision_listed_under_the_same_year(client_for, kepala, signed):
    response = client_for(kepala).post(revise_url(signed), {"reason": REASON})
    revision = Process.objects.get(revision=1)
    assert response.status_code == 302
    assert response.url == reverse("workflow:process", args=[revision.pk])
    assert (revision.year, revision.revision_reason) == (2027, REASON)
    listing = client_for(kepala).get(reverse("workflow:process_list")).content.decode()
    assert "2027 — Perubahan 1" in listing
    assert REASON in listing
    page = client_for(kepala).get(response.url).content.decode()
    assert 'id="same-year"' in page and 'id="revision-reason"' in page
    drafts = client_for(kepala).get(reverse("rkt:drafts:index")).content.decode()
    assert "RKT 2027 — Perubahan 1" in drafts


def test_it_refuses_a_revision_without_a_reason(client_for, kepala, signed):
    response = client_for(kepala).post(revise_url(signed), {"reason": ""})
    assert response.status_code == 422
    assert "Alasan perubahan wajib diisi." in response.content.decode()
    assert Process.objects.count() == 1


def test_it_refuses_a_revision_by_a_kabid(client_for, kabid_ppik, signed):
    response = client_for(kabid_ppik).post(revise_url(signed), {"reason": REASON})
    assert response.status_code == 403
    assert Process.objects.count() == 1


def test_a_user_of_another_organisation_gets_404(client_for, stranger, signed):
    response = client_for(stranger).post(revise_url(signed), {"reason": REASON})
    assert response.status_code == 404


def test_the_plain_start_of_the_signed_year_stays_refused(client_for, demo, kepala, signed):
    from erkt.workflow.tests.page_helpers import seed_sop

    data = {"sop": seed_sop(demo).pk, "year": 2027, "start_date": "2026-11-02"}
    response = client_for(kepala).post(reverse("workflow:process_start"), data)
    assert response.status_code == 409
    assert Process.objects.count() == 1
