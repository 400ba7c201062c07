"""Each rule of an SOP definition: the Indonesian message, and nothing written."""

import pytest

from erkt.sop.io import SopDefinitionError, load_definition
from erkt.sop.models import SopVersion
from erkt.sop.tests.helpers import make_organization, seed_definition, sop_row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization():
    return make_organization()


def refused(organization, data) -> list[str]:
    """Load `data`, expect a refusal, check nothing was written, return the messages."""
    before = sop_row_counts()
    with pytest.raises(SopDefinitionError) as raised:
        load_definition(organization, data)
    assert sop_row_counts() == before
    return raised.value.messages


def step(data: dict, number: int) -> dict:
    return next(s for s in data["steps"] if s["number"] == number)


def test_the_seed_is_valid(organization):
    version = load_definition(organization, seed_definition())
    assert version.status == SopVersion.Status.ACTIVE


def test_it_requires_a_judul(organization):
    data = seed_definition()
    del data["identity"]["judul"]
    assert refused(organization, data) == ["Identitas: kunci 'judul' wajib ada."]


def test_it_refuses_an_empty_judul(organization):
    data = seed_definition()
    data["identity"]["judul"] = "  "
    assert refused(organization, data) == ["Identitas: 'judul' wajib diisi."]


def test_it_requires_disahkan_oleh(organization):
    data = seed_definition()
    del data["identity"]["disahkan_oleh"]
    assert refused(organization, data) == ["Identitas: kunci 'disahkan_oleh' wajib ada."]


def test_it_refuses_a_date_that_is_not_iso(organization):
    data = seed_definition()
    data["identity"]["tanggal_efektif"] = "31/01/2025"
    assert refused(organization, data) == [
        "Identitas: 'tanggal_efektif' harus berupa tanggal TTTT-BB-HH, misalnya 2025-01-31."
    ]


def test_it_refuses_a_list_field_that_is_not_a_list(organization):
    data = seed_definition()
    data["identity"]["dasar_hukum"] = "UU 25/2004"
    assert refused(organization, data) == ["Identitas: 'dasar_hukum' harus berupa daftar teks."]


def test_it_refuses_a_number_where_text_is_expected(organization):
    data = seed_definition()
    data["identity"]["nomor"] = 45
    assert refused(organization, data) == ["Identitas: 'nomor' harus berupa teks."]


def test_it_refuses_a_gap_in_the_step_numbers(organization):
    data = seed_definition()
    step(data, 5)["number"] = 12
    assert refused(organization, data) == [
        "Langkah: langkah harus bernomor 1 sampai 11 tanpa loncatan; nomor 5 tidak ada."
    ]


def test_it_refuses_a_duplicate_step_number(organization):
    data = seed_definition()
    step(data, 3)["number"] = 2
    assert refused(organization, data) == [
        "Langkah: nomor 2 dipakai 2 kali.",
        "Langkah: langkah harus bernomor 1 sampai 11 tanpa loncatan; nomor 3 tidak ada.",
    ]


def test_it_refuses_a_step_number_that_is_not_a_positive_integer(organization):
    data = seed_definition()
    step(data, 1)["number"] = "satu"
    assert "Langkah urutan ke-1: 'number' harus berupa bilangan bulat positif." in refused(
        organization, data
    )


def test_it_requires_both_branches_of_a_decision(organization):
    data = seed_definition()
    del step(data, 9)["decision"]["tidak"]
    assert refused(organization, data) == ["Langkah 9: kunci 'tidak' wajib ada."]


def test_it_requires_a_decision_on_a_decision_step(organization):
    data = seed_definition()
    del step(data, 10)["decision"]
    assert refused(organization, data) == [
        "Langkah 10: langkah keputusan harus punya 'decision' dengan 'ya' dan 'tidak'."
    ]


def test_it_refuses_a_decision_pointing_to_a_missing_step(organization):
    data = seed_definition()
    step(data, 9)["decision"]["tidak"] = 42
    assert refused(organization, data) == [
        "Langkah 9: 'tidak' menunjuk ke langkah 42 yang tidak ada."
    ]


def test_it_refuses_branches_on_a_step_that_is_not_a_decision(organization):
    data = seed_definition()
    step(data, 8)["decision"] = {"ya": 9, "tidak": 7}
    assert refused(organization, data) == [
        "Langkah 8: hanya langkah keputusan (decision) yang boleh punya 'decision'."
    ]


def test_it_requires_exactly_one_start_step(organization):
    data = seed_definition()
    step(data, 1)["kind"] = "process"
    assert refused(organization, data) == [
        "Langkah: harus ada tepat satu langkah mulai (start); ditemukan 0."
    ]


def test_it_requires_exactly_one_end_step(organization):
    data = seed_definition()
    step(data, 6)["kind"] = "end"
    assert refused(organization, data) == [
        "Langkah: harus ada tepat satu langkah selesai (end); ditemukan 2."
    ]


