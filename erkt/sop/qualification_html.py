"""The rows of the SOP page's Kualifikasi Pelaksana table, written in Python
(sop/_qualifications.html).

As template nodes a person's row cost some twenty nodes plus a dozen per requirement
(ifs, translations, lookups through the assessment): the page's largest template share.
Here each label is translated once per table and each row is a few `erkt.html_rows.row()`
calls; every value is escaped as `{{ }}` escapes it (the translations too, as
`{% translate %}` does), and the whitespace is the template's own, so the page is the same.
"""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from erkt.html_rows import escaped
from erkt.html_rows import row as html_row
from erkt.per_language import per_language
from erkt.sop.qualifications import MET, UNMET, Check, Column, Person, Qualifications

PERSON_ROW = (
    "\n        <tr data-qualification-row{}>\n          {}"
    '\n          <td data-label="{}">{}'
    '<span class="d-block small text-body-secondary">{}</span></td>'
    "\n          {}"
    '\n          <td class="small pe-3" data-label="{}">{}</td>\n        </tr>\n        '
)
COLUMN_HEAD = '<th scope="rowgroup" rowspan="{}" class="ps-3 fw-semibold">{}</th>'
CHECK_CELL = (
    '\n          <td class="small" data-label="{}">\n            {}'
    '\n            <span class="text-body-secondary">{}</span>\n          </td>\n          '
)
NOBODY_ROW = (
    '\n        <tr><th scope="row" class="ps-3 fw-semibold">{}</th>'
    '<td colspan="{}" class="text-body-secondary small">{}</td></tr>\n        '
)
UNKNOWN = '<span class="text-body-secondary" aria-hidden="true">?</span>'


class _Labels:
    """The table's translated texts, escaped, read once per language."""

    def __init__(self) -> None:
        self.name = escaped(_("Nama"))
        self.remark = escaped(_("Keterangan"))
        # Texts outside the f-strings: xgettext does not look inside them.
        met, unmet, fails = _("memenuhi"), _("belum memenuhi"), _("Belum memenuhi kualifikasi")
        self.met = (
            '<span class="text-success-emphasis" aria-hidden="true">&#10003;</span>'
            f'<span class="visually-hidden">{escaped(met)}</span>\n            '
        )
        self.unmet = (
            '<span class="text-danger-emphasis" aria-hidden="true">&#10007;</span>'
            f'<span class="visually-hidden">{escaped(unmet)}</span>\n            '
        )
        self.meets = escaped(_("Memenuhi"))
        self.fails = (
            '<span class="text-danger-emphasis"><i class="bi bi-exclamation-triangle"'
            f' aria-hidden="true"></i> {escaped(fails)}</span>'
        )
        self.nobody = escaped(_("Belum ada pemangku jabatan untuk peran ini."))


# They are translations only.
_labels = per_language(_Labels)


def qualification_rows(qualifications: Qualifications) -> SafeString:
    """The table body's rows: per pelaksana column its people, or a line saying none."""
    labels = _labels()
    width = len(qualifications.requirements) + 2
    parts = []
    for column in qualifications.columns:
        if column.people:
            people = "".join(
                _person(labels, column, person, first=index == 0)
                for index, person in enumerate(column.people)
            )
        else:
            people = html_row(NOBODY_ROW, column.name, width, mark_safe(labels.nobody))
        parts.append(f"\n        {people}\n      ")
    return mark_safe("".join(parts))


def _person(labels: _Labels, column: Column, person: Person, *, first: bool) -> str:
    assessment = person.assessment
    head = html_row(COLUMN_HEAD, len(column.people), column.name) if first else ""
    checks = "".join(_check(labels, check) for check in assessment.checks)
    meets = assessment.meets
    return PERSON_ROW.format(
        "" if meets else ' class="table-warning"',
        head,
        labels.name,
        escaped(assessment.employee.full_name),
        escaped(person.title),
        checks,
        labels.remark,
        labels.meets if meets else labels.fails,
    )


def _check(labels: _Labels, check: Check) -> str:
    if check.status == MET:
        mark = labels.met
    elif check.status == UNMET:
        mark = labels.unmet
    else:
        mark = UNKNOWN
    return CHECK_CELL.format(escaped(check.requirement.label), mark, escaped(check.detail))
