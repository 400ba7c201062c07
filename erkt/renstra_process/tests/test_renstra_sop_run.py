"""The SOP Penyusunan Renstra run from start to penetapan through the API and the draft
pages, then the next RKT, whose Form RKT are pre-filled from the Renstra just put in force."""

import pytest
from django.urls import reverse

from erkt.api.tests.helpers import ApiClient, output_file
from erkt.org.demo import DEMO_PASSWORD
from erkt.renstra_process import draft
from erkt.renstra_process.tests.helpers import START, YEAR, YEARS, _workbook, at
from erkt.rkt.demo import load_demo_renstra
from erkt.rkt.models import Renstra
from erkt.rkt.preparation.steps import SOSIALISASI
from erkt.rkt.tests.preparation_helpers import complete, hold_meeting, to_sosialisasi
from erkt.rkt.unit_forms.models import FormRktRow
from erkt.sop.models import Sop
from erkt.workflow import engine
from erkt.workflow.models import Process

pytestmark = [pytest.mark.django_db, pytest.mark.database]

ACTORS = {
    1: "kepala",
    2: "kasubbag.perencanaan",
    3: "tim1",
    4: "tim2",
    5: "kasubbag.perencanaan",
    6: "tim1",
    7: "sekretaris",
    8: "kepala",
}


def sign_in(username: str) -> ApiClient:
    response = ApiClient(None).post(
        "/auth/token", {"username": username, "password": DEMO_PASSWORD, "name": "uji"}
    )
    assert response.status_code == 201, response.content
    return ApiClient(response.json()["token"])


def do_step(apis, process_id: int, number: int, *, upload=True, decision="", note="Selesai."):
    api = apis[ACTORS[number]]
    [task] = [t for t in api.get("/tasks").json() if t["process"] == process_id]
    assert task["step"] == number
    if upload:
        response = api.upload(
            f"/tasks/{task['id']}/attachments", {"file": output_file(f"langkah-{number}.pdf")}
        )
        assert response.status_code == 201, response.content
    return api.post(f"/tasks/{task['id']}/complete", {"note": note, "decision": decision})


def add(client, process_id: int, kind: str, **fields):
    data = {f"{kind}-{name}": value for name, value in fields.items()}
    return client.post(reverse("renstra_process:add", args=[process_id, kind]), data)


def years(prefix: str, values) -> dict:
    return {f"{prefix}_{year}": value for year, value in zip(YEARS, values, strict=True)}


def test_the_renstra_sop_runs_to_penetapan_and_the_next_rkt_prefills_from_it(
    demo, client_for, tim1, tim2, kepala, kasubbag_perencanaan, time_machine
):
    time_machine.move_to(at(START), tick=False)
    previous = load_demo_renstra(demo)  # 2025-2029, in force
    apis = {username: sign_in(username) for username in set(ACTORS.values())}

    started = apis["kepala"].post(
        "/processes", {"sop": "penyusunan-renstra", "year": YEAR, "start_date": START.isoformat()}
    )
    assert started.status_code == 201, started.content
    pid = started.json()["id"]
    process = Process.objects.get(pk=pid)

    # Persiapan: the draft of 2030-2034 exists, and the RKT does not read it.
    assert do_step(apis, pid, 1).status_code == 200
    renstra = draft.draft_of(process)
    assert (renstra.period_label, renstra.status) == ("2030-2034", Renstra.Status.DRAFT)
    assert Renstra.covering(demo, YEAR) is None
    refused = do_step(apis, pid, 2, note="")
    assert refused.status_code == 422
    assert do_step(apis, pid, 2, note="Evaluasi Renstra 2025-2029 selesai.").status_code == 200

    # Rancangan awal: tujuan, sasaran and an IKU entered on the draft page.
    tim = client_for(tim1)
    assert do_step(apis, pid, 3, upload=False).status_code == 422  # nothing entered yet
    assert add(tim, pid, "tujuan", code="T1", uraian="ASN profesional").status_code == 302
    response = add(tim, pid, "sasaran", code="S1", tujuan="T1", uraian="Meningkatnya kinerja ASN")
    assert response.status_code == 302
    assert add(tim, pid, "program", code="5.03.02", name="Program X").status_code == 403
    response = add(
        tim,
        pid,
        "indikator",
        code="S1",
        uraian="Indeks Profesionalitas ASN",
        satuan="indeks",
        arah="naik",
        is_iku="on",
        **years("target", [70, 72, 74, 76, 78]),
    )
    assert response.status_code == 302, response.content
    assert do_step(apis, pid, 3, upload=False).status_code == 200

    # Rancangan: the program tree with its pagu, by the Excel template.
    upload = client_for(tim2).post(
        reverse("renstra_process:import", args=[pid]),
        {"file": _xlsx(demo)},
    )
    assert upload.status_code == 302, upload.content
    assert do_step(apis, pid, 4, upload=False).status_code == 200

    # Forum perangkat daerah, rancangan akhir, the Sekretaris's "tidak" then "ya".
    assert do_step(apis, pid, 5, note="Forum menyepakati rancangan.").status_code == 200
    assert do_step(apis, pid, 6, upload=False).status_code == 200
    tidak = do_step(apis, pid, 7, upload=False, decision="tidak", note="Lengkapi sumber data.")
    assert tidak.status_code == 200
    assert do_step(apis, pid, 6, upload=False).status_code == 200
    assert do_step(apis, pid, 7, upload=False, decision="ya").status_code == 200
    assert Renstra.covering(demo, YEAR) is None

    # Penetapan: the Renstra is in force; the process is complete.
    assert do_step(apis, pid, 8).status_code == 200
    process.refresh_from_db()
    renstra.refresh_from_db()
    assert process.status == Process.Status.COMPLETED
    assert renstra.status == Renstra.Status.DITETAPKAN
    assert Renstra.covering(demo, YEAR) == renstra
    assert Renstra.covering(demo, YEAR - 1) == previous

    # The RKT 2030: its forms are pre-filled from the new Renstra.
    sop = Sop.objects.get(organization=demo, code="penyusunan-rkt")
    rkt = engine.start_process(sop=sop, year=YEAR, by=kepala)
    to_sosialisasi(rkt)
    hold_meeting(rkt)
    complete(rkt, SOSIALISASI)
    rows = FormRktRow.objects.filter(form__process=rkt)
    assert rows.exists()
    assert not rows.exclude(kegiatan__program__renstra=renstra).exists()
    assert set(rows.values_list("renstra_indikator__targets__year", flat=True)) >= {YEAR}


def _xlsx(demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("renstra-2030.xlsx", _workbook(demo))
