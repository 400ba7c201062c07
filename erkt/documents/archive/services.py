"""Archiving a process: the Berkas, its immutable bundle, and the archiving step completed.

Everything happens in one transaction under the process row lock: the Berkas is
created, the archiving task completes (so the process is finished and read-only from
then on, and no change can slip in between archiving and completion), every document
of the process is issued, and the bundle is built from them and the audit extract.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from erkt.audit.log import chain_head, record
from erkt.documents import registry
from erkt.documents.archive.bundle import audit_extract, build_bundle, verify_bundle
from erkt.documents.archive.models import Berkas
from erkt.documents.archive.seal import archive_signer
from erkt.documents.archive.step import require_archive_task
from erkt.documents.services import freeze
from erkt.documents.signing.certificates import CertificateError
from erkt.org.access import employee_of
from erkt.workflow import engine
from erkt.workflow.errors import Invalid
from erkt.workflow.events import process_event
from erkt.workflow.models import Notification, Process
from erkt.workflow.permissions import acting_position
from erkt.workflow.versioning import stale

BERKAS_FIELDS = (
    "nomor_berkas",
    "kode_klasifikasi",
    "uraian",
    "tanggal",
    "retensi_aktif",
    "retensi_inaktif",
    "nasib_akhir",
)


def create_berkas(process: Process, *, by: Any, data: dict[str, Any]) -> Berkas:
    """Archive the process as the holder of its open archiving task; returns the Berkas.

    Every document is issued and its files stored before the transaction (rendering takes
    seconds), so the lock on the process (and, on SQLite, on the whole database) is held
    only briefly: the bundle packs the stored files. The transaction checks everything
    again and renders only a document that changed meanwhile.
    """
    _check(process, by, data)
    try:
        signer = archive_signer(process.organization)  # refused before anything changes
    except CertificateError as error:
        raise Invalid(error.message) from error
    for document in registry.providers(process, by=by):
        freeze(document)
    with transaction.atomic():
        process = (
            Process.objects.select_for_update().select_related("organization").get(pk=process.pk)
        )
        task, nomor = _check(process, by, data)
        position = acting_position(by, task)
        employee = employee_of(by)
        berkas = Berkas.objects.create(
            organization=process.organization,
            process=process,
            arsiparis=by,
            arsiparis_name=employee.full_name if employee else by.get_username(),
            arsiparis_nip=(employee.nip or "") if employee else "",
            arsiparis_jabatan=position.title if position else "",
            **{**{name: data[name] for name in BERKAS_FIELDS}, "nomor_berkas": nomor},
        )
        engine.complete_task(
            task, by=by, note=_("Diarsipkan dalam berkas %(nomor)s.") % {"nomor": nomor}
        )
        process.refresh_from_db()
        documents = registry.providers(process, by=by)
        berkas.documents.set(documents)
        bundle = build_bundle(
            berkas={**berkas_data(berkas), "audit_head": chain_head(process.organization)},
            documents=documents,
            audit=audit_extract(process),
            signer=signer,
        )
        save_atomically(berkas.bundle, f"berkas-{berkas.pk}.zip", ContentFile(bundle.content))
        try:
            berkas.bundle_sha256 = bundle.sha256
            berkas.manifest = bundle.hashes
            berkas.manifest_sha256 = bundle.manifest_sha256
            berkas.save(update_fields=sorted(Berkas.BUNDLE_FIELDS))
            _record(berkas, by, position)
            process_event.send(
                Berkas,
                process=process,
                kind=Notification.Kind.ARCHIVED,
                by=by,
                facts={"nomor_berkas": nomor},
            )
        except Exception:
            berkas.bundle.storage.delete(berkas.bundle.name)  # no ZIP without its Berkas
            raise
    return berkas


def save_atomically(field: FieldFile, filename: str, content: File) -> None:
    """Store `content` as the field's file, all or nothing: on local storage it is written
    to a temporary name in the same directory and renamed into place, so a crash or a full
    disk midway never leaves a partial ZIP under the final name (object storages write an
    object whole anyway)."""
    storage = field.storage
    if not isinstance(storage, FileSystemStorage):
        field.save(filename, content, save=False)
        return
    name = storage.get_available_name(field.field.generate_filename(field.instance, filename))
    path = storage.path(name)
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=os.path.dirname(path))
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in content.chunks():
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    setattr(field.instance, field.field.attname, name)


def _check(process: Process, by: Any, data: dict[str, Any]) -> tuple[Any, str]:
    """The open archiving task of `by` and the nomor berkas, or the refusal."""
    existing = Berkas.objects.filter(process=process).select_related("arsiparis").first()
    if existing is not None:
        # Someone archived it since the form was loaded (version 0): a stale write.
        raise stale(existing, process.organization.time_zone)
    task = require_archive_task(process, by)
    nomor = (data.get("nomor_berkas") or "").strip()
    if not nomor:
        raise Invalid(_("Nomor berkas wajib diisi."))
    if Berkas.objects.filter(organization=process.organization, nomor_berkas=nomor).exists():
        raise Invalid(_("Nomor berkas %(nomor)s sudah dipakai.") % {"nomor": nomor})
    return task, nomor


def _record(berkas: Berkas, by: Any, position) -> None:
    record(
        organization=berkas.organization,
        user=by,
        position=position,
        action="archive.berkas.create",
        obj=berkas,
        after={
            **{name: getattr(berkas, name) for name in BERKAS_FIELDS},
            "bundle_sha256": berkas.bundle_sha256,
            "files": len(berkas.manifest),
        },
    )


def berkas_data(berkas: Berkas) -> dict[str, Any]:
    """The Berkas as manifest.json records it."""
    process = berkas.process
    return {
        "nomor_berkas": berkas.nomor_berkas,
        "kode_klasifikasi": berkas.kode_klasifikasi,
        "uraian": berkas.uraian,
        "tanggal": berkas.tanggal.isoformat(),
        "retensi_aktif_tahun": berkas.retensi_aktif,
        "retensi_inaktif_tahun": berkas.retensi_inaktif,
        "nasib_akhir": berkas.nasib_akhir,
        "arsiparis": {
            "name": berkas.arsiparis_name,
            "nip": berkas.arsiparis_nip,
            "jabatan": berkas.arsiparis_jabatan,
        },
        "organization": berkas.organization.name,
        "process": {
            "id": process.pk,
            "sop": process.sop_version.sop.code,
            "sop_version": process.sop_version.number,
            "judul": process.sop_version.judul,
            "year": process.year,
            "start_date": process.start_date.isoformat(),
        },
    }


def verify(berkas: Berkas):
    """The BundleReport of the Berkas's stored bundle."""
    content = None
    if berkas.bundle:
        try:
            with berkas.bundle.open("rb") as stored:
                content = stored.read()
        except OSError:
            content = None
    return verify_bundle(
        content,
        stored=berkas.manifest,
        bundle_sha256=berkas.bundle_sha256,
        manifest_sha256=berkas.manifest_sha256,
    )
