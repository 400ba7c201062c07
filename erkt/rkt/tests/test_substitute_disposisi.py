"""A Plt. Kepala Badan gives the disposisi of step 1: the sheet names them as "Plt. Kepala
Badan", and the history says on whose behalf."""

from __future__ import annotations

import datetime

from django.urls import reverse

from erkt.audit.models import AuditEntry
from erkt.org.models import Employee, Position, Role, Substitution
from erkt.rkt.preparation.models import Disposisi
from erkt.rkt.tests.preparation_helpers import RKT_START, version_now


def form_data(process) -> dict:
    return {
        "nomor_agenda": "12/BKPSDM/2026",
        "tanggal": "2026-11-02",
        "perihal": "Penyusunan RKT Tahun 2027",
        "isi": "Segera susun RKT 2027 bersama Tim Perencanaan.",
        "sifat": "segera",
        "batas_waktu": process.planned_end.isoformat(),
        "version": version_now(Disposisi, process),
    }


def test_a_plt_kepala_gives_the_disposisi_in_their_own_name_as_plt(
    rkt_process, sekretaris, client_for
):
    Substitution.objects.create(
        organization=rkt_process.organization,
        position=Position.objects.get(organization=rkt_process.organization, role=Role.KEPALA),
        substitute=Employee.objects.get(user=sekretaris),
        kind=Substitution.Kind.PLT,
        start_date=RKT_START,
        end_date=RKT_START + datetime.timedelta(days=60),
        sp_number="800/030/BKPSDM/2026",
        sp_date=RKT_START,
    )
    response = client_for(sekretaris).post(
        reverse("rkt:disposisi", args=[rkt_process.pk]), form_data(rkt_process)
    )
    assert response.status_code == 302
    disposisi = Disposisi.objects.get(process=rkt_process)
    name = Employee.objects.get(user=sekretaris).full_name
    assert (disposisi.from_name, disposisi.from_title) == (name, "Plt. Kepala Badan")
    entry = AuditEntry.objects.filter(user=sekretaris).latest("seq")
    assert entry.acting_kind == "plt"
    assert entry.who == f"Plt. {name} atas nama Dr. H. Ahmad Rifani, S.Sos., M.Si."
