"""The pengesahan of an SOP version: the Kepala (or a Plt. Kepala) signs the official
document with the organisation's signing provider (their uploaded PKCS#12, or BSrE), the
signed PDF is kept as an issued document, and the draft becomes the version in force.

Processes already running keep the version they started with (Process.sop_version)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from erkt.audit.log import record
from erkt.compiled_sql import Shape
from erkt.documents.archive.records import SCHEMA, SOP
from erkt.documents.models import IssuedDocument
from erkt.documents.services import issue
from erkt.documents.signing.services import check_signer, sign_document
from erkt.documents.snapshots import kop
from erkt.org.models import Position
from erkt.org.substitutes import acting_title
from erkt.sop.document import pdf_filename, render_pdf
from erkt.sop.models import SopVersion


def _key(version: SopVersion) -> str:
    return f"sop-version:{version.pk}"


# The latest signed pengesahan of a version, compiled once (erkt.compiled_sql).
SIGNED_DOCUMENT = Shape(
    lambda organization_id, key: (
        IssuedDocument.objects.filter(
            organization_id=organization_id, process=None, kind=SOP, key=key
        )
        .exclude(pdf_file="")
        .order_by("-issued_at", "-pk")[:1]
    )
)


def signed_document(version: SopVersion) -> IssuedDocument | None:
    """The signed pengesahan of the version, when it was approved in the editor."""
    found = SIGNED_DOCUMENT.rows(version.sop.organization_id, _key(version))
    return found[0] if found else None


def approve_and_sign(
    version: SopVersion, *, by: Any, position: Position, passphrase: str
) -> IssuedDocument:
    """Approve the draft and sign its document; raises CertificateError (a wrong
    passphrase, no certificate), SopDefinitionError or SopVersionError, changing nothing."""
    organization = version.sop.organization
    check_signer(organization, by, passphrase)
    with transaction.atomic():
        version.approve(by)
        version.refresh_from_db()
        document = issue(
            kind=SOP,
            key=_key(version),
            title=_("SOP %(judul)s (versi %(number)d)")
            % {"judul": version.judul, "number": version.number},
            snapshot={
                "schema": SCHEMA,
                "kop": kop(organization),
                "sop_version": version.pk,
                "code": version.sop.code,
                "number": version.number,
                "nomor": version.nomor,
                "judul": version.judul,
                "draft": False,
                "created_on": str(version.tanggal_efektif or version.tanggal_pembuatan or ""),
            },
            organization=organization,
            by=by,
        )
        sign_document(
            document,
            pdf=render_pdf(version, watermark=""),
            box=None,
            by=by,
            passphrase=passphrase,
            filename=pdf_filename(version),
            signer_title=acting_title(position),
        )
        record(
            organization=organization,
            user=by,
            position=position,
            action="sop.approve",
            obj=version,
            after={"sop": version.sop.code, "version": version.number, "document": document.code},
        )
    return document
