import pytest
from django.core.cache import cache

from erkt.api.models import ApiToken
from erkt.api.tests.helpers import ApiClient, assert_error
from erkt.documents.archive.models import Berkas
from erkt.documents.tests.archive.conftest import user
from erkt.workflow.models import Process

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def api(username: str) -> ApiClient:
    _token, secret = ApiToken.issue(user(username), name="test")
    return ApiClient(secret)


def test_the_tim_perencanaan_archives_with_the_suggested_values(at_step_11):
    path = f"/processes/{at_step_11.pk}/berkas"
    response = api("tim1").post(path, {"version": 0, "retensi_inaktif": 5})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kode_klasifikasi"], body["retensi_inaktif"], body["tanggal"]) == (
        "000.7",
        5,
        "2026-11-02",
    )
    assert body["nomor_berkas"] == "000.7/001/BKPSDM/2026"
    assert "audit/jejak-audit.jsonl" in body["files"]
    assert Process.objects.get(pk=at_step_11.pk).status == Process.Status.COMPLETED
    assert api("kabid.ppik").get(path).json()["bundle_sha256"] == body["bundle_sha256"]


def test_the_api_refuses_others_and_wrong_values(at_step_11, other_org):
    path = f"/processes/{at_step_11.pk}/berkas"
    assert_error(api("kepala").post(path, {"version": 0}), 403)
    assert_error(api("kepala.disdik").post(path, {"version": 0}), 404)
    assert_error(api("tim1").post(path, {"version": 0, "kode_klasifikasi": "rkt"}), 422)
    assert_error(api("tim1").get(path), 404)  # not archived yet
    assert not Berkas.objects.exists()


def test_a_second_archiving_is_a_stale_write(archived):
    path = f"/processes/{archived.process_id}/berkas"
    assert api("tim2").get(path).json()["version"] == 1

    detail = assert_error(api("tim2").post(path, {"version": 0}), 409)

    assert detail == (
        "Data telah diubah oleh Nurul Hikmah, S.E. pada 2 November 2026 09.00; muat ulang"
    )
    assert Berkas.objects.count() == 1


def test_archiving_without_a_version_is_refused(at_step_11):
    path = f"/processes/{at_step_11.pk}/berkas"
    assert "version" in assert_error(api("tim1").post(path, {}), 422)
    assert not Berkas.objects.exists()
