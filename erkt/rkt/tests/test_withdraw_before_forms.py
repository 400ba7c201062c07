"""Tarik kembali of step 3 while the units fill their Form RKT (step 4): a saved form
counts as work on the successor task (IsiForm.has_work)."""

import pytest

from erkt.rkt.tests.form_fixtures import first_sub_row, form_of, form_process, user
from erkt.rkt.unit_forms.services import save_row, submit_form
from erkt.workflow import engine
from erkt.workflow.errors import Conflict
from erkt.workflow.models import Task

__all__ = ["form_process"]


def step_3(process) -> Task:
    return Task.objects.get(process=process, step_run__number=3)


def test_it_refuses_once_a_unit_saved_its_form(form_process, time_machine):
    time_machine.shift(60)
    save_row(first_sub_row(form_of(form_process, "MPK")), by=user("kabid.mpk"))
    task = step_3(form_process)
    with pytest.raises(Conflict, match="MPK"):
        engine.withdraw_task(task, by=task.completed_by, reason="Jadwal salah")


def test_untouched_forms_let_step_3_be_taken_back(form_process):
    task = step_3(form_process)
    engine.withdraw_task(task, by=task.completed_by, reason="Jadwal salah")
    assert set(
        Task.objects.filter(process=form_process, step_run__number=4).values_list(
            "status", flat=True
        )
    ) == {Task.Status.WITHDRAWN}


def test_a_unit_taking_its_sent_form_back_can_edit_it_again(form_process):
    form = form_of(form_process, "MPK")
    submit_form(form, by=user("kabid.mpk"))
    task = Task.objects.get(process=form_process, step_run__number=4, unit__short_name="MPK")
    engine.withdraw_task(task, by=user("kabid.mpk"), reason="Pagu salah ketik")
    form.refresh_from_db()
    assert form.is_editable and form.return_reason == "Pagu salah ketik"
