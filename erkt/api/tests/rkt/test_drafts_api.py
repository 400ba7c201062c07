"""Draft RKT through the API: compiling, versions, diffs, verdicts, comments and decisions."""

from collections import defaultdict
from decimal import Decimal

import pytest

from erkt.api.tests.helpers import assert_error, open_task
from erkt.api.tests.rkt.helpers import money, user
from erkt.rkt.drafts.models import Correction, DraftRkt
from erkt.rkt.tests.drafts_helpers import finish_unit_reviews
from erkt.rkt.unit_forms.models import FormRktRow
from erkt.workflow import engine

pytestmark = pytest.mark.django_db


def form_totals(process) -> tuple[Decimal, dict[str, Decimal]]:
    """The sum of the sent forms' anggaran, overall and per program."""
    per_program: dict[str, Decimal] = defaultdict(Decimal)
    rows = FormRktRow.objects.filter(form__process=process, form__status="submitted")
    for row in rows.select_related("kegiatan__program"):
        per_program[row.kegiatan.program.code] += row.anggaran
    return sum(per_program.values(), Decimal(0)), dict(per_program)


def latest(process) -> DraftRkt:
    return DraftRkt.objects.latest_of(process)


def unit_rows(api, draft_id: int, unit: str) -> list[dict]:
    rows = api.get(f"/drafts/{draft_id}").json()["rows"]
    return [row for row in rows if row["unit"] == unit]


# --- Step 6 --------------------------------------------------------------------------------


def test_the_tim_compiles_version_1_whose_totals_are_the_forms_sums(at_step_6, tim2, api_for):
    api = api_for(tim2)

    response = api.post(f"/processes/{at_step_6.pk}/drafts")

    assert response.status_code == 201, response.content
    draft = response.json()
    assert (draft["number"], draft["status"], draft["created_by"]) == (1, "draft", "tim2")
    total, per_program = form_totals(at_step_6)
    assert money(draft["total_anggaran"]) == total > 0
    assert {p["code"]: money(p["amount"]) for p in draft["program_totals"]} == per_program
    assert draft["row_count"] == len(draft["rows"])
    assert {row["section"] for row in draft["rows"]} == {"sasaran", "program"}
    process = api.get(f"/processes/{at_step_6.pk}").json()
    assert process["current_draft"] == {"id": draft["id"], "number": 1, "status": "draft"}


def test_only_the_tim_compiles_and_only_once(at_step_6, tim1, kasubbag_perencanaan, api_for):
    path = f"/processes/{at_step_6.pk}/drafts"

    assert_error(api_for(kasubbag_perencanaan).post(path), 403)
    assert (
        api_for(kasubbag_perencanaan).get(f"/processes/{at_step_6.pk}").json()["current_draft"]
        is None
    )
    assert api_for(tim1).post(path).status_code == 201
    assert_error(api_for(tim1).post(path), 409)
    assert DraftRkt.objects.count() == 1


def test_nothing_is_decided_at_compiling(at_step_6, tim1, api_for):
    body = {"decisions": {"1": {"decision": "accept"}}}

    assert_error(api_for(tim1).post(f"/processes/{at_step_6.pk}/drafts", body), 422)
    assert not DraftRkt.objects.exists()


def test_step_6_completes_only_with_the_draft(at_step_6, tim1, api_for):
    api = api_for(tim1)
    task = open_task(at_step_6, 6)

    assert "Draft RKT" in assert_error(api.post(f"/tasks/{task.pk}/complete"), 422)
    api.post(f"/processes/{at_step_6.pk}/drafts")
    assert api.post(f"/tasks/{task.pk}/complete").json()["status"] == "done"


def test_no_draft_is_compiled_while_the_forms_are_collected(at_step_5, tim1, api_for):
    response = api_for(tim1).post(f"/processes/{at_step_5.pk}/drafts")

    assert "Langkah 6" in assert_error(response, 409)


# --- Reading -------------------------------------------------------------------------------


def test_everyone_reads_the_versions_and_another_organisation_nothing(
    at_step_7, kabid_mpk, stranger, api_for
):
    draft = latest(at_step_7)
    api = api_for(kabid_mpk)

    [summary] = api.get(f"/processes/{at_step_7.pk}/drafts").json()
    detail = api.get(f"/drafts/{draft.pk}").json()
    assert summary == {key: detail[key] for key in summary}
    assert summary["row_count"] == draft.rows.count()
    assert api.get(f"/drafts/{draft.pk}/corrections").json() == []
    outsider = api_for(stranger)
    assert_error(outsider.get(f"/processes/{at_step_7.pk}/drafts"), 404)
    assert_error(outsider.get(f"/drafts/{draft.pk}"), 404)
    assert_error(outsider.get(f"/drafts/{draft.pk}/corrections"), 404)
    assert_error(outsider.get(f"/processes/{at_step_7.pk}/diff"), 404)


def test_a_process_without_drafts_has_no_diff(at_step_6, tim1, api_for):
    assert_error(api_for(tim1).get(f"/processes/{at_step_6.pk}/diff"), 404)


