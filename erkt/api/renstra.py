"""The Renstra of the caller's organisation: the list of periods and one whole tree."""

from django.http import Http404, HttpRequest
from ninja import Router

from erkt.api.rkt_schemas import RenstraOut, RenstraSummary
from erkt.org.access import organization_of
from erkt.rkt.models import Renstra

router = Router(tags=["Renstra"])


def renstra_summary(renstra: Renstra) -> dict:
    return {
        "id": renstra.pk,
        "title": renstra.title,
        "period_start": renstra.period_start,
        "period_end": renstra.period_end,
        "years": renstra.years,
    }


@router.get("/renstra", response=list[RenstraSummary], summary="Daftar Renstra")
def renstra_list(request: HttpRequest) -> list[dict]:
    renstra = Renstra.objects.filter(organization=organization_of(request.user))
    return [renstra_summary(item) for item in renstra]


@router.get(
    "/renstra/{renstra_id}",
    response=RenstraOut,
    summary="Satu Renstra: tujuan, sasaran, IKU, program sampai sub kegiatan, target dan pagu",
)
def renstra_detail(request: HttpRequest, renstra_id: int) -> dict:
    renstra = (
        Renstra.objects.with_tree()
        .filter(pk=renstra_id, organization=organization_of(request.user))
        .first()
    )
    if renstra is None:
        raise Http404
    return renstra.as_dict()
