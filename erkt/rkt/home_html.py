"""The RKT's Form RKT panels on the home page written in Python: the HTML of the templates
rkt/home/forms.html, unit.html and _form_status.html, which erkt/rkt/tests/test_home_html.py
compares with it in both languages, `<script>` in the names and the reasons.

Rendered by the template engine, the planners' recap cost some 5,000 Python calls a visit
for five units (an include, a translation and a plural per unit), more than reading the
forms. Each value is escaped as `{{ }}` escapes it; the whitespace is the templates' own.
"""

from __future__ import annotations

from django.utils.formats import localize
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


@per_language
def signing_labels() -> dict[str, str]:
    """The signing summary's words in the active language (rkt/home/signing.html's)."""
    return {
        "title": gettext("Sebelum penandatanganan"),
        "version": gettext("Versi Draft"),
        "rows": gettext("Baris"),
        "open": gettext("Koreksi terbuka"),
        "changed": gettext("Baris berubah sejak versi 1"),
        "total": gettext("Total anggaran"),
        "pagu": gettext("Pagu indikatif"),
        "over": gettext("melebihi pagu"),
        "within": gettext("dalam pagu"),
        "since": gettext("Sejak versi 1"),
        "no_new": gettext("belum ada versi baru"),
        "counts": gettext("%(a)s baris ditambah, %(c)s diubah, %(r)s dihapus"),
        "see": gettext("Lihat versi %(n)s"),
        "diff": gettext("Perubahan sejak versi 1"),
    }


STAT = (
    '<div class="col-6 col-sm-3"><div class="stat{}">{}</div>'
    '<div class="small text-body-secondary">{}</div></div>'
)


def signing_card_with_draft(context: dict) -> str:
    """rkt/home/signing.html for a signing panel's context with a draft."""
    words, draft, changes = signing_labels(), context["draft"], context["changes"]
    number, process_pk, open_comments = (
        draft.number,
        context["process"].pk,
        context["open_comments"],
    )
    total, pagu = context["total"], context["pagu"]
    if draft.number == 1:
        since = words["no_new"]
    else:
        counts = (len(changes.added), len(changes.changed), len(changes.removed))
        since = words["counts"] % dict(zip("acr", counts, strict=True))
    badge = ""
    if context["over_pagu"]:
        badge = f'<span class="badge text-bg-danger">{words["over"]}</span>'
    elif pagu:
        badge = f'<span class="badge text-bg-success">{words["within"]}</span>'
    diff_link = corrections_link = ""
    if number > 1:
        url = escaped(remembered("rkt:drafts:diff", process_pk))
        diff_link = (
            f'<a class="btn btn-outline-secondary btn-sm" href="{url}?dari=1&amp;ke={number}">'
            f"{words['diff']}</a>"
        )
    if open_comments:
        url = escaped(remembered("rkt:drafts:corrections", process_pk, number))
        corrections_link = (
            f'<a class="btn btn-outline-danger btn-sm" href="{url}">{words["open"]}</a>'
        )
    version_url = escaped(remembered("rkt:drafts:version", process_pk, number))
    danger = " text-danger" if open_comments else ""
    return (
        '\n<section class="card shadow-sm h-100" aria-labelledby="home-signing-title"'
        ' id="home-signing">\n'
        '  <div class="card-header bg-white">\n'
        '    <h2 class="h6 fw-semibold mb-0" id="home-signing-title"><i class="bi bi-pen"'
        f' aria-hidden="true"></i> {words["title"]}</h2>\n'
        "  </div>\n  \n"
        '  <div class="card-body">\n'
        '    <div class="row g-3 mb-3 text-center">\n'
        f"      {STAT.format('', number, words['version'])}\n"
        f"      {STAT.format('', context['rows'], words['rows'])}\n"
        f"      {STAT.format(danger, open_comments, words['open'])}\n"
        f"      {STAT.format('', changes.count, words['changed'])}\n"
        "    </div>\n"
        '    <dl class="row small mb-2">\n'
        f'      <dt class="col-sm-5">{words["total"]}</dt>\n'
        f'      <dd class="col-sm-7 mb-1" data-total="{escaped(localize(total))}">'
        f"{escaped(rupiah(total))}</dd>\n"
        f'      <dt class="col-sm-5">{words["pagu"]}</dt>\n'
        f'      <dd class="col-sm-7 mb-1" data-pagu="{escaped(localize(pagu))}">'
        f"{escaped(rupiah(pagu))}\n"
        f"        {badge}</dd>\n"
        f'      <dt class="col-sm-5">{words["since"]}</dt>\n'
        f'      <dd class="col-sm-7 mb-1">{since}</dd>\n'
        "    </dl>\n"
        '    <div class="d-flex flex-wrap gap-2">\n'
        f'      <a class="btn btn-outline-primary btn-sm" href="{version_url}">'
        f"{words['see'] % {'n': number}}</a>\n"
        f"      {diff_link}\n"
        f"      {corrections_link}\n"
        "    </div>\n"
        "  </div>\n  \n"
        "</section>\n"
    )
