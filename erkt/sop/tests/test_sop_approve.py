"""The pengesahan of a draft: signed by the Kepala (or a Plt.) with the signing provider,
kept as an issued document; running processes stay on their version."""

from __future__ import annotations

import datetime

from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader

from erkt.audit.models import AuditEntry
from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.org.models import Employee, Position, Role, Substitution
from erkt.org.substitutes import today_in
from erkt.sop.approval import signed_document
from erkt.sop.models import SopVersion
from erkt.sop.tests.editor_helpers import form_data, seed_draft, seed_sop
from erkt.workflow import engine
from erkt.workflow.tests.conftest import finish


def _substitute(demo, user, kind: str) -> None:
    today = today_in(demo)
    Substitution.objects.create(
        organization=demo,
        position=Position.objects.get(organization=demo, role=Role.KEPALA),
        substitute=Employee.objects.get(user=user),
        kind=kind,
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=30),
        sp_number="800/031/BKPSDM/2026",
        sp_date=today - datetime.timedelta(days=1),
    )


def _signer_subject(pdf: bytes) -> str:
    import io

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return reader.embedded_signatures[-1].signer_cert.subject.human_friendly


def test_the_kepala_signs_the_draft_which_comes_into_force(
    demo, kepala, kasubbag_perencanaan, kepala_certificate, client_for
):
    draft = seed_draft(demo)
    client_for(kasubbag_perencanaan).post(
        reverse("sop:editor", args=["penyusunan-rkt"]), form_data(draft, nomor="800/999/2026")
    )
    old = seed_sop(demo).active_version
    page = client_for(kepala).get(reverse("sop:approve", args=["penyusunan-rkt"]))
    assert page.status_code == 200
    assert "800/999/2026" in page.content.decode()  # the diff of the identity
    response = client_for(kepala).post(
        reverse("sop:approve", args=["penyusunan-rkt"]), {"passphrase": DEMO_PASSPHRASE}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    old.refresh_from_db()
    assert draft.status == SopVersion.Status.ACTIVE
    assert old.status == SopVersion.Status.SUPERSEDED
    assert draft.approved_by == kepala
    document = signed_document(draft)
    assert document is not None and document.pdf_kind == "digital"
    with document.pdf_file.open("rb") as stored:
        assert kepala_certificate.common_name in _signer_subject(stored.read())
    assert document.signature.signer_title == "Kepala Badan"
    assert AuditEntry.objects.filter(action="sop.approve", user=kepala).exists()
    page = client_for(kasubbag_perencanaan).get(reverse("sop:detail", args=["penyusunan-rkt"]))
    assert reverse("documents:detail", args=[document.pk]) in page.content.decode()
    assert (
        client_for(kasubbag_perencanaan)
        .get(reverse("documents:detail", args=[document.pk]))
        .status_code
        == 200
    )


def test_a_wrong_passphrase_changes_nothing(demo, kepala, kepala_certificate, client_for):
    draft = seed_draft(demo)
    response = client_for(kepala).post(
        reverse("sop:approve", args=["penyusunan-rkt"]), {"passphrase": "salah"}
    )
    assert response.status_code == 422
    assert "Frasa sandi salah." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == SopVersion.Status.DRAFT
    assert signed_document(draft) is None


def test_a_draft_that_breaks_the_rules_is_not_approved(
    demo, kepala, kepala_certificate, client_for
):
    draft = seed_draft(demo)
    SopVersion.objects.filter(pk=draft.pk).update(disahkan_oleh="")
    response = client_for(kepala).post(
        reverse("sop:approve", args=["penyusunan-rkt"]), {"passphrase": DEMO_PASSPHRASE}
    )
    assert response.status_code == 422
    assert "disahkan_oleh" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == SopVersion.Status.DRAFT


def test_a_plt_kepala_approves_with_their_own_certificate_as_plt(demo, sekretaris, client_for):
    from erkt.documents.signing.certificates import to_pem
    from erkt.documents.signing.demo import make_ca, make_signer_pkcs12
    from erkt.documents.signing.models import TrustedRoot
    from erkt.documents.signing.services import upload_certificate

    _substitute(demo, sekretaris, Substitution.Kind.PLT)
    employee = Employee.objects.get(user=sekretaris)
    ca = make_ca(demo.name)
    TrustedRoot.objects.create(
        organization=demo, name="CA Plt.", certificate_pem=to_pem(ca.certificate)
    )
    data = make_signer_pkcs12(
        ca, name=employee.full_name, organization=demo.name, passphrase="plt12345"
    )
    upload_certificate(employee=employee, data=data, passphrase="plt12345", by=sekretaris)
    draft = seed_draft(demo)
    response = client_for(sekretaris).post(
        reverse("sop:approve", args=["penyusunan-rkt"]), {"passphrase": "plt12345"}
    )
    assert response.status_code == 302
    assert signed_document(draft).signature.signer_title == "Plt. Kepala Badan"


def test_the_pengesahan_of_a_plt_names_the_plt_not_the_holder(demo, sekretaris, client_for):
    """The printed pengesahan block: "Plt. Kepala Badan ..." with the Plt.'s name and NIP."""
    from erkt.documents.signing.certificates import to_pem
    from erkt.documents.signing.demo import make_ca, make_signer_pkcs12
    from erkt.documents.signing.models import TrustedRoot
    from erkt.documents.signing.services import upload_certificate
    from erkt.sop.document import signatory_of

    _substitute(demo, sekretaris, Substitution.Kind.PLT)
    plt = Employee.objects.get(user=sekretaris)
    holder = demo.head.holders.get()
    ca = make_ca(demo.name)
    TrustedRoot.objects.create(
        organization=demo, name="CA Plt.", certificate_pem=to_pem(ca.certificate)
    )
    data = make_signer_pkcs12(ca, name=plt.full_name, organization=demo.name, passphrase="plt12345")
    upload_certificate(employee=plt, data=data, passphrase="plt12345", by=sekretaris)
    draft = seed_draft(demo)
    response = client_for(sekretaris).post(
        reverse("sop:approve", args=["penyusunan-rkt"]), {"passphrase": "plt12345"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    signer = signatory_of(draft)
    assert signer.jabatan == f"Plt. {draft.disahkan_oleh}"
    assert signer.name == plt.full_name
    assert signer.nip == plt.nip_display
    assert signer.pangkat == plt.get_pangkat_display()
    page = client_for(sekretaris).get(reverse("sop:detail", args=["penyusunan-rkt"]))
    html = page.content.decode()
    assert f"Plt. {draft.disahkan_oleh}," in html
    assert plt.full_name in html
    assert holder.full_name not in html.split('class="sop-signer"')[1][:200]


def test_a_plh_kepala_may_not_approve(demo, sekretaris, client_for):
    _substitute(demo, sekretaris, Substitution.Kind.PLH)
    seed_draft(demo)
    response = client_for(sekretaris).post(
        reverse("sop:approve", args=["penyusunan-rkt"]), {"passphrase": "x"}
    )
    assert response.status_code == 403


def test_a_running_process_stays_on_its_version_after_an_approval(
    demo, kepala, kepala_certificate, client_for, without_step_actions
):
    sop = seed_sop(demo)
    running = engine.start_process(sop=sop, year=2027, by=kepala)
    first = running.sop_version
    draft = seed_draft(demo)
    response = client_for(kepala).post(
        reverse("sop:approve", args=["penyusunan-rkt"]), {"passphrase": DEMO_PASSPHRASE}
    )
    assert response.status_code == 302
    running.refresh_from_db()
    assert running.sop_version == first
    task = running.tasks.get(status="open")
    assert task.step.version_id == first.pk
    finish(task)
    assert running.tasks.filter(status="open").first().step.version_id == first.pk
    later = engine.start_process(sop=sop, year=2028, by=kepala)
    assert later.sop_version == draft
