"""Form RKT through the API: the overview, one unit's form, replacing rows, sending, returning."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from erkt.api.tests.helpers import assert_error, open_task
from erkt.api.tests.rkt.helpers import HEADS, form_of, money, rows_state
from erkt.org.models import Employee
from erkt.workflow.models import Task

pytestmark = pytest.mark.django_db

ROW_FIELDS = (
    "kegiatan",
    "sub_kegiatan",
    "renstra_indikator",
    "sasaran_kegiatan",
    "indikator",
    "satuan",
    "target",
    "anggaran",
    "justifikasi",
)


def version_of(form) -> int:
    """The form's version as a GET would return it now."""
    form.refresh_from_db(fields=["version"])
    return form.version


def rows_body(form, rows: list) -> dict:
    """A PUT rows body written by a client that has read the form just now."""
    return {"version": version_of(form), "rows": rows}


def editable_rows(body: dict) -> list[dict]:
    """The rows of a GET as a PUT takes them back."""
    return [{name: row[name] for name in ROW_FIELDS} for row in body["rows"]]


def extra_row(**changes) -> dict:
    """An indicator of PPIK's own choosing, under one of its sub kegiatan."""
    return {
        "kegiatan": "5.03.02.2.01",
        "sub_kegiatan": "5.03.02.2.01.0005",
        "renstra_indikator": None,
        "sasaran_kegiatan": "Terlaksananya pemutakhiran data ASN",
        "indikator": "Jumlah ASN yang datanya dimutakhirkan",
        "satuan": "orang",
        "target": 1200,
        "anggaran": 5_000_000,
        "justifikasi": "",
        **changes,
    }


# --- Reading -------------------------------------------------------------------------------


def test_the_tim_sees_every_units_form_with_its_total_and_pagu(at_step_4, tim1, api_for):
    body = api_for(tim1).get(f"/processes/{at_step_4.pk}/forms").json()

    assert [f["unit"] for f in body["forms"]] == list(HEADS)
    assert {f["status"] for f in body["forms"]} == {"draft"}
    assert (body["submitted"], body["waiting"], body["collecting"]) == (0, 5, False)
    # Issued from the Renstra: each sub kegiatan's 2027 pagu is the starting anggaran.
    for item in body["forms"]:
        assert item["total_anggaran"] == item["pagu"] and money(item["pagu"]) > 0
    total = sum((money(f["total_anggaran"]) for f in body["forms"]), Decimal(0))
    assert money(body["total_anggaran"]) == total


def test_a_unit_head_finds_only_the_own_form_in_the_overview(at_step_4, kabid_ppik, api_for):
    body = api_for(kabid_ppik).get(f"/processes/{at_step_4.pk}/forms").json()

    [own] = body["forms"]
    assert (own["id"], own["unit"]) == (form_of(at_step_4, "PPIK").pk, "PPIK")
    assert (body["submitted"], body["waiting"], body["total_anggaran"]) == (
        0,
        1,
        own["total_anggaran"],
    )


def test_a_pegawai_without_a_form_gets_no_overview(at_step_4, demo, api_for):
    staf = get_user_model().objects.create_user("staf.umum", password="x")
    Employee.objects.create(organization=demo, user=staf, name="Staf Umum")

    assert_error(api_for(staf).get(f"/processes/{at_step_4.pk}/forms"), 403)


def test_a_unit_head_reads_the_own_form_with_its_rows(at_step_4, kabid_ppik, api_for):
    form = form_of(at_step_4, "PPIK")

    body = api_for(kabid_ppik).get(f"/forms/{form.pk}").json()

    assert (body["unit"], body["status"], body["editable"], body["problems"]) == (
        "PPIK",
        "draft",
        True,
        [],
    )
    assert body["row_count"] == len(body["rows"]) == form.rows.count()
    assert [row["number"] for row in body["rows"]] == list(range(1, len(body["rows"]) + 1))
    assert {row["program"] for row in body["rows"]} == {"5.03.02"}
    assert all(row["renstra_indikator"] for row in body["rows"])


