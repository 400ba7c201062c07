"""The draft page: every refused input gives an Indonesian message and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from erkt.renstra_process import draft
from erkt.renstra_process.tests.helpers import (
    START,
    YEAR,
    YEARS,
    at,
    at_step,
    complete,
    next_period_data,
    start,
)
from erkt.rkt.demo import load_demo_renstra
from erkt.rkt.models import Renstra
from erkt.rkt.renstra_data import RenstraDataError, replace_renstra
from erkt.rkt.renstra_excel import build_workbook
from erkt.workflow.errors import Invalid

pytestmark = pytest.mark.django_db


@pytest.fixture
def step3(demo, kepala, kasubbag_perencanaan, tim1, time_machine):
    time_machine.move_to(at(START), tick=False)
    return at_step(demo, kepala, kasubbag_perencanaan, tim1, 3)


@pytest.fixture
def step4(demo, kepala, kasubbag_perencanaan, tim1, time_machine):
    time_machine.move_to(at(START), tick=False)
    return at_step(demo, kepala, kasubbag_perencanaan, tim1, 4)


def post(client, process, kind, **fields):
    data = {f"{kind}-{name}": value for name, value in fields.items()}
    return client.post(reverse("renstra_process:add", args=[process.pk, kind]), data)


def test_the_page_shows_the_forms_of_the_step_to_its_assignee(step3, client_for, tim1):
    html = client_for(tim1).get(reverse("renstra_process:draft", args=[step3.pk])).content
    html = html.decode()

    assert 'id="form-tujuan"' in html
    assert 'id="form-indikator"' in html
    assert 'id="form-program"' not in html
    assert "Draft" in html


def test_a_tujuan_code_of_the_wrong_shape_is_refused_in_indonesian(step3, client_for, tim1):
    response = post(client_for(tim1), step3, "tujuan", code="1 tujuan", uraian="Tujuan")

    assert response.status_code == 422
    assert "Kode harus diawali huruf" in response.content.decode()
    assert draft.data_of(step3).tujuan == []


def test_an_indikator_without_the_target_of_a_year_is_refused(step3, client_for, tim1):
    client = client_for(tim1)
    post(client, step3, "tujuan", code="T1", uraian="Tujuan")
    post(client, step3, "sasaran", code="S1", tujuan="T1", uraian="Sasaran")
    targets = {f"target_{year}": 1 for year in YEARS[:-1]}

    response = post(
        client,
        step3,
        "indikator",
        code="S1",
        uraian="IP ASN",
        satuan="indeks",
        arah="naik",
        **targets,
    )

    assert response.status_code == 422
    assert "Target tahun 2034 wajib diisi" in response.content.decode()
    assert draft.data_of(step3).indikator == []


def test_a_tujuan_with_sasaran_cannot_be_removed(step4, client_for, tim1):
    before = draft.data_of(step4)
    first = before.tujuan[0]

    response = client_for(tim1).post(
        reverse("renstra_process:remove", args=[step4.pk, "tujuan", 0]), {"code": first.code}
    )

    assert response.status_code == 422
    assert "tidak ada di sheet" in response.content.decode()
    assert draft.data_of(step4) == before


def test_a_removed_row_is_gone_and_an_outdated_remove_is_refused(step4, client_for, tim1):
    data = draft.data_of(step4)
    last = len(data.indikator) - 1
    code = data.indikator[last].code
    url = reverse("renstra_process:remove", args=[step4.pk, "indikator", last])
    client = client_for(tim1)

    assert client.post(url, {"code": code}).status_code == 302
    assert len(draft.data_of(step4).indikator) == last
    again = client.post(url, {"code": code})
    assert again.status_code == 422
    assert "Baris ini sudah berubah" in again.content.decode()


def test_a_template_of_another_period_is_refused_and_the_draft_kept(step4, demo, client_for, tim1):
    before = draft.data_of(step4)
    content = build_workbook(demo, period_start=2035)
    file = SimpleUploadedFile("renstra.xlsx", content)

    response = client_for(tim1).post(
        reverse("renstra_process:import", args=[step4.pk]), {"file": file}
    )

    assert response.status_code == 422
    assert draft.data_of(step4) == before


def test_the_rancangan_awal_cannot_finish_without_indikator(step3, client_for, tim1):
    client = client_for(tim1)
    post(client, step3, "tujuan", code="T1", uraian="Tujuan")
    post(client, step3, "sasaran", code="S1", tujuan="T1", uraian="Sasaran")

    with pytest.raises(Invalid, match="belum mempunyai indikator"):
        complete(step3, 3, tim1)


def test_the_rancangan_cannot_finish_without_a_program(step3, client_for, tim1):
    client = client_for(tim1)
    post(client, step3, "tujuan", code="T1", uraian="Tujuan")
    post(client, step3, "sasaran", code="S1", tujuan="T1", uraian="Sasaran")
    targets = {f"target_{year}": 1 for year in YEARS}
    post(
        client, step3, "indikator", code="S1", uraian="IP", satuan="indeks", arah="naik", **targets
    )
    complete(step3, 3, tim1)

    with pytest.raises(Invalid, match="Sheet ini belum berisi data"):
        complete(step3, 4, tim1)


def test_step_1_is_refused_when_the_period_overlaps_the_renstra_in_force(
    demo, kepala, time_machine
):
    time_machine.move_to(at(START), tick=False)
    load_demo_renstra(demo)  # 2025-2029
    from erkt.sop.models import Sop
    from erkt.workflow import engine

    sop = Sop.objects.get(organization=demo, code="penyusunan-renstra")
    process = engine.start_process(sop=sop, year=2027, by=kepala)

    with pytest.raises(Invalid, match="tumpang tindih"):
        complete(process, 1, kepala)
    assert draft.draft_of(process) is None
    assert Renstra.objects.filter(organization=demo).count() == 1


def test_the_renstra_import_of_the_rkt_does_not_replace_a_draft(demo, kepala, time_machine):
    time_machine.move_to(at(START), tick=False)
    process = start(demo, kepala)
    complete(process, 1, kepala)

    with pytest.raises(RenstraDataError, match="sedang disusun"):
        replace_renstra(demo, next_period_data())
    assert draft.draft_of(process).is_draft
    assert Renstra.covering(demo, YEAR) is None


def test_the_renstra_page_marks_the_draft(step4, client_for, kabid_ppik):
    renstra = draft.draft_of(step4)

    html = client_for(kabid_ppik).get(reverse("rkt:renstra_detail", args=[renstra.pk])).content

    assert "Draft (sedang disusun)" in html.decode()


def test_the_task_page_links_to_the_draft_for_its_assignee(step3, client_for, tim1, kepala):
    from erkt.renstra_process.tests.helpers import open_task

    task = open_task(step3, 3)
    url = reverse("workflow:task", args=[task.pk])
    draft_url = reverse("renstra_process:draft", args=[step3.pk])

    html = client_for(tim1).get(url).content.decode()
    assert "Isi Rancangan Renstra" in html
    assert draft_url in html
    assert "Lihat Rancangan Renstra" in client_for(kepala).get(url).content.decode()


def test_the_home_page_shows_no_rkt_panel_for_a_renstra_process(
    step4, client_for, kepala, kasubbag_perencanaan, kabid_ppik
):
    for user in (kepala, kasubbag_perencanaan, kabid_ppik):
        html = client_for(user).get(reverse("home")).content.decode()

        assert 'id="home-signing"' not in html
        assert 'id="home-forms"' not in html
        assert 'id="home-unit"' not in html
