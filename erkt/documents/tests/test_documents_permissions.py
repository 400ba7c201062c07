"""Who may open each document, signing and archive address, at three points of an RKT process.

At step 10 the Kepala Badan alone signs; at step 11 the Tim Perencanaan alone files
the Berkas; once archived, everyone of the organisation reads the archive. Documents
are read by everyone of the organisation, except a unit's Form RKT: the head of
another bidang does not see it (404), in any form (page, file, or the Berkas bundle).
Another organisation gets 404, an anonymous visitor the sign-in page; the public
verification page answers everyone.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from erkt.documents.archive.models import Berkas
from erkt.documents.archive.services import create_berkas
from erkt.documents.models import IssuedDocument
from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.documents.tests.archive.conftest import BERKAS_DATA
from erkt.rkt.documents.forms import FORM
from erkt.rkt.tests.drafts_helpers import (  # noqa: F401
    at_step_6,
    at_step_7,
    at_step_8,
    at_step_9,
    compiled,
    open_task,
    recorded_step,
    user,
)
from erkt.rkt.tests.preparation_helpers import record_disposisi
from erkt.rkt.unit_forms.models import FormRkt
from erkt.workflow import engine

ANON = "anonymous"
CAST = (
    "kepala",
    "sekretaris",
    "kasubbag_perencanaan",
    "tim1",
    "kabid_ppik",
    "kabid_mpk",
    "administrator",
    "stranger",
)
ORG = {**dict.fromkeys(CAST, 200), "stranger": 404, ANON: 302}
# A unit's Form RKT: its own head and the readers of every form, not another bidang.
PPIK_FORM = {**ORG, "kabid_mpk": 404}
# Pages of the user's own organisation (their own certificate, their own archive).
OWN = {**dict.fromkeys(CAST, 200), ANON: 302}
PUBLIC = {**dict.fromkeys(CAST, 200), ANON: 200}


def only(allowed: dict[str, int], others: int = 403) -> dict[str, int]:
    return {**dict.fromkeys(CAST, others), "stranger": 404, ANON: 302, **allowed}


def _to_step_10(process):
    record_disposisi(process)
    engine.complete_task(open_task(process, 9), by=user("sekretaris"), decision="ya")
    return process


@pytest.fixture
def at_step_10(request):
    """Version 2 accepted by the Sekretaris; the disposition recorded, so it prints."""
    process = request.getfixturevalue("at_step_9")
    request.getfixturevalue("kepala_certificate")  # under at_step_9's stopped clock
    return recorded_step(request, "documents.at_step_10", lambda: _to_step_10(process))


def _sign(process):
    engine.complete_task(
        open_task(process, 10),
        by=user("kepala"),
        decision="ya",
        payload={"passphrase": DEMO_PASSPHRASE},
    )
    return process


# Signing and archiving are recorded here (each ran in five of the six tests: some 5 CPU
# seconds each time): these tests read who may open what, which a restored copy of this
# process's first signed PDF and bundle answers as a fresh one would.
@pytest.fixture
def at_step_11(request, at_step_10):
    return recorded_step(request, "documents.at_step_11", lambda: _sign(at_step_10))


@pytest.fixture
def archived(request, at_step_11):
    return recorded_step(
        request,
        "documents.archived",
        lambda: create_berkas(at_step_11, by=user("tim1"), data=dict(BERKAS_DATA)),
    )


def ppik_form_document(process) -> IssuedDocument:
    form = FormRkt.objects.get(process=process, unit__short_name="PPIK")
    return IssuedDocument.objects.filter(process=process, kind=FORM, key=f"form:{form.pk}").latest(
        "pk"
    )


def document_urls(process) -> dict[str, str]:
    """The process's documents, each issued (or reused) by printing it first."""
    form = FormRkt.objects.get(process=process, unit__short_name="PPIK")
    return {
        "version": reverse("rkt:rkt_documents:version", args=[process.pk, 1, "pdf"]),
        "prep_document": reverse("rkt:prep_document", args=[process.pk, "disposisi", "pdf"]),
        "form_document": reverse("rkt:form_document", args=[form.pk, "xlsx"]),
    }


def answers(table: dict, addresses: dict[str, str], request) -> dict:
    clients = {name: Client() for name in (*CAST, ANON)}
    for name in CAST:
        clients[name].force_login(request.getfixturevalue(name))
    result = {}
    for method, address in table:
        result[(method, address)] = {}
        for name, client in clients.items():
            response = getattr(client, method)(addresses[address])
            result[(method, address)][name] = response.status_code
            if name == ANON and response.status_code == 302:
                assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    return result


STEP_10 = {
    ("get", "sign"): only({"kepala": 200}),
    # An empty form: the Kepala is told what is missing (422); nothing is signed.
    ("post", "sign"): only({"kepala": 422}),
    ("put", "sign"): {**dict.fromkeys(CAST, 405), ANON: 302},
    ("get", "certificate"): {**OWN, **dict.fromkeys(CAST, 403), "kepala": 200, "stranger": 200},
    ("get", "version"): {**ORG, **dict.fromkeys(CAST, 302), "stranger": 404},
    ("get", "prep_document"): ORG,
    ("get", "form_document"): PPIK_FORM,
    ("get", "form_detail"): PPIK_FORM,
    ("get", "form_download"): PPIK_FORM,
    ("post", "form_download"): {**dict.fromkeys(CAST, 405), ANON: 302},
    ("get", "archive_index"): OWN,
}


