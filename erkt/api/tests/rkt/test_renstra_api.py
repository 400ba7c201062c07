"""GET /api/v1/renstra and /api/v1/renstra/{id}: the Renstra tree with targets and pagu."""

from decimal import Decimal

import pytest

from erkt.api.tests.helpers import assert_error
from erkt.rkt.models import Pagu

pytestmark = pytest.mark.django_db


def test_any_pegawai_lists_the_renstra_of_the_organisation(renstra, kabid_mpk, api_for):
    response = api_for(kabid_mpk).get("/renstra")

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": renstra.pk,
            "title": renstra.title,
            "period_start": 2025,
            "period_end": 2029,
            "years": [2025, 2026, 2027, 2028, 2029],
        }
    ]


def test_the_tree_shows_sasaran_iku_programs_down_to_sub_kegiatan(renstra, tim1, api_for):
    body = api_for(tim1).get(f"/renstra/{renstra.pk}").json()

    [tujuan] = body["tujuan"]
    assert tujuan["code"] == "T1"
    assert [s["code"] for s in tujuan["sasaran"]] == ["SS1", "SS2"]
    ss1 = tujuan["sasaran"][0]
    profesionalitas = ss1["indikator"][0]
    assert profesionalitas["uraian"] == "Indeks Profesionalitas ASN"
    assert profesionalitas["is_iku"] is True
    assert Decimal(profesionalitas["baseline"]) == Decimal("70.15")
    targets = {t["year"]: Decimal(t["value"]) for t in profesionalitas["targets"]}
    assert targets == {2025: 72, 2026: 74, 2027: 76, 2028: 78, 2029: 80}

    programs = {p["code"]: p for p in body["programs"]}
    assert programs["5.03.01"]["sasaran"] == "SS2"
    kegiatan = {k["code"]: k for k in programs["5.03.01"]["kegiatan"]}
    perencanaan = kegiatan["5.03.01.2.01"]
    assert perencanaan["unit"] == "PERENCANAAN"
    sub = {s["code"]: s for s in perencanaan["sub_kegiatan"]}
    pagu_2025 = {p["year"]: p["amount"] for p in sub["5.03.01.2.01.0001"]["pagu"]}[2025]
    assert pagu_2025 == "85000000.00"


def amount_of(pagu: list[dict], year: int) -> Decimal:
    return next(Decimal(p["amount"]) for p in pagu if p["year"] == year)


def test_the_pagu_of_every_level_is_the_sum_of_its_sub_kegiatan(renstra, kepala, api_for):
    body = api_for(kepala).get(f"/renstra/{renstra.pk}").json()

    for year in range(2025, 2030):
        stored = sum((p.amount for p in Pagu.objects.filter(year=year)), Decimal(0))
        assert amount_of(body["pagu"], year) == stored
    for program in body["programs"]:
        kegiatan = sum((amount_of(k["pagu"], 2027) for k in program["kegiatan"]), Decimal(0))
        assert amount_of(program["pagu"], 2027) == kegiatan > 0


def test_another_organisations_renstra_is_not_found(renstra, stranger, api_for):
    assert api_for(stranger).get("/renstra").json() == []
    assert_error(api_for(stranger).get(f"/renstra/{renstra.pk}"), 404)


def test_an_unknown_renstra_is_not_found(renstra, kepala, api_for):
    assert_error(api_for(kepala).get(f"/renstra/{renstra.pk + 100}"), 404)


def test_the_renstra_needs_a_token(renstra, anonymous_api):
    assert_error(anonymous_api.get(f"/renstra/{renstra.pk}"), 401)


def test_the_renstra_is_read_only_here(renstra, kepala, api_for):
    assert_error(api_for(kepala).delete(f"/renstra/{renstra.pk}"), 405)
