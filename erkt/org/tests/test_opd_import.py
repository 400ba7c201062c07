"""Importing an OPD's structure: a good file creates all of it, a bad one nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from erkt.audit.models import AuditEntry
from erkt.notifications.models import NotificationSettings
from erkt.org.models import Employee, Organization, Role
from erkt.org.opd_demo import EXAMPLE_PATH
from erkt.org.opd_excel import JABATAN, ORGANISASI, PEGAWAI, UNIT, JabatanRow, PegawaiRow
from erkt.org.opd_import import import_opd
from erkt.org.tests.opd_helpers import edited, example_file, refused
from erkt.sop.io import export_definition, read_file
from erkt.sop.models import SopVersion

pytestmark = [pytest.mark.django_db, pytest.mark.database]


def only(errors: list[tuple]) -> tuple:
    assert len(errors) == 1, errors
    return errors[0]


def test_the_shipped_example_brings_in_diskominfo_whole(demo, administrator):
    imported = import_opd(EXAMPLE_PATH.read_bytes(), by=administrator)
    organization = Organization.objects.get(short_name="DISKOMINFO")
    assert imported.organization == organization
    units = {u.short_name: u for u in organization.units.select_related("parent", "head_position")}
    assert list(units) == ["KADIS", "SEKRETARIAT", "PROGRAM", "UMPEG", "IKP", "APTIKA", "SANDI"]
    assert units["PROGRAM"].parent == units["SEKRETARIAT"]
    assert units["PROGRAM"].fills_form_rkt and not units["KADIS"].fills_form_rkt
    assert units["PROGRAM"].head_position.role == Role.KASUBBAG_PERENCANAAN
    assert organization.head.holders.get().nip == "197106121997031004"
    tim = organization.positions.get(role=Role.TIM_PERENCANAAN)
    assert sorted(e.name for e in tim.holders.all()) == ["Muhammad Ridha", "Rizka Amalia"]
    kepala = Employee.objects.get(nip="197106121997031004")
    assert (kepala.nik, kepala.pangkat, kepala.gelar_depan) == ("6311011206710002", "IV/c", "Drs.")
    assert kepala.user.username == "197106121997031004"
    assert not kepala.user.has_usable_password()  # no shared password: an activation link
    assert kepala.user.email == "rahmadi.noor@diskominfo.balangankab.go.id.test"
    phones = dict(NotificationSettings.objects.values_list("user__username", "phone"))
    assert phones["197609052002122003"] == "+6281250001002"
    assert AuditEntry.objects.filter(organization=organization, action="org.opd_imported").exists()


def test_the_new_opd_gets_the_seed_sop_as_its_own_active_version(demo):
    imported = import_opd(example_file())
    version = SopVersion.objects.get(sop__organization=imported.organization)
    assert version == imported.sop_version
    assert (version.number, version.status) == (1, SopVersion.Status.ACTIVE)
    assert version.pengesahan["name"].startswith("Drs. Rahmadi Noor")
    seed = read_file("erkt/sop/seeds/penyusunan-rkt.yaml")
    assert [s["uraian"] for s in export_definition(version)["steps"]] == [
        s["uraian"] for s in seed["steps"]
    ]


def test_it_copies_the_active_sop_of_the_template_organisation(demo, settings):
    template = SopVersion.objects.get(
        sop__organization=demo, sop__code="penyusunan-rkt", status="active"
    )
    draft = template.new_draft()
    draft.judul = "Penyusunan RKT (template Pemkab 2026)"
    draft.save()
    draft.approve()
    settings.ERKT_SOP_TEMPLATE_ORGANIZATION = demo.short_name
    version = import_opd(example_file()).sop_version
    assert version.judul == "Penyusunan RKT (template Pemkab 2026)"
    assert version.sop.organization.short_name == "DISKOMINFO"


def test_a_user_of_the_file_does_not_collide_with_the_demo(demo):
    import_opd(example_file())
    assert get_user_model().objects.filter(username="kepala").exists()
    assert Organization.objects.count() == 2


# ---------------------------------------------------------------- each rule, on its cell


def test_it_refuses_an_nip_with_an_impossible_birth_date(demo):
    def spoil(data):
        data.pegawai[2].nip = "198402302009031002"

    sheet, row, column, message = only(refused(example_file(spoil)))
    assert (sheet, row, column) == (PEGAWAI, 4, "A")
    assert "Tanggal lahir pada NIP (19840230) bukan tanggal yang valid." in message


@pytest.mark.parametrize(
    ("nip", "words"),
    [
        ("1984022020090310", "18 angka"),
        ("198402202009031002"[:14] + "3002", "jenis kelamin"),
        ("198402202009031000", "Nomor urut"),
        ("198402201995031002", "berusia 18 tahun"),
    ],
)
def test_it_refuses_an_nip_breaking_its_structure(demo, nip, words):
    def spoil(data):
        data.pegawai[2].nip = nip

    sheet, row, column, message = only(refused(example_file(spoil)))
    assert (sheet, row, column) == (PEGAWAI, 4, "A")
    assert words in message


def test_it_refuses_an_nip_typed_as_a_number(demo):
    content = edited(example_file(), PEGAWAI, "A3", 197609052002122003)
    sheet, row, column, message = only(refused(content))
    assert (sheet, row, column) == (PEGAWAI, 3, "A")
    assert "format sel sebagai Teks" in message


def test_it_refuses_a_nik_that_is_not_16_digits(demo):
    def spoil(data):
        data.pegawai[0].nik = "631101120671000"

    assert only(refused(example_file(spoil)))[:3] == (PEGAWAI, 2, "B")


def test_it_refuses_a_nik_whose_birth_date_or_sex_differs_from_the_nip(demo):
    def spoil(data):
        data.pegawai[0].nik = "6311011306710002"  # born the 13th
        data.pegawai[1].nik = "6311020509760011"  # a man's day for a woman

    errors = refused(example_file(spoil))
    assert [e[:3] for e in errors] == [(PEGAWAI, 2, "B"), (PEGAWAI, 3, "B")]
    assert "Tanggal lahir pada NIK tidak sama dengan pada NIP." in errors[0][3]
    assert "Jenis kelamin" in errors[1][3]


def test_it_refuses_a_phone_that_is_not_indonesian_mobile(demo):
    def spoil(data):
        data.pegawai[3].phone = "021 555 1234"

    sheet, row, column, message = only(refused(example_file(spoil)))
    assert (sheet, row, column) == (PEGAWAI, 5, "H")
    assert "+62" in message


def test_it_refuses_a_bad_email_and_an_unknown_pangkat(demo):
    def spoil(data):
        data.pegawai[4].email = "muhammad.ridha@"
        data.pegawai[4].pangkat = "III/f"

    errors = refused(example_file(spoil))
    assert [e[:3] for e in errors] == [(PEGAWAI, 6, "F"), (PEGAWAI, 6, "G")]


def test_it_refuses_duplicates_within_the_file(demo):
    def spoil(data):
        data.pegawai[8].nip = data.pegawai[7].nip.replace(" ", "")
        data.pegawai[8].nik = data.pegawai[7].nik
        data.pegawai[8].email = data.pegawai[7].email.upper()
        data.units[6].code = "aptika"
        data.jabatan[7].title = data.jabatan[6].title

    errors = refused(example_file(spoil))
    places = [e[:3] for e in errors]
    assert (UNIT, 8, "A") in places
    assert (JABATAN, 9, "A") in places
    assert {(PEGAWAI, 10, "A"), (PEGAWAI, 10, "B"), (PEGAWAI, 10, "G")} <= set(places)
    assert any("sudah ada di baris 9 (duplikat)" in e[3] for e in errors if e[0] == PEGAWAI)


def test_it_refuses_duplicates_against_the_database(demo):
    def spoil(data):
        data.pegawai[0].email = "kepala@bkpsdm.balangankab.go.id.test"
        data.pegawai[0].nik = "6311011403700001"  # the demo Kepala's
        data.pegawai[0].nip = "197003141995031002"  # the demo Kepala's

    errors = refused(example_file(spoil))
    places = [e[:3] for e in errors]
    assert (PEGAWAI, 2, "A") in places and (PEGAWAI, 2, "G") in places
    assert (PEGAWAI, 2, "B") in places
    assert "sudah dipakai akun lain" in dict((e[2], e[3]) for e in errors)["G"]


def test_it_refuses_an_organisation_already_registered(demo):
    def spoil(data):
        data.organisasi.short_name = "bkpsdm"

    assert only(refused(example_file(spoil)))[:3] == (ORGANISASI, 2, "A")


def test_it_refuses_unknown_parent_units_jabatan_and_units(demo):
    def spoil(data):
        data.units[4].parent = "KADINAS"
        data.jabatan[3].unit = "HUMAS"
        data.pegawai[4].jabatan = "Kepala Bidang Humas"

    errors = refused(example_file(spoil))
    assert [e[:3] for e in errors] == [(UNIT, 6, "D"), (JABATAN, 5, "B"), (PEGAWAI, 6, "I")]
    assert "Unit induk KADINAS tidak ada di sheet Unit." in errors[0][3]


def test_it_refuses_a_cycle_of_parent_units(demo):
    def spoil(data):
        data.units[0].parent = "SEKRETARIAT"

    places = [e[:3] for e in refused(example_file(spoil))]
    assert (UNIT, 2, "D") in places and (UNIT, 3, "D") in places


def test_it_refuses_two_heads_of_one_unit(demo):
    def spoil(data):
        data.jabatan[3].heads_unit = True  # Anggota Tim Perencanaan heading PROGRAM

    sheet, row, column, message = only(refused(example_file(spoil)))
    assert (sheet, row, column) == (JABATAN, 5, "D")
    assert "sudah punya kepala unit (Kepala Subbagian Perencanaan dan Keuangan, baris 4)" in message


def test_it_refuses_a_unit_without_a_head(demo):
    def spoil(data):
        data.jabatan[7].heads_unit = False

    sheet, row, column, _message = only(refused(example_file(spoil)))
    assert (sheet, row, column) == (UNIT, 8, "A")


def test_it_refuses_a_unit_filling_a_form_whose_head_is_vacant(demo):
    def spoil(data):
        data.pegawai[8].jabatan = ""

    sheet, row, column, message = only(refused(example_file(spoil)))
    assert (sheet, row, column) == (UNIT, 8, "E")
    assert "belum diisi pegawai" in message


def test_it_refuses_a_file_leaving_an_sop_role_unfilled(demo):
    def spoil(data):
        data.pegawai[3].jabatan = data.pegawai[4].jabatan = ""

    sheet, row, column, message = only(refused(example_file(spoil)))
    assert (sheet, row, column) == (JABATAN, None, "C")
    assert "Peran SOP Tim Perencanaan belum dipegang" in message


def test_it_refuses_two_kepala_and_an_unknown_role(demo):
    def spoil(data):
        data.jabatan.append(JabatanRow(0, "Kepala Dinas Kedua", "KADIS", "kepala", False))
        data.jabatan.append(JabatanRow(0, "Pranata Humas", "IKP", "Juru Bicara", False))
        data.pegawai.append(
            PegawaiRow(
                0, "199203152020121002", "6311011503920001", "Rudi", "", "", "III/a",
                "rudi@diskominfo.balangankab.go.id.test", "", "Pranata Humas",
            )
        )  # fmt: skip

    errors = refused(example_file(spoil))
    assert [e[:3] for e in errors] == [(JABATAN, 10, "C"), (JABATAN, 11, "C")]
    assert "Hanya satu jabatan boleh berperan Kepala Badan." in errors[0][3]


def test_it_refuses_an_empty_required_cell_a_formula_and_a_renamed_header(demo):
    content = edited(example_file(), UNIT, "B3", None)
    content = edited(content, JABATAN, "A2", "=UPPER(B2)")
    content = edited(content, PEGAWAI, "C1", "Nama Lengkap")
    errors = refused(content)
    places = [e[:3] for e in errors]
    assert (UNIT, 3, "B") in places
    assert (JABATAN, 2, "A") in places
    assert (PEGAWAI, 1, "C") in places
    assert "Kolom Nama Unit wajib diisi." in dict((e[:3], e[3]) for e in errors)[(UNIT, 3, "B")]


def test_it_refuses_a_file_that_is_not_a_workbook(demo):
    _sheet, row, column, message = only(refused(b"NIP;NIK\n1;2\n"))
    assert (row, column) == (None, "")
    assert "bukan berkas Excel" in message


def test_it_refuses_a_workbook_without_the_sheets(demo):
    from io import BytesIO

    from openpyxl import Workbook

    buffer = BytesIO()
    Workbook().save(buffer)
    errors = refused(buffer.getvalue())
    assert [e[0] for e in errors] == [ORGANISASI, UNIT, JABATAN, PEGAWAI]


def test_a_refused_file_sends_no_activation_mail(
    demo, mailoutbox, django_capture_on_commit_callbacks
):
    def spoil(data):
        data.pegawai[0].phone = "12345"

    with django_capture_on_commit_callbacks(execute=True):
        refused(example_file(spoil), mailoutbox)


def test_it_refuses_an_unknown_unit_kind_time_zone_and_a_long_code(demo):
    def spoil(data):
        data.organisasi.time_zone = "Asia/Singapore"
        data.units[1].kind = "Seksi"
        data.units[6].code = "BIDANG-PERSANDIAN-DAN-STATISTIK-KAB"
        data.jabatan[7].unit = data.units[6].code

    errors = refused(example_file(spoil))
    assert [e[:3] for e in errors] == [(ORGANISASI, 2, "F"), (UNIT, 3, "C"), (UNIT, 8, "A")]
    assert "Asia/Jakarta, Asia/Makassar, Asia/Jayapura" in errors[0][3]
    assert "Sekretariat, Subbagian, Bidang, Lainnya" in errors[1][3]


def test_it_refuses_an_empty_sheet_and_two_organisations(demo):
    def spoil(data):
        data.pegawai = []

    assert only(refused(example_file(spoil))) == (
        PEGAWAI,
        None,
        "",
        "Sheet Pegawai belum diisi.",
    )
    content = edited(example_file(), ORGANISASI, "A3", "DISKOMINFO-2")
    errors = refused(content)
    assert errors[0] == (
        ORGANISASI,
        None,
        "",
        "Sheet Organisasi harus berisi tepat satu baris data.",
    )


def test_labels_and_values_of_the_lists_are_both_accepted(demo):
    def change(data):
        data.units[1].kind = "sekretariat"  # the stored value, lower case
        data.jabatan[1].role = "SEKRETARIS"
        data.units[2].fills_form_rkt = True

    imported = import_opd(example_file(change))
    assert imported.organization.positions.filter(role=Role.SEKRETARIS).count() == 1
