"""NIK (Nomor Induk Kependudukan): the 16-digit population number of the e-KTP.

Layout: region code (province 2, kabupaten/kota 2, kecamatan 2) + birth date DDMMYY
(a woman's day + 40) + serial (4). BSrE knows a signer by it.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalize_nik(value: str) -> str:
    """Strip the spaces and dots of a written NIK."""
    return "".join(str(value).replace(".", " ").split())


def validate_nik(value: str) -> None:
    nik = normalize_nik(value)
    if len(nik) != 16 or not nik.isascii() or not nik.isdigit():
        raise ValidationError(_("NIK harus terdiri dari 16 angka."), code="length")
    province, day, month = int(nik[:2]), int(nik[6:8]), int(nik[8:10])
    if not 11 <= province <= 96:
        raise ValidationError(
            _("Kode provinsi pada NIK (%(part)s) tidak dikenal."),
            code="region",
            params={"part": nik[:2]},
        )
    if not (1 <= day <= 31 or 41 <= day <= 71) or not 1 <= month <= 12:
        raise ValidationError(
            _("Tanggal lahir pada NIK (%(part)s) bukan tanggal yang valid."),
            code="birth",
            params={"part": nik[6:12]},
        )
    if nik[12:] == "0000":
        raise ValidationError(_("Nomor urut pada NIK tidak boleh 0000."), code="serial")