# --- Step 7 --------------------------------------------------------------------------------


def test_a_unit_head_corrects_one_row_and_finds_the_rest_sesuai(at_step_7, kabid_psdm, api_for):
    api = api_for(kabid_psdm)
    draft = latest(at_step_7)
    [first, *rest] = unit_rows(api, draft.pk, "PSDM")
    body = {
        "row_key": first["key"],
        "verdict": "koreksi",
        "field": "anggaran",
        "proposed_value": "Rp 200.000.000",
        "comment": "Termasuk diklat teknis SIASN.",
    }

    response = api.post(f"/drafts/{draft.pk}/corrections", body)

    assert response.status_code == 201, response.content
    correction = response.json()
    assert {k: correction[k] for k in ("unit", "author", "source", "status", "version")} == {
        "unit": "PSDM",
        "author": "kabid.psdm",
        "source": "unit_review",
        "status": "open",
        "version": 1,
    }
    assert correction["row_title"].startswith(first["sub_kegiatan_code"] or first["kegiatan_code"])
    assert api.post(f"/drafts/{draft.pk}/corrections/sesuai").json() == {"count": len(rest)}
    task = open_task(at_step_7, 7, "PSDM")
    assert api.post(f"/tasks/{task.pk}/complete").json()["status"] == "done"
    verdicts = [c["verdict"] for c in api.get(f"/drafts/{draft.pk}/corrections").json()]
    assert sorted(verdicts) == sorted(["koreksi"] + ["sesuai"] * len(rest))


def test_a_unit_head_corrects_only_the_own_units_rows(at_step_7, kabid_psdm, api_for):
    api = api_for(kabid_psdm)
    draft = latest(at_step_7)
    [ppik_row, *_] = unit_rows(api, draft.pk, "PPIK")
    body = {"row_key": ppik_row["key"], "verdict": "sesuai"}

    detail = assert_error(api.post(f"/drafts/{draft.pk}/corrections", body), 422)

    assert "bukan bagian unit kerja Anda" in detail
    assert not Correction.objects.exists()


def test_a_correction_needs_its_proposed_value(at_step_7, kabid_psdm, api_for):
    api = api_for(kabid_psdm)
    draft = latest(at_step_7)
    [row, *_] = unit_rows(api, draft.pk, "PSDM")
    body = {"row_key": row["key"], "verdict": "koreksi", "field": "target", "comment": "Naikkan."}

    assert "usulan nilai target" in assert_error(
        api.post(f"/drafts/{draft.pk}/corrections", body), 422
    )
    assert not Correction.objects.exists()


def test_step_7_completes_only_when_every_row_is_checked(at_step_7, kabid_mpk, api_for):
    task = open_task(at_step_7, 7, "MPK")

    detail = assert_error(api_for(kabid_mpk).post(f"/tasks/{task.pk}/complete"), 422)

    assert "belum diperiksa" in detail


def test_the_author_withdraws_a_verdict_while_the_task_is_open(
    at_step_7, kabid_psdm, kabid_ppik, api_for
):
    api = api_for(kabid_psdm)
    draft = latest(at_step_7)
    [row, *_] = unit_rows(api, draft.pk, "PSDM")
    body = {"row_key": row["key"], "verdict": "sesuai"}
    correction = api.post(f"/drafts/{draft.pk}/corrections", body).json()

    assert_error(api_for(kabid_ppik).delete(f"/corrections/{correction['id']}"), 403)
    assert api.delete(f"/corrections/{correction['id']}").status_code == 204
    assert not Correction.objects.exists()

    again = api.post(f"/drafts/{draft.pk}/corrections", body).json()
    api.post(f"/drafts/{draft.pk}/corrections/sesuai")
    api.post(f"/tasks/{open_task(at_step_7, 7, 'PSDM').pk}/complete")
    assert_error(api.delete(f"/corrections/{again['id']}"), 409)


def test_who_has_no_review_step_records_nothing(at_step_7, tim1, kepala, api_for):
    draft = latest(at_step_7)
    body = {"row_key": draft.rows.first().key, "verdict": "sesuai"}

    assert_error(api_for(tim1).post(f"/drafts/{draft.pk}/corrections", body), 403)
    # The Kepala reviews at step 10, which is not open now.
    assert_error(api_for(kepala).post(f"/drafts/{draft.pk}/corrections", body), 409)


# --- Step 8 and the reviewers --------------------------------------------------------------


@pytest.fixture
def corrected(at_step_7, kabid_psdm, kabid_ppik, api_for):
    """PSDM proposes an anggaran, PPIK a target; every unit then completes step 7."""
    draft = latest(at_step_7)
    corrections = {}
    for username, unit, field, value in (
        ("kabid.psdm", "PSDM", "anggaran", "200.000.000"),
        ("kabid.ppik", "PPIK", "target", "3"),
    ):
        api = api_for(user(username))
        [row, *_] = unit_rows(api, draft.pk, unit)
        body = {
            "row_key": row["key"],
            "verdict": "koreksi",
            "field": field,
            "proposed_value": value,
            "comment": f"Koreksi {unit}.",
        }
        corrections[unit] = (row, api.post(f"/drafts/{draft.pk}/corrections", body).json())
    finish_unit_reviews(at_step_7)
    return at_step_7, corrections


