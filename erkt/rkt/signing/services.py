"""What step 10 "ya" needs (a passphrase that opens the signer's certificate, or a scan),
and what it does: freeze the final version, issue the final RKT, sign it or keep the scan."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from erkt.documents import registry
from erkt.documents.models import IssuedDocument
from erkt.documents.pdf import describing
from erkt.documents.services import pdf_identity
from erkt.documents.signing.certificates import CertificateError
from erkt.documents.signing.services import (
    PDF_MAGIC,
    check_scan,
    check_signer,
    sign_document,
    store_scan,
)
from erkt.org.access import employee_of
from erkt.org.models import Role, Substitution
from erkt.org.substitutes import acting_kind
from erkt.rkt.documents.rkt import FINAL, final_pdf_with_box, issue_version_document
from erkt.rkt.drafts.versions import freeze_final
from erkt.workflow.errors import Invalid, NotAllowed
from erkt.workflow.models import Process, Task
from erkt.workflow.permissions import position_with_role


def passphrase_of(payload: Mapping[str, Any]) -> str:
    return str(payload.get("passphrase") or "")


def may_sign_personally(user: Any, process: Process) -> bool:
    """Whether `user` signs the process's RKT in person: the Kepala Badan of its organisation.

    Signing is personal (PP 71/2019: the signer enters the passphrase); an administrator
    acting for the Kepala never signs. A Plt. Kepala Badan signs with their own
    certificate; a Plh. never does (plh_refusal).
    """
    position = position_with_role(user, process.organization_id, Role.KEPALA)
    return position is not None and acting_kind(position) != Substitution.Kind.PLH


def is_plh_kepala(user: Any, process: Process) -> bool:
    """The user stands in for the Kepala Badan today as Plh. (and is no Kepala themselves)."""
    position = position_with_role(user, process.organization_id, Role.KEPALA)
    return position is not None and acting_kind(position) == Substitution.Kind.PLH


def plh_refusal() -> str:
    return _(
        "Sebagai Plh. Kepala Badan Anda tidak dapat mengesahkan dan menandatangani RKT. "
        "Plh. melaksanakan tugas rutin pejabat definitif yang berhalangan sementara dan tidak "
        "berwenang mengambil keputusan atau tindakan yang bersifat strategis, seperti "
        "penetapan rencana kerja (UU 30/2014 tentang Administrasi Pemerintahan Pasal 14 "
        "ayat (7); Surat Edaran Kepala BKN Nomor 1/SE/I/2021 tentang Kewenangan Pelaksana "
        "Harian dan Pelaksana Tugas dalam Aspek Kepegawaian). RKT ditandatangani oleh Kepala "
        "Badan sendiri atau oleh Plt. Kepala Badan."
    )


def require_personal_signer(task: Task, by: Any) -> None:
    if is_plh_kepala(by, task.process):
        raise NotAllowed(plh_refusal())
    if not may_sign_personally(by, task.process):
        raise NotAllowed(
            _(
                "Pengesahan dan penandatanganan RKT bersifat pribadi (PP 71/2019): hanya "
                "Kepala Badan sendiri yang dapat memilih 'ya' pada langkah ini, dengan "
                "sertifikat elektroniknya atau pindaian RKT yang ditandatanganinya. "
                "Administrator tidak dapat bertindak atas namanya."
            )
        )


def scan_with_uploader(task: Task, payload: Mapping[str, Any], by: Any) -> tuple[bytes, Any] | None:
    """The wet-signed scan and who uploaded it: given with the completion (by the signer),
    else the latest PDF uploaded to the task (by its uploader)."""
    scan = payload.get("scan")
    if scan:
        return (scan if isinstance(scan, bytes) else scan.read()), by
    for attachment in task.attachments.select_related("uploaded_by").order_by(
        "-uploaded_at", "-pk"
    ):
        with attachment.file.open("rb") as stored:
            content = stored.read()
        if content.startswith(PDF_MAGIC):
            return content, attachment.uploaded_by
    return None


def scan_of(task: Task, payload: Mapping[str, Any]) -> bytes | None:
    """The wet-signed scan: given with the completion, else a PDF uploaded to the task."""
    found = scan_with_uploader(task, payload, None)
    return found[0] if found else None


def check_signing(task: Task, by: Any, payload: Mapping[str, Any]) -> None:
    """Refuse "ya" unless the Kepala signs in person (NotAllowed), with a passphrase that
    opens their certificate or a wet-signed scan (Invalid)."""
    require_personal_signer(task, by)
    try:
        passphrase = passphrase_of(payload)
        if passphrase:
            check_signer(task.process.organization, by, passphrase)
            return
        scan = scan_of(task, payload)
        if scan is None:
            raise Invalid(
                _(
                    "Pengesahan RKT memerlukan tanda tangan: masukkan frasa sandi sertifikat "
                    "elektronik Anda di halaman Tanda Tangan RKT, atau unggah pindaian RKT "
                    "yang ditandatangani basah (PDF)."
                )
            )
        check_scan(scan)
    except CertificateError as error:
        raise Invalid(error.message) from error


def sign_final(task: Task, by: Any, payload: Mapping[str, Any]) -> IssuedDocument:
    """Freeze the final version, issue the final RKT and sign it (or keep the scan)."""
    draft = freeze_final(task.process, by=by)
    document = issue_version_document(draft, by=by)
    stem = registry.get(document.kind).filename(document.snapshot)
    signer = document.snapshot.get("signature") or {}
    passphrase = passphrase_of(payload)
    try:
        if passphrase:
            with describing(pdf_identity(document)):
                pdf, box = final_pdf_with_box(document.snapshot)
            sign_document(
                document,
                pdf=pdf,
                box=box,
                by=by,
                passphrase=passphrase,
                filename=f"{stem}.pdf",
                signer_title=signer.get("jabatan", ""),
            )
        else:
            employee = employee_of(by)
            content, uploader = scan_with_uploader(task, payload, by) or (b"", by)
            store_scan(
                document,
                content=content,
                by=by,
                uploaded_by=uploader,
                filename=f"{stem}-ttd-basah.pdf",
                signer_name=signer.get("name") or (employee.full_name if employee else ""),
                signer_title=signer.get("jabatan", ""),
            )
    except CertificateError as error:
        raise Invalid(error.message) from error
    return document


def signed_final(process: Process) -> IssuedDocument | None:
    """The signed (or wet-signed) final RKT of the process, if step 10 said "ya"."""
    return (
        IssuedDocument.objects.filter(process=process, kind=FINAL)
        .exclude(pdf_file="")
        .order_by("-issued_at", "-pk")
        .first()
    )
