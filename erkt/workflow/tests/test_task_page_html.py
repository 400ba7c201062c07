"""The task page and the fragments htmx swaps are written in Python (erkt.workflow.task_html):
their HTML is the template's they replaced (former_task.html, workflow/task.html as it was),
in every state a reader meets, in both languages, `<script>` in the values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import engines
from django.template.context import make_context
from django.urls import reverse
from django.utils import timezone, translation

from erkt.org.models import Unit
from erkt.workflow import engine, task_html
from erkt.workflow.forms import CompleteTaskForm, WithdrawTaskForm
from erkt.workflow.models import Process, Task
from erkt.workflow.pages import get_task
from erkt.workflow.tests.page_helpers import (
    MONDAY,
    at,
    finish,
    open_task,
    pdf,
    request_of,
    run_to,
    start,
)
from erkt.workflow.views import tasks

HERE = Path(__file__).parent
EVIL = '<script>alert("x")</script> & Co'
CSRF = re.compile(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')
FRAGMENTS = ("task_main", "attachments", "assignment")


def former():
    return engines["django"].from_string((HERE / "former_task.html").read_text())


@pytest.fixture
def running(demo, kepala, time_machine) -> Process:
    """RKT 2027 at step 5 (the Tim's lane task, two holders), a unit named with markup."""
    time_machine.move_to(at(MONDAY), tick=False)
    process = start(demo, kepala)
    Unit.objects.filter(organization=demo, short_name="PPIK").update(name=EVIL)
    run_to(process, 5)
    return process


def masked(html: str) -> str:
    return CSRF.sub(r"\1-", html)


def assert_same(user, task_id: int, change=None, **overrides) -> str:
    """The page and each fragment are the former template's and its partials', for the
    view's context with `overrides` (and the task changed by `change`), in both languages;
    the Indonesian page."""
    written = {}
    for language in ("id", "en"):
        with translation.override(language):
            request = request_of(user, reverse("workflow:task", args=[task_id]))
            task = get_task(user, task_id)
            if change:
                change(task)
            context = tasks.task_context(request, task, **overrides)
            html = masked(tasks.render_task(request, task, dict(context)).content.decode())
            template = former()
            with timezone.override(task.process.organization.time_zone):
                expected = masked(template.render(context, request))
                assert html == expected, language
                for name in FRAGMENTS:
                    fragment = task_html.FRAGMENTS[name](request, {**context, "csrf_token": "-"})
                    assert fragment == partial(template, name, context, request), name
            written[language] = html
    return written["id"]


def partial(template, name: str, context: dict, request) -> str:
    """`{% partial name %}` of the former template, rendered as render() would render
    "workflow/task.html#name" for the request."""
    proxy = template.template.extra_data["partials"][name]
    bound = make_context({**context, "csrf_token": "-"}, request)
    with bound.bind_template(template.template):
        return proxy.render(bound)


def test_the_assignee_of_a_lane_task_with_its_forms(running, tim1):
    lane = open_task(running, 5)
    html = assert_same(tim1, lane.pk)
    assert 'id="task-complete"' in html and "Ambil tugas" in html


def test_the_kasubbag_and_an_administrator_get_the_reassign_form(
    running, kasubbag_perencanaan, administrator
):
    lane = open_task(running, 5)
    assert "Alihkan" in assert_same(kasubbag_perencanaan, lane.pk)
    html = assert_same(administrator, lane.pk)
    assert 'name="on_behalf_reason"' in html


def test_a_claimed_task_for_its_claimant_and_another_holder(running, tim1, tim2):
    lane = open_task(running, 5)
    engine.claim_task(lane, by=tim1)
    engine.add_attachment(lane, by=tim1, file=pdf(f"{EVIL}.pdf"))
    assert "Lepaskan tugas" in assert_same(tim1, lane.pk)
    html = assert_same(tim2, lane.pk)
    assert "sedang dikerjakan oleh" in html and "<script>" not in html


def test_a_unit_task_with_the_earlier_outputs(running, kabid_ppik, kasubbag_perencanaan):
    run_to(running, 7)
    unit_task = open_task(running, 7, "PPIK")
    html = assert_same(kabid_ppik, unit_task.pk)
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert_same(kasubbag_perencanaan, unit_task.pk)


def test_a_decision_refused_with_its_bound_form(running, sekretaris):
    run_to(running, 9)
    decision = open_task(running, 9)
    form = CompleteTaskForm({"decision": "tidak", "note": EVIL}, task=decision)
    form.is_valid()
    form.add_error(None, EVIL)
    assert 'type="radio"' in assert_same(sekretaris, decision.pk)
    html = assert_same(sekretaris, decision.pk, complete_form=form, error=EVIL)
    assert " checked>" in html and "<script>" not in html


def test_a_done_task_for_its_completer_and_a_refused_withdrawal(running, kepala):
    done = running.tasks.get(step_run__number=4, successors__isnull=False)  # opened step 5
    html = assert_same(done.completed_by, done.pk)
    assert 'id="withdraw-task"' in html
    refused = WithdrawTaskForm({"reason": ""})
    refused.is_valid()
    refused.add_error(None, EVIL)
    assert " open>" in assert_same(done.completed_by, done.pk, withdraw_form=refused, error=EVIL)
    assert_same(kepala, done.pk)


def test_a_done_task_of_a_plh_on_behalf_with_its_decision_and_note(running, kepala):
    first = running.tasks.get(step_run__number=1)

    def acted(task: Task) -> None:
        task.completed_acting_kind, task.completed_for = "plh", EVIL
        task.decision, task.note, task.on_behalf_reason = "tidak", EVIL, EVIL
        task.completed_by.employee.name = EVIL

    html = assert_same(kepala, first.pk, change=acted)
    assert "Plh." in html and "<script>" not in html


def test_a_reopened_task_in_its_second_pass_withdrawn_once(running, tim1):
    lane = open_task(running, 5)

    def reopened(task: Task) -> None:
        task.pass_number, task.return_reason, task.withdraw_reason = 2, EVIL, EVIL
        task.step_run.step.keterangan = EVIL

    html = assert_same(tim1, lane.pk, change=reopened)
    assert "putaran 2" in html and "Catatan koreksi" in html


def test_a_step_with_its_own_pages_and_supporting_files(running, tim1):
    lane = open_task(running, 5)
    engine.add_attachment(lane, by=tim1, file=pdf())
    links = [(EVIL, "/rkt/?a=1&b=2"), ("Rekap", "/rkt/rekap/")]
    for needs_file in (True, False):
        html = assert_same(tim1, lane.pk, links=links, supporting_files=True, needs_file=needs_file)
        assert 'id="task-links"' in html and "(1)" in html


def test_the_notices_and_errors_of_the_fragments(running, tim1, administrator):
    lane = open_task(running, 5)
    html = assert_same(
        tim1,
        lane.pk,
        notice=EVIL,
        attachments_notice=EVIL,
        assignment_notice=EVIL,
        assignment_error=EVIL,
        attachments_error=EVIL,
    )
    assert 'hx-swap-oob="true"' in html
    # Someone who may not upload sees the upload's error without the form.
    assert "alert-danger py-2 mb-0" in assert_same(
        administrator, lane.pk, attachments_error=EVIL, upload_form=None
    )


def test_a_suspended_process_and_a_cancelled_task(running, kepala, tim1):
    lane = open_task(running, 5)
    engine.suspend_process(running, by=kepala, reason=EVIL)
    assert 'id="suspension"' in assert_same(tim1, lane.pk)
    engine.resume_process(running, by=kepala)
    engine.cancel_process(running, by=kepala, reason=EVIL)
    assert "Tugas ini dibatalkan." in assert_same(tim1, lane.pk)


def test_a_finished_step_of_a_unit_for_another_reader(running, kepala, kabid_mpk):
    run_to(running, 7)
    finish(open_task(running, 7, "MPK"), note=EVIL)
    done = running.tasks.get(step_run__number=7, unit__short_name="MPK")
    assert_same(kabid_mpk, done.pk)
    assert_same(kepala, done.pk)
