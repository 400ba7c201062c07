"""Step 10 by a substitute of the Kepala Badan: a Plt. signs with their own certificate and the
signature block reads "Plt. Kepala Badan ..."; a Plh. is told why not and refused (403)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from erkt.api.models import ApiToken
from erkt.api.tests.helpers import ApiClient
from erkt.audit.models import AuditEntry
from erkt.documents.models import IssuedDocument
from erkt.documents.signing.certificates import to_pem
from erkt.documents.signing.demo import DEMO_PASSPHRASE, make_ca, make_signer_pkcs12
from erkt.documents.signing.models import TrustedRoot
from erkt.documents.signing.services import upload_certificate
from erkt.documents.tests.signing_helpers import pyhanko_status, stored_pdf
from erkt.org.models import Employee, Position, Role, Substitution
from erkt.org.substitutes import today_in
from erkt.rkt.tests.drafts_helpers import latest, open_task, user
from erkt.workflow import engine
from erkt.workflow.errors import NotAllowed
from erkt.workflow.models import Task


def stand_in(process, kind: str) -> Substitution:
    """The Sekretaris acts for the Kepala Badan around today."""
    today = today_in(process.organization)
    substitution = Substitution(
        position=Position.objects.get(organization=process.organization, role=Role.KEPALA),
        substitute=Employee.objects.get(user__username="sekretaris"),
        kind=kind,
        start_date=today - datetime.timedelta(days=7),
        end_date=today + datetime.timedelta(days=30),
        sp_number="800.1.11.1/020/BKPSDM/2026",
        sp_date=today - datetime.timedelta(days=8),
    )
    substitution.full_clean()
    substitution.save()
    return substitution


@pytest.fixture
def sekretaris_certificate(at_step_10):
    """The Sekretaris's own certificate, from a CA the office trusts."""
    organization = at_step_10.organization
    employee = Employee.objects.get(user__username="sekretaris")
    ca = make_ca(organization.name)
    TrustedRoot.objects.create(
        organization=organization, name="CA Plt.", certificate_pem=to_pem(ca.certificate)
    )
    data = make_signer_pkcs12(
        ca, name=employee.full_name, organization=organization.name, nip=employee.nip or ""
    )
    return upload_certificate(
        employee=employee, data=data, passphrase=DEMO_PASSPHRASE, by=employee.user
    )


def sign_url(process) -> str:
    return reverse("rkt:signing:sign", args=[process.pk])


def test_a_plt_kepala_signs_with_their_own_certificate(
    at_step_10, sekretaris_certificate, client_for, sekretaris
):
    stand_in(at_step_10, Substitution.Kind.PLT)
    client = client_for(sekretaris)
    assert client.get(sign_url(at_step_10)).status_code == 200
    response = client.post(sign_url(at_step_10), {"passphrase": DEMO_PASSPHRASE})
    assert response.status_code == 302
    document = IssuedDocument.objects.get(process=at_step_10, kind="rkt.final")
    signature = document.snapshot["signature"]
    assert signature["jabatan"].startswith("Plt. Kepala Badan Kepegawaian")
    assert signature["name"] == Employee.objects.get(user=sekretaris).full_name
    assert document.signature.signer_name == signature["name"]
    status = pyhanko_status(stored_pdf(document), at_step_10.organization)
    assert status.intact and status.valid and status.trusted
    entry = AuditEntry.objects.filter(action="task.complete", user=sekretaris).latest("seq")
    assert entry.acting_kind == "plt" and "Plt." in entry.who and "atas nama" in entry.who


def test_a_plh_kepala_is_told_why_they_cannot_sign(at_step_10, client_for, sekretaris):
    stand_in(at_step_10, Substitution.Kind.PLH)
    html = client_for(sekretaris).get(sign_url(at_step_10)).content.decode()
    assert "Plh. tidak dapat menandatangani RKT." in html
    assert "Nomor 1/SE/I/2021" in html
    assert 'name="passphrase"' not in html


def test_the_server_refuses_a_plh_kepalas_signature(
    at_step_10, sekretaris_certificate, client_for, sekretaris
):
    stand_in(at_step_10, Substitution.Kind.PLH)
    response = client_for(sekretaris).post(sign_url(at_step_10), {"passphrase": DEMO_PASSPHRASE})
    assert response.status_code == 403
    assert "tidak berwenang mengambil keputusan" in response.content.decode()
    with pytest.raises(NotAllowed):
        engine.complete_task(
            open_task(at_step_10, 10),
            by=user("sekretaris"),
            decision="ya",
            payload={"passphrase": DEMO_PASSPHRASE},
        )
    assert latest(at_step_10).status == "draft"
    assert open_task(at_step_10, 10).status == Task.Status.OPEN
    assert not IssuedDocument.objects.filter(process=at_step_10, kind="rkt.final").exists()


def test_the_api_refuses_a_plh_kepalas_signature(at_step_10, sekretaris_certificate, sekretaris):
    stand_in(at_step_10, Substitution.Kind.PLH)
    _token, secret = ApiToken.issue(sekretaris, name="test")
    task = open_task(at_step_10, 10)
    response = ApiClient(secret).post(
        f"/tasks/{task.pk}/complete", {"decision": "ya", "passphrase": DEMO_PASSPHRASE}
    )
    assert response.status_code == 403
    assert "1/SE/I/2021" in response.json()["detail"]
    assert open_task(at_step_10, 10).status == Task.Status.OPEN


def test_the_kepala_still_signs_while_nobody_stands_in(at_step_10, client_for, kepala):
    response = client_for(kepala).post(sign_url(at_step_10), {"passphrase": DEMO_PASSPHRASE})
    assert response.status_code == 302
    document = IssuedDocument.objects.get(process=at_step_10, kind="rkt.final")
    assert document.snapshot["signature"]["jabatan"].startswith("Kepala Badan")