def test_at_step_10_only_the_kepala_signs(at_step_10, other_org, request):
    addresses = {
        "sign": reverse("rkt:signing:sign", args=[at_step_10.pk]),
        "certificate": reverse("signing:certificate"),
        "archive_index": reverse("archive:index"),
        **document_urls(at_step_10),
    }
    # Printing the form issues its document, which the next addresses open.
    printer = Client()
    printer.force_login(user("kabid.ppik"))
    assert printer.get(addresses["form_document"]).status_code == 200
    document = ppik_form_document(at_step_10)
    addresses["form_detail"] = reverse("documents:detail", args=[document.pk])
    addresses["form_download"] = reverse("documents:download", args=[document.pk, "pdf"])
    assert answers(STEP_10, addresses, request) == STEP_10
    assert open_task(at_step_10, 10).status == "open"
    assert not IssuedDocument.objects.filter(process=at_step_10, kind="rkt.final").exists()


STEP_11 = {
    ("get", "create"): only({"tim1": 200}),
    # An empty form: the Tim is told what is missing (422); nothing is archived.
    ("post", "create"): only({"tim1": 422}),
    # The signing page, step 10 closed: its actor is sent to the RKT page.
    ("get", "sign"): only({"kepala": 302}),
    ("get", "final_detail"): ORG,
    ("get", "final_download"): ORG,
    ("get", "verify"): PUBLIC,
}


def test_at_step_11_only_the_tim_files_the_berkas(at_step_11, other_org, request):
    final = IssuedDocument.objects.get(process=at_step_11, kind="rkt.final")
    addresses = {
        "create": reverse("archive:create", args=[at_step_11.pk]),
        "sign": reverse("rkt:signing:sign", args=[at_step_11.pk]),
        "final_detail": reverse("documents:detail", args=[final.pk]),
        "final_download": reverse("documents:download", args=[final.pk, "pdf"]),
        "verify": reverse("signing:verify", args=[final.code]),
    }
    assert answers(STEP_11, addresses, request) == STEP_11
    assert not Berkas.objects.filter(process=at_step_11).exists()


ARCHIVED = {
    ("get", "archive_index"): OWN,
    # The Berkas exists: its form sends everyone of the organisation to it.
    ("get", "create"): {**ORG, **dict.fromkeys(CAST, 302), "stranger": 404},
    ("get", "detail"): ORG,
    # The bundle holds every unit's Form RKT: not for a unit head, who reads only their own.
    ("get", "download"): {**ORG, "kabid_ppik": 403, "kabid_mpk": 403},
    ("post", "download"): {**dict.fromkeys(CAST, 405), ANON: 302},
    ("get", "form_detail"): PPIK_FORM,
    ("get", "form_download"): PPIK_FORM,
    ("get", "version"): {**ORG, **dict.fromkeys(CAST, 302), "stranger": 404},
    ("get", "verify"): PUBLIC,
    ("post", "verify"): PUBLIC,  # no file: the page says so
}


def test_once_archived_the_organisation_reads_the_archive(archived, other_org, request):
    process = archived.process
    final = IssuedDocument.objects.get(process=process, kind="rkt.final")
    form = ppik_form_document(process)
    addresses = {
        "archive_index": reverse("archive:index"),
        "create": reverse("archive:create", args=[process.pk]),
        "detail": reverse("archive:detail", args=[archived.pk]),
        "download": reverse("archive:download", args=[archived.pk]),
        "form_detail": reverse("documents:detail", args=[form.pk]),
        "form_download": reverse("documents:download", args=[form.pk, "docx"]),
        "version": reverse("rkt:rkt_documents:version", args=[process.pk, 2, "docx"]),
        "verify": reverse("signing:verify", args=[final.code]),
    }
    assert answers(ARCHIVED, addresses, request) == ARCHIVED


def test_another_organisation_sees_nothing_of_the_archive(archived, client_for, stranger, tim1):
    assert "Penyusunan RKT" in client_for(tim1).get(reverse("archive:index")).content.decode()
    page = client_for(stranger).get(reverse("archive:index")).content.decode()
    assert archived.nomor_berkas not in page
    assert reverse("archive:detail", args=[archived.pk]) not in page


def test_an_unknown_verification_code_is_not_found(archived, client):
    assert client.get(reverse("signing:verify", args=["TIDAKADA"])).status_code == 404


def test_a_unit_head_is_offered_only_what_they_may_read(archived, client_for, kabid_mpk, tim1):
    """The bundle holds every unit's form: a unit head sees neither the bundle button nor the
    other units' forms, on the archive list and on the Berkas page."""
    bundle = reverse("archive:download", args=[archived.pk])
    ppik_form = reverse("documents:download", args=[ppik_form_document(archived.process).pk, "pdf"])
    pages = (reverse("archive:index"), reverse("archive:detail", args=[archived.pk]))
    for address in pages:
        own = client_for(tim1).get(address).content.decode()
        assert bundle in own and ppik_form in own
        head = client_for(kabid_mpk).get(address).content.decode()
        assert bundle not in head and ppik_form not in head
        assert "Form RKT Tahun 2027 Bidang Mutasi" in head


def test_a_unit_head_reads_the_archive_in_as_many_queries_whatever_the_forms(
    archived, client_for, kabid_mpk, django_assert_num_queries
):
    """Every unit's form is in the Berkas: whose head reads which is one query for them all
    (one a form before), beside the list's own seven."""
    client = client_for(kabid_mpk)
    client.get(reverse("archive:index"))
    with django_assert_num_queries(8):
        assert client.get(reverse("archive:index")).status_code == 200
