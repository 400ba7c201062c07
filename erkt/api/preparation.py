"""Steps 1-3: the disposition, the preparation plan (team and schedule), the socialisation meeting.

Every user of the organisation reads them; the step's actor records them while the
step's task is open. The bodies go through the web page's forms, so a refusal
carries the page's message, and through the same services.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from erkt.api.errors import ApiError, invalid_form
from erkt.api.rkt_schemas import (
    AttendanceIn,
    DisposisiIn,
    DisposisiOut,
    RapatIn,
    RapatOut,
    RencanaIn,
    RencanaOut,
)
from erkt.rkt.preparation.forms import DisposisiForm, KehadiranForm, RapatForm, RencanaForm
from erkt.rkt.preparation.models import Disposisi, RapatSosialisasi, RencanaPenyusunan
from erkt.rkt.preparation.services import (
    record_attendance,
    save_disposisi,
    save_rapat,
    save_rencana,
    tim_perencanaan_holders,
)
from erkt.rkt.preparation.steps import (
    DISPOSISI,
    RENCANA,
    SOSIALISASI,
    editing_task,
    open_task,
    step_of,
)
from erkt.workflow.calendar import today_for
from erkt.workflow.models import Process
from erkt.workflow.pages import get_process

router = Router(tags=["Persiapan (langkah 1-3)"])


def _process(request: HttpRequest, process_id: int, key: str) -> Process:
    """The process of the caller's organisation whose SOP has the step `key` (else 404)."""
    process = get_process(request.user, process_id)
    step_of(process, key)
    return process


def _require_editor(request: HttpRequest, process: Process, key: str) -> None:
    """The caller is the actor of the step and its task is open now."""
    if editing_task(process, key, request.user) is not None:
        return
    if open_task(process, key) is None:
        number = step_of(process, key).number
        raise ApiError(409, _("Langkah %(number)s tidak sedang berjalan.") % {"number": number})
    raise PermissionDenied


# --- Step 1 --------------------------------------------------------------------------------


def disposisi_data(disposisi: Disposisi) -> dict:
    return {
        "process": disposisi.process_id,
        **{
            name: getattr(disposisi, name)
            for name in ("nomor_agenda", "tanggal", "perihal", "isi", "sifat", "batas_waktu")
        },
        "dari": {
            "name": disposisi.from_name,
            "title": disposisi.from_title,
            "nip": disposisi.from_nip,
        },
        "kepada": {"name": disposisi.to_name, "title": disposisi.to_title, "nip": disposisi.to_nip},
        "updated_at": disposisi.updated_at,
        "version": disposisi.version,
    }


@router.get("/processes/{process_id}/disposisi", response=DisposisiOut, summary="Lembar disposisi")
def disposisi_detail(request: HttpRequest, process_id: int) -> dict:
    process = _process(request, process_id, DISPOSISI)
    disposisi = Disposisi.objects.filter(process=process).first()
    if disposisi is None:
        raise ApiError(404, _("Lembar disposisi belum dicatat."))
    return disposisi_data(disposisi)


@router.put(
    "/processes/{process_id}/disposisi",
    response=DisposisiOut,
    summary="Catat atau perbaiki lembar disposisi (Kepala Badan, langkah 1)",
)
def disposisi_save(request: HttpRequest, process_id: int, payload: DisposisiIn) -> dict:
    process = _process(request, process_id, DISPOSISI)
    _require_editor(request, process, DISPOSISI)
    form = DisposisiForm(
        payload.dict(),
        instance=Disposisi.objects.filter(process=process).first(),
        process=process,
        today=today_for(process.organization),
    )
    if not form.is_valid():
        raise invalid_form(form)
    saved = save_disposisi(
        process, by=request.user, data=form.cleaned_data, version=payload.version
    )
    return disposisi_data(saved)


# --- Step 2 --------------------------------------------------------------------------------


def rencana_data(rencana: RencanaPenyusunan) -> dict:
    return {
        "process": rencana.process_id,
        "uraian": rencana.uraian,
        "planned_end": rencana.planned_end,
        "tim": [
            {"employee": a.employee_id, "name": a.name, "title": a.title, "nip": a.nip}
            for a in rencana.anggota.all()
        ],
        "jadwal": [
            {
                name: getattr(j, name)
                for name in (
                    "number",
                    "uraian",
                    "pelaksana",
                    "sop_working_days",
                    "working_days",
                    "planned_start",
                    "planned_due",
                )
            }
            for j in rencana.jadwal.all()
        ],
        "updated_at": rencana.updated_at,
        "version": rencana.version,
    }


@router.get(
    "/processes/{process_id}/rencana",
    response=RencanaOut,
    summary="Rencana penyusunan RKT: Tim Perencanaan dan jadwal",
)
def rencana_detail(request: HttpRequest, process_id: int) -> dict:
    process = _process(request, process_id, RENCANA)
    rencana = RencanaPenyusunan.objects.filter(process=process).first()
    if rencana is None:
        raise ApiError(404, _("Rencana penyusunan RKT belum dicatat."))
    return rencana_data(rencana)


def _current_team(process: Process) -> list[int]:
    """The team the page proposes: the recorded one, else the Tim Perencanaan holders."""
    rencana = RencanaPenyusunan.objects.filter(process=process).first()
    if rencana is not None:
        return [a.employee_id for a in rencana.anggota.all()]
    return [employee.pk for employee in tim_perencanaan_holders(process)]


