"""The demo Renstra 2025-2029 of BKPSDM Kabupaten Balangan.

The nomenclature follows Permendagri 90/2019 as updated by Kepmendagri
050-5889/2021 for urusan 5.03 Kepegawaian; targets, baselines and pagu are
illustrative but of a realistic size for a kabupaten agency.
"""

from __future__ import annotations

from decimal import Decimal

from erkt.org.models import Organization
from erkt.rkt.models import Renstra
from erkt.rkt.renstra_data import (
    IndikatorRow,
    KegiatanRow,
    ProgramRow,
    RenstraData,
    SasaranRow,
    SubKegiatanRow,
    TujuanRow,
    replace_renstra,
)

START = 2025
YEARS = range(START, START + 5)
TITLE = (
    "Rencana Strategis Badan Kepegawaian dan Pengembangan Sumber Daya Manusia "
    "Kabupaten Balangan Tahun 2025-2029"
)


def load_demo_renstra(organization: Organization) -> Renstra:
    """Create the demo Renstra once; an existing Renstra 2025-2029 is left as it is."""
    existing = Renstra.objects.filter(organization=organization, period_start=START).first()
    if existing is not None:
        return existing
    return replace_renstra(organization, demo_renstra_data())


def demo_renstra_data() -> RenstraData:
    data = RenstraData(title=TITLE, period_start=START)
    data.tujuan = [
        TujuanRow(
            "T1",
            "Mewujudkan aparatur sipil negara yang profesional dan berkinerja tinggi "
            "melalui manajemen ASN berbasis sistem merit",
        )
    ]
    data.sasaran = [
        SasaranRow("SS1", "T1", "Meningkatnya profesionalitas ASN"),
        SasaranRow("SS2", "T1", "Meningkatnya kualitas pelayanan kepegawaian"),
    ]
    data.indikator = _sasaran_indikator()
    for code, name, sasaran, indikator, kegiatan in PROGRAMS:
        data.programs.append(ProgramRow(code, name, sasaran))
        data.indikator.append(_indikator(code, *indikator))
        for k_code, k_name, unit, k_indikator, subs in kegiatan:
            data.kegiatan.append(KegiatanRow(k_code, code, k_name, unit))
            data.indikator.append(_indikator(k_code, *k_indikator))
            for s_number, s_name, s_indikator, pagu in subs:
                s_code = f"{k_code}.{s_number}"
                data.sub_kegiatan.append(SubKegiatanRow(s_code, k_code, s_name, unit, _pagu(pagu)))
                data.indikator.append(_indikator(s_code, *s_indikator))
    return data


def _targets(values) -> dict[int, Decimal]:
    if not isinstance(values, list | tuple):
        values = [values] * len(YEARS)
    return {year: Decimal(str(value)) for year, value in zip(YEARS, values, strict=True)}


def _indikator(code, uraian, satuan, targets, baseline=None, arah="naik", **extra) -> IndikatorRow:
    return IndikatorRow(
        code=code,
        uraian=uraian,
        satuan=satuan,
        arah=arah,
        baseline=None if baseline is None else Decimal(str(baseline)),
        targets=_targets(targets),
        **extra,
    )


def _pagu(first_year: int, growth: str = "0.04") -> dict[int, Decimal]:
    """The pagu indikatif: the first year's amount, growing yearly, rounded to Rp 1.000."""
    amounts, amount = {}, Decimal(first_year)
    for year in YEARS:
        amounts[year] = (amount / 1000).quantize(Decimal(1)) * 1000
        amount *= 1 + Decimal(growth)
    return amounts


