"""The RKT's panels on the home page: each role its own, a Kabid only its unit, fixed queries."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from erkt.rkt.drafts.models import DraftRkt
from erkt.rkt.templatetags.rkt_format import rupiah
from erkt.rkt.tests.drafts_helpers import at_step_6, at_step_7, at_step_8, compiled
from erkt.rkt.tests.form_fixtures import form_of, form_process
from erkt.rkt.unit_forms.pages import pagu_by_unit
from erkt.rkt.unit_forms.services import submit_form
from erkt.workflow.tests.page_helpers import query_count

__all__ = ["at_step_6", "at_step_7", "at_step_8", "compiled", "form_process"]

HOME = reverse("home")


def panels(html: str) -> list[str]:
    return re.findall(r'data-panel="([a-z_]+)"', html)


def section(html: str, element_id: str) -> str:
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</section>", start)]


def test_the_kepala_sees_progress_and_what_is_left_before_signing(client_for, kepala, at_step_8):
    html = client_for(kepala).get(HOME).content.decode()
    assert panels(html) == ["gantt", "late", "rkt_signing"]
    signing = section(html, "home-signing")
    draft = DraftRkt.objects.latest_of(at_step_8)
    rows = list(draft.rows.all())
    total = sum((row.anggaran or Decimal(0) for row in rows), Decimal(0))
    assert rupiah(total) in signing
    assert rupiah(sum(pagu_by_unit(at_step_8).values(), Decimal(0))) in signing
    assert f'<div class="stat">{len(rows)}</div>' in signing
    assert "belum ada versi baru" in signing  # still version 1 at step 8


def test_the_sekretaris_sees_the_signing_summary_too(client_for, sekretaris, at_step_8):
    html = client_for(sekretaris).get(HOME).content.decode()
    assert "rkt_signing" in panels(html)


def test_the_planners_see_the_forms_recap_not_the_signing_summary(
    client_for, tim1, kasubbag_perencanaan, kabid_ppik, form_process
):
    submit_form(form_of(form_process, "PPIK"), by=kabid_ppik)
    for member in (tim1, kasubbag_perencanaan):
        html = client_for(member).get(HOME).content.decode()
        assert "rkt_forms" in panels(html)
        assert "rkt_signing" not in panels(html)
        recap = section(html, "home-forms")
        assert "1 dari 5 unit sudah mengirim" in recap
        assert len(re.findall(r"data-unit-form=", recap)) == 5


def test_the_forms_recap_names_the_late_units(client_for, tim1, form_process, time_machine):
    from erkt.rkt.tests.form_fixtures import at

    due = form_process.tasks.filter(step_run__number=4).first().due_date
    time_machine.move_to(at(due + datetime.timedelta(days=3)), tick=False)
    html = client_for(tim1).get(HOME).content.decode()
    late = html[html.index('id="home-forms-late"') :]
    assert "Bidang" in late[: late.index("</div>")]


def test_a_kabid_sees_only_its_units_form(client_for, kabid_ppik, form_process):
    html = client_for(kabid_ppik).get(HOME).content.decode()
    assert panels(html) == ["rkt_unit"]
    unit = section(html, "home-unit")
    ppik = form_of(form_process, "PPIK")
    assert re.findall(r'data-unit-form="(\d+)"', unit) == [str(ppik.unit_id)]
    assert reverse("rkt:unit_form", args=[ppik.pk]) in unit
    assert form_of(form_process, "PSDM").unit.name not in html


def test_a_kabid_reads_why_its_form_came_back(client_for, kabid_ppik, tim1, form_process):
    from django.utils import timezone

    from erkt.rkt.unit_forms.models import FormRkt

    FormRkt.objects.filter(pk=form_of(form_process, "PPIK").pk).update(
        status="returned",
        return_reason="Target IKU 2 kosong",
        returned_by=tim1,
        returned_at=timezone.now(),
    )
    unit = section(client_for(kabid_ppik).get(HOME).content.decode(), "home-unit")
    assert "Dikembalikan" in unit
    assert "Target IKU 2 kosong" in unit


def test_another_offices_user_sees_none_of_our_panels(client_for, stranger, at_step_8):
    html = client_for(stranger).get(HOME).content.decode()
    assert panels(html) == []
    assert "home-signing" not in html


def test_the_signing_summary_goes_once_signed(client_for, kepala, at_step_8):
    from erkt.workflow.models import StepRun

    StepRun.objects.filter(process=at_step_8, number=10).update(status="done")
    assert "rkt_signing" not in panels(client_for(kepala).get(HOME).content.decode())


# --- Query counts: fixed, whatever the number of tasks and processes ------------------------
# Everyone: session, user with employee (erkt.org.signed_in), positions, open tasks, late
# tasks under them, the running process; with a panel: its step runs and its tasks (2), and
# the holders of the late tasks when one is late (none here).
# The signing summary: drafts, their rows, Renstra, pagu, open comments (1 before a draft).
# The forms recap: forms, units. A unit head's form: forms, corrections (the units come with
# the head's positions; the Kepala heads the Badan, which fills no form: forms).


@pytest.mark.parametrize(("member", "expected"), [("kepala", 10), ("kabid_ppik", 10), ("tim1", 9)])
def test_the_home_query_count_at_step_4(client_for, form_process, member, expected, request):
    client = client_for(request.getfixturevalue(member))
    assert query_count(lambda: client.get(HOME)) == expected


@pytest.mark.parametrize(("member", "expected"), [("kepala", 14), ("kabid_ppik", 10), ("tim1", 9)])
def test_the_home_query_count_at_step_8(client_for, at_step_8, member, expected, request):
    client = client_for(request.getfixturevalue(member))
    assert query_count(lambda: client.get(HOME)) == expected


@pytest.mark.parametrize("member", ["kepala", "kabid_ppik", "tim1"])
def test_the_home_costs_as_much_beside_more_processes(
    client_for, demo, kepala, at_step_8, member, request
):
    from erkt.workflow.tests.page_helpers import start

    client = client_for(request.getfixturevalue(member))
    before = query_count(lambda: client.get(HOME))
    for year in (2025, 2026):
        start(demo, kepala, year=year)
    assert query_count(lambda: client.get(HOME)) == before


def test_a_plh_sees_the_form_of_the_unit_they_stand_in_for(
    client_for, kabid_mpk, administrator, form_process
):
    import datetime as dt

    from erkt.org.models import Employee, Substitution
    from erkt.rkt.tests.form_fixtures import START

    psdm = form_of(form_process, "PSDM")
    Substitution.objects.create(
        organization=form_process.organization,
        position=psdm.unit.head_position,
        substitute=Employee.objects.get(user=kabid_mpk),
        kind=Substitution.Kind.PLH,
        start_date=START,
        end_date=START + dt.timedelta(days=30),
        sp_number="800.1.11.1/007/BKPSDM/2026",
        sp_date=START,
        created_by=administrator,
    )
    unit = section(client_for(kabid_mpk).get(HOME).content.decode(), "home-unit")
    shown = set(re.findall(r'data-unit-form="(\d+)"', unit))
    assert shown == {str(psdm.unit_id), str(form_of(form_process, "MPK").unit_id)}


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_kept_card_before_the_first_draft_is_the_templates_in_each_language(language):
    from django.template.loader import render_to_string
    from django.utils import translation

    from erkt.rkt.home_panels import SIGNING_TEMPLATE, signing_card

    for _ in range(2):  # built, then kept
        with translation.override(language):
            expected = render_to_string(SIGNING_TEMPLATE, {"draft": None})
            assert signing_card({"draft": None}) == expected
    with translation.override("id"):
        indonesian = signing_card({"draft": None})
    with translation.override("en"):
        assert signing_card({"draft": None}) != indonesian


# --- The panels read values, not instances: the same as the models and diff_rows -----------


def test_the_homes_rows_are_the_models(kepala, form_process, time_machine):
    from erkt.rkt.tests.form_fixtures import at
    from erkt.workflow.home import home_of
    from erkt.workflow.models import StepRun, Task

    submit_form(form_of(form_process, "PPIK"), by=user_of("kabid.ppik"))
    due = form_process.tasks.filter(step_run__number=4).first().due_date
    time_machine.move_to(at(due + datetime.timedelta(days=3)), tick=False)
    home = home_of(kepala)
    runs = StepRun.objects.filter(process=form_process).order_by("number")
    assert [(r.pk, r.number, r.status, r.passes, r.step.uraian) for r in home.runs] == [
        (r.pk, r.number, r.status, r.passes, r.step.uraian) for r in runs
    ]
    assert home.step_actions == [run.step.action for run in runs]
    tasks = Task.objects.filter(process=form_process).exclude(status="cancelled")
    by_pk = {task.pk: task for task in tasks}
    assert sorted(by_pk) == sorted(task.pk for task in home.tasks)
    for row in home.tasks:
        task = by_pk[row.pk]
        assert (row.status, row.due_date, row.pass_number, row.step_run.number) == (
            task.status,
            task.due_date,
            task.pass_number,
            task.step_run.number,
        )
        unit = (row.unit.name, row.unit.order) if row.unit else None
        assert unit == ((task.unit.name, task.unit.order) if task.unit_id else None)
        assert row.position.title == task.position.title


def user_of(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_the_signing_summary_counts_the_changes_as_diff_rows_does(at_step_9):
    from django.db import connection

    from erkt.rkt.drafts.diff import diff_rows
    from erkt.rkt.drafts.models import DraftRow
    from erkt.rkt.home_panels import DRAFT_ROWS, changes_between, pagu_total

    first, latest = DraftRkt.objects.filter(process=at_step_9).order_by("number")
    ids = list(latest.rows.order_by("order").values_list("pk", flat=True))
    table = DraftRow._meta.db_table
    with connection.cursor() as cursor:  # rows are immutable to the ORM
        cursor.execute(f"UPDATE {table} SET target = 'x' WHERE id = %s", [ids[0]])
        cursor.execute(f"UPDATE {table} SET anggaran = NULL WHERE id = %s", [ids[5]])
        cursor.execute(f"UPDATE {table} SET key = key || '-baru' WHERE id = %s", [ids[1]])
    rows = DRAFT_ROWS.rows(first.pk, latest.pk)
    found = changes_between(
        [r for r in rows if r[0] == first.pk], [r for r in rows if r[0] != first.pk]
    )
    expected = diff_rows(first.rows.all(), latest.rows.all())
    assert found.added == [row.key for row in expected.added]
    assert found.changed == [change.key for change in expected.changed]
    assert found.removed == [row.key for row in expected.removed]
    assert (len(found.added), len(found.changed), len(found.removed)) == (1, 2, 1)
    assert pagu_total(at_step_9) == sum(pagu_by_unit(at_step_9).values(), Decimal(0))


def test_the_signing_summary_shows_how_many_rows_changed_since_version_1(client_for, at_step_9):
    from django.db import connection

    from erkt.rkt.drafts.models import DraftRow

    latest = DraftRkt.objects.latest_of(at_step_9)
    ids = list(latest.rows.order_by("order").values_list("pk", flat=True))
    with connection.cursor() as cursor:  # rows are immutable to the ORM
        table = DraftRow._meta.db_table
        cursor.execute(f"UPDATE {table} SET target = 'x' WHERE id IN (%s, %s)", ids[:2])
        cursor.execute(f"UPDATE {table} SET key = key || '-baru' WHERE id = %s", [ids[2]])
    signing = section(client_for(user_of("kepala")).get(HOME).content.decode(), "home-signing")
    # Two rows changed, one removed and one added (a key is a row's identity).
    figure = '<div class="stat">4</div><div class="small text-body-secondary">'
    assert f"{figure}Baris berubah sejak versi 1</div>" in signing
    assert "1 baris ditambah, 2 diubah, 1 dihapus" in signing
