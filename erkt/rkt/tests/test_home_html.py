"""The RKT's Form RKT panels are written in Python (erkt.rkt.home_html): their HTML is the
templates' (rkt/home/forms.html, unit.html, _form_status.html), for each reader and form
state, in both languages, `<script>` in the names and the reasons."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from erkt.org.models import Employee, Unit
from erkt.rkt.home_html import forms_card, unit_card
from erkt.rkt.home_panels import FormLine, forms_panel, unit_panel
from erkt.rkt.tests.form_fixtures import form_of, form_process, submit_all, user
from erkt.rkt.unit_forms.models import FormRkt
from erkt.rkt.unit_forms.services import return_form, submit_form
from erkt.workflow.home import home_of

__all__ = ["form_process"]

EVIL = '<script>alert("x")</script> & Co'
TITLE = "<script>x</script> & Dr."  # within gelar_depan's 30 characters (PostgreSQL)
READERS = ["kasubbag.perencanaan", "tim1", "kabid.ppik", "kabid.psdm", "kasubbag.umum"]


def assert_same(context: dict | None, template: str, render) -> None:
    if context is None:
        return
    for language in ("id", "en"):
        with translation.override(language):
            assert render(context) == render_to_string(template, context), language


def assert_panels_read_as_the_templates(username: str) -> None:
    home = home_of(user(username))
    assert_same(forms_panel(home), "rkt/home/forms.html", forms_card)
    assert_same(unit_panel(home), "rkt/home/unit.html", unit_card)


def make_evil(process) -> None:
    for unit in Unit.objects.filter(organization_id=process.organization_id):
        Unit.objects.filter(pk=unit.pk).update(name=EVIL + unit.name)
    Employee.objects.filter(organization_id=process.organization_id).update(gelar_depan=TITLE)


@pytest.mark.parametrize("username", READERS)
def test_the_forms_as_issued_read_as_the_templates_wrote_them(form_process, username):
    make_evil(form_process)
    assert_panels_read_as_the_templates(username)


@pytest.mark.parametrize("username", READERS)
def test_sent_returned_and_late_forms_read_as_the_templates_wrote_them(
    form_process, username, time_machine
):
    from erkt.rkt.tests.form_fixtures import at

    due = form_process.tasks.filter(step_run__number=4).first().due_date
    submit_all(form_process)
    return_form(form_of(form_process, "PSDM"), by=user("tim1"), reason=EVIL)
    time_machine.move_to(at(due + datetime.timedelta(days=3)), tick=False)
    make_evil(form_process)
    assert_panels_read_as_the_templates(username)


def test_every_line_and_correction_state_reads_as_the_templates_wrote_it(form_process):
    submit_form(form_of(form_process, "PPIK"), by=user("kabid.ppik"))
    make_evil(form_process)
    forms = list(FormRkt.objects.filter(process=form_process).select_related("unit"))
    returned = forms[1]
    returned.status = FormRkt.Status.RETURNED
    returned.returned_by, returned.returned_at = user("tim1"), timezone.now()
    returned.return_reason = EVIL
    anonymous = forms[2]
    anonymous.status, anonymous.returned_at = FormRkt.Status.RETURNED, None
    lines = [
        FormLine(form.unit, form, 3, Decimal("1250000.50"), late=i % 2)
        for i, form in enumerate(forms)
    ]
    lines.append(FormLine(forms[0].unit, None, 0, Decimal(0), late=True))
    lines.append(FormLine(forms[0].unit, None, 1001, Decimal("-0"), late=False))
    for corrections in ({}, {"open": 2}, {"open": 0, "accepted": 1, "rejected": 3, "noted": 4}):
        context = {"process": form_process, "lines": lines, "corrections": corrections}
        assert_same(context, "rkt/home/unit.html", unit_card)
    for late in ([], lines[:2]):
        context = {"process": form_process, "lines": lines, "sent": 1, "late": late}
        assert_same(context, "rkt/home/forms.html", forms_card)
    assert "<script>" not in unit_card(context | {"corrections": {}})
    assert "<script>" not in forms_card(context)


def test_the_signing_summary_reads_as_the_template_wrote_it(at_step_9):
    from django.db import connection

    from erkt.rkt.drafts.models import DraftRkt, DraftRow
    from erkt.rkt.home_panels import SIGNING_TEMPLATE, Changes, signing_card, signing_panel

    latest = DraftRkt.objects.latest_of(at_step_9)
    ids = list(latest.rows.order_by("order").values_list("pk", flat=True))
    with connection.cursor() as cursor:  # rows are immutable to the ORM
        table = DraftRow._meta.db_table
        cursor.execute(f"UPDATE {table} SET target = 'x' WHERE id = %s", [ids[0]])
        cursor.execute(f"UPDATE {table} SET key = key || '-baru' WHERE id = %s", [ids[1]])
    context = signing_panel(home_of(user("kepala")))
    assert context["draft"].number == 2 and context["changes"].changed
    first = DraftRkt.objects.get(process=at_step_9, number=1)
    variants = [
        {},
        {"draft": first, "changes": Changes()},
        {"open_comments": 3},
        {"over_pagu": True, "total": Decimal("1234567.89")},
        {"pagu": Decimal(0), "over_pagu": Decimal(0), "total": Decimal("-0.00")},
        {"changes": Changes(["a"] * 1200, ["b"], [])},
    ]
    for variant in variants:
        assert_same(context | variant, SIGNING_TEMPLATE, signing_card)
