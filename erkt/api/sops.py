"""The SOP definitions in force: identity sheet and flowchart steps."""

from django.http import Http404, HttpRequest
from ninja import Router

from erkt.api.schemas import SopOut, SopSummary
from erkt.org.access import organization_of
from erkt.sop.models import SopVersion

router = Router(tags=["SOP"])

IDENTITY_FIELDS = (
    "judul",
    "nomor",
    "status",
    "tanggal_pembuatan",
    "tanggal_revisi",
    "tanggal_efektif",
    "disahkan_oleh",
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan",
    "peringatan",
    "pencatatan",
)


def active_versions(request: HttpRequest):
    return (
        SopVersion.objects.filter(
            sop__organization=organization_of(request.user), status=SopVersion.Status.ACTIVE
        )
        .select_related("sop")
        .order_by("sop__code")
    )


def summary(version: SopVersion) -> dict:
    return {
        "code": version.sop.code,
        "judul": version.judul,
        "version": version.number,
        "nomor": version.nomor,
        "total_working_days": version.total_working_days,
    }


def step_data(step) -> dict:
    return {
        "number": step.number,
        "uraian": step.uraian,
        "actor": step.actor.key,
        "kind": step.kind,
        "kelengkapan": step.kelengkapan,
        "waktu": {
            "amount": step.waktu_amount,
            "unit": step.waktu_unit,
            "working_days": step.working_days,
        },
        "output": step.output,
        "keterangan": step.keterangan,
        "decision": {"ya": step.yes_step, "tidak": step.no_step} if step.is_decision else None,
        "per_unit": step.per_unit,
    }


@router.get("/sops", response=list[SopSummary], summary="Daftar SOP yang berlaku")
def sop_list(request: HttpRequest) -> list[dict]:
    versions = active_versions(request).prefetch_related("steps")
    return [summary(version) for version in versions]


@router.get("/sops/{code}", response=SopOut, summary="Definisi SOP yang berlaku")
def sop_detail(request: HttpRequest, code: str) -> dict:
    version = active_versions(request).filter(sop__code=code).first()
    if version is None:
        raise Http404
    steps = version.steps.select_related("actor").order_by("number")
    return {
        **summary(version),
        **{name: getattr(version, name) for name in IDENTITY_FIELDS},
        "actors": [
            {"key": a.key, "name": a.name, "role": a.role} for a in version.actors.order_by("order")
        ],
        "steps": [step_data(step) for step in steps],
    }
