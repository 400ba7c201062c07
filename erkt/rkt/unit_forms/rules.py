"""What a Form RKT must meet: the rules of one row and the rules of sending a form.

The same rules serve the form page (a row saved one at a time), the Excel upload
(every row of the file) and sending (the whole form): a row is refused when its
texts are empty, its target is not a number where the satuan is numeric, or its
anggaran is negative; a form is refused when it is empty, when a Renstra
indicator of the unit has no target, or when a program's total anggaran exceeds
the unit's pagu for that program and no row of the program says why.

Numeric satuan. A satuan is numeric unless it names a quality: its first word
is one of QUALITATIVE_WORDS (predikat, kategori, opini, status, kriteria, huruf,
kualitatif, keterangan) or it is "nilai huruf". So %, persen, orang, dokumen,
laporan, kegiatan, indeks, nilai, unit, paket, JP, hari, bulan, rupiah, and any
other count noun ("sertifikat", "ASN") take a number, while "Predikat SAKIP"
may take "BB". Counting nouns are an open list, the qualitative ones a short
closed list; defaulting to numeric keeps a typo in the satuan from silently
allowing a text target.

Numbers are written the Indonesian way, "92,5" and "1.250.000"; a plain decimal
point ("92.5") is accepted too. A dot followed by exactly three digits groups
thousands ("1.400" is one thousand four hundred).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import Q
from django.utils.translation import gettext as _

from erkt.compiled_sql import Shape
from erkt.per_language import per_language
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow, group_rows

# A form holds at most this many rows, whichever way they come (page, Excel, API).
MAX_ROWS = 1000
QUALITATIVE_WORDS = frozenset(
    {"predikat", "kategori", "opini", "status", "kriteria", "huruf", "kualitatif", "keterangan"}
)
QUALITATIVE_PHRASES = frozenset({"nilai huruf"})
# Offered as suggestions on the form; any other satuan may be typed.
COMMON_SATUAN = (
    "%",
    "dokumen",
    "laporan",
    "orang",
    "kegiatan",
    "paket",
    "unit",
    "indeks",
    "nilai",
    "JP",
    "hari",
    "bulan",
    "rupiah",
    "predikat",
    "kategori",
)

_INDONESIAN = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$")
_DECIMAL_POINT = re.compile(r"^[+-]?\d+(\.\d+)?$")


def is_numeric_satuan(satuan: str) -> bool:
    words = " ".join(satuan.casefold().split())
    if words in QUALITATIVE_PHRASES:
        return False
    return not words or words.split()[0] not in QUALITATIVE_WORDS


def parse_number(text: str) -> Decimal | None:
    """The number written in `text` ("92,5", "1.250.000", "92.5"), or None when it is none."""
    value = "".join(str(text).split()).removeprefix("Rp").removeprefix("rp")
    if _INDONESIAN.match(value):
        value = value.replace(".", "").replace(",", ".")
    elif not _DECIMAL_POINT.match(value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def format_number(value: Decimal) -> str:
    """A Renstra target as an Indonesian reader writes it: 92,5 and 1.400."""
    value = value.normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    sign = "-" if value < 0 else ""
    whole, _dot, fraction = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


@dataclass(frozen=True)
class Problem:
    """One broken rule: `field` of the row ("" for the row or the form as a whole)."""

    field: str
    message: str


@per_language
def required_texts() -> tuple[tuple[str, str], ...]:
    """The texts a row must have, with their messages (translated once per language: a
    form's every row is checked on each visit of its page)."""
    return (
        ("sasaran_kegiatan", _("Sasaran kegiatan wajib diisi.")),
        ("indikator", _("Indikator kinerja wajib diisi.")),
        ("satuan", _("Satuan wajib diisi.")),
    )


def row_problems(row: FormRktRow, *, require_target: bool = True) -> list[Problem]:
    """The rules of one row, field by field; an empty list when the row may be saved."""
    problems = []
    for name, message in required_texts():
        if not (getattr(row, name) or "").strip():
            problems.append(Problem(name, message))
    target = (row.target or "").strip()
    if not target and require_target:
        problems.append(Problem("target", _("Target wajib diisi.")))
    if target and (message := target_problem(target, row.satuan or "")):
        problems.append(Problem("target", message))
    if row.anggaran is not None and row.anggaran < 0:
        problems.append(Problem("anggaran", _("Anggaran tidak boleh negatif.")))
    if row.renstra_indikator_id and not _answers(row, row.renstra_indikator):
        problems.append(
            Problem(
                "renstra_indikator",
                _("Indikator Renstra ini bukan indikator kegiatan atau sub kegiatan baris ini."),
            )
        )
    return problems


def too_many_rows(count: int) -> str:
    """The refusal of a form of `count` rows when it passes MAX_ROWS, else ""."""
    if count <= MAX_ROWS:
        return ""
    return _("Form RKT paling banyak %(max)s baris; yang dikirim %(count)s baris.") % {
        "max": MAX_ROWS,
        "count": count,
    }


def target_problem(target: str, satuan: str) -> str:
    """Why `target` cannot go with `satuan` (a numeric satuan takes a number), else "".

    The rule of a Form RKT row, also applied to the corrections of a Draft RKT.
    """
    target = (target or "").strip()
    if target and is_numeric_satuan(satuan or "") and parse_number(target) is None:
        return not_a_number(target, satuan)
    return ""


def not_a_number(target: str, satuan: str) -> str:
    return _(
        "Target \u201c%(target)s\u201d bukan angka, padahal satuannya \u201c%(satuan)s\u201d "
        "diukur dengan angka. Tulis angka, misalnya 95 atau 92,5."
    ) % {"target": target, "satuan": satuan}


def _answers(row: FormRktRow, indikator) -> bool:
    if row.sub_kegiatan_id:
        return indikator.sub_kegiatan_id == row.sub_kegiatan_id
    return indikator.kegiatan_id == row.kegiatan_id


def _unit_indicators(unit_id: int, renstra_id: int):
    from erkt.rkt.models import Indikator

    return (
        Indikator.objects.filter(
            Q(kegiatan__unit_id=unit_id, kegiatan__program__renstra_id=renstra_id)
            | Q(
                sub_kegiatan__unit_id=unit_id,
                sub_kegiatan__kegiatan__program__renstra_id=renstra_id,
            )
        )
        .select_related("kegiatan", "sub_kegiatan")
        .order_by("pk")
    )


# Compiled once (erkt.compiled_sql): the Form RKT page reads it on every visit of a form
# being edited, and every row form.
UNIT_INDICATORS = Shape(_unit_indicators)


def renstra_indicators_of(form: FormRkt) -> list:
    """The Renstra indicators the unit answers for: those of its kegiatan and sub kegiatan."""
    renstra = form.renstra
    if renstra is None:
        return []
    return UNIT_INDICATORS.rows(form.unit_id, renstra.pk)


def form_problems(form: FormRkt, rows: list[FormRktRow] | None = None) -> list[str]:
    """Why `form` (or `rows` in its place) may not be sent; empty when it may.

    Rows are named by their number in the form's nomenclature order (the "No"
    column of the page and of the Excel file).
    """
    if rows is None:
        rows = list(
            form.rows.select_related("kegiatan__program", "sub_kegiatan", "renstra_indikator")
        )
    if not rows:
        return [_("Form RKT masih kosong; tambahkan paling sedikit satu baris.")]
    groups = group_rows(rows, form.unit_pagu_by_program())
    ordered = [row for group in groups for row in group.rows]
    messages = _missing_targets(form, ordered)
    for number, row in enumerate(ordered, start=1):
        for problem in row_problems(row, require_target=not row.renstra_indikator_id):
            messages.append(_row_message(number, row, problem.message))
    for group in groups:
        if group.over_pagu and not group.justified:
            messages.append(over_pagu(group))
    return messages


def _missing_targets(form: FormRkt, rows: list[FormRktRow]) -> list[str]:
    answered = {row.renstra_indikator_id for row in rows if (row.target or "").strip()}
    missing = [i for i in renstra_indicators_of(form) if i.pk not in answered]
    if not missing:
        return []
    # Translated once, not once per indicator: a new form misses every target.
    message = _("Indikator Renstra \u201c%(indikator)s\u201d (%(code)s) belum diberi target.")
    return [
        message % {"indikator": indikator.uraian, "code": indikator.owner.code}
        for indikator in missing
    ]


def over_pagu(group) -> str:
    return _(
        "Total anggaran program %(code)s %(name)s (Rp %(total)s) melebihi pagu unit ini "
        "(Rp %(pagu)s). Tuliskan justifikasi pada salah satu baris program ini, atau "
        "kurangi anggarannya."
    ) % {
        "code": group.program.code,
        "name": group.program.name,
        "total": format_number(group.total),
        "pagu": format_number(group.pagu),
    }


def _row_message(number: int, row: FormRktRow, message: str) -> str:
    return _("Baris %(number)s (%(code)s): %(message)s") % {
        "number": number,
        "code": row.code,
        "message": message,
    }
