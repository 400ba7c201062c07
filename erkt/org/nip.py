"""NIP (Nomor Induk Pegawai): the 18-digit civil-servant number.

Layout: birth date YYYYMMDD (8) + TMT CPNS YYYYMM (6) + sex 1/2 (1) + serial (3),
written in groups as "19820425 200902 2 002".
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A CPNS is at least 18 years old when appointed; a younger TMT is a typing error.
MIN_AGE_AT_TMT = 18


def normalize_nip(value: str) -> str:
    """Strip the spaces of the written form."""
    return "".join(str(value).split())


def validate_nip(value: str) -> None:
    nip = normalize_nip(value)
    if len(nip) != 18 or not nip.isascii() or not nip.isdigit():
        raise ValidationError(_("NIP harus terdiri dari 18 angka."), code="length")
    birth = _birth_date(nip)
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_month <= 12 or tmt_year < 1900:
        raise ValidationError(
            _("TMT CPNS pada NIP (%(part)s) bukan bulan yang valid."),
            code="tmt",
            params={"part": nip[8:14]},
        )
    if (tmt_year, tmt_month) <= (birth.year, birth.month):
        raise ValidationError(_("TMT CPNS pada NIP harus setelah tanggal lahir."), code="tmt")
    if (tmt_year - birth.year) * 12 + tmt_month - birth.month < MIN_AGE_AT_TMT * 12:
        raise ValidationError(
            _("TMT CPNS pada NIP harus setelah pegawai berusia %(age)d tahun."),
            code="tmt",
            params={"age": MIN_AGE_AT_TMT},
        )
    if nip[14] not in "12":
        raise ValidationError(
            _("Digit jenis kelamin pada NIP harus 1 (pria) atau 2 (wanita)."), code="sex"
        )
    if nip[15:18] == "000":
        raise ValidationError(_("Nomor urut pada NIP tidak boleh 000."), code="serial")


def _birth_date(nip: str) -> dt.date:
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        birth = None
    if birth is None or birth.year < 1900:
        raise ValidationError(
            _("Tanggal lahir pada NIP (%(part)s) bukan tanggal yang valid."),
            code="birth_date",
            params={"part": nip[0:8]},
        )
    return birth


def format_nip(value: str) -> str:
    """The written form "19820425 200902 2 002"; anything that is not a NIP is returned as is."""
    nip = normalize_nip(value)
    if len(nip) != 18 or not nip.isdigit():
        return value
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"