def test_the_next_version_takes_the_accepted_value_and_not_the_rejected_one(
    corrected, kasubbag_perencanaan, api_for
):
    process, corrections = corrected
    (psdm_row, psdm), (ppik_row, ppik) = corrections["PSDM"], corrections["PPIK"]
    api = api_for(kasubbag_perencanaan)
    body = {
        "decisions": {
            str(psdm["id"]): {"decision": "accept"},
            str(ppik["id"]): {"decision": "reject", "reason": "Target sesuai Renstra."},
        }
    }

    response = api.post(f"/processes/{process.pk}/drafts", body)

    assert response.status_code == 201, response.content
    version_2 = response.json()
    rows = {row["key"]: row for row in version_2["rows"]}
    assert version_2["number"] == 2
    assert rows[psdm_row["key"]]["anggaran"] == "200000000.00"
    assert rows[ppik_row["key"]]["target"] == ppik_row["target"] != "3"
    added = money("200000000") - money(psdm_row["anggaran"])
    assert money(version_2["total_anggaran"]) == form_totals(process)[0] + added
    version_1 = DraftRkt.objects.get(process=process, number=1)
    decided = {c["id"]: c for c in api.get(f"/drafts/{version_1.pk}/corrections").json()}
    assert (decided[psdm["id"]]["status"], decided[psdm["id"]]["resolved_in"]) == ("accepted", 2)
    assert decided[ppik["id"]]["decision_reason"] == "Target sesuai Renstra."

    diff = api.get(f"/processes/{process.pk}/diff", **{"from": 1, "to": 2}).json()
    assert (diff["from_version"], diff["to_version"], diff["added"], diff["removed"]) == (
        1,
        2,
        [],
        [],
    )
    [change] = diff["changed"]
    assert change["key"] == psdm_row["key"]
    assert [(c["field"], c["new"]) for c in change["changes"]] == [("anggaran", "200000000.00")]
    assert api.get(f"/processes/{process.pk}/diff").json() == diff


def test_every_open_correction_needs_a_decision(corrected, kasubbag_perencanaan, api_for):
    process, corrections = corrected
    psdm, ppik = corrections["PSDM"][1], corrections["PPIK"][1]
    api = api_for(kasubbag_perencanaan)
    only_one = {"decisions": {str(psdm["id"]): {"decision": "accept"}}}
    bare_reject = {
        "decisions": {
            str(psdm["id"]): {"decision": "accept"},
            str(ppik["id"]): {"decision": "reject"},
        }
    }

    detail = assert_error(api.post(f"/processes/{process.pk}/drafts", only_one), 422)
    assert f"#{ppik['id']} belum diputuskan" in detail
    detail = assert_error(api.post(f"/processes/{process.pk}/drafts", bare_reject), 422)
    assert "wajib disertai alasan" in detail
    assert DraftRkt.objects.count() == 1


def test_a_reviewers_comment_and_tidak_send_the_draft_back_to_step_8(
    corrected, kasubbag_perencanaan, sekretaris, api_for
):
    process, corrections = corrected
    decisions = {
        str(correction["id"]): {"decision": "accept"} for _row, correction in corrections.values()
    }
    api_for(kasubbag_perencanaan).post(f"/processes/{process.pk}/drafts", {"decisions": decisions})
    engine.complete_task(open_task(process, 8), by=kasubbag_perencanaan)
    api = api_for(sekretaris)
    version_2 = latest(process)
    iku = version_2.rows.filter(section="sasaran").first()
    body = {"row_key": iku.key, "field": "target", "proposed_value": "77", "comment": "Naikkan."}

    version_1 = DraftRkt.objects.get(process=process, number=1)
    old = api.post(f"/drafts/{version_1.pk}/corrections", body)
    assert "versi 2" in assert_error(old, 409)
    comment = api.post(f"/drafts/{version_2.pk}/corrections", body)
    assert comment.status_code == 201, comment.content
    assert (comment.json()["source"], comment.json()["verdict"]) == ("sekretaris", "komentar")
    task = open_task(process, 9)
    assert "komentar" in assert_error(
        api.post(f"/tasks/{task.pk}/complete", {"decision": "ya"}), 422
    )

    done = api.post(f"/tasks/{task.pk}/complete", {"decision": "tidak", "note": "Lihat komentar."})

    assert done.json()["status"] == "done"
    steps = api.get(f"/processes/{process.pk}").json()["steps"]
    assert {s["number"]: s["status"] for s in steps}[8] == "active"
    version_3 = api_for(kasubbag_perencanaan).post(
        f"/processes/{process.pk}/drafts",
        {"decisions": {str(comment.json()["id"]): {"decision": "accept"}}},
    )
    assert version_3.json()["number"] == 3
    rows = {row["key"]: row for row in version_3.json()["rows"]}
    assert rows[iku.key]["target"] == "77"
