"""SOP definitions of other shapes than the seed, to check that any SOP in the format prints."""

from __future__ import annotations

ACTORS = [
    {"key": "staf", "name": "Staf Pelaksana", "role": "staf"},
    {"key": "kasubbag", "name": "Kasubbag Perencanaan", "role": "kasubbag_perencanaan"},
    {"key": "sekretaris", "name": "Sekretaris", "role": "sekretaris"},
    {"key": "kepala", "name": "Kepala Badan", "role": "kepala"},
]
IDENTITY = {
    "judul": "Pelayanan Contoh",
    "nomor": "800/123/BKPSDM/2026",
    "tanggal_pembuatan": "2026-01-05",
    "tanggal_revisi": None,
    "tanggal_efektif": "2026-11-29",
    "disahkan_oleh": "Kepala Badan",
    "dasar_hukum": ["Peraturan Contoh"],
    "kualifikasi_pelaksana": [],
    "keterkaitan": [],
    "peralatan": [],
    "peringatan": [],
    "pencatatan": [],
}


def _step(number: int, actor: str, kind: str = "process", uraian: str = "", **extra) -> dict:
    return {
        "number": number,
        "uraian": uraian or f"Uraian langkah nomor {number}",
        "actor": actor,
        "kind": kind,
        "kelengkapan": f"Kelengkapan {number}",
        "waktu": {"amount": 1, "unit": "hari_kerja"},
        "output": f"Output {number}",
        **extra,
    }


def three_step_definition() -> dict:
    """Mulai, one process in another column, Selesai."""
    return {
        "code": "tiga-langkah",
        "identity": {**IDENTITY, "judul": "SOP Tiga Langkah"},
        "actors": ACTORS[:2],
        "steps": [
            _step(1, "kasubbag", "start", "Menerima permohonan"),
            _step(2, "staf", "process", "Memproses permohonan"),
            _step(3, "kasubbag", "end", "Menyerahkan hasil"),
        ],
    }


LONG_URAIAN = (
    "Memeriksa kelengkapan berkas usulan dari setiap unit kerja dan mencatatnya pada "
    "buku agenda serta aplikasi kepegawaian sebelum diteruskan kepada atasan langsung"
)


def long_definition(count: int = 25) -> dict:
    """`count` steps over four columns with long texts, a decision that loops back a few
    rows, and one near the end that loops back to step 5 (across pages)."""
    keys = [actor["key"] for actor in ACTORS]
    steps = []
    for number in range(1, count + 1):
        actor = keys[(number * 3) % len(keys)] if number % 5 else keys[(number - 1) % len(keys)]
        uraian = LONG_URAIAN if number % 4 == 0 else ""
        if number == 1:
            steps.append(_step(number, actor, "start"))
        elif number == count:
            steps.append(_step(number, actor, "end"))
        elif number == 12:
            steps.append(_step(number, "sekretaris", "decision", decision={"ya": 13, "tidak": 10}))
        elif number == count - 2:
            decision = {"ya": count - 1, "tidak": 5}
            steps.append(_step(number, "kepala", "decision", decision=decision))
        else:
            steps.append(_step(number, actor, "process", uraian))
    return {
        "code": "langkah-panjang",
        "identity": {**IDENTITY, "judul": f"SOP {count} Langkah"},
        "actors": ACTORS,
        "steps": steps,
    }