def _rencana_form(process: Process, payload: RencanaIn) -> RencanaForm:
    """The page's form, filled from the body; a step left out keeps its planned days."""
    runs = list(process.step_runs.select_related("step__actor").order_by("number"))
    unknown = sorted(set(payload.working_days) - {run.number for run in runs})
    if unknown:
        raise ApiError(
            422,
            _("Langkah %(numbers)s tidak ada pada SOP ini.")
            % {"numbers": ", ".join(str(number) for number in unknown)},
        )
    tim = payload.tim if payload.tim is not None else _current_team(process)
    data = {"uraian": payload.uraian, "tim": [str(pk) for pk in tim], "version": payload.version}
    for run in runs:
        planned = payload.working_days.get(run.number, process.working_days_for(run.step))
        data[RencanaForm.day_field(run)] = str(planned)
    return RencanaForm(data, process=process, runs=runs)


@router.put(
    "/processes/{process_id}/rencana",
    response=RencanaOut,
    summary="Catat rencana penyusunan RKT (Kasubbag Perencanaan, langkah 2)",
)
def rencana_save(request: HttpRequest, process_id: int, payload: RencanaIn) -> dict:
    process = _process(request, process_id, RENCANA)
    _require_editor(request, process, RENCANA)
    form = _rencana_form(process, payload)
    if not form.is_valid():
        raise invalid_form(form)
    rencana = save_rencana(
        process,
        by=request.user,
        uraian=form.cleaned_data["uraian"].strip(),
        tim=form.cleaned_data["tim"],
        working_days=form.working_days(),
        version=payload.version,
    )
    return rencana_data(rencana)


# --- Step 3 --------------------------------------------------------------------------------


def rapat_data(rapat: RapatSosialisasi) -> dict:
    peserta = list(rapat.peserta.select_related("unit"))
    return {
        "process": rapat.process_id,
        **{
            name: getattr(rapat, name)
            for name in ("nomor_undangan", "tanggal", "waktu", "tempat", "agenda", "notulen")
        },
        "penanda_tangan": {
            "name": rapat.signer_name,
            "title": rapat.signer_title,
            "nip": rapat.signer_nip,
        },
        "notulis": {
            "name": rapat.notulis_name,
            "title": rapat.notulis_title,
            "nip": rapat.notulis_nip,
        },
        "peserta": [
            {
                "id": p.pk,
                "unit": p.unit.short_name if p.unit_id else None,
                "unit_name": p.unit_name,
                "title": p.title,
                "name": p.name,
                "nip": p.nip,
                "kehadiran": p.kehadiran,
                "wakil_name": p.wakil_name,
            }
            for p in peserta
        ],
        "missing": rapat.missing(),
        "updated_at": rapat.updated_at,
        "version": rapat.version,
    }


def _rapat(process: Process) -> RapatSosialisasi | None:
    return RapatSosialisasi.objects.filter(process=process).first()


@router.get(
    "/processes/{process_id}/sosialisasi",
    response=RapatOut,
    summary="Rapat sosialisasi: undangan, peserta, kehadiran dan notulen",
)
def sosialisasi_detail(request: HttpRequest, process_id: int) -> dict:
    rapat = _rapat(_process(request, process_id, SOSIALISASI))
    if rapat is None:
        raise ApiError(404, _("Rapat sosialisasi belum dicatat."))
    return rapat_data(rapat)


@router.put(
    "/processes/{process_id}/sosialisasi",
    response=RapatOut,
    summary="Catat undangan rapat sosialisasi (Kasubbag Perencanaan, langkah 3)",
)
def sosialisasi_save(request: HttpRequest, process_id: int, payload: RapatIn) -> dict:
    process = _process(request, process_id, SOSIALISASI)
    _require_editor(request, process, SOSIALISASI)
    form = RapatForm(
        payload.dict(),
        instance=_rapat(process),
        process=process,
        today=today_for(process.organization),
    )
    if not form.is_valid():
        raise invalid_form(form)
    saved = save_rapat(process, by=request.user, data=form.cleaned_data, version=payload.version)
    return rapat_data(saved)


def _kehadiran_form(process: Process, rapat: RapatSosialisasi, payload: AttendanceIn):
    invited = set(rapat.peserta.values_list("pk", flat=True))
    unknown = sorted({item.peserta for item in payload.kehadiran} - invited)
    if unknown:
        raise ApiError(
            422,
            _("Peserta %(ids)s tidak ada pada rapat ini.")
            % {"ids": ", ".join(str(pk) for pk in unknown)},
        )
    data = {"notulen": payload.notulen, "version": payload.version}
    for item in payload.kehadiran:
        data[f"kehadiran_{item.peserta}"] = item.kehadiran
        data[f"wakil_{item.peserta}"] = item.wakil_name
    return KehadiranForm(data, rapat=rapat, today=today_for(process.organization))


@router.put(
    "/processes/{process_id}/sosialisasi/kehadiran",
    response=RapatOut,
    summary="Catat kehadiran peserta dan notulen rapat sosialisasi (langkah 3)",
)
def sosialisasi_kehadiran(request: HttpRequest, process_id: int, payload: AttendanceIn) -> dict:
    process = _process(request, process_id, SOSIALISASI)
    _require_editor(request, process, SOSIALISASI)
    rapat = _rapat(process)
    if rapat is None:
        raise ApiError(409, _("Catat dahulu tanggal, waktu dan tempat rapat."))
    form = _kehadiran_form(process, rapat, payload)
    if not form.is_valid():
        raise invalid_form(form)
    record_attendance(
        rapat,
        by=request.user,
        attendance=form.attendance(),
        notulen=form.cleaned_data["notulen"].strip(),
        version=payload.version,
    )
    return rapat_data(rapat)