def _sasaran_indikator() -> list[IndikatorRow]:
    """Fresh rows on each call: a caller may change the data it gets."""
    return [
        _indikator(
            "SS1",
            "Indeks Profesionalitas ASN",
            "indeks",
            [72, 74, 76, 78, 80],
            baseline=70.15,
            is_iku=True,
            formula="Rata-rata nilai dimensi kualifikasi, kompetensi, kinerja, dan disiplin "
            "seluruh ASN (PermenPAN-RB 38/2018)",
            sumber_data="Hasil pengukuran IP ASN oleh BKN",
        ),
        _indikator(
            "SS1",
            "Persentase ASN yang mengikuti pengembangan kompetensi minimal 20 JP",
            "%",
            [60, 70, 80, 90, 95],
            baseline=52.4,
            is_iku=True,
            formula="Jumlah ASN yang mengikuti pengembangan kompetensi >= 20 JP dibagi "
            "jumlah seluruh ASN x 100%",
            sumber_data="Bidang PSDM, aplikasi SIMPEG",
        ),
        _indikator(
            "SS1",
            "Indeks Sistem Merit",
            "indeks",
            [275, 290, 305, 320, 330],
            baseline=262.5,
            is_iku=True,
            formula="Nilai penilaian mandiri penerapan sistem merit yang telah diverifikasi "
            "(skala 100-400)",
            sumber_data="Laporan penilaian sistem merit BKN",
        ),
        _indikator(
            "SS2",
            "Persentase kenaikan pangkat ASN tepat waktu",
            "%",
            [88, 90, 92, 94, 95],
            baseline=85.3,
            is_iku=True,
            formula="Jumlah SK kenaikan pangkat yang terbit pada TMT periode dibagi jumlah ASN "
            "yang memenuhi syarat x 100%",
            sumber_data="Bidang MPK, aplikasi SIASN",
        ),
        _indikator(
            "SS2",
            "Persentase layanan administrasi kepegawaian yang selesai tepat waktu",
            "%",
            [85, 88, 90, 93, 95],
            baseline=81.7,
            is_iku=True,
            formula="Jumlah layanan kepegawaian yang selesai sesuai standar waktu SOP dibagi "
            "jumlah layanan yang diterima x 100%",
            sumber_data="Register layanan kepegawaian",
        ),
        _indikator(
            "SS2",
            "Persentase ASN yang melakukan pelanggaran disiplin",
            "%",
            [1.4, 1.2, 1.0, 0.8, 0.6],
            baseline=1.65,
            arah="turun",
            formula="Jumlah ASN yang dijatuhi hukuman disiplin dibagi jumlah seluruh ASN x 100%",
            sumber_data="Bidang MPK",
        ),
    ]


DOKUMEN = "dokumen"
LAPORAN = "laporan"

