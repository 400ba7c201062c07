"""Renstra data of a chosen size, for the benchmark and the tests that scale an import.

The tree is regular: one tujuan and sasaran, programs of ten kegiatan, kegiatan of ten
sub kegiatan, one indicator for the sasaran and each program, kegiatan and sub kegiatan.
"""

from __future__ import annotations

from decimal import Decimal

from erkt.rkt.models import PERIOD_YEARS
from erkt.rkt.renstra_data import (
    IndikatorRow,
    KegiatanRow,
    ProgramRow,
    RenstraData,
    SasaranRow,
    SubKegiatanRow,
    TujuanRow,
)


def renstra_of_rows(rows: int, *, period_start: int, unit: str) -> RenstraData:
    """A valid Renstra of about `rows` data rows over all sheets (at least a few)."""
    # Rows are about 2.22 per sub kegiatan: itself, its indicator, and its share above.
    return renstra_of_size(max(1, rows * 100 // 222), period_start=period_start, unit=unit)


def renstra_of_size(sub_kegiatan: int, *, period_start: int, unit: str) -> RenstraData:
    """A valid Renstra of `sub_kegiatan` sub kegiatan (at most 99,000), all of `unit`."""
    years = range(period_start, period_start + PERIOD_YEARS)
    data = RenstraData(title=f"Renstra Uji {sub_kegiatan}", period_start=period_start)
    data.tujuan = [TujuanRow("T1", "Tujuan uji")]
    data.sasaran = [SasaranRow("SS1", "T1", "Sasaran uji")]
    data.indikator = [_indikator("SS1", "Indeks sasaran", years, is_iku=True)]
    for number in range(sub_kegiatan):
        program, kegiatan, sub = number // 100, number // 10 % 10, number % 10
        program_code = f"5.{program // 100 + 1:02d}.{program % 100:02d}"
        kegiatan_code = f"{program_code}.2.{kegiatan:02d}"
        sub_code = f"{kegiatan_code}.{sub + 1:04d}"
        if number % 100 == 0:
            data.programs.append(ProgramRow(program_code, f"Program {program_code}", "SS1"))
            data.indikator.append(_indikator(program_code, "Persentase program", years))
        if number % 10 == 0:
            data.kegiatan.append(
                KegiatanRow(kegiatan_code, program_code, f"Kegiatan {kegiatan_code}", unit)
            )
            data.indikator.append(_indikator(kegiatan_code, "Persentase kegiatan", years))
        pagu = {year: Decimal(1_000_000 + number) for year in years}
        data.sub_kegiatan.append(
            SubKegiatanRow(sub_code, kegiatan_code, f"Sub kegiatan {sub_code}", unit, pagu)
        )
        data.indikator.append(_indikator(sub_code, "Jumlah dokumen", years))
    return data


def _indikator(code: str, uraian: str, years, *, is_iku: bool = False) -> IndikatorRow:
    return IndikatorRow(
        code=code,
        uraian=uraian,
        satuan="%",
        arah="naik",
        baseline=Decimal(50),
        targets={year: Decimal(60 + n) for n, year in enumerate(years)},
        is_iku=is_iku,
        sumber_data="Laporan",
    )
