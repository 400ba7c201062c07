from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from erkt.org.access import organization_of
from erkt.sop.models import Sop


@login_required
@require_GET
def sop_list(request: HttpRequest) -> HttpResponse:
    sops = Sop.objects.filter(organization=organization_of(request.user))
    return render(request, "sop/sop_list.html", {"sops": sops})
