"""The RKT's Form RKT panels on the home page written in Python: the HTML of the templates
rkt/home/forms.html, unit.html and _form_status.html, which erkt/rkt/tests/test_home_html.py
compares with it in both languages, `<script>` in the names and the reasons.

Rendered by the template engine, the planners' recap cost some 5,000 Python calls a visit
for five units (an include, a translation and a plural per unit), more than reading the
forms. Each value is escaped as `{{ }}` escapes it; the whitespace is the templates' own.
"""

from __future__ import annotations

from django.utils.translation import gettext, ngettext

from erkt.html_rows import escaped
from erkt.org.templatetags.indonesian import tanggal
from erkt.per_language import per_language
from erkt.rkt.templatetags.rkt_format import rupiah
from erkt.rkt.unit_forms.models import FormRkt
from erkt.url_cache import remembered

STATUS_CLASSES = {
    FormRkt.Status.SUBMITTED: "text-bg-success",
    FormRkt.Status.RETURNED: "text-bg-warning",
}
OTHER_STATUS_CLASS = "text-bg-light border text-dark"


@per_language
def labels() -> dict[str, str]:
    """The panels' words in the active language (a `{% translate %}` of a literal is not
    escaped; the statuses are, as `{{ form.get_status_display }}` escapes them)."""
    return {
        "recap": gettext("Rekap Form RKT"),
        "sent": gettext("%(sent)s dari %(total)s unit sudah mengirim"),
        "details": gettext("Rincian"),
        "late": gettext("Terlambat"),
        "not_made": gettext("Belum dibuat"),
        "yours": gettext("Form RKT unit Anda"),
        "sent_on": gettext("dikirim"),
        "returned": gettext("Dikembalikan oleh %(who)s pada %(when)s"),
        "made_later": gettext("Form RKT dibuat ketika langkah pengisian dibuka untuk unit Anda."),
        "corrections": gettext("Koreksi atas baris unit Anda"),
        "open": gettext("terbuka"),
        "accepted": gettext("diterima"),
        "rejected": gettext("ditolak"),
        "noted": gettext("dicatat"),
        "none": gettext("belum ada"),
    }


@per_language
def status_labels() -> dict[str, str]:
    return {value: escaped(str(label)) for value, label in FormRkt.Status.choices}


@per_language
def row_count(count: int) -> str:
    """`{% blocktranslate count counter=rows %}{{ counter }} baris{% plural %}...`"""
    return ngettext("%(counter)s baris", "%(counter)s baris", count) % {"counter": count}


def form_status(line) -> str:
    """rkt/home/_form_status.html for a FormLine (with the file's closing newline)."""
    words, form = labels(), line.form
    if form is None:
        html = f'<span class="badge text-bg-secondary">{words["not_made"]}</span>'
    else:
        css = STATUS_CLASSES.get(form.status, OTHER_STATUS_CLASS)
        label = status_labels().get(form.status) or escaped(form.status)
        html = f'<span class="badge {css}">{label}</span>'
    if line.late:
        html += f' <span class="badge text-bg-danger">{words["late"]}</span>'
    return html + "\n"


def forms_card(context: dict) -> str:
    """rkt/home/forms.html for the forms panel's context."""
    words, lines = labels(), context["lines"]
    sent = words["sent"] % {"sent": context["sent"], "total": len(lines)}
    url = escaped(remembered("rkt:forms_overview", context["process"].pk))
    late = ""
    if context["late"]:
        names = ", ".join(escaped(line.unit.name) for line in context["late"])
        late = (
            '<div class="alert alert-danger rounded-0 mb-0 small py-2" id="home-forms-late">'
            f"<strong>{words['late']}:</strong> {names}</div>"
        )
    items = "".join(
        '\n    <li class="list-group-item d-flex flex-wrap gap-2 align-items-center"'
        f' data-unit-form="{line.unit.pk}">\n'
        f'      <span class="fw-semibold">{escaped(line.unit.name)}</span>\n'
        f'      <span class="small text-body-secondary">{row_count(line.rows)} &middot; '
        f"{escaped(rupiah(line.total))}</span>\n"
        f'      <span class="ms-auto">{form_status(line)}</span>\n'
        "    </li>\n  "
        for line in lines
    )
    return (
        '\n<section class="card shadow-sm h-100" aria-labelledby="home-forms-title"'
        ' id="home-forms">\n'
        '  <div class="card-header bg-white d-flex flex-wrap align-items-baseline gap-2">\n'
        '    <h2 class="h6 fw-semibold mb-0" id="home-forms-title"><i class="bi bi-ui-checks"'
        f' aria-hidden="true"></i> {words["recap"]}</h2>\n'
        f'    <span class="small text-body-secondary">{sent}</span>\n'
        f'    <a class="ms-auto small" href="{url}">{words["details"]}</a>\n'
        "  </div>\n"
        f"  {late}\n"
        '  <ul class="list-group list-group-flush">\n'
        f"  {items}\n"
        "  </ul>\n"
        "</section>\n"
    )


