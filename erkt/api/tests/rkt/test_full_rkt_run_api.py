"""The seed SOP from start to end through the API with real content, each demo user with a token.

The five unit heads fill their Form RKT, the Tim returns one and it comes back;
version 1 sums the forms; one unit correction is accepted and one rejected;
the Sekretaris says "tidak" once; the Kepala's "ya" freezes the final version,
and uploading the RKT document completes the process.
"""

import datetime
import io
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.management import call_command

from erkt.api.tests.helpers import ApiClient, at
from erkt.api.tests.rkt.helpers import HEADS, START, YEAR, money, sign_in
from erkt.audit.verify import verify_chain
from erkt.documents.models import IssuedDocument
from erkt.documents.signing.demo import DEMO_PASSPHRASE

pytestmark = pytest.mark.django_db

USERNAMES = ["kepala", "sekretaris", "kasubbag.perencanaan", "tim1", "tim2", *HEADS.values()]
EDITABLE = (
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
RETURN_REASON = "Target pelatihan SIASN terlalu rendah untuk kebutuhan diklat 2027."
TIDAK_NOTE = "Target IKU pertama perlu dinaikkan sesuai arahan Bupati."


class Run:
    """The process under way: who is signed in, and where the clock stands."""

    def __init__(self, time_machine) -> None:
        self.time_machine = time_machine
        self.apis = {username: sign_in(username) for username in USERNAMES}
        self.process_id = 0

    def api(self, username: str) -> ApiClient:
        return self.apis[username]

    def process(self) -> dict:
        return self.api("kepala").get(f"/processes/{self.process_id}").json()

    def on_due_date(self, number: int) -> None:
        """Move the clock to the due date of the active step `number`, 10:00 WITA."""
        step = self.process()["steps"][number - 1]
        assert step["status"] == "active", step
        due = datetime.date.fromisoformat(step["due_date"])
        self.time_machine.move_to(at(due, 10), tick=False)

    def my_task(self, username: str, number: int) -> dict:
        tasks = self.api(username).get("/tasks").json()
        [task] = [t for t in tasks if t["process"] == self.process_id and t["step"] == number]
        return task

    def complete(self, username: str, number: int, **body) -> dict:
        task = self.my_task(username, number)
        response = self.api(username).post(f"/tasks/{task['id']}/complete", body)
        assert response.status_code == 200, response.content
        return response.json()

    def call(self, username: str, method: str, path: str, body: dict | None = None, status=200):
        api = self.api(username)
        response = (
            getattr(api, method)(path, body) if body is not None else getattr(api, method)(path)
        )
        assert response.status_code == status, response.content
        return response.json() if response.content else None

    def current_draft(self) -> dict:
        return self.call("kepala", "get", f"/drafts/{self.process()['current_draft']['id']}")


def editable(rows: list[dict]) -> list[dict]:
    return [{name: row[name] for name in EDITABLE} for row in rows]


def rupiah(amount: Decimal) -> str:
    """An amount as a planning officer types it: 80.120.000."""
    return f"{int(amount):,}".replace(",", ".")


# --- Steps 1-3 -----------------------------------------------------------------------------


def prepare(run: Run) -> None:
    pid = run.process_id
    disposisi = {
        "nomor_agenda": "090/17/BKPSDM/2026",
        "tanggal": START.isoformat(),
        "perihal": f"Penyusunan RKT Tahun {YEAR}",
        "isi": "Siapkan penyusunan RKT sesuai SOP; koordinasikan dengan para Kabid.",
        "sifat": "segera",
        "batas_waktu": run.process()["planned_end"],
        "version": 0,  # none recorded yet
    }
    run.call("kepala", "put", f"/processes/{pid}/disposisi", disposisi)
    run.complete("kepala", 1)

    run.on_due_date(2)
    # No team given: the holders of the Tim Perencanaan positions, as the page proposes.
    plan = {"uraian": "tim1 mengumpulkan Form RKT, tim2 mengompilasi Draft RKT.", "version": 0}
    rencana = run.call("kasubbag.perencanaan", "put", f"/processes/{pid}/rencana", plan)
    assert len(rencana["tim"]) == 2
    run.complete("kasubbag.perencanaan", 2)

    run.on_due_date(3)
    invitation = {
        "nomor_undangan": "005/41/BKPSDM/2026",
        "tanggal": run.process()["steps"][2]["due_date"],
        "waktu": "09:00",
        "tempat": "Aula BKPSDM Balangan",
        "agenda": f"Sosialisasi Pengisian Form RKT Tahun {YEAR}",
        "version": 0,
    }
    rapat = run.call("kasubbag.perencanaan", "put", f"/processes/{pid}/sosialisasi", invitation)
    kehadiran = [{"peserta": p["id"], "kehadiran": "hadir"} for p in rapat["peserta"]]
    kehadiran[-1] = {
        "peserta": rapat["peserta"][-1]["id"],
        "kehadiran": "diwakili",
        "wakil_name": "Rahmadi, S.Kom.",
    }
    notulen = "Form RKT dibagikan kepada lima unit; batas pengisian tiga hari kerja."
    body = {"kehadiran": kehadiran, "notulen": notulen, "version": rapat["version"]}
    held = run.call("kasubbag.perencanaan", "put", f"/processes/{pid}/sosialisasi/kehadiran", body)
    assert held["missing"] == []
    run.complete("kasubbag.perencanaan", 3)


# --- Steps 4-5 -----------------------------------------------------------------------------


def own_form(run: Run, unit: str) -> dict:
    """The unit head finds the form in the overview (a Kabid sees only the own unit's)."""
    username = HEADS[unit]
    overview = run.call(username, "get", f"/processes/{run.process_id}/forms")
    [item] = [item for item in overview["forms"] if item["unit"] == unit]
    return run.call(username, "get", f"/forms/{item['id']}")


def fill(run: Run, unit: str, username: str) -> None:
    """The head changes one sub kegiatan's anggaran; PSDM adds an indicator of its own."""
    form = own_form(run, unit)
    rows = editable(form["rows"])
    sub = next(row for row in rows if row["sub_kegiatan"])
    change = 25_000_000 if unit == "UMPEG" else -5_000_000
    sub["anggaran"] = rupiah(money(sub["anggaran"]) + change)
    if unit == "UMPEG":  # over its pagu: the head says why
        sub["justifikasi"] = "Penggantian perangkat komputer yang rusak."
    if unit == "PSDM":
        extra = {
            "renstra_indikator": None,
            "indikator": "Jumlah ASN yang mengikuti pelatihan SIASN",
            "satuan": "orang",
            "target": "20",
            "anggaran": "5.000.000",  # moved from the sub kegiatan above
        }
        rows.append({**sub, **extra})
    path, body = f"/forms/{form['id']}/rows", {"rows": rows, "version": form["version"]}
    saved = run.call(username, "put", path, body)
    assert saved["row_count"] == len(rows)
    sent = run.call(username, "post", f"/forms/{form['id']}/submit", {})
    assert sent["status"] == "submitted"


def collect(run: Run) -> None:
    pid = run.process_id
    overview = run.call("tim1", "get", f"/processes/{pid}/forms")
    assert (overview["submitted"], overview["waiting"], overview["collecting"]) == (5, 0, True)
    psdm = next(item for item in overview["forms"] if item["unit"] == "PSDM")
    body = {"reason": RETURN_REASON}
    assert run.call("tim1", "post", f"/forms/{psdm['id']}/return", body)["status"] == "returned"

    task = run.my_task("kabid.psdm", 4)
    assert task["return_reason"] == RETURN_REASON
    form = own_form(run, "PSDM")
    rows = editable(form["rows"])
    next(row for row in rows if not row["renstra_indikator"])["target"] = "40"
    body = {"rows": rows, "version": form["version"]}
    run.call("kabid.psdm", "put", f"/forms/{form['id']}/rows", body)
    run.call("kabid.psdm", "post", f"/forms/{form['id']}/submit", {})
    run.complete("tim1", 5)


def forms_totals(run: Run) -> tuple[Decimal, dict[str, Decimal]]:
    """What the Tim reads of the sent forms: the overall total and the total per program."""
    overview = run.call("tim1", "get", f"/processes/{run.process_id}/forms")
    per_program: dict[str, Decimal] = defaultdict(Decimal)
    for item in overview["forms"]:
        for program in run.call("tim1", "get", f"/forms/{item['id']}")["programs"]:
            per_program[program["code"]] += money(program["total"])
    total = money(overview["total_anggaran"])
    assert total == sum(per_program.values(), Decimal(0))
    return total, dict(per_program)


# --- Steps 6-8 -----------------------------------------------------------------------------


def compile_version_1(run: Run) -> dict:
    task = run.my_task("tim2", 6)
    run.call("tim2", "post", f"/tasks/{task['id']}/claim", {})
    draft = run.call("tim2", "post", f"/processes/{run.process_id}/drafts", {}, status=201)
    run.complete("tim2", 6)
    return draft


def review_units(run: Run, draft: dict) -> dict[str, tuple[dict, dict]]:
    """PSDM asks for more anggaran, MPK for another target; everyone else finds it right."""
    proposals = {"PSDM": ("anggaran", "Rp 250.000.000"), "MPK": ("target", "99")}
    made = {}
    for unit, username in HEADS.items():
        if unit in proposals:
            field, value = proposals[unit]
            row = next(r for r in draft["rows"] if r["unit"] == unit and r["sub_kegiatan_code"])
            body = {
                "row_key": row["key"],
                "verdict": "koreksi",
                "field": field,
                "proposed_value": value,
                "comment": f"Usulan {unit} atas {row['indikator']}.",
            }
            path = f"/drafts/{draft['id']}/corrections"
            made[unit] = (row, run.call(username, "post", path, body, status=201))
        run.call(username, "post", f"/drafts/{draft['id']}/corrections/sesuai", {})
        run.complete(username, 7)
    return made


def next_version(run: Run, decisions: dict) -> dict:
    body = {"decisions": {str(pk): decision for pk, decision in decisions.items()}}
    draft = run.call(
        "kasubbag.perencanaan", "post", f"/processes/{run.process_id}/drafts", body, status=201
    )
    run.complete("kasubbag.perencanaan", 8)
    return draft


def open_corrections(run: Run, draft_id: int) -> list[dict]:
    corrections = run.call("kasubbag.perencanaan", "get", f"/drafts/{draft_id}/corrections")
    return [c for c in corrections if c["status"] == "open"]


# --- The run -------------------------------------------------------------------------------


def test_the_whole_rkt_through_the_api(demo, renstra, kepala_certificate, time_machine):
    time_machine.move_to(at(START), tick=False)
    run = Run(time_machine)
    started = run.call("kepala", "post", "/processes", {"sop": "penyusunan-rkt", "year": YEAR}, 201)
    run.process_id = pid = started["id"]
    assert started["current_draft"] is None
    assert run.call("tim1", "get", "/renstra")[0]["id"] == renstra.pk

    prepare(run)
    run.on_due_date(4)
    for unit, username in HEADS.items():
        fill(run, unit, username)
    run.on_due_date(5)
    collect(run)

    run.on_due_date(6)
    total, per_program = forms_totals(run)
    version_1 = compile_version_1(run)
    assert money(version_1["total_anggaran"]) == total
    assert {p["code"]: money(p["amount"]) for p in version_1["program_totals"]} == per_program

    run.on_due_date(7)
    made = review_units(run, version_1)
    (psdm_row, psdm), (mpk_row, mpk) = made["PSDM"], made["MPK"]
    assert {c["id"] for c in open_corrections(run, version_1["id"])} == {psdm["id"], mpk["id"]}

    run.on_due_date(8)
    version_2 = next_version(
        run,
        {
            psdm["id"]: {"decision": "accept"},
            mpk["id"]: {"decision": "reject", "reason": "Target mengikuti Renstra 2025-2029."},
        },
    )
    rows = {row["key"]: row for row in version_2["rows"]}
    assert rows[psdm_row["key"]]["anggaran"] == "250000000.00"
    assert rows[mpk_row["key"]]["target"] == mpk_row["target"] != "99"
    diff = run.call("sekretaris", "get", f"/processes/{pid}/diff")
    assert [(c["key"], [f["field"] for f in c["changes"]]) for c in diff["changed"]] == [
        (psdm_row["key"], ["anggaran"])
    ]

    run.on_due_date(9)
    assert run.complete("sekretaris", 9, decision="tidak", note=TIDAK_NOTE)["decision"] == "tidak"
    steps = {s["number"]: s for s in run.process()["steps"]}
    assert (steps[8]["status"], steps[8]["passes"]) == ("active", 2)
    [general] = open_corrections(run, version_2["id"])
    assert (general["source"], general["comment"], general["row_key"]) == (
        "sekretaris",
        TIDAK_NOTE,
        "",
    )
    iku = next(row for row in version_2["rows"] if row["level"] == "iku")
    version_3 = next_version(run, {general["id"]: {"decision": "accept"}})
    assert version_3["number"] == 3
    assert {r["key"]: r["target"] for r in version_3["rows"]}[iku["key"]] == iku["target"]

    run.on_due_date(9)
    run.complete("sekretaris", 9, decision="ya")
    run.on_due_date(10)
    wrong = run.api("kepala").post(
        f"/tasks/{run.my_task('kepala', 10)['id']}/complete",
        {"decision": "ya", "passphrase": "salah"},
    )
    assert wrong.status_code == 422 and wrong.json()["detail"] == "Frasa sandi salah."
    assert run.current_draft()["status"] == "draft"
    run.complete("kepala", 10, decision="ya", passphrase=DEMO_PASSPHRASE)
    signed = IssuedDocument.objects.get(process_id=pid, kind="rkt.final")
    assert (signed.pdf_kind, signed.signature.signer_name) == (
        "digital",
        signed.snapshot["signature"]["name"],
    )
    assert run.process()["current_draft"] == {"id": version_3["id"], "number": 3, "status": "final"}
    assert run.current_draft()["status"] == "final"
    assert version_3["frozen_at"] is None and run.current_draft()["frozen_at"]

    run.on_due_date(11)
    task = run.my_task("tim1", 11)
    early = run.api("tim1").post(f"/tasks/{task['id']}/complete", {})
    assert early.status_code == 422 and "Berkas RKT" in early.json()["detail"]
    berkas = run.api("tim1").post(
        f"/processes/{pid}/berkas", {"nomor_berkas": "000.7/001", "version": 0}
    )
    assert berkas.status_code == 201, berkas.content
    archived = berkas.json()["files"]
    kinds = {path.split("/")[1] for path in archived if path.startswith("dokumen/")}
    assert kinds == {
        "rkt.final",
        "rkt.draft",
        "rkt.form",
        "rkt.disposisi",
        "rkt.rencana",
        "rkt.undangan",
        "rkt.daftar_hadir",
        "rkt.notulen",
        "sop.dokumen",
        "audit.laporan",
    }, sorted(archived)
    assert "audit/jejak-audit.jsonl" in archived
    call_command("archive", "verify", "000.7/001", stdout=io.StringIO())  # intact

    process = run.process()
    assert process["status"] == "completed"
    passes = {s["number"]: s["passes"] for s in process["steps"]}
    # Step 4 opened again for PSDM's returned form; step 8 again after the "tidak".
    assert passes == {1: 1, 2: 1, 3: 1, 4: 2, 5: 1, 6: 1, 7: 1, 8: 2, 9: 2, 10: 1, 11: 1}
    versions = run.call("kabid.mpk", "get", f"/processes/{pid}/drafts")
    assert [(v["number"], v["status"]) for v in versions] == [
        (1, "draft"),
        (2, "draft"),
        (3, "final"),
    ]
    step_4 = [t for t in process["tasks"] if t["step"] == 4]
    assert {t["unit"]: t["completed_by"] for t in step_4 if t["pass_number"] == 1} == HEADS
    assert [t["return_reason"] for t in step_4 if t["unit"] == "PSDM"][-1] == RETURN_REASON
    assert all(run.api(username).get("/tasks").json() == [] for username in USERNAMES)
    assert verify_chain(demo).ok