# (code, name, sasaran, program indicator, kegiatan), kegiatan being
# (code, name, unit, kegiatan indicator, sub kegiatan), sub kegiatan being
# (number, name, indicator, pagu of the first year).
PROGRAMS = [
    (
        "5.03.01",
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
        "SS2",
        ("Nilai SAKIP Perangkat Daerah", "nilai", [68, 70, 72, 74, 76], 66.42),
        [
            (
                "5.03.01.2.01",
                "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
                "PERENCANAAN",
                (
                    "Persentase dokumen perencanaan dan pelaporan kinerja yang tersusun tepat "
                    "waktu",
                    "%",
                    100,
                    90,
                ),
                [
                    (
                        "0001",
                        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
                        ("Jumlah Dokumen Perencanaan Perangkat Daerah", DOKUMEN, 3),
                        85_000_000,
                    ),
                    (
                        "0002",
                        "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
                        (
                            "Jumlah Dokumen RKA-SKPD dan Laporan Hasil Koordinasi Penyusunan "
                            "Dokumen RKA-SKPD",
                            DOKUMEN,
                            1,
                        ),
                        40_000_000,
                    ),
                    (
                        "0006",
                        "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar "
                        "Realisasi Kinerja SKPD",
                        (
                            "Jumlah Laporan Capaian Kinerja dan Ikhtisar Realisasi "
                            "Kinerja SKPD dan "
                            "Laporan Hasil Koordinasi Penyusunan Laporan Capaian Kinerja dan "
                            "Ikhtisar Realisasi Kinerja SKPD",
                            LAPORAN,
                            5,
                        ),
                        60_000_000,
                    ),
                    (
                        "0007",
                        "Evaluasi Kinerja Perangkat Daerah",
                        ("Jumlah Laporan Evaluasi Kinerja Perangkat Daerah", LAPORAN, 4),
                        35_000_000,
                    ),
                ],
            ),
            (
                "5.03.01.2.02",
                "Administrasi Keuangan Perangkat Daerah",
                "PERENCANAAN",
                ("Persentase laporan keuangan yang tersusun tepat waktu", "%", 100, 100),
                [
                    (
                        "0001",
                        "Penyediaan Gaji dan Tunjangan ASN",
                        (
                            "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN",
                            "orang",
                            [64, 66, 68, 68, 70],
                        ),
                        7_450_000_000,
                    ),
                    (
                        "0003",
                        "Pelaksanaan Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD",
                        (
                            "Jumlah Dokumen Penatausahaan dan Pengujian/Verifikasi Keuangan SKPD",
                            DOKUMEN,
                            12,
                        ),
                        95_000_000,
                    ),
                    (
                        "0005",
                        "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD",
                        (
                            "Jumlah Laporan Keuangan Akhir Tahun SKPD dan Laporan Hasil Koordinasi "
                            "Penyusunan Laporan Keuangan Akhir Tahun SKPD",
                            LAPORAN,
                            1,
                        ),
                        30_000_000,
                    ),
                ],
            ),
            (
                "5.03.01.2.05",
                "Administrasi Kepegawaian Perangkat Daerah",
                "UMPEG",
                ("Persentase administrasi kepegawaian internal yang terselesaikan", "%", 100, 95),
                [
                    (
                        "0002",
                        "Pengadaan Pakaian Dinas Beserta Atribut Kelengkapannya",
                        ("Jumlah Paket Pakaian Dinas Beserta Atribut Kelengkapan", "paket", 64),
                        70_000_000,
                    ),
                    (
                        "0003",
                        "Pendataan dan Pengolahan Administrasi Kepegawaian",
                        (
                            "Jumlah Dokumen Pendataan dan Pengolahan Administrasi Kepegawaian",
                            DOKUMEN,
                            12,
                        ),
                        45_000_000,
                    ),
                    (
                        "0009",
                        "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi",
                        (
                            "Jumlah Pegawai Berdasarkan Tugas dan Fungsi yang Mengikuti Pendidikan "
                            "dan Pelatihan",
                            "orang",
                            [15, 18, 20, 22, 25],
                        ),
                        120_000_000,
                    ),
                ],
            ),
            (
                "5.03.01.2.06",
                "Administrasi Umum Perangkat Daerah",
                "UMPEG",
                ("Persentase kebutuhan administrasi umum kantor yang terpenuhi", "%", 100, 95),
                [
                    (
                        "0002",
                        "Penyediaan Peralatan dan Perlengkapan Kantor",
                        (
                            "Jumlah Paket Peralatan dan Perlengkapan Kantor yang Disediakan",
                            "paket",
                            12,
                        ),
                        110_000_000,
                    ),
                    (
                        "0004",
                        "Penyediaan Bahan Logistik Kantor",
                        ("Jumlah Paket Bahan Logistik Kantor yang Disediakan", "paket", 12),
                        90_000_000,
                    ),
                    (
                        "0009",
                        "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
                        (
                            "Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
                            LAPORAN,
                            12,
                        ),
                        350_000_000,
                    ),
                ],
            ),
            (
                "5.03.01.2.08",
                "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
                "UMPEG",
                ("Persentase jasa penunjang kantor yang terpenuhi", "%", 100, 100),
                [
                    (
                        "0002",
                        "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
                        (
                            "Jumlah Laporan Penyediaan Jasa Komunikasi, Sumber Daya Air "
                            "dan Listrik "
                            "yang Disediakan",
                            LAPORAN,
                            12,
                        ),
                        180_000_000,
                    ),
                    (
                        "0004",
                        "Penyediaan Jasa Pelayanan Umum Kantor",
                        (
                            "Jumlah Laporan Penyediaan Jasa Pelayanan Umum Kantor yang Disediakan",
                            LAPORAN,
                            12,
                        ),
                        620_000_000,
                    ),
                ],
            ),
            (
                "5.03.01.2.09",
                "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
                "UMPEG",
                (
                    "Persentase barang milik daerah dalam kondisi baik",
                    "%",
                    [90, 91, 92, 93, 95],
                    88,
                ),
                [
                    (
                        "0002",
                        "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan "
                        "Perizinan Kendaraan Dinas Operasional atau Lapangan",
                        (
                            "Jumlah Kendaraan Dinas Operasional atau Lapangan yang Dipelihara dan "
                            "Dibayarkan Pajak dan Perizinannya",
                            "unit",
                            9,
                        ),
                        165_000_000,
                    ),
                    (
                        "0009",
                        "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya",
                        (
                            "Jumlah Gedung Kantor dan Bangunan Lainnya yang "
                            "Dipelihara/Direhabilitasi",
                            "unit",
                            1,
                        ),
                        240_000_000,
                    ),
                ],
            ),
        ],
    ),
    (
        "5.03.02",
        "Program Kepegawaian Daerah",
        "SS1",
        (
            "Persentase jabatan yang diisi sesuai standar kompetensi jabatan",
            "%",
            [75, 80, 85, 88, 90],
            71.2,
        ),
        [
            (
                "5.03.02.2.01",
                "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
                "PPIK",
                (
                    "Persentase data kepegawaian yang mutakhir dan valid",
                    "%",
                    [90, 93, 95, 97, 98],
                    86.5,
                ),
                [
                    (
                        "0001",
                        "Penyusunan Rencana Kebutuhan, Jenis dan Jumlah Jabatan untuk "
                        "Pelaksanaan Pengadaan ASN",
                        ("Jumlah Dokumen Rencana Kebutuhan, Jenis dan Jumlah Jabatan", DOKUMEN, 1),
                        75_000_000,
                    ),
                    (
                        "0002",
                        "Koordinasi dan Fasilitasi Pengadaan PNS dan PPPK",
                        (
                            "Jumlah Dokumen Hasil Koordinasi dan Fasilitasi Pengadaan PNS dan PPPK",
                            DOKUMEN,
                            2,
                        ),
                        450_000_000,
                    ),
                    (
                        "0003",
                        "Koordinasi Pelaksanaan Administrasi Pemberhentian",
                        (
                            "Jumlah Dokumen Hasil Koordinasi Pelaksanaan Administrasi "
                            "Pemberhentian",
                            DOKUMEN,
                            4,
                        ),
                        85_000_000,
                    ),
                    (
                        "0005",
                        "Evaluasi Data, Informasi dan Sistem Informasi Kepegawaian",
                        (
                            "Jumlah Dokumen Hasil Evaluasi Data, Informasi dan Sistem Informasi "
                            "Kepegawaian",
                            DOKUMEN,
                            2,
                        ),
                        180_000_000,
                    ),
                ],
            ),
            (
                "5.03.02.2.02",
                "Mutasi dan Promosi ASN",
                "MPK",
                ("Persentase mutasi dan promosi ASN yang sesuai ketentuan", "%", 100, 96),
                [
                    (
                        "0001",
                        "Pengelolaan Mutasi ASN",
                        (
                            "Jumlah Dokumen Hasil Pelaksanaan Mutasi Jabatan Pimpinan "
                            "Tinggi, Jabatan "
                            "Administrasi, Jabatan Pelaksana dan Mutasi ASN antar Daerah",
                            DOKUMEN,
                            4,
                        ),
                        160_000_000,
                    ),
                    (
                        "0002",
                        "Pengelolaan Kenaikan Pangkat ASN",
                        ("Jumlah Dokumen Pengelolaan Kenaikan Pangkat ASN", DOKUMEN, 2),
                        120_000_000,
                    ),
                    (
                        "0003",
                        "Pengelolaan Promosi ASN",
                        ("Jumlah Dokumen Hasil Pelaksanaan Promosi ASN", DOKUMEN, 2),
                        350_000_000,
                    ),
                ],
            ),
            (
                "5.03.02.2.03",
                "Pengembangan Kompetensi ASN",
                "PSDM",
                (
                    "Persentase ASN yang kompetensinya sesuai standar kompetensi jabatan",
                    "%",
                    [65, 70, 75, 80, 85],
                    61.8,
                ),
                [
                    (
                        "0001",
                        "Pengelolaan Pendidikan Lanjutan ASN",
                        ("Jumlah ASN yang Difasilitasi Pendidikan Lanjutan", "orang", 25),
                        225_000_000,
                    ),
                    (
                        "0002",
                        "Pembinaan Jabatan Fungsional ASN",
                        ("Jumlah Dokumen Hasil Pembinaan Jabatan Fungsional ASN", DOKUMEN, 2),
                        140_000_000,
                    ),
                    (
                        "0003",
                        "Pengelolaan Administrasi Diklat dan Sertifikasi ASN",
                        (
                            "Jumlah Dokumen Hasil Pengelolaan Administrasi Diklat dan "
                            "Sertifikasi ASN",
                            DOKUMEN,
                            4,
                        ),
                        480_000_000,
                    ),
                ],
            ),
            (
                "5.03.02.2.04",
                "Penilaian dan Evaluasi Kinerja Aparatur",
                "MPK",
                (
                    "Persentase ASN dengan penilaian kinerja minimal Baik",
                    "%",
                    [90, 92, 94, 95, 96],
                    87.4,
                ),
                [
                    (
                        "0001",
                        "Pelaksanaan Penilaian dan Evaluasi Kinerja Aparatur",
                        (
                            "Jumlah Dokumen Hasil Pelaksanaan Penilaian dan Evaluasi "
                            "Kinerja Aparatur",
                            DOKUMEN,
                            2,
                        ),
                        150_000_000,
                    ),
                    (
                        "0002",
                        "Pengelolaan Pemberian Penghargaan Bagi Pegawai",
                        (
                            "Jumlah Dokumen Hasil Pengelolaan Pemberian Penghargaan Bagi Pegawai",
                            DOKUMEN,
                            1,
                        ),
                        95_000_000,
                    ),
                    (
                        "0003",
                        "Pembinaan Disiplin ASN",
                        ("Jumlah Dokumen Hasil Pembinaan Disiplin ASN", DOKUMEN, 4),
                        110_000_000,
                    ),
                ],
            ),
        ],
    ),
]
