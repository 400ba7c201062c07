"""The filled example of the OPD template: Dinas Komunikasi dan Informatika Kabupaten Balangan.

Everyone here is fictitious; the NIPs and NIKs only follow the formats (a NIK's birth date
and sex match the NIP's). `erkt opd example FILE` writes it; the shipped copy is
erkt/org/seeds/opd-diskominfo-balangan.xlsx (the README walks a second OPD in with it).
"""

from __future__ import annotations

from pathlib import Path

from erkt.org.models import Role, UnitKind
from erkt.org.opd_excel import JabatanRow, OpdData, OrganisasiRow, PegawaiRow, UnitRow

EXAMPLE_PATH = Path(__file__).resolve().parent / "seeds" / "opd-diskominfo-balangan.xlsx"
DOMAIN = "diskominfo.balangankab.go.id.test"


def example_data() -> OpdData:
    units = [
        UnitRow(0, "KADIS", "Kepala Dinas", UnitKind.LAINNYA, ""),
        UnitRow(0, "SEKRETARIAT", "Sekretariat", UnitKind.SEKRETARIAT, "KADIS"),
        UnitRow(
            0, "PROGRAM", "Subbag Perencanaan dan Keuangan", UnitKind.SUBBAG, "SEKRETARIAT", True
        ),
        UnitRow(0, "UMPEG", "Subbag Umum dan Kepegawaian", UnitKind.SUBBAG, "SEKRETARIAT", True),
        UnitRow(0, "IKP", "Bidang Informasi dan Komunikasi Publik", UnitKind.BIDANG, "KADIS", True),
        UnitRow(0, "APTIKA", "Bidang Aplikasi Informatika", UnitKind.BIDANG, "KADIS", True),
        UnitRow(0, "SANDI", "Bidang Persandian dan Statistik", UnitKind.BIDANG, "KADIS", True),
    ]
    jabatan = [
        JabatanRow(0, "Kepala Dinas Komunikasi dan Informatika", "KADIS", Role.KEPALA, True),
        JabatanRow(0, "Sekretaris", "SEKRETARIAT", Role.SEKRETARIS, True),
        JabatanRow(
            0,
            "Kepala Subbagian Perencanaan dan Keuangan",
            "PROGRAM",
            Role.KASUBBAG_PERENCANAAN,
            True,
        ),
        JabatanRow(0, "Anggota Tim Perencanaan", "PROGRAM", Role.TIM_PERENCANAAN, False),
        JabatanRow(0, "Kepala Subbagian Umum dan Kepegawaian", "UMPEG", Role.KEPALA_UNIT, True),
        JabatanRow(
            0, "Kepala Bidang Informasi dan Komunikasi Publik", "IKP", Role.KEPALA_UNIT, True
        ),
        JabatanRow(0, "Kepala Bidang Aplikasi Informatika", "APTIKA", Role.KEPALA_UNIT, True),
        JabatanRow(0, "Kepala Bidang Persandian dan Statistik", "SANDI", Role.KEPALA_UNIT, True),
    ]
    t = [j.title for j in jabatan]
    people = [
        # NIP, NIK, nama, gelar depan, gelar belakang, pangkat, login, HP, jabatan
        ("19710612 199703 1 004", "6311011206710002", "Rahmadi Noor", "Drs.", "M.Si.", "IV/c",
         "rahmadi.noor", "0812 5000 1001", t[0]),
        ("19760905 200212 2 003", "6311024509760011", "Yuliana Safitri", "", "S.E., M.M.",
         "IV/b", "yuliana.safitri", "+62 812 5000 1002", t[1]),
        ("19840220 200903 1 002", "6311032002840005", "Hendra Gunawan", "", "S.Kom.", "III/d",
         "hendra.gunawan", "0812-5000-1003", t[2]),
        ("19901117 201501 2 001", "6311015711900003", "Rizka Amalia", "", "S.E.", "III/b",
         "rizka.amalia", "", t[3]),
        ("19940703 201903 1 008", "6311040307940007", "Muhammad Ridha", "", "S.T.", "III/a",
         "muhammad.ridha", "", t[3]),
        ("19820428 200801 2 004", "6311016804820009", "Siti Aisyah", "", "S.H.", "III/d",
         "siti.aisyah", "", t[4]),
        ("19781209 200312 1 005", "6311020912780004", "Ahmad Fauzi", "", "S.Sos., M.A.P.",
         "IV/a", "ahmad.fauzi", "", t[5]),
        ("19800814 200502 2 002", "6311055408800006", "Dewi Kartika", "", "S.Kom., M.T.",
         "IV/a", "dewi.kartika", "", t[6]),
        ("19790325 200403 1 003", "6311032503790008", "Budi Santoso", "", "S.Si.", "IV/a",
         "budi.santoso", "", t[7]),
    ]  # fmt: skip
    return OpdData(
        organisasi=OrganisasiRow(
            0,
            "DISKOMINFO",
            "Dinas Komunikasi dan Informatika",
            "Pemerintah Kabupaten Balangan",
            "Jln. Jenderal Sudirman No. 8, Kel. Paringin Kota, Kec. Paringin, Kabupaten Balangan",
            "Paringin",
            "Asia/Makassar",
        ),
        units=units,
        jabatan=jabatan,
        pegawai=[
            PegawaiRow(0, nip, nik, name, depan, belakang, pangkat, f"{login}@{DOMAIN}", hp, jab)
            for nip, nik, name, depan, belakang, pangkat, login, hp, jab in people
        ],
    )