def unit_card(context: dict) -> str:
    """rkt/home/unit.html for the unit panel's context."""
    words = labels()
    items = "".join(_unit_item(line, words) for line in context["lines"])
    return (
        '\n<section class="card shadow-sm h-100" aria-labelledby="home-unit-title"'
        ' id="home-unit">\n'
        '  <div class="card-header bg-white">\n'
        '    <h2 class="h6 fw-semibold mb-0" id="home-unit-title"><i class="bi bi-building"'
        f' aria-hidden="true"></i> {words["yours"]}</h2>\n'
        "  </div>\n"
        '  <ul class="list-group list-group-flush">\n'
        f"  {items}\n"
        "  </ul>\n"
        '  <div class="card-body border-top small" id="home-unit-corrections">\n'
        f'    <span class="fw-semibold">{words["corrections"]}:</span>\n'
        f"    {_corrections(context['corrections'], words)}\n"
        "  </div>\n"
        "</section>\n"
    )


def _unit_item(line, words: dict[str, str]) -> str:
    form, name = line.form, escaped(line.unit.name)
    if form is not None:
        url = escaped(remembered("rkt:unit_form", form.pk))
        title = f'<a class="fw-semibold" href="{url}">{name}</a>'
        details = _form_details(line, form, words)
    else:
        title = f'<span class="fw-semibold">{name}</span>'
        details = f'<div class="small text-body-secondary">{words["made_later"]}</div>'
    return (
        f'\n    <li class="list-group-item" data-unit-form="{line.unit.pk}">\n'
        '      <div class="d-flex flex-wrap gap-2 align-items-center">\n'
        f"        {title}\n"
        f'        <span class="ms-auto">{form_status(line)}</span>\n'
        "      </div>\n"
        f"      {details}\n"
        "    </li>\n  "
    )


def _form_details(line, form: FormRkt, words: dict[str, str]) -> str:
    sent = ""
    if form.submitted_at:
        sent = f" &middot; {words['sent_on']} {escaped(tanggal(form.submitted_at))}"
    returned = ""
    if form.status == FormRkt.Status.RETURNED:
        why = words["returned"] % {
            "who": escaped(_returned_by(form)),
            "when": escaped(tanggal(form.returned_at)),
        }
        returned = (
            f'<div class="small mt-1 text-danger-emphasis">{why}: '
            f"{escaped(form.return_reason)}</div>"
        )
    return (
        f'<div class="small text-body-secondary">{row_count(line.rows)} &middot; '
        f"{escaped(rupiah(line.total))}{sent}</div>\n      {returned}\n      "
    )


def _returned_by(form: FormRkt) -> str:
    """`{{ form.returned_by.employee.full_name|default:"-" }}`"""
    try:
        name = form.returned_by.employee.full_name if form.returned_by_id else ""
    except AttributeError:  # an account without an employee record
        name = ""
    return name or "-"


def _corrections(corrections: dict, words: dict[str, str]) -> str:
    if not corrections:
        return f'<span class="text-body-secondary">{words["none"]}</span>'
    counts = " &middot; ".join(
        f"{words[status]} {corrections.get(status) or 0}"
        for status in ("open", "accepted", "rejected", "noted")
    )
    return f"\n      {counts}\n    "
