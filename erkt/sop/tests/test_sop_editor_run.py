"""An SOP written in the editor, approved with the Kepala's signature, runs end to end
through the engine (no step actions: the engine's default behaviour)."""

from __future__ import annotations

from django.urls import reverse

from erkt.documents.signing.demo import DEMO_PASSPHRASE
from erkt.sop.approval import signed_document
from erkt.sop.editor import version_data
from erkt.sop.models import Sop, SopVersion
from erkt.workflow import engine
from erkt.workflow.models import Process
from erkt.workflow.tests.conftest import finish, open_task

STEPS = [
    ("Menerima usulan cuti", "kasubbag", "start", {}),
    ("Memeriksa kelengkapan usulan", "kasubbag", "process", {}),
    ("Menyetujui usulan cuti?", "kepala", "decision", {"yes_step": 4, "no_step": 2}),
    ("Menyampaikan surat izin cuti", "kasubbag", "end", {}),
]


def editor_post(version: SopVersion) -> dict:
    data = version_data(version).dict()
    data.update(
        {
            "nomor": "800/010/BKPSDM/2026",
            "dasar_hukum": "PP 11/2017 tentang Manajemen PNS\nPerBKN 24/2017",
            "pelaksana-TOTAL_FORMS": "2",
            "pelaksana-1-key": "kepala",
            "pelaksana-1-name": "Kepala Badan",
            "pelaksana-1-role": "kepala",
            "langkah-TOTAL_FORMS": str(len(STEPS)),
            "op": "save",
        }
    )
    for index, (uraian, actor, kind, extra) in enumerate(STEPS):
        prefix = f"langkah-{index}-"
        data.update(
            {
                f"{prefix}uraian": uraian,
                f"{prefix}actor": actor,
                f"{prefix}kind": kind,
                f"{prefix}kelengkapan": "Formulir usulan",
                f"{prefix}waktu_amount": "1",
                f"{prefix}waktu_unit": "hari_kerja",
                f"{prefix}output": f"Output {index + 1}",
                **{f"{prefix}{name}": str(value) for name, value in extra.items()},
            }
        )
    return data


def test_an_sop_written_in_the_editor_is_signed_and_runs_end_to_end(
    demo, kasubbag_perencanaan, kepala, kepala_certificate, client_for
):
    editor = client_for(kasubbag_perencanaan)
    created = editor.post(
        reverse("sop:create"), {"code": "pelayanan-cuti", "judul": "Pelayanan Cuti Pegawai"}
    )
    assert created.status_code == 302
    sop = Sop.objects.get(organization=demo, code="pelayanan-cuti")
    saved = editor.post(reverse("sop:editor", args=[sop.code]), editor_post(sop.versions.get()))
    assert saved.status_code == 200, saved.content.decode()[:3000]
    assert "Draft tersimpan." in saved.content.decode()

    approved = client_for(kepala).post(
        reverse("sop:approve", args=[sop.code]), {"passphrase": DEMO_PASSPHRASE}
    )
    assert approved.status_code == 302
    version = sop.active_version
    assert version.number == 1 and version.dasar_hukum == [
        "PP 11/2017 tentang Manajemen PNS",
        "PerBKN 24/2017",
    ]
    assert signed_document(version).pdf_kind == "digital"

    process = engine.start_process(sop=sop, year=2027, by=kepala)
    finish(open_task(process, 1))
    finish(open_task(process, 2))
    finish(open_task(process, 3), decision="tidak", note="Lampirkan surat keterangan dokter.")
    finish(open_task(process, 2))  # the "tidak" reopened step 2
    finish(open_task(process, 3), decision="ya")
    finish(open_task(process, 4))
    process.refresh_from_db()
    assert process.status == Process.Status.COMPLETED
    assert process.sop_version == version