def test_another_units_form_does_not_exist_for_a_unit_head(
    at_step_4, kabid_ppik, stranger, api_for
):
    psdm = form_of(at_step_4, "PSDM")

    assert_error(api_for(kabid_ppik).get(f"/forms/{psdm.pk}"), 404)
    assert_error(
        api_for(kabid_ppik).put(
            f"/forms/{psdm.pk}/rows", {"version": version_of(psdm), "rows": [extra_row()]}
        ),
        404,
    )
    assert_error(api_for(stranger).get(f"/forms/{psdm.pk}"), 404)
    assert_error(api_for(stranger).get(f"/processes/{at_step_4.pk}/forms"), 404)


# --- Replacing rows ------------------------------------------------------------------------


def test_the_head_replaces_every_row_at_once(at_step_4, kabid_ppik, api_for):
    api = api_for(kabid_ppik)
    form = form_of(at_step_4, "PPIK")
    rows = editable_rows(api.get(f"/forms/{form.pk}").json())
    amounts = [money(row["anggaran"]) for row in rows]
    rows[1]["anggaran"] = "90.000.000"  # written the Indonesian way
    rows[1]["target"] = "2"
    rows.append(extra_row())

    response = api.put(f"/forms/{form.pk}/rows", rows_body(form, rows))

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["row_count"] == len(rows)
    expected = sum(amounts, Decimal(0)) - amounts[1] + 90_000_000 + 5_000_000
    assert money(body["total_anggaran"]) == expected
    added = next(row for row in body["rows"] if row["indikator"] == extra_row()["indikator"])
    assert (added["target"], added["anggaran"]) == ("1.200", "5000000.00")
    assert api.get(f"/forms/{form.pk}").json() == body


def test_rows_that_break_the_rules_are_all_listed_and_nothing_changes(
    at_step_4, kabid_ppik, api_for
):
    form = form_of(at_step_4, "PPIK")
    before = rows_state(form)
    rows = [
        extra_row(target="banyak", satuan="%"),
        extra_row(kegiatan="5.03.02.2.03"),
        extra_row(indikator="  ", anggaran="-5"),
    ]

    response = api_for(kabid_ppik).put(
        f"/forms/{form.pk}/rows", {"version": version_of(form), "rows": rows}
    )

    detail = assert_error(response, 422)
    assert "Baris 1 (target): Target \u201cbanyak\u201d bukan angka" in detail
    assert "Baris 2 (kegiatan): Kode kegiatan 5.03.02.2.03 bukan kegiatan unit ini" in detail
    assert "Baris 3 (indikator): Indikator kinerja wajib diisi." in detail
    assert "Baris 3 (anggaran)" in detail
    assert rows_state(form) == before


def test_an_empty_form_is_refused(at_step_4, kabid_ppik, api_for):
    form = form_of(at_step_4, "PPIK")
    before = rows_state(form)

    assert_error(
        api_for(kabid_ppik).put(
            f"/forms/{form.pk}/rows", {"version": version_of(form), "rows": []}
        ),
        422,
    )
    assert rows_state(form) == before


def test_the_tim_reads_a_form_but_does_not_change_it(at_step_4, tim1, api_for):
    form = form_of(at_step_4, "PPIK")
    api = api_for(tim1)

    assert api.get(f"/forms/{form.pk}").json()["editable"] is False
    assert_error(api.put(f"/forms/{form.pk}/rows", rows_body(form, [extra_row()])), 403)
    assert_error(api.post(f"/forms/{form.pk}/submit"), 403)


# --- Sending -------------------------------------------------------------------------------


def test_sending_the_form_completes_the_units_step_4_task(at_step_4, kabid_ppik, api_for):
    api = api_for(kabid_ppik)
    form = form_of(at_step_4, "PPIK")
    task = open_task(at_step_4, 4, "PPIK")

    response = api.post(f"/forms/{form.pk}/submit")

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["editable"]) == ("submitted", False)
    task.refresh_from_db()
    assert (task.status, task.completed_by.username) == ("done", "kabid.ppik")
    assert_error(api.put(f"/forms/{form.pk}/rows", rows_body(form, [extra_row()])), 409)
    assert_error(api.post(f"/forms/{form.pk}/submit"), 409)


