"""Saving the content of steps 1-3, each save one transaction with its audit entry.

The people named are copied onto the rows (a snapshot), so the printed lembar
disposisi, invitation, attendance list and minutes show who held which jabatan then.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from erkt.audit.log import record
from erkt.org.access import employee_of
from erkt.org.models import Employee, Position, Role, Unit
from erkt.org.substitutes import acting_title
from erkt.rkt.preparation.models import (
    AnggotaTim,
    Disposisi,
    JadwalLangkah,
    PesertaRapat,
    RapatSosialisasi,
    RencanaPenyusunan,
)
from erkt.workflow import engine
from erkt.workflow.errors import Conflict
from erkt.workflow.models import Process
from erkt.workflow.permissions import position_with_role
from erkt.workflow.versioning import save_versioned

DISPOSISI_FIELDS = ("nomor_agenda", "tanggal", "perihal", "isi", "sifat", "batas_waktu")
RAPAT_FIELDS = ("nomor_undangan", "tanggal", "waktu", "tempat", "agenda")


@dataclass(frozen=True)
class Person:
    """Who held a jabatan at the time of a record."""

    name: str = ""
    title: str = ""
    nip: str = ""
    pangkat: str = ""


def person(employee: Employee | None, position: Position | None) -> Person:
    """The person as a document names them; a Plt./Plh. position read with the user's
    positions gives 'Plh. Kepala Badan'."""
    if employee is None:
        return Person(title=position.title if position else "")
    return Person(
        name=employee.full_name,
        title=acting_title(position) if position else "",
        nip=employee.nip or "",
        pangkat=employee.get_pangkat_display() if employee.pangkat else "",
    )


def holder(position: Position | None) -> Employee | None:
    return position.holders.order_by("pk").first() if position is not None else None


def role_position(process: Process, role: Role) -> Position | None:
    return Position.objects.filter(organization=process.organization, role=role).first()


def tim_perencanaan_holders(process: Process) -> list[Employee]:
    """The default team: the holders of the Tim Perencanaan positions."""
    return list(
        Employee.objects.filter(
            positions__organization=process.organization,
            positions__role=Role.TIM_PERENCANAAN,
        )
        .distinct()
        .order_by("name")
    )


def require_running(process: Process) -> None:
    """Lock the process row (serialised with the engine); a finished process is read-only."""
    status = Process.objects.select_for_update().values_list("status", flat=True).get(pk=process.pk)
    if status != Process.Status.RUNNING:
        raise Conflict(_("Pelaksanaan SOP ini sudah tidak berjalan; isinya tidak dapat diubah."))


def _time_zone(process: Process) -> str:
    return process.organization.time_zone


# --- Step 1 --------------------------------------------------------------------------------


def save_disposisi(
    process: Process, *, by: Any, data: dict[str, Any], version: int | None = None
) -> Disposisi:
    """Record (or correct) the disposition, signed by the acting Kepala Badan.

    `version` is the one the editor loaded (0: none recorded yet); a change by
    someone else since raises versioning.Stale (409) and nothing is written.
    """
    with transaction.atomic():
        require_running(process)
        disposisi = Disposisi.objects.filter(process=process).first() or Disposisi(
            process=process, created_by=by
        )
        before = _state(disposisi, DISPOSISI_FIELDS) if disposisi.pk else None
        save_versioned(disposisi, version, by=by, time_zone=_time_zone(process))
        for name in DISPOSISI_FIELDS:
            setattr(disposisi, name, data[name])
        kepala = position_with_role(by, process.organization_id, Role.KEPALA)
        sender = person(employee_of(by), kepala)
        disposisi.from_position = kepala
        disposisi.from_name, disposisi.from_title = sender.name, sender.title
        disposisi.from_nip, disposisi.from_pangkat = sender.nip, sender.pangkat
        to_position = role_position(process, Role.KASUBBAG_PERENCANAAN)
        receiver = person(holder(to_position), to_position)
        disposisi.to_position = to_position
        disposisi.to_name, disposisi.to_title, disposisi.to_nip = (
            receiver.name,
            receiver.title,
            receiver.nip,
        )
        disposisi.save()
        _audit(process, by, kepala, "disposisi.save", disposisi, before, DISPOSISI_FIELDS)
    return disposisi


# --- Step 2 --------------------------------------------------------------------------------


def save_rencana(
    process: Process,
    *,
    by: Any,
    uraian: str,
    tim: Iterable[Employee],
    working_days: dict[int, int],
    version: int | None = None,
) -> RencanaPenyusunan:
    """Record the plan: tighten the process's schedule, then keep the team and schedule.

    A refused schedule (erkt.workflow.errors.Invalid), or a plan changed by someone
    else since the editor loaded `version` (versioning.Stale), leaves everything as it was.
    """
    with transaction.atomic():
        require_running(process)
        rencana = RencanaPenyusunan.objects.filter(process=process).first()
        before = _rencana_state(rencana) if rencana else None
        rencana = rencana or RencanaPenyusunan(process=process, created_by=by)
        save_versioned(rencana, version, by=by, time_zone=_time_zone(process))
        engine.tighten_plan(process, by=by, working_days=working_days)
        process.refresh_from_db(fields=["planned_end", "step_working_days"])
        rencana.uraian = uraian
        rencana.planned_end = process.planned_end
        rencana.save()
        _keep_team(rencana, tim)
        _keep_schedule(rencana, process)
        position = position_with_role(by, process.organization_id, Role.KASUBBAG_PERENCANAAN)
        record(
            organization=process.organization,
            user=by,
            position=position,
            action="rencana.save",
            obj=rencana,
            before=before,
            after=_rencana_state(rencana),
        )
    return rencana


def _keep_team(rencana: RencanaPenyusunan, tim: Iterable[Employee]) -> None:
    rencana.anggota.all().delete()
    members = (
        Employee.objects.filter(pk__in=[e.pk for e in tim])
        .prefetch_related("positions")
        .order_by("name")
    )
    AnggotaTim.objects.bulk_create(
        AnggotaTim(
            rencana=rencana,
            employee=employee,
            order=order,
            name=employee.full_name,
            title=", ".join(p.title for p in employee.positions.all()),
            nip=employee.nip or "",
        )
        for order, employee in enumerate(members, start=1)
    )


def _keep_schedule(rencana: RencanaPenyusunan, process: Process) -> None:
    rencana.jadwal.all().delete()
    runs = process.step_runs.select_related("step__actor").order_by("number")
    JadwalLangkah.objects.bulk_create(
        JadwalLangkah(
            rencana=rencana,
            number=run.number,
            uraian=run.step.uraian,
            pelaksana=run.step.actor.name,
            sop_working_days=run.step.working_days,
            working_days=process.working_days_for(run.step),
            planned_start=run.planned_start,
            planned_due=run.planned_due,
        )
        for run in runs
    )


def _rencana_state(rencana: RencanaPenyusunan) -> dict[str, Any]:
    return {
        "uraian": rencana.uraian,
        "planned_end": rencana.planned_end,
        "tim": [a.name for a in rencana.anggota.all()],
        "jadwal": {j.number: j.working_days for j in rencana.jadwal.all()},
    }


# --- Step 3 --------------------------------------------------------------------------------


def save_rapat(
    process: Process, *, by: Any, data: dict[str, Any], version: int | None = None
) -> RapatSosialisasi:
    """Record the meeting's invitation; the first save invites every form-filling unit's head.

    A meeting changed by someone else since the editor loaded `version` raises
    versioning.Stale (409) and nothing is written.
    """
    with transaction.atomic():
        require_running(process)
        rapat = RapatSosialisasi.objects.filter(process=process).first()
        created = rapat is None
        rapat = rapat or RapatSosialisasi(process=process, created_by=by)
        save_versioned(rapat, version, by=by, time_zone=_time_zone(process))
        before = None if created else _state(rapat, RAPAT_FIELDS)
        for name in RAPAT_FIELDS:
            setattr(rapat, name, data[name])
        kepala = role_position(process, Role.KEPALA)
        signer = person(holder(kepala), kepala)
        rapat.signer_name, rapat.signer_title = signer.name, signer.title
        rapat.signer_nip, rapat.signer_pangkat = signer.nip, signer.pangkat
        position = position_with_role(by, process.organization_id, Role.KASUBBAG_PERENCANAAN)
        notulis = person(employee_of(by), position)
        rapat.notulis_name, rapat.notulis_title, rapat.notulis_nip = (
            notulis.name,
            notulis.title,
            notulis.nip,
        )
        rapat.save()
        if created:
            _invite_unit_heads(rapat)
        _audit(process, by, position, "rapat.save", rapat, before, RAPAT_FIELDS)
    return rapat


def invited_units(process: Process) -> list[Unit]:
    """The units whose heads the meeting invites: every unit that fills a Form RKT."""
    return list(
        Unit.objects.filter(organization=process.organization, fills_form_rkt=True)
        .select_related("head_position")
        .order_by("order", "name")
    )


def _invite_unit_heads(rapat: RapatSosialisasi) -> None:
    rows = []
    for order, unit in enumerate(invited_units(rapat.process), start=1):
        position = unit.head_position
        head = holder(position)
        snapshot = person(head, position)
        rows.append(
            PesertaRapat(
                rapat=rapat,
                order=order,
                unit=unit,
                unit_name=unit.name,
                position=position,
                title=snapshot.title or unit.name,
                employee=head,
                name=snapshot.name,
                nip=snapshot.nip,
            )
        )
    PesertaRapat.objects.bulk_create(rows)


def record_attendance(
    rapat: RapatSosialisasi,
    *,
    by: Any,
    attendance: dict[int, tuple[str, str]],
    notulen: str,
    version: int | None = None,
) -> RapatSosialisasi:
    """Record who came ({peserta pk: (kehadiran, wakil name)}) and the minutes.

    A meeting changed by someone else since the editor loaded `version` raises
    versioning.Stale (409) and nothing is written.
    """
    with transaction.atomic():
        require_running(rapat.process)
        save_versioned(rapat, version, by=by, time_zone=_time_zone(rapat.process))
        peserta = list(rapat.peserta.all())
        before = _attendance_state(rapat, peserta)
        for row in peserta:
            kehadiran, wakil = attendance[row.pk]
            row.kehadiran = kehadiran
            row.wakil_name = wakil if kehadiran == PesertaRapat.Kehadiran.DIWAKILI else ""
            row.save(update_fields=["kehadiran", "wakil_name"])
        rapat.notulen = notulen
        rapat.save(update_fields=["notulen", "updated_at", "updated_by", "version"])
        process = rapat.process
        position = position_with_role(by, process.organization_id, Role.KASUBBAG_PERENCANAAN)
        record(
            organization=process.organization,
            user=by,
            position=position,
            action="rapat.attendance",
            obj=rapat,
            before=before,
            after=_attendance_state(rapat, peserta),
        )
    return rapat


def _attendance_state(rapat: RapatSosialisasi, peserta: list[PesertaRapat]) -> dict[str, Any]:
    return {
        "kehadiran": {p.title: [p.kehadiran, p.wakil_name] for p in peserta},
        "notulen": rapat.notulen,
    }


# --- Audit ---------------------------------------------------------------------------------


def _state(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


def _audit(
    process: Process,
    by: Any,
    position: Position | None,
    action: str,
    obj: Any,
    before: dict[str, Any] | None,
    fields: Iterable[str],
) -> None:
    record(
        organization=process.organization,
        user=by,
        position=position,
        action=action,
        obj=obj,
        before=before,
        after=_state(obj, fields),
    )
