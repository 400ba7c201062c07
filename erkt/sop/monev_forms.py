"""Reading the evaluation's form input: every value checked before anything is stored."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

MAX_TEXT = 2000
MAX_WAKTU = 365


def _integer(text: str, low: int, high: int) -> int | None:
    text = (text or "").strip()
    if not text.isdigit():
        return None
    value = int(text)
    return value if low <= value <= high else None


def parse_new(data) -> tuple[dict, list[str]]:
    """Year, semester and the late share of a new evaluation."""
    this_year = timezone.localdate().year
    errors = []
    year = _integer(data.get("year", ""), 2000, this_year + 1)
    if year is None:
        errors.append(_("Tahun harus antara 2000 dan %(max)d.") % {"max": this_year + 1})
    semester = _integer(data.get("semester", ""), 1, 2)
    if semester is None:
        errors.append(_("Pilih semester I atau II."))
    late_share = _integer(data.get("late_share", ""), 0, 100)
    if late_share is None:
        errors.append(_("Batas keterlambatan harus bilangan bulat 0 sampai 100."))
    return {"year": year, "semester": semester, "late_share": late_share}, errors


def parse_items(data, items) -> tuple[dict[int, dict], dict[int, list[str]]]:
    """{item pk: values} of every row, and {item pk: messages} of the rows in error."""
    values: dict[int, dict] = {}
    errors: dict[int, list[str]] = {}
    for item in items:
        mine = []
        choice = data.get(f"baik-{item.pk}", "")
        if choice not in ("ya", "tidak"):
            mine.append(_("Pilih berjalan dengan baik: ya atau tidak."))
        catatan = data.get(f"catatan-{item.pk}", "").strip()
        tindakan = data.get(f"tindakan-{item.pk}", "").strip()
        if len(catatan) > MAX_TEXT or len(tindakan) > MAX_TEXT:
            mine.append(
                _("Catatan dan tindakan paling panjang %(max)d karakter.") % {"max": MAX_TEXT}
            )
        if "\x00" in catatan or "\x00" in tindakan:
            mine.append(_("Teks berisi karakter yang tidak sah."))
        if choice == "tidak" and not catatan:
            mine.append(_("Isi catatan untuk langkah yang tidak berjalan dengan baik."))
        raw_waktu = data.get(f"waktu-{item.pk}", "").strip()
        waktu = _integer(raw_waktu, 1, MAX_WAKTU) if raw_waktu else None
        if raw_waktu and waktu is None:
            mine.append(_("Usulan waktu harus 1 sampai %(max)d hari kerja.") % {"max": MAX_WAKTU})
        if mine:
            errors[item.pk] = mine
            continue
        values[item.pk] = {
            "berjalan_baik": choice == "ya",
            "catatan": catatan,
            "tindakan": tindakan,
            "proposed_waktu": waktu,
        }
    return values, errors