def test_a_form_over_the_pagu_without_justifikasi_is_not_sent(at_step_4, kabid_ppik, api_for):
    api = api_for(kabid_ppik)
    form = form_of(at_step_4, "PPIK")
    rows = editable_rows(api.get(f"/forms/{form.pk}").json())
    rows.append(extra_row(anggaran=900_000_000))
    assert api.put(f"/forms/{form.pk}/rows", rows_body(form, rows)).status_code == 200
    assert api.get(f"/forms/{form.pk}").json()["problems"]

    detail = assert_error(api.post(f"/forms/{form.pk}/submit"), 422)

    assert "melebihi pagu" in detail
    assert form_of(at_step_4, "PPIK").status == "draft"
    rows[-1]["justifikasi"] = "Pemutakhiran data seluruh ASN untuk SIASN."
    api.put(f"/forms/{form.pk}/rows", rows_body(form, rows))
    assert api.post(f"/forms/{form.pk}/submit").json()["status"] == "submitted"


def test_a_renstra_indicator_left_out_blocks_sending(at_step_4, kabid_ppik, api_for):
    api = api_for(kabid_ppik)
    form = form_of(at_step_4, "PPIK")
    rows = editable_rows(api.get(f"/forms/{form.pk}").json())
    api.put(f"/forms/{form.pk}/rows", rows_body(form, rows[1:]))

    detail = assert_error(api.post(f"/forms/{form.pk}/submit"), 422)

    assert "belum diberi target" in detail


# --- Returning (step 5) --------------------------------------------------------------------


def test_the_tim_returns_a_form_and_the_unit_sends_it_again(at_step_5, tim1, kabid_psdm, api_for):
    form = form_of(at_step_5, "PSDM")
    reason = "Target pengembangan kompetensi belum sesuai Renstra."

    response = api_for(tim1).post(f"/forms/{form.pk}/return", {"reason": reason})

    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["return_reason"]) == ("returned", reason)
    head = api_for(kabid_psdm)
    [task] = head.get("/tasks").json()
    assert (task["step"], task["unit"], task["return_reason"]) == (4, "PSDM", reason)
    rows = editable_rows(head.get(f"/forms/{form.pk}").json())
    rows[0]["target"] = "95"
    assert head.put(f"/forms/{form.pk}/rows", rows_body(form, rows)).status_code == 200
    assert head.post(f"/forms/{form.pk}/submit").json()["status"] == "submitted"
    assert Task.objects.get(pk=task["id"]).status == "done"
    overview = api_for(tim1).get(f"/processes/{at_step_5.pk}/forms").json()
    assert (overview["submitted"], overview["collecting"]) == (5, True)


def test_a_return_needs_a_reason_and_the_tim(at_step_5, tim1, kabid_psdm, api_for):
    form = form_of(at_step_5, "PSDM")

    api = api_for(tim1)
    assert "reason" in assert_error(api.post(f"/forms/{form.pk}/return"), 422)
    blank = api.post(f"/forms/{form.pk}/return", {"reason": "  "})
    assert "alasan pengembalian" in assert_error(blank, 422)
    body = {"reason": "Kurang lengkap."}
    assert_error(api_for(kabid_psdm).post(f"/forms/{form.pk}/return", body), 403)
    assert form_of(at_step_5, "PSDM").status == "submitted"


def test_no_form_is_returned_before_collecting_starts(at_step_4, tim1, kabid_ppik, api_for):
    form = form_of(at_step_4, "PPIK")
    api_for(kabid_ppik).post(f"/forms/{form.pk}/submit")

    response = api_for(tim1).post(f"/forms/{form.pk}/return", {"reason": "Kurang lengkap."})

    assert "pengumpulan" in assert_error(response, 409)


def test_more_rows_than_the_excel_upload_allows_are_refused_and_nothing_changes(
    at_step_4, kabid_ppik, api_for
):
    form = form_of(at_step_4, "PPIK")
    before = rows_state(form)
    rows = [extra_row(indikator=f"Indikator {number}") for number in range(1001)]

    response = api_for(kabid_ppik).put(
        f"/forms/{form.pk}/rows", {"version": version_of(form), "rows": rows}
    )

    assert "paling banyak 1000 baris" in assert_error(response, 422)
    assert rows_state(form) == before