def test_it_refuses_a_step_actor_that_is_not_declared(organization):
    data = seed_definition()
    step(data, 5)["actor"] = "bendahara"
    assert refused(organization, data) == [
        "Langkah 5: pelaksana 'bendahara' tidak dideklarasikan di 'actors'."
    ]


def test_it_refuses_an_unknown_actor_role(organization):
    data = seed_definition()
    data["actors"][3]["role"] = "sekda"
    assert refused(organization, data) == [
        "Pelaksana ke-4: peran 'sekda' tidak dikenal (yang dikenal: kepala, sekretaris, "
        "kasubbag_perencanaan, tim_perencanaan, kepala_unit, staf)."
    ]


def test_it_refuses_duplicate_actor_keys(organization):
    data = seed_definition()
    data["actors"].append({"key": "kepala", "name": "Kepala Badan (Plt)", "role": "kepala"})
    assert refused(organization, data) == [
        "Pelaksana: kunci 'kepala' dipakai 2 kali; kunci pelaksana harus unik."
    ]


def test_it_refuses_an_actor_key_with_spaces(organization):
    data = seed_definition()
    data["actors"].append({"key": "staf umum", "name": "Staf Umum", "role": "staf"})
    assert refused(organization, data) == [
        "Pelaksana ke-6: 'key' hanya boleh berisi huruf, angka, '-' dan '_' (tanpa spasi)."
    ]


def test_it_refuses_a_waktu_amount_of_zero(organization):
    data = seed_definition()
    step(data, 2)["waktu"]["amount"] = 0
    assert refused(organization, data) == [
        "Langkah 2: waktu 'amount' harus berupa bilangan bulat positif."
    ]


def test_it_refuses_a_fractional_waktu_amount(organization):
    data = seed_definition()
    step(data, 2)["waktu"]["amount"] = 1.5
    assert refused(organization, data) == [
        "Langkah 2: waktu 'amount' harus berupa bilangan bulat positif."
    ]


def test_it_refuses_an_unknown_waktu_unit(organization):
    data = seed_definition()
    step(data, 8)["waktu"]["unit"] = "bulan"
    assert refused(organization, data) == [
        "Langkah 8: satuan waktu 'bulan' tidak dikenal (yang dikenal: hari_kerja, minggu)."
    ]


def test_it_refuses_an_unknown_step_kind(organization):
    data = seed_definition()
    step(data, 6)["kind"] = "document"
    assert refused(organization, data) == [
        "Langkah 6: jenis simbol 'document' tidak dikenal "
        "(yang dikenal: start, process, decision, end)."
    ]


def test_it_refuses_an_unknown_step_key_so_a_typo_does_not_vanish(organization):
    data = seed_definition()
    step(data, 4)["per_unti"] = True
    assert refused(organization, data) == [
        "Langkah 4: kunci 'per_unti' tidak dikenal (yang dikenal: number, uraian, actor, kind, "
        "kelengkapan, waktu, output, keterangan, decision, per_unit, action)."
    ]


def test_it_refuses_an_unknown_identity_key(organization):
    data = seed_definition()
    data["identity"]["peringatann"] = ["Tepat Waktu"]
    messages = refused(organization, data)
    assert len(messages) == 1
    assert messages[0].startswith("Identitas: kunci 'peringatann' tidak dikenal")


def test_it_refuses_an_unknown_top_level_key(organization):
    data = seed_definition()
    data["version"] = 2
    assert refused(organization, data) == [
        "kunci 'version' tidak dikenal (yang dikenal: code, identity, actors, steps)."
    ]


def test_it_refuses_an_unknown_actor_key(organization):
    data = seed_definition()
    data["actors"][0]["jabatan"] = "Tim Perencanaan"
    assert refused(organization, data) == [
        "Pelaksana ke-1: kunci 'jabatan' tidak dikenal (yang dikenal: key, name, role)."
    ]


def test_it_refuses_a_missing_code(organization):
    data = seed_definition()
    del data["code"]
    assert refused(organization, data) == ["kunci 'code' wajib ada."]


def test_it_refuses_a_definition_that_is_not_a_mapping(organization):
    assert refused(organization, ["code", "steps"]) == [
        "Definisi SOP harus berupa pemetaan (kunci: nilai) di tingkat teratas."
    ]


def test_it_reports_every_problem_at_once(organization):
    data = seed_definition()
    del data["identity"]["judul"]
    step(data, 2)["waktu"]["amount"] = -1
    data["actors"][0]["role"] = "sekda"
    assert len(refused(organization, data)) == 3


def test_a_refused_definition_leaves_the_active_version_in_force(organization):
    load_definition(organization, seed_definition())
    data = seed_definition()
    step(data, 8)["waktu"]["unit"] = "bulan"

    refused(organization, data)

    assert SopVersion.objects.get().status == SopVersion.Status.ACTIVE
