"""What the Form RKT pages show, read in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from erkt.compiled_sql import Shape
from erkt.org.models import Unit
from erkt.rkt.preparation.steps import editing_task
from erkt.rkt.unit_forms import access
from erkt.rkt.unit_forms.excel import upload_rules
from erkt.rkt.unit_forms.forms import ReturnForm, SubmitForm, UploadForm
from erkt.rkt.unit_forms.models import FormRkt, FormRktRow, group_rows
from erkt.rkt.unit_forms.rules import COMMON_SATUAN, form_problems
from erkt.rkt.unit_forms.services import KUMPUL_FORM, open_fill_task
from erkt.workflow.models import Process, StepRun

# form.rows with what the table shows, compiled once (erkt.compiled_sql); the Meta
# ordering's order within one form, without its join to the form.
FORM_ROWS = Shape(
    lambda form_id: (
        FormRktRow.objects.filter(form_id=form_id)
        .select_related("kegiatan__program", "sub_kegiatan", "renstra_indikator")
        .order_by("order", "pk")
    )
)


def form_context(user, form: FormRkt, **extra) -> dict:
    rows = FORM_ROWS.rows(form.pk)
    for row in rows:
        row.form = form  # as form.rows sets it
    pagu = form.unit_pagu_by_program()
    groups = group_rows(rows, pagu)
    for number, row in enumerate((r for g in groups for r in g.rows), start=1):
        row.number = number
    may_edit = form.is_editable and access.can_edit(user, form)
    for_head = access.acts_for_head(user, form)
    context = {
        "form_rkt": form,
        "groups": groups,
        "row_count": len(rows),
        "total": sum((row.anggaran for row in rows), Decimal(0)),
        "pagu_total": sum(pagu.values(), Decimal(0)),
        "may_edit": may_edit,
        "problems": form_problems(form, rows) if may_edit else [],
        "submit_form": SubmitForm(acting_for_someone=for_head) if may_edit else None,
        "upload_form": UploadForm() if may_edit else None,
        # Shown only with the upload form (translated when shown).
        "upload_rules": upload_rules() if may_edit else [],
        "satuan_list": COMMON_SATUAN,
        "fill_task": open_fill_task(form),
        "reads_all": access.reads_all_forms(user, form.process.organization_id),
    }
    context.update(extra)
    return context


@dataclass
class OverviewItem:
    unit: Unit
    form: FormRkt | None
    total: Decimal
    pagu: Decimal
    rows: int
    return_form: ReturnForm | None = None


def overview_context(
    user, process: Process, *, failed: int | None = None, return_form=None, error: str = ""
) -> dict:
    """Per unit: its form's state, total anggaran and pagu; the return form where allowed."""
    forms = {
        form.unit_id: form
        for form in process.unit_forms.select_related(
            "unit", "submitted_by__employee", "returned_by__employee"
        ).prefetch_related("rows")
    }
    units = Unit.objects.filter(organization_id=process.organization_id, fills_form_rkt=True)
    units = list(units) + [f.unit for f in forms.values() if not f.unit.fills_form_rkt]
    collecting = process.step_runs.filter(
        step__action=KUMPUL_FORM, status=StepRun.Status.ACTIVE
    ).exists()
    may_return = collecting and access.can_return(user, process.organization_id)
    for_someone = access.acts_for_returner(user, process)
    items = []
    pagu = pagu_by_unit(process)
    for unit in units:
        form = forms.get(unit.pk)
        item = _item(unit, form, pagu.get(unit.pk, Decimal(0)))
        if form is not None and form.is_submitted and may_return:
            bound = return_form if failed == form.pk else None
            item.return_form = bound or ReturnForm(
                acting_for_someone=for_someone, unit_form_pk=form.pk
            )
        items.append(item)
    submitted = sum(1 for item in items if item.form is not None and item.form.is_submitted)
    return {
        "process": process,
        "items": items,
        "submitted": submitted,
        "waiting": len(items) - submitted,
        "total": sum((item.total for item in items), Decimal(0)),
        "pagu": sum((item.pagu for item in items), Decimal(0)),
        "collecting": collecting,
        "collect_task": editing_task(process, KUMPUL_FORM, user) if collecting else None,
        "failed": failed,
        "error": error,
    }


def _pagu_by_unit(renstra_id: int, year: int):
    from erkt.rkt.models import Pagu

    return (
        Pagu.objects.filter(year=year, sub_kegiatan__kegiatan__program__renstra_id=renstra_id)
        .values("sub_kegiatan__unit")
        .annotate(total=Sum("amount"))
        .values_list("sub_kegiatan__unit", "total")
    )


# Compiled once (erkt.compiled_sql): every Form RKT page and the leaders' home read it.
PAGU_BY_UNIT = Shape(_pagu_by_unit)


def pagu_by_unit(process: Process) -> dict[int, Decimal]:
    """{unit id: the year's pagu of the unit's sub kegiatan} in the Renstra covering the year."""
    from erkt.rkt.models import Renstra

    renstra = Renstra.covering(process.organization, process.year)
    if renstra is None:
        return {}
    return dict(PAGU_BY_UNIT.rows(renstra.pk, process.year))


def _item(unit: Unit, form: FormRkt | None, pagu: Decimal) -> OverviewItem:
    if form is None:
        return OverviewItem(unit, None, Decimal(0), pagu, 0)
    rows = list(form.rows.all())
    total = sum((row.anggaran for row in rows), Decimal(0))
    return OverviewItem(unit, form, total, pagu, len(rows))
