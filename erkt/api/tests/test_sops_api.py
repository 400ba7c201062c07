import pytest

from erkt.api.tests.helpers import assert_error
from erkt.org.demo import SEED_SOP_PATH
from erkt.sop.io import load_file
from erkt.sop.models import SopVersion

pytestmark = pytest.mark.django_db

CODE = "penyusunan-rkt"


def test_it_lists_the_sops_in_force(tim1, api_for):
    response = api_for(tim1).get("/sops")

    assert response.status_code == 200
    assert response.json() == [
        {
            "code": "penyusunan-renstra",
            "judul": "Penyusunan Renstra Perangkat Daerah",
            "version": 1,
            "nomor": "",
            "total_working_days": 42,
        },
        {
            "code": CODE,
            "judul": "Penyusunan Rencana Kinerja Tahunan (RKT)",
            "version": 1,
            "nomor": "",
            "total_working_days": 23,
        },
    ]


def test_it_shows_the_active_definition_with_its_identity(tim1, api_for):
    body = api_for(tim1).get(f"/sops/{CODE}").json()

    assert body["status"] == "active"
    assert body["disahkan_oleh"].startswith("Kepala Badan Kepegawaian")
    assert len(body["dasar_hukum"]) == 3
    assert body["peringatan"] == ["Tepat Waktu"]
    assert [a["key"] for a in body["actors"]] == [
        "tim_perencanaan",
        "kasubbag_perencanaan",
        "kasubbag_kabid",
        "sekretaris",
        "kepala",
    ]


def test_it_shows_every_step_with_its_mutu_baku(tim1, api_for):
    steps = api_for(tim1).get(f"/sops/{CODE}").json()["steps"]

    assert [s["number"] for s in steps] == list(range(1, 12))
    assert steps[0] == {
        "number": 1,
        "uraian": "Disposisi kepada Kasubbag Perencanaan untuk melakukan penyusunan RKT",
        "actor": "kepala",
        "kind": "start",
        "kelengkapan": "Dokumen Program Kerja",
        "waktu": {"amount": 1, "unit": "hari_kerja", "working_days": 1},
        "output": "Disposisi",
        "keterangan": "",
        "decision": None,
        "per_unit": False,
    }
    assert steps[7]["waktu"] == {"amount": 1, "unit": "minggu", "working_days": 5}
    assert steps[8]["decision"] == {"ya": 10, "tidak": 8}
    assert steps[9]["decision"] == {"ya": 11, "tidak": 8}
    assert [s["number"] for s in steps if s["per_unit"]] == [4, 7]


def test_it_shows_the_new_version_once_approved(demo, tim1, api_for):
    version = SopVersion.objects.get(sop__code=CODE, status=SopVersion.Status.ACTIVE)
    draft = version.new_draft()
    api = api_for(tim1)

    assert api.get(f"/sops/{CODE}").json()["version"] == 1
    draft.approve()
    assert api.get(f"/sops/{CODE}").json()["version"] == 2


def test_an_sop_with_only_a_draft_is_not_found(demo, tim1, api_for):
    SopVersion.objects.filter(sop__organization=demo).update(status=SopVersion.Status.DRAFT)
    api = api_for(tim1)

    assert api.get("/sops").json() == []
    assert_error(api.get(f"/sops/{CODE}"), 404)


def test_an_unknown_code_is_not_found(tim1, api_for):
    assert assert_error(api_for(tim1).get("/sops/tidak-ada"), 404) == "Tidak ditemukan."


def test_another_organisations_sop_is_not_found(demo, stranger, api_for):
    api = api_for(stranger)

    assert api.get("/sops").json() == []
    assert_error(api.get(f"/sops/{CODE}"), 404)


def test_each_organisation_sees_its_own_definition(demo, other_org, stranger, api_for):
    version = load_file(other_org, SEED_SOP_PATH)

    body = api_for(stranger).get(f"/sops/{CODE}").json()

    assert body["version"] == version.number
    assert body["code"] == CODE


def test_a_user_outside_every_organisation_sees_nothing(django_user_model, api_for, demo):
    outsider = django_user_model.objects.create_user("outsider", password="x")

    assert_error(api_for(outsider).get("/sops"), 404)


def test_it_requires_a_token(demo, anonymous_api):
    assert_error(anonymous_api.get(f"/sops/{CODE}"), 401)


def test_it_refuses_post(tim1, api_for):
    assert_error(api_for(tim1).post("/sops"), 405)
