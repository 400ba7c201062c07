"""What the new main pages cost in queries: pinned, and the same however many there are.

The archive list and the Berkas page are measured at two sizes (processes, documents):
an N+1 would show as a count that grows. The Berkas fixtures of erkt/documents/tests/
archive run steps 1-10 with the engine's default behaviour and issue test documents.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from erkt.documents import registry
from erkt.documents.archive.services import create_berkas
from erkt.documents.services import issue
from erkt.documents.tests.archive.conftest import (
    BERKAS_DATA,
    KIND,
    TEST_TYPE,
    WITA,
    finish_step,
    run_to_step_11,
    user,
)
from erkt.documents.tests.signing_helpers import signed_nota
from erkt.rkt.tests.drafts_helpers import (  # noqa: F401
    at_step_6,
    at_step_7,
    at_step_8,
    at_step_9,
    compiled,
    open_task,
)
from erkt.sop.models import Sop
from erkt.workflow import engine

ARCHIVE_INDEX = 7
BERKAS_DETAIL = 6
VERIFY_PAGE = 3  # the document, its signature, the trusted roots for its certificate
SIGNING_PAGE = 10  # incl. the organisation's SigningConfig (BSrE or an uploaded certificate?)


def documents_provider(count: int):
    """A provider issuing `count` documents of the test kind, the first one a stored PDF."""

    def provide(process, *, by) -> list:
        documents = [
            issue(
                kind=KIND,
                key=f"dok:{number}",
                title=f"Dokumen {number}",
                snapshot={"title": f"Dokumen {number}", "name": f"dokumen-{number}"},
                organization=process.organization,
                process=process,
                by=by,
            )
            for number in range(count)
        ]
        if not documents[0].pdf_file:
            documents[0].store_pdf(b"%PDF-1.7 ttd", kind="digital", filename="rkt.pdf")
        return documents

    return provide


@pytest.fixture
def archive_with(demo, kepala, time_machine, monkeypatch):
    """archive_with(documents=n): the RKT 2027 process archived with n documents."""
    time_machine.move_to(datetime.datetime(2026, 11, 2, 9, tzinfo=WITA), tick=False)
    monkeypatch.setitem(registry._types, KIND, TEST_TYPE)

    def make(documents: int):
        monkeypatch.setattr(registry, "_providers", [documents_provider(documents)])
        process = run_to_step_11(demo, kepala, monkeypatch)
        return create_berkas(process, by=user("tim1"), data=dict(BERKAS_DATA))

    return make


def more_processes(organization, kepala, count: int) -> None:
    """`count` later years: each running at step 2, with documents issued."""
    sop = Sop.objects.get(organization=organization, code="penyusunan-rkt")
    for year in range(2028, 2028 + count):
        process = engine.start_process(sop=sop, year=year, by=kepala)
        finish_step(process, 1)
        documents_provider(3)(process, by=kepala)


@pytest.mark.database
@pytest.mark.parametrize("later_years", [0, 3])
def test_the_archive_list_costs_the_same_for_any_number_of_years(
    archive_with, demo, kepala, later_years, client_for, django_assert_num_queries
):
    archive_with(documents=2)
    more_processes(demo, kepala, later_years)
    client = client_for(user("kabid.mpk"))
    with django_assert_num_queries(ARCHIVE_INDEX):
        response = client.get(reverse("archive:index"))
    assert response.status_code == 200
    assert response.content.count(b'<section class="card shadow-sm" id="archive-') == (
        1 + later_years
    )


@pytest.mark.database
@pytest.mark.parametrize("documents", [2, 6])
def test_the_berkas_page_costs_the_same_for_any_number_of_documents(
    archive_with, documents, client_for, django_assert_num_queries
):
    berkas = archive_with(documents=documents)
    client = client_for(user("kabid.mpk"))
    with django_assert_num_queries(BERKAS_DETAIL):
        response = client.get(reverse("archive:detail", args=[berkas.pk]))
    assert response.status_code == 200
    assert len(response.context["documents"]) == documents
    assert response.context["report"].ok


@pytest.mark.database
def test_the_verification_page_costs_a_fixed_number_of_queries(
    demo, kepala, kepala_certificate, nota_snapshot, client, django_assert_num_queries
):
    document = signed_nota(demo, nota_snapshot, kepala)
    with django_assert_num_queries(VERIFY_PAGE):
        response = client.get(reverse("signing:verify", args=[document.code]))
    assert response.status_code == 200
    assert document.title in response.content.decode()


@pytest.mark.database
def test_the_signing_page_costs_a_fixed_number_of_queries(
    request, kepala_certificate, client_for, kepala, django_assert_num_queries
):
    process = request.getfixturevalue("at_step_9")
    engine.complete_task(open_task(process, 9), by=user("sekretaris"), decision="ya")
    client = client_for(kepala)
    with django_assert_num_queries(SIGNING_PAGE):
        response = client.get(reverse("rkt:signing:sign", args=[process.pk]))
    assert response.status_code == 200
    assert response.context["certificate"] == kepala_certificate
